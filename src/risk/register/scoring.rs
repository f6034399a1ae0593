//! Each risk scored before its response (inherent) and after it (residual) on a scoring scheme.
//!
//! Impact is relative: cost impact as a share of the budget at completion and schedule impact as
//! a share of the planned duration, each placed on its own thresholds; the impact level is the
//! worse (higher) of the two, as the PMBOK Guide rates a risk by its most severe objective.
//! An unassessed risk is scored as the worst case and flagged, never as zero: a blank
//! probability or impact must not make a risk look harmless.

use serde::Serialize;

use crate::model::{Date, Project, ResponseStrategy, Risk, RiskKind, RiskStatus, Velocity};

use super::scales::{SchemeError, ScoringScheme};

/// Before or after the planned response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum View {
    Inherent,
    Residual,
}

/// What impacts are measured against. The planned duration comes from the schedule engine (or
/// the baseline) through the caller, so this engine does not call the scheduler sideways.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImpactBasis {
    pub budget_at_completion: f64,
    /// Working days from the start to the planned finish; absent when not known.
    pub planned_duration_days: Option<f64>,
}

impl ImpactBasis {
    pub fn new(budget_at_completion: f64, planned_duration_days: Option<f64>) -> ImpactBasis {
        ImpactBasis { budget_at_completion, planned_duration_days }
    }
}

/// A value that was missing, or a basis that was, when a risk was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RiskField {
    Probability,
    CostImpact,
    ScheduleImpactDays,
    /// A cost impact was given but the budget at completion is zero, so it has no share.
    BudgetAtCompletion,
    /// A schedule impact was given but the planned duration is zero or unknown.
    PlannedDuration,
}

/// A risk's position on the scheme from one view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub probability: Option<f64>,
    pub cost_impact: Option<f64>,
    pub schedule_impact_days: Option<f64>,
    /// Cost impact over the budget at completion; null when either is missing or BAC is 0.
    pub cost_share: Option<f64>,
    /// Schedule impact over the planned duration; null when either is missing or unknown.
    pub schedule_share: Option<f64>,
    pub probability_level: u8,
    pub impact_level: u8,
    pub score: f64,
    pub band: String,
    /// The fields whose absence made this the worst case (top band); empty when fully assessed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed_worst_case: Vec<RiskField>,
}

impl Assessment {
    pub fn is_worst_case_assumed(&self) -> bool {
        !self.assumed_worst_case.is_empty()
    }
}

/// One risk scored, with what a register view shows beside the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoredRisk {
    pub id: String,
    pub title: String,
    pub kind: RiskKind,
    pub status: RiskStatus,
    pub category: Option<String>,
    pub owner: Option<String>,
    pub proximity: Option<Date>,
    pub velocity: Option<Velocity>,
    pub strategy: Option<ResponseStrategy>,
    pub response_owner: Option<String>,
    pub inherent: Assessment,
    pub residual: Assessment,
    /// Residual fields the response leaves blank, taken from the inherent values (a response
    /// that says nothing about a value is read as leaving it unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub residual_from_inherent: Vec<RiskField>,
}

impl ScoredRisk {
    pub fn assessment(&self, view: View) -> &Assessment {
        match view {
            View::Inherent => &self.inherent,
            View::Residual => &self.residual,
        }
    }
}

/// Probability, cost impact and schedule impact of one view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Values {
    pub probability: Option<f64>,
    pub cost_impact: Option<f64>,
    pub schedule_impact_days: Option<f64>,
}

pub(crate) fn inherent_values(risk: &Risk) -> Values {
    Values { probability: risk.probability, cost_impact: risk.cost_impact, schedule_impact_days: risk.schedule_impact_days }
}

/// Residual values, each falling back to the inherent one where the response leaves it blank,
/// and the list of fields that fell back.
pub(crate) fn residual_values(risk: &Risk) -> (Values, Vec<RiskField>) {
    let inherent = inherent_values(risk);
    let response = risk.response.as_ref();
    let mut fell_back = Vec::new();
    let mut pick = |residual: Option<f64>, inherent: Option<f64>, field: RiskField| match residual {
        Some(value) => Some(value),
        None => {
            fell_back.push(field);
            inherent
        }
    };
    let probability = pick(response.and_then(|r| r.residual_probability), inherent.probability, RiskField::Probability);
    let cost_impact = pick(response.and_then(|r| r.residual_cost_impact), inherent.cost_impact, RiskField::CostImpact);
    let schedule_impact_days = pick(
        response.and_then(|r| r.residual_schedule_impact_days),
        inherent.schedule_impact_days,
        RiskField::ScheduleImpactDays,
    );
    (Values { probability, cost_impact, schedule_impact_days }, fell_back)
}

/// A number from outside that can be used: finite. Anything else counts as missing.
fn usable(value: Option<f64>) -> Option<f64> {
    value.filter(|value| value.is_finite())
}

fn share(amount: Option<f64>, basis: Option<f64>) -> Option<f64> {
    match (amount, basis) {
        (Some(amount), Some(basis)) if basis > 0.0 && basis.is_finite() => Some(amount.abs() / basis).filter(|share| share.is_finite()),
        _ => None,
    }
}

fn assess(values: Values, basis: &ImpactBasis, scheme: &ScoringScheme) -> Assessment {
    let probability = usable(values.probability);
    let cost_impact = usable(values.cost_impact);
    let schedule_impact_days = usable(values.schedule_impact_days);
    let cost_share = share(cost_impact, Some(basis.budget_at_completion));
    let schedule_share = share(schedule_impact_days, basis.planned_duration_days);
    let mut assumed_worst_case = Vec::new();

    let top_probability = scheme.probability_levels();
    let top_impact = scheme.impact_levels();
    let probability_level = match probability {
        Some(probability) => scheme.probability_level(probability),
        None => {
            assumed_worst_case.push(RiskField::Probability);
            top_probability
        }
    };
    let impact_level = if cost_impact.is_none() && schedule_impact_days.is_none() {
        assumed_worst_case.extend([RiskField::CostImpact, RiskField::ScheduleImpactDays]);
        top_impact
    } else {
        // A given impact with no basis to measure it against cannot be placed; it is taken as
        // the worst case rather than dropped, so a missing BAC never lowers a score.
        let cost_level = match (cost_impact, cost_share) {
            (None, _) => 0,
            (Some(_), Some(share)) => scheme.cost_level(share),
            (Some(_), None) => {
                assumed_worst_case.push(RiskField::BudgetAtCompletion);
                top_impact
            }
        };
        let schedule_level = match (schedule_impact_days, schedule_share) {
            (None, _) => 0,
            (Some(_), Some(share)) => scheme.schedule_level(share),
            (Some(_), None) => {
                assumed_worst_case.push(RiskField::PlannedDuration);
                top_impact
            }
        };
        cost_level.max(schedule_level).max(1)
    };
    let score = scheme.score(probability_level, impact_level);
    Assessment {
        probability,
        cost_impact,
        schedule_impact_days,
        cost_share,
        schedule_share,
        probability_level,
        impact_level,
        score,
        band: scheme.band_of(score),
        assumed_worst_case,
    }
}

/// Scores one risk. The scheme must have passed `ScoringScheme::check`.
pub fn score_risk(risk: &Risk, basis: &ImpactBasis, scheme: &ScoringScheme) -> ScoredRisk {
    let (residual, residual_from_inherent) = residual_values(risk);
    ScoredRisk {
        id: risk.id.clone(),
        title: risk.title.clone(),
        kind: risk.kind,
        status: risk.status,
        category: risk.category.clone(),
        owner: risk.owner.clone(),
        proximity: risk.proximity,
        velocity: risk.velocity,
        strategy: risk.response.as_ref().map(|response| response.strategy),
        response_owner: risk.response.as_ref().and_then(|response| response.owner.clone()),
        inherent: assess(inherent_values(risk), basis, scheme),
        residual: assess(residual, basis, scheme),
        residual_from_inherent,
    }
}

/// Scores a list of risks, every status included (views filter as they need), after checking
/// the scheme.
pub fn score_risks(risks: &[Risk], basis: &ImpactBasis, scheme: &ScoringScheme) -> Result<Vec<ScoredRisk>, SchemeError> {
    scheme.check()?;
    Ok(risks.iter().map(|risk| score_risk(risk, basis, scheme)).collect())
}

/// Scores a project's register against its budget and the planned duration given.
pub fn score_project(
    project: &Project,
    planned_duration_days: Option<f64>,
    scheme: &ScoringScheme,
) -> Result<Vec<ScoredRisk>, SchemeError> {
    score_risks(&project.risks, &ImpactBasis::new(project.budget_at_completion, planned_duration_days), scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RiskResponse;

    fn risk(probability: Option<f64>, cost_impact: Option<f64>, schedule_impact_days: Option<f64>) -> Risk {
        Risk {
            id: "R1".into(),
            title: "Supplier late".into(),
            kind: RiskKind::Threat,
            category: None,
            owner: None,
            status: RiskStatus::Open,
            raised_on: None,
            probability,
            cost_impact,
            schedule_impact_days,
            response: None,
            activity_ids: Vec::new(),
            proximity: None,
            velocity: None,
        }
    }

    #[test]
    fn impact_is_the_worse_of_cost_and_schedule() {
        let scheme = ScoringScheme::five_by_five();
        let basis = ImpactBasis::new(100_000.0, Some(200.0));
        // Cost 5% of BAC -> level 2 (<=10%); 30 days of 200 = 15% -> level 4 (10-20% of time).
        let scored = score_risk(&risk(Some(0.5), Some(5_000.0), Some(30.0)), &basis, &scheme);
        assert_eq!(scored.inherent.impact_level, 4);
        assert_eq!(scored.inherent.probability_level, 3);
        assert_eq!(scored.inherent.score, 12.0);
        assert!(!scored.inherent.is_worst_case_assumed());
    }

    #[test]
    fn an_impact_without_a_basis_is_the_worst_case_not_zero() {
        let scheme = ScoringScheme::five_by_five();
        let scored = score_risk(&risk(Some(0.1), Some(5_000.0), None), &ImpactBasis::new(0.0, None), &scheme);
        assert_eq!(scored.inherent.impact_level, 5);
        assert_eq!(scored.inherent.assumed_worst_case, vec![RiskField::BudgetAtCompletion]);
    }

    #[test]
    fn a_response_value_replaces_only_its_own_field() {
        let mut with_response = risk(Some(0.6), Some(10_000.0), Some(4.0));
        with_response.response = Some(RiskResponse {
            strategy: ResponseStrategy::Mitigate,
            description: "second supplier".into(),
            owner: None,
            due: None,
            residual_probability: Some(0.2),
            residual_cost_impact: None,
            residual_schedule_impact_days: None,
        });
        let (values, fell_back) = residual_values(&with_response);
        assert_eq!(values.probability, Some(0.2));
        assert_eq!(values.cost_impact, Some(10_000.0));
        assert_eq!(fell_back, vec![RiskField::CostImpact, RiskField::ScheduleImpactDays]);
    }
}
