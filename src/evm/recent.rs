//! Performance over the last N periods beside the cumulative figures: CPI = ΔEV/ΔAC,
//! SPI = ΔEV/ΔPV and SPI(t) = ΔES/ΔAT over the window.
//!
//! Cumulative indices settle as a project ages (a bad month barely moves a CPI built on two
//! years), so practitioners read a recent window beside them to see the current trend; the
//! window forms are the same ratios applied to differences of the cumulative series.

use serde::Serialize;

use super::earned_schedule::earned_schedule_unchecked;
use super::undefined::{reasons_of, Measure, Reason, Reasons};
use super::{finite, finite_series, EvmError};

/// Window and cumulative indices at one status period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentWindowIndices {
    /// Periods actually covered (fewer than asked when the project is younger than the window).
    pub window_periods: usize,
    #[serde(rename = "cpiWindow")]
    pub cost_performance_index_window: Measure,
    #[serde(rename = "spiWindow")]
    pub schedule_performance_index_window: Measure,
    #[serde(rename = "spiTWindow")]
    pub schedule_performance_index_time_window: Measure,
    #[serde(rename = "cpi")]
    pub cost_performance_index: Measure,
    #[serde(rename = "spi")]
    pub schedule_performance_index: Measure,
    #[serde(rename = "spiT")]
    pub schedule_performance_index_time: Measure,
    pub reasons: Reasons,
}

fn at_period(series: &[f64], period: usize) -> f64 {
    if period == 0 { 0.0 } else { series[period - 1] }
}

/// Indices over the `window_periods` periods ending at `status_period`, from cumulative series by
/// period (EV and AC need only reach the status period). Actual time is the status period.
pub fn recent_window_indices(
    pv_cumulative: &[f64],
    ev_cumulative: &[f64],
    ac_cumulative: &[f64],
    status_period: usize,
    window_periods: usize,
    planned_duration: Option<f64>,
) -> Result<RecentWindowIndices, EvmError> {
    finite_series("pv_cumulative", pv_cumulative)?;
    finite_series("ev_cumulative", ev_cumulative)?;
    finite_series("ac_cumulative", ac_cumulative)?;
    for (name, series) in [("pv_cumulative", pv_cumulative), ("ev_cumulative", ev_cumulative), ("ac_cumulative", ac_cumulative)] {
        if status_period > series.len() {
            return Err(EvmError::PeriodOutOfRange { series: name.to_string(), status_period, periods: series.len() });
        }
    }
    let planned_duration = match planned_duration {
        Some(duration) => finite("planned_duration", duration)?.max(0.0),
        None => super::earned_schedule::planned_duration_of(pv_cumulative),
    };
    let from = status_period.saturating_sub(window_periods);
    let span = status_period - from;
    let schedule_at = |period: usize| earned_schedule_unchecked(pv_cumulative, at_period(ev_cumulative, period), planned_duration);
    let delta = |series: &[f64]| at_period(series, status_period) - at_period(series, from);

    let window = |value: Measure| if span == 0 { Measure::Undefined(Reason::NoWindow) } else { value };
    let cpi_window = window(Measure::ratio(delta(ev_cumulative), delta(ac_cumulative), Reason::NoActualCost));
    let spi_window = window(Measure::ratio(delta(ev_cumulative), delta(pv_cumulative), Reason::NoPlannedValue));
    let spi_t_window = window(Measure::ratio(schedule_at(status_period) - schedule_at(from), span as f64, Reason::NoActualTime));
    let ev = at_period(ev_cumulative, status_period);
    let indices = RecentWindowIndices {
        window_periods: span,
        cost_performance_index_window: cpi_window,
        schedule_performance_index_window: spi_window,
        schedule_performance_index_time_window: spi_t_window,
        cost_performance_index: Measure::ratio(ev, at_period(ac_cumulative, status_period), Reason::NoActualCost),
        schedule_performance_index: Measure::ratio(ev, at_period(pv_cumulative, status_period), Reason::NoPlannedValue),
        schedule_performance_index_time: Measure::ratio(schedule_at(status_period), status_period as f64, Reason::NoActualTime),
        reasons: Reasons::new(),
    };
    let reasons = reasons_of(&[
        ("cpiWindow", indices.cost_performance_index_window),
        ("spiWindow", indices.schedule_performance_index_window),
        ("spiTWindow", indices.schedule_performance_index_time_window),
        ("cpi", indices.cost_performance_index),
        ("spi", indices.schedule_performance_index),
        ("spiT", indices.schedule_performance_index_time),
    ]);
    Ok(RecentWindowIndices { reasons, ..indices })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_recent_stretch_shows_in_the_window_not_in_the_cumulative() {
        let pv = [100.0, 200.0, 300.0, 400.0, 500.0];
        let ev = [100.0, 200.0, 300.0, 350.0];
        let ac = [100.0, 200.0, 300.0, 400.0];
        let indices = recent_window_indices(&pv, &ev, &ac, 4, 1, None).expect("valid series");
        assert_eq!(indices.cost_performance_index_window, Measure::Value(0.5));
        assert_eq!(indices.schedule_performance_index_window, Measure::Value(0.5));
        assert_eq!(indices.schedule_performance_index_time_window, Measure::Value(0.5));
        assert_eq!(indices.cost_performance_index, Measure::Value(0.875));
        let empty = recent_window_indices(&pv, &ev, &ac, 0, 3, None).expect("valid series");
        assert_eq!(empty.cost_performance_index_window, Measure::Undefined(Reason::NoWindow));
        assert!(recent_window_indices(&pv, &ev, &ac, 5, 3, None).is_err());
    }
}
