//! The facts health is judged on, read from the outputs of the other engines and from the
//! project's own records. Each fact is one metric's value with the ids of the records behind it,
//! or the reason it has no value; a missing value is never read as a good one.
//!
//! Records are read as of the assessment date: an issue opened after it does not count, one
//! closed after it is still open then, a change decided after it has not grown the scope yet.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::policy::Metric;
use crate::evm::{Measure, Reason};
use crate::model::{ChangeStatus, Finding, Priority, Project, RiskKind, RiskStatus, Severity};
use crate::risk::register::{ScoredRisk, View};

/// The kind of record an evidence id names, so the dashboard can link to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum IdKind {
    Activity,
    Risk,
    Issue,
    Change,
    Resource,
    /// A schedule quality check, by its code.
    Check,
    /// A field of the project's data, by its path.
    Field,
}

/// One metric's value, or why there is none, with the records behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub metric: Metric,
    pub value: Result<f64, Cow<'static, str>>,
    pub ids: Vec<String>,
    pub id_kind: Option<IdKind>,
}

impl Observation {
    pub fn of(metric: Metric, value: f64, ids: Vec<String>, id_kind: Option<IdKind>) -> Observation {
        // Validation keeps inputs finite; a value that still is not is unknown, never a score.
        let value = if value.is_finite() { Ok(value) } else { Err(Cow::Borrowed(Reason::NotFinite.code())) };
        Observation { metric, value, ids, id_kind }
    }

    pub fn unknown(metric: Metric, reason: impl Into<Cow<'static, str>>) -> Observation {
        Observation { metric, value: Err(reason.into()), ids: Vec::new(), id_kind: None }
    }

    pub fn measured(metric: Metric, measure: Measure) -> Observation {
        match measure {
            Measure::Value(value) => Observation::of(metric, value, Vec::new(), None),
            Measure::Undefined(reason) => Observation::unknown(metric, reason.code()),
        }
    }
}

/// The reason every baseline-dependent metric gives when there is no baseline.
pub const NO_BASELINE: &str = "noBaseline";

/// Earned value figures at the assessment date, from a status snapshot or from progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarnedValueFacts {
    pub spi_t: Measure,
    pub cpi: Measure,
    pub tcpi: Measure,
    /// BAC / CPI.
    pub eac: Measure,
    pub budget_at_completion: f64,
}

/// SPI(t), CPI, TCPI and the two EAC comparisons. `original_budget` is BAC less the approved
/// changes (see [`approved_change_cost`]). Without a baseline every one is unknown: the
/// numbers would be measured against a plan nobody approved.
pub fn earned_value_observations(out: &mut Vec<Observation>, figures: Result<EarnedValueFacts, Cow<'static, str>>, original_budget: f64) {
    let figures = match figures {
        Ok(figures) => figures,
        Err(reason) => {
            for metric in [Metric::SpiT, Metric::Cpi, Metric::EacOverBudgetPercent, Metric::EacOverOriginalBudgetPercent, Metric::Tcpi] {
                out.push(Observation::unknown(metric, reason.clone()));
            }
            return;
        }
    };
    let over = |budget: f64| figures.eac.and_then(|eac| Measure::ratio((eac - budget) * 100.0, budget, Reason::NoBudget));
    out.push(Observation::measured(Metric::SpiT, figures.spi_t));
    out.push(Observation::measured(Metric::Cpi, figures.cpi));
    out.push(Observation::measured(Metric::EacOverBudgetPercent, over(figures.budget_at_completion)));
    out.push(Observation::measured(Metric::EacOverOriginalBudgetPercent, if original_budget > 0.0 { over(original_budget) } else { Measure::Undefined(Reason::NoBudget) }));
    out.push(Observation::measured(Metric::Tcpi, figures.tcpi));
}

/// A scheduled activity's forecast finish against its baseline finish.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishAgainstBaseline {
    pub activity_id: String,
    pub milestone: bool,
    pub baseline_finish: NaiveDateTime,
    /// Actual finish where recorded, else the scheduled finish.
    pub forecast_finish: NaiveDateTime,
}

/// Finish variance of the project (in percent of the baseline duration, calendar days) and the
/// milestones forecast more than `tolerance_days` after their baseline. The activities slipping
/// most are the evidence.
pub fn schedule_observations(
    out: &mut Vec<Observation>,
    tolerance_days: f64,
    baseline_span: Option<(NaiveDateTime, NaiveDateTime)>,
    forecast_finish: Result<NaiveDateTime, Cow<'static, str>>,
    activities: &[FinishAgainstBaseline],
    committed_date_probability: Option<f64>,
) {
    const SHOWN: usize = 10;
    match (baseline_span, forecast_finish) {
        (None, _) => out.push(Observation::unknown(Metric::FinishVariancePercent, NO_BASELINE)),
        (Some(_), Err(reason)) => out.push(Observation::unknown(Metric::FinishVariancePercent, reason)),
        (Some((start, finish)), Ok(forecast)) => {
            let days = |delta: chrono::TimeDelta| delta.num_minutes() as f64 / 1440.0;
            let (duration, slip) = (days(finish - start), days(forecast - finish));
            let mut slipping: Vec<&FinishAgainstBaseline> = activities.iter().filter(|a| a.forecast_finish > a.baseline_finish).collect();
            slipping.sort_by_key(|a| std::cmp::Reverse(a.forecast_finish - a.baseline_finish));
            let ids = slipping.iter().take(SHOWN).map(|a| a.activity_id.clone()).collect();
            match Measure::ratio(slip * 100.0, duration, Reason::NoActualTime) {
                Measure::Value(value) => out.push(Observation::of(Metric::FinishVariancePercent, value, ids, Some(IdKind::Activity))),
                Measure::Undefined(_) => out.push(Observation::unknown(Metric::FinishVariancePercent, "baselineHasNoDuration")),
            }
        }
    }
    if baseline_span.is_none() {
        out.push(Observation::unknown(Metric::LateMilestones, NO_BASELINE));
    } else {
        let tolerance = chrono::TimeDelta::minutes((tolerance_days * 1440.0).round() as i64);
        let late: Vec<String> =
            activities.iter().filter(|a| a.milestone && a.forecast_finish - a.baseline_finish > tolerance).map(|a| a.activity_id.clone()).collect();
        out.push(Observation::of(Metric::LateMilestones, late.len() as f64, late, Some(IdKind::Activity)));
    }
    out.push(match committed_date_probability {
        Some(probability) => Observation::of(Metric::CommittedDateProbability, probability, Vec::new(), None),
        None => Observation::unknown(Metric::CommittedDateProbability, "noSimulation"),
    });
}

/// Residual threat exposure against BAC, open threats in the top score band after responses,
/// and responses past their due date. `top_band` is the label of the scheme's highest band.
pub fn risk_observations(out: &mut Vec<Observation>, project: &Project, scored: &[ScoredRisk], residual_threat_emv: f64, top_band: &str, as_of: NaiveDate) {
    let share = Measure::ratio(residual_threat_emv.abs() * 100.0, project.budget_at_completion, Reason::NoBudget);
    let threat_ids = project.risks.iter().filter(|r| r.kind == RiskKind::Threat && r.status == RiskStatus::Open).map(|r| r.id.clone()).collect();
    out.push(match share {
        Measure::Value(value) => Observation::of(Metric::ResidualExposurePercent, value, threat_ids, Some(IdKind::Risk)),
        Measure::Undefined(reason) => Observation::unknown(Metric::ResidualExposurePercent, reason.code()),
    });
    let red: Vec<String> = scored
        .iter()
        .filter(|r| r.kind == RiskKind::Threat && r.status == RiskStatus::Open && r.assessment(View::Residual).band == top_band)
        .map(|r| r.id.clone())
        .collect();
    out.push(Observation::of(Metric::RedZoneRisks, red.len() as f64, red, Some(IdKind::Risk)));
    let overdue: Vec<String> = project
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Open && r.response.as_ref().and_then(|response| response.due).is_some_and(|due| due.0 < as_of))
        .map(|r| r.id.clone())
        .collect();
    out.push(Observation::of(Metric::OverdueResponses, overdue.len() as f64, overdue, Some(IdKind::Risk)));
}

/// Counts of open high-priority, overdue, and aged (open more than `aged_days`) issues as of
/// `as_of`. `with_ids` false skips the id lists (the trend needs only the numbers).
pub fn issue_observations(out: &mut Vec<Observation>, project: &Project, as_of: NaiveDate, aged_days: f64, with_ids: bool) {
    let open = project.issues.iter().filter(|i| i.opened_on.0 <= as_of && i.closed_on.is_none_or(|closed| closed.0 > as_of));
    let (mut high, mut overdue, mut aged) = (Vec::new(), Vec::new(), Vec::new());
    let (mut high_count, mut overdue_count, mut aged_count) = (0usize, 0usize, 0usize);
    for issue in open {
        if issue.priority >= Priority::High {
            high_count += 1;
            if with_ids {
                high.push(issue.id.clone());
            }
        }
        if issue.due.is_some_and(|due| due.0 < as_of) {
            overdue_count += 1;
            if with_ids {
                overdue.push(issue.id.clone());
            }
        }
        if (as_of - issue.opened_on.0).num_days() as f64 > aged_days {
            aged_count += 1;
            if with_ids {
                aged.push(issue.id.clone());
            }
        }
    }
    out.push(Observation::of(Metric::OpenHighPriorityIssues, high_count as f64, high, Some(IdKind::Issue)));
    out.push(Observation::of(Metric::OverdueIssues, overdue_count as f64, overdue, Some(IdKind::Issue)));
    out.push(Observation::of(Metric::AgedIssues, aged_count as f64, aged, Some(IdKind::Issue)));
}

/// Cost of the changes approved (or implemented) by `as_of`, and their ids. A change with no
/// decision date counts from the day it was raised.
pub fn approved_change_cost(project: &Project, as_of: NaiveDate) -> (f64, Vec<String>) {
    let mut total = 0.0;
    let mut ids = Vec::new();
    for change in &project.change_requests {
        let decided = change.decided_on.unwrap_or(change.raised_on);
        if matches!(change.status, ChangeStatus::Approved | ChangeStatus::Implemented) && decided.0 <= as_of {
            total += change.cost_impact;
            ids.push(change.id.clone());
        }
    }
    (total, ids)
}

/// Approved change cost in percent of the original budget (the current BAC less the approved
/// changes: the BAC is taken to include them). `approved` is [`approved_change_cost`]'s answer,
/// which the caller also uses for the original budget of the EAC comparison.
pub fn scope_observation(out: &mut Vec<Observation>, project: &Project, approved: (f64, Vec<String>)) {
    let (cost, ids) = approved;
    let original = project.budget_at_completion - cost;
    out.push(if original > 0.0 {
        Observation::of(Metric::ApprovedChangeGrowthPercent, cost * 100.0 / original, ids, Some(IdKind::Change))
    } else {
        Observation::unknown(Metric::ApprovedChangeGrowthPercent, Reason::NoBudget.code())
    });
}

/// The project's resources planned above capacity, when capacity was computed.
pub fn resource_observation(out: &mut Vec<Observation>, over_allocated: Result<Vec<String>, Cow<'static, str>>) {
    out.push(match over_allocated {
        Ok(ids) => Observation::of(Metric::OverAllocatedResources, ids.len() as f64, ids, Some(IdKind::Resource)),
        Err(reason) => Observation::unknown(Metric::OverAllocatedResources, reason),
    });
}

/// Validation findings that change the numbers: every error, and the warnings that mean part
/// of the plan's logic was left out of scheduling.
pub fn is_data_error(finding: &Finding) -> bool {
    finding.severity == Severity::Error || matches!(finding.code, "dependency_cycle" | "dangling_dependency")
}

/// Status date freshness (to `as_of`), baseline presence, failed schedule checks and validation
/// findings.
/// `failed_checks` is the codes of the failed checks, or why they could not run; `findings` the
/// project's validation findings, whose paths are the evidence.
pub fn data_quality_observations(
    out: &mut Vec<Observation>,
    project: &Project,
    as_of: NaiveDate,
    failed_checks: Result<Vec<String>, Cow<'static, str>>,
    findings: &[&Finding],
) {
    out.push(match project.status_date {
        Some(status) => Observation::of(Metric::StatusDateAgeDays, (as_of - status.0).num_days().max(0) as f64, Vec::new(), None),
        None => Observation::unknown(Metric::StatusDateAgeDays, "noStatusDate"),
    });
    let missing = project.baseline.is_none();
    out.push(Observation::of(Metric::MissingBaseline, if missing { 1.0 } else { 0.0 }, Vec::new(), None));
    out.push(match failed_checks {
        Ok(codes) => Observation::of(Metric::FailedQualityChecks, codes.len() as f64, codes, Some(IdKind::Check)),
        Err(reason) => Observation::unknown(Metric::FailedQualityChecks, reason),
    });
    let (errors, warnings): (Vec<&Finding>, Vec<&Finding>) = findings.iter().partition(|f| is_data_error(f));
    for (metric, list) in [(Metric::ValidationErrors, errors), (Metric::ValidationWarnings, warnings)] {
        let paths: Vec<String> = list.iter().map(|f| f.path.clone()).collect();
        out.push(Observation::of(metric, paths.len() as f64, paths, Some(IdKind::Field)));
    }
}
