//! The simulation loop over the compiled schedule network.
//!
//! The project is compiled once. Each iteration draws one uniform per uncertain duration
//! (plain or Latin hypercube), correlates the ones in a correlation group through the Gaussian
//! copula, turns them into durations by inversion, lets each risk event occur or not (and adds
//! its impacts), writes the durations into the network's task nodes as rounded working minutes
//! and runs the forward and backward passes into one reused `Dates`. It records the finish (in
//! working minutes of the project calendar after the project start), the cost, which activities
//! were critical (total float ≤ 0), each varying activity's duration and each reported
//! milestone's finish. All of those buffers are sized when the simulation is created, so an
//! iteration allocates nothing.
//!
//! Cost per iteration: each task's budgeted cost, scaled by sampled ÷ planned duration when its
//! duration is uncertain (time-dependent cost: the team is paid for as long as it works); tasks
//! with a fixed duration cost their budget; summaries' costs are not added (they roll up their
//! children); then the cost impacts of the risks that occurred. A risk's schedule impact does
//! not scale cost (its cost impact says what it costs), so nothing is counted twice.
//!
//! Draws come from one seeded generator in a fixed order (one jitter per uncertain duration,
//! then an occurrence draw and a cost draw per risk, whether or not it occurs), so a seed fixes
//! every number, and running the iterations in one chunk or many gives the same results bit
//! for bit. Durations of activities in progress: the sampled duration replaces the planned
//! duration; remaining work recorded on the activity is left as planned.

use std::collections::HashMap;

use super::copula::{cholesky, correlate};
use super::distribution::{Distribution, Sampler};
use super::input::{MonteCarloError, ScheduleImpact, SimulationInput, SimulationOptions};
use super::sampling::LatinHypercube;
use super::special::{normal_cdf, normal_quantile};
use crate::model::{Project, MINUTES_PER_DAY};
use crate::random::Random;
use crate::schedule::calendar::{moment_of, MINUTES_PER_CALENDAR_DAY};
use crate::schedule::compile::{compile, CompiledProject, Placement};
use crate::schedule::flat::{FlatDates, FlatNetwork};
use crate::schedule::passes::{self, Dates};

/// One task activity of the plan (summaries and inactive activities have none).
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub activity_id: String,
    pub node: usize,
    pub planned_minutes: i64,
    pub cost: f64,
    pub distribution: Option<Sampler>,
    /// Its row in the recorded durations, when its duration can vary.
    pub varying: Option<usize>,
    /// Finished work has no float to give but is not critical either (as the schedule reports
    /// it), so it never counts towards the criticality index.
    pub finished: bool,
}

#[derive(Debug, Clone)]
struct Group {
    /// Row-major Cholesky factor.
    factor: Vec<f64>,
    /// The sampled dimensions (indices into `Simulation::dimensions`) in matrix order.
    dimensions: Vec<usize>,
    independent: Vec<f64>,
    correlated: Vec<f64>,
}

#[derive(Debug, Clone)]
pub(super) struct CompiledRisk {
    pub id: String,
    probability: f64,
    slots: Vec<usize>,
    impact: Option<ScheduleImpact>,
    cost: Option<Distribution>,
}

/// How far a chunked run has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub finished: bool,
}

/// A simulation that can run in chunks (a Web Worker reports progress between them and stops
/// calling to cancel). Results depend only on the input, never on how it was chunked.
#[derive(Debug, Clone)]
pub struct Simulation {
    compiled: CompiledProject,
    dates: Dates,
    /// The integer form of the network when it has no dates of its own (see schedule::flat):
    /// the same results at a fraction of the cost per iteration.
    flat: Option<FlatNetwork>,
    flat_dates: FlatDates,
    random: Random,
    latin_hypercube: Option<LatinHypercube>,
    pub(super) options: SimulationOptions,
    pub(super) iterations: usize,
    pub(super) done: usize,
    pub(super) slots: Vec<Slot>,
    /// The slots with a distribution, one sampled dimension each.
    dimensions: Vec<usize>,
    groups: Vec<Group>,
    pub(super) risks: Vec<CompiledRisk>,
    uniforms: Vec<f64>,
    sampled_minutes: Vec<f64>,
    total_minutes: Vec<f64>,
    occurred: Vec<bool>,
    /// Slots whose duration can vary (a distribution, or a risk touches them).
    pub(super) varying: Vec<usize>,
    // Records, one entry per iteration.
    pub(super) finish_minutes: Vec<i64>,
    pub(super) cost: Vec<f64>,
    pub(super) critical_counts: Vec<u64>,
    /// `durations[row * iterations + iteration]`, working minutes.
    pub(super) durations: Vec<i32>,
    pub(super) milestones: Vec<(String, usize)>,
    /// `milestone_minutes[milestone * iterations + iteration]`.
    pub(super) milestone_minutes: Vec<i64>,
    /// `finish_without[risk * iterations + iteration]`, when the tornado is asked for.
    pub(super) finish_without: Vec<i64>,
    pub(super) finish_target_minutes: Option<i64>,
}

/// Recorded numbers a simulation may keep (about 400 MB at most).
const MAX_RECORDS: usize = 50_000_000;

impl Simulation {
    /// Checks the input against the project and compiles the project once.
    pub fn new(project: &Project, input: &SimulationInput) -> Result<Simulation, MonteCarloError> {
        let iterations = input.iterations;
        if iterations == 0 {
            return Err(MonteCarloError::ZeroIterations);
        }
        let compiled = compile(project, "project")?;
        let mut slots = Vec::new();
        let mut slot_of: HashMap<&str, usize> = HashMap::new();
        let mut known: HashMap<&str, Placement> = HashMap::new();
        for (activity, placement) in project.activities.iter().zip(&compiled.placement) {
            known.insert(activity.id.as_str(), *placement);
            if let Placement::Task(node) = *placement {
                slot_of.insert(activity.id.as_str(), slots.len());
                slots.push(Slot {
                    activity_id: activity.id.clone(),
                    node: node as usize,
                    planned_minutes: compiled.network.nodes[node as usize].duration,
                    cost: activity.cost,
                    distribution: None,
                    varying: None,
                    finished: activity.actual_finish.is_some(),
                });
            }
        }
        let task_slot = |activity_id: &str| -> Result<usize, MonteCarloError> {
            match known.get(activity_id) {
                None => Err(MonteCarloError::UnknownActivity { activity_id: activity_id.to_string() }),
                Some(Placement::Task(_)) => Ok(slot_of[activity_id]),
                Some(_) => Err(MonteCarloError::NotSchedulable { activity_id: activity_id.to_string() }),
            }
        };

        let mut dimensions = Vec::with_capacity(input.durations.len());
        let mut dimension_of: HashMap<usize, usize> = HashMap::new();
        for (activity_id, distribution) in &input.durations {
            let slot = task_slot(activity_id)?;
            distribution.validate().map_err(|source| MonteCarloError::Duration { activity_id: activity_id.clone(), source })?;
            slots[slot].distribution = Some(distribution.sampler());
            dimension_of.insert(slot, dimensions.len());
            dimensions.push(slot);
        }

        let mut grouped = vec![false; dimensions.len()];
        let mut groups = Vec::with_capacity(input.correlations.len());
        for (group, correlation) in input.correlations.iter().enumerate() {
            if correlation.matrix.len() != correlation.activity_ids.len() {
                let source = super::copula::CorrelationError::Shape { expected: correlation.activity_ids.len(), row: correlation.matrix.len() };
                return Err(MonteCarloError::Correlation { group, source });
            }
            let factor = cholesky(&correlation.matrix).map_err(|source| MonteCarloError::Correlation { group, source })?;
            let mut members = Vec::with_capacity(correlation.activity_ids.len());
            for activity_id in &correlation.activity_ids {
                let dimension = slot_of.get(activity_id.as_str()).and_then(|slot| dimension_of.get(slot)).copied().filter(|&d| !grouped[d]);
                let Some(dimension) = dimension else {
                    return Err(MonteCarloError::CorrelationActivity { group, activity_id: activity_id.clone() });
                };
                grouped[dimension] = true;
                members.push(dimension);
            }
            let size = members.len();
            groups.push(Group { factor, dimensions: members, independent: vec![0.0; size], correlated: vec![0.0; size] });
        }

        let mut risks = Vec::with_capacity(input.risks.len());
        for risk in &input.risks {
            if !(0.0..=1.0).contains(&risk.probability) {
                return Err(MonteCarloError::Probability { risk_id: risk.id.clone(), probability: risk.probability });
            }
            let mut risk_slots = Vec::with_capacity(risk.activity_ids.len());
            for activity_id in &risk.activity_ids {
                let Some(&slot) = slot_of.get(activity_id.as_str()) else {
                    return Err(MonteCarloError::RiskActivity { risk_id: risk.id.clone(), activity_id: activity_id.clone() });
                };
                if !risk_slots.contains(&slot) {
                    risk_slots.push(slot);
                }
            }
            if let Some(cost) = &risk.cost_impact {
                cost.validate().map_err(|source| MonteCarloError::RiskCost { risk_id: risk.id.clone(), source })?;
            }
            let finite = match risk.schedule_impact {
                Some(ScheduleImpact::Days { days }) => days.is_finite(),
                Some(ScheduleImpact::Fraction { fraction }) => fraction.is_finite(),
                None => true,
            };
            if !finite {
                return Err(MonteCarloError::RiskSchedule { risk_id: risk.id.clone() });
            }
            if risk.schedule_impact.is_none() {
                risk_slots.clear();
            }
            risks.push(CompiledRisk { id: risk.id.clone(), probability: risk.probability, slots: risk_slots, impact: risk.schedule_impact, cost: risk.cost_impact.clone() });
        }

        let mut varying = Vec::new();
        for (slot, entry) in slots.iter_mut().enumerate() {
            if entry.distribution.is_some() || risks.iter().any(|r| r.slots.contains(&slot)) {
                entry.varying = Some(varying.len());
                varying.push(slot);
            }
        }

        let milestone_ids: Vec<String> = match &input.options.milestone_ids {
            Some(ids) => ids.clone(),
            None => project.activities.iter().filter(|a| a.milestone && slot_of.contains_key(a.id.as_str())).map(|a| a.id.clone()).collect(),
        };
        let mut milestones = Vec::with_capacity(milestone_ids.len());
        for activity_id in milestone_ids {
            let node = match known.get(activity_id.as_str()) {
                Some(Placement::Task(node)) => *node as usize,
                Some(Placement::Summary { finish, .. }) => *finish as usize,
                _ => return Err(MonteCarloError::UnknownMilestone { activity_id }),
            };
            milestones.push((activity_id, node));
        }

        let mut random = Random::seeded(input.seed);
        let calendar = &compiled.network.calendars[0];
        let finish_target_minutes = match (input.options.finish_target_days, input.options.finish_target_date) {
            (Some(days), _) => Some((days * MINUTES_PER_DAY as f64).round() as i64),
            (None, Some(date)) => {
                let moment = moment_of(date.0);
                let moment = if moment.rem_euclid(MINUTES_PER_CALENDAR_DAY) == 0 { moment + MINUTES_PER_CALENDAR_DAY } else { moment };
                Some(calendar.work_between(compiled.settings.project_start, moment))
            }
            (None, None) => None,
        };
        // Every sample is kept for the statistics; refuse a run whose records would not fit in
        // the memory a browser tab gives (running out of memory aborts wasm, it cannot unwind).
        let tornado_rows = if input.options.risk_tornado { risks.len() } else { 0 };
        let per_iteration = varying.len() + milestones.len() + tornado_rows + 3 + if input.options.latin_hypercube { dimensions.len() } else { 0 };
        let records = per_iteration.saturating_mul(iterations);
        if records > MAX_RECORDS {
            return Err(MonteCarloError::TooLarge { iterations, per_iteration, limit: MAX_RECORDS / per_iteration });
        }
        let latin_hypercube = input.options.latin_hypercube.then(|| LatinHypercube::new(dimensions.len(), iterations, &mut random));
        let sampled_minutes: Vec<f64> = slots.iter().map(|s| s.planned_minutes as f64).collect();
        Ok(Simulation {
            dates: Dates::default(),
            flat: FlatNetwork::of(&compiled.network, &compiled.settings),
            flat_dates: FlatDates::default(),
            random,
            latin_hypercube,
            options: input.options.clone(),
            iterations,
            done: 0,
            uniforms: vec![0.0; dimensions.len()],
            total_minutes: sampled_minutes.clone(),
            sampled_minutes,
            occurred: vec![false; risks.len()],
            finish_minutes: Vec::with_capacity(iterations),
            cost: Vec::with_capacity(iterations),
            critical_counts: vec![0; slots.len()],
            durations: vec![0; varying.len() * iterations],
            milestone_minutes: vec![0; milestones.len() * iterations],
            finish_without: if input.options.risk_tornado { vec![0; risks.len() * iterations] } else { Vec::new() },
            finish_target_minutes,
            compiled,
            slots,
            dimensions,
            groups,
            risks,
            varying,
            milestones,
        })
    }

    /// Runs up to `count` more iterations.
    pub fn run_chunk(&mut self, count: usize) -> Progress {
        let end = self.done.saturating_add(count).min(self.iterations);
        while self.done < end {
            self.iterate();
            self.done += 1;
        }
        self.progress()
    }

    /// Each iteration's finish so far, in working days after the project start.
    pub fn finish_days_samples(&self) -> Vec<f64> {
        self.finish_minutes.iter().map(|&minutes| minutes as f64 / MINUTES_PER_DAY as f64).collect()
    }

    pub fn progress(&self) -> Progress {
        Progress { done: self.done, total: self.iterations, finished: self.done == self.iterations }
    }

    /// What compiling the project reported (links left out and why).
    pub fn findings(&self) -> &[crate::model::Finding] {
        &self.compiled.findings
    }

    /// Runs the passes on the durations now in the network; returns the finish in working
    /// minutes after the project start.
    fn reschedule(&mut self) -> i64 {
        match &self.flat {
            Some(flat) => {
                flat.schedule(&self.compiled.network, &mut self.flat_dates);
                self.flat_dates.finish
            }
            None => {
                passes::schedule(&self.compiled.network, &self.compiled.settings, &mut self.dates);
                self.compiled.network.calendars[0].work_between(self.compiled.settings.project_start, self.dates.project_finish)
            }
        }
    }

    fn is_critical(&self, node: usize) -> bool {
        match &self.flat {
            Some(_) => self.flat_dates.total_float[node] <= 0,
            None => self.dates.total_float[node] <= 0,
        }
    }

    /// Working minutes after the project start at which `node` finishes early.
    fn early_finish_of(&self, node: usize) -> i64 {
        match &self.flat {
            Some(flat) => self.flat_dates.early_finish_after_start(node, flat),
            None => {
                let network = &self.compiled.network;
                let moment = network.calendar_of(node).moment_at(self.dates.early_finish[node]);
                network.calendars[0].work_between(self.compiled.settings.project_start, moment)
            }
        }
    }

    fn schedule_impact_minutes(&self, risk: usize, slot: usize) -> f64 {
        match self.risks[risk].impact {
            Some(ScheduleImpact::Days { days }) => days * MINUTES_PER_DAY as f64,
            Some(ScheduleImpact::Fraction { fraction }) => fraction * self.sampled_minutes[slot],
            None => 0.0,
        }
    }

    fn iterate(&mut self) {
        let iteration = self.done;
        for (dimension, uniform) in self.uniforms.iter_mut().enumerate() {
            let jitter = self.random.next_f64();
            *uniform = match &self.latin_hypercube {
                Some(plan) => plan.uniform(dimension, iteration, jitter),
                None => jitter,
            };
        }
        for group in &mut self.groups {
            for (k, &dimension) in group.dimensions.iter().enumerate() {
                group.independent[k] = normal_quantile(self.uniforms[dimension].clamp(1e-16, 1.0 - 1e-16));
            }
            correlate(&group.factor, &group.independent, &mut group.correlated);
            for (k, &dimension) in group.dimensions.iter().enumerate() {
                self.uniforms[dimension] = normal_cdf(group.correlated[k]);
            }
        }
        let mut cost = 0.0;
        for (dimension, &slot) in self.dimensions.iter().enumerate() {
            if let Some(distribution) = &self.slots[slot].distribution {
                self.sampled_minutes[slot] = (distribution.quantile(self.uniforms[dimension]) * MINUTES_PER_DAY as f64).max(0.0);
            }
        }
        for (index, slot) in self.slots.iter().enumerate() {
            cost += match slot.distribution {
                Some(_) if slot.planned_minutes > 0 => slot.cost * self.sampled_minutes[index] / slot.planned_minutes as f64,
                _ => slot.cost,
            };
        }
        for &slot in &self.varying {
            self.total_minutes[slot] = self.sampled_minutes[slot];
        }
        for risk in 0..self.risks.len() {
            let occurs = self.random.next_f64() < self.risks[risk].probability;
            let cost_draw = self.random.next_f64();
            self.occurred[risk] = occurs;
            if !occurs {
                continue;
            }
            if let Some(distribution) = &self.risks[risk].cost {
                cost += distribution.quantile(cost_draw);
            }
            for k in 0..self.risks[risk].slots.len() {
                let slot = self.risks[risk].slots[k];
                self.total_minutes[slot] += self.schedule_impact_minutes(risk, slot);
            }
        }
        for &slot in &self.varying {
            let minutes = self.total_minutes[slot].max(0.0).round() as i64;
            self.compiled.network.nodes[self.slots[slot].node].duration = minutes;
            let row = self.slots[slot].varying.unwrap_or(0);
            self.durations[row * self.iterations + iteration] = minutes.min(i32::MAX as i64) as i32;
        }
        let finish = self.reschedule();
        self.finish_minutes.push(finish);
        self.cost.push(cost);
        for slot in 0..self.slots.len() {
            if !self.slots[slot].finished && self.is_critical(self.slots[slot].node) {
                self.critical_counts[slot] += 1;
            }
        }
        for index in 0..self.milestones.len() {
            self.milestone_minutes[index * self.iterations + iteration] = self.early_finish_of(self.milestones[index].1);
        }
        if self.options.risk_tornado {
            self.rerun_without_each_risk(iteration, finish);
        }
    }

    /// For each risk that occurred and moved durations: the finish with that risk's schedule
    /// impact taken out and everything else as drawn (common random numbers).
    fn rerun_without_each_risk(&mut self, iteration: usize, finish: i64) {
        for risk in 0..self.risks.len() {
            let index = risk * self.iterations + iteration;
            if !self.occurred[risk] || self.risks[risk].slots.is_empty() {
                self.finish_without[index] = finish;
                continue;
            }
            for k in 0..self.risks[risk].slots.len() {
                let slot = self.risks[risk].slots[k];
                let without = (self.total_minutes[slot] - self.schedule_impact_minutes(risk, slot)).max(0.0).round() as i64;
                self.compiled.network.nodes[self.slots[slot].node].duration = without;
            }
            self.finish_without[index] = self.reschedule();
            for k in 0..self.risks[risk].slots.len() {
                let slot = self.risks[risk].slots[k];
                self.compiled.network.nodes[self.slots[slot].node].duration = self.total_minutes[slot].max(0.0).round() as i64;
            }
        }
    }

    /// The project calendar's moment `minutes` of work after the project start.
    pub(super) fn moment_after(&self, minutes: i64) -> crate::schedule::calendar::Moment {
        self.compiled.network.calendars[0].add(self.compiled.settings.project_start, minutes)
    }
}
