//! The JavaScript boundary, run inside WebAssembly: under Node (`make test-wasm-node`) and in
//! headless Chromium (`make test-wasm-browser`, WASM_BINDGEN_USE_BROWSER=1).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use pmo_analytics::wasm::{self, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const DOCUMENT: &str = r#"{
  "schemaVersion": 1, "id": "pf", "name": "Boundary test", "currency": "EUR",
  "orgUnits": [
    { "id": "fn", "name": "Technology", "kind": "function" },
    { "id": "pg", "name": "Cloud programme", "kind": "program", "parentId": "fn" }
  ],
  "projects": [
    { "id": "p1", "name": "Landing zone", "orgUnitId": "pg", "phase": "execution", "status": "active",
      "currency": "EUR", "startDate": "2026-01-05", "budgetAtCompletion": 250000,
      "activities": [
        { "id": "a1", "name": "Design", "durationDays": 5 },
        { "id": "a2", "name": "Build", "durationDays": 10 }
      ],
      "dependencies": [
        { "predecessorId": "a1", "successorId": "a2" },
        { "predecessorId": "a2", "successorId": "gone" }
      ] },
    { "id": "p2", "name": "Backup", "orgUnitId": "fn", "phase": "planning", "status": "proposed",
      "currency": "GBP", "startDate": "2026-03-02", "budgetAtCompletion": 90000 }
  ]
}"#;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

fn loaded() -> Workspace {
    let mut workspace = Workspace::new();
    workspace.load(DOCUMENT.into()).expect("the test document loads");
    workspace
}

#[wasm_bindgen_test]
fn loads_text_and_reports_warnings() {
    let mut workspace = Workspace::new();
    let report = workspace.load(DOCUMENT.into()).unwrap();
    assert_eq!(get(&report, "projectCount").as_f64(), Some(2.0));
    let findings = Array::from(&get(&report, "findings"));
    assert_eq!(findings.length(), 1);
    assert_eq!(get_str(&findings.get(0), "code"), "dangling_dependency");
    assert_eq!(get_str(&findings.get(0), "path"), "projects[0].dependencies[1].successorId");
}

#[wasm_bindgen_test]
fn summary_keeps_currencies_apart() {
    let summary = loaded().summary().unwrap();
    assert_eq!(get(&summary, "projectCount").as_f64(), Some(2.0));
    assert_eq!(get(&summary, "activityCount").as_f64(), Some(2.0));
    assert_eq!(get(&summary, "statusDate"), JsValue::NULL);
    let budgets = Array::from(&get(&summary, "budgetAtCompletionByCurrency"));
    assert_eq!(budgets.length(), 2);
    assert_eq!(get_str(&budgets.get(1), "currency"), "GBP");
    assert_eq!(get(&budgets.get(1), "amount").as_f64(), Some(90000.0));
}

#[wasm_bindgen_test]
fn tree_and_projects_are_plain_objects() {
    let workspace = loaded();
    let tree = Array::from(&workspace.org_tree().unwrap());
    assert_eq!(tree.length(), 2);
    assert_eq!(get_str(&tree.get(1), "kind"), "program");
    assert_eq!(get(&tree.get(1), "depth").as_f64(), Some(1.0));
    assert_eq!(get(&tree.get(0), "totalProjectCount").as_f64(), Some(2.0));
    let projects = Array::from(&workspace.list_projects().unwrap());
    assert_eq!(projects.length(), 2);
    assert_eq!(get(&projects.get(0), "warningCount").as_f64(), Some(1.0));
    assert_eq!(get(&projects.get(1), "warningCount").as_f64(), Some(0.0));
    let project = workspace.project("p1").unwrap();
    assert_eq!(get_str(&project, "name"), "Landing zone");
    assert!(project.is_object());
}

#[wasm_bindgen_test]
fn a_broken_document_throws_a_pmo_error_and_keeps_the_old_portfolio() {
    let mut workspace = loaded();
    let broken = DOCUMENT.replace("\"durationDays\": 10", "\"durationDays\": -10");
    let error = workspace.load(broken.into()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get_str(&error, "name"), "PmoError");
    assert_eq!(get_str(&error, "code"), "negative_duration");
    assert_eq!(get_str(&error, "path"), "projects[0].activities[1].durationDays");
    assert!(Array::from(&get(&error, "findings")).length() >= 1);
    // The workspace still holds the document loaded before.
    assert_eq!(get(&workspace.summary().unwrap(), "projectCount").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn a_javascript_object_with_nan_is_refused_with_a_path() {
    let object = js_sys::JSON::parse(DOCUMENT).unwrap();
    let project = Array::from(&get(&object, "projects")).get(1);
    Reflect::set(&project, &"budgetAtCompletion".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let error = Workspace::new().load(object).unwrap_err();
    assert_eq!(get_str(&error, "code"), "not_finite");
    assert_eq!(get_str(&error, "path"), "projects[1].budgetAtCompletion");
}

#[wasm_bindgen_test]
fn wrong_input_and_unknown_project() {
    let error = Workspace::new().load(JsValue::from_f64(3.0)).unwrap_err();
    assert_eq!(get_str(&error, "code"), "wrong_type");
    let error = Workspace::new().summary().unwrap_err();
    assert_eq!(get_str(&error, "code"), "not_loaded");
    let error = loaded().project("nope").unwrap_err();
    assert_eq!(get_str(&error, "code"), "not_found");
}

#[wasm_bindgen_test]
fn replace_project_validates_and_never_loses_data() {
    let mut workspace = loaded();
    let replacement = r#"{ "id": "p2", "name": "Backup and restore", "orgUnitId": "fn", "phase": "execution",
        "status": "active", "currency": "GBP", "startDate": "2026-03-02", "budgetAtCompletion": 95000 }"#;
    workspace.replace_project(replacement.into()).unwrap();
    assert_eq!(get_str(&workspace.project("p2").unwrap(), "name"), "Backup and restore");
    let bad = replacement.replace("\"fn\"", "\"missing-unit\"");
    let error = workspace.replace_project(bad.into()).unwrap_err();
    assert_eq!(get_str(&error, "code"), "unknown_reference");
    assert_eq!(get_str(&error, "path"), "projects[1].orgUnitId");
    assert_eq!(get_str(&workspace.project("p2").unwrap(), "orgUnitId"), "fn");
}

#[wasm_bindgen_test]
fn export_reads_back_to_the_same_portfolio() {
    let workspace = loaded();
    let exported = workspace.export_json().unwrap();
    let mut again = Workspace::new();
    again.load(exported.clone().into()).unwrap();
    assert_eq!(again.export_json().unwrap(), exported);
}

#[wasm_bindgen_test]
fn validate_returns_findings_as_data() {
    let findings = Array::from(&wasm::validate("{ not json".into()).unwrap());
    assert_eq!(findings.length(), 1);
    assert_eq!(get_str(&findings.get(0), "code"), "json_syntax");
    let findings = Array::from(&wasm::validate(DOCUMENT.into()).unwrap());
    assert_eq!(get_str(&findings.get(0), "severity"), "warning");
}

#[wasm_bindgen_test]
fn a_panic_becomes_an_error_and_the_module_stays_usable() {
    let workspace = loaded();
    let error = wasm::panic_for_tests().unwrap_err();
    assert_eq!(get_str(&error, "code"), "internal_error");
    assert!(get_str(&error, "message").contains("deliberate panic"));
    // Memory, the allocator and the workspace are intact after unwinding.
    assert_eq!(get(&workspace.summary().unwrap(), "projectCount").as_f64(), Some(2.0));
    let mut fresh = Workspace::new();
    fresh.load(DOCUMENT.into()).unwrap();
}

#[wasm_bindgen_test]
fn schedule_and_a_what_if_edit() {
    let mut workspace = loaded();
    // a1 (5 days) then a2 (10 days) from Monday 5 January 2026: 15 working days, Friday 23rd.
    let schedule = workspace.schedule("p1", None).unwrap();
    assert_eq!(get_str(&schedule, "finish"), "2026-01-23T17:00");
    let findings = Array::from(&get(&schedule, "findings"));
    assert_eq!(get_str(&findings.get(0), "code"), "dangling_dependency");
    let arrays = workspace.schedule_arrays("p1").unwrap();
    assert_eq!(arrays.length(), 12);
    // Early start of a1: 2026-01-05 08:00 is 20,458 days and 480 minutes after 1970-01-01.
    assert_eq!(arrays.get_index(0), (20_458.0 * 1440.0) + 480.0);
    // Shorten a2 to 5 days: the finish moves one week earlier.
    let edited = workspace.set_activity_duration("p1", "a2", 5.0).unwrap();
    assert_eq!(get_str(&edited, "finish"), "2026-01-16T17:00");
    assert_eq!(get_str(&edited, "previousFinish"), "2026-01-23T17:00");
    assert_eq!(get(&edited, "finishChangeMinutes").as_f64(), Some(-2400.0));
    assert_eq!(Array::from(&get(&edited, "changedActivityIds")).get(0).as_string().as_deref(), Some("a2"));
    // A negative duration is refused and nothing changes.
    let error = workspace.set_activity_duration("p1", "a2", -1.0).unwrap_err();
    assert_eq!(get_str(&error, "code"), "negative_duration");
    assert_eq!(get_str(&workspace.schedule("p1", None).unwrap(), "finish"), "2026-01-16T17:00");
    let error = workspace.set_activity_duration("p1", "zz", 1.0).unwrap_err();
    assert_eq!(get_str(&error, "code"), "not_found");
    // Links: a2 -> a1 would close a loop; without a1 -> a2 both run in parallel (5 days each).
    let back = js_sys::JSON::parse(r#"{"predecessorId":"a2","successorId":"a1"}"#).unwrap();
    let error = workspace.add_dependency("p1", back).unwrap_err();
    assert_eq!(get_str(&Array::from(&get(&error, "findings")).get(0), "code"), "dependency_cycle");
    let removed = workspace.remove_dependency("p1", "a1", "a2").unwrap();
    assert_eq!(get_str(&removed, "finish"), "2026-01-09T17:00");
    let again = js_sys::JSON::parse(r#"{"predecessorId":"a1","successorId":"a2","type":"FS"}"#).unwrap();
    assert_eq!(get_str(&workspace.add_dependency("p1", again).unwrap(), "finish"), "2026-01-16T17:00");
    let wrong = js_sys::JSON::parse(r#"{"predecessorId":"a1","successorId":"a2","kind":"FS"}"#).unwrap();
    assert_eq!(get_str(&workspace.add_dependency("p1", wrong).unwrap_err(), "code"), "unknown_field");
}

#[wasm_bindgen_test]
fn import_ms_project_xml_into_the_workspace() {
    let xml = r#"<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project">
      <Name>Imported</Name><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>
      <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>4</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>5</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>6</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
      </WeekDays></Calendar></Calendars>
      <Tasks>
        <Task><UID>1</UID><Name>Design</Name><OutlineLevel>1</OutlineLevel><Duration>PT24H0M0S</Duration></Task>
        <Task><UID>2</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration>
          <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
      </Tasks></Project>"#;
    let mut workspace = loaded();
    workspace.import_mspdi(xml, "imported").unwrap();
    assert_eq!(get(&workspace.summary().unwrap(), "projectCount").as_f64(), Some(3.0));
    // Three days then two: Monday 5 to Friday 9 January 2026, 17:00.
    assert_eq!(get_str(&workspace.schedule("imported", None).unwrap(), "finish"), "2026-01-09T17:00");
    let error = workspace.import_mspdi("<APIBusinessObjects/>", "x").unwrap_err();
    assert_eq!(get_str(&error, "code"), "not_mspdi");
    assert_eq!(get(&workspace.summary().unwrap(), "projectCount").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn health_with_evidence_and_a_refused_policy() {
    let mut workspace = loaded();
    // p1 has no baseline: grey, never green, and data quality shows the missing baseline.
    // The document has no status date: without one health cannot be assessed, and says so.
    assert_eq!(get_str(&workspace.health("p1", JsValue::NULL).unwrap_err(), "code"), "no_status_date");
    let at = || js_sys::JSON::parse(r#"{"statusDate":"2026-03-31"}"#).unwrap();
    let health = workspace.health("p1", at()).unwrap();
    assert_eq!(get_str(&health, "kind"), "project");
    assert_eq!(get_str(&get(&health, "overall"), "band"), "unknown");
    assert!(get(&get(&health, "overall"), "score").is_null());
    let dimensions = Array::from(&get(&health, "dimensions"));
    let quality = dimensions.iter().find(|d| get_str(d, "dimension") == "dataQuality").unwrap();
    let missing = Array::from(&get(&quality, "evidence")).iter().find(|e| get_str(e, "metric") == "missingBaseline").unwrap();
    assert_eq!(get_str(&missing, "display"), "Yes");
    // A unit: its two projects counted; mixed currencies without rates weigh them equally.
    let unit = workspace.health("fn", at()).unwrap();
    assert_eq!(get(&unit, "projectCount").as_f64(), Some(2.0));
    assert_eq!(get_str(&unit, "weighting"), "equal");
    let options = js_sys::JSON::parse(r#"{"policy":{"scale":"rag3"}}"#).unwrap();
    let error = workspace.health("p1", options).unwrap_err();
    assert_eq!(get_str(&error, "code"), "missing_field");
    let quality = workspace.schedule_quality("p1", None, JsValue::NULL).unwrap();
    assert_eq!(Array::from(&get(&quality, "checks")).length(), 14);
}
