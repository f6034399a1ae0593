//! Ordinal probability and impact scales and the score bands read off their product, as data.
//!
//! A scheme holds N probability bands and M impact bands, each with an upper threshold; a risk's
//! probability (0 to 1) and its impact (cost as a share of the budget at completion, schedule
//! days as a share of the planned duration) fall into the first band whose threshold they do not
//! exceed, giving levels 1..N and 1..M. Two presets: the common 5x5 matrix scored by the product
//! of the levels, and the PMBOK Guide's probability and impact matrix (probabilities
//! .1/.3/.5/.7/.9, impacts .05/.1/.2/.4/.8, score = probability x impact, the same grid mirrored
//! for threats and opportunities).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One probability band: probabilities up to `up_to` (inclusive) that exceed the band below.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbabilityBand {
    pub label: String,
    /// Inclusive upper threshold, 0 to 1. The top band takes everything above the band below
    /// whatever its threshold says, so a probability is never left outside the scale.
    pub up_to: f64,
    /// The rating multiplied into the score under `ScoreRule::ValueProduct` (PMBOK's .1 .. .9).
    pub value: f64,
}

/// One impact band, with separate thresholds for cost and schedule because the PMBOK Guide's
/// impact scale defines them separately (a 10% cost increase and a 10% delay are different
/// severities). A risk's impact level is the worse of its cost level and its schedule level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImpactBand {
    pub label: String,
    /// Inclusive upper threshold of cost impact as a share of the budget at completion.
    pub cost_share_up_to: f64,
    /// Inclusive upper threshold of schedule impact as a share of the planned duration.
    pub schedule_share_up_to: f64,
    /// The rating multiplied into the score under `ScoreRule::ValueProduct` (PMBOK's .05 .. .8).
    pub value: f64,
}

/// A score band: scores at or above `from` and below the next band's `from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreBand {
    pub label: String,
    pub from: f64,
}

/// How the two levels become one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ScoreRule {
    /// Probability level x impact level (1 .. N*M), the usual 5x5 heat map.
    LevelProduct,
    /// Probability band value x impact band value (PMBOK's 0.005 .. 0.72).
    ValueProduct,
}

/// A complete scoring scheme. Bands are listed from the lowest to the highest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoringScheme {
    pub name: String,
    pub probability_bands: Vec<ProbabilityBand>,
    pub impact_bands: Vec<ImpactBand>,
    pub score_rule: ScoreRule,
    pub score_bands: Vec<ScoreBand>,
}

/// A scheme that cannot place a risk. The scheme may come from the dashboard, so it is checked
/// rather than trusted.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SchemeError {
    #[error("the scheme has no {0} bands")]
    NoBands(&'static str),
    #[error("{scale} band {index} has a threshold or value that is not a finite number")]
    NotFinite { scale: &'static str, index: usize },
    #[error("{scale} band {index} has a threshold below the band before it; list bands from the lowest up")]
    NotAscending { scale: &'static str, index: usize },
    #[error("the scheme has more than 255 {0} bands")]
    TooManyBands(&'static str),
}

impl SchemeError {
    /// The stable code for the boundary.
    pub fn code(&self) -> &'static str {
        match self {
            SchemeError::NoBands(_) => "scheme_no_bands",
            SchemeError::NotFinite { .. } => "scheme_not_finite",
            SchemeError::NotAscending { .. } => "scheme_not_ascending",
            SchemeError::TooManyBands(_) => "scheme_too_many_bands",
        }
    }
}

/// The PMBOK Guide's impact ratings with its cost and time thresholds (cost: insignificant,
/// <10%, 10-20%, 20-40%, >40%; time: insignificant, <5%, 5-10%, 10-20%, >20%). "Insignificant"
/// has no number in the Guide; 1% of budget or duration is taken for it here.
fn pmbok_impact_bands() -> Vec<ImpactBand> {
    [("Very low", 0.01, 0.01, 0.05), ("Low", 0.10, 0.05, 0.10), ("Moderate", 0.20, 0.10, 0.20), ("High", 0.40, 0.20, 0.40), ("Very high", 1.0, 1.0, 0.80)]
        .into_iter()
        .map(|(label, cost, schedule, value)| ImpactBand {
            label: label.to_string(),
            cost_share_up_to: cost,
            schedule_share_up_to: schedule,
            value,
        })
        .collect()
}

/// Probability bands centred on the ratings .1 .3 .5 .7 .9: each takes the fifth of 0..1 around
/// its rating.
fn quintile_probability_bands() -> Vec<ProbabilityBand> {
    [("Very low", 0.2, 0.1), ("Low", 0.4, 0.3), ("Medium", 0.6, 0.5), ("High", 0.8, 0.7), ("Very high", 1.0, 0.9)]
        .into_iter()
        .map(|(label, up_to, value)| ProbabilityBand { label: label.to_string(), up_to, value })
        .collect()
}

fn score_bands(bands: &[(&str, f64)]) -> Vec<ScoreBand> {
    bands.iter().map(|&(label, from)| ScoreBand { label: label.to_string(), from }).collect()
}

impl ScoringScheme {
    /// The common 5x5 matrix: the PMBOK bands, scored by level product 1..25; low below 5,
    /// medium 5 to 12, high from 13 (the first products there are 15 and 16).
    pub fn five_by_five() -> ScoringScheme {
        ScoringScheme {
            name: "5x5".to_string(),
            probability_bands: quintile_probability_bands(),
            impact_bands: pmbok_impact_bands(),
            score_rule: ScoreRule::LevelProduct,
            score_bands: score_bands(&[("low", 0.0), ("medium", 5.0), ("high", 13.0)]),
        }
    }

    /// The PMBOK Guide's probability and impact matrix (4th edition, figure 11-10): score =
    /// probability rating x impact rating; high from 0.18, moderate from 0.05, low below.
    pub fn pmbok() -> ScoringScheme {
        ScoringScheme {
            name: "PMBOK".to_string(),
            probability_bands: quintile_probability_bands(),
            impact_bands: pmbok_impact_bands(),
            score_rule: ScoreRule::ValueProduct,
            score_bands: score_bands(&[("low", 0.0), ("moderate", 0.05), ("high", 0.18)]),
        }
    }

    /// Checks that every scale has bands, finite numbers and ascending thresholds.
    pub fn check(&self) -> Result<(), SchemeError> {
        check_scale("probability", self.probability_bands.iter().map(|band| (band.up_to, band.value)))?;
        check_scale("cost impact", self.impact_bands.iter().map(|band| (band.cost_share_up_to, band.value)))?;
        check_scale("schedule impact", self.impact_bands.iter().map(|band| (band.schedule_share_up_to, band.value)))?;
        check_scale("score", self.score_bands.iter().map(|band| (band.from, 0.0)))?;
        Ok(())
    }

    pub fn probability_levels(&self) -> u8 {
        u8::try_from(self.probability_bands.len()).unwrap_or(u8::MAX)
    }

    pub fn impact_levels(&self) -> u8 {
        u8::try_from(self.impact_bands.len()).unwrap_or(u8::MAX)
    }

    /// The level (1-based) of a probability.
    pub fn probability_level(&self, probability: f64) -> u8 {
        level_of(self.probability_bands.iter().map(|band| band.up_to), probability)
    }

    /// The level of a cost impact given as a share of the budget.
    pub fn cost_level(&self, share: f64) -> u8 {
        level_of(self.impact_bands.iter().map(|band| band.cost_share_up_to), share)
    }

    /// The level of a schedule impact given as a share of the planned duration.
    pub fn schedule_level(&self, share: f64) -> u8 {
        level_of(self.impact_bands.iter().map(|band| band.schedule_share_up_to), share)
    }

    /// The score of a cell; levels outside the scale are clamped into it.
    pub fn score(&self, probability_level: u8, impact_level: u8) -> f64 {
        match self.score_rule {
            ScoreRule::LevelProduct => f64::from(probability_level) * f64::from(impact_level),
            ScoreRule::ValueProduct => {
                let probability = band_at(&self.probability_bands, probability_level).map_or(0.0, |band| band.value);
                let impact = band_at(&self.impact_bands, impact_level).map_or(0.0, |band| band.value);
                probability * impact
            }
        }
    }

    /// The label of the score band a score falls in (the lowest band for a score below all).
    pub fn band_of(&self, score: f64) -> String {
        let mut label = self.score_bands.first().map(|band| band.label.clone()).unwrap_or_default();
        for band in &self.score_bands {
            // A small tolerance so that 0.3 x 0.6 lands in a band starting at 0.18.
            if score + 1e-12 >= band.from {
                label = band.label.clone();
            }
        }
        label
    }
}

impl Default for ScoringScheme {
    fn default() -> ScoringScheme {
        ScoringScheme::five_by_five()
    }
}

fn band_at<T>(bands: &[T], level: u8) -> Option<&T> {
    let index = usize::from(level.max(1)) - 1;
    bands.get(index.min(bands.len().saturating_sub(1)))
}

fn check_scale(scale: &'static str, bands: impl Iterator<Item = (f64, f64)>) -> Result<(), SchemeError> {
    let mut previous = f64::NEG_INFINITY;
    let mut count = 0usize;
    for (index, (threshold, value)) in bands.enumerate() {
        if !threshold.is_finite() || !value.is_finite() {
            return Err(SchemeError::NotFinite { scale, index });
        }
        if threshold < previous {
            return Err(SchemeError::NotAscending { scale, index });
        }
        previous = threshold;
        count += 1;
    }
    if count == 0 {
        return Err(SchemeError::NoBands(scale));
    }
    if count > usize::from(u8::MAX) {
        return Err(SchemeError::TooManyBands(scale));
    }
    Ok(())
}

/// The first band whose threshold the value does not exceed; the top band for anything above.
fn level_of(thresholds: impl ExactSizeIterator<Item = f64>, value: f64) -> u8 {
    let count = thresholds.len().clamp(1, usize::from(u8::MAX));
    let mut level = count;
    for (index, threshold) in thresholds.enumerate() {
        if value <= threshold + 1e-12 {
            level = index + 1;
            break;
        }
    }
    u8::try_from(level.min(count)).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_well_formed() {
        assert_eq!(ScoringScheme::five_by_five().check(), Ok(()));
        assert_eq!(ScoringScheme::pmbok().check(), Ok(()));
    }

    #[test]
    fn thresholds_are_inclusive_and_the_top_band_takes_the_rest() {
        let scheme = ScoringScheme::five_by_five();
        assert_eq!(scheme.probability_level(0.0), 1);
        assert_eq!(scheme.probability_level(0.2), 1);
        assert_eq!(scheme.probability_level(0.21), 2);
        assert_eq!(scheme.probability_level(1.0), 5);
        assert_eq!(scheme.cost_level(0.10), 2);
        assert_eq!(scheme.cost_level(3.0), 5);
        assert_eq!(scheme.schedule_level(0.10), 3);
    }

    #[test]
    fn pmbok_scores_are_rating_products_and_bands_follow_the_guide() {
        let scheme = ScoringScheme::pmbok();
        // .9 x .2 = .18 is the first high cell; .7 x .2 = .14 is moderate; .9 x .05 = .045 is low.
        assert!((scheme.score(5, 3) - 0.18).abs() < 1e-12);
        assert_eq!(scheme.band_of(scheme.score(5, 3)), "high");
        assert_eq!(scheme.band_of(scheme.score(4, 3)), "moderate");
        assert_eq!(scheme.band_of(scheme.score(5, 1)), "low");
        assert_eq!(scheme.band_of(scheme.score(3, 2)), "moderate");
    }

    #[test]
    fn a_broken_scheme_is_refused_not_trusted() {
        let mut scheme = ScoringScheme::five_by_five();
        scheme.probability_bands.swap(0, 1);
        assert_eq!(scheme.check().map_err(|error| error.code()), Err("scheme_not_ascending"));
        scheme.probability_bands.clear();
        assert_eq!(scheme.check().map_err(|error| error.code()), Err("scheme_no_bands"));
        let mut scheme = ScoringScheme::pmbok();
        scheme.impact_bands[2].value = f64::NAN;
        assert_eq!(scheme.check().map_err(|error| error.code()), Err("scheme_not_finite"));
    }
}
