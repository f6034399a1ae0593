//! The sample generator and the committed sample (`www/sample/portfolio.json`): the file is what
//! the generator makes now, the generator is deterministic, and the demo looks the way a PMO
//! director should first see it (a believable organisation, projects in every state, and exactly
//! one broken plan that still loads).

use std::collections::BTreeSet;

use pmo_analytics::model::{self, OrgUnitKind, Portfolio, Severity};
use pmo_analytics::sample::{generate, SampleOptions};

const COMMITTED_SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json");
const BROKEN_PROJECT: &str = "Contact Centre Omnichannel Platform";

fn committed_text() -> String {
    std::fs::read_to_string(COMMITTED_SAMPLE)
        .unwrap_or_else(|error| panic!("cannot read {COMMITTED_SAMPLE} ({error}); run `make sample` to write it"))
}

fn demo() -> Portfolio {
    generate(&SampleOptions::demo())
}

#[test]
fn committed_sample_is_what_the_generator_makes() {
    let committed: serde_json::Value = serde_json::from_str(&committed_text()).expect("the committed sample is JSON");
    let generated: serde_json::Value =
        serde_json::from_str(&serde_json::to_string_pretty(&demo()).expect("serializes")).expect("round trips");
    assert!(
        committed == generated,
        "www/sample/portfolio.json is not what the generator makes now; run `make sample` and commit the result"
    );
}

#[test]
fn same_seed_same_portfolio_and_another_seed_another() {
    assert_eq!(demo(), demo());
    let options = SampleOptions { seed: SampleOptions::demo().seed + 1, ..SampleOptions::demo() };
    assert_ne!(generate(&options), demo());
}

#[test]
fn demo_loads_with_warnings_only_where_intended() {
    let (portfolio, findings) = model::from_json_str(&committed_text()).expect("the committed sample loads");
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "errors in the sample: {errors:#?}");

    let intended: BTreeSet<&str> = ["dangling_dependency", "dependency_cycle", "risk_not_assessed"].into();
    let unexpected: Vec<_> = findings.iter().filter(|f| !intended.contains(f.code)).collect();
    assert!(unexpected.is_empty(), "unintended warnings in the sample: {unexpected:#?}");

    let projects_with = |code: &str| -> BTreeSet<String> {
        findings.iter().filter(|f| f.code == code).filter_map(|f| project_of(&portfolio, &f.path)).collect()
    };
    let broken: BTreeSet<String> = [BROKEN_PROJECT.to_string()].into();
    assert_eq!(projects_with("dangling_dependency"), broken);
    assert_eq!(projects_with("dependency_cycle"), broken);
    let cycle = findings.iter().find(|f| f.code == "dependency_cycle").map(|f| f.ids.len());
    assert_eq!(cycle, Some(3), "the loop runs through three activities");
    assert!(!projects_with("risk_not_assessed").is_empty(), "some project shows an unassessed risk");
}

/// The name of the project a finding's path points into (`projects[3]...`).
fn project_of(portfolio: &Portfolio, path: &str) -> Option<String> {
    let index: usize = path.strip_prefix("projects[")?.split(']').next()?.parse().ok()?;
    portfolio.projects.get(index).map(|project| project.name.clone())
}

#[test]
fn demo_has_the_shape_of_an_it_organisation() {
    let portfolio = demo();
    let count_of = |kind: OrgUnitKind| portfolio.org_units.iter().filter(|unit| unit.kind == kind).count();
    assert_eq!(count_of(OrgUnitKind::Function), 3);
    assert_eq!(count_of(OrgUnitKind::Portfolio), 5);
    assert!(count_of(OrgUnitKind::SubPortfolio) >= 1 && count_of(OrgUnitKind::Program) >= 2);
    assert_eq!(portfolio.fiscal_year_start_month, 4);
    assert!((20..=30).contains(&portfolio.projects.len()), "{} projects", portfolio.projects.len());

    let status_date = portfolio.status_date.expect("the demo has a status date");
    let a_year_before = model::Date(status_date.0 - chrono::Months::new(12));
    for project in &portfolio.projects {
        let name = &project.name;
        if name != BROKEN_PROJECT {
            assert!((20..=300).contains(&project.activities.len()), "{name}: {} activities", project.activities.len());
        }
        if project.start_date.date() <= a_year_before {
            assert!(project.snapshots.len() >= 12, "{name}: {} snapshots", project.snapshots.len());
        }
        assert!(!project.risks.is_empty() && !project.issues.is_empty(), "{name} has no risks or no issues");
        let total: f64 = project.activities.iter().map(|activity| activity.cost).sum();
        assert_eq!(total, project.budget_at_completion, "{name}: activity costs add up to BAC");
        assert!(project.snapshots.windows(2).all(|pair| pair[0].date < pair[1].date), "{name}: snapshots in order");
        assert!(
            project.snapshots.iter().all(|snapshot| snapshot.date <= status_date),
            "{name}: snapshot after status date"
        );
    }
    let started = portfolio.projects.iter().filter(|project| project.start_date.date() <= a_year_before).count();
    assert!(started * 2 > portfolio.projects.len(), "most projects started at least a year ago");
}

/// Late, over budget and healthy projects are all there, read from the last snapshot.
#[test]
fn demo_has_projects_in_every_state() {
    let portfolio = demo();
    let indices: Vec<(f64, f64)> = portfolio
        .projects
        .iter()
        .filter_map(|project| project.snapshots.last())
        .filter(|snapshot| snapshot.planned_value > 0.0 && snapshot.actual_cost > 0.0)
        .map(|snapshot| (snapshot.earned_value / snapshot.planned_value, snapshot.earned_value / snapshot.actual_cost))
        .collect();
    assert!(indices.iter().filter(|(spi, _)| *spi < 0.9).count() >= 3, "late projects");
    assert!(indices.iter().filter(|(_, cpi)| *cpi < 0.9).count() >= 3, "over-budget projects");
    assert!(indices.iter().filter(|(spi, cpi)| *spi >= 0.95 && *cpi >= 0.95).count() >= 5, "healthy projects");

    use model::{Phase, ProjectStatus};
    let has =
        |phase: Phase, status: ProjectStatus| portfolio.projects.iter().any(|p| p.phase == phase && p.status == status);
    assert!(has(Phase::Initiation, ProjectStatus::Proposed));
    assert!(has(Phase::Planning, ProjectStatus::Active));
    assert!(has(Phase::Execution, ProjectStatus::OnHold));
    assert!(has(Phase::Closing, ProjectStatus::Active));
    assert!(portfolio.projects.iter().any(|p| p.baseline.is_none()), "a project without a baseline");
    assert!(portfolio.projects.iter().any(|p| p.currency == "GBP"));
}

#[test]
fn large_portfolio_generates_and_validates() {
    let portfolio = generate(&SampleOptions::large(200, 100, 7));
    assert_eq!(portfolio.projects.len(), 200);
    assert!(portfolio.projects.iter().all(|project| project.activities.len() == 100));
    let errors: Vec<_> = model::validate(&portfolio).into_iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "errors: {:#?}", &errors[..errors.len().min(5)]);
}

#[test]
fn odd_options_do_not_panic() {
    let empty = generate(&SampleOptions { project_count: 0, ..SampleOptions::demo() });
    assert!(empty.projects.is_empty());
    let inverted = SampleOptions { project_count: 3, min_activities: 80, max_activities: 10, ..SampleOptions::demo() };
    let portfolio = generate(&inverted);
    assert!(portfolio.projects.iter().all(|project| project.activities.len() == 80));
    let tiny = generate(&SampleOptions::large(2, 1, 3));
    assert!(model::validate(&tiny).iter().all(|f| f.severity != Severity::Error));
}
