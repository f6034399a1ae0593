//! Published earned value and earned schedule examples (`shared/fixtures/evm/published-examples.json`)
//! fed through the public API; every expected field of every case is checked within the case's
//! tolerance (relative to the magnitude for large amounts), and an expected `null` must come back
//! undefined with a reason. The fixture lives outside the crate; without it these tests say so
//! and pass, since there is nothing to compare against.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use pmo_analytics::evm::*;
use pmo_analytics::schedule::calendar::WorkCalendar;
use serde_json::{Map, Value};

fn fixture_case(id: &str) -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/evm/published-examples.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping {id}: fixture {} not found", path.display());
        return None;
    };
    let fixture: Value = serde_json::from_str(&text).expect("the fixture is valid JSON");
    let case = fixture["cases"].as_array().and_then(|cases| cases.iter().find(|case| case["id"] == id)).cloned();
    assert!(case.is_some(), "case {id} is missing from the fixture");
    case
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("expected a number, found {value}"))
}

fn numbers(value: &Value) -> Vec<f64> {
    value.as_array().unwrap_or_else(|| panic!("expected an array, found {value}")).iter().map(number).collect()
}

fn date(value: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(value.as_str().unwrap_or_default(), "%Y-%m-%d").unwrap_or_else(|_| panic!("expected a date, found {value}"))
}

fn assert_close(name: &str, actual: f64, expected: f64, tolerance: f64) {
    assert!(actual.is_finite(), "{name}: {actual} is not finite");
    let allowed = tolerance * expected.abs().max(1.0);
    assert!((actual - expected).abs() <= allowed, "{name}: got {actual}, expected {expected} (tolerance {allowed})");
}

/// Serialized results merged into one object (field names are the fixture's), reasons merged too.
fn merged(results: &[Value]) -> Map<String, Value> {
    let mut all = Map::new();
    let mut reasons = Map::new();
    for result in results {
        for (key, value) in result.as_object().expect("results serialize as objects") {
            if key == "reasons" {
                reasons.extend(value.as_object().cloned().unwrap_or_default());
            } else {
                all.insert(key.clone(), value.clone());
            }
        }
    }
    all.insert("reasons".into(), Value::Object(reasons));
    all
}

/// Checks every expected field against the serialized results, except those in `checked_apart`
/// (which the test checks itself); no expected field may go unchecked.
fn check_expected(case: &Value, results: &[Value], checked_apart: &[&str]) {
    let tolerance = number(&case["tolerance"]);
    let actual = merged(results);
    let reasons = actual["reasons"].as_object().cloned().unwrap_or_default();
    let apart: BTreeSet<&str> = checked_apart.iter().copied().collect();
    for (field, expected) in case["expected"].as_object().expect("expected is an object") {
        if apart.contains(field.as_str()) {
            continue;
        }
        let got = actual.get(field).unwrap_or_else(|| panic!("{}: no result field {field}", case["id"]));
        if expected.is_null() {
            assert!(got.is_null(), "{}: {field} is {got}, expected undefined", case["id"]);
            let reason = reasons.get(field).and_then(Value::as_str).unwrap_or_else(|| panic!("{}: {field} is undefined without a reason", case["id"]));
            assert!(!reason.is_empty());
        } else {
            assert_close(&format!("{} {field}", case["id"]), number(got), number(expected), tolerance);
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("results serialize")
}

/// A monthly grid from January 2026, long enough for `periods` periods; the status date of
/// period `n` is its last day.
fn monthly_grid(periods: usize) -> PeriodGrid {
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    let last = first.checked_add_months(chrono::Months::new(periods as u32 - 1)).expect("valid date");
    PeriodGrid::monthly(first, last).expect("valid grid")
}

/// The PRA cases: planned fractions of BAC by period, a percent complete at the status period and
/// actual costs by period.
fn pra_measures(case: &Value, costs: PeriodCosts<'_>) -> EvmMeasures {
    let input = &case["input"];
    let budget = number(&input["bac"]);
    let pv_cumulative: Vec<f64> = numbers(&input["plannedFractionCumulative"]).iter().map(|fraction| fraction * budget).collect();
    let status_period = number(&input["statusPeriod"]) as usize;
    let grid = monthly_grid(pv_cumulative.len());
    let status_date = grid.last_day_of(status_period - 1).expect("status inside the grid");
    assert_eq!(grid.position_of(end_of_day(status_date), None), status_period as f64);
    let planned_value = planned_value_at_position(&pv_cumulative, status_period as f64);
    let progress = [ProgressRecord { date: status_date, progress: Progress::PercentComplete(number(&input["percentComplete"])) }];
    let earned = earned_value(budget, &EarningRule::PhysicalPercentComplete, &progress, status_date, planned_value).expect("valid progress");
    let actual_cost = actual_cost_at_period(costs, status_period).expect("status inside the series");
    measures_at(&StatusInputs { planned_value, earned_value: earned, actual_cost, budget_at_completion: budget, estimate_to_complete_bottom_up: None }).expect("finite inputs")
}

#[test]
fn pra_book_ch5() {
    let Some(case) = fixture_case("pra-book-ch5") else { return };
    let per_period = numbers(&case["input"]["actualCostPerPeriod"]);
    let measures = pra_measures(&case, PeriodCosts::PerPeriod(&per_period));
    check_expected(&case, &[json(&measures)], &[]);
}

#[test]
fn pra_unit_tests() {
    let Some(case) = fixture_case("pra-unit-tests") else { return };
    let cumulative = numbers(&case["input"]["actualCostCumulative"]);
    let measures = pra_measures(&case, PeriodCosts::Cumulative(&cumulative));
    check_expected(&case, &[json(&measures)], &["acIfPerPeriodSummed"]);
    let status_period = number(&case["input"]["statusPeriod"]) as usize;
    let summed = actual_cost_at_period(PeriodCosts::PerPeriod(&cumulative[..status_period]), status_period).expect("in range");
    assert_close("acIfPerPeriodSummed", summed, number(&case["expected"]["acIfPerPeriodSummed"]), number(&case["tolerance"]));
}

/// The pmcontrols cases: a cumulative PV series, EV and AC given, actual time in periods.
fn pmcontrols(id: &str) {
    let Some(case) = fixture_case(id) else { return };
    let input = &case["input"];
    let pv_cumulative = numbers(&input["pvCumulative"]);
    let actual_time = number(&input["actualTimePeriods"]);
    let planned_duration = number(&input["plannedDurationPeriods"]);
    assert_eq!(planned_duration_of(&pv_cumulative), planned_duration, "{id}: planned duration read from the plan");
    let measures = measures_at(&StatusInputs {
        planned_value: planned_value_at_position(&pv_cumulative, actual_time),
        earned_value: number(&input["ev"]),
        actual_cost: number(&input["ac"]),
        budget_at_completion: number(&input["bac"]),
        estimate_to_complete_bottom_up: None,
    })
    .expect("finite inputs");
    let schedule = earned_schedule_measures(&EarnedScheduleInputs {
        pv_cumulative: &pv_cumulative,
        earned_value: number(&input["ev"]),
        actual_time,
        planned_duration: Some(planned_duration),
        cost_performance_index: measures.cost_performance_index,
    })
    .expect("finite inputs");
    check_expected(&case, &[json(&measures), json(&schedule)], &[]);
}

#[test]
fn pmcontrols_evm_hand_001() {
    pmcontrols("pmcontrols-evm-hand-001");
}

#[test]
fn pmcontrols_evm_on_plan_002() {
    pmcontrols("pmcontrols-evm-on-plan-002");
}

#[test]
fn pmcontrols_evm_ahead_003() {
    pmcontrols("pmcontrols-evm-ahead-003");
}

#[test]
fn pmcontrols_evm_behind_under_004() {
    pmcontrols("pmcontrols-evm-behind-under-004");
}

#[test]
fn pmcontrols_evm_complete_005() {
    pmcontrols("pmcontrols-evm-complete-005");
    // The note asks for a reason, not just a null: say which.
    let measures = measures_at(&StatusInputs { planned_value: 100000.0, earned_value: 100000.0, actual_cost: 110000.0, budget_at_completion: 100000.0, estimate_to_complete_bottom_up: None }).expect("finite");
    assert_eq!(measures.to_complete_performance_index_bac, Measure::Undefined(Reason::WorkComplete));
    assert_eq!(measures.to_complete_performance_index_eac_cpi, Measure::Undefined(Reason::WorkComplete));
}

fn earned_schedule_interpolation(id: &str) {
    let Some(case) = fixture_case(id) else { return };
    let schedule = earned_schedule(&numbers(&case["input"]["pvCumulative"]), number(&case["input"]["ev"]), None).expect("finite inputs");
    assert_close(&format!("{id} es"), schedule, number(&case["expected"]["es"]), number(&case["tolerance"]));
}

#[test]
fn pmcontrols_es_interp_001() {
    earned_schedule_interpolation("pmcontrols-es-interp-001");
}

#[test]
fn pmcontrols_es_interp_003() {
    earned_schedule_interpolation("pmcontrols-es-interp-003");
}

#[test]
fn pmcontrols_es_interp_004() {
    earned_schedule_interpolation("pmcontrols-es-interp-004");
}

/// Tasks with inclusive day windows, spread linearly per day on an all-working-days calendar.
fn daily_tasks(tasks: &Value) -> Vec<BaselineActivity> {
    tasks
        .as_array()
        .expect("tasks")
        .iter()
        .map(|task| BaselineActivity::over_days(task["id"].as_str().unwrap_or_default(), date(&task["start"]), date(&task["finish"]), number(&task["budget"]), SpreadCurve::Linear))
        .collect()
}

#[test]
fn status_date_snapshot() {
    let Some(case) = fixture_case("status-date-snapshot") else { return };
    let input = &case["input"];
    let calendar = WorkCalendar::elapsed();
    let activities = daily_tasks(&input["tasks"]);
    let status_date = date(&input["statusDate"]);
    let planned_value = planned_value_at(&activities, &calendar, end_of_day(status_date)).expect("finite budgets");
    let progress = input["progress"].as_array().expect("progress");
    let mut earned = 0.0;
    for activity in &activities {
        let records: Vec<ProgressRecord> = progress
            .iter()
            .filter(|record| record["task"] == activity.id.as_str())
            .map(|record| ProgressRecord { date: date(&record["date"]), progress: Progress::PercentComplete(number(&record["percentComplete"])) })
            .collect();
        let activity_pv = planned_value_of_activity(activity, &calendar, end_of_day(status_date)).expect("finite");
        earned += earned_value(activity.budget, &EarningRule::PhysicalPercentComplete, &records, status_date, activity_pv).expect("valid progress");
    }
    let costs: Vec<CostRecord> = input["costs"].as_array().expect("costs").iter().map(|cost| CostRecord { date: date(&cost["date"]), amount: number(&cost["amount"]) }).collect();
    let measures = measures_at(&StatusInputs {
        planned_value,
        earned_value: earned,
        actual_cost: actual_cost_to_date(&costs, status_date).expect("finite costs"),
        budget_at_completion: activities.iter().map(|activity| activity.budget).sum(),
        estimate_to_complete_bottom_up: None,
    })
    .expect("finite inputs");
    check_expected(&case, &[json(&measures)], &["pvOn2026_01_05"]);
    let early = planned_value_at(&activities, &calendar, end_of_day(NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid"))).expect("finite");
    assert_close("pvOn2026_01_05", early, number(&case["expected"]["pvOn2026_01_05"]), number(&case["tolerance"]));
}

#[test]
fn daily_earned_schedule() {
    let Some(case) = fixture_case("daily-earned-schedule") else { return };
    let input = &case["input"];
    let expected = &case["expected"];
    let tolerance = number(&case["tolerance"]);
    let calendar = WorkCalendar::elapsed();
    let activities = daily_tasks(&input["tasks"]);
    let first = activities.iter().map(|activity| activity.baseline_start.date()).min().expect("tasks");
    let last = activities.iter().map(|activity| activity.baseline_finish.date().pred_opt().unwrap_or(first)).max().expect("tasks");
    let grid = PeriodGrid::daily(first, last).expect("valid grid");
    let pv_cumulative = planned_value_by_period(&activities, &calendar, &grid).expect("finite budgets");
    assert_eq!(planned_duration_of(&pv_cumulative), number(&input["plannedDurationDays"]));
    let actual_time = grid.position_of(end_of_day(date(&input["statusDate"])), Some(&calendar));
    assert_eq!(actual_time, number(&input["actualTimeDays"]));

    let at = |earned: f64, actual_time: f64| {
        earned_schedule_measures(&EarnedScheduleInputs { pv_cumulative: &pv_cumulative, earned_value: earned, actual_time, planned_duration: None, cost_performance_index: Measure::Undefined(Reason::NoActualCost) })
            .expect("finite inputs")
    };
    let status = at(number(&input["ev"]), actual_time);
    check_expected(&case, &[json(&status)], &["esWhenEv50", "esWhenEv0", "esWhenComplete"]);
    assert_close("esWhenEv50", at(50.0, actual_time).earned_schedule, number(&expected["esWhenEv50"]), tolerance);
    let nothing_earned = at(0.0, actual_time);
    assert_close("esWhenEv0", nothing_earned.earned_schedule, number(&expected["esWhenEv0"]), tolerance);
    assert!(nothing_earned.reasons.contains_key("ieacT"), "at EV = 0 IEAC(t) is undefined with a reason");
    let budget = pv_cumulative.last().copied().unwrap_or_default();
    assert_close("esWhenComplete", at(budget, actual_time).earned_schedule, number(&expected["esWhenComplete"]), tolerance);
    assert_eq!(at(number(&input["ev"]), 0.0).schedule_performance_index_time, Measure::Undefined(Reason::NoActualTime));
    // The forecast finish lands on the grid: IEAC(t) = 22.56 days from 1 January is 23 January.
    let finish = forecast_finish(&grid, status.independent_estimate_at_completion_time, Some(&calendar)).expect("defined");
    assert_eq!(finish.date().day(), 23);
}

#[test]
fn wbs_rollup_month7() {
    let Some(case) = fixture_case("wbs-rollup-month7") else { return };
    let input = &case["input"];
    let status_month = number(&input["statusMonth"]);
    let months = number(&input["plannedDurationMonths"]) as usize;
    let grid = monthly_grid(months);
    let status_date = grid.last_day_of(status_month as usize - 1).expect("inside the grid");
    let mut leaves = Vec::new();
    for task in input["tasks"].as_array().expect("tasks") {
        let budget = number(&task["budget"]);
        let planned = numbers(&task["plannedMonths"]);
        let (first, last) = (planned[0] as usize, planned[1] as usize);
        // The source plans each task evenly over its months, first through last.
        let per_month: Vec<f64> = (1..=months).map(|month| if (first..=last).contains(&month) { budget / (last - first + 1) as f64 } else { 0.0 }).collect();
        let pv_cumulative = cumulative_from_period_values(&per_month).expect("finite");
        let planned_value = planned_value_at_position(&pv_cumulative, status_month);
        let progress = [ProgressRecord { date: status_date, progress: Progress::PercentComplete(number(&task["percentComplete"])) }];
        leaves.push(RollupNode {
            id: task["id"].as_str().unwrap_or_default().to_string(),
            level: NodeLevel::Activity,
            figures: Some(LeafFigures {
                currency: "USD".into(),
                planned_value,
                earned_value: earned_value(budget, &EarningRule::PhysicalPercentComplete, &progress, status_date, planned_value).expect("valid"),
                actual_cost: number(&task["actualCost"]),
                budget_at_completion: budget,
                estimate_to_complete_bottom_up: None,
                pv_cumulative,
            }),
            children: vec![],
        });
    }
    let project = RollupNode { id: "project".into(), level: NodeLevel::Project, figures: None, children: leaves };
    let options = RollupOptions { actual_time: Some(status_month), planned_duration: Some(months as f64), ..RollupOptions::default() };
    let result = roll_up(&project, &options).expect("one currency");
    let schedule = result.earned_schedule.clone().expect("actual time given");
    check_expected(&case, &[json(&result.measures), json(&schedule)], &[]);
    // The note states the summed PV curve; read it from there.
    let note = case["note"].as_str().unwrap_or_default();
    let listed = note.split_once('[').and_then(|(_, rest)| rest.split_once(']')).map(|(list, _)| list).unwrap_or_default();
    let curve: Vec<f64> = listed.split(',').filter_map(|value| value.trim().parse().ok()).collect();
    assert_eq!(curve.len(), months);
    for (month, (actual, expected)) in result.pv_cumulative.iter().zip(&curve).enumerate() {
        assert_close(&format!("cumulative PV month {}", month + 1), *actual, *expected, number(&case["tolerance"]));
    }
}
