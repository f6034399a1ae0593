//! What-if edits: change one duration, add or remove one link, set one activity's percent
//! complete or one risk's probability, and see what moved. Each edit is checked before it is
//! kept (a refused edit changes nothing) and reschedules only its project, on the project's
//! resident network: a duration or progress edit patches one node, a link edit recompiles the
//! project's network, a risk edit schedules nothing.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use super::{Workspace, WorkspaceError};
use crate::evm::project::activity_earned_value;
use crate::model::{self, Date, DateTime, Dependency, Finding, LoadError, Project, Severity};
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

/// What a percent complete edit did: the schedule's change, and the earned value's.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressChange {
    #[serde(flatten)]
    pub schedule: ScheduleChange,
    /// How much the activity's earned value at the status date moved (project currency);
    /// zero without a status date.
    pub earned_value_change: f64,
    /// The status report whose earned value moved by as much, when the project reports its
    /// progress in snapshots (its earned value is read from the latest one, not the activities).
    pub adjusted_snapshot_date: Option<Date>,
}

/// What a risk probability edit changed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskChange {
    pub project_id: String,
    pub risk_id: String,
    /// Absent when the risk had not been assessed.
    pub previous_probability: Option<f64>,
    pub probability: f64,
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

    /// Sets an activity's percent complete (0 to 100) as MS Project does when progress is
    /// entered: above zero the activity gets an actual start if it had none, at 100 an actual
    /// finish, below 100 no actual finish, and at zero no actuals; its remaining duration
    /// follows from the percentage. MS Project takes the actual dates from the task's current
    /// dates; ours put work not started by the status date after it, so an activity not yet
    /// started takes its baseline dates (what was planned) where it has them, and its scheduled
    /// dates otherwise. One already started keeps its actual start and finishes as scheduled. When the project
    /// reports progress in status snapshots, the latest one up to the status date moves by the
    /// activity's change in earned value, so the what-if shows in EVM and health too.
    /// Refused for a summary, whose progress is its activities'.
    pub fn set_percent_complete(&mut self, project_id: &str, activity_id: &str, percent: f64) -> Result<ProgressChange, WorkspaceError> {
        let (index, position) = self.activity_position(project_id, activity_id)?;
        let path = format!("projects[{index}].activities[{position}].percentComplete");
        if !(0.0..=100.0).contains(&percent) {
            return Err(refused("invalid_percent_complete", path, format!("Percent complete must be a number from 0 to 100; got {percent}.")));
        }
        if self.portfolio()?.projects[index].activities.iter().any(|a| a.parent_id.as_deref() == Some(activity_id)) {
            return Err(refused(
                "summary_progress",
                path,
                format!("\"{activity_id}\" is a summary: its progress is its activities'. Set theirs instead."),
            ));
        }
        let status = self.status_of(index, None).ok();
        let earned_before = self.activity_earned_value_at(index, position, status)?;
        let (project, live) = self.live_schedule(project_id)?;
        let Some(scheduled) = live.activity_dates(project, position) else {
            return Err(refused("inactive_activity", path, format!("\"{activity_id}\" is inactive, so it has no schedule to record progress against.")));
        };
        let activity = &project.activities[position];
        let planned = project.baseline.as_ref().and_then(|b| b.activities.iter().find(|e| e.activity_id == activity.id)).map(|e| (e.start, e.finish));
        let (start, finish) = match planned {
            Some(dates) if activity.actual_start.is_none() => dates,
            _ => (DateTime(date_time_of(scheduled.early_start)), DateTime(date_time_of(scheduled.early_finish))),
        };
        self.edit_activity(index, position, |activity| {
            activity.percent_complete = percent;
            activity.remaining_duration_days = None;
            if percent == 0.0 {
                activity.actual_start = None;
                activity.actual_finish = None;
            } else {
                activity.actual_start.get_or_insert(start);
                if percent < 100.0 {
                    activity.actual_finish = None;
                } else {
                    activity.actual_finish.get_or_insert(finish);
                }
            }
        })?;
        let earned_value_change = self.activity_earned_value_at(index, position, status)? - earned_before;
        let adjusted_snapshot_date = if earned_value_change == 0.0 { None } else { self.move_reported_earned_value(index, status, earned_value_change)? };
        let schedule = self.reschedule_after(index, |project, live| {
            live.refresh_activity(project, position);
            Ok(())
        })?;
        Ok(ProgressChange { schedule, earned_value_change, adjusted_snapshot_date })
    }

    /// Sets a risk's probability before response (0 to 1). Nothing is rescheduled; the
    /// register, exposure, simulation and health read the new value.
    pub fn set_risk_probability(&mut self, project_id: &str, risk_id: &str, probability: f64) -> Result<RiskChange, WorkspaceError> {
        let index = self.project_index(project_id)?;
        let position = self.portfolio()?.projects[index].risks.iter().position(|r| r.id == risk_id).ok_or_else(|| WorkspaceError::RiskNotFound {
            project: project_id.to_string(),
            risk: risk_id.to_string(),
        })?;
        if !(0.0..=1.0).contains(&probability) {
            return Err(refused(
                "invalid_probability",
                format!("projects[{index}].risks[{position}].probability"),
                format!("A probability must be a number from 0 to 1 (0.25 is 25%); got {probability}."),
            ));
        }
        let previous_probability = self.portfolio()?.projects[index].risks[position].probability;
        self.edit_project(index, |project| {
            project.risks[position].probability = Some(probability);
            Ok(())
        })?;
        Ok(RiskChange { project_id: project_id.to_string(), risk_id: risk_id.to_string(), previous_probability, probability })
    }

    /// The activity's earned value at `status` (zero without one).
    fn activity_earned_value_at(&mut self, index: usize, position: usize, status: Option<chrono::NaiveDate>) -> Result<f64, WorkspaceError> {
        let Some(status) = status else { return Ok(0.0) };
        let (project, basis) = self.basis(index)?;
        Ok(activity_earned_value(project, basis, position, status))
    }

    /// Moves the earned value of the latest status snapshot up to `status` by `change`, and
    /// says which one; none when the project has no snapshot then (its earned value is read
    /// from the activities, which already moved).
    fn move_reported_earned_value(&mut self, index: usize, status: Option<chrono::NaiveDate>, change: f64) -> Result<Option<Date>, WorkspaceError> {
        let Some(status) = status else { return Ok(None) };
        let portfolio = self.portfolio.as_mut().ok_or(WorkspaceError::NotLoaded)?;
        self.gathered_health.remove(&portfolio.projects[index].id);
        let snapshots = &mut portfolio.projects[index].snapshots;
        let latest = snapshots.iter_mut().filter(|s| s.date.0 <= status).max_by_key(|s| s.date);
        Ok(latest.map(|snapshot| {
            // A report below this activity's own earned value was inconsistent already; the
            // what-if does not take it below zero.
            snapshot.earned_value = (snapshot.earned_value + change).max(0.0);
            snapshot.date
        }))
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
        self.gathered_health.remove(&id);
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
        self.gathered_health.remove(&id);
        self.findings.retain(|f| f.project_id.as_deref() != Some(id.as_str()));
        self.findings.extend(findings.into_iter().map(|f| f.for_project(&id)));
        Ok(())
    }

    /// Brings the project's resident schedule up to date with `update` and reports what moved.
    fn reschedule_after(&mut self, index: usize, update: impl FnOnce(&Project, &mut LiveSchedule) -> Result<(), CompileError>) -> Result<ScheduleChange, WorkspaceError> {
        let id = self.portfolio()?.projects[index].id.clone();
        self.failed_quality_checks.remove(&id);
        self.over_allocations.remove(&id);
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
