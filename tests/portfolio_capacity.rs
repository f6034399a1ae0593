//! Capacity against demand on a hand-built portfolio, every hour worked out below.
//!
//! Calendars: the standard calendar (Monday to Friday, 8 hours). March 2026 has 22 weekdays
//! (176 hours), April 2026 has 22 (176 hours); the testers' calendar takes Good Friday
//! (3 April) off, leaving 21 days (168 hours) in April.

use pmo_analytics::model::{
    Activity, Assignment, Calendar, CalendarException, Date, DateTime, Dependency, DependencyKind, OrgUnit, OrgUnitKind, Phase, Portfolio,
    Project, ProjectStatus, Resource, ResourceKind, WorkDuration, YearMonth, SCHEMA_VERSION,
};
use pmo_analytics::portfolio::capacity::CapacityReason;
use pmo_analytics::workspace::Workspace;

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("a real date")
}

fn resource(id: &str, role: &str, capacity_units: f64, calendar_id: Option<&str>) -> Resource {
    Resource {
        id: id.to_string(),
        name: format!("Resource {id}"),
        kind: ResourceKind::Work,
        role: Some(role.to_string()),
        capacity_units,
        rate_per_hour: 100.0,
        calendar_id: calendar_id.map(str::to_string),
    }
}

fn assign(resource_id: &str, units: f64, work_hours: Option<f64>) -> Assignment {
    Assignment { resource_id: resource_id.to_string(), units, work_hours }
}

fn task(id: &str, days: f64, assignments: Vec<Assignment>) -> Activity {
    let mut activity = Activity::new(id.to_string(), format!("Activity {id}"), WorkDuration::from_days(days));
    activity.assignments = assignments;
    activity
}

fn link(from: &str, to: &str) -> Dependency {
    Dependency {
        predecessor_id: from.to_string(),
        successor_id: to.to_string(),
        kind: DependencyKind::FS,
        lag_days: WorkDuration::ZERO,
        lag_elapsed_days: None,
        lag_percent: None,
    }
}

fn project(id: &str, unit: &str, start: Date, activities: Vec<Activity>, dependencies: Vec<Dependency>, resources: Vec<Resource>) -> Project {
    Project {
        id: id.to_string(),
        name: format!("Project {id}"),
        org_unit_id: Some(unit.to_string()),
        owner: None,
        sponsor: None,
        description: None,
        phase: Phase::Execution,
        status: ProjectStatus::Active,
        currency: "EUR".to_string(),
        status_date: None,
        start_date: DateTime::at_midnight(start),
        committed_finish: None,
        calendar_id: None,
        calendars: Vec::new(),
        budget_at_completion: 1000.0,
        baseline: None,
        activities,
        dependencies,
        resources,
        risks: Vec::new(),
        issues: Vec::new(),
        change_requests: Vec::new(),
        snapshots: Vec::new(),
        financials: Vec::new(),
    }
}

/// P1 from Monday 2 March 2026:
/// - A1, 20 days, 2 - 27 March: dev full time (1.0 x 160 h = 160 h, all March), qa half time
///   (0.5 x 160 h = 80 h), and a licence (a material resource: no hours).
/// - A2, 10 days after A1, Monday 30 March - Friday 10 April: dev for 40 work hours, spread over
///   its working time: 2 of 10 days in March (8 h), 8 in April (32 h).
///
/// P2 from Monday 16 March: B1, 10 days, 16 - 27 March: dev half time (0.5 x 80 h = 40 h) and
/// arch for 16 work hours. P2 defines dev at 0.5 units (P1 says 1.0: a conflict; the pool uses
/// P1's) and arch with no capacity at all.
///
/// P3 cannot be scheduled (no working day on its calendar): no demand, listed as unscheduled.
fn workspace() -> Workspace {
    let mut testers = Calendar::standard("testers");
    testers.name = "Testers".to_string();
    testers.exceptions.push(CalendarException {
        name: "Good Friday".to_string(),
        from: date(2026, 4, 3),
        to: date(2026, 4, 3),
        working: false,
        working_hours: Vec::new(),
    });
    let licence = Resource { kind: ResourceKind::Material, ..resource("lic", "Licence", 1.0, None) };
    let mut p1 = project(
        "P1",
        "it",
        date(2026, 3, 2),
        vec![
            task("A1", 20.0, vec![assign("dev", 1.0, None), assign("qa", 0.5, None), assign("lic", 1.0, None)]),
            task("A2", 10.0, vec![assign("dev", 1.0, Some(40.0))]),
        ],
        vec![link("A1", "A2")],
        vec![resource("dev", "Developer", 1.0, None), resource("qa", "Tester", 0.5, Some("testers")), licence],
    );
    p1.calendars = vec![testers];
    let p2 = project(
        "P2",
        "ops",
        date(2026, 3, 16),
        vec![task("B1", 10.0, vec![assign("dev", 0.5, None), assign("arch", 1.0, Some(16.0))])],
        Vec::new(),
        vec![resource("dev", "Developer", 0.5, None), resource("arch", "Developer", 0.0, None)],
    );
    let mut idle = Calendar::standard("idle");
    idle.working_days.clear();
    let mut p3 = project("P3", "lab", date(2026, 3, 2), vec![task("C1", 5.0, vec![assign("op", 1.0, None)])], Vec::new(), vec![resource("op", "Operator", 1.0, None)]);
    p3.calendars = vec![idle];
    p3.calendar_id = Some("idle".to_string());
    let unit = |id: &str| OrgUnit { id: id.to_string(), name: id.to_string(), kind: OrgUnitKind::Program, parent_id: None, owner: None };
    let portfolio = Portfolio {
        schema_version: SCHEMA_VERSION,
        id: "pf".to_string(),
        name: "Portfolio".to_string(),
        currency: "EUR".to_string(),
        status_date: Some(date(2026, 3, 31)),
        fiscal_year_start_month: 1,
        org_units: vec![unit("it"), unit("ops"), unit("lab")],
        projects: vec![p1, p2, p3],
    };
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, Vec::new());
    workspace
}

const MARCH: YearMonth = YearMonth { year: 2026, month: 3 };

fn close(actual: &[f64], expected: &[f64]) -> bool {
    actual.len() == expected.len() && actual.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-6)
}

#[test]
fn capacity_demand_and_over_allocation_by_resource_and_role() {
    let mut workspace = workspace();
    let report = workspace.capacity(None, MARCH, 2, None).unwrap();
    assert_eq!(report.months.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["2026-03", "2026-04"]);
    assert_eq!(report.threshold, 1.0);
    assert_eq!(report.unscheduled_project_ids, ["P3"]);
    // Work resources only, in order of first appearance: the licence is left out.
    let ids: Vec<&str> = report.resources.iter().map(|r| r.resource_id.as_str()).collect();
    assert_eq!(ids, ["dev", "qa", "arch", "op"]);
    let find = |id: &str| report.resources.iter().find(|r| r.resource_id == id).expect(id);

    // dev: capacity 176 h a month at 1.0 (P1's definition); demand March 160 + 8 + 40 = 208,
    // April 32.
    let dev = find("dev");
    assert_eq!((dev.capacity_units, dev.defined_in_project_id.as_str(), dev.project_ids.clone()), (1.0, "P1", vec!["P1".to_string(), "P2".to_string()]));
    assert!(close(&dev.load.capacity_hours, &[176.0, 176.0]), "{:?}", dev.load.capacity_hours);
    assert!(close(&dev.load.demand_hours, &[208.0, 32.0]), "{:?}", dev.load.demand_hours);
    let utilisation: Vec<f64> = dev.load.utilisation.iter().map(|u| u.value().unwrap()).collect();
    assert!(close(&utilisation, &[208.0 / 176.0, 32.0 / 176.0]));

    // qa on the testers' calendar at 0.5: capacity 88 h in March, 84 h in April (Good
    // Friday off); demand 80 h in March.
    let qa = find("qa");
    assert_eq!(qa.calendar_id.as_deref(), Some("testers"));
    assert!(close(&qa.load.capacity_hours, &[88.0, 84.0]), "{:?}", qa.load.capacity_hours);
    assert!(close(&qa.load.demand_hours, &[80.0, 0.0]));
    assert_eq!(qa.load.utilisation[1].value(), Some(0.0));

    // arch has no capacity: utilisation undefined, with the reason, in both months.
    let arch = find("arch");
    assert!(close(&arch.load.capacity_hours, &[0.0, 0.0]) && close(&arch.load.demand_hours, &[16.0, 0.0]));
    assert!(arch.load.utilisation.iter().all(|u| u.reason() == Some(CapacityReason::NoCapacity)));
    assert_eq!(arch.load.utilisation_reasons.len(), 2);

    // Roles: Developer = dev + arch (capacity 176, demand 224 and 32), Operator, Tester.
    let roles: Vec<Option<&str>> = report.roles.iter().map(|r| r.role.as_deref()).collect();
    assert_eq!(roles, [Some("Developer"), Some("Operator"), Some("Tester")]);
    let developer = &report.roles[0];
    assert_eq!(developer.resource_ids, ["dev", "arch"]);
    assert!(close(&developer.load.capacity_hours, &[176.0, 176.0]) && close(&developer.load.demand_hours, &[224.0, 32.0]));
    assert_eq!(developer.load.utilisation[0].value().map(|u| (u * 1e9).round()), Some((224.0_f64 / 176.0 * 1e9).round()));

    // Over-allocated in March: dev by 208 - 176 = 32 h, arch by 16 h (any demand on no
    // capacity); dev's causes largest first: A1 160, B1 40, A2 8.
    let over: Vec<(&str, String, f64)> = report.over_allocations.iter().map(|o| (o.resource_id.as_str(), o.month.to_string(), (o.excess_hours * 1e6).round() / 1e6)).collect();
    assert_eq!(over, [("dev", "2026-03".to_string(), 32.0), ("arch", "2026-03".to_string(), 16.0)]);
    let causes: Vec<(&str, &str, f64)> =
        report.over_allocations[0].contributions.iter().map(|c| (c.project_id.as_str(), c.activity_id.as_str(), (c.hours * 1e6).round() / 1e6)).collect();
    assert_eq!(causes, [("P1", "A1", 160.0), ("P2", "B1", 40.0), ("P1", "A2", 8.0)]);
    assert!(report.over_allocations[1].utilisation.value().is_none());

    // The same resource defined differently is flagged, naming both definitions.
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    let conflict = &report.conflicts[0];
    assert_eq!((conflict.resource_id.as_str(), conflict.field), ("dev", "capacityUnits"));
    assert_eq!(conflict.definitions.iter().map(|d| (d.project_id.as_str(), d.value.as_str())).collect::<Vec<_>>(), [("P1", "1"), ("P2", "0.5")]);
    assert!(conflict.message.contains("P2"), "{}", conflict.message);

    let json = serde_json::to_value(&report).unwrap();
    let arch_json = &json["resources"][2];
    assert!(arch_json["utilisation"][0].is_null());
    assert_eq!(arch_json["utilisationReasons"]["2026-03"], "noCapacity");
    assert_eq!(arch_json["capacityHours"][0], 0.0);
    assert_eq!(json["overAllocations"][0]["contributions"][0]["activityId"], "A1");
    assert!(json["demandBasis"].as_str().unwrap_or("").contains("work hours"));
}

#[test]
fn threshold_scope_and_bad_options() {
    let mut workspace = workspace();
    // At 120% dev's 208 h are within 211.2 h; arch's 16 h on no capacity still are not.
    let report = workspace.capacity(None, MARCH, 2, Some(1.2)).unwrap();
    assert_eq!(report.over_allocations.iter().map(|o| o.resource_id.as_str()).collect::<Vec<_>>(), ["arch"]);
    assert!((report.over_allocations[0].excess_hours - 16.0).abs() < 1e-9);

    // Unit "ops" holds P2 only: dev as P2 defines it (0.5: 88 h), its demand there 40 h; no
    // conflict within the unit.
    let ops = workspace.capacity(Some("ops"), MARCH, 1, None).unwrap();
    let dev = ops.resources.iter().find(|r| r.resource_id == "dev").expect("dev");
    assert!(close(&dev.load.capacity_hours, &[88.0]) && close(&dev.load.demand_hours, &[40.0]));
    assert!(ops.conflicts.is_empty());
    assert_eq!(ops.over_allocations.len(), 1);

    // A window after the work: no demand, nothing over-allocated.
    let later = workspace.capacity(Some("P1"), YearMonth { year: 2026, month: 5 }, 3, None).unwrap();
    assert!(later.resources.iter().all(|r| r.load.demand_hours.iter().all(|h| *h == 0.0)));
    assert!(later.over_allocations.is_empty());

    let error = workspace.capacity(None, MARCH, 0, None).unwrap_err();
    assert_eq!((error.code(), error.path()), ("invalid_option", "months"));
    let error = workspace.capacity(None, MARCH, 2, Some(100.0)).unwrap_err();
    assert_eq!((error.code(), error.path()), ("invalid_option", "threshold"));
    assert!(error.to_string().contains("1.0 for 100%"), "{error}");
    let error = workspace.capacity(Some("nowhere"), MARCH, 2, None).unwrap_err();
    assert_eq!(error.code(), "not_found");
}

/// The committed sample portfolio through all three views: nothing refused that should not be,
/// the identities between the figures hold, and the broken project is reported, not fatal.
#[test]
fn the_sample_portfolio_reads_through_all_three_views() {
    use pmo_analytics::sample::{generate, SampleOptions};
    use std::collections::BTreeMap;
    let portfolio = generate(&SampleOptions::demo());
    let portfolio_id = portfolio.id.clone();
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, Vec::new());

    // One project is in GBP: the whole portfolio needs a rate.
    assert_eq!(workspace.financials(&portfolio_id, None, None, None).unwrap_err().code(), "mixed_currencies");
    let report = workspace.financials(&portfolio_id, None, None, Some(BTreeMap::from([("GBP".to_string(), 1.15)]))).unwrap();
    assert_eq!(report.label, "FY2026-27");
    let year = &report.full_year;
    assert!(year.plan.total > 0.0);
    assert!((year.outlook.total - (year.actual_to_date.total + report.outlook.total.iter().zip(&report.closed).filter(|(_, c)| !**c).map(|(v, _)| v).sum::<f64>())).abs() < 1e-6 * year.plan.total);
    let rows: f64 = report.projects.iter().map(|r| r.outlook).sum();
    assert!((rows - year.outlook.total).abs() < 1e-6 * year.plan.total);

    let milestones = workspace.milestones(None, None, None).unwrap();
    assert!(!milestones.milestones.is_empty());
    // Late rows come first, most late first.
    let late: Vec<i64> = milestones.milestones.iter().take_while(|m| m.days_late.is_some()).filter_map(|m| m.days_late).collect();
    assert!(late.windows(2).all(|pair| pair[0] >= pair[1]));
    assert_eq!(late.len(), milestones.counts.late);

    let status = YearMonth { year: 2026, month: 11 };
    let capacity = workspace.capacity(None, status, 6, None).unwrap();
    assert!(!capacity.resources.is_empty());
    assert!(capacity.resources.iter().any(|r| r.load.demand_hours.iter().any(|h| *h > 0.0)));
    for over in &capacity.over_allocations {
        let caused: f64 = over.contributions.iter().map(|c| c.hours).sum();
        assert!((caused - over.demand_hours).abs() < 1e-6 * over.demand_hours.max(1.0), "{over:?}");
    }
}
