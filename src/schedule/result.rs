//! A project's schedule as the user reads it: dates per activity, float, the critical path as
//! a subgraph (critical activities and the links that drive between them, never by enumerating
//! paths), driving predecessors, and float bands.

use std::collections::HashMap;

use serde::Serialize;

use super::calendar::{date_time_of, end_position, moment_of, start_position, work_of, Moment, MINUTES_PER_CALENDAR_DAY};
use super::compile::{compile, resource_calendars_of, task_node, CompiledProject, CompileError, Placement};
use super::network::Constraint;
use super::passes::{self, link_gap, Dates};
use crate::model::{DateTime, Finding, Project, MINUTES_PER_DAY};

/// Options a PMO sets: what counts as critical and near-critical.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleOptions {
    /// Activities with total float at or below this many working minutes are critical
    /// (MS Project's "tasks are critical if slack is less than or equal to", default 0).
    pub critical_float_minutes: i64,
    /// Upper edge of the near-critical band, in working minutes (default 10 days).
    pub near_critical_float_minutes: i64,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions { critical_float_minutes: 0, near_critical_float_minutes: 10 * MINUTES_PER_DAY }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivitySchedule {
    pub id: String,
    pub summary: bool,
    pub milestone: bool,
    pub early_start: DateTime,
    pub early_finish: DateTime,
    pub late_start: DateTime,
    pub late_finish: DateTime,
    /// Where the activity is scheduled: its early dates, or its late dates when it is ALAP.
    pub start: DateTime,
    pub finish: DateTime,
    /// Working minutes on the activity's calendar; negative when a constraint conflicts.
    pub total_float_minutes: i64,
    pub free_float_minutes: i64,
    pub critical: bool,
    pub near_critical: bool,
    /// Predecessors whose link leaves no gap: the ones that set this activity's dates.
    pub driving_predecessor_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriticalPath {
    pub activity_ids: Vec<String>,
    /// Indices into the project's `dependencies` of the driving links between critical activities.
    pub dependency_indices: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FloatBand {
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSchedule {
    pub project_id: String,
    pub start: DateTime,
    pub finish: DateTime,
    pub critical_float_minutes: i64,
    /// Scheduled (active) activities, in the project's order.
    pub activities: Vec<ActivitySchedule>,
    pub critical_path: CriticalPath,
    /// Counts of non-summary activities by total float: negative, critical, near-critical, more.
    pub float_bands: Vec<FloatBand>,
    /// Links left out, loops and constraint conflicts.
    pub findings: Vec<Finding>,
}

/// A recorded date-time as a moment, when it carries a time of day.
fn recorded_moment(value: Option<DateTime>) -> Option<Moment> {
    value.map(|v| moment_of(v.0)).filter(|moment| moment.rem_euclid(MINUTES_PER_CALENDAR_DAY) != 0)
}

fn to_date_time(moment: Moment) -> DateTime {
    DateTime(date_time_of(moment))
}

pub fn schedule_project(project: &Project, path: &str, options: &ScheduleOptions) -> Result<ProjectSchedule, CompileError> {
    Ok(LiveSchedule::new(project, path)?.report(project, options))
}

/// One activity's dates as the user reads them, in moments, and its float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ActivityDates {
    /// The activity's node, or its summary's start and finish brackets.
    pub first: usize,
    pub last: usize,
    pub summary: bool,
    pub early_start: Moment,
    pub early_finish: Moment,
    pub late_start: Moment,
    pub late_finish: Moment,
    pub total_float: i64,
    pub free_float: i64,
    /// Finished: an actual finish, or for a summary every child finished.
    pub complete: bool,
}

impl ActivityDates {
    /// A summary's dates widened to cover a child's.
    fn merged(self, child: &ActivityDates) -> ActivityDates {
        let open = !child.complete;
        ActivityDates {
            early_start: self.early_start.min(child.early_start),
            early_finish: self.early_finish.max(child.early_finish),
            late_start: self.late_start.min(child.late_start),
            late_finish: self.late_finish.max(child.late_finish),
            total_float: if open { self.total_float.min(child.total_float) } else { self.total_float },
            complete: self.complete && child.complete,
            ..self
        }
    }
}

/// A project's compiled network and its latest dates, kept between calls: a reschedule reruns
/// only the passes, and a what-if edit patches one node first.
#[derive(Debug, Clone)]
pub struct LiveSchedule {
    compiled: CompiledProject,
    dates: Dates,
    path: String,
    /// The summary each scheduled activity rolls up into, by model index.
    parent: Vec<Option<usize>>,
    /// Model indices, children before their summaries.
    deepest_first: Vec<usize>,
    /// Summary dates rolled up from their children after each reschedule, by model index.
    rollup: Vec<Option<ActivityDates>>,
    /// Whether a scheduled link starts or ends at the activity, by model index.
    linked: Vec<bool>,
}

impl LiveSchedule {
    /// Compiles the project and schedules it.
    pub fn new(project: &Project, path: &str) -> Result<LiveSchedule, CompileError> {
        let compiled = compile(project, path)?;
        let index: HashMap<&str, usize> = project.activities.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let parent: Vec<Option<usize>> = project
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let p = *index.get(a.parent_id.as_deref()?)?;
                let scheduled = compiled.placement[i] != Placement::Excluded;
                (scheduled && matches!(compiled.placement[p], Placement::Summary { .. })).then_some(p)
            })
            .collect();
        // Depth by walking up the WBS (validation refuses WBS loops; the bound is a guard).
        let depth = |mut i: usize| {
            let mut depth = 0;
            while let (Some(p), true) = (parent[i], depth <= parent.len()) {
                depth += 1;
                i = p;
            }
            depth
        };
        let mut deepest_first: Vec<usize> = (0..project.activities.len()).collect();
        deepest_first.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
        let mut linked = vec![false; project.activities.len()];
        for dependency in compiled.link_source.iter().flatten().map(|&d| &project.dependencies[d as usize]) {
            for id in [&dependency.predecessor_id, &dependency.successor_id] {
                if let Some(&i) = index.get(id.as_str()) {
                    linked[i] = true;
                }
            }
        }
        let mut live = LiveSchedule { compiled, dates: Dates::default(), path: path.to_string(), parent, deepest_first, rollup: Vec::new(), linked };
        live.reschedule(project);
        Ok(live)
    }

    /// Runs the passes again over the whole network, then rolls summaries up.
    pub fn reschedule(&mut self, project: &Project) {
        passes::schedule(&self.compiled.network, &self.compiled.settings, &mut self.dates);
        self.roll_up(project);
    }

    /// A summary spans its children as MS Project shows it: the earliest early and late start
    /// and the latest early and late finish of its children; its total float is its most
    /// critical unfinished child's, so it is critical when any child is, and its free float is
    /// its own (see below). Its own bracket nodes only
    /// carry links to and from it (a bracket may sit at the status date while its children
    /// finished long before).
    fn roll_up(&mut self, project: &Project) {
        self.rollup.clear();
        self.rollup.resize(project.activities.len(), None);
        for position in 0..self.deepest_first.len() {
            let child = self.deepest_first[position];
            let Some(parent) = self.parent[child] else { continue };
            let Some(dates) = self.rollup[child].or_else(|| self.own_dates(project, child)) else { continue };
            let merged = match self.rollup[parent] {
                None => {
                    let Some(own) = self.own_dates(project, parent) else { continue };
                    let ActivityDates { early_start, early_finish, late_start, late_finish, .. } = dates;
                    let start = ActivityDates { early_start, early_finish, late_start, late_finish, total_float: i64::MAX, complete: true, ..own };
                    start.merged(&dates)
                }
                Some(summary) => summary.merged(&dates),
            };
            self.rollup[parent] = Some(merged);
        }
        for dates in self.rollup.iter_mut().flatten() {
            if dates.total_float == i64::MAX {
                // Every child finished: nothing left to float.
                (dates.total_float, dates.free_float) = (0, 0);
            } else {
                // Free float is the summary's own: what its finish bracket may slip before it
                // delays a successor of the summary or the project, never more than its total
                // float (MS Project's summary free slack).
                dates.free_float = dates.free_float.min(dates.total_float);
            }
        }
    }

    /// Takes an edited activity's duration, progress or constraint into its node (the links and
    /// the WBS are unchanged), then reschedules. Summaries take their dates from their children.
    pub fn refresh_activity(&mut self, project: &Project, index: usize) {
        if let (Some(Placement::Task(node)), Some(activity)) = (self.compiled.placement.get(index), project.activities.get(index)) {
            let node = *node as usize;
            let calendar = self.compiled.network.nodes[node].calendar;
            self.compiled.network.nodes[node] = task_node(activity, calendar, &self.compiled.network.calendars, &resource_calendars_of(project));
        }
        self.reschedule(project);
    }

    pub fn finish(&self) -> Moment {
        self.dates.project_finish
    }

    /// The scheduled span of the project in working days of 8 hours on the project calendar
    /// (the unit durations are written in).
    pub fn working_days(&self) -> f64 {
        self.project_work_between(self.compiled.settings.project_start, self.dates.project_finish) as f64 / 480.0
    }

    /// Working minutes from `from` to `to` on the project calendar.
    pub fn project_work_between(&self, from: Moment, to: Moment) -> i64 {
        self.compiled.network.calendars[0].work_between(from, to)
    }

    /// Critical: unfinished with total float at or below the threshold. A manually scheduled
    /// activity without links is never critical: MS Project saves such tasks with zero slack
    /// and Critical 0, while linked manual tasks with zero slack are critical.
    pub fn is_critical(&self, project: &Project, index: usize, dates: &ActivityDates, threshold_minutes: i64) -> bool {
        let unlinked_manual = project.activities.get(index).is_some_and(|a| a.manual) && !self.linked.get(index).copied().unwrap_or(false);
        !dates.complete && dates.total_float <= threshold_minutes && !unlinked_manual
    }

    /// The dates of the model activity at `index`; None when it is not scheduled (inactive).
    pub fn activity_dates(&self, project: &Project, index: usize) -> Option<ActivityDates> {
        match self.rollup.get(index).copied().flatten() {
            Some(rolled_up) => Some(rolled_up),
            None => self.own_dates(project, index),
        }
    }

    /// An activity's dates from its own node (or a summary's brackets).
    fn own_dates(&self, project: &Project, index: usize) -> Option<ActivityDates> {
        let (network, dates) = (&self.compiled.network, &self.dates);
        let activity = project.activities.get(index)?;
        let (first, last, summary) = match *self.compiled.placement.get(index)? {
            Placement::Task(node) => (node as usize, node as usize, false),
            Placement::Summary { start, finish } => (start as usize, finish as usize, true),
            Placement::Excluded => return None,
        };
        let calendar = network.calendar_of(first);
        let (mut early_start, mut early_finish) = (dates.early_start[first], dates.early_finish[last]);
        let (mut late_start, mut late_finish) = (dates.late_start[first], dates.late_finish[last]);
        if summary {
            // The brackets sit where logic puts them (a predecessor's 17:00); the summary spans
            // its children's work, which starts and ends in working time.
            early_start = start_position(work_of(early_start));
            late_start = start_position(work_of(late_start));
            early_finish = end_position(work_of(early_finish)).max(early_start);
            late_finish = end_position(work_of(late_finish)).max(late_start);
        }
        let total_float = if summary {
            (work_of(late_start) - work_of(early_start)).min(work_of(late_finish) - work_of(early_finish))
        } else {
            dates.total_float[first]
        };
        let [mut early_start, mut early_finish, mut late_start, mut late_finish] = [early_start, early_finish, late_start, late_finish].map(|p| calendar.moment_at(p));
        if !summary {
            // Actual dates are facts and show as recorded, weekend work included; a bare date
            // has no time to keep, so it shows where the calendar puts it.
            if let Some(recorded) = recorded_moment(activity.actual_start) {
                (early_start, late_start) = (recorded, recorded);
            }
            if let (Some(recorded), true) = (recorded_moment(activity.actual_finish), activity.actual_start.is_some()) {
                early_finish = recorded.max(early_start);
                late_finish = early_finish;
            }
        }
        let free_float = dates.free_float[last];
        let complete = !summary && activity.actual_finish.is_some();
        Some(ActivityDates { first, last, summary, early_start, early_finish, late_start, late_finish, total_float, free_float, complete })
    }

    /// Six numbers per scheduled activity, in the order of `report().activities`: early start,
    /// early finish, late start, late finish (moments), total float and free float (working
    /// minutes). The bulk form for large plans.
    pub fn arrays(&self, project: &Project) -> Vec<f64> {
        let mut values = Vec::with_capacity(project.activities.len() * 6);
        for index in 0..project.activities.len() {
            if let Some(d) = self.activity_dates(project, index) {
                values.extend([d.early_start, d.early_finish, d.late_start, d.late_finish, d.total_float, d.free_float].map(|v| v as f64));
            }
        }
        values
    }

    /// The whole schedule as the user reads it.
    pub fn report(&self, project: &Project, options: &ScheduleOptions) -> ProjectSchedule {
        let (compiled, dates, path) = (&self.compiled, &self.dates, self.path.as_str());
        let network = &compiled.network;

        // Driving links: zero gap. Recorded per successor node, by model dependency.
        let mut driving: Vec<Vec<u32>> = vec![Vec::new(); network.nodes.len()];
        for (index, link) in network.links.iter().enumerate() {
            if let Some(dependency) = compiled.link_source[index] {
                if link_gap(network, link, dates) <= 0 {
                    driving[link.to as usize].push(dependency);
                }
            }
        }

        let mut findings = compiled.findings.clone();
        let mut activities = Vec::with_capacity(project.activities.len());
        let mut critical_nodes = vec![false; network.nodes.len()];
        let mut bands = [0usize; 4];
        let mut first_start = compiled.settings.project_start;
        for (index, activity) in project.activities.iter().enumerate() {
            let Some(dated) = self.activity_dates(project, index) else {
                continue;
            };
            let ActivityDates { first, last, summary, early_start, early_finish, late_start, late_finish, total_float, free_float, complete } = dated;
            first_start = first_start.min(early_start);
            let critical = self.is_critical(project, index, &dated, options.critical_float_minutes);
            let near_critical = !complete && !critical && total_float <= options.near_critical_float_minutes;
            if critical {
                critical_nodes[first] = true;
                critical_nodes[last] = true;
            }
            if !summary && !complete {
                let band = if total_float < 0 { 0 } else if critical { 1 } else if near_critical { 2 } else { 3 };
                bands[band] += 1;
                if total_float < 0 {
                    findings.push(
                        Finding::warning(
                            "negative_float",
                            format!("{path}.activities[{index}]"),
                            format!(
                                "Activity \"{}\" has {:.1} days of negative float: a constraint or deadline cannot be met with the current logic.",
                                activity.name,
                                total_float as f64 / MINUTES_PER_DAY as f64
                            ),
                        )
                        .with_ids(vec![activity.id.clone()]),
                    );
                }
            }
            let as_late_as_possible = network.nodes[first].constraint == Constraint::AsLateAsPossible;
            let (start, finish) = if as_late_as_possible { (late_start, late_finish) } else { (early_start, early_finish) };
            let mut driving_ids: Vec<String> = driving[first]
                .iter()
                .chain(if last != first { driving[last].iter() } else { [].iter() })
                .map(|&d| project.dependencies[d as usize].predecessor_id.clone())
                .collect();
            driving_ids.dedup();
            activities.push(ActivitySchedule {
                id: activity.id.clone(),
                summary,
                milestone: activity.milestone,
                early_start: to_date_time(early_start),
                early_finish: to_date_time(early_finish),
                late_start: to_date_time(late_start),
                late_finish: to_date_time(late_finish),
                start: to_date_time(start),
                finish: to_date_time(finish),
                total_float_minutes: total_float,
                free_float_minutes: free_float,
                critical,
                near_critical,
                driving_predecessor_ids: driving_ids,
            });
        }

        let critical_ids = activities.iter().filter(|a| a.critical && !a.summary).map(|a| a.id.clone()).collect();
        let mut critical_links: Vec<u32> = network
            .links
            .iter()
            .enumerate()
            .filter(|(index, link)| {
                compiled.link_source[*index].is_some()
                    && critical_nodes[link.from as usize]
                    && critical_nodes[link.to as usize]
                    && link_gap(network, link, dates) <= 0
            })
            .filter_map(|(index, _)| compiled.link_source[index])
            .collect();
        critical_links.sort_unstable();

        ProjectSchedule {
            project_id: project.id.clone(),
            start: to_date_time(first_start),
            finish: to_date_time(dates.project_finish),
            critical_float_minutes: options.critical_float_minutes,
            activities,
            critical_path: CriticalPath { activity_ids: critical_ids, dependency_indices: critical_links },
            float_bands: vec![
                FloatBand { label: "negative", count: bands[0] },
                FloatBand { label: "critical", count: bands[1] },
                FloatBand { label: "nearCritical", count: bands[2] },
                FloatBand { label: "more", count: bands[3] },
            ],
            findings,
        }
    }
}
