//! Working time for the generator: Monday to Friday, 08:00-12:00 and 13:00-17:00 (the model's
//! standard calendar), no holidays. A project's time is counted in working minutes from 08:00 on
//! its first working day, as the scheduler counts it, so planned dates, progress, month ends and
//! the status date all sit on one axis and convert to dates only at the edge.
//!
//! This is deliberately not the scheduler: it knows one calendar and nothing else.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::model::time::MINUTES_PER_DAY;
use crate::model::{Date, DateTime, YearMonth};

const MINUTES_PER_HALF_DAY: i64 = MINUTES_PER_DAY / 2;
const MORNING_START: u32 = 8 * 60;
const AFTERNOON_START: u32 = 13 * 60;

/// Working minutes counted from 08:00 on the first working day of one project.
#[derive(Debug, Clone, Copy)]
pub struct WorkClock {
    /// Weekday number of the first working day (see `weekday_number`).
    origin: i64,
}

impl WorkClock {
    /// A clock whose minute zero is 08:00 on `start`, or on the next weekday if `start` is a
    /// weekend day.
    pub fn starting(start: Date) -> WorkClock {
        WorkClock { origin: weekday_number(start.0) }
    }

    pub fn first_working_day(&self) -> Date {
        Date(date_of_weekday_number(self.origin))
    }

    /// The date and time an activity starting `offset` minutes in begins: a start on a day
    /// boundary is 08:00 of that day.
    pub fn start_of(&self, offset: i64) -> DateTime {
        let day = offset.div_euclid(MINUTES_PER_DAY);
        self.at(day, offset - day * MINUTES_PER_DAY, Edge::Start)
    }

    /// The date and time an activity finishing `offset` minutes in ends: a finish on a day
    /// boundary is 17:00 of the day before, as MS Project shows it.
    pub fn finish_of(&self, offset: i64) -> DateTime {
        let day = (offset - 1).div_euclid(MINUTES_PER_DAY);
        self.at(day, offset - day * MINUTES_PER_DAY, Edge::Finish)
    }

    /// The offset at 17:00 on `date` (a weekend date counts as the Friday before it).
    pub fn end_of(&self, date: Date) -> i64 {
        let day_after = date.0.succ_opt().unwrap_or(date.0);
        (weekday_number(day_after) - self.origin) * MINUTES_PER_DAY
    }

    fn at(&self, day: i64, minute_of_day: i64, edge: Edge) -> DateTime {
        let date = date_of_weekday_number(self.origin + day);
        let minute = minute_of_day.clamp(0, MINUTES_PER_DAY) as u32;
        let half_day = MINUTES_PER_HALF_DAY as u32;
        // The lunch hour belongs to neither half: work that ends at the half day ends at 12:00,
        // work that begins there begins at 13:00.
        let in_morning = match edge {
            Edge::Start => minute < half_day,
            Edge::Finish => minute <= half_day,
        };
        let clock =
            if in_morning { MORNING_START + minute } else { AFTERNOON_START + minute - MINUTES_PER_HALF_DAY as u32 };
        let time = NaiveTime::from_hms_opt(clock / 60, clock % 60, 0).unwrap_or(NaiveTime::MIN);
        DateTime(date.and_time(time))
    }
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    Finish,
}

/// Rounds working minutes up to a half day, so generated times read 08:00, 12:00, 13:00, 17:00.
pub fn ceil_to_half_day(minutes: f64) -> i64 {
    (minutes / MINUTES_PER_HALF_DAY as f64).ceil() as i64 * MINUTES_PER_HALF_DAY
}

/// Working days as minutes, rounded to the half day.
pub fn half_days(days: f64) -> i64 {
    (days * 2.0).round() as i64 * MINUTES_PER_HALF_DAY
}

/// Counts weekdays from Monday 1 January of year 1 (day 1 of the proleptic Gregorian calendar,
/// a Monday) up to but excluding `date`; a Saturday or Sunday gets the number of the Monday after.
fn weekday_number(date: NaiveDate) -> i64 {
    let days = i64::from(date.num_days_from_ce()) - 1;
    days.div_euclid(7) * 5 + days.rem_euclid(7).min(5)
}

fn date_of_weekday_number(number: i64) -> NaiveDate {
    let days = number.div_euclid(5) * 7 + number.rem_euclid(5) + 1;
    i32::try_from(days).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or(NaiveDate::MAX)
}

/// The first weekday on or after `date`.
pub fn next_weekday(date: Date) -> Date {
    Date(date_of_weekday_number(weekday_number(date.0)))
}

/// `date` moved by whole calendar days (either way).
pub fn add_days(date: Date, days: i64) -> Date {
    let moved = date.0.checked_add_signed(chrono::TimeDelta::try_days(days).unwrap_or_default());
    Date(moved.unwrap_or(date.0))
}

/// `date` moved by whole working days (either way), landing on a weekday.
pub fn add_working_days(date: Date, days: i64) -> Date {
    Date(date_of_weekday_number(weekday_number(date.0) + days))
}

/// The month `months` after (or before, if negative) `month`.
pub fn shift_month(month: YearMonth, months: i32) -> YearMonth {
    let index = month.year * 12 + month.month as i32 - 1 + months;
    YearMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
}

pub fn last_day(month: YearMonth) -> Date {
    add_days(month.next().first_day(), -1)
}

/// Month ends from the month of `from` up to the last one on or before `to`.
pub fn month_ends(from: Date, to: Date) -> Vec<Date> {
    let mut ends = Vec::new();
    let mut month = YearMonth::of(from);
    while last_day(month) <= to {
        ends.push(last_day(month));
        month = month.next();
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn offsets_become_working_dates_and_times() {
        // 2026-11-13 is a Friday; the next working day is Monday the 16th.
        let clock = WorkClock::starting(date("2026-11-13"));
        assert_eq!(clock.start_of(0).to_string(), "2026-11-13T08:00");
        assert_eq!(clock.finish_of(480).to_string(), "2026-11-13T17:00");
        assert_eq!(clock.start_of(480).to_string(), "2026-11-16T08:00");
        assert_eq!(clock.start_of(240).to_string(), "2026-11-13T13:00");
        assert_eq!(clock.finish_of(240).to_string(), "2026-11-13T12:00");
        assert_eq!(clock.end_of(date("2026-11-15")), 480);
        assert_eq!(clock.end_of(date("2026-11-16")), 960);
        assert_eq!(WorkClock::starting(date("2026-11-14")).first_working_day(), date("2026-11-16"));
    }

    #[test]
    fn months_and_days_move_across_year_ends() {
        let month = YearMonth { year: 2026, month: 11 };
        assert_eq!(shift_month(month, -11).to_string(), "2025-12");
        assert_eq!(shift_month(month, 2).to_string(), "2027-01");
        assert_eq!(last_day(YearMonth { year: 2028, month: 2 }), date("2028-02-29"));
        assert_eq!(add_working_days(date("2026-11-13"), 1), date("2026-11-16"));
        assert_eq!(add_working_days(date("2026-11-16"), -1), date("2026-11-13"));
        assert_eq!(month_ends(date("2026-09-10"), date("2026-11-13")).len(), 2);
    }
}
