//! What-if edits: change one duration, add or remove one link, and see what moved. Each edit
//! is checked before it is kept (a refused edit changes nothing) and reschedules only its
//! project, on the project's resident network: a duration edit patches one node, a link edit
//! recompiles the project's network.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use super::{Workspace, WorkspaceError};
use crate::model::{self, DateTime, Dependency, Finding, LoadError, Project, Severity};
use crate::schedule::calendar::date_time_of;
use crate::schedule::compile::CompileError;
use crate::schedule::result::{ActivityDates, LiveSchedule};

/// What a what-if edit did to its project's schedule.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleChange {
    pub project_id: String,
    pub previous_finish: DateTime,
    pub finish: DateTime,
    /// How far the finish moved, in working minutes on the project calendar (later is
    /// positive).
    pub finish_change_minutes: i64,
    /// Activities whose early or late dates or float changed, in plan order.
    pub changed_activity_ids: Vec<String>,
    /// Critical activities after the edit (total float of zero or less).
    pub critical_activity_ids: Vec<String>,
}

impl Workspace {
    /// Sets an activity's duration in working days. Refused (nothing changed) when the value is
    /// not a finite number of days, zero or more, within the model's limits.
    pub fn set_activity_duration(&mut self, project_id: &str, activity_id: &str, days: f64) -> Result<ScheduleChange, WorkspaceError> {
        let (index, position) = self.activity_position(project_id, activity_id)?;
        let path = format!("projects[{index}].activities[{position}].durationDays");
        if !days.is_finite() || days < 0.0 {
            return Err(refused("negative_duration", path, format!("A duration must be a finite number of days, zero or more; got {days}.")));
        }
        // A duration the user sets is the duration: a resource-driven activity stops following
        // its assignments, as a fixed-duration task would in MS Project.
        self.edit_activity(index, position, |activity| {
            activity.duration_days = model::WorkDuration::from_days(days);
            activity.resource_driven = false;
        })?;
        self.reschedule_after(index, |project, live| {
            live.refresh_activity(project, position);
            Ok(())
        })
    }

    /// Adds a link. Refused when an activity is missing, the link joins an activity to itself,
    /// the two are already linked, or the link would close a loop (the activities on the loop
    /// are named).
    pub fn add_dependency(&mut self, project_id: &str, dependency: Dependency) -> Result<ScheduleChange, WorkspaceError> {
        let index = self.project_index(project_id)?;
        let project = &self.portfolio()?.projects[index];
        let at = format!("projects[{index}].dependencies[{}]", project.dependencies.len());
        for id in [&dependency.predecessor_id, &dependency.successor_id] {
            if !project.activities.iter().any(|a| &a.id == id) {
                return Err(WorkspaceError::ActivityNotFound { project: project_id.to_string(), activity: id.clone() });
            }
        }
        if dependency.predecessor_id == dependency.successor_id {
            return Err(refused("self_dependency", at, format!("Activity \"{}\" cannot depend on itself.", dependency.predecessor_id)));
        }
        if let Some(existing) = project.dependencies.iter().position(|d| d.predecessor_id == dependency.predecessor_id && d.successor_id == dependency.successor_id) {
            return Err(refused(
                "duplicate_dependency",
                at,
                format!("\"{}\" is already linked to \"{}\" (dependencies[{existing}]); edit that link instead.", dependency.predecessor_id, dependency.successor_id),
            ));
        }
        if let Some(chain) = path_between(project, &dependency.successor_id, &dependency.predecessor_id) {
            return Err(refused(
                "dependency_cycle",
                at,
                format!("Linking \"{}\" to \"{}\" would close a loop: {} already leads back to it.", dependency.predecessor_id, dependency.successor_id, chain.join(" -> ")),
            ));
        }
        self.edit_project(index, |project| {
            project.dependencies.push(dependency);
            Ok(())
        })?;
        self.reschedule_after(index, |project, live| recompile(project, index, live))
    }

    /// Removes the link from `predecessor_id` to `successor_id`.
    pub fn remove_dependency(&mut self, project_id: &str, predecessor_id: &str, successor_id: &str) -> Result<ScheduleChange, WorkspaceError> {
        let index = self.project_index(project_id)?;
        let project = &self.portfolio()?.projects[index];
        let position = project.dependencies.iter().position(|d| d.predecessor_id == predecessor_id && d.successor_id == successor_id).ok_or_else(|| {
            WorkspaceError::DependencyNotFound { project: project_id.to_string(), predecessor: predecessor_id.to_string(), successor: successor_id.to_string() }
        })?;
        self.edit_project(index, |project| {
            project.dependencies.remove(position);
            Ok(())
        })?;
        self.reschedule_after(index, |project, live| recompile(project, index, live))
    }

    fn activity_position(&self, project_id: &str, activity_id: &str) -> Result<(usize, usize), WorkspaceError> {
        let index = self.project_index(project_id)?;
        let project = &self.portfolio()?.projects[index];
        let position = project.activities.iter().position(|a| a.id == activity_id).ok_or_else(|| WorkspaceError::ActivityNotFound {
            project: project_id.to_string(),
            activity: activity_id.to_string(),
        })?;
        Ok((index, position))
    }

    /// Applies `edit` to a copy of one activity and keeps it only if the activity still
    /// validates; its findings are refreshed.
    fn edit_activity(&mut self, index: usize, position: usize, edit: impl FnOnce(&mut model::Activity)) -> Result<(), WorkspaceError> {
        let id = self.portfolio()?.projects[index].id.clone();
        self.live_schedule(&id)?;
        let portfolio = self.portfolio.as_mut().ok_or(WorkspaceError::NotLoaded)?;
        let project = &mut portfolio.projects[index];
        let mut candidate = project.activities[position].clone();
        edit(&mut candidate);
        let at = format!("projects[{index}].activities[{position}]");
        let findings = model::validate_activity(&at, &candidate, project.status_date);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            return Err(LoadError::Invalid(findings).into());
        }
        project.activities[position] = candidate;
        let inside = format!("{at}.");
        self.findings.retain(|f| !(f.project_id.as_deref() == Some(id.as_str()) && (f.path == at || f.path.starts_with(&inside))));
        self.findings.extend(findings.into_iter().map(|f| f.for_project(&id)));
        Ok(())
    }

    /// Applies `edit` to a copy of the project and keeps it only if the project still
    /// validates without errors; the project's findings are refreshed.
    fn edit_project(&mut self, index: usize, edit: impl FnOnce(&mut Project) -> Result<(), WorkspaceError>) -> Result<(), WorkspaceError> {
        // The schedule before the edit must be resident for the report of what moved.
        let id = self.portfolio()?.projects[index].id.clone();
        self.live_schedule(&id)?;
        let portfolio = self.portfolio.as_mut().ok_or(WorkspaceError::NotLoaded)?;
        let mut candidate = portfolio.projects[index].clone();
        edit(&mut candidate)?;
        let findings = model::validate_project(&format!("projects[{index}]"), &candidate);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            return Err(LoadError::Invalid(findings).into());
        }
        portfolio.projects[index] = candidate;
        self.findings.retain(|f| f.project_id.as_deref() != Some(id.as_str()));
        self.findings.extend(findings.into_iter().map(|f| f.for_project(&id)));
        Ok(())
    }

    /// Brings the project's resident schedule up to date with `update` and reports what moved.
    fn reschedule_after(&mut self, index: usize, update: impl FnOnce(&Project, &mut LiveSchedule) -> Result<(), CompileError>) -> Result<ScheduleChange, WorkspaceError> {
        let id = self.portfolio()?.projects[index].id.clone();
        self.failed_quality_checks.remove(&id);
        let (project, live) = self.live_schedule(&id)?;
        let before: Vec<Option<ActivityDates>> = (0..project.activities.len()).map(|i| live.activity_dates(project, i)).collect();
        let previous_finish = live.finish();
        if let Err(error) = update(project, live) {
            self.schedules.remove(&id);
            return Err(error.into());
        }
        let mut changed = Vec::new();
        let mut critical = Vec::new();
        for (i, activity) in project.activities.iter().enumerate() {
            let after = live.activity_dates(project, i);
            if !same_dates(before.get(i).copied().flatten(), after) {
                changed.push(activity.id.clone());
            }
            if after.is_some_and(|d| !d.summary && live.is_critical(project, i, &d, 0)) {
                critical.push(activity.id.clone());
            }
        }
        Ok(ScheduleChange {
            project_id: id,
            previous_finish: DateTime(date_time_of(previous_finish)),
            finish: DateTime(date_time_of(live.finish())),
            finish_change_minutes: live.project_work_between(previous_finish, live.finish()),
            changed_activity_ids: changed,
            critical_activity_ids: critical,
        })
    }
}

/// A link edit changes the network's shape: compile the project again.
fn recompile(project: &Project, index: usize, live: &mut LiveSchedule) -> Result<(), CompileError> {
    *live = LiveSchedule::new(project, &format!("projects[{index}]"))?;
    Ok(())
}

fn same_dates(before: Option<ActivityDates>, after: Option<ActivityDates>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => {
            (a.early_start, a.early_finish, a.late_start, a.late_finish, a.total_float, a.free_float)
                == (b.early_start, b.early_finish, b.late_start, b.late_finish, b.total_float, b.free_float)
        }
        (None, None) => true,
        _ => false,
    }
}

fn refused(code: &'static str, path: String, message: String) -> WorkspaceError {
    LoadError::Invalid(vec![Finding::error(code, path, message)]).into()
}

/// The activities on a chain of links from `from` to `to`, when there is one (breadth first,
/// so the shortest chain is named).
fn path_between(project: &Project, from: &str, to: &str) -> Option<Vec<String>> {
    let mut successors: HashMap<&str, Vec<&str>> = HashMap::new();
    for dependency in &project.dependencies {
        successors.entry(dependency.predecessor_id.as_str()).or_default().push(dependency.successor_id.as_str());
    }
    let mut came_from: HashMap<&str, &str> = HashMap::from([(from, from)]);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut chain = vec![to.to_string()];
            let mut at = to;
            while at != from {
                at = came_from[at];
                chain.push(at.to_string());
            }
            chain.reverse();
            return Some(chain);
        }
        for &next in successors.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            if !came_from.contains_key(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}
