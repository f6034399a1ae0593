//! CSV import: each kind read against values written by hand, each problem code with its row
//! and column, the shipped templates, hostile input, and the workspace's replace-or-keep rule.

use std::path::Path;

use pmo_analytics::import::csv::{read_csv, CsvError, CsvKind, CsvRecords, PROBLEM_LIMIT};
use pmo_analytics::model::{ConstraintKind, Date, DateTime, DependencyKind, Rag, ResponseStrategy, RiskKind, RiskStatus};
use pmo_analytics::workspace::Workspace;

fn date(text: &str) -> Date {
    serde_json::from_str(&format!("\"{text}\"")).expect("test date")
}

fn date_time(text: &str) -> DateTime {
    serde_json::from_str(&format!("\"{text}\"")).expect("test date-time")
}

fn refused(kind: CsvKind, text: &str) -> CsvError {
    match read_csv(kind, text) {
        Ok(records) => panic!("expected a refusal, read {} records", records.len()),
        Err(error) => error,
    }
}

/// The single problem of a file with one thing wrong: (code, row, column).
fn only_problem(kind: CsvKind, text: &str) -> (&'static str, usize, Option<String>, String) {
    let error = refused(kind, text);
    assert_eq!(error.problems.len(), 1, "{:#?}", error.problems);
    let problem = &error.problems[0];
    (problem.code, problem.row, problem.column.clone(), problem.message.clone())
}

#[test]
fn activities_read_every_column() {
    let text = "ID,Name,durationDays,wbs,parentId,milestone,constraintType,constraintDate,deadline,actualStart,actualFinish,percentComplete,cost,actualCost\n\
                S1,Design,0,1,,no,,,,,,0,0,\n\
                A10,Design review,5,1.1,S1,no,snet,2026-03-02,2026-03-20,2026-03-02T08:00,2026-03-06 17:00,100,12000,4500.50\n\
                A20,Design approved,PT16H,1.2,S1,YES,MFO,2026-03-09T17:00,,,,40%,0,\n";
    let Ok(CsvRecords::Activities(activities)) = read_csv(CsvKind::Activities, text) else { panic!("activities read") };
    assert_eq!(activities.len(), 3);
    let review = &activities[1];
    assert_eq!(review.id, "A10");
    assert_eq!(review.name, "Design review");
    assert_eq!(review.duration_days.minutes, 5 * 480);
    assert_eq!(review.wbs.as_deref(), Some("1.1"));
    assert_eq!(review.parent_id.as_deref(), Some("S1"));
    assert!(!review.milestone);
    let constraint = review.constraint.as_ref().expect("constraint");
    assert_eq!(constraint.kind, ConstraintKind::Snet);
    assert_eq!(constraint.date, Some(date_time("2026-03-02")));
    assert_eq!(review.deadline, Some(date("2026-03-20")));
    assert_eq!(review.actual_start, Some(date_time("2026-03-02T08:00")));
    assert_eq!(review.actual_finish, Some(date_time("2026-03-06T17:00")));
    assert_eq!(review.percent_complete, 100.0);
    assert_eq!(review.cost, 12000.0);
    assert_eq!(review.actual_cost, Some(4500.5));
    let approved = &activities[2];
    assert_eq!(approved.duration_days.minutes, 16 * 60);
    assert!(approved.milestone);
    assert_eq!(approved.constraint.as_ref().map(|c| c.kind), Some(ConstraintKind::Mfo));
    assert_eq!(approved.percent_complete, 40.0);
    assert_eq!(approved.actual_cost, None);
    assert!(activities[0].constraint.is_none() && activities[0].parent_id.is_none());
}

#[test]
fn links_take_defaults_and_leads() {
    let text = "successorId,predecessorId,type,lagDays\nA20,A10,,\nA30,A10,ss,-1\nA40,A30,FF,PT4H\n";
    let Ok(CsvRecords::Links(links)) = read_csv(CsvKind::Links, text) else { panic!("links read") };
    assert_eq!(links.len(), 3);
    assert_eq!((links[0].predecessor_id.as_str(), links[0].successor_id.as_str()), ("A10", "A20"));
    assert_eq!(links[0].kind, DependencyKind::FS);
    assert_eq!(links[0].lag_days.minutes, 0);
    assert_eq!(links[1].kind, DependencyKind::SS);
    assert_eq!(links[1].lag_days.minutes, -480);
    assert_eq!(links[2].kind, DependencyKind::FF);
    assert_eq!(links[2].lag_days.minutes, 240);
}

#[test]
fn risks_read_probability_as_fraction_or_percent() {
    let text = "id,title,kind,status,probability,costImpact,scheduleImpactDays,category,owner,responseStrategy,responseDescription,responseDue,residualProbability,residualCostImpact\n\
                R1,\"Supplier late, parts on backorder\",Threat,open,30%,25000,10,Supply,J. Smith,mitigate,Second supplier,2026-04-15,0.1,8000\n\
                R2,Reuse the test rig,opportunity,closed,0.5,6000,2.5,,,,,,,\n\
                R3,Not assessed yet,threat,occurred,,,,,,,,,,\n";
    let Ok(CsvRecords::Risks(risks)) = read_csv(CsvKind::Risks, text) else { panic!("risks read") };
    assert_eq!(risks.len(), 3);
    let supplier = &risks[0];
    assert_eq!(supplier.title, "Supplier late, parts on backorder");
    assert_eq!(supplier.kind, RiskKind::Threat);
    assert_eq!(supplier.status, RiskStatus::Open);
    assert!((supplier.probability.expect("probability") - 0.3).abs() < 1e-12);
    assert_eq!(supplier.cost_impact, Some(25000.0));
    assert_eq!(supplier.schedule_impact_days, Some(10.0));
    assert_eq!(supplier.category.as_deref(), Some("Supply"));
    assert_eq!(supplier.owner.as_deref(), Some("J. Smith"));
    let response = supplier.response.as_ref().expect("response");
    assert_eq!(response.strategy, ResponseStrategy::Mitigate);
    assert_eq!(response.description, "Second supplier");
    assert_eq!(response.due, Some(date("2026-04-15")));
    assert_eq!(response.residual_probability, Some(0.1));
    assert_eq!(response.residual_cost_impact, Some(8000.0));
    assert_eq!(risks[1].kind, RiskKind::Opportunity);
    assert_eq!(risks[1].status, RiskStatus::Closed);
    assert_eq!(risks[1].schedule_impact_days, Some(2.5));
    assert!(risks[1].response.is_none());
    assert_eq!(risks[2].status, RiskStatus::Occurred);
    assert_eq!((risks[2].probability, risks[2].cost_impact, risks[2].schedule_impact_days), (None, None, None));
}

#[test]
fn snapshots_read_with_bom_and_quoted_commas() {
    let text = "\u{feff}Date,PlannedValue,EarnedValue,ActualCost,ManualRag,Commentary\r\n\
                2026-03-31,120000,110000,125000.25,Amber,\"Slipped a week, recovery plan agreed; \"\"tight\"\"\"\r\n\
                2026-04-30,240000,235000,245000,,\r\n";
    let Ok(CsvRecords::Snapshots(snapshots)) = read_csv(CsvKind::Snapshots, text) else { panic!("snapshots read") };
    assert_eq!(snapshots.len(), 2);
    assert_eq!(snapshots[0].date, date("2026-03-31"));
    assert_eq!(snapshots[0].planned_value, 120000.0);
    assert_eq!(snapshots[0].earned_value, 110000.0);
    assert_eq!(snapshots[0].actual_cost, 125000.25);
    assert_eq!(snapshots[0].manual_rag, Some(Rag::Amber));
    assert_eq!(snapshots[0].commentary.as_deref(), Some("Slipped a week, recovery plan agreed; \"tight\""));
    assert_eq!(snapshots[1].manual_rag, None);
    assert_eq!(snapshots[1].commentary, None);
}

#[test]
fn every_problem_code_names_its_row_and_column() {
    use CsvKind::*;
    let header = "id,name,durationDays\n";
    let cases: Vec<(CsvKind, String, &str, usize, Option<&str>)> = vec![
        (Activities, String::new(), "csv_header", 1, None),
        (Activities, "id,,durationDays,name\n".into(), "csv_header", 1, None),
        (Activities, "id,name,durationDays,durationDay\n".into(), "csv_unknown_column", 1, Some("durationDay")),
        (Activities, "id,name\nA,B\n".into(), "csv_missing_column", 1, Some("durationDays")),
        (Activities, format!("{header}A10,,5\n"), "csv_missing_value", 2, Some("name")),
        (Activities, format!("{header}A10,Design,5\nA20,Build,abc\n"), "csv_invalid_number", 3, Some("durationDays")),
        (Activities, format!("{header}A10,Design,1,5\n"), "csv_syntax", 2, None),
        (Links, "predecessorId,successorId,type\nA,B,XY\n".into(), "csv_invalid_value", 2, Some("type")),
        (Snapshots, "date,plannedValue,earnedValue,actualCost\n31/03/2026,1,1,1\n".into(), "csv_invalid_date", 2, Some("date")),
        (Snapshots, "date,plannedValue,earnedValue,actualCost\n2026-03-31,\"1,5\",1,1\n".into(), "csv_invalid_number", 2, Some("plannedValue")),
        (Risks, "id,title,kind,status,probability,costImpact,scheduleImpactDays\nR1,T,threat,open,30,1,1\n".into(), "csv_invalid_value", 2, Some("probability")),
    ];
    for (kind, text, code, row, column) in cases {
        let (found_code, found_row, found_column, message) = only_problem(kind, &text);
        assert_eq!((found_code, found_row, found_column.as_deref()), (code, row, column), "{text:?}: {message}");
        assert!(!message.is_empty());
    }
}

#[test]
fn messages_speak_to_an_analyst() {
    let (_, _, _, message) = only_problem(CsvKind::Activities, "id,name,durationDays\nA,B,1\nC,D,2\nE,F,3\nG,H,4\nI,J,5\nK,L,abc\n");
    assert_eq!(message, "Row 7, column durationDays: \"abc\" is not a number of working days; write 5 or PT40H.");
    let (_, _, _, message) = only_problem(CsvKind::Activities, "id,name,durationDays,cost\nA,B,1,\"1,5\"\n");
    assert!(message.contains("\"1,5\" has a comma") && message.contains("dot"), "{message}");
    let error = refused(CsvKind::Activities, "id,name,durationDays,durationDay\n");
    assert!(error.to_string().contains("durationDay"), "{error}");
    let findings = refused(CsvKind::Activities, "id,name,durationDays\nA,B,x\n").findings();
    assert_eq!(findings[0].path, "csv:activities[row 2].durationDays");
}

#[test]
fn all_problems_are_collected_not_just_the_first() {
    let text = "id,name,durationDays,milestone,bogus\nA,,x,maybe,1\n,B,2,no,2\n";
    let error = refused(CsvKind::Activities, text);
    let codes: Vec<(&str, usize)> = error.problems.iter().map(|p| (p.code, p.row)).collect();
    assert_eq!(
        codes,
        vec![("csv_unknown_column", 1), ("csv_missing_value", 2), ("csv_invalid_number", 2), ("csv_invalid_value", 2), ("csv_missing_value", 3)]
    );
}

#[test]
fn constraint_and_response_halves_are_not_dropped() {
    let (code, row, column, _) = only_problem(CsvKind::Activities, "id,name,durationDays,constraintType\nA,B,1,MSO\n");
    assert_eq!((code, row, column.as_deref()), ("csv_missing_value", 2, Some("constraintDate")));
    let (code, _, column, _) = only_problem(CsvKind::Activities, "id,name,durationDays,constraintDate\nA,B,1,2026-03-02\n");
    assert_eq!((code, column.as_deref()), ("csv_missing_value", Some("constraintType")));
    let text = "id,title,kind,status,probability,costImpact,scheduleImpactDays,residualProbability\nR,T,threat,open,,,,0.1\n";
    let (code, _, column, _) = only_problem(CsvKind::Risks, text);
    assert_eq!((code, column.as_deref()), ("csv_missing_value", Some("responseStrategy")));
}

#[test]
fn row_numbers_are_file_lines_past_quoted_line_breaks() {
    let text = "id,name,durationDays\nA,\"two\nlines\",1\n\nB,C,zz\n";
    let (_, row, _, _) = only_problem(CsvKind::Activities, text);
    assert_eq!(row, 5);
}

#[test]
fn the_templates_read_without_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/sample/templates");
    for kind in CsvKind::ALL {
        let path = dir.join(format!("{}.csv", kind.name()));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let records = read_csv(kind, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(records.len(), 2, "{}", path.display());
        let header: Vec<&str> = text.lines().next().unwrap_or("").split(',').collect();
        let columns: Vec<&str> = kind.columns().iter().map(|(name, _)| *name).collect();
        assert_eq!(header, columns, "{} names every column in order", path.display());
    }
}

#[test]
fn hostile_input_never_panics() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"ab,\"\n\r\t 0123456789.-%PTHe\xef\xbb\xbf";
    for round in 0..400 {
        let length = (next() % 300) as usize;
        let bytes: Vec<u8> = if round % 2 == 0 {
            (0..length).map(|_| next() as u8).collect()
        } else {
            (0..length).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect()
        };
        let text = String::from_utf8_lossy(&bytes);
        for kind in CsvKind::ALL {
            let _ = read_csv(kind, &text);
            let with_header = format!("{}\n{text}", kind.columns().iter().map(|(n, _)| *n).collect::<Vec<_>>().join(","));
            let _ = read_csv(kind, &with_header);
        }
    }
    for text in ["", "\u{feff}", "\n\n\n", ",,,", "\"", "id,name,durationDays\n\"unclosed,1,2\n", "id,name,durationDays\nA\nB,C,1,2,3\n"] {
        for kind in CsvKind::ALL {
            let _ = read_csv(kind, text);
        }
    }
}

#[test]
fn header_only_is_an_empty_file_of_records() {
    for kind in CsvKind::ALL {
        let header = kind.columns().iter().map(|(name, _)| *name).collect::<Vec<_>>().join(",");
        let records = read_csv(kind, &format!("{header}\n")).expect("header only reads");
        assert!(records.is_empty());
    }
}

#[test]
fn a_hundred_thousand_rows_read_and_problems_are_capped() {
    let mut text = String::from("id,name,durationDays,cost\n");
    for index in 0..100_000 {
        text.push_str(&format!("A{index},Activity {index},{},{}.5\n", index % 20, index));
    }
    let Ok(CsvRecords::Activities(activities)) = read_csv(CsvKind::Activities, &text) else { panic!("large file reads") };
    assert_eq!(activities.len(), 100_000);
    assert_eq!(activities[99_999].cost, 99_999.5);
    let bad = text.replace(".5\n", ".5x\n");
    let error = refused(CsvKind::Activities, &bad);
    assert_eq!(error.problems.len(), PROBLEM_LIMIT);
    assert_eq!(error.omitted, 100_000 - PROBLEM_LIMIT);
    assert_eq!(error.findings().len(), PROBLEM_LIMIT + 1);
}

// ---------------------------------------------------------------------------------------------
// Workspace

const PORTFOLIO: &str = r#"{
  "schemaVersion": 1, "id": "pf", "name": "Portfolio", "currency": "EUR",
  "projects": [{
    "id": "P1", "name": "Plant upgrade", "phase": "execution", "status": "active", "currency": "EUR",
    "startDate": "2026-03-02", "budgetAtCompletion": 100000,
    "activities": [
      { "id": "A", "name": "Design", "durationDays": 5 },
      { "id": "B", "name": "Build", "durationDays": 10 }
    ],
    "dependencies": [{ "predecessorId": "A", "successorId": "B" }],
    "risks": [{ "id": "R0", "title": "Old risk", "kind": "threat", "status": "open", "probability": 0.2, "costImpact": 1000 }],
    "snapshots": [{ "date": "2026-03-31", "plannedValue": 1, "earnedValue": 1, "actualCost": 1 }]
  }]
}"#;

fn workspace() -> Workspace {
    let mut workspace = Workspace::new();
    workspace.load_json(PORTFOLIO).expect("test portfolio loads");
    workspace
}

#[test]
fn workspace_import_replaces_each_part() {
    let mut workspace = workspace();
    let report = workspace.import_csv("P1", CsvKind::Activities, "id,name,durationDays\nA,Design,3\nC,Commission,2\n").expect("activities import");
    let project = workspace.project("P1").expect("project");
    assert_eq!(project.activities.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["A", "C"]);
    assert_eq!(project.activities[0].duration_days.minutes, 3 * 480);
    // The old link to B now dangles: a warning, as for any document.
    assert!(report.findings.iter().any(|f| f.code == "dangling_dependency"), "{:?}", report.findings);

    workspace.import_csv("P1", CsvKind::Links, "predecessorId,successorId\nA,C\n").expect("links import");
    let project = workspace.project("P1").expect("project");
    assert_eq!(project.dependencies.len(), 1);
    assert_eq!(project.dependencies[0].successor_id, "C");

    workspace.import_csv("P1", CsvKind::Risks, "id,title,kind,status,probability,costImpact,scheduleImpactDays\nR1,New,threat,open,10%,500,1\n").expect("risks import");
    let project = workspace.project("P1").expect("project");
    assert_eq!(project.risks.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["R1"]);

    workspace.import_csv("P1", CsvKind::Snapshots, "date,plannedValue,earnedValue,actualCost\n2026-04-30,10,9,11\n").expect("snapshots import");
    let project = workspace.project("P1").expect("project");
    assert_eq!(project.snapshots.len(), 1);
    assert_eq!(project.snapshots[0].date, date("2026-04-30"));
}

#[test]
fn a_failing_import_keeps_the_old_data() {
    let mut workspace = workspace();
    let before = workspace.export_json().expect("export");

    let error = workspace.import_csv("P1", CsvKind::Activities, "id,name,durationDays\nA,Design,3\nC,Commission,abc\n").expect_err("bad number");
    assert_eq!(error.code(), "csv_invalid_number");
    assert_eq!(error.path(), "csv:activities[row 3].durationDays");
    assert_eq!(error.findings()[0].project_id.as_deref(), Some("P1"));
    assert_eq!(workspace.export_json().expect("export"), before);

    // Reads cleanly but fails validation: a duplicate id.
    let error = workspace.import_csv("P1", CsvKind::Activities, "id,name,durationDays\nA,Design,3\nA,Again,2\n").expect_err("duplicate id");
    assert_eq!(error.code(), "duplicate_id");
    assert_eq!(workspace.export_json().expect("export"), before);

    let error = workspace.import_csv("P1", CsvKind::Risks, "id,title,kind,status,probability,costImpact,scheduleImpactDays\nR1,T,threat,open,,-5,\n").expect_err("negative impact");
    assert_eq!(error.code(), "negative_value");
    assert_eq!(workspace.export_json().expect("export"), before);

    let error = workspace.import_csv("P9", CsvKind::Links, "predecessorId,successorId\nA,B\n").expect_err("no such project");
    assert_eq!(error.code(), "not_found");
    assert_eq!(workspace.export_json().expect("export"), before);
}
