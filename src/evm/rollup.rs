//! Rollups up the hierarchy (activity, control account, project, program, portfolio,
//! organisation): PV, EV, AC, BAC, bottom-up ETC and the cumulative PV curve are summed, and every
//! ratio is recomputed from the sums.
//!
//! Averaging the parts' CPIs or SPIs would weight a small work package like a large one; ANSI/EIA
//! 748 and the PMI practice standard sum the base figures and divide once, which is what is done
//! here, and earned schedule at any level comes from that level's summed PV curve. Amounts in
//! different currencies are never added silently: without a conversion table that is an error.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::earned_schedule::{earned_schedule_measures, EarnedScheduleInputs, EarnedScheduleMeasures};
use super::indices::{measures_at, EvmMeasures, StatusInputs};
use super::{finite, finite_series, EvmError};

/// Where a node sits in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeLevel {
    Activity,
    ControlAccount,
    Project,
    Program,
    Portfolio,
    Organisation,
}

/// The figures a node reports itself, in its own currency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeafFigures {
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    pub planned_value: f64,
    pub earned_value: f64,
    pub actual_cost: f64,
    pub budget_at_completion: f64,
    pub estimate_to_complete_bottom_up: Option<f64>,
    /// Cumulative PV at the end of each period of the shared grid.
    pub pv_cumulative: Vec<f64>,
}

/// A node of the hierarchy. A node's totals are its own figures (if any) plus its children's.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupNode {
    pub id: String,
    pub level: NodeLevel,
    pub figures: Option<LeafFigures>,
    pub children: Vec<RollupNode>,
}

/// How to roll up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RollupOptions {
    /// The currency of the result; required with a conversion table.
    pub reporting_currency: Option<String>,
    /// Currency -> rate into the reporting currency (one unit of it is worth `rate` reporting units).
    pub conversion_rates: Option<BTreeMap<String, f64>>,
    /// Periods elapsed at the status date; with it each node gets earned schedule measures.
    pub actual_time: Option<f64>,
    /// Planned duration in periods; by default read from each node's PV curve.
    pub planned_duration: Option<f64>,
}

/// The conversion that was applied, stated so a reader knows the totals mix currencies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub reporting_currency: String,
    /// The rates actually used, by source currency.
    pub rates: BTreeMap<String, f64>,
    pub statement: String,
}

/// A node's totals and the measures recomputed from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollupResult {
    pub id: String,
    pub level: NodeLevel,
    pub currency: String,
    /// Present on the root when amounts were converted.
    pub conversion: Option<Conversion>,
    /// Summed when every contributing node has a bottom-up ETC, otherwise absent.
    pub estimate_to_complete_bottom_up: Option<f64>,
    /// The summed PV curve its earned schedule comes from. Not sent to JavaScript: a tree of a
    /// thousand projects would carry a thousand curves nobody asked for.
    #[serde(skip_serializing)]
    pub pv_cumulative: Vec<f64>,
    pub measures: EvmMeasures,
    pub earned_schedule: Option<EarnedScheduleMeasures>,
    pub children: Vec<RollupResult>,
}

fn currencies_of(node: &RollupNode, found: &mut BTreeSet<String>) {
    if let Some(figures) = &node.figures {
        found.insert(figures.currency.clone());
    }
    for child in &node.children {
        currencies_of(child, found);
    }
}

/// The reporting currency, the rate for each currency in the tree, and what to state about it.
pub type ConversionPlan = (String, BTreeMap<String, f64>, Option<Conversion>);

/// Decides the reporting currency and the rate for each currency in the tree.
fn plan_conversion(root: &RollupNode, options: &RollupOptions) -> Result<ConversionPlan, EvmError> {
    let mut currencies = BTreeSet::new();
    currencies_of(root, &mut currencies);
    resolve_rates(currencies, options.reporting_currency.as_deref(), options.conversion_rates.as_ref())
}

/// The rate of each of `currencies` into the reporting currency, refusing to mix currencies
/// without a table: every total of money across projects goes through here (rollups, risk
/// exposure). Returns the currency of the totals, the rates (1 for the reporting currency) and
/// the statement of any conversion.
pub fn resolve_rates(currencies: BTreeSet<String>, reporting_currency: Option<&str>, table: Option<&BTreeMap<String, f64>>) -> Result<ConversionPlan, EvmError> {
    let reporting_currency = reporting_currency.map(str::to_string);
    let Some(table) = table else {
        let mut all = currencies.iter().chain(reporting_currency.iter());
        let first = all.next().cloned().unwrap_or_default();
        if let Some(other) = all.find(|currency| **currency != first) {
            return Err(EvmError::MixedCurrencies { first, second: other.clone() });
        }
        let rates = currencies.into_iter().map(|currency| (currency, 1.0)).collect();
        return Ok((first, rates, None));
    };
    let reporting = reporting_currency.ok_or(EvmError::NoReportingCurrency)?;
    let mut rates = BTreeMap::new();
    let mut used = BTreeMap::new();
    for currency in currencies {
        if currency == reporting {
            rates.insert(currency, 1.0);
            continue;
        }
        let rate = *table.get(&currency).ok_or_else(|| EvmError::MissingRate { currency: currency.clone(), reporting: reporting.clone() })?;
        if !rate.is_finite() || rate <= 0.0 {
            return Err(EvmError::InvalidRate { currency, rate });
        }
        rates.insert(currency.clone(), rate);
        used.insert(currency, rate);
    }
    let conversion = (!used.is_empty()).then(|| {
        let parts: Vec<String> = used.iter().map(|(currency, rate)| format!("{currency} at {rate}")).collect();
        Conversion { reporting_currency: reporting.clone(), statement: format!("Amounts converted into {reporting}: {}.", parts.join(", ")), rates: used }
    });
    Ok((reporting, rates, conversion))
}

/// Adds `curve` into `total`, holding a shorter curve at its last value (its plan is complete).
fn add_curve(total: &mut Vec<f64>, curve: &[f64]) {
    let total_last = total.last().copied().unwrap_or(0.0);
    let curve_last = curve.last().copied().unwrap_or(0.0);
    if curve.len() > total.len() {
        total.resize(curve.len(), total_last);
    }
    for (index, value) in total.iter_mut().enumerate() {
        *value += curve.get(index).copied().unwrap_or(curve_last);
    }
}

struct Totals {
    planned_value: f64,
    earned_value: f64,
    actual_cost: f64,
    budget_at_completion: f64,
    estimate_to_complete_bottom_up: Option<f64>,
    pv_cumulative: Vec<f64>,
}

fn roll(node: &RollupNode, currency: &str, rates: &BTreeMap<String, f64>, options: &RollupOptions) -> Result<RollupResult, EvmError> {
    if node.figures.is_none() && node.children.is_empty() {
        return Err(EvmError::EmptyNode(node.id.clone()));
    }
    let mut totals = Totals { planned_value: 0.0, earned_value: 0.0, actual_cost: 0.0, budget_at_completion: 0.0, estimate_to_complete_bottom_up: Some(0.0), pv_cumulative: Vec::new() };
    if let Some(figures) = &node.figures {
        let rate = rates.get(&figures.currency).copied().unwrap_or(1.0);
        let field = |name: &str, value: f64| finite(&format!("{}.{name}", node.id), value).map(|value| value * rate);
        totals.planned_value += field("planned_value", figures.planned_value)?;
        totals.earned_value += field("earned_value", figures.earned_value)?;
        totals.actual_cost += field("actual_cost", figures.actual_cost)?;
        totals.budget_at_completion += field("budget_at_completion", figures.budget_at_completion)?;
        totals.estimate_to_complete_bottom_up = match figures.estimate_to_complete_bottom_up {
            Some(value) => Some(field("estimate_to_complete_bottom_up", value)?),
            None => None,
        };
        finite_series(&format!("{}.pv_cumulative", node.id), &figures.pv_cumulative)?;
        let converted: Vec<f64> = figures.pv_cumulative.iter().map(|value| value * rate).collect();
        add_curve(&mut totals.pv_cumulative, &converted);
    }
    let mut children = Vec::with_capacity(node.children.len());
    for child in &node.children {
        let result = roll(child, currency, rates, options)?;
        totals.planned_value += result.measures.planned_value;
        totals.earned_value += result.measures.earned_value;
        totals.actual_cost += result.measures.actual_cost;
        totals.budget_at_completion += result.measures.budget_at_completion;
        totals.estimate_to_complete_bottom_up = totals.estimate_to_complete_bottom_up.zip(result.estimate_to_complete_bottom_up).map(|(a, b)| a + b);
        add_curve(&mut totals.pv_cumulative, &result.pv_cumulative);
        children.push(result);
    }
    let measures = measures_at(&StatusInputs {
        planned_value: totals.planned_value,
        earned_value: totals.earned_value,
        actual_cost: totals.actual_cost,
        budget_at_completion: totals.budget_at_completion,
        estimate_to_complete_bottom_up: totals.estimate_to_complete_bottom_up,
    })?;
    let earned_schedule = match options.actual_time {
        Some(actual_time) => Some(earned_schedule_measures(&EarnedScheduleInputs {
            pv_cumulative: &totals.pv_cumulative,
            earned_value: totals.earned_value,
            actual_time,
            planned_duration: options.planned_duration,
            cost_performance_index: measures.cost_performance_index,
        })?),
        None => None,
    };
    Ok(RollupResult {
        id: node.id.clone(),
        level: node.level,
        currency: currency.to_string(),
        conversion: None,
        estimate_to_complete_bottom_up: totals.estimate_to_complete_bottom_up,
        pv_cumulative: totals.pv_cumulative,
        measures,
        earned_schedule,
        children,
    })
}

/// Rolls `root` up. Errors on mixed currencies without a table, a missing or bad rate, a node with
/// nothing in it, or a non-finite figure.
pub fn roll_up(root: &RollupNode, options: &RollupOptions) -> Result<RollupResult, EvmError> {
    let (currency, rates, conversion) = plan_conversion(root, options)?;
    let result = roll(root, &currency, &rates, options)?;
    Ok(RollupResult { conversion, ..result })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evm::Measure;

    fn leaf(id: &str, currency: &str, ev: f64, ac: f64) -> RollupNode {
        RollupNode {
            id: id.into(),
            level: NodeLevel::Project,
            figures: Some(LeafFigures { currency: currency.into(), planned_value: ev, earned_value: ev, actual_cost: ac, budget_at_completion: 2.0 * ev, estimate_to_complete_bottom_up: None, pv_cumulative: vec![ev, 2.0 * ev] }),
            children: vec![],
        }
    }

    fn program(children: Vec<RollupNode>) -> RollupNode {
        RollupNode { id: "P".into(), level: NodeLevel::Program, figures: None, children }
    }

    #[test]
    fn cpi_comes_from_the_sums_not_the_average() {
        let result = roll_up(&program(vec![leaf("a", "EUR", 100.0, 50.0), leaf("b", "EUR", 900.0, 1800.0)]), &RollupOptions::default()).expect("one currency");
        // Parts have CPI 2.0 and 0.5 (average 1.25); the program has 1000 / 1850.
        assert_eq!(result.measures.cost_performance_index, Measure::Value(1000.0 / 1850.0));
        assert_eq!(result.pv_cumulative, vec![1000.0, 2000.0]);
    }

    #[test]
    fn mixed_currencies_need_a_table_and_the_conversion_is_stated() {
        let tree = program(vec![leaf("a", "EUR", 100.0, 50.0), leaf("b", "USD", 100.0, 100.0)]);
        assert_eq!(roll_up(&tree, &RollupOptions::default()).map_err(|e| e.code()), Err("mixed_currencies"));
        let mut rates = BTreeMap::new();
        rates.insert("EUR".to_string(), 1.5);
        let options = RollupOptions { reporting_currency: Some("USD".into()), conversion_rates: Some(rates), ..RollupOptions::default() };
        let result = roll_up(&tree, &options).expect("rates given");
        assert_eq!(result.measures.earned_value, 250.0);
        assert_eq!(result.currency, "USD");
        assert_eq!(result.conversion.as_ref().map(|c| c.statement.as_str()), Some("Amounts converted into USD: EUR at 1.5."));
        let missing = RollupOptions { reporting_currency: Some("GBP".into()), ..options };
        assert_eq!(roll_up(&tree, &missing).map_err(|e| e.code()), Err("missing_rate"));
    }

    #[test]
    fn an_empty_node_is_an_error() {
        assert_eq!(roll_up(&program(vec![]), &RollupOptions::default()).map_err(|e| e.code()), Err("empty_node"));
    }
}
