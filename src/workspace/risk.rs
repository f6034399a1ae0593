//! The risk register through the Workspace: one project's risks scored on a scheme with their
//! heat map, exposure and exposure trend; and the exposure of the portfolio or of any unit of
//! the organisation tree, in the portfolio's currency.
//!
//! Schedule impacts are measured against the project's scheduled span (working days), which the
//! Workspace takes from the resident schedule; a project that cannot be scheduled gets no span,
//! and its schedule impacts are then scored as worst case and flagged by the register engine.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Workspace, WorkspaceError};
use crate::evm::{resolve_rates, Conversion};
use crate::model::Project;
use crate::risk::register::{
    heat_map, portfolio_exposure, project_exposure, project_exposure_trend, score_project, ContingencyPolicy, Exposure, ExposurePolicy, HeatMap,
    PortfolioExposure, ScoredRisk, ScoringScheme, TrendPoint, View,
};

/// The scoring scheme by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SchemeName {
    /// Five probability and five impact levels, score = level x level.
    #[default]
    FiveByFive,
    /// PMBOK's double matrix: probabilities .1-.9, impacts .05-.8, score = probability x impact.
    Pmbok,
}

/// What the caller may choose; every field has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RiskOptions {
    pub scheme: SchemeName,
    /// Which values the heat map and EMV use; residual (after responses) by default.
    pub view: Option<View>,
    pub contingency: Option<ContingencyPolicy>,
    /// Management reserve as a share of BAC (0.05 for 5%).
    pub management_reserve_share: Option<f64>,
    /// Value of one unit of each other currency in the portfolio's currency.
    pub rates: Option<BTreeMap<String, f64>>,
}

impl RiskOptions {
    pub(super) fn scheme(&self) -> ScoringScheme {
        match self.scheme {
            SchemeName::FiveByFive => ScoringScheme::five_by_five(),
            SchemeName::Pmbok => ScoringScheme::pmbok(),
        }
    }

    fn policy(&self) -> ExposurePolicy {
        let default = ExposurePolicy::default();
        ExposurePolicy {
            contingency: self.contingency.unwrap_or(default.contingency),
            view: self.view.unwrap_or(default.view),
            management_reserve_share: self.management_reserve_share.unwrap_or(default.management_reserve_share),
        }
    }
}

/// One project's register as a PMO reads it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskRegisterView {
    pub project_id: String,
    pub currency: String,
    /// The span schedule impacts are measured against.
    pub planned_duration_days: Option<f64>,
    pub risks: Vec<ScoredRisk>,
    pub heat_map: HeatMap,
    pub exposure: Exposure,
    pub trend: Vec<TrendPoint>,
}

/// Exposure of the portfolio or of a unit, with the conversion it needed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposureReport {
    pub id: String,
    pub currency: String,
    pub conversion: Option<Conversion>,
    pub exposure: PortfolioExposure,
}

impl Workspace {
    /// Project `project_id`'s risks scored on the chosen scheme, its heat map, exposure and trend.
    pub fn risk_register(&mut self, project_id: &str, options: &RiskOptions) -> Result<RiskRegisterView, WorkspaceError> {
        let scheme = options.scheme();
        let policy = options.policy();
        check_policy(&policy)?;
        let planned_duration_days = self.live_schedule(project_id).ok().map(|(_, live)| live.working_days()).filter(|days| *days > 0.0);
        let project = self.project(project_id)?;
        let risks = score_project(project, planned_duration_days, &scheme).map_err(|e| WorkspaceError::Risk(e.to_string()))?;
        Ok(RiskRegisterView {
            project_id: project.id.clone(),
            currency: project.currency.clone(),
            planned_duration_days,
            heat_map: heat_map(&risks, &scheme, policy.view),
            exposure: project_exposure(project, &policy).exposure,
            trend: project_exposure_trend(project, &policy),
            risks,
        })
    }

    /// Exposure of organisation unit `id` (its projects and those of every unit below it), or
    /// of the whole portfolio when `id` is absent, in the portfolio's currency.
    pub fn risk_exposure(&self, id: Option<&str>, options: &RiskOptions) -> Result<ExposureReport, WorkspaceError> {
        let policy = options.policy();
        check_policy(&policy)?;
        let portfolio = self.portfolio()?;
        let indices: Vec<usize> = match id {
            None => (0..portfolio.projects.len()).collect(),
            Some(unit) if portfolio.org_units.iter().any(|u| u.id == unit) => self.projects_under(unit)?,
            Some(unit) => return Err(WorkspaceError::NodeNotFound(unit.to_string())),
        };
        let projects: Vec<&Project> = indices.iter().map(|&i| &portfolio.projects[i]).collect();
        let currencies: BTreeSet<String> = projects.iter().map(|p| p.currency.clone()).collect();
        let (currency, rates, conversion) = resolve_rates(currencies, Some(&portfolio.currency), options.rates.as_ref())?;
        Ok(ExposureReport {
            id: id.unwrap_or(&portfolio.id).to_string(),
            currency,
            conversion,
            exposure: portfolio_exposure(projects, &policy, &rates),
        })
    }
}

fn check_policy(policy: &ExposurePolicy) -> Result<(), WorkspaceError> {
    let share = policy.management_reserve_share;
    if !share.is_finite() || !(0.0..=1.0).contains(&share) {
        return Err(WorkspaceError::InvalidOption {
            field: "managementReserveShare".to_string(),
            why: format!("a management reserve is a share of the budget from 0 to 1 (0.05 for 5%); got {share}"),
        });
    }
    Ok(())
}
