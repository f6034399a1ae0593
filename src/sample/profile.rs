//! A project's profile: which template it comes from, how big it is (budget at completion and
//! number of activities), when it starts and is planned to finish relative to the status date,
//! and how it performs: its pace (planned work achieved per working day, below 1 when late) and
//! its cost factor (actual cost per unit of earned value, above 1 when over budget; the inverse
//! of the cost performance index).

use crate::model::{Date, YearMonth};
use crate::random::Random;

use super::catalogue::{ProjectTemplate, Situation, PEOPLE, PROJECTS, SPONSORS};
use super::workdays::{add_days, add_working_days, next_weekday, shift_month};
use super::SampleOptions;

/// The smallest and largest budgets the sizing scale spans (thousands of the project currency).
const SMALL_BUDGET_THOUSANDS: f64 = 150.0;
const LARGE_BUDGET_THOUSANDS: f64 = 12_000.0;
/// Working days in an average month (261 a year over 12).
const WORKING_DAYS_PER_MONTH: f64 = 21.75;

pub struct Profile {
    pub id: String,
    pub name: String,
    pub template: &'static ProjectTemplate,
    pub situation: Situation,
    pub broken_plan: bool,
    pub start_date: Date,
    /// Working days from start to planned finish the plan is sized to.
    pub planned_working_days: f64,
    pub activity_count: usize,
    pub budget_at_completion: f64,
    /// Planned working time achieved per working day elapsed.
    pub pace: f64,
    /// Actual cost per unit of earned value.
    pub cost_factor: f64,
    /// For a project on hold: the day work stopped and the day it is expected to resume.
    pub pause: Option<(Date, Date)>,
    pub owner: String,
    pub sponsor: String,
}

/// When a project starts and finishes, in whole months relative to the status month.
struct Timing {
    /// Months between the start and the status date (negative: starts in the future).
    months_since_start: (i32, i32),
    /// Months from the status date to the planned finish (negative: finished already).
    months_to_finish: (i32, i32),
}

fn timing(situation: Situation) -> Timing {
    let (months_since_start, months_to_finish) = match situation {
        Situation::Healthy => ((12, 20), (4, 12)),
        Situation::Late => ((12, 22), (3, 10)),
        Situation::OverBudget => ((12, 20), (3, 12)),
        Situation::LateAndOverBudget => ((14, 24), (2, 8)),
        Situation::RecentStart => ((5, 8), (9, 14)),
        Situation::Closing => ((14, 22), (0, 1)),
        Situation::Closed => ((16, 22), (-3, -2)),
        Situation::OnHold => ((11, 15), (4, 9)),
        Situation::Planning => ((-2, -1), (12, 18)),
        Situation::Initiation => ((-4, -2), (14, 20)),
    };
    Timing { months_since_start, months_to_finish }
}

/// Ranges of (pace, cost factor) a situation is drawn from.
fn performance_ranges(situation: Situation) -> ((f64, f64), (f64, f64)) {
    match situation {
        Situation::Healthy | Situation::RecentStart => ((0.97, 1.02), (0.95, 1.03)),
        Situation::Late => ((0.78, 0.88), (0.97, 1.05)),
        Situation::OverBudget => ((0.95, 1.0), (1.15, 1.3)),
        Situation::LateAndOverBudget => ((0.75, 0.85), (1.15, 1.35)),
        Situation::Closing => ((0.97, 0.99), (1.0, 1.05)),
        // Finished months ago: a pace of one keeps every actual before the status date.
        Situation::Closed => ((1.0, 1.0), (0.97, 1.04)),
        Situation::OnHold => ((0.88, 0.95), (1.02, 1.08)),
        // Not started: forecasts follow the plan.
        Situation::Planning | Situation::Initiation => ((1.0, 1.0), (1.0, 1.0)),
    }
}

/// Draws the profile of the project at `index` (templates repeat, renamed, beyond the catalogue).
pub fn draw(options: &SampleOptions, index: usize, broken_plan: bool, random: &mut Random) -> Profile {
    let template = &PROJECTS[index % PROJECTS.len()];
    let repeat = index / PROJECTS.len();
    let name = match repeat {
        0 => template.name.to_string(),
        _ => format!("{} – Phase {}", template.name, repeat + 1),
    };
    let situation = template.situation;
    let status_month = YearMonth::of(options.status_date);

    let timing = timing(situation);
    let months_since_start = draw_between(random, timing.months_since_start);
    let months_to_finish = draw_between(random, timing.months_to_finish);
    let start_month = shift_month(status_month, -months_since_start);
    let start_date = next_weekday(add_days(start_month.first_day(), random.below(12) as i64));
    let planned_months = (months_since_start + months_to_finish).max(6);
    let planned_working_days = planned_months as f64 * WORKING_DAYS_PER_MONTH;

    let budget_at_completion = round_to(template.budget_thousands * random.uniform(0.9, 1.1), 1.0) * 1000.0;
    let activity_count = activity_count(options, budget_at_completion / 1000.0, random);

    let ((pace_low, pace_high), (cost_low, cost_high)) = performance_ranges(situation);
    let pace = random.uniform(pace_low, pace_high);
    let cost_factor = random.uniform(cost_low, cost_high);
    let pause = (situation == Situation::OnHold).then(|| {
        let stopped = add_working_days(options.status_date, -(40 + random.below(25) as i64));
        let resumes = add_working_days(options.status_date, 40 + random.below(40) as i64);
        (stopped, resumes)
    });

    Profile {
        id: format!("PRJ-{:03}", index + 1),
        name,
        template,
        situation,
        broken_plan,
        start_date,
        planned_working_days,
        activity_count,
        budget_at_completion,
        pace,
        cost_factor,
        pause,
        owner: pick(random, PEOPLE),
        sponsor: pick(random, SPONSORS),
    }
}

/// Bigger budgets get bigger plans: the budget's position between small and large, to the power
/// 3/4, sets the activity count between the options' bounds, with some spread. (Built from square
/// roots, which IEEE 754 rounds exactly, so every platform gets the same count.)
fn activity_count(options: &SampleOptions, budget_thousands: f64, random: &mut Random) -> usize {
    let position = (budget_thousands - SMALL_BUDGET_THOUSANDS) / (LARGE_BUDGET_THOUSANDS - SMALL_BUDGET_THOUSANDS);
    let root = position.clamp(0.0, 1.0).sqrt();
    let size = root * root.sqrt() * random.uniform(0.85, 1.15);
    let span = (options.max_activities - options.min_activities) as f64;
    let count = options.min_activities as f64 + span * size;
    (count.round() as usize).clamp(options.min_activities, options.max_activities)
}

fn draw_between(random: &mut Random, (low, high): (i32, i32)) -> i32 {
    low + random.below((high - low + 1).max(1) as usize) as i32
}

pub fn pick(random: &mut Random, names: &[&str]) -> String {
    random.pick(names).map(|name| name.to_string()).unwrap_or_default()
}

/// Rounds to a multiple of `step` (money to whole euros or thousands, probabilities to 5%).
pub fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}
