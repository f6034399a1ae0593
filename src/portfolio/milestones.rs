//! Milestones across projects at a status date: every milestone (and, optionally, every other
//! activity with a deadline) with its baseline date, forecast date (the scheduled finish),
//! actual finish and deadline, its slip, and a status a PMO reads at a glance.
//!
//! Conventions:
//! - Slip is counted in calendar days (projects in one portfolio run on different calendars, and
//!   a board reads "12 days late" in calendar days): the actual finish, else the forecast, minus
//!   the baseline finish; positive is late. `deadlineSlipDays` is the same against the deadline.
//! - Late: finished or forecast after the baseline or the deadline, or not finished although its
//!   baseline or deadline is before the status date. `daysLate` is the largest of those overruns.
//! - A milestone without a baseline is never reported on time: it is `noBaseline` unless it is
//!   late against its deadline or its due date.
//! - Upcoming: not finished, not late, with a baseline, and expected (forecast, else baseline)
//!   within the window after the status date (30 days by default), the status date included.
//! - Done: an actual finish, or 100% complete.
//! - Order: late first by days late (most first), then upcoming by date, then no baseline, on
//!   track and done on time, each by date.

use serde::Serialize;

use crate::model::{Date, Project};
use crate::schedule::result::ProjectSchedule;

/// A project and its schedule; `None` when the project could not be scheduled.
#[derive(Debug, Clone, Copy)]
pub struct ScheduledProject<'a> {
    pub project: &'a Project,
    pub schedule: Option<&'a ProjectSchedule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneOptions {
    /// Days after the status date in which a milestone counts as upcoming.
    pub window_days: u32,
    /// Also list activities that are not milestones but carry a deadline.
    pub include_deadlines: bool,
}

impl Default for MilestoneOptions {
    fn default() -> Self {
        MilestoneOptions { window_days: 30, include_deadlines: true }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MilestoneStatus {
    Late,
    Upcoming,
    NoBaseline,
    OnTrack,
    DoneOnTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneRow {
    pub project_id: String,
    pub project_name: String,
    pub activity_id: String,
    pub activity_name: String,
    /// False for an activity listed only because it has a deadline.
    pub milestone: bool,
    pub status: MilestoneStatus,
    /// The baseline finish.
    pub baseline_date: Option<Date>,
    /// The scheduled finish; absent when the project could not be scheduled.
    pub forecast_date: Option<Date>,
    pub actual_finish: Option<Date>,
    pub deadline: Option<Date>,
    pub done: bool,
    /// Actual finish (else forecast) minus baseline, in calendar days; positive is late.
    pub slip_days: Option<i64>,
    /// Actual finish (else forecast) minus deadline, in calendar days; positive is late.
    pub deadline_slip_days: Option<i64>,
    /// For a late row, the largest overrun in calendar days.
    pub days_late: Option<i64>,
    /// Not finished and expected within the window, whatever its status.
    pub due_within_window: bool,
    /// Why it has its status, in words.
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneCounts {
    pub late: usize,
    pub upcoming: usize,
    pub no_baseline: usize,
    pub on_track: usize,
    pub done_on_time: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneReport {
    pub status_date: Date,
    pub window_days: u32,
    /// Always "calendarDays": the unit of every slip.
    pub slip_unit: &'static str,
    pub counts: MilestoneCounts,
    pub milestones: Vec<MilestoneRow>,
    /// Projects whose plan could not be scheduled: their rows have no forecast date.
    pub unscheduled_project_ids: Vec<String>,
}

fn days_between(from: Date, to: Date) -> i64 {
    (to.0 - from.0).num_days()
}

/// Every milestone of `projects` at `status_date`, sorted as the module describes.
pub fn milestones(projects: &[ScheduledProject<'_>], status_date: Date, options: &MilestoneOptions) -> MilestoneReport {
    let window_end = status_date.0.checked_add_days(chrono::Days::new(options.window_days as u64)).map(Date);
    let mut rows = Vec::new();
    let mut unscheduled = Vec::new();
    for scheduled in projects {
        let project = scheduled.project;
        if scheduled.schedule.is_none() {
            unscheduled.push(project.id.clone());
        }
        // Summaries are those others name as parent; a milestone flag on one is ignored.
        let parents: std::collections::HashSet<&str> = project.activities.iter().filter_map(|a| a.parent_id.as_deref()).collect();
        for activity in &project.activities {
            if !activity.active || parents.contains(activity.id.as_str()) {
                continue;
            }
            if !(activity.milestone || (options.include_deadlines && activity.deadline.is_some())) {
                continue;
            }
            let baseline_date = project
                .baseline
                .as_ref()
                .and_then(|b| b.activities.iter().find(|a| a.activity_id == activity.id))
                .map(|a| a.finish.date());
            let forecast_date =
                scheduled.schedule.and_then(|s| s.activities.iter().find(|a| a.id == activity.id)).map(|a| a.finish.date());
            let actual_finish = activity.actual_finish.map(|d| d.date());
            let done = actual_finish.is_some() || activity.percent_complete >= 100.0;
            let outcome = actual_finish.or(forecast_date);
            let slip_days = outcome.zip(baseline_date).map(|(o, b)| days_between(b, o));
            let deadline_slip_days = outcome.zip(activity.deadline).map(|(o, d)| days_between(d, o));
            // Due: the earlier of baseline and deadline; overdue when that has passed unfinished.
            let due = [baseline_date, activity.deadline].into_iter().flatten().min();
            let overdue_days = due.filter(|_| !done).map(|d| days_between(d, status_date)).filter(|days| *days > 0);
            let overruns = [slip_days, deadline_slip_days, overdue_days].into_iter().flatten().filter(|days| *days > 0);
            let days_late = overruns.max();
            let expected = forecast_date.or(baseline_date).or(activity.deadline);
            let due_within_window = !done && expected.is_some_and(|e| e >= status_date && window_end.is_none_or(|end| e <= end));
            let (status, explanation) = if let Some(days) = days_late {
                (MilestoneStatus::Late, late_explanation(slip_days, deadline_slip_days, overdue_days, days, done))
            } else if baseline_date.is_none() {
                (MilestoneStatus::NoBaseline, "No baseline date: it cannot be judged on time.".to_string())
            } else if done {
                (MilestoneStatus::DoneOnTime, "Finished on or before its baseline date.".to_string())
            } else if due_within_window {
                (MilestoneStatus::Upcoming, format!("Expected within {} days of the status date.", options.window_days))
            } else {
                (MilestoneStatus::OnTrack, "Forecast on or before its baseline date.".to_string())
            };
            rows.push(MilestoneRow {
                project_id: project.id.clone(),
                project_name: project.name.clone(),
                activity_id: activity.id.clone(),
                activity_name: activity.name.clone(),
                milestone: activity.milestone,
                status,
                baseline_date,
                forecast_date,
                actual_finish,
                deadline: activity.deadline,
                done,
                slip_days,
                deadline_slip_days,
                days_late,
                due_within_window,
                explanation,
            });
        }
    }
    rows.sort_by(|a, b| {
        let date = |row: &MilestoneRow| row.actual_finish.or(row.forecast_date).or(row.baseline_date).or(row.deadline);
        // Rows without any date go last within their group.
        let date_key = |row: &MilestoneRow| (date(row).is_none(), date(row));
        a.status
            .cmp(&b.status)
            .then_with(|| b.days_late.cmp(&a.days_late))
            .then_with(|| date_key(a).cmp(&date_key(b)))
            .then_with(|| a.project_id.cmp(&b.project_id))
            .then_with(|| a.activity_id.cmp(&b.activity_id))
    });
    let mut counts = MilestoneCounts::default();
    for row in &rows {
        *match row.status {
            MilestoneStatus::Late => &mut counts.late,
            MilestoneStatus::Upcoming => &mut counts.upcoming,
            MilestoneStatus::NoBaseline => &mut counts.no_baseline,
            MilestoneStatus::OnTrack => &mut counts.on_track,
            MilestoneStatus::DoneOnTime => &mut counts.done_on_time,
        } += 1;
    }
    MilestoneReport {
        status_date,
        window_days: options.window_days,
        slip_unit: "calendarDays",
        counts,
        milestones: rows,
        unscheduled_project_ids: unscheduled,
    }
}

fn late_explanation(slip: Option<i64>, deadline_slip: Option<i64>, overdue: Option<i64>, days: i64, done: bool) -> String {
    let verb = if done { "Finished" } else { "Forecast" };
    if slip == Some(days) {
        format!("{verb} {days} calendar days after its baseline date.")
    } else if deadline_slip == Some(days) {
        format!("{verb} {days} calendar days after its deadline.")
    } else if overdue.is_some() {
        format!("Not finished, and due {days} calendar days before the status date.")
    } else {
        format!("{days} calendar days late.")
    }
}
