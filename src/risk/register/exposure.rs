//! Expected monetary value (EMV) of each risk and the reserves it implies, per project and
//! portfolio, by category and owner, and as a share of the budget at completion.
//!
//! EMV = probability x cost impact (PMBOK Guide, quantitative risk analysis). Sign convention:
//! a threat's EMV is negative (an expected loss), an opportunity's positive (an expected gain).
//! The contingency reserve is the money set aside for the identified risks: minus the threats'
//! EMV, less the opportunities' EMV when the policy nets them, never below zero. The management
//! reserve, for unidentified risks, is a given share of the budget at completion.
//! Reserves are set project by project and summed, so an opportunity in one project never pays
//! for a threat in another. Amounts are summed in each project's currency as given: the model
//! carries no exchange rates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::evm::undefined::{reasons_of, Measure, Reason, Reasons};
use crate::model::{Project, Risk, RiskKind, RiskStatus};

use super::scoring::{inherent_values, residual_values, View};

/// Whether opportunities offset threats in the contingency reserve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContingencyPolicy {
    /// Threat EMV net of opportunity EMV (PMBOK's EMV analysis).
    NetOfOpportunities,
    /// Threats only: gains are not counted on until they happen.
    ThreatsOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposurePolicy {
    pub contingency: ContingencyPolicy,
    /// Which values EMV uses. Residual by default: the reserve covers what is left once the
    /// planned responses are carried out.
    pub view: View,
    /// Management reserve as a share of the budget at completion (0.05 for 5%).
    pub management_reserve_share: f64,
}

impl Default for ExposurePolicy {
    fn default() -> ExposurePolicy {
        ExposurePolicy { contingency: ContingencyPolicy::NetOfOpportunities, view: View::Residual, management_reserve_share: 0.0 }
    }
}

/// One risk's expected monetary value. `emv` is negative for a threat, positive for an
/// opportunity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskValue {
    pub id: String,
    pub kind: RiskKind,
    pub category: Option<String>,
    pub owner: Option<String>,
    /// The probability used: the risk's own, or the worst case when it has none (1 for a
    /// threat, 0 for an opportunity: no loss is assumed away and no gain is counted on).
    pub probability: f64,
    pub probability_assumed: bool,
    /// Cost if it occurs, as a positive amount.
    pub cost_impact: f64,
    pub emv: f64,
}

/// EMV totals of a group of risks (a category, an owner).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposureGroup {
    /// The category or owner; null for risks that have none.
    pub key: Option<String>,
    pub risk_count: usize,
    pub threat_emv: f64,
    pub opportunity_emv: f64,
    pub net_emv: f64,
    pub contingency_reserve: f64,
}

/// The exposure of one register.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exposure {
    pub view: View,
    pub contingency_policy: ContingencyPolicy,
    /// Open risks with a cost impact, in register order.
    pub risks: Vec<RiskValue>,
    /// Occurred risks are issues now: their cost belongs in the estimate, not in a reserve.
    pub occurred_ids: Vec<String>,
    pub closed_ids: Vec<String>,
    /// Open risks with no cost impact: no EMV can be computed, and none is invented.
    pub unquantified_ids: Vec<String>,
    /// Sum of the threats' cost impacts (what they would cost if all occurred).
    pub threat_cost_impact: f64,
    pub opportunity_cost_impact: f64,
    /// Sum of threat EMV, zero or negative.
    pub threat_emv: f64,
    /// Sum of opportunity EMV, zero or positive.
    pub opportunity_emv: f64,
    pub net_emv: f64,
    pub contingency_reserve: f64,
    pub management_reserve: Measure,
    pub budget_at_completion: f64,
    /// Contingency reserve over the budget at completion; null with `noBudget` when BAC is 0.
    pub contingency_share_of_budget: Measure,
    /// Field name to the reason it is null.
    pub reasons: Reasons,
    pub by_category: Vec<ExposureGroup>,
    pub by_owner: Vec<ExposureGroup>,
}

/// One project's exposure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectExposure {
    pub project_id: String,
    pub currency: String,
    pub exposure: Exposure,
}

/// A portfolio's exposure: each project's, and their sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioExposure {
    pub projects: Vec<ProjectExposure>,
    pub threat_emv: f64,
    pub opportunity_emv: f64,
    pub net_emv: f64,
    /// Sum of the projects' reserves.
    pub contingency_reserve: f64,
    pub management_reserve: Measure,
    pub budget_at_completion: f64,
    pub contingency_share_of_budget: Measure,
    pub reasons: Reasons,
    /// Sums of the projects' groups with the same key.
    pub by_category: Vec<ExposureGroup>,
    pub by_owner: Vec<ExposureGroup>,
}

fn contingency_of(threat_emv: f64, opportunity_emv: f64, policy: ContingencyPolicy) -> f64 {
    let offset = match policy {
        ContingencyPolicy::NetOfOpportunities => opportunity_emv,
        ContingencyPolicy::ThreatsOnly => 0.0,
    };
    // Written out rather than max(0.0), which may keep a -0 that would print as "-0".
    let reserve = -threat_emv - offset;
    if reserve > 0.0 { reserve } else { 0.0 }
}

/// The value of one open risk, or None when it has no usable cost impact.
fn value_of(risk: &Risk, view: View) -> Option<RiskValue> {
    let values = match view {
        View::Inherent => inherent_values(risk),
        View::Residual => residual_values(risk).0,
    };
    let cost_impact = values.cost_impact.filter(|cost| cost.is_finite())?.abs();
    let (probability, probability_assumed) = match values.probability.filter(|p| p.is_finite()) {
        Some(probability) => (probability.clamp(0.0, 1.0), false),
        None => (if risk.kind == RiskKind::Threat { 1.0 } else { 0.0 }, true),
    };
    let magnitude = probability * cost_impact;
    let emv = match risk.kind {
        RiskKind::Threat => -magnitude,
        RiskKind::Opportunity => magnitude,
    };
    Some(RiskValue {
        id: risk.id.clone(),
        kind: risk.kind,
        category: risk.category.clone(),
        owner: risk.owner.clone(),
        probability,
        probability_assumed,
        cost_impact,
        emv,
    })
}

fn groups(values: &[RiskValue], key: impl Fn(&RiskValue) -> Option<String>, policy: ContingencyPolicy) -> Vec<ExposureGroup> {
    let mut by_key: BTreeMap<Option<String>, ExposureGroup> = BTreeMap::new();
    for value in values {
        let key = key(value);
        let group = by_key.entry(key.clone()).or_insert_with(|| ExposureGroup {
            key,
            risk_count: 0,
            threat_emv: 0.0,
            opportunity_emv: 0.0,
            net_emv: 0.0,
            contingency_reserve: 0.0,
        });
        group.risk_count += 1;
        match value.kind {
            RiskKind::Threat => group.threat_emv += value.emv,
            RiskKind::Opportunity => group.opportunity_emv += value.emv,
        }
    }
    by_key
        .into_values()
        .map(|mut group| {
            group.net_emv = group.threat_emv + group.opportunity_emv;
            group.contingency_reserve = contingency_of(group.threat_emv, group.opportunity_emv, policy);
            group
        })
        .collect()
}

fn share_of_budget(reserve: f64, budget_at_completion: f64) -> Measure {
    if !budget_at_completion.is_finite() {
        return Measure::Undefined(Reason::NotFinite);
    }
    Measure::ratio(reserve, budget_at_completion, Reason::NoBudget)
}

/// The exposure of a list of risks against a budget at completion.
pub fn register_exposure(risks: &[Risk], budget_at_completion: f64, policy: &ExposurePolicy) -> Exposure {
    let mut values = Vec::new();
    let (mut occurred_ids, mut closed_ids, mut unquantified_ids) = (Vec::new(), Vec::new(), Vec::new());
    for risk in risks {
        match risk.status {
            RiskStatus::Occurred => occurred_ids.push(risk.id.clone()),
            RiskStatus::Closed => closed_ids.push(risk.id.clone()),
            RiskStatus::Open => match value_of(risk, policy.view) {
                Some(value) => values.push(value),
                None => unquantified_ids.push(risk.id.clone()),
            },
        }
    }
    let (mut threat_cost_impact, mut opportunity_cost_impact, mut threat_emv, mut opportunity_emv) = (0.0, 0.0, 0.0, 0.0);
    for value in &values {
        match value.kind {
            RiskKind::Threat => {
                threat_cost_impact += value.cost_impact;
                threat_emv += value.emv;
            }
            RiskKind::Opportunity => {
                opportunity_cost_impact += value.cost_impact;
                opportunity_emv += value.emv;
            }
        }
    }
    let contingency_reserve = contingency_of(threat_emv, opportunity_emv, policy.contingency);
    let management_reserve = Measure::of(policy.management_reserve_share * budget_at_completion);
    let contingency_share_of_budget = share_of_budget(contingency_reserve, budget_at_completion);
    let reasons = reasons_of(&[("managementReserve", management_reserve), ("contingencyShareOfBudget", contingency_share_of_budget)]);
    Exposure {
        view: policy.view,
        contingency_policy: policy.contingency,
        by_category: groups(&values, |value| value.category.clone(), policy.contingency),
        by_owner: groups(&values, |value| value.owner.clone(), policy.contingency),
        risks: values,
        occurred_ids,
        closed_ids,
        unquantified_ids,
        threat_cost_impact,
        opportunity_cost_impact,
        threat_emv,
        opportunity_emv,
        net_emv: threat_emv + opportunity_emv,
        contingency_reserve,
        management_reserve,
        budget_at_completion,
        contingency_share_of_budget,
        reasons,
    }
}

/// One project's exposure against its own budget at completion.
pub fn project_exposure(project: &Project, policy: &ExposurePolicy) -> ProjectExposure {
    ProjectExposure {
        project_id: project.id.clone(),
        currency: project.currency.clone(),
        exposure: register_exposure(&project.risks, project.budget_at_completion, policy),
    }
}

fn merge_groups(all: impl Iterator<Item = ExposureGroup>) -> Vec<ExposureGroup> {
    let mut by_key: BTreeMap<Option<String>, ExposureGroup> = BTreeMap::new();
    for group in all {
        match by_key.get_mut(&group.key) {
            Some(total) => {
                total.risk_count += group.risk_count;
                total.threat_emv += group.threat_emv;
                total.opportunity_emv += group.opportunity_emv;
                total.net_emv += group.net_emv;
                total.contingency_reserve += group.contingency_reserve;
            }
            None => {
                by_key.insert(group.key.clone(), group);
            }
        }
    }
    by_key.into_values().collect()
}

/// The exposure of a portfolio (a list of projects): each project's, in its own currency, and
/// their sums in the reporting currency. `rates` gives the value of one unit of each project's
/// currency in the reporting currency (the reporting currency itself at 1); the caller resolves
/// it, refusing to mix currencies without a table, so amounts are never added across currencies
/// silently. A currency missing from `rates` counts at 1.
pub fn portfolio_exposure<'a>(projects: impl IntoIterator<Item = &'a Project>, policy: &ExposurePolicy, rates: &BTreeMap<String, f64>) -> PortfolioExposure {
    let projects: Vec<ProjectExposure> = projects.into_iter().map(|project| project_exposure(project, policy)).collect();
    let rate = |project: &ProjectExposure| rates.get(&project.currency).copied().unwrap_or(1.0);
    let sum = |field: fn(&Exposure) -> f64| projects.iter().map(|project| field(&project.exposure) * rate(project)).sum::<f64>();
    let threat_emv = sum(|exposure| exposure.threat_emv);
    let opportunity_emv = sum(|exposure| exposure.opportunity_emv);
    let contingency_reserve = sum(|exposure| exposure.contingency_reserve);
    let budget_at_completion = sum(|exposure| exposure.budget_at_completion);
    let management_reserve = projects
        .iter()
        .try_fold(0.0, |total, project| project.exposure.management_reserve.value().map(|value| total + value * rate(project)))
        .map_or(Measure::Undefined(Reason::NotFinite), Measure::of);
    let contingency_share_of_budget = share_of_budget(contingency_reserve, budget_at_completion);
    let reasons = reasons_of(&[("managementReserve", management_reserve), ("contingencyShareOfBudget", contingency_share_of_budget)]);
    let converted = |project: &ProjectExposure, group: &ExposureGroup| {
        let rate = rate(project);
        ExposureGroup {
            threat_emv: group.threat_emv * rate,
            opportunity_emv: group.opportunity_emv * rate,
            net_emv: group.net_emv * rate,
            contingency_reserve: group.contingency_reserve * rate,
            ..group.clone()
        }
    };
    let by_category = merge_groups(projects.iter().flat_map(|project| project.exposure.by_category.iter().map(move |group| converted(project, group))));
    let by_owner = merge_groups(projects.iter().flat_map(|project| project.exposure.by_owner.iter().map(move |group| converted(project, group))));
    PortfolioExposure {
        threat_emv,
        opportunity_emv,
        net_emv: threat_emv + opportunity_emv,
        contingency_reserve,
        management_reserve,
        budget_at_completion,
        contingency_share_of_budget,
        reasons,
        by_category,
        by_owner,
        projects,
    }
}
