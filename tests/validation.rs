//! One bad document per validation code: each test breaks a valid document in one place and
//! checks the code, the severity and the path that the README's table promises.

use pmo_analytics::model::{self, Finding, LoadError, Severity};
use serde_json::{json, Value};

/// A small valid portfolio: two org units, one project with a summary, three tasks, a
/// milestone, links, a resource, a risk, an issue, a change request, snapshots and financials.
fn valid_document() -> Value {
    json!({
        "schemaVersion": 1,
        "id": "pf",
        "name": "Test portfolio",
        "currency": "EUR",
        "statusDate": "2026-03-13",
        "fiscalYearStartMonth": 4,
        "orgUnits": [
            { "id": "fn", "name": "Technology", "kind": "function" },
            { "id": "pt", "name": "Platforms", "kind": "portfolio", "parentId": "fn" }
        ],
        "projects": [{
            "id": "p1",
            "name": "Payroll replacement",
            "orgUnitId": "pt",
            "phase": "execution",
            "status": "active",
            "currency": "EUR",
            "statusDate": "2026-03-13",
            "startDate": "2026-01-05",
            "budgetAtCompletion": 100000.0,
            "calendars": [{ "id": "std", "name": "Standard" }],
            "calendarId": "std",
            "baseline": { "approvedOn": "2026-01-02", "activities": [
                { "activityId": "a1", "start": "2026-01-05", "finish": "2026-01-16", "cost": 40000.0 }
            ]},
            "activities": [
                { "id": "s1", "name": "Build" },
                { "id": "a1", "name": "Design", "parentId": "s1", "durationDays": 10, "cost": 40000.0,
                  "actualStart": "2026-01-05T08:00", "actualFinish": "2026-01-16T17:00", "percentComplete": 100,
                  "assignments": [{ "resourceId": "r1", "units": 1.0 }] },
                { "id": "a2", "name": "Develop", "parentId": "s1", "durationDays": "PT80H", "cost": 50000.0,
                  "actualStart": "2026-01-19T08:00", "percentComplete": 40,
                  "constraint": { "type": "SNET", "date": "2026-01-19" } },
                { "id": "a3", "name": "Test", "parentId": "s1", "durationDays": 5, "cost": 10000.0 },
                { "id": "m1", "name": "Go-live", "milestone": true }
            ],
            "dependencies": [
                { "predecessorId": "a1", "successorId": "a2" },
                { "predecessorId": "a2", "successorId": "a3", "type": "SS", "lagDays": 2 },
                { "predecessorId": "a3", "successorId": "m1" }
            ],
            "resources": [{ "id": "r1", "name": "Dev team", "role": "Developer", "capacityUnits": 3, "ratePerHour": 90 }],
            "risks": [{ "id": "k1", "title": "Vendor late", "kind": "threat", "status": "open",
                        "probability": 0.3, "costImpact": 20000, "scheduleImpactDays": 10, "activityIds": ["a2"],
                        "response": { "strategy": "mitigate", "description": "Weekly vendor calls", "residualProbability": 0.1 } }],
            "issues": [{ "id": "i1", "title": "Test environment down", "priority": "high", "openedOn": "2026-02-01", "closedOn": "2026-02-03" }],
            "changeRequests": [{ "id": "c1", "title": "Add SSO", "status": "approved", "raisedOn": "2026-02-01", "decidedOn": "2026-02-10", "costImpact": 5000, "scheduleImpactDays": 3 }],
            "snapshots": [
                { "date": "2026-01-31", "plannedValue": 40000, "earnedValue": 38000, "actualCost": 41000, "manualRag": "green" },
                { "date": "2026-02-28", "plannedValue": 70000, "earnedValue": 60000, "actualCost": 66000, "manualRag": "amber", "commentary": "Build behind" }
            ],
            "financials": [{ "month": "2026-01", "expenditure": "capex", "plan": 40000, "actual": 41000 }]
        }]
    })
}

/// Loads the document after `mutate`, and returns every finding (errors and warnings).
fn findings_after(mutate: impl FnOnce(&mut Value)) -> Vec<Finding> {
    let mut document = valid_document();
    mutate(&mut document);
    match model::from_json_str(&document.to_string()) {
        Ok((_, warnings)) => warnings,
        Err(error) => error.findings().to_vec(),
    }
}

fn assert_finding(findings: &[Finding], code: &str, severity: Severity, path: &str) {
    assert!(
        findings.iter().any(|f| f.code == code && f.severity == severity && f.path == path),
        "expected {severity:?} {code} at {path}, got {findings:#?}"
    );
}

fn project(document: &mut Value) -> &mut Value {
    &mut document["projects"][0]
}

#[test]
fn the_valid_document_has_no_findings() {
    assert_eq!(findings_after(|_| {}), vec![]);
}

#[test]
fn json_syntax() {
    let error = model::from_json_str("{\"schemaVersion\": 1,").unwrap_err();
    assert_eq!(error.code(), "json_syntax");
    assert!(error.to_string().contains("line 1"), "{error}");
    let trailing = format!("{} trailing", valid_document());
    assert_eq!(model::from_json_str(&trailing).unwrap_err().code(), "json_syntax");
}

#[test]
fn unsupported_schema_version() {
    let findings = findings_after(|d| d["schemaVersion"] = json!(2));
    assert_finding(&findings, "unsupported_schema_version", Severity::Error, "schemaVersion");
    // A newer document with fields this version does not know is reported by its version too.
    let findings = findings_after(|d| {
        d["schemaVersion"] = json!(3);
        d["newThing"] = json!(true);
    });
    assert_finding(&findings, "unsupported_schema_version", Severity::Error, "schemaVersion");
}

#[test]
fn shape_errors_name_the_field() {
    let cases: Vec<(&str, &str, Box<dyn FnOnce(&mut Value)>)> = vec![
        ("missing_field", "projects[0]", Box::new(|d| { project(d).as_object_mut().unwrap().remove("startDate"); })),
        ("unknown_field", "projects[0].activities[1].durationDay", Box::new(|d| project(d)["activities"][1]["durationDay"] = json!(3))),
        ("unknown_value", "projects[0].dependencies[0].type", Box::new(|d| project(d)["dependencies"][0]["type"] = json!("XX"))),
        ("invalid_date", "projects[0].startDate", Box::new(|d| project(d)["startDate"] = json!("2026-02-30"))),
        ("invalid_date", "projects[0].startDate", Box::new(|d| project(d)["startDate"] = json!("2026-02-03T25:00"))),
        ("invalid_date", "projects[0].financials[0].month", Box::new(|d| project(d)["financials"][0]["month"] = json!("2026-13"))),
        ("invalid_date", "projects[0].calendars[0].workingHours[0].from", Box::new(|d| project(d)["calendars"][0]["workingHours"] = json!([{ "from": "8am", "to": "12:00" }]))),
        ("invalid_duration", "projects[0].activities[1].durationDays", Box::new(|d| project(d)["activities"][1]["durationDays"] = json!("P2M"))),
        ("wrong_type", "projects[0].budgetAtCompletion", Box::new(|d| project(d)["budgetAtCompletion"] = json!("lots"))),
    ];
    for (code, path, mutate) in cases {
        assert_finding(&findings_after(mutate), code, Severity::Error, path);
    }
}

#[test]
fn duplicate_and_missing_ids() {
    let findings = findings_after(|d| project(d)["activities"][2]["id"] = json!("a1"));
    assert_finding(&findings, "duplicate_id", Severity::Error, "projects[0].activities[2].id");
    let findings = findings_after(|d| d["orgUnits"][1]["id"] = json!("fn"));
    assert_finding(&findings, "duplicate_id", Severity::Error, "orgUnits[1].id");
    let findings = findings_after(|d| project(d)["risks"][0]["id"] = json!("  "));
    assert_finding(&findings, "missing_id", Severity::Error, "projects[0].risks[0].id");
    let findings = findings_after(|d| project(d)["name"] = json!(""));
    assert_finding(&findings, "missing_name", Severity::Error, "projects[0].name");
}

#[test]
fn every_finding_is_collected_not_just_the_first() {
    let findings = findings_after(|d| {
        project(d)["activities"][1]["durationDays"] = json!(-1);
        project(d)["risks"][0]["probability"] = json!(1.5);
        project(d)["currency"] = json!("euro");
    });
    assert_finding(&findings, "negative_duration", Severity::Error, "projects[0].activities[1].durationDays");
    assert_finding(&findings, "probability_out_of_range", Severity::Error, "projects[0].risks[0].probability");
    assert_finding(&findings, "invalid_currency", Severity::Error, "projects[0].currency");
}

#[test]
fn unknown_references() {
    let cases: Vec<(&str, Box<dyn FnOnce(&mut Value)>)> = vec![
        ("projects[0].orgUnitId", Box::new(|d| project(d)["orgUnitId"] = json!("nowhere"))),
        ("orgUnits[1].parentId", Box::new(|d| d["orgUnits"][1]["parentId"] = json!("nowhere"))),
        ("projects[0].activities[1].parentId", Box::new(|d| project(d)["activities"][1]["parentId"] = json!("nowhere"))),
        ("projects[0].activities[1].assignments[0].resourceId", Box::new(|d| project(d)["activities"][1]["assignments"][0]["resourceId"] = json!("nobody"))),
        ("projects[0].calendarId", Box::new(|d| project(d)["calendarId"] = json!("24h"))),
        ("projects[0].baseline.activities[0].activityId", Box::new(|d| project(d)["baseline"]["activities"][0]["activityId"] = json!("zz"))),
        ("projects[0].risks[0].activityIds[0]", Box::new(|d| project(d)["risks"][0]["activityIds"][0] = json!("zz"))),
    ];
    for (path, mutate) in cases {
        assert_finding(&findings_after(mutate), "unknown_reference", Severity::Error, path);
    }
}

#[test]
fn loops_in_the_organisation_and_the_wbs() {
    let findings = findings_after(|d| d["orgUnits"][0]["parentId"] = json!("pt"));
    let loop_finding = findings.iter().find(|f| f.code == "org_cycle").expect("org_cycle");
    assert_eq!(loop_finding.ids, vec!["fn", "pt"]);
    let findings = findings_after(|d| project(d)["activities"][1]["parentId"] = json!("a1"));
    assert_finding(&findings, "wbs_cycle", Severity::Error, "projects[0].activities[1].parentId");
    let findings = findings_after(|d| project(d)["activities"][0]["parentId"] = json!("a1"));
    let wbs = findings.iter().find(|f| f.code == "wbs_cycle").expect("wbs_cycle");
    assert_eq!(wbs.ids, vec!["s1", "a1"]);
}

#[test]
fn numbers_out_of_range() {
    let findings = findings_after(|d| project(d)["activities"][2]["percentComplete"] = json!(140));
    assert_finding(&findings, "out_of_range", Severity::Error, "projects[0].activities[2].percentComplete");
    let findings = findings_after(|d| d["fiscalYearStartMonth"] = json!(13));
    assert_finding(&findings, "out_of_range", Severity::Error, "fiscalYearStartMonth");
    let findings = findings_after(|d| project(d)["activities"][2]["cost"] = json!(-5));
    assert_finding(&findings, "negative_value", Severity::Error, "projects[0].activities[2].cost");
    let findings = findings_after(|d| project(d)["risks"][0]["response"]["residualProbability"] = json!(-0.1));
    assert_finding(&findings, "probability_out_of_range", Severity::Error, "projects[0].risks[0].response.residualProbability");
    let findings = findings_after(|d| project(d)["activities"][3]["durationDays"] = json!(40000));
    assert_finding(&findings, "out_of_range", Severity::Error, "projects[0].activities[3].durationDays");
    let findings = findings_after(|d| project(d)["startDate"] = json!("1026-01-05"));
    assert_finding(&findings, "date_out_of_range", Severity::Error, "projects[0].startDate");
}

#[test]
fn non_finite_numbers_from_a_javascript_object() {
    // JSON cannot carry NaN, but a JS object handed over at the boundary can.
    let mut portfolio = model::parse_json(&valid_document().to_string()).unwrap();
    portfolio.projects[0].budget_at_completion = f64::NAN;
    portfolio.projects[0].activities[1].cost = f64::INFINITY;
    let findings = model::validate(&portfolio);
    assert_finding(&findings, "not_finite", Severity::Error, "projects[0].budgetAtCompletion");
    assert_finding(&findings, "not_finite", Severity::Error, "projects[0].activities[1].cost");
}

#[test]
fn dates_in_the_wrong_order() {
    let cases: Vec<(&str, Box<dyn FnOnce(&mut Value)>)> = vec![
        ("projects[0].activities[1].actualFinish", Box::new(|d| project(d)["activities"][1]["actualFinish"] = json!("2026-01-02"))),
        ("projects[0].issues[0].closedOn", Box::new(|d| project(d)["issues"][0]["closedOn"] = json!("2026-01-15"))),
        ("projects[0].baseline.activities[0].finish", Box::new(|d| project(d)["baseline"]["activities"][0]["finish"] = json!("2026-01-01"))),
        ("projects[0].changeRequests[0].decidedOn", Box::new(|d| project(d)["changeRequests"][0]["decidedOn"] = json!("2026-01-01"))),
        ("projects[0].calendars[0].workingHours[0]", Box::new(|d| project(d)["calendars"][0]["workingHours"] = json!([{ "from": "12:00", "to": "08:00" }]))),
        ("projects[0].calendars[0].exceptions[0]", Box::new(|d| project(d)["calendars"][0]["exceptions"] = json!([{ "name": "Xmas", "from": "2026-12-26", "to": "2026-12-24" }]))),
    ];
    for (path, mutate) in cases {
        assert_finding(&findings_after(mutate), "date_order", Severity::Error, path);
    }
}

#[test]
fn progress_that_does_not_add_up() {
    let findings = findings_after(|d| {
        project(d)["activities"][3]["actualFinish"] = json!("2026-03-02");
    });
    assert_finding(&findings, "actual_finish_without_start", Severity::Error, "projects[0].activities[3].actualStart");
    let findings = findings_after(|d| project(d)["activities"][3]["percentComplete"] = json!(10));
    assert_finding(&findings, "progress_without_actual_start", Severity::Warning, "projects[0].activities[3].actualStart");
    let findings = findings_after(|d| project(d)["activities"][2]["actualStart"] = json!("2026-04-01"));
    assert_finding(&findings, "actual_after_status_date", Severity::Warning, "projects[0].activities[2].actualStart");
    let findings = findings_after(|d| project(d)["activities"][2]["constraint"] = json!({ "type": "MFO" }));
    assert_finding(&findings, "missing_constraint_date", Severity::Error, "projects[0].activities[2].constraint.date");
    let findings = findings_after(|d| project(d)["activities"][4]["durationDays"] = json!(2));
    assert_finding(&findings, "milestone_with_duration", Severity::Warning, "projects[0].activities[4].durationDays");
}

#[test]
fn broken_logic_is_reported_but_loads() {
    let mut document = valid_document();
    let links = project(&mut document)["dependencies"].as_array_mut().unwrap();
    links.push(json!({ "predecessorId": "a3", "successorId": "ghost" }));
    links.push(json!({ "predecessorId": "a3", "successorId": "a3" }));
    links.push(json!({ "predecessorId": "a1", "successorId": "a2", "type": "FF" }));
    links.push(json!({ "predecessorId": "m1", "successorId": "a1" }));
    let (_, warnings) = model::from_json_str(&document.to_string()).expect("logic problems are warnings");
    assert_finding(&warnings, "dangling_dependency", Severity::Warning, "projects[0].dependencies[3].successorId");
    assert_finding(&warnings, "self_dependency", Severity::Warning, "projects[0].dependencies[4]");
    assert_finding(&warnings, "duplicate_dependency", Severity::Warning, "projects[0].dependencies[5]");
    let cycle = warnings.iter().find(|f| f.code == "dependency_cycle").expect("the loop a1 -> a2 -> a3 -> m1 -> a1");
    assert_eq!(cycle.ids, vec!["a1", "a2", "a3", "m1"]);
    for link in ["dependencies[0]", "dependencies[1]", "dependencies[2]", "dependencies[6]"] {
        assert!(cycle.message.contains(link), "{}", cycle.message);
    }
}

#[test]
fn registers_and_snapshots() {
    let findings = findings_after(|d| { project(d)["risks"][0].as_object_mut().unwrap().remove("probability"); });
    assert_finding(&findings, "risk_not_assessed", Severity::Warning, "projects[0].risks[0]");
    let findings = findings_after(|d| project(d)["snapshots"][1]["date"] = json!("2026-01-31"));
    assert_finding(&findings, "snapshot_order", Severity::Warning, "projects[0].snapshots[1].date");
    let findings = findings_after(|d| project(d)["risks"][0]["scheduleImpactDays"] = json!(-3));
    assert_finding(&findings, "negative_value", Severity::Error, "projects[0].risks[0].scheduleImpactDays");
}

#[test]
fn a_load_error_names_the_first_error() {
    let mut document = valid_document();
    project(&mut document)["activities"][1]["durationDays"] = json!(-3);
    let error = model::from_json_str(&document.to_string()).unwrap_err();
    assert!(matches!(error, LoadError::Invalid(_)));
    assert_eq!(error.code(), "negative_duration");
    assert_eq!(error.path(), "projects[0].activities[1].durationDays");
    assert!(error.to_string().starts_with("The portfolio was not loaded because of 1 error"), "{error}");
}

#[test]
fn round_trip_keeps_every_value() {
    let document = valid_document();
    let (portfolio, _) = model::from_json_str(&document.to_string()).unwrap();
    let written: Value = serde_json::from_str(&model::to_json_string(&portfolio)).unwrap();
    let (again, _) = model::from_json_str(&written.to_string()).unwrap();
    assert_eq!(again, portfolio);
    // PT80H is written back as the same 10 working days.
    assert_eq!(written["projects"][0]["activities"][2]["durationDays"], json!(10));
}

#[test]
fn weekday_hours_that_overlap_or_repeat_a_day() {
    let findings = findings_after(|d| {
        project(d)["calendars"][0]["weekHours"] =
            json!([{ "day": "friday", "hours": [{ "from": "13:00", "to": "17:00" }, { "from": "08:00", "to": "12:00" }] }])
    });
    assert_finding(&findings, "overlapping_working_hours", Severity::Error, "projects[0].calendars[0].weekHours[0].hours[1]");
    let findings = findings_after(|d| {
        project(d)["calendars"][0]["weekHours"] =
            json!([{ "day": "friday", "hours": [{ "from": "08:00", "to": "12:00" }, { "from": "11:00", "to": "15:00" }] }])
    });
    assert_finding(&findings, "overlapping_working_hours", Severity::Error, "projects[0].calendars[0].weekHours[0].hours[1]");
    let findings = findings_after(|d| {
        project(d)["calendars"][0]["weekHours"] = json!([{ "day": "friday", "hours": [{ "from": "12:00", "to": "08:00" }] }])
    });
    assert_finding(&findings, "date_order", Severity::Error, "projects[0].calendars[0].weekHours[0].hours[0]");
    let findings = findings_after(|d| {
        project(d)["calendars"][0]["weekHours"] = json!([{ "day": "friday", "hours": [] }, { "day": "friday", "hours": [] }])
    });
    assert_finding(&findings, "duplicate_weekday", Severity::Error, "projects[0].calendars[0].weekHours[1].day");
    // Well-formed hours for two days, one of them off, are accepted.
    let findings = findings_after(|d| {
        project(d)["calendars"][0]["weekHours"] = json!([
            { "day": "friday", "hours": [{ "from": "08:00", "to": "12:00" }, { "from": "12:30", "to": "15:00" }] },
            { "day": "saturday", "hours": [] }
        ])
    });
    assert!(findings.iter().all(|f| !f.path.contains("weekHours")), "{findings:#?}");
}
