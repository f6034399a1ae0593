//! Milestones across projects on a hand-built portfolio: a chain of milestones on the standard
//! calendar (Monday to Friday) whose scheduled dates are worked out below by hand, a project that
//! cannot be scheduled, and every status (late by baseline, deadline and overdue; upcoming; no
//! baseline; on track; done on time) in the promised order.

use pmo_analytics::model::{
    Activity, Baseline, BaselineActivity, Calendar, Date, DateTime, Dependency, DependencyKind, OrgUnit, OrgUnitKind, Phase, Portfolio,
    Project, ProjectStatus, WorkDuration, SCHEMA_VERSION,
};
use pmo_analytics::portfolio::milestones::MilestoneStatus;
use pmo_analytics::workspace::Workspace;

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("a real date")
}

fn task(id: &str, days: f64) -> Activity {
    Activity::new(id.to_string(), format!("Activity {id}"), WorkDuration::from_days(days))
}

fn milestone(id: &str) -> Activity {
    let mut activity = task(id, 0.0);
    activity.milestone = true;
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

fn baseline(dates: &[(&str, Date)]) -> Baseline {
    Baseline {
        approved_on: date(2026, 2, 20),
        activities: dates
            .iter()
            .map(|(id, finish)| BaselineActivity {
                activity_id: id.to_string(),
                start: DateTime::at_midnight(*finish),
                finish: DateTime::at_midnight(*finish),
                cost: 0.0,
            })
            .collect(),
    }
}

fn project(id: &str, unit: &str, activities: Vec<Activity>, dependencies: Vec<Dependency>, baseline: Baseline) -> Project {
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
        // Monday.
        start_date: DateTime::at_midnight(date(2026, 3, 2)),
        committed_finish: None,
        calendar_id: None,
        calendars: Vec::new(),
        budget_at_completion: 1000.0,
        baseline: Some(baseline),
        activities,
        dependencies,
        resources: Vec::new(),
        risks: Vec::new(),
        issues: Vec::new(),
        change_requests: Vec::new(),
        snapshots: Vec::new(),
        financials: Vec::new(),
    }
}

/// Project P on the standard calendar, from Monday 2 March 2026:
/// - A 10 days: 2 Mar - Fri 13 Mar; MA after it: 13 Mar, finished 13 Mar, baseline 13 Mar.
/// - T 5 days after MA, with a deadline 27 Mar: 16 - 20 Mar, finished 20 Mar, baseline 20 Mar.
/// - B 20 days after MA: Mon 16 Mar - Fri 10 Apr; MB after it: 10 Apr, baseline 8 Apr.
/// - C 15 days after MB: Mon 13 Apr - Fri 1 May; MC after it: 1 May, baseline 27 Apr;
///   MD after it too: 1 May, baseline 5 May but deadline 30 Apr.
/// - D 10 days after MC: Mon 4 May - Fri 15 May; ME after it: 15 May, baseline 20 May.
/// - E 10 days after D: Mon 18 May - Fri 29 May; MF after it: 29 May, baseline 5 Jun;
///   MG after it: 29 May, no baseline.
fn project_p() -> Project {
    let mut ma = milestone("MA");
    ma.actual_start = Some(DateTime::at_midnight(date(2026, 3, 13)));
    ma.actual_finish = Some(DateTime::at_midnight(date(2026, 3, 13)));
    ma.percent_complete = 100.0;
    let mut t = task("T", 5.0);
    t.deadline = Some(date(2026, 3, 27));
    t.actual_start = Some(DateTime::at_midnight(date(2026, 3, 16)));
    t.actual_finish = Some(DateTime::at_midnight(date(2026, 3, 20)));
    t.percent_complete = 100.0;
    let mut md = milestone("MD");
    md.deadline = Some(date(2026, 4, 30));
    let activities = vec![
        task("A", 10.0),
        ma,
        t,
        task("B", 20.0),
        milestone("MB"),
        task("C", 15.0),
        milestone("MC"),
        md,
        task("D", 10.0),
        milestone("ME"),
        task("E", 10.0),
        milestone("MF"),
        milestone("MG"),
    ];
    let links = [("A", "MA"), ("MA", "T"), ("MA", "B"), ("B", "MB"), ("MB", "C"), ("C", "MC"), ("C", "MD"), ("MC", "D"), ("D", "ME"), ("D", "E"), ("E", "MF"), ("E", "MG")];
    let baseline = baseline(&[
        ("MA", date(2026, 3, 13)),
        ("T", date(2026, 3, 20)),
        ("MB", date(2026, 4, 8)),
        ("MC", date(2026, 4, 27)),
        ("MD", date(2026, 5, 5)),
        ("ME", date(2026, 5, 20)),
        ("MF", date(2026, 6, 5)),
    ]);
    project("P", "it", activities, links.iter().map(|(a, b)| link(a, b)).collect(), baseline)
}

/// Project Q cannot be scheduled (its calendar has no working day): its milestones have no
/// forecast and are judged on their baseline dates alone.
fn project_q() -> Project {
    let mut q = project(
        "Q",
        "ops",
        vec![milestone("MQ"), milestone("MQ2")],
        Vec::new(),
        baseline(&[("MQ", date(2026, 4, 1)), ("MQ2", date(2026, 4, 20))]),
    );
    let mut idle = Calendar::standard("idle");
    idle.working_days.clear();
    q.calendars = vec![idle];
    q.calendar_id = Some("idle".to_string());
    q
}

fn workspace() -> Workspace {
    let unit = |id: &str| OrgUnit { id: id.to_string(), name: id.to_string(), kind: OrgUnitKind::Program, parent_id: None, owner: None };
    let portfolio = Portfolio {
        schema_version: SCHEMA_VERSION,
        id: "pf".to_string(),
        name: "Portfolio".to_string(),
        currency: "EUR".to_string(),
        // Wednesday.
        status_date: Some(date(2026, 4, 15)),
        fiscal_year_start_month: 1,
        org_units: vec![unit("it"), unit("ops")],
        projects: vec![project_p(), project_q()],
    };
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, Vec::new());
    workspace
}

#[test]
fn every_status_in_order_at_the_status_date() {
    let mut workspace = workspace();
    let report = workspace.milestones(None, None, None).unwrap();
    assert_eq!((report.status_date, report.window_days, report.slip_unit), (date(2026, 4, 15), 30, "calendarDays"));
    assert_eq!(report.unscheduled_project_ids, ["Q"]);
    let order: Vec<(&str, MilestoneStatus, Option<i64>)> =
        report.milestones.iter().map(|m| (m.activity_id.as_str(), m.status, m.days_late)).collect();
    assert_eq!(
        order,
        [
            // Q's MQ: baseline 1 Apr, unfinished at 15 Apr: 14 days overdue.
            ("MQ", MilestoneStatus::Late, Some(14)),
            // MB: forecast 10 Apr is 2 days after its baseline 8 Apr, and unfinished 7 days
            // after it: 7.
            ("MB", MilestoneStatus::Late, Some(7)),
            // MC: forecast 1 May against baseline 27 Apr: 4.
            ("MC", MilestoneStatus::Late, Some(4)),
            // MD: forecast 1 May is ahead of its baseline 5 May but a day past its deadline.
            ("MD", MilestoneStatus::Late, Some(1)),
            // Upcoming by date, within 30 days (to 15 May inclusive): MQ2 on its baseline
            // 20 Apr, ME forecast 15 May.
            ("MQ2", MilestoneStatus::Upcoming, None),
            ("ME", MilestoneStatus::Upcoming, None),
            // MG has no baseline: never on time.
            ("MG", MilestoneStatus::NoBaseline, None),
            // MF: forecast 29 May, baseline 5 Jun, beyond the window.
            ("MF", MilestoneStatus::OnTrack, None),
            // Finished on their baseline dates, by date.
            ("MA", MilestoneStatus::DoneOnTime, None),
            ("T", MilestoneStatus::DoneOnTime, None),
        ]
    );
    let find = |id: &str| report.milestones.iter().find(|m| m.activity_id == id).expect(id);
    // The scheduled dates worked out by hand.
    for (id, forecast) in [("MB", date(2026, 4, 10)), ("MC", date(2026, 5, 1)), ("MD", date(2026, 5, 1)), ("ME", date(2026, 5, 15)), ("MF", date(2026, 5, 29)), ("MG", date(2026, 5, 29))] {
        assert_eq!(find(id).forecast_date, Some(forecast), "forecast of {id}");
    }
    let mb = find("MB");
    assert_eq!((mb.slip_days, mb.baseline_date, mb.done), (Some(2), Some(date(2026, 4, 8)), false));
    assert!(mb.explanation.contains("7 calendar days"), "{}", mb.explanation);
    let md = find("MD");
    assert_eq!((md.slip_days, md.deadline_slip_days, md.deadline), (Some(-4), Some(1), Some(date(2026, 4, 30))));
    assert!(md.explanation.contains("deadline"), "{}", md.explanation);
    let mq = find("MQ");
    assert_eq!((mq.forecast_date, mq.slip_days, mq.project_id.as_str()), (None, None, "Q"));
    let t = find("T");
    assert_eq!((t.milestone, t.actual_finish, t.slip_days, t.deadline_slip_days), (false, Some(date(2026, 3, 20)), Some(0), Some(-7)));
    let mg = find("MG");
    assert!(mg.baseline_date.is_none() && !mg.due_within_window);
    let counts = report.counts;
    assert_eq!((counts.late, counts.upcoming, counts.no_baseline, counts.on_track, counts.done_on_time), (4, 2, 1, 1, 2));

    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["milestones"][0]["status"], "late");
    assert_eq!(json["milestones"][6]["status"], "noBaseline");
    assert_eq!(json["milestones"][8]["status"], "doneOnTime");
    assert_eq!(json["milestones"][1]["daysLate"], 7);
    assert_eq!(json["slipUnit"], "calendarDays");
}

#[test]
fn the_window_unit_and_status_date_are_options() {
    let mut workspace = workspace();
    // 60 days reach 14 June: MF (29 May) becomes upcoming; MG is due in the window but keeps
    // its no-baseline status.
    let report = workspace.milestones(None, None, Some(60)).unwrap();
    let status = |id: &str| report.milestones.iter().find(|m| m.activity_id == id).map(|m| (m.status, m.due_within_window));
    assert_eq!(status("MF"), Some((MilestoneStatus::Upcoming, true)));
    assert_eq!(status("MG"), Some((MilestoneStatus::NoBaseline, true)));
    assert_eq!(report.counts.upcoming, 3);

    // A unit: only P's milestones.
    let it = workspace.milestones(Some("it"), None, None).unwrap();
    assert!(it.milestones.iter().all(|m| m.project_id == "P"));
    assert_eq!(it.milestones.len(), 8);
    assert!(it.unscheduled_project_ids.is_empty());

    // An earlier status date: on 1 April MB is not yet overdue (baseline 8 Apr) but its
    // forecast is 2 days after the baseline, and Q's MQ is due that very day, unfinished but
    // not yet overdue: upcoming.
    let early = workspace.milestones(None, Some(date(2026, 4, 1)), None).unwrap();
    let find = |id: &str| early.milestones.iter().find(|m| m.activity_id == id).expect(id);
    assert_eq!((find("MB").status, find("MB").days_late), (MilestoneStatus::Late, Some(2)));
    assert_eq!(find("MQ").status, MilestoneStatus::Upcoming);
    assert_eq!(early.milestones[0].activity_id, "MC");

    let error = workspace.milestones(Some("nowhere"), None, None).unwrap_err();
    assert_eq!(error.code(), "not_found");
    let error = workspace.milestones(None, None, Some(100_000)).unwrap_err();
    assert_eq!((error.code(), error.path()), ("invalid_option", "windowDays"));
}
