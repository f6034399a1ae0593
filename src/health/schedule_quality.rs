//! Schedule quality: the DCMA 14-Point Assessment, run on a project and its schedule where the
//! data allows.
//!
//! The checks and thresholds are those of the DCMA 14-Point Assessment as published in the
//! Defense Contract Management Agency's EVMS Program Analysis Pamphlet (DCMA-EA PAM 200.1):
//!
//! | # | check | threshold |
//! |---|-------|-----------|
//! | 1 | Logic: incomplete tasks missing a predecessor or a successor | at most 5% |
//! | 2 | Leads: relationships with a negative lag | 0 |
//! | 3 | Lags: relationships with a positive lag | at most 5% |
//! | 4 | Relationship types: finish-to-start relationships | at least 90% |
//! | 5 | Hard constraints (MSO, MFO, SNLT, FNLT) on incomplete tasks | at most 5% |
//! | 6 | High float: incomplete tasks with more than 44 working days of total float | at most 5% |
//! | 7 | Negative float: incomplete tasks with total float below zero | 0 |
//! | 8 | High duration: incomplete tasks longer than 44 working days (baseline) | at most 5% |
//! | 9 | Invalid dates: forecasts before the status date, actuals after it | 0 |
//! | 10 | Resources: incomplete tasks with duration and no resource assigned | 0% |
//! | 11 | Missed tasks: baseline finish by the status date, finished late or not at all | at most 5% |
//! | 12 | Critical path test: a delay on the critical path moves the finish as much | pass/fail |
//! | 13 | Critical path length index (CPLI) | at least 0.95 |
//! | 14 | Baseline execution index (BEI) | at least 0.95 |
//!
//! Every threshold is data (`QualityOptions`), defaulting to the published value. A check that
//! needs what the project does not have (a baseline, a status date, a committed finish,
//! resources) or whose population is empty is `notApplicable` with the reason, never a pass: a
//! ratio over nothing has no value (the crate's convention for undefined measures).
//!
//! Populations, following DCMA's definition of "tasks" (summary tasks, level-of-effort tasks and
//! milestones are not tasks; inactive activities are not in the schedule at all):
//! - *incomplete tasks* (checks 1, 5, 6, 7, 8, 10): active activities that are neither
//!   summaries nor milestones nor level of effort, without an actual finish;
//! - *relationships* (checks 2, 3, 4): the project's links whose two ends exist, are active
//!   and differ, each pair of activities counted once (the links the scheduler uses, loops
//!   included);
//! - *dated activities* (checks 9, 11, 14): active non-summary activities, milestones included
//!   (a milestone forecast in the past or missed is as telling as a task), level of effort
//!   excluded from 11 and 14 (it has no finish of its own to hit).
//!
//! In each check `count` is the numerator of `value` (offenders, or for check 4 the FS links and
//! for check 14 the completed tasks), `total` the population, and `ids` the offenders: activity
//! ids, or `"predecessorId->successorId"` for the link checks 2, 3 and 4. For check 12 `ids` is
//! the one activity that was delayed.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Activity, ConstraintKind, Date, DateTime, DependencyKind, EarnedValueMethod, Project, MINUTES_PER_DAY};
use crate::schedule::calendar::{day_number, moment_of, Moment, WorkCalendar, MINUTES_PER_CALENDAR_DAY};
use crate::schedule::result::{schedule_project, ActivitySchedule, ProjectSchedule, ScheduleOptions};

/// The thresholds of the assessment, as data a PMO may tighten or relax. Percentages are 0-100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct QualityOptions {
    /// Total float above this many working days is high float (check 6).
    pub high_float_days: f64,
    /// A duration above this many working days is a high duration (check 8).
    pub high_duration_days: f64,
    /// Check 1: most incomplete tasks, in percent, allowed to lack a predecessor or successor.
    pub max_missing_logic_percent: f64,
    /// Check 2: most relationships with a lead.
    pub max_leads: f64,
    /// Check 3: most relationships with a lag, in percent.
    pub max_lags_percent: f64,
    /// Check 4: fewest finish-to-start relationships, in percent.
    pub min_finish_to_start_percent: f64,
    /// Check 5: most incomplete tasks with a hard constraint, in percent.
    pub max_hard_constraints_percent: f64,
    /// Check 6: most incomplete tasks with high float, in percent.
    pub max_high_float_percent: f64,
    /// Check 7: most incomplete tasks with negative float.
    pub max_negative_float: f64,
    /// Check 8: most incomplete tasks with a high duration, in percent.
    pub max_high_duration_percent: f64,
    /// Check 9: most activities with invalid dates.
    pub max_invalid_dates: f64,
    /// Check 10: most incomplete tasks with duration and no resource, in percent.
    pub max_unresourced_percent: f64,
    /// Check 11: most missed tasks, in percent of those due by the status date.
    pub max_missed_percent: f64,
    /// Check 12: the delay added to a critical task, in working days (DCMA's guidance uses a
    /// delay far larger than any float, 600 days).
    pub critical_path_test_delay_days: f64,
    /// Check 13: lowest critical path length index.
    pub min_cpli: f64,
    /// Check 14: lowest baseline execution index.
    pub min_bei: f64,
}

impl Default for QualityOptions {
    fn default() -> Self {
        QualityOptions {
            high_float_days: 44.0,
            high_duration_days: 44.0,
            max_missing_logic_percent: 5.0,
            max_leads: 0.0,
            max_lags_percent: 5.0,
            min_finish_to_start_percent: 90.0,
            max_hard_constraints_percent: 5.0,
            max_high_float_percent: 5.0,
            max_negative_float: 0.0,
            max_high_duration_percent: 5.0,
            max_invalid_dates: 0.0,
            max_unresourced_percent: 0.0,
            max_missed_percent: 5.0,
            critical_path_test_delay_days: 600.0,
            min_cpli: 0.95,
            min_bei: 0.95,
        }
    }
}

/// The longest delay the critical path test accepts, in working days: far beyond any plan, small
/// enough that minutes never overflow.
const MAX_TEST_DELAY_DAYS: f64 = 100_000.0;

impl QualityOptions {
    /// The first option that cannot be used, as (field name as serialized, why).
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        let fields = [
            ("highFloatDays", self.high_float_days),
            ("highDurationDays", self.high_duration_days),
            ("maxMissingLogicPercent", self.max_missing_logic_percent),
            ("maxLeads", self.max_leads),
            ("maxLagsPercent", self.max_lags_percent),
            ("minFinishToStartPercent", self.min_finish_to_start_percent),
            ("maxHardConstraintsPercent", self.max_hard_constraints_percent),
            ("maxHighFloatPercent", self.max_high_float_percent),
            ("maxNegativeFloat", self.max_negative_float),
            ("maxHighDurationPercent", self.max_high_duration_percent),
            ("maxInvalidDates", self.max_invalid_dates),
            ("maxUnresourcedPercent", self.max_unresourced_percent),
            ("maxMissedPercent", self.max_missed_percent),
            ("criticalPathTestDelayDays", self.critical_path_test_delay_days),
            ("minCpli", self.min_cpli),
            ("minBei", self.min_bei),
        ];
        for (name, value) in fields {
            if !value.is_finite() || value < 0.0 {
                return Err((name, "must be a finite number, zero or more"));
            }
        }
        if self.critical_path_test_delay_days <= 0.0 || self.critical_path_test_delay_days > MAX_TEST_DELAY_DAYS {
            return Err(("criticalPathTestDelayDays", "must be more than 0 and at most 100000 working days"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Comparison {
    /// Passes when the value is at most the threshold.
    AtMost,
    /// Passes when the value is at least the threshold.
    AtLeast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    Percent,
    Count,
    Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    pub comparison: Comparison,
    pub value: f64,
    pub unit: Unit,
}

impl Threshold {
    fn passes(self, value: f64) -> bool {
        match self.comparison {
            Comparison::AtMost => value <= self.value,
            Comparison::AtLeast => value >= self.value,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Pass,
    Fail,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualityCheck {
    /// Stable code: logic, leads, lags, relationshipTypes, hardConstraints, highFloat,
    /// negativeFloat, highDuration, invalidDates, resources, missedTasks, criticalPathTest,
    /// cpli, bei.
    pub id: &'static str,
    /// The DCMA number, 1 to 14.
    pub number: u8,
    pub name: String,
    pub description: String,
    pub threshold: Threshold,
    /// The numerator of `value` (see the module documentation).
    pub count: usize,
    /// The population checked.
    pub total: usize,
    /// A percent, count or ratio as `threshold.unit` says; None when not applicable.
    pub value: Option<f64>,
    pub outcome: Outcome,
    /// Why the check is not applicable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The offending activities, or links as "predecessorId->successorId".
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleQualityReport {
    pub project_id: String,
    pub status_date: Option<Date>,
    pub checks: Vec<QualityCheck>,
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
}

/// The fixed part of a check: its code, number, name and description.
struct Spec {
    id: &'static str,
    number: u8,
    name: &'static str,
    description: &'static str,
}

impl Spec {
    fn not_applicable(&self, threshold: Threshold, total: usize, reason: impl Into<String>) -> QualityCheck {
        self.with(threshold, 0, total, None, Outcome::NotApplicable, Some(reason.into()), Vec::new())
    }

    /// A check whose value is `count` out of `total` in percent; not applicable over nothing.
    fn percent(&self, comparison: Comparison, limit: f64, count: usize, total: usize, ids: Vec<String>, empty: &str) -> QualityCheck {
        let threshold = Threshold { comparison, value: limit, unit: Unit::Percent };
        if total == 0 {
            return self.not_applicable(threshold, 0, empty);
        }
        // (100 * count) / total is one correctly rounded division of exact integers, so a
        // share exactly at the threshold compares equal to it.
        let value = (100 * count) as f64 / total as f64;
        let outcome = if threshold.passes(value) { Outcome::Pass } else { Outcome::Fail };
        self.with(threshold, count, total, Some(value), outcome, None, ids)
    }

    /// A check whose value is the number of offenders; not applicable over nothing.
    fn counted(&self, limit: f64, total: usize, ids: Vec<String>, empty: &str) -> QualityCheck {
        let threshold = Threshold { comparison: Comparison::AtMost, value: limit, unit: Unit::Count };
        if total == 0 {
            return self.not_applicable(threshold, 0, empty);
        }
        let count = ids.len();
        let outcome = if threshold.passes(count as f64) { Outcome::Pass } else { Outcome::Fail };
        self.with(threshold, count, total, Some(count as f64), outcome, None, ids)
    }

    #[allow(clippy::too_many_arguments)]
    fn with(&self, threshold: Threshold, count: usize, total: usize, value: Option<f64>, outcome: Outcome, reason: Option<String>, ids: Vec<String>) -> QualityCheck {
        QualityCheck {
            id: self.id,
            number: self.number,
            name: self.name.to_string(),
            description: self.description.to_string(),
            threshold,
            count,
            total,
            value,
            outcome,
            reason,
            ids,
        }
    }
}

const LOGIC: Spec = Spec {
    id: "logic",
    number: 1,
    name: "Logic",
    description: "Share of incomplete tasks missing a predecessor or a successor: every task should be tied into the network so that a slip shows where it lands.",
};
const LEADS: Spec = Spec {
    id: "leads",
    number: 2,
    name: "Leads",
    description: "Relationships with a negative lag (a lead): a successor planned to start before its predecessor is done hides the real logic and distorts the critical path.",
};
const LAGS: Spec = Spec {
    id: "lags",
    number: 3,
    name: "Lags",
    description: "Share of relationships with a positive lag: a lag is an unexplained wait that should usually be a task of its own.",
};
const RELATIONSHIP_TYPES: Spec = Spec {
    id: "relationshipTypes",
    number: 4,
    name: "Relationship types",
    description: "Share of relationships that are finish-to-start, the most transparent link; the others (SS, FF, SF) are listed.",
};
const HARD_CONSTRAINTS: Spec = Spec {
    id: "hardConstraints",
    number: 5,
    name: "Hard constraints",
    description: "Share of incomplete tasks with a hard date constraint (must start on, must finish on, start no later than, finish no later than), which stops logic from moving them.",
};
const HIGH_FLOAT: Spec = Spec {
    id: "highFloat",
    number: 6,
    name: "High float",
    description: "Share of incomplete tasks with total float above the limit in working days, a sign of missing successors or links.",
};
const NEGATIVE_FLOAT: Spec = Spec {
    id: "negativeFloat",
    number: 7,
    name: "Negative float",
    description: "Incomplete tasks with negative total float: a constraint or deadline cannot be met with the current logic.",
};
const HIGH_DURATION: Spec = Spec {
    id: "highDuration",
    number: 8,
    name: "High duration",
    description: "Share of incomplete tasks whose baseline duration (the planned duration where there is no baseline) exceeds the limit in working days, too long to manage and measure.",
};
const INVALID_DATES: Spec = Spec {
    id: "invalidDates",
    number: 9,
    name: "Invalid dates",
    description: "Activities with a forecast start or finish before the status date and no actual, or an actual start or finish after the status date.",
};
const RESOURCES: Spec = Spec {
    id: "resources",
    number: 10,
    name: "Resources",
    description: "Share of incomplete tasks with a duration and no resource assigned, whose cost and workload the plan cannot show.",
};
const MISSED_TASKS: Spec = Spec {
    id: "missedTasks",
    number: 11,
    name: "Missed tasks",
    description: "Share of the activities due by the status date in the baseline that finished after their baseline finish or have not finished.",
};
const CRITICAL_PATH_TEST: Spec = Spec {
    id: "criticalPathTest",
    number: 12,
    name: "Critical path test",
    description: "The first incomplete critical task is delayed by a large amount in a copy of the plan; the critical path is sound when the activity that finishes the project slips by the whole delay (value: slip / delay).",
};
const CPLI: Spec = Spec {
    id: "cpli",
    number: 13,
    name: "Critical path length index",
    description: "(Critical path length + total float to the committed finish) / critical path length, from the status date (else the project start) to the forecast finish: below 1 the committed finish is at risk.",
};
const BEI: Spec = Spec {
    id: "bei",
    number: 14,
    name: "Baseline execution index",
    description: "Baselined activities completed by the status date / baselined activities due by the status date: below 1 the plan is being executed more slowly than baselined.",
};

/// An activity's facts that several checks read.
struct Item<'a> {
    activity: &'a Activity,
    schedule: Option<&'a ActivitySchedule>,
    milestone: bool,
    level_of_effort: bool,
    complete: bool,
}

impl Item<'_> {
    /// A DCMA task: not a milestone, not level of effort (summaries never become items).
    fn is_task(&self) -> bool {
        !self.milestone && !self.level_of_effort
    }
    fn is_incomplete_task(&self) -> bool {
        self.is_task() && !self.complete
    }
}

/// The working calendars of the project, compiled on demand: the project calendar for
/// activities without their own.
struct Calendars<'a> {
    project: &'a Project,
    compiled: HashMap<Option<&'a str>, WorkCalendar>,
}

impl<'a> Calendars<'a> {
    fn new(project: &'a Project) -> Calendars<'a> {
        Calendars { project, compiled: HashMap::new() }
    }

    /// The calendar of `calendar_id` (None: the project calendar). A calendar that cannot be
    /// compiled could not have been scheduled either; the standard calendar stands in.
    fn get(&mut self, calendar_id: Option<&'a str>) -> &WorkCalendar {
        let key = calendar_id.or(self.project.calendar_id.as_deref());
        let project = self.project;
        self.compiled.entry(key).or_insert_with(|| {
            key.and_then(|id| project.calendars.iter().find(|c| c.id == id))
                .and_then(|calendar| WorkCalendar::compile(calendar).ok())
                .unwrap_or_else(WorkCalendar::standard)
        })
    }
}

/// The end of a date: the data date of a status date, where remaining work may resume.
fn end_of(date: Date) -> Moment {
    (day_number(date.0) + 1) * MINUTES_PER_CALENDAR_DAY
}

/// A finish written as a bare date means the end of that day (as the scheduler reads it).
fn finish_moment(value: DateTime) -> Moment {
    let moment = moment_of(value.0);
    if moment.rem_euclid(MINUTES_PER_CALENDAR_DAY) == 0 { moment + MINUTES_PER_CALENDAR_DAY } else { moment }
}

fn link_id(predecessor: &str, successor: &str) -> String {
    format!("{predecessor}->{successor}")
}

/// Runs the 14 checks on `project` and its `schedule` at `status_date` (None: the checks that
/// need one are not applicable). `schedule` should come from the same project; activities it
/// does not list are treated as unscheduled.
pub fn assess_schedule_quality(project: &Project, schedule: &ProjectSchedule, status_date: Option<Date>, options: &QualityOptions) -> ScheduleQualityReport {
    let scheduled: HashMap<&str, &ActivitySchedule> = schedule.activities.iter().map(|a| (a.id.as_str(), a)).collect();
    // A summary is an activity others name as parent (as the scheduler decides it).
    let parents: HashSet<&str> = project.activities.iter().filter_map(|a| a.parent_id.as_deref()).collect();
    let items: Vec<Item> = project
        .activities
        .iter()
        .filter(|a| a.active && !parents.contains(a.id.as_str()))
        .map(|activity| Item {
            activity,
            schedule: scheduled.get(activity.id.as_str()).copied(),
            milestone: activity.milestone,
            level_of_effort: activity.earned_value_method == Some(EarnedValueMethod::LevelOfEffort),
            complete: activity.actual_finish.is_some(),
        })
        .collect();
    let links = relationships(project);
    let mut calendars = Calendars::new(project);

    let checks = vec![
        logic(&items, &links, options),
        leads(&links, options),
        lags(&links, options),
        relationship_types(&links, options),
        hard_constraints(&items, options),
        high_float(&items, options),
        negative_float(&items, options),
        high_duration(project, &items, &mut calendars, options),
        invalid_dates(&items, status_date, &mut calendars, options),
        resources(project, &items, options),
        missed_tasks(project, &items, status_date, options),
        critical_path_test(project, schedule, &mut calendars, options),
        cpli(project, schedule, status_date, &mut calendars, options),
        bei(project, &items, status_date, options),
    ];
    let tally = |outcome: Outcome| checks.iter().filter(|c| c.outcome == outcome).count();
    ScheduleQualityReport {
        project_id: project.id.clone(),
        status_date,
        passed: tally(Outcome::Pass),
        failed: tally(Outcome::Fail),
        not_applicable: tally(Outcome::NotApplicable),
        checks,
    }
}

/// One relationship as the link checks read it.
struct Link<'a> {
    predecessor: &'a str,
    successor: &'a str,
    kind: DependencyKind,
    /// Negative for a lead, positive for a lag, in whichever unit the link gives it.
    lag_sign: i8,
}

impl Link<'_> {
    fn id(&self) -> String {
        link_id(self.predecessor, self.successor)
    }
}

/// The links the scheduler uses: both ends exist, are active and differ, and a pair linked twice
/// counts once (the first, as the scheduler keeps it).
fn relationships(project: &Project) -> Vec<Link<'_>> {
    let active: HashSet<&str> = project.activities.iter().filter(|a| a.active).map(|a| a.id.as_str()).collect();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    let mut links = Vec::with_capacity(project.dependencies.len());
    for dependency in &project.dependencies {
        let (predecessor, successor) = (dependency.predecessor_id.as_str(), dependency.successor_id.as_str());
        if predecessor == successor || !active.contains(predecessor) || !active.contains(successor) || !seen.insert((predecessor, successor)) {
            continue;
        }
        // The scheduler reads a percent lag first, then an elapsed lag, then a working lag.
        let lag = if let Some(percent) = dependency.lag_percent {
            percent
        } else if let Some(days) = dependency.lag_elapsed_days {
            days
        } else {
            dependency.lag_days.minutes as f64
        };
        let lag_sign = if lag < 0.0 { -1 } else if lag > 0.0 { 1 } else { 0 };
        links.push(Link { predecessor, successor, kind: dependency.kind, lag_sign });
    }
    links
}

fn logic(items: &[Item], links: &[Link], options: &QualityOptions) -> QualityCheck {
    // Only a task's own links count: DCMA asks each task to be tied in, not its summary.
    let with_predecessor: HashSet<&str> = links.iter().map(|l| l.successor).collect();
    let with_successor: HashSet<&str> = links.iter().map(|l| l.predecessor).collect();
    let population: Vec<&Item> = items.iter().filter(|i| i.is_incomplete_task()).collect();
    let ids: Vec<String> = population
        .iter()
        .filter(|i| !with_predecessor.contains(i.activity.id.as_str()) || !with_successor.contains(i.activity.id.as_str()))
        .map(|i| i.activity.id.clone())
        .collect();
    LOGIC.percent(Comparison::AtMost, options.max_missing_logic_percent, ids.len(), population.len(), ids, "The project has no incomplete tasks.")
}

fn leads(links: &[Link], options: &QualityOptions) -> QualityCheck {
    let ids = links.iter().filter(|l| l.lag_sign < 0).map(Link::id).collect();
    LEADS.counted(options.max_leads, links.len(), ids, "The project has no relationships.")
}

fn lags(links: &[Link], options: &QualityOptions) -> QualityCheck {
    let ids: Vec<String> = links.iter().filter(|l| l.lag_sign > 0).map(Link::id).collect();
    LAGS.percent(Comparison::AtMost, options.max_lags_percent, ids.len(), links.len(), ids, "The project has no relationships.")
}

fn relationship_types(links: &[Link], options: &QualityOptions) -> QualityCheck {
    let finish_to_start = links.iter().filter(|l| l.kind == DependencyKind::FS).count();
    let ids = links.iter().filter(|l| l.kind != DependencyKind::FS).map(Link::id).collect();
    RELATIONSHIP_TYPES.percent(Comparison::AtLeast, options.min_finish_to_start_percent, finish_to_start, links.len(), ids, "The project has no relationships.")
}

fn hard_constraints(items: &[Item], options: &QualityOptions) -> QualityCheck {
    let hard = |item: &&&Item| {
        item.activity
            .constraint
            .as_ref()
            .is_some_and(|c| matches!(c.kind, ConstraintKind::Mso | ConstraintKind::Mfo | ConstraintKind::Snlt | ConstraintKind::Fnlt))
    };
    let population: Vec<&Item> = items.iter().filter(|i| i.is_incomplete_task()).collect();
    let ids: Vec<String> = population.iter().filter(hard).map(|i| i.activity.id.clone()).collect();
    HARD_CONSTRAINTS.percent(Comparison::AtMost, options.max_hard_constraints_percent, ids.len(), population.len(), ids, "The project has no incomplete tasks.")
}

/// Incomplete tasks the scheduler dated (an unscheduled one has no float to judge).
fn floated<'a>(items: &'a [Item<'a>]) -> Vec<(&'a Item<'a>, i64)> {
    items.iter().filter(|i| i.is_incomplete_task()).filter_map(|i| i.schedule.map(|s| (i, s.total_float_minutes))).collect()
}

fn high_float(items: &[Item], options: &QualityOptions) -> QualityCheck {
    let population = floated(items);
    // Float is in working minutes on the activity's calendar; a day is 8 working hours, the
    // unit durations are written in.
    let limit = options.high_float_days * MINUTES_PER_DAY as f64;
    let ids: Vec<String> = population.iter().filter(|(_, float)| *float as f64 > limit).map(|(i, _)| i.activity.id.clone()).collect();
    HIGH_FLOAT.percent(Comparison::AtMost, options.max_high_float_percent, ids.len(), population.len(), ids, "The project has no incomplete tasks.")
}

fn negative_float(items: &[Item], options: &QualityOptions) -> QualityCheck {
    let population = floated(items);
    let ids = population.iter().filter(|(_, float)| *float < 0).map(|(i, _)| i.activity.id.clone()).collect();
    NEGATIVE_FLOAT.counted(options.max_negative_float, population.len(), ids, "The project has no incomplete tasks.")
}

fn high_duration<'a>(project: &'a Project, items: &[Item<'a>], calendars: &mut Calendars<'a>, options: &QualityOptions) -> QualityCheck {
    let baseline: HashMap<&str, (DateTime, DateTime)> = project
        .baseline
        .iter()
        .flat_map(|b| &b.activities)
        .map(|b| (b.activity_id.as_str(), (b.start, b.finish)))
        .collect();
    let limit = options.high_duration_days * MINUTES_PER_DAY as f64;
    let population: Vec<&Item> = items.iter().filter(|i| i.is_incomplete_task()).collect();
    let mut ids = Vec::new();
    for item in &population {
        let minutes = match baseline.get(item.activity.id.as_str()) {
            // The baseline keeps dates, not a duration: its working time between them.
            Some(&(start, finish)) => calendars.get(item.activity.calendar_id.as_deref()).work_between(moment_of(start.0), finish_moment(finish)),
            None => item.activity.duration_days.minutes,
        };
        if minutes as f64 > limit {
            ids.push(item.activity.id.clone());
        }
    }
    HIGH_DURATION.percent(Comparison::AtMost, options.max_high_duration_percent, ids.len(), population.len(), ids, "The project has no incomplete tasks.")
}

fn invalid_dates<'a>(items: &[Item<'a>], status_date: Option<Date>, calendars: &mut Calendars<'a>, options: &QualityOptions) -> QualityCheck {
    let threshold = Threshold { comparison: Comparison::AtMost, value: options.max_invalid_dates, unit: Unit::Count };
    let Some(status) = status_date else {
        return INVALID_DATES.not_applicable(threshold, items.len(), "No status date: give one, or set the project's or the portfolio's status date.");
    };
    let data_date = end_of(status);
    let mut ids = Vec::new();
    for item in items {
        let activity = item.activity;
        // Actuals are facts recorded by day: one dated after the status date has not happened.
        let actual_after = activity.actual_start.is_some_and(|d| d.date() > status) || activity.actual_finish.is_some_and(|d| d.date() > status);
        // A forecast is in the past when working time lies between it and the data date; a
        // milestone at 17:00 on the status date is not (no work is left that day).
        let calendar = calendars.get(activity.calendar_id.as_deref());
        let in_past = |date_time: DateTime| calendar.work_between(moment_of(date_time.0), data_date) > 0;
        let forecast_past = item.schedule.is_some_and(|s| {
            (activity.actual_start.is_none() && in_past(s.start)) || (activity.actual_finish.is_none() && in_past(s.finish))
        });
        if actual_after || forecast_past {
            ids.push(activity.id.clone());
        }
    }
    INVALID_DATES.counted(options.max_invalid_dates, items.len(), ids, "The project has no activities to check.")
}

fn resources(project: &Project, items: &[Item], options: &QualityOptions) -> QualityCheck {
    let population: Vec<&Item> = items.iter().filter(|i| i.is_incomplete_task() && i.activity.duration_days.minutes > 0).collect();
    if project.resources.is_empty() {
        let threshold = Threshold { comparison: Comparison::AtMost, value: options.max_unresourced_percent, unit: Unit::Percent };
        return RESOURCES.not_applicable(threshold, population.len(), "The project defines no resources at all, so it is not resource-loaded; assign resources to assess this check.");
    }
    let ids: Vec<String> = population.iter().filter(|i| i.activity.assignments.is_empty()).map(|i| i.activity.id.clone()).collect();
    RESOURCES.percent(Comparison::AtMost, options.max_unresourced_percent, ids.len(), population.len(), ids, "The project has no incomplete tasks with a duration.")
}

/// Baseline finish by activity id, of the dated activities checks 11 and 14 read.
fn baseline_finishes(project: &Project) -> Option<HashMap<&str, Date>> {
    project.baseline.as_ref().map(|b| b.activities.iter().map(|a| (a.activity_id.as_str(), a.finish.date())).collect())
}

fn missed_tasks(project: &Project, items: &[Item], status_date: Option<Date>, options: &QualityOptions) -> QualityCheck {
    let threshold = Threshold { comparison: Comparison::AtMost, value: options.max_missed_percent, unit: Unit::Percent };
    let (Some(status), Some(finishes)) = (status_date, baseline_finishes(project)) else {
        let why = if status_date.is_none() { "No status date: give one, or set the project's or the portfolio's status date." } else { "The project has no baseline to measure against." };
        return MISSED_TASKS.not_applicable(threshold, 0, why);
    };
    let mut due = 0;
    let mut ids = Vec::new();
    for item in items.iter().filter(|i| !i.level_of_effort) {
        let Some(&finish) = finishes.get(item.activity.id.as_str()) else { continue };
        if finish > status {
            continue;
        }
        due += 1;
        // Compared by day: finishing on the baseline day is on time.
        if item.activity.actual_finish.is_none_or(|actual| actual.date() > finish) {
            ids.push(item.activity.id.clone());
        }
    }
    MISSED_TASKS.percent(Comparison::AtMost, options.max_missed_percent, ids.len(), due, ids, "No baselined activity was due to finish by the status date.")
}

fn bei(project: &Project, items: &[Item], status_date: Option<Date>, options: &QualityOptions) -> QualityCheck {
    let threshold = Threshold { comparison: Comparison::AtLeast, value: options.min_bei, unit: Unit::Ratio };
    let (Some(status), Some(finishes)) = (status_date, baseline_finishes(project)) else {
        let why = if status_date.is_none() { "No status date: give one, or set the project's or the portfolio's status date." } else { "The project has no baseline to measure against." };
        return BEI.not_applicable(threshold, 0, why);
    };
    // Both counts read baselined activities only, so work added after the baseline neither
    // inflates the completions nor the tasks due.
    let mut due = 0;
    let mut completed = 0;
    let mut not_done = Vec::new();
    for item in items.iter().filter(|i| !i.level_of_effort) {
        let Some(&finish) = finishes.get(item.activity.id.as_str()) else { continue };
        let done = item.activity.actual_finish.is_some_and(|actual| actual.date() <= status);
        completed += usize::from(done);
        if finish <= status {
            due += 1;
            if !done {
                not_done.push(item.activity.id.clone());
            }
        }
    }
    if due == 0 {
        // A ratio over nothing has no value (the crate's undefined-measure rule).
        return BEI.not_applicable(threshold, 0, "No baselined activity was due to finish by the status date, so the index is undefined.");
    }
    let value = completed as f64 / due as f64;
    let outcome = if threshold.passes(value) { Outcome::Pass } else { Outcome::Fail };
    BEI.with(threshold, completed, due, Some(value), outcome, None, not_done)
}

fn critical_path_test<'a>(project: &'a Project, schedule: &ProjectSchedule, calendars: &mut Calendars<'a>, options: &QualityOptions) -> QualityCheck {
    let threshold = Threshold { comparison: Comparison::AtLeast, value: 1.0, unit: Unit::Ratio };
    let delay_days = options.critical_path_test_delay_days;
    if !(delay_days.is_finite() && delay_days > 0.0 && delay_days <= MAX_TEST_DELAY_DAYS) {
        return CRITICAL_PATH_TEST.not_applicable(threshold, 0, "The test delay must be more than 0 and at most 100000 working days.");
    }
    let delay = (delay_days * MINUTES_PER_DAY as f64).round() as i64;
    let by_id: HashMap<&str, (usize, &Activity)> = project.activities.iter().enumerate().map(|(i, a)| (a.id.as_str(), (i, a))).collect();
    // The start of the critical path: the earliest incomplete critical task. Delaying it tests
    // the whole chain from there to the finish. A resource-driven task takes its length from its
    // assignments, so a longer duration would not delay it; it is passed over.
    let candidate = schedule
        .activities
        .iter()
        .filter(|s| s.critical && !s.summary)
        .filter_map(|s| by_id.get(s.id.as_str()).map(|&(index, activity)| (s, index, activity)))
        .filter(|(_, _, activity)| activity.active && activity.actual_finish.is_none() && !activity.resource_driven)
        // A task before a milestone at the same start: lengthening a task is the plain case.
        .min_by_key(|(s, index, activity)| (s.early_start, activity.milestone, *index));
    let Some((_, index, activity)) = candidate else {
        return CRITICAL_PATH_TEST.not_applicable(threshold, 0, "No incomplete critical task to delay (a resource-driven task cannot be delayed by its duration).");
    };
    // The project completion: the activity that finishes last (the last in plan order among
    // equals, where a finish milestone usually sits). DCMA watches this activity rather than
    // the latest date of any activity, since a delayed task left dangling would push that date
    // itself while the completion stays put.
    let Some(completion) = schedule.activities.iter().enumerate().filter(|(_, s)| !s.summary).max_by_key(|(i, s)| (s.early_finish, *i)).map(|(_, s)| s) else {
        return CRITICAL_PATH_TEST.not_applicable(threshold, 0, "The schedule has no activity that finishes the project.");
    };
    let mut delayed = project.clone();
    let Some(target) = delayed.activities.get_mut(index) else {
        return CRITICAL_PATH_TEST.not_applicable(threshold, 0, "No incomplete critical task to delay.");
    };
    if target.milestone {
        // A milestone has no duration to lengthen; as a task of the delay's length it holds
        // its successors back by that much.
        target.milestone = false;
        target.duration_days.minutes = 0;
    }
    // Started work runs on its remaining duration, so the delay goes there too (as the
    // scheduler derives it from percent complete when none is given).
    let remaining = target
        .remaining_duration_days
        .map(|r| r.minutes)
        .or_else(|| target.actual_start.map(|_| (target.duration_days.minutes.max(0) as f64 * (1.0 - target.percent_complete / 100.0)).round() as i64));
    target.duration_days.minutes = target.duration_days.minutes.max(0).saturating_add(delay);
    if let Some(remaining) = remaining {
        target.remaining_duration_days = Some(crate::model::WorkDuration { minutes: remaining.max(0).saturating_add(delay) });
    }
    let after = match schedule_project(&delayed, "criticalPathTest", &ScheduleOptions::default()) {
        Ok(after) => after,
        Err(error) => return CRITICAL_PATH_TEST.not_applicable(threshold, 1, format!("The delayed copy of the plan could not be scheduled: {error}")),
    };
    let Some(completion_after) = after.activities.iter().find(|s| s.id == completion.id) else {
        return CRITICAL_PATH_TEST.not_applicable(threshold, 1, "The delayed copy of the plan lost its completion activity.");
    };
    // The slip is counted on the delayed task's own calendar, the one its delay was added on.
    let slip = calendars.get(activity.calendar_id.as_deref()).work_between(moment_of(completion.early_finish.0), moment_of(completion_after.early_finish.0));
    let value = slip as f64 / delay as f64;
    let passed = threshold.passes(value);
    CRITICAL_PATH_TEST.with(threshold, usize::from(!passed), 1, Some(value), if passed { Outcome::Pass } else { Outcome::Fail }, None, vec![activity.id.clone()])
}

fn cpli<'a>(project: &'a Project, schedule: &ProjectSchedule, status_date: Option<Date>, calendars: &mut Calendars<'a>, options: &QualityOptions) -> QualityCheck {
    let threshold = Threshold { comparison: Comparison::AtLeast, value: options.min_cpli, unit: Unit::Ratio };
    let Some(committed) = project.committed_finish else {
        return CPLI.not_applicable(threshold, 0, "The project has no committed finish to measure the critical path against.");
    };
    // Lengths and float on the project calendar, in working minutes. The remaining critical
    // path runs from the data date (the end of the status date) or, before any status, from
    // the project start.
    let calendar = calendars.get(None);
    let from = status_date.map(end_of).unwrap_or_else(|| moment_of(project.start_date.0));
    let finish = moment_of(schedule.finish.0);
    let length = calendar.work_between(from, finish);
    if length <= 0 {
        return CPLI.not_applicable(threshold, 1, "The forecast finish is not after the status date: no critical path remains, so the index is undefined.");
    }
    let float = calendar.work_between(finish, end_of(committed));
    let value = (length + float) as f64 / length as f64;
    let passed = threshold.passes(value);
    CPLI.with(threshold, usize::from(!passed), 1, Some(value), if passed { Outcome::Pass } else { Outcome::Fail }, None, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_are_usable_and_bad_ones_are_named() {
        assert_eq!(QualityOptions::default().check(), Ok(()));
        let options = QualityOptions { min_bei: f64::NAN, ..QualityOptions::default() };
        assert_eq!(options.check().map_err(|(field, _)| field), Err("minBei"));
        let options = QualityOptions { critical_path_test_delay_days: 0.0, ..QualityOptions::default() };
        assert_eq!(options.check().map_err(|(field, _)| field), Err("criticalPathTestDelayDays"));
    }

    #[test]
    fn a_share_exactly_at_the_threshold_passes() {
        let check = LAGS.percent(Comparison::AtMost, 5.0, 1, 20, vec!["A->B".into()], "none");
        assert_eq!((check.value, check.outcome), (Some(5.0), Outcome::Pass));
        let check = LAGS.percent(Comparison::AtMost, 5.0, 0, 0, Vec::new(), "none");
        assert_eq!((check.value, check.outcome), (None, Outcome::NotApplicable));
    }
}
