//! Financials by fiscal period against figures computed by hand: an April fiscal year with a
//! project spanning two fiscal years and a mid-year status date, a January fiscal year, missing
//! forecasts and actuals flagged, a unit adding projects, and mixed currencies refused.

use std::collections::BTreeMap;

use pmo_analytics::evm::{Measure, Reason};
use pmo_analytics::model::{
    Date, DateTime, Expenditure, FinancialEntry, OrgUnit, OrgUnitKind, Phase, Portfolio, Project, ProjectStatus, YearMonth,
    SCHEMA_VERSION,
};
use pmo_analytics::portfolio::financials::{financials, FiscalYear, FlagKind, Scope};
use pmo_analytics::workspace::Workspace;

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).expect("a real date")
}

fn entry(year: i32, month: u32, expenditure: Expenditure, plan: f64, actual: Option<f64>, forecast: Option<f64>) -> FinancialEntry {
    FinancialEntry { month: YearMonth { year, month }, expenditure, plan, actual, forecast }
}

fn project(id: &str, currency: &str, unit: &str, financials: Vec<FinancialEntry>) -> Project {
    Project {
        id: id.to_string(),
        name: format!("Project {id}"),
        org_unit_id: Some(unit.to_string()),
        owner: None,
        sponsor: None,
        description: None,
        phase: Phase::Execution,
        status: ProjectStatus::Active,
        currency: currency.to_string(),
        status_date: None,
        start_date: DateTime::at_midnight(date(2026, 1, 5)),
        committed_finish: None,
        calendar_id: None,
        calendars: Vec::new(),
        budget_at_completion: 10_000.0,
        baseline: None,
        activities: Vec::new(),
        dependencies: Vec::new(),
        resources: Vec::new(),
        risks: Vec::new(),
        issues: Vec::new(),
        change_requests: Vec::new(),
        snapshots: Vec::new(),
        financials,
    }
}

fn portfolio(start_month: u32, status: Date, projects: Vec<Project>) -> Portfolio {
    let unit = |id: &str, parent: Option<&str>| OrgUnit {
        id: id.to_string(),
        name: format!("Unit {id}"),
        kind: OrgUnitKind::Portfolio,
        parent_id: parent.map(str::to_string),
        owner: None,
    };
    Portfolio {
        schema_version: SCHEMA_VERSION,
        id: "pf".to_string(),
        name: "Portfolio".to_string(),
        currency: "EUR".to_string(),
        status_date: Some(status),
        fiscal_year_start_month: start_month,
        org_units: vec![unit("root", None), unit("it", Some("root")), unit("ops", Some("root"))],
        projects,
    }
}

fn workspace(portfolio: Portfolio) -> Workspace {
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, Vec::new());
    workspace
}

fn assert_series(actual: &[f64], expected: &[f64], what: &str) {
    assert_eq!(actual.len(), 12, "{what} has twelve months");
    for (month, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!((a - e).abs() < 1e-9, "{what}[{month}] is {a}, expected {e}");
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

/// Project A, EUR, from January 2026 to April 2027: it spans fiscal years 2025-26, 2026-27 and
/// 2027-28 of an April fiscal year.
fn spanning_project() -> Project {
    use Expenditure::{Capex, Opex};
    project(
        "A",
        "EUR",
        "it",
        vec![
            // Fiscal year 2025-26: left out of FY2026-27.
            entry(2026, 1, Capex, 100.0, Some(90.0), None),
            entry(2026, 3, Opex, 50.0, Some(55.0), None),
            // Fiscal year 2026-27.
            entry(2026, 4, Capex, 200.0, Some(210.0), None),
            entry(2026, 4, Opex, 20.0, Some(20.0), None),
            entry(2026, 5, Capex, 200.0, Some(180.0), None),
            entry(2026, 6, Opex, 30.0, Some(35.0), None),
            // A stale forecast in a closed month: the actual wins.
            entry(2026, 7, Capex, 100.0, Some(100.0), Some(90.0)),
            // Closed but nothing booked: the forecast stands in, flagged.
            entry(2026, 8, Capex, 100.0, None, Some(120.0)),
            // The status month: a part-month booking, but the outlook is the forecast.
            entry(2026, 9, Capex, 150.0, Some(40.0), Some(160.0)),
            entry(2026, 10, Opex, 40.0, None, Some(45.0)),
            // Open, no forecast: the plan stands in, flagged.
            entry(2026, 11, Capex, 100.0, None, None),
            entry(2027, 3, Capex, 80.0, None, Some(70.0)),
            entry(2027, 3, Opex, 10.0, None, Some(10.0)),
            // Fiscal year 2027-28: left out.
            entry(2027, 4, Capex, 500.0, None, Some(500.0)),
        ],
    )
}

#[test]
fn april_year_with_a_project_spanning_two_fiscal_years() {
    // FY2026-27 runs April 2026 (index 0) to March 2027 (index 11). Status 2026-09-15: April to
    // August (0-4) are closed, September (5) onwards open.
    let project = spanning_project();
    let year = FiscalYear::new(2026, 4).unwrap();
    let scope = Scope { id: "A", name: "Project A", reporting_currency: "EUR" };
    let report = financials(&scope, &[&project], year, date(2026, 9, 15), None).unwrap();
    assert_eq!(report.label, "FY2026-27");
    assert_eq!(report.months.first().map(|m| m.to_string()).as_deref(), Some("2026-04"));
    assert_eq!(report.months.last().map(|m| m.to_string()).as_deref(), Some("2027-03"));
    assert_eq!(report.closed, [true, true, true, true, true, false, false, false, false, false, false, false]);
    //                      Apr  May  Jun  Jul  Aug  Sep  Oct  Nov Dec Jan Feb Mar
    // plan capex           200  200    0  100  100  150    0  100   0   0   0  80  = 930
    // plan opex             20    0   30    0    0    0   40    0   0   0   0  10  = 100
    assert_series(&report.plan.capex, &[200.0, 200.0, 0.0, 100.0, 100.0, 150.0, 0.0, 100.0, 0.0, 0.0, 0.0, 80.0], "plan capex");
    assert_series(&report.plan.opex, &[20.0, 0.0, 30.0, 0.0, 0.0, 0.0, 40.0, 0.0, 0.0, 0.0, 0.0, 10.0], "plan opex");
    assert_series(&report.plan.total, &[220.0, 200.0, 30.0, 100.0, 100.0, 150.0, 40.0, 100.0, 0.0, 0.0, 0.0, 90.0], "plan total");
    // actual capex         210  180    0  100    0   40 (booked, in an open month)
    // actual opex           20    0   35
    assert_series(&report.actual.capex, &[210.0, 180.0, 0.0, 100.0, 0.0, 40.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], "actual capex");
    assert_series(&report.actual.total, &[230.0, 180.0, 35.0, 100.0, 0.0, 40.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], "actual total");
    // forecast capex         0    0    0   90  120  160    0    0   0   0   0  70
    // forecast opex          0    0    0    0    0    0   45    0   0   0   0  10
    assert_series(&report.forecast.total, &[0.0, 0.0, 0.0, 90.0, 120.0, 160.0, 45.0, 0.0, 0.0, 0.0, 0.0, 80.0], "forecast total");
    // outlook: actual where closed (August has none: its forecast 120), forecast where open
    // (November has none: its plan 100).
    // outlook capex        210  180    0  100  120  160    0  100   0   0   0  70  = 940
    // outlook opex          20    0   35    0    0    0   45    0   0   0   0  10  = 110
    assert_series(&report.outlook.capex, &[210.0, 180.0, 0.0, 100.0, 120.0, 160.0, 0.0, 100.0, 0.0, 0.0, 0.0, 70.0], "outlook capex");
    assert_series(&report.outlook.opex, &[20.0, 0.0, 35.0, 0.0, 0.0, 0.0, 45.0, 0.0, 0.0, 0.0, 0.0, 10.0], "outlook opex");
    assert_series(&report.outlook.total, &[230.0, 180.0, 35.0, 100.0, 120.0, 160.0, 45.0, 100.0, 0.0, 0.0, 0.0, 80.0], "outlook total");
    // cumulative plan total 220 420 450 550 650 800 840 940 940 940 940 1030
    assert_series(&report.cumulative.plan.total, &[220.0, 420.0, 450.0, 550.0, 650.0, 800.0, 840.0, 940.0, 940.0, 940.0, 940.0, 1030.0], "cumulative plan");
    // cumulative outlook total 230 410 445 545 665 825 870 970 970 970 970 1050
    assert_series(&report.cumulative.outlook.total, &[230.0, 410.0, 445.0, 545.0, 665.0, 825.0, 870.0, 970.0, 970.0, 970.0, 970.0, 1050.0], "cumulative outlook");

    let year = &report.full_year;
    // Full-year plan: capex 930, opex 100, total 1030.
    assert!(close(year.plan.capex, 930.0) && close(year.plan.opex, 100.0) && close(year.plan.total, 1030.0), "{:?}", year.plan);
    // Actual to date (closed months only): capex 210+180+100 = 490, opex 20+35 = 55, total 545;
    // September's 40 booked in an open month is not in it.
    assert!(close(year.actual_to_date.capex, 490.0) && close(year.actual_to_date.opex, 55.0) && close(year.actual_to_date.total, 545.0), "{:?}", year.actual_to_date);
    // Outlook: capex 940, opex 110, total 1050; variance 10, 10, 20.
    assert!(close(year.outlook.capex, 940.0) && close(year.outlook.opex, 110.0) && close(year.outlook.total, 1050.0), "{:?}", year.outlook);
    assert!(close(year.variance.capex, 10.0) && close(year.variance.opex, 10.0) && close(year.variance.total, 20.0), "{:?}", year.variance);
    // Variance percent as a fraction: 20/1030, 10/930, 10/100.
    assert!(close(year.variance_percent.total.value().unwrap(), 20.0 / 1030.0));
    assert!(close(year.variance_percent.capex.value().unwrap(), 10.0 / 930.0));
    assert!(close(year.variance_percent.opex.value().unwrap(), 0.1));
    assert!(report.reasons.is_empty());

    // Two gaps filled, each flagged with the amount used.
    assert_eq!(report.flags.len(), 2, "{:?}", report.flags);
    let august = &report.flags[0];
    assert_eq!((august.kind, august.month.to_string(), august.amount_used), (FlagKind::ActualMissing, "2026-08".to_string(), 120.0));
    let november = &report.flags[1];
    assert_eq!((november.kind, november.month.to_string(), november.amount_used), (FlagKind::ForecastMissing, "2026-11".to_string(), 100.0));
    assert!(november.message.contains("no capex forecast for 2026-11"), "{}", november.message);

    assert_eq!(report.projects.len(), 1);
    let row = &report.projects[0];
    assert!(close(row.plan, 1030.0) && close(row.outlook, 1050.0) && close(row.variance, 20.0) && close(row.actual_to_date, 545.0));
    assert_eq!(row.flag_count, 2);

    // The same project in the previous fiscal year: January capex 100 (actual 90) and March opex
    // 50 (actual 55); everything closed at this status date.
    let previous = financials(&scope, &[&project], FiscalYear::new(2025, 4).unwrap(), date(2026, 9, 15), None).unwrap();
    assert_eq!(previous.label, "FY2025-26");
    assert!(previous.closed.iter().all(|c| *c));
    assert!(close(previous.full_year.plan.total, 150.0) && close(previous.full_year.outlook.total, 145.0));
    assert!(close(previous.full_year.actual_to_date.total, 145.0) && close(previous.full_year.variance.total, -5.0));
    assert_series(&previous.outlook.total, &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 90.0, 0.0, 55.0], "FY2025-26 outlook");
}

#[test]
fn the_workspace_picks_the_fiscal_year_of_the_status_date() {
    let mut workspace = workspace(portfolio(4, date(2026, 9, 15), vec![spanning_project()]));
    let report = workspace.financials("A", None, None, None).unwrap();
    assert_eq!((report.fiscal_year.year, report.label.as_str(), report.status_date), (2026, "FY2026-27", date(2026, 9, 15)));
    assert!(close(report.full_year.outlook.total, 1050.0));
    // February 2027 is still in fiscal year 2026 with an April start.
    let report = workspace.financials("A", None, Some(date(2027, 2, 10)), None).unwrap();
    assert_eq!(report.fiscal_year.year, 2026);
    assert_eq!(report.closed.iter().filter(|c| **c).count(), 10);
    // October (open at 2026-09-15) is now closed with no actual: its forecast 45 stands in.
    assert!(report.flags.iter().any(|f| f.kind == FlagKind::ActualMissing && f.month.to_string() == "2026-10"));
    // An explicit year.
    let report = workspace.financials("A", Some(2027), None, None).unwrap();
    assert_eq!(report.label, "FY2027-28");
    assert!(close(report.full_year.plan.total, 500.0));
    // The last day of a month closes it.
    let report = workspace.financials("A", None, Some(date(2026, 9, 30)), None).unwrap();
    assert_eq!(report.closed.iter().filter(|c| **c).count(), 6);
    // Unknown ids and bad years are refused in words.
    let error = workspace.financials("nowhere", None, None, None).unwrap_err();
    assert_eq!(error.code(), "not_found");
    let error = workspace.financials("A", Some(3000), None, None).unwrap_err();
    assert_eq!((error.code(), error.path()), ("invalid_option", "fiscalYear"));
}

#[test]
fn january_year_is_the_calendar_year() {
    use Expenditure::{Capex, Opex};
    let project = project(
        "J",
        "EUR",
        "ops",
        vec![
            entry(2025, 12, Capex, 999.0, Some(999.0), None),
            entry(2026, 1, Capex, 100.0, Some(90.0), None),
            entry(2026, 6, Opex, 60.0, Some(70.0), None),
            entry(2026, 12, Capex, 40.0, Some(40.0), None),
            entry(2027, 1, Capex, 999.0, None, Some(999.0)),
        ],
    );
    let mut workspace = workspace(portfolio(1, date(2026, 12, 31), vec![project]));
    let report = workspace.financials("J", None, None, None).unwrap();
    // FY2026 = January to December 2026; at 2026-12-31 every month is closed.
    assert_eq!(report.label, "FY2026");
    assert_eq!(report.months.first().map(|m| m.to_string()).as_deref(), Some("2026-01"));
    assert!(report.closed.iter().all(|c| *c));
    // Plan 100 + 60 + 40 = 200; actual 90 + 70 + 40 = 200 = outlook; variance 0.
    assert!(close(report.full_year.plan.total, 200.0));
    assert!(close(report.full_year.actual_to_date.total, 200.0) && close(report.full_year.outlook.total, 200.0));
    assert!(close(report.full_year.variance.total, 0.0));
    assert_eq!(report.full_year.variance_percent.total, Measure::Value(0.0));
    assert_series(&report.outlook.capex, &[90.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0], "outlook capex");
    assert!(report.flags.is_empty());
    // Opex plan 60 against capex: capex plan 140, outlook 130, variance -10.
    assert!(close(report.full_year.variance.capex, -10.0) && close(report.full_year.variance.opex, 10.0));
}

#[test]
fn a_status_date_before_the_year_leaves_every_month_open() {
    use Expenditure::Capex;
    let project = project("F", "EUR", "it", vec![entry(2026, 5, Capex, 100.0, None, None), entry(2026, 6, Capex, 50.0, None, Some(80.0))]);
    let year = FiscalYear::new(2026, 4).unwrap();
    let report = financials(&Scope { id: "F", name: "F", reporting_currency: "EUR" }, &[&project], year, date(2026, 2, 1), None).unwrap();
    assert!(report.closed.iter().all(|c| !*c));
    // Outlook: May's plan 100 (flagged) + June's forecast 80 = 180; nothing to date.
    assert!(close(report.full_year.outlook.total, 180.0) && close(report.full_year.actual_to_date.total, 0.0));
    assert_eq!(report.flags.len(), 1);
    assert_eq!(report.flags[0].kind, FlagKind::ForecastMissing);
    assert!(close(report.full_year.variance.total, 30.0));
    // Nothing planned as opex: its variance percent is undefined, with the reason.
    assert_eq!(report.full_year.variance_percent.opex, Measure::Undefined(Reason::NoPlannedValue));
    assert_eq!(report.reasons.get("fullYear.variancePercent.opex"), Some(&Reason::NoPlannedValue));
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["fullYear"]["variancePercent"]["opex"].is_null());
    assert_eq!(json["reasons"]["fullYear.variancePercent.opex"], "noPlannedValue");
    assert_eq!(json["label"], "FY2026-27");
    assert_eq!(json["months"][0], "2026-04");
}

#[test]
fn a_unit_adds_its_projects_and_refuses_mixed_currencies_without_rates() {
    use Expenditure::{Capex, Opex};
    let euro = project("E", "EUR", "it", vec![entry(2026, 4, Capex, 100.0, Some(100.0), None), entry(2026, 10, Opex, 200.0, None, Some(250.0))]);
    let dollar = project("D", "USD", "ops", vec![entry(2026, 4, Capex, 1000.0, Some(1100.0), None)]);
    let mut workspace = workspace(portfolio(4, date(2026, 6, 30), vec![euro, dollar]));

    // "it" holds only the EUR project.
    let it = workspace.financials("it", None, None, None).unwrap();
    assert_eq!((it.currency.as_str(), it.projects.len()), ("EUR", 1));
    assert!(close(it.full_year.plan.total, 300.0) && close(it.full_year.outlook.total, 350.0));

    // "root" holds both: refused without rates, with a message naming both currencies.
    let error = workspace.financials("root", None, None, None).unwrap_err();
    assert_eq!(error.code(), "mixed_currencies");
    assert!(error.to_string().contains("EUR") && error.to_string().contains("USD"), "{error}");
    // A rate table without USD is refused too.
    let error = workspace.financials("root", None, None, Some(BTreeMap::from([("GBP".to_string(), 1.15)]))).unwrap_err();
    assert_eq!(error.code(), "missing_rate");

    // One USD is worth 0.9 EUR: D's plan 1000 USD = 900 EUR, its actual 1100 USD = 990 EUR.
    let rates = BTreeMap::from([("USD".to_string(), 0.9)]);
    let root = workspace.financials("root", None, None, Some(rates.clone())).unwrap();
    assert_eq!(root.currency, "EUR");
    assert_eq!(root.conversion.as_ref().map(|c| c.rates.clone()), Some(rates));
    // April capex: 100 + 900 plan; 100 + 990 actual.
    assert!(close(root.plan.capex[0], 1000.0) && close(root.actual.capex[0], 1090.0));
    // Full year: plan 300 + 900 = 1200, outlook 350 + 990 = 1340, variance 140.
    assert!(close(root.full_year.plan.total, 1200.0) && close(root.full_year.outlook.total, 1340.0) && close(root.full_year.variance.total, 140.0));
    assert_eq!(root.projects.iter().map(|r| r.project_id.as_str()).collect::<Vec<_>>(), ["E", "D"]);
    let d = &root.projects[1];
    assert_eq!(d.project_currency, "USD");
    assert!(close(d.plan, 900.0) && close(d.outlook, 990.0) && close(d.variance, 90.0) && close(d.variance_percent.value().unwrap(), 0.1));
    // The portfolio id means every project.
    let whole = workspace.financials("pf", None, None, Some(BTreeMap::from([("USD".to_string(), 0.9)]))).unwrap();
    assert!(close(whole.full_year.plan.total, 1200.0));

    // A project reports in its own currency: no rates needed.
    let alone = workspace.financials("D", None, None, None).unwrap();
    assert_eq!(alone.currency, "USD");
    assert!(close(alone.full_year.plan.total, 1000.0));
}
