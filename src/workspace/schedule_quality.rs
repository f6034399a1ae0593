//! Schedule quality (the DCMA 14-point assessment, see `health::schedule_quality`) of a project
//! through the Workspace, on the project's resident schedule.

use super::{Workspace, WorkspaceError};
use crate::health::schedule_quality::{assess_schedule_quality, QualityOptions, ScheduleQualityReport};
use crate::model::Date;
use crate::schedule::result::ScheduleOptions;

impl Workspace {
    /// The DCMA 14-point assessment of project `id` at `status` (else the project's status
    /// date, else the portfolio's; with none, the checks that need one are not applicable).
    ///
    /// The schedule is the project's resident one, fully rescheduled as `schedule` does, with
    /// the default options: critical means zero total float or less, as DCMA reads it. The
    /// resident schedule keeps remaining work after the project's own status date; a different
    /// `status` given here is only the date the checks measure against.
    pub fn schedule_quality(&mut self, id: &str, status: Option<Date>, options: &QualityOptions) -> Result<ScheduleQualityReport, WorkspaceError> {
        options.check().map_err(|(field, why)| WorkspaceError::InvalidOption { field: field.to_string(), why: why.to_string() })?;
        let portfolio_status = self.portfolio()?.status_date;
        let (project, live) = self.live_schedule(id)?;
        live.reschedule(project);
        let schedule = live.report(project, &ScheduleOptions::default());
        let status = status.or(project.status_date).or(portfolio_status);
        Ok(assess_schedule_quality(project, &schedule, status, options))
    }
}
