//! Earned value measures at a status date: variances, performance indices, estimates at and to
//! complete by each named method, variances at completion and to-complete performance indices.
//!
//! Formulas are the PMI Practice Standard for EVM's (3rd ed.) and the PMBOK Guide's:
//! SV = EV - PV, CV = EV - AC, SPI = EV/PV, CPI = EV/AC, CSI = SPI x CPI;
//! `eacCpi` = BAC/CPI, `eacPlanRate` = AC + (BAC - EV), `eacCpiSpi` = AC + (BAC - EV)/(CPI x SPI),
//! `eacBottomUp` = AC + bottom-up ETC; ETC = EAC - AC; VAC = BAC - EAC; VAC% = VAC/BAC;
//! TCPI to BAC = (BAC - EV)/(BAC - AC), TCPI to an EAC = (BAC - EV)/(EAC - AC).
//! SV% = SV/PV and CV% = CV/EV are fractions (-0.1 for ten percent under), as the fixtures have
//! them; the dashboard formats them.

use serde::Serialize;

use super::undefined::{guard, reasons_of, Measure, Reason, Reasons};
use super::{finite, EvmError};

/// The figures every measure is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StatusInputs {
    pub planned_value: f64,
    pub earned_value: f64,
    pub actual_cost: f64,
    pub budget_at_completion: f64,
    /// A bottom-up estimate to complete, when the team has made one.
    pub estimate_to_complete_bottom_up: Option<f64>,
}

/// Every earned value measure at one status date. Field names serialize to the short names PMOs
/// and the published examples use (`pv`, `cpi`, `eacCpi`, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvmMeasures {
    #[serde(rename = "pv")]
    pub planned_value: f64,
    #[serde(rename = "ev")]
    pub earned_value: f64,
    #[serde(rename = "ac")]
    pub actual_cost: f64,
    #[serde(rename = "bac")]
    pub budget_at_completion: f64,
    #[serde(rename = "sv")]
    pub schedule_variance: f64,
    #[serde(rename = "cv")]
    pub cost_variance: f64,
    #[serde(rename = "svPercent")]
    pub schedule_variance_percent: Measure,
    #[serde(rename = "cvPercent")]
    pub cost_variance_percent: Measure,
    #[serde(rename = "spi")]
    pub schedule_performance_index: Measure,
    #[serde(rename = "cpi")]
    pub cost_performance_index: Measure,
    #[serde(rename = "csi")]
    pub cost_schedule_index: Measure,
    #[serde(rename = "eacCpi")]
    pub estimate_at_completion_cpi: Measure,
    #[serde(rename = "eacPlanRate")]
    pub estimate_at_completion_plan_rate: Measure,
    #[serde(rename = "eacCpiSpi")]
    pub estimate_at_completion_cpi_spi: Measure,
    #[serde(rename = "eacBottomUp")]
    pub estimate_at_completion_bottom_up: Measure,
    #[serde(rename = "etcCpi")]
    pub estimate_to_complete_cpi: Measure,
    #[serde(rename = "etcPlanRate")]
    pub estimate_to_complete_plan_rate: Measure,
    #[serde(rename = "etcCpiSpi")]
    pub estimate_to_complete_cpi_spi: Measure,
    #[serde(rename = "etcBottomUp")]
    pub estimate_to_complete_bottom_up: Measure,
    #[serde(rename = "vacCpi")]
    pub variance_at_completion_cpi: Measure,
    #[serde(rename = "vacPlanRate")]
    pub variance_at_completion_plan_rate: Measure,
    #[serde(rename = "vacCpiSpi")]
    pub variance_at_completion_cpi_spi: Measure,
    #[serde(rename = "vacBottomUp")]
    pub variance_at_completion_bottom_up: Measure,
    #[serde(rename = "vacPercentCpi")]
    pub variance_at_completion_percent_cpi: Measure,
    #[serde(rename = "tcpiBac")]
    pub to_complete_performance_index_bac: Measure,
    #[serde(rename = "tcpiEacCpi")]
    pub to_complete_performance_index_eac_cpi: Measure,
    #[serde(rename = "tcpiEacCpiSpi")]
    pub to_complete_performance_index_eac_cpi_spi: Measure,
    #[serde(rename = "tcpiEacBottomUp")]
    pub to_complete_performance_index_eac_bottom_up: Measure,
    /// Why each `null` field is undefined, by serialized field name.
    pub reasons: Reasons,
}

/// TCPI toward a target: the efficiency the remaining work needs to land on it. Once all work is
/// earned there is nothing left to be efficient at; once the target is spent, no efficiency
/// reaches it.
fn to_complete_index(work_remaining: f64, target: Measure, actual_cost: f64) -> Measure {
    if work_remaining <= 0.0 {
        return Measure::Undefined(Reason::WorkComplete);
    }
    target.and_then(|target| {
        let funds_remaining = target - actual_cost;
        if funds_remaining <= 0.0 {
            Measure::Undefined(if funds_remaining == 0.0 { Reason::NoEstimateToComplete } else { Reason::BudgetSpent })
        } else {
            Measure::of(work_remaining / funds_remaining)
        }
    })
}

/// The cost indices a status report leads with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadlineIndices {
    /// EV / AC.
    pub cost_performance_index: Measure,
    /// BAC / CPI.
    pub estimate_at_completion_cpi: Measure,
    /// (BAC - EV) / (BAC - AC).
    pub to_complete_performance_index_bac: Measure,
}

/// CPI, EAC by CPI and TCPI on the budget, from finite inputs (as [`measures_at`] has them).
pub fn headline_indices(earned_value: f64, actual_cost: f64, budget_at_completion: f64) -> HeadlineIndices {
    let (ev, ac, bac) = (earned_value, actual_cost, budget_at_completion);
    let cpi = Measure::ratio(ev, ac, Reason::NoActualCost);
    // An index of zero (nothing earned) leaves BAC/CPI undefined rather than infinite.
    let eac_cpi = cpi.and_then(|cpi| Measure::ratio(bac, cpi, Reason::NoEarnedValue));
    HeadlineIndices {
        cost_performance_index: cpi,
        estimate_at_completion_cpi: eac_cpi,
        to_complete_performance_index_bac: to_complete_index(guard(bac - ev), Measure::Value(bac), ac),
    }
}

/// All measures at a status date. Inputs must be finite; ratios with no meaning come back
/// undefined with a reason.
pub fn measures_at(inputs: &StatusInputs) -> Result<EvmMeasures, EvmError> {
    let pv = finite("planned_value", inputs.planned_value)?;
    let ev = finite("earned_value", inputs.earned_value)?;
    let ac = finite("actual_cost", inputs.actual_cost)?;
    let bac = finite("budget_at_completion", inputs.budget_at_completion)?;
    let etc_bottom_up = match inputs.estimate_to_complete_bottom_up {
        Some(value) => Measure::Value(finite("estimate_to_complete_bottom_up", value)?),
        None => Measure::Undefined(Reason::NoBottomUpEstimate),
    };

    let sv = guard(ev - pv);
    let cv = guard(ev - ac);
    let spi = Measure::ratio(ev, pv, Reason::NoPlannedValue);
    let headline = headline_indices(ev, ac, bac);
    let cpi = headline.cost_performance_index;
    let csi = spi.and_then(|spi| cpi.map(|cpi| spi * cpi));
    let work_remaining = guard(bac - ev);
    let eac_cpi = headline.estimate_at_completion_cpi;
    let eac_plan_rate = Measure::of(ac + work_remaining);
    let eac_cpi_spi = csi.and_then(|csi| Measure::ratio(work_remaining, csi, Reason::NoEarnedValue)).map(|etc| ac + etc);
    let eac_bottom_up = etc_bottom_up.map(|etc| ac + etc);
    let etc = |eac: Measure| eac.map(|eac| eac - ac);
    let vac = |eac: Measure| eac.map(|eac| bac - eac);
    let vac_cpi = vac(eac_cpi);

    let measures = EvmMeasures {
        planned_value: pv,
        earned_value: ev,
        actual_cost: ac,
        budget_at_completion: bac,
        schedule_variance: sv,
        cost_variance: cv,
        schedule_variance_percent: Measure::ratio(sv, pv, Reason::NoPlannedValue),
        cost_variance_percent: Measure::ratio(cv, ev, Reason::NoEarnedValue),
        schedule_performance_index: spi,
        cost_performance_index: cpi,
        cost_schedule_index: csi,
        estimate_at_completion_cpi: eac_cpi,
        estimate_at_completion_plan_rate: eac_plan_rate,
        estimate_at_completion_cpi_spi: eac_cpi_spi,
        estimate_at_completion_bottom_up: eac_bottom_up,
        estimate_to_complete_cpi: etc(eac_cpi),
        estimate_to_complete_plan_rate: etc(eac_plan_rate),
        estimate_to_complete_cpi_spi: etc(eac_cpi_spi),
        estimate_to_complete_bottom_up: etc_bottom_up,
        variance_at_completion_cpi: vac_cpi,
        variance_at_completion_plan_rate: vac(eac_plan_rate),
        variance_at_completion_cpi_spi: vac(eac_cpi_spi),
        variance_at_completion_bottom_up: vac(eac_bottom_up),
        variance_at_completion_percent_cpi: vac_cpi.and_then(|vac| Measure::ratio(vac, bac, Reason::NoBudget)),
        to_complete_performance_index_bac: headline.to_complete_performance_index_bac,
        to_complete_performance_index_eac_cpi: to_complete_index(work_remaining, eac_cpi, ac),
        to_complete_performance_index_eac_cpi_spi: to_complete_index(work_remaining, eac_cpi_spi, ac),
        to_complete_performance_index_eac_bottom_up: to_complete_index(work_remaining, eac_bottom_up, ac),
        reasons: Reasons::new(),
    };
    let reasons = reasons_of(&[
        ("svPercent", measures.schedule_variance_percent),
        ("cvPercent", measures.cost_variance_percent),
        ("spi", measures.schedule_performance_index),
        ("cpi", measures.cost_performance_index),
        ("csi", measures.cost_schedule_index),
        ("eacCpi", measures.estimate_at_completion_cpi),
        ("eacPlanRate", measures.estimate_at_completion_plan_rate),
        ("eacCpiSpi", measures.estimate_at_completion_cpi_spi),
        ("eacBottomUp", measures.estimate_at_completion_bottom_up),
        ("etcCpi", measures.estimate_to_complete_cpi),
        ("etcPlanRate", measures.estimate_to_complete_plan_rate),
        ("etcCpiSpi", measures.estimate_to_complete_cpi_spi),
        ("etcBottomUp", measures.estimate_to_complete_bottom_up),
        ("vacCpi", measures.variance_at_completion_cpi),
        ("vacPlanRate", measures.variance_at_completion_plan_rate),
        ("vacCpiSpi", measures.variance_at_completion_cpi_spi),
        ("vacBottomUp", measures.variance_at_completion_bottom_up),
        ("vacPercentCpi", measures.variance_at_completion_percent_cpi),
        ("tcpiBac", measures.to_complete_performance_index_bac),
        ("tcpiEacCpi", measures.to_complete_performance_index_eac_cpi),
        ("tcpiEacCpiSpi", measures.to_complete_performance_index_eac_cpi_spi),
        ("tcpiEacBottomUp", measures.to_complete_performance_index_eac_bottom_up),
    ]);
    Ok(EvmMeasures { reasons, ..measures })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pv: f64, ev: f64, ac: f64, bac: f64) -> StatusInputs {
        StatusInputs { planned_value: pv, earned_value: ev, actual_cost: ac, budget_at_completion: bac, estimate_to_complete_bottom_up: None }
    }

    #[test]
    fn before_any_cost_or_plan_the_ratios_are_undefined_with_reasons() {
        let measures = measures_at(&inputs(0.0, 0.0, 0.0, 1000.0)).expect("finite inputs");
        assert_eq!(measures.cost_performance_index, Measure::Undefined(Reason::NoActualCost));
        assert_eq!(measures.schedule_performance_index, Measure::Undefined(Reason::NoPlannedValue));
        assert_eq!(measures.cost_variance_percent, Measure::Undefined(Reason::NoEarnedValue));
        assert_eq!(measures.estimate_at_completion_cpi.reason(), Some(Reason::NoActualCost));
        assert_eq!(measures.estimate_at_completion_plan_rate, Measure::Value(1000.0));
        assert_eq!(measures.reasons.get("cpi"), Some(&Reason::NoActualCost));
        assert_eq!(measures.reasons.get("etcBottomUp"), Some(&Reason::NoBottomUpEstimate));
    }

    #[test]
    fn costs_without_earned_value_leave_cpi_zero_and_eac_undefined() {
        let measures = measures_at(&inputs(100.0, 0.0, 50.0, 1000.0)).expect("finite inputs");
        assert_eq!(measures.cost_performance_index, Measure::Value(0.0));
        assert_eq!(measures.estimate_at_completion_cpi, Measure::Undefined(Reason::NoEarnedValue));
        assert_eq!(measures.estimate_at_completion_cpi_spi, Measure::Undefined(Reason::NoEarnedValue));
    }

    #[test]
    fn tcpi_is_undefined_once_work_is_complete_or_the_budget_spent() {
        let complete = measures_at(&inputs(100.0, 100.0, 110.0, 100.0)).expect("finite inputs");
        assert_eq!(complete.to_complete_performance_index_bac, Measure::Undefined(Reason::WorkComplete));
        assert_eq!(complete.to_complete_performance_index_eac_cpi, Measure::Undefined(Reason::WorkComplete));
        let overspent = measures_at(&inputs(100.0, 60.0, 120.0, 100.0)).expect("finite inputs");
        assert_eq!(overspent.to_complete_performance_index_bac, Measure::Undefined(Reason::BudgetSpent));
        assert!(overspent.to_complete_performance_index_eac_cpi.is_defined());
    }

    #[test]
    fn serialized_measures_use_null_and_reasons() {
        let measures = measures_at(&inputs(0.0, 0.0, 0.0, 1000.0)).expect("finite inputs");
        let json = serde_json::to_value(&measures).unwrap_or_default();
        assert_eq!(json["cpi"], serde_json::Value::Null);
        assert_eq!(json["reasons"]["cpi"], "noActualCost");
        assert_eq!(json["bac"], 1000.0);
        assert!(measures_at(&inputs(f64::NAN, 0.0, 0.0, 0.0)).is_err());
    }
}
