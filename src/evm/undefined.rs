//! Ratios that may have no value: a measure is either a finite number or undefined with a reason.
//!
//! Earned value ratios divide by quantities that are legitimately zero early or late in a project
//! (no cost booked yet, nothing planned yet, all work done). Reporting 0, 1, NaN or Infinity there
//! misleads a reader, so the reason travels with the gap; in JSON the measure is `null` and the
//! result's `reasons` object maps the field name to a stable camelCase code.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// Why a measure has no value. The serialized names are stable codes for the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Reason {
    /// Actual cost is zero, so cost efficiency cannot be measured.
    NoActualCost,
    /// Planned value is zero (nothing was planned by the status date).
    NoPlannedValue,
    /// Earned value is zero, so an index in the denominator is zero.
    NoEarnedValue,
    /// The budget at completion is zero.
    NoBudget,
    /// All budgeted work is earned: nothing remains to perform efficiently.
    WorkComplete,
    /// Actual cost has reached or passed the budget, so no efficiency can finish within it.
    BudgetSpent,
    /// Nothing is earned yet, so no schedule has been earned either.
    NotStarted,
    /// No time has elapsed since the start of the baseline.
    NoActualTime,
    /// The planned duration has elapsed: no planned time remains.
    NoRemainingTime,
    /// The estimate leaves no cost to complete.
    NoEstimateToComplete,
    /// No bottom-up estimate to complete was given.
    NoBottomUpEstimate,
    /// Fewer periods are available than the window needs, or the window is empty.
    NoWindow,
    /// The arithmetic overflowed to a non-finite number.
    NotFinite,
}

impl Reason {
    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoActualCost => "noActualCost",
            Reason::NoPlannedValue => "noPlannedValue",
            Reason::NoEarnedValue => "noEarnedValue",
            Reason::NoBudget => "noBudget",
            Reason::WorkComplete => "workComplete",
            Reason::BudgetSpent => "budgetSpent",
            Reason::NotStarted => "notStarted",
            Reason::NoActualTime => "noActualTime",
            Reason::NoRemainingTime => "noRemainingTime",
            Reason::NoEstimateToComplete => "noEstimateToComplete",
            Reason::NoBottomUpEstimate => "noBottomUpEstimate",
            Reason::NoWindow => "noWindow",
            Reason::NotFinite => "notFinite",
        }
    }
}

/// A finite number, or the reason there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    Value(f64),
    Undefined(Reason),
}

impl Measure {
    /// Wraps a computed number, turning any non-finite result into `Undefined(NotFinite)` so
    /// that NaN or Infinity can never leave the engine.
    pub fn of(value: f64) -> Measure {
        if value.is_finite() {
            Measure::Value(value)
        } else {
            Measure::Undefined(Reason::NotFinite)
        }
    }

    /// `numerator / denominator`, undefined with `reason` when the denominator is zero.
    pub fn ratio(numerator: f64, denominator: f64, reason: Reason) -> Measure {
        if denominator == 0.0 {
            Measure::Undefined(reason)
        } else {
            Measure::of(numerator / denominator)
        }
    }

    pub fn value(self) -> Option<f64> {
        match self {
            Measure::Value(value) => Some(value),
            Measure::Undefined(_) => None,
        }
    }

    pub fn reason(self) -> Option<Reason> {
        match self {
            Measure::Value(_) => None,
            Measure::Undefined(reason) => Some(reason),
        }
    }

    pub fn is_defined(self) -> bool {
        matches!(self, Measure::Value(_))
    }

    /// Applies `f` to a value; an undefined measure keeps its reason.
    pub fn map(self, f: impl FnOnce(f64) -> f64) -> Measure {
        match self {
            Measure::Value(value) => Measure::of(f(value)),
            undefined => undefined,
        }
    }

    /// Applies a computation that may itself be undefined.
    pub fn and_then(self, f: impl FnOnce(f64) -> Measure) -> Measure {
        match self {
            Measure::Value(value) => f(value),
            undefined => undefined,
        }
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Measure::Value(value) => serializer.serialize_f64(*value),
            Measure::Undefined(_) => serializer.serialize_none(),
        }
    }
}

/// Field name (as serialized) to the reason it is undefined; sorted so output is stable.
pub type Reasons = BTreeMap<String, Reason>;

/// Collects the reasons of the undefined measures among `fields`.
pub fn reasons_of(fields: &[(&str, Measure)]) -> Reasons {
    fields.iter().filter_map(|(name, measure)| measure.reason().map(|reason| (name.to_string(), reason))).collect()
}

/// A plain sum or difference of finite inputs can still overflow; this keeps it finite.
pub(crate) fn guard(value: f64) -> f64 {
    if value.is_finite() {
        value
    } else if value.is_nan() {
        0.0
    } else {
        value.signum() * f64::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominator_is_undefined_with_its_reason() {
        assert_eq!(Measure::ratio(5.0, 0.0, Reason::NoActualCost), Measure::Undefined(Reason::NoActualCost));
        assert_eq!(Measure::ratio(0.0, 0.0, Reason::NotStarted).reason(), Some(Reason::NotStarted));
        assert_eq!(Measure::ratio(3.0, 4.0, Reason::NoActualCost), Measure::Value(0.75));
    }

    #[test]
    fn overflow_never_leaks_as_infinity() {
        assert_eq!(Measure::ratio(f64::MAX, 1e-300, Reason::NoActualCost), Measure::Undefined(Reason::NotFinite));
        assert_eq!(Measure::of(f64::NAN).reason(), Some(Reason::NotFinite));
        assert!(guard(f64::INFINITY).is_finite());
    }

    #[test]
    fn serializes_as_number_or_null_and_reason_codes_are_camel_case() {
        assert_eq!(serde_json::to_string(&Measure::Value(1.5)).ok().as_deref(), Some("1.5"));
        assert_eq!(serde_json::to_string(&Measure::Undefined(Reason::WorkComplete)).ok().as_deref(), Some("null"));
        for reason in [Reason::NoActualCost, Reason::WorkComplete, Reason::NoActualTime, Reason::BudgetSpent] {
            assert_eq!(serde_json::to_string(&reason).ok(), Some(format!("\"{}\"", reason.code())));
        }
        let reasons = reasons_of(&[("cpi", Measure::Undefined(Reason::NoActualCost)), ("spi", Measure::Value(1.0))]);
        assert_eq!(serde_json::to_string(&reasons).ok().as_deref(), Some("{\"cpi\":\"noActualCost\"}"));
    }
}
