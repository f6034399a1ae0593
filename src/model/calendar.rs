//! Working calendars: which days are worked, the working hours of a day, and exceptions.
//!
//! With nothing specified, a calendar is MS Project's Standard calendar: Monday to Friday,
//! 08:00-12:00 and 13:00-17:00. `weekHours` gives named weekdays their own hours (a night shift,
//! a short Friday), as MS Project's calendars do; the other days keep `workingDays` and
//! `workingHours`.

use serde::{Deserialize, Serialize};

use super::time::Date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Calendar {
    pub id: String,
    pub name: String,
    #[serde(default = "standard_working_days")]
    pub working_days: Vec<Weekday>,
    #[serde(default = "standard_working_hours")]
    pub working_hours: Vec<WorkingHours>,
    /// Hours of particular weekdays, overriding `workingDays` and `workingHours` for the days
    /// named; a day named with no hours is not worked. Left out of the JSON when empty, so
    /// documents without it read and write as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub week_hours: Vec<WeekdayHours>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<CalendarException>,
}

/// The working hours of one weekday, in time order and not overlapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeekdayHours {
    pub day: Weekday,
    pub hours: Vec<WorkingHours>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// One working interval of a day, `HH:MM` to `HH:MM`, as minutes after midnight inside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkingHours {
    pub from: ClockTime,
    pub to: ClockTime,
}

/// A time of day written `HH:MM`; `24:00` is allowed as the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    pub minute_of_day: u32,
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.minute_of_day / 60, self.minute_of_day % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let bad = || serde::de::Error::custom(format!("invalid time \"{text}\": expected HH:MM between 00:00 and 24:00"));
        let (hours, minutes) = text.split_once(':').ok_or_else(bad)?;
        if hours.len() != 2 || minutes.len() != 2 {
            return Err(bad());
        }
        let hours: u32 = hours.parse().map_err(|_| bad())?;
        let minutes: u32 = minutes.parse().map_err(|_| bad())?;
        let minute_of_day = hours * 60 + minutes;
        if minutes >= 60 || minute_of_day > 24 * 60 {
            return Err(bad());
        }
        Ok(ClockTime { minute_of_day })
    }
}

/// A holiday (non-working) or an extra working period over a range of dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarException {
    pub name: String,
    pub from: Date,
    pub to: Date,
    #[serde(default, skip_serializing_if = "is_false")]
    pub working: bool,
    /// Working hours on those dates when `working` is true; the calendar's own hours otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_hours: Vec<WorkingHours>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn standard_working_days() -> Vec<Weekday> {
    vec![Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
}

fn standard_working_hours() -> Vec<WorkingHours> {
    let at = |hours: u32| ClockTime { minute_of_day: hours * 60 };
    vec![WorkingHours { from: at(8), to: at(12) }, WorkingHours { from: at(13), to: at(17) }]
}

impl Calendar {
    /// MS Project's Standard calendar.
    pub fn standard(id: &str) -> Calendar {
        Calendar {
            id: id.to_string(),
            name: "Standard".to_string(),
            working_days: standard_working_days(),
            working_hours: standard_working_hours(),
            week_hours: Vec::new(),
            exceptions: Vec::new(),
        }
    }
}
