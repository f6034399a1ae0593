//! The health policy: the scale a score is read on, the weight of each dimension, and the rules
//! that turn a metric into points deducted. All of it is data the PMO owns and may replace; the
//! two presets are the common 3-level RAG and the 5-level delivery confidence scale (Green,
//! Amber/Green, Amber, Amber/Red, Red) used by government project reviews.
//!
//! A rule is crossed when the metric is strictly worse than its threshold: an SPI(t) of exactly
//! 0.95 against "amber below 0.95" is not amber. A red rule deducts its red points only (not the
//! amber ones as well) and forces its dimension to red whatever the score.

use serde::{Deserialize, Serialize};

/// A health band. `Unknown` is what too little data gives: it is grey and never counts as green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    Green,
    AmberGreen,
    Amber,
    AmberRed,
    Red,
    Unknown,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Green => "Green",
            Band::AmberGreen => "Amber/Green",
            Band::Amber => "Amber",
            Band::AmberRed => "Amber/Red",
            Band::Red => "Red",
            Band::Unknown => "Unknown",
        }
    }
}

/// Which scale scores are read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Scale {
    /// Red, Amber, Green.
    #[default]
    Rag3,
    /// Green, Amber/Green, Amber, Amber/Red, Red.
    DeliveryConfidence5,
}

/// The band of scores at or above `from` (and below the next band up).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandFrom {
    pub band: Band,
    pub from: f64,
}

/// What a project's health is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    Schedule,
    Cost,
    Risk,
    Issues,
    Scope,
    Resources,
    DataQuality,
}

impl Dimension {
    pub const ALL: [Dimension; 7] =
        [Dimension::Schedule, Dimension::Cost, Dimension::Risk, Dimension::Issues, Dimension::Scope, Dimension::Resources, Dimension::DataQuality];

    pub fn label(self) -> &'static str {
        match self {
            Dimension::Schedule => "Schedule",
            Dimension::Cost => "Cost",
            Dimension::Risk => "Risk",
            Dimension::Issues => "Issues",
            Dimension::Scope => "Scope",
            Dimension::Resources => "Resources",
            Dimension::DataQuality => "Data quality",
        }
    }
}

/// Every metric a rule may read. Percentages are in percent (5 means 5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
    /// Schedule performance index by earned schedule, ES / AT (Lipke).
    SpiT,
    /// Forecast finish minus baseline finish, in percent of the baseline duration (calendar days).
    FinishVariancePercent,
    /// Milestones forecast or finished later than their baseline finish by more than the
    /// policy's `lateMilestoneToleranceDays`.
    LateMilestones,
    /// Probability of finishing by the committed date, from a Monte Carlo simulation.
    CommittedDateProbability,
    /// Cost performance index, EV / AC.
    Cpi,
    /// EAC (BAC / CPI) above the current budget at completion, in percent of it.
    EacOverBudgetPercent,
    /// EAC above the original budget (current BAC less approved changes), in percent of it.
    EacOverOriginalBudgetPercent,
    /// To-complete performance index on the budget, (BAC - EV) / (BAC - AC).
    Tcpi,
    /// Expected monetary value of the open threats after responses, in percent of BAC.
    ResidualExposurePercent,
    /// Open threats whose residual score is in the top band of the scoring scheme.
    RedZoneRisks,
    /// Open risks whose response is past its due date.
    OverdueResponses,
    /// Open issues of high or critical priority.
    OpenHighPriorityIssues,
    /// Open issues past their due date.
    OverdueIssues,
    /// Open issues older than the policy's `agedIssueDays`.
    AgedIssues,
    /// Cost of approved and implemented changes, in percent of the original budget.
    ApprovedChangeGrowthPercent,
    /// The project's resources planned above their capacity.
    OverAllocatedResources,
    /// Days from the project's status date to the date health is assessed at.
    StatusDateAgeDays,
    /// 1 when the project has no baseline, else 0.
    MissingBaseline,
    /// Schedule quality (DCMA) checks failed.
    FailedQualityChecks,
    /// Validation errors in the project's data, and the warnings that mean part of the plan's
    /// logic was left out of scheduling (a loop, a link to a missing activity).
    ValidationErrors,
    /// Other validation warnings (a risk without a probability, ...).
    ValidationWarnings,
}

impl Metric {
    pub fn dimension(self) -> Dimension {
        use Metric::*;
        match self {
            SpiT | FinishVariancePercent | LateMilestones | CommittedDateProbability => Dimension::Schedule,
            Cpi | EacOverBudgetPercent | EacOverOriginalBudgetPercent | Tcpi => Dimension::Cost,
            ResidualExposurePercent | RedZoneRisks | OverdueResponses => Dimension::Risk,
            OpenHighPriorityIssues | OverdueIssues | AgedIssues => Dimension::Issues,
            ApprovedChangeGrowthPercent => Dimension::Scope,
            OverAllocatedResources => Dimension::Resources,
            StatusDateAgeDays | MissingBaseline | FailedQualityChecks | ValidationErrors | ValidationWarnings => Dimension::DataQuality,
        }
    }

    pub fn label(self) -> &'static str {
        use Metric::*;
        match self {
            SpiT => "SPI(t)",
            FinishVariancePercent => "Finish variance against baseline",
            LateMilestones => "Late milestones",
            CommittedDateProbability => "Probability of the committed date",
            Cpi => "CPI",
            EacOverBudgetPercent => "EAC above current budget",
            EacOverOriginalBudgetPercent => "EAC above original budget",
            Tcpi => "TCPI (to finish within budget)",
            ResidualExposurePercent => "Residual threat exposure / BAC",
            RedZoneRisks => "Red-zone risks",
            OverdueResponses => "Overdue risk responses",
            OpenHighPriorityIssues => "Open high-priority issues",
            OverdueIssues => "Overdue issues",
            AgedIssues => "Aged open issues",
            ApprovedChangeGrowthPercent => "Approved change growth",
            OverAllocatedResources => "Over-allocated resources",
            StatusDateAgeDays => "Status date age",
            MissingBaseline => "Baseline missing",
            FailedQualityChecks => "Schedule quality checks failed",
            ValidationErrors => "Data errors",
            ValidationWarnings => "Data warnings",
        }
    }

    /// The unit a value is displayed in.
    pub fn unit(self) -> Unit {
        use Metric::*;
        match self {
            SpiT | Cpi | Tcpi => Unit::Ratio,
            FinishVariancePercent | EacOverBudgetPercent | EacOverOriginalBudgetPercent | ResidualExposurePercent | ApprovedChangeGrowthPercent => {
                Unit::Percent
            }
            CommittedDateProbability => Unit::Probability,
            StatusDateAgeDays => Unit::Days,
            MissingBaseline => Unit::YesNo,
            LateMilestones | RedZoneRisks | OverdueResponses | OpenHighPriorityIssues | OverdueIssues | AgedIssues | OverAllocatedResources
            | FailedQualityChecks | ValidationErrors | ValidationWarnings => Unit::Count,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ratio,
    Percent,
    Probability,
    Days,
    Count,
    YesNo,
}

/// Which way a metric gets worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Comparison {
    /// Worse when lower (an index, a probability).
    Below,
    /// Worse when higher (a count, a variance, an age).
    Above,
}

/// One metric's thresholds and what crossing them costs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    pub metric: Metric,
    pub comparison: Comparison,
    pub amber: f64,
    pub red: f64,
    pub amber_points: f64,
    pub red_points: f64,
}

impl Rule {
    /// The band a value falls in under this rule: red, amber, or green when neither is crossed.
    pub fn band_of(&self, value: f64) -> Band {
        let worse = |threshold: f64| match self.comparison {
            Comparison::Below => value < threshold,
            Comparison::Above => value > threshold,
        };
        if worse(self.red) {
            Band::Red
        } else if worse(self.amber) {
            Band::Amber
        } else {
            Band::Green
        }
    }
}

/// The weight of one dimension in the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Weight {
    pub dimension: Dimension,
    pub weight: f64,
}

/// Everything that decides a colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HealthPolicy {
    pub scale: Scale,
    /// Score bands from the best down; a score takes the first band it reaches.
    pub bands: Vec<BandFrom>,
    pub weights: Vec<Weight>,
    pub rules: Vec<Rule>,
    /// Overall is red whenever any dimension is red, whatever the weighted score.
    pub cap_at_red: bool,
    /// Dimensions without which the overall band is unknown (a project with no measurable
    /// schedule or cost is not green by default), and which the overall band is never better
    /// than.
    pub required: Vec<Dimension>,
    /// A score must clear a band boundary by this many points before the overall band changes
    /// from the previous assessment's.
    pub hysteresis_points: f64,
    /// A milestone counts as late when it slips by more than this many calendar days.
    pub late_milestone_tolerance_days: f64,
    /// An open issue counts as aged after this many days.
    pub aged_issue_days: f64,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PolicyError {
    #[error("the policy has no score bands")]
    NoBands,
    #[error("score band {0} starts at a value that is not a number from 0 to 100, or not below the band before it")]
    BandOrder(usize),
    #[error("the band list uses Unknown, which is never a score band")]
    UnknownBand,
    #[error("weight {0} is negative or not a number")]
    Weight(usize),
    #[error("rule {0} has a threshold or points that are not finite, negative points, or a red threshold on the better side of its amber one")]
    Rule(usize),
    #[error("hysteresis must be a number of points from 0 to 50")]
    Hysteresis,
    #[error("{0} must be a number of days from 0 to 3650")]
    Days(&'static str),
}

impl PolicyError {
    /// Where in the policy the fault is, for the boundary's error path.
    pub fn path(&self) -> String {
        match self {
            PolicyError::NoBands | PolicyError::UnknownBand => "policy.bands".to_string(),
            PolicyError::BandOrder(i) => format!("policy.bands[{i}].from"),
            PolicyError::Weight(i) => format!("policy.weights[{i}].weight"),
            PolicyError::Rule(i) => format!("policy.rules[{i}]"),
            PolicyError::Hysteresis => "policy.hysteresisPoints".to_string(),
            PolicyError::Days(field) => format!("policy.{field}"),
        }
    }
}

impl Default for HealthPolicy {
    fn default() -> HealthPolicy {
        HealthPolicy::rag3()
    }
}

fn rule(metric: Metric, comparison: Comparison, amber: f64, red: f64) -> Rule {
    // One amber metric takes a dimension out of green on both scales (100 - 25 = 75); a red one
    // also forces it red, and its points weigh that much more in the overall score.
    Rule { metric, comparison, amber, red, amber_points: 25.0, red_points: 50.0 }
}

/// The default thresholds, common to both presets.
fn default_rules() -> Vec<Rule> {
    use Comparison::{Above, Below};
    use Metric::*;
    vec![
        // DCMA and the UK's IPA read 0.95 and 0.9 / 0.85 as the usual warning and action lines.
        rule(SpiT, Below, 0.95, 0.85),
        rule(FinishVariancePercent, Above, 5.0, 10.0),
        rule(LateMilestones, Above, 0.0, 3.0),
        rule(CommittedDateProbability, Below, 0.8, 0.5),
        rule(Cpi, Below, 0.95, 0.9),
        rule(EacOverBudgetPercent, Above, 5.0, 10.0),
        rule(EacOverOriginalBudgetPercent, Above, 10.0, 20.0),
        // PMI: a TCPI above 1.1 is seldom achieved; above 1.2 the budget is not credible.
        rule(Tcpi, Above, 1.1, 1.2),
        rule(ResidualExposurePercent, Above, 5.0, 10.0),
        rule(RedZoneRisks, Above, 0.0, 2.0),
        // The register records no completion of a response, so an open risk past its response
        // date is a prompt to check rather than proof of neglect: weighed lightly.
        rule(OverdueResponses, Above, 2.0, 10.0),
        rule(OpenHighPriorityIssues, Above, 0.0, 2.0),
        rule(OverdueIssues, Above, 0.0, 2.0),
        rule(AgedIssues, Above, 0.0, 2.0),
        rule(ApprovedChangeGrowthPercent, Above, 5.0, 15.0),
        rule(OverAllocatedResources, Above, 0.0, 2.0),
        rule(StatusDateAgeDays, Above, 14.0, 35.0),
        rule(MissingBaseline, Above, 0.5, 0.5),
        rule(FailedQualityChecks, Above, 2.0, 5.0),
        rule(ValidationErrors, Above, 0.5, 0.5),
        rule(ValidationWarnings, Above, 0.0, 5.0),
    ]
}

fn default_weights() -> Vec<Weight> {
    [
        (Dimension::Schedule, 25.0),
        (Dimension::Cost, 25.0),
        (Dimension::Risk, 15.0),
        (Dimension::Issues, 10.0),
        (Dimension::Scope, 10.0),
        (Dimension::Resources, 5.0),
        (Dimension::DataQuality, 10.0),
    ]
    .into_iter()
    .map(|(dimension, weight)| Weight { dimension, weight })
    .collect()
}

fn bands(list: &[(Band, f64)]) -> Vec<BandFrom> {
    list.iter().map(|&(band, from)| BandFrom { band, from }).collect()
}

impl HealthPolicy {
    /// Green from 80, amber from 50, red below.
    pub fn rag3() -> HealthPolicy {
        HealthPolicy {
            scale: Scale::Rag3,
            bands: bands(&[(Band::Green, 80.0), (Band::Amber, 50.0), (Band::Red, 0.0)]),
            weights: default_weights(),
            rules: default_rules(),
            cap_at_red: true,
            required: vec![Dimension::Schedule, Dimension::Cost],
            hysteresis_points: 3.0,
            late_milestone_tolerance_days: 10.0,
            aged_issue_days: 90.0,
        }
    }

    /// Green from 85, Amber/Green from 70, Amber from 55, Amber/Red from 40, Red below.
    pub fn delivery_confidence5() -> HealthPolicy {
        HealthPolicy {
            scale: Scale::DeliveryConfidence5,
            bands: bands(&[(Band::Green, 85.0), (Band::AmberGreen, 70.0), (Band::Amber, 55.0), (Band::AmberRed, 40.0), (Band::Red, 0.0)]),
            ..HealthPolicy::rag3()
        }
    }

    pub fn preset(scale: Scale) -> HealthPolicy {
        match scale {
            Scale::Rag3 => HealthPolicy::rag3(),
            Scale::DeliveryConfidence5 => HealthPolicy::delivery_confidence5(),
        }
    }

    /// Refuses a policy that would give a colour nobody could explain.
    pub fn check(&self) -> Result<(), PolicyError> {
        if self.bands.is_empty() {
            return Err(PolicyError::NoBands);
        }
        let mut above = f64::INFINITY;
        for (index, band) in self.bands.iter().enumerate() {
            if band.band == Band::Unknown {
                return Err(PolicyError::UnknownBand);
            }
            if !(0.0..=100.0).contains(&band.from) || band.from >= above {
                return Err(PolicyError::BandOrder(index));
            }
            above = band.from;
        }
        for (index, weight) in self.weights.iter().enumerate() {
            if !weight.weight.is_finite() || weight.weight < 0.0 {
                return Err(PolicyError::Weight(index));
            }
        }
        for (index, rule) in self.rules.iter().enumerate() {
            let finite = [rule.amber, rule.red, rule.amber_points, rule.red_points].iter().all(|v| v.is_finite());
            let ordered = match rule.comparison {
                Comparison::Below => rule.red <= rule.amber,
                Comparison::Above => rule.red >= rule.amber,
            };
            if !finite || !ordered || rule.amber_points < 0.0 || rule.red_points < 0.0 {
                return Err(PolicyError::Rule(index));
            }
        }
        if !(0.0..=50.0).contains(&self.hysteresis_points) {
            return Err(PolicyError::Hysteresis);
        }
        for (field, days) in [("lateMilestoneToleranceDays", self.late_milestone_tolerance_days), ("agedIssueDays", self.aged_issue_days)] {
            if !(0.0..=3650.0).contains(&days) {
                return Err(PolicyError::Days(field));
            }
        }
        Ok(())
    }

    /// The band of a score: the first band whose lower bound it reaches; below every bound, the
    /// last (worst) band.
    pub fn band_of(&self, score: f64) -> Band {
        self.bands.iter().find(|b| score >= b.from).or(self.bands.last()).map_or(Band::Unknown, |b| b.band)
    }

    pub fn weight_of(&self, dimension: Dimension) -> f64 {
        self.weights.iter().filter(|w| w.dimension == dimension).map(|w| w.weight).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_weights_sum_to_100() {
        for policy in [HealthPolicy::rag3(), HealthPolicy::delivery_confidence5()] {
            assert_eq!(policy.check(), Ok(()));
            assert_eq!(Dimension::ALL.iter().map(|&d| policy.weight_of(d)).sum::<f64>(), 100.0);
            // Every metric has a default rule.
            assert_eq!(policy.rules.len(), crate::health::score::METRIC_COUNT);
        }
    }

    #[test]
    fn score_bands_at_their_edges() {
        let rag = HealthPolicy::rag3();
        assert_eq!((rag.band_of(80.0), rag.band_of(79.99), rag.band_of(50.0), rag.band_of(49.99)), (Band::Green, Band::Amber, Band::Amber, Band::Red));
        let five = HealthPolicy::delivery_confidence5();
        let read: Vec<Band> = [100.0, 85.0, 84.9, 70.0, 69.9, 55.0, 54.9, 40.0, 39.9, 0.0].iter().map(|&s| five.band_of(s)).collect();
        use Band::*;
        assert_eq!(read, [Green, Green, AmberGreen, AmberGreen, Amber, Amber, AmberRed, AmberRed, Red, Red]);
    }

    #[test]
    fn a_threshold_is_crossed_only_when_strictly_worse() {
        let spi = rule(Metric::SpiT, Comparison::Below, 0.95, 0.85);
        assert_eq!((spi.band_of(0.95), spi.band_of(0.9499), spi.band_of(0.85), spi.band_of(0.8499)), (Band::Green, Band::Amber, Band::Amber, Band::Red));
        let age = rule(Metric::StatusDateAgeDays, Comparison::Above, 14.0, 35.0);
        assert_eq!((age.band_of(14.0), age.band_of(15.0), age.band_of(35.0), age.band_of(36.0)), (Band::Green, Band::Amber, Band::Amber, Band::Red));
    }

    #[test]
    fn a_policy_nobody_could_explain_is_refused() {
        let mut policy = HealthPolicy::rag3();
        policy.bands[1].from = 90.0;
        assert_eq!(policy.check(), Err(PolicyError::BandOrder(1)));
        let mut policy = HealthPolicy::rag3();
        policy.rules[0].red = 0.99; // red above amber for a below-rule
        assert_eq!(policy.check(), Err(PolicyError::Rule(0)));
        assert_eq!(PolicyError::Rule(0).path(), "policy.rules[0]");
        let mut policy = HealthPolicy::rag3();
        policy.weights[2].weight = f64::NAN;
        assert_eq!(policy.check(), Err(PolicyError::Weight(2)));
    }
}
