//! MS Project XML (MSPDI) import.
//!
//! The file is read with quick-xml's streaming reader into a small element tree (depth-limited,
//! so hostile nesting cannot exhaust the stack), then mapped onto the model. Whatever the model
//! cannot hold is reported as a finding (`not_imported` and friends), collapsed to one finding
//! per element name so a large plan does not drown the analyst. The importer never panics and
//! every loop is bounded by the input size or by fixed limits.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::model::{
    Activity, Assignment, Baseline, BaselineActivity, Calendar, CalendarException, ClockTime, Constraint, ConstraintKind, Date,
    DateTime, Dependency, DependencyKind, Finding, Phase, Project, ProjectStatus, Resource, ResourceKind, Weekday, WeekdayHours,
    Split, WorkDuration, WorkingHours,
};

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is empty; expected an MS Project XML (MSPDI) file.")]
    Empty,
    #[error("The file is not well-formed XML (line {line}, column {column}): {detail}.")]
    XmlSyntax { line: usize, column: usize, detail: String },
    #[error("This is not an MS Project XML (MSPDI) file: {reason}")]
    NotMspdi { reason: String },
    #[error("The project has no usable start date (StartDate) and no task dates to take one from.")]
    MissingStartDate,
}

impl ImportError {
    /// A stable code for programs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty_input",
            ImportError::XmlSyntax { .. } => "xml_syntax",
            ImportError::NotMspdi { .. } => "not_mspdi",
            ImportError::MissingStartDate => "missing_start_date",
        }
    }
}

/// The pauses in an assignment's planned work: each run of zero-work timephased rows between
/// the first and the last row with work.
fn splits_of(assignment: &Element, minutes_per_day: f64) -> Vec<Split> {
    let rows: Vec<(Option<NaiveDateTime>, Option<NaiveDateTime>, Option<f64>)> = assignment
        .children_named("TimephasedData")
        .filter(|t| t.value("Type") == Some("1"))
        .map(|t| (t.value("Start").and_then(parse_datetime), t.value("Finish").and_then(parse_datetime), t.value("Value").and_then(|v| parse_duration_minutes(v, minutes_per_day))))
        .collect();
    let worked = |row: &(Option<NaiveDateTime>, Option<NaiveDateTime>, Option<f64>)| row.2.is_some_and(|m| m > 0.0);
    let (Some(first), Some(last)) = (rows.iter().position(worked), rows.iter().rposition(worked)) else { return Vec::new() };
    let mut splits = Vec::new();
    let mut pause: Option<(NaiveDateTime, NaiveDateTime)> = None;
    for row in &rows[first..=last] {
        match row {
            (Some(from), Some(to), Some(minutes)) if *minutes == 0.0 => {
                pause = Some(pause.map_or((*from, *to), |(start, _)| (start, *to)));
            }
            row if worked(row) => {
                if let Some((from, to)) = pause.take() {
                    if to > from {
                        splits.push(Split { from: DateTime(from), to: DateTime(to) });
                    }
                }
            }
            // A row without a value is non-working time: it neither starts nor ends a pause.
            _ => {}
        }
    }
    splits
}

// ---------------------------------------------------------------------------------------------
// XML to a small tree

/// Elements nested deeper than this are skipped (MSPDI needs about 7 levels).
const MAX_DEPTH: usize = 48;
/// At most this many dates are produced from one recurring calendar exception.
const MAX_RECURRENCE_DATES: usize = 5000;
/// Calendar inheritance deeper than this is treated as a loop.
const MAX_CALENDAR_DEPTH: usize = 16;
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;
/// Validation refuses durations beyond a century of working days.
const DURATION_LIMIT_MINUTES: i64 = 100 * 260 * 480;

#[derive(Debug, Default)]
struct Element {
    name: String,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// Trimmed text of a child, None when absent or blank.
    fn value(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.children.iter().all(|c| c.is_blank())
    }
}

fn line_and_column(xml: &str, offset: u64) -> (usize, usize) {
    let offset = (offset.min(xml.len() as u64)) as usize;
    let before = &xml.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

fn syntax(xml: &str, offset: u64, detail: impl Into<String>) -> ImportError {
    let (line, column) = line_and_column(xml, offset);
    ImportError::XmlSyntax { line, column, detail: detail.into() }
}

fn parse_tree(xml: &str) -> Result<Element, ImportError> {
    if xml.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut skipped_depth = 0usize;
    loop {
        let position = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(syntax(xml, reader.error_position(), error.to_string())),
        };
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() && stack.is_empty() => {
                let _ = start;
                return Err(syntax(xml, position, "a second top-level element follows the end of the document's root element"));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH || skipped_depth > 0 {
                    skipped_depth += 1;
                    continue;
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                stack.push(Element { name, ..Element::default() });
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_DEPTH || skipped_depth > 0 {
                    continue;
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let element = Element { name, ..Element::default() };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                if skipped_depth > 0 {
                    skipped_depth -= 1;
                    continue;
                }
                let Some(element) = stack.pop() else {
                    return Err(syntax(xml, position, "a closing tag has no matching opening tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                let decoded = text.decode().map_err(|e| syntax(xml, position, e.to_string()))?;
                match stack.last_mut() {
                    Some(top) if skipped_depth == 0 => top.text.push_str(&decoded),
                    Some(_) => {}
                    None if decoded.trim().is_empty() => {}
                    None => return Err(syntax(xml, position, "text outside any element (is this an XML file?)")),
                }
            }
            Event::CData(data) => {
                if let (Some(top), 0) = (stack.last_mut(), skipped_depth) {
                    let decoded = data.decode().map_err(|e| syntax(xml, position, e.to_string()))?;
                    top.text.push_str(&decoded);
                }
            }
            Event::GeneralRef(reference) => {
                let Some(top) = stack.last_mut() else {
                    return Err(syntax(xml, position, "an entity reference outside any element"));
                };
                if skipped_depth > 0 {
                    continue;
                }
                if reference.is_char_ref() {
                    match reference.resolve_char_ref() {
                        Ok(Some(ch)) => top.text.push(ch),
                        _ => return Err(syntax(xml, position, "an invalid character reference")),
                    }
                } else {
                    let name = reference.decode().map_err(|e| syntax(xml, position, e.to_string()))?;
                    match name.as_ref() {
                        "amp" => top.text.push('&'),
                        "lt" => top.text.push('<'),
                        "gt" => top.text.push('>'),
                        "quot" => top.text.push('"'),
                        "apos" => top.text.push('\''),
                        other => {
                            top.text.push('&');
                            top.text.push_str(other);
                            top.text.push(';');
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(syntax(xml, xml.len() as u64, format!("the file ends before the element <{}> is closed", open.name)));
    }
    root.ok_or_else(|| syntax(xml, 0, "no XML element found"))
}

// ---------------------------------------------------------------------------------------------
// Findings

#[derive(Default)]
struct Report {
    findings: Vec<Finding>,
    /// (context, element) -> (index into `pending`), for collapsing not-imported elements.
    not_imported: HashMap<(String, String), usize>,
    pending: Vec<(String, String, String, usize)>,
    once: HashSet<String>,
}

impl Report {
    fn warn(&mut self, code: &'static str, path: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding::warning(code, path, message));
    }
    fn warn_ids(&mut self, code: &'static str, path: impl Into<String>, message: impl Into<String>, ids: Vec<String>) {
        self.findings.push(Finding::warning(code, path, message).with_ids(ids));
    }
    /// Reports a finding only the first time `key` is seen.
    fn warn_once(&mut self, key: &str, code: &'static str, path: impl Into<String>, message: impl Into<String>) {
        if self.once.insert(key.to_string()) {
            self.warn(code, path, message);
        }
    }
    /// An element the model has no place for; one finding per (context, element name).
    fn skip(&mut self, context: &str, path_prefix: &str, element: &Element) {
        if element.is_blank() {
            return;
        }
        let key = (context.to_string(), element.name.clone());
        match self.not_imported.get(&key) {
            Some(&index) => self.pending[index].3 += 1,
            None => {
                self.not_imported.insert(key, self.pending.len());
                let path = format!("{path_prefix}.{}", element.name);
                self.pending.push((context.to_string(), element.name.clone(), path, 1));
            }
        }
    }
    /// Reports every child not in `handled`.
    fn skip_others(&mut self, context: &str, path_prefix: &str, element: &Element, handled: &[&str]) {
        for child in &element.children {
            if !handled.contains(&child.name.as_str()) {
                self.skip(context, path_prefix, child);
            }
        }
    }
    fn finish(mut self) -> Vec<Finding> {
        // Project-level properties are many and each appears once: one finding lists them all.
        let (properties, others): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.pending).into_iter().partition(|(context, ..)| context == PROJECT_CONTEXT);
        if let Some((_, _, first_path, _)) = properties.first() {
            let names: Vec<String> = properties.iter().map(|(_, name, ..)| name.clone()).collect();
            self.findings.push(Finding::warning(
                "not_imported",
                first_path.clone(),
                format!("{} project properties are not imported: the model has no place for them ({}).", names.len(), names.join(", ")),
            ));
        }
        for (context, name, path, count) in others {
            let times = if count == 1 { String::new() } else { format!(" (in {count} {context})") };
            self.findings.push(Finding::warning(
                "not_imported",
                path,
                format!("<{name}> of the MS Project {context} is not imported: the model has no place for it{times}."),
            ));
        }
        self.findings
    }
}

// ---------------------------------------------------------------------------------------------
// Value parsing

fn parse_i64(text: &str) -> Option<i64> {
    let text = text.trim();
    text.parse::<i64>().ok().or_else(|| {
        let value: f64 = text.parse().ok()?;
        (value.is_finite() && value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
    })
}

fn parse_f64(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_flag(text: Option<&str>) -> Option<bool> {
    match text?.trim() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

fn in_year_range(date: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year())
}

fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let parsed = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN)))?;
    in_year_range(parsed.date()).then_some(parsed)
}

/// `HH:MM[:SS]` to minutes after midnight; `24:00` is accepted.
fn parse_clock(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let hours: u32 = parts.next()?.parse().ok()?;
    let minutes: u32 = parts.next().unwrap_or("0").parse().ok()?;
    let seconds: u32 = parts.next().unwrap_or("0").split('.').next()?.parse().ok()?;
    if minutes >= 60 || seconds >= 60 || hours > 24 || (hours == 24 && (minutes > 0 || seconds > 0)) {
        return None;
    }
    Some(hours * 60 + minutes)
}

/// MSPDI durations `[-]PnYnMnDTnHnMnS` to minutes (f64). Days count `minutes_per_day`;
/// years and months are refused (no fixed length).
fn parse_duration_minutes(text: &str, minutes_per_day: f64) -> Option<f64> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let mut minutes = 0.0f64;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for ch in rest.chars() {
        match ch {
            'T' if number.is_empty() && !in_time => in_time = true,
            '0'..='9' | '.' => {
                if number.len() > 40 {
                    return None;
                }
                number.push(ch)
            }
            unit => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                any = true;
                minutes += value
                    * match (in_time, unit) {
                        (false, 'W') => 5.0 * minutes_per_day,
                        (false, 'D') => minutes_per_day,
                        (true, 'H') => 60.0,
                        (true, 'M') => 1.0,
                        (true, 'S') => 1.0 / 60.0,
                        _ => return None,
                    };
            }
        }
    }
    if !number.is_empty() || !any || !minutes.is_finite() {
        return None;
    }
    Some(if negative { -minutes } else { minutes })
}

fn is_elapsed_format(code: i64) -> bool {
    matches!(code, 4 | 6 | 8 | 10 | 12 | 36 | 38 | 40 | 42 | 44)
}

fn is_percent_format(code: i64) -> bool {
    matches!(code, 19 | 20 | 51 | 52)
}

// ---------------------------------------------------------------------------------------------
// Calendars

#[derive(Debug, Clone, PartialEq, Default)]
enum DaySpec {
    #[default]
    Default,
    Off,
    On(Vec<(u32, u32)>),
}

#[derive(Debug, Clone)]
struct DatedException {
    name: String,
    from: NaiveDate,
    to: NaiveDate,
    hours: Vec<(u32, u32)>,
    /// 0 = inherited, 1 weekly, 2 monthly, 3 yearly, 4 daily, 5 plain: later wins.
    priority: u8,
}

#[derive(Debug)]
struct RawCalendar {
    uid: i64,
    name: String,
    base: Option<i64>,
    /// Sunday first, as MSPDI numbers DayType 1..7.
    days: [DaySpec; 7],
    exceptions: Vec<DatedException>,
}

fn standard_hours() -> Vec<(u32, u32)> {
    vec![(480, 720), (780, 1020)]
}

/// Reads `WorkingTimes/WorkingTime` pairs; a ToTime of 00:00 means 24:00.
fn read_working_times(parent: &Element, path: &str, report: &mut Report) -> Vec<(u32, u32)> {
    let mut hours = Vec::new();
    let Some(times) = parent.child("WorkingTimes") else { return hours };
    for time in times.children_named("WorkingTime") {
        let from = time.value("FromTime").and_then(parse_clock);
        let to = time.value("ToTime").and_then(parse_clock).map(|t| if t == 0 { 1440 } else { t });
        match (from, to) {
            (Some(from), Some(to)) if to > from => hours.push((from, to)),
            (None, None) => {}
            _ => report.warn(
                "invalid_value",
                format!("{path}.WorkingTimes"),
                format!(
                    "A working time from {} to {} cannot be read or ends before it starts; it is left out.",
                    time.value("FromTime").unwrap_or("?"),
                    time.value("ToTime").unwrap_or("?")
                ),
            ),
        }
    }
    hours.sort_unstable();
    // Overlapping times would be refused by validation; MS Project would count them once.
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(hours.len());
    for (from, to) in hours {
        match merged.last_mut() {
            Some(last) if from < last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

fn clip_range(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let low = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1)?;
    let high = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31)?;
    let (from, to) = (from.max(low), to.min(high));
    (from <= to).then_some((from, to))
}

fn parse_date_loose(text: Option<&str>) -> Option<NaiveDate> {
    let text = text?.trim();
    let date_part = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}

fn nth_weekday(year: i32, month: u32, weekday_sunday0: u32, position: i64) -> Option<NaiveDate> {
    if position >= 4 {
        let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
        let mut day = next.pred_opt()?;
        for _ in 0..7 {
            if day.weekday().num_days_from_sunday() == weekday_sunday0 {
                return Some(day);
            }
            day = day.pred_opt()?;
        }
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (weekday_sunday0 + 7 - first.weekday().num_days_from_sunday()) % 7;
    let day = first.checked_add_days(Days::new(offset as u64 + 7 * position.max(0) as u64))?;
    (day.month() == month).then_some(day)
}

fn clamped_day(year: i32, month: u32, day: i64) -> Option<NaiveDate> {
    let day = day.clamp(1, 31) as u32;
    (1..=day).rev().find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

/// Expands one `<Exception>` into dated exceptions.
fn read_exception(element: &Element, path: &str, report: &mut Report) -> Vec<DatedException> {
    let period = element.child("TimePeriod");
    let from = period.and_then(|p| parse_date_loose(p.value("FromDate")));
    let to = period.and_then(|p| parse_date_loose(p.value("ToDate")));
    let name = element.value("Name").unwrap_or("Exception").to_string();
    let hours = read_working_times(element, path, report);
    let Some(from) = from else {
        report.warn("invalid_value", format!("{path}.TimePeriod"), format!("Calendar exception \"{name}\" has no readable start date; it is left out."));
        return Vec::new();
    };
    let kind = element.value("Type").and_then(parse_i64).unwrap_or(0);
    let every = element.value("Period").and_then(parse_i64).unwrap_or(1).clamp(1, 100_000) as u64;
    let occurrences = element.value("Occurrences").and_then(parse_i64).filter(|&n| n > 0).map(|n| n as usize);
    let plain = |to: NaiveDate, priority: u8| -> Vec<DatedException> {
        match clip_range(from, to) {
            Some((from, to)) => vec![DatedException { name: name.clone(), from, to, hours: hours.clone(), priority }],
            None => Vec::new(),
        }
    };
    if kind == 0 || (kind == 1 && every == 1) {
        return plain(to.unwrap_or(from), 5);
    }
    let limit_date = to.unwrap_or(NaiveDate::MAX).min(NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31).unwrap_or(NaiveDate::MAX));
    let max_count = occurrences.unwrap_or(MAX_RECURRENCE_DATES).min(MAX_RECURRENCE_DATES);
    if to.is_none() && occurrences.is_none() {
        report.warn("invalid_value", path, format!("Recurring calendar exception \"{name}\" has neither an end date nor a number of occurrences; only its first date is used."));
    }
    let max_count = if to.is_none() && occurrences.is_none() { 1 } else { max_count };
    let mut dates: Vec<NaiveDate> = Vec::new();
    let push = |date: NaiveDate, dates: &mut Vec<NaiveDate>| -> bool {
        // Returns false when the expansion must stop.
        if date > limit_date || dates.len() >= max_count {
            return false;
        }
        if date >= from {
            dates.push(date);
        }
        dates.len() < max_count
    };
    let month_day = element.value("MonthDay").and_then(parse_i64).unwrap_or(from.day() as i64);
    let month = element.value("Month").and_then(parse_i64).map(|m| (m.clamp(0, 11) + 1) as u32).unwrap_or(from.month());
    let month_item = element.value("MonthItem").and_then(parse_i64).unwrap_or(3).clamp(3, 9);
    let weekday_sunday0 = (month_item - 3) as u32;
    let position = element.value("MonthPosition").and_then(parse_i64).unwrap_or(0).clamp(0, 4);
    let priority;
    match kind {
        1 | 7 => {
            priority = 4;
            let mut date = from;
            loop {
                if !push(date, &mut dates) {
                    break;
                }
                match date.checked_add_days(Days::new(every)) {
                    Some(next) => date = next,
                    None => break,
                }
            }
        }
        6 => {
            priority = 1;
            let mask = element.value("DaysOfWeek").and_then(parse_i64).unwrap_or(0) & 0x7f;
            if mask == 0 {
                report.warn("invalid_value", format!("{path}.DaysOfWeek"), format!("Weekly calendar exception \"{name}\" names no weekday; it is left out."));
                return Vec::new();
            }
            let mut sunday = from.checked_sub_days(Days::new(from.weekday().num_days_from_sunday() as u64)).unwrap_or(from);
            'weeks: loop {
                for day in 0..7u64 {
                    if mask & (1 << day) != 0 {
                        let Some(date) = sunday.checked_add_days(Days::new(day)) else { break 'weeks };
                        if !push(date, &mut dates) {
                            break 'weeks;
                        }
                    }
                }
                match sunday.checked_add_days(Days::new(7 * every)) {
                    Some(next) if next <= limit_date => sunday = next,
                    _ => break,
                }
            }
        }
        4 | 5 => {
            priority = 2;
            let mut first = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
            loop {
                let hit = if kind == 4 {
                    clamped_day(first.year(), first.month(), month_day)
                } else {
                    nth_weekday(first.year(), first.month(), weekday_sunday0, position)
                };
                if let Some(date) = hit {
                    if !push(date, &mut dates) {
                        break;
                    }
                }
                match first.checked_add_months(Months::new(every.min(100_000) as u32)) {
                    Some(next) if next <= limit_date => first = next,
                    _ => break,
                }
            }
        }
        2 | 3 => {
            priority = 3;
            let mut year = from.year();
            while year <= limit_date.year() {
                let hit = if kind == 2 { clamped_day(year, month, month_day) } else { nth_weekday(year, month, weekday_sunday0, position) };
                if let Some(date) = hit {
                    if !push(date, &mut dates) {
                        break;
                    }
                }
                year += 1;
            }
        }
        other => {
            report.warn("invalid_value", format!("{path}.Type"), format!("Calendar exception \"{name}\" has an unknown recurrence type {other}; its dates from {from} are used as a plain range."));
            return plain(to.unwrap_or(from), 5);
        }
    }
    let priority = if dates.len() == 1 { 5 } else { priority };
    dates
        .into_iter()
        .filter(|d| in_year_range(*d))
        .map(|date| DatedException { name: name.clone(), from: date, to: date, hours: hours.clone(), priority })
        .collect()
}

fn read_calendar(element: &Element, index: usize, report: &mut Report) -> Option<RawCalendar> {
    let uid = element.value("UID").and_then(parse_i64);
    let Some(uid) = uid else {
        report.warn("invalid_value", format!("calendars[{index}].UID"), "A calendar has no readable UID; it is left out.");
        return None;
    };
    let path = format!("calendars[UID={uid}]");
    let name = element.value("Name").map(str::to_string).unwrap_or_else(|| format!("Calendar {uid}"));
    let base = element.value("BaseCalendarUID").and_then(parse_i64).filter(|&b| b > 0 && b != uid);
    let mut days: [DaySpec; 7] = Default::default();
    let mut old_exceptions = Vec::new();
    if let Some(week_days) = element.child("WeekDays") {
        for day in week_days.children_named("WeekDay") {
            let day_path = format!("{path}.WeekDays");
            let day_type = day.value("DayType").and_then(parse_i64);
            let working = parse_flag(day.value("DayWorking"));
            let hours = read_working_times(day, &day_path, report);
            match day_type {
                Some(0) => {
                    let period = day.child("TimePeriod");
                    let from = period.and_then(|p| parse_date_loose(p.value("FromDate")));
                    let to = period.and_then(|p| parse_date_loose(p.value("ToDate")));
                    if let Some(from) = from {
                        if let Some((from, to)) = clip_range(from, to.unwrap_or(from)) {
                            let hours = if working == Some(true) { hours } else { Vec::new() };
                            old_exceptions.push(DatedException { name: "Exception".to_string(), from, to, hours, priority: 5 });
                        }
                    }
                }
                Some(n @ 1..=7) => {
                    days[(n - 1) as usize] = match working {
                        Some(false) => DaySpec::Off,
                        Some(true) if hours.is_empty() => DaySpec::On(standard_hours()),
                        Some(true) => DaySpec::On(hours),
                        None => DaySpec::Default,
                    };
                }
                _ => report.warn("invalid_value", format!("{day_path}.WeekDay"), format!("Calendar \"{name}\" has a WeekDay with an unknown DayType; it is left out.")),
            }
            report.skip_others("calendar week days", &day_path, day, &["DayType", "DayWorking", "WorkingTimes", "TimePeriod"]);
        }
    }
    let exceptions = match element.child("Exceptions") {
        Some(list) => {
            let mut all = Vec::new();
            for (i, exception) in list.children_named("Exception").enumerate() {
                let exception_path = format!("{path}.Exceptions[{i}]");
                all.extend(read_exception(exception, &exception_path, report));
                report.skip_others(
                    "calendar exceptions",
                    &format!("{path}.Exceptions"),
                    exception,
                    &[
                        "EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type", "Period", "DaysOfWeek", "MonthDay", "Month",
                        "MonthItem", "MonthPosition", "DayWorking", "WorkingTimes",
                    ],
                );
            }
            all
        }
        None => old_exceptions,
    };
    report.skip_others(
        "calendars",
        &path,
        element,
        &["UID", "Name", "IsBaseCalendar", "BaseCalendarUID", "WeekDays", "Exceptions", "GUID", "IsBaselineCalendar"],
    );
    Some(RawCalendar { uid, name, base, days, exceptions })
}

fn resolve_day(calendars: &HashMap<i64, &RawCalendar>, uid: i64, day: usize, depth: usize) -> Vec<(u32, u32)> {
    let Some(calendar) = calendars.get(&uid) else { return Vec::new() };
    match &calendar.days[day] {
        DaySpec::Off => Vec::new(),
        DaySpec::On(hours) => hours.clone(),
        DaySpec::Default => match calendar.base {
            Some(base) if depth < MAX_CALENDAR_DEPTH => resolve_day(calendars, base, day, depth + 1),
            _ => Vec::new(),
        },
    }
}

fn resolve_exceptions(calendars: &HashMap<i64, &RawCalendar>, uid: i64, depth: usize) -> Vec<DatedException> {
    let Some(calendar) = calendars.get(&uid) else { return Vec::new() };
    let mut all: Vec<DatedException> = match calendar.base {
        Some(base) if depth < MAX_CALENDAR_DEPTH => resolve_exceptions(calendars, base, depth + 1)
            .into_iter()
            .map(|mut e| {
                e.priority = 0;
                e
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut own = calendar.exceptions.clone();
    // Later entries win in the model: lowest priority first (stable sort keeps file order).
    own.sort_by_key(|e| e.priority);
    all.extend(own);
    all
}

fn clock(minute: u32) -> ClockTime {
    ClockTime { minute_of_day: minute }
}

fn to_hours(hours: &[(u32, u32)]) -> Vec<WorkingHours> {
    hours.iter().map(|&(from, to)| WorkingHours { from: clock(from), to: clock(to) }).collect()
}

/// Builds model calendars; returns them and the UIDs that made it.
fn build_calendars(raw: &[RawCalendar], report: &mut Report) -> (Vec<Calendar>, HashSet<i64>) {
    let by_uid: HashMap<i64, &RawCalendar> = raw.iter().map(|c| (c.uid, c)).collect();
    // Sunday..Saturday (MSPDI order) to the model's weekday names.
    const WEEKDAYS: [Weekday; 7] =
        [Weekday::Sunday, Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday];
    let mut calendars = Vec::new();
    let mut kept = HashSet::new();
    for calendar in raw {
        let path = format!("calendars[UID={}]", calendar.uid);
        if let Some(base) = calendar.base {
            if !by_uid.contains_key(&base) {
                report.warn("unknown_reference", format!("{path}.BaseCalendarUID"), format!("Calendar \"{}\" is based on calendar {base}, which is not in the file; its inherited days are non-working.", calendar.name));
            }
        }
        let week: Vec<Vec<(u32, u32)>> = (0..7).map(|d| resolve_day(&by_uid, calendar.uid, d, 0)).collect();
        // Monday first when choosing the hours that stand for every working day.
        let monday_first = [1usize, 2, 3, 4, 5, 6, 0];
        let working: Vec<usize> = monday_first.iter().copied().filter(|&d| !week[d].is_empty()).collect();
        let Some(&first) = working.first() else {
            report.warn(
                "calendar_without_working_time",
                path,
                format!("Calendar \"{}\" has no working time in a normal week; it is left out and whatever used it uses the project calendar.", calendar.name),
            );
            continue;
        };
        // The hours most working days share become the calendar's hours (Monday first on a tie);
        // days with other hours are listed in weekHours, so Night Shift or a short Friday keep
        // their own hours. Days off are simply not working days.
        let mut hours = week[first].clone();
        let mut best = 0;
        for &day in &working {
            let count = working.iter().filter(|&&other| week[other] == week[day]).count();
            if count > best {
                best = count;
                hours = week[day].clone();
            }
        }
        let week_hours: Vec<WeekdayHours> =
            working.iter().filter(|&&d| week[d] != hours).map(|&d| WeekdayHours { day: WEEKDAYS[d], hours: to_hours(&week[d]) }).collect();
        let exceptions = resolve_exceptions(&by_uid, calendar.uid, 0)
            .into_iter()
            .map(|e| CalendarException {
                name: e.name,
                from: Date(e.from),
                to: Date(e.to),
                working: !e.hours.is_empty(),
                working_hours: to_hours(&e.hours),
            })
            .collect();
        calendars.push(Calendar {
            id: format!("cal-{}", calendar.uid),
            name: calendar.name.clone(),
            working_days: working.iter().filter(|&&d| week[d] == hours).map(|&d| WEEKDAYS[d]).collect(),
            working_hours: to_hours(&hours),
            week_hours,
            exceptions,
        });
        kept.insert(calendar.uid);
    }
    (calendars, kept)
}

// ---------------------------------------------------------------------------------------------
// The project

const PROJECT_CONTEXT: &str = "project properties";

/// The calendar given to tasks with elapsed durations; MSPDI calendar ids are `cal-<number>`.
const ELAPSED_CALENDAR_ID: &str = "cal-elapsed";

const PROJECT_FIELDS: &[&str] = &[
    "Name", "StartDate", "StatusDate", "CurrencyCode", "CalendarUID", "Calendars", "Tasks", "Resources", "Assignments", "MinutesPerDay",
];

const TASK_FIELDS: &[&str] = &[
    "UID", "ID", "Name", "WBS", "OutlineLevel", "IsNull", "Duration", "DurationFormat", "Milestone", "Active", "ConstraintType",
    "ConstraintDate", "Deadline", "CalendarUID", "ActualStart", "ActualFinish", "PercentComplete", "RemainingDuration", "Cost",
    "ActualCost", "Manual", "Summary", "PredecessorLink", "Baseline", "Type",
];

const LINK_FIELDS: &[&str] = &["PredecessorUID", "Type", "LinkLag", "LagFormat", "CrossProject"];

const RESOURCE_FIELDS: &[&str] = &["UID", "ID", "Name", "Type", "IsNull", "MaxUnits", "StandardRate", "CalendarUID"];

const ASSIGNMENT_FIELDS: &[&str] = &["UID", "TaskUID", "ResourceUID", "Units", "Work", "TimephasedData", "WorkContour"];

struct TaskRow<'a> {
    element: &'a Element,
    uid: Option<i64>,
    id: String,
    summary: bool,
    fixed_duration: bool,
    duration_minutes: i64,
}

/// Reads an MS Project XML (MSPDI) document into a model project.
///
/// `project_id` becomes the project's id (and its name when the file has none). The findings
/// list what was simplified or not imported; none of them stops the import.
pub fn read_mspdi(xml: &str, project_id: &str) -> Result<(Project, Vec<Finding>), ImportError> {
    let root = parse_tree(xml)?;
    match root.name.as_str() {
        "Project" => {}
        "APIBusinessObjects" => {
            return Err(ImportError::NotMspdi {
                reason: "it is a Primavera P6 XML (PMXML) export (root element <APIBusinessObjects>). Save the plan from MS Project as XML, or import it as P6.".to_string(),
            })
        }
        other => {
            return Err(ImportError::NotMspdi {
                reason: format!("the root element is <{other}>, but an MS Project XML file starts with <Project xmlns=\"http://schemas.microsoft.com/project\">."),
            })
        }
    }
    if root.child("Tasks").is_none() && root.child("Calendars").is_none() && root.child("StartDate").is_none() {
        return Err(ImportError::NotMspdi {
            reason: "the <Project> element has none of StartDate, Calendars or Tasks, so it is not an MS Project XML file.".to_string(),
        });
    }
    let mut report = Report::default();
    let minutes_per_day = root.value("MinutesPerDay").and_then(parse_f64).filter(|m| *m > 0.0 && *m <= 1440.0).unwrap_or(480.0);

    // Calendars.
    let mut raw_calendars: Vec<RawCalendar> = Vec::new();
    if let Some(list) = root.child("Calendars") {
        let mut seen = HashSet::new();
        for (index, element) in list.children_named("Calendar").enumerate() {
            if let Some(calendar) = read_calendar(element, index, &mut report) {
                if !seen.insert(calendar.uid) {
                    report.warn("duplicate_id", format!("calendars[UID={}]", calendar.uid), format!("Calendar UID {} appears twice; the second one is left out.", calendar.uid));
                    continue;
                }
                raw_calendars.push(calendar);
            }
        }
    }
    let (calendars, calendar_uids) = build_calendars(&raw_calendars, &mut report);
    let calendar_ref = |uid: Option<i64>| uid.filter(|u| calendar_uids.contains(u)).map(|u| format!("cal-{u}"));

    // Project properties.
    let name = root.value("Name").map(str::to_string).unwrap_or_else(|| project_id.to_string());
    let currency = match root.value("CurrencyCode") {
        Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => code.to_string(),
        other => {
            report.warn(
                "currency_defaulted",
                "CurrencyCode",
                match other {
                    Some(code) => format!("The currency code \"{code}\" is not three capital letters (ISO 4217); EUR is assumed."),
                    None => "The file names no currency (CurrencyCode); EUR is assumed.".to_string(),
                },
            );
            "EUR".to_string()
        }
    };
    let status_date = root.value("StatusDate").and_then(parse_datetime).map(|d| Date(d.date()));
    let project_calendar_uid = root.value("CalendarUID").and_then(parse_i64);
    let calendar_id = calendar_ref(project_calendar_uid);
    if let (Some(uid), None) = (project_calendar_uid, &calendar_id) {
        report.warn("unknown_reference", "CalendarUID", format!("The project calendar {uid} is not among the usable calendars of the file; the Standard calendar is used."));
    }

    // Tasks: first pass decides which rows are imported and their ids.
    let task_elements: Vec<&Element> = root.child("Tasks").map(|t| t.children_named("Task").collect()).unwrap_or_default();
    let mut rows: Vec<TaskRow> = Vec::new();
    let mut id_of_uid: HashMap<i64, String> = HashMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut levels: Vec<Option<i64>> = Vec::new();
    for (index, element) in task_elements.iter().enumerate() {
        let uid_text = element.value("UID");
        let uid = uid_text.and_then(parse_i64);
        let is_null = parse_flag(element.value("IsNull")) == Some(true);
        let level = element.value("OutlineLevel").and_then(parse_i64);
        if is_null || (element.value("Name").is_none() && uid_text.is_none()) || uid == Some(0) || level == Some(0) {
            levels.push(None);
            continue;
        }
        if uid_text.is_some() && uid.is_none() {
            report.warn("invalid_value", format!("tasks[{index}].UID"), format!("Task UID \"{}\" is not a number.", uid_text.unwrap_or_default()));
        }
        let mut id = match uid {
            Some(uid) => format!("T{uid}"),
            None => format!("T-row{index}"),
        };
        if used_ids.contains(&id) {
            let renamed = format!("{id}-row{index}");
            report.warn("duplicate_id", format!("tasks[UID={}]", uid.map_or("?".to_string(), |u| u.to_string())), format!("Task id {id} appears twice; the second is imported as {renamed} and links to it go to the first."));
            id = renamed;
        } else if let Some(uid) = uid {
            id_of_uid.insert(uid, id.clone());
        }
        used_ids.insert(id.clone());
        levels.push(level.map(|l| l.clamp(1, 1000)).or(Some(1)));
        rows.push(TaskRow { element, uid, id, summary: false, fixed_duration: element.value("Type") == Some("1"), duration_minutes: 0 });
    }
    // Parents from outline levels: a stack of the latest task per level.
    let mut parents: Vec<Option<String>> = Vec::with_capacity(rows.len());
    {
        let mut stack: Vec<(i64, usize)> = Vec::new();
        let mut row = 0usize;
        for level in levels.iter() {
            let Some(level) = *level else { continue };
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, r)| r);
            parents.push(parent.map(|p| rows[p].id.clone()));
            if let Some(p) = parent {
                rows[p].summary = true;
            }
            stack.push((level, row));
            row += 1;
        }
    }

    let mut activities: Vec<Activity> = Vec::with_capacity(rows.len());
    let mut dependencies: Vec<Dependency> = Vec::new();
    let mut baseline_entries: Vec<BaselineActivity> = Vec::new();
    let mut manual_ids: Vec<String> = Vec::new();
    let mut completed_baselines: Vec<String> = Vec::new();
    let mut elapsed_ids: Vec<String> = Vec::new();
    let mut budget = 0.0f64;
    // Fallback start date: the earliest date of any task row (the project summary included).
    let mut earliest_task_date: Option<NaiveDate> = None;
    for element in &task_elements {
        for field in ["Start", "ActualStart", "EarlyStart"] {
            if let Some(date) = element.value(field).and_then(parse_datetime) {
                earliest_task_date = Some(earliest_task_date.map_or(date.date(), |e| e.min(date.date())));
            }
        }
    }
    if earliest_task_date.is_none() {
        earliest_task_date = root.value("CreationDate").and_then(parse_datetime).map(|d| d.date());
    }
    for (row_index, row) in rows.iter_mut().enumerate() {
        let element = row.element;
        let path = match row.uid {
            Some(uid) => format!("tasks[UID={uid}]"),
            None => format!("tasks[{}]", row.id),
        };
        let name = match element.value("Name") {
            Some(name) => name.to_string(),
            None => {
                report.warn("missing_name", format!("{path}.Name"), format!("Task {} has no name; it is imported as \"(unnamed task)\".", row.id));
                "(unnamed task)".to_string()
            }
        };
        let elapsed = element.value("DurationFormat").and_then(parse_i64).is_some_and(is_elapsed_format);
        // MS Project writes elapsed durations in clock hours (PT24H for 1ed); should a day unit
        // appear, an elapsed day is 24 hours.
        let day_minutes = if elapsed { 1440.0 } else { minutes_per_day };
        let duration_minutes = match element.value("Duration") {
            None => 0,
            Some(text) => match parse_duration_minutes(text, day_minutes) {
                Some(minutes) if minutes < 0.0 => {
                    report.warn("invalid_value", format!("{path}.Duration"), format!("Task \"{name}\" has a negative duration {text}; 0 is used."));
                    0
                }
                Some(minutes) if minutes.round() > DURATION_LIMIT_MINUTES as f64 => {
                    report.warn("invalid_value", format!("{path}.Duration"), format!("Task \"{name}\" has a duration of {text}, more than a century of working days; it is capped."));
                    DURATION_LIMIT_MINUTES
                }
                Some(minutes) => minutes.round() as i64,
                None => {
                    report.warn("invalid_value", format!("{path}.Duration"), format!("Task \"{name}\" has a duration \"{text}\" that cannot be read; 0 is used."));
                    0
                }
            },
        };
        row.duration_minutes = duration_minutes;
        if elapsed && !row.summary {
            elapsed_ids.push(row.id.clone());
        }
        let remaining = element.value("RemainingDuration").and_then(|t| parse_duration_minutes(t, minutes_per_day)).map(|m| {
            WorkDuration { minutes: (m.round() as i64).clamp(0, DURATION_LIMIT_MINUTES) }
        });
        let milestone = parse_flag(element.value("Milestone")) == Some(true);
        let active = parse_flag(element.value("Active")) != Some(false);
        let manual = parse_flag(element.value("Manual")) == Some(true);
        if manual {
            manual_ids.push(row.id.clone());
        }
        let constraint_date = element.value("ConstraintDate").and_then(parse_datetime).map(DateTime);
        let constraint_kind = match element.value("ConstraintType").and_then(parse_i64) {
            None | Some(0) => None,
            Some(1) => Some(ConstraintKind::Alap),
            Some(2) => Some(ConstraintKind::Mso),
            Some(3) => Some(ConstraintKind::Mfo),
            Some(4) => Some(ConstraintKind::Snet),
            Some(5) => Some(ConstraintKind::Snlt),
            Some(6) => Some(ConstraintKind::Fnet),
            Some(7) => Some(ConstraintKind::Fnlt),
            Some(other) => {
                report.warn("invalid_value", format!("{path}.ConstraintType"), format!("Task \"{name}\" has an unknown constraint type {other}; ASAP is used."));
                None
            }
        };
        let constraint = match constraint_kind {
            Some(kind) if kind.needs_date() && constraint_date.is_none() => {
                report.warn("invalid_value", format!("{path}.ConstraintDate"), format!("Task \"{name}\" has a {} constraint without a usable date; the constraint is left out.", kind.code()));
                None
            }
            Some(kind) => Some(Constraint { kind, date: if kind.needs_date() { constraint_date } else { None } }),
            None => None,
        };
        let deadline = element.value("Deadline").and_then(parse_datetime).map(|d| Date(d.date()));
        let task_calendar = element.value("CalendarUID").and_then(parse_i64).filter(|&u| u != -1);
        let calendar_id = calendar_ref(task_calendar);
        if let (Some(uid), None) = (task_calendar, &calendar_id) {
            report.warn("unknown_reference", format!("{path}.CalendarUID"), format!("Task \"{name}\" uses calendar {uid}, which is not among the usable calendars; it uses the project calendar."));
        }
        let mut actual_start = element.value("ActualStart").and_then(parse_datetime).map(DateTime);
        let mut actual_finish = element.value("ActualFinish").and_then(parse_datetime).map(DateTime);
        if actual_start.is_none() && actual_finish.is_some() {
            report.warn("invalid_value", format!("{path}.ActualFinish"), format!("Task \"{name}\" has an actual finish but no actual start; the actual start is taken to be the same moment."));
            actual_start = actual_finish;
        }
        if let (Some(start), Some(finish)) = (actual_start, actual_finish) {
            if finish < start {
                report.warn("invalid_value", format!("{path}.ActualFinish"), format!("Task \"{name}\" finishes ({finish}) before it starts ({start}); the actual finish is left out."));
                actual_finish = None;
            }
        }
        let percent_complete = element.value("PercentComplete").and_then(parse_f64).unwrap_or(0.0).clamp(0.0, 100.0);
        let money = |field: &str, report: &mut Report| -> Option<f64> {
            let text = element.value(field)?;
            match parse_f64(text) {
                Some(cents) if (0.0..=1.0e17).contains(&cents) => Some(cents / 100.0),
                _ => {
                    report.warn("invalid_value", format!("{path}.{field}"), format!("Task \"{name}\" has a {field} of \"{text}\" that is not a usable amount; it is left out."));
                    None
                }
            }
        };
        let cost = money("Cost", &mut report).unwrap_or(0.0);
        let actual_cost = money("ActualCost", &mut report);
        if !row.summary {
            budget += cost;
        }

        // Links (on the successor).
        for link in element.children_named("PredecessorLink") {
            let link_path = format!("{path}.PredecessorLink");
            report.skip_others("predecessor links", &link_path, link, LINK_FIELDS);
            let Some(predecessor_uid) = link.value("PredecessorUID").and_then(parse_i64) else {
                report.warn("invalid_value", link_path, format!("A link into task \"{name}\" names no readable predecessor; it is left out."));
                continue;
            };
            if parse_flag(link.value("CrossProject")) == Some(true) {
                report.warn("not_imported", link_path, format!("The link from task {predecessor_uid} of another project into task \"{name}\" is not imported (cross-project links are not supported)."));
                continue;
            }
            let Some(predecessor_id) = id_of_uid.get(&predecessor_uid).cloned() else {
                report.warn_ids("dangling_dependency", link_path, format!("Task \"{name}\" follows task UID {predecessor_uid}, which is not an imported task; the link is left out."), vec![row.id.clone()]);
                continue;
            };
            let kind = match link.value("Type").and_then(parse_i64) {
                Some(0) => DependencyKind::FF,
                Some(2) => DependencyKind::SF,
                Some(3) => DependencyKind::SS,
                _ => DependencyKind::FS,
            };
            let raw_lag = link.value("LinkLag").and_then(parse_f64).unwrap_or(0.0);
            let format = link.value("LagFormat").and_then(parse_i64).unwrap_or(7);
            let mut dependency = Dependency {
                predecessor_id,
                successor_id: row.id.clone(),
                kind,
                lag_days: WorkDuration::ZERO,
                lag_elapsed_days: None,
                lag_percent: None,
            };
            if raw_lag != 0.0 {
                if is_percent_format(format) {
                    if matches!(format, 20 | 52) {
                        report.warn("lag_approximated", format!("{link_path}.LagFormat"), format!("The link into task \"{name}\" has an elapsed-percent lag; it is imported as a plain percent lag."));
                    }
                    dependency.lag_percent = Some(raw_lag.clamp(-100_000.0, 100_000.0));
                } else if is_elapsed_format(format) {
                    dependency.lag_elapsed_days = Some((raw_lag / 10.0 / 1440.0).clamp(-36_500.0, 36_500.0));
                } else {
                    let minutes = (raw_lag / 10.0).round().clamp(-(DURATION_LIMIT_MINUTES as f64), DURATION_LIMIT_MINUTES as f64) as i64;
                    dependency.lag_days = WorkDuration { minutes };
                }
            }
            dependencies.push(dependency);
        }

        // Baselines.
        for baseline in element.children_named("Baseline") {
            let number = baseline.value("Number").and_then(parse_i64).unwrap_or(0);
            if number != 0 {
                report.skip("tasks", &path, baseline);
                continue;
            }
            let start = baseline.value("Start").and_then(parse_datetime).map(DateTime);
            let finish = baseline.value("Finish").and_then(parse_datetime).map(DateTime);
            let cost = baseline.value("Cost").and_then(parse_f64).filter(|c| (0.0..=1.0e17).contains(c)).map_or(0.0, |c| c / 100.0);
            // The model needs both dates; a partial baseline takes the missing ones from the
            // task's current dates (reported once, with the tasks involved).
            let scheduled_start = element.value("Start").and_then(parse_datetime).map(DateTime);
            let scheduled_finish = element.value("Finish").and_then(parse_datetime).map(DateTime);
            if start.is_none() || finish.is_none() {
                completed_baselines.push(row.id.clone());
            }
            match (start.or(scheduled_start), finish.or(scheduled_finish)) {
                (Some(start), Some(finish)) if finish >= start => {
                    baseline_entries.push(BaselineActivity { activity_id: row.id.clone(), start, finish, cost })
                }
                (Some(_), Some(_)) => report.warn("invalid_value", format!("{path}.Baseline"), format!("The baseline of task \"{name}\" finishes before it starts; it is left out.")),
                _ => report.warn("invalid_value", format!("{path}.Baseline"), format!("The baseline of task \"{name}\" has no start or finish, and neither has the task; it is left out.")),
            }
            report.skip_others("task baselines", &format!("{path}.Baseline"), baseline, &["Number", "Start", "Finish", "Cost", "Duration", "DurationFormat", "Work", "EstimatedDuration", "Interim"]);
        }

        report.skip_others("tasks", &path, element, TASK_FIELDS);
        activities.push(Activity {
            id: row.id.clone(),
            name,
            wbs: element.value("WBS").map(str::to_string),
            parent_id: parents.get(row_index).cloned().flatten(),
            duration_days: WorkDuration { minutes: duration_minutes },
            milestone,
            manual,
            active,
            remaining_duration_days: remaining,
            constraint,
            deadline,
            calendar_id,
            actual_start,
            actual_finish,
            percent_complete,
            cost,
            actual_cost,
            assignments: Vec::new(),
            resource_driven: false,
            splits: Vec::new(),
            earned_value_method: None,
        });
    }
    if !manual_ids.is_empty() {
        let path = format!("tasks[UID={}].Manual", manual_ids[0].trim_start_matches('T'));
        report.warn_ids(
            "manual_task",
            path,
            format!("{} task(s) are manually scheduled in MS Project; they are imported with their manual flag but scheduled automatically here, so their dates may differ.", manual_ids.len()),
            manual_ids,
        );
    }
    if !completed_baselines.is_empty() {
        report.warn_ids(
            "baseline_dates_completed",
            format!("tasks[UID={}].Baseline", completed_baselines[0].trim_start_matches('T')),
            format!("{} baseline 0 entries lack a start or a finish; the task's current start or finish stands in for the missing date.", completed_baselines.len()),
            completed_baselines,
        );
    }
    let mut calendars = calendars;
    if !elapsed_ids.is_empty() {
        // An elapsed duration (DurationFormat 4, 6, 8, 10, 12 and their estimated forms 36-44)
        // runs on the clock: nights, weekends and holidays count, so MS Project's elapsed day is
        // 24 hours and its slack on such a task is in clock minutes. A duration on a calendar
        // that works every minute is exactly that, so these tasks get one.
        let mut replaced = Vec::new();
        for activity in activities.iter_mut().filter(|a| elapsed_ids.contains(&a.id)) {
            if let Some(own) = activity.calendar_id.replace(ELAPSED_CALENDAR_ID.to_string()) {
                replaced.push(format!("{} ({own})", activity.id));
            }
        }
        calendars.push(Calendar {
            id: ELAPSED_CALENDAR_ID.to_string(),
            name: "Elapsed time (24 hours, 7 days)".to_string(),
            working_days: vec![
                Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday,
            ],
            working_hours: vec![WorkingHours { from: clock(0), to: clock(24 * 60) }],
            week_hours: Vec::new(),
            exceptions: Vec::new(),
        });
        let replaced_note = if replaced.is_empty() { String::new() } else { format!(" Their own task calendars are set aside: {}.", replaced.join(", ")) };
        report.warn_ids(
            "elapsed_duration",
            format!("tasks[UID={}].DurationFormat", elapsed_ids[0].trim_start_matches('T')),
            format!(
                "{} task(s) have elapsed durations (24-hour days, weekends and holidays included); they are scheduled on the calendar \"{ELAPSED_CALENDAR_ID}\", which works every minute, so their durations and slack are in clock minutes as in MS Project. A working-time lag into such a task is counted on that calendar too.{replaced_note}",
                elapsed_ids.len()
            ),
            elapsed_ids,
        );
    }

    // Resources.
    let mut resources: Vec<Resource> = Vec::new();
    let mut resource_of_uid: HashMap<i64, usize> = HashMap::new();
    if let Some(list) = root.child("Resources") {
        for (index, element) in list.children_named("Resource").enumerate() {
            let uid = element.value("UID").and_then(parse_i64);
            let name = element.value("Name");
            if parse_flag(element.value("IsNull")) == Some(true) || (name.is_none() && uid.is_none_or(|u| u == 0)) {
                continue;
            }
            let Some(uid) = uid else {
                report.warn("invalid_value", format!("resources[{index}].UID"), "A resource has no readable UID; it is left out.");
                continue;
            };
            let path = format!("resources[UID={uid}]");
            if resource_of_uid.contains_key(&uid) {
                report.warn("duplicate_id", path, format!("Resource UID {uid} appears twice; the second is left out."));
                continue;
            }
            let kind = match element.value("Type").and_then(parse_i64) {
                Some(0) => ResourceKind::Material,
                Some(2) => ResourceKind::Cost,
                _ => ResourceKind::Work,
            };
            let capacity_units = match element.value("MaxUnits").map(|t| (t, parse_f64(t))) {
                None => 1.0,
                Some((_, Some(units))) if (0.0..=1000.0).contains(&units) => units,
                Some((text, _)) => {
                    report.warn("invalid_value", format!("{path}.MaxUnits"), format!("Resource {uid} has MaxUnits \"{text}\", which is not usable; 1 (100%) is used."));
                    1.0
                }
            };
            let rate_per_hour = match element.value("StandardRate").map(|t| (t, parse_f64(t))) {
                None => 0.0,
                Some((_, Some(rate))) if (0.0..=1.0e15).contains(&rate) => rate,
                Some((text, _)) => {
                    report.warn("invalid_value", format!("{path}.StandardRate"), format!("Resource {uid} has a standard rate \"{text}\" that cannot be read; 0 is used."));
                    0.0
                }
            };
            let calendar_uid = element.value("CalendarUID").and_then(parse_i64).filter(|&u| u != -1);
            let calendar_id = calendar_ref(calendar_uid);
            if let (Some(calendar), None) = (calendar_uid, &calendar_id) {
                report.warn("unknown_reference", format!("{path}.CalendarUID"), format!("Resource {uid} uses calendar {calendar}, which is not among the usable calendars; it works on the project calendar."));
            }
            report.skip_others("resources", &path, element, RESOURCE_FIELDS);
            resource_of_uid.insert(uid, resources.len());
            resources.push(Resource {
                id: format!("R{uid}"),
                name: name.map(str::to_string).unwrap_or_else(|| format!("Resource {uid}")),
                kind,
                role: None,
                capacity_units,
                rate_per_hour,
                calendar_id,
            });
        }
    }

    // Assignments.
    let activity_of_id: HashMap<String, usize> = activities.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
    let fixed_span: HashSet<&str> = rows.iter().filter(|r| r.summary || r.fixed_duration).map(|r| r.id.as_str()).collect();
    let mut contoured: Vec<String> = Vec::new();
    if let Some(list) = root.child("Assignments") {
        for (index, element) in list.children_named("Assignment").enumerate() {
            let task_uid = element.value("TaskUID").and_then(parse_i64);
            let resource_uid = element.value("ResourceUID").and_then(parse_i64);
            let path = format!("assignments[UID={}]", element.value("UID").unwrap_or(&index.to_string()));
            let Some(&activity_index) = task_uid.and_then(|u| id_of_uid.get(&u)).and_then(|id| activity_of_id.get(id)) else {
                if resource_uid == Some(-65535) {
                    continue;
                }
                report.warn("dangling_assignment", path, format!("An assignment names task {}, which is not an imported task; it is left out.", task_uid.map_or("?".to_string(), |u| u.to_string())));
                continue;
            };
            // A split shows as explicit zeros of planned work between worked periods (rows
            // without a value are non-working time). Each run of them is one pause; one
            // assignment's pauses stand for the task's.
            if activities[activity_index].splits.is_empty() {
                activities[activity_index].splits = splits_of(element, minutes_per_day);
            }
            if element.child("TimephasedData").is_some() {
                report.warn_once("timephased", "not_imported", format!("{path}.TimephasedData"), "Timephased data (work and cost per period) is not imported; the model spreads work evenly.");
            }
            if resource_uid == Some(-65535) {
                // MS Project's placeholder for "no resource": nothing to import.
                continue;
            }
            let Some(&resource_index) = resource_uid.and_then(|u| resource_of_uid.get(&u)) else {
                report.warn("dangling_assignment", path, format!("An assignment names resource {}, which is not an imported resource; it is left out.", resource_uid.map_or("?".to_string(), |u| u.to_string())));
                continue;
            };
            let units = match element.value("Units").map(|t| (t, parse_f64(t))) {
                None => 1.0,
                Some((_, Some(units))) if (0.0..=1000.0).contains(&units) => units,
                Some((text, _)) => {
                    report.warn("invalid_value", format!("{path}.Units"), format!("An assignment has units \"{text}\" that are not usable; 1 (100%) is used."));
                    1.0
                }
            };
            let work_minutes = element.value("Work").and_then(|t| parse_duration_minutes(t, minutes_per_day)).filter(|m| (0.0..=6.0e10).contains(m));
            // A contour (front-loaded, bell, edited, ...) stretches the work over a span that the
            // model cannot derive, so such a task keeps the duration MS Project saved.
            if element.value("WorkContour").and_then(parse_i64).is_some_and(|c| c != 0) && !contoured.contains(&activities[activity_index].id) {
                contoured.push(activities[activity_index].id.clone());
            }
            // MS Project derives the duration of every task but a fixed-duration one from its
            // work assignments, each on its resource's calendar.
            let is_work = resources[resource_index].kind == ResourceKind::Work;
            if is_work && !fixed_span.contains(activities[activity_index].id.as_str()) && !activities[activity_index].milestone && units > 0.0 && work_minutes.is_some_and(|w| w > 0.0) {
                activities[activity_index].resource_driven = true;
            }
            report.skip_others("assignments", &path, element, ASSIGNMENT_FIELDS);
            activities[activity_index].assignments.push(Assignment {
                resource_id: resources[resource_index].id.clone(),
                units,
                work_hours: work_minutes.map(|m| m / 60.0),
            });
        }
    }
    if !contoured.is_empty() {
        for activity in activities.iter_mut().filter(|a| contoured.contains(&a.id)) {
            activity.resource_driven = false;
        }
        report.warn_ids(
            "work_contour",
            format!("tasks[UID={}]", contoured[0].trim_start_matches('T')),
            format!("{} task(s) have assignments with a work contour (front-loaded, back-loaded, bell, edited ...); the model spreads work evenly, so these tasks keep the duration MS Project saved instead of following their resources.", contoured.len()),
            contoured,
        );
    }

    // Start: StartDate with its time (MS Project starts the plan at that minute, 09:00 in some
    // files), else the start of the earliest task date.
    let start = match root.value("StartDate").and_then(parse_datetime) {
        Some(start) => start,
        None => {
            let fallback = earliest_task_date.ok_or(ImportError::MissingStartDate)?;
            report.warn("start_date_assumed", "StartDate", format!("The file has no usable project start date; the earliest task (or creation) date {fallback} is used."));
            fallback.and_time(NaiveTime::MIN)
        }
    };
    let start_date = start.date();
    let baseline = if baseline_entries.is_empty() {
        None
    } else {
        report.warn("baseline_date_assumed", "Baseline", "MS Project XML does not record when baseline 0 was saved; the project start date is used as its approval date.");
        Some(Baseline { approved_on: Date(start_date), activities: baseline_entries })
    };

    let root_handled: Vec<&str> = PROJECT_FIELDS.to_vec();
    report.skip_others(PROJECT_CONTEXT, "project", &root, &root_handled);

    let project = Project {
        id: project_id.to_string(),
        name,
        org_unit_id: None,
        owner: None,
        sponsor: None,
        description: None,
        phase: Phase::Execution,
        status: ProjectStatus::Active,
        currency,
        status_date,
        start_date: DateTime(start),
        committed_finish: None,
        calendar_id,
        calendars,
        budget_at_completion: if budget.is_finite() && budget <= 1.0e15 { budget } else { 0.0 },
        baseline,
        activities,
        dependencies,
        resources,
        risks: Vec::new(),
        issues: Vec::new(),
        change_requests: Vec::new(),
        snapshots: Vec::new(),
        financials: Vec::new(),
    };
    Ok((project, report.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate, Portfolio, Severity, SCHEMA_VERSION};

    fn code_of(xml: &str) -> &'static str {
        read_mspdi(xml, "p").map(|_| "ok").unwrap_or_else(|e| e.code())
    }

    #[test]
    fn empty_and_non_xml_inputs_are_refused() {
        assert_eq!(code_of(""), "empty_input");
        assert_eq!(code_of("   \n"), "empty_input");
        assert_eq!(code_of("hello, this is not XML"), "xml_syntax");
        assert_eq!(code_of("{\"schemaVersion\": 1}"), "xml_syntax");
        assert_eq!(code_of("<Project><Name>x</Project>"), "xml_syntax");
        assert_eq!(code_of("<Project><Name>x</Name>"), "xml_syntax");
        assert_eq!(code_of("<a></a><b></b>"), "xml_syntax");
        assert_eq!(code_of("<html><body/></html>"), "not_mspdi");
        let error = read_mspdi("<Project>\n  <Name>x</Oops>\n</Project>", "p").unwrap_err();
        match &error {
            ImportError::XmlSyntax { line, .. } => assert_eq!(*line, 2, "{error}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn primavera_xml_is_not_mspdi() {
        let pmxml = r#"<?xml version="1.0" encoding="UTF-8"?>
<APIBusinessObjects xmlns="http://xmlns.oracle.com/Primavera/P6/V18.1/API/BusinessObjects">
  <Project><Name>P6</Name></Project>
</APIBusinessObjects>"#;
        let error = read_mspdi(pmxml, "p").unwrap_err();
        assert_eq!(error.code(), "not_mspdi");
        assert!(error.to_string().contains("Primavera"), "{error}");
    }

    #[test]
    fn hostile_inputs_neither_panic_nor_hang() {
        let deep = "<Project>".to_string() + &"<a>".repeat(10_000) + &"</a>".repeat(10_000) + "</Project>";
        let _ = read_mspdi(&deep, "p");
        let huge = r#"<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-01-05T08:00:00</StartDate>
<Calendars><Calendar><UID>99999999999999999999999</UID></Calendar><Calendar><UID>1</UID><BaseCalendarUID>2</BaseCalendarUID></Calendar>
<Calendar><UID>2</UID><BaseCalendarUID>1</BaseCalendarUID><Exceptions><Exception><TimePeriod><FromDate>2026-01-01T00:00:00</FromDate></TimePeriod>
<Type>6</Type><Period>0</Period><DaysOfWeek>127</DaysOfWeek><Occurrences>999999999</Occurrences></Exception>
<Exception><TimePeriod><FromDate>1000-01-01T00:00:00</FromDate><ToDate>9999-12-31T00:00:00</ToDate></TimePeriod><Type>7</Type><Period>1</Period></Exception></Exceptions></Calendar></Calendars>
<Tasks><Task><UID>1</UID><Name>&amp;&#x41;&bogus;</Name><Duration>PT99999999999999999999H0M0S</Duration><OutlineLevel>99999999999999</OutlineLevel>
<PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1e300</LinkLag></PredecessorLink><Cost>-5</Cost><PercentComplete>1e9</PercentComplete>
<ConstraintType>4</ConstraintType><ActualFinish>2026-01-01T00:00:00</ActualFinish></Task><Task><UID>1</UID><Name>dup</Name></Task></Tasks></Project>"#;
        let (project, findings) = read_mspdi(huge, "p").expect("imports");
        assert_eq!(project.activities[0].name, "&A&bogus;");
        assert!(project.calendars.iter().all(|c| c.exceptions.len() <= 2 * MAX_RECURRENCE_DATES));
        assert!(!findings.is_empty());
        let portfolio = Portfolio {
            schema_version: SCHEMA_VERSION,
            id: "pf".into(),
            name: "x".into(),
            currency: "EUR".into(),
            status_date: None,
            fiscal_year_start_month: 1,
            org_units: vec![],
            projects: vec![project],
        };
        let errors: Vec<_> = validate(&portfolio).into_iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    const TINY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>Tiny</Name>
  <StartDate>2026-03-02T08:00:00</StartDate>
  <CurrencyCode>usd</CurrencyCode>
  <CalendarUID>1</CalendarUID>
  <Calendars>
    <Calendar>
      <UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>
      <WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes>
          <WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>
          <WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes>
          <WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>
          <WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2026-03-04T00:00:00</FromDate><ToDate>2026-03-04T23:59:00</ToDate></TimePeriod></WeekDay>
      </WeekDays>
    </Calendar>
    <Calendar><UID>2</UID><Name>Night</Name><BaseCalendarUID>1</BaseCalendarUID>
      <WeekDays><WeekDay><DayType>6</DayType><DayWorking>1</DayWorking><WorkingTimes>
        <WorkingTime><FromTime>23:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>
    </Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Tiny</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><Name>Phase</Name><WBS>1</WBS><OutlineLevel>1</OutlineLevel><Summary>1</Summary><Duration>PT24H0M0S</Duration><Cost>99900</Cost></Task>
    <Task><UID>2</UID><Name>Design</Name><WBS>1.1</WBS><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration><Cost>100000</Cost><Hyperlink>http://x</Hyperlink></Task>
    <Task><UID>3</UID><Name>Build</Name><WBS>1.2</WBS><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><Cost>50</Cost><Manual>1</Manual>
      <ConstraintType>4</ConstraintType><ConstraintDate>2026-03-03T08:00:00</ConstraintDate>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>3</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>4</UID><IsNull>1</IsNull></Task>
    <Task><ID>5</ID></Task>
    <Task><UID>6</UID><Name>Done</Name><WBS>2</WBS><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT0H0M0S</Duration><CalendarUID>2</CalendarUID>
      <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>
      <PredecessorLink><PredecessorUID>4</PredecessorUID></PredecessorLink>
      <Baseline><Number>0</Number><Start>2026-03-05T17:00:00</Start><Finish>2026-03-05T17:00:00</Finish><Cost>0</Cost></Baseline>
      <Baseline><Number>1</Number><Start>2026-03-05T17:00:00</Start><Finish>2026-03-05T17:00:00</Finish></Baseline></Task>
  </Tasks>
</Project>"#;

    #[test]
    fn tiny_plan_maps_onto_the_model() {
        let (project, findings) = read_mspdi(TINY, "tiny").expect("imports");
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        assert_eq!(project.name, "Tiny");
        assert_eq!(project.currency, "EUR");
        assert!(codes.contains(&"currency_defaulted"));
        assert_eq!(project.start_date.to_string(), "2026-03-02T08:00");
        assert_eq!(project.calendar_id.as_deref(), Some("cal-1"));
        let ids: Vec<&str> = project.activities.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["T1", "T2", "T3", "T6"], "summary of the project, null and blank rows are skipped");
        let by_id = |id: &str| project.activities.iter().find(|a| a.id == id).unwrap();
        assert_eq!(by_id("T2").parent_id.as_deref(), Some("T1"));
        assert_eq!(by_id("T3").parent_id.as_deref(), Some("T1"));
        assert_eq!(by_id("T6").parent_id, None);
        assert_eq!(by_id("T2").duration_days.minutes, 960);
        assert_eq!(by_id("T2").wbs.as_deref(), Some("1.1"));
        assert!(by_id("T6").milestone);
        assert_eq!(by_id("T6").calendar_id.as_deref(), Some("cal-2"));
        assert_eq!(by_id("T3").constraint.as_ref().map(|c| c.kind), Some(ConstraintKind::Snet));
        // Costs are in cents in MSPDI; the summary's cost is not added to the budget.
        assert_eq!(by_id("T2").cost, 1000.0);
        assert_eq!(project.budget_at_completion, 1000.5);
        // Links: SS +1 day and FS; the link from a null task is reported.
        assert_eq!(project.dependencies.len(), 2);
        let ss = &project.dependencies[0];
        assert_eq!((ss.predecessor_id.as_str(), ss.successor_id.as_str(), ss.kind), ("T2", "T3", DependencyKind::SS));
        assert_eq!(ss.lag_days.minutes, 480);
        assert_eq!(project.dependencies[1].kind, DependencyKind::FS);
        assert!(codes.contains(&"dangling_dependency"));
        assert!(codes.contains(&"manual_task"));
        // The holiday and the inherited calendar.
        let standard = &project.calendars[0];
        assert_eq!(standard.working_days, vec![Weekday::Monday, Weekday::Tuesday]);
        assert_eq!(standard.exceptions.len(), 1);
        assert_eq!(standard.exceptions[0].from.to_string(), "2026-03-04");
        assert!(!standard.exceptions[0].working);
        // Night inherits Monday and Tuesday from Standard and works Friday 23:00-24:00 (ToTime
        // 00:00 is midnight at the end of the day): Friday keeps its own hours.
        let night = &project.calendars[1];
        assert_eq!(night.working_days, vec![Weekday::Monday, Weekday::Tuesday]);
        assert_eq!(night.working_hours, standard.working_hours);
        assert_eq!(night.week_hours.len(), 1);
        assert_eq!(night.week_hours[0].day, Weekday::Friday);
        assert_eq!(night.week_hours[0].hours, vec![WorkingHours { from: clock(23 * 60), to: clock(24 * 60) }]);
        assert!(standard.week_hours.is_empty(), "a calendar with the same hours every day needs no weekHours");
        assert_eq!(night.exceptions.len(), 1, "exceptions are inherited");
        assert!(findings.iter().all(|f| f.code != "calendar_hours_simplified"));
        // Baseline 0 is imported, baseline 1 and the hyperlink are reported.
        let baseline = project.baseline.as_ref().expect("baseline");
        assert_eq!(baseline.activities.len(), 1);
        assert_eq!(baseline.activities[0].activity_id, "T6");
        assert!(findings.iter().any(|f| f.code == "not_imported" && f.path == "tasks[UID=2].Hyperlink"), "{findings:#?}");
        assert!(findings.iter().any(|f| f.code == "not_imported" && f.path.ends_with(".Baseline")));
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
        let portfolio = Portfolio {
            schema_version: SCHEMA_VERSION,
            id: "pf".into(),
            name: "x".into(),
            currency: "EUR".into(),
            status_date: None,
            fiscal_year_start_month: 1,
            org_units: vec![],
            projects: vec![project],
        };
        assert!(validate(&portfolio).iter().all(|f| f.severity != Severity::Error));
    }

    #[test]
    fn lag_units_follow_the_lag_format() {
        let xml = |format: u32, lag: i64| {
            format!(
                r#"<Project><StartDate>2026-03-02T08:00:00</StartDate><Tasks>
<Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel></Task>
<Task><UID>2</UID><Name>B</Name><OutlineLevel>1</OutlineLevel><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>{lag}</LinkLag><LagFormat>{format}</LagFormat></PredecessorLink></Task>
</Tasks></Project>"#
            )
        };
        let link = |format, lag| read_mspdi(&xml(format, lag), "p").unwrap().0.dependencies[0].clone();
        assert_eq!(link(9, 24000).lag_days.minutes, 2400);
        assert_eq!(link(8, 14400).lag_elapsed_days, Some(1.0));
        assert_eq!(link(19, 50).lag_percent, Some(50.0));
        assert_eq!(link(7, -4800).lag_days.minutes, -480);
    }

    #[test]
    fn recurring_exceptions_match_the_dates_ms_project_wrote() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/mspdi/calendar-recurring-exceptions-project2016-mspdi.xml");
        let Ok(xml) = std::fs::read_to_string(path) else {
            eprintln!("fixture {path} absent; skipping");
            return;
        };
        let root = parse_tree(&xml).unwrap();
        let calendar = root.child("Calendars").unwrap().children_named("Calendar").find(|c| c.child("Exceptions").is_some()).unwrap();
        let mut report = Report::default();
        let expand = |exceptions: &[DatedException]| -> std::collections::BTreeSet<(NaiveDate, bool)> {
            let mut dates = std::collections::BTreeSet::new();
            for e in exceptions {
                let mut day = e.from;
                while day <= e.to {
                    dates.insert((day, !e.hours.is_empty()));
                    day = day.succ_opt().unwrap();
                }
            }
            dates
        };
        let with_recurrence = read_calendar(calendar, 0, &mut report).unwrap();
        let mut old_style_only = Element { name: calendar.name.clone(), text: String::new(), children: Vec::new() };
        for child in &calendar.children {
            if child.name != "Exceptions" {
                old_style_only.children.push(clone_element(child));
            }
        }
        let written = read_calendar(&old_style_only, 0, &mut report).unwrap();
        let ours = expand(&with_recurrence.exceptions);
        let theirs = expand(&written.exceptions);
        assert!(!theirs.is_empty());
        let missing: Vec<_> = theirs.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&theirs).collect();
        assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}\nextra {extra:?}");
    }

    fn clone_element(element: &Element) -> Element {
        Element { name: element.name.clone(), text: element.text.clone(), children: element.children.iter().map(clone_element).collect() }
    }
}
