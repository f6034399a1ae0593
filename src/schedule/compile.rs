//! From a model project to the compiled network, and back to dates.
//!
//! - A summary activity (one that others name as parent) becomes two zero-length nodes, its
//!   start and its finish, bracketing its children: links into a summary hold all of its
//!   children, and links out of it wait for all of them, as in MS Project.
//! - Inactive activities, links to missing activities, self-links, duplicates and every link on
//!   a loop are left out, each with a finding (the same codes validation uses).
//! - Dates become moments at the edge: a date written without a time means the start of that
//!   day for starts and the end of that day for finishes, deadlines and the status date.

use std::collections::HashMap;

use super::calendar::{day_number, moment_of, CalendarError, Moment, WorkCalendar, MINUTES_PER_CALENDAR_DAY};
use super::network::{self, AssignmentSpan, Constraint, Lag, Link, LinkKind, Network, Node};
use super::passes::PassSettings;
use crate::model::{self, Activity, ConstraintKind, DateTime, DependencyKind, Finding, Project, ResourceKind};

/// Where an activity lives in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Task(u32),
    Summary { start: u32, finish: u32 },
    /// Inactive: not scheduled.
    Excluded,
}

#[derive(Debug, Clone)]
pub struct CompiledProject {
    pub network: Network,
    pub settings: PassSettings,
    /// One entry per model activity, in model order.
    pub placement: Vec<Placement>,
    /// For each network link, the model dependency it came from (None for summary brackets).
    pub link_source: Vec<Option<u32>>,
    /// What was left out and why.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompileError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Only reachable through a WBS loop, which validation refuses before scheduling.
    #[error("The summary structure of the plan loops, so it cannot be scheduled.")]
    SummaryLoop,
}

fn start_moment(value: DateTime) -> Moment {
    moment_of(value.0)
}

/// A date-only finish means the end of that day.
fn finish_moment(value: DateTime) -> Moment {
    let moment = moment_of(value.0);
    if moment.rem_euclid(MINUTES_PER_CALENDAR_DAY) == 0 { moment + MINUTES_PER_CALENDAR_DAY } else { moment }
}

fn end_of_day(date: model::Date) -> Moment {
    (day_number(date.0) + 1) * MINUTES_PER_CALENDAR_DAY
}

pub fn compile(project: &Project, path: &str) -> Result<CompiledProject, CompileError> {
    let mut findings = Vec::new();

    // Calendars: index 0 is the project calendar.
    let project_calendar = match project.calendar_id.as_deref().and_then(|id| project.calendars.iter().find(|c| c.id == id)) {
        Some(calendar) => WorkCalendar::compile(calendar)?,
        None => WorkCalendar::standard(),
    };
    let mut calendars = vec![project_calendar];
    for calendar in &project.calendars {
        if Some(calendar.id.as_str()) != project.calendar_id.as_deref() {
            calendars.push(WorkCalendar::compile(calendar)?);
        }
    }
    let calendar_index = calendar_indices(project);
    let resource_calendars = resource_calendars(project, &calendar_index);

    let activity_index: HashMap<&str, usize> = project.activities.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut is_summary = vec![false; project.activities.len()];
    for activity in &project.activities {
        if let Some(&parent) = activity.parent_id.as_deref().and_then(|p| activity_index.get(p)) {
            is_summary[parent] = true;
        }
    }

    let mut nodes: Vec<Node> = Vec::with_capacity(project.activities.len());
    let mut placement = Vec::with_capacity(project.activities.len());
    for (index, activity) in project.activities.iter().enumerate() {
        if !activity.active {
            placement.push(Placement::Excluded);
            continue;
        }
        let calendar = activity.calendar_id.as_deref().and_then(|id| calendar_index.get(id)).copied().unwrap_or(0);
        if is_summary[index] {
            let start = nodes.len() as u32;
            let mut bracket = Node::task(0);
            bracket.calendar = calendar;
            nodes.push(bracket.clone());
            nodes.push(bracket);
            placement.push(Placement::Summary { start, finish: start + 1 });
            continue;
        }
        placement.push(Placement::Task(nodes.len() as u32));
        nodes.push(task_node(activity, calendar, &calendars, &resource_calendars));
    }

    let mut links: Vec<Link> = Vec::with_capacity(project.dependencies.len() + 2 * nodes.len());
    let mut link_source: Vec<Option<u32>> = Vec::with_capacity(links.capacity());
    // Summary brackets: start -> child start, child finish -> finish.
    for (index, activity) in project.activities.iter().enumerate() {
        let Some(&parent) = activity.parent_id.as_deref().and_then(|p| activity_index.get(p)) else { continue };
        let Placement::Summary { start, finish } = placement[parent] else { continue };
        let (child_start, child_finish) = match placement[index] {
            Placement::Task(node) => (node, node),
            Placement::Summary { start, finish } => (start, finish),
            Placement::Excluded => continue,
        };
        links.push(Link { from: start, to: child_start, kind: LinkKind::StartToStart, lag: Lag::Working(0), wbs: true });
        links.push(Link { from: child_finish, to: finish, kind: LinkKind::FinishToFinish, lag: Lag::Working(0), wbs: true });
        link_source.extend([None, None]);
    }

    let mut seen_pairs: HashMap<(u32, u32), usize> = HashMap::new();
    for (index, dependency) in project.dependencies.iter().enumerate() {
        let at = format!("{path}.dependencies[{index}]");
        let ids = vec![dependency.predecessor_id.clone(), dependency.successor_id.clone()];
        let (Some(&from), Some(&to)) = (activity_index.get(dependency.predecessor_id.as_str()), activity_index.get(dependency.successor_id.as_str())) else {
            findings.push(Finding::warning("dangling_dependency", at, "The link names an activity that is not in the project; it was left out of scheduling.").with_ids(ids));
            continue;
        };
        if from == to {
            findings.push(Finding::warning("self_dependency", at, "The link joins an activity to itself; it was left out of scheduling.").with_ids(ids));
            continue;
        }
        let kind = match dependency.kind {
            DependencyKind::FS => LinkKind::FinishToStart,
            DependencyKind::SS => LinkKind::StartToStart,
            DependencyKind::FF => LinkKind::FinishToFinish,
            DependencyKind::SF => LinkKind::StartToFinish,
        };
        // A link on a summary attaches to the end of the summary that its type names.
        let end_of = |placement: Placement, uses_start: bool| match placement {
            Placement::Task(node) => Some(node),
            Placement::Summary { start, finish } => Some(if uses_start { start } else { finish }),
            Placement::Excluded => None,
        };
        let from_uses_start = matches!(kind, LinkKind::StartToStart | LinkKind::StartToFinish);
        let to_uses_start = matches!(kind, LinkKind::FinishToStart | LinkKind::StartToStart);
        let (Some(from_node), Some(to_node)) = (end_of(placement[from], from_uses_start), end_of(placement[to], to_uses_start)) else {
            findings.push(Finding::warning("inactive_dependency", at, "The link touches an inactive activity; it was left out of scheduling.").with_ids(ids));
            continue;
        };
        if let Some(first) = seen_pairs.insert((from as u32, to as u32), index) {
            findings.push(
                Finding::warning("duplicate_dependency", at, format!("The same two activities are already linked at dependencies[{first}]; this link was left out of scheduling."))
                    .with_ids(ids),
            );
            continue;
        }
        let lag = if let Some(percent) = dependency.lag_percent {
            Lag::PercentOfPredecessor(percent / 100.0)
        } else if let Some(days) = dependency.lag_elapsed_days {
            Lag::Elapsed((days * MINUTES_PER_CALENDAR_DAY as f64).round() as i64)
        } else {
            Lag::Working(dependency.lag_days.minutes)
        };
        links.push(Link { from: from_node, to: to_node, kind, lag, wbs: false });
        link_source.push(Some(index as u32));
    }

    let project_calendar = &calendars[0];
    let settings = PassSettings {
        project_start: project_calendar.next_work_start(start_moment(project.start_date)),
        status_date: project.status_date.map(end_of_day),
    };

    // A loop makes the network impossible to order: report it, leave its links out, go on.
    let loops = network::cycles(nodes.len(), &links);
    if !loops.is_empty() {
        let mut dropped = vec![false; links.len()];
        for cycle in &loops {
            let node_ids = activity_ids_of(project, &placement, &cycle.nodes);
            let link_paths: Vec<String> = cycle.links.iter().filter_map(|&l| link_source[l as usize]).map(|d| format!("dependencies[{d}]")).collect();
            for &link in &cycle.links {
                dropped[link as usize] = link_source[link as usize].is_some();
            }
            findings.push(
                Finding::warning(
                    "dependency_cycle",
                    format!("{path}.{}", link_paths.first().cloned().unwrap_or_else(|| "dependencies".to_string())),
                    format!("Activities {} depend on each other in a loop (links {}); those links were left out of scheduling.", node_ids.join(", "), link_paths.join(", ")),
                )
                .with_ids(node_ids),
            );
        }
        let mut kept = dropped.iter().map(|&d| !d);
        links.retain(|_| kept.next().unwrap_or(true));
        let mut kept = dropped.iter().map(|&d| !d);
        link_source.retain(|_| kept.next().unwrap_or(true));
    }
    // A loop made only of summary brackets would need a WBS loop, which validation refuses.
    let (network, number) = Network::build(nodes, links, calendars).map_err(|_| CompileError::SummaryLoop)?;
    for place in &mut placement {
        *place = match *place {
            Placement::Task(node) => Placement::Task(number[node as usize]),
            Placement::Summary { start, finish } => Placement::Summary { start: number[start as usize], finish: number[finish as usize] },
            Placement::Excluded => Placement::Excluded,
        };
    }
    Ok(CompiledProject { network, settings, placement, link_source, findings })
}

/// Where each of the project's calendars sits in the compiled list: the project calendar is 0,
/// the others follow in model order.
fn calendar_indices(project: &Project) -> HashMap<&str, u16> {
    let mut next = 1u16;
    let mut index = HashMap::new();
    for calendar in &project.calendars {
        if Some(calendar.id.as_str()) == project.calendar_id.as_deref() {
            index.insert(calendar.id.as_str(), 0);
        } else {
            index.insert(calendar.id.as_str(), next);
            next += 1;
        }
    }
    index
}

/// The compiled calendar each work resource works on (the project calendar unless it has its
/// own); other kinds of resource are absent, since only work takes time.
pub fn resource_calendars<'a>(project: &'a Project, calendar_index: &HashMap<&str, u16>) -> HashMap<&'a str, u16> {
    project
        .resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Work)
        .map(|r| (r.id.as_str(), r.calendar_id.as_deref().and_then(|id| calendar_index.get(id)).copied().unwrap_or(0)))
        .collect()
}

/// The same map for a project already compiled (a what-if edit recompiles one activity).
pub fn resource_calendars_of(project: &Project) -> HashMap<&str, u16> {
    resource_calendars(project, &calendar_indices(project))
}

/// The node of a task or milestone on `calendars[calendar]`, its dates as positions there.
/// `resource_calendars` gives a resource-driven activity the calendars its assignments run on.
pub fn task_node(activity: &Activity, calendar: u16, calendars: &[WorkCalendar], resource_calendars: &HashMap<&str, u16>) -> Node {
    let mut duration = if activity.milestone { 0 } else { activity.duration_days.minutes.max(0) };
    if duration > 0 && activity.actual_start.is_none() {
        // A split task spans its work plus the working time of its pauses (MS Project keeps the
        // pauses when the task moves, so they count as an amount of working time, not as dates).
        let own = &calendars[calendar as usize];
        duration += activity.splits.iter().map(|split| own.work_between(start_moment(split.from), start_moment(split.to))).sum::<i64>();
    }
    let remaining = activity
        .remaining_duration_days
        .map(|r| r.minutes)
        .or_else(|| activity.actual_start.map(|_| (duration as f64 * (1.0 - activity.percent_complete / 100.0)).round() as i64));
    let position = |moment: Moment| calendars[calendar as usize].position_of(moment);
    let constraint = match &activity.constraint {
        None => Constraint::AsSoonAsPossible,
        Some(constraint) => match (constraint.kind, constraint.date) {
            (ConstraintKind::Alap, _) => Constraint::AsLateAsPossible,
            // A dated constraint without its date is refused by validation; treat as ASAP.
            (ConstraintKind::Asap, _) | (_, None) => Constraint::AsSoonAsPossible,
            (ConstraintKind::Snet, Some(date)) => Constraint::StartNoEarlierThan(position(start_moment(date))),
            (ConstraintKind::Snlt, Some(date)) => Constraint::StartNoLaterThan(position(start_moment(date))),
            (ConstraintKind::Fnet, Some(date)) => Constraint::FinishNoEarlierThan(position(finish_moment(date))),
            (ConstraintKind::Fnlt, Some(date)) => Constraint::FinishNoLaterThan(position(finish_moment(date))),
            (ConstraintKind::Mso, Some(date)) => Constraint::MustStartOn(position(start_moment(date))),
            (ConstraintKind::Mfo, Some(date)) => Constraint::MustFinishOn(position(finish_moment(date))),
        },
    };
    Node {
        duration,
        calendar,
        constraint,
        deadline: activity.deadline.map(|date| position(end_of_day(date))),
        actual_start: activity.actual_start.map(|date| position(start_moment(date))),
        actual_finish: activity.actual_finish.map(|date| position(finish_moment(date))),
        remaining,
        assignment_spans: if activity.resource_driven && !activity.milestone { assignment_spans(activity, resource_calendars) } else { Vec::new() },
    }
}

/// Each work assignment's work at its units, in working minutes of its resource's calendar.
/// Assignments without work, at zero units or of a resource that is not a work resource take
/// no time.
fn assignment_spans(activity: &Activity, resource_calendars: &HashMap<&str, u16>) -> Vec<AssignmentSpan> {
    activity
        .assignments
        .iter()
        .filter_map(|assignment| {
            let calendar = *resource_calendars.get(assignment.resource_id.as_str())?;
            let work_hours = assignment.work_hours.filter(|w| w.is_finite() && *w > 0.0)?;
            let units = Some(assignment.units).filter(|u| u.is_finite() && *u > 0.0)?;
            let work = (work_hours * 60.0 / units).round();
            // Validation bounds work and units; this keeps a corrupt value from overflowing.
            (work < 1.0e12).then_some(AssignmentSpan { calendar, work: work as i64 })
        })
        .collect()
}

fn activity_ids_of(project: &Project, placement: &[Placement], nodes: &[u32]) -> Vec<String> {
    let mut ids: Vec<String> = placement
        .iter()
        .enumerate()
        .filter(|(_, p)| match **p {
            Placement::Task(node) => nodes.contains(&node),
            Placement::Summary { start, finish } => nodes.contains(&start) || nodes.contains(&finish),
            Placement::Excluded => false,
        })
        .map(|(i, _)| project.activities[i].id.clone())
        .collect();
    ids.dedup();
    ids
}
