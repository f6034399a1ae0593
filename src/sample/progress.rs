//! Progress and money over time: what was done and spent by the status date (actual dates,
//! percent complete, actual cost per activity), the monthly status snapshots (cumulative
//! planned value, earned value and actual cost, as ANSI/EIA-748 earned value defines them),
//! and the monthly financials (plan, actuals for closed months, forecast from the status
//! month on).
//!
//! One model drives all three, so they agree: work runs at the project's pace (planned working
//! time achieved per working day, with a little spread per activity and nothing achieved while
//! the project is paused), each activity's planned value is earned linearly over its planned
//! duration, and actual cost is earned value times the project's cost factor. Past the status
//! date the same model is the forecast.

use crate::model::time::MINUTES_PER_DAY;
use crate::model::{Date, DateTime, Expenditure, FinancialEntry, Rag, StatusSnapshot, WorkDuration, YearMonth};
use crate::random::Random;

use super::catalogue::{
    Situation, COMMENTARY_COMPLETE, COMMENTARY_LATE, COMMENTARY_ON_HOLD, COMMENTARY_ON_TRACK, COMMENTARY_OVERSPENDING,
    COMMENTARY_OVER_BUDGET, COMMENTARY_SLIPPING,
};
use super::plan::{Kind, Plan};
use super::profile::{pick, round_to, Profile};
use super::workdays::{ceil_to_half_day, half_days, last_day, month_ends};

/// Below this share of the budget, ratios of early, tiny amounts say nothing.
const MEANINGFUL_SHARE: f64 = 0.02;
/// Share of amber and red months a project manager reports one colour better than the numbers.
const OPTIMISM: f64 = 0.3;

/// How fast the project turns elapsed working time into planned work.
pub struct Pace {
    rate: f64,
    /// Working minutes (from the project start) when work stopped and when it resumes.
    pause: Option<(f64, f64)>,
}

impl Pace {
    /// Planned working minutes achieved after `elapsed` working minutes.
    fn achieved(&self, elapsed: f64) -> f64 {
        let worked = match self.pause {
            Some((stopped, _)) if elapsed <= stopped => elapsed,
            Some((stopped, resumed)) => stopped + (elapsed - resumed).max(0.0),
            None => elapsed,
        };
        worked * self.rate
    }

    /// The elapsed working minutes by which `achieved` planned minutes are done.
    fn elapsed_for(&self, achieved: f64) -> f64 {
        let worked = achieved / self.rate;
        match self.pause {
            Some((stopped, resumed)) if worked > stopped => resumed + (worked - stopped),
            _ => worked,
        }
    }

    fn is_paused(&self, elapsed: f64) -> bool {
        self.pause.is_some_and(|(stopped, resumed)| elapsed > stopped && elapsed < resumed)
    }
}

/// The project's pace, each work package's own speed and cost, and when each activity starts
/// and finishes in elapsed working minutes.
pub struct Performance {
    pace: Pace,
    /// How much faster than its planned duration a work package gets done once started (at
    /// least 1, so work finishes inside its planned slot and the next one in a chain never
    /// starts before it has finished).
    activity_speed: Vec<f64>,
    activity_cost_factor: Vec<f64>,
    started_at: Vec<f64>,
    finished_at: Vec<f64>,
}

/// Cumulative amounts at one moment, by expenditure type (capex, opex).
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    planned: [f64; 2],
    earned: [f64; 2],
    actual: [f64; 2],
}

fn slot(expenditure: Expenditure) -> usize {
    match expenditure {
        Expenditure::Capex => 0,
        Expenditure::Opex => 1,
    }
}

impl Performance {
    pub fn draw(profile: &Profile, plan: &Plan, random: &mut Random) -> Performance {
        let pause = profile
            .pause
            .map(|(stopped, resumes)| (plan.clock.end_of(stopped) as f64, plan.clock.end_of(resumes) as f64));
        let pace = Pace { rate: profile.pace, pause };
        let (speed_spread, cost_spread): ((f64, f64), (f64, f64)) = match profile.situation {
            Situation::Planning | Situation::Initiation => ((1.0, 1.0), (1.0, 1.0)),
            _ => ((1.0, 1.06), (0.9, 1.1)),
        };
        let count = plan.activities.len();
        let activity_speed: Vec<f64> = (0..count).map(|_| random.uniform(speed_spread.0, speed_spread.1)).collect();
        let activity_cost_factor =
            (0..count).map(|_| profile.cost_factor * random.uniform(cost_spread.0, cost_spread.1)).collect();
        let (started_at, finished_at) = timings(plan, &pace, &activity_speed);
        Performance { pace, activity_speed, activity_cost_factor, started_at, finished_at }
    }

    /// Share of activity `index` done after `elapsed` working minutes (0 to 1; a milestone is
    /// either).
    fn fraction_done(&self, plan: &Plan, index: usize, elapsed: f64) -> f64 {
        let planned = &plan.activities[index];
        if elapsed >= self.finished_at[index] {
            return 1.0;
        }
        if planned.kind != Kind::WorkPackage || elapsed <= self.started_at[index] {
            return 0.0;
        }
        let worked = self.pace.achieved(elapsed) - planned.start as f64;
        (worked * self.activity_speed[index] / planned.duration() as f64).clamp(0.0, 1.0)
    }

    fn totals_at(&self, plan: &Plan, elapsed: f64) -> Totals {
        let mut totals = Totals::default();
        for (index, planned) in plan.activities.iter().enumerate() {
            if planned.kind != Kind::WorkPackage {
                continue;
            }
            let cost = planned.activity.cost;
            let earned = cost * self.fraction_done(plan, index, elapsed);
            let slot = slot(planned.expenditure());
            totals.planned[slot] += cost * planned_fraction(planned.start, planned.finish, elapsed);
            totals.earned[slot] += earned;
            totals.actual[slot] += earned * self.activity_cost_factor[index];
        }
        totals
    }

    /// When the last activity is forecast to finish, in elapsed working minutes.
    fn forecast_finish(&self) -> f64 {
        self.finished_at.iter().copied().filter(|at| at.is_finite()).fold(0.0, f64::max)
    }
}

/// Elapsed working minutes at which each activity starts and finishes. A work package starts
/// when the project's pace reaches its planned start and takes its planned duration over its
/// speed; a milestone is reached when the last of its predecessors finishes (links point
/// forward, so one pass in list order sees every predecessor first).
fn timings(plan: &Plan, pace: &Pace, activity_speed: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let count = plan.activities.len();
    let mut started_at = vec![f64::INFINITY; count];
    let mut finished_at = vec![f64::INFINITY; count];
    let mut last_predecessor = vec![f64::NEG_INFINITY; count];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    for link in &plan.links {
        successors[link.predecessor].push(link.successor);
    }
    for (index, planned) in plan.activities.iter().enumerate() {
        match planned.kind {
            Kind::Summary => continue,
            Kind::WorkPackage => {
                let worked = planned.duration() as f64 / activity_speed[index];
                started_at[index] = pace.elapsed_for(planned.start as f64);
                finished_at[index] = pace.elapsed_for(planned.start as f64 + worked);
            }
            Kind::Milestone => {
                let reached = if last_predecessor[index].is_finite() {
                    last_predecessor[index]
                } else {
                    pace.elapsed_for(planned.finish as f64)
                };
                started_at[index] = reached;
                finished_at[index] = reached;
            }
        }
        for &successor in &successors[index] {
            last_predecessor[successor] = last_predecessor[successor].max(finished_at[index]);
        }
    }
    (started_at, finished_at)
}

/// Linear progress through a span; a zero-length span (a milestone) is done once reached.
fn planned_fraction(start: i64, finish: i64, at: f64) -> f64 {
    if finish <= start {
        return if at >= finish as f64 { 1.0 } else { 0.0 };
    }
    ((at - start as f64) / (finish - start) as f64).clamp(0.0, 1.0)
}

/// Writes actual dates, percent complete, actual cost and the remaining-duration estimate onto
/// every activity as of `status_date`, then rolls progress up to the summaries.
pub fn record_progress(plan: &mut Plan, performance: &Performance, status_date: Date) {
    let status = plan.clock.end_of(status_date);
    for index in 0..plan.activities.len() {
        if plan.activities[index].kind == Kind::Summary {
            continue;
        }
        let fraction = performance.fraction_done(plan, index, status as f64);
        if fraction <= 0.0 {
            continue;
        }
        let clock = plan.clock;
        // Rounding both ends up keeps a successor from starting before its predecessor
        // finished; neither may pass the status date.
        let started_at = ceil_to_half_day(performance.started_at[index]).min(status - MINUTES_PER_DAY / 2);
        let reached_at = ceil_to_half_day(performance.finished_at[index]).min(status);
        let speed = performance.pace.rate * performance.activity_speed[index];
        let planned_days = plan.activities[index].duration() as f64 / MINUTES_PER_DAY as f64;
        let planned = &mut plan.activities[index];
        let activity = &mut planned.activity;
        if planned.kind == Kind::Milestone {
            activity.actual_start = Some(clock.finish_of(reached_at));
            activity.actual_finish = activity.actual_start;
            activity.percent_complete = 100.0;
            continue;
        }
        activity.actual_start = Some(clock.start_of(started_at));
        if fraction >= 1.0 {
            let finished_at = reached_at.max(started_at + MINUTES_PER_DAY / 2).min(status);
            activity.actual_finish = Some(clock.finish_of(finished_at));
            activity.percent_complete = 100.0;
        } else {
            activity.percent_complete = (fraction * 100.0).round().clamp(1.0, 99.0);
        }
        // Work that runs slow or fast takes longer or shorter than planned; the current plan
        // says so, the baseline keeps the original.
        activity.duration_days = WorkDuration { minutes: half_days(planned_days / speed).max(MINUTES_PER_DAY / 2) };
        let earned = activity.cost * activity.percent_complete / 100.0;
        activity.actual_cost = Some(round_to(earned * performance.activity_cost_factor[index], 1.0));
    }
    roll_up_progress(plan);
}

/// Progress of summaries, as MS Project shows it: duration-weighted percent complete, the
/// earliest actual start, and an actual finish once everything under it has finished.
fn roll_up_progress(plan: &mut Plan) {
    #[derive(Clone, Default)]
    struct Rollup {
        weight: f64,
        done: f64,
        first_start: Option<DateTime>,
        last_finish: Option<DateTime>,
        all_finished: bool,
    }
    let count = plan.activities.len();
    let mut rollups = vec![Rollup { all_finished: true, ..Rollup::default() }; count];
    for index in (0..count).rev() {
        let planned = &mut plan.activities[index];
        if planned.kind == Kind::Summary {
            let rollup = &rollups[index];
            if rollup.weight > 0.0 && rollup.done > 0.0 {
                planned.activity.percent_complete = (100.0 * rollup.done / rollup.weight).round().clamp(1.0, 100.0);
            }
            planned.activity.actual_start = rollup.first_start;
            planned.activity.actual_finish = if rollup.all_finished { rollup.last_finish } else { None };
            if planned.activity.actual_finish.is_none() && planned.activity.percent_complete >= 100.0 {
                planned.activity.percent_complete = 99.0;
            }
        } else {
            let weight = planned.duration() as f64;
            let rollup = &mut rollups[index];
            rollup.weight = weight;
            rollup.done = weight * planned.activity.percent_complete / 100.0;
            rollup.first_start = planned.activity.actual_start;
            rollup.last_finish = planned.activity.actual_finish;
            rollup.all_finished = planned.activity.actual_finish.is_some();
        }
        let Some(parent) = plan.activities[index].parent else { continue };
        let child = rollups[index].clone();
        let summary = &mut rollups[parent];
        summary.weight += child.weight;
        summary.done += child.done;
        summary.first_start = earliest(summary.first_start, child.first_start);
        summary.last_finish = summary.last_finish.max(child.last_finish);
        summary.all_finished &= child.all_finished;
    }
}

fn earliest(a: Option<DateTime>, b: Option<DateTime>) -> Option<DateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Month-end status snapshots from the first month of work up to the status date, ending with
/// the month the project finished.
pub fn snapshots(
    plan: &Plan,
    performance: &Performance,
    profile: &Profile,
    status_date: Date,
    random: &mut Random,
) -> Vec<StatusSnapshot> {
    let mut snapshots = Vec::new();
    for month_end in month_ends(profile.start_date, status_date) {
        let elapsed = plan.clock.end_of(month_end) as f64;
        let totals = performance.totals_at(plan, elapsed);
        let planned_value = round_to(totals.planned.iter().sum(), 1.0);
        let earned_value = round_to(totals.earned.iter().sum(), 1.0);
        let actual_cost = round_to(totals.actual.iter().sum(), 1.0);
        let complete = earned_value >= profile.budget_at_completion;
        let (rag, commentary) = if complete {
            (Rag::Green, COMMENTARY_COMPLETE.to_string())
        } else if performance.pace.is_paused(elapsed) {
            (Rag::Amber, pick(random, COMMENTARY_ON_HOLD))
        } else {
            let phase = current_phase(plan, performance, elapsed);
            let (rag, line) =
                reported_status(planned_value, earned_value, actual_cost, profile.budget_at_completion, random);
            (rag, format!("{phase}: {line}"))
        };
        snapshots.push(StatusSnapshot {
            date: month_end,
            planned_value,
            earned_value,
            actual_cost,
            manual_rag: Some(rag),
            commentary: Some(commentary),
        });
        if complete {
            break;
        }
    }
    snapshots
}

/// The phase whose closing milestone is the first not yet reached.
fn current_phase(plan: &Plan, performance: &Performance, elapsed: f64) -> &'static str {
    plan.phases
        .iter()
        .find(|phase| performance.fraction_done(plan, phase.milestone, elapsed) < 1.0)
        .or(plan.phases.last())
        .map_or("Closure", |phase| phase.template.name)
}

/// The colour and sentence the project manager reports: from the schedule and cost
/// performance indices, sometimes a shade more hopeful than the numbers.
fn reported_status(
    planned_value: f64,
    earned_value: f64,
    actual_cost: f64,
    budget: f64,
    random: &mut Random,
) -> (Rag, &'static str) {
    let meaningful = MEANINGFUL_SHARE * budget;
    let schedule_index = if planned_value > meaningful { earned_value / planned_value } else { 1.0 };
    let cost_index = if actual_cost > meaningful { earned_value / actual_cost } else { 1.0 };
    let computed = rag_of(schedule_index.min(cost_index));
    let reported = match computed {
        Rag::Red if random.chance(OPTIMISM) => Rag::Amber,
        Rag::Amber if random.chance(OPTIMISM) => Rag::Green,
        rag => rag,
    };
    let schedule_driven = schedule_index <= cost_index;
    let lines = match (reported, schedule_driven) {
        (Rag::Green, _) => COMMENTARY_ON_TRACK,
        (Rag::Amber, true) => COMMENTARY_SLIPPING,
        (Rag::Amber, false) => COMMENTARY_OVERSPENDING,
        (Rag::Red, true) => COMMENTARY_LATE,
        (Rag::Red, false) => COMMENTARY_OVER_BUDGET,
    };
    (reported, random.pick(lines).copied().unwrap_or(""))
}

fn rag_of(performance_index: f64) -> Rag {
    if performance_index >= 0.95 {
        Rag::Green
    } else if performance_index >= 0.88 {
        Rag::Amber
    } else {
        Rag::Red
    }
}

/// Monthly plan, actuals (months closed before the status month) and forecast (the status
/// month on), capex and opex, from the first month of the project to the last month of either
/// the plan or the forecast. Monthly amounts are differences of rounded cumulative amounts,
/// so they add up to the snapshots' totals.
pub fn financials(plan: &Plan, performance: &Performance, profile: &Profile, status_date: Date) -> Vec<FinancialEntry> {
    let status_month = YearMonth::of(status_date);
    let planned_finish = plan.activities.iter().map(|planned| planned.finish).max().unwrap_or(0) as f64;
    let last_offset = planned_finish.max(performance.forecast_finish());
    let last_month = YearMonth::of(plan.clock.finish_of(last_offset.ceil() as i64).date());
    let mut entries = Vec::new();
    let mut previous = Totals::default();
    let mut month = YearMonth::of(profile.start_date);
    while month <= last_month {
        let elapsed = plan.clock.end_of(last_day(month)) as f64;
        let totals = rounded(performance.totals_at(plan, elapsed));
        for expenditure in [Expenditure::Capex, Expenditure::Opex] {
            let slot = slot(expenditure);
            let plan_amount = totals.planned[slot] - previous.planned[slot];
            let spend = totals.actual[slot] - previous.actual[slot];
            if plan_amount == 0.0 && spend == 0.0 {
                continue;
            }
            let closed = month < status_month;
            entries.push(FinancialEntry {
                month,
                expenditure,
                plan: plan_amount,
                actual: closed.then_some(spend),
                forecast: (!closed).then_some(spend),
            });
        }
        previous = totals;
        month = month.next();
    }
    entries
}

fn rounded(totals: Totals) -> Totals {
    let round = |values: [f64; 2]| values.map(|value| round_to(value, 1.0));
    Totals { planned: round(totals.planned), earned: round(totals.earned), actual: round(totals.actual) }
}
