//! Dates, date-times, working durations and fiscal months as they appear on the wire.
//!
//! The wire format is ISO 8601 text. Durations are working time: a JSON number counts working
//! days of 8 hours (480 minutes, MS Project's default "hours per day"), a string is an ISO 8601
//! duration (`PT40H`, `P5D`, `P1W`) where a day is 8 working hours and a week 5 working days, as
//! MS Project counts them. Inside, a duration is an integer number of working minutes.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Working minutes in one working day, the unit of a duration written as a number.
pub const MINUTES_PER_DAY: i64 = 480;
/// Working minutes in one working week (five days), for `PnW`.
pub const MINUTES_PER_WEEK: i64 = 5 * MINUTES_PER_DAY;

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !(0..=9999).contains(&self.0.year()) {
            return write!(f, "{}", self.0.format("%Y-%m-%d"));
        }
        let mut text = *b"0000-00-00";
        put_date(&mut text, self.0);
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

// Dates are written digit by digit: chrono's `format` reads its pattern again for every date,
// and even `write!` with padding was a fifth of writing a large schedule out (a date or two
// for each of thousands of activities). Years beyond four digits and leap seconds keep
// chrono's spelling.

/// `YYYY-MM-DD` into the first ten bytes of `text`; the year must have four digits.
fn put_date(text: &mut [u8], date: NaiveDate) {
    put_digits(&mut text[0..4], date.year() as u32);
    put_digits(&mut text[5..7], date.month());
    put_digits(&mut text[8..10], date.day());
}

/// `value` as exactly `out.len()` decimal digits, zero-padded.
fn put_digits(out: &mut [u8], mut value: u32) {
    for digit in out.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_date(&text).map(Date).map_err(de::Error::custom)
    }
}

// Dates are read digit by digit as well: chrono's `parse_from_str` reads its pattern again for
// every value, and that was a fifth of loading a large portfolio (several dates for each of
// thousands of activities). The fast path takes only the exact wire shape with ASCII
// digits and a valid date or time; anything else (a leap second, an impossible day, another
// spelling) goes on to chrono as before, so the accepted set and every error text stay chrono's.

/// The value of the ASCII decimal digits `text`, or `None` if any byte is not one.
fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0, |value, &byte| match byte {
        b'0'..=b'9' => Some(value * 10 + u32::from(byte - b'0')),
        _ => None,
    })
}

/// The date in the first ten bytes when they are exactly `YYYY-MM-DD` and a real date; `None`
/// sends the text to chrono.
fn fast_date(bytes: &[u8]) -> Option<NaiveDate> {
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    NaiveDate::from_ymd_opt(year as i32, digits(&bytes[5..7])?, digits(&bytes[8..10])?)
}

/// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` when exactly that shape and valid (no leap
/// second); `None` sends the text to chrono.
fn fast_date_time(bytes: &[u8]) -> Option<NaiveDateTime> {
    let second = match bytes.len() {
        16 => 0,
        19 if bytes[16] == b':' => digits(&bytes[17..19])?,
        _ => return None,
    };
    if bytes[10] != b'T' || bytes[13] != b':' {
        return None;
    }
    let time = NaiveTime::from_hms_opt(digits(&bytes[11..13])?, digits(&bytes[14..16])?, second)?;
    Some(fast_date(bytes)?.and_time(time))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if text.len() == 10 {
        if let Some(date) = fast_date(text.as_bytes()) {
            return Ok(date);
        }
    }
    let bad = || format!("invalid date \"{text}\": expected a real calendar date as YYYY-MM-DD");
    // chrono alone would also take "2026-2-3"; the wire format has exactly one spelling.
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(bad());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())
}

/// A date and time of day without time zone, written `YYYY-MM-DDTHH:MM[:SS]`, or `YYYY-MM-DD`
/// for midnight. Plans are in the project's local time, as MS Project keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub NaiveDateTime);

impl DateTime {
    pub fn date(&self) -> Date {
        Date(self.0.date())
    }
    pub fn at_midnight(date: Date) -> DateTime {
        DateTime(date.0.and_time(NaiveTime::MIN))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = self.0.time();
        let (length, pattern) = if time == NaiveTime::MIN {
            (10, "%Y-%m-%d")
        } else if time.second() == 0 {
            (16, "%Y-%m-%dT%H:%M")
        } else {
            (19, "%Y-%m-%dT%H:%M:%S")
        };
        if !(0..=9999).contains(&self.0.year()) || time.nanosecond() >= 1_000_000_000 {
            return write!(f, "{}", self.0.format(pattern));
        }
        let mut text = *b"0000-00-00T00:00:00";
        put_date(&mut text, self.0.date());
        put_digits(&mut text[11..13], time.hour());
        put_digits(&mut text[14..16], time.minute());
        put_digits(&mut text[17..19], time.second());
        f.write_str(std::str::from_utf8(&text[..length]).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_date_time(&text).map(DateTime).map_err(de::Error::custom)
    }
}

fn parse_date_time(text: &str) -> Result<NaiveDateTime, String> {
    if text.len() == 10 {
        return parse_date(text).map(|date| date.and_time(NaiveTime::MIN));
    }
    if let Some(date_time) = fast_date_time(text.as_bytes()) {
        return Ok(date_time);
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            format!("invalid date \"{text}\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]")
        })
}

/// A calendar month, the grain of fiscal periods, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: Date) -> YearMonth {
        YearMonth { year: date.0.year(), month: date.0.month() }
    }
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }
    pub fn first_day(self) -> Date {
        // The constructor only builds valid months, so day 1 always exists.
        Date(NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_year_month(&text).map_err(de::Error::custom)
    }
}

fn parse_year_month(text: &str) -> Result<YearMonth, String> {
    let bad = || format!("invalid date \"{text}\": expected a fiscal month as YYYY-MM");
    let (year, month) = text.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(YearMonth { year, month })
}

/// A span of working time in whole minutes. Negative values parse (so validation can name them)
/// but are rejected by validation where a duration cannot be negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct WorkDuration {
    pub minutes: i64,
}

impl WorkDuration {
    pub const ZERO: WorkDuration = WorkDuration { minutes: 0 };

    pub fn from_days(days: f64) -> WorkDuration {
        WorkDuration { minutes: (days * MINUTES_PER_DAY as f64).round() as i64 }
    }
    pub fn days(self) -> f64 {
        self.minutes as f64 / MINUTES_PER_DAY as f64
    }
}

impl fmt::Display for WorkDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minutes < 0 { "-" } else { "" };
        let total = self.minutes.unsigned_abs();
        let (hours, minutes) = (total / 60, total % 60);
        match (hours, minutes) {
            (0, 0) => write!(f, "PT0M"),
            (h, 0) => write!(f, "{sign}PT{h}H"),
            (0, m) => write!(f, "{sign}PT{m}M"),
            (h, m) => write!(f, "{sign}PT{h}H{m}M"),
        }
    }
}

impl Serialize for WorkDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // minutes/480 is exact in binary floating point when minutes is a multiple of 15, so
        // such durations are written as days and read back to the same minute; others as ISO.
        if self.minutes % 15 == 0 {
            if self.minutes % MINUTES_PER_DAY == 0 {
                serializer.serialize_i64(self.minutes / MINUTES_PER_DAY)
            } else {
                serializer.serialize_f64(self.days())
            }
        } else {
            serializer.collect_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for WorkDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WorkDurationVisitor)
    }
}

struct WorkDurationVisitor;

impl<'de> Visitor<'de> for WorkDurationVisitor {
    type Value = WorkDuration;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("working days as a number, or an ISO 8601 duration such as \"PT40H\"")
    }
    fn visit_f64<E: de::Error>(self, days: f64) -> Result<WorkDuration, E> {
        const LIMIT_DAYS: f64 = 1.0e9;
        if !days.is_finite() || days.abs() > LIMIT_DAYS {
            return Err(E::custom(format!("duration {days} days is not a finite number of working days")));
        }
        Ok(WorkDuration::from_days(days))
    }
    fn visit_i64<E: de::Error>(self, days: i64) -> Result<WorkDuration, E> {
        self.visit_f64(days as f64)
    }
    fn visit_u64<E: de::Error>(self, days: u64) -> Result<WorkDuration, E> {
        self.visit_f64(days as f64)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<WorkDuration, E> {
        parse_iso_duration(text).map_err(E::custom)
    }
}

/// Parses the ISO 8601 durations a plan uses: `[-]P[nW][nD][T[nH][nM][nS]]`, numbers possibly
/// fractional. Years and months are refused: their length in working time is not defined.
pub fn parse_iso_duration(text: &str) -> Result<WorkDuration, String> {
    let bad = |why: &str| format!("invalid duration \"{text}\": {why}");
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P').ok_or_else(|| bad("an ISO 8601 duration starts with P"))?;
    let mut minutes = 0.0_f64;
    let mut in_time = false;
    let mut number = String::new();
    let mut any_part = false;
    for ch in rest.chars() {
        match ch {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' => number.push(ch),
            unit => {
                let value: f64 = number.parse().map_err(|_| bad("a number must precede each unit"))?;
                number.clear();
                any_part = true;
                minutes += value
                    * match (in_time, unit) {
                        (false, 'W') => MINUTES_PER_WEEK as f64,
                        (false, 'D') => MINUTES_PER_DAY as f64,
                        (false, 'Y') | (false, 'M') => {
                            return Err(bad("years and months have no fixed length in working time"))
                        }
                        (true, 'H') => 60.0,
                        (true, 'M') => 1.0,
                        (true, 'S') => 1.0 / 60.0,
                        _ => return Err(bad("unknown unit")),
                    };
            }
        }
    }
    if !number.is_empty() || !any_part {
        return Err(bad("expected a form such as P5D, PT40H or PT90M"));
    }
    if !minutes.is_finite() || minutes > 1.0e12 {
        return Err(bad("too long"));
    }
    let minutes = minutes.round() as i64;
    Ok(WorkDuration { minutes: if negative { -minutes } else { minutes } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations_count_in_working_time() {
        assert_eq!(parse_iso_duration("PT40H").unwrap().minutes, 2400);
        assert_eq!(parse_iso_duration("P5D").unwrap().minutes, 2400);
        assert_eq!(parse_iso_duration("P1W").unwrap().minutes, 2400);
        assert_eq!(parse_iso_duration("P1DT4H30M").unwrap().minutes, 480 + 270);
        assert_eq!(parse_iso_duration("-PT8H").unwrap().minutes, -480);
        assert!(parse_iso_duration("P1M").is_err());
        assert!(parse_iso_duration("P").is_err());
        assert!(parse_iso_duration("5d").is_err());
        assert!(parse_iso_duration("PT5").is_err());
    }

    #[test]
    fn durations_round_trip_through_json() {
        for minutes in [0, 15, 60, 480, 720, 7, 481, -480, -15, 100_000] {
            let duration = WorkDuration { minutes };
            let text = serde_json::to_string(&duration).unwrap();
            let back: WorkDuration = serde_json::from_str(&text).unwrap();
            assert_eq!(back, duration, "{text}");
        }
        assert_eq!(serde_json::to_string(&WorkDuration { minutes: 960 }).unwrap(), "2");
        assert_eq!(serde_json::to_string(&WorkDuration { minutes: 240 }).unwrap(), "0.5");
        assert_eq!(serde_json::to_string(&WorkDuration { minutes: 7 }).unwrap(), "\"PT7M\"");
    }

    #[test]
    fn dates_reject_impossible_days() {
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("\"2026-2-3\"").is_err());
        assert!(serde_json::from_str::<YearMonth>("\"2026-13\"").is_err());
        let date_time: DateTime = serde_json::from_str("\"2026-03-02T08:30\"").unwrap();
        assert_eq!(serde_json::to_string(&date_time).unwrap(), "\"2026-03-02T08:30\"");
        let midnight: DateTime = serde_json::from_str("\"2026-03-02\"").unwrap();
        assert_eq!(serde_json::to_string(&midnight).unwrap(), "\"2026-03-02\"");
    }

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn at(date: NaiveDate, hour: u32, minute: u32, second: u32) -> NaiveDateTime {
        date.and_hms_opt(hour, minute, second).unwrap()
    }

    #[test]
    fn dates_parse_digit_by_digit() {
        assert_eq!(parse_date("2024-02-29"), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_date("2026-12-31"), Ok(ymd(2026, 12, 31)));
        assert_eq!(parse_date("1900-01-01"), Ok(ymd(1900, 1, 1)));
        assert_eq!(parse_date("0000-01-01"), Ok(ymd(0, 1, 1)));
        let error = |text: &str| Err(format!("invalid date \"{text}\": expected a real calendar date as YYYY-MM-DD"));
        for text in [
            "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-00", "2026-1-01", "2026-01-1",
            "2026/01/01", "20260-1-01", "+2026-1-01", " 2026-1-01", "2026-01-01 ", "", "2026-0a-01", "２０２６-01-01",
            "٢٠٢٦-01-01", "2026-01-٠١",
        ] {
            assert_eq!(parse_date(text), error(text), "{text:?}");
        }
    }

    #[test]
    fn date_times_parse_digit_by_digit() {
        let day = ymd(2026, 3, 4);
        assert_eq!(parse_date_time("2026-03-04T08:30"), Ok(at(day, 8, 30, 0)));
        assert_eq!(parse_date_time("2026-03-04T08:30:15"), Ok(at(day, 8, 30, 15)));
        assert_eq!(parse_date_time("2026-03-04T23:59:59"), Ok(at(day, 23, 59, 59)));
        assert_eq!(parse_date_time("2026-03-04T00:00"), Ok(at(day, 0, 0, 0)));
        assert_eq!(parse_date_time("2026-03-04"), Ok(at(day, 0, 0, 0)));
        assert_eq!(parse_date_time("2024-02-29T12:00"), Ok(at(ymd(2024, 2, 29), 12, 0, 0)));
        // A leap second is chrono's to read, as before the fast path.
        let leap = day.and_hms_milli_opt(23, 59, 59, 1_000).unwrap();
        assert_eq!(parse_date_time("2026-03-04T23:59:60"), Ok(leap));
        let error = |text: &str| Err(format!("invalid date \"{text}\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"));
        for text in [
            "2026-03-04T24:00", "2026-03-04T08:60", "2026-03-04T08:30:61", "2023-02-29T08:00",
            "2026-03-04 08:30", "2026-03-04T08:30:", "2026-03-04T0８:30",
            "2026-03-04T٠٨:30", "2026-03-04T08-30",
        ] {
            assert_eq!(parse_date_time(text), error(text), "{text:?}");
        }
        // chrono's own leniency outside the exact shape is kept, as before the fast path.
        assert_eq!(parse_date_time("2026-03-04T8:30"), Ok(at(day, 8, 30, 0)));
        assert_eq!(parse_date_time("2026-03-04T08:30:5"), Ok(at(day, 8, 30, 5)));
        assert_eq!(parse_date_time("2026-3-04T08:30"), Ok(at(day, 8, 30, 0)));
        assert!(parse_date_time("2023-02-29").unwrap_err().contains("a real calendar date"));
    }

    /// Wherever the fast path answers, chrono answers the same.
    #[test]
    fn fast_path_agrees_with_chrono() {
        let mut texts = Vec::new();
        for year in ["0000", "1900", "2023", "2024", "2100", "9999"] {
            for month in 0..=13 {
                for day in [0, 1, 9, 10, 28, 29, 30, 31, 32] {
                    texts.push(format!("{year}-{month:02}-{day:02}"));
                }
            }
        }
        for text in &texts {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(fast_date(text.as_bytes()), chrono, "{text}");
        }
        for hour in [0, 1, 9, 12, 23, 24, 99] {
            for minute in [0, 30, 59, 60] {
                for second in [None, Some(0), Some(7), Some(59), Some(60), Some(61)] {
                    for date in ["2024-02-29", "2023-02-29", "2026-12-31"] {
                        let text = match second {
                            Some(second) => format!("{date}T{hour:02}:{minute:02}:{second:02}"),
                            None => format!("{date}T{hour:02}:{minute:02}"),
                        };
                        let chrono = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S")
                            .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M"))
                            .ok();
                        let fast = fast_date_time(text.as_bytes());
                        if second == Some(60) && chrono.is_some() {
                            assert_eq!(fast, None, "{text}: a leap second is left to chrono");
                        } else {
                            assert_eq!(fast, chrono, "{text}");
                        }
                    }
                }
            }
        }
    }
}
