//! Capacity against demand, by resource and by role, month by month, from the assignments of
//! activities over their scheduled dates.
//!
//! Conventions:
//! - Demand: an assignment's work is its `workHours` when given, else its units times the
//!   activity's scheduled working hours (the working time between the scheduled start and finish
//!   on the activity's calendar). The hours are spread over that working time, each month taking
//!   its share of the working minutes; an activity with no working time in its span puts all of
//!   it in the month it starts. Only the months asked for are reported.
//! - Capacity: the working hours of the resource's calendar in the month (holidays and other
//!   exceptions included) times its `capacityUnits`.
//! - Utilisation = demand / capacity, undefined (`noCapacity`) when the capacity is zero.
//! - Over-allocation: demand above capacity times the threshold (1.0, i.e. 100%, by default),
//!   with the activities causing it, largest contribution first. Zero capacity with any demand is
//!   over-allocated.
//! - One enterprise pool: resources with the same id in different projects are the same resource.
//!   Its definition (name, role, units, calendar) is taken from the first project in portfolio
//!   order that lists it, and every differing definition elsewhere is flagged as a conflict.
//!   For a unit, the pool holds the resources its projects list and the demand is its projects'
//!   only (work the same people do for projects outside the unit is not counted).
//! - Only work resources carry hours: material and cost resources are left out.
//! - A project whose plan cannot be scheduled adds no demand and is listed as unscheduled.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Serialize, Serializer};

use super::milestones::ScheduledProject;
use crate::model::{Calendar, Project, ResourceKind, YearMonth};
use crate::schedule::calendar::{moment_of, Moment, WorkCalendar};

/// The longest horizon a capacity view covers: ten years of months.
pub const MAX_MONTHS: u32 = 120;

/// How the demand was computed, stated in every report.
pub const DEMAND_BASIS: &str = "Demand is each assignment's work hours when given, else its units times the activity's scheduled working hours, spread over the activity's scheduled working time on its calendar.";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CapacityError {
    #[error("A capacity view covers 1 to {MAX_MONTHS} months, not {0}.")]
    InvalidMonths(u32),
    #[error("The over-allocation threshold is a share of capacity above 0 and at most 10 (1.0 for 100%), not {0}.")]
    InvalidThreshold(f64),
}

impl CapacityError {
    pub fn code(&self) -> &'static str {
        "invalid_option"
    }
    /// The option at fault, as the boundary names it.
    pub fn field(&self) -> &'static str {
        match self {
            CapacityError::InvalidMonths(_) => "months",
            CapacityError::InvalidThreshold(_) => "threshold",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapacityOptions {
    /// Over-allocated above capacity times this (1.0 is 100%).
    pub threshold: f64,
}

impl Default for CapacityOptions {
    fn default() -> Self {
        CapacityOptions { threshold: 1.0 }
    }
}

/// Why a utilisation has no value; serialized as a stable camelCase code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CapacityReason {
    /// The capacity in the month is zero (no units, or no working time on the calendar).
    NoCapacity,
}

/// Demand over capacity, or the reason there is none. Crosses as a number or `null`, like
/// `evm::Measure`; the reasons travel in `utilisationReasons`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Utilisation {
    Value(f64),
    Undefined(CapacityReason),
}

impl Utilisation {
    fn of(demand: f64, capacity: f64) -> Utilisation {
        let value = demand / capacity;
        if capacity > 0.0 && value.is_finite() { Utilisation::Value(value) } else { Utilisation::Undefined(CapacityReason::NoCapacity) }
    }
    pub fn value(self) -> Option<f64> {
        match self {
            Utilisation::Value(value) => Some(value),
            Utilisation::Undefined(_) => None,
        }
    }
    pub fn reason(self) -> Option<CapacityReason> {
        match self {
            Utilisation::Value(_) => None,
            Utilisation::Undefined(reason) => Some(reason),
        }
    }
}

impl Serialize for Utilisation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Utilisation::Value(value) => serializer.serialize_f64(*value),
            Utilisation::Undefined(_) => serializer.serialize_none(),
        }
    }
}

/// Monthly capacity, demand and utilisation; month labels index `utilisationReasons`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyLoad {
    pub capacity_hours: Vec<f64>,
    pub demand_hours: Vec<f64>,
    pub utilisation: Vec<Utilisation>,
    /// Month (`YYYY-MM`) to the reason its utilisation is undefined.
    pub utilisation_reasons: BTreeMap<String, CapacityReason>,
}

impl MonthlyLoad {
    fn new(capacity_hours: Vec<f64>, demand_hours: Vec<f64>, months: &[YearMonth]) -> MonthlyLoad {
        let utilisation: Vec<Utilisation> = capacity_hours.iter().zip(&demand_hours).map(|(c, d)| Utilisation::of(*d, *c)).collect();
        let utilisation_reasons =
            utilisation.iter().zip(months).filter_map(|(u, m)| u.reason().map(|reason| (m.to_string(), reason))).collect();
        MonthlyLoad { capacity_hours, demand_hours, utilisation, utilisation_reasons }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceLoad {
    pub resource_id: String,
    pub name: String,
    pub role: Option<String>,
    pub capacity_units: f64,
    /// The calendar capacity is counted on; absent for the standard calendar.
    pub calendar_id: Option<String>,
    /// The project whose definition the pool uses.
    pub defined_in_project_id: String,
    /// Every project in scope that lists the resource.
    pub project_ids: Vec<String>,
    #[serde(flatten)]
    pub load: MonthlyLoad,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleLoad {
    /// Absent for resources without a role.
    pub role: Option<String>,
    pub resource_ids: Vec<String>,
    #[serde(flatten)]
    pub load: MonthlyLoad,
}

/// One activity's part of a resource's demand in a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    pub project_id: String,
    pub project_name: String,
    pub activity_id: String,
    pub activity_name: String,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverAllocation {
    pub resource_id: String,
    pub name: String,
    pub role: Option<String>,
    pub month: YearMonth,
    pub capacity_hours: f64,
    pub demand_hours: f64,
    /// Demand above capacity times the threshold.
    pub excess_hours: f64,
    pub utilisation: Utilisation,
    /// Largest first.
    pub contributions: Vec<Contribution>,
}

/// One way a resource is defined in a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    pub project_id: String,
    pub value: String,
}

/// A resource defined differently in two or more projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceConflict {
    pub resource_id: String,
    /// `capacityUnits`, `role`, `calendar` or `kind`.
    pub field: &'static str,
    pub definitions: Vec<Definition>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityReport {
    pub months: Vec<YearMonth>,
    pub threshold: f64,
    /// How demand was computed.
    pub demand_basis: &'static str,
    pub resources: Vec<ResourceLoad>,
    /// Roles in alphabetical order, resources without a role last.
    pub roles: Vec<RoleLoad>,
    /// By month, then largest excess first.
    pub over_allocations: Vec<OverAllocation>,
    pub conflicts: Vec<ResourceConflict>,
    pub unscheduled_project_ids: Vec<String>,
}

/// A resource of the pool as first defined.
struct PoolResource<'a> {
    project: &'a Project,
    resource: &'a crate::model::Resource,
    calendar: Option<&'a Calendar>,
    project_ids: Vec<String>,
}

/// The model calendar a project's calendar id names; None for the standard calendar.
fn calendar_of<'a>(project: &'a Project, id: Option<&str>) -> Option<&'a Calendar> {
    let id = id.or(project.calendar_id.as_deref())?;
    project.calendars.iter().find(|c| c.id == id)
}

/// Compiles a calendar; None when it has no working time (nothing can be done on it).
fn compile(calendar: Option<&Calendar>) -> Option<WorkCalendar> {
    match calendar {
        Some(calendar) => WorkCalendar::compile(calendar).ok(),
        None => Some(WorkCalendar::standard()),
    }
}

/// Whether two calendars give the same working time (ids and names aside).
fn same_working_time(a: Option<&Calendar>, b: Option<&Calendar>) -> bool {
    let standard = Calendar::standard("");
    let (a, b) = (a.unwrap_or(&standard), b.unwrap_or(&standard));
    a.working_days == b.working_days && a.working_hours == b.working_hours && a.week_hours == b.week_hours && a.exceptions == b.exceptions
}

fn describe_calendar(calendar: Option<&Calendar>) -> String {
    calendar.map_or_else(|| "standard calendar".to_string(), |c| format!("calendar \"{}\" ({})", c.name, c.id))
}

/// Capacity against demand for `months` months from `from`.
pub fn capacity(projects: &[ScheduledProject<'_>], from: YearMonth, months: u32, options: &CapacityOptions) -> Result<CapacityReport, CapacityError> {
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(CapacityError::InvalidMonths(months));
    }
    let threshold = options.threshold;
    if !threshold.is_finite() || threshold <= 0.0 || threshold > 10.0 {
        return Err(CapacityError::InvalidThreshold(threshold));
    }
    let month_list: Vec<YearMonth> = std::iter::successors(Some(from), |m| Some(m.next())).take(months as usize).collect();
    // Month boundaries as moments: month k runs from bounds[k] to bounds[k + 1].
    let bounds: Vec<Moment> = month_list.iter().chain(month_list.last().map(|m| m.next()).as_ref()).map(|m| moment_of(m.first_day().0.and_time(chrono::NaiveTime::MIN))).collect();

    // The pool, in order of first appearance, and the conflicts between definitions.
    let mut pool: Vec<PoolResource<'_>> = Vec::new();
    let mut pool_index: HashMap<&str, usize> = HashMap::new();
    let mut conflicts: BTreeMap<(usize, &'static str), Vec<Definition>> = BTreeMap::new();
    for scheduled in projects {
        let project = scheduled.project;
        for resource in &project.resources {
            let calendar = calendar_of(project, resource.calendar_id.as_deref());
            match pool_index.get(resource.id.as_str()) {
                None => {
                    pool_index.insert(&resource.id, pool.len());
                    pool.push(PoolResource { project, resource, calendar, project_ids: vec![project.id.clone()] });
                }
                Some(&index) => {
                    let first = &mut pool[index];
                    if !first.project_ids.contains(&project.id) {
                        first.project_ids.push(project.id.clone());
                    }
                    let (a, b) = (first.resource, resource);
                    let differences: [(&'static str, bool, String, String); 4] = [
                        ("capacityUnits", a.capacity_units != b.capacity_units, a.capacity_units.to_string(), b.capacity_units.to_string()),
                        ("role", a.role != b.role, a.role.clone().unwrap_or_default(), b.role.clone().unwrap_or_default()),
                        ("calendar", !same_working_time(first.calendar, calendar), describe_calendar(first.calendar), describe_calendar(calendar)),
                        ("kind", a.kind != b.kind, format!("{:?}", a.kind).to_lowercase(), format!("{:?}", b.kind).to_lowercase()),
                    ];
                    let first_project = first.project.id.clone();
                    for (field, differs, first_value, value) in differences {
                        if differs {
                            let seen = conflicts.entry((index, field)).or_insert_with(|| vec![Definition { project_id: first_project.clone(), value: first_value }]);
                            seen.push(Definition { project_id: project.id.clone(), value });
                        }
                    }
                }
            }
        }
    }
    let work_resources: Vec<usize> = (0..pool.len()).filter(|&i| pool[i].resource.kind == ResourceKind::Work).collect();

    // Capacity per pool resource and month.
    let mut capacity_hours: Vec<Vec<f64>> = vec![vec![0.0; month_list.len()]; pool.len()];
    for &index in &work_resources {
        let entry = &pool[index];
        if let Some(calendar) = compile(entry.calendar) {
            for month in 0..month_list.len() {
                let minutes = calendar.work_between(bounds[month], bounds[month + 1]);
                capacity_hours[index][month] = minutes as f64 / 60.0 * entry.resource.capacity_units;
            }
        }
    }

    // Demand per pool resource and month, and who it comes from.
    let mut demand_hours: Vec<Vec<f64>> = vec![vec![0.0; month_list.len()]; pool.len()];
    let mut contributions: HashMap<(usize, usize), Vec<Contribution>> = HashMap::new();
    let mut unscheduled = Vec::new();
    for scheduled in projects {
        let project = scheduled.project;
        let Some(schedule) = scheduled.schedule else {
            unscheduled.push(project.id.clone());
            continue;
        };
        let dates: HashMap<&str, (Moment, Moment, bool)> =
            schedule.activities.iter().map(|a| (a.id.as_str(), (moment_of(a.start.0), moment_of(a.finish.0), a.summary))).collect();
        let mut calendars: HashMap<Option<&str>, Option<WorkCalendar>> = HashMap::new();
        for activity in &project.activities {
            if activity.assignments.is_empty() {
                continue;
            }
            // Inactive activities are not in the schedule; summaries carry their children's work.
            let Some(&(start, finish, false)) = dates.get(activity.id.as_str()) else { continue };
            let calendar_id = activity.calendar_id.as_deref().or(project.calendar_id.as_deref());
            let calendar = calendars.entry(calendar_id).or_insert_with(|| compile(calendar_of(project, calendar_id)));
            let Some(calendar) = calendar.as_ref() else { continue };
            let span_minutes = calendar.work_between(start, finish).max(0);
            // Each reported month's share of the activity's working time.
            let shares: Vec<f64> = if span_minutes > 0 {
                (0..month_list.len())
                    .map(|m| calendar.work_between(start.max(bounds[m]), finish.min(bounds[m + 1])).max(0) as f64 / span_minutes as f64)
                    .collect()
            } else {
                (0..month_list.len()).map(|m| if bounds[m] <= start && start < bounds[m + 1] { 1.0 } else { 0.0 }).collect()
            };
            if shares.iter().all(|s| *s == 0.0) {
                continue;
            }
            let mut seen: HashSet<usize> = HashSet::new();
            for assignment in &activity.assignments {
                let Some(&index) = pool_index.get(assignment.resource_id.as_str()) else { continue };
                if pool[index].resource.kind != ResourceKind::Work {
                    continue;
                }
                let hours = assignment.work_hours.unwrap_or(assignment.units * span_minutes as f64 / 60.0);
                if !hours.is_finite() || hours <= 0.0 {
                    continue;
                }
                let repeated = !seen.insert(index);
                for (month, share) in shares.iter().enumerate().filter(|(_, s)| **s > 0.0) {
                    let part = hours * share;
                    demand_hours[index][month] += part;
                    let list = contributions.entry((index, month)).or_default();
                    match list.iter_mut().find(|c| repeated && c.project_id == project.id && c.activity_id == activity.id) {
                        Some(existing) => existing.hours += part,
                        None => list.push(Contribution {
                            project_id: project.id.clone(),
                            project_name: project.name.clone(),
                            activity_id: activity.id.clone(),
                            activity_name: activity.name.clone(),
                            hours: part,
                        }),
                    }
                }
            }
        }
    }

    let resources: Vec<ResourceLoad> = work_resources
        .iter()
        .map(|&index| {
            let entry = &pool[index];
            ResourceLoad {
                resource_id: entry.resource.id.clone(),
                name: entry.resource.name.clone(),
                role: entry.resource.role.clone(),
                capacity_units: entry.resource.capacity_units,
                calendar_id: entry.calendar.map(|c| c.id.clone()),
                defined_in_project_id: entry.project.id.clone(),
                project_ids: entry.project_ids.clone(),
                load: MonthlyLoad::new(capacity_hours[index].clone(), demand_hours[index].clone(), &month_list),
            }
        })
        .collect();

    // Roles: alphabetical, no role last (None sorts first in Option order, hence the key).
    let mut by_role: BTreeMap<(bool, String), (Vec<String>, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for &index in &work_resources {
        let role = pool[index].resource.role.clone();
        let entry = by_role.entry((role.is_none(), role.unwrap_or_default())).or_insert_with(|| (Vec::new(), vec![0.0; month_list.len()], vec![0.0; month_list.len()]));
        entry.0.push(pool[index].resource.id.clone());
        for month in 0..month_list.len() {
            entry.1[month] += capacity_hours[index][month];
            entry.2[month] += demand_hours[index][month];
        }
    }
    let roles = by_role
        .into_iter()
        .map(|((none, role), (resource_ids, capacity, demand))| RoleLoad {
            role: (!none).then_some(role),
            resource_ids,
            load: MonthlyLoad::new(capacity, demand, &month_list),
        })
        .collect();

    let mut over_allocations = Vec::new();
    for &index in &work_resources {
        for (month, label) in month_list.iter().enumerate() {
            let (capacity, demand) = (capacity_hours[index][month], demand_hours[index][month]);
            let limit = capacity * threshold;
            // A hair of tolerance: hours spread by shares need not add up to the last bit.
            if demand <= limit + 1e-9 {
                continue;
            }
            let mut list = contributions.remove(&(index, month)).unwrap_or_default();
            list.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.project_id.cmp(&b.project_id)).then_with(|| a.activity_id.cmp(&b.activity_id)));
            let resource = pool[index].resource;
            over_allocations.push(OverAllocation {
                resource_id: resource.id.clone(),
                name: resource.name.clone(),
                role: resource.role.clone(),
                month: *label,
                capacity_hours: capacity,
                demand_hours: demand,
                excess_hours: demand - limit,
                utilisation: Utilisation::of(demand, capacity),
                contributions: list,
            });
        }
    }
    over_allocations.sort_by(|a, b| a.month.cmp(&b.month).then_with(|| b.excess_hours.total_cmp(&a.excess_hours)).then_with(|| a.resource_id.cmp(&b.resource_id)));

    let conflicts = conflicts
        .into_iter()
        .map(|((index, field), definitions)| {
            let resource = pool[index].resource;
            let listed: Vec<String> = definitions.iter().map(|d| format!("{} in project \"{}\"", if d.value.is_empty() { "none" } else { &d.value }, d.project_id)).collect();
            ResourceConflict {
                resource_id: resource.id.clone(),
                field,
                message: format!(
                    "Resource \"{}\" ({}) is one enterprise resource but its {field} differs between projects: {}. The pool uses the first.",
                    resource.name,
                    resource.id,
                    listed.join("; ")
                ),
                definitions,
            }
        })
        .collect();

    Ok(CapacityReport {
        months: month_list,
        threshold,
        demand_basis: DEMAND_BASIS,
        resources,
        roles,
        over_allocations,
        conflicts,
        unscheduled_project_ids: unscheduled,
    })
}
