//! Exposure over time, at each of the project's status dates.
//!
//! The model keeps no history of a risk's values, only when it was raised and its status now.
//! So the trend is the exposure of the risks open at each date as far as that can be known: a
//! risk counts from its `raisedOn` date (from the first date when it has none) with today's
//! probability and impact. Risks closed or occurred since have no recorded end date, so they are
//! left out of every point; earlier points therefore show the present register growing, not the
//! exposure as it was reported then.

use serde::Serialize;

use crate::model::{Date, Project, Risk, RiskStatus};

use super::exposure::{register_exposure, ExposurePolicy};

/// The exposure of the risks open on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub date: Date,
    pub open_count: usize,
    pub threat_emv: f64,
    pub opportunity_emv: f64,
    pub net_emv: f64,
    pub contingency_reserve: f64,
}

/// Exposure at each of `dates` (in the order given).
pub fn exposure_trend(risks: &[Risk], budget_at_completion: f64, dates: &[Date], policy: &ExposurePolicy) -> Vec<TrendPoint> {
    dates
        .iter()
        .map(|&date| {
            let open: Vec<Risk> = risks
                .iter()
                .filter(|risk| risk.status == RiskStatus::Open && risk.raised_on.is_none_or(|raised| raised <= date))
                .cloned()
                .collect();
            let exposure = register_exposure(&open, budget_at_completion, policy);
            TrendPoint {
                date,
                open_count: open.len(),
                threat_emv: exposure.threat_emv,
                opportunity_emv: exposure.opportunity_emv,
                net_emv: exposure.net_emv,
                contingency_reserve: exposure.contingency_reserve,
            }
        })
        .collect()
}

/// Exposure at each of the project's status snapshot dates, in date order.
pub fn project_exposure_trend(project: &Project, policy: &ExposurePolicy) -> Vec<TrendPoint> {
    let mut dates: Vec<Date> = project.snapshots.iter().map(|snapshot| snapshot.date).collect();
    dates.sort();
    dates.dedup();
    exposure_trend(&project.risks, project.budget_at_completion, &dates, policy)
}
