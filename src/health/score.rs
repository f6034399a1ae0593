//! From facts to colours. Each dimension starts at 100 and loses the points of every rule its
//! metrics cross; its band is read off the policy's score bands, and any red rule makes it red.
//! A dimension none of whose metrics has a value is unknown. Overall is the weighted mean of the
//! known dimensions' scores, unknown when a required dimension is, red when any dimension is red
//! and the policy caps at red, and never better than a required dimension (schedule, cost). Against a previous band, the overall band changes only once
//! the score clears the boundary by the policy's hysteresis.
//!
//! The scoring itself works on one number per metric and allocates nothing, so the trend can
//! rescore every snapshot cheaply; the evidence is written only for the assessment shown.

use serde::Serialize;

use super::facts::{IdKind, Observation};
use super::policy::{Band, Comparison, Dimension, HealthPolicy, Metric, Rule, Unit};

pub const METRIC_COUNT: usize = Metric::ValidationWarnings as usize + 1;

/// One value per metric (indexed by `Metric as usize`); None where it is unknown.
pub type Readings = [Option<f64>; METRIC_COUNT];

pub fn readings_of(observations: &[Observation]) -> Readings {
    let mut readings = [None; METRIC_COUNT];
    for observation in observations {
        readings[observation.metric as usize] = observation.value.as_ref().ok().copied();
    }
    readings
}

/// A dimension's score and band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimensionScore {
    pub score: Option<f64>,
    pub band: Band,
}

/// The overall score and band, and what decided it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverallScore {
    pub score: Option<f64>,
    pub band: Band,
    /// The dimension that capped the band: the first red one (by weight), or else a required
    /// dimension worse than the weighted score.
    pub capped_by: Option<Dimension>,
    /// The band stayed at the previous one because the score did not clear the hysteresis.
    pub held: bool,
    /// A required dimension that is unknown, making the overall band unknown.
    pub unknown_because: Option<Dimension>,
}

/// The points a rule deducts for a value, and the band it puts the value in.
fn judged(rule: &Rule, value: f64) -> (Band, f64) {
    match rule.band_of(value) {
        Band::Red => (Band::Red, rule.red_points),
        Band::Amber => (Band::Amber, rule.amber_points),
        band => (band, 0.0),
    }
}

/// The points `rule` deducts for `value`.
pub fn points_of(rule: &Rule, value: f64) -> f64 {
    judged(rule, value).1
}

/// Scores every dimension and the whole from one reading per metric.
pub fn score_readings(readings: &Readings, policy: &HealthPolicy, previous: Option<Band>) -> ([DimensionScore; 7], OverallScore) {
    let mut deducted = [0.0f64; 7];
    let mut known = [false; 7];
    let mut red = [false; 7];
    for rule in &policy.rules {
        let Some(value) = readings[rule.metric as usize] else { continue };
        let dimension = rule.metric.dimension() as usize;
        let (band, points) = judged(rule, value);
        known[dimension] = true;
        deducted[dimension] += points;
        red[dimension] |= band == Band::Red;
    }
    let dimensions: [DimensionScore; 7] = std::array::from_fn(|d| {
        if !known[d] {
            return DimensionScore { score: None, band: Band::Unknown };
        }
        let score = (100.0 - deducted[d]).max(0.0);
        DimensionScore { score: Some(score), band: if red[d] { Band::Red } else { policy.band_of(score) } }
    });
    (dimensions, overall_of(&dimensions, policy, previous))
}

fn overall_of(dimensions: &[DimensionScore; 7], policy: &HealthPolicy, previous: Option<Band>) -> OverallScore {
    let unknown = |because: Option<Dimension>| OverallScore { score: None, band: Band::Unknown, capped_by: None, held: false, unknown_because: because };
    if let Some(&required) = policy.required.iter().find(|&&d| dimensions[d as usize].score.is_none()) {
        return unknown(Some(required));
    }
    let (mut weighted, mut total) = (0.0, 0.0);
    for dimension in Dimension::ALL {
        if let Some(score) = dimensions[dimension as usize].score {
            let weight = policy.weight_of(dimension);
            weighted += weight * score;
            total += weight;
        }
    }
    if total <= 0.0 {
        return unknown(None);
    }
    let score = weighted / total;
    let mut by_weight = Dimension::ALL;
    by_weight.sort_by(|a, b| policy.weight_of(*b).total_cmp(&policy.weight_of(*a)));
    let capped_by = if policy.cap_at_red { by_weight.into_iter().find(|&d| dimensions[d as usize].band == Band::Red) } else { None };
    if capped_by.is_some() {
        return OverallScore { score: Some(score), band: Band::Red, capped_by, held: false, unknown_because: None };
    }
    // Nor is the whole ever better than a required dimension: a weighted mean would otherwise
    // show green over an amber schedule and an amber cost.
    let score_band = policy.band_of(score);
    let worst_required = policy.required.iter().copied().filter(|&d| dimensions[d as usize].band > score_band).max_by_key(|&d| dimensions[d as usize].band);
    if let Some(required) = worst_required {
        return OverallScore { score: Some(score), band: dimensions[required as usize].band, capped_by: Some(required), held: false, unknown_because: None };
    }
    let band = score_band;
    // Within the hysteresis of the boundary just crossed, the previous band stands.
    let h = policy.hysteresis_points;
    let held = match previous {
        Some(previous) if previous != band && previous != Band::Unknown => policy.band_of(score - h) == previous || policy.band_of(score + h) == previous,
        _ => false,
    };
    OverallScore { score: Some(score), band: if held { previous.unwrap_or(band) } else { band }, capped_by: None, held, unknown_because: None }
}

/// The threshold a value crossed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Crossed {
    pub band: Band,
    pub comparison: Comparison,
    pub value: f64,
}

/// One metric as the "why" panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub metric: Metric,
    pub label: &'static str,
    pub value: Option<f64>,
    /// The value as a reader sees it ("0.87", "12.5%", "45 days"), or "n/a".
    pub display: String,
    pub threshold: Option<Crossed>,
    pub points_deducted: f64,
    pub ids: Vec<String>,
    pub id_kind: Option<IdKind>,
    /// Why there is no value (a stable code), when there is none.
    pub reason: Option<String>,
    /// One sentence a PMO analyst reads: what the value is and what it crossed.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionHealth {
    pub dimension: Dimension,
    pub label: &'static str,
    pub score: Option<f64>,
    pub band: Band,
    pub band_label: &'static str,
    pub weight: f64,
    pub evidence: Vec<Evidence>,
}

pub fn display(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Ratio => format!("{value:.2}"),
        Unit::Percent => format!("{value:.1}%"),
        Unit::Probability => format!("{:.0}%", value * 100.0),
        Unit::Days if value == 1.0 => "1 day".to_string(),
        Unit::Days => format!("{value:.0} days"),
        Unit::Count => format!("{value:.0}"),
        Unit::YesNo => (if value > 0.0 { "Yes" } else { "No" }).to_string(),
    }
}

/// What a reason code means, in a sentence.
pub fn reason_sentence(code: &str) -> &'static str {
    match code {
        "noBaseline" => "The project has no baseline, so there is no approved plan to measure against.",
        "noSimulation" => "No Monte Carlo simulation has been run for this project.",
        "noStatusDate" => "The project has no status date, so its data's age is not known.",
        "noActualCost" => "No actual cost is recorded yet.",
        "noPlannedValue" => "Nothing was planned by the status date.",
        "noEarnedValue" => "Nothing has been earned yet.",
        "noBudget" => "The budget at completion is zero.",
        "workComplete" => "All budgeted work is earned.",
        "budgetSpent" => "Actual cost has reached the budget, so no efficiency can finish within it.",
        "notStarted" => "Nothing is earned yet, so no schedule has been earned.",
        "noActualTime" => "No time has elapsed since the baseline start.",
        "baselineHasNoDuration" => "The baseline starts and finishes on the same day.",
        "cannotSchedule" => "The plan cannot be scheduled (see the data findings).",
        "noAssignments" => "No resource is assigned to the project's activities.",
        "notComputed" => "This was not computed for the assessment.",
        "noRule" => "The policy has no rule for this metric.",
        _ => "The value could not be computed from the data.",
    }
}

/// The evidence of one observation under the policy.
pub fn evidence_of(observation: &Observation, policy: &HealthPolicy) -> Evidence {
    let metric = observation.metric;
    let label = metric.label();
    let rule = policy.rules.iter().find(|r| r.metric == metric);
    let base = |display: String, value: Option<f64>, reason: Option<String>, explanation: String| Evidence {
        metric,
        label,
        value,
        display,
        threshold: None,
        points_deducted: 0.0,
        ids: observation.ids.clone(),
        id_kind: observation.id_kind,
        reason,
        explanation,
    };
    let value = match &observation.value {
        Ok(value) => *value,
        Err(reason) => return base("n/a".to_string(), None, Some(reason.to_string()), reason_sentence(reason).to_string()),
    };
    let mut shown = display(metric.unit(), value);
    // A value just past a threshold must not read as the threshold itself ("0.95, below 0.95").
    if let Some(rule) = rule {
        let near = [rule.amber, rule.red].into_iter().any(|t| t != value && display(metric.unit(), t) == shown);
        if near && metric.unit() == Unit::Ratio {
            shown = format!("{value:.3}");
        }
    }
    let Some(rule) = rule else {
        return base(shown.clone(), Some(value), None, format!("{label} is {shown}; the policy has no rule for it, so it deducts nothing."));
    };
    let side = |comparison: Comparison| match comparison {
        Comparison::Below => "below",
        Comparison::Above => "above",
    };
    let (band, points) = judged(rule, value);
    let mut evidence = base(shown.clone(), Some(value), None, String::new());
    evidence.points_deducted = points;
    let threshold_of = |band: Band| if band == Band::Red { rule.red } else { rule.amber };
    evidence.explanation = match band {
        // A yes/no fact has no threshold worth quoting: it is or it is not.
        Band::Red | Band::Amber if metric.unit() == Unit::YesNo => {
            evidence.threshold = Some(Crossed { band, comparison: rule.comparison, value: threshold_of(band) });
            format!("{label}: {shown}, which the policy rates {}: {points} points deducted{}.", band.label().to_lowercase(), if band == Band::Red { ", and the dimension is red" } else { "" })
        }
        Band::Red | Band::Amber => {
            let threshold = threshold_of(band);
            evidence.threshold = Some(Crossed { band, comparison: rule.comparison, value: threshold });
            format!(
                "{label} is {shown}, {} the {} threshold of {}: {points} points deducted{}.",
                side(rule.comparison),
                band.label().to_lowercase(),
                display(metric.unit(), threshold),
                if band == Band::Red { ", and the dimension is red" } else { "" }
            )
        }
        _ => format!("{label} is {shown}, within the thresholds (amber {} {}).", side(rule.comparison), display(metric.unit(), rule.amber)),
    };
    evidence
}

/// Every dimension with its evidence, in the order of `Dimension::ALL`; within a dimension the
/// metrics that cost most come first.
pub fn dimensions_with_evidence(observations: &[Observation], scores: &[DimensionScore; 7], policy: &HealthPolicy) -> Vec<DimensionHealth> {
    Dimension::ALL
        .iter()
        .map(|&dimension| {
            let mut evidence: Vec<Evidence> = observations.iter().filter(|o| o.metric.dimension() == dimension).map(|o| evidence_of(o, policy)).collect();
            evidence.sort_by(|a, b| b.points_deducted.total_cmp(&a.points_deducted));
            let DimensionScore { score, band } = scores[dimension as usize];
            DimensionHealth { dimension, label: dimension.label(), score, band, band_label: band.label(), weight: policy.weight_of(dimension), evidence }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::facts::Observation;

    fn readings(values: &[(Metric, f64)]) -> Readings {
        let observations: Vec<Observation> = values.iter().map(|&(m, v)| Observation::of(m, v, Vec::new(), None)).collect();
        readings_of(&observations)
    }

    /// Every dimension measured and clean: all 100, green.
    fn all_green() -> Vec<(Metric, f64)> {
        use Metric::*;
        vec![(SpiT, 1.0), (Cpi, 1.0), (ResidualExposurePercent, 1.0), (OverdueIssues, 0.0), (ApprovedChangeGrowthPercent, 0.0), (OverAllocatedResources, 0.0), (MissingBaseline, 0.0)]
    }

    #[test]
    fn clean_data_is_green_at_100() {
        let (dimensions, overall) = score_readings(&readings(&all_green()), &HealthPolicy::rag3(), None);
        assert!(dimensions.iter().all(|d| d.score == Some(100.0) && d.band == Band::Green));
        assert_eq!((overall.score, overall.band), (Some(100.0), Band::Green));
    }

    #[test]
    fn one_amber_metric_takes_25_points_and_the_weighted_mean_follows() {
        let mut values = all_green();
        values[0].1 = 0.90; // SPI(t) amber: schedule 75
        let (dimensions, overall) = score_readings(&readings(&values), &HealthPolicy::rag3(), None);
        assert_eq!((dimensions[0].score, dimensions[0].band), (Some(75.0), Band::Amber));
        // (25 x 75 + 75 x 100) / 100 = 93.75, green by score; but schedule is required, and the
        // whole is never better than a required dimension.
        assert_eq!((overall.score, overall.band, overall.capped_by), (Some(93.75), Band::Amber, Some(Dimension::Schedule)));
        let optional = HealthPolicy { required: Vec::new(), ..HealthPolicy::rag3() };
        assert_eq!(score_readings(&readings(&values), &optional, None).1.band, Band::Green);
    }

    #[test]
    fn any_red_dimension_caps_the_overall_at_red_unless_the_policy_says_not() {
        let mut values = all_green();
        values[4].1 = 20.0; // change growth 20% > 15%: scope red, 50 points
        let (dimensions, overall) = score_readings(&readings(&values), &HealthPolicy::rag3(), None);
        assert_eq!((dimensions[Dimension::Scope as usize].score, dimensions[Dimension::Scope as usize].band), (Some(50.0), Band::Red));
        assert_eq!((overall.band, overall.capped_by), (Band::Red, Some(Dimension::Scope)));
        // (90 x 100 + 10 x 50) / 100 = 95
        assert_eq!(overall.score, Some(95.0));
        let uncapped = HealthPolicy { cap_at_red: false, ..HealthPolicy::rag3() };
        assert_eq!(score_readings(&readings(&values), &uncapped, None).1.band, Band::Green);
    }

    #[test]
    fn unknown_is_grey_never_green() {
        // No schedule or cost metric at all: the overall is unknown even though the rest is clean.
        let values: Vec<(Metric, f64)> = all_green().into_iter().filter(|(m, _)| !matches!(m, Metric::SpiT | Metric::Cpi)).collect();
        let (dimensions, overall) = score_readings(&readings(&values), &HealthPolicy::rag3(), None);
        assert_eq!(dimensions[Dimension::Schedule as usize], DimensionScore { score: None, band: Band::Unknown });
        assert_eq!((overall.score, overall.band, overall.unknown_because), (None, Band::Unknown, Some(Dimension::Schedule)));
        // An unknown optional dimension is left out of the mean, not scored as 100.
        let mut values = all_green();
        values.retain(|(m, _)| *m != Metric::OverAllocatedResources);
        values[0].1 = 0.9;
        let (_, overall) = score_readings(&readings(&values), &HealthPolicy::rag3(), None);
        // (25 x 75 + 70 x 100) / 95
        assert!((overall.score.unwrap_or(0.0) - (25.0 * 75.0 + 7000.0) / 95.0).abs() < 1e-12);
    }

    #[test]
    fn hysteresis_holds_the_previous_band_near_a_boundary() {
        // No required dimension here, so the band is the weighted score's alone.
        let policy = HealthPolicy { required: Vec::new(), ..HealthPolicy::rag3() };
        let mut values = all_green();
        values.push((Metric::FinishVariancePercent, 6.0)); // schedule: two ambers -> 50
        values[0].1 = 0.9;
        values.push((Metric::EacOverBudgetPercent, 6.0)); // cost: one amber -> 75
        // (25 x 50 + 25 x 75 + 50 x 100) / 100 = 81.25: green, 1.25 above the boundary.
        let (_, fresh) = score_readings(&readings(&values), &policy, None);
        assert_eq!((fresh.score, fresh.band, fresh.held), (Some(81.25), Band::Green, false));
        let (_, held) = score_readings(&readings(&values), &policy, Some(Band::Amber));
        assert_eq!((held.band, held.held), (Band::Amber, true));
        let no_hysteresis = HealthPolicy { hysteresis_points: 0.0, ..policy.clone() };
        assert_eq!(score_readings(&readings(&values), &no_hysteresis, Some(Band::Amber)).1.band, Band::Green);
        // Far from the boundary the previous band does not matter.
        let (_, clear) = score_readings(&readings(&all_green()), &policy, Some(Band::Amber));
        assert_eq!((clear.band, clear.held), (Band::Green, false));
    }

    #[test]
    fn evidence_states_the_threshold_crossed_and_the_points() {
        let policy = HealthPolicy::rag3();
        let red = evidence_of(&Observation::of(Metric::SpiT, 0.8, vec!["A1".into()], Some(IdKind::Activity)), &policy);
        assert_eq!(red.threshold, Some(Crossed { band: Band::Red, comparison: Comparison::Below, value: 0.85 }));
        assert_eq!((red.points_deducted, red.display.as_str()), (50.0, "0.80"));
        assert_eq!(red.explanation, "SPI(t) is 0.80, below the red threshold of 0.85: 50 points deducted, and the dimension is red.");
        let fine = evidence_of(&Observation::of(Metric::OverdueIssues, 0.0, Vec::new(), None), &policy);
        assert_eq!((fine.threshold, fine.points_deducted), (None, 0.0));
        let unknown = evidence_of(&Observation::unknown(Metric::Cpi, "noBaseline"), &policy);
        assert_eq!((unknown.value, unknown.display.as_str(), unknown.reason.as_deref()), (None, "n/a", Some("noBaseline")));
    }
}
