//! S-curve series by period: cumulative PV, EV and AC, and a forecast from AC at the status date
//! to the estimate at completion at the forecast finish.
//!
//! The forecast spreads the estimate to complete linearly over the periods up to the forecast
//! finish (fractional, e.g. an EAC(t) from earned schedule), the simplest projection that joins
//! the two known points; the dashboard draws it dashed. Series are plain `Vec<f64>` so they cross
//! to JavaScript as typed arrays.

use serde::Serialize;

use super::periods::PeriodGrid;
use super::undefined::Measure;
use super::{finite_series, EvmError};
use crate::model::time::Date;

/// What an S-curve is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct SCurveInputs<'a> {
    pub grid: &'a PeriodGrid,
    /// Cumulative PV at each period end; a shorter series stays flat at its last value.
    pub pv_cumulative: &'a [f64],
    /// Cumulative EV and AC at least through the status period.
    pub ev_cumulative: &'a [f64],
    pub ac_cumulative: &'a [f64],
    /// Periods completed at the status date.
    pub status_period: usize,
    pub estimate_at_completion: Measure,
    /// The forecast finish as a period count (for example EAC(t)).
    pub forecast_finish_period: Measure,
}

/// Series for one chart; index k is the end of period k.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SCurve {
    pub labels: Vec<String>,
    /// Last day of each period.
    pub period_ends: Vec<Date>,
    pub planned_value: Vec<f64>,
    /// Through the status period only.
    pub earned_value: Vec<f64>,
    pub actual_cost: Vec<f64>,
    /// Forecast cumulative cost from the status period (its first value is AC there) to the end
    /// of the grid; empty when the estimate or the finish is undefined.
    pub forecast: Vec<f64>,
    /// The period index (0-based) of the forecast's first value: the status period's own index.
    pub forecast_first_period: usize,
    /// False when the forecast finish lies beyond the grid, so the curve stops short of EAC.
    pub forecast_reaches_completion: bool,
}

pub fn s_curve(inputs: &SCurveInputs<'_>) -> Result<SCurve, EvmError> {
    let periods = inputs.grid.len();
    finite_series("pv_cumulative", inputs.pv_cumulative)?;
    finite_series("ev_cumulative", inputs.ev_cumulative)?;
    finite_series("ac_cumulative", inputs.ac_cumulative)?;
    let status = inputs.status_period;
    for (name, series) in [("ev_cumulative", inputs.ev_cumulative), ("ac_cumulative", inputs.ac_cumulative)] {
        if status > series.len() || status > periods {
            return Err(EvmError::PeriodOutOfRange { series: name.to_string(), status_period: status, periods: series.len().min(periods) });
        }
    }
    let last_planned = inputs.pv_cumulative.last().copied().unwrap_or(0.0);
    let planned_value = (0..periods).map(|index| inputs.pv_cumulative.get(index).copied().unwrap_or(last_planned)).collect();
    let actual_at_status = if status == 0 { 0.0 } else { inputs.ac_cumulative[status - 1] };

    let (mut forecast, mut reaches) = (Vec::new(), false);
    if let (Some(estimate), Some(finish)) = (inputs.estimate_at_completion.value(), inputs.forecast_finish_period.value()) {
        let to_complete = estimate - actual_at_status;
        let span = finish - status as f64;
        forecast = (status..=periods)
            .map(|period| {
                let elapsed = (period - status) as f64;
                let share = if span <= 0.0 { if elapsed > 0.0 { 1.0 } else { 0.0 } } else { (elapsed / span).min(1.0) };
                actual_at_status + to_complete * share
            })
            .collect();
        reaches = finish <= periods as f64;
    }
    // The forecast starts at the status period's end; with status 0 that is the grid's start,
    // which has no period of its own, so the index saturates at 0 and the first value is 0.
    Ok(SCurve {
        labels: inputs.grid.labels().to_vec(),
        period_ends: (0..periods).filter_map(|index| inputs.grid.last_day_of(index)).map(Date).collect(),
        planned_value,
        earned_value: inputs.ev_cumulative[..status].to_vec(),
        actual_cost: inputs.ac_cumulative[..status].to_vec(),
        forecast,
        forecast_first_period: status.saturating_sub(1),
        forecast_reaches_completion: reaches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn forecast_runs_from_actual_cost_to_the_estimate_at_the_forecast_finish() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap_or(NaiveDate::MIN);
        let grid = PeriodGrid::daily(day(1), day(6)).expect("valid");
        let curve = s_curve(&SCurveInputs {
            grid: &grid,
            pv_cumulative: &[10.0, 20.0, 30.0, 40.0],
            ev_cumulative: &[8.0, 16.0],
            ac_cumulative: &[10.0, 20.0],
            status_period: 2,
            estimate_at_completion: Measure::Value(60.0),
            forecast_finish_period: Measure::Value(6.0),
        })
        .expect("valid");
        assert_eq!(curve.planned_value, vec![10.0, 20.0, 30.0, 40.0, 40.0, 40.0]);
        assert_eq!(curve.forecast, vec![20.0, 30.0, 40.0, 50.0, 60.0]);
        assert_eq!(curve.forecast_first_period, 1);
        assert!(curve.forecast_reaches_completion);
        assert_eq!(curve.period_ends.first().map(|d| d.0), Some(day(1)));
    }
}
