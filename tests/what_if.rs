//! What-if edits through the Workspace: each edit reschedules from the project's resident
//! network, and the result must equal scheduling the edited project from scratch; a refused
//! edit changes nothing.

use pmo_analytics::model::{Dependency, DependencyKind, Portfolio, WorkDuration};
use pmo_analytics::random::Random;
use pmo_analytics::sample::network::benchmark_project;
use pmo_analytics::schedule::result::{schedule_project, ScheduleOptions};
use pmo_analytics::workspace::{Workspace, WorkspaceError};

fn workspace_of(activities: usize, links: usize, seed: u64) -> Workspace {
    let mut workspace = Workspace::new();
    workspace.accept(Portfolio::of_project(benchmark_project(activities, links, seed)), Vec::new());
    workspace
}

fn link(from: &str, to: &str) -> Dependency {
    Dependency { predecessor_id: from.to_string(), successor_id: to.to_string(), kind: DependencyKind::FS, lag_days: WorkDuration::default(), lag_elapsed_days: None, lag_percent: None }
}

fn code(error: WorkspaceError) -> String {
    error.findings().first().map(|f| f.code.to_string()).unwrap_or_else(|| error.code().to_string())
}

/// The resident schedule after a what-if must equal a fresh schedule of the edited plan.
fn assert_matches_a_fresh_schedule(workspace: &mut Workspace) {
    let options = ScheduleOptions::default();
    let resident = workspace.schedule("BENCH", &options).unwrap();
    let fresh = schedule_project(workspace.project("BENCH").unwrap(), "projects[0]", &options).unwrap();
    assert_eq!(serde_json::to_value(&resident).unwrap(), serde_json::to_value(&fresh).unwrap());
    assert_eq!(workspace.schedule_arrays("BENCH").unwrap().len(), fresh.activities.len() * 6);
}

#[test]
fn a_chain_of_what_if_edits_equals_scheduling_from_scratch() {
    let mut workspace = workspace_of(300, 700, 3);
    let mut random = Random::seeded(17);
    for step in 0..80 {
        let a = format!("A{}", random.below(300));
        let b = format!("A{}", random.below(300));
        match step % 4 {
            3 => {
                // Progress: 0, 50 or 100 percent, actuals recorded as the edit documents.
                workspace.set_percent_complete("BENCH", &a, (random.below(3) * 50) as f64).unwrap();
            }
            0 => {
                workspace.set_activity_duration("BENCH", &a, random.below(20) as f64 / 2.0).unwrap();
            }
            1 => {
                // Refusals (loops, duplicates, self-links) are expected for some random pairs.
                let _ = workspace.add_dependency("BENCH", link(&a, &b));
            }
            _ => {
                let project = workspace.project("BENCH").unwrap();
                let existing = &project.dependencies[random.below(project.dependencies.len())];
                let (from, to) = (existing.predecessor_id.clone(), existing.successor_id.clone());
                workspace.remove_dependency("BENCH", &from, &to).unwrap();
            }
        }
        assert_matches_a_fresh_schedule(&mut workspace);
    }
}

#[test]
fn a_duration_edit_reports_what_moved() {
    // Two activities in a row, 5 and 10 days, from Monday 5 January 2026.
    let mut workspace = workspace_of(2, 1, 1);
    for (id, days) in [("A0", 5.0), ("A1", 10.0)] {
        workspace.set_activity_duration("BENCH", id, days).unwrap();
    }
    let project = workspace.project("BENCH").unwrap();
    assert_eq!((project.dependencies.len(), project.dependencies[0].predecessor_id.as_str()), (1, "A0"));
    let options = ScheduleOptions::default();
    let before = workspace.schedule("BENCH", &options).unwrap();
    // 15 working days from Monday 5 January: Friday 23 January (hand count).
    assert_eq!(before.finish.to_string(), "2026-01-23T17:00");
    let change = workspace.set_activity_duration("BENCH", "A0", 0.5).unwrap();
    // 10.5 days: two full weeks to Friday 16 January, then half of Monday 19 January; 4.5 days
    // (2,160 working minutes) earlier.
    assert_eq!(change.previous_finish.to_string(), "2026-01-23T17:00");
    assert_eq!(change.finish.to_string(), "2026-01-19T12:00");
    assert_eq!(change.finish_change_minutes, -2160);
    assert_eq!(change.changed_activity_ids, vec!["A0", "A1"]);
    assert_eq!(change.critical_activity_ids, vec!["A0", "A1"]);
}

#[test]
fn the_first_call_can_be_a_what_if() {
    let mut workspace = workspace_of(2, 1, 1);
    let fresh = schedule_project(workspace.project("BENCH").unwrap(), "p", &ScheduleOptions::default()).unwrap();
    let change = workspace.set_activity_duration("BENCH", "A1", 30.0).unwrap();
    assert_eq!(change.previous_finish, fresh.finish, "the change is measured from the schedule before the edit");
    assert!(change.finish_change_minutes > 0);
}

#[test]
fn refused_edits_change_nothing() {
    let mut workspace = workspace_of(50, 120, 5);
    let exported = workspace.export_json().unwrap();
    let project = workspace.project("BENCH").unwrap();
    let existing = project.dependencies[0].clone();
    // A link back from a successor closes a loop: refused, with the activities on it.
    let error = workspace.add_dependency("BENCH", link(&existing.successor_id, &existing.predecessor_id)).unwrap_err();
    assert_eq!(code(error), "dependency_cycle");
    let error = workspace.add_dependency("BENCH", link("A3", "A3")).unwrap_err();
    assert_eq!(code(error), "self_dependency");
    let error = workspace.add_dependency("BENCH", link(&existing.predecessor_id, &existing.successor_id)).unwrap_err();
    assert_eq!(code(error), "duplicate_dependency");
    let error = workspace.add_dependency("BENCH", link("A3", "nope")).unwrap_err();
    assert_eq!(code(error), "not_found");
    let error = workspace.remove_dependency("BENCH", "A49", "A0").unwrap_err();
    assert_eq!(code(error), "not_found");
    for days in [-1.0, f64::NAN, f64::INFINITY, 1e9] {
        let error = workspace.set_activity_duration("BENCH", "A3", days).unwrap_err();
        assert!(["negative_duration", "out_of_range"].contains(&code(error).as_str()), "{days}");
    }
    assert_eq!(workspace.export_json().unwrap(), exported);
}

#[test]
fn a_loop_is_refused_with_the_activities_on_it() {
    let mut workspace = workspace_of(3, 2, 1);
    // A0 -> A1 -> A2 (the generator links each activity to a recent one).
    let project = workspace.project("BENCH").unwrap();
    let pairs: Vec<(String, String)> = project.dependencies.iter().map(|d| (d.predecessor_id.clone(), d.successor_id.clone())).collect();
    assert_eq!(pairs, vec![("A0".to_string(), "A1".to_string()), ("A1".to_string(), "A2".to_string())]);
    let error = workspace.add_dependency("BENCH", link("A2", "A0")).unwrap_err();
    let finding = &error.findings()[0];
    assert_eq!(finding.code, "dependency_cycle");
    assert_eq!(finding.path, "projects[0].dependencies[2]");
    assert!(finding.message.contains("A0 -> A1 -> A2"), "{}", finding.message);
}

/// Two activities in a row from Monday 5 January 2026 (A: 10 days, 4,000; B: 10 days, 6,000)
/// under a summary S, baselined as planned, status date Friday 30 January; `snapshots` and one
/// threat R1 (20% of 10,000) as given.
fn progress_plan(snapshots: serde_json::Value) -> Workspace {
    let document = serde_json::json!({
        "schemaVersion": 1, "id": "pf", "name": "Portfolio", "currency": "EUR",
        "projects": [{
            "id": "P", "name": "Two steps", "phase": "execution", "status": "active", "currency": "EUR",
            "startDate": "2026-01-05", "statusDate": "2026-01-30", "budgetAtCompletion": 10000,
            "activities": [
                { "id": "S", "name": "Delivery", "durationDays": 20 },
                { "id": "A", "name": "Build", "parentId": "S", "durationDays": 10, "cost": 4000 },
                { "id": "B", "name": "Test", "parentId": "S", "durationDays": 10, "cost": 6000 }
            ],
            "dependencies": [{ "predecessorId": "A", "successorId": "B" }],
            "baseline": { "approvedOn": "2025-12-15", "activities": [
                { "activityId": "A", "start": "2026-01-05T08:00", "finish": "2026-01-16T17:00", "cost": 4000 },
                { "activityId": "B", "start": "2026-01-19T08:00", "finish": "2026-01-30T17:00", "cost": 6000 }
            ] },
            "snapshots": snapshots,
            "risks": [{ "id": "R1", "title": "Supplier late", "kind": "threat", "status": "open", "probability": 0.2, "costImpact": 10000, "scheduleImpactDays": 5 }]
        }]
    });
    let mut workspace = Workspace::new();
    workspace.load_json(&document.to_string()).expect("plan loads");
    workspace
}

fn earned_value_of(workspace: &mut Workspace) -> f64 {
    match workspace.earned_value("P", None, None).expect("evm") {
        pmo_analytics::workspace::EarnedValueReport::Project(report) => report.measures.earned_value,
        _ => panic!("a project"),
    }
}

#[test]
fn percent_complete_records_actuals_as_ms_project_does_and_moves_earned_value() {
    let mut workspace = progress_plan(serde_json::json!([]));
    assert_eq!(earned_value_of(&mut workspace), 0.0);

    // 100%: actual start and finish at the scheduled dates; EV = 100% of A's 4,000.
    let change = workspace.set_percent_complete("P", "A", 100.0).unwrap();
    let a = &workspace.project("P").unwrap().activities[1];
    assert_eq!((a.actual_start.map(|d| d.to_string()), a.actual_finish.map(|d| d.to_string())), (Some("2026-01-05T08:00".into()), Some("2026-01-16T17:00".into())));
    assert_eq!((change.earned_value_change, change.adjusted_snapshot_date), (4000.0, None));
    assert_eq!(earned_value_of(&mut workspace), 4000.0);
    assert_matches_a_fresh_schedule_of(&mut workspace, "P");

    // 50%: the actual start stays, the actual finish goes; EV = 2,000.
    let change = workspace.set_percent_complete("P", "A", 50.0).unwrap();
    let a = &workspace.project("P").unwrap().activities[1];
    assert_eq!((a.actual_start.is_some(), a.actual_finish, a.percent_complete), (true, None, 50.0));
    assert_eq!(change.earned_value_change, -2000.0);
    assert_eq!(earned_value_of(&mut workspace), 2000.0);
    assert_matches_a_fresh_schedule_of(&mut workspace, "P");

    // 0%: no actuals at all.
    workspace.set_percent_complete("P", "A", 0.0).unwrap();
    let a = &workspace.project("P").unwrap().activities[1];
    assert_eq!((a.actual_start, a.actual_finish), (None, None));
    assert_eq!(earned_value_of(&mut workspace), 0.0);
    assert_matches_a_fresh_schedule_of(&mut workspace, "P");
}

#[test]
fn percent_complete_moves_the_reported_earned_value_when_progress_comes_from_snapshots() {
    // Reported at the status date: EV 1,500. A at 75% earns 3,000 more.
    let mut workspace = progress_plan(serde_json::json!([
        { "date": "2026-01-16", "plannedValue": 4000, "earnedValue": 1000, "actualCost": 1200 },
        { "date": "2026-01-30", "plannedValue": 10000, "earnedValue": 1500, "actualCost": 1800 }
    ]));
    assert_eq!(earned_value_of(&mut workspace), 1500.0);
    let change = workspace.set_percent_complete("P", "A", 75.0).unwrap();
    assert_eq!(change.earned_value_change, 3000.0);
    assert_eq!(change.adjusted_snapshot_date.map(|d| d.to_string()), Some("2026-01-30".into()));
    assert_eq!(earned_value_of(&mut workspace), 4500.0);
    // The earlier report is history and stays as it was.
    assert_eq!(workspace.project("P").unwrap().snapshots[0].earned_value, 1000.0);
}

#[test]
fn refused_progress_and_probability_edits_change_nothing() {
    let mut workspace = progress_plan(serde_json::json!([]));
    let before = workspace.export_json().unwrap();
    for (activity, percent, expected) in [("A", 120.0, "invalid_percent_complete"), ("A", -1.0, "invalid_percent_complete"), ("A", f64::NAN, "invalid_percent_complete"), ("S", 50.0, "summary_progress"), ("X", 50.0, "not_found")] {
        let error = workspace.set_percent_complete("P", activity, percent).unwrap_err();
        assert_eq!(code(error), expected, "{activity} at {percent}");
    }
    let error = workspace.set_percent_complete("P", "A", 120.0).unwrap_err();
    assert_eq!(error.findings()[0].path, "projects[0].activities[1].percentComplete");
    for (risk, probability, expected) in [("R1", 1.5, "invalid_probability"), ("R1", f64::INFINITY, "invalid_probability"), ("R9", 0.5, "not_found")] {
        assert_eq!(code(workspace.set_risk_probability("P", risk, probability).unwrap_err()), expected, "{risk} at {probability}");
    }
    assert_eq!(workspace.export_json().unwrap(), before);
}

#[test]
fn a_risk_probability_edit_moves_its_expected_monetary_value() {
    let mut workspace = progress_plan(serde_json::json!([]));
    let options = pmo_analytics::workspace::RiskOptions::default();
    let emv = |workspace: &mut Workspace| workspace.risk_register("P", &options).unwrap().exposure.risks.iter().find(|r| r.id == "R1").unwrap().emv;
    // EMV = probability x cost impact, negative for a threat: 20% and then 50% of 10,000.
    assert_eq!(emv(&mut workspace), -2000.0);
    let change = workspace.set_risk_probability("P", "R1", 0.5).unwrap();
    assert_eq!((change.previous_probability, change.probability), (Some(0.2), 0.5));
    assert_eq!(emv(&mut workspace), -5000.0);
}

fn assert_matches_a_fresh_schedule_of(workspace: &mut Workspace, id: &str) {
    let options = ScheduleOptions::default();
    let resident = workspace.schedule(id, &options).unwrap();
    let fresh = schedule_project(workspace.project(id).unwrap(), "projects[0]", &options).unwrap();
    assert_eq!(serde_json::to_value(&resident).unwrap(), serde_json::to_value(&fresh).unwrap());
}
