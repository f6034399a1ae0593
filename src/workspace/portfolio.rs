//! Portfolio views through the Workspace: financials by fiscal period, milestones across
//! projects, and capacity against demand. The engines live in `crate::portfolio`; this file
//! picks the projects in scope, the status date and the resident schedules, and turns engine
//! errors into `WorkspaceError`s.
//!
//! Scope: a project id, an organisation unit id (its projects and those of every unit below
//! it), or for milestones and capacity nothing (the whole portfolio); the portfolio's own id
//! also means the whole portfolio.

use std::collections::BTreeMap;

use super::{Workspace, WorkspaceError};
use crate::model::{Date, Project, YearMonth};
use crate::portfolio::capacity::{capacity, CapacityOptions, CapacityReport};
use crate::portfolio::financials::{financials, FinancialsError, FinancialsReport, FiscalYear, Scope};
use crate::portfolio::milestones::{milestones, MilestoneOptions, MilestoneReport, ScheduledProject};
use crate::schedule::result::{ProjectSchedule, ScheduleOptions};

/// The longest upcoming window a caller may ask for: ten years.
const MAX_WINDOW_DAYS: u32 = 3660;

impl Workspace {
    /// Financials of project or unit `id` for `fiscal_year` (named by the calendar year it
    /// starts in; default the one containing the status date) at `status` (else the project's,
    /// else the portfolio's status date). A project reports in its own currency, a unit in the
    /// portfolio's; `rates` gives the value of one unit of each other currency in it.
    pub fn financials(&mut self, id: &str, fiscal_year: Option<i32>, status: Option<Date>, rates: Option<BTreeMap<String, f64>>) -> Result<FinancialsReport, WorkspaceError> {
        let portfolio = self.portfolio()?;
        let (scope, indices, status) = if let Some(index) = portfolio.projects.iter().position(|p| p.id == id) {
            let project = &portfolio.projects[index];
            let status = status.or(project.status_date).or(portfolio.status_date).ok_or(WorkspaceError::NoStatusDate)?;
            (Scope { id: &project.id, name: &project.name, reporting_currency: &project.currency }, vec![index], status)
        } else {
            let status = status.or(portfolio.status_date).ok_or(WorkspaceError::NoStatusDate)?;
            let reporting_currency = portfolio.currency.as_str();
            if id == portfolio.id {
                (Scope { id: &portfolio.id, name: &portfolio.name, reporting_currency }, (0..portfolio.projects.len()).collect(), status)
            } else {
                let unit = portfolio.org_units.iter().find(|u| u.id == id).ok_or_else(|| WorkspaceError::NodeNotFound(id.to_string()))?;
                (Scope { id: &unit.id, name: &unit.name, reporting_currency }, self.projects_under(id)?, status)
            }
        };
        let start_month = portfolio.fiscal_year_start_month;
        let year = match fiscal_year {
            Some(year) => FiscalYear::new(year, start_month),
            None => FiscalYear::containing(status, start_month),
        }
        .map_err(financials_error)?;
        let projects: Vec<&Project> = indices.iter().map(|&i| &portfolio.projects[i]).collect();
        financials(&scope, &projects, year, status, rates.as_ref()).map_err(financials_error)
    }

    /// Milestones (and activities with deadlines) of project or unit `id`, or of the whole
    /// portfolio when `id` is absent, at `status` (else the project's or the portfolio's
    /// status date), with an upcoming window of `window_days` (default 30).
    pub fn milestones(&mut self, id: Option<&str>, status: Option<Date>, window_days: Option<u32>) -> Result<MilestoneReport, WorkspaceError> {
        let window_days = window_days.unwrap_or(MilestoneOptions::default().window_days);
        if window_days > MAX_WINDOW_DAYS {
            return Err(WorkspaceError::InvalidOption {
                field: "windowDays".to_string(),
                why: format!("the upcoming window is at most {MAX_WINDOW_DAYS} days (ten years); got {window_days}"),
            });
        }
        let (indices, own_status) = self.scope(id)?;
        let status = status.or(own_status).ok_or(WorkspaceError::NoStatusDate)?;
        let schedules = self.resident_schedules(&indices)?;
        let portfolio = self.portfolio()?;
        let projects: Vec<ScheduledProject<'_>> =
            indices.iter().zip(&schedules).map(|(&i, schedule)| ScheduledProject { project: &portfolio.projects[i], schedule: schedule.as_ref() }).collect();
        Ok(milestones(&projects, status, &MilestoneOptions { window_days, ..MilestoneOptions::default() }))
    }

    /// Capacity against demand by resource and by role for `months` months from `from`, over
    /// project or unit `id` or the whole portfolio when absent; over-allocated above capacity
    /// times `threshold` (1.0 = 100%, the default).
    pub fn capacity(&mut self, id: Option<&str>, from: YearMonth, months: u32, threshold: Option<f64>) -> Result<CapacityReport, WorkspaceError> {
        let options = CapacityOptions { threshold: threshold.unwrap_or(CapacityOptions::default().threshold) };
        let (indices, _) = self.scope(id)?;
        let schedules = self.resident_schedules(&indices)?;
        let portfolio = self.portfolio()?;
        let projects: Vec<ScheduledProject<'_>> =
            indices.iter().zip(&schedules).map(|(&i, schedule)| ScheduledProject { project: &portfolio.projects[i], schedule: schedule.as_ref() }).collect();
        capacity(&projects, from, months, &options)
            .map_err(|error| WorkspaceError::InvalidOption { field: error.field().to_string(), why: sentence(&error) })
    }

    /// The projects of `id` (a project, a unit with everything below it, or the portfolio; all
    /// projects when absent), and the status date that scope carries.
    fn scope(&self, id: Option<&str>) -> Result<(Vec<usize>, Option<Date>), WorkspaceError> {
        let portfolio = self.portfolio()?;
        match id {
            None => Ok(((0..portfolio.projects.len()).collect(), portfolio.status_date)),
            Some(id) if id == portfolio.id => Ok(((0..portfolio.projects.len()).collect(), portfolio.status_date)),
            Some(id) => {
                if let Some(index) = portfolio.projects.iter().position(|p| p.id == id) {
                    return Ok((vec![index], portfolio.projects[index].status_date.or(portfolio.status_date)));
                }
                if !portfolio.org_units.iter().any(|u| u.id == id) {
                    return Err(WorkspaceError::NodeNotFound(id.to_string()));
                }
                Ok((self.projects_under(id)?, portfolio.status_date))
            }
        }
    }

    /// The resident schedule of each project, compiled on first use; `None` for a project
    /// whose plan cannot be scheduled (the engines report it rather than fail the portfolio).
    fn resident_schedules(&mut self, indices: &[usize]) -> Result<Vec<Option<ProjectSchedule>>, WorkspaceError> {
        let ids: Vec<String> = indices.iter().map(|&i| self.portfolio().map(|p| p.projects[i].id.clone())).collect::<Result<_, _>>()?;
        let options = ScheduleOptions::default();
        Ok(ids
            .iter()
            .map(|id| match self.live_schedule(id) {
                // The resident dates are current: every edit reschedules its project.
                Ok((project, live)) => Some(live.report(project, &options)),
                Err(_) => None,
            })
            .collect())
    }
}

fn financials_error(error: FinancialsError) -> WorkspaceError {
    match error {
        FinancialsError::Currency(error) => WorkspaceError::EarnedValue(error),
        other @ FinancialsError::InvalidFiscalStart(_) => {
            WorkspaceError::InvalidOption { field: "fiscalYearStartMonth".to_string(), why: sentence(&other) }
        }
        other @ FinancialsError::InvalidFiscalYear(_) => WorkspaceError::InvalidOption { field: "fiscalYear".to_string(), why: sentence(&other) },
    }
}

/// An engine message as the `why` of `InvalidOption`, whose template adds the full stop.
fn sentence(error: &impl std::fmt::Display) -> String {
    error.to_string().trim_end_matches('.').to_string()
}
