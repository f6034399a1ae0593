//! The risk register read as numbers: each risk scored on configurable probability and impact
//! scales before and after its response, the probability-impact heat map, and expected monetary
//! value rolled up into contingency and management reserves, by category, owner, project and
//! portfolio, and over the project's status dates.
//!
//! Everything here is a pure function of the model plus a scheme or policy given as data, so the
//! dashboard can change a threshold and ask again. References: PMBOK Guide (probability and
//! impact assessment, probability and impact matrix, expected monetary value analysis,
//! contingency and management reserves).

pub mod exposure;
pub mod matrix;
pub mod scales;
pub mod scoring;
pub mod trend;

pub use exposure::{
    portfolio_exposure, project_exposure, register_exposure, ContingencyPolicy, Exposure, ExposureGroup, ExposurePolicy,
    PortfolioExposure, ProjectExposure, RiskValue,
};
pub use matrix::{heat_map, HeatMap, HeatMapCell};
pub use scales::{ImpactBand, ProbabilityBand, ScoreBand, ScoreRule, ScoringScheme, SchemeError};
pub use scoring::{score_project, score_risk, score_risks, Assessment, ImpactBasis, RiskField, ScoredRisk, View};
pub use trend::{exposure_trend, project_exposure_trend, TrendPoint};
