//! Validation of a whole portfolio: every finding is collected, none stops the others.
//!
//! Each finding has a stable code (see the table in README.md), a severity, the path of the
//! field in the JSON document, a sentence for the analyst and the ids of the records involved.
//! Errors make a document unusable (a duplicate id, an impossible number). Warnings are things
//! the engines can work around and the user should fix: a link to a missing activity or a loop
//! of links is left out of scheduling and reported, so a broken plan still loads and shows.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use super::activity::Activity;
use super::graph;
use super::portfolio::{Portfolio, SCHEMA_VERSION};
use super::project::Project;
use super::time::{Date, DateTime, WorkDuration, MINUTES_PER_DAY};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub path: String,
    pub message: String,
    /// The project the finding is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Ids of the records involved (the activities on a loop, the two holders of a duplicate id).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

impl Finding {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { code, severity: Severity::Error, path: path.into(), message: message.into(), project_id: None, ids: Vec::new() }
    }
    pub fn warning(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { code, severity: Severity::Warning, path: path.into(), message: message.into(), project_id: None, ids: Vec::new() }
    }
    pub fn for_project(mut self, project_id: &str) -> Finding {
        self.project_id = Some(project_id.to_string());
        self
    }
    pub fn with_ids(mut self, ids: Vec<String>) -> Finding {
        self.ids = ids;
        self
    }
}

/// Amounts beyond this are taken as a data-entry slip (a quadrillion in any currency).
const MONEY_LIMIT: f64 = 1.0e15;
/// Plans reach from 1900 to 2200; outside that a date is a typo.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2200;
/// A duration longer than a century of working days is a unit mistake, not a plan.
const DURATION_LIMIT_MINUTES: i64 = 100 * 260 * MINUTES_PER_DAY;

/// Checks everything in a portfolio.
pub fn validate(portfolio: &Portfolio) -> Vec<Finding> {
    let mut check = Checker::default();
    let root = Path::document();
    if portfolio.schema_version != SCHEMA_VERSION {
        check.findings.push(super::parse::unsupported_version(portfolio.schema_version as u64));
    }
    check.identifier(root.field("id"), &portfolio.id, "portfolio");
    check.currency(root.field("currency"), &portfolio.currency);
    check.date_opt(root.field("statusDate"), portfolio.status_date);
    if !(1..=12).contains(&portfolio.fiscal_year_start_month) {
        check.findings.push(Finding::error(
            "out_of_range",
            "fiscalYearStartMonth",
            format!("fiscalYearStartMonth is {}; it must be a month from 1 to 12.", portfolio.fiscal_year_start_month),
        ));
    }
    check_org_units(&mut check, portfolio);

    let unit_ids: HashSet<&str> = portfolio.org_units.iter().map(|u| u.id.as_str()).collect();
    let mut project_ids = UniqueIds::new("project", root.field("projects"), "id");
    for (index, project) in portfolio.projects.iter().enumerate() {
        let path = root.index("projects", index);
        project_ids.see(&mut check, index, &project.id);
        if let Some(unit) = &project.org_unit_id {
            if !unit_ids.contains(unit.as_str()) {
                check.findings.push(
                    Finding::error(
                        "unknown_reference",
                        path.field("orgUnitId").to_string(),
                        format!("Project \"{}\" reports to organisation unit \"{unit}\", which does not exist.", project.name),
                    )
                    .with_ids(vec![project.id.clone()]),
                );
            }
        }
        let first_of_project = check.findings.len();
        check_project(&mut check, path, project);
        for finding in &mut check.findings[first_of_project..] {
            finding.project_id = Some(project.id.clone());
        }
    }
    check.findings
}

/// Checks one project on its own (used when a single project is replaced).
pub fn validate_project(path: &str, project: &Project) -> Vec<Finding> {
    let mut check = Checker::default();
    check_project(&mut check, Path::text(path), project);
    check.findings
}

/// Checks one activity on its own: enough after a what-if edit of its duration, which no rule
/// between activities reads.
pub fn validate_activity(at: &str, activity: &Activity, status_date: Option<Date>) -> Vec<Finding> {
    let mut check = Checker::default();
    check_activity(&mut check, Path::text(at), activity, status_date);
    check.findings
}

fn check_org_units(check: &mut Checker, portfolio: &Portfolio) {
    let root = Path::document();
    let mut unit_ids = UniqueIds::new("organisation unit", root.field("orgUnits"), "id");
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (index, unit) in portfolio.org_units.iter().enumerate() {
        unit_ids.see(check, index, &unit.id);
        index_of.entry(unit.id.as_str()).or_insert(index);
        check.text(root.index("orgUnits", index).field("name"), &unit.name, "organisation unit");
    }
    let mut parent_edges = Vec::new();
    for (index, unit) in portfolio.org_units.iter().enumerate() {
        let Some(parent) = &unit.parent_id else { continue };
        match index_of.get(parent.as_str()) {
            Some(&parent_index) if parent_index == index => check.findings.push(
                Finding::error("org_cycle", root.index("orgUnits", index).field("parentId").to_string(), format!("Organisation unit \"{}\" is its own parent.", unit.name))
                    .with_ids(vec![unit.id.clone()]),
            ),
            Some(&parent_index) => parent_edges.push((index, parent_index)),
            None => check.findings.push(
                Finding::error(
                    "unknown_reference",
                    root.index("orgUnits", index).field("parentId").to_string(),
                    format!("Organisation unit \"{}\" sits under \"{parent}\", which does not exist.", unit.name),
                )
                .with_ids(vec![unit.id.clone()]),
            ),
        }
    }
    for cycle in graph::cycles(portfolio.org_units.len(), &parent_edges) {
        let ids: Vec<String> = cycle.iter().map(|&i| portfolio.org_units[i].id.clone()).collect();
        check.findings.push(
            Finding::error(
                "org_cycle",
                root.index("orgUnits", cycle[0]).field("parentId").to_string(),
                format!("The organisation tree loops: {} sit under each other.", ids.join(", ")),
            )
            .with_ids(ids),
        );
    }
}

fn check_project(check: &mut Checker, path: Path<'_>, project: &Project) {
    check.text(path.field("name"), &project.name, "project");
    check.currency(path.field("currency"), &project.currency);
    check.date_time(path.field("startDate"), project.start_date);
    check.date_opt(path.field("statusDate"), project.status_date);
    check.date_opt(path.field("committedFinish"), project.committed_finish);
    check.money(path.field("budgetAtCompletion"), project.budget_at_completion);

    let mut calendar_ids = UniqueIds::new("calendar", path.field("calendars"), "id");
    for (index, calendar) in project.calendars.iter().enumerate() {
        let at = path.index("calendars", index);
        calendar_ids.see(check, index, &calendar.id);
        for (hours_index, hours) in calendar.working_hours.iter().enumerate() {
            if hours.to <= hours.from {
                check.order(at.index("workingHours", hours_index), "working hours must end after they start");
            }
        }
        check_week_hours(check, at, calendar);
        for (exception_index, exception) in calendar.exceptions.iter().enumerate() {
            let exception_path = at.index("exceptions", exception_index);
            check.date(exception_path.field("from"), exception.from);
            check.date(exception_path.field("to"), exception.to);
            if exception.to < exception.from {
                check.order(exception_path, "the exception must end on or after the day it starts");
            }
        }
    }
    let calendars: HashSet<&str> = project.calendars.iter().map(|c| c.id.as_str()).collect();
    if let Some(calendar) = &project.calendar_id {
        check.reference(path.field("calendarId"), calendar, &calendars, "calendar", &project.id);
    }

    let resources = check_resources(check, path, project, &calendars);
    let activity_index = check_activities(check, path, project, &calendars, &resources);
    check_dependencies(check, path, project, &activity_index);
    check_baseline(check, path, project, &activity_index);
    check_registers(check, path, project, &activity_index);
    check_tracking(check, path, project);
}

/// Per-weekday hours: each day named once, each interval ending after it starts, and the
/// intervals of a day in time order without overlap (an overlap would count the same minutes
/// twice, and an unordered list usually means a typing slip).
fn check_week_hours(check: &mut Checker, at: Path<'_>, calendar: &crate::model::Calendar) {
    let mut first_of_day: HashMap<crate::model::Weekday, usize> = HashMap::new();
    for (day_index, day) in calendar.week_hours.iter().enumerate() {
        let day_path = at.index("weekHours", day_index);
        if let Some(&first) = first_of_day.get(&day.day) {
            check.findings.push(Finding::error(
                "duplicate_weekday",
                day_path.field("day").to_string(),
                format!("{:?} already has its hours at {at}.weekHours[{first}]; name each weekday once.", day.day),
            ));
        } else {
            first_of_day.insert(day.day, day_index);
        }
        for (hours_index, hours) in day.hours.iter().enumerate() {
            let hours_path = day_path.index("hours", hours_index);
            if hours.to <= hours.from {
                check.order(hours_path, "working hours must end after they start");
            } else if let Some(previous) = hours_index.checked_sub(1).map(|i| &day.hours[i]) {
                if hours.from < previous.to {
                    check.findings.push(Finding::error(
                        "overlapping_working_hours",
                        hours_path.to_string(),
                        format!(
                            "{:?} hours from {} start before the previous interval ends at {}; list the intervals in time order without overlap.",
                            day.day,
                            hours.from,
                            previous.to,
                        ),
                    ));
                }
            }
        }
    }
}

fn check_resources<'a>(check: &mut Checker, path: Path<'_>, project: &'a Project, calendars: &HashSet<&str>) -> HashSet<&'a str> {
    let mut ids = UniqueIds::new("resource", path.field("resources"), "id");
    for (index, resource) in project.resources.iter().enumerate() {
        let at = path.index("resources", index);
        ids.see(check, index, &resource.id);
        check.text(at.field("name"), &resource.name, "resource");
        check.bounded(at.field("capacityUnits"), resource.capacity_units, 0.0, 1000.0, "units (1 is one full-time person)");
        check.money(at.field("ratePerHour"), resource.rate_per_hour);
        if let Some(calendar) = &resource.calendar_id {
            check.reference(at.field("calendarId"), calendar, calendars, "calendar", &resource.id);
        }
    }
    project.resources.iter().map(|r| r.id.as_str()).collect()
}

fn check_activities<'a>(
    check: &mut Checker,
    path: Path<'_>,
    project: &'a Project,
    calendars: &HashSet<&str>,
    resources: &HashSet<&str>,
) -> HashMap<&'a str, usize> {
    let mut ids = UniqueIds::new("activity", path.field("activities"), "id");
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (index, activity) in project.activities.iter().enumerate() {
        ids.see(check, index, &activity.id);
        index_of.entry(activity.id.as_str()).or_insert(index);
    }
    let mut parent_edges = Vec::new();
    for (index, activity) in project.activities.iter().enumerate() {
        let at = path.index("activities", index);
        check_activity(check, at, activity, project.status_date);
        if let Some(calendar) = &activity.calendar_id {
            check.reference(at.field("calendarId"), calendar, calendars, "calendar", &activity.id);
        }
        for (assignment_index, assignment) in activity.assignments.iter().enumerate() {
            let assignment_path = at.index("assignments", assignment_index);
            check.reference(assignment_path.field("resourceId"), &assignment.resource_id, resources, "resource", &activity.id);
            check.bounded(assignment_path.field("units"), assignment.units, 0.0, 1000.0, "units (1 is full time)");
            if let Some(work) = assignment.work_hours {
                check.bounded(assignment_path.field("workHours"), work, 0.0, 1.0e9, "hours");
            }
        }
        if let Some(parent) = &activity.parent_id {
            match index_of.get(parent.as_str()) {
                Some(&parent_index) => parent_edges.push((index, parent_index)),
                None => check.findings.push(
                    Finding::error(
                        "unknown_reference",
                        at.field("parentId").to_string(),
                        format!("Activity \"{}\" sits under summary \"{parent}\", which is not an activity of this project.", activity.name),
                    )
                    .with_ids(vec![activity.id.clone()]),
                ),
            }
        }
    }
    let self_parents = parent_edges.iter().filter(|(child, parent)| child == parent);
    let mut wbs_loops: Vec<Vec<usize>> = self_parents.map(|&(child, _)| vec![child]).collect();
    wbs_loops.extend(graph::cycles(project.activities.len(), &parent_edges));
    for cycle in wbs_loops {
        let ids: Vec<String> = cycle.iter().map(|&i| project.activities[i].id.clone()).collect();
        check.findings.push(
            Finding::error(
                "wbs_cycle",
                path.index("activities", cycle[0]).field("parentId").to_string(),
                format!("The WBS loops: activities {} are each other's summaries.", ids.join(", ")),
            )
            .with_ids(ids),
        );
    }
    index_of
}

fn check_activity(check: &mut Checker, at: Path<'_>, activity: &Activity, status_date: Option<Date>) {
    let id = vec![activity.id.clone()];
    check.text(at.field("name"), &activity.name, "activity");
    check.duration(at.field("durationDays"), activity.duration_days, &activity.name);
    if activity.milestone && activity.duration_days.minutes != 0 {
        check.findings.push(
            Finding::warning(
                "milestone_with_duration",
                at.field("durationDays").to_string(),
                format!("Milestone \"{}\" has a duration of {} days; a milestone is a point in time, so the duration is ignored.", activity.name, activity.duration_days.days()),
            )
            .with_ids(id.clone()),
        );
    }
    check.bounded(at.field("percentComplete"), activity.percent_complete, 0.0, 100.0, "percent");
    if let Some(remaining) = activity.remaining_duration_days {
        check.duration(at.field("remainingDurationDays"), remaining, &activity.name);
    }
    check.money(at.field("cost"), activity.cost);
    if let Some(actual_cost) = activity.actual_cost {
        check.money(at.field("actualCost"), actual_cost);
    }
    if let Some(constraint) = &activity.constraint {
        match constraint.date {
            Some(date) => check.date_time(at.field("constraint").field("date"), date),
            None if constraint.kind.needs_date() => check.findings.push(
                Finding::error(
                    "missing_constraint_date",
                    at.field("constraint").field("date").to_string(),
                    format!("Activity \"{}\" has a {} constraint without a date.", activity.name, constraint.kind.code()),
                )
                .with_ids(id.clone()),
            ),
            None => {}
        }
    }
    check.date_opt(at.field("deadline"), activity.deadline);
    if let Some(start) = activity.actual_start {
        check.date_time(at.field("actualStart"), start);
    }
    if let Some(finish) = activity.actual_finish {
        check.date_time(at.field("actualFinish"), finish);
    }
    for (index, split) in activity.splits.iter().enumerate() {
        let path = at.index("splits", index);
        check.date_time(path.field("from"), split.from);
        check.date_time(path.field("to"), split.to);
        if split.to <= split.from {
            check.order(path.field("to"), &format!("a split of activity \"{}\" must end after it begins", activity.name));
        }
    }
    match (activity.actual_start, activity.actual_finish) {
        (None, Some(_)) => check.findings.push(
            Finding::error(
                "actual_finish_without_start",
                at.field("actualStart").to_string(),
                format!("Activity \"{}\" has an actual finish but no actual start.", activity.name),
            )
            .with_ids(id.clone()),
        ),
        (Some(start), Some(finish)) if finish < start => {
            check.order(at.field("actualFinish"), &format!("activity \"{}\" cannot finish before it starts", activity.name))
        }
        _ => {}
    }
    if activity.percent_complete > 0.0 && activity.actual_start.is_none() {
        check.findings.push(
            Finding::warning(
                "progress_without_actual_start",
                at.field("actualStart").to_string(),
                format!("Activity \"{}\" is {}% complete but has no actual start.", activity.name, activity.percent_complete),
            )
            .with_ids(id.clone()),
        );
    }
    if let Some(status_date) = status_date {
        for (field, value) in [("actualStart", activity.actual_start), ("actualFinish", activity.actual_finish)] {
            if let Some(value) = value {
                if value.date() > status_date {
                    check.findings.push(
                        Finding::warning(
                            "actual_after_status_date",
                            at.field(field).to_string(),
                            format!("Activity \"{}\" has an actual date ({value}) after the status date ({status_date}); actuals cannot be in the future.", activity.name),
                        )
                        .with_ids(id.clone()),
                    );
                }
            }
        }
    }
}

fn check_dependencies(check: &mut Checker, path: Path<'_>, project: &Project, activity_index: &HashMap<&str, usize>) {
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut edges = Vec::new();
    let mut edge_link = Vec::new();
    for (index, dependency) in project.dependencies.iter().enumerate() {
        let at = path.index("dependencies", index);
        let ids = vec![dependency.predecessor_id.clone(), dependency.successor_id.clone()];
        check.duration_signed(at.field("lagDays"), dependency.lag_days);
        let lag_forms = [dependency.lag_days.minutes != 0, dependency.lag_elapsed_days.is_some(), dependency.lag_percent.is_some()];
        if lag_forms.iter().filter(|&&given| given).count() > 1 {
            check.findings.push(Finding::error("conflicting_lag", at.field("lagDays").to_string(), "A link gives its lag in more than one form (lagDays, lagElapsedDays, lagPercent); give one.").with_ids(ids.clone()));
        }
        if let Some(days) = dependency.lag_elapsed_days {
            check.finite_signed(at.field("lagElapsedDays"), days, 36_500.0);
        }
        if let Some(percent) = dependency.lag_percent {
            check.finite_signed(at.field("lagPercent"), percent, 100_000.0);
        }
        let predecessor = activity_index.get(dependency.predecessor_id.as_str());
        let successor = activity_index.get(dependency.successor_id.as_str());
        for (field, id, found) in [("predecessorId", &dependency.predecessor_id, predecessor), ("successorId", &dependency.successor_id, successor)] {
            if found.is_none() {
                check.findings.push(
                    Finding::warning(
                        "dangling_dependency",
                        at.field(field).to_string(),
                        format!("A link points to activity \"{id}\", which is not in this project; the link is left out of scheduling."),
                    )
                    .with_ids(ids.clone()),
                );
            }
        }
        let (Some(&from), Some(&to)) = (predecessor, successor) else { continue };
        if from == to {
            check.findings.push(
                Finding::warning(
                    "self_dependency",
                    at.to_string(),
                    format!("Activity \"{}\" is linked to itself; the link is left out of scheduling.", dependency.predecessor_id),
                )
                .with_ids(ids),
            );
            continue;
        }
        if let Some(first) = seen.insert((from, to), index) {
            check.findings.push(
                Finding::warning(
                    "duplicate_dependency",
                    at.to_string(),
                    format!(
                        "Activities \"{}\" and \"{}\" are linked twice (also at dependencies[{first}]); MS Project allows one link per pair.",
                        dependency.predecessor_id, dependency.successor_id
                    ),
                )
                .with_ids(ids),
            );
            continue;
        }
        edges.push((from, to));
        edge_link.push(index);
    }
    for cycle in graph::cycles(project.activities.len(), &edges) {
        let ids: Vec<String> = cycle.iter().map(|&i| project.activities[i].id.clone()).collect();
        let members: HashSet<usize> = cycle.iter().copied().collect();
        let links: Vec<String> = edges
            .iter()
            .zip(&edge_link)
            .filter(|((from, to), _)| members.contains(from) && members.contains(to))
            .map(|(_, link)| format!("dependencies[{link}]"))
            .collect();
        check.findings.push(
            Finding::warning(
                "dependency_cycle",
                format!("{path}.{}", links.first().cloned().unwrap_or_else(|| "dependencies".to_string())),
                format!(
                    "Activities {} depend on each other in a loop (links {}), so none of them can start first; these links are left out of scheduling until the loop is broken.",
                    ids.join(", "),
                    links.join(", ")
                ),
            )
            .with_ids(ids),
        );
    }
}

fn check_baseline(check: &mut Checker, path: Path<'_>, project: &Project, activity_index: &HashMap<&str, usize>) {
    let Some(baseline) = &project.baseline else { return };
    let baseline_path = path.field("baseline");
    check.date(baseline_path.field("approvedOn"), baseline.approved_on);
    let known: HashSet<&str> = activity_index.keys().copied().collect();
    let mut seen = UniqueIds::new("baseline entry for activity", baseline_path.field("activities"), "activityId");
    for (index, entry) in baseline.activities.iter().enumerate() {
        let at = baseline_path.index("activities", index);
        seen.see(check, index, &entry.activity_id);
        check.reference(at.field("activityId"), &entry.activity_id, &known, "activity", &entry.activity_id);
        check.date_time(at.field("start"), entry.start);
        check.date_time(at.field("finish"), entry.finish);
        if entry.finish < entry.start {
            check.order(at.field("finish"), "a baseline finish cannot be before its start");
        }
        check.money(at.field("cost"), entry.cost);
    }
}

fn check_registers(check: &mut Checker, path: Path<'_>, project: &Project, activity_index: &HashMap<&str, usize>) {
    let known: HashSet<&str> = activity_index.keys().copied().collect();
    let mut risk_ids = UniqueIds::new("risk", path.field("risks"), "id");
    for (index, risk) in project.risks.iter().enumerate() {
        let at = path.index("risks", index);
        risk_ids.see(check, index, &risk.id);
        check.text(at.field("title"), &risk.title, "risk");
        check.date_opt(at.field("raisedOn"), risk.raised_on);
        check.date_opt(at.field("proximity"), risk.proximity);
        check.probability(at.field("probability"), risk.probability);
        check.money_opt(at.field("costImpact"), risk.cost_impact);
        check.impact_days(at.field("scheduleImpactDays"), risk.schedule_impact_days);
        if let Some(response) = &risk.response {
            let response_path = at.field("response");
            check.date_opt(response_path.field("due"), response.due);
            check.probability(response_path.field("residualProbability"), response.residual_probability);
            check.money_opt(response_path.field("residualCostImpact"), response.residual_cost_impact);
            check.impact_days(response_path.field("residualScheduleImpactDays"), response.residual_schedule_impact_days);
        }
        if risk.probability.is_none() || (risk.cost_impact.is_none() && risk.schedule_impact_days.is_none()) {
            check.findings.push(
                Finding::warning(
                    "risk_not_assessed",
                    at.to_string(),
                    format!("Risk \"{}\" has no probability or no impact yet; it will be scored as the worst case until it is assessed.", risk.title),
                )
                .with_ids(vec![risk.id.clone()]),
            );
        }
        for (link_index, activity) in risk.activity_ids.iter().enumerate() {
            check.reference(at.index("activityIds", link_index), activity, &known, "activity", &risk.id);
        }
    }
    let mut issue_ids = UniqueIds::new("issue", path.field("issues"), "id");
    for (index, issue) in project.issues.iter().enumerate() {
        let at = path.index("issues", index);
        issue_ids.see(check, index, &issue.id);
        check.text(at.field("title"), &issue.title, "issue");
        check.date(at.field("openedOn"), issue.opened_on);
        check.date_opt(at.field("due"), issue.due);
        check.date_opt(at.field("closedOn"), issue.closed_on);
        if issue.closed_on.is_some_and(|closed| closed < issue.opened_on) {
            check.order(at.field("closedOn"), &format!("issue \"{}\" cannot close before it was opened", issue.title));
        }
    }
    let mut change_ids = UniqueIds::new("change request", path.field("changeRequests"), "id");
    for (index, change) in project.change_requests.iter().enumerate() {
        let at = path.index("changeRequests", index);
        change_ids.see(check, index, &change.id);
        check.text(at.field("title"), &change.title, "change request");
        check.date(at.field("raisedOn"), change.raised_on);
        check.date_opt(at.field("decidedOn"), change.decided_on);
        if change.decided_on.is_some_and(|decided| decided < change.raised_on) {
            check.order(at.field("decidedOn"), &format!("change request \"{}\" cannot be decided before it was raised", change.title));
        }
        check.finite_signed(at.field("costImpact"), change.cost_impact, MONEY_LIMIT);
        check.finite_signed(at.field("scheduleImpactDays"), change.schedule_impact_days, 100.0 * 260.0);
    }
}

fn check_tracking(check: &mut Checker, path: Path<'_>, project: &Project) {
    for (index, snapshot) in project.snapshots.iter().enumerate() {
        let at = path.index("snapshots", index);
        check.date(at.field("date"), snapshot.date);
        check.money(at.field("plannedValue"), snapshot.planned_value);
        check.money(at.field("earnedValue"), snapshot.earned_value);
        check.money(at.field("actualCost"), snapshot.actual_cost);
        if index > 0 && snapshot.date <= project.snapshots[index - 1].date {
            check.findings.push(Finding::warning(
                "snapshot_order",
                at.field("date").to_string(),
                format!("Snapshot of {} does not come after the one before it ({}); snapshots are read in date order.", snapshot.date, project.snapshots[index - 1].date),
            ));
        }
    }
    for (index, entry) in project.financials.iter().enumerate() {
        let at = path.index("financials", index);
        check.finite_signed(at.field("plan"), entry.plan, MONEY_LIMIT);
        if let Some(actual) = entry.actual {
            check.finite_signed(at.field("actual"), actual, MONEY_LIMIT);
        }
        if let Some(forecast) = entry.forecast {
            check.finite_signed(at.field("forecast"), forecast, MONEY_LIMIT);
        }
    }
}

/// Where a field sits in the document (`projects[3].activities[17].name`), kept as a chain of
/// borrowed steps on the stack and written out only when a finding names it. Validation looks at
/// every field of every activity and almost none has a finding, so formatting every path up front
/// was a quarter of loading a large portfolio.
#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    /// The document itself: its fields are written without a leading dot (`currency`).
    Document,
    /// A starting point given as text (`projects[2]`).
    Text(&'a str),
    /// `.name`
    Field(&'a str),
    /// `.name[index]`
    Item(&'a str, usize),
    /// `[index]`
    Index(usize),
}

impl<'a> Path<'a> {
    fn document() -> Path<'a> {
        Path { parent: None, step: Step::Document }
    }
    fn text(text: &'a str) -> Path<'a> {
        Path { parent: None, step: Step::Text(text) }
    }
    /// `self.name`
    fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        Path { parent: Some(self), step: Step::Field(name) }
    }
    /// `self.list[index]`
    fn index<'b>(&'b self, list: &'b str, index: usize) -> Path<'b> {
        Path { parent: Some(self), step: Step::Item(list, index) }
    }
    /// `self[index]`, for a path that is itself a list.
    fn at<'b>(&'b self, index: usize) -> Path<'b> {
        Path { parent: Some(self), step: Step::Index(index) }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dot = match self.parent {
            Some(parent) => {
                parent.fmt(f)?;
                if matches!(parent.step, Step::Document) { "" } else { "." }
            }
            None => "",
        };
        match self.step {
            Step::Document => Ok(()),
            Step::Text(text) => f.write_str(text),
            Step::Field(name) => write!(f, "{dot}{name}"),
            Step::Item(list, index) => write!(f, "{dot}{list}[{index}]"),
            Step::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// Tracks the ids of one list and reports repeats with both places.
struct UniqueIds<'a> {
    what: &'static str,
    /// The list, and the field of each item that holds its id.
    list: Path<'a>,
    field: &'static str,
    /// The index of the first item with each id (its path is written only for a repeat).
    first_index: HashMap<&'a str, usize>,
}

impl<'a> UniqueIds<'a> {
    fn new(what: &'static str, list: Path<'a>, field: &'static str) -> Self {
        UniqueIds { what, list, field, first_index: HashMap::new() }
    }
    /// Checks the id of the list's item at `index`.
    fn see(&mut self, check: &mut Checker, index: usize, id: &'a str) {
        let item = self.list.at(index);
        let path = item.field(self.field);
        if !check.identifier(path, id, self.what) {
            return;
        }
        if let Some(&first) = self.first_index.get(id) {
            let first_item = self.list.at(first);
            let first = first_item.field(self.field);
            check.findings.push(
                Finding::error(
                    "duplicate_id",
                    path.to_string(),
                    format!("The {} id \"{id}\" is used twice (first at {first}); ids must be unique.", self.what),
                )
                .with_ids(vec![id.to_string()]),
            );
        } else {
            self.first_index.insert(id, index);
        }
    }
}

#[derive(Default)]
struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    /// An id must be non-empty and printable; returns whether it is usable.
    fn identifier(&mut self, path: Path<'_>, id: &str, what: &str) -> bool {
        if id.trim().is_empty() {
            self.findings.push(Finding::error("missing_id", path.to_string(), format!("A {what} has an empty id; every {what} needs one.")));
            return false;
        }
        true
    }

    fn text(&mut self, path: Path<'_>, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.findings.push(Finding::error("missing_name", path.to_string(), format!("A {what} has an empty name.")));
        }
    }

    fn currency(&mut self, path: Path<'_>, code: &str) {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            self.findings.push(Finding::error(
                "invalid_currency",
                path.to_string(),
                format!("\"{code}\" is not a currency code; use three capital letters as in ISO 4217 (EUR, USD, GBP)."),
            ));
        }
    }

    fn reference(&mut self, path: Path<'_>, id: &str, known: &HashSet<&str>, what: &str, holder: &str) {
        if !known.contains(id) {
            self.findings.push(
                Finding::error("unknown_reference", path.to_string(), format!("\"{holder}\" refers to {what} \"{id}\", which does not exist in this project."))
                    .with_ids(vec![holder.to_string(), id.to_string()]),
            );
        }
    }

    fn finite(&mut self, path: Path<'_>, value: f64) -> bool {
        if !value.is_finite() {
            self.findings.push(Finding::error("not_finite", path.to_string(), format!("{path} is {value}; it must be a finite number.")));
            return false;
        }
        true
    }

    fn money(&mut self, path: Path<'_>, amount: f64) {
        if !self.finite(path, amount) {
            return;
        }
        if amount < 0.0 {
            self.findings.push(Finding::error("negative_value", path.to_string(), format!("{path} is {amount}; an amount here cannot be negative.")));
        } else if amount > MONEY_LIMIT {
            self.out_of_range(path, amount, "an amount below 10^15");
        }
    }

    fn money_opt(&mut self, path: Path<'_>, amount: Option<f64>) {
        if let Some(amount) = amount {
            self.money(path, amount);
        }
    }

    fn finite_signed(&mut self, path: Path<'_>, value: f64, limit: f64) {
        if self.finite(path, value) && value.abs() > limit {
            self.out_of_range(path, value, &format!("a value between -{limit} and {limit}"));
        }
    }

    fn bounded(&mut self, path: Path<'_>, value: f64, low: f64, high: f64, unit: &str) {
        if !self.finite(path, value) {
            return;
        }
        if value < low || value > high {
            self.out_of_range(path, value, &format!("{low} to {high} {unit}"));
        }
    }

    fn out_of_range(&mut self, path: Path<'_>, value: f64, expected: &str) {
        self.findings.push(Finding::error("out_of_range", path.to_string(), format!("{path} is {value}; expected {expected}.")));
    }

    fn probability(&mut self, path: Path<'_>, probability: Option<f64>) {
        let Some(probability) = probability else { return };
        if self.finite(path, probability) && !(0.0..=1.0).contains(&probability) {
            self.findings.push(Finding::error(
                "probability_out_of_range",
                path.to_string(),
                format!("{path} is {probability}; a probability is between 0 and 1 (write 30% as 0.3)."),
            ));
        }
    }

    fn impact_days(&mut self, path: Path<'_>, days: Option<f64>) {
        let Some(days) = days else { return };
        if !self.finite(path, days) {
            return;
        }
        if days < 0.0 {
            self.findings.push(Finding::error("negative_value", path.to_string(), format!("{path} is {days}; give the impact as a positive number of days (the risk's kind says whether it is a loss or a gain).")));
        }
    }

    fn duration(&mut self, path: Path<'_>, duration: WorkDuration, name: &str) {
        if duration.minutes < 0 {
            self.findings.push(Finding::error("negative_duration", path.to_string(), format!("Activity \"{name}\" has a negative duration ({} days).", duration.days())));
        } else {
            self.duration_signed(path, duration);
        }
    }

    fn duration_signed(&mut self, path: Path<'_>, duration: WorkDuration) {
        if duration.minutes.abs() > DURATION_LIMIT_MINUTES {
            self.out_of_range(path, duration.days(), "at most a century of working days");
        }
    }

    fn date(&mut self, path: Path<'_>, date: Date) {
        use chrono::Datelike;
        if !YEAR_RANGE.contains(&date.0.year()) {
            self.findings.push(Finding::error(
                "date_out_of_range",
                path.to_string(),
                format!("{path} is {date}; dates must fall between 1900 and 2200."),
            ));
        }
    }

    fn date_opt(&mut self, path: Path<'_>, date: Option<Date>) {
        if let Some(date) = date {
            self.date(path, date);
        }
    }

    fn date_time(&mut self, path: Path<'_>, date_time: DateTime) {
        self.date(path, date_time.date());
    }

    fn order(&mut self, path: Path<'_>, why: &str) {
        let mut sentence = why.to_string();
        if let Some(first) = sentence.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        self.findings.push(Finding::error("date_order", path.to_string(), format!("{sentence} ({path}).")));
    }
}
