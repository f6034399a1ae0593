//! Earned value management: planned value, earned value and actual cost at a status date, the
//! performance indices and estimates built on them, earned schedule, S-curves and rollups.
//!
//! Vocabulary and formulas follow the PMI Practice Standard for Earned Value Management and
//! ANSI/EIA-748; earned schedule follows Lipke ("Schedule is Different", The Measurable News,
//! 2003) and the Earned Schedule practice guide. Every ratio whose denominator is zero, or that
//! means nothing at that point of the project, is a [`Measure::Undefined`] carrying a [`Reason`]
//! and crosses to JavaScript as `null` plus a reason code, never as 0, 1, NaN or Infinity.
//!
//! Dates: a status date stands for the end of that day (work and costs of the status date itself
//! count), which is how status reports are read and what the published examples assume.

pub mod actual;
pub mod baseline;
pub mod earned;
pub mod earned_schedule;
pub mod indices;
pub mod periods;
pub mod project;
pub mod recent;
pub mod rollup;
pub mod series;
pub mod undefined;

pub use actual::{actual_cost_at_period, actual_cost_to_date, CostRecord, PeriodCosts};
pub use baseline::{
    cumulative_from_period_values, planned_value_at, planned_value_at_position, planned_value_by_period,
    planned_value_of_activity, BaselineActivity, SpreadCurve,
};
pub use earned::{earned_value, EarningRule, Progress, ProgressRecord};
pub use earned_schedule::{
    earned_schedule, earned_schedule_measures, forecast_finish, planned_duration_of, EarnedScheduleInputs,
    EarnedScheduleMeasures,
};
pub use indices::{headline_indices, measures_at, EvmMeasures, HeadlineIndices, StatusInputs};
pub use periods::{end_of_day, PeriodGrid};
pub use project::{project_earned_value, project_series, ProjectBasis, ProjectEarnedValue, ProjectSeries};
pub use recent::{recent_window_indices, RecentWindowIndices};
pub use rollup::{resolve_rates, roll_up, Conversion, ConversionPlan, LeafFigures, NodeLevel, RollupNode, RollupOptions, RollupResult};
pub use series::{s_curve, SCurve, SCurveInputs};
pub use undefined::{Measure, Reason, Reasons};

/// What can be wrong with the inputs of an earned value computation. Undefined ratios are not
/// errors (they are [`Measure::Undefined`]); these are inputs no answer can be given for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvmError {
    #[error("{field} is {value}, but it must be a finite number.")]
    NotFinite { field: String, value: f64 },
    #[error("Status period {status_period} is past the end of the {series} series, which has {periods} periods.")]
    PeriodOutOfRange { series: String, status_period: usize, periods: usize },
    #[error("A period grid needs at least two strictly increasing boundaries; {0}.")]
    InvalidGrid(String),
    #[error("Fiscal years must start in a month from 1 to 12, not {0}.")]
    InvalidFiscalStart(u32),
    #[error("A custom period grid with {periods} periods was given {labels} labels; give one label per period.")]
    LabelCount { periods: usize, labels: usize },
    #[error("Cannot add {first} and {second} without a conversion table: give a rate for every currency into the reporting currency.")]
    MixedCurrencies { first: String, second: String },
    #[error("The conversion table has no rate for {currency} into {reporting}.")]
    MissingRate { currency: String, reporting: String },
    #[error("The rate for {currency} is {rate}; a conversion rate must be a positive finite number.")]
    InvalidRate { currency: String, rate: f64 },
    #[error("A conversion table was given without a reporting currency to convert into.")]
    NoReportingCurrency,
    #[error("Rollup node \"{0}\" has neither figures nor children, so there is nothing to add up.")]
    EmptyNode(String),
}

impl EvmError {
    /// A stable code for the JavaScript boundary, independent of the message wording.
    pub fn code(&self) -> &'static str {
        match self {
            EvmError::NotFinite { .. } => "not_finite",
            EvmError::PeriodOutOfRange { .. } => "period_out_of_range",
            EvmError::InvalidGrid(_) => "invalid_grid",
            EvmError::InvalidFiscalStart(_) => "invalid_fiscal_start",
            EvmError::LabelCount { .. } => "label_count",
            EvmError::MixedCurrencies { .. } => "mixed_currencies",
            EvmError::MissingRate { .. } => "missing_rate",
            EvmError::InvalidRate { .. } => "invalid_rate",
            EvmError::NoReportingCurrency => "no_reporting_currency",
            EvmError::EmptyNode(_) => "empty_node",
        }
    }
}

/// Rejects NaN and infinities at the door, so no computation downstream can produce them.
pub(crate) fn finite(field: &str, value: f64) -> Result<f64, EvmError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(EvmError::NotFinite { field: field.to_string(), value })
    }
}

/// The same check over a series, naming the offending element.
pub(crate) fn finite_series(field: &str, values: &[f64]) -> Result<(), EvmError> {
    // The name is only formatted for the offending element: this runs on every series of every
    // project in a portfolio table.
    match values.iter().position(|value| !value.is_finite()) {
        Some(index) => Err(EvmError::NotFinite { field: format!("{field}[{index}]"), value: values[index] }),
        None => Ok(()),
    }
}
