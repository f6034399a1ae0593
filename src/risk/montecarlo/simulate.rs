//! The simulation loop over the compiled schedule network.
//!
//! The project is compiled once. Each iteration draws one uniform per uncertain duration
//! (plain or Latin hypercube), correlates the ones in a correlation group through the Gaussian
//! copula, turns them into durations by inversion, lets each risk event occur or not (and adds
//! its impacts), rounds the durations to working minutes and runs the forward and backward
//! passes. Iterations run `LANES` at a time: the flat passes (schedule::flat) take all of them in
//! one walk of the network; a network with dates of its own runs the full passes once per
//! iteration into one reused `Dates`. Each iteration records the finish (in working minutes of
//! the project calendar after the project start), the cost, which activities were critical
//! (total float ≤ 0), each varying activity's duration and each reported milestone's finish. All
//! of those buffers are sized when the simulation is created, so an iteration allocates nothing.
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
use crate::schedule::flat::{FlatLanes, FlatNetwork, LANES};
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
    /// The varying rows (see `Simulation::varying`) its schedule impact moves.
    rows: Vec<usize>,
    impact: Option<ScheduleImpact>,
    cost: Option<Distribution>,
}

/// Minutes rounded half away from zero, as `f64::round`, negative ones (and NaN) as 0. Written
/// with a truncating conversion because `round` is a library call on both targets, and it runs
/// once per varying activity per iteration. Saturates at i64::MAX.
fn whole_minutes(minutes: f64) -> i64 {
    let minutes = minutes.max(0.0);
    let whole = minutes as i64;
    // The fraction is exact: a float minus its integer part loses nothing. No branch: the
    // fraction is random, so a branch on it would be mispredicted half the time.
    whole + i64::from(minutes - whole as f64 >= 0.5 && whole < i64::MAX)
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
    /// Iterations run `LANES` at a time. Their durations, `[node * LANES + lane]`, and with the
    /// flat form their dates.
    lanes: FlatLanes,
    random: Random,
    latin_hypercube: Option<LatinHypercube>,
    pub(super) options: SimulationOptions,
    pub(super) iterations: usize,
    pub(super) done: usize,
    pub(super) slots: Vec<Slot>,
    /// The slots with a distribution, one sampled dimension each.
    dimensions: Vec<usize>,
    /// Each dimension's row in `varying`.
    dimension_rows: Vec<usize>,
    /// Each dimension's cost per sampled working minute, and the cost that does not vary with
    /// duration (see the module comment).
    cost_rates: Vec<f64>,
    fixed_cost: f64,
    groups: Vec<Group>,
    pub(super) risks: Vec<CompiledRisk>,
    // Per block of iterations, `[dimension, risk or row * LANES + lane]`.
    uniforms: Vec<f64>,
    occurred: Vec<bool>,
    /// The sampled (or planned) working minutes of each varying row, before risk impacts.
    base_minutes: Vec<f64>,
    /// The same with the impacts of the risks that occurred.
    total_minutes: Vec<f64>,
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
            risks.push((CompiledRisk { id: risk.id.clone(), probability: risk.probability, rows: Vec::new(), impact: risk.schedule_impact, cost: risk.cost_impact.clone() }, risk_slots));
        }

        let mut varying = Vec::new();
        for (slot, entry) in slots.iter_mut().enumerate() {
            if entry.distribution.is_some() || risks.iter().any(|(_, risk_slots)| risk_slots.contains(&slot)) {
                entry.varying = Some(varying.len());
                varying.push(slot);
            }
        }
        let row_of = |slot: usize| slots[slot].varying.unwrap_or(0);
        let risks: Vec<CompiledRisk> = risks.into_iter().map(|(risk, risk_slots)| CompiledRisk { rows: risk_slots.into_iter().map(row_of).collect(), ..risk }).collect();
        let dimension_rows: Vec<usize> = dimensions.iter().map(|&slot| row_of(slot)).collect();
        let duration_costs = |slot: &Slot| slot.distribution.is_some() && slot.planned_minutes > 0;
        let cost_rates = dimensions.iter().map(|&slot| if duration_costs(&slots[slot]) { slots[slot].cost / slots[slot].planned_minutes as f64 } else { 0.0 }).collect();
        let fixed_cost = slots.iter().filter(|slot| !duration_costs(slot)).map(|slot| slot.cost).sum();

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
        let base_minutes: Vec<f64> = varying.iter().flat_map(|&slot| [slots[slot].planned_minutes as f64; LANES]).collect();
        Ok(Simulation {
            dates: Dates::default(),
            flat: FlatNetwork::of(&compiled.network, &compiled.settings),
            lanes: FlatLanes::of(&compiled.network),
            random,
            latin_hypercube,
            options: input.options.clone(),
            iterations,
            done: 0,
            uniforms: vec![0.0; dimensions.len() * LANES],
            occurred: vec![false; risks.len() * LANES],
            total_minutes: base_minutes.clone(),
            base_minutes,
            dimension_rows,
            cost_rates,
            fixed_cost,
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
            let lanes = (end - self.done).min(LANES);
            self.iterate(lanes);
            self.done += lanes;
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

    /// The full passes for one lane's durations; returns the finish in working minutes after
    /// the project start.
    fn reschedule_lane(&mut self, lane: usize) -> i64 {
        for &slot in &self.varying {
            let node = self.slots[slot].node;
            self.compiled.network.nodes[node].duration = self.lanes.duration[node * LANES + lane];
        }
        passes::schedule(&self.compiled.network, &self.compiled.settings, &mut self.dates);
        self.compiled.network.calendars[0].work_between(self.compiled.settings.project_start, self.dates.project_finish)
    }

    /// Working minutes after the project start at which `node` finishes early, after
    /// `reschedule_lane`.
    fn early_finish_of(&self, node: usize) -> i64 {
        let network = &self.compiled.network;
        let moment = network.calendar_of(node).moment_at(self.dates.early_finish[node]);
        network.calendars[0].work_between(self.compiled.settings.project_start, moment)
    }

    fn schedule_impact_minutes(&self, risk: usize, row: usize, lane: usize) -> f64 {
        match self.risks[risk].impact {
            Some(ScheduleImpact::Days { days }) => days * MINUTES_PER_DAY as f64,
            Some(ScheduleImpact::Fraction { fraction }) => fraction * self.base_minutes[row * LANES + lane],
            None => 0.0,
        }
    }

    /// Iterations `done .. done + count` (count ≤ LANES), one per lane.
    fn iterate(&mut self, count: usize) {
        let first = self.done;
        let mut cost = [self.fixed_cost; LANES];
        // The draws, iteration by iteration in the order the module comment states. The
        // generator is a local while it runs so its state stays in registers.
        let mut random = self.random.clone();
        for lane in 0..count {
            for (dimension, uniforms) in self.uniforms.chunks_exact_mut(LANES).enumerate() {
                let jitter = random.next_f64();
                uniforms[lane] = match &self.latin_hypercube {
                    Some(plan) => plan.uniform(dimension, first + lane, jitter),
                    None => jitter,
                };
            }
            for group in &mut self.groups {
                for (k, &dimension) in group.dimensions.iter().enumerate() {
                    group.independent[k] = normal_quantile(self.uniforms[dimension * LANES + lane].clamp(1e-16, 1.0 - 1e-16));
                }
                correlate(&group.factor, &group.independent, &mut group.correlated);
                for (k, &dimension) in group.dimensions.iter().enumerate() {
                    self.uniforms[dimension * LANES + lane] = normal_cdf(group.correlated[k]);
                }
            }
            for (risk, occurred) in self.risks.iter().zip(self.occurred.chunks_exact_mut(LANES)) {
                let occurs = random.next_f64() < risk.probability;
                let cost_draw = random.next_f64();
                occurred[lane] = occurs;
                if let (true, Some(distribution)) = (occurs, &risk.cost) {
                    cost[lane] += distribution.quantile(cost_draw);
                }
            }
        }
        self.random = random;
        // Durations by inversion, one distribution across all the lanes at a time. Lanes past
        // `count` hold an earlier block's uniforms: computed, never recorded.
        for (dimension, &slot) in self.dimensions.iter().enumerate() {
            let Some(distribution) = &self.slots[slot].distribution else { continue };
            let row = self.dimension_rows[dimension];
            let sampled = &mut self.base_minutes[row * LANES..row * LANES + LANES];
            distribution.quantiles(&self.uniforms[dimension * LANES..dimension * LANES + LANES], sampled);
            let rate = self.cost_rates[dimension];
            for (lane, minutes) in sampled.iter_mut().enumerate() {
                *minutes = (*minutes * MINUTES_PER_DAY as f64).max(0.0);
                cost[lane] += rate * *minutes;
            }
        }
        self.total_minutes.copy_from_slice(&self.base_minutes);
        for risk in 0..self.risks.len() {
            for lane in 0..count {
                if !self.occurred[risk * LANES + lane] {
                    continue;
                }
                for k in 0..self.risks[risk].rows.len() {
                    let row = self.risks[risk].rows[k];
                    self.total_minutes[row * LANES + lane] += self.schedule_impact_minutes(risk, row, lane);
                }
            }
        }
        for (row, &slot) in self.varying.iter().enumerate() {
            let node = self.slots[slot].node;
            for lane in 0..LANES {
                self.lanes.duration[node * LANES + lane] = whole_minutes(self.total_minutes[row * LANES + lane]);
            }
            for lane in 0..count {
                self.durations[row * self.iterations + first + lane] = self.lanes.duration[node * LANES + lane].min(i32::MAX as i64) as i32;
            }
        }
        self.cost.extend_from_slice(&cost[..count]);

        let mut finish = [0; LANES];
        if let Some(flat) = &self.flat {
            flat.schedule(&mut self.lanes, true);
            finish = self.lanes.finish;
            for (slot, entry) in self.slots.iter().enumerate() {
                let critical = (0..count).filter(|&lane| self.lanes.total_float(entry.node, lane) <= 0).count();
                self.critical_counts[slot] += if entry.finished { 0 } else { critical as u64 };
            }
            for (index, &(_, node)) in self.milestones.iter().enumerate() {
                for lane in 0..count {
                    self.milestone_minutes[index * self.iterations + first + lane] = self.lanes.early_finish_after_start(node, lane, flat);
                }
            }
        } else {
            for lane in 0..count {
                finish[lane] = self.reschedule_lane(lane);
                for slot in 0..self.slots.len() {
                    if !self.slots[slot].finished && self.dates.total_float[self.slots[slot].node] <= 0 {
                        self.critical_counts[slot] += 1;
                    }
                }
                for index in 0..self.milestones.len() {
                    self.milestone_minutes[index * self.iterations + first + lane] = self.early_finish_of(self.milestones[index].1);
                }
            }
        }
        self.finish_minutes.extend_from_slice(&finish[..count]);
        if self.options.risk_tornado {
            self.rerun_without_each_risk(count, &finish);
        }
    }

    /// For each risk that occurred and moved durations: the finish with that risk's schedule
    /// impact taken out and everything else as drawn (common random numbers).
    fn rerun_without_each_risk(&mut self, count: usize, finish: &[i64; LANES]) {
        let first = self.done;
        for risk in 0..self.risks.len() {
            let moved: [bool; LANES] = std::array::from_fn(|lane| lane < count && self.occurred[risk * LANES + lane] && !self.risks[risk].rows.is_empty());
            for lane in 0..count {
                self.finish_without[risk * self.iterations + first + lane] = finish[lane];
            }
            if !moved.contains(&true) {
                continue;
            }
            self.set_durations_without(risk, &moved, true);
            let index = risk * self.iterations + first;
            match &self.flat {
                Some(flat) => {
                    flat.schedule(&mut self.lanes, false);
                    for lane in (0..count).filter(|&lane| moved[lane]) {
                        self.finish_without[index + lane] = self.lanes.finish[lane];
                    }
                }
                None => {
                    for lane in (0..count).filter(|&lane| moved[lane]) {
                        self.finish_without[index + lane] = self.reschedule_lane(lane);
                    }
                }
            }
            self.set_durations_without(risk, &moved, false);
        }
    }

    /// Takes `risk`'s schedule impact out of the moved lanes' durations, or puts it back.
    fn set_durations_without(&mut self, risk: usize, moved: &[bool], without: bool) {
        for k in 0..self.risks[risk].rows.len() {
            let row = self.risks[risk].rows[k];
            let node = self.slots[self.varying[row]].node;
            for lane in (0..LANES).filter(|&lane| moved[lane]) {
                let impact = if without { self.schedule_impact_minutes(risk, row, lane) } else { 0.0 };
                self.lanes.duration[node * LANES + lane] = whole_minutes(self.total_minutes[row * LANES + lane] - impact);
            }
        }
    }

    /// The project calendar's moment `minutes` of work after the project start.
    pub(super) fn moment_after(&self, minutes: i64) -> crate::schedule::calendar::Moment {
        self.compiled.network.calendars[0].add(self.compiled.settings.project_start, minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::whole_minutes;

    #[test]
    fn whole_minutes_rounds_as_the_standard_library_does() {
        let mut random = crate::random::Random::seeded(4);
        let edges = [0.0, 0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370495.5, 9007199254740993.0, 1e300];
        let drawn = (0..10_000).map(|_| random.uniform(0.0, 1e7));
        for minutes in edges.into_iter().chain(drawn) {
            assert_eq!(whole_minutes(minutes), minutes.round() as i64, "{minutes}");
        }
        assert_eq!(whole_minutes(-3.7), 0);
        assert_eq!(whole_minutes(f64::NAN), 0);
    }
}
