//! Every MS Project XML fixture imports into a project that validates; Primavera files are refused.

use std::path::{Path, PathBuf};

use pmo_analytics::import::read_mspdi;
use pmo_analytics::model::{validate, Portfolio, Severity, SCHEMA_VERSION};

fn fixture_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/mspdi");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("mspdi_import: {} is absent; skipping the fixture tests", dir.display());
        None
    }
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read fixture folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    files
}

/// The text of the first `<tag>` inside `block`, by plain string search.
fn first_value<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = block.find(&open)? + open.len();
    let end = block[start..].find('<')? + start;
    Some(block[start..end].trim())
}

/// Counts `<Task>` elements that are neither blank rows, null tasks nor the project summary,
/// independently of the importer (a string scan, not an XML parser).
fn count_real_tasks(xml: &str) -> usize {
    let mut count = 0;
    let mut rest = xml;
    while let Some(start) = rest.find("<Task>") {
        let after = &rest[start + "<Task>".len()..];
        let end = after.find("</Task>").unwrap_or(after.len());
        let block = &after[..end];
        rest = &after[end..];
        let uid = first_value(block, "UID");
        let name = first_value(block, "Name").filter(|n| !n.is_empty());
        let is_null = first_value(block, "IsNull") == Some("1");
        let level = first_value(block, "OutlineLevel");
        if is_null || (uid.is_none() && name.is_none()) || uid == Some("0") || level == Some("0") {
            continue;
        }
        count += 1;
    }
    count
}

#[test]
fn every_mspdi_fixture_imports_and_validates() {
    let Some(dir) = fixture_dir() else { return };
    let mut imported = 0;
    let mut refused = 0;
    for path in xml_files(&dir) {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let xml = std::fs::read_to_string(&path).expect("read fixture");
        if xml.contains("<APIBusinessObjects") {
            let error = read_mspdi(&xml, "p6").expect_err(&file);
            assert_eq!(error.code(), "not_mspdi", "{file}: {error}");
            refused += 1;
            continue;
        }
        let (project, findings) = read_mspdi(&xml, "imported").unwrap_or_else(|e| panic!("{file}: {e} ({})", e.code()));
        assert_eq!(project.activities.len(), count_real_tasks(&xml), "{file}: task count");
        for finding in &findings {
            assert_eq!(finding.severity, Severity::Warning, "{file}: {finding:?}");
        }
        let portfolio = Portfolio {
            schema_version: SCHEMA_VERSION,
            id: "pf".to_string(),
            name: "Fixtures".to_string(),
            currency: project.currency.clone(),
            status_date: None,
            fiscal_year_start_month: 1,
            org_units: Vec::new(),
            projects: vec![project],
        };
        let errors: Vec<_> = validate(&portfolio).into_iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{file}: validation errors {errors:#?}");
        let project = &portfolio.projects[0];
        eprintln!(
            "{file}: {} activities, {} links, {} calendars, {} resources, {} findings",
            project.activities.len(),
            project.dependencies.len(),
            project.calendars.len(),
            project.resources.len(),
            findings.len()
        );
        imported += 1;
    }
    assert!(imported >= 1, "no MSPDI fixture found");
    eprintln!("mspdi_import: {imported} MSPDI files imported, {refused} PMXML files refused");
}

#[test]
fn fixture_details_survive_the_import() {
    let Some(dir) = fixture_dir() else { return };
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok().map(|xml| read_mspdi(&xml, "p").expect(name));
    if let Some((project, findings)) = read("mspdiduration.xml") {
        // Task 8: <Duration>PT24H0M0S</Duration><DurationFormat>8</DurationFormat> is one elapsed
        // day, 1,440 clock minutes, on a calendar that works every minute; Task 3 (format 7,
        // PT8H0M0S) stays one working day on the project calendar.
        let by_id = |id: &str| project.activities.iter().find(|a| a.id == id).expect(id);
        assert_eq!(by_id("T8").duration_days.minutes, 1440);
        let elapsed = project.calendars.iter().find(|c| Some(&c.id) == by_id("T8").calendar_id.as_ref()).expect("T8's calendar");
        assert_eq!(elapsed.working_days.len(), 7);
        assert_eq!(elapsed.working_hours.iter().map(|h| h.to.minute_of_day - h.from.minute_of_day).sum::<u32>(), 1440);
        assert_eq!(by_id("T3").duration_days.minutes, 480);
        assert_eq!(by_id("T3").calendar_id, None);
        let finding = findings.iter().find(|f| f.code == "elapsed_duration").expect("elapsed tasks are reported");
        assert_eq!(finding.ids, ["T6", "T7", "T8", "T9", "T10"]);
    }
    if let Some((project, _)) = read("baselines.xml") {
        // <StartDate>2008-01-30T09:00:00</StartDate>: the plan starts at 09:00, not at 08:00.
        assert_eq!(project.start_date.to_string(), "2008-01-30T09:00");
    }
    if let Some((project, _)) = read("mspdirelations.xml") {
        assert_eq!(project.currency, "GBP");
        assert_eq!(project.calendar_id.as_deref(), Some("cal-1"));
        // <StartDate>2006-09-21T08:00:00</StartDate>: the time is kept.
        assert_eq!(project.start_date.to_string(), "2006-09-21T08:00");
        let kinds: Vec<String> = project.dependencies.iter().map(|d| format!("{:?}", d.kind)).collect();
        for kind in ["FS", "SS", "FF", "SF"] {
            assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
        }
        assert!(project.dependencies.iter().any(|d| d.lag_days.minutes == 480), "SS +1d lag");
    }
    if let Some((project, findings)) = read("task-links-project2019-mspdi.xml") {
        assert!(findings.iter().any(|f| f.code == "manual_task"));
        assert!(project.dependencies.iter().any(|d| d.lag_days.minutes == 2400), "a 1 week lag is 2400 working minutes");
    }
    if let Some((project, _)) = read("mspdisplittask.xml") {
        assert_eq!(project.activities.len(), 2);
        // The file's timephased work: Split Task 1 pauses 26 Sep 17:00 - 29 Sep 17:00 (three
        // working days); Split Task 2 pauses two days in September and three in October.
        let pauses = |i: usize| project.activities[i].splits.iter().map(|s| format!("{}/{}", s.from, s.to)).collect::<Vec<_>>();
        assert_eq!(pauses(0), ["2006-09-26T17:00/2006-09-29T17:00"]);
        assert_eq!(pauses(1), ["2006-09-25T17:00/2006-09-27T17:00", "2006-10-04T17:00/2006-10-09T17:00"]);
    }
    for name in ["baselines.xml", "task-baselines-project2019-mspdi.xml"] {
        let Ok(xml) = std::fs::read_to_string(dir.join(name)) else { continue };
        let (project, findings) = read_mspdi(&xml, "p").expect(name);
        let has_baseline_0 = xml.split("<Baseline>").skip(1).any(|b| first_value(b, "Number") == Some("0"));
        assert_eq!(project.baseline.as_ref().is_some_and(|b| !b.activities.is_empty()), has_baseline_0, "{name}");
        // Other baselines (1-10) are reported, not dropped silently.
        if xml.contains("<Number>1</Number>") {
            assert!(findings.iter().any(|f| f.code == "not_imported" && f.path.contains("Baseline")), "{name}");
        }
    }
    if let Some((project, _)) = read("sample.xml") {
        assert!(project.resources.iter().any(|r| r.rate_per_hour == 10.0));
        assert!(project.activities.iter().any(|a| !a.assignments.is_empty()));
        assert!(project.activities.iter().any(|a| a.milestone));
        assert!(project.activities.iter().any(|a| a.parent_id.is_some()));
    }
}

#[test]
#[ignore]
fn dump_findings() {
    let Some(dir) = fixture_dir() else { return };
    let name = std::env::var("MSPDI_FILE").unwrap_or_else(|_| "sample.xml".to_string());
    let xml = std::fs::read_to_string(dir.join(&name)).unwrap();
    let (project, findings) = read_mspdi(&xml, "p").unwrap();
    for f in &findings {
        eprintln!("{} {} {} {:?}", f.code, f.path, f.message, f.ids);
    }
    eprintln!("{}", pmo_analytics::model::to_json_string(&Portfolio {
        schema_version: SCHEMA_VERSION, id: "pf".into(), name: "x".into(), currency: "EUR".into(), status_date: None,
        fiscal_year_start_month: 1, org_units: vec![], projects: vec![project] }).chars().take(6000).collect::<String>());
}

#[test]
fn night_shift_keeps_its_hours_per_weekday() {
    // sample.xml's Night Shift, as the file writes it: Monday 23:00-24:00; Tuesday to Friday
    // 00:00-03:00, 04:00-08:00, 23:00-24:00; Saturday 00:00-03:00, 04:00-08:00; Sunday off.
    let Some(dir) = fixture_dir() else { return };
    let xml = std::fs::read_to_string(dir.join("sample.xml")).expect("sample.xml");
    let (project, findings) = read_mspdi(&xml, "p").expect("imports");
    let night = project.calendars.iter().find(|c| c.name == "Night Shift").expect("Night Shift is imported");
    let text = |hours: &[pmo_analytics::model::WorkingHours]| hours.iter().map(|h| format!("{}-{}", h.from, h.to)).collect::<Vec<_>>().join(" ");
    let of_day = |day: pmo_analytics::model::Weekday| -> String {
        match night.week_hours.iter().find(|w| w.day == day) {
            Some(own) => text(&own.hours),
            None if night.working_days.contains(&day) => text(&night.working_hours),
            None => String::new(),
        }
    };
    use pmo_analytics::model::Weekday::*;
    assert_eq!(of_day(Monday), "23:00-24:00");
    for day in [Tuesday, Wednesday, Thursday, Friday] {
        assert_eq!(of_day(day), "00:00-03:00 04:00-08:00 23:00-24:00", "{day:?}");
    }
    assert_eq!(of_day(Saturday), "00:00-03:00 04:00-08:00");
    assert_eq!(of_day(Sunday), "");
    assert!(findings.iter().all(|f| f.code != "calendar_hours_simplified"));
}
