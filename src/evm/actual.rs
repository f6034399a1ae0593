//! Actual cost (AC) to a status date, from dated cost records or from a series by period.
//!
//! A per-period series is summed up to the status period, a cumulative series is read at it;
//! feeding one as the other is a common spreadsheet mistake (the PRA package's tests show the same
//! numbers giving 36 000 read cumulatively and 63 000 summed), so the caller must say which it has.

use chrono::NaiveDate;

use super::{finite, finite_series, EvmError};

/// A cost booked on a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostRecord {
    pub date: NaiveDate,
    pub amount: f64,
}

/// Which kind of series actual costs by period come as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeriodCosts<'a> {
    /// Cost incurred in each period.
    PerPeriod(&'a [f64]),
    /// Cost to date at the end of each period.
    Cumulative(&'a [f64]),
}

/// Sum of the amounts dated on or before the status date; later records are ignored.
pub fn actual_cost_to_date(records: &[CostRecord], status_date: NaiveDate) -> Result<f64, EvmError> {
    records.iter().filter(|record| record.date <= status_date).try_fold(0.0, |total, record| {
        Ok(total + finite(&format!("cost dated {}", record.date), record.amount)?)
    })
}

/// Actual cost after `status_period` whole periods (period 0 is before any cost).
pub fn actual_cost_at_period(series: PeriodCosts<'_>, status_period: usize) -> Result<f64, EvmError> {
    let (values, name) = match series {
        PeriodCosts::PerPeriod(values) => (values, "per-period actual cost"),
        PeriodCosts::Cumulative(values) => (values, "cumulative actual cost"),
    };
    finite_series(name, values)?;
    if status_period > values.len() {
        return Err(EvmError::PeriodOutOfRange { series: name.to_string(), status_period, periods: values.len() });
    }
    if status_period == 0 {
        return Ok(0.0);
    }
    Ok(match series {
        PeriodCosts::PerPeriod(values) => values[..status_period].iter().sum(),
        PeriodCosts::Cumulative(values) => values[status_period - 1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_after_the_status_date_are_ignored() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap_or(NaiveDate::MIN);
        let records = [CostRecord { date: day(3), amount: 500.0 }, CostRecord { date: day(10), amount: 1500.0 }, CostRecord { date: day(11), amount: 900.0 }];
        assert_eq!(actual_cost_to_date(&records, day(10)), Ok(2000.0));
        assert_eq!(actual_cost_to_date(&records, day(2)), Ok(0.0));
    }

    #[test]
    fn per_period_and_cumulative_series_are_read_differently() {
        let numbers = [9000.0, 18000.0, 36000.0];
        assert_eq!(actual_cost_at_period(PeriodCosts::Cumulative(&numbers), 3), Ok(36000.0));
        assert_eq!(actual_cost_at_period(PeriodCosts::PerPeriod(&numbers), 3), Ok(63000.0));
        assert_eq!(actual_cost_at_period(PeriodCosts::PerPeriod(&numbers), 0), Ok(0.0));
        assert_eq!(actual_cost_at_period(PeriodCosts::Cumulative(&numbers), 4).map_err(|e| e.code()), Err("period_out_of_range"));
    }
}
