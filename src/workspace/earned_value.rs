//! Earned value through the Workspace: one project, or any unit of the organisation tree, at a
//! status date; a project's S-curve series; and every project's headline indices in one call.
//!
//! A unit's figures are its projects' PV, EV, AC and BAC summed (converted first when the caller
//! gives rates, refused when currencies would otherwise mix) and its ratios recomputed from the
//! sums; its earned schedule comes from the summed PV curve on a monthly grid shared by all its
//! projects, counted from the earliest project's first month.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Workspace, WorkspaceError};
use crate::evm::{
    end_of_day, project_earned_value, project_series, roll_up, LeafFigures, Measure, NodeLevel, PeriodGrid, ProjectBasis,
    ProjectEarnedValue, ProjectSeries, Reasons, RollupNode, RollupOptions, RollupResult,
};
use crate::model::{Date, DateTime, OrgUnitKind, Project};

/// EVM of a project or of an organisation unit.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum EarnedValueReport {
    Project(Box<ProjectEarnedValue>),
    Unit(Box<RollupResult>),
}

/// One project's headline indices, for the portfolio table.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EarnedValueRow {
    pub project_id: String,
    pub name: String,
    pub currency: String,
    pub status_date: Date,
    pub planned_value: f64,
    pub earned_value: f64,
    pub actual_cost: f64,
    pub budget_at_completion: f64,
    pub cpi: Measure,
    pub spi: Measure,
    pub spi_t: Measure,
    /// BAC / CPI.
    pub eac: Measure,
    /// BAC - EAC.
    pub vac: Measure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_finish: Option<DateTime>,
    /// Why each undefined index above is undefined, by field name.
    pub reasons: Reasons,
}

/// A status date as the boundary receives it, `YYYY-MM-DD`.
pub fn parse_status_date(text: &str) -> Result<Date, WorkspaceError> {
    text.trim().parse::<NaiveDate>().map(Date).map_err(|_| WorkspaceError::InvalidDate(text.to_string()))
}

impl Workspace {
    /// EVM of project or organisation unit `id` at `status` (else the project's, else the
    /// portfolio's status date). `rates` converts other currencies into the portfolio's
    /// reporting currency for a unit: currency -> value of one unit in the reporting currency.
    pub fn earned_value(&mut self, id: &str, status: Option<Date>, rates: Option<BTreeMap<String, f64>>) -> Result<EarnedValueReport, WorkspaceError> {
        let portfolio = self.portfolio()?;
        if let Some(index) = portfolio.projects.iter().position(|p| p.id == id) {
            let status = self.status_of(index, status)?;
            let (project, basis) = self.basis(index)?;
            let evaluation = project_earned_value(project, basis, status)?;
            return Ok(EarnedValueReport::Project(Box::new(evaluation)));
        }
        let Some(unit) = portfolio.org_units.iter().find(|u| u.id == id) else {
            return Err(WorkspaceError::NodeNotFound(id.to_string()));
        };
        let reporting_currency = portfolio.currency.clone();
        let status = status.or(portfolio.status_date).ok_or(WorkspaceError::NoStatusDate)?.0;
        let level = level_of(unit.kind);
        let projects = self.projects_under(id)?;
        // The shared grid: from the earliest project's first month to the latest's last.
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        for &index in &projects {
            let grid = &self.basis(index)?.1.grid;
            let (start, end) = (grid.boundaries()[0], grid.last_day_of(grid.len().saturating_sub(1)).unwrap_or(grid.boundaries()[0]));
            first = Some(first.map_or(start, |f| f.min(start)));
            last = Some(last.map_or(end, |l| l.max(end)));
        }
        let (Some(first), Some(last)) = (first, last.map(|l| l.max(status))) else {
            return Err(crate::evm::EvmError::EmptyNode(id.to_string()).into());
        };
        let shared = PeriodGrid::monthly(first, last.max(first))?;
        let mut leaves: BTreeMap<String, LeafFigures> = BTreeMap::new();
        for &index in &projects {
            let (project, basis) = self.basis(index)?;
            let evaluation = project_earned_value(project, basis, status)?;
            leaves.insert(project.id.clone(), LeafFigures {
                currency: project.currency.clone(),
                planned_value: evaluation.measures.planned_value,
                earned_value: evaluation.measures.earned_value,
                actual_cost: evaluation.measures.actual_cost,
                budget_at_completion: evaluation.measures.budget_at_completion,
                estimate_to_complete_bottom_up: None,
                pv_cumulative: on_shared_grid(basis, &shared),
            });
        }
        let tree = self.unit_tree(id, level, &mut leaves)?;
        let options = RollupOptions {
            reporting_currency: Some(reporting_currency),
            conversion_rates: rates,
            actual_time: Some(shared.position_of(end_of_day(status), None)),
            planned_duration: None,
        };
        Ok(EarnedValueReport::Unit(Box::new(roll_up(&tree, &options)?)))
    }

    /// The S-curve series of project `id` at `status` (else its or the portfolio's status date).
    pub fn earned_value_series(&mut self, id: &str, status: Option<Date>) -> Result<ProjectSeries, WorkspaceError> {
        let index = self.project_index(id)?;
        let status = self.status_of(index, status)?;
        let (project, basis) = self.basis(index)?;
        Ok(project_series(project, basis, status)?)
    }

    /// Every project's headline indices at `status` (else each project's own status date, else
    /// the portfolio's), in portfolio order. Each project stays in its own currency.
    pub fn earned_value_table(&mut self, status: Option<Date>) -> Result<Vec<EarnedValueRow>, WorkspaceError> {
        let count = self.portfolio()?.projects.len();
        let mut rows = Vec::with_capacity(count);
        for index in 0..count {
            let status = self.status_of(index, status)?;
            let (project, basis) = self.basis(index)?;
            let evaluation = project_earned_value(project, basis, status)?;
            rows.push(row_of(project, evaluation));
        }
        Ok(rows)
    }

    pub(super) fn status_of(&self, index: usize, given: Option<Date>) -> Result<NaiveDate, WorkspaceError> {
        let portfolio = self.portfolio()?;
        given.or(portfolio.projects[index].status_date).or(portfolio.status_date).map(|d| d.0).ok_or(WorkspaceError::NoStatusDate)
    }

    /// The project and its grid and PV curve, built on first use and kept.
    pub(super) fn basis(&mut self, index: usize) -> Result<(&Project, &ProjectBasis), WorkspaceError> {
        // Fields borrowed apart, so the project and the cache can be lent out together.
        let project: &Project = &self.portfolio.as_ref().ok_or(WorkspaceError::NotLoaded)?.projects[index];
        let bases = &mut self.earned_value_bases;
        if !bases.contains_key(&project.id) {
            bases.insert(project.id.clone(), ProjectBasis::new(project)?);
        }
        Ok((project, &bases[&project.id]))
    }

    /// Indices of the projects in unit `id` or any unit below it.
    pub(super) fn projects_under(&self, id: &str) -> Result<Vec<usize>, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let mut units = vec![id.to_string()];
        // Breadth-first over the flat tree; validation refuses loops, the bound is a guard.
        let mut next = 0;
        while next < units.len() && units.len() <= portfolio.org_units.len() {
            let parent = units[next].clone();
            units.extend(portfolio.org_units.iter().filter(|u| u.parent_id.as_deref() == Some(parent.as_str())).map(|u| u.id.clone()));
            next += 1;
        }
        Ok(portfolio.projects.iter().enumerate().filter(|(_, p)| p.org_unit_id.as_ref().is_some_and(|u| units.contains(u))).map(|(i, _)| i).collect())
    }

    /// The rollup tree below unit `id`, taking each project's figures out of `leaves`.
    fn unit_tree(&self, id: &str, level: NodeLevel, leaves: &mut BTreeMap<String, LeafFigures>) -> Result<RollupNode, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let mut children = Vec::new();
        for unit in portfolio.org_units.iter().filter(|u| u.parent_id.as_deref() == Some(id)) {
            let below = self.unit_tree(&unit.id, level_of(unit.kind), leaves)?;
            // A unit with no projects anywhere below it has nothing to add.
            if !below.children.is_empty() {
                children.push(below);
            }
        }
        for project in portfolio.projects.iter().filter(|p| p.org_unit_id.as_deref() == Some(id)) {
            if let Some(figures) = leaves.remove(&project.id) {
                children.push(RollupNode { id: project.id.clone(), level: NodeLevel::Project, figures: Some(figures), children: Vec::new() });
            }
        }
        Ok(RollupNode { id: id.to_string(), level, figures: None, children })
    }
}

fn level_of(kind: OrgUnitKind) -> NodeLevel {
    match kind {
        OrgUnitKind::Program => NodeLevel::Program,
        OrgUnitKind::Portfolio | OrgUnitKind::SubPortfolio => NodeLevel::Portfolio,
        OrgUnitKind::Function => NodeLevel::Organisation,
    }
}

/// A project's cumulative PV moved onto the shared monthly grid: zero before its first month,
/// flat after its last.
fn on_shared_grid(basis: &ProjectBasis, shared: &PeriodGrid) -> Vec<f64> {
    let month = |date: NaiveDate| date.year() as i64 * 12 + date.month0() as i64;
    let offset = month(basis.grid.boundaries()[0]) - month(shared.boundaries()[0]);
    let last = basis.pv_cumulative.last().copied().unwrap_or(0.0);
    (0..shared.len() as i64)
        .map(|k| {
            let own = k - offset;
            if own < 0 { 0.0 } else { basis.pv_cumulative.get(own as usize).copied().unwrap_or(last) }
        })
        .collect()
}

fn row_of(project: &Project, evaluation: ProjectEarnedValue) -> EarnedValueRow {
    let measures = &evaluation.measures;
    let fields = [
        ("cpi", measures.cost_performance_index),
        ("spi", measures.schedule_performance_index),
        ("spiT", evaluation.earned_schedule.schedule_performance_index_time),
        ("eac", measures.estimate_at_completion_cpi),
        ("vac", measures.variance_at_completion_cpi),
    ];
    EarnedValueRow {
        project_id: project.id.clone(),
        name: project.name.clone(),
        currency: project.currency.clone(),
        status_date: evaluation.status_date,
        planned_value: measures.planned_value,
        earned_value: measures.earned_value,
        actual_cost: measures.actual_cost,
        budget_at_completion: measures.budget_at_completion,
        cpi: fields[0].1,
        spi: fields[1].1,
        spi_t: fields[2].1,
        eac: fields[3].1,
        vac: fields[4].1,
        forecast_finish: evaluation.forecast_finish,
        reasons: crate::evm::undefined::reasons_of(&fields),
    }
}
