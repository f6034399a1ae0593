//! A project: its identity and governance, its plan, and what has been recorded against it.

use serde::{Deserialize, Serialize};

use super::activity::{Activity, Dependency};
use super::calendar::Calendar;
use super::register::{ChangeRequest, Issue, Risk};
use super::resource::Resource;
use super::time::{Date, DateTime};
use super::tracking::{FinancialEntry, StatusSnapshot};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub name: String,
    /// The organisation unit (program, portfolio, ...) the project reports to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub phase: Phase,
    pub status: ProjectStatus,
    /// ISO 4217 code of every amount in the project.
    pub currency: String,
    /// The date progress and costs were reported up to (the data date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<Date>,
    /// The planned start of the project; the scheduler starts from here. Written as a date
    /// (`2026-01-05`, the first working minute of that day) or a date-time (`2026-01-05T09:00`,
    /// as MS Project keeps it); a date reads back as a date, so existing documents are unchanged.
    pub start_date: DateTime,
    /// The finish date committed to the sponsor, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committed_finish: Option<Date>,
    /// Which of `calendars` is the project calendar; the standard calendar when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<Calendar>,
    /// Budget at completion (BAC) as approved, in `currency`.
    pub budget_at_completion: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change_requests: Vec<ChangeRequest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<StatusSnapshot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub financials: Vec<FinancialEntry>,
}

/// Where the project is in its life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Initiation,
    Planning,
    Execution,
    Closing,
    Closed,
}

/// Whether work is going on at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProjectStatus {
    Proposed,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

/// The approved plan that progress is measured against (MS Project's Baseline 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Baseline {
    /// When the baseline was approved.
    pub approved_on: Date,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<BaselineActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaselineActivity {
    pub activity_id: String,
    pub start: DateTime,
    pub finish: DateTime,
    /// Budgeted cost of the activity in the baseline.
    pub cost: f64,
}
