//! Properties of earned schedule and rollups over generated plans: ES stays within [0, PD] and
//! never falls as EV rises; a rollup of one project is that project; a portfolio's base figures
//! are the sums of its parts and its CPI is ΣEV/ΣAC, not the average CPI; and no measure is ever
//! NaN or infinite (every `null` carries a reason).

use pmo_analytics::evm::*;
use proptest::prelude::*;
use serde_json::Value;

/// Per-period planned values with zeros mixed in, so plans have flat stretches.
fn per_period_plan() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0..1000.0f64], 1..24)
}

fn cumulative(per_period: &[f64]) -> Vec<f64> {
    cumulative_from_period_values(per_period).expect("finite values")
}

#[derive(Debug, Clone)]
struct Leaf {
    earned_fraction: f64,
    cost_factor: f64,
    plan: Vec<f64>,
    status_period: usize,
}

fn leaf() -> impl Strategy<Value = Leaf> {
    (0.0..1.0f64, 0.2..3.0f64, per_period_plan(), 0usize..30).prop_map(|(earned_fraction, cost_factor, plan, status_period)| Leaf { earned_fraction, cost_factor, plan, status_period })
}

fn leaf_node(id: &str, leaf: &Leaf) -> RollupNode {
    let pv_cumulative = cumulative(&leaf.plan);
    let budget = pv_cumulative.last().copied().unwrap_or(0.0);
    let earned = budget * leaf.earned_fraction;
    RollupNode {
        id: id.to_string(),
        level: NodeLevel::Activity,
        figures: Some(LeafFigures {
            currency: "EUR".into(),
            planned_value: planned_value_at_position(&pv_cumulative, leaf.status_period as f64),
            earned_value: earned,
            actual_cost: earned * leaf.cost_factor,
            budget_at_completion: budget,
            estimate_to_complete_bottom_up: Some((budget - earned) * leaf.cost_factor),
            pv_cumulative,
        }),
        children: vec![],
    }
}

fn project(id: &str, leaves: &[Leaf]) -> RollupNode {
    RollupNode { id: id.to_string(), level: NodeLevel::Project, figures: None, children: leaves.iter().enumerate().map(|(index, leaf)| leaf_node(&format!("{id}.{index}"), leaf)).collect() }
}

fn options(actual_time: f64) -> RollupOptions {
    RollupOptions { actual_time: Some(actual_time), ..RollupOptions::default() }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every `null` in a serialized result (other than optional parts) has a reason beside it, and
/// nested results obey the same rule. serde_json turns NaN and infinities into `null`, so this
/// also proves no non-finite number was produced.
fn assert_nulls_explained(value: &Value, optional: &[&str]) {
    let Some(object) = value.as_object() else { return };
    let reasons = object.get("reasons").and_then(Value::as_object);
    for (key, field) in object {
        match field {
            Value::Null if !optional.contains(&key.as_str()) => {
                assert!(reasons.is_some_and(|reasons| reasons.contains_key(key)), "{key} is null without a reason in {value}");
            }
            Value::Object(_) => assert_nulls_explained(field, optional),
            Value::Array(items) => {
                for item in items {
                    assert!(!item.is_null(), "{key} holds a null (a non-finite number)");
                    assert_nulls_explained(item, optional);
                }
            }
            _ => {}
        }
    }
}

/// Amounts that stress the arithmetic: zero, tiny, huge, negative.
fn awkward_amount() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1e-300), Just(1e300), Just(-1e300), -1e6..1e6f64, 0.0..1e9f64]
}

proptest! {
    #[test]
    fn earned_schedule_stays_within_the_plan_and_rises_with_ev(plan in per_period_plan(), a in -100.0..30000.0f64, b in -100.0..30000.0f64, explicit in prop::option::of(0.0..40.0f64)) {
        let pv_cumulative = cumulative(&plan);
        let planned_duration = explicit.unwrap_or_else(|| planned_duration_of(&pv_cumulative));
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let es_low = earned_schedule(&pv_cumulative, low, explicit).expect("finite");
        let es_high = earned_schedule(&pv_cumulative, high, explicit).expect("finite");
        prop_assert!((0.0..=planned_duration).contains(&es_low), "ES {es_low} outside [0, {planned_duration}]");
        prop_assert!((0.0..=planned_duration).contains(&es_high), "ES {es_high} outside [0, {planned_duration}]");
        prop_assert!(es_low <= es_high, "ES fell from {es_low} to {es_high} as EV rose from {low} to {high}");
    }

    #[test]
    fn a_rollup_of_one_project_is_that_project(leaves in prop::collection::vec(leaf(), 1..6), actual_time in 0.0..30.0f64) {
        let alone = roll_up(&project("p", &leaves), &options(actual_time)).expect("one currency");
        let portfolio = RollupNode { id: "portfolio".into(), level: NodeLevel::Portfolio, figures: None, children: vec![project("p", &leaves)] };
        let rolled = roll_up(&portfolio, &options(actual_time)).expect("one currency");
        prop_assert_eq!(&rolled.measures, &alone.measures);
        prop_assert_eq!(&rolled.earned_schedule, &alone.earned_schedule);
        prop_assert_eq!(&rolled.pv_cumulative, &alone.pv_cumulative);
        prop_assert_eq!(rolled.estimate_to_complete_bottom_up, alone.estimate_to_complete_bottom_up);
    }

    #[test]
    fn a_portfolio_sums_its_projects(projects in prop::collection::vec(prop::collection::vec(leaf(), 1..4), 1..5)) {
        let nodes: Vec<RollupNode> = projects.iter().enumerate().map(|(index, leaves)| project(&format!("p{index}"), leaves)).collect();
        let parts: Vec<RollupResult> = nodes.iter().map(|node| roll_up(node, &RollupOptions::default()).expect("one currency")).collect();
        let portfolio = roll_up(&RollupNode { id: "portfolio".into(), level: NodeLevel::Portfolio, figures: None, children: nodes }, &RollupOptions::default()).expect("one currency");
        let sum = |field: fn(&EvmMeasures) -> f64| parts.iter().map(|part| field(&part.measures)).sum::<f64>();
        prop_assert!(close(portfolio.measures.planned_value, sum(|m| m.planned_value)));
        prop_assert!(close(portfolio.measures.earned_value, sum(|m| m.earned_value)));
        prop_assert!(close(portfolio.measures.actual_cost, sum(|m| m.actual_cost)));
        prop_assert!(close(portfolio.measures.budget_at_completion, sum(|m| m.budget_at_completion)));
    }

    #[test]
    fn rollup_cpi_is_summed_ev_over_summed_ac_not_the_average(
        earned in (100.0..10000.0f64, 100.0..10000.0f64),
        cpis in (0.3..3.0f64, 0.3..3.0f64),
        scale in 2.0..20.0f64,
    ) {
        // Different efficiencies and a different size make the average CPI differ from the true one.
        prop_assume!((cpis.0 - cpis.1).abs() > 0.1);
        let part = |id: &str, earned: f64, cpi: f64| RollupNode {
            id: id.into(),
            level: NodeLevel::Project,
            figures: Some(LeafFigures { currency: "EUR".into(), planned_value: earned, earned_value: earned, actual_cost: earned / cpi, budget_at_completion: 2.0 * earned, estimate_to_complete_bottom_up: None, pv_cumulative: vec![earned, 2.0 * earned] }),
            children: vec![],
        };
        let (small, large) = (earned.0, earned.1 * scale);
        let program = RollupNode { id: "program".into(), level: NodeLevel::Program, figures: None, children: vec![part("a", small, cpis.0), part("b", large, cpis.1)] };
        let result = roll_up(&program, &RollupOptions::default()).expect("one currency");
        let cpi = result.measures.cost_performance_index.value().expect("costs were booked");
        let summed = (small + large) / (small / cpis.0 + large / cpis.1);
        let average = (cpis.0 + cpis.1) / 2.0;
        prop_assert!(close(cpi, summed), "CPI {cpi} is not ΣEV/ΣAC {summed}");
        prop_assume!((summed - average).abs() > 1e-6);
        prop_assert!(!close(cpi, average), "CPI {cpi} equals the average of the parts' CPIs");
    }

    #[test]
    fn no_measure_is_ever_non_finite(
        pv in awkward_amount(), ev in awkward_amount(), ac in awkward_amount(), bac in awkward_amount(),
        etc in prop::option::of(awkward_amount()),
        plan in prop::collection::vec(awkward_amount(), 0..12),
        actual_time in prop_oneof![Just(0.0), 0.0..50.0f64, Just(1e300)],
        window in 0usize..6,
    ) {
        let measures = measures_at(&StatusInputs { planned_value: pv, earned_value: ev, actual_cost: ac, budget_at_completion: bac, estimate_to_complete_bottom_up: etc }).expect("finite inputs");
        assert_nulls_explained(&serde_json::to_value(&measures).expect("serializes"), &[]);
        let Ok(pv_cumulative) = cumulative_from_period_values(&plan) else { return Ok(()) };
        if pv_cumulative.iter().any(|value| !value.is_finite()) {
            return Ok(());
        }
        let schedule = earned_schedule_measures(&EarnedScheduleInputs { pv_cumulative: &pv_cumulative, earned_value: ev, actual_time, planned_duration: None, cost_performance_index: measures.cost_performance_index }).expect("finite inputs");
        prop_assert!(schedule.earned_schedule.is_finite() && schedule.schedule_variance_time.is_finite());
        assert_nulls_explained(&serde_json::to_value(&schedule).expect("serializes"), &[]);
        let status_period = pv_cumulative.len();
        let ev_series = vec![ev; status_period];
        let ac_series = vec![ac; status_period];
        let recent = recent_window_indices(&pv_cumulative, &ev_series, &ac_series, status_period, window, None).expect("consistent series");
        assert_nulls_explained(&serde_json::to_value(&recent).expect("serializes"), &[]);
    }
}
