//! The scheduler on small plans whose dates are worked out by hand on MS Project's Standard
//! calendar (Monday to Friday, 08:00-12:00 and 13:00-17:00), and on bad plans.

use pmo_analytics::model::{self, Project};
use pmo_analytics::schedule::result::{schedule_project, ActivitySchedule, ProjectSchedule, ScheduleOptions};
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
    for (key, value) in extra.as_object().unwrap() {
        document[key] = value.clone();
    }
    model::parse_project_json(&document.to_string()).expect("test plan reads")
}

fn run(project: &Project) -> ProjectSchedule {
    schedule_project(project, "projects[0]", &ScheduleOptions::default()).expect("schedules")
}

fn activity<'a>(schedule: &'a ProjectSchedule, id: &str) -> &'a ActivitySchedule {
    schedule.activities.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("no activity {id}"))
}

fn dates(schedule: &ProjectSchedule, id: &str) -> (String, String) {
    let a = activity(schedule, id);
    (a.start.to_string(), a.finish.to_string())
}

const DAY: i64 = 480;

#[test]
fn a_chain_with_a_parallel_branch() {
    // A(5d) -> B(3d) -> C(2d); D(2d) -> C. Monday 5 January 2026 start.
    let plan = project(
        json!([
            { "id": "A", "name": "A", "durationDays": 5 }, { "id": "B", "name": "B", "durationDays": 3 },
            { "id": "C", "name": "C", "durationDays": 2 }, { "id": "D", "name": "D", "durationDays": 2 }
        ]),
        json!([
            { "predecessorId": "A", "successorId": "B" }, { "predecessorId": "B", "successorId": "C" },
            { "predecessorId": "D", "successorId": "C" }
        ]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T08:00".into(), "2026-01-09T17:00".into()));
    assert_eq!(dates(&schedule, "B"), ("2026-01-12T08:00".into(), "2026-01-14T17:00".into()));
    assert_eq!(dates(&schedule, "C"), ("2026-01-15T08:00".into(), "2026-01-16T17:00".into()));
    assert_eq!(schedule.finish.to_string(), "2026-01-16T17:00");
    // D could slip 8 - 2 = 6 days before it would delay C.
    assert_eq!(activity(&schedule, "D").total_float_minutes, 6 * DAY);
    assert_eq!(activity(&schedule, "D").free_float_minutes, 6 * DAY);
    assert_eq!(activity(&schedule, "D").late_start.to_string(), "2026-01-13T08:00");
    assert_eq!(schedule.critical_path.activity_ids, vec!["A", "B", "C"]);
    assert_eq!(schedule.critical_path.dependency_indices, vec![0, 1]);
    assert_eq!(activity(&schedule, "C").driving_predecessor_ids, vec!["B"]);
}

#[test]
fn link_types_and_lags() {
    let plan = project(
        json!([
            { "id": "A", "name": "A", "durationDays": 4 },
            { "id": "SS", "name": "SS", "durationDays": 2 },
            { "id": "FF", "name": "FF", "durationDays": 1 },
            { "id": "SF", "name": "SF", "durationDays": 1 },
            { "id": "LEAD", "name": "lead", "durationDays": 1 },
            { "id": "EL", "name": "elapsed", "durationDays": 1 },
            { "id": "PC", "name": "percent", "durationDays": 1 },
            { "id": "M", "name": "milestone", "milestone": true }
        ]),
        json!([
            { "predecessorId": "A", "successorId": "SS", "type": "SS", "lagDays": 2 },
            { "predecessorId": "A", "successorId": "FF", "type": "FF", "lagDays": 1 },
            { "predecessorId": "A", "successorId": "SF", "type": "SF", "lagDays": 3 },
            { "predecessorId": "A", "successorId": "LEAD", "lagDays": -1 },
            { "predecessorId": "A", "successorId": "EL", "lagElapsedDays": 2 },
            { "predecessorId": "A", "successorId": "PC", "lagPercent": 50 },
            { "predecessorId": "A", "successorId": "M" }
        ]),
    );
    let schedule = run(&plan);
    // A: Mon 5 08:00 - Thu 8 17:00.
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T08:00".into(), "2026-01-08T17:00".into()));
    // SS +2d: starts Wed 7 08:00.
    assert_eq!(dates(&schedule, "SS"), ("2026-01-07T08:00".into(), "2026-01-08T17:00".into()));
    // FF +1d: finishes Fri 9 17:00.
    assert_eq!(dates(&schedule, "FF"), ("2026-01-09T08:00".into(), "2026-01-09T17:00".into()));
    // SF +3d: finishes no earlier than 3 days after A starts (Wed 7 17:00).
    assert_eq!(dates(&schedule, "SF"), ("2026-01-07T08:00".into(), "2026-01-07T17:00".into()));
    // A one-day lead: starts Thursday 8 08:00.
    assert_eq!(dates(&schedule, "LEAD"), ("2026-01-08T08:00".into(), "2026-01-08T17:00".into()));
    // Two elapsed days after Thu 17:00 is Sat 17:00; work resumes Monday.
    assert_eq!(dates(&schedule, "EL"), ("2026-01-12T08:00".into(), "2026-01-12T17:00".into()));
    // 50% of A's four days is a two-day lag: Friday 9 and Monday 12, so Tuesday 13.
    assert_eq!(dates(&schedule, "PC"), ("2026-01-13T08:00".into(), "2026-01-13T17:00".into()));
    // A milestone after a task finishing 17:00 sits at 17:00, as MS Project shows it.
    assert_eq!(dates(&schedule, "M"), ("2026-01-08T17:00".into(), "2026-01-08T17:00".into()));
}

#[test]
fn constraints_deadlines_and_negative_float() {
    let plan = project(
        json!([
            { "id": "A", "name": "A", "durationDays": 5 },
            { "id": "B", "name": "B", "durationDays": 2, "constraint": { "type": "SNET", "date": "2026-01-14" } },
            { "id": "C", "name": "C", "durationDays": 2, "constraint": { "type": "FNLT", "date": "2026-01-09" } },
            { "id": "L", "name": "late one", "durationDays": 1, "constraint": { "type": "ALAP" } }
        ]),
        json!([
            { "predecessorId": "A", "successorId": "B" },
            { "predecessorId": "A", "successorId": "C" },
            { "predecessorId": "L", "successorId": "B" }
        ]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "B"), ("2026-01-14T08:00".into(), "2026-01-15T17:00".into()));
    // C must finish by Friday 9 but logic would not start it before Monday 12. The constraint
    // wins (MS Project honours constraint dates): C is held at Thursday-Friday, and the two days
    // A would have to give show as negative float on A, the activity that drives C.
    assert_eq!(dates(&schedule, "C"), ("2026-01-08T08:00".into(), "2026-01-09T17:00".into()));
    assert_eq!(activity(&schedule, "A").total_float_minutes, -2 * DAY);
    assert!(schedule.findings.iter().any(|f| f.code == "negative_float" && f.ids == vec!["A"]));
    // ALAP: scheduled at its late dates, the day before B's constrained start.
    assert_eq!(dates(&schedule, "L"), ("2026-01-13T08:00".into(), "2026-01-13T17:00".into()));
}

#[test]
fn summaries_roll_up_and_links_on_them_hold_children() {
    let plan = project(
        json!([
            { "id": "S", "name": "Phase" },
            { "id": "A", "name": "A", "parentId": "S", "durationDays": 2 },
            { "id": "B", "name": "B", "parentId": "S", "durationDays": 4 },
            { "id": "P", "name": "Before", "durationDays": 1 },
            { "id": "N", "name": "After", "durationDays": 1 }
        ]),
        json!([
            { "predecessorId": "P", "successorId": "S" },
            { "predecessorId": "S", "successorId": "N" }
        ]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-06T08:00".into(), "2026-01-07T17:00".into()));
    assert_eq!(dates(&schedule, "S"), ("2026-01-06T08:00".into(), "2026-01-09T17:00".into()));
    assert_eq!(dates(&schedule, "N"), ("2026-01-12T08:00".into(), "2026-01-12T17:00".into()));
    assert_eq!(activity(&schedule, "A").total_float_minutes, 2 * DAY);
    assert!(activity(&schedule, "S").summary);
}

#[test]
fn a_finished_phase_spans_its_children_not_the_status_date() {
    // Both children of S finished in the first week; the status date is a month later. S
    // spans its children (as MS Project rolls it up), is complete, and is not critical; the
    // open phase T is as critical as its most critical child. Free float of A ignores the
    // bracket that holds it inside S (a summary is not a successor).
    let plan = project_with(
        json!({ "statusDate": "2026-02-06" }),
        json!([
            { "id": "S", "name": "Done phase" },
            { "id": "A", "name": "A", "parentId": "S", "durationDays": 1, "actualStart": "2026-01-05T08:00", "actualFinish": "2026-01-05T17:00", "percentComplete": 100 },
            { "id": "B", "name": "B", "parentId": "S", "durationDays": 2, "actualStart": "2026-01-06T08:00", "actualFinish": "2026-01-07T17:00", "percentComplete": 100 },
            { "id": "T", "name": "Open phase" },
            { "id": "C", "name": "C", "parentId": "T", "durationDays": 3 },
            { "id": "D", "name": "D", "parentId": "T", "durationDays": 1 }
        ]),
        json!([]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "S"), ("2026-01-05T08:00".into(), "2026-01-07T17:00".into()));
    assert!(!activity(&schedule, "S").critical);
    // C and D start Monday 9 February, after the status date (Friday 6th): C ends Wednesday.
    assert_eq!(dates(&schedule, "T"), ("2026-02-09T08:00".into(), "2026-02-11T17:00".into()));
    assert!(activity(&schedule, "T").critical && activity(&schedule, "C").critical);
    assert_eq!(activity(&schedule, "D").total_float_minutes, 2 * DAY);
    assert_eq!(activity(&schedule, "D").free_float_minutes, 2 * DAY);
}

#[test]
fn progress_and_the_status_date() {
    let plan = project_with(
        json!({ "statusDate": "2026-01-07" }),
        json!([
            { "id": "DONE", "name": "done", "durationDays": 1, "actualStart": "2026-01-05T08:00", "actualFinish": "2026-01-05T17:00", "percentComplete": 100 },
            { "id": "HALF", "name": "half", "durationDays": 4, "actualStart": "2026-01-06T08:00", "percentComplete": 25 },
            { "id": "TODO", "name": "not started", "durationDays": 1 }
        ]),
        json!([]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "DONE"), ("2026-01-05T08:00".into(), "2026-01-05T17:00".into()));
    // One day done from Tuesday; three remain and resume after the status date (Wed 7).
    assert_eq!(dates(&schedule, "HALF"), ("2026-01-06T08:00".into(), "2026-01-12T17:00".into()));
    // Nothing unstarted is scheduled before the status date.
    assert_eq!(dates(&schedule, "TODO"), ("2026-01-08T08:00".into(), "2026-01-08T17:00".into()));
    assert!(!activity(&schedule, "DONE").critical);
}

#[test]
fn holidays_on_the_project_calendar() {
    let plan = project_with(
        json!({ "calendarId": "uk", "calendars": [{ "id": "uk", "name": "UK", "exceptions": [
            { "name": "New Year", "from": "2026-01-01", "to": "2026-01-01" },
            { "name": "Office closed", "from": "2026-01-07", "to": "2026-01-08" }
        ]}]}),
        json!([{ "id": "A", "name": "A", "durationDays": 5 }]),
        json!([]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T08:00".into(), "2026-01-13T17:00".into()));
}

#[test]
fn bad_plans_are_reported_not_fatal() {
    // A 2-cycle, a dangling link, a self-link and a lag longer than the whole project.
    let plan = project(
        json!([
            { "id": "A", "name": "A", "durationDays": 1 }, { "id": "B", "name": "B", "durationDays": 1 },
            { "id": "C", "name": "C", "durationDays": 1 }, { "id": "D", "name": "D", "durationDays": 1 }
        ]),
        json!([
            { "predecessorId": "A", "successorId": "B" }, { "predecessorId": "B", "successorId": "A" },
            { "predecessorId": "C", "successorId": "ghost" }, { "predecessorId": "C", "successorId": "C" },
            { "predecessorId": "C", "successorId": "D", "lagDays": 1000 }
        ]),
    );
    let schedule = run(&plan);
    let cycle = schedule.findings.iter().find(|f| f.code == "dependency_cycle").expect("cycle reported");
    assert_eq!(cycle.ids, vec!["A", "B"]);
    assert!(cycle.message.contains("dependencies[0]") && cycle.message.contains("dependencies[1]"));
    assert!(schedule.findings.iter().any(|f| f.code == "dangling_dependency"));
    assert!(schedule.findings.iter().any(|f| f.code == "self_dependency"));
    // D is working day 1 + 1000 + 1 = 1002 counted from Monday 5 January 2026: 200 whole weeks
    // (1,400 calendar days, to Monday 5 November 2029) and one day more, a Tuesday.
    assert_eq!(dates(&schedule, "D"), ("2029-11-06T08:00".into(), "2029-11-06T17:00".into()));
}

#[test]
fn a_long_cycle_inside_a_large_network_names_its_members() {
    let count = 5_000;
    let activities: Vec<Value> = (0..count).map(|i| json!({ "id": format!("T{i}"), "name": "t", "durationDays": 1 })).collect();
    let mut links: Vec<Value> = (1..count).map(|i| json!({ "predecessorId": format!("T{}", i - 1), "successorId": format!("T{i}") })).collect();
    links.push(json!({ "predecessorId": "T3000", "successorId": "T2000" }));
    let schedule = run(&project(Value::Array(activities), Value::Array(links)));
    let cycle = schedule.findings.iter().find(|f| f.code == "dependency_cycle").expect("cycle");
    assert_eq!(cycle.ids.len(), 1001);
    assert_eq!(cycle.ids.first().map(String::as_str), Some("T2000"));
}

#[test]
fn a_200000_deep_chain_does_not_overflow_the_stack() {
    let count = 200_000;
    let activities: Vec<Value> = (0..count).map(|i| json!({ "id": format!("T{i}"), "name": "t", "durationDays": 0.125 })).collect();
    let links: Vec<Value> = (1..count).map(|i| json!({ "predecessorId": format!("T{}", i - 1), "successorId": format!("T{i}") })).collect();
    let schedule = run(&project(Value::Array(activities), Value::Array(links)));
    // 200,000 hours of work at 8 a day is 25,000 working days: 5,000 weeks exactly.
    assert_eq!(schedule.finish.to_string(), "2121-10-24T17:00".to_string().replace("2121-10-24", &expected_finish_for_weeks(5000)));
    assert_eq!(schedule.critical_path.activity_ids.len(), count);
}

/// The Friday that ends `weeks` working weeks from Monday 2026-01-05.
fn expected_finish_for_weeks(weeks: i64) -> String {
    (chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(weeks * 7 - 3)).format("%Y-%m-%d").to_string()
}

#[test]
fn an_empty_project_has_a_schedule_with_no_activities() {
    let schedule = run(&project(json!([]), json!([])));
    assert!(schedule.activities.is_empty());
    assert_eq!(schedule.finish.to_string(), "2026-01-05T08:00");
}

#[test]
fn the_sample_schedules_every_project() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json")).unwrap();
    let (portfolio, _) = model::from_json_str(&text).unwrap();
    for (index, project) in portfolio.projects.iter().enumerate() {
        let schedule = schedule_project(project, &format!("projects[{index}]"), &ScheduleOptions::default()).unwrap();
        // A project with work left has a critical path; a finished one has none.
        let work_left = project.activities.iter().any(|a| a.actual_finish.is_none() && a.active);
        assert_eq!(!schedule.critical_path.activity_ids.is_empty(), work_left, "{}", project.id);
    }
}

#[test]
fn weekdays_with_their_own_hours() {
    // Friday is short (08:00-12:00) and Saturday works a night shift 22:00-24:00; the other days
    // keep the Standard hours. A 2-day task from Thursday 8 January 2026: Thursday 8h, Friday 4h,
    // Saturday night 2h, then 2h on Monday 12 January: 08:00-10:00.
    let calendar = json!([{ "id": "short", "name": "Short Friday", "weekHours": [
        { "day": "friday", "hours": [{ "from": "08:00", "to": "12:00" }] },
        { "day": "saturday", "hours": [{ "from": "22:00", "to": "24:00" }] }
    ] }]);
    let plan = project_with(
        json!({ "startDate": "2026-01-08", "calendars": calendar, "calendarId": "short" }),
        json!([{ "id": "A", "name": "A", "durationDays": 2 }, { "id": "B", "name": "B", "durationDays": 0.25 }]),
        json!([{ "predecessorId": "A", "successorId": "B" }]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-08T08:00".into(), "2026-01-12T10:00".into()));
    // B: 2h from Monday 10:00 -> 12:00.
    assert_eq!(dates(&schedule, "B"), ("2026-01-12T10:00".into(), "2026-01-12T12:00".into()));
    // A day named with no hours is not worked: Monday off moves B's 2h to Tuesday.
    let calendar = json!([{ "id": "c", "name": "No Monday", "weekHours": [{ "day": "monday", "hours": [] }] }]);
    let plan = project_with(
        json!({ "startDate": "2026-01-09", "calendars": calendar, "calendarId": "c" }),
        json!([{ "id": "A", "name": "A", "durationDays": 1 }, { "id": "B", "name": "B", "durationDays": 0.25 }]),
        json!([{ "predecessorId": "A", "successorId": "B" }]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-09T08:00".into(), "2026-01-09T17:00".into()));
    assert_eq!(dates(&schedule, "B"), ("2026-01-13T08:00".into(), "2026-01-13T10:00".into()));
}

#[test]
fn a_project_that_starts_at_nine() {
    // Monday 5 January 2026 at 09:00. A 1-day task: 09:00-12:00 (3h), 13:00-17:00 (4h), then
    // 1h on Tuesday 08:00-09:00. The successor starts Tuesday 09:00.
    let plan = project_with(
        json!({ "startDate": "2026-01-05T09:00" }),
        json!([{ "id": "A", "name": "A", "durationDays": 1 }, { "id": "B", "name": "B", "durationDays": 1 }]),
        json!([{ "predecessorId": "A", "successorId": "B" }]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T09:00".into(), "2026-01-06T09:00".into()));
    assert_eq!(dates(&schedule, "B"), ("2026-01-06T09:00".into(), "2026-01-07T09:00".into()));
    // A start outside working time moves to the next working minute: 12:30 is lunch.
    let plan = project_with(json!({ "startDate": "2026-01-05T12:30" }), json!([{ "id": "A", "name": "A", "durationDays": 1 }]), json!([]));
    assert_eq!(dates(&run(&plan), "A"), ("2026-01-05T13:00".into(), "2026-01-06T12:00".into()));
}

#[test]
fn a_start_date_written_as_a_date_reads_and_writes_as_before() {
    let plan = project(json!([]), json!([]));
    let written = serde_json::to_value(&plan).unwrap();
    assert_eq!(written["startDate"], json!("2026-01-05"));
    let timed = project_with(json!({ "startDate": "2026-01-05T09:00" }), json!([]), json!([]));
    assert_eq!(serde_json::to_value(&timed).unwrap()["startDate"], json!("2026-01-05T09:00"));
}

#[test]
fn resource_driven_activities_follow_their_assignments_on_resource_calendars() {
    // A is resource-driven: Ana (Standard calendar) works 8h at 50%, a 16h span: Monday 5
    // January 08:00 to Tuesday 17:00. Bo works afternoons only (13:00-17:00) and does 10h at
    // 100%: Monday 4h, Tuesday 4h, Wednesday 13:00-15:00. A finishes with Bo, Wednesday 15:00;
    // its own 1-day duration does not govern. B (1d) follows: Wednesday 15:00 to Thursday 15:00.
    // C (10d) sets the finish, Friday 16 January 17:00.
    let plan = project_with(
        json!({
            "calendars": [{ "id": "pm", "name": "Afternoons", "workingHours": [{ "from": "13:00", "to": "17:00" }] }],
            "resources": [{ "id": "ana", "name": "Ana" }, { "id": "bo", "name": "Bo", "calendarId": "pm" }]
        }),
        json!([
            { "id": "A", "name": "A", "durationDays": 1, "resourceDriven": true, "assignments": [
                { "resourceId": "ana", "units": 0.5, "workHours": 8 }, { "resourceId": "bo", "units": 1, "workHours": 10 }
            ] },
            { "id": "B", "name": "B", "durationDays": 1 }, { "id": "C", "name": "C", "durationDays": 10 }
        ]),
        json!([{ "predecessorId": "A", "successorId": "B" }]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T08:00".into(), "2026-01-07T15:00".into()));
    assert_eq!(dates(&schedule, "B"), ("2026-01-07T15:00".into(), "2026-01-08T15:00".into()));
    assert_eq!(schedule.finish.to_string(), "2026-01-16T17:00");
    // Backward: B must start by Friday 16 08:00, so A must finish by Thursday 15 17:00. Ana's
    // 16h then start Wednesday 14 08:00 and Bo's 10h of afternoons Tuesday 13 15:00: A's late
    // start is the earlier.
    let a = activity(&schedule, "A");
    assert_eq!(a.late_finish.to_string(), "2026-01-15T17:00");
    assert_eq!(a.late_start.to_string(), "2026-01-13T15:00");
    // Finish float: Wednesday 15:00 to Thursday 15 17:00 is 2h + 6 days = 50h; start float is
    // 54h; total float is the smaller.
    assert_eq!(a.total_float_minutes, 50 * 60);
    assert_eq!(a.free_float_minutes, 0);

    // The same activity not resource-driven takes its own day.
    let mut fixed = plan.clone();
    fixed.activities[0].resource_driven = false;
    assert_eq!(dates(&run(&fixed), "A"), ("2026-01-05T08:00".into(), "2026-01-05T17:00".into()));
}

#[test]
fn a_split_task_spans_its_work_and_its_pauses() {
    // A: 3 days of work from Monday 5 January 2026, paused Tuesday 17:00 to Thursday 17:00 (two
    // working days): Monday, Tuesday, then Friday; it finishes Friday 9 January 17:00. B follows.
    let plan = project(
        json!([
            { "id": "A", "name": "A", "durationDays": 3, "splits": [{ "from": "2026-01-06T17:00", "to": "2026-01-08T17:00" }] },
            { "id": "B", "name": "B", "durationDays": 1 }
        ]),
        json!([{ "predecessorId": "A", "successorId": "B" }]),
    );
    let schedule = run(&plan);
    assert_eq!(dates(&schedule, "A"), ("2026-01-05T08:00".into(), "2026-01-09T17:00".into()));
    assert_eq!(dates(&schedule, "B"), ("2026-01-12T08:00".into(), "2026-01-12T17:00".into()));
    // A pause that ends before it begins is refused with its path.
    let mut document = serde_json::to_value(&plan).unwrap();
    document["activities"][0]["splits"][0]["to"] = json!("2026-01-06T08:00");
    let edited: Project = serde_json::from_value(document).unwrap();
    let findings = model::validate_project("projects[0]", &edited);
    assert!(findings.iter().any(|f| f.path.ends_with("activities[0].splits[0].to")), "{findings:#?}");
}
