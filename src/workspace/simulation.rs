//! Monte Carlo schedule and cost risk through the Workspace: a simulation of one project built
//! from the document (its register's risks by default) plus what the caller asks, run in chunks
//! so a Web Worker can report progress and stop.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Workspace, WorkspaceError};
use crate::risk::montecarlo::{CorrelationGroup, Distribution, RiskEvent, Simulation, SimulationInput, SimulationOptions};

/// What the caller asks of a simulation.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationRequest {
    pub iterations: usize,
    /// The same seed gives the same results, natively and in wasm.
    #[serde(default)]
    pub seed: u64,
    /// Activity id -> its duration distribution in working days.
    #[serde(default)]
    pub durations: BTreeMap<String, Distribution>,
    /// Every other task varies over this range of its planned duration, as a triangular with
    /// the planned duration most likely (e.g. 0.9 and 1.3); absent, they keep their duration.
    #[serde(default)]
    pub default_range: Option<DurationRange>,
    /// Include the project's open risks (occurred ones as certain) from its register.
    #[serde(default = "yes")]
    pub register_risks: bool,
    /// Further risk events.
    #[serde(default)]
    pub risks: Vec<RiskEvent>,
    #[serde(default)]
    pub correlations: Vec<CorrelationGroup>,
    #[serde(default)]
    pub options: SimulationOptions,
}

fn yes() -> bool {
    true
}

/// Shares of the planned duration: optimistic below 1, pessimistic above.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DurationRange {
    pub optimistic: f64,
    pub pessimistic: f64,
}

impl Workspace {
    /// A simulation of project `project_id`, ready to run; nothing has been drawn yet.
    pub fn simulation(&self, project_id: &str, request: SimulationRequest) -> Result<Simulation, WorkspaceError> {
        let project = self.project(project_id)?;
        let mut durations = request.durations;
        if let Some(range) = request.default_range {
            if !(range.optimistic.is_finite() && range.pessimistic.is_finite() && 0.0 <= range.optimistic && range.optimistic <= 1.0 && range.pessimistic >= 1.0) {
                return Err(WorkspaceError::InvalidOption {
                    field: "defaultRange".to_string(),
                    why: format!("the optimistic share must be from 0 to 1 and the pessimistic share 1 or more; got {} and {}", range.optimistic, range.pessimistic),
                });
            }
            let summaries: std::collections::HashSet<&str> = project.activities.iter().filter_map(|a| a.parent_id.as_deref()).collect();
            for activity in project.activities.iter().filter(|a| a.active && !a.milestone && !summaries.contains(a.id.as_str())) {
                let days = activity.duration_days.days();
                if days > 0.0 && !durations.contains_key(&activity.id) {
                    let triangular = Distribution::Triangular { min: days * range.optimistic, mode: days, max: days * range.pessimistic };
                    durations.insert(activity.id.clone(), triangular);
                }
            }
        }
        let mut risks: Vec<RiskEvent> = if request.register_risks { project.risks.iter().filter_map(RiskEvent::from_register).collect() } else { Vec::new() };
        risks.extend(request.risks);
        let input = SimulationInput { durations, risks, correlations: request.correlations, iterations: request.iterations, seed: request.seed, options: request.options };
        Simulation::new(project, &input).map_err(|error| {
            let path = error.path();
            WorkspaceError::Simulation(error, path)
        })
    }
}
