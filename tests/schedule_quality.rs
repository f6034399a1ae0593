//! The DCMA 14-point schedule assessment on small plans, each built to trip one check (and a
//! clean plan that passes them all). Expected counts and ids are worked out by hand on MS
//! Project's Standard calendar (Monday to Friday, 8 working hours a day); every plan starts on
//! Monday 5 January 2026.

use pmo_analytics::health::schedule_quality::{assess_schedule_quality, Comparison, Outcome, QualityCheck, QualityOptions, ScheduleQualityReport, Unit};
use pmo_analytics::model::{self, Date, Portfolio, Project};
use pmo_analytics::schedule::result::{schedule_project, ScheduleOptions};
use pmo_analytics::workspace::{Workspace, WorkspaceError};
use serde_json::{json, Value};

fn project(activities: Value, dependencies: Value) -> Project {
    project_with(json!({}), activities, dependencies)
}

fn project_with(extra: Value, activities: Value, dependencies: Value) -> Project {
    let mut document = json!({
        "id": "p", "name": "Plan", "phase": "execution", "status": "active", "currency": "EUR",
        "startDate": "2026-01-05", "budgetAtCompletion": 0,
        "activities": activities, "dependencies": dependencies
    });
    for (key, value) in extra.as_object().expect("extra is an object") {
        document[key] = value.clone();
    }
    model::parse_project_json(&document.to_string()).expect("test plan reads")
}

fn date(text: &str) -> Date {
    serde_json::from_value(json!(text)).expect("a date")
}

fn assess(project: &Project, status: Option<&str>) -> ScheduleQualityReport {
    let schedule = schedule_project(project, "projects[0]", &ScheduleOptions::default()).expect("schedules");
    assess_schedule_quality(project, &schedule, status.map(date), &QualityOptions::default())
}

fn check<'a>(report: &'a ScheduleQualityReport, id: &str) -> &'a QualityCheck {
    report.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no check {id}"))
}

/// (count, total, outcome, ids) of a check, for one-line expectations.
fn summary(report: &ScheduleQualityReport, id: &str) -> (usize, usize, Outcome, Vec<String>) {
    let c = check(report, id);
    (c.count, c.total, c.outcome, c.ids.clone())
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// FS links along a chain of ids.
fn chain(list: &[&str]) -> Value {
    Value::Array(list.windows(2).map(|pair| json!({ "predecessorId": pair[0], "successorId": pair[1] })).collect())
}

/// A clean, statused, baselined, resourced plan: S (start milestone) -> A 5d -> B 5d -> C 5d ->
/// F (finish milestone), status date Friday 9 January with S and A done on their baseline.
fn clean_plan() -> Project {
    project_with(
        json!({
            "statusDate": "2026-01-09", "committedFinish": "2026-01-23",
            "resources": [{ "id": "R", "name": "Analyst" }],
            "baseline": { "approvedOn": "2026-01-02", "activities": [
                { "activityId": "S", "start": "2026-01-05", "finish": "2026-01-05", "cost": 0 },
                { "activityId": "A", "start": "2026-01-05", "finish": "2026-01-09", "cost": 0 },
                { "activityId": "B", "start": "2026-01-12", "finish": "2026-01-16", "cost": 0 },
                { "activityId": "C", "start": "2026-01-19", "finish": "2026-01-23", "cost": 0 },
                { "activityId": "F", "start": "2026-01-23", "finish": "2026-01-23", "cost": 0 }
            ] }
        }),
        json!([
            { "id": "S", "name": "Start", "milestone": true, "actualStart": "2026-01-05", "actualFinish": "2026-01-05" },
            { "id": "A", "name": "A", "durationDays": 5, "actualStart": "2026-01-05", "actualFinish": "2026-01-09", "percentComplete": 100, "assignments": [{ "resourceId": "R" }] },
            { "id": "B", "name": "B", "durationDays": 5, "assignments": [{ "resourceId": "R" }] },
            { "id": "C", "name": "C", "durationDays": 5, "assignments": [{ "resourceId": "R" }] },
            { "id": "F", "name": "Finish", "milestone": true }
        ]),
        chain(&["S", "A", "B", "C", "F"]),
    )
}

#[test]
fn a_clean_plan_passes_all_fourteen_checks() {
    let plan = clean_plan();
    let report = assess(&plan, Some("2026-01-09"));
    let failing: Vec<(&str, Outcome, Option<String>)> =
        report.checks.iter().filter(|c| c.outcome != Outcome::Pass).map(|c| (c.id, c.outcome, c.reason.clone())).collect();
    assert!(failing.is_empty(), "{failing:?}");
    assert_eq!((report.passed, report.failed, report.not_applicable), (14, 0, 0));
    assert_eq!(report.checks.iter().map(|c| c.number).collect::<Vec<_>>(), (1..=14).collect::<Vec<u8>>());
    // Incomplete tasks: B and C (A is done; S and F are milestones).
    assert_eq!(summary(&report, "logic"), (0, 2, Outcome::Pass, vec![]));
    // Four FS links, all without lag.
    assert_eq!(summary(&report, "relationshipTypes"), (4, 4, Outcome::Pass, vec![]));
    assert_eq!(check(&report, "relationshipTypes").value, Some(100.0));
    // Due by 9 January in the baseline: S and A, both finished on their baseline day.
    assert_eq!(summary(&report, "missedTasks"), (0, 2, Outcome::Pass, vec![]));
    assert_eq!(summary(&report, "bei"), (2, 2, Outcome::Pass, vec![]));
    assert_eq!(check(&report, "bei").value, Some(1.0));
    // B and C run 12-23 January after the data date (end of 9 January): 10 days of critical
    // path, finishing on the committed day, so no float either way: CPLI = 10 / 10.
    assert_eq!(check(&report, "cpli").value, Some(1.0));
    // The first incomplete critical task is B (A is done); F slips by the whole delay.
    assert_eq!(summary(&report, "criticalPathTest"), (0, 1, Outcome::Pass, ids(&["B"])));
    assert_eq!(check(&report, "criticalPathTest").value, Some(1.0));
    // Dated activities S, A, B, C, F: nothing forecast before the data date.
    assert_eq!(summary(&report, "invalidDates"), (0, 5, Outcome::Pass, vec![]));
}

#[test]
fn the_report_serializes_with_camel_case_codes() {
    let report = assess(&clean_plan(), None);
    let value = serde_json::to_value(&report).expect("serializes");
    assert_eq!(value["projectId"], "p");
    assert_eq!(value["statusDate"], Value::Null);
    assert_eq!(value["checks"][3]["id"], "relationshipTypes");
    assert_eq!(value["checks"][3]["threshold"], json!({ "comparison": "atLeast", "value": 90.0, "unit": "percent" }));
    assert_eq!(value["checks"][10]["outcome"], "notApplicable");
    assert!(value["checks"][10]["reason"].as_str().is_some_and(|r| r.contains("status date")));
    assert_eq!(value["checks"][10]["value"], Value::Null);
    assert!(value.get("notApplicable").is_some());
}

#[test]
fn logic_counts_incomplete_tasks_missing_a_predecessor_or_a_successor() {
    // S -> A -> B -> F; A -> Y (Y has no successor); X has no links at all; M is a loose
    // milestone (not a task, so not counted). Incomplete tasks: A, B, X, Y = 4.
    // Missing logic: X (both ends), Y (no successor) = 2 of 4 = 50% > 5%.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 2 },
            { "id": "B", "name": "B", "durationDays": 2 }, { "id": "X", "name": "X", "durationDays": 2 },
            { "id": "Y", "name": "Y", "durationDays": 2 }, { "id": "M", "name": "M", "milestone": true },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "B" },
            { "predecessorId": "B", "successorId": "F" }, { "predecessorId": "A", "successorId": "Y" }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "logic"), (2, 4, Outcome::Fail, ids(&["X", "Y"])));
    assert_eq!(check(&report, "logic").value, Some(50.0));
    assert_eq!(check(&report, "logic").threshold.comparison, Comparison::AtMost);
}

#[test]
fn summaries_level_of_effort_inactive_and_milestones_are_not_tasks() {
    // Phase P holds A and B; L is level of effort, I inactive, M a milestone, none linked.
    // The only incomplete tasks are A and B, both tied in: S -> A -> B -> F.
    let plan = project(
        json!([
            { "id": "P", "name": "Phase" },
            { "id": "A", "name": "A", "parentId": "P", "durationDays": 2 },
            { "id": "B", "name": "B", "parentId": "P", "durationDays": 2 },
            { "id": "S", "name": "S", "milestone": true }, { "id": "F", "name": "F", "milestone": true },
            { "id": "L", "name": "Management", "durationDays": 4, "earnedValueMethod": "levelOfEffort" },
            { "id": "I", "name": "Dropped", "durationDays": 2, "active": false },
            { "id": "M", "name": "Loose milestone", "milestone": true }
        ]),
        chain(&["S", "A", "B", "F"]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "logic"), (0, 2, Outcome::Pass, vec![]));
    assert_eq!(summary(&report, "hardConstraints"), (0, 2, Outcome::Pass, vec![]));
}

#[test]
fn leads_are_negative_lags_and_any_one_fails() {
    // S -> A, A -> B with a one-day lead, B -> F: 1 lead among 3 links.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 3 },
            { "id": "B", "name": "B", "durationDays": 3 }, { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "B", "lagDays": -1 },
            { "predecessorId": "B", "successorId": "F" }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "leads"), (1, 3, Outcome::Fail, ids(&["A->B"])));
    assert_eq!(check(&report, "leads").value, Some(1.0));
    assert_eq!(check(&report, "leads").threshold.unit, Unit::Count);
    // A lead is not a lag.
    assert_eq!(summary(&report, "lags"), (0, 3, Outcome::Pass, vec![]));
    // The clean plan has none.
    assert_eq!(summary(&assess(&clean_plan(), None), "leads"), (0, 4, Outcome::Pass, vec![]));
}

#[test]
fn lags_in_any_unit_count_and_a_negative_percent_is_a_lead() {
    // S -> A plain, A -> B +2 working days, B -> C +1 elapsed day, C -> F -10% (a lead).
    // Lags: A->B, B->C = 2 of 4 links = 50%; leads: C->F.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 3 },
            { "id": "B", "name": "B", "durationDays": 3 }, { "id": "C", "name": "C", "durationDays": 3 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" },
            { "predecessorId": "A", "successorId": "B", "lagDays": 2 },
            { "predecessorId": "B", "successorId": "C", "lagElapsedDays": 1 },
            { "predecessorId": "C", "successorId": "F", "lagPercent": -10 }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "lags"), (2, 4, Outcome::Fail, ids(&["A->B", "B->C"])));
    assert_eq!(check(&report, "lags").value, Some(50.0));
    assert_eq!(summary(&report, "leads"), (1, 4, Outcome::Fail, ids(&["C->F"])));
}

/// S -> T1 -> ... -> T19 -> F: 21 activities, 20 links.
fn long_chain(link: impl Fn(usize, Value) -> Value) -> Project {
    let mut names = vec!["S".to_string()];
    names.extend((1..=19).map(|k| format!("T{k}")));
    names.push("F".to_string());
    let activities: Vec<Value> = names
        .iter()
        .map(|id| if id == "S" || id == "F" { json!({ "id": id, "name": id, "milestone": true }) } else { json!({ "id": id, "name": id, "durationDays": 1 }) })
        .collect();
    let links: Vec<Value> = names.windows(2).enumerate().map(|(k, pair)| link(k, json!({ "predecessorId": pair[0], "successorId": pair[1] }))).collect();
    project(Value::Array(activities), Value::Array(links))
}

#[test]
fn one_lag_in_twenty_links_is_exactly_five_percent_and_passes() {
    let plan = long_chain(|k, mut link| {
        if k == 1 {
            link["lagDays"] = json!(1);
        }
        link
    });
    let report = assess(&plan, None);
    // Link 1 is T1 -> T2: 1 / 20 = 5% <= 5%.
    assert_eq!(summary(&report, "lags"), (1, 20, Outcome::Pass, ids(&["T1->T2"])));
    assert_eq!(check(&report, "lags").value, Some(5.0));
}

#[test]
fn relationship_types_need_ninety_percent_finish_to_start() {
    // S -FS-> A -SS-> B -FF-> C -FS-> F: 2 FS of 4 = 50% < 90%.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 3 },
            { "id": "B", "name": "B", "durationDays": 3 }, { "id": "C", "name": "C", "durationDays": 3 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" },
            { "predecessorId": "A", "successorId": "B", "type": "SS" },
            { "predecessorId": "B", "successorId": "C", "type": "FF" },
            { "predecessorId": "C", "successorId": "F" }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "relationshipTypes"), (2, 4, Outcome::Fail, ids(&["A->B", "B->C"])));
    assert_eq!(check(&report, "relationshipTypes").value, Some(50.0));

    // 18 FS of 20 links is 90%: at the threshold, a pass.
    let plan = long_chain(|k, mut link| {
        if k == 3 || k == 7 {
            link["type"] = json!("SS");
        }
        link
    });
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "relationshipTypes"), (18, 20, Outcome::Pass, ids(&["T3->T4", "T7->T8"])));
    assert_eq!(check(&report, "relationshipTypes").value, Some(90.0));
}

#[test]
fn dangling_self_inactive_and_duplicate_links_are_not_relationships() {
    // Kept: S -> A, A -> B (the first of two), B -> F. Dropped: A -> A, A -> GHOST (no such
    // activity), A -> I (inactive), the second A -> B (with a lead that therefore never counts).
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 3 },
            { "id": "B", "name": "B", "durationDays": 3 }, { "id": "I", "name": "I", "durationDays": 3, "active": false },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "B" },
            { "predecessorId": "B", "successorId": "F" }, { "predecessorId": "A", "successorId": "A" },
            { "predecessorId": "A", "successorId": "GHOST" }, { "predecessorId": "A", "successorId": "I" },
            { "predecessorId": "A", "successorId": "B", "lagDays": -1 }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "leads"), (0, 3, Outcome::Pass, vec![]));
    assert_eq!(summary(&report, "relationshipTypes"), (3, 3, Outcome::Pass, vec![]));
}

#[test]
fn hard_constraints_are_mso_mfo_snlt_fnlt_on_incomplete_tasks() {
    // S -> A (MSO 5 Jan) -> B (SNET 12 Jan, soft) -> C (FNLT 31 Dec, hard) -> D -> E (MFO on
    // its own finish, but done: not counted) -> F. Incomplete tasks A, B, C, D = 4; hard: A, C.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true },
            { "id": "A", "name": "A", "durationDays": 5, "constraint": { "type": "MSO", "date": "2026-01-05" } },
            { "id": "B", "name": "B", "durationDays": 5, "constraint": { "type": "SNET", "date": "2026-01-12" } },
            { "id": "C", "name": "C", "durationDays": 5, "constraint": { "type": "FNLT", "date": "2026-12-31" } },
            { "id": "D", "name": "D", "durationDays": 5 },
            { "id": "E", "name": "E", "durationDays": 1, "constraint": { "type": "MFO", "date": "2026-01-05" },
              "actualStart": "2026-01-05", "actualFinish": "2026-01-05", "percentComplete": 100 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        chain(&["S", "A", "B", "C", "D", "F"]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "hardConstraints"), (2, 4, Outcome::Fail, ids(&["A", "C"])));
    assert_eq!(check(&report, "hardConstraints").value, Some(50.0));
}

#[test]
fn high_float_is_more_than_forty_four_working_days() {
    // S -> A 46d -> F, S -> B 2d -> F, S -> C 1d -> F. Total float: A 0, B 46 - 2 = 44 days
    // (at the limit, not high), C 46 - 1 = 45 days (high). 1 of 3 = 33.3%.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 46 },
            { "id": "B", "name": "B", "durationDays": 2 }, { "id": "C", "name": "C", "durationDays": 1 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "F" },
            { "predecessorId": "S", "successorId": "B" }, { "predecessorId": "B", "successorId": "F" },
            { "predecessorId": "S", "successorId": "C" }, { "predecessorId": "C", "successorId": "F" }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "highFloat"), (1, 3, Outcome::Fail, ids(&["C"])));
    // A is 46 planned days (no baseline): a high duration too.
    assert_eq!(summary(&report, "highDuration"), (1, 3, Outcome::Fail, ids(&["A"])));
    assert_eq!(summary(&report, "negativeFloat"), (0, 3, Outcome::Pass, vec![]));

    // The limit is an option: at 45 days C is no longer high.
    let schedule = schedule_project(&plan, "projects[0]", &ScheduleOptions::default()).expect("schedules");
    let options = QualityOptions { high_float_days: 45.0, ..QualityOptions::default() };
    let report = assess_schedule_quality(&plan, &schedule, None, &options);
    assert_eq!(summary(&report, "highFloat"), (0, 3, Outcome::Pass, vec![]));
}

#[test]
fn negative_float_from_a_missed_deadline() {
    // S -> A 5d (deadline Wednesday 7 January) -> F; S -> B 1d -> F. A runs 5-9 January, two
    // days past its deadline: total float -2 days. B has 4 days of float. 1 of 2 tasks.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true },
            { "id": "A", "name": "A", "durationDays": 5, "deadline": "2026-01-07" },
            { "id": "B", "name": "B", "durationDays": 1 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "F" },
            { "predecessorId": "S", "successorId": "B" }, { "predecessorId": "B", "successorId": "F" }
        ]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "negativeFloat"), (1, 2, Outcome::Fail, ids(&["A"])));
    assert_eq!(check(&report, "negativeFloat").value, Some(1.0));
}

#[test]
fn high_duration_reads_the_baseline_else_the_planned_duration() {
    // A: planned 10d, baselined 5 January - 31 March = 20 (Jan) + 20 (Feb) + 22 (Mar) = 62
    //    working days: high.
    // B: planned 50d, no baseline entry: high on its planned duration.
    // C: planned 50d, baselined 5-9 January = 5 days: the baseline wins, not high.
    // D: planned 44d, no baseline entry: at the limit, not high.
    // 2 of 4 incomplete tasks = 50%.
    let plan = project_with(
        json!({ "baseline": { "approvedOn": "2026-01-02", "activities": [
            { "activityId": "A", "start": "2026-01-05", "finish": "2026-03-31", "cost": 0 },
            { "activityId": "C", "start": "2026-01-05", "finish": "2026-01-09", "cost": 0 }
        ] } }),
        json!([
            { "id": "A", "name": "A", "durationDays": 10 }, { "id": "B", "name": "B", "durationDays": 50 },
            { "id": "C", "name": "C", "durationDays": 50 }, { "id": "D", "name": "D", "durationDays": 44 }
        ]),
        json!([]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "highDuration"), (2, 4, Outcome::Fail, ids(&["A", "B"])));
}

/// S (done 5 Jan) -> A 5d (done 5-9 Jan) -> B 5d -> F; S -> X 2d (started 20 Jan) -> F;
/// S -> Y 3d (started 5 Jan, nothing done) -> F.
fn dated_plan(extra: Value) -> Project {
    project_with(
        extra,
        json!([
            { "id": "S", "name": "S", "milestone": true, "actualStart": "2026-01-05", "actualFinish": "2026-01-05" },
            { "id": "A", "name": "A", "durationDays": 5, "actualStart": "2026-01-05", "actualFinish": "2026-01-09", "percentComplete": 100 },
            { "id": "B", "name": "B", "durationDays": 5 },
            { "id": "X", "name": "X", "durationDays": 2, "actualStart": "2026-01-20" },
            { "id": "Y", "name": "Y", "durationDays": 3, "actualStart": "2026-01-05" },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        json!([
            { "predecessorId": "S", "successorId": "A" }, { "predecessorId": "A", "successorId": "B" },
            { "predecessorId": "B", "successorId": "F" }, { "predecessorId": "S", "successorId": "X" },
            { "predecessorId": "X", "successorId": "F" }, { "predecessorId": "S", "successorId": "Y" },
            { "predecessorId": "Y", "successorId": "F" }
        ]),
    )
}

#[test]
fn invalid_dates_are_forecasts_in_the_past_and_actuals_in_the_future() {
    // Status Wednesday 14 January, given to the assessment only (the plan is not statused, so
    // the scheduler leaves remaining work where logic puts it):
    // - B has no actual start and is forecast to start Monday 12 January: in the past;
    // - X has an actual start on 20 January, after the status date;
    // - Y started 5 January with its 3 days still to do, forecast to finish Wednesday 7
    //   January without an actual finish: in the past;
    // - S and A have actuals on or before the status date; F is forecast after it.
    // Dated activities: S, A, B, X, Y, F = 6; invalid: 3.
    let report = assess(&dated_plan(json!({})), Some("2026-01-14"));
    assert_eq!(summary(&report, "invalidDates"), (3, 6, Outcome::Fail, ids(&["B", "X", "Y"])));
    assert_eq!(check(&report, "invalidDates").value, Some(3.0));
}

#[test]
fn a_statused_plan_keeps_forecasts_after_the_data_date_but_not_actuals() {
    // The same plan statused on 14 January: the scheduler puts the remaining work of B and Y
    // after the data date, so only X's actual start in the future is left.
    let report = assess(&dated_plan(json!({ "statusDate": "2026-01-14" })), Some("2026-01-14"));
    assert_eq!(summary(&report, "invalidDates"), (1, 6, Outcome::Fail, ids(&["X"])));
}

#[test]
fn checks_needing_a_status_date_are_not_applicable_without_one() {
    let report = assess(&clean_plan(), None);
    for id in ["invalidDates", "missedTasks", "bei"] {
        let c = check(&report, id);
        assert_eq!(c.outcome, Outcome::NotApplicable, "{id}");
        assert_eq!(c.value, None, "{id}");
        assert!(c.reason.as_deref().is_some_and(|r| r.contains("status date")), "{id}: {:?}", c.reason);
    }
    assert_eq!(report.not_applicable, 3);
}

#[test]
fn resources_count_incomplete_tasks_with_duration_and_no_assignment() {
    // A assigned, B not; M a milestone and C done (neither counted). 1 of 2 = 50% > 0%.
    let plan = project_with(
        json!({ "resources": [{ "id": "R", "name": "Engineer" }] }),
        json!([
            { "id": "A", "name": "A", "durationDays": 2, "assignments": [{ "resourceId": "R" }] },
            { "id": "B", "name": "B", "durationDays": 2 },
            { "id": "M", "name": "M", "milestone": true },
            { "id": "C", "name": "C", "durationDays": 2, "actualStart": "2026-01-05", "actualFinish": "2026-01-06", "percentComplete": 100 }
        ]),
        json!([]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "resources"), (1, 2, Outcome::Fail, ids(&["B"])));
    assert_eq!(check(&report, "resources").value, Some(50.0));
}

#[test]
fn resources_are_not_applicable_to_a_plan_without_any() {
    let plan = project(json!([{ "id": "A", "name": "A", "durationDays": 2 }]), json!([]));
    let report = assess(&plan, None);
    let c = check(&report, "resources");
    assert_eq!((c.outcome, c.value, c.total), (Outcome::NotApplicable, None, 1));
    assert!(c.reason.as_deref().is_some_and(|r| r.contains("no resources")), "{:?}", c.reason);
}

/// Status Friday 16 January. Baseline finishes: A 9 Jan (done 9 Jan), B 9 Jan (done 12 Jan,
/// late), C 14 Jan (started, not done), D 30 Jan (not yet due), E 16 Jan (done 16 Jan).
fn progress_plan() -> Project {
    project_with(
        json!({ "baseline": { "approvedOn": "2026-01-02", "activities": [
            { "activityId": "A", "start": "2026-01-05", "finish": "2026-01-09", "cost": 0 },
            { "activityId": "B", "start": "2026-01-05", "finish": "2026-01-09", "cost": 0 },
            { "activityId": "C", "start": "2026-01-12", "finish": "2026-01-14", "cost": 0 },
            { "activityId": "D", "start": "2026-01-26", "finish": "2026-01-30", "cost": 0 },
            { "activityId": "E", "start": "2026-01-12", "finish": "2026-01-16", "cost": 0 }
        ] } }),
        json!([
            { "id": "A", "name": "A", "durationDays": 5, "actualStart": "2026-01-05", "actualFinish": "2026-01-09", "percentComplete": 100 },
            { "id": "B", "name": "B", "durationDays": 5, "actualStart": "2026-01-05", "actualFinish": "2026-01-12", "percentComplete": 100 },
            { "id": "C", "name": "C", "durationDays": 3, "actualStart": "2026-01-12", "percentComplete": 50 },
            { "id": "D", "name": "D", "durationDays": 5 },
            { "id": "E", "name": "E", "durationDays": 5, "actualStart": "2026-01-12", "actualFinish": "2026-01-16", "percentComplete": 100 }
        ]),
        json!([]),
    )
}

#[test]
fn missed_tasks_finished_after_their_baseline_finish_or_not_at_all() {
    // Due by 16 January: A, B, C, E = 4. Missed: B (late), C (not finished) = 50% > 5%.
    let report = assess(&progress_plan(), Some("2026-01-16"));
    assert_eq!(summary(&report, "missedTasks"), (2, 4, Outcome::Fail, ids(&["B", "C"])));
    assert_eq!(check(&report, "missedTasks").value, Some(50.0));
}

#[test]
fn bei_is_completed_over_due_and_undefined_when_nothing_is_due() {
    // Completed by 16 January: A, B, E = 3; due: A, B, C, E = 4. BEI = 0.75 < 0.95; C is the
    // one due and not done.
    let report = assess(&progress_plan(), Some("2026-01-16"));
    assert_eq!(summary(&report, "bei"), (3, 4, Outcome::Fail, ids(&["C"])));
    assert_eq!(check(&report, "bei").value, Some(0.75));
    assert_eq!(check(&report, "bei").threshold.unit, Unit::Ratio);

    // On 8 January no baselined activity was due yet: the index is undefined, not 0 or 1.
    let report = assess(&progress_plan(), Some("2026-01-08"));
    let c = check(&report, "bei");
    assert_eq!((c.outcome, c.value), (Outcome::NotApplicable, None));
    assert!(c.reason.as_deref().is_some_and(|r| r.contains("undefined")), "{:?}", c.reason);
    assert_eq!(check(&report, "missedTasks").outcome, Outcome::NotApplicable);
}

#[test]
fn baseline_checks_are_not_applicable_without_a_baseline() {
    let plan = dated_plan(json!({}));
    let report = assess(&plan, Some("2026-01-14"));
    for id in ["missedTasks", "bei"] {
        let c = check(&report, id);
        assert_eq!(c.outcome, Outcome::NotApplicable, "{id}");
        assert!(c.reason.as_deref().is_some_and(|r| r.contains("baseline")), "{id}: {:?}", c.reason);
    }
}

#[test]
fn the_critical_path_test_fails_when_a_hard_constraint_breaks_the_path() {
    // S -> A 5d -> B 5d (must start on Monday 12 January) -> F. A (5-9 January) is critical:
    // B cannot move, so A's late finish is Friday 9 January 17:00. Delaying A by 600 days
    // leaves B held on its date, and F, which finishes the project, does not move at all:
    // slip 0 of 600 days.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true },
            { "id": "A", "name": "A", "durationDays": 5 },
            { "id": "B", "name": "B", "durationDays": 5, "constraint": { "type": "MSO", "date": "2026-01-12" } },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        chain(&["S", "A", "B", "F"]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "criticalPathTest"), (1, 1, Outcome::Fail, ids(&["A"])));
    assert_eq!(check(&report, "criticalPathTest").value, Some(0.0));

    // Without the constraint the whole delay reaches F.
    let plan = project(
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 5 },
            { "id": "B", "name": "B", "durationDays": 5 }, { "id": "F", "name": "F", "milestone": true }
        ]),
        chain(&["S", "A", "B", "F"]),
    );
    let report = assess(&plan, None);
    assert_eq!(summary(&report, "criticalPathTest"), (0, 1, Outcome::Pass, ids(&["A"])));
}

#[test]
fn the_critical_path_test_is_not_applicable_when_everything_is_done() {
    let plan = project(
        json!([{ "id": "A", "name": "A", "durationDays": 2, "actualStart": "2026-01-05", "actualFinish": "2026-01-06", "percentComplete": 100 }]),
        json!([]),
    );
    let report = assess(&plan, None);
    assert_eq!(check(&report, "criticalPathTest").outcome, Outcome::NotApplicable);
}

/// S -> A 5d -> B 5d -> C 5d -> F, 5-23 January, with the given committed finish.
fn committed_plan(committed: Option<&str>) -> Project {
    let extra = match committed {
        Some(day) => json!({ "committedFinish": day }),
        None => json!({}),
    };
    project_with(
        extra,
        json!([
            { "id": "S", "name": "S", "milestone": true }, { "id": "A", "name": "A", "durationDays": 5 },
            { "id": "B", "name": "B", "durationDays": 5 }, { "id": "C", "name": "C", "durationDays": 5 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        chain(&["S", "A", "B", "C", "F"]),
    )
}

#[test]
fn cpli_measures_the_critical_path_against_the_committed_finish() {
    // No status date: the critical path runs from the start, Monday 5 January 08:00, to Friday
    // 23 January 17:00 = 15 days. Committed Wednesday 21 January: 2 days short, float -2.
    // CPLI = (15 - 2) / 15 = 0.8667 < 0.95.
    let report = assess(&committed_plan(Some("2026-01-21")), None);
    assert_eq!(check(&report, "cpli").value, Some(13.0 / 15.0));
    assert_eq!(check(&report, "cpli").outcome, Outcome::Fail);

    // Committed on the forecast day: no float, CPLI = 1.
    let report = assess(&committed_plan(Some("2026-01-23")), None);
    assert_eq!((check(&report, "cpli").value, check(&report, "cpli").outcome), (Some(1.0), Outcome::Pass));

    // Status Friday 9 January: 10 days remain (12-23 January); committed Thursday 22: float
    // -1, CPLI = 9 / 10. The plan is not statused, so the forecast finish stays 23 January.
    let report = assess(&committed_plan(Some("2026-01-22")), Some("2026-01-09"));
    assert_eq!(check(&report, "cpli").value, Some(0.9));

    // No committed finish: nothing to measure against.
    let report = assess(&committed_plan(None), None);
    let c = check(&report, "cpli");
    assert_eq!((c.outcome, c.value), (Outcome::NotApplicable, None));
    assert!(c.reason.as_deref().is_some_and(|r| r.contains("committed finish")), "{:?}", c.reason);
}

fn portfolio_of(project: Project, status: Option<&str>) -> Portfolio {
    let mut portfolio = Portfolio::of_project(project);
    portfolio.status_date = status.map(date);
    portfolio
}

#[test]
fn the_workspace_assesses_the_resident_schedule_at_the_status_date_it_finds() {
    let mut workspace = Workspace::new();
    workspace.accept(portfolio_of(clean_plan(), None), Vec::new());
    let options = QualityOptions::default();
    // The project's own status date (9 January) when none is given.
    let report = workspace.schedule_quality("p", None, &options).expect("assesses");
    assert_eq!(report.status_date, Some(date("2026-01-09")));
    assert_eq!(report, assess(&clean_plan(), Some("2026-01-09")));
    assert_eq!(report.passed, 14);
    // A given date wins.
    let report = workspace.schedule_quality("p", Some(date("2026-01-16")), &options).expect("assesses");
    assert_eq!(report.status_date, Some(date("2026-01-16")));

    // A project without a status date takes the portfolio's; with neither, the checks that need
    // one are not applicable.
    let mut unstatused = committed_plan(Some("2026-01-23"));
    unstatused.status_date = None;
    workspace.accept(portfolio_of(unstatused.clone(), Some("2026-01-12")), Vec::new());
    assert_eq!(workspace.schedule_quality("p", None, &options).expect("assesses").status_date, Some(date("2026-01-12")));
    workspace.accept(portfolio_of(unstatused, None), Vec::new());
    let report = workspace.schedule_quality("p", None, &options).expect("assesses");
    assert_eq!(report.status_date, None);
    assert_eq!(check(&report, "bei").outcome, Outcome::NotApplicable);
}

#[test]
fn the_workspace_returns_errors_instead_of_panicking() {
    // A project calendar with no working time cannot be scheduled.
    let plan = project_with(
        json!({ "calendarId": "never", "calendars": [{ "id": "never", "name": "Never", "workingDays": [] }] }),
        json!([{ "id": "A", "name": "A", "durationDays": 2 }]),
        json!([]),
    );
    let mut workspace = Workspace::new();
    workspace.accept(portfolio_of(plan, None), Vec::new());
    let error = workspace.schedule_quality("p", None, &QualityOptions::default()).expect_err("cannot schedule");
    assert!(matches!(error, WorkspaceError::Schedule(_)), "{error:?}");
    assert_eq!(error.code(), "cannot_schedule");

    let error = workspace.schedule_quality("nope", None, &QualityOptions::default()).expect_err("unknown project");
    assert_eq!(error.code(), "not_found");

    workspace.accept(portfolio_of(clean_plan(), None), Vec::new());
    let bad = QualityOptions { max_lags_percent: f64::NAN, ..QualityOptions::default() };
    let error = workspace.schedule_quality("p", None, &bad).expect_err("bad option");
    assert_eq!((error.code(), error.path()), ("invalid_option", "maxLagsPercent"));

    let error = Workspace::new().schedule_quality("p", None, &QualityOptions::default()).expect_err("nothing loaded");
    assert_eq!(error.code(), "not_loaded");
}

#[test]
fn the_critical_path_test_delays_the_remaining_work_of_a_started_task() {
    // Statused Wednesday 7 January: S done, A (4 days) started 5 January and half done, so 2
    // days remain; A -> B -> F. A is the first incomplete critical task. Were the delay added
    // to A's duration alone, only half of it would reach its remaining work (600 x 50% = 300
    // days, a value of 0.5); added to the remaining work, F slips by the whole 600 days.
    let plan = project_with(
        json!({ "statusDate": "2026-01-07" }),
        json!([
            { "id": "S", "name": "S", "milestone": true, "actualStart": "2026-01-05", "actualFinish": "2026-01-05" },
            { "id": "A", "name": "A", "durationDays": 4, "actualStart": "2026-01-05", "percentComplete": 50 },
            { "id": "B", "name": "B", "durationDays": 3 },
            { "id": "F", "name": "F", "milestone": true }
        ]),
        chain(&["S", "A", "B", "F"]),
    );
    let report = assess(&plan, Some("2026-01-07"));
    assert_eq!(summary(&report, "criticalPathTest"), (0, 1, Outcome::Pass, ids(&["A"])));
    assert_eq!(check(&report, "criticalPathTest").value, Some(1.0));
}
