//! Earned value through the Workspace: a hand-worked project whose figures come from counting
//! working days, and rollups of the committed sample checked against sums taken here.

use std::collections::BTreeMap;

use pmo_analytics::evm::{EvmMeasures, Measure};
use pmo_analytics::workspace::{EarnedValueReport, Workspace};
use serde_json::json;

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{actual} != {expected}");
}

fn value(measure: Measure) -> f64 {
    measure.value().unwrap_or_else(|| panic!("undefined: {measure:?}"))
}

/// One activity baselined over the first half of 2026 on the Standard calendar (Monday to
/// Friday, no holidays): 22, 20, 22, 22, 21 and 22 working days in January to June, 129 in all,
/// so PV at the end of month m is 6000 x (working days through m) / 129.
fn half_year_plan(snapshots: serde_json::Value) -> Workspace {
    let document = json!({
        "schemaVersion": 1, "id": "pf", "name": "Portfolio", "currency": "EUR",
        "projects": [{
            "id": "P", "name": "Half year", "phase": "execution", "status": "active", "currency": "EUR",
            "startDate": "2026-01-01", "statusDate": "2026-03-31", "budgetAtCompletion": 6000,
            "activities": [{ "id": "A", "name": "Work", "durationDays": 129, "cost": 6000 }],
            "baseline": { "approvedOn": "2025-12-15", "activities": [
                { "activityId": "A", "start": "2026-01-01T08:00", "finish": "2026-06-30T17:00", "cost": 6000 }
            ] },
            "snapshots": snapshots
        }]
    });
    let mut workspace = Workspace::new();
    workspace.load_json(&document.to_string()).expect("plan loads");
    workspace
}

#[test]
fn a_project_behind_schedule_by_one_month() {
    // At the end of March the work planned by the end of February (42 days) is done, and 3000 spent.
    let pv_february = 6000.0 * 42.0 / 129.0;
    let mut workspace = half_year_plan(json!([
        { "date": "2026-02-27", "plannedValue": 0, "earnedValue": 1000, "actualCost": 1500 },
        { "date": "2026-03-31", "plannedValue": 0, "earnedValue": pv_february, "actualCost": 3000 },
        { "date": "2026-04-30", "plannedValue": 0, "earnedValue": 5000, "actualCost": 5000 }
    ]));
    let EarnedValueReport::Project(report) = workspace.earned_value("P", None, None).expect("evm") else { panic!("a project") };
    let m: &EvmMeasures = &report.measures;
    close(m.planned_value, 6000.0 * 64.0 / 129.0);
    // April's snapshot is after the status date and ignored.
    close(m.earned_value, pv_february);
    close(m.actual_cost, 3000.0);
    close(value(m.schedule_performance_index), 42.0 / 64.0);
    close(value(m.cost_performance_index), pv_february / 3000.0);
    close(value(m.estimate_at_completion_cpi), 6000.0 / (pv_february / 3000.0));
    // Earned schedule: EV equals PV at the end of February, so ES = 2 months; AT = 3.
    let es = &report.earned_schedule;
    close(es.earned_schedule, 2.0);
    close(es.actual_time, 3.0);
    close(es.planned_duration, 6.0);
    close(es.schedule_variance_time, -1.0);
    close(value(es.schedule_performance_index_time), 2.0 / 3.0);
    close(value(es.independent_estimate_at_completion_time), 9.0);
    // Nine months from January is the end of September.
    let finish = report.forecast_finish.expect("a forecast").0;
    assert!(finish.date() == "2026-09-30".parse().unwrap() || finish.date() == "2026-10-01".parse().unwrap(), "{finish}");
    // The recent window (January to March): ΔEV / ΔAC over three months from zero is the cumulative CPI.
    let recent = report.recent.as_ref().expect("snapshots give a window");
    close(value(recent.cost_performance_index_window), pv_february / 3000.0);

    // The series: six months of PV, EV and AC through March, a forecast from March.
    let series = workspace.earned_value_series("P", None).expect("series");
    assert_eq!(series.labels[..6], ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    close(series.planned_value[5], 6000.0);
    assert_eq!(series.earned_value.len(), 3);
    close(series.earned_value[1], 1000.0);
    close(series.actual_cost[2], 3000.0);
    assert_eq!(series.status_period, 2);
    close(series.forecast[0], 3000.0);
    close(*series.forecast.last().unwrap(), 6000.0 / (pv_february / 3000.0));
}

#[test]
fn nothing_spent_and_nothing_earned_is_undefined_with_reasons_not_zero() {
    let mut workspace = half_year_plan(json!([{ "date": "2026-03-31", "plannedValue": 0, "earnedValue": 0, "actualCost": 0 }]));
    let EarnedValueReport::Project(report) = workspace.earned_value("P", None, None).expect("evm") else { panic!("a project") };
    assert_eq!(report.measures.cost_performance_index, Measure::Undefined(pmo_analytics::evm::Reason::NoActualCost));
    assert!(report.measures.reasons.contains_key("cpi"));
    let row = &workspace.earned_value_table(None).expect("table")[0];
    assert!(row.cpi.value().is_none() && row.reasons.contains_key("cpi"));
    let as_json = serde_json::to_value(row).unwrap();
    assert!(as_json["cpi"].is_null(), "{as_json}");
}

#[test]
fn units_sum_their_projects_and_recompute_ratios() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json")).expect("committed sample");
    let mut workspace = Workspace::new();
    workspace.load_json(&text).expect("sample loads");
    let rows = workspace.earned_value_table(None).expect("table");
    assert_eq!(rows.len(), 25);
    let portfolio = workspace.portfolio().unwrap().clone();
    let status = portfolio.status_date;

    // A program in one currency: its sums are its projects' sums, its CPI the ratio of the sums.
    for unit in portfolio.org_units.iter().filter(|u| u.kind == pmo_analytics::model::OrgUnitKind::Program) {
        let members: Vec<_> = portfolio.projects.iter().filter(|p| p.org_unit_id.as_deref() == Some(unit.id.as_str())).collect();
        if members.is_empty() || members.iter().any(|p| p.currency != portfolio.currency) {
            continue;
        }
        let (mut pv, mut ev, mut ac) = (0.0, 0.0, 0.0);
        for project in &members {
            let EarnedValueReport::Project(one) = workspace.earned_value(&project.id, status, None).unwrap() else { panic!() };
            (pv, ev, ac) = (pv + one.measures.planned_value, ev + one.measures.earned_value, ac + one.measures.actual_cost);
        }
        let EarnedValueReport::Unit(rolled) = workspace.earned_value(&unit.id, status, None).expect("unit rolls up") else { panic!("a unit") };
        close(rolled.measures.planned_value, pv);
        close(rolled.measures.earned_value, ev);
        close(rolled.measures.actual_cost, ac);
        close(value(rolled.measures.cost_performance_index), ev / ac);
    }

    // A unit holding the GBP project cannot add pounds to euros unless given a rate.
    let gbp = portfolio.projects.iter().find(|p| p.currency == "GBP").expect("the sample has a GBP project");
    let root = {
        let mut unit = gbp.org_unit_id.clone().expect("it belongs to a unit");
        while let Some(parent) = portfolio.org_units.iter().find(|u| u.id == unit).and_then(|u| u.parent_id.clone()) {
            unit = parent;
        }
        unit
    };
    let error = workspace.earned_value(&root, status, None).expect_err("mixed currencies are refused");
    assert_eq!(error.code(), "mixed_currencies");
    let rates = BTreeMap::from([("GBP".to_string(), 1.2)]);
    let EarnedValueReport::Unit(rolled) = workspace.earned_value(&root, status, Some(rates)).expect("converted") else { panic!() };
    assert!(rolled.conversion.is_some());
    assert!(matches!(workspace.earned_value("nowhere", status, None), Err(e) if e.code() == "not_found"));
}

#[test]
fn without_snapshots_activities_earn_by_their_own_method() {
    // Status 31 March 2026. A earns 40% of 1000 (physical); B has 4 of 10 days remaining, so
    // 60% of 2000 (duration); C started but not finished earns nothing of 500 (0/100); D started
    // earns half of 800 (50/50); E is level of effort, earning its PV: baselined over the first
    // half of 2026 (129 working days) for 1290, 64 days of it by the end of March, 640. The
    // summary S carries its children's cost again and is not counted.
    let document = json!({
        "schemaVersion": 1, "id": "pf", "name": "Portfolio", "currency": "EUR",
        "projects": [{
            "id": "P", "name": "Methods", "phase": "execution", "status": "active", "currency": "EUR",
            "startDate": "2026-01-01", "statusDate": "2026-03-31", "budgetAtCompletion": 5590,
            "activities": [
                { "id": "S", "name": "Summary", "cost": 9999, "percentComplete": 50 },
                { "id": "A", "name": "A", "parentId": "S", "durationDays": 10, "cost": 1000, "percentComplete": 40,
                  "actualStart": "2026-01-05T08:00", "actualCost": 300 },
                { "id": "B", "name": "B", "durationDays": 10, "cost": 2000, "earnedValueMethod": "durationPercentComplete",
                  "actualStart": "2026-01-05T08:00", "remainingDurationDays": 4, "actualCost": 1000 },
                { "id": "C", "name": "C", "durationDays": 10, "cost": 500, "earnedValueMethod": "zeroHundred", "percentComplete": 90,
                  "actualStart": "2026-03-02T08:00", "actualCost": 600 },
                { "id": "D", "name": "D", "durationDays": 10, "cost": 800, "earnedValueMethod": "fiftyFifty",
                  "actualStart": "2026-02-02T08:00" },
                { "id": "E", "name": "E", "durationDays": 129, "cost": 1290, "earnedValueMethod": "levelOfEffort" }
            ],
            "baseline": { "approvedOn": "2025-12-15", "activities": [
                { "activityId": "S", "start": "2026-01-01T08:00", "finish": "2026-06-30T17:00", "cost": 9999 },
                { "activityId": "E", "start": "2026-01-01T08:00", "finish": "2026-06-30T17:00", "cost": 1290 }
            ] }
        }]
    });
    let mut workspace = Workspace::new();
    workspace.load_json(&document.to_string()).expect("plan loads");
    let EarnedValueReport::Project(report) = workspace.earned_value("P", None, None).expect("evm") else { panic!("a project") };
    close(report.measures.planned_value, 640.0);
    close(report.measures.earned_value, 400.0 + 1200.0 + 0.0 + 400.0 + 640.0);
    close(report.measures.actual_cost, 1900.0);
    assert!(report.recent.is_none(), "no monthly figures without snapshots");

    // At 15 February the percentages and costs reported at the end of March are not known yet:
    // only D has started (400), and E has earned its PV for 32 working days, 320.
    let early = Some(pmo_analytics::model::Date("2026-02-15".parse().unwrap()));
    let EarnedValueReport::Project(report) = workspace.earned_value("P", early, None).expect("evm") else { panic!("a project") };
    close(report.measures.earned_value, 400.0 + 320.0);
    close(report.measures.actual_cost, 0.0);
}
