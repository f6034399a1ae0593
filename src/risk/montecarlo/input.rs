//! What a simulation is asked to do: uncertain durations, risk events, correlations, the
//! number of iterations, the seed and options; and the errors bad input gives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::copula::{CorrelationError, CorrelationGroup};
use super::distribution::{Distribution, DistributionError};
use crate::model::{DateTime, Risk, RiskKind, RiskStatus};
use crate::schedule::compile::CompileError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationInput {
    /// Activity id -> its duration in working days. Activities not named keep their planned
    /// duration.
    #[serde(default)]
    pub durations: BTreeMap<String, Distribution>,
    #[serde(default)]
    pub risks: Vec<RiskEvent>,
    #[serde(default)]
    pub correlations: Vec<CorrelationGroup>,
    pub iterations: usize,
    pub seed: u64,
    #[serde(default)]
    pub options: SimulationOptions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationOptions {
    /// Stratify each uncertain duration's uniforms (Latin hypercube) instead of plain draws.
    #[serde(default)]
    pub latin_hypercube: bool,
    /// Compute the risk tornado (finish P80 with and without each risk). It reruns the passes
    /// once per risk that occurred in an iteration, so it is off unless asked for.
    #[serde(default)]
    pub risk_tornado: bool,
    /// Bins of the finish and cost histograms (40 by default, at most 10,000).
    #[serde(default = "default_bins")]
    pub histogram_bins: usize,
    /// Probability of finishing within this many working days of the project start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_target_days: Option<f64>,
    /// Probability of finishing by this date (a date alone means the end of that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_target_date: Option<DateTime>,
    /// Probability of the cost staying within this budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Milestones whose dates are reported; absent means every milestone of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone_ids: Option<Vec<String>>,
}

fn default_bins() -> usize {
    40
}

impl Default for SimulationOptions {
    fn default() -> Self {
        SimulationOptions {
            latin_hypercube: false,
            risk_tornado: false,
            histogram_bins: default_bins(),
            finish_target_days: None,
            finish_target_date: None,
            budget: None,
            milestone_ids: None,
        }
    }
}

/// A risk event: with `probability` it occurs in an iteration, and then lengthens each of its
/// activities by `schedule_impact` and adds `cost_impact` (drawn from a distribution; a
/// negative amount is a saving) to the cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RiskEvent {
    pub id: String,
    pub probability: f64,
    #[serde(default)]
    pub activity_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_impact: Option<ScheduleImpact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_impact: Option<Distribution>,
}

/// How much a risk lengthens each activity it touches (negative shortens, for an opportunity).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
pub enum ScheduleImpact {
    /// Working days added to the activity.
    Days { days: f64 },
    /// A fraction of the activity's sampled duration in that iteration (0.2 adds 20 %).
    Fraction { fraction: f64 },
}

impl RiskEvent {
    /// A register risk as an event: its probability, its cost and schedule impacts as fixed
    /// amounts (an opportunity's as negative ones). A closed or unassessed risk gives None; one
    /// that has occurred is certain.
    pub fn from_register(risk: &Risk) -> Option<RiskEvent> {
        let probability = match risk.status {
            RiskStatus::Closed => return None,
            RiskStatus::Occurred => 1.0,
            RiskStatus::Open => risk.probability?,
        };
        let sign = if risk.kind == RiskKind::Opportunity { -1.0 } else { 1.0 };
        Some(RiskEvent {
            id: risk.id.clone(),
            probability,
            activity_ids: risk.activity_ids.clone(),
            schedule_impact: risk.schedule_impact_days.map(|days| ScheduleImpact::Days { days: sign * days }),
            cost_impact: risk.cost_impact.map(|value| Distribution::Fixed { value: sign * value }),
        })
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MonteCarloError {
    #[error("A simulation needs at least one iteration.")]
    ZeroIterations,
    #[error("The duration of activity {activity_id}: {source}")]
    Duration { activity_id: String, source: DistributionError },
    #[error("There is no activity {activity_id} in the project, so its duration cannot be simulated.")]
    UnknownActivity { activity_id: String },
    #[error("Activity {activity_id} is a summary or inactive, so it has no duration of its own to simulate.")]
    NotSchedulable { activity_id: String },
    #[error("Risk {risk_id} has probability {probability}; a probability must be between 0 and 1.")]
    Probability { risk_id: String, probability: f64 },
    #[error("Risk {risk_id} names activity {activity_id}, which is not a task of the project.")]
    RiskActivity { risk_id: String, activity_id: String },
    #[error("The cost impact of risk {risk_id}: {source}")]
    RiskCost { risk_id: String, source: DistributionError },
    #[error("The schedule impact of risk {risk_id} is not a finite number.")]
    RiskSchedule { risk_id: String },
    #[error("Correlation group {group}: {source}")]
    Correlation { group: usize, source: CorrelationError },
    #[error("Correlation group {group} names activity {activity_id}, which has no duration distribution (or is named in another group).")]
    CorrelationActivity { group: usize, activity_id: String },
    #[error("Milestone {activity_id} is not an activity of the project.")]
    UnknownMilestone { activity_id: String },
    #[error("{iterations} iterations would keep {per_iteration} numbers each, more than a browser can hold; ask for at most {limit} iterations, or give fewer activities a distribution.")]
    TooLarge { iterations: usize, per_iteration: usize, limit: usize },
    #[error(transparent)]
    Compile(#[from] CompileError),
}

impl MonteCarloError {
    /// A stable code for the boundary.
    pub fn code(&self) -> &'static str {
        match self {
            MonteCarloError::ZeroIterations => "zero_iterations",
            MonteCarloError::Duration { source, .. } | MonteCarloError::RiskCost { source, .. } => source.code(),
            MonteCarloError::UnknownActivity { .. } => "unknown_activity",
            MonteCarloError::NotSchedulable { .. } => "activity_not_schedulable",
            MonteCarloError::Probability { .. } => "probability_out_of_range",
            MonteCarloError::RiskActivity { .. } => "risk_unknown_activity",
            MonteCarloError::RiskSchedule { .. } => "invalid_schedule_impact",
            MonteCarloError::Correlation { source, .. } => source.code(),
            MonteCarloError::CorrelationActivity { .. } => "correlation_activity",
            MonteCarloError::UnknownMilestone { .. } => "unknown_milestone",
            MonteCarloError::TooLarge { .. } => "simulation_too_large",
            MonteCarloError::Compile(_) => "compile_failed",
        }
    }

    /// Where in the request the offending value is (risks by id, since register risks join the
    /// request's own).
    pub fn path(&self) -> String {
        match self {
            MonteCarloError::ZeroIterations | MonteCarloError::TooLarge { .. } => "iterations".to_string(),
            MonteCarloError::Duration { activity_id, .. } | MonteCarloError::UnknownActivity { activity_id } | MonteCarloError::NotSchedulable { activity_id } => {
                format!("durations.{activity_id}")
            }
            MonteCarloError::Probability { risk_id, .. } => format!("risks[id={risk_id}].probability"),
            MonteCarloError::RiskActivity { risk_id, .. } => format!("risks[id={risk_id}].activityIds"),
            MonteCarloError::RiskCost { risk_id, .. } => format!("risks[id={risk_id}].costImpact"),
            MonteCarloError::RiskSchedule { risk_id } => format!("risks[id={risk_id}].scheduleImpact"),
            MonteCarloError::Correlation { group, .. } => format!("correlations[{group}].matrix"),
            MonteCarloError::CorrelationActivity { group, .. } => format!("correlations[{group}].activityIds"),
            MonteCarloError::UnknownMilestone { .. } => "options.milestoneIds".to_string(),
            MonteCarloError::Compile(_) => String::new(),
        }
    }
}
