//! A large, realistic-shaped plan for benchmarks: one project of N activities and about M
//! mixed links (mostly FS, some SS/FF/SF, a third with lags or leads), each activity linked
//! back to a few of the recent ones so the network is deep as well as wide, on a five-day
//! calendar with public holidays. Deterministic for a seed; acyclic by construction (links
//! always point forward).

use crate::model::{Activity, Calendar, CalendarException, Date, Dependency, DependencyKind, Phase, Project, ProjectStatus, WorkDuration};
use crate::random::Random;

pub fn benchmark_project(activity_count: usize, link_count: usize, seed: u64) -> Project {
    let mut random = Random::seeded(seed);
    let activities: Vec<Activity> = (0..activity_count)
        .map(|index| Activity::new(format!("A{index}"), format!("Work package {index}"), WorkDuration::from_days(1.0 + random.below(15) as f64)))
        .collect();
    let mut dependencies = Vec::with_capacity(link_count);
    let per_activity = if activity_count > 1 { link_count as f64 / (activity_count - 1) as f64 } else { 0.0 };
    // Predecessors come from a window of recent activities that grows with the plan, so a
    // plan of any size spans a few years (parallel workstreams), as large programmes do; a
    // fixed window would make 100,000 activities one chain centuries long.
    let window = (activity_count / 50).max(60);
    let mut owed = 0.0;
    for successor in 1..activity_count {
        owed += per_activity;
        let mut used = Vec::new();
        while owed >= 1.0 {
            owed -= 1.0;
            // A predecessor among the recent activities: local logic, as real plans have.
            let predecessor = successor - 1 - random.below(successor.min(window));
            if used.contains(&predecessor) {
                continue;
            }
            used.push(predecessor);
            let kind = match random.below(20) {
                0..=13 => DependencyKind::FS,
                14..=16 => DependencyKind::SS,
                17..=18 => DependencyKind::FF,
                _ => DependencyKind::SF,
            };
            let lag_days = if random.chance(0.3) { random.below(5) as f64 - 1.0 } else { 0.0 };
            dependencies.push(Dependency {
                predecessor_id: format!("A{predecessor}"),
                successor_id: format!("A{successor}"),
                kind,
                lag_days: WorkDuration::from_days(lag_days),
                lag_elapsed_days: None,
                lag_percent: None,
            });
        }
    }
    let mut calendar = Calendar::standard("std");
    for year in 2026..2060 {
        for (month, day, name) in [(1, 1, "New Year"), (5, 1, "Labour Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")] {
            if let Some(date) = Date::from_ymd(year, month, day) {
                calendar.exceptions.push(CalendarException { name: name.to_string(), from: date, to: date, working: false, working_hours: Vec::new() });
            }
        }
    }
    Project {
        id: "BENCH".to_string(),
        name: format!("Benchmark network of {activity_count} activities"),
        org_unit_id: None,
        owner: None,
        sponsor: None,
        description: None,
        phase: Phase::Planning,
        status: ProjectStatus::Active,
        currency: "EUR".to_string(),
        status_date: None,
        start_date: crate::model::DateTime::at_midnight(Date::from_ymd(2026, 1, 5).unwrap_or(Date(chrono::NaiveDate::MIN))),
        committed_finish: None,
        calendar_id: Some("std".to_string()),
        calendars: vec![calendar],
        budget_at_completion: 0.0,
        baseline: None,
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
