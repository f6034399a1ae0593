//! Project and unit health through the Workspace. The Workspace gathers the facts from its
//! resident schedules and earned value bases, the schedule quality checks, the risk register and
//! the validation findings, and hands them to the health engine; it adds no rule of its own.
//!
//! The trend rescores every earlier status snapshot: earned value from the snapshot's own PV, EV
//! and AC (SPI(t) against the project's PV curve), issues and approved changes as they stood on
//! that date, and the data counted fresh on the day it was reported. The plan, the risk register
//! and the schedule checks keep no history, so their current values stand in for the past.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::risk::SchemeName;
use super::{RiskOptions, Workspace, WorkspaceError};
use crate::evm::earned_schedule::schedule_performance_index_time;
use crate::evm::{headline_indices, resolve_rates, EarnedScheduleInputs};
use crate::health::facts::{self, EarnedValueFacts, FinishAgainstBaseline};
use crate::health::schedule_quality::{Outcome, QualityOptions};
use crate::health::score::readings_of;
use crate::health::{project_health, Weighting, score_trend, unit_health, HealthPoint, HealthPolicy, Metric, Observation, ProjectHealth, ProjectHealthRow, Scale, UnitHealth};
use crate::model::{Date, Project, YearMonth};
use crate::risk::register::{register_exposure, score_project, ExposurePolicy, View};
use crate::schedule::calendar::date_time_of;

/// What the caller may choose; every field has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct HealthOptions {
    /// A preset policy by its scale (3-level RAG by default).
    pub scale: Option<Scale>,
    /// A whole policy of the PMO's own; replaces the preset.
    pub policy: Option<HealthPolicy>,
    /// Assess as of this date instead of the project's (or the portfolio's) status date.
    pub status_date: Option<Date>,
    /// Probability of meeting the committed date by project id, from simulations the caller ran.
    pub committed_date_probability: BTreeMap<String, f64>,
    /// The risk scoring scheme that decides which risks are in the red zone.
    pub risk_scheme: SchemeName,
    /// Value of one unit of each other currency in the portfolio's, for a unit's BAC weights.
    pub rates: Option<BTreeMap<String, f64>>,
}

impl HealthOptions {
    fn policy(&self) -> Result<HealthPolicy, WorkspaceError> {
        let policy = self.policy.clone().unwrap_or_else(|| HealthPolicy::preset(self.scale.unwrap_or_default()));
        policy.check().map_err(|error| {
            let path = error.path();
            WorkspaceError::HealthPolicy(error, path)
        })?;
        for (id, &probability) in &self.committed_date_probability {
            if !(0.0..=1.0).contains(&probability) {
                return Err(WorkspaceError::InvalidOption {
                    field: format!("committedDateProbability.{id}"),
                    why: format!("a probability is a number from 0 to 1; got {probability}"),
                });
            }
        }
        Ok(policy)
    }
}

/// A project's observations at its assessment date, and its earlier points.
#[derive(Debug, Clone)]
pub(super) struct Gathered {
    as_of: Date,
    observations: Vec<Observation>,
    trend: Vec<HealthPoint>,
    manual_rag: Option<crate::model::Rag>,
}

/// Everything besides the project itself that its gathered facts depend on: the options that
/// reach `gather`. The portfolio's status date and the findings change only with the project
/// or a new load, which drop the kept facts.
#[derive(Debug)]
pub(super) struct GatherKey {
    status_date: Option<Date>,
    policy: HealthPolicy,
    risk_scheme: SchemeName,
    committed_date_probability: Option<f64>,
}

impl GatherKey {
    fn of(project_id: &str, options: &HealthOptions, policy: &HealthPolicy) -> GatherKey {
        GatherKey {
            status_date: options.status_date,
            policy: policy.clone(),
            risk_scheme: options.risk_scheme,
            committed_date_probability: options.committed_date_probability.get(project_id).copied(),
        }
    }

    fn matches(&self, project_id: &str, options: &HealthOptions, policy: &HealthPolicy) -> bool {
        self.status_date == options.status_date
            && self.risk_scheme == options.risk_scheme
            && self.committed_date_probability == options.committed_date_probability.get(project_id).copied()
            && self.policy == *policy
    }
}

/// Health of a project or of an organisation unit.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HealthReport {
    Project(Box<ProjectHealth>),
    Unit(Box<UnitHealth>),
}

impl Workspace {
    /// Health of project or organisation unit `id`, with its evidence.
    pub fn health(&mut self, id: &str, options: &HealthOptions) -> Result<HealthReport, WorkspaceError> {
        let policy = options.policy()?;
        let portfolio = self.portfolio()?;
        if let Some(index) = portfolio.projects.iter().position(|p| p.id == id) {
            return Ok(HealthReport::Project(Box::new(self.assess(index, options, &policy)?)));
        }
        if !portfolio.org_units.iter().any(|u| u.id == id) {
            return Err(WorkspaceError::NodeNotFound(id.to_string()));
        }
        let indices = self.projects_under(id)?;
        Ok(HealthReport::Unit(Box::new(self.unit_health_of(id, &indices, options, &policy)?)))
    }

    /// Health of the whole portfolio: every project, as for a unit.
    pub fn portfolio_health(&mut self, options: &HealthOptions) -> Result<UnitHealth, WorkspaceError> {
        let policy = options.policy()?;
        let portfolio = self.portfolio()?;
        let (id, count) = (portfolio.id.clone(), portfolio.projects.len());
        self.unit_health_of(&id, &(0..count).collect::<Vec<_>>(), options, &policy)
    }

    fn unit_health_of(&mut self, id: &str, indices: &[usize], options: &HealthOptions, policy: &HealthPolicy) -> Result<UnitHealth, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let name = portfolio.org_units.iter().find(|u| u.id == id).map_or_else(|| portfolio.name.clone(), |u| u.name.clone());
        let as_of = options.status_date.or(portfolio.status_date);
        let currencies: BTreeSet<String> = indices.iter().map(|&i| portfolio.projects[i].currency.clone()).collect();
        // Budgets in different currencies are weighed only through the caller's rates; without
        // them the projects count equally, and the report says so.
        let (currency, rates, weighting) = match resolve_rates(currencies, Some(&portfolio.currency), options.rates.as_ref()) {
            Ok((currency, rates, _)) => (currency, Some(rates), Weighting::Budget),
            Err(crate::evm::EvmError::MixedCurrencies { .. }) => (portfolio.currency.clone(), None, Weighting::Equal),
            Err(error) => return Err(error.into()),
        };
        let mut rows = Vec::with_capacity(indices.len());
        for &index in indices {
            let gathered = self.gather(index, options, policy)?;
            let project = &self.portfolio()?.projects[index];
            rows.push(ProjectHealthRow::of(project, &gathered.observations, gathered.trend.last().map(|p| p.band), policy));
        }
        let weight_of = |row: &ProjectHealthRow| match &rates {
            Some(rates) => row.budget_at_completion * rates.get(&row.currency).copied().unwrap_or(1.0),
            None => 1.0,
        };
        Ok(unit_health((id.to_string(), name, as_of, currency), rows, weight_of, weighting, policy))
    }

    /// One project's health at its assessment date.
    fn assess(&mut self, index: usize, options: &HealthOptions, policy: &HealthPolicy) -> Result<ProjectHealth, WorkspaceError> {
        let Gathered { as_of, observations, trend, manual_rag } = self.gather(index, options, policy)?;
        let project = &self.portfolio()?.projects[index];
        Ok(project_health((project.id.clone(), project.name.clone(), as_of), &observations, policy, trend, manual_rag))
    }

    /// Everything one project's health is judged on, gathered again only when the project or
    /// what the facts depend on has changed.
    fn gather(&mut self, index: usize, options: &HealthOptions, policy: &HealthPolicy) -> Result<Gathered, WorkspaceError> {
        let project_id = &self.portfolio()?.projects[index].id;
        if let Some((kept, gathered)) = self.gathered_health.get(project_id) {
            if kept.matches(project_id, options, policy) {
                return Ok(gathered.clone());
            }
        }
        // The key (and its copy of the policy) is made only when the facts are gathered anew.
        let key = GatherKey::of(project_id, options, policy);
        let project_id = project_id.clone();
        let gathered = self.gather_afresh(index, options, policy)?;
        self.gathered_health.insert(project_id, (key, gathered.clone()));
        Ok(gathered)
    }

    fn gather_afresh(&mut self, index: usize, options: &HealthOptions, policy: &HealthPolicy) -> Result<Gathered, WorkspaceError> {
        let as_of = self.status_of(index, options.status_date)?;
        let project_id = self.portfolio()?.projects[index].id.clone();
        let mut observations = Vec::with_capacity(crate::health::score::METRIC_COUNT);

        // Earned value, and the trend's earned value at each earlier snapshot.
        let has_baseline = self.portfolio()?.projects[index].baseline.is_some();
        let mut earlier: Vec<(Date, Result<EarnedValueFacts, Cow<'static, str>>)> = Vec::new();
        let figures = if has_baseline {
            match self.basis(index) {
                Ok((project, basis)) => {
                    for snapshot in project.snapshots.iter().filter(|s| s.date.0 < as_of) {
                        earlier.push((snapshot.date, snapshot_figures(project, basis, snapshot.date.0, snapshot)));
                    }
                    match crate::evm::project_earned_value(project, basis, as_of) {
                        Ok(ev) => Ok(EarnedValueFacts {
                            spi_t: ev.earned_schedule.schedule_performance_index_time,
                            cpi: ev.measures.cost_performance_index,
                            tcpi: ev.measures.to_complete_performance_index_bac,
                            eac: ev.measures.estimate_at_completion_cpi,
                            budget_at_completion: ev.measures.budget_at_completion,
                        }),
                        Err(error) => Err(Cow::Borrowed(error.code())),
                    }
                }
                Err(error) => Err(Cow::Owned(error.code().to_string())),
            }
        } else {
            Err(Cow::Borrowed(facts::NO_BASELINE))
        };
        let project = &self.portfolio()?.projects[index];
        let approved = facts::approved_change_cost(project, as_of);
        facts::earned_value_observations(&mut observations, figures, project.budget_at_completion - approved.0);

        // The schedule: forecast finish and milestones against the baseline.
        let (forecast, activities, planned_days) = self.forecast_against_baseline(index);
        let project = &self.portfolio()?.projects[index];
        let probability = options.committed_date_probability.get(&project_id).copied();
        facts::schedule_observations(&mut observations, policy.late_milestone_tolerance_days, baseline_span(project), forecast, &activities, probability);

        // The DCMA checks that failed, on the same resident schedule.
        let failed_checks = self.failed_checks(&project_id, Date(as_of));
        let project = &self.portfolio()?.projects[index];

        // Risks scored on the chosen scheme, exposure after responses.
        let risk_options = RiskOptions { scheme: options.risk_scheme, ..RiskOptions::default() };
        let scheme = risk_options.scheme();
        let scored = score_project(project, planned_days, &scheme).map_err(|e| WorkspaceError::Risk(e.to_string()))?;
        let exposure = register_exposure(&project.risks, project.budget_at_completion, &ExposurePolicy { view: View::Residual, ..ExposurePolicy::default() });
        let top_band = scheme.score_bands.last().map_or("", |b| b.label.as_str());
        facts::risk_observations(&mut observations, project, &scored, exposure.threat_emv, top_band, as_of);

        facts::issue_observations(&mut observations, project, as_of, policy.aged_issue_days, true);
        facts::scope_observation(&mut observations, project, approved);
        let assigned = project.activities.iter().any(|a| !a.assignments.is_empty());
        let over_allocated = if assigned { self.over_allocated(&project_id, as_of) } else { Err(Cow::Borrowed("noAssignments")) };
        let project = &self.portfolio()?.projects[index];
        facts::resource_observation(&mut observations, over_allocated);
        let findings: Vec<&crate::model::Finding> = self.findings.iter().filter(|f| f.project_id.as_deref() == Some(project_id.as_str())).collect();
        // Freshness is counted to the date the portfolio reports at: a project judged on its own
        // status date would never look stale.
        let reported_on = options.status_date.or(self.portfolio()?.status_date).map_or(as_of, |d| d.0);
        facts::data_quality_observations(&mut observations, project, reported_on, failed_checks, &findings);

        let trend = earlier_trend(project, &observations, earlier, policy);
        let manual_rag = project.snapshots.iter().filter(|s| s.date.0 <= as_of).max_by_key(|s| s.date).and_then(|s| s.manual_rag);
        Ok(Gathered { as_of: Date(as_of), observations, trend, manual_rag })
    }

    /// The codes of the DCMA checks the project fails at `as_of`, kept until the plan changes.
    fn failed_checks(&mut self, project_id: &str, as_of: Date) -> Result<Vec<String>, Cow<'static, str>> {
        if let Some((date, failed)) = self.failed_quality_checks.get(project_id) {
            if *date == as_of {
                return Ok(failed.clone());
            }
        }
        let report = self.schedule_quality(project_id, Some(as_of), &QualityOptions::default()).map_err(|_| Cow::Borrowed("cannotSchedule"))?;
        let failed: Vec<String> = report.checks.iter().filter(|c| c.outcome == Outcome::Fail).map(|c| c.id.to_string()).collect();
        self.failed_quality_checks.insert(project_id.to_string(), (as_of, failed.clone()));
        Ok(failed)
    }

    /// The project's own resources its plan puts above their capacity in the month of `as_of`
    /// or the two after it. The project is taken on its own: contention between projects for
    /// a shared team is the portfolio capacity view's to show, not one project's health.
    /// Kept until the plan changes, like the failed checks.
    fn over_allocated(&mut self, project_id: &str, as_of: NaiveDate) -> Result<Vec<String>, Cow<'static, str>> {
        const LOOK_AHEAD_MONTHS: u32 = 3;
        if let Some((date, kept)) = self.over_allocations.get(project_id) {
            if *date == as_of {
                return kept.clone();
            }
        }
        let over = self
            .capacity(Some(project_id), YearMonth::of(Date(as_of)), LOOK_AHEAD_MONTHS, None)
            .map_err(|_| Cow::Borrowed("cannotSchedule"))
            .map(|report| report.over_allocations.iter().map(|o| o.resource_id.clone()).collect::<BTreeSet<String>>().into_iter().collect());
        self.over_allocations.insert(project_id.to_string(), (as_of, over.clone()));
        over
    }

    /// The project's forecast finish (or why there is none), each baselined activity's forecast
    /// finish against its baseline finish, and the scheduled span in working days.
    fn forecast_against_baseline(&mut self, index: usize) -> (Result<NaiveDateTime, Cow<'static, str>>, Vec<FinishAgainstBaseline>, Option<f64>) {
        let Ok((project, live)) = self.live_schedule_at(index) else {
            return (Err(Cow::Borrowed("cannotSchedule")), Vec::new(), None);
        };
        let Some(baseline) = &project.baseline else {
            return (Ok(date_time_of(live.finish())), Vec::new(), Some(live.working_days()).filter(|d| *d > 0.0));
        };
        let finish_of: BTreeMap<&str, NaiveDateTime> = baseline.activities.iter().map(|b| (b.activity_id.as_str(), b.finish.0)).collect();
        let mut activities = Vec::new();
        for (index, activity) in project.activities.iter().enumerate() {
            let Some(&baseline_finish) = finish_of.get(activity.id.as_str()) else { continue };
            let Some(dates) = live.activity_dates(project, index) else { continue };
            if dates.summary {
                continue;
            }
            let forecast_finish = activity.actual_finish.map_or_else(|| date_time_of(dates.early_finish), |f| f.0);
            activities.push(FinishAgainstBaseline { activity_id: activity.id.clone(), milestone: activity.milestone, baseline_finish, forecast_finish });
        }
        (Ok(date_time_of(live.finish())), activities, Some(live.working_days()).filter(|d| *d > 0.0))
    }
}

/// The baseline's first start and last finish.
fn baseline_span(project: &Project) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let activities = &project.baseline.as_ref()?.activities;
    let start = activities.iter().map(|a| a.start.0).min()?;
    let finish = activities.iter().map(|a| a.finish.0).max()?;
    Some((start, finish))
}

/// Earned value figures at a snapshot, from its own EV and AC and the project's PV curve.
fn snapshot_figures(project: &Project, basis: &crate::evm::ProjectBasis, date: NaiveDate, snapshot: &crate::model::StatusSnapshot) -> Result<EarnedValueFacts, Cow<'static, str>> {
    // Validation keeps snapshot figures finite; a value that still is not has no index.
    if ![snapshot.earned_value, snapshot.actual_cost, project.budget_at_completion].iter().all(|v| v.is_finite()) {
        return Err(Cow::Borrowed(crate::evm::Reason::NotFinite.code()));
    }
    let headline = headline_indices(snapshot.earned_value, snapshot.actual_cost, project.budget_at_completion);
    let (_, spi_t, _, _) = schedule_performance_index_time(&EarnedScheduleInputs {
        pv_cumulative: &basis.pv_cumulative,
        earned_value: snapshot.earned_value,
        actual_time: basis.actual_time_at(date),
        planned_duration: Some(basis.planned_duration),
        cost_performance_index: headline.cost_performance_index,
    })
    .map_err(|e| Cow::Borrowed(e.code()))?;
    Ok(EarnedValueFacts {
        spi_t,
        cpi: headline.cost_performance_index,
        tcpi: headline.to_complete_performance_index_bac,
        eac: headline.estimate_at_completion_cpi,
        budget_at_completion: project.budget_at_completion,
    })
}

/// The overall band at each earlier snapshot (see the module comment for what is rescored).
fn earlier_trend(project: &Project, current: &[Observation], earlier: Vec<(Date, Result<EarnedValueFacts, Cow<'static, str>>)>, policy: &HealthPolicy) -> Vec<HealthPoint> {
    let base = readings_of(current);
    let mut scratch = Vec::with_capacity(8);
    let points = earlier.into_iter().map(|(date, figures)| {
        let mut readings = base;
        scratch.clear();
        let approved = facts::approved_change_cost(project, date.0);
        facts::earned_value_observations(&mut scratch, figures, project.budget_at_completion - approved.0);
        facts::issue_observations(&mut scratch, project, date.0, policy.aged_issue_days, false);
        facts::scope_observation(&mut scratch, project, approved);
        for observation in &scratch {
            readings[observation.metric as usize] = observation.value.as_ref().ok().copied();
        }
        readings[Metric::StatusDateAgeDays as usize] = Some(0.0);
        (date, readings)
    });
    let mut sorted: Vec<(Date, crate::health::Readings)> = points.collect();
    sorted.sort_by_key(|(date, _)| *date);
    score_trend(sorted, policy)
}
