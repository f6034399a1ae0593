//! Reporting periods: a grid of explicit boundaries over a date range, with a label per period.
//!
//! Period k covers [boundary k, boundary k+1), so a cumulative series "by period" holds the value
//! at the end of each period, and PV(0) is the value at the first boundary. Grids are weekly
//! (weeks starting on a chosen weekday), daily, monthly, fiscal monthly (a fiscal year starting in
//! a chosen month) or custom. Fractional period counts (actual time, a forecast finish) map to
//! instants by elapsed time, or by working time on a calendar when one is given, as earned schedule
//! practice does when it converts periods back to dates.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::Serialize;

use super::EvmError;
use crate::model::time::Date;
use crate::schedule::calendar::{date_time_of, moment_of, Moment, WorkCalendar};

/// The instant a status date stands for: the end of that day (midnight of the next), so work and
/// costs dated on the status date count.
pub fn end_of_day(date: NaiveDate) -> NaiveDateTime {
    date.checked_add_days(Days::new(1)).unwrap_or(date).and_time(NaiveTime::MIN)
}

/// Boundaries and labels of a sequence of reporting periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodGrid {
    boundaries: Vec<Date>,
    labels: Vec<String>,
}

/// Steps boundaries from `first_boundary` until one passes `last`, so the grid covers `last`.
fn boundaries_from(first_boundary: NaiveDate, last: NaiveDate, step: impl Fn(NaiveDate) -> Option<NaiveDate>) -> Result<Vec<NaiveDate>, EvmError> {
    let mut boundaries = vec![first_boundary];
    let mut current = first_boundary;
    while current <= last {
        current = step(current).ok_or_else(|| EvmError::InvalidGrid("the range runs past the last date the calendar can represent".to_string()))?;
        boundaries.push(current);
    }
    Ok(boundaries)
}

fn check_range(first: NaiveDate, last: NaiveDate) -> Result<(), EvmError> {
    if last < first {
        return Err(EvmError::InvalidGrid(format!("the range ends ({last}) before it starts ({first})")));
    }
    Ok(())
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

impl PeriodGrid {
    /// One period per day from `first` through `last`.
    pub fn daily(first: NaiveDate, last: NaiveDate) -> Result<PeriodGrid, EvmError> {
        check_range(first, last)?;
        let boundaries = boundaries_from(first, last, |date| date.checked_add_days(Days::new(1)))?;
        let labels = boundaries[..boundaries.len() - 1].iter().map(|date| date.format("%Y-%m-%d").to_string()).collect();
        Ok(PeriodGrid::from_parts(boundaries, labels))
    }

    /// Weeks starting on `week_starts_on`; the first week is the one containing `first`. Labels
    /// name the week by its first day ("Week of 2026-01-05").
    pub fn weekly(first: NaiveDate, last: NaiveDate, week_starts_on: Weekday) -> Result<PeriodGrid, EvmError> {
        check_range(first, last)?;
        let back = (first.weekday().num_days_from_monday() + 7 - week_starts_on.num_days_from_monday()) % 7;
        let start = first.checked_sub_days(Days::new(back as u64)).unwrap_or(first);
        let boundaries = boundaries_from(start, last, |date| date.checked_add_days(Days::new(7)))?;
        let labels = boundaries[..boundaries.len() - 1].iter().map(|date| format!("Week of {}", date.format("%Y-%m-%d"))).collect();
        Ok(PeriodGrid::from_parts(boundaries, labels))
    }

    /// Calendar months; the first is the month containing `first`. Labels are "YYYY-MM".
    pub fn monthly(first: NaiveDate, last: NaiveDate) -> Result<PeriodGrid, EvmError> {
        check_range(first, last)?;
        let boundaries = boundaries_from(first_of_month(first), last, |date| date.checked_add_months(Months::new(1)))?;
        let labels = boundaries[..boundaries.len() - 1].iter().map(|date| date.format("%Y-%m").to_string()).collect();
        Ok(PeriodGrid::from_parts(boundaries, labels))
    }

    /// Fiscal months of a fiscal year starting in `fiscal_year_start_month` (1-12). The fiscal
    /// year is named by the calendar year in which it ends (a year starting in October 2026 is
    /// FY2027, as the US federal government counts), and periods are numbered from the first month
    /// of the fiscal year: December 2026 is "FY2027 P03".
    pub fn fiscal_monthly(first: NaiveDate, last: NaiveDate, fiscal_year_start_month: u32) -> Result<PeriodGrid, EvmError> {
        if !(1..=12).contains(&fiscal_year_start_month) {
            return Err(EvmError::InvalidFiscalStart(fiscal_year_start_month));
        }
        check_range(first, last)?;
        let boundaries = boundaries_from(first_of_month(first), last, |date| date.checked_add_months(Months::new(1)))?;
        let labels = boundaries[..boundaries.len() - 1].iter().map(|date| fiscal_label(*date, fiscal_year_start_month)).collect();
        Ok(PeriodGrid::from_parts(boundaries, labels))
    }

    /// Explicit boundaries (strictly increasing, at least two); labels default to each period's
    /// first day.
    pub fn custom(boundaries: Vec<NaiveDate>, labels: Option<Vec<String>>) -> Result<PeriodGrid, EvmError> {
        if boundaries.len() < 2 {
            return Err(EvmError::InvalidGrid(format!("{} were given", boundaries.len())));
        }
        if let Some(index) = boundaries.windows(2).position(|pair| pair[1] <= pair[0]) {
            return Err(EvmError::InvalidGrid(format!("boundary {} ({}) does not come after boundary {index} ({})", index + 1, boundaries[index + 1], boundaries[index])));
        }
        let periods = boundaries.len() - 1;
        let labels = match labels {
            Some(labels) if labels.len() != periods => return Err(EvmError::LabelCount { periods, labels: labels.len() }),
            Some(labels) => labels,
            None => boundaries[..periods].iter().map(|date| date.format("%Y-%m-%d").to_string()).collect(),
        };
        Ok(PeriodGrid::from_parts(boundaries, labels))
    }

    fn from_parts(boundaries: Vec<NaiveDate>, labels: Vec<String>) -> PeriodGrid {
        PeriodGrid { boundaries: boundaries.into_iter().map(Date).collect(), labels }
    }

    /// Number of periods.
    pub fn len(&self) -> usize {
        self.boundaries.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn boundaries(&self) -> Vec<NaiveDate> {
        self.boundaries.iter().map(|date| date.0).collect()
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The first day of period `index`.
    pub fn start_of(&self, index: usize) -> Option<NaiveDate> {
        (index < self.len()).then(|| self.boundaries[index].0)
    }

    /// The boundary that ends period `index` (the first day of the next period).
    pub fn end_of(&self, index: usize) -> Option<NaiveDate> {
        (index < self.len()).then(|| self.boundaries[index + 1].0)
    }

    /// The last day inside period `index`, for display.
    pub fn last_day_of(&self, index: usize) -> Option<NaiveDate> {
        self.end_of(index).and_then(|end| end.pred_opt())
    }

    /// The period containing `date`, if the grid covers it.
    pub fn period_of(&self, date: NaiveDate) -> Option<usize> {
        let after = self.boundaries.partition_point(|boundary| boundary.0 <= date);
        (after >= 1 && after <= self.len()).then(|| after - 1)
    }

    fn moment_of_boundary(&self, index: usize) -> Moment {
        moment_of(self.boundaries[index].0.and_time(NaiveTime::MIN))
    }

    /// Length of period `index` in working minutes on `calendar`, or in elapsed minutes without
    /// one; a period with no working time falls back to elapsed time so positions stay monotone.
    fn period_length(&self, index: usize, calendar: Option<&WorkCalendar>) -> (i64, bool) {
        let (from, to) = (self.moment_of_boundary(index), self.moment_of_boundary(index + 1));
        match calendar {
            Some(calendar) => {
                let work = calendar.work_between(from, to);
                if work > 0 { (work, true) } else { (to - from, false) }
            }
            None => (to - from, false),
        }
    }

    /// How many periods have elapsed at `instant`, fractional inside a period (by working time
    /// when a calendar is given). Before the grid it is 0; after it, the last period's length
    /// extends the count.
    pub fn position_of(&self, instant: NaiveDateTime, calendar: Option<&WorkCalendar>) -> f64 {
        let periods = self.len();
        if periods == 0 {
            return 0.0;
        }
        let moment = moment_of(instant);
        if moment <= self.moment_of_boundary(0) {
            return 0.0;
        }
        let index = self.boundaries.partition_point(|boundary| moment_of(boundary.0.and_time(NaiveTime::MIN)) <= moment) - 1;
        let index = index.min(periods - 1);
        let start = self.moment_of_boundary(index);
        let (length, working) = self.period_length(index, calendar);
        let done = match calendar {
            Some(calendar) if working => calendar.work_between(start, moment),
            _ => moment - start,
        };
        index as f64 + done as f64 / length as f64
    }

    /// The instant at a fractional period count: the inverse of [`PeriodGrid::position_of`].
    /// `None` for a non-finite count.
    pub fn instant_at(&self, position: f64, calendar: Option<&WorkCalendar>) -> Option<NaiveDateTime> {
        let periods = self.len();
        if !position.is_finite() || periods == 0 {
            return None;
        }
        let position = position.max(0.0);
        let index = (position.floor() as usize).min(periods - 1);
        let fraction = position - index as f64;
        let start = self.moment_of_boundary(index);
        let (length, working) = self.period_length(index, calendar);
        let minutes = (fraction * length as f64).round();
        // Beyond a few thousand years the count is meaningless; refuse rather than overflow.
        if minutes.abs() > 1e12 {
            return None;
        }
        let moment = match calendar {
            Some(calendar) if working => calendar.add(start, minutes as i64),
            _ => start + minutes as i64,
        };
        Some(date_time_of(moment))
    }
}

fn fiscal_label(month_start: NaiveDate, fiscal_year_start_month: u32) -> String {
    let month = month_start.month();
    let period = (month + 12 - fiscal_year_start_month) % 12 + 1;
    // The fiscal year ends in the calendar year of its last month.
    let fiscal_year = if fiscal_year_start_month == 1 || month < fiscal_year_start_month { month_start.year() } else { month_start.year() + 1 };
    format!("FY{fiscal_year} P{period:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn monthly_boundaries_are_first_days_and_cover_the_range() {
        let grid = PeriodGrid::monthly(date(2026, 1, 15), date(2026, 3, 31)).expect("valid range");
        assert_eq!(grid.boundaries(), vec![date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]);
        assert_eq!(grid.labels(), ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(grid.period_of(date(2026, 2, 28)), Some(1));
        assert_eq!(grid.period_of(date(2026, 4, 1)), None);
        assert_eq!(grid.last_day_of(1), Some(date(2026, 2, 28)));
    }

    #[test]
    fn weekly_grid_starts_on_the_chosen_weekday() {
        // 2026-01-01 is a Thursday; the Monday week containing it starts 2025-12-29.
        let grid = PeriodGrid::weekly(date(2026, 1, 1), date(2026, 1, 12), Weekday::Mon).expect("valid range");
        assert_eq!(grid.boundaries(), vec![date(2025, 12, 29), date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]);
        let sunday = PeriodGrid::weekly(date(2026, 1, 4), date(2026, 1, 4), Weekday::Sun).expect("valid range");
        assert_eq!(sunday.boundaries(), vec![date(2026, 1, 4), date(2026, 1, 11)]);
        assert_eq!(sunday.labels(), ["Week of 2026-01-04"]);
    }

    #[test]
    fn fiscal_months_are_numbered_from_the_fiscal_year_start() {
        let grid = PeriodGrid::fiscal_monthly(date(2026, 9, 1), date(2027, 1, 10), 10).expect("valid range");
        assert_eq!(grid.labels(), ["FY2026 P12", "FY2027 P01", "FY2027 P02", "FY2027 P03", "FY2027 P04"]);
        let april = PeriodGrid::fiscal_monthly(date(2026, 3, 1), date(2026, 4, 30), 4).expect("valid range");
        assert_eq!(april.labels(), ["FY2026 P12", "FY2027 P01"]);
        let calendar_year = PeriodGrid::fiscal_monthly(date(2026, 1, 1), date(2026, 1, 31), 1).expect("valid range");
        assert_eq!(calendar_year.labels(), ["FY2026 P01"]);
        assert_eq!(PeriodGrid::fiscal_monthly(date(2026, 1, 1), date(2026, 1, 31), 13).map_err(|e| e.code()), Err("invalid_fiscal_start"));
    }

    #[test]
    fn custom_grids_reject_unordered_boundaries_and_wrong_label_counts() {
        assert!(PeriodGrid::custom(vec![date(2026, 1, 1)], None).is_err());
        assert!(PeriodGrid::custom(vec![date(2026, 2, 1), date(2026, 1, 1)], None).is_err());
        assert_eq!(PeriodGrid::custom(vec![date(2026, 1, 1), date(2026, 2, 1)], Some(vec![])).map_err(|e| e.code()), Err("label_count"));
        let grid = PeriodGrid::custom(vec![date(2026, 1, 1), date(2026, 1, 11), date(2026, 2, 1)], None).expect("ordered");
        assert_eq!(grid.len(), 2);
        assert_eq!(grid.labels(), ["2026-01-01", "2026-01-11"]);
    }

    #[test]
    fn positions_interpolate_by_elapsed_or_working_time() {
        let grid = PeriodGrid::weekly(date(2026, 1, 5), date(2026, 1, 18), Weekday::Mon).expect("valid range");
        // Wednesday noon: 2.5 of 7 elapsed days; on the standard calendar 2 days and 4 hours of 5 days.
        let wednesday_noon = date(2026, 1, 7).and_hms_opt(12, 0, 0).unwrap_or_default();
        assert!((grid.position_of(wednesday_noon, None) - 2.5 / 7.0).abs() < 1e-12);
        let standard = WorkCalendar::standard();
        assert!((grid.position_of(wednesday_noon, Some(&standard)) - 2.5 / 5.0).abs() < 1e-12);
        assert_eq!(grid.position_of(end_of_day(date(2026, 1, 11)), None), 1.0);
        assert_eq!(grid.instant_at(1.5, Some(&standard)), date(2026, 1, 14).and_hms_opt(12, 0, 0));
        assert_eq!(grid.instant_at(0.5, None), date(2026, 1, 8).and_hms_opt(12, 0, 0));
        // Past the grid the last period's length carries on.
        assert_eq!(grid.instant_at(3.0, None), date(2026, 1, 26).and_hms_opt(0, 0, 0));
        assert_eq!(grid.instant_at(f64::NAN, None), None);
    }
}
