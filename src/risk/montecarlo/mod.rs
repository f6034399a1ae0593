//! Monte Carlo schedule and cost risk analysis (issue #5, item 2).
//!
//! Uncertain durations (`distribution`), correlated through a Gaussian copula (`copula`),
//! sampled plainly or by Latin hypercube (`sampling`), and risk events are simulated over the
//! project's compiled schedule network (`simulate`), which is compiled once and rescheduled
//! per iteration without allocating. `results` summarises the iterations (type-7
//! percentiles, criticality, Spearman sensitivity, SSI, tornado, convergence). `three_point`
//! is the classic PERT closed form, for comparison with the simulation.
//!
//! `run` does it all in one call; `Simulation` runs in chunks so a Web Worker can report
//! progress and cancel. The same input and seed give the same results bit for bit.

pub mod copula;
pub mod distribution;
pub mod input;
pub mod results;
pub mod sampling;
pub mod simulate;
pub mod special;
pub mod statistics;
pub mod three_point;

pub use copula::{CorrelationError, CorrelationGroup};
pub use distribution::{Distribution, DistributionError};
pub use input::{MonteCarloError, RiskEvent, ScheduleImpact, SimulationInput, SimulationOptions};
pub use results::MonteCarloResults;
pub use simulate::{Progress, Simulation};

use crate::model::Project;

/// Runs every iteration and summarises them.
pub fn run(project: &Project, input: &SimulationInput) -> Result<MonteCarloResults, MonteCarloError> {
    let mut simulation = Simulation::new(project, input)?;
    simulation.run_chunk(input.iterations);
    simulation.results().ok_or(MonteCarloError::ZeroIterations)
}
