//! Activities (tasks, milestones, summaries) and the logic links between them.
//!
//! The vocabulary follows MS Project: link types FS/SS/FF/SF, the eight constraint types, percent
//! complete against actual dates. The WBS is given by `parentId` (a summary activity is one that
//! others name as parent), so any depth works and the outline level can be derived.

use serde::{Deserialize, Serialize};

use super::time::{Date, DateTime, WorkDuration};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    pub id: String,
    pub name: String,
    /// The WBS code as the plan shows it (e.g. "1.2.3"); informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wbs: Option<String>,
    /// The summary activity this one sits under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Planned working duration. Ignored for summaries, whose span comes from their children.
    #[serde(default)]
    pub duration_days: WorkDuration,
    #[serde(default, skip_serializing_if = "is_false")]
    pub milestone: bool,
    /// Manually scheduled in MS Project. Scheduled like any task here; it only changes what
    /// counts as critical (an unlinked manual task is never critical, as MS Project marks it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub manual: bool,
    /// Inactive activities stay in the plan but are not scheduled (MS Project's Active flag).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub active: bool,
    /// Working time still to do; when absent, derived from the duration and percent complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_duration_days: Option<WorkDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<Constraint>,
    /// A target finish that does not drive the schedule but turns float negative when missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// A calendar of the project that this activity works on instead of the project calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<DateTime>,
    /// Physical percent complete, 0 to 100.
    #[serde(default)]
    pub percent_complete: f64,
    /// Budgeted cost (the activity's share of BAC).
    #[serde(default)]
    pub cost: f64,
    /// Actual cost to the status date, when tracked per activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<Assignment>,
    /// The duration follows from the work assignments (MS Project's fixed-units and fixed-work
    /// tasks): each assignment's work at its units runs on its resource's calendar from the
    /// activity's start, and the activity finishes with the last one. `durationDays` then only
    /// stands for the activity where no assignment has work.
    #[serde(default, skip_serializing_if = "is_false")]
    pub resource_driven: bool,
    /// Periods in which the work stops and later resumes (MS Project's split tasks), as saved.
    /// The working time they cover lengthens the activity's span; its duration stays the work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
    /// How this activity earns its budget; physical percent complete when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earned_value_method: Option<EarnedValueMethod>,
}

/// The rule by which an activity earns its budget (PMI's earning rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum EarnedValueMethod {
    /// `percentComplete` of the budget.
    #[default]
    PhysicalPercentComplete,
    /// (duration - remaining duration) / duration of the budget.
    DurationPercentComplete,
    /// Nothing until the actual finish, then everything.
    ZeroHundred,
    /// Half at the actual start, the rest at the actual finish.
    FiftyFifty,
    /// Support work that earns what it planned (EV = PV).
    LevelOfEffort,
}

/// A pause in an activity's work, from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Split {
    pub from: DateTime,
    pub to: DateTime,
}

impl Activity {
    /// An active, not-started task with nothing but an id, a name and a duration.
    pub fn new(id: String, name: String, duration_days: WorkDuration) -> Activity {
        Activity {
            id,
            name,
            wbs: None,
            parent_id: None,
            duration_days,
            milestone: false,
            manual: false,
            active: true,
            remaining_duration_days: None,
            constraint: None,
            deadline: None,
            calendar_id: None,
            actual_start: None,
            actual_finish: None,
            percent_complete: 0.0,
            cost: 0.0,
            actual_cost: None,
            assignments: Vec::new(),
            resource_driven: false,
            splits: Vec::new(),
            earned_value_method: None,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_true(value: &bool) -> bool {
    *value
}

fn yes() -> bool {
    true
}

/// A date constraint, as MS Project names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Constraint {
    #[serde(rename = "type")]
    pub kind: ConstraintKind,
    /// Required for every type except ASAP and ALAP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ConstraintKind {
    /// As soon as possible.
    Asap,
    /// As late as possible.
    Alap,
    /// Start no earlier than.
    Snet,
    /// Start no later than.
    Snlt,
    /// Finish no earlier than.
    Fnet,
    /// Finish no later than.
    Fnlt,
    /// Must start on.
    Mso,
    /// Must finish on.
    Mfo,
}

impl ConstraintKind {
    /// The abbreviation MS Project shows.
    pub fn code(self) -> &'static str {
        match self {
            ConstraintKind::Asap => "ASAP",
            ConstraintKind::Alap => "ALAP",
            ConstraintKind::Snet => "SNET",
            ConstraintKind::Snlt => "SNLT",
            ConstraintKind::Fnet => "FNET",
            ConstraintKind::Fnlt => "FNLT",
            ConstraintKind::Mso => "MSO",
            ConstraintKind::Mfo => "MFO",
        }
    }

    pub fn needs_date(self) -> bool {
        !matches!(self, ConstraintKind::Asap | ConstraintKind::Alap)
    }
}

/// A resource working on an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assignment {
    pub resource_id: String,
    /// Share of the resource's time: 1.0 is full time.
    #[serde(default = "full_time")]
    pub units: f64,
    /// Planned work in hours; when absent, units times the activity's duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_hours: Option<f64>,
}

fn full_time() -> f64 {
    1.0
}

/// A logic link: the successor depends on the predecessor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dependency {
    pub predecessor_id: String,
    pub successor_id: String,
    #[serde(rename = "type", default)]
    pub kind: DependencyKind,
    /// Working-time lag; negative is a lead.
    #[serde(default, skip_serializing_if = "is_zero_duration")]
    pub lag_days: WorkDuration,
    /// Lag in elapsed days of 24 hours (nights and weekends count), instead of `lagDays`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_elapsed_days: Option<f64>,
    /// Lag as a percentage of the predecessor's duration, instead of `lagDays`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_percent: Option<f64>,
}

fn is_zero_duration(duration: &WorkDuration) -> bool {
    duration.minutes == 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DependencyKind {
    /// Finish to start.
    #[default]
    FS,
    /// Start to start.
    SS,
    /// Finish to finish.
    FF,
    /// Start to finish.
    SF,
}
