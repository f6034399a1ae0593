//! Project and unit health through the Workspace: each dimension at its threshold edges on small
//! projects worked by hand, grey for no baseline, the any-red cap, the trend over snapshots, the
//! BAC weighting of a unit, and the committed sample (a spread of bands, evidence ids that point
//! at real records, its broken plan flagged by data quality).

use std::collections::{BTreeMap, BTreeSet};

use pmo_analytics::health::{Band, Dimension, Metric, ProjectHealth};
use pmo_analytics::model::{Date, Portfolio, Project};
use pmo_analytics::workspace::{HealthOptions, HealthReport, Workspace};
use serde_json::{json, Value};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json");
const BROKEN_PROJECT: &str = "Contact Centre Omnichannel Platform";

/// A year-long project of 250,000 in four quarterly work packages in sequence, baselined, with one
/// status report at the end of June where PV = EV = AC: on plan and on budget.
fn base() -> Value {
    let package = |id: &str, start: &str, finish: &str| json!({"activityId": id, "start": start, "finish": finish, "cost": 62_500.0});
    json!({
        "id": "P1", "name": "Plan", "phase": "execution", "status": "active", "currency": "EUR",
        "startDate": "2026-01-05T08:00:00", "statusDate": "2026-06-30", "budgetAtCompletion": 250_000.0,
        "activities": [
            {"id": "Q1", "name": "First quarter", "durationDays": 60, "cost": 62_500.0, "actualStart": "2026-01-05T08:00:00", "actualFinish": "2026-03-27T17:00:00", "percentComplete": 100},
            {"id": "Q2", "name": "Second quarter", "durationDays": 65, "cost": 62_500.0, "actualStart": "2026-03-30T08:00:00", "actualFinish": "2026-06-26T17:00:00", "percentComplete": 100},
            {"id": "Q3", "name": "Third quarter", "durationDays": 65, "cost": 62_500.0},
            {"id": "Q4", "name": "Fourth quarter", "durationDays": 60, "cost": 62_500.0},
        ],
        "dependencies": [
            {"predecessorId": "Q1", "successorId": "Q2"}, {"predecessorId": "Q2", "successorId": "Q3"}, {"predecessorId": "Q3", "successorId": "Q4"}
        ],
        "baseline": {"approvedOn": "2026-01-02", "activities": [
            package("Q1", "2026-01-05T08:00:00", "2026-03-27T17:00:00"),
            package("Q2", "2026-03-30T08:00:00", "2026-06-26T17:00:00"),
            package("Q3", "2026-06-29T08:00:00", "2026-09-25T17:00:00"),
            package("Q4", "2026-09-28T08:00:00", "2026-12-18T17:00:00"),
        ]},
        "snapshots": [{"date": "2026-06-30", "plannedValue": 125_000.0, "earnedValue": 125_000.0, "actualCost": 125_000.0}],
    })
}

fn with(mut project: Value, changes: Value) -> Value {
    for (key, value) in changes.as_object().into_iter().flatten() {
        project[key] = value.clone();
    }
    project
}

fn workspace_of(projects: Vec<Value>) -> Workspace {
    let portfolio = json!({"schemaVersion": 1, "id": "PF", "name": "Portfolio", "currency": "EUR", "statusDate": "2026-06-30",
        "orgUnits": [{"id": "U", "name": "Unit", "kind": "portfolio"}], "projects": projects});
    let mut workspace = Workspace::new();
    workspace.load_json(&portfolio.to_string()).expect("the test portfolio loads");
    workspace
}

fn health_of(workspace: &mut Workspace, id: &str, options: &HealthOptions) -> ProjectHealth {
    match workspace.health(id, options).expect("health") {
        HealthReport::Project(health) => *health,
        HealthReport::Unit(_) => panic!("{id} is a project"),
    }
}

fn project_health(project: Value) -> ProjectHealth {
    let id = project["id"].as_str().unwrap_or_default().to_string();
    health_of(&mut workspace_of(vec![project]), &id, &HealthOptions::default())
}

/// (band, points deducted, value) of one metric's evidence.
fn metric(health: &ProjectHealth, metric: Metric) -> (Option<Band>, f64, Option<f64>) {
    let evidence = health.dimensions.iter().flat_map(|d| &d.evidence).find(|e| e.metric == metric).expect("every metric has evidence");
    (evidence.threshold.map(|t| t.band), evidence.points_deducted, evidence.value)
}

fn dimension(health: &ProjectHealth, dimension: Dimension) -> (Option<f64>, Band) {
    let d = health.dimensions.iter().find(|d| d.dimension == dimension).expect("every dimension is reported");
    (d.score, d.band)
}

fn issue(id: &str, priority: &str, opened: &str, due: Option<&str>) -> Value {
    let mut issue = json!({"id": id, "title": format!("Issue {id}"), "priority": priority, "openedOn": opened});
    if let Some(due) = due {
        issue["due"] = json!(due);
    }
    issue
}

#[test]
fn on_plan_and_on_budget_is_green_with_every_required_dimension_measured() {
    let health = project_health(base());
    // PV = EV = AC: CPI exactly 1; EAC = BAC; TCPI = (250k - 125k) / (250k - 125k) = 1.
    assert_eq!(metric(&health, Metric::Cpi), (None, 0.0, Some(1.0)));
    assert_eq!(metric(&health, Metric::Tcpi), (None, 0.0, Some(1.0)));
    assert_eq!(metric(&health, Metric::EacOverBudgetPercent), (None, 0.0, Some(0.0)));
    assert_eq!(dimension(&health, Dimension::Schedule).1, Band::Green);
    assert_eq!((health.overall.band, health.overall.label), (Band::Green, "Green"));
}

#[test]
fn no_baseline_is_grey_never_green_and_data_quality_says_why() {
    let mut project = base();
    project.as_object_mut().map(|p| p.remove("baseline"));
    let health = project_health(project);
    assert_eq!(dimension(&health, Dimension::Schedule), (None, Band::Unknown));
    assert_eq!(dimension(&health, Dimension::Cost), (None, Band::Unknown));
    assert_eq!((health.overall.score, health.overall.band, health.overall.label), (None, Band::Unknown, "Unknown"));
    let spi = health.dimensions[0].evidence.iter().find(|e| e.metric == Metric::SpiT).expect("SPI(t) evidence");
    assert_eq!((spi.value, spi.reason.as_deref(), spi.display.as_str()), (None, Some("noBaseline"), "n/a"));
    // Missing baseline is a red data-quality rule.
    assert_eq!(metric(&health, Metric::MissingBaseline), (Some(Band::Red), 50.0, Some(1.0)));
    assert_eq!(dimension(&health, Dimension::DataQuality).1, Band::Red);
}

#[test]
fn cost_thresholds_at_their_edges_and_the_any_red_cap() {
    // EV 124,925 against AC 131,500 is a CPI of exactly 0.95 in binary floating point too.
    const EARNED: f64 = 124_925.0;
    let cpi_of = |actual_cost: f64| {
        let project = with(base(), json!({"snapshots": [{"date": "2026-06-30", "plannedValue": 125_000.0, "earnedValue": EARNED, "actualCost": actual_cost}]}));
        project_health(project)
    };
    let on_amber = cpi_of(131_500.0);
    assert_eq!(metric(&on_amber, Metric::Cpi), (None, 0.0, Some(0.95)), "exactly 0.95 is not below 0.95");
    let amber = cpi_of(131_700.0);
    assert_eq!(metric(&amber, Metric::Cpi), (Some(Band::Amber), 25.0, Some(EARNED / 131_700.0)));
    // EAC = BAC / CPI = 263,560: 5.4% above BAC, also amber; TCPI = 125,075 / 118,300 = 1.057, within 1.1.
    assert_eq!(metric(&amber, Metric::EacOverBudgetPercent).1, 25.0);
    assert_eq!(metric(&amber, Metric::Tcpi).1, 0.0);
    assert_eq!(dimension(&amber, Dimension::Cost), (Some(50.0), Band::Amber));
    // Cost is required, so the whole is no better than amber.
    assert_eq!((amber.overall.band, amber.overall.capped_by), (Band::Amber, Some(Dimension::Cost)));
    let red = cpi_of(EARNED / 0.89);
    assert_eq!(metric(&red, Metric::Cpi).0, Some(Band::Red));
    assert_eq!(dimension(&red, Dimension::Cost).1, Band::Red);
    assert_eq!((red.overall.band, red.overall.capped_by), (Band::Red, Some(Dimension::Cost)));
}

#[test]
fn issues_count_as_of_the_assessment_date() {
    // Assessed on 2026-06-30. I1 overdue (due 06-01), I2 high and aged (opened 2026-01-15: 166
    // days), I3 closed before the date, I4 opened after it.
    let issues = json!([
        issue("I1", "medium", "2026-05-01", Some("2026-06-01")),
        issue("I2", "high", "2026-01-15", None),
        with(issue("I3", "critical", "2026-02-01", Some("2026-03-01")), json!({"closedOn": "2026-03-10"})),
        issue("I4", "critical", "2026-07-02", Some("2026-07-03")),
    ]);
    let health = project_health(with(base(), json!({"issues": issues})));
    assert_eq!(metric(&health, Metric::OverdueIssues), (Some(Band::Amber), 25.0, Some(1.0)));
    assert_eq!(metric(&health, Metric::OpenHighPriorityIssues), (Some(Band::Amber), 25.0, Some(1.0)));
    assert_eq!(metric(&health, Metric::AgedIssues), (Some(Band::Amber), 25.0, Some(1.0)));
    // Three ambers: 100 - 75 = 25, red by score though no rule is red.
    assert_eq!(dimension(&health, Dimension::Issues), (Some(25.0), Band::Red));
    let evidence = health.dimensions.iter().find(|d| d.dimension == Dimension::Issues).map(|d| d.evidence.clone()).unwrap_or_default();
    let ids: BTreeSet<&str> = evidence.iter().flat_map(|e| e.ids.iter().map(String::as_str)).collect();
    assert_eq!(ids, BTreeSet::from(["I1", "I2"]));
    // Three overdue issues cross the red line (more than 2).
    let overdue = json!([issue("I1", "low", "2026-06-01", Some("2026-06-10")), issue("I2", "low", "2026-06-01", Some("2026-06-10")), issue("I3", "low", "2026-06-01", Some("2026-06-10"))]);
    let health = project_health(with(base(), json!({"issues": overdue})));
    assert_eq!(metric(&health, Metric::OverdueIssues), (Some(Band::Red), 50.0, Some(3.0)));
    assert_eq!((health.overall.band, health.overall.capped_by), (Band::Red, Some(Dimension::Issues)));
}

#[test]
fn scope_growth_is_approved_change_over_the_original_budget() {
    // BAC 250,000 includes the approved changes; 5% growth on the original needs a change of
    // 250,000 x 5 / 105 = 11,904.76 (exactly on the line), and anything more is amber.
    let change = |cost: f64, status: &str| json!({"id": "C1", "title": "More scope", "status": status, "raisedOn": "2026-03-01", "decidedOn": "2026-03-15", "costImpact": cost});
    let on_line = project_health(with(base(), json!({"changeRequests": [change(250_000.0 * 5.0 / 105.0, "approved")]})));
    let (band, points, value) = metric(&on_line, Metric::ApprovedChangeGrowthPercent);
    assert!((value.unwrap_or(0.0) - 5.0).abs() < 1e-9 && band.is_none() && points == 0.0);
    let over = project_health(with(base(), json!({"changeRequests": [change(12_000.0, "implemented")]})));
    assert_eq!(metric(&over, Metric::ApprovedChangeGrowthPercent).0, Some(Band::Amber));
    // A proposed or rejected change has not grown the scope.
    let proposed = project_health(with(base(), json!({"changeRequests": [change(100_000.0, "proposed")]})));
    assert_eq!(metric(&proposed, Metric::ApprovedChangeGrowthPercent).2, Some(0.0));
}

#[test]
fn status_date_age_is_counted_to_the_assessment_date() {
    let mut workspace = workspace_of(vec![base()]);
    let at = |days: u32| HealthOptions { status_date: Some(Date(chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default() + chrono::Days::new(days as u64))), ..HealthOptions::default() };
    assert_eq!(metric(&health_of(&mut workspace, "P1", &at(14)), Metric::StatusDateAgeDays), (None, 0.0, Some(14.0)));
    assert_eq!(metric(&health_of(&mut workspace, "P1", &at(15)), Metric::StatusDateAgeDays), (Some(Band::Amber), 25.0, Some(15.0)));
    assert_eq!(metric(&health_of(&mut workspace, "P1", &at(36)), Metric::StatusDateAgeDays).0, Some(Band::Red));
}

#[test]
fn the_trend_rescores_each_earlier_snapshot_with_hysteresis() {
    // March: on budget (green). April: CPI 0.8 (red, capped). June: on budget again.
    let snapshots = json!([
        {"date": "2026-03-31", "plannedValue": 62_500.0, "earnedValue": 62_500.0, "actualCost": 62_500.0},
        {"date": "2026-04-30", "plannedValue": 83_000.0, "earnedValue": 80_000.0, "actualCost": 100_000.0},
        {"date": "2026-06-30", "plannedValue": 125_000.0, "earnedValue": 125_000.0, "actualCost": 125_000.0},
    ]);
    let health = project_health(with(base(), json!({"snapshots": snapshots})));
    let bands: Vec<(String, Band)> = health.trend.iter().map(|p| (p.date.0.to_string(), p.band)).collect();
    assert_eq!(bands, [("2026-03-31".to_string(), Band::Green), ("2026-04-30".to_string(), Band::Red), ("2026-06-30".to_string(), Band::Green)]);
    assert_eq!(health.trend.last().map(|p| p.score), Some(health.overall.score));
}

#[test]
fn a_unit_weighs_its_projects_by_budget_and_lists_the_worst_first() {
    let poor = with(base(), json!({"id": "P2", "name": "Poor", "orgUnitId": "U", "budgetAtCompletion": 750_000.0,
        "snapshots": [{"date": "2026-06-30", "plannedValue": 125_000.0, "earnedValue": 125_000.0, "actualCost": 160_000.0}]}));
    let good = with(base(), json!({"orgUnitId": "U"}));
    let mut workspace = workspace_of(vec![good, poor]);
    let options = HealthOptions::default();
    let (good, poor) = (health_of(&mut workspace, "P1", &options), health_of(&mut workspace, "P2", &options));
    let HealthReport::Unit(unit) = workspace.health("U", &options).expect("unit health") else { panic!("U is a unit") };
    assert_eq!((unit.project_count, unit.band_counts.green, unit.band_counts.red), (2, 1, 1));
    let expected = (250_000.0 * good.overall.score.unwrap_or(0.0) + 750_000.0 * poor.overall.score.unwrap_or(0.0)) / 1_000_000.0;
    assert!((unit.score.unwrap_or(0.0) - expected).abs() < 1e-9);
    assert_eq!(unit.projects.iter().map(|p| p.project_id.as_str()).collect::<Vec<_>>(), ["P2", "P1"]);
    assert!(unit.projects[0].reasons[0].starts_with("Cost: CPI is 0.78"), "{:?}", unit.projects[0].reasons);
}

#[test]
fn a_policy_nobody_could_explain_is_refused_with_its_path() {
    let mut workspace = workspace_of(vec![base()]);
    let mut policy = serde_json::to_value(pmo_analytics::health::HealthPolicy::rag3()).expect("serializes");
    policy["bands"][1]["from"] = json!(95);
    let options: HealthOptions = serde_json::from_value(json!({"policy": policy})).expect("the options read");
    let error = workspace.health("P1", &options).expect_err("refused");
    assert_eq!((error.code(), error.path()), ("invalid_policy", "policy.bands[1].from"));
    let error = workspace.health("nowhere", &HealthOptions::default()).expect_err("refused");
    assert_eq!(error.code(), "not_found");
}

fn sample() -> (Portfolio, Workspace) {
    let text = match std::fs::read_to_string(SAMPLE) {
        Ok(text) => text,
        Err(error) => panic!("cannot read {SAMPLE}: {error}"),
    };
    let mut workspace = Workspace::new();
    workspace.load_json(&text).expect("the sample loads");
    let portfolio = workspace.portfolio().expect("loaded").clone();
    (portfolio, workspace)
}

#[test]
fn the_sample_shows_a_spread_of_bands_and_flags_its_broken_plan() {
    let (portfolio, mut workspace) = sample();
    let unit = workspace.portfolio_health(&HealthOptions::default()).expect("portfolio health");
    let counts = unit.band_counts;
    assert_eq!(unit.project_count, portfolio.projects.len());
    assert!(counts.green > 0 && counts.amber > 0 && counts.red > 0 && counts.unknown > 0, "{counts:?}");
    let broken = portfolio.projects.iter().find(|p| p.name == BROKEN_PROJECT).expect("the broken project");
    let health = health_of(&mut workspace, &broken.id, &HealthOptions::default());
    let (band, _, value) = metric(&health, Metric::ValidationErrors);
    assert_eq!(band, Some(Band::Red));
    assert!(value.unwrap_or(0.0) >= 2.0, "the loop and the dangling link");
    assert_eq!(dimension(&health, Dimension::DataQuality).1, Band::Red);
}

#[test]
fn every_evidence_id_points_at_a_real_record() {
    let (portfolio, mut workspace) = sample();
    let check_ids = ["logic", "leads", "lags", "relationshipTypes", "hardConstraints", "highFloat", "negativeFloat", "highDuration", "invalidDates", "resources", "missedTasks", "criticalPathTest", "cpli", "bei"];
    let mut seen = BTreeMap::new();
    for project in &portfolio.projects {
        let health = health_of(&mut workspace, &project.id, &HealthOptions::default());
        let findings: BTreeSet<String> = workspace.project_findings(&project.id).expect("findings").into_iter().map(|f| f.path).collect();
        for evidence in health.dimensions.iter().flat_map(|d| &d.evidence) {
            for id in &evidence.ids {
                let kind = serde_json::to_value(evidence.id_kind).expect("serializes");
                let known = match kind.as_str() {
                    Some("activity") => project.activities.iter().any(|a| &a.id == id),
                    Some("risk") => project.risks.iter().any(|r| &r.id == id),
                    Some("issue") => project.issues.iter().any(|i| &i.id == id),
                    Some("change") => project.change_requests.iter().any(|c| &c.id == id),
                    Some("resource") => project.resources.iter().any(|r| &r.id == id),
                    Some("check") => check_ids.contains(&id.as_str()),
                    Some("field") => findings.contains(id),
                    _ => false,
                };
                assert!(known, "{}: {:?} id {id} of {:?} is not a record", project.id, kind, evidence.metric);
                *seen.entry(kind.as_str().unwrap_or_default().to_string()).or_insert(0) += 1;
            }
        }
    }
    // The sample exercises every kind of evidence the engine computes today.
    for kind in ["activity", "risk", "issue", "change", "check", "field"] {
        assert!(seen.get(kind).copied().unwrap_or(0) > 0, "no {kind} evidence in the sample: {seen:?}");
    }
}

#[test]
fn the_project_managers_own_colour_is_shown_beside_the_computed_one() {
    let project: Project = serde_json::from_value(with(base(), json!({"snapshots": [
        {"date": "2026-06-30", "plannedValue": 125_000.0, "earnedValue": 125_000.0, "actualCost": 125_000.0, "manualRag": "amber"}]}))).expect("project");
    let health = project_health(serde_json::to_value(project).expect("serializes"));
    assert_eq!(serde_json::to_value(health.manual_rag).ok(), Some(json!("amber")));
    assert_eq!(health.overall.band, Band::Green);
}

#[test]
fn finish_variance_is_the_slip_over_the_baseline_span_and_late_milestones_have_a_tolerance() {
    // A milestone after Q4, baselined on Q4's baseline finish; Q3 then runs 20 working days
    // longer than its baseline. The forecast finish is the scheduler's.
    let mut project = base();
    project["activities"].as_array_mut().map(|a| a.push(json!({"id": "M1", "name": "Go-live", "durationDays": 0, "milestone": true})));
    project["dependencies"].as_array_mut().map(|d| d.push(json!({"predecessorId": "Q4", "successorId": "M1"})));
    project["baseline"]["activities"].as_array_mut().map(|b| b.push(json!({"activityId": "M1", "start": "2026-12-18T17:00:00", "finish": "2026-12-18T17:00:00", "cost": 0.0})));
    project["activities"][2]["durationDays"] = json!(85);
    let mut workspace = workspace_of(vec![project]);
    let finish = workspace.schedule("P1", &Default::default()).expect("schedules").finish.0;
    let baseline_finish = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).and_then(|d| d.and_hms_opt(17, 0, 0)).unwrap_or_default();
    let baseline_start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).and_then(|d| d.and_hms_opt(8, 0, 0)).unwrap_or_default();
    let minutes = |delta: chrono::TimeDelta| delta.num_minutes() as f64;
    let expected = minutes(finish - baseline_finish) * 100.0 / minutes(baseline_finish - baseline_start);
    let health = health_of(&mut workspace, "P1", &HealthOptions::default());
    let (band, points, value) = metric(&health, Metric::FinishVariancePercent);
    assert!((value.unwrap_or(0.0) - expected).abs() < 1e-9, "{value:?} against {expected}");
    // At least four weeks late on 347 days: above 5%, not above 10%.
    assert!(expected > 5.0 && expected <= 10.0, "{expected}");
    assert_eq!((band, points), (Some(Band::Amber), 25.0));
    // The go-live slips by more than the ten-day tolerance: one late milestone.
    let late = health.dimensions[0].evidence.iter().find(|e| e.metric == Metric::LateMilestones).expect("late milestones");
    assert_eq!((late.value, late.ids.clone()), (Some(1.0), vec!["M1".to_string()]));
    // With a tolerance longer than the slip it is not late.
    let mut policy = pmo_analytics::health::HealthPolicy::rag3();
    policy.late_milestone_tolerance_days = 60.0;
    let options = HealthOptions { policy: Some(policy), ..HealthOptions::default() };
    assert_eq!(metric(&health_of(&mut workspace, "P1", &options), Metric::LateMilestones).2, Some(0.0));
}

#[test]
fn risk_exposure_after_responses_and_red_zone_threats() {
    // R1: p 0.5 x 25,000 = EMV 12,500, 5% of BAC (exactly on the line). R2: p 0.9 x 110,000,
    // mitigated to p 0.5 x 25,000 (EMV 12,500). Residual exposure 25,000 / 250,000 = 10%: amber
    // (not above 10%). Inherent R2 would be 5 x 5 on the 5x5 scheme; residual p 0.5 (level 3) x
    // 10% of BAC (level 2) = 6: not in the red zone.
    let risk = |id: &str, p: f64, cost: f64| json!({"id": id, "title": id, "kind": "threat", "status": "open", "probability": p, "costImpact": cost});
    let mut mitigated = risk("R2", 0.9, 110_000.0);
    mitigated["response"] = json!({"strategy": "mitigate", "description": "Second supplier", "residualProbability": 0.5, "residualCostImpact": 25_000.0});
    let health = project_health(with(base(), json!({"risks": [risk("R1", 0.5, 25_000.0), mitigated]})));
    let (band, points, value) = metric(&health, Metric::ResidualExposurePercent);
    assert!((value.unwrap_or(0.0) - 10.0).abs() < 1e-9 && band == Some(Band::Amber) && points == 25.0, "{value:?} {band:?}");
    assert_eq!(metric(&health, Metric::RedZoneRisks).2, Some(0.0));
    // Unmitigated, R2 is 5 x 5 = 25, in the top band: a red-zone threat, and the exposure is
    // (12,500 + 99,000) / 250,000 = 44.6%: red.
    let health = project_health(with(base(), json!({"risks": [risk("R1", 0.5, 25_000.0), risk("R2", 0.9, 110_000.0)]})));
    let red_zone = health.dimensions.iter().flat_map(|d| &d.evidence).find(|e| e.metric == Metric::RedZoneRisks).expect("red zone");
    assert_eq!((red_zone.value, red_zone.ids.clone()), (Some(1.0), vec!["R2".to_string()]));
    let (band, _, value) = metric(&health, Metric::ResidualExposurePercent);
    assert!((value.unwrap_or(0.0) - 44.6).abs() < 1e-9 && band == Some(Band::Red));
    assert_eq!(dimension(&health, Dimension::Risk).1, Band::Red);
}

#[test]
fn a_resource_the_plan_books_beyond_its_capacity_is_over_allocated() {
    // One engineer (capacity 1) assigned at 2 units to Q3, which runs from July: over-allocated
    // in the three months from the status date.
    let mut project = base();
    project["resources"] = json!([{"id": "ENG", "name": "Engineer", "capacityUnits": 1.0}]);
    project["activities"][2]["assignments"] = json!([{"resourceId": "ENG", "units": 2.0}]);
    let health = project_health(project);
    let evidence = health.dimensions.iter().find(|d| d.dimension == Dimension::Resources).map(|d| d.evidence[0].clone()).expect("resources");
    assert_eq!((evidence.value, evidence.ids.clone(), evidence.points_deducted), (Some(1.0), vec!["ENG".to_string()], 25.0));
    // Without assignments the dimension is unknown, and says why.
    let health = project_health(base());
    let (score, band) = dimension(&health, Dimension::Resources);
    assert_eq!((score, band), (None, Band::Unknown));
}

/// Every unit's health (and the portfolio's) under a few options, as JSON, for comparing a
/// workspace that kept its facts across edits with one that computes them from nothing.
fn every_unit_health(workspace: &mut Workspace) -> Vec<Value> {
    let units: Vec<String> = workspace.portfolio().expect("loaded").org_units.iter().map(|u| u.id.clone()).collect();
    let options = [
        HealthOptions::default(),
        HealthOptions { status_date: Some(Date::from_ymd(2026, 3, 31).expect("a date")), ..HealthOptions::default() },
        serde_json::from_value(json!({"riskScheme": "pmbok", "scale": "deliveryConfidence5"})).expect("options"),
    ];
    let mut reports = Vec::new();
    for options in &options {
        reports.push(serde_json::to_value(workspace.portfolio_health(options).expect("portfolio health")).expect("json"));
        for unit in &units {
            reports.push(serde_json::to_value(workspace.health(unit, options).expect("unit health")).expect("json"));
        }
    }
    reports
}

fn assert_health_as_if_loaded_afresh(workspace: &mut Workspace, after: &str) {
    let mut fresh = Workspace::new();
    fresh.load_json(&workspace.export_json().expect("export")).expect("the export loads");
    assert!(every_unit_health(workspace) == every_unit_health(&mut fresh), "after {after}, health kept from before differs from health computed afresh");
    // The facts kept for the next edit are those of the first options compared after it.
    workspace.portfolio_health(&HealthOptions::default()).expect("portfolio health");
}

#[test]
fn health_kept_between_calls_follows_every_edit() {
    let (portfolio, mut workspace) = sample();
    // A baselined project with open risks and an activity not yet started: every edit below
    // moves one of its dimensions.
    let project = portfolio
        .projects
        .iter()
        .find(|p| p.baseline.is_some() && !p.risks.is_empty() && !p.snapshots.is_empty() && p.activities.iter().any(|a| a.actual_start.is_none() && !a.milestone && a.duration_days.minutes > 0))
        .expect("a project to edit");
    let parents: BTreeSet<&str> = project.activities.iter().filter_map(|a| a.parent_id.as_deref()).collect();
    let activity = project
        .activities
        .iter()
        .filter(|a| a.actual_start.is_none() && !a.milestone && a.duration_days.minutes > 0 && !parents.contains(a.id.as_str()))
        .last()
        .expect("an activity to edit");
    let risk = &project.risks[0];

    assert_health_as_if_loaded_afresh(&mut workspace, "loading");
    workspace.set_activity_duration(&project.id, &activity.id, activity.duration_days.days() + 40.0).expect("duration edit");
    assert_health_as_if_loaded_afresh(&mut workspace, "a duration edit");
    workspace.set_risk_probability(&project.id, &risk.id, 0.95).expect("probability edit");
    assert_health_as_if_loaded_afresh(&mut workspace, "a risk probability edit");
    workspace.set_percent_complete(&project.id, &activity.id, 50.0).expect("progress edit");
    assert_health_as_if_loaded_afresh(&mut workspace, "a progress edit");
    let mut replaced = workspace.project(&project.id).expect("the project").clone();
    replaced.snapshots.clear();
    replaced.risks.clear();
    workspace.replace_project(replaced).expect("replace");
    assert_health_as_if_loaded_afresh(&mut workspace, "replacing the project");
}
