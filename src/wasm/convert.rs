//! Conversions across the boundary, and the one place errors become JS `Error`s.

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{self, Finding, LoadError, Portfolio, Project};
use crate::workspace::WorkspaceError;

pub type JsResult = Result<JsValue, JsValue>;

/// Anything an export can fail with before it becomes a JS `Error`.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("Expected JSON text or a plain object, got {0}.")]
    WrongInput(String),
    #[error("The result could not be passed to JavaScript: {0}")]
    Output(String),
}

impl ReadError {
    fn code(&self) -> &str {
        match self {
            ReadError::Load(error) => error.code(),
            ReadError::Workspace(error) => error.code(),
            ReadError::WrongInput(_) => "wrong_type",
            ReadError::Output(_) => "internal_error",
        }
    }
    fn path(&self) -> &str {
        match self {
            ReadError::Load(error) => error.path(),
            ReadError::Workspace(error) => error.path(),
            _ => "",
        }
    }
    fn findings(&self) -> &[Finding] {
        match self {
            ReadError::Load(error) => error.findings(),
            ReadError::Workspace(error) => error.findings(),
            _ => &[],
        }
    }
}

impl From<ReadError> for JsValue {
    fn from(error: ReadError) -> JsValue {
        let findings = to_js(error.findings()).unwrap_or(JsValue::NULL);
        make_error(error.code(), error.path(), &error.to_string(), findings)
    }
}

/// Builds `PmoError`: a JS `Error` whose extra fields are the stable code, the path of the
/// offending field and every finding.
fn make_error(code: &str, path: &str, message: &str, findings: JsValue) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("PmoError");
    let object: &JsValue = error.as_ref();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(object, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(object, &"path".into(), &path.into());
    let _ = js_sys::Reflect::set(object, &"findings".into(), &findings);
    error.into()
}

/// Runs an export: errors become `PmoError`, and a panic becomes `PmoError` with code
/// `internal_error` instead of a trap, so the page can go on using the module.
pub fn guard<T, E>(operation: impl FnOnce() -> Result<T, E>) -> Result<T, JsValue>
where
    E: Into<ReadError>,
{
    match catch_unwind(AssertUnwindSafe(operation)) {
        Ok(result) => result.map_err(|error| error.into().into()),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no detail".to_string());
            Err(make_error(
                "internal_error",
                "",
                &format!("pmo-analytics hit an internal error (a bug in the library, not in your data): {detail}. Your data was not changed."),
                js_sys::Array::new().into(),
            ))
        }
    }
}

/// Plain objects out: maps as objects, None as null, as JSON would have them. Written as JSON
/// text here and read by `JSON.parse`: one string crosses the boundary, where building the
/// object from Rust cost a call per field and per string (a 2,000-activity schedule took 10 ms
/// that way in Node, 5 ms this way). Results hold no NaN or infinity (tests/evm_properties.rs).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ReadError> {
    let text = serde_json::to_string(value).map_err(|error| ReadError::Output(error.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| ReadError::Output("JSON.parse refused the result".to_string()))
}

/// JSON text, or a plain object as JSON text. Objects go through `JSON.stringify` because
/// serde-wasm-bindgen reads only the fields a struct names, so a misspelt field in an object
/// would be dropped silently (serde-wasm-bindgen issue #39); as text it is refused with its path.
fn json_text(input: &JsValue) -> Result<String, ReadError> {
    if let Some(text) = input.as_string() {
        return Ok(text);
    }
    if input.is_object() {
        // JSON has no NaN or Infinity (stringify writes null): mark them so the reader refuses
        // them at their path.
        let replacer = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, value: JsValue| match value.as_f64() {
            Some(number) if !number.is_finite() => JsValue::from_str(&format!("{}{number}", model::NON_FINITE_MARK)),
            _ => value,
        });
        if let Some(text) = js_sys::JSON::stringify_with_replacer(input, replacer.as_ref()).ok().and_then(|t| t.as_string()) {
            return Ok(text);
        }
    }
    Err(ReadError::WrongInput(describe(input)))
}

pub fn read_portfolio(input: &JsValue) -> Result<(Portfolio, Vec<Finding>), ReadError> {
    Ok(model::from_json_str(&json_text(input)?)?)
}

pub fn read_project(input: &JsValue) -> Result<Project, ReadError> {
    Ok(model::parse_project_json(&json_text(input)?)?)
}

pub fn read_dependency(input: &JsValue) -> Result<model::Dependency, ReadError> {
    Ok(model::parse_part_json(&json_text(input)?)?)
}

fn describe(input: &JsValue) -> String {
    input.js_typeof().as_string().unwrap_or_else(|| "a value of unknown type".to_string())
}

/// An S-curve with its bulk numbers as Float64Arrays (one copy each, no per-number conversion)
/// and its labels and dates as plain arrays.
pub fn series_to_js(series: &crate::evm::ProjectSeries) -> Result<JsValue, ReadError> {
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &value).map(|_| ()).map_err(|_| ReadError::Output(format!("could not set {key}")))
    };
    set("labels", to_js(&series.labels)?)?;
    set("periodEnds", to_js(&series.period_ends)?)?;
    for (key, values) in [
        ("plannedValue", &series.planned_value),
        ("earnedValue", &series.earned_value),
        ("actualCost", &series.actual_cost),
        ("forecast", &series.forecast),
    ] {
        set(key, js_sys::Float64Array::from(values.as_slice()).into())?;
    }
    for (key, value) in [
        ("earnedFirstPeriod", series.earned_first_period),
        ("forecastFirstPeriod", series.forecast_first_period),
        ("statusPeriod", series.status_period),
    ] {
        set(key, JsValue::from_f64(value as f64))?;
    }
    Ok(object.into())
}

/// Options as a plain object or JSON text; absent (undefined or null) means every default.
/// Read like the document, so a misspelt option is refused with its path.
pub fn read_options<T: serde::de::DeserializeOwned + Default>(input: &JsValue) -> Result<T, ReadError> {
    if input.is_undefined() || input.is_null() {
        return Ok(T::default());
    }
    Ok(model::parse_part_json(&json_text(input)?)?)
}

/// A request object or JSON text, read like the document (paths for misspelt fields).
pub fn read_part<T: serde::de::DeserializeOwned>(input: &JsValue) -> Result<T, ReadError> {
    Ok(model::parse_part_json(&json_text(input)?)?)
}
