//! Earned value (EV) of one activity at a status date, by the earning rule agreed for it.
//!
//! The rules are the PMI practice standard's measurement techniques: physical percent complete,
//! duration percent complete, fixed formula 0/100 and 50/50, weighted milestones, units complete
//! and level of effort. Progress is dated: the latest report on or before the status date counts
//! and later ones are ignored, so re-running an old status date gives the old answer.

use chrono::NaiveDate;

use super::{finite, EvmError};

/// How an activity earns its budget.
#[derive(Debug, Clone, PartialEq)]
pub enum EarningRule {
    /// The reported physical percent complete (a fraction 0..1).
    PhysicalPercentComplete,
    /// (duration - remaining duration) / duration, from reported remaining duration.
    DurationPercentComplete { duration_days: f64 },
    /// Nothing until finished, then everything.
    ZeroHundred,
    /// Half at the start, the rest at the finish.
    FiftyFifty,
    /// Each milestone, once done, earns its weight's share of the budget.
    WeightedMilestones { weights: Vec<f64> },
    /// Units done over total units.
    UnitsComplete { total_units: f64 },
    /// Support work that earns what it planned: EV = PV.
    LevelOfEffort,
}

/// What a progress report says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    /// Physical percent complete as a fraction 0..1.
    PercentComplete(f64),
    /// Remaining duration in days.
    RemainingDuration(f64),
    Started,
    Finished,
    /// Milestone number `n` (index into the rule's weights) is done.
    MilestoneDone(usize),
    /// Units done to date.
    UnitsDone(f64),
}

/// A progress report and the date it reports on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressRecord {
    pub date: NaiveDate,
    pub progress: Progress,
}

/// The latest report on or before the status date that `pick` reads; on the same date the one
/// listed last wins, as a later entry corrects an earlier one.
fn latest<T>(records: &[ProgressRecord], status_date: NaiveDate, pick: impl Fn(&Progress) -> Option<T>) -> Option<T> {
    let mut best: Option<(NaiveDate, T)> = None;
    for record in records.iter().filter(|record| record.date <= status_date) {
        if let Some(value) = pick(&record.progress) {
            if best.as_ref().is_none_or(|(date, _)| record.date >= *date) {
                best = Some((record.date, value));
            }
        }
    }
    best.map(|(_, value)| value)
}

/// Fraction complete in [0, 1]; reports beyond the ends earn no more than all or less than none.
fn fraction(value: f64) -> f64 {
    value.clamp(0.0, 1.0)
}

/// Whether the activity had started and finished by the status date, from Started/Finished
/// reports or from the latest percent complete (above 0 started, 1 finished).
fn started_finished(records: &[ProgressRecord], status_date: NaiveDate) -> (bool, bool) {
    let seen = |wanted: Progress| records.iter().any(|record| record.date <= status_date && record.progress == wanted);
    let percent = latest(records, status_date, |progress| match progress {
        Progress::PercentComplete(value) => Some(*value),
        _ => None,
    })
    .unwrap_or(0.0);
    let finished = seen(Progress::Finished) || percent >= 1.0;
    (finished || seen(Progress::Started) || percent > 0.0, finished)
}

/// Earned value of an activity with budget `budget` at `status_date`. `planned_value` is the
/// activity's PV at the status date, used only by level of effort.
pub fn earned_value(budget: f64, rule: &EarningRule, progress: &[ProgressRecord], status_date: NaiveDate, planned_value: f64) -> Result<f64, EvmError> {
    let budget = finite("budget", budget)?;
    for record in progress {
        match record.progress {
            Progress::PercentComplete(value) | Progress::RemainingDuration(value) | Progress::UnitsDone(value) => {
                finite(&format!("progress dated {}", record.date), value)?;
            }
            _ => {}
        }
    }
    let complete = match rule {
        EarningRule::PhysicalPercentComplete => fraction(
            latest(progress, status_date, |p| if let Progress::PercentComplete(v) = p { Some(*v) } else { None }).unwrap_or(0.0),
        ),
        EarningRule::DurationPercentComplete { duration_days } => {
            let duration = finite("duration_days", *duration_days)?;
            let remaining = latest(progress, status_date, |p| if let Progress::RemainingDuration(v) = p { Some(*v) } else { None });
            match remaining {
                // A zero-duration activity is done once anyone reports it has nothing remaining.
                Some(remaining) if duration <= 0.0 && remaining <= 0.0 => 1.0,
                Some(_) if duration <= 0.0 => 0.0,
                Some(remaining) => fraction((duration - remaining) / duration),
                None => 0.0,
            }
        }
        EarningRule::ZeroHundred => {
            let (_, finished) = started_finished(progress, status_date);
            if finished { 1.0 } else { 0.0 }
        }
        EarningRule::FiftyFifty => match started_finished(progress, status_date) {
            (_, true) => 1.0,
            (true, false) => 0.5,
            _ => 0.0,
        },
        EarningRule::WeightedMilestones { weights } => {
            let mut total = 0.0;
            for (index, weight) in weights.iter().enumerate() {
                total += finite(&format!("milestone weight {index}"), *weight)?.max(0.0);
            }
            let done: f64 = weights
                .iter()
                .enumerate()
                .filter(|(index, _)| progress.iter().any(|record| record.date <= status_date && record.progress == Progress::MilestoneDone(*index)))
                .map(|(_, weight)| weight.max(0.0))
                .sum();
            if total > 0.0 { fraction(done / total) } else { 0.0 }
        }
        EarningRule::UnitsComplete { total_units } => {
            let total = finite("total_units", *total_units)?;
            let done = latest(progress, status_date, |p| if let Progress::UnitsDone(v) = p { Some(*v) } else { None }).unwrap_or(0.0);
            if total > 0.0 { fraction(done / total) } else { 0.0 }
        }
        EarningRule::LevelOfEffort => return finite("planned_value", planned_value),
    };
    Ok(budget * complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap_or(NaiveDate::MIN)
    }

    fn at(d: u32, progress: Progress) -> ProgressRecord {
        ProgressRecord { date: day(d), progress }
    }

    #[test]
    fn latest_report_on_or_before_the_status_date_counts() {
        let reports = [at(6, Progress::PercentComplete(0.5)), at(12, Progress::PercentComplete(0.9)), at(10, Progress::PercentComplete(0.6))];
        assert_eq!(earned_value(1000.0, &EarningRule::PhysicalPercentComplete, &reports, day(10), 0.0), Ok(600.0));
        assert_eq!(earned_value(1000.0, &EarningRule::PhysicalPercentComplete, &reports, day(5), 0.0), Ok(0.0));
    }

    #[test]
    fn each_rule_earns_by_its_definition() {
        let rule = EarningRule::DurationPercentComplete { duration_days: 10.0 };
        assert_eq!(earned_value(1000.0, &rule, &[at(3, Progress::RemainingDuration(6.0))], day(4), 0.0), Ok(400.0));
        let started = [at(2, Progress::Started)];
        assert_eq!(earned_value(1000.0, &EarningRule::ZeroHundred, &started, day(4), 0.0), Ok(0.0));
        assert_eq!(earned_value(1000.0, &EarningRule::FiftyFifty, &started, day(4), 0.0), Ok(500.0));
        let finished = [at(2, Progress::Started), at(5, Progress::Finished)];
        assert_eq!(earned_value(1000.0, &EarningRule::ZeroHundred, &finished, day(5), 0.0), Ok(1000.0));
        let milestones = EarningRule::WeightedMilestones { weights: vec![1.0, 3.0] };
        let done = [at(2, Progress::MilestoneDone(1)), at(9, Progress::MilestoneDone(0))];
        assert_eq!(earned_value(1000.0, &milestones, &done, day(4), 0.0), Ok(750.0));
        assert_eq!(earned_value(1000.0, &milestones, &done, day(9), 0.0), Ok(1000.0));
        let units = EarningRule::UnitsComplete { total_units: 40.0 };
        assert_eq!(earned_value(1000.0, &units, &[at(1, Progress::UnitsDone(10.0))], day(4), 0.0), Ok(250.0));
        assert_eq!(earned_value(1000.0, &EarningRule::LevelOfEffort, &[], day(4), 321.0), Ok(321.0));
    }

    #[test]
    fn bad_progress_is_an_error_not_a_panic() {
        let reports = [at(1, Progress::PercentComplete(f64::NAN))];
        assert_eq!(earned_value(1.0, &EarningRule::PhysicalPercentComplete, &reports, day(2), 0.0).map_err(|e| e.code()), Err("not_finite"));
        assert_eq!(earned_value(100.0, &EarningRule::PhysicalPercentComplete, &[at(1, Progress::PercentComplete(1.4))], day(2), 0.0), Ok(100.0));
    }
}
