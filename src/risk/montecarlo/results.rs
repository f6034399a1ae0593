//! What a simulation reports: the finish and cost distributions, the chances of meeting a
//! date and a budget, criticality and sensitivity per activity, the risk tornado, milestone
//! percentiles and a convergence check. Durations and finishes are in working days of
//! `MINUTES_PER_DAY` minutes, counted on the project calendar from the project start.

use serde::Serialize;

use super::simulate::Simulation;
use super::statistics::{integer_sample_statistics, quantile_sorted, Percentile, RankScratch, RankedSample, SampleSummary, REPORTED_PERCENTILES};
use crate::model::{DateTime, MINUTES_PER_DAY};
use crate::schedule::calendar::date_time_of;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonteCarloResults {
    /// Iterations the figures are based on (fewer than asked if the run was stopped early).
    pub iterations: usize,
    /// Working days from the project start to the project finish.
    pub finish_days: SampleSummary,
    /// The finish percentiles as dates on the project calendar.
    pub finish_dates: Vec<PercentileDate>,
    pub cost: SampleSummary,
    /// Share of iterations finishing by the target (days or date) in the options.
    pub probability_finish_by_target: Option<f64>,
    /// Share of iterations whose cost is within the budget in the options.
    pub probability_within_budget: Option<f64>,
    /// Share of iterations meeting both (joint confidence).
    pub joint_confidence: Option<f64>,
    pub activities: Vec<ActivityStatistics>,
    /// Largest swing first; empty unless `riskTornado` was asked for.
    pub risk_tornado: Vec<TornadoBar>,
    pub milestones: Vec<MilestoneStatistics>,
    pub convergence: Convergence,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PercentileDate {
    pub percentile: u8,
    pub date: DateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityStatistics {
    pub activity_id: String,
    /// Share of iterations in which the activity was critical (total float ≤ 0).
    pub criticality_index: f64,
    pub mean_duration_days: f64,
    pub sd_duration_days: f64,
    /// Spearman rank correlation of the activity's duration with the finish; None when either
    /// does not vary.
    pub duration_finish_correlation: Option<f64>,
    /// Schedule sensitivity index: criticality × sd(activity) ÷ sd(finish); None when the
    /// finish does not vary.
    pub schedule_sensitivity_index: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TornadoBar {
    pub risk_id: String,
    pub finish_p80_days: f64,
    pub finish_p80_without_days: f64,
    /// P80 with the risk minus P80 without it.
    pub swing_days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneStatistics {
    pub activity_id: String,
    /// Working days from the project start to the milestone.
    pub percentiles: Vec<Percentile>,
    pub mean_days: f64,
}

/// How much P80 moved over the last 1,000 iterations: P80 of all iterations minus P80 of all
/// but the last 1,000. None with 1,000 iterations or fewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Convergence {
    pub finish_p80_days: f64,
    pub p80_change_last_1000_days: Option<f64>,
    /// The change as a share of P80 (None also when P80 is 0).
    pub p80_relative_change_last_1000: Option<f64>,
}

fn days(minutes: i64) -> f64 {
    minutes as f64 / MINUTES_PER_DAY as f64
}

fn share(count: usize, total: usize) -> f64 {
    count as f64 / total as f64
}

impl Simulation {
    /// The figures over the iterations run so far; None before the first.
    pub fn results(&self) -> Option<MonteCarloResults> {
        let n = self.done;
        if n == 0 {
            return None;
        }
        let bins = self.options.histogram_bins;
        let finish: Vec<f64> = self.finish_minutes.iter().map(|&m| days(m)).collect();
        let mut sorted_finish = finish.clone();
        sorted_finish.sort_by(f64::total_cmp);
        let finish_days = SampleSummary::of_sorted(&finish, &sorted_finish, bins)?;
        let cost = SampleSummary::of(&self.cost, bins)?;
        let finish_dates = REPORTED_PERCENTILES
            .iter()
            .map(|&percentile| {
                let minutes = (finish_days.percentile(percentile).unwrap_or(0.0) * MINUTES_PER_DAY as f64).round() as i64;
                PercentileDate { percentile, date: DateTime(date_time_of(self.moment_after(minutes))) }
            })
            .collect();

        let on_time = |i: usize| self.finish_target_minutes.map(|target| self.finish_minutes[i] <= target);
        let in_budget = |i: usize| self.options.budget.map(|budget| self.cost[i] <= budget);
        let probability_finish_by_target = self.finish_target_minutes.map(|_| share((0..n).filter(|&i| on_time(i) == Some(true)).count(), n));
        let probability_within_budget = self.options.budget.map(|_| share((0..n).filter(|&i| in_budget(i) == Some(true)).count(), n));
        let joint_confidence = (self.finish_target_minutes.is_some() && self.options.budget.is_some())
            .then(|| share((0..n).filter(|&i| on_time(i) == Some(true) && in_budget(i) == Some(true)).count(), n));

        let finish_sd = finish_days.sd.filter(|&sd| sd > 0.0);
        let (ranked_finish, mut scratch) = (RankedSample::of(&finish), RankScratch::default());
        let activities = self
            .slots
            .iter()
            .zip(&self.critical_counts)
            .map(|(slot, &count)| {
                let criticality_index = share(count as usize, n);
                let (mean_duration_days, sd_duration_days, duration_finish_correlation) = match slot.varying {
                    Some(row) => {
                        let minutes = &self.durations[row * self.iterations..row * self.iterations + n];
                        let (mean, sd, correlation) = integer_sample_statistics(minutes, &ranked_finish, &mut scratch);
                        (mean / MINUTES_PER_DAY as f64, sd.unwrap_or(0.0) / MINUTES_PER_DAY as f64, correlation)
                    }
                    None => (days(slot.planned_minutes), 0.0, None),
                };
                ActivityStatistics {
                    activity_id: slot.activity_id.clone(),
                    criticality_index,
                    mean_duration_days,
                    sd_duration_days,
                    duration_finish_correlation,
                    schedule_sensitivity_index: finish_sd.map(|sd| criticality_index * sd_duration_days / sd),
                }
            })
            .collect();

        let finish_p80 = finish_days.percentile(80).unwrap_or(0.0);
        let mut risk_tornado = Vec::new();
        if self.options.risk_tornado {
            let mut without = Vec::with_capacity(n);
            for (index, risk) in self.risks.iter().enumerate() {
                without.clear();
                without.extend(self.finish_without[index * self.iterations..index * self.iterations + n].iter().map(|&m| days(m)));
                without.sort_by(f64::total_cmp);
                let p80_without = quantile_sorted(&without, 0.8).unwrap_or(0.0);
                risk_tornado.push(TornadoBar { risk_id: risk.id.clone(), finish_p80_days: finish_p80, finish_p80_without_days: p80_without, swing_days: finish_p80 - p80_without });
            }
            risk_tornado.sort_by(|a, b| b.swing_days.total_cmp(&a.swing_days));
        }

        let milestones = self
            .milestones
            .iter()
            .enumerate()
            .map(|(index, (activity_id, _))| {
                let mut values: Vec<f64> = self.milestone_minutes[index * self.iterations..index * self.iterations + n].iter().map(|&m| days(m)).collect();
                let mean_days = values.iter().sum::<f64>() / n as f64;
                values.sort_by(f64::total_cmp);
                let percentiles = REPORTED_PERCENTILES.iter().map(|&p| Percentile { percentile: p, value: quantile_sorted(&values, p as f64 / 100.0).unwrap_or(0.0) }).collect();
                MilestoneStatistics { activity_id: activity_id.clone(), percentiles, mean_days }
            })
            .collect();

        let p80_change_last_1000_days = (n > 1000).then(|| {
            let mut earlier = finish[..n - 1000].to_vec();
            earlier.sort_by(f64::total_cmp);
            finish_p80 - quantile_sorted(&earlier, 0.8).unwrap_or(0.0)
        });
        let convergence = Convergence {
            finish_p80_days: finish_p80,
            p80_change_last_1000_days,
            p80_relative_change_last_1000: p80_change_last_1000_days.filter(|_| finish_p80 != 0.0).map(|change| change / finish_p80),
        };

        Some(MonteCarloResults {
            iterations: n,
            finish_days,
            finish_dates,
            cost,
            probability_finish_by_target,
            probability_within_budget,
            joint_confidence,
            activities,
            risk_tornado,
            milestones,
            convergence,
        })
    }

    /// Share of the iterations run so far finishing within `days` working days of the start.
    pub fn probability_finish_within_days(&self, days: f64) -> Option<f64> {
        let limit = (days * MINUTES_PER_DAY as f64).round() as i64;
        (self.done > 0).then(|| share(self.finish_minutes.iter().filter(|&&m| m <= limit).count(), self.done))
    }

    /// Share of the iterations run so far costing at most `budget`.
    pub fn probability_within_budget(&self, budget: f64) -> Option<f64> {
        (self.done > 0).then(|| share(self.cost.iter().filter(|&&c| c <= budget).count(), self.done))
    }
}
