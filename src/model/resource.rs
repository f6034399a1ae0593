//! People, equipment and cost items that activities use.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: ResourceKind,
    /// The role or skill the resource is planned as (capacity is compared by role too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Available units: 1.0 is one full-time person (MS Project's Max Units of 100%).
    #[serde(default = "one")]
    pub capacity_units: f64,
    /// Standard cost per working hour, in the project's currency.
    #[serde(default)]
    pub rate_per_hour: f64,
    /// The calendar of the project this resource works on; the project calendar when absent.
    /// It matters for resource-driven activities, whose assignments run on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_id: Option<String>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    #[default]
    Work,
    Material,
    Cost,
}
