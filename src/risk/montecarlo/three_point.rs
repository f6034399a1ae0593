//! The classic PERT closed form (Malcolm, Roseboom, Clark and Fazar, 1959): each activity's
//! expected duration (o + 4m + p)/6 and standard deviation (p − o)/6; the project's expected
//! duration is the sum of expected durations along the critical path of the expected-duration
//! schedule, its variance the sum of their variances, and a percentile is read from the normal
//! approximation. It ignores merge bias (parallel paths that could become critical), which is
//! what the simulation adds; it is kept to compare the two.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::distribution::Distribution;
use super::input::MonteCarloError;
use super::special::normal_quantile;
use crate::model::{Project, MINUTES_PER_DAY};
use crate::schedule::compile::{compile, Placement};
use crate::schedule::passes::{self, link_gap, Dates};

/// Optimistic, most likely and pessimistic durations in working days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreePointEstimate {
    pub optimistic: f64,
    pub most_likely: f64,
    pub pessimistic: f64,
}

impl ThreePointEstimate {
    pub fn expected(&self) -> f64 {
        (self.optimistic + 4.0 * self.most_likely + self.pessimistic) / 6.0
    }

    pub fn sd(&self) -> f64 {
        (self.pessimistic - self.optimistic) / 6.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PertEstimate {
    /// Working days from the project start.
    pub expected_days: f64,
    pub sd_days: f64,
    /// The activities of the critical path the figures are summed over, first to last.
    pub critical_path: Vec<String>,
}

impl PertEstimate {
    /// The normal approximation's percentile (p in (0, 1)).
    pub fn normal_percentile(&self, probability: f64) -> f64 {
        self.expected_days + normal_quantile(probability) * self.sd_days
    }
}

pub fn classic_pert(project: &Project, estimates: &BTreeMap<String, ThreePointEstimate>) -> Result<PertEstimate, MonteCarloError> {
    let mut compiled = compile(project, "project")?;
    let mut activity_of_node = vec![None; compiled.network.nodes.len()];
    for (index, placement) in compiled.placement.iter().enumerate() {
        if let Placement::Task(node) = *placement {
            activity_of_node[node as usize] = Some(index);
        }
    }
    for (activity_id, estimate) in estimates {
        let as_pert = Distribution::Pert { min: estimate.optimistic, mode: estimate.most_likely, max: estimate.pessimistic, shape: 4.0 };
        as_pert.validate().map_err(|source| MonteCarloError::Duration { activity_id: activity_id.clone(), source })?;
        let index = project.activities.iter().position(|a| &a.id == activity_id).ok_or_else(|| MonteCarloError::UnknownActivity { activity_id: activity_id.clone() })?;
        let Placement::Task(node) = compiled.placement[index] else {
            return Err(MonteCarloError::NotSchedulable { activity_id: activity_id.clone() });
        };
        compiled.network.nodes[node as usize].duration = (estimate.expected() * MINUTES_PER_DAY as f64).round() as i64;
    }
    let mut dates = Dates::default();
    passes::schedule(&compiled.network, &compiled.settings, &mut dates);
    let network = &compiled.network;
    // The last critical node to finish, then back along driving links (no gap) between
    // critical nodes.
    let finish_of = |node: usize| network.calendar_of(node).moment_at(dates.early_finish[node]);
    let mut current = (0..network.nodes.len()).filter(|&n| dates.total_float[n] <= 0).max_by_key(|&n| (finish_of(n), std::cmp::Reverse(n)));
    let mut path = Vec::new();
    while let Some(node) = current {
        path.push(node);
        current = network.predecessors.links_of(node).iter().find(|link| dates.total_float[link.from as usize] <= 0 && link_gap(network, link, &dates) == 0).map(|link| link.from as usize);
    }
    path.reverse();
    let (mut expected_days, mut variance, mut critical_path) = (0.0, 0.0, Vec::new());
    for node in path {
        let Some(index) = activity_of_node[node] else { continue };
        let activity = &project.activities[index];
        match estimates.get(&activity.id) {
            Some(estimate) => {
                expected_days += estimate.expected();
                variance += estimate.sd() * estimate.sd();
            }
            None => expected_days += network.nodes[node].duration as f64 / MINUTES_PER_DAY as f64,
        }
        critical_path.push(activity.id.clone());
    }
    Ok(PertEstimate { expected_days, sd_days: variance.sqrt(), critical_path })
}
