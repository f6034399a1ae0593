//! Money by fiscal period: for one project or every project below an organisation unit, the
//! twelve months of a fiscal year with plan, actual, forecast and outlook, each split into capex
//! and opex, their cumulative series, the full-year figures and a per-project breakdown.
//!
//! Conventions:
//! - A fiscal year starts in the portfolio's `fiscalYearStartMonth` and is named by the calendar
//!   year it starts in: with an April start, fiscal year 2026 runs April 2026 to March 2027 and is
//!   labelled "FY2026-27"; with a January start it is the calendar year, labelled "FY2026". (Some
//!   organisations name a year by the year it ends in; the label shows both years whenever the
//!   year spans two, so a reader is never left guessing.)
//! - A month is closed when it ends on or before the status date. The outlook of a closed month is
//!   its booked actual; of an open month its forecast. An open month without a forecast uses its
//!   plan, and a closed month without an actual uses its forecast (else its plan); each such gap
//!   is flagged, so an outlook is never quietly the plan.
//! - Actual to date sums the closed months' actuals, so full-year outlook = actual to date +
//!   the open months' outlook (plus what stands in for a closed month's missing actual, which is
//!   flagged). Actuals booked in an open month are shown in the actual series but
//!   the outlook of that month is still its forecast (which should include them).
//! - Variance = outlook - plan (positive is an overspend); variance percent is a fraction of the
//!   plan (0.1 for ten percent over), as SV% and CV% are in `evm`, undefined with reason
//!   `noPlannedValue` when nothing is planned for the year.
//! - Amounts in different currencies are never added: every amount is converted into the
//!   reporting currency with the caller's rates (`evm::resolve_rates`, as the earned value rollup
//!   does), and without rates a mix of currencies is refused.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::evm::{resolve_rates, Conversion, EvmError, Measure, Reason, Reasons};
use crate::model::{Date, Expenditure, Project, YearMonth};

/// Months in a fiscal year; every monthly series has this many values.
pub const MONTHS_PER_YEAR: usize = 12;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FinancialsError {
    #[error("Fiscal years must start in a month from 1 to 12, not {0}.")]
    InvalidFiscalStart(u32),
    #[error("Fiscal year {0} is outside the years a plan can hold (1900 to 2200).")]
    InvalidFiscalYear(i32),
    #[error(transparent)]
    Currency(#[from] EvmError),
}

impl FinancialsError {
    /// A stable code for the JavaScript boundary.
    pub fn code(&self) -> &'static str {
        match self {
            FinancialsError::InvalidFiscalStart(_) => "invalid_fiscal_start",
            FinancialsError::InvalidFiscalYear(_) => "invalid_fiscal_year",
            FinancialsError::Currency(error) => error.code(),
        }
    }
}

/// One fiscal year: the calendar year and month it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FiscalYear {
    /// The calendar year the fiscal year starts in, which is also its number.
    pub year: i32,
    pub start_month: u32,
}

impl FiscalYear {
    pub fn new(year: i32, start_month: u32) -> Result<FiscalYear, FinancialsError> {
        if !(1..=12).contains(&start_month) {
            return Err(FinancialsError::InvalidFiscalStart(start_month));
        }
        if !(1900..=2200).contains(&year) {
            return Err(FinancialsError::InvalidFiscalYear(year));
        }
        Ok(FiscalYear { year, start_month })
    }

    /// The fiscal year that `date` falls in.
    pub fn containing(date: Date, start_month: u32) -> Result<FiscalYear, FinancialsError> {
        let month = YearMonth::of(date);
        let year = if month.month >= start_month { month.year } else { month.year - 1 };
        FiscalYear::new(year, start_month)
    }

    /// The twelve months in order.
    pub fn months(&self) -> Vec<YearMonth> {
        let mut month = YearMonth { year: self.year, month: self.start_month };
        let mut months = Vec::with_capacity(MONTHS_PER_YEAR);
        for _ in 0..MONTHS_PER_YEAR {
            months.push(month);
            month = month.next();
        }
        months
    }

    /// Where `month` sits in the year (0-11), if it does.
    pub fn index_of(&self, month: YearMonth) -> Option<usize> {
        let offset = (month.year - self.year) as i64 * 12 + month.month as i64 - self.start_month as i64;
        (0..MONTHS_PER_YEAR as i64).contains(&offset).then_some(offset as usize)
    }

    /// "FY2026" for a year starting in January, else "FY2026-27".
    pub fn label(&self) -> String {
        if self.start_month == 1 {
            format!("FY{}", self.year)
        } else {
            format!("FY{}-{:02}", self.year, (self.year + 1).rem_euclid(100))
        }
    }
}

/// Twelve monthly amounts, capex, opex and their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlySplit {
    pub capex: Vec<f64>,
    pub opex: Vec<f64>,
    pub total: Vec<f64>,
}

impl MonthlySplit {
    fn zero() -> MonthlySplit {
        MonthlySplit { capex: vec![0.0; MONTHS_PER_YEAR], opex: vec![0.0; MONTHS_PER_YEAR], total: vec![0.0; MONTHS_PER_YEAR] }
    }

    fn add(&mut self, expenditure: Expenditure, month: usize, amount: f64) {
        match expenditure {
            Expenditure::Capex => self.capex[month] += amount,
            Expenditure::Opex => self.opex[month] += amount,
        }
        self.total[month] += amount;
    }

    fn cumulative(&self) -> MonthlySplit {
        let running = |values: &[f64]| {
            let mut sum = 0.0;
            values.iter().map(|v| {
                sum += v;
                sum
            }).collect()
        };
        MonthlySplit { capex: running(&self.capex), opex: running(&self.opex), total: running(&self.total) }
    }

    /// The sum over the months where `include` is true.
    fn sum_where(&self, include: impl Fn(usize) -> bool) -> Split {
        let sum = |values: &[f64]| values.iter().enumerate().filter(|(i, _)| include(*i)).map(|(_, v)| v).sum();
        Split { capex: sum(&self.capex), opex: sum(&self.opex), total: sum(&self.total) }
    }
}

/// One amount split into capex, opex and their total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Split {
    pub capex: f64,
    pub opex: f64,
    pub total: f64,
}

/// A variance percent for each part of the split.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitMeasure {
    pub capex: Measure,
    pub opex: Measure,
    pub total: Measure,
}

/// The cumulative series, month by month from the start of the fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CumulativeSeries {
    pub plan: MonthlySplit,
    pub actual: MonthlySplit,
    pub forecast: MonthlySplit,
    pub outlook: MonthlySplit,
}

/// The whole fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FullYear {
    pub plan: Split,
    /// Actuals of the closed months.
    pub actual_to_date: Split,
    /// Actual to date plus the outlook of the open months.
    pub outlook: Split,
    /// Outlook - plan: positive is an overspend.
    pub variance: Split,
    /// Variance / plan as a fraction; undefined (`noPlannedValue`) when the plan is zero.
    pub variance_percent: SplitMeasure,
}

/// Why a month's outlook is not the figure the convention asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FlagKind {
    /// An open month has no forecast: its outlook is its plan.
    ForecastMissing,
    /// A closed month has no booked actual: its outlook is its forecast, else its plan.
    ActualMissing,
}

/// A gap in the data that the outlook had to fill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinancialFlag {
    pub kind: FlagKind,
    pub project_id: String,
    pub month: YearMonth,
    pub expenditure: Expenditure,
    /// The amount used in the outlook instead, in the reporting currency.
    pub amount_used: f64,
    pub message: String,
}

/// One project's year, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectFinancialRow {
    pub project_id: String,
    pub name: String,
    /// The project's own currency (its amounts here are converted into the report's).
    pub project_currency: String,
    pub plan: f64,
    pub actual_to_date: f64,
    pub outlook: f64,
    pub variance: f64,
    pub variance_percent: Measure,
    /// How many of its months needed a flag.
    pub flag_count: usize,
}

/// Financials of a project or a unit for one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinancialsReport {
    /// The project or organisation unit reported on.
    pub id: String,
    pub name: String,
    pub fiscal_year: FiscalYear,
    /// "FY2026-27", or "FY2026" for a January start.
    pub label: String,
    pub status_date: Date,
    /// The reporting currency of every amount.
    pub currency: String,
    /// Present when amounts were converted from other currencies.
    pub conversion: Option<Conversion>,
    /// The twelve months, `YYYY-MM`.
    pub months: Vec<YearMonth>,
    /// Per month: ended on or before the status date.
    pub closed: Vec<bool>,
    pub plan: MonthlySplit,
    /// Booked actuals (zero where none was booked).
    pub actual: MonthlySplit,
    /// Recorded forecasts (zero where none was recorded).
    pub forecast: MonthlySplit,
    /// Actual for closed months, forecast for open ones (gaps filled as flagged).
    pub outlook: MonthlySplit,
    pub cumulative: CumulativeSeries,
    pub full_year: FullYear,
    /// One row per project, in portfolio order.
    pub projects: Vec<ProjectFinancialRow>,
    pub flags: Vec<FinancialFlag>,
    /// Why each undefined measure is undefined, by field path (`fullYear.variancePercent.total`).
    pub reasons: Reasons,
}

/// What is reported on: its id and name, and the currency to report in (the project's own for
/// a project, the portfolio's for a unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Scope<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub reporting_currency: &'a str,
}

/// Financials of `projects` for `fiscal_year` at `status_date`. `rates` gives the value of one
/// unit of each other currency in the reporting currency; without it every project must be in
/// the reporting currency.
pub fn financials(
    scope: &Scope<'_>,
    projects: &[&Project],
    fiscal_year: FiscalYear,
    status_date: Date,
    rates: Option<&BTreeMap<String, f64>>,
) -> Result<FinancialsReport, FinancialsError> {
    // Checked again here: a FiscalYear may have been built field by field.
    let fiscal_year = FiscalYear::new(fiscal_year.year, fiscal_year.start_month)?;
    let currencies: BTreeSet<String> = projects.iter().map(|p| p.currency.clone()).collect();
    let (currency, rate_of, conversion) = resolve_rates(currencies, Some(scope.reporting_currency), rates)?;
    let months = fiscal_year.months();
    // A month is closed when its last day is on or before the status date: when the day after
    // the status date already lies in a later month.
    let closed: Vec<bool> = match status_date.0.succ_opt() {
        Some(day_after) => months.iter().map(|m| *m < YearMonth::of(Date(day_after))).collect(),
        None => vec![true; MONTHS_PER_YEAR],
    };

    let mut total = Totals::new();
    let mut rows = Vec::with_capacity(projects.len());
    let mut flags = Vec::new();
    for project in projects {
        let rate = rate_of.get(&project.currency).copied().unwrap_or(1.0);
        let mut own = Totals::new();
        let flags_before = flags.len();
        for entry in &project.financials {
            let Some(index) = fiscal_year.index_of(entry.month) else { continue };
            let plan = entry.plan * rate;
            let actual = entry.actual.map(|a| a * rate);
            let forecast = entry.forecast.map(|f| f * rate);
            let (outlook, gap) = if closed[index] {
                match actual {
                    Some(actual) => (actual, None),
                    None => (forecast.unwrap_or(plan), Some(FlagKind::ActualMissing)),
                }
            } else {
                match forecast {
                    Some(forecast) => (forecast, None),
                    None => (plan, Some(FlagKind::ForecastMissing)),
                }
            };
            own.plan.add(entry.expenditure, index, plan);
            own.actual.add(entry.expenditure, index, actual.unwrap_or(0.0));
            own.forecast.add(entry.expenditure, index, forecast.unwrap_or(0.0));
            own.outlook.add(entry.expenditure, index, outlook);
            if let Some(kind) = gap {
                flags.push(flag(kind, project, entry.month, entry.expenditure, outlook, &currency, forecast.is_some()));
            }
        }
        let year = own.full_year(&closed);
        rows.push(ProjectFinancialRow {
            project_id: project.id.clone(),
            name: project.name.clone(),
            project_currency: project.currency.clone(),
            plan: year.plan.total,
            actual_to_date: year.actual_to_date.total,
            outlook: year.outlook.total,
            variance: year.variance.total,
            variance_percent: year.variance_percent.total,
            flag_count: flags.len() - flags_before,
        });
        total.absorb(&own);
    }

    let full_year = total.full_year(&closed);
    let mut reasons = Reasons::new();
    for (part, measure) in [("capex", full_year.variance_percent.capex), ("opex", full_year.variance_percent.opex), ("total", full_year.variance_percent.total)] {
        if let Some(reason) = measure.reason() {
            reasons.insert(format!("fullYear.variancePercent.{part}"), reason);
        }
    }
    for row in &rows {
        if let Some(reason) = row.variance_percent.reason() {
            reasons.insert(format!("projects.{}.variancePercent", row.project_id), reason);
        }
    }
    Ok(FinancialsReport {
        id: scope.id.to_string(),
        name: scope.name.to_string(),
        fiscal_year,
        label: fiscal_year.label(),
        status_date,
        currency,
        conversion,
        months,
        closed,
        cumulative: CumulativeSeries {
            plan: total.plan.cumulative(),
            actual: total.actual.cumulative(),
            forecast: total.forecast.cumulative(),
            outlook: total.outlook.cumulative(),
        },
        plan: total.plan,
        actual: total.actual,
        forecast: total.forecast,
        outlook: total.outlook,
        full_year,
        projects: rows,
        flags,
        reasons,
    })
}

fn flag(kind: FlagKind, project: &Project, month: YearMonth, expenditure: Expenditure, amount: f64, currency: &str, had_forecast: bool) -> FinancialFlag {
    let what = match expenditure {
        Expenditure::Capex => "capex",
        Expenditure::Opex => "opex",
    };
    let message = match kind {
        FlagKind::ForecastMissing => format!(
            "Project \"{}\" has no {what} forecast for {month}; its outlook uses the plan ({amount:.2} {currency}).",
            project.name
        ),
        FlagKind::ActualMissing => format!(
            "Project \"{}\" has no {what} actual booked for {month}, a closed month; its outlook uses the {} ({amount:.2} {currency}).",
            project.name,
            if had_forecast { "forecast" } else { "plan" }
        ),
    };
    FinancialFlag { kind, project_id: project.id.clone(), month, expenditure, amount_used: amount, message }
}

struct Totals {
    plan: MonthlySplit,
    actual: MonthlySplit,
    forecast: MonthlySplit,
    outlook: MonthlySplit,
}

impl Totals {
    fn new() -> Totals {
        Totals { plan: MonthlySplit::zero(), actual: MonthlySplit::zero(), forecast: MonthlySplit::zero(), outlook: MonthlySplit::zero() }
    }

    fn absorb(&mut self, other: &Totals) {
        for (into, from) in [(&mut self.plan, &other.plan), (&mut self.actual, &other.actual), (&mut self.forecast, &other.forecast), (&mut self.outlook, &other.outlook)] {
            for month in 0..MONTHS_PER_YEAR {
                into.capex[month] += from.capex[month];
                into.opex[month] += from.opex[month];
                into.total[month] += from.total[month];
            }
        }
    }

    fn full_year(&self, closed: &[bool]) -> FullYear {
        let plan = self.plan.sum_where(|_| true);
        let actual_to_date = self.actual.sum_where(|m| closed[m]);
        let outlook = self.outlook.sum_where(|_| true);
        let variance = Split { capex: outlook.capex - plan.capex, opex: outlook.opex - plan.opex, total: outlook.total - plan.total };
        let percent = |variance: f64, plan: f64| Measure::ratio(variance, plan, Reason::NoPlannedValue);
        FullYear {
            variance_percent: SplitMeasure {
                capex: percent(variance.capex, plan.capex),
                opex: percent(variance.opex, plan.opex),
                total: percent(variance.total, plan.total),
            },
            plan,
            actual_to_date,
            outlook,
            variance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_months_follow_the_start_month() {
        let april = FiscalYear::new(2026, 4).unwrap();
        assert_eq!(april.label(), "FY2026-27");
        assert_eq!(april.months()[0], YearMonth { year: 2026, month: 4 });
        assert_eq!(april.months()[11], YearMonth { year: 2027, month: 3 });
        assert_eq!(april.index_of(YearMonth { year: 2027, month: 3 }), Some(11));
        assert_eq!(april.index_of(YearMonth { year: 2026, month: 3 }), None);
        assert_eq!(FiscalYear::new(2099, 7).unwrap().label(), "FY2099-00");
        assert_eq!(FiscalYear::new(2026, 1).unwrap().label(), "FY2026");
        let date = Date::from_ymd(2027, 2, 10).unwrap();
        assert_eq!(FiscalYear::containing(date, 4).unwrap().year, 2026);
        assert_eq!(FiscalYear::containing(date, 1).unwrap().year, 2027);
        assert!(FiscalYear::new(2026, 13).is_err());
    }
}
