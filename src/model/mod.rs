//! The portfolio data model: the types every engine reads, their JSON form, and validation.
//!
//! The wire format is JSON with `"schemaVersion": 1` and camelCase names. Reading a document has
//! two stages: `parse` checks the shape (types, names, dates) and stops at the first thing it
//! cannot read, naming its path; `validate` then checks meaning (ids, references, ranges, order)
//! and collects every finding.

mod activity;
mod calendar;
pub mod graph;
mod parse;
mod portfolio;
mod project;
mod register;
mod resource;
pub mod time;
mod tracking;
mod validate;

pub use activity::{Activity, Assignment, Constraint, ConstraintKind, Dependency, DependencyKind, EarnedValueMethod, Split};
pub use calendar::{Calendar, CalendarException, ClockTime, Weekday, WeekdayHours, WorkingHours};
pub use parse::{
    from_json_str, parse_json, parse_part_json, parse_project_json, to_json_string, NON_FINITE_MARK,
    LoadError,
};
pub use portfolio::{OrgUnit, OrgUnitKind, Portfolio, SCHEMA_VERSION};
pub use project::{Baseline, BaselineActivity, Phase, Project, ProjectStatus};
pub use register::{
    ChangeRequest, ChangeStatus, Issue, Priority, ResponseStrategy, Risk, RiskKind, RiskResponse,
    RiskStatus,
};
pub use register::Velocity;
pub use resource::{Resource, ResourceKind};
pub use time::{Date, DateTime, WorkDuration, YearMonth, MINUTES_PER_DAY};
pub use tracking::{Expenditure, FinancialEntry, Rag, StatusSnapshot};
pub use validate::{validate, validate_activity, validate_project, Finding, Severity};
