//! Monte Carlo schedule risk analysis against outside truth: the closed forms and reference
//! simulations of `fixtures/risk/published-examples.json`, plus the properties a simulation
//! must keep (marginals under correlation, determinism, chunking) and its refusals.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pmo_analytics::model::{Activity, Dependency, DependencyKind, Project, WorkDuration};
use pmo_analytics::risk::montecarlo::three_point::{classic_pert, ThreePointEstimate};
use pmo_analytics::risk::montecarlo::{run, CorrelationGroup, Distribution, MonteCarloResults, RiskEvent, ScheduleImpact, Simulation, SimulationInput, SimulationOptions};
use pmo_analytics::sample::network::benchmark_project;
use serde_json::Value;

fn fixture_case(id: &str) -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/risk/published-examples.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let all: Value = serde_json::from_str(&text).expect("the fixture is JSON");
    let case = all["cases"].as_array().expect("cases").iter().find(|c| c["id"] == id).cloned();
    Some(case.unwrap_or_else(|| panic!("case {id} is in the fixture")))
}

fn number(value: &Value) -> f64 {
    value.as_f64().expect("a number")
}

/// A plan of the given activities (id, planned days) linked finish to start.
fn plan(activities: &[(&str, f64)], links: &[(&str, &str)]) -> Project {
    let mut project = benchmark_project(0, 0, 1);
    project.activities = activities
        .iter()
        .map(|&(id, days)| {
            let mut activity = Activity::new(id.to_string(), id.to_string(), WorkDuration::from_days(days));
            activity.milestone = days == 0.0;
            activity
        })
        .collect();
    project.dependencies = links
        .iter()
        .map(|&(from, to)| Dependency {
            predecessor_id: from.to_string(),
            successor_id: to.to_string(),
            kind: DependencyKind::FS,
            lag_days: WorkDuration::ZERO,
            lag_elapsed_days: None,
            lag_percent: None,
        })
        .collect();
    project
}

fn links_of(case: &Value) -> Vec<(String, String)> {
    case["input"]["links"].as_array().unwrap().iter().map(|l| (l[0].as_str().unwrap().to_string(), l[1].as_str().unwrap().to_string())).collect()
}

fn triangular(min: f64, mode: f64, max: f64) -> Distribution {
    Distribution::Triangular { min, mode, max }
}

fn input(durations: &[(&str, Distribution)], iterations: usize, seed: u64) -> SimulationInput {
    SimulationInput {
        durations: durations.iter().map(|(id, d)| (id.to_string(), d.clone())).collect(),
        risks: Vec::new(),
        correlations: Vec::new(),
        iterations,
        seed,
        options: SimulationOptions::default(),
    }
}

/// A Monte Carlo case of the fixture as a plan and a simulation input.
fn monte_carlo_case(case: &Value, iterations: usize) -> (Project, SimulationInput) {
    let mut activities = Vec::new();
    let mut durations = Vec::new();
    for activity in case["input"]["activities"].as_array().unwrap() {
        let id = activity["id"].as_str().unwrap();
        if activity["distribution"] == "triangular" {
            let (min, mode, max) = (number(&activity["min"]), number(&activity["mode"]), number(&activity["max"]));
            activities.push((id, mode));
            durations.push((id, triangular(min, mode, max)));
        } else {
            activities.push((id, number(&activity["duration"])));
        }
    }
    let links = links_of(case);
    let link_refs: Vec<(&str, &str)> = links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    (plan(&activities, &link_refs), input(&durations, iterations, 20_260_101))
}

fn check_distribution_case(id: &str) {
    let Some(case) = fixture_case(id) else { return };
    let given = &case["input"];
    let distribution = match given["distribution"].as_str().unwrap() {
        "triangular" => triangular(number(&given["min"]), number(&given["mode"]), number(&given["max"])),
        "pert" => Distribution::Pert { min: number(&given["min"]), mode: number(&given["mode"]), max: number(&given["max"]), shape: number(&given["shape"]) },
        other => panic!("unexpected distribution {other}"),
    };
    distribution.validate().unwrap();
    let tolerance = number(&case["tolerance"]);
    let expected = &case["expected"];
    let close = |name: &str, actual: f64| {
        let want = number(&expected[name]);
        assert!((actual - want).abs() <= tolerance, "{id} {name}: {actual} against {want}");
    };
    close("mean", distribution.mean());
    close("sd", distribution.sd());
    for (name, p) in [("p10", 0.1), ("p50", 0.5), ("p80", 0.8), ("p90", 0.9)] {
        if !expected[name].is_null() {
            close(name, distribution.quantile(p));
        }
    }
    if let Some((alpha, beta)) = distribution.pert_shape_parameters() {
        close("alpha", alpha);
        close("beta", beta);
        // The classic shortcut is a different number, as the fixture notes.
        assert!((distribution.sd() - number(&expected["classicPertSdShortcut"])).abs() > 0.01);
    }
}

#[test]
fn fixture_triangular_5_10_15() {
    check_distribution_case("triangular-5-10-15");
}

#[test]
fn fixture_triangular_2_3_8() {
    check_distribution_case("triangular-2-3-8");
}

#[test]
fn fixture_beta_pert_2_3_8() {
    check_distribution_case("beta-pert-2-3-8");
}

#[test]
fn fixture_pert_serial_chain() {
    let Some(case) = fixture_case("pert-serial-chain") else { return };
    let mut estimates = BTreeMap::new();
    let mut activities = Vec::new();
    for activity in case["input"]["activities"].as_array().unwrap() {
        let id = activity["id"].as_str().unwrap().to_string();
        let estimate = ThreePointEstimate { optimistic: number(&activity["optimistic"]), most_likely: number(&activity["mostLikely"]), pessimistic: number(&activity["pessimistic"]) };
        activities.push((id.clone(), estimate.most_likely));
        estimates.insert(id, estimate);
    }
    let activity_refs: Vec<(&str, f64)> = activities.iter().map(|(id, d)| (id.as_str(), *d)).collect();
    let links = links_of(&case);
    let link_refs: Vec<(&str, &str)> = links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let estimate = classic_pert(&plan(&activity_refs, &link_refs), &estimates).unwrap();
    let tolerance = number(&case["tolerance"]);
    let expected = &case["expected"];
    assert_eq!(estimate.critical_path, vec!["A", "B", "C", "D"]);
    assert!((estimate.expected_days - number(&expected["expectedDuration"])).abs() <= tolerance, "{}", estimate.expected_days);
    assert!((estimate.sd_days - number(&expected["sd"])).abs() <= tolerance, "{}", estimate.sd_days);
    assert!((estimate.normal_percentile(0.8) - number(&expected["normalApproxP80"])).abs() <= tolerance);
}

#[test]
fn fixture_merge_bias_two_paths() {
    let Some(case) = fixture_case("merge-bias-two-paths") else { return };
    let (project, input) = monte_carlo_case(&case, 100_000);
    let results = run(&project, &input).unwrap();
    let expected = &case["expected"];
    let tolerance = number(&case["tolerance"]["monteCarlo100k"]);
    let p80 = results.finish_days.percentile(80).unwrap();
    println!("merge bias: P80 {p80:.4}, mean {:.4}", results.finish_days.mean);
    assert!((p80 - number(&expected["p80"])).abs() <= tolerance, "P80 {p80}");
    assert!((results.finish_days.mean - number(&expected["mean"])).abs() <= tolerance, "mean {}", results.finish_days.mean);
    // The merged finish is later than either path alone: merge bias.
    assert!(p80 > number(&expected["singlePathP80"]) + 0.5);
    for (id, key) in [("P1", "criticalityIndexP1"), ("P2", "criticalityIndexP2")] {
        let activity = results.activities.iter().find(|a| a.activity_id == id).unwrap();
        println!("criticality {id}: {:.4}", activity.criticality_index);
        assert!((activity.criticality_index - number(&expected[key])).abs() <= 0.01);
    }
}

#[test]
fn fixture_sum_three_triangular() {
    let Some(case) = fixture_case("sum-three-triangular") else { return };
    let (project, input) = monte_carlo_case(&case, 100_000);
    let results = run(&project, &input).unwrap();
    let expected = &case["expected"];
    let tolerance = number(&case["tolerance"]["monteCarlo100k"]);
    let finish = &results.finish_days;
    println!("sum of three: mean {:.4}, sd {:.4}, P50 {:.4}, P80 {:.4}, P95 {:.4}", finish.mean, finish.sd.unwrap(), finish.percentile(50).unwrap(), finish.percentile(80).unwrap(), finish.percentile(95).unwrap());
    assert!((finish.mean - number(&expected["mean"])).abs() <= tolerance);
    assert!((finish.sd.unwrap() - number(&expected["sd"])).abs() <= tolerance);
    for (key, p) in [("p50", 50), ("p80", 80), ("p95", 95)] {
        assert!((finish.percentile(p).unwrap() - number(&expected[key])).abs() <= tolerance, "{key}");
    }
    // In a single chain every activity is always critical.
    assert!(results.activities.iter().all(|a| a.criticality_index == 1.0));
}

fn three_in_series(correlation: Option<f64>, iterations: usize, seed: u64) -> (Project, SimulationInput) {
    let project = plan(&[("T1", 10.0), ("T2", 10.0), ("T3", 10.0)], &[("T1", "T2"), ("T2", "T3")]);
    let mut given = input(&[("T1", triangular(5.0, 10.0, 15.0)), ("T2", triangular(5.0, 10.0, 15.0)), ("T3", triangular(5.0, 10.0, 15.0))], iterations, seed);
    if let Some(r) = correlation {
        given.correlations.push(CorrelationGroup { activity_ids: vec!["T1".into(), "T2".into(), "T3".into()], matrix: vec![vec![1.0, r, r], vec![r, 1.0, r], vec![r, r, 1.0]] });
    }
    (project, given)
}

#[test]
fn correlation_keeps_the_mean_and_widens_the_spread() {
    let (project, correlated) = three_in_series(Some(0.8), 100_000, 7);
    let (_, independent) = three_in_series(None, 100_000, 7);
    let correlated = run(&project, &correlated).unwrap();
    let independent = run(&project, &independent).unwrap();
    let (sd_correlated, sd_independent) = (correlated.finish_days.sd.unwrap(), independent.finish_days.sd.unwrap());
    println!("correlated 0.8: mean {:.4}, sd {sd_correlated:.4}; independent sd {sd_independent:.4}", correlated.finish_days.mean);
    assert!((correlated.finish_days.mean - 30.0).abs() <= 0.1);
    assert!(sd_correlated > sd_independent + 1.0);
    // Each marginal keeps its own mean.
    for activity in &correlated.activities {
        assert!((activity.mean_duration_days - 10.0).abs() < 0.05, "{}", activity.mean_duration_days);
    }
}

/// A plan with parallel paths, a milestone, risks, correlations and every option on.
fn busy_input(iterations: usize) -> (Project, SimulationInput) {
    let project = plan(
        &[("A", 5.0), ("B", 8.0), ("C", 6.0), ("D", 4.0), ("M", 0.0)],
        &[("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "M")],
    );
    let mut given = input(
        &[
            ("A", triangular(4.0, 5.0, 8.0)),
            ("B", Distribution::Pert { min: 6.0, mode: 8.0, max: 14.0, shape: 4.0 }),
            ("C", Distribution::Lognormal { mu: 6f64.ln(), sigma: 0.3 }),
            ("D", Distribution::Normal { mean: 4.0, sd: 0.5 }),
        ],
        iterations,
        99,
    );
    given.correlations.push(CorrelationGroup { activity_ids: vec!["B".into(), "C".into()], matrix: vec![vec![1.0, 0.5], vec![0.5, 1.0]] });
    given.risks = vec![
        RiskEvent { id: "R1".into(), probability: 0.3, activity_ids: vec!["B".into()], schedule_impact: Some(ScheduleImpact::Days { days: 3.0 }), cost_impact: Some(triangular(1000.0, 2000.0, 5000.0)) },
        RiskEvent { id: "R2".into(), probability: 0.5, activity_ids: vec!["C".into()], schedule_impact: Some(ScheduleImpact::Fraction { fraction: 0.2 }), cost_impact: None },
    ];
    given.options = SimulationOptions { latin_hypercube: true, risk_tornado: true, finish_target_days: Some(22.0), budget: Some(1500.0), ..SimulationOptions::default() };
    (project, given)
}

#[test]
fn same_seed_same_results_and_chunks_do_not_matter() {
    let (project, given) = busy_input(3_000);
    let first: MonteCarloResults = run(&project, &given).unwrap();
    let second = run(&project, &given).unwrap();
    assert_eq!(first, second);
    let mut simulation = Simulation::new(&project, &given).unwrap();
    let mut progress = simulation.run_chunk(0);
    assert_eq!(progress.done, 0);
    for chunk in [1, 7, 500, 1_000, 10_000] {
        progress = simulation.run_chunk(chunk);
    }
    assert!(progress.finished && progress.done == 3_000);
    assert_eq!(simulation.results().unwrap(), first);
    let mut other_seed = given.clone();
    other_seed.seed += 1;
    assert_ne!(run(&project, &other_seed).unwrap().finish_days, first.finish_days);

    // The figures hang together.
    assert_eq!(first.risk_tornado.len(), 2);
    assert!(first.risk_tornado.iter().all(|bar| bar.swing_days >= 0.0));
    assert!(first.risk_tornado[0].swing_days >= first.risk_tornado[1].swing_days);
    let (on_time, in_budget, joint) = (first.probability_finish_by_target.unwrap(), first.probability_within_budget.unwrap(), first.joint_confidence.unwrap());
    assert!(joint <= on_time.min(in_budget) && joint > 0.0);
    assert_eq!(first.milestones.len(), 1);
    assert_eq!(first.milestones[0].percentiles.iter().find(|p| p.percentile == 50).unwrap().value, first.finish_days.percentile(50).unwrap());
    assert!(first.convergence.p80_change_last_1000_days.is_some());
    let b = first.activities.iter().find(|a| a.activity_id == "B").unwrap();
    assert!(b.duration_finish_correlation.unwrap() > 0.3 && b.schedule_sensitivity_index.unwrap() > 0.0);
    assert_eq!(first.finish_days.histogram.counts.iter().sum::<u64>(), 3_000);
}

#[test]
fn a_certain_risk_moves_the_finish_by_its_impact() {
    let project = plan(&[("A", 5.0), ("B", 5.0)], &[("A", "B")]);
    let mut given = input(&[], 10, 1);
    given.risks.push(RiskEvent { id: "R".into(), probability: 1.0, activity_ids: vec!["B".into()], schedule_impact: Some(ScheduleImpact::Days { days: 2.0 }), cost_impact: Some(Distribution::Fixed { value: 300.0 }) });
    given.options.risk_tornado = true;
    let results = run(&project, &given).unwrap();
    assert_eq!(results.finish_days.mean, 12.0);
    assert_eq!(results.cost.mean, 300.0);
    assert_eq!(results.risk_tornado[0].swing_days, 2.0);
}

#[test]
fn latin_hypercube_keeps_the_mean_closer() {
    let (project, mut given) = three_in_series(None, 2_000, 3);
    given.options.latin_hypercube = true;
    let results = run(&project, &given).unwrap();
    assert!((results.finish_days.mean - 30.0).abs() < 0.02, "{}", results.finish_days.mean);
}

fn error_code(project: &Project, given: &SimulationInput) -> (String, String) {
    let error = Simulation::new(project, given).unwrap_err();
    (error.code().to_string(), error.to_string())
}

#[test]
fn bad_input_is_refused_with_a_code_and_a_sentence() {
    let (project, base) = three_in_series(None, 100, 1);
    let with_t1 = |distribution: Distribution| {
        let mut given = base.clone();
        given.durations.insert("T1".into(), distribution);
        given
    };
    let (code, message) = error_code(&project, &with_t1(triangular(9.0, 8.0, 7.0)));
    assert_eq!(code, "min_above_max");
    assert!(message.contains("T1") && message.contains("greater than the maximum"), "{message}");
    assert_eq!(error_code(&project, &with_t1(triangular(1.0, 9.0, 3.0))).0, "mode_outside_range");
    assert_eq!(error_code(&project, &with_t1(Distribution::Normal { mean: 3.0, sd: -1.0 })).0, "negative_sd");
    assert_eq!(error_code(&project, &with_t1(Distribution::Fixed { value: f64::INFINITY })).0, "non_finite_parameter");

    let mut given = base.clone();
    given.iterations = 0;
    assert_eq!(error_code(&project, &given).0, "zero_iterations");

    let mut given = base.clone();
    given.risks.push(RiskEvent { id: "R9".into(), probability: 1.2, activity_ids: vec!["T1".into()], schedule_impact: None, cost_impact: None });
    let (code, message) = error_code(&project, &given);
    assert_eq!(code, "probability_out_of_range");
    assert!(message.contains("R9") && message.contains("between 0 and 1"));

    let mut given = base.clone();
    given.risks.push(RiskEvent { id: "R1".into(), probability: 0.5, activity_ids: vec!["T9".into()], schedule_impact: Some(ScheduleImpact::Days { days: 1.0 }), cost_impact: None });
    let (code, message) = error_code(&project, &given);
    assert_eq!(code, "risk_unknown_activity");
    assert!(message.contains("R1") && message.contains("T9"), "{message}");

    let (_, mut given) = three_in_series(Some(0.8), 100, 1);
    given.correlations[0].matrix = vec![vec![1.0, 0.9, -0.9], vec![0.9, 1.0, 0.9], vec![-0.9, 0.9, 1.0]];
    let (code, message) = error_code(&project, &given);
    assert_eq!(code, "correlation_not_positive_semidefinite");
    assert!(message.contains("not positive semi-definite"), "{message}");

    let mut given = base.clone();
    given.durations.insert("T7".into(), triangular(1.0, 2.0, 3.0));
    assert_eq!(error_code(&project, &given).0, "unknown_activity");
}

#[test]
fn input_reads_from_json() {
    let text = r#"{"durations":{"T1":{"type":"triangular","min":5,"mode":10,"max":15}},
        "risks":[{"id":"R","probability":0.2,"activityIds":["T2"],"scheduleImpact":{"type":"days","days":2},"costImpact":{"type":"fixed","value":100}}],
        "correlations":[],"iterations":500,"seed":4,"options":{"latinHypercube":true,"budget":10}}"#;
    let given: SimulationInput = serde_json::from_str(text).unwrap();
    let (project, _) = three_in_series(None, 1, 1);
    let results = run(&project, &given).unwrap();
    assert_eq!(results.iterations, 500);
    assert!(results.probability_within_budget.unwrap() > 0.7);
}

#[test]
fn finished_activities_are_never_counted_critical() {
    use pmo_analytics::workspace::{SimulationRequest, Workspace};
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json")).expect("the committed sample");
    let mut workspace = Workspace::new();
    workspace.load_json(&text).expect("the sample loads");
    let project = workspace.project("PRJ-001").unwrap().clone();
    let request: SimulationRequest = serde_json::from_str(r#"{"iterations": 200, "seed": 9, "defaultRange": {"optimistic": 0.9, "pessimistic": 1.3}}"#).unwrap();
    let mut simulation = workspace.simulation("PRJ-001", request).expect("simulates");
    simulation.run_chunk(200);
    let results = simulation.results().expect("results");
    let finished: Vec<&str> = project.activities.iter().filter(|a| a.actual_finish.is_some()).map(|a| a.id.as_str()).collect();
    assert!(!finished.is_empty(), "the sample project has finished work");
    for activity in results.activities.iter().filter(|a| finished.contains(&a.activity_id.as_str())) {
        assert_eq!(activity.criticality_index, 0.0, "{} is finished", activity.activity_id);
    }
    assert!(results.activities.iter().any(|a| a.criticality_index > 0.0), "work still to do can be critical");
}

#[test]
fn a_run_too_large_for_a_browser_is_refused_before_anything_is_allocated() {
    use pmo_analytics::workspace::{SimulationRequest, Workspace};
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json")).expect("the committed sample");
    let mut workspace = Workspace::new();
    workspace.load_json(&text).expect("the sample loads");
    let request: SimulationRequest =
        serde_json::from_str(r#"{"iterations": 1000000000000, "defaultRange": {"optimistic": 0.9, "pessimistic": 1.3}, "options": {"latinHypercube": true, "histogramBins": 1000000000000}}"#).unwrap();
    let error = workspace.simulation("PRJ-001", request).expect_err("refused");
    assert_eq!((error.code(), error.path()), ("simulation_too_large", "iterations"));
}
