//! CSV import of a project's activities, links, risks and status snapshots.
//!
//! Reads one of four kinds of comma-separated file, as a spreadsheet exports them: UTF-8 with or
//! without a byte order mark, a header row naming the columns (case-insensitive, in any order),
//! double-quoted fields where a value holds a comma, a quote or a line break (RFC 4180). Every
//! problem is collected, not just the first, each with its line number in the file (the header
//! is row 1), its column and a sentence an analyst can act on; past `PROBLEM_LIMIT` they are only
//! counted. Blank rows (every value empty) are skipped. Nothing here panics, whatever the input.
//!
//! Columns (R = the column must be present; values of R columns must be filled unless noted):
//!
//! - activities: `id` R, `name` R, `durationDays` R (working days `5`, `0.5`, or ISO 8601
//!   `PT40H`, `P2D`), `wbs`, `parentId`, `milestone` (true/false/yes/no/1/0), `constraintType`
//!   (ASAP ALAP SNET SNLT FNET FNLT MSO MFO), `constraintDate`, `deadline` (date), `actualStart`,
//!   `actualFinish`, `percentComplete` (0-100, `40` or `40%`), `cost`, `actualCost`.
//! - links: `predecessorId` R, `successorId` R, `type` (FS SS FF SF, default FS), `lagDays`
//!   (working days or ISO 8601, negative for a lead; default 0).
//! - risks: `id` R, `title` R, `kind` R (threat/opportunity), `status` R
//!   (open/occurred/closed), `probability` R (0-1 or `30%`), `costImpact` R,
//!   `scheduleImpactDays` R (these three may be left empty: not yet assessed), `category`,
//!   `owner`, `responseStrategy` (escalate avoid transfer mitigate accept exploit share enhance),
//!   `responseDescription`, `responseDue` (date), `residualProbability`, `residualCostImpact`.
//! - snapshots: `date` R (date), `plannedValue` R, `earnedValue` R, `actualCost` R, `manualRag`
//!   (green/amber/red), `commentary`.
//!
//! Dates are `YYYY-MM-DD`; date-time columns (`constraintDate`, `actualStart`, `actualFinish`)
//! also take `YYYY-MM-DDTHH:MM` (or a space for the T, as spreadsheets write it). Numbers use a
//! dot for decimals and no thousands separator: "1,5" is refused rather than guessed at, since
//! it means 1.5 in one locale and 15 in another. Meaning (unique ids, references, ranges of
//! amounts) is left to the model's validation, which runs when the records land in a project.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::model::time::parse_iso_duration;
use crate::model::{
    Activity, Constraint, ConstraintKind, Date, DateTime, Dependency, DependencyKind, Finding, Rag, ResponseStrategy, Risk, RiskKind,
    RiskResponse, RiskStatus, StatusSnapshot, WorkDuration,
};

/// Problems listed one by one; past this they are only counted, so a file with the wrong
/// columns on 100,000 rows gives a readable answer.
pub const PROBLEM_LIMIT: usize = 1000;

/// Which of the four files this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CsvKind {
    Activities,
    Links,
    Risks,
    Snapshots,
}

impl CsvKind {
    pub const ALL: [CsvKind; 4] = [CsvKind::Activities, CsvKind::Links, CsvKind::Risks, CsvKind::Snapshots];

    /// The name used in paths, templates and at the boundary.
    pub fn name(self) -> &'static str {
        match self {
            CsvKind::Activities => "activities",
            CsvKind::Links => "links",
            CsvKind::Risks => "risks",
            CsvKind::Snapshots => "snapshots",
        }
    }

    /// The kind with this name (case-insensitive).
    pub fn from_name(name: &str) -> Option<CsvKind> {
        CsvKind::ALL.into_iter().find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The columns of this kind in template order, with whether each must be present.
    pub fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            CsvKind::Activities => &[
                ("id", true),
                ("name", true),
                ("durationDays", true),
                ("wbs", false),
                ("parentId", false),
                ("milestone", false),
                ("constraintType", false),
                ("constraintDate", false),
                ("deadline", false),
                ("actualStart", false),
                ("actualFinish", false),
                ("percentComplete", false),
                ("cost", false),
                ("actualCost", false),
            ],
            CsvKind::Links => &[("predecessorId", true), ("successorId", true), ("type", false), ("lagDays", false)],
            CsvKind::Risks => &[
                ("id", true),
                ("title", true),
                ("kind", true),
                ("status", true),
                ("probability", true),
                ("costImpact", true),
                ("scheduleImpactDays", true),
                ("category", false),
                ("owner", false),
                ("responseStrategy", false),
                ("responseDescription", false),
                ("responseDue", false),
                ("residualProbability", false),
                ("residualCostImpact", false),
            ],
            CsvKind::Snapshots => &[
                ("date", true),
                ("plannedValue", true),
                ("earnedValue", true),
                ("actualCost", true),
                ("manualRag", false),
                ("commentary", false),
            ],
        }
    }

    /// What one row is, for sentences ("an activities file", "every activity").
    fn row_noun(self) -> &'static str {
        match self {
            CsvKind::Activities => "activity",
            CsvKind::Links => "link",
            CsvKind::Risks => "risk",
            CsvKind::Snapshots => "snapshot",
        }
    }
}

/// The records a file held, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvRecords {
    Activities(Vec<Activity>),
    Links(Vec<Dependency>),
    Risks(Vec<Risk>),
    Snapshots(Vec<StatusSnapshot>),
}

impl CsvRecords {
    pub fn len(&self) -> usize {
        match self {
            CsvRecords::Activities(list) => list.len(),
            CsvRecords::Links(list) => list.len(),
            CsvRecords::Risks(list) => list.len(),
            CsvRecords::Snapshots(list) => list.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One thing wrong in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvProblem {
    /// `csv_header`, `csv_unknown_column`, `csv_missing_column`, `csv_missing_value`,
    /// `csv_invalid_number`, `csv_invalid_date`, `csv_invalid_value` or `csv_syntax`.
    pub code: &'static str,
    /// 1-based line number in the file where the row starts; the header is row 1.
    pub row: usize,
    /// The column as the header names it (the canonical name for a missing column).
    pub column: Option<String>,
    pub message: String,
}

/// Why a file was refused: every problem found, in file order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct CsvError {
    pub kind: CsvKind,
    pub problems: Vec<CsvProblem>,
    /// Problems found beyond `PROBLEM_LIMIT`, counted but not listed.
    pub omitted: usize,
}

impl CsvError {
    /// The stable code of the first problem.
    pub fn code(&self) -> &'static str {
        self.problems.first().map_or("csv_syntax", |p| p.code)
    }

    fn summary(&self) -> String {
        let total = self.problems.len() + self.omitted;
        match self.problems.first() {
            Some(first) if total == 1 => format!("The {} file was not imported: {}", self.kind.name(), first.message),
            Some(first) => format!("The {} file was not imported because of {total} problems; the first: {}", self.kind.name(), first.message),
            None => format!("The {} file was not imported.", self.kind.name()),
        }
    }

    /// The problems as validation findings, with paths such as
    /// `csv:activities[row 7].durationDays`, so they travel the way load errors do.
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .problems
            .iter()
            .map(|problem| {
                let mut path = format!("csv:{}[row {}]", self.kind.name(), problem.row);
                if let Some(column) = &problem.column {
                    path.push('.');
                    path.push_str(column);
                }
                Finding::error(problem.code, path, problem.message.clone())
            })
            .collect();
        if self.omitted > 0 {
            let last_row = self.problems.last().map_or(1, |p| p.row);
            findings.push(Finding::error(
                self.problems.last().map_or("csv_syntax", |p| p.code),
                format!("csv:{}[row {last_row}]", self.kind.name()),
                format!("{} more problems after row {last_row} are not listed; fix these first.", self.omitted),
            ));
        }
        findings
    }
}

/// Reads a CSV file of `kind`. Every row is checked; any problem refuses the whole file, so a
/// half-read register never replaces a whole one.
pub fn read_csv(kind: CsvKind, text: &str) -> Result<CsvRecords, CsvError> {
    let mut problems = Problems::default();
    let records = read_all(kind, text, &mut problems);
    if problems.list.is_empty() && problems.omitted == 0 {
        Ok(records)
    } else {
        Err(CsvError { kind, problems: problems.list, omitted: problems.omitted })
    }
}

#[derive(Default)]
struct Problems {
    list: Vec<CsvProblem>,
    omitted: usize,
}

impl Problems {
    fn push(&mut self, code: &'static str, row: usize, column: Option<&str>, message: String) {
        if self.list.len() < PROBLEM_LIMIT {
            self.list.push(CsvProblem { code, row, column: column.map(str::to_string), message });
        } else {
            self.omitted += 1;
        }
    }
    fn count(&self) -> usize {
        self.list.len() + self.omitted
    }
}

fn read_all(kind: CsvKind, text: &str, problems: &mut Problems) -> CsvRecords {
    let mut out = match kind {
        CsvKind::Activities => CsvRecords::Activities(Vec::new()),
        CsvKind::Links => CsvRecords::Links(Vec::new()),
        CsvKind::Risks => CsvRecords::Risks(Vec::new()),
        CsvKind::Snapshots => CsvRecords::Snapshots(Vec::new()),
    };
    let column_list = kind.columns().iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    // Excel writes a byte order mark at the start of "CSV UTF-8"; it is not part of the first name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        problems.push("csv_header", 1, None, format!("The file is empty; its first row must name the columns ({column_list})."));
        return out;
    }
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(header)) => header,
        Some(Err(error)) => {
            problems.push("csv_syntax", line_of_error(&error), None, format!("The file cannot be read as CSV: {error}."));
            return out;
        }
        None => {
            problems.push("csv_header", 1, None, format!("The file has no header row; its first row must name the columns ({column_list})."));
            return out;
        }
    };
    // The reader's own line count misses some line breaks (inside quotes, blank lines), and the
    // analyst looks rows up by the line number a text editor shows; so lines are counted here.
    let mut lines = LineCounter { text: text.as_bytes(), offset: 0, line: 1 };
    let header_line = lines.line_at(header.position().map_or(0, |p| p.byte() as usize));
    let Some(layout) = Layout::read(kind, &header, header_line, &column_list, problems) else { return out };
    for result in rows {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                problems.push("csv_syntax", line_of_error(&error), None, format!("The file cannot be read as CSV from here on: {error}."));
                // The reader cannot resynchronise after a broken record; what follows is unreliable.
                break;
            }
        };
        let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        if record.len() != layout.width {
            problems.push(
                "csv_syntax",
                line,
                None,
                format!(
                    "Row {line} has {} values but the header names {} columns; check for a missing or extra comma, or a value with a comma that is not in double quotes.",
                    record.len(),
                    layout.width
                ),
            );
            continue;
        }
        let before = problems.count();
        let mut row = Row { kind, record: &record, line, layout: &layout, problems, before };
        match &mut out {
            CsvRecords::Activities(list) => list.extend(read_activity(&mut row)),
            CsvRecords::Links(list) => list.extend(read_link(&mut row)),
            CsvRecords::Risks(list) => list.extend(read_risk(&mut row)),
            CsvRecords::Snapshots(list) => list.extend(read_snapshot(&mut row)),
        }
    }
    out
}

/// The line number at a byte offset, counted forward from the last offset asked for, so a whole
/// file costs one pass however many rows it has.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        // The reader places a record after the previous one's terminator, before any blank
        // lines it skipped; the row begins past them.
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.offset {
            self.line += self.text[self.offset..offset].iter().filter(|&&byte| byte == b'\n').count();
            self.offset = offset;
        }
        self.line
    }
}

fn line_of_error(error: &::csv::Error) -> usize {
    error.position().map_or(1, |p| p.line() as usize)
}

/// Where each known column is in the file.
struct Layout {
    positions: HashMap<&'static str, usize>,
    width: usize,
}

impl Layout {
    /// None when the header itself cannot be used (an unnamed or repeated column); unknown and
    /// missing columns are reported and the rows are still checked, so one pass shows all.
    fn read(kind: CsvKind, header: &::csv::StringRecord, line: usize, column_list: &str, problems: &mut Problems) -> Option<Layout> {
        let mut positions = HashMap::new();
        let mut usable = true;
        for (index, raw) in header.iter().enumerate() {
            let name = raw.trim().trim_start_matches('\u{feff}');
            if name.is_empty() {
                problems.push(
                    "csv_header",
                    line,
                    None,
                    format!("Column {} of the header row has no name; name it ({column_list}) or delete the column.", index + 1),
                );
                usable = false;
                continue;
            }
            match kind.columns().iter().find(|(known, _)| known.eq_ignore_ascii_case(name)) {
                Some((known, _)) => {
                    if positions.insert(*known, index).is_some() {
                        problems.push("csv_header", line, Some(name), format!("Column {} appears twice in the header row; keep one.", quote(name)));
                        usable = false;
                    }
                }
                None => problems.push(
                    "csv_unknown_column",
                    line,
                    Some(name),
                    format!("Column {} is not a column of a {} file; the columns are: {column_list}.", quote(name), kind.name()),
                ),
            }
        }
        for (name, required) in kind.columns() {
            if *required && !positions.contains_key(name) {
                problems.push(
                    "csv_missing_column",
                    line,
                    Some(name),
                    format!("The header row has no column {name}; a {} file needs it.", kind.name()),
                );
            }
        }
        usable.then_some(Layout { positions, width: header.len() })
    }
}

/// One data row being read; getters report what they cannot read and return None.
struct Row<'a> {
    kind: CsvKind,
    record: &'a ::csv::StringRecord,
    line: usize,
    layout: &'a Layout,
    problems: &'a mut Problems,
    /// Problems counted before this row, to tell whether it read cleanly.
    before: usize,
}

/// Why a value could not be read: a code and the end of the sentence after "Row 7, column x: ".
type Fault = (&'static str, String);

impl Row<'_> {
    fn failed(&self) -> bool {
        self.problems.count() > self.before
    }

    /// The trimmed value of a column, None when the column is absent or the cell empty.
    fn value(&self, column: &str) -> Option<&str> {
        let index = *self.layout.positions.get(column)?;
        Some(self.record.get(index)?.trim()).filter(|value| !value.is_empty())
    }

    fn report(&mut self, code: &'static str, column: &str, message: String) {
        self.problems.push(code, self.line, Some(column), message);
    }

    fn missing(&mut self, column: &str) {
        // An absent required column was reported once for the header, not again on every row.
        if self.layout.positions.contains_key(column) {
            let message = format!("Row {}, column {column} is empty; every {} needs a value there.", self.line, self.kind.row_noun());
            self.report("csv_missing_value", column, message);
        }
    }

    fn read<T>(&mut self, column: &str, required: bool, parse: impl FnOnce(&str) -> Result<T, Fault>) -> Option<T> {
        let Some(text) = self.value(column) else {
            if required {
                self.missing(column);
            }
            return None;
        };
        match parse(text) {
            Ok(value) => Some(value),
            Err((code, tail)) => {
                let message = format!("Row {}, column {column}: {tail}", self.line);
                self.report(code, column, message);
                None
            }
        }
    }

    fn text(&mut self, column: &str, required: bool) -> Option<String> {
        self.read(column, required, |text| Ok(text.to_string()))
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// Quotes a value for a message, shortened so a stray paragraph does not flood the report.
fn quote(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        format!("\"{text}\"")
    } else {
        format!("\"{}...\"", text.chars().take(SHOWN).collect::<String>())
    }
}

fn parse_number(text: &str, what: &str, hint: &str) -> Result<f64, Fault> {
    if text.contains(',') {
        return Err((
            "csv_invalid_number",
            format!("{} has a comma; write numbers with a dot for decimals and no thousands separator ({hint}).", quote(text)),
        ));
    }
    // f64's parser also takes "inf" and "NaN"; neither is an amount anyone meant.
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(number),
        _ => Err(("csv_invalid_number", format!("{} is not {what}; {hint}.", quote(text)))),
    }
}

fn parse_money(text: &str) -> Result<f64, Fault> {
    parse_number(text, "a number", "write 1500 or 1500.50, without currency sign")
}

fn parse_days(text: &str) -> Result<f64, Fault> {
    parse_number(text, "a number of working days", "write 5 or 2.5")
}

/// Working days as a number, or an ISO 8601 duration.
fn parse_duration(text: &str) -> Result<WorkDuration, Fault> {
    let hint = "write 5 or PT40H";
    let upper = text.to_ascii_uppercase();
    if upper.starts_with('P') || upper.starts_with("-P") {
        return parse_iso_duration(&upper).map_err(|_| ("csv_invalid_number", format!("{} is not a number of working days; {hint}.", quote(text))));
    }
    let days = parse_number(text, "a number of working days", hint)?;
    // The model's own limit for a duration written as a number.
    if days.abs() > 1.0e9 {
        return Err(("csv_invalid_number", format!("{} working days is beyond any plan; {hint}.", quote(text))));
    }
    Ok(WorkDuration::from_days(days))
}

/// A probability as 0-1, or a percent with its sign.
fn parse_probability(text: &str) -> Result<f64, Fault> {
    let hint = "write 0.3 or 30%";
    let (number, scale) = match text.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (text, 1.0),
    };
    let value = parse_number(number, "a probability", hint)? / scale;
    if !(0.0..=1.0).contains(&value) {
        return Err(("csv_invalid_value", format!("{} is not a probability between 0 and 1; {hint}.", quote(text))));
    }
    Ok(value)
}

fn parse_percent(text: &str) -> Result<f64, Fault> {
    let hint = "write a number from 0 to 100, such as 40";
    let number = text.strip_suffix('%').map_or(text, str::trim);
    let value = parse_number(number, "a percent complete", hint)?;
    if !(0.0..=100.0).contains(&value) {
        return Err(("csv_invalid_value", format!("{} is not a percent complete from 0 to 100; {hint}.", quote(text))));
    }
    Ok(value)
}

fn parse_flag(text: &str) -> Result<bool, Fault> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(("csv_invalid_value", format!("{} is not yes or no; write true, false, yes, no, 1 or 0.", quote(text)))),
    }
}

/// Exactly `YYYY-MM-DD`: chrono alone would also take "2026-3-2", which the model refuses.
fn date_of(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn parse_date(text: &str) -> Result<Date, Fault> {
    date_of(text)
        .map(Date)
        .ok_or_else(|| ("csv_invalid_date", format!("{} is not a date; write it as YYYY-MM-DD, such as 2026-03-31.", quote(text))))
}

/// A date (midnight, the start of that day) or a date and time, with T or a space between.
fn parse_date_time(text: &str) -> Result<DateTime, Fault> {
    let bad = || ("csv_invalid_date", format!("{} is not a date; write 2026-03-02 or 2026-03-02T08:00.", quote(text)));
    if text.len() == 10 {
        return date_of(text).map(|date| DateTime(date.and_time(NaiveTime::MIN))).ok_or_else(bad);
    }
    // `get` rather than slicing: the text may have a multi-byte character at any offset.
    let (Some(date), Some(separator), Some(time)) = (text.get(..10), text.get(10..11), text.get(11..)) else { return Err(bad()) };
    if separator != "T" && separator != " " {
        return Err(bad());
    }
    let date = date_of(date).ok_or_else(bad)?;
    let time = NaiveTime::parse_from_str(time, "%H:%M").or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S")).map_err(|_| bad())?;
    Ok(DateTime(NaiveDateTime::new(date, time)))
}

/// One of a fixed list of words, case-insensitive.
fn parse_choice<T: Copy>(text: &str, what: &str, choices: &[(&str, T)]) -> Result<T, Fault> {
    choices.iter().find(|(word, _)| word.eq_ignore_ascii_case(text)).map(|(_, value)| *value).ok_or_else(|| {
        let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
        let listed = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => words.join(""),
        };
        ("csv_invalid_value", format!("{} is not {what}; write {listed}.", quote(text)))
    })
}

const CONSTRAINT_KINDS: [(&str, ConstraintKind); 8] = [
    ("ASAP", ConstraintKind::Asap),
    ("ALAP", ConstraintKind::Alap),
    ("SNET", ConstraintKind::Snet),
    ("SNLT", ConstraintKind::Snlt),
    ("FNET", ConstraintKind::Fnet),
    ("FNLT", ConstraintKind::Fnlt),
    ("MSO", ConstraintKind::Mso),
    ("MFO", ConstraintKind::Mfo),
];
const LINK_TYPES: [(&str, DependencyKind); 4] =
    [("FS", DependencyKind::FS), ("SS", DependencyKind::SS), ("FF", DependencyKind::FF), ("SF", DependencyKind::SF)];
const RISK_KINDS: [(&str, RiskKind); 2] = [("threat", RiskKind::Threat), ("opportunity", RiskKind::Opportunity)];
const RISK_STATUSES: [(&str, RiskStatus); 3] = [("open", RiskStatus::Open), ("occurred", RiskStatus::Occurred), ("closed", RiskStatus::Closed)];
const STRATEGIES: [(&str, ResponseStrategy); 8] = [
    ("escalate", ResponseStrategy::Escalate),
    ("avoid", ResponseStrategy::Avoid),
    ("transfer", ResponseStrategy::Transfer),
    ("mitigate", ResponseStrategy::Mitigate),
    ("accept", ResponseStrategy::Accept),
    ("exploit", ResponseStrategy::Exploit),
    ("share", ResponseStrategy::Share),
    ("enhance", ResponseStrategy::Enhance),
];
const RAGS: [(&str, Rag); 3] = [("green", Rag::Green), ("amber", Rag::Amber), ("red", Rag::Red)];

// ---------------------------------------------------------------------------------------------
// Records

fn read_activity(row: &mut Row) -> Option<Activity> {
    let id = row.text("id", true);
    let name = row.text("name", true);
    let duration = row.read("durationDays", true, parse_duration);
    let wbs = row.text("wbs", false);
    let parent_id = row.text("parentId", false);
    let milestone = row.read("milestone", false, parse_flag).unwrap_or(false);
    let constraint_kind = row.read("constraintType", false, |text| parse_choice(text, "a constraint type", &CONSTRAINT_KINDS));
    let constraint_date = row.read("constraintDate", false, parse_date_time);
    let deadline = row.read("deadline", false, parse_date);
    let actual_start = row.read("actualStart", false, parse_date_time);
    let actual_finish = row.read("actualFinish", false, parse_date_time);
    let percent_complete = row.read("percentComplete", false, parse_percent).unwrap_or(0.0);
    let cost = row.read("cost", false, parse_money).unwrap_or(0.0);
    let actual_cost = row.read("actualCost", false, parse_money);
    // A constraint is two cells that only mean something together; say which half is missing
    // rather than drop the other silently. Checked on the cells, so a date that did not read
    // is not reported twice.
    let has_date_cell = row.value("constraintDate").is_some();
    let constraint = match constraint_kind {
        Some(kind) => {
            if kind.needs_date() && !has_date_cell {
                let message = format!("Row {}, column constraintDate is empty; a {} constraint needs a date.", row.line, kind.code());
                row.report("csv_missing_value", "constraintDate", message);
            }
            Some(Constraint { kind, date: constraint_date })
        }
        None => {
            if has_date_cell && row.value("constraintType").is_none() {
                let message = format!("Row {}, column constraintType is empty; a constraint date needs a type such as SNET or MSO.", row.line);
                row.report("csv_missing_value", "constraintType", message);
            }
            None
        }
    };
    if row.failed() {
        return None;
    }
    let mut activity = Activity::new(id?, name?, duration?);
    activity.wbs = wbs;
    activity.parent_id = parent_id;
    activity.milestone = milestone;
    activity.constraint = constraint;
    activity.deadline = deadline;
    activity.actual_start = actual_start;
    activity.actual_finish = actual_finish;
    activity.percent_complete = percent_complete;
    activity.cost = cost;
    activity.actual_cost = actual_cost;
    Some(activity)
}

fn read_link(row: &mut Row) -> Option<Dependency> {
    let predecessor_id = row.text("predecessorId", true);
    let successor_id = row.text("successorId", true);
    let kind = row.read("type", false, |text| parse_choice(text, "a link type", &LINK_TYPES)).unwrap_or_default();
    let lag_days = row.read("lagDays", false, parse_duration).unwrap_or(WorkDuration::ZERO);
    if row.failed() {
        return None;
    }
    Some(Dependency { predecessor_id: predecessor_id?, successor_id: successor_id?, kind, lag_days, lag_elapsed_days: None, lag_percent: None })
}

fn read_risk(row: &mut Row) -> Option<Risk> {
    let id = row.text("id", true);
    let title = row.text("title", true);
    let kind = row.read("kind", true, |text| parse_choice(text, "a risk kind", &RISK_KINDS));
    let status = row.read("status", true, |text| parse_choice(text, "a risk status", &RISK_STATUSES));
    // Empty means not yet assessed, which the model keeps apart from zero.
    let probability = row.read("probability", false, parse_probability);
    let cost_impact = row.read("costImpact", false, parse_money);
    let schedule_impact_days = row.read("scheduleImpactDays", false, parse_days);
    let category = row.text("category", false);
    let owner = row.text("owner", false);
    let strategy = row.read("responseStrategy", false, |text| parse_choice(text, "a response strategy", &STRATEGIES));
    let description = row.text("responseDescription", false);
    let due = row.read("responseDue", false, parse_date);
    let residual_probability = row.read("residualProbability", false, parse_probability);
    let residual_cost_impact = row.read("residualCostImpact", false, parse_money);
    let response_cells = ["responseDescription", "responseDue", "residualProbability", "residualCostImpact"];
    let any_response = response_cells.iter().any(|column| row.value(column).is_some());
    let response = match strategy {
        Some(strategy) => Some(RiskResponse {
            strategy,
            description: description.unwrap_or_default(),
            owner: None,
            due,
            residual_probability,
            residual_cost_impact,
            residual_schedule_impact_days: None,
        }),
        None => {
            // A response without its strategy cannot be kept in the model; dropping the rest
            // quietly would lose the analyst's residual figures.
            if any_response && row.value("responseStrategy").is_none() {
                let message = format!("Row {}, column responseStrategy is empty; a response needs a strategy such as mitigate or accept.", row.line);
                row.report("csv_missing_value", "responseStrategy", message);
            }
            None
        }
    };
    if row.failed() {
        return None;
    }
    Some(Risk {
        id: id?,
        title: title?,
        kind: kind?,
        category,
        owner,
        status: status?,
        raised_on: None,
        probability,
        cost_impact,
        schedule_impact_days,
        response,
        activity_ids: Vec::new(),
        proximity: None,
        velocity: None,
    })
}

fn read_snapshot(row: &mut Row) -> Option<StatusSnapshot> {
    let date = row.read("date", true, parse_date);
    let planned_value = row.read("plannedValue", true, parse_money);
    let earned_value = row.read("earnedValue", true, parse_money);
    let actual_cost = row.read("actualCost", true, parse_money);
    let manual_rag = row.read("manualRag", false, |text| parse_choice(text, "a RAG status", &RAGS));
    let commentary = row.text("commentary", false);
    if row.failed() {
        return None;
    }
    Some(StatusSnapshot { date: date?, planned_value: planned_value?, earned_value: earned_value?, actual_cost: actual_cost?, manual_rag, commentary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_documented() {
        assert_eq!(parse_duration("PT16H").map(|d| d.minutes), Ok(960));
        assert_eq!(parse_duration("2.5").map(|d| d.minutes), Ok(1200));
        assert_eq!(parse_duration("-1").map(|d| d.minutes), Ok(-480));
        assert!(parse_duration("1,5").is_err());
        assert!(parse_duration("inf").is_err());
        assert_eq!(parse_probability("30%"), Ok(0.3));
        assert!(parse_probability("30").is_err());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date_time("2026-03-02 08:30").is_ok());
        assert!(parse_date_time("2026-03-02é08:30").is_err());
        assert_eq!(parse_flag("Yes"), Ok(true));
    }
}
