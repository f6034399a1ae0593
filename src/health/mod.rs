//! Project health: a score from 0 to 100 and a band for each dimension and overall, computed from
//! the data with thresholds the PMO owns (`policy`), each carrying its evidence (`facts`,
//! `score`); the health of a unit of the organisation tree from its projects'; and the schedule
//! quality checks (DCMA 14-point) that feed the data-quality dimension.

pub mod facts;
pub mod policy;
pub mod schedule_quality;
pub mod score;

use serde::Serialize;

pub use facts::{IdKind, Observation};
pub use schedule_quality::{assess_schedule_quality, QualityCheck, QualityOptions, ScheduleQualityReport};
pub use policy::{Band, BandFrom, Comparison, Dimension, HealthPolicy, Metric, PolicyError, Rule, Scale, Weight};
pub use score::{DimensionHealth, Evidence, Readings};

use crate::model::{Date, Project, Rag};
use score::{dimensions_with_evidence, readings_of, score_readings, OverallScore};

/// The overall verdict and the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverallHealth {
    pub score: Option<f64>,
    pub band: Band,
    pub label: &'static str,
    pub capped_by: Option<Dimension>,
    pub held: bool,
    pub unknown_because: Option<Dimension>,
    pub explanation: String,
}

/// The overall score at an earlier status report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthPoint {
    pub date: Date,
    pub score: Option<f64>,
    pub band: Band,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectHealth {
    pub project_id: String,
    pub name: String,
    pub as_of: Date,
    pub scale: Scale,
    pub overall: OverallHealth,
    pub dimensions: Vec<DimensionHealth>,
    /// Earlier status reports, oldest first, then this assessment.
    pub trend: Vec<HealthPoint>,
    /// The colour the project manager reported in the latest snapshot, shown beside ours.
    pub manual_rag: Option<Rag>,
}

fn explain(overall: &OverallScore, previous: Option<Band>, policy: &HealthPolicy) -> String {
    if let Some(dimension) = overall.unknown_because {
        return format!("Unknown: {} cannot be measured, and the policy needs it for an overall colour.", dimension.label());
    }
    let Some(score) = overall.score else {
        return "Unknown: no dimension can be measured.".to_string();
    };
    match overall.capped_by {
        Some(dimension) if overall.band == Band::Red => {
            return format!("Red because {} is red (any red dimension caps the whole at red); the weighted score is {score:.1}.", dimension.label());
        }
        Some(dimension) => {
            return format!(
                "{} because {} is {} (the whole is never better than a required dimension); the weighted score is {score:.1}.",
                overall.band.label(),
                dimension.label(),
                overall.band.label()
            );
        }
        None => {}
    }
    if overall.held {
        let previous = previous.map_or("", Band::label);
        return format!(
            "{previous}: the weighted score {score:.1} reads as {} but is within {} points of the boundary, so the previous band stands.",
            policy.band_of(score).label(),
            policy.hysteresis_points
        );
    }
    format!("{}: weighted score {score:.1} of 100.", overall.band.label())
}

/// Assembles a project's health from its observations and the trend already scored.
pub fn project_health(
    (project_id, name, as_of): (String, String, Date),
    observations: &[Observation],
    policy: &HealthPolicy,
    earlier: Vec<HealthPoint>,
    manual_rag: Option<Rag>,
) -> ProjectHealth {
    let previous = earlier.last().map(|point| point.band);
    let (scores, overall) = score_readings(&readings_of(observations), policy, previous);
    let mut trend = earlier;
    trend.push(HealthPoint { date: as_of, score: overall.score, band: overall.band });
    ProjectHealth {
        project_id,
        name,
        as_of,
        scale: policy.scale,
        overall: OverallHealth {
            score: overall.score,
            band: overall.band,
            label: overall.band.label(),
            capped_by: overall.capped_by,
            held: overall.held,
            unknown_because: overall.unknown_because,
            explanation: explain(&overall, previous, policy),
        },
        dimensions: dimensions_with_evidence(observations, &scores, policy),
        trend,
        manual_rag,
    }
}

/// Scores a series of earlier readings in date order, each band held against the one before.
pub fn score_trend(points: impl IntoIterator<Item = (Date, Readings)>, policy: &HealthPolicy) -> Vec<HealthPoint> {
    let mut trend: Vec<HealthPoint> = Vec::new();
    for (date, readings) in points {
        let previous = trend.last().map(|p| p.band);
        let (_, overall) = score_readings(&readings, policy, previous);
        trend.push(HealthPoint { date, score: overall.score, band: overall.band });
    }
    trend
}

/// How many projects are in each band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BandCounts {
    pub green: usize,
    pub amber_green: usize,
    pub amber: usize,
    pub amber_red: usize,
    pub red: usize,
    pub unknown: usize,
}

impl BandCounts {
    pub fn add(&mut self, band: Band) {
        match band {
            Band::Green => self.green += 1,
            Band::AmberGreen => self.amber_green += 1,
            Band::Amber => self.amber += 1,
            Band::AmberRed => self.amber_red += 1,
            Band::Red => self.red += 1,
            Band::Unknown => self.unknown += 1,
        }
    }
}

/// One project in a unit's health list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectHealthRow {
    pub project_id: String,
    pub name: String,
    pub unit_id: Option<String>,
    pub currency: String,
    pub budget_at_completion: f64,
    pub score: Option<f64>,
    pub band: Band,
    pub band_label: &'static str,
    /// The evidence that cost most, as sentences, worst first (at most three).
    pub reasons: Vec<String>,
}

impl ProjectHealthRow {
    /// The row of a project from its observations, without writing the evidence nobody reads
    /// in a list: only the (at most three) costliest items become sentences.
    pub fn of(project: &Project, observations: &[Observation], previous: Option<Band>, policy: &HealthPolicy) -> ProjectHealthRow {
        let (_, overall) = score_readings(&readings_of(observations), policy, previous);
        let mut costly: Vec<(f64, &Observation)> = observations
            .iter()
            .filter_map(|o| {
                let rule = policy.rules.iter().find(|r| r.metric == o.metric)?;
                let value = *o.value.as_ref().ok()?;
                let points = score::points_of(rule, value);
                (points > 0.0).then_some((points, o))
            })
            .collect();
        costly.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut reasons: Vec<String> = costly
            .iter()
            .take(3)
            .map(|(_, o)| format!("{}: {}", o.metric.dimension().label(), score::evidence_of(o, policy).explanation))
            .collect();
        if overall.band == Band::Unknown {
            reasons.insert(0, explain(&overall, previous, policy));
        }
        ProjectHealthRow {
            project_id: project.id.clone(),
            name: project.name.clone(),
            unit_id: project.org_unit_id.clone(),
            currency: project.currency.clone(),
            budget_at_completion: project.budget_at_completion,
            score: overall.score,
            band: overall.band,
            band_label: overall.band.label(),
            reasons,
        }
    }
}

/// Where a band sorts in a worst-first list: red, then unknown (nobody can vouch for it), then
/// the ambers, then green.
fn attention(band: Band) -> u8 {
    match band {
        Band::Red => 0,
        Band::Unknown => 1,
        Band::AmberRed => 2,
        Band::Amber => 3,
        Band::AmberGreen => 4,
        Band::Green => 5,
    }
}

/// The health of a unit of the organisation tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitHealth {
    pub unit_id: String,
    pub name: String,
    pub as_of: Option<Date>,
    pub project_count: usize,
    pub band_counts: BandCounts,
    /// The projects' overall scores weighted as `weighting` says; projects of unknown health are
    /// left out and counted above.
    pub score: Option<f64>,
    pub weighting: Weighting,
    pub band: Band,
    pub band_label: &'static str,
    pub currency: String,
    /// Every project, worst first.
    pub projects: Vec<ProjectHealthRow>,
}

/// How a unit's score weighs its projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Weighting {
    /// By budget at completion in the reporting currency.
    Budget,
    /// Equally: the budgets are in currencies with no rates given, so they cannot be compared.
    Equal,
}

/// A unit's health from its projects' rows; `weight_of` gives each row's weight as `weighting`
/// says.
pub fn unit_health(
    (unit_id, name, as_of, currency): (String, String, Option<Date>, String),
    mut projects: Vec<ProjectHealthRow>,
    weight_of: impl Fn(&ProjectHealthRow) -> f64,
    weighting: Weighting,
    policy: &HealthPolicy,
) -> UnitHealth {
    let mut band_counts = BandCounts::default();
    let (mut weighted, mut total) = (0.0, 0.0);
    for row in &projects {
        band_counts.add(row.band);
        if let Some(score) = row.score.filter(|_| row.band != Band::Unknown) {
            let weight = weight_of(row).max(0.0);
            weighted += weight * score;
            total += weight;
        }
    }
    let score = (total > 0.0).then(|| weighted / total);
    let band = score.map_or(Band::Unknown, |s| policy.band_of(s));
    projects.sort_by(|a, b| {
        attention(a.band).cmp(&attention(b.band)).then(a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0))).then(a.project_id.cmp(&b.project_id))
    });
    UnitHealth { unit_id, name, as_of, project_count: projects.len(), band_counts, score, weighting, band, band_label: band.label(), currency, projects }
}
