//! The resident workspace: one portfolio loaded once, then asked small questions and given small
//! edits. The wasm `Workspace` wraps this one-to-one; keeping it here lets native Rust use and
//! test the same operations.

use std::collections::HashMap;

use serde::Serialize;

mod csv_import;
mod earned_value;
mod health;
mod portfolio;
mod risk;
mod schedule_quality;
mod simulation;
mod what_if;

pub use earned_value::{parse_status_date, EarnedValueReport, EarnedValueRow};
pub use health::{HealthOptions, HealthReport};
pub use risk::{ExposureReport, RiskOptions, RiskRegisterView, SchemeName};
pub use simulation::{DurationRange, SimulationRequest};
pub use what_if::{ProgressChange, RiskChange, ScheduleChange};

use crate::schedule::result::{LiveSchedule, ProjectSchedule, ScheduleOptions};
use crate::model::{
    self, Date, Finding, LoadError, OrgUnitKind, Phase, Portfolio, Project, ProjectStatus, Rag,
    RiskStatus, Severity,
};

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("No portfolio is loaded yet; load one first.")]
    NotLoaded,
    #[error("There is no project with id \"{0}\" in the portfolio.")]
    ProjectNotFound(String),
    #[error("Project \"{project}\" has no activity with id \"{activity}\".")]
    ActivityNotFound { project: String, activity: String },
    #[error("Project \"{project}\" has no link from \"{predecessor}\" to \"{successor}\".")]
    DependencyNotFound { project: String, predecessor: String, successor: String },
    #[error("Project \"{project}\" has no risk with id \"{risk}\".")]
    RiskNotFound { project: String, risk: String },
    #[error("{0}")]
    Schedule(#[from] crate::schedule::compile::CompileError),
    #[error("{0}")]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("There is no project or organisation unit with id \"{0}\" in the portfolio.")]
    NodeNotFound(String),
    #[error("No status date: give one, or set the project's or the portfolio's status date.")]
    NoStatusDate,
    #[error("{0}")]
    EarnedValue(#[from] crate::evm::EvmError),
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD, for example 2026-03-31.")]
    InvalidDate(String),
    #[error("The risk scoring scheme is not usable: {0}")]
    Risk(String),
    /// The fault and where it is in the policy.
    #[error("The health policy is not usable: {0}.")]
    HealthPolicy(crate::health::PolicyError, String),
    #[error("Option {field}: {why}.")]
    InvalidOption { field: String, why: String },
    /// The error and where it is in the request.
    #[error("{0}")]
    Simulation(crate::risk::montecarlo::MonteCarloError, String),
}

impl WorkspaceError {
    pub fn code(&self) -> &str {
        match self {
            WorkspaceError::NotLoaded => "not_loaded",
            WorkspaceError::ProjectNotFound(_)
            | WorkspaceError::ActivityNotFound { .. }
            | WorkspaceError::DependencyNotFound { .. }
            | WorkspaceError::RiskNotFound { .. } => "not_found",
            WorkspaceError::Schedule(_) => "cannot_schedule",
            WorkspaceError::Import(error) => error.code(),
            WorkspaceError::Load(error) => error.code(),
            WorkspaceError::NodeNotFound(_) => "not_found",
            WorkspaceError::NoStatusDate => "no_status_date",
            WorkspaceError::EarnedValue(error) => error.code(),
            WorkspaceError::InvalidDate(_) => "invalid_date",
            WorkspaceError::Risk(_) => "invalid_scheme",
            WorkspaceError::InvalidOption { .. } => "invalid_option",
            WorkspaceError::HealthPolicy(..) => "invalid_policy",
            WorkspaceError::Simulation(error, _) => error.code(),
        }
    }
    pub fn path(&self) -> &str {
        match self {
            WorkspaceError::NotLoaded => "",
            WorkspaceError::ProjectNotFound(_) => "id",
            WorkspaceError::ActivityNotFound { .. } => "activityId",
            WorkspaceError::DependencyNotFound { .. } => "predecessorId",
            WorkspaceError::RiskNotFound { .. } => "riskId",
            WorkspaceError::Schedule(_) | WorkspaceError::Import(_) => "",
            WorkspaceError::Load(error) => error.path(),
            WorkspaceError::NodeNotFound(_) => "id",
            WorkspaceError::NoStatusDate | WorkspaceError::InvalidDate(_) => "statusDate",
            WorkspaceError::EarnedValue(_) | WorkspaceError::Risk(_) => "",
            WorkspaceError::Simulation(_, path) => path,
            WorkspaceError::InvalidOption { field, .. } => field,
            WorkspaceError::HealthPolicy(_, path) => path,
        }
    }
    pub fn findings(&self) -> &[Finding] {
        match self {
            WorkspaceError::Load(error) => error.findings(),
            _ => &[],
        }
    }
}

/// What a successful load reports: the size of what was loaded and every warning.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    pub project_count: usize,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioSummary {
    pub id: String,
    pub name: String,
    pub currency: String,
    pub status_date: Option<Date>,
    pub fiscal_year_start_month: u32,
    pub org_unit_count: usize,
    pub project_count: usize,
    pub activity_count: usize,
    pub dependency_count: usize,
    pub open_risk_count: usize,
    pub open_issue_count: usize,
    /// Projects that report to no organisation unit (they are not under any tree row).
    pub unassigned_project_count: usize,
    /// Budget at completion summed per currency: amounts in different currencies are never added.
    pub budget_at_completion_by_currency: Vec<CurrencyAmount>,
    pub error_count: usize,
    pub warning_count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyAmount {
    pub currency: String,
    pub amount: f64,
}

/// One row of the organisation tree in depth-first order; `depth` 0 is a root. Projects that
/// report to no unit are listed by `PortfolioSummary`'s callers through `projects()`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgTreeRow {
    pub id: String,
    pub name: String,
    pub kind: OrgUnitKind,
    pub parent_id: Option<String>,
    pub depth: usize,
    pub owner: Option<String>,
    /// Projects reporting directly to this unit.
    pub project_ids: Vec<String>,
    /// Projects in this unit and every unit below it.
    pub total_project_count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectListItem {
    pub id: String,
    pub name: String,
    pub org_unit_id: Option<String>,
    pub org_unit_name: Option<String>,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub sponsor: Option<String>,
    pub phase: Phase,
    pub status: ProjectStatus,
    pub currency: String,
    pub start_date: Date,
    pub status_date: Option<Date>,
    pub committed_finish: Option<Date>,
    pub budget_at_completion: f64,
    pub activity_count: usize,
    pub milestone_count: usize,
    pub open_risk_count: usize,
    pub open_issue_count: usize,
    pub latest_snapshot: Option<SnapshotSummary>,
    pub error_count: usize,
    pub warning_count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotSummary {
    pub date: Date,
    pub planned_value: f64,
    pub earned_value: f64,
    pub actual_cost: f64,
    pub manual_rag: Option<Rag>,
    pub commentary: Option<String>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    portfolio: Option<Portfolio>,
    findings: Vec<Finding>,
    /// Compiled networks of the projects scheduled so far, by project id, so a reschedule or a
    /// what-if edit reruns only the passes. Dropped whenever their project is replaced.
    schedules: HashMap<String, LiveSchedule>,
    /// Each project's monthly grid and planned value curve, which no status date changes.
    /// Dropped with the schedules whenever their project is replaced.
    earned_value_bases: HashMap<String, crate::evm::ProjectBasis>,
    /// The schedule quality checks each project failed, by project id, with the date they were
    /// assessed at: health reads them on every call, and the critical path test recompiles the
    /// plan. Dropped with the schedules, and on any what-if edit of the project.
    failed_quality_checks: HashMap<String, (Date, Vec<String>)>,
    /// The resources each project puts above capacity, by project id, with the date they were
    /// assessed at: every unit's health asks again for each of its projects (the tree's pills ask
    /// once per unit). Dropped whenever the failed checks are.
    over_allocations: HashMap<String, (chrono::NaiveDate, Result<Vec<String>, std::borrow::Cow<'static, str>>)>,
    /// Each project's health facts with the options they were gathered for, by project id: a
    /// project is judged again for every unit above it (the tree's pills, then the home), and
    /// regathering the whole portfolio for each was a third of a large portfolio's first
    /// visit. Dropped whenever the project changes; all of them on a load or a replaced
    /// project (validation is of the whole portfolio then, so any project's findings may move).
    gathered_health: HashMap<String, (health::GatherKey, health::Gathered)>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Loads JSON text. On any error the workspace keeps what it had before.
    pub fn load_json(&mut self, text: &str) -> Result<LoadReport, WorkspaceError> {
        let (portfolio, findings) = model::from_json_str(text)?;
        Ok(self.accept(portfolio, findings))
    }

    /// Installs a portfolio that has passed validation with these findings.
    pub fn accept(&mut self, portfolio: Portfolio, findings: Vec<Finding>) -> LoadReport {
        let report = LoadReport { project_count: portfolio.projects.len(), findings: findings.clone() };
        self.portfolio = Some(portfolio);
        self.findings = findings;
        self.schedules.clear();
        self.earned_value_bases.clear();
        self.failed_quality_checks.clear();
        self.over_allocations.clear();
        self.gathered_health.clear();
        report
    }

    pub fn portfolio(&self) -> Result<&Portfolio, WorkspaceError> {
        self.portfolio.as_ref().ok_or(WorkspaceError::NotLoaded)
    }

    /// The warnings of the loaded portfolio (errors never get this far).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn summary(&self) -> Result<PortfolioSummary, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let projects = &portfolio.projects;
        let mut budgets: Vec<CurrencyAmount> = Vec::new();
        for project in projects {
            match budgets.iter_mut().find(|b| b.currency == project.currency) {
                Some(entry) => entry.amount += project.budget_at_completion,
                None => budgets.push(CurrencyAmount { currency: project.currency.clone(), amount: project.budget_at_completion }),
            }
        }
        Ok(PortfolioSummary {
            id: portfolio.id.clone(),
            name: portfolio.name.clone(),
            currency: portfolio.currency.clone(),
            status_date: portfolio.status_date,
            fiscal_year_start_month: portfolio.fiscal_year_start_month,
            org_unit_count: portfolio.org_units.len(),
            project_count: projects.len(),
            activity_count: projects.iter().map(|p| p.activities.len()).sum(),
            dependency_count: projects.iter().map(|p| p.dependencies.len()).sum(),
            open_risk_count: projects.iter().map(open_risks).sum(),
            open_issue_count: projects.iter().map(open_issues).sum(),
            unassigned_project_count: projects.iter().filter(|p| p.org_unit_id.is_none()).count(),
            budget_at_completion_by_currency: budgets,
            error_count: self.count(Severity::Error, None),
            warning_count: self.count(Severity::Warning, None),
        })
    }

    pub fn org_tree(&self) -> Result<Vec<OrgTreeRow>, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let units = &portfolio.org_units;
        let index_of: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        let mut roots = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            match unit.parent_id.as_deref().and_then(|parent| index_of.get(parent)) {
                Some(&parent) => children[parent].push(index),
                None => roots.push(index),
            }
        }
        let mut direct_projects: Vec<Vec<String>> = vec![Vec::new(); units.len()];
        for project in &portfolio.projects {
            if let Some(&unit) = project.org_unit_id.as_deref().and_then(|id| index_of.get(id)) {
                direct_projects[unit].push(project.id.clone());
            }
        }
        // Depth-first with an explicit stack: validation has refused loops, and no recursion
        // means no depth limit.
        let mut order: Vec<(usize, usize)> = Vec::with_capacity(units.len());
        let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
        while let Some((index, depth)) = stack.pop() {
            order.push((index, depth));
            stack.extend(children[index].iter().rev().map(|&child| (child, depth + 1)));
        }
        // Totals bottom-up: children come after their parent in `order`, so walk it backwards.
        let mut totals: Vec<usize> = direct_projects.iter().map(Vec::len).collect();
        for &(index, _) in order.iter().rev() {
            if let Some(&parent) = units[index].parent_id.as_deref().and_then(|p| index_of.get(p)) {
                totals[parent] += totals[index];
            }
        }
        Ok(order
            .into_iter()
            .map(|(index, depth)| {
                let unit = &units[index];
                OrgTreeRow {
                    id: unit.id.clone(),
                    name: unit.name.clone(),
                    kind: unit.kind,
                    parent_id: unit.parent_id.clone(),
                    depth,
                    owner: unit.owner.clone(),
                    project_ids: std::mem::take(&mut direct_projects[index]),
                    total_project_count: totals[index],
                }
            })
            .collect())
    }

    pub fn projects(&self) -> Result<Vec<ProjectListItem>, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let unit_names: HashMap<&str, &str> = portfolio.org_units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        Ok(portfolio
            .projects
            .iter()
            .map(|project| ProjectListItem {
                id: project.id.clone(),
                name: project.name.clone(),
                org_unit_id: project.org_unit_id.clone(),
                org_unit_name: project.org_unit_id.as_deref().and_then(|id| unit_names.get(id)).map(|name| name.to_string()),
                description: project.description.clone(),
                owner: project.owner.clone(),
                sponsor: project.sponsor.clone(),
                phase: project.phase,
                status: project.status,
                currency: project.currency.clone(),
                start_date: project.start_date.date(),
                status_date: project.status_date,
                committed_finish: project.committed_finish,
                budget_at_completion: project.budget_at_completion,
                activity_count: project.activities.len(),
                milestone_count: project.activities.iter().filter(|a| a.milestone).count(),
                open_risk_count: open_risks(project),
                open_issue_count: open_issues(project),
                latest_snapshot: project.snapshots.iter().max_by_key(|s| s.date).map(|s| SnapshotSummary {
                    date: s.date,
                    planned_value: s.planned_value,
                    earned_value: s.earned_value,
                    actual_cost: s.actual_cost,
                    manual_rag: s.manual_rag,
                    commentary: s.commentary.clone(),
                }),
                error_count: self.count(Severity::Error, Some(&project.id)),
                warning_count: self.count(Severity::Warning, Some(&project.id)),
            })
            .collect())
    }

    pub fn project(&self, id: &str) -> Result<&Project, WorkspaceError> {
        let portfolio = self.portfolio()?;
        portfolio.projects.iter().find(|p| p.id == id).ok_or_else(|| WorkspaceError::ProjectNotFound(id.to_string()))
    }

    /// The findings about one project.
    pub fn project_findings(&self, id: &str) -> Result<Vec<Finding>, WorkspaceError> {
        self.project_index(id)?;
        Ok(self.findings.iter().filter(|f| f.project_id.as_deref() == Some(id)).cloned().collect())
    }

    /// Replaces the project with the same id. The whole portfolio is validated with the new
    /// project in place; on any error the old project stays, so no edit can lose data.
    pub fn replace_project(&mut self, project: Project) -> Result<LoadReport, WorkspaceError> {
        let index = self.project_index(&project.id)?;
        let portfolio = self.portfolio.as_mut().ok_or(WorkspaceError::NotLoaded)?;
        let previous = std::mem::replace(&mut portfolio.projects[index], project);
        let findings = model::validate(portfolio);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            portfolio.projects[index] = previous;
            return Err(LoadError::Invalid(findings).into());
        }
        self.findings = findings.clone();
        self.schedules.remove(&portfolio.projects[index].id);
        self.earned_value_bases.remove(&portfolio.projects[index].id);
        self.failed_quality_checks.remove(&portfolio.projects[index].id);
        self.over_allocations.remove(&portfolio.projects[index].id);
        self.gathered_health.clear();
        Ok(LoadReport { project_count: portfolio.projects.len(), findings })
    }

    /// Imports an MS Project XML plan as project `project_id`: it replaces the project with that
    /// id, or is added; with nothing loaded it becomes a portfolio of its own. The portfolio is
    /// validated with it in place and left as it was on any error. The report lists what the
    /// import could not represent, then the portfolio's warnings.
    pub fn import_mspdi(&mut self, xml: &str, project_id: &str) -> Result<LoadReport, WorkspaceError> {
        let (project, import_findings) = crate::import::read_mspdi(xml, project_id)?;
        let mut candidate = match &self.portfolio {
            Some(portfolio) => portfolio.clone(),
            None => Portfolio::of_project(project.clone()),
        };
        match candidate.projects.iter().position(|p| p.id == project.id) {
            Some(index) => candidate.projects[index] = project,
            None => candidate.projects.push(project),
        }
        let findings = model::validate(&candidate);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            return Err(LoadError::Invalid(findings).into());
        }
        let mut report = self.accept(candidate, findings);
        report.findings.splice(0..0, import_findings);
        Ok(report)
    }

    /// The critical-path schedule of one project: a full reschedule on its resident network.
    pub fn schedule(&mut self, id: &str, options: &ScheduleOptions) -> Result<ProjectSchedule, WorkspaceError> {
        let (project, live) = self.live_schedule(id)?;
        live.reschedule(project);
        Ok(live.report(project, options))
    }

    /// The bulk form of `schedule`: six numbers per scheduled activity (see
    /// `LiveSchedule::arrays`), after a full reschedule.
    pub fn schedule_arrays(&mut self, id: &str) -> Result<Vec<f64>, WorkspaceError> {
        let (project, live) = self.live_schedule(id)?;
        live.reschedule(project);
        Ok(live.arrays(project))
    }

    /// A project and its resident schedule, compiled on first use.
    fn live_schedule(&mut self, id: &str) -> Result<(&Project, &mut LiveSchedule), WorkspaceError> {
        let index = self.project_index(id)?;
        self.live_schedule_at(index)
    }

    /// The same for the project at `index`, for callers walking the portfolio.
    fn live_schedule_at(&mut self, index: usize) -> Result<(&Project, &mut LiveSchedule), WorkspaceError> {
        let project = self.portfolio.as_ref().ok_or(WorkspaceError::NotLoaded)?.projects.get(index).ok_or(WorkspaceError::NotLoaded)?;
        let id = project.id.as_str();
        // Looked up before inserting, so the usual call allocates no key.
        if !self.schedules.contains_key(id) {
            self.schedules.insert(id.to_string(), LiveSchedule::new(project, &format!("projects[{index}]"))?);
        }
        let live = self.schedules.get_mut(id).ok_or_else(|| WorkspaceError::ProjectNotFound(id.to_string()))?;
        Ok((project, live))
    }

    pub fn export_json(&self) -> Result<String, WorkspaceError> {
        Ok(model::to_json_string(self.portfolio()?))
    }

    fn project_index(&self, id: &str) -> Result<usize, WorkspaceError> {
        let portfolio = self.portfolio()?;
        portfolio.projects.iter().position(|p| p.id == id).ok_or_else(|| WorkspaceError::ProjectNotFound(id.to_string()))
    }

    fn count(&self, severity: Severity, project_id: Option<&str>) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .filter(|f| project_id.is_none_or(|id| f.project_id.as_deref() == Some(id)))
            .count()
    }
}

fn open_risks(project: &Project) -> usize {
    project.risks.iter().filter(|r| r.status == RiskStatus::Open).count()
}

fn open_issues(project: &Project) -> usize {
    project.issues.iter().filter(|i| i.closed_on.is_none()).count()
}
