//! Time-phased planned value (the performance measurement baseline): cumulative PV at any
//! instant and at the end of each reporting period.
//!
//! PV comes either from explicit period values, or from each activity's baseline start, finish
//! and budget spread over its working time on a calendar (the PMI practice standard's
//! "time-phased budget"). Spreading over working minutes rather than calendar days keeps weekends
//! and holidays flat, as a scheduler's cost curve is.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::periods::{PeriodGrid, end_of_day};
use super::{finite, finite_series, EvmError};
use crate::schedule::calendar::{moment_of, WorkCalendar};

/// How an activity's budget accrues over its normalized working time x in [0, 1]. These are our
/// definitions (no standard fixes them): linear has cumulative fraction x; front-loaded has
/// density 2(1 - x), cumulative x(2 - x); back-loaded has density 2x, cumulative x².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SpreadCurve {
    #[default]
    Linear,
    FrontLoaded,
    BackLoaded,
}

impl SpreadCurve {
    /// Fraction of the budget planned by normalized working time `x` (clamped to [0, 1]).
    pub fn cumulative_fraction(self, x: f64) -> f64 {
        let x = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
        match self {
            SpreadCurve::Linear => x,
            SpreadCurve::FrontLoaded => x * (2.0 - x),
            SpreadCurve::BackLoaded => x * x,
        }
    }
}

/// One activity of the baseline: when it was planned and what it was budgeted.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineActivity {
    pub id: String,
    pub baseline_start: NaiveDateTime,
    pub baseline_finish: NaiveDateTime,
    pub budget: f64,
    pub curve: SpreadCurve,
}

impl BaselineActivity {
    /// An activity planned over whole days, `first_day` through `last_day` inclusive: the usual
    /// reading of a date-only plan.
    pub fn over_days(id: &str, first_day: chrono::NaiveDate, last_day: chrono::NaiveDate, budget: f64, curve: SpreadCurve) -> BaselineActivity {
        BaselineActivity {
            id: id.to_string(),
            baseline_start: first_day.and_time(chrono::NaiveTime::MIN),
            baseline_finish: end_of_day(last_day),
            budget,
            curve,
        }
    }
}

/// Planned value of one activity at `instant`. A milestone (no working time between its start and
/// finish) plans its whole budget at its date.
pub fn planned_value_of_activity(activity: &BaselineActivity, calendar: &WorkCalendar, instant: NaiveDateTime) -> Result<f64, EvmError> {
    // The label is written only for an error: this runs for every activity at every period end.
    let budget = if activity.budget.is_finite() { activity.budget } else { finite(&format!("activity {} budget", activity.id), activity.budget)? };
    let (start, finish, at) = (moment_of(activity.baseline_start), moment_of(activity.baseline_finish), moment_of(instant));
    // Outside its span an activity has planned all or nothing, as the calendar arithmetic below
    // would find (every curve runs from 0 at 0 to exactly 1 at 1); on a monthly grid most
    // period ends fall outside most activities, and the calendar was most of building a curve.
    if at >= finish && at >= start {
        return Ok(budget);
    }
    if at <= start {
        return Ok(0.0);
    }
    let total = calendar.work_between(start, finish);
    if total <= 0 {
        return Ok(if at >= finish.max(start) { budget } else { 0.0 });
    }
    let done = calendar.work_between(start, at).clamp(0, total);
    Ok(budget * activity.curve.cumulative_fraction(done as f64 / total as f64))
}

/// Planned value of the whole baseline at `instant`.
pub fn planned_value_at(activities: &[BaselineActivity], calendar: &WorkCalendar, instant: NaiveDateTime) -> Result<f64, EvmError> {
    activities.iter().try_fold(0.0, |total, activity| Ok(total + planned_value_of_activity(activity, calendar, instant)?))
}

/// Cumulative planned value at the end of each period of `grid` (one value per period; the
/// value at the grid's first boundary is PV(0), zero when the grid starts with the baseline).
pub fn planned_value_by_period(activities: &[BaselineActivity], calendar: &WorkCalendar, grid: &PeriodGrid) -> Result<Vec<f64>, EvmError> {
    grid.boundaries()
        .iter()
        .skip(1)
        .map(|boundary| planned_value_at(activities, calendar, boundary.and_time(chrono::NaiveTime::MIN)))
        .collect()
}

/// Running totals of per-period values: the cumulative series by period.
pub fn cumulative_from_period_values(per_period: &[f64]) -> Result<Vec<f64>, EvmError> {
    finite_series("per-period values", per_period)?;
    let mut total = 0.0;
    Ok(per_period.iter().map(|value| {
        total += value;
        total
    }).collect())
}

/// Planned value at a fractional period count on a cumulative series (values at period ends,
/// PV(0) = 0), linear inside a period; past the series it stays at its last value.
pub fn planned_value_at_position(cumulative: &[f64], position: f64) -> f64 {
    if cumulative.is_empty() || !position.is_finite() || position <= 0.0 {
        return 0.0;
    }
    let whole = position.floor() as usize;
    if whole >= cumulative.len() {
        return cumulative[cumulative.len() - 1];
    }
    let before = if whole == 0 { 0.0 } else { cumulative[whole - 1] };
    before + (cumulative[whole] - before) * (position - whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn spread_curves_follow_their_closed_forms() {
        for step in 0..=20 {
            let x = step as f64 / 20.0;
            assert_eq!(SpreadCurve::Linear.cumulative_fraction(x), x);
            assert!((SpreadCurve::FrontLoaded.cumulative_fraction(x) - (1.0 - (1.0 - x).powi(2))).abs() < 1e-15);
            assert!((SpreadCurve::BackLoaded.cumulative_fraction(x) - x.powi(2)).abs() < 1e-15);
        }
        // Front-loading plans three quarters by mid-duration, back-loading a quarter.
        assert_eq!(SpreadCurve::FrontLoaded.cumulative_fraction(0.5), 0.75);
        assert_eq!(SpreadCurve::BackLoaded.cumulative_fraction(0.5), 0.25);
        assert_eq!(SpreadCurve::BackLoaded.cumulative_fraction(1.7), 1.0);
    }

    #[test]
    fn spreading_follows_working_time_on_the_calendar() {
        // Monday to the next Friday on the standard calendar: 10 working days; the weekend is flat.
        let activity = BaselineActivity::over_days("A", date(2026, 1, 5), date(2026, 1, 16), 1000.0, SpreadCurve::Linear);
        let standard = WorkCalendar::standard();
        let friday = end_of_day(date(2026, 1, 9));
        let sunday = end_of_day(date(2026, 1, 11));
        assert!((planned_value_of_activity(&activity, &standard, friday).unwrap_or(f64::NAN) - 500.0).abs() < 1e-9);
        assert!((planned_value_of_activity(&activity, &standard, sunday).unwrap_or(f64::NAN) - 500.0).abs() < 1e-9);
        let front = BaselineActivity { curve: SpreadCurve::FrontLoaded, ..activity.clone() };
        assert!((planned_value_of_activity(&front, &standard, friday).unwrap_or(f64::NAN) - 750.0).abs() < 1e-9);
        assert_eq!(planned_value_of_activity(&activity, &standard, end_of_day(date(2026, 2, 1))), Ok(1000.0));
        assert_eq!(planned_value_of_activity(&activity, &standard, date(2026, 1, 1).and_time(chrono::NaiveTime::MIN)), Ok(0.0));
    }

    #[test]
    fn a_milestone_plans_its_whole_cost_at_its_date() {
        let at = date(2026, 3, 2).and_hms_opt(17, 0, 0).unwrap_or_default();
        let milestone = BaselineActivity { id: "M".into(), baseline_start: at, baseline_finish: at, budget: 250.0, curve: SpreadCurve::Linear };
        let calendar = WorkCalendar::elapsed();
        assert_eq!(planned_value_of_activity(&milestone, &calendar, at - chrono::Duration::minutes(1)), Ok(0.0));
        assert_eq!(planned_value_of_activity(&milestone, &calendar, at), Ok(250.0));
    }

    #[test]
    fn pv_between_period_ends_is_interpolated() {
        let cumulative = cumulative_from_period_values(&[100.0, 300.0, 0.0]).unwrap_or_default();
        assert_eq!(cumulative, vec![100.0, 400.0, 400.0]);
        assert_eq!(planned_value_at_position(&cumulative, 0.5), 50.0);
        assert_eq!(planned_value_at_position(&cumulative, 1.5), 250.0);
        assert_eq!(planned_value_at_position(&cumulative, 9.0), 400.0);
        assert!(cumulative_from_period_values(&[f64::NAN]).is_err());
    }
}
