//! Earned value of one model project at a status date: the inputs the engine's pieces need,
//! read from the plan, and the results put together (measures, earned schedule, the recent
//! window, the forecast finish and the S-curve).
//!
//! What does not change with the status date, the monthly grid and the planned value curve, is a
//! `ProjectBasis`, built once per project and kept by the Workspace. Where the figures come from
//! (stated in every result as `sources`):
//! - PV: baseline 0 (each activity's baseline cost spread linearly over its baseline working time
//!   on the project calendar); without one, the status snapshots' planned value.
//! - EV and AC: the latest status snapshot on or before the status date (the project's reported
//!   cumulative figures; later ones are ignored); without one, the activities, each earning its
//!   budget by its earned value method, and their recorded actual costs.
//! - BAC: the project's approved budget at completion.
//!
//! Periods are calendar months starting with the month the project starts in, so earned
//! schedule, actual time and the planned duration are in months (fractional by working time).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::baseline::{planned_value_at, planned_value_at_position, planned_value_by_period, planned_value_of_activity, BaselineActivity, SpreadCurve};
use super::earned::{earned_value as earned_value_of, EarningRule, Progress as Reported, ProgressRecord};
use super::earned_schedule::{earned_schedule_measures, forecast_finish, planned_duration_of, EarnedScheduleInputs, EarnedScheduleMeasures};
use super::indices::{measures_at, EvmMeasures, StatusInputs};
use super::periods::{end_of_day, PeriodGrid};
use super::recent::{recent_window_indices, RecentWindowIndices};
use super::series::{s_curve, SCurveInputs};
use super::{EvmError, Measure};
use crate::model::{Activity, Date, DateTime, EarnedValueMethod, Project, StatusSnapshot};
use crate::schedule::calendar::WorkCalendar;

/// Periods in the recent window beside the cumulative indices.
pub const RECENT_WINDOW_PERIODS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PlannedValueSource {
    Baseline,
    Snapshots,
    /// Neither a baseline nor snapshots: PV is zero throughout.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProgressSource {
    Snapshots,
    Activities,
}

/// A project's grid and planned value curve, independent of the status date.
#[derive(Debug, Clone)]
pub struct ProjectBasis {
    pub grid: PeriodGrid,
    /// Cumulative PV at the end of each period of `grid`.
    pub pv_cumulative: Vec<f64>,
    /// Planned duration in periods: where the baseline finishes, else where PV stops rising.
    pub planned_duration: f64,
    pub planned_value_source: PlannedValueSource,
    calendar: Arc<WorkCalendar>,
    baseline: Vec<BaselineActivity>,
}

impl ProjectBasis {
    /// Actual time at the end of `status`, in periods of the grid counted in working time.
    pub fn actual_time_at(&self, status: NaiveDate) -> f64 {
        self.grid.position_of(end_of_day(status), Some(&self.calendar))
    }

    pub fn new(project: &Project) -> Result<ProjectBasis, EvmError> {
        let calendar = project_calendar(project);
        let summaries = summary_ids(project);
        let baseline: Vec<BaselineActivity> = project
            .baseline
            .iter()
            .flat_map(|b| &b.activities)
            // A summary's baseline cost is its children's, already counted with them.
            .filter(|entry| !summaries.contains(entry.activity_id.as_str()))
            .map(|entry| BaselineActivity {
                id: entry.activity_id.clone(),
                baseline_start: entry.start.0,
                baseline_finish: entry.finish.0,
                budget: entry.cost,
                curve: SpreadCurve::Linear,
            })
            .collect();
        let start = project.start_date.0.date();
        let mut last = start;
        for activity in &baseline {
            last = last.max(activity.baseline_finish.date());
        }
        for snapshot in &project.snapshots {
            last = last.max(snapshot.date.0);
        }
        if let Some(status) = project.status_date {
            last = last.max(status.0);
        }
        let grid = PeriodGrid::monthly(start.min(last), last)?;
        let (pv_cumulative, planned_value_source) = if !baseline.is_empty() {
            (planned_value_by_period(&baseline, &calendar, &grid)?, PlannedValueSource::Baseline)
        } else if !project.snapshots.is_empty() {
            let series = (0..grid.len()).map(|k| latest_snapshot_through(project, grid.last_day_of(k)).map_or(0.0, |s| s.planned_value)).collect();
            (series, PlannedValueSource::Snapshots)
        } else {
            (vec![0.0; grid.len()], PlannedValueSource::None)
        };
        let planned_duration = match baseline.iter().map(|a| a.baseline_finish).max() {
            Some(finish) => grid.position_of(finish, Some(&calendar)),
            None => planned_duration_of(&pv_cumulative),
        };
        Ok(ProjectBasis { grid, pv_cumulative, planned_duration, planned_value_source, calendar, baseline })
    }

    /// PV at an instant: from the baseline itself where there is one (exact inside a period),
    /// else interpolated on the curve.
    fn planned_value_at(&self, instant: NaiveDateTime) -> Result<f64, EvmError> {
        if self.baseline.is_empty() {
            Ok(planned_value_at_position(&self.pv_cumulative, self.grid.position_of(instant, Some(&self.calendar))))
        } else {
            planned_value_at(&self.baseline, &self.calendar, instant)
        }
    }
}

/// The project calendar; projects on the Standard calendar share one compiled copy (building
/// a calendar's day tables costs far more than everything else in a project's basis).
fn project_calendar(project: &Project) -> Arc<WorkCalendar> {
    static STANDARD: OnceLock<Arc<WorkCalendar>> = OnceLock::new();
    project
        .calendar_id
        .as_deref()
        .and_then(|id| project.calendars.iter().find(|c| c.id == id))
        .and_then(|calendar| WorkCalendar::compile(calendar).ok())
        .map(Arc::new)
        .unwrap_or_else(|| STANDARD.get_or_init(|| Arc::new(WorkCalendar::standard())).clone())
}

fn latest_snapshot_through(project: &Project, day: Option<NaiveDate>) -> Option<&StatusSnapshot> {
    let day = day?;
    project.snapshots.iter().filter(|s| s.date.0 <= day).max_by_key(|s| s.date)
}

/// Where each figure came from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sources {
    pub planned_value: PlannedValueSource,
    pub progress: ProgressSource,
    /// The date of the snapshot EV and AC were read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_date: Option<Date>,
}

/// Everything a PMO reads about one project's cost and schedule performance at a status date.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectEarnedValue {
    pub project_id: String,
    pub currency: String,
    pub status_date: Date,
    pub sources: Sources,
    pub measures: EvmMeasures,
    pub earned_schedule: EarnedScheduleMeasures,
    /// Indices over the last three completed months beside the cumulative ones at the end of
    /// the last of them; absent when EV and AC are not known month by month (no snapshots) or
    /// nothing was planned or earned yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recent: Option<RecentWindowIndices>,
    /// Where IEAC(t) = PD / SPI(t) lands on the calendar; absent when SPI(t) is undefined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_finish: Option<DateTime>,
    /// The baseline finish, for comparison with the forecast.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_finish: Option<DateTime>,
}

/// Cumulative series by month for an S-curve: PV over the whole plan, EV and AC through the
/// status month (from `earned_first_period` on, where they are known), and the forecast cost
/// from AC at the status month to EAC (BAC / CPI) at the forecast finish.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSeries {
    pub labels: Vec<String>,
    pub period_ends: Vec<Date>,
    pub planned_value: Vec<f64>,
    pub earned_value: Vec<f64>,
    pub actual_cost: Vec<f64>,
    pub earned_first_period: usize,
    pub forecast: Vec<f64>,
    pub forecast_first_period: usize,
    /// The index of the month holding the status date.
    pub status_period: usize,
}

/// EV and AC at the status date, and by period through it where snapshots give them.
struct Progress {
    earned_value: f64,
    actual_cost: f64,
    source: ProgressSource,
    date: Option<Date>,
    /// Cumulative EV and AC at each period end through the status period, from the first
    /// period where they are known.
    ev_by_period: Vec<f64>,
    ac_by_period: Vec<f64>,
    first_known: usize,
}

fn progress(project: &Project, basis: &ProjectBasis, status: NaiveDate, status_period: usize) -> Progress {
    // Snapshots up to the status date in date order, read once with a cursor over the months.
    let mut reported: Vec<&StatusSnapshot> = project.snapshots.iter().filter(|s| s.date.0 <= status).collect();
    reported.sort_by_key(|s| s.date);
    if let Some(&snapshot) = reported.last() {
        let mut ev_by_period = Vec::with_capacity(status_period + 1);
        let mut ac_by_period = Vec::with_capacity(status_period + 1);
        let mut seen = 0;
        for k in 0..=status_period {
            // The status period itself counts what is reported by the status date.
            let day = if k == status_period { status } else { basis.grid.last_day_of(k).unwrap_or(status) };
            while seen < reported.len() && reported[seen].date.0 <= day {
                seen += 1;
            }
            let at = seen.checked_sub(1).map(|i| reported[i]);
            ev_by_period.push(at.map_or(0.0, |s| s.earned_value));
            ac_by_period.push(at.map_or(0.0, |s| s.actual_cost));
        }
        return Progress {
            earned_value: snapshot.earned_value,
            actual_cost: snapshot.actual_cost,
            source: ProgressSource::Snapshots,
            date: Some(snapshot.date),
            ev_by_period,
            ac_by_period,
            first_known: 0,
        };
    }
    let (earned_value, actual_cost) = earned_by_activities(project, basis, status);
    Progress {
        earned_value,
        actual_cost,
        source: ProgressSource::Activities,
        date: None,
        ev_by_period: vec![earned_value; status_period + 1],
        ac_by_period: vec![actual_cost; status_period + 1],
        first_known: status_period,
    }
}

/// Activities that others name as parent: their figures are their children's.
fn summary_ids(project: &Project) -> HashSet<&str> {
    project.activities.iter().filter_map(|a| a.parent_id.as_deref()).collect()
}

/// EV and AC from the activities themselves, each earning its budget (baseline cost, else its
/// cost) by its method. Percent complete, remaining duration and actual costs are as of the
/// project's status date, so a status date before it sees none of them; actual start and
/// finish count from their own dates.
fn earned_by_activities(project: &Project, basis: &ProjectBasis, status: NaiveDate) -> (f64, f64) {
    let summaries = summary_ids(project);
    let baseline_of: HashMap<&str, &BaselineActivity> = basis.baseline.iter().map(|b| (b.id.as_str(), b)).collect();
    let (mut earned_value, mut actual_cost) = (0.0, 0.0);
    for activity in project.activities.iter().filter(|a| a.active && !summaries.contains(a.id.as_str())) {
        let (ev, ac) = earned_by_activity(project, basis, activity, baseline_of.get(activity.id.as_str()).copied(), status);
        earned_value += ev;
        actual_cost += ac;
    }
    (earned_value, actual_cost)
}

/// One activity's earned value at `status` by its own progress (percent complete, remaining
/// duration, actual dates) and earning rule, counted as `earned_by_activities` counts it: zero
/// for a summary or an inactive activity. A what-if edit of progress reads it before and after.
pub fn activity_earned_value(project: &Project, basis: &ProjectBasis, index: usize, status: NaiveDate) -> f64 {
    let Some(activity) = project.activities.get(index) else { return 0.0 };
    if !activity.active || summary_ids(project).contains(activity.id.as_str()) {
        return 0.0;
    }
    let baseline = basis.baseline.iter().find(|b| b.id == activity.id);
    earned_by_activity(project, basis, activity, baseline, status).0
}

/// Earned value and actual cost of one non-summary activity at `status`.
fn earned_by_activity(project: &Project, basis: &ProjectBasis, activity: &Activity, baseline: Option<&BaselineActivity>, status: NaiveDate) -> (f64, f64) {
    let reported = project.status_date.map_or(status, |d| d.0);
    let visible = reported <= status;
    let budget = baseline.map_or(activity.cost, |b| b.budget);
    let mut actual_cost = 0.0;
    let mut records = Vec::with_capacity(4);
    if visible {
        records.push(ProgressRecord { date: reported, progress: Reported::PercentComplete(activity.percent_complete / 100.0) });
        if let Some(remaining) = activity.remaining_duration_days {
            records.push(ProgressRecord { date: reported, progress: Reported::RemainingDuration(remaining.days()) });
        }
        actual_cost = activity.actual_cost.filter(|c| c.is_finite()).unwrap_or(0.0);
    }
    for (date, progress) in [(activity.actual_start, Reported::Started), (activity.actual_finish, Reported::Finished)] {
        if let Some(date) = date {
            records.push(ProgressRecord { date: date.0.date(), progress });
        }
    }
    let duration_days = activity.duration_days.days();
    let rule = match activity.earned_value_method.unwrap_or_default() {
        EarnedValueMethod::PhysicalPercentComplete => EarningRule::PhysicalPercentComplete,
        EarnedValueMethod::DurationPercentComplete => {
            // Without a reported remaining duration, the one derived from percent complete.
            if activity.remaining_duration_days.is_none() && visible {
                let remaining = duration_days * (1.0 - (activity.percent_complete / 100.0).clamp(0.0, 1.0));
                records.push(ProgressRecord { date: reported, progress: Reported::RemainingDuration(remaining) });
            }
            EarningRule::DurationPercentComplete { duration_days }
        }
        EarnedValueMethod::ZeroHundred => EarningRule::ZeroHundred,
        EarnedValueMethod::FiftyFifty => EarningRule::FiftyFifty,
        EarnedValueMethod::LevelOfEffort => EarningRule::LevelOfEffort,
    };
    let planned = baseline.and_then(|b| planned_value_of_activity(b, &basis.calendar, end_of_day(status)).ok()).unwrap_or(0.0);
    // Validation keeps the inputs finite, so the engine has nothing to refuse here.
    (earned_value_of(budget, &rule, &records, status, planned).unwrap_or(0.0), actual_cost)
}

/// The month index holding `status` on the grid (the last month when it is past the grid).
fn status_period_of(grid: &PeriodGrid, status: NaiveDate) -> usize {
    grid.period_of(status).unwrap_or(if Some(status) < grid.boundaries().first().copied() { 0 } else { grid.len().saturating_sub(1) })
}

/// Measures, earned schedule, recent window and forecast finish of `project` at `status`.
pub fn project_earned_value(project: &Project, basis: &ProjectBasis, status: NaiveDate) -> Result<ProjectEarnedValue, EvmError> {
    let (evaluation, _) = evaluate(project, basis, status)?;
    Ok(evaluation)
}

/// The S-curve series of `project` at `status`.
pub fn project_series(project: &Project, basis: &ProjectBasis, status: NaiveDate) -> Result<ProjectSeries, EvmError> {
    let (evaluation, progress) = evaluate(project, basis, status)?;
    let status_period = status_period_of(&basis.grid, status);
    // The forecast runs to IEAC(t) on the calendar; the grid grows to hold it (by up to ten
    // years, so an absurd forecast cannot make a huge series).
    let finish = evaluation.forecast_finish.map(|f| f.0.date());
    let last_day = basis.grid.last_day_of(basis.grid.len().saturating_sub(1)).unwrap_or(status);
    let grid = match finish {
        Some(finish) if finish > last_day => {
            let capped = finish.min(last_day.checked_add_months(chrono::Months::new(120)).unwrap_or(last_day));
            PeriodGrid::monthly(basis.grid.boundaries()[0], capped)?
        }
        _ => basis.grid.clone(),
    };
    let forecast_period = match evaluation.forecast_finish {
        Some(finish) => Measure::Value(grid.position_of(finish.0, Some(&basis.calendar))),
        None => Measure::Undefined(evaluation.earned_schedule.schedule_performance_index_time.reason().unwrap_or(super::Reason::NotStarted)),
    };
    let curve = s_curve(&SCurveInputs {
        grid: &grid,
        pv_cumulative: &basis.pv_cumulative,
        ev_cumulative: &progress.ev_by_period,
        ac_cumulative: &progress.ac_by_period,
        // The engine counts completed periods; the status month counts as done at the status date.
        status_period: status_period + 1,
        estimate_at_completion: evaluation.measures.estimate_at_completion_cpi,
        forecast_finish_period: forecast_period,
    })?;
    let first = progress.first_known.min(curve.earned_value.len());
    Ok(ProjectSeries {
        labels: curve.labels,
        period_ends: curve.period_ends,
        planned_value: curve.planned_value,
        earned_value: curve.earned_value[first..].to_vec(),
        actual_cost: curve.actual_cost[first..].to_vec(),
        earned_first_period: first,
        forecast: curve.forecast,
        forecast_first_period: curve.forecast_first_period,
        status_period,
    })
}

fn evaluate(project: &Project, basis: &ProjectBasis, status: NaiveDate) -> Result<(ProjectEarnedValue, Progress), EvmError> {
    let instant = end_of_day(status);
    let status_period = status_period_of(&basis.grid, status);
    let progress = progress(project, basis, status, status_period);
    let planned_value = basis.planned_value_at(instant)?;
    let measures = measures_at(&StatusInputs {
        planned_value,
        earned_value: progress.earned_value,
        actual_cost: progress.actual_cost,
        budget_at_completion: project.budget_at_completion,
        estimate_to_complete_bottom_up: None,
    })?;
    let actual_time = basis.actual_time_at(status);
    let earned_schedule = earned_schedule_measures(&EarnedScheduleInputs {
        pv_cumulative: &basis.pv_cumulative,
        earned_value: progress.earned_value,
        actual_time,
        planned_duration: Some(basis.planned_duration),
        cost_performance_index: measures.cost_performance_index,
    })?;
    // The window needs EV and AC by period, which only snapshots give, and ends with the last
    // month completed by the status date: PV at the end of the status month would be set
    // against EV reported before it, and read as a decline that is not there.
    let recent = if progress.first_known == 0 && (planned_value > 0.0 || progress.earned_value > 0.0) {
        Some(recent_window_indices(
            &basis.pv_cumulative,
            &progress.ev_by_period,
            &progress.ac_by_period,
            if basis.grid.last_day_of(status_period) == Some(status) { status_period + 1 } else { status_period },
            RECENT_WINDOW_PERIODS,
            Some(basis.planned_duration),
        )?)
    } else {
        None
    };
    let forecast = forecast_finish(&basis.grid, earned_schedule.independent_estimate_at_completion_time, Some(&basis.calendar));
    let evaluation = ProjectEarnedValue {
        project_id: project.id.clone(),
        currency: project.currency.clone(),
        status_date: Date(status),
        sources: Sources { planned_value: basis.planned_value_source, progress: progress.source, progress_date: progress.date },
        measures,
        earned_schedule,
        recent,
        forecast_finish: forecast.map(DateTime),
        planned_finish: basis.baseline.iter().map(|a| a.baseline_finish).max().map(DateTime),
    };
    Ok((evaluation, progress))
}
