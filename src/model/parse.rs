//! Reading and writing the JSON form, with errors that name the offending field.

use serde::de::{DeserializeOwned, IgnoredAny};

use super::portfolio::{Portfolio, SCHEMA_VERSION};
use super::project::Project;
use super::validate::{validate, Finding, Severity};

/// Why a document could not become a portfolio.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The text or object does not have the model's shape; the finding names where.
    #[error("{}", .0.message)]
    Unreadable(Finding),
    /// The shape is right but validation found errors; every finding is listed, warnings too.
    #[error("{}", invalid_summary(.0))]
    Invalid(Vec<Finding>),
}

fn invalid_summary(findings: &[Finding]) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    match errors.first() {
        Some(first) if errors.len() == 1 => {
            format!("The portfolio was not loaded because of 1 error: {}", first.message)
        }
        Some(first) => format!(
            "The portfolio was not loaded because of {} errors; the first: {}",
            errors.len(),
            first.message
        ),
        None => "The portfolio was not loaded.".to_string(),
    }
}

impl LoadError {
    /// The stable code of the first error.
    pub fn code(&self) -> &str {
        self.first().map(|f| f.code).unwrap_or("invalid")
    }
    /// Where the first error is.
    pub fn path(&self) -> &str {
        self.first().map(|f| f.path.as_str()).unwrap_or("")
    }
    pub fn findings(&self) -> &[Finding] {
        match self {
            LoadError::Unreadable(finding) => std::slice::from_ref(finding),
            LoadError::Invalid(findings) => findings,
        }
    }
    fn first(&self) -> Option<&Finding> {
        self.findings().iter().find(|f| f.severity == Severity::Error)
    }
}

/// Parses JSON text into a portfolio and validates it. Warnings come back beside the portfolio;
/// any error refuses the whole document, so nothing half-read is ever used.
pub fn from_json_str(text: &str) -> Result<(Portfolio, Vec<Finding>), LoadError> {
    accept(parse_json(text)?)
}

/// Reads one project (to replace a project in a loaded portfolio) from JSON text; paths in
/// errors are relative to the project.
pub fn parse_project_json(text: &str) -> Result<Project, LoadError> {
    read_json(text)
}

fn accept(portfolio: Portfolio) -> Result<(Portfolio, Vec<Finding>), LoadError> {
    let findings = validate(&portfolio);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Err(LoadError::Invalid(findings))
    } else {
        Ok((portfolio, findings))
    }
}

/// Parses JSON text into a portfolio without validating it.
pub fn parse_json(text: &str) -> Result<Portfolio, LoadError> {
    read_json(text)
}

/// Reads any part of the model (a dependency for a what-if edit, say) from JSON text, with
/// the path of the first field that does not fit.
pub fn parse_part_json<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    read_json(text)
}

fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    // Tracking the path costs on every field (a third of reading a large portfolio); a document
    // that reads is read without it, and only one that fails is read again to say where.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut deserializer);
    let value = parsed.map_err(|error| {
        let inner = error.inner();
        if inner.is_syntax() || inner.is_eof() {
            return LoadError::Unreadable(syntax_finding(inner));
        }
        // A document from a newer version of the model fails on its new fields; say that instead.
        if let Some(version) = declared_schema_version(text) {
            if version != SCHEMA_VERSION as u64 {
                return LoadError::Unreadable(unsupported_version(version));
            }
        }
        LoadError::Unreadable(shape_finding(&error.path().to_string(), &strip_position(&inner.to_string())))
    })?;
    deserializer.end().map_err(|trailing| LoadError::Unreadable(syntax_finding(&trailing)))?;
    Ok(value)
}

fn syntax_finding(error: &serde_json::Error) -> Finding {
    Finding::error(
        "json_syntax",
        "",
        format!(
            "The file is not valid JSON (line {}, column {}): {}.",
            error.line(),
            error.column(),
            strip_position(&error.to_string())
        ),
    )
}

pub(super) fn unsupported_version(version: u64) -> Finding {
    Finding::error(
        "unsupported_schema_version",
        "schemaVersion",
        format!(
            "This document uses schema version {version}; this version of pmo-analytics reads version {SCHEMA_VERSION}."
        ),
    )
}

fn declared_schema_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Header {
        #[serde(rename = "schemaVersion")]
        schema_version: Option<u64>,
        #[serde(flatten)]
        _rest: std::collections::HashMap<String, IgnoredAny>,
    }
    serde_json::from_str::<Header>(text).ok()?.schema_version
}

/// serde_json appends " at line L column C"; the path says more to an analyst.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// Turns a deserializer's complaint into a finding with a stable code.
/// How the wasm boundary marks a NaN or infinite number of a JavaScript object, which JSON
/// text cannot carry, so it is refused as `not_finite` at its path rather than read as null.
pub const NON_FINITE_MARK: &str = "\u{1}pmo-non-finite:";

fn shape_finding(path: &str, message: &str) -> Finding {
    let path = if path == "." { "" } else { path };
    let place = if path.is_empty() { "the document".to_string() } else { path.to_string() };
    if message.contains("pmo-non-finite:") {
        return Finding::error("not_finite", path, format!("{place} is NaN or infinite; it must be a finite number."));
    }
    // serde-wasm-bindgen renders its errors as JS errors ("Error: ...").
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    let code = if message.starts_with("missing field") {
        "missing_field"
    } else if message.starts_with("unknown field") {
        "unknown_field"
    } else if message.starts_with("unknown variant") {
        "unknown_value"
    } else if message.starts_with("invalid date") || message.starts_with("invalid time") {
        "invalid_date"
    } else if message.starts_with("invalid duration") || message.starts_with("duration ") {
        "invalid_duration"
    } else if message.starts_with("invalid type") {
        "wrong_type"
    } else {
        "invalid_value"
    };
    Finding::error(code, path, format!("Could not read {place}: {message}."))
}

/// Writes a portfolio as compact JSON in the model's canonical form.
pub fn to_json_string(portfolio: &Portfolio) -> String {
    // Serializing plain data to a String cannot fail: every map key is a string and every
    // number is finite after validation (a non-finite one is written as null by serde_json).
    serde_json::to_string(portfolio).unwrap_or_default()
}
