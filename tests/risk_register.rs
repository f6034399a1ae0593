//! The risk register engine against outside truth: the published EMV contingency example
//! (`shared/fixtures/risk/published-examples.json`, case `emv-contingency`), the PMBOK Guide's
//! probability and impact matrix worked by hand, and the committed sample portfolio.

use std::path::PathBuf;

use pmo_analytics::evm::undefined::Reason;
use pmo_analytics::model::{from_json_str, Date, ResponseStrategy, Risk, RiskKind, RiskResponse, RiskStatus};
use pmo_analytics::risk::register::{
    exposure_trend, heat_map, portfolio_exposure, register_exposure, score_risk, score_risks, ContingencyPolicy,
    ExposurePolicy, ImpactBasis, RiskField, ScoringScheme, View,
};

fn risk(id: &str, kind: RiskKind, probability: Option<f64>, cost_impact: Option<f64>) -> Risk {
    Risk {
        id: id.to_string(),
        title: format!("Risk {id}"),
        kind,
        category: None,
        owner: None,
        status: RiskStatus::Open,
        raised_on: None,
        probability,
        cost_impact,
        schedule_impact_days: None,
        response: None,
        activity_ids: Vec::new(),
        proximity: None,
        velocity: None,
    }
}

fn threat(id: &str, probability: f64, cost_impact: f64) -> Risk {
    risk(id, RiskKind::Threat, Some(probability), Some(cost_impact))
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
}

#[test]
fn emv_contingency_matches_the_published_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/risk/published-examples.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let fixture: serde_json::Value = serde_json::from_str(&text).expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    let case = cases.iter().find(|case| case["id"] == "emv-contingency").expect("case emv-contingency");
    let tolerance = case["tolerance"].as_f64().unwrap_or(1e-9);
    // The published table lists threats only, all open and without responses.
    let risks: Vec<Risk> = case["input"]["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .map(|row| {
            threat(
                row["id"].as_str().expect("id"),
                row["probability"].as_f64().expect("probability"),
                row["costImpact"].as_f64().expect("costImpact"),
            )
        })
        .collect();
    let expected = &case["expected"];
    for policy in [ContingencyPolicy::NetOfOpportunities, ContingencyPolicy::ThreatsOnly] {
        let exposure = register_exposure(&risks, 1_000_000.0, &ExposurePolicy { contingency: policy, ..ExposurePolicy::default() });
        assert!(close(exposure.threat_cost_impact, expected["totalImpact"].as_f64().expect("totalImpact"), tolerance));
        for value in &exposure.risks {
            let published = expected["emvById"][&value.id].as_f64().expect("emv by id");
            // Threats carry a negative EMV in this crate; the table prints magnitudes.
            assert!(close(value.emv, -published, tolerance), "{}: {} against {}", value.id, value.emv, published);
        }
        assert_eq!(exposure.risks.len(), 6);
        assert!(close(exposure.contingency_reserve, expected["contingency"].as_f64().expect("contingency"), tolerance));
    }
}

#[test]
fn pmbok_preset_scores_a_risk_as_worked_by_hand() {
    let scheme = ScoringScheme::pmbok();
    // BAC 200,000 and 100 planned days. Probability 0.65 -> "High" band (0.6, 0.8], rating 0.7.
    // Cost 30,000 = 15% of BAC -> "Moderate" (10-20%), 0.2; 8 days = 8% of the duration ->
    // "Moderate" for time (5-10%), 0.2. Score 0.7 x 0.2 = 0.14: moderate (0.05 <= s < 0.18).
    let mut known = threat("K", 0.65, 30_000.0);
    known.schedule_impact_days = Some(8.0);
    let scored = score_risk(&known, &ImpactBasis::new(200_000.0, Some(100.0)), &scheme);
    assert_eq!((scored.inherent.probability_level, scored.inherent.impact_level), (4, 3));
    assert!((scored.inherent.score - 0.14).abs() < 1e-12);
    assert_eq!(scored.inherent.band, "moderate");
    // 25 days = 25% of the duration is "Very high" for time (>20%), 0.8, though cost is only
    // moderate: the worse objective rules. 0.7 x 0.8 = 0.56: high.
    known.schedule_impact_days = Some(25.0);
    let scored = score_risk(&known, &ImpactBasis::new(200_000.0, Some(100.0)), &scheme);
    assert_eq!(scored.inherent.impact_level, 5);
    assert!((scored.inherent.score - 0.56).abs() < 1e-12);
    assert_eq!(scored.inherent.band, "high");
    // The same grid serves opportunities: an opportunity with the same numbers scores the same.
    let mut opportunity = known.clone();
    opportunity.kind = RiskKind::Opportunity;
    let scored_opportunity = score_risk(&opportunity, &ImpactBasis::new(200_000.0, Some(100.0)), &scheme);
    assert_eq!(scored_opportunity.inherent.score, scored.inherent.score);
}

#[test]
fn five_by_five_heat_map_counts_open_risks_by_cell_and_kind() {
    let scheme = ScoringScheme::five_by_five();
    let basis = ImpactBasis::new(100_000.0, Some(100.0));
    // Probability 0.5 -> level 3; cost 15,000 = 15% -> level 3 (10-20%); score 9, medium.
    // Probability 0.9 -> level 5; cost 50,000 = 50% -> level 5; score 25, high.
    // Probability 0.1 -> level 1; cost 500 = 0.5% -> level 1; score 1, low.
    let mut closed = threat("T4", 0.5, 15_000.0);
    closed.status = RiskStatus::Closed;
    let risks = vec![
        threat("T1", 0.5, 15_000.0),
        threat("T2", 0.45, 12_000.0),
        threat("T3", 0.9, 50_000.0),
        closed,
        risk("O1", RiskKind::Opportunity, Some(0.5), Some(15_000.0)),
        risk("O2", RiskKind::Opportunity, Some(0.1), Some(500.0)),
    ];
    let scored = score_risks(&risks, &basis, &scheme).expect("the preset is valid");
    let map = heat_map(&scored, &scheme, View::Inherent);
    assert_eq!(map.threats.len(), 25);
    assert_eq!(map.opportunities.len(), 25);
    let middle = map.cell(RiskKind::Threat, 3, 3).expect("cell 3x3");
    assert_eq!((middle.count, middle.risk_ids.clone()), (2, vec!["T1".to_string(), "T2".to_string()]));
    assert_eq!((middle.score, middle.band.as_str()), (9.0, "medium"));
    let top = map.cell(RiskKind::Threat, 5, 5).expect("cell 5x5");
    assert_eq!((top.count, top.band.as_str()), (1, "high"));
    assert_eq!(map.cell(RiskKind::Opportunity, 3, 3).map(|cell| cell.risk_ids.clone()), Some(vec!["O1".to_string()]));
    assert_eq!(map.cell(RiskKind::Opportunity, 1, 1).map(|cell| (cell.count, cell.band.clone())), Some((1, "low".to_string())));
    // The closed risk is in no cell; every open one is in exactly one.
    assert_eq!(map.threats.iter().map(|cell| cell.count).sum::<usize>(), 3);
    assert_eq!(map.opportunities.iter().map(|cell| cell.count).sum::<usize>(), 2);
}

#[test]
fn a_risk_without_probability_is_the_top_band_and_flagged() {
    let scheme = ScoringScheme::five_by_five();
    let basis = ImpactBasis::new(100_000.0, Some(100.0));
    let unassessed = risk("U", RiskKind::Threat, None, Some(500.0));
    let scored = score_risk(&unassessed, &basis, &scheme);
    assert_eq!(scored.inherent.probability_level, 5);
    assert_eq!(scored.inherent.impact_level, 1);
    assert_eq!(scored.inherent.assumed_worst_case, vec![RiskField::Probability]);
    let blank = risk("B", RiskKind::Threat, None, None);
    let scored = score_risk(&blank, &basis, &scheme);
    assert_eq!((scored.inherent.probability_level, scored.inherent.impact_level, scored.inherent.score), (5, 5, 25.0));
    assert_eq!(scored.inherent.band, "high");
    assert_eq!(
        scored.inherent.assumed_worst_case,
        vec![RiskField::Probability, RiskField::CostImpact, RiskField::ScheduleImpactDays]
    );
    let json = serde_json::to_value(&scored).expect("serializes");
    assert_eq!(json["inherent"]["assumedWorstCase"][0], "probability");
}

#[test]
fn residual_falls_back_to_inherent_where_absent() {
    let scheme = ScoringScheme::five_by_five();
    let basis = ImpactBasis::new(100_000.0, Some(100.0));
    let mut mitigated = threat("M", 0.9, 50_000.0);
    mitigated.response = Some(RiskResponse {
        strategy: ResponseStrategy::Mitigate,
        description: "fixed-price subcontract".to_string(),
        owner: Some("Ana".to_string()),
        due: None,
        residual_probability: Some(0.3),
        residual_cost_impact: None,
        residual_schedule_impact_days: None,
    });
    let scored = score_risk(&mitigated, &basis, &scheme);
    assert_eq!(scored.strategy, Some(ResponseStrategy::Mitigate));
    assert_eq!(scored.response_owner.as_deref(), Some("Ana"));
    // Probability 0.3 -> level 2; cost unchanged at 50% -> level 5: 10, medium (was 25, high).
    assert_eq!((scored.residual.probability_level, scored.residual.impact_level), (2, 5));
    assert_eq!(scored.residual.cost_impact, Some(50_000.0));
    assert_eq!(scored.residual.score, 10.0);
    assert_eq!(scored.inherent.score, 25.0);
    assert_eq!(scored.residual_from_inherent, vec![RiskField::CostImpact, RiskField::ScheduleImpactDays]);
    // Without any response the residual is the inherent assessment.
    let plain = score_risk(&threat("P", 0.5, 15_000.0), &basis, &scheme);
    assert_eq!(plain.residual, plain.inherent);
    // EMV on the residual view: 0.3 x 50,000 = 15,000; on the inherent view 0.9 x 50,000 = 45,000.
    let residual = register_exposure(std::slice::from_ref(&mitigated), 100_000.0, &ExposurePolicy::default());
    assert_eq!(residual.contingency_reserve, 15_000.0);
    let inherent =
        register_exposure(&[mitigated], 100_000.0, &ExposurePolicy { view: View::Inherent, ..ExposurePolicy::default() });
    assert_eq!(inherent.contingency_reserve, 45_000.0);
}

#[test]
fn exposure_share_of_budget_is_undefined_for_a_zero_budget() {
    let exposure = register_exposure(&[threat("A", 0.5, 1_000.0)], 0.0, &ExposurePolicy::default());
    assert_eq!(exposure.contingency_reserve, 500.0);
    assert_eq!(exposure.contingency_share_of_budget.reason(), Some(Reason::NoBudget));
    let json = serde_json::to_value(&exposure).expect("serializes");
    assert!(json["contingencyShareOfBudget"].is_null());
    assert_eq!(json["reasons"]["contingencyShareOfBudget"], "noBudget");
    // With a budget: 500 / 10,000 = 5%; management reserve 10% of 10,000 = 1,000.
    let policy = ExposurePolicy { management_reserve_share: 0.10, ..ExposurePolicy::default() };
    let exposure = register_exposure(&[threat("A", 0.5, 1_000.0)], 10_000.0, &policy);
    assert_eq!(exposure.contingency_share_of_budget.value(), Some(0.05));
    assert_eq!(exposure.management_reserve.value(), Some(1_000.0));
}

#[test]
fn opportunities_reduce_contingency_only_under_the_net_policy() {
    // Threats: 0.5 x 20,000 = 10,000 and 0.2 x 10,000 = 2,000; opportunity 0.4 x 5,000 = 2,000.
    let risks = vec![
        threat("T1", 0.5, 20_000.0),
        threat("T2", 0.2, 10_000.0),
        risk("O1", RiskKind::Opportunity, Some(0.4), Some(5_000.0)),
    ];
    let net = register_exposure(&risks, 100_000.0, &ExposurePolicy::default());
    assert_eq!((net.threat_emv, net.opportunity_emv, net.net_emv), (-12_000.0, 2_000.0, -10_000.0));
    assert_eq!(net.contingency_reserve, 10_000.0);
    let threats_only =
        register_exposure(&risks, 100_000.0, &ExposurePolicy { contingency: ContingencyPolicy::ThreatsOnly, ..ExposurePolicy::default() });
    assert_eq!(threats_only.contingency_reserve, 12_000.0);
    // Occurred and closed risks are no longer risks; an open one without a cost has no EMV.
    let mut occurred = threat("X", 0.9, 99_000.0);
    occurred.status = RiskStatus::Occurred;
    let mut closed = threat("C", 0.9, 99_000.0);
    closed.status = RiskStatus::Closed;
    let mut more = risks.clone();
    more.extend([occurred, closed, risk("N", RiskKind::Threat, Some(0.5), None)]);
    let exposure = register_exposure(&more, 100_000.0, &ExposurePolicy::default());
    assert_eq!(exposure.contingency_reserve, 10_000.0);
    assert_eq!(exposure.occurred_ids, vec!["X".to_string()]);
    assert_eq!(exposure.closed_ids, vec!["C".to_string()]);
    assert_eq!(exposure.unquantified_ids, vec!["N".to_string()]);
}

#[test]
fn trend_counts_risks_from_the_day_they_were_raised() {
    let day = |d: u32| Date::from_ymd(2026, 3, d).expect("a date");
    let mut first = threat("A", 0.5, 10_000.0);
    first.raised_on = Some(day(2));
    let mut second = threat("B", 0.1, 10_000.0);
    second.raised_on = Some(day(16));
    let points = exposure_trend(&[first, second], 100_000.0, &[day(1), day(9), day(16)], &ExposurePolicy::default());
    let reserves: Vec<(usize, f64)> = points.iter().map(|point| (point.open_count, point.contingency_reserve)).collect();
    assert_eq!(reserves, vec![(0, 0.0), (1, 5_000.0), (2, 6_000.0)]);
}

#[test]
fn sample_portfolio_total_is_the_sum_of_its_projects() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample/portfolio.json");
    let text = std::fs::read_to_string(&path).expect("the committed sample");
    let (portfolio, _findings) = from_json_str(&text).expect("the sample loads");
    let policy = ExposurePolicy { management_reserve_share: 0.05, ..ExposurePolicy::default() };
    // The sample has one project in pounds: its amounts count at the given rate, never at par.
    let rates = std::collections::BTreeMap::from([("EUR".to_string(), 1.0), ("GBP".to_string(), 1.2)]);
    let exposure = portfolio_exposure(&portfolio.projects, &policy, &rates);
    assert_eq!(exposure.projects.len(), portfolio.projects.len());
    assert!(exposure.projects.iter().any(|project| project.currency == "GBP"));
    let sum = |field: fn(&pmo_analytics::risk::register::Exposure) -> f64| {
        exposure.projects.iter().map(|project| field(&project.exposure) * rates[&project.currency]).sum::<f64>()
    };
    assert!(exposure.contingency_reserve > 0.0);
    assert!(close(exposure.contingency_reserve, sum(|e| e.contingency_reserve), 1e-12));
    assert!(close(exposure.threat_emv, sum(|e| e.threat_emv), 1e-12));
    assert!(close(exposure.opportunity_emv, sum(|e| e.opportunity_emv), 1e-12));
    assert!(close(exposure.budget_at_completion, sum(|e| e.budget_at_completion), 1e-12));
    // The groups partition the same risks: category totals add up to the portfolio's.
    let by_category: f64 = exposure.by_category.iter().map(|group| group.net_emv).sum();
    assert!(close(by_category, exposure.net_emv, 1e-9));
    let counted: usize = exposure.by_owner.iter().map(|group| group.risk_count).sum();
    assert_eq!(counted, exposure.projects.iter().map(|project| project.exposure.risks.len()).sum::<usize>());
    assert!(exposure.contingency_share_of_budget.is_defined());
    serde_json::to_string(&exposure).expect("serializes");
}

#[test]
fn through_the_workspace_registers_and_exposure_follow_the_sample() {
    use pmo_analytics::workspace::{RiskOptions, Workspace};
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample/portfolio.json")).expect("the committed sample");
    let mut workspace = Workspace::new();
    workspace.load_json(&text).expect("the sample loads");
    let project = workspace.project("PRJ-001").unwrap().clone();
    let view = workspace.risk_register("PRJ-001", &RiskOptions::default()).expect("register");
    assert_eq!(view.risks.len(), project.risks.len());
    // Schedule impacts are measured against the scheduled span.
    assert!(view.planned_duration_days.is_some_and(|days| days > 100.0));
    // Every open risk sits in exactly one cell of its kind's grid.
    let open = project.risks.iter().filter(|r| r.status == pmo_analytics::model::RiskStatus::Open).count();
    let placed: usize = view.heat_map.threats.iter().chain(&view.heat_map.opportunities).map(|cell| cell.count).sum();
    assert_eq!(placed, open);
    assert_eq!(view.exposure, pmo_analytics::risk::register::project_exposure(&project, &ExposurePolicy::default()).exposure);

    // The portfolio mixes euros and pounds: refused without a rate, converted and stated with one.
    let error = workspace.risk_exposure(None, &RiskOptions::default()).expect_err("mixed currencies");
    assert_eq!(error.code(), "mixed_currencies");
    let options = RiskOptions { rates: Some([("GBP".to_string(), 1.2)].into_iter().collect()), ..RiskOptions::default() };
    let report = workspace.risk_exposure(None, &options).expect("converted");
    assert_eq!(report.currency, "EUR");
    assert!(report.conversion.as_ref().is_some_and(|c| c.statement.contains("GBP")));
    assert_eq!(workspace.risk_exposure(Some("nowhere"), &options).expect_err("unknown unit").code(), "not_found");
    let bad = RiskOptions { management_reserve_share: Some(2.0), ..RiskOptions::default() };
    let error = workspace.risk_register("PRJ-001", &bad).expect_err("a share above 1");
    assert_eq!((error.code(), error.path()), ("invalid_option", "managementReserveShare"));
}
