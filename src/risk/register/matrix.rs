//! The probability-impact heat map: how many open risks sit in each cell of the scheme's grid.
//!
//! PMBOK's double matrix: threats and opportunities are counted on separate grids of the same
//! scheme, so an opportunity never shows as a threat. Only open risks are counted: an occurred
//! risk is an issue now and a closed one is no longer in play.

use serde::Serialize;

use crate::model::{RiskKind, RiskStatus};

use super::scales::ScoringScheme;
use super::scoring::{ScoredRisk, View};

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatMapCell {
    pub probability_level: u8,
    pub impact_level: u8,
    pub score: f64,
    pub band: String,
    pub count: usize,
    pub risk_ids: Vec<String>,
}

/// Both grids for one view. Cells run by probability level, then impact level, from 1 up:
/// `cells[(probability_level - 1) * impact_levels + (impact_level - 1)]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatMap {
    pub view: View,
    pub probability_labels: Vec<String>,
    pub impact_labels: Vec<String>,
    pub threats: Vec<HeatMapCell>,
    pub opportunities: Vec<HeatMapCell>,
}

impl HeatMap {
    /// The threat or opportunity cell at the given levels, if they are on the grid.
    pub fn cell(&self, kind: RiskKind, probability_level: u8, impact_level: u8) -> Option<&HeatMapCell> {
        let cells = match kind {
            RiskKind::Threat => &self.threats,
            RiskKind::Opportunity => &self.opportunities,
        };
        cells.iter().find(|cell| cell.probability_level == probability_level && cell.impact_level == impact_level)
    }
}

fn empty_grid(scheme: &ScoringScheme) -> Vec<HeatMapCell> {
    let mut cells = Vec::with_capacity(scheme.probability_bands.len() * scheme.impact_bands.len());
    for probability_level in 1..=scheme.probability_levels() {
        for impact_level in 1..=scheme.impact_levels() {
            let score = scheme.score(probability_level, impact_level);
            cells.push(HeatMapCell { probability_level, impact_level, score, band: scheme.band_of(score), count: 0, risk_ids: Vec::new() });
        }
    }
    cells
}

/// Counts the open risks of `scored` (scored on `scheme`) into the grid of `view`.
pub fn heat_map(scored: &[ScoredRisk], scheme: &ScoringScheme, view: View) -> HeatMap {
    let mut threats = empty_grid(scheme);
    let mut opportunities = empty_grid(scheme);
    let impact_levels = usize::from(scheme.impact_levels());
    for risk in scored.iter().filter(|risk| risk.status == RiskStatus::Open) {
        let assessment = risk.assessment(view);
        let row = usize::from(assessment.probability_level.max(1)) - 1;
        let column = usize::from(assessment.impact_level.max(1)) - 1;
        let grid = match risk.kind {
            RiskKind::Threat => &mut threats,
            RiskKind::Opportunity => &mut opportunities,
        };
        // Levels come from the same scheme, so the index is on the grid; `get_mut` keeps a
        // mismatched scheme from panicking.
        if let Some(cell) = grid.get_mut(row * impact_levels + column) {
            cell.count += 1;
            cell.risk_ids.push(risk.id.clone());
        }
    }
    HeatMap {
        view,
        probability_labels: scheme.probability_bands.iter().map(|band| band.label.clone()).collect(),
        impact_labels: scheme.impact_bands.iter().map(|band| band.label.clone()).collect(),
        threats,
        opportunities,
    }
}
