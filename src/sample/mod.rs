//! The project's own generator of realistic portfolios: an IT organisation (functions,
//! portfolios, a sub-portfolio, programmes), its projects with a WBS, logic, resources, a
//! baseline, progress to the status date, monthly status snapshots and financials, and the
//! risk, issue and change registers. `SampleOptions::demo()` is the committed sample the
//! dashboard opens on; `SampleOptions::large` sizes portfolios for benchmarks.
//!
//! Deterministic: everything random comes from `crate::random::Random` seeded from the options,
//! each project from its own seed drawn in turn, and nothing reads a clock or iterates a hash
//! map. The same options give the same portfolio on every platform. No I/O.

mod catalogue;
pub mod earned_value;
pub mod network;
mod plan;
mod profile;
mod progress;
mod registers;
mod workdays;

use chrono::NaiveDate;

use crate::model::{
    Baseline, BaselineActivity, Date, Dependency, DependencyKind, OrgUnit, Phase, Portfolio, Project, ProjectStatus,
    WorkDuration, SCHEMA_VERSION,
};
use crate::random::Random;

use catalogue::{Situation, DEPLOY_PHASE, ORG_UNITS, PROJECTS};
use plan::{Kind, Plan, SMALLEST_PLAN};
use profile::Profile;
use progress::Performance;
use workdays::add_working_days;

/// The status date of the committed sample: Friday 13 November 2026.
const DEMO_STATUS_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 13) {
    Some(date) => date,
    None => NaiveDate::MIN,
};
const DEMO_SEED: u64 = 20_261_113;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleOptions {
    pub seed: u64,
    pub project_count: usize,
    /// Bounds on each project's number of activities (summaries and milestones included);
    /// bigger budgets get bigger plans. Plans never go below 15 activities (a summary, a work
    /// package and a milestone for each of five phases).
    pub min_activities: usize,
    pub max_activities: usize,
    /// The date progress, costs and registers are reported up to.
    pub status_date: Date,
    /// Whether one project carries a broken plan (a link to a missing activity and a loop).
    pub include_broken_project: bool,
}

impl SampleOptions {
    /// The committed sample: 25 projects of 20 to 300 activities, one with a broken plan.
    pub fn demo() -> SampleOptions {
        SampleOptions {
            seed: DEMO_SEED,
            project_count: PROJECTS.len(),
            min_activities: 20,
            max_activities: 300,
            status_date: Date(DEMO_STATUS_DATE),
            include_broken_project: true,
        }
    }

    /// A portfolio for benchmarks: every project has the same number of activities and a
    /// sound plan.
    pub fn large(project_count: usize, activities_per_project: usize, seed: u64) -> SampleOptions {
        SampleOptions {
            seed,
            project_count,
            min_activities: activities_per_project,
            max_activities: activities_per_project,
            status_date: Date(DEMO_STATUS_DATE),
            include_broken_project: false,
        }
    }

    /// Bounds the generator can honour: at least the smallest plan, and max not below min.
    fn clamped(&self) -> SampleOptions {
        let min_activities = self.min_activities.max(SMALLEST_PLAN);
        SampleOptions { min_activities, max_activities: self.max_activities.max(min_activities), ..self.clone() }
    }
}

/// Generates a whole portfolio.
pub fn generate(options: &SampleOptions) -> Portfolio {
    let options = options.clamped();
    let mut seeds = Random::seeded(options.seed);
    let broken = broken_project_index(&options);
    let projects = (0..options.project_count)
        .map(|index| {
            let mut random = Random::seeded(seeds.next_u64());
            generate_project(&options, index, broken == Some(index), &mut random)
        })
        .collect();
    Portfolio {
        schema_version: SCHEMA_VERSION,
        id: "group-it".to_string(),
        name: "Group IT Change Portfolio".to_string(),
        currency: "EUR".to_string(),
        status_date: Some(options.status_date),
        // April, as a UK-style fiscal year.
        fiscal_year_start_month: 4,
        org_units: org_units(),
        projects,
    }
}

/// The catalogue's broken project if it is among those generated, else the last one.
fn broken_project_index(options: &SampleOptions) -> Option<usize> {
    if !options.include_broken_project || options.project_count == 0 {
        return None;
    }
    let designated = PROJECTS.iter().position(|template| template.broken_plan);
    Some(designated.filter(|&index| index < options.project_count).unwrap_or(options.project_count - 1))
}

fn org_units() -> Vec<OrgUnit> {
    ORG_UNITS
        .iter()
        .map(|unit| OrgUnit {
            id: unit.id.to_string(),
            name: unit.name.to_string(),
            kind: unit.kind,
            parent_id: unit.parent_id.map(str::to_string),
            owner: Some(unit.owner.to_string()),
        })
        .collect()
}

fn generate_project(options: &SampleOptions, index: usize, broken_plan: bool, random: &mut Random) -> Project {
    let profile = profile::draw(options, index, broken_plan, random);
    let mut plan = plan::build(&profile, random);
    let performance = Performance::draw(&profile, &plan, random);
    progress::record_progress(&mut plan, &performance, options.status_date);
    let baseline = baseline(&profile, &plan, options.status_date);
    if let Some(baseline) = &baseline {
        set_go_live_deadline(&mut plan, baseline, random);
    }
    let committed_finish = baseline.as_ref().map(|baseline| committed_finish(baseline, random));
    let (phase, status) = life_cycle(&profile, &plan);
    let snapshots = progress::snapshots(&plan, &performance, &profile, options.status_date, random);
    let financials = progress::financials(&plan, &performance, &profile, options.status_date);
    let risks = registers::risks(&profile, &plan, options.status_date, random);
    let issues = registers::issues(&profile, options.status_date, random);
    let change_requests = registers::change_requests(&profile, options.status_date, random);
    let mut dependencies = plan.dependencies();
    if profile.broken_plan {
        break_links(&plan, &mut dependencies);
    }
    Project {
        id: profile.id.clone(),
        name: profile.name.clone(),
        org_unit_id: Some(profile.template.org_unit_id.to_string()),
        owner: Some(profile.owner.clone()),
        sponsor: Some(profile.sponsor.clone()),
        description: Some(profile.template.description.to_string()),
        phase,
        status,
        currency: profile.template.currency.to_string(),
        status_date: Some(options.status_date),
        start_date: crate::model::DateTime::at_midnight(plan.clock.first_working_day()),
        committed_finish,
        calendar_id: None,
        calendars: Vec::new(),
        budget_at_completion: plan.activities.iter().map(|planned| planned.activity.cost).sum(),
        baseline,
        activities: plan.activities.into_iter().map(|planned| planned.activity).collect(),
        dependencies,
        resources: plan.resources,
        risks,
        issues,
        change_requests,
        snapshots,
        financials,
    }
}

/// The plan as approved at the end of initiation (or shortly before the status date for a
/// project approved but not started); a proposal has none yet.
fn baseline(profile: &Profile, plan: &Plan, status_date: Date) -> Option<Baseline> {
    if profile.situation == Situation::Initiation {
        return None;
    }
    let initiation_gate =
        plan.phases.first().map(|phase| plan.clock.finish_of(plan.activities[phase.milestone].finish).date());
    let approved_on = initiation_gate.unwrap_or(status_date).min(workdays::add_days(status_date, -10));
    let activities = plan
        .activities
        .iter()
        .filter(|planned| planned.kind != Kind::Summary)
        .map(|planned| BaselineActivity {
            activity_id: planned.activity.id.clone(),
            // A milestone sits at the end of the day its predecessors finish.
            start: if planned.kind == Kind::Milestone {
                plan.clock.finish_of(planned.start)
            } else {
                plan.clock.start_of(planned.start)
            },
            finish: plan.clock.finish_of(planned.finish),
            cost: planned.activity.cost,
        })
        .collect();
    Some(Baseline { approved_on, activities })
}

/// The finish promised to the sponsor: the baseline finish, sometimes with a little margin.
fn committed_finish(baseline: &Baseline, random: &mut Random) -> Date {
    let finish = baseline.activities.iter().map(|entry| entry.finish).max().map(|finish| finish.date());
    let margin = if random.chance(0.3) { 5 + random.below(15) as i64 } else { 0 };
    add_working_days(finish.unwrap_or(baseline.approved_on), margin)
}

/// Half the baselined projects hold their go-live to a deadline (the baseline date or a little
/// after), so float goes negative when it slips.
fn set_go_live_deadline(plan: &mut Plan, baseline: &Baseline, random: &mut Random) {
    if !random.chance(0.5) {
        return;
    }
    let Some(go_live) =
        plan.phases.iter().find(|phase| phase.template_index == DEPLOY_PHASE).map(|phase| phase.milestone)
    else {
        return;
    };
    let id = &plan.activities[go_live].activity.id;
    let planned = baseline.activities.iter().find(|entry| &entry.activity_id == id).map(|entry| entry.finish.date());
    let margin = random.below(10) as i64;
    plan.activities[go_live].activity.deadline = planned.map(|date| add_working_days(date, margin));
}

/// Phase and status as the data shows them: a started project is closing once it is live and
/// closed once everything is done.
fn life_cycle(profile: &Profile, plan: &Plan) -> (Phase, ProjectStatus) {
    match profile.situation {
        Situation::Initiation => return (Phase::Initiation, ProjectStatus::Proposed),
        Situation::Planning => return (Phase::Planning, ProjectStatus::Active),
        _ => {}
    }
    let done = |index: usize| plan.activities[index].activity.percent_complete >= 100.0;
    let all_done = (0..plan.activities.len()).filter(|&i| plan.activities[i].kind != Kind::Summary).all(done);
    let live =
        plan.phases.iter().filter(|phase| phase.template_index == DEPLOY_PHASE).all(|phase| done(phase.milestone));
    let phase = if all_done {
        Phase::Closed
    } else if live {
        Phase::Closing
    } else {
        Phase::Execution
    };
    let status = if all_done {
        ProjectStatus::Completed
    } else if profile.situation == Situation::OnHold {
        ProjectStatus::OnHold
    } else {
        ProjectStatus::Active
    };
    (phase, status)
}

/// What a bad import leaves behind: three work packages of one stream linked in a loop, and a
/// link from an activity deleted from the plan. Validation reports both as warnings and the
/// engines leave those links out, so the project still loads and shows.
fn break_links(plan: &Plan, dependencies: &mut Vec<Dependency>) {
    let Some(stream) = plan.streams.iter().filter(|stream| stream.len() >= 3).max_by_key(|stream| stream.len()) else {
        return;
    };
    let id = |index: usize| plan.activities[index].activity.id.clone();
    dependencies.push(Dependency {
        predecessor_id: id(stream[2]),
        successor_id: id(stream[0]),
        kind: DependencyKind::FS,
        lag_days: WorkDuration::ZERO,
        lag_elapsed_days: None,
        lag_percent: None,
    });
    dependencies.push(Dependency {
        predecessor_id: plan.activity_id(plan.activities.len() + 7),
        successor_id: id(stream[stream.len() - 1]),
        kind: DependencyKind::FS,
        lag_days: WorkDuration::from_days(2.0),
        lag_elapsed_days: None,
        lag_percent: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate, Severity};

    #[test]
    fn plans_have_exactly_the_size_asked_for() {
        for count in [15, 16, 20, 29, 44, 45, 46, 60, 100, 150, 299, 300, 420] {
            let portfolio = generate(&SampleOptions::large(PROJECTS.len(), count, count as u64));
            for project in &portfolio.projects {
                assert_eq!(project.activities.len(), count, "{}", project.name);
            }
        }
    }

    #[test]
    fn sound_plans_warn_only_about_unassessed_risks_whatever_the_seed() {
        for seed in 1..=6 {
            let options = SampleOptions { seed, include_broken_project: false, ..SampleOptions::demo() };
            let findings = validate(&generate(&options));
            let unexpected: Vec<_> = findings.iter().filter(|f| f.code != "risk_not_assessed").collect();
            assert!(unexpected.is_empty(), "seed {seed}: {unexpected:#?}");
            assert!(findings.iter().all(|f| f.severity == Severity::Warning));
        }
    }

    #[test]
    fn actuals_and_snapshots_stop_at_the_status_date() {
        let portfolio = generate(&SampleOptions { seed: 99, ..SampleOptions::demo() });
        let status_date = portfolio.status_date.map(crate::model::DateTime::at_midnight);
        for project in &portfolio.projects {
            for activity in &project.activities {
                for actual in [activity.actual_start, activity.actual_finish].into_iter().flatten() {
                    assert!(
                        Some(actual.date()) <= status_date.map(|d| d.date()),
                        "{}: {}",
                        project.name,
                        activity.name
                    );
                }
            }
            assert!(project.financials.iter().all(|entry| entry.actual.is_some() != entry.forecast.is_some()));
        }
    }
}
