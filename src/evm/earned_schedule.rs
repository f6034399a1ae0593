//! Earned schedule (Lipke): the time at which the earned value was planned, and the time-based
//! measures built on it.
//!
//! Following Lipke, "Schedule is Different" (The Measurable News, 2003) and the Earned Schedule
//! practice guide: over a cumulative PV series by period with PV(0) = 0,
//! ES = C + (EV - PV[C]) / (PV[C+1] - PV[C]) where C is the last period with PV[C] <= EV. Taking
//! the last such C steps over flat stretches of the plan, so the denominator is never zero. ES is
//! truncated at the planned duration PD, and EV >= BAC gives ES = PD. Then SV(t) = ES - AT,
//! SPI(t) = ES/AT, IEAC(t) = PD/SPI(t), EAC(t) = AT + (PD - ES)/PF with the performance factor
//! PF = 1, SPI(t) or SPI(t) x CPI, and TSPI = (PD - ES)/(PD - AT). Times are in periods.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::periods::PeriodGrid;
use super::undefined::{guard, reasons_of, Measure, Reason, Reasons};
use super::{finite, finite_series, EvmError};
use crate::schedule::calendar::WorkCalendar;

/// The planned duration of a cumulative PV series: the first period at whose end the plan reaches
/// its final value (0 for an empty or all-zero plan).
pub fn planned_duration_of(pv_cumulative: &[f64]) -> f64 {
    let Some(&budget) = pv_cumulative.last() else { return 0.0 };
    if budget <= 0.0 {
        return 0.0;
    }
    pv_cumulative.iter().position(|&pv| pv >= budget).map_or(0.0, |index| (index + 1) as f64)
}

fn checked_planned_duration(pv_cumulative: &[f64], planned_duration: Option<f64>) -> Result<f64, EvmError> {
    finite_series("pv_cumulative", pv_cumulative)?;
    match planned_duration {
        Some(duration) => Ok(finite("planned_duration", duration)?.max(0.0)),
        None => Ok(planned_duration_of(pv_cumulative)),
    }
}

/// ES in periods for `earned_value` against `pv_cumulative` (values at the end of periods 1..n).
/// `planned_duration` defaults to [`planned_duration_of`]. Nothing earned earns no schedule.
pub fn earned_schedule(pv_cumulative: &[f64], earned_value: f64, planned_duration: Option<f64>) -> Result<f64, EvmError> {
    let planned_duration = checked_planned_duration(pv_cumulative, planned_duration)?;
    let earned_value = finite("earned_value", earned_value)?;
    Ok(earned_schedule_unchecked(pv_cumulative, earned_value, planned_duration))
}

pub(crate) fn earned_schedule_unchecked(pv_cumulative: &[f64], earned_value: f64, planned_duration: f64) -> f64 {
    let budget = pv_cumulative.last().copied().unwrap_or(0.0);
    if earned_value <= 0.0 {
        return 0.0;
    }
    if earned_value >= budget {
        return planned_duration;
    }
    let pv_at = |period: usize| if period == 0 { 0.0 } else { pv_cumulative[period - 1] };
    // The final value exceeds EV here, so the last period with PV <= EV is before the end and
    // the next period's PV is strictly above EV: the interpolation is well defined.
    let last_at_or_below = (0..=pv_cumulative.len()).rev().find(|&period| pv_at(period) <= earned_value).unwrap_or(0);
    let (before, after) = (pv_at(last_at_or_below), pv_at(last_at_or_below + 1));
    let schedule = last_at_or_below as f64 + (earned_value - before) / (after - before);
    guard(schedule).clamp(0.0, planned_duration)
}

/// What the earned schedule measures are computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarnedScheduleInputs<'a> {
    /// Cumulative PV at the end of each period (PV(0) = 0 is implied).
    pub pv_cumulative: &'a [f64],
    pub earned_value: f64,
    /// Periods elapsed at the status date, possibly fractional ([`PeriodGrid::position_of`]).
    pub actual_time: f64,
    /// Planned duration in periods; by default where the plan reaches its final value.
    pub planned_duration: Option<f64>,
    /// CPI at the status date, for the SPI(t) x CPI performance factor.
    pub cost_performance_index: Measure,
}

/// Earned schedule measures, in periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EarnedScheduleMeasures {
    #[serde(rename = "es")]
    pub earned_schedule: f64,
    #[serde(rename = "at")]
    pub actual_time: f64,
    #[serde(rename = "pd")]
    pub planned_duration: f64,
    #[serde(rename = "svT")]
    pub schedule_variance_time: f64,
    #[serde(rename = "spiT")]
    pub schedule_performance_index_time: Measure,
    /// Independent estimate at completion (time): PD / SPI(t).
    #[serde(rename = "ieacT")]
    pub independent_estimate_at_completion_time: Measure,
    /// EAC(t) with performance factor 1: the remaining plan runs as planned.
    #[serde(rename = "eacTPlanRate")]
    pub estimate_at_completion_time_plan_rate: Measure,
    /// EAC(t) with performance factor SPI(t).
    #[serde(rename = "eacTSpiT")]
    pub estimate_at_completion_time_spi_t: Measure,
    /// EAC(t) with performance factor SPI(t) x CPI.
    #[serde(rename = "eacTSpiTCpi")]
    pub estimate_at_completion_time_spi_t_cpi: Measure,
    /// To-complete schedule performance index: (PD - ES) / (PD - AT).
    #[serde(rename = "tspi")]
    pub to_complete_schedule_performance_index: Measure,
    pub reasons: Reasons,
}

/// All earned schedule measures at one status date.
/// ES, SPI(t) = ES / AT, the planned duration and AT (floored at 0) of the inputs, without the
/// rest of the measures: what a status history needs at each of its dates.
pub fn schedule_performance_index_time(inputs: &EarnedScheduleInputs<'_>) -> Result<(f64, Measure, f64, f64), EvmError> {
    let planned_duration = checked_planned_duration(inputs.pv_cumulative, inputs.planned_duration)?;
    let earned_value = finite("earned_value", inputs.earned_value)?;
    let actual_time = finite("actual_time", inputs.actual_time)?.max(0.0);
    let schedule = earned_schedule_unchecked(inputs.pv_cumulative, earned_value, planned_duration);
    Ok((schedule, Measure::ratio(schedule, actual_time, Reason::NoActualTime), planned_duration, actual_time))
}

pub fn earned_schedule_measures(inputs: &EarnedScheduleInputs<'_>) -> Result<EarnedScheduleMeasures, EvmError> {
    let (schedule, spi_t, planned_duration, actual_time) = schedule_performance_index_time(inputs)?;
    let remaining_plan = planned_duration - schedule;

    // An SPI(t) of zero means nothing has been earned: no rate to project the finish from.
    let over_factor = |factor: Measure| factor.and_then(|factor| Measure::ratio(remaining_plan, factor, Reason::NotStarted)).map(|rest| actual_time + rest);
    let ieac_t = spi_t.and_then(|spi_t| Measure::ratio(planned_duration, spi_t, Reason::NotStarted));
    let spi_t_cpi = spi_t.and_then(|spi_t| {
        inputs.cost_performance_index.and_then(|cpi| {
            if spi_t * cpi == 0.0 && spi_t != 0.0 { Measure::Undefined(Reason::NoEarnedValue) } else { Measure::of(spi_t * cpi) }
        })
    });
    let tspi = if remaining_plan <= 0.0 {
        Measure::Undefined(Reason::WorkComplete)
    } else if planned_duration - actual_time <= 0.0 {
        Measure::Undefined(Reason::NoRemainingTime)
    } else {
        Measure::of(remaining_plan / (planned_duration - actual_time))
    };

    let measures = EarnedScheduleMeasures {
        earned_schedule: schedule,
        actual_time,
        planned_duration,
        schedule_variance_time: guard(schedule - actual_time),
        schedule_performance_index_time: spi_t,
        independent_estimate_at_completion_time: ieac_t,
        estimate_at_completion_time_plan_rate: Measure::of(actual_time + remaining_plan),
        estimate_at_completion_time_spi_t: over_factor(spi_t),
        estimate_at_completion_time_spi_t_cpi: over_factor(spi_t_cpi),
        to_complete_schedule_performance_index: tspi,
        reasons: Reasons::new(),
    };
    let reasons = reasons_of(&[
        ("spiT", measures.schedule_performance_index_time),
        ("ieacT", measures.independent_estimate_at_completion_time),
        ("eacTPlanRate", measures.estimate_at_completion_time_plan_rate),
        ("eacTSpiT", measures.estimate_at_completion_time_spi_t),
        ("eacTSpiTCpi", measures.estimate_at_completion_time_spi_t_cpi),
        ("tspi", measures.to_complete_schedule_performance_index),
    ]);
    Ok(EarnedScheduleMeasures { reasons, ..measures })
}

/// The forecast finish instant for an estimate in periods (an EAC(t)): the fractional count is
/// placed on the grid, by working time inside the period when a calendar is given. `None` when the
/// estimate is undefined.
pub fn forecast_finish(grid: &PeriodGrid, estimate_at_completion_time: Measure, calendar: Option<&WorkCalendar>) -> Option<NaiveDateTime> {
    estimate_at_completion_time.value().and_then(|periods| grid.instant_at(periods, calendar))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_stretches_take_the_last_period_at_or_below_ev() {
        let plan = [10.0, 10.0, 10.0, 20.0];
        assert_eq!(earned_schedule(&plan, 10.0, None), Ok(3.0));
        assert_eq!(earned_schedule(&plan, 15.0, None), Ok(3.5));
        assert_eq!(earned_schedule(&plan, 5.0, None), Ok(0.5));
        // A plan that starts flat: nothing earned is still no schedule earned.
        assert_eq!(earned_schedule(&[0.0, 0.0, 50.0, 100.0], 0.0, None), Ok(0.0));
        assert_eq!(earned_schedule(&[0.0, 0.0, 50.0, 100.0], 25.0, None), Ok(2.5));
    }

    #[test]
    fn completion_gives_the_planned_duration_and_ends_are_clamped() {
        let plan = [10.0, 20.0, 20.0, 20.0];
        assert_eq!(planned_duration_of(&plan), 2.0);
        assert_eq!(earned_schedule(&plan, 20.0, None), Ok(2.0));
        assert_eq!(earned_schedule(&plan, 25.0, None), Ok(2.0));
        assert_eq!(earned_schedule(&plan, 20.0, Some(3.0)), Ok(3.0));
        assert_eq!(earned_schedule(&[], 5.0, None), Ok(0.0));
    }

    #[test]
    fn zero_times_leave_time_ratios_undefined() {
        let plan = [10.0, 20.0, 30.0];
        let at_start = earned_schedule_measures(&EarnedScheduleInputs { pv_cumulative: &plan, earned_value: 0.0, actual_time: 0.0, planned_duration: None, cost_performance_index: Measure::Undefined(Reason::NoActualCost) }).expect("finite");
        assert_eq!(at_start.schedule_performance_index_time, Measure::Undefined(Reason::NoActualTime));
        assert_eq!(at_start.reasons.get("spiT"), Some(&Reason::NoActualTime));
        let not_started = earned_schedule_measures(&EarnedScheduleInputs { pv_cumulative: &plan, earned_value: 0.0, actual_time: 1.0, planned_duration: None, cost_performance_index: Measure::Value(0.0) }).expect("finite");
        assert_eq!(not_started.independent_estimate_at_completion_time, Measure::Undefined(Reason::NotStarted));
        assert_eq!(not_started.estimate_at_completion_time_plan_rate, Measure::Value(4.0));
        let late = earned_schedule_measures(&EarnedScheduleInputs { pv_cumulative: &plan, earned_value: 15.0, actual_time: 3.0, planned_duration: None, cost_performance_index: Measure::Value(1.0) }).expect("finite");
        assert_eq!(late.to_complete_schedule_performance_index, Measure::Undefined(Reason::NoRemainingTime));
        assert_eq!(late.estimate_at_completion_time_spi_t, Measure::Value(6.0));
    }
}
