//! The registers a PMO keeps beside the plan: risks, issues and change requests.

use serde::{Deserialize, Serialize};

use super::time::Date;

/// An uncertain event that would affect the project if it occurred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub kind: RiskKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub status: RiskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_on: Option<Date>,
    /// Chance of occurring before any response, 0 to 1. Absent means not yet assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Cost if it occurs, as a positive amount (a loss for a threat, a saving for an opportunity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_impact: Option<f64>,
    /// Working days of delay (threat) or gain (opportunity) if it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_impact_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<RiskResponse>,
    /// Activities the risk would affect.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_ids: Vec<String>,
    /// Proximity: the earliest date the risk could occur, so near risks can be read first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proximity: Option<Date>,
    /// How fast the impact would be felt once the risk occurs (PMBOK 6 risk velocity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub velocity: Option<Velocity>,
}

/// Risk velocity: the time between the risk occurring and its impact being felt, which decides
/// how much warning a response would get. Ordered from the slowest to the fastest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Velocity {
    /// Months: there is time to respond after it occurs.
    Slow,
    /// Weeks.
    Moderate,
    /// Days.
    Fast,
    /// At once: no time to respond after it occurs, only before.
    Immediate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RiskKind {
    Threat,
    Opportunity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RiskStatus {
    Open,
    Occurred,
    Closed,
}

/// The planned response and what the risk is expected to be once it is carried out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RiskResponse {
    pub strategy: ResponseStrategy,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_cost_impact: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_schedule_impact_days: Option<f64>,
}

/// PMBOK's response strategies: the first five for threats, the last four for opportunities
/// (escalate and accept serve both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResponseStrategy {
    Escalate,
    Avoid,
    Transfer,
    Mitigate,
    Accept,
    Exploit,
    Share,
    Enhance,
}

/// Something that has happened and needs managing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub opened_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Absent while the issue is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

/// A request to change scope, cost or dates, and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangeRequest {
    pub id: String,
    pub title: String,
    pub status: ChangeStatus,
    pub raised_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<Date>,
    /// Change to the budget if approved (may be negative).
    #[serde(default)]
    pub cost_impact: f64,
    /// Change to the duration in working days if approved (may be negative).
    #[serde(default)]
    pub schedule_impact_days: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeStatus {
    Proposed,
    Approved,
    Rejected,
    Implemented,
}
