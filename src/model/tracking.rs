//! What is recorded over time: status snapshots (earned value to date, the manager's RAG and
//! commentary) and financials by fiscal month.

use serde::{Deserialize, Serialize};

use super::time::{Date, YearMonth};

/// The state of the project as reported at the end of one period. Values are cumulative to
/// `date`, as earned value is defined; the change over a period is the difference of two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusSnapshot {
    pub date: Date,
    pub planned_value: f64,
    pub earned_value: f64,
    pub actual_cost: f64,
    /// The colour the project manager reported, which health scoring compares with its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_rag: Option<Rag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commentary: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

/// Money in one month and one expenditure type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinancialEntry {
    pub month: YearMonth,
    pub expenditure: Expenditure,
    pub plan: f64,
    /// Booked actuals; absent for months not yet closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// The latest forecast for the month; absent when none was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Expenditure {
    Capex,
    Opex,
}
