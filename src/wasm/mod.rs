//! The JavaScript boundary: converts, calls, converts back. No business rule lives here.
//!
//! Every export runs inside `guard`, which turns an error into a JS `Error` carrying `code`,
//! `path` and `findings`, and a panic (a bug of ours, never a way to report bad input) into a
//! JS `Error` with code `internal_error` while the module stays usable: the crate is built with
//! panic=unwind for wasm32 (see README, "Panic policy").

mod bench;
mod convert;
mod typescript;

use wasm_bindgen::prelude::*;

use crate::model;
use crate::workspace;
use convert::{guard, to_js, JsResult};
use workspace::parse_status_date;

/// A portfolio kept resident in WebAssembly memory: load it once, then ask and edit.
#[wasm_bindgen]
pub struct Workspace {
    inner: workspace::Workspace,
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace { inner: workspace::Workspace::new() }
    }

    /// Loads a portfolio from JSON text or from a plain object of the same shape. Throws a
    /// `PmoError` when the document cannot be used; the workspace then keeps what it had.
    #[wasm_bindgen(unchecked_return_type = "LoadReport")]
    pub fn load(&mut self, #[wasm_bindgen(unchecked_param_type = "string | PortfolioDocument")] input: JsValue) -> JsResult {
        guard(|| {
            let (portfolio, findings) = convert::read_portfolio(&input)?;
            to_js(&self.inner.accept(portfolio, findings))
        })
    }

    /// Summary counts and totals of the loaded portfolio.
    #[wasm_bindgen(unchecked_return_type = "PortfolioSummary")]
    pub fn summary(&self) -> JsResult {
        guard(|| to_js(&self.inner.summary()?))
    }

    /// The organisation tree, depth first, one row per unit.
    #[wasm_bindgen(js_name = orgTree, unchecked_return_type = "OrgTreeRow[]")]
    pub fn org_tree(&self) -> JsResult {
        guard(|| to_js(&self.inner.org_tree()?))
    }

    /// One row per project, in document order.
    #[wasm_bindgen(js_name = listProjects, unchecked_return_type = "ProjectListItem[]")]
    pub fn list_projects(&self) -> JsResult {
        guard(|| to_js(&self.inner.projects()?))
    }

    /// The whole project, as in the document. Throws `not_found` for an unknown id.
    #[wasm_bindgen(unchecked_return_type = "ProjectDocument")]
    pub fn project(&self, id: &str) -> JsResult {
        guard(|| to_js(self.inner.project(id)?))
    }

    /// Replaces the project with the same id (JSON text or object). The portfolio is validated
    /// with it in place; on an error the old project stays and a `PmoError` is thrown.
    #[wasm_bindgen(js_name = replaceProject, unchecked_return_type = "LoadReport")]
    pub fn replace_project(&mut self, #[wasm_bindgen(unchecked_param_type = "string | ProjectDocument")] input: JsValue) -> JsResult {
        guard(|| {
            let project = convert::read_project(&input)?;
            to_js(&self.inner.replace_project(project)?)
        })
    }

    /// The warnings of the loaded portfolio, or of one project when an id is given.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self, #[wasm_bindgen(js_name = "projectId")] project_id: Option<String>) -> JsResult {
        guard(|| match project_id {
            Some(id) => to_js(&self.inner.project_findings(&id)?),
            None => to_js(self.inner.findings()),
        })
    }

    /// Imports MS Project XML (MSPDI) text as the project `projectId` (replacing one with that
    /// id, or added). Throws `PmoError` (`xml_syntax`, `not_mspdi`, ...) and keeps the
    /// portfolio as it was when the file cannot be used.
    #[wasm_bindgen(js_name = importMspdi, unchecked_return_type = "LoadReport")]
    pub fn import_mspdi(&mut self, xml: &str, #[wasm_bindgen(js_name = "projectId")] project_id: &str) -> JsResult {
        guard(|| to_js(&self.inner.import_mspdi(xml, project_id)?))
    }

    /// Replaces one part of a project from CSV: `kind` is "activities", "links", "risks" or
    /// "snapshots" (columns in the README). Every problem is reported with its row and column;
    /// on any error the project is left as it was.
    #[wasm_bindgen(js_name = importCsv, unchecked_return_type = "LoadReport")]
    pub fn import_csv(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(unchecked_param_type = "CsvKind")] kind: &str, text: &str) -> JsResult {
        guard(|| {
            let kind = crate::import::csv::CsvKind::from_name(kind).ok_or_else(|| {
                convert::ReadError::from(workspace::WorkspaceError::InvalidOption {
                    field: "kind".to_string(),
                    why: format!("\"{kind}\" is not a kind of CSV; use activities, links, risks or snapshots"),
                })
            })?;
            to_js(&self.inner.import_csv(project_id, kind, text)?)
        })
    }

    /// The critical-path schedule of one project: dates, float (working minutes), critical
    /// path, driving predecessors, float bands and findings. `criticalFloatDays` (default 0)
    /// sets what counts as critical. The project's compiled network stays resident, so calling
    /// this again reruns only the passes.
    #[wasm_bindgen(unchecked_return_type = "ProjectSchedule")]
    pub fn schedule(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(js_name = "criticalFloatDays")] critical_float_days: Option<f64>) -> JsResult {
        guard(|| to_js(&self.inner.schedule(project_id, &options(critical_float_days))?))
    }

    /// Bulk dates for large plans, after a full reschedule: six numbers per scheduled activity,
    /// in the order of `schedule().activities`: early start, early finish, late start, late
    /// finish (minutes since 1970-01-01 00:00 plan time, so `new Date(m * 60000)` read in UTC),
    /// total float and free float (working minutes).
    #[wasm_bindgen(js_name = scheduleArrays)]
    pub fn schedule_arrays(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str) -> Result<js_sys::Float64Array, JsValue> {
        guard(|| {
            let values = self.inner.schedule_arrays(project_id)?;
            Ok::<_, convert::ReadError>(js_sys::Float64Array::from(values.as_slice()))
        })
    }

    /// Earned value of a project or an organisation unit at `statusDate` (YYYY-MM-DD; by default
    /// the project's, else the portfolio's status date). A unit sums its projects and recomputes
    /// its ratios; projects in another currency need `rates` (currency -> value of one unit in
    /// the portfolio's currency), or the call is refused with `mixed_currencies`. Undefined
    /// ratios are null, with the reason under `reasons`.
    #[wasm_bindgen(js_name = earnedValue, unchecked_return_type = "EarnedValueReport")]
    pub fn earned_value(
        &mut self,
        id: &str,
        #[wasm_bindgen(js_name = "statusDate")] status_date: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number> | null")] rates: JsValue,
    ) -> JsResult {
        guard(|| {
            let status = status_date.as_deref().map(parse_status_date).transpose()?;
            let rates = if rates.is_null() || rates.is_undefined() {
                None
            } else {
                Some(serde_wasm_bindgen::from_value(rates).map_err(|_| convert::ReadError::WrongInput("rates that are not an object of numbers".to_string()))?)
            };
            to_js(&self.inner.earned_value(id, status, rates)?)
        })
    }

    /// A project's S-curve by month: PV, EV, AC and the forecast to completion, as Float64Arrays.
    #[wasm_bindgen(js_name = earnedValueSeries, unchecked_return_type = "EarnedValueSeries")]
    pub fn earned_value_series(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(js_name = "statusDate")] status_date: Option<String>) -> JsResult {
        guard(|| {
            let status = status_date.as_deref().map(parse_status_date).transpose()?;
            let series = self.inner.earned_value_series(project_id, status)?;
            convert::series_to_js(&series)
        })
    }

    /// Every project's CPI, SPI, SPI(t), EAC and VAC at `statusDate` (by default each
    /// project's own), each in its project's currency.
    #[wasm_bindgen(js_name = earnedValueTable, unchecked_return_type = "EarnedValueRow[]")]
    pub fn earned_value_table(&mut self, #[wasm_bindgen(js_name = "statusDate")] status_date: Option<String>) -> JsResult {
        guard(|| {
            let status = status_date.as_deref().map(parse_status_date).transpose()?;
            to_js(&self.inner.earned_value_table(status)?)
        })
    }

    /// One project's risk register scored on a scheme (`options.scheme`: "fiveByFive" or
    /// "pmbok"), with its heat map (inherent or residual, `options.view`), expected monetary
    /// value, contingency and management reserve (`options.contingency`,
    /// `options.managementReserveShare`) and exposure over its status snapshots.
    #[wasm_bindgen(js_name = riskRegister, unchecked_return_type = "RiskRegisterView")]
    pub fn risk_register(
        &mut self,
        #[wasm_bindgen(js_name = "projectId")] project_id: &str,
        #[wasm_bindgen(unchecked_param_type = "RiskOptions | null")] options: JsValue,
    ) -> JsResult {
        guard(|| {
            let options: workspace::RiskOptions = convert::read_options(&options)?;
            to_js(&self.inner.risk_register(project_id, &options)?)
        })
    }

    /// Risk exposure of an organisation unit (its projects and those below it), or of the whole
    /// portfolio when `id` is null, in the portfolio's currency; other currencies need
    /// `options.rates`, or the call is refused with `mixed_currencies`.
    #[wasm_bindgen(js_name = riskExposure, unchecked_return_type = "ExposureReport")]
    pub fn risk_exposure(&self, id: Option<String>, #[wasm_bindgen(unchecked_param_type = "RiskOptions | null")] options: JsValue) -> JsResult {
        guard(|| {
            let options: workspace::RiskOptions = convert::read_options(&options)?;
            to_js(&self.inner.risk_exposure(id.as_deref(), &options)?)
        })
    }

    /// Health of a project or of an organisation unit (`id`), with the evidence behind every
    /// colour. `options.scale` picks a preset ("rag3" or "deliveryConfidence5"), or
    /// `options.policy` gives the PMO's own thresholds and weights.
    #[wasm_bindgen(unchecked_return_type = "HealthReport")]
    pub fn health(&mut self, id: &str, #[wasm_bindgen(unchecked_param_type = "HealthOptions | null")] options: JsValue) -> JsResult {
        guard(|| {
            let options: workspace::HealthOptions = convert::read_options(&options)?;
            to_js(&self.inner.health(id, &options)?)
        })
    }

    /// Health of every project in the portfolio, worst first, with the band counts and the
    /// budget-weighted score.
    #[wasm_bindgen(js_name = portfolioHealth, unchecked_return_type = "UnitHealth")]
    pub fn portfolio_health(&mut self, #[wasm_bindgen(unchecked_param_type = "HealthOptions | null")] options: JsValue) -> JsResult {
        guard(|| {
            let options: workspace::HealthOptions = convert::read_options(&options)?;
            to_js(&self.inner.portfolio_health(&options)?)
        })
    }

    /// Plan, actual, forecast and outlook by month of a fiscal year (capex, opex and total),
    /// with the full-year figures, for a project, an organisation unit or the portfolio (`id`).
    #[wasm_bindgen(unchecked_return_type = "FinancialsReport")]
    pub fn financials(&mut self, id: &str, #[wasm_bindgen(unchecked_param_type = "FinancialsOptions | null")] options: JsValue) -> JsResult {
        guard(|| {
            let options: FinancialsOptions = convert::read_options(&options)?;
            to_js(&self.inner.financials(id, options.fiscal_year, options.status_date, options.rates)?)
        })
    }

    /// Late and upcoming milestones across the projects of `id` (the whole portfolio when null).
    #[wasm_bindgen(unchecked_return_type = "MilestoneReport")]
    pub fn milestones(&mut self, id: Option<String>, #[wasm_bindgen(unchecked_param_type = "MilestoneOptions | null")] options: JsValue) -> JsResult {
        guard(|| {
            let options: MilestoneViewOptions = convert::read_options(&options)?;
            to_js(&self.inner.milestones(id.as_deref(), options.status_date, options.window_days)?)
        })
    }

    /// Capacity against demand by resource and role, month by month from `options.from`, over
    /// the projects of `id` (the whole portfolio when null), with the over-allocations and the
    /// activities causing them.
    #[wasm_bindgen(unchecked_return_type = "CapacityReport")]
    pub fn capacity(&mut self, id: Option<String>, #[wasm_bindgen(unchecked_param_type = "CapacityOptions")] options: JsValue) -> JsResult {
        guard(|| {
            let options: CapacityViewOptions = convert::read_part(&options)?;
            to_js(&self.inner.capacity(id.as_deref(), options.from, options.months, options.threshold)?)
        })
    }

    /// The DCMA 14-point schedule assessment of a project, each check with its threshold,
    /// count, value and the offending ids.
    #[wasm_bindgen(js_name = scheduleQuality, unchecked_return_type = "ScheduleQualityReport")]
    pub fn schedule_quality(
        &mut self,
        #[wasm_bindgen(js_name = "projectId")] project_id: &str,
        #[wasm_bindgen(js_name = "statusDate")] status_date: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "QualityOptions | null")] options: JsValue,
    ) -> JsResult {
        guard(|| {
            let options: crate::health::QualityOptions = convert::read_options(&options)?;
            let status = status_date.as_deref().map(workspace::parse_status_date).transpose()?;
            to_js(&self.inner.schedule_quality(project_id, status, &options)?)
        })
    }

    /// A Monte Carlo simulation of a project (`SimulationRequest`: iterations, seed, duration
    /// distributions, a default range for the rest, the register's risks and more, correlations,
    /// options). Checked here: bad distributions, probabilities, correlations or ids throw.
    #[wasm_bindgen(js_name = createSimulation)]
    pub fn create_simulation(
        &self,
        #[wasm_bindgen(js_name = "projectId")] project_id: &str,
        #[wasm_bindgen(unchecked_param_type = "SimulationRequest")] request: JsValue,
    ) -> Result<RiskSimulation, JsValue> {
        guard(|| {
            let request: workspace::SimulationRequest = convert::read_part(&request)?;
            Ok::<_, convert::ReadError>(RiskSimulation { inner: self.inner.simulation(project_id, request)? })
        })
    }

    /// What-if: sets an activity's duration in working days, reschedules its project and says
    /// what moved. Refused (and nothing changed) when the value is not valid.
    #[wasm_bindgen(js_name = setActivityDuration, unchecked_return_type = "ScheduleChange")]
    pub fn set_activity_duration(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(js_name = "activityId")] activity_id: &str, days: f64) -> JsResult {
        guard(|| to_js(&self.inner.set_activity_duration(project_id, activity_id, days)?))
    }

    /// What-if: adds a link. Refused when an activity is missing, the two are already linked,
    /// or the link would close a loop (the error names the activities on it).
    #[wasm_bindgen(js_name = addDependency, unchecked_return_type = "ScheduleChange")]
    pub fn add_dependency(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(unchecked_param_type = "DependencyDocument")] dependency: JsValue) -> JsResult {
        guard(|| {
            let dependency = convert::read_dependency(&dependency)?;
            to_js(&self.inner.add_dependency(project_id, dependency)?)
        })
    }

    /// What-if: removes the link from one activity to another.
    #[wasm_bindgen(js_name = removeDependency, unchecked_return_type = "ScheduleChange")]
    pub fn remove_dependency(
        &mut self,
        #[wasm_bindgen(js_name = "projectId")] project_id: &str,
        #[wasm_bindgen(js_name = "predecessorId")] predecessor_id: &str,
        #[wasm_bindgen(js_name = "successorId")] successor_id: &str,
    ) -> JsResult {
        guard(|| to_js(&self.inner.remove_dependency(project_id, predecessor_id, successor_id)?))
    }

    /// What-if: sets an activity's percent complete (0 to 100), recording actual dates as the
    /// README's "What-if" describes; its schedule and earned value move. Refused for a summary.
    #[wasm_bindgen(js_name = setPercentComplete, unchecked_return_type = "ProgressChange")]
    pub fn set_percent_complete(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(js_name = "activityId")] activity_id: &str, percent: f64) -> JsResult {
        guard(|| to_js(&self.inner.set_percent_complete(project_id, activity_id, percent)?))
    }

    /// What-if: sets a risk's probability before response (0 to 1).
    #[wasm_bindgen(js_name = setRiskProbability, unchecked_return_type = "RiskChange")]
    pub fn set_risk_probability(&mut self, #[wasm_bindgen(js_name = "projectId")] project_id: &str, #[wasm_bindgen(js_name = "riskId")] risk_id: &str, probability: f64) -> JsResult {
        guard(|| to_js(&self.inner.set_risk_probability(project_id, risk_id, probability)?))
    }

    /// The whole portfolio as JSON text, in the model's canonical form.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> Result<String, JsValue> {
        guard(|| self.inner.export_json())
    }
}

fn options(critical_float_days: Option<f64>) -> crate::schedule::result::ScheduleOptions {
    let mut options = crate::schedule::result::ScheduleOptions::default();
    if let Some(days) = critical_float_days.filter(|d| d.is_finite()) {
        options.critical_float_minutes = (days * model::MINUTES_PER_DAY as f64).round() as i64;
    }
    options
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

/// Checks a document without loading it: every finding, errors and warnings, as data. A
/// document that cannot be read at all gives one finding saying where. Never throws for bad data.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "string | PortfolioDocument")] input: JsValue) -> JsResult {
    guard(|| {
        let findings = match convert::read_portfolio(&input) {
            Ok((_, findings)) => findings,
            Err(convert::ReadError::Load(error)) => error.findings().to_vec(),
            Err(other @ convert::ReadError::WrongInput(_)) => {
                vec![model::Finding::error("wrong_type", "", other.to_string())]
            }
            Err(other) => return Err(other),
        };
        to_js(&findings)
    })
}

/// The schema version of the documents this build reads and writes.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    model::SCHEMA_VERSION
}

/// This library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, inside the guard every export uses. Only for the tests that prove a panic
/// becomes a catchable error and leaves the module usable; not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    guard(|| -> Result<(), convert::ReadError> { panic!("deliberate panic for the panic-policy test") })
}

/// A Monte Carlo simulation of one project, made by `Workspace.createSimulation`. It holds its
/// own copy of the compiled network, so the workspace may change meanwhile; run it in chunks
/// (from a Web Worker, to report progress and stop between chunks), then read the results.
#[wasm_bindgen(js_name = RiskSimulation)]
pub struct RiskSimulation {
    inner: crate::risk::montecarlo::Simulation,
}

#[wasm_bindgen(js_class = RiskSimulation)]
impl RiskSimulation {
    /// Runs up to `iterations` more iterations; returns `{ done, total, finished }`.
    #[wasm_bindgen(js_name = runChunk, unchecked_return_type = "SimulationProgress")]
    pub fn run_chunk(&mut self, iterations: usize) -> JsResult {
        guard(|| to_js(&self.inner.run_chunk(iterations)))
    }

    /// The statistics of the iterations run so far (null before the first): finish and cost
    /// percentiles, histogram and CDF, probabilities of meeting the targets, criticality and
    /// sensitivity per activity, the risk tornado, milestones and convergence.
    #[wasm_bindgen(unchecked_return_type = "MonteCarloResults | null")]
    pub fn results(&self) -> JsResult {
        guard(|| to_js(&self.inner.results()))
    }

    /// Each iteration's finish in working days after the project start, as a Float64Array.
    #[wasm_bindgen(js_name = finishSamples)]
    pub fn finish_samples(&self) -> Result<js_sys::Float64Array, JsValue> {
        guard(|| Ok::<_, convert::ReadError>(js_sys::Float64Array::from(self.inner.finish_days_samples().as_slice())))
    }
}

/// `financials` options as the boundary reads them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct FinancialsOptions {
    fiscal_year: Option<i32>,
    status_date: Option<crate::model::Date>,
    rates: Option<std::collections::BTreeMap<String, f64>>,
}

/// `milestones` options as the boundary reads them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct MilestoneViewOptions {
    status_date: Option<crate::model::Date>,
    window_days: Option<u32>,
}

/// `capacity` options as the boundary reads them: the first month and how many are required.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CapacityViewOptions {
    from: crate::model::YearMonth,
    months: u32,
    #[serde(default)]
    threshold: Option<f64>,
}
