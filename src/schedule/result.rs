//! A project's schedule as the user reads it: dates per activity, float, the critical path as
//! a subgraph (critical activities and the links that drive between them, never by enumerating
//! paths), driving predecessors, and float bands.

use serde::Serialize;

use super::calendar::{date_time_of, Moment};
use super::compile::{compile, CompileError, Placement};
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

fn to_date_time(moment: Moment) -> DateTime {
    DateTime(date_time_of(moment))
}

pub fn schedule_project(project: &Project, path: &str, options: &ScheduleOptions) -> Result<ProjectSchedule, CompileError> {
    let compiled = compile(project, path)?;
    let network = &compiled.network;
    let mut dates = Dates::default();
    passes::schedule(network, &compiled.settings, &mut dates);

    // Driving links: zero gap. Recorded per successor node, by model dependency.
    let mut driving: Vec<Vec<u32>> = vec![Vec::new(); network.nodes.len()];
    for (index, link) in network.links.iter().enumerate() {
        if let Some(dependency) = compiled.link_source[index] {
            if link_gap(network, link, &dates) <= 0 {
                driving[link.to as usize].push(dependency);
            }
        }
    }

    let mut findings = compiled.findings;
    let mut activities = Vec::with_capacity(project.activities.len());
    let mut critical_nodes = vec![false; network.nodes.len()];
    let mut bands = [0usize; 4];
    for (index, activity) in project.activities.iter().enumerate() {
        let (first, last, summary) = match compiled.placement[index] {
            Placement::Task(node) => (node as usize, node as usize, false),
            Placement::Summary { start, finish } => (start as usize, finish as usize, true),
            Placement::Excluded => continue,
        };
        let calendar = network.calendar_of(first);
        let (mut early_start, mut early_finish) = (dates.early_start[first], dates.early_finish[last]);
        let (mut late_start, mut late_finish) = (dates.late_start[first], dates.late_finish[last]);
        if summary {
            // The brackets sit where logic puts them (a predecessor's 17:00); the summary spans
            // its children's work, which starts and ends in working time.
            early_start = calendar.next_work_start(early_start);
            late_start = calendar.next_work_start(late_start);
            early_finish = calendar.previous_work_end(early_finish).max(early_start);
            late_finish = calendar.previous_work_end(late_finish).max(late_start);
        }
        let total_float = if summary {
            calendar.work_between(early_start, late_start).min(calendar.work_between(early_finish, late_finish))
        } else {
            dates.total_float[first]
        };
        let free_float = if summary { dates.free_float[last] } else { dates.free_float[first] };
        let complete = activity.actual_finish.is_some();
        let critical = !complete && total_float <= options.critical_float_minutes;
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
                && link_gap(network, link, &dates) <= 0
        })
        .filter_map(|(index, _)| compiled.link_source[index])
        .collect();
    critical_links.sort_unstable();

    Ok(ProjectSchedule {
        project_id: project.id.clone(),
        start: to_date_time(compiled.settings.project_start.min(dates.early_start.iter().copied().min().unwrap_or(compiled.settings.project_start))),
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
    })
}
