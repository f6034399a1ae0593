//! A large portfolio for the earned value benchmark: N projects of M months each, every one with
//! a baseline of ten work packages in sequence and a monthly status snapshot for the months up to
//! the status date (about two thirds of the way through), under a few programs. Deterministic for
//! a seed; one currency, so a rollup of everything is allowed.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{
    Activity, Baseline, BaselineActivity, Date, DateTime, OrgUnit, OrgUnitKind, Phase, Portfolio, Project, ProjectStatus, StatusSnapshot,
    WorkDuration, SCHEMA_VERSION,
};
use crate::random::Random;

const PACKAGES: usize = 10;
const PROGRAMS: usize = 20;

pub fn benchmark_portfolio(project_count: usize, months: u32, seed: u64) -> Portfolio {
    let mut random = Random::seeded(seed);
    let first_start = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or_default();
    let status = first_start.checked_add_months(Months::new(months * 2 / 3 + 6)).unwrap_or(first_start);
    let mut org_units = vec![OrgUnit { id: "ORG".into(), name: "Organisation".into(), kind: OrgUnitKind::Function, parent_id: None, owner: None }];
    org_units.extend((0..PROGRAMS).map(|p| OrgUnit {
        id: format!("PG{p}"),
        name: format!("Program {p}"),
        kind: OrgUnitKind::Program,
        parent_id: Some("ORG".into()),
        owner: None,
    }));
    let projects = (0..project_count)
        .map(|index| {
            // Starts spread over the first year, so the shared rollup grid is longer than one plan.
            let start = first_start.checked_add_days(chrono::Days::new(random.below(365) as u64)).unwrap_or(first_start);
            let finish = start.checked_add_months(Months::new(months)).unwrap_or(start);
            let span_days = (finish - start).num_days().max(PACKAGES as i64);
            let budget = 100_000.0 * (1.0 + random.below(50) as f64);
            let mut baseline = Vec::with_capacity(PACKAGES);
            let mut activities = Vec::with_capacity(PACKAGES);
            for package in 0..PACKAGES {
                let from = start + chrono::Days::new((span_days * package as i64 / PACKAGES as i64) as u64);
                let to = start + chrono::Days::new((span_days * (package as i64 + 1) / PACKAGES as i64 - 1) as u64);
                let id = format!("W{package}");
                let cost = budget / PACKAGES as f64;
                baseline.push(BaselineActivity { activity_id: id.clone(), start: DateTime::at_midnight(Date(from)), finish: DateTime::at_midnight(Date(to + chrono::Days::new(1))), cost });
                let mut activity = Activity::new(id, format!("Work package {package}"), WorkDuration::from_days(((to - from).num_days() * 5 / 7).max(1) as f64));
                activity.cost = cost;
                activities.push(activity);
            }
            // Monthly snapshots: PV from a straight line, EV and AC drifting around it.
            let (efficiency, pace) = (random.uniform(0.8, 1.15), random.uniform(0.75, 1.1));
            let mut snapshots = Vec::new();
            let mut month_end = last_day_of_month(start);
            while month_end <= status && month_end <= finish {
                let share = (month_end - start).num_days() as f64 / span_days as f64;
                let planned = budget * share.min(1.0);
                let earned = (planned * pace * random.uniform(0.97, 1.03)).min(budget);
                snapshots.push(StatusSnapshot {
                    date: Date(month_end),
                    planned_value: planned.round(),
                    earned_value: earned.round(),
                    actual_cost: (earned / efficiency).round(),
                    manual_rag: None,
                    commentary: None,
                });
                month_end = last_day_of_month(month_end + chrono::Days::new(1));
            }
            Project {
                id: format!("P{index}"),
                name: format!("Project {index}"),
                org_unit_id: Some(format!("PG{}", index % PROGRAMS)),
                owner: None,
                sponsor: None,
                description: None,
                phase: Phase::Execution,
                status: ProjectStatus::Active,
                currency: "EUR".into(),
                status_date: Some(Date(status)),
                start_date: DateTime::at_midnight(Date(start)),
                committed_finish: None,
                calendar_id: None,
                calendars: Vec::new(),
                budget_at_completion: budget,
                baseline: Some(Baseline { approved_on: Date(start), activities: baseline }),
                activities,
                dependencies: Vec::new(),
                resources: Vec::new(),
                risks: Vec::new(),
                issues: Vec::new(),
                change_requests: Vec::new(),
                snapshots,
                financials: Vec::new(),
            }
        })
        .collect();
    Portfolio {
        schema_version: SCHEMA_VERSION,
        id: "BENCH-EVM".into(),
        name: "Earned value benchmark".into(),
        currency: "EUR".into(),
        status_date: Some(Date(status)),
        fiscal_year_start_month: 1,
        org_units,
        projects,
    }
}

fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).unwrap_or(date)
}

/// The health benchmark: the earned value benchmark's projects over four years, each keeping
/// only its last `snapshots` monthly status reports (the plans start within the first year and
/// the status date is 38 months in, so every project has at least 26 to keep from).
pub fn health_benchmark_portfolio(project_count: usize, snapshots: usize, seed: u64) -> Portfolio {
    let mut portfolio = benchmark_portfolio(project_count, 48, seed);
    for project in &mut portfolio.projects {
        let surplus = project.snapshots.len().saturating_sub(snapshots);
        project.snapshots.drain(..surplus);
    }
    portfolio
}
