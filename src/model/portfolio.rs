//! The whole document: a portfolio with its organisation tree and its projects.
//!
//! The organisation tree is kept flat (each unit names its parent) because a flat list is easy to
//! validate, edit and diff, and any depth falls out of it. Projects hang off a unit by id.

use serde::{Deserialize, Serialize};

use super::project::Project;
use super::time::Date;

/// The version of the wire format this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Portfolio {
    pub schema_version: u32,
    pub id: String,
    pub name: String,
    /// The reporting currency (ISO 4217) for portfolio totals.
    pub currency: String,
    /// The portfolio-wide reporting date; each project may carry its own status date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<Date>,
    /// The month (1-12) the fiscal year starts in; 1 when absent.
    #[serde(default = "default_fiscal_year_start_month")]
    pub fiscal_year_start_month: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub org_units: Vec<OrgUnit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

impl Portfolio {
    /// A portfolio holding one project and nothing else (imports and benchmarks start here).
    pub fn of_project(project: Project) -> Portfolio {
        Portfolio {
            schema_version: SCHEMA_VERSION,
            id: format!("{}-portfolio", project.id),
            name: project.name.clone(),
            currency: project.currency.clone(),
            status_date: project.status_date,
            fiscal_year_start_month: 1,
            org_units: Vec::new(),
            projects: vec![project],
        }
    }
}

fn default_fiscal_year_start_month() -> u32 {
    1
}

/// One node of the organisation tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrgUnit {
    pub id: String,
    pub name: String,
    pub kind: OrgUnitKind,
    /// The unit this one sits under; none for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrgUnitKind {
    Function,
    Portfolio,
    SubPortfolio,
    Program,
}
