//! PSPLIB (Kolisch and Sprecher, 1996): for every j30, j60 and j120 instance, the critical-path
//! length our engine computes, ignoring resources, equals the `MPM-Time` the library publishes.
//! Reads ../shared/fixtures/psplib; skips with a notice where it is absent.

use std::path::{Path, PathBuf};

use pmo_analytics::schedule::calendar::WorkCalendar;
use pmo_analytics::schedule::network::{Lag, Link, LinkKind, Network, Node};
use pmo_analytics::schedule::passes::{self, Dates, PassSettings};

struct Instance {
    durations: Vec<i64>,
    successors: Vec<Vec<usize>>,
    mpm_time: i64,
}

/// Reads a single-mode `.sm` file: the MPM-Time from the project line, successors from the
/// precedence section, durations from the requests section. Jobs are numbered from 1.
fn parse(text: &str) -> Result<Instance, String> {
    let lines: Vec<&str> = text.lines().collect();
    let find = |prefix: &str| lines.iter().position(|l| l.trim_start().starts_with(prefix)).ok_or(format!("no line starting {prefix}"));
    let numbers = |line: &str| -> Result<Vec<i64>, String> {
        line.split_whitespace().map(|w| w.parse::<i64>().map_err(|_| format!("not a number: {w} in {line:?}"))).collect()
    };
    let project = numbers(lines.get(find("pronr.")? + 1).ok_or("no project line")?)?;
    let jobs = *project.get(1).ok_or("no job count")? as usize + 2; // plus supersource and sink
    let mpm_time = *project.get(5).ok_or("no MPM-Time")?;
    let precedence = find("jobnr.")?;
    let mut successors = vec![Vec::new(); jobs];
    for line in &lines[precedence + 1..precedence + 1 + jobs] {
        let row = numbers(line)?;
        let job = *row.first().ok_or("empty precedence row")? as usize - 1;
        let count = *row.get(2).ok_or("no successor count")? as usize;
        successors[job] = row[3..3 + count].iter().map(|&s| s as usize - 1).collect();
    }
    let requests = precedence + 1 + jobs + lines[precedence + 1 + jobs..].iter().position(|l| l.trim_start().starts_with("jobnr.")).ok_or("no requests section")?;
    let mut durations = vec![0; jobs];
    // The header is followed by a dashed line, then one row per job.
    for line in lines[requests + 2..requests + 2 + jobs].iter() {
        let row = numbers(line)?;
        durations[*row.first().ok_or("empty request row")? as usize - 1] = *row.get(2).ok_or("no duration")?;
    }
    Ok(Instance { durations, successors, mpm_time })
}

fn project_length(instance: &Instance) -> i64 {
    // One period is one minute on a clock that never stops, so lengths compare directly.
    let nodes = instance.durations.iter().map(|&d| Node::task(d)).collect();
    let links = instance
        .successors
        .iter()
        .enumerate()
        .flat_map(|(from, list)| list.iter().map(move |&to| Link { from: from as u32, to: to as u32, kind: LinkKind::FinishToStart, lag: Lag::Working(0), wbs: false }))
        .collect();
    let (network, number) = Network::build(nodes, links, vec![WorkCalendar::elapsed()]).expect("PSPLIB networks are acyclic");
    let mut dates = Dates::default();
    passes::schedule(&network, &PassSettings { project_start: 0, status_date: None }, &mut dates);
    // Float is never negative without constraints, and the sink is critical.
    assert!(dates.total_float.iter().all(|&f| f >= 0));
    assert_eq!(dates.total_float[number[instance.durations.len() - 1] as usize], 0);
    dates.project_finish
}

fn fixtures() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/psplib");
    if path.is_dir() { Some(path) } else {
        eprintln!("NOTICE: {} is absent; PSPLIB tests skipped", path.display());
        None
    }
}

fn check_set(set: &str, expected_count: usize) {
    let Some(root) = fixtures() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(set)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "sm")).collect();
    files.sort();
    assert_eq!(files.len(), expected_count, "{set}: instance count");
    let mut mismatches = Vec::new();
    for file in &files {
        let instance = parse(&std::fs::read_to_string(file).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let length = project_length(&instance);
        if length != instance.mpm_time {
            mismatches.push(format!("{}: ours {length}, MPM-Time {}", file.display(), instance.mpm_time));
        }
    }
    println!("PSPLIB {set}: {} of {} instances match MPM-Time", files.len() - mismatches.len(), files.len());
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn j30_matches_mpm_time() {
    check_set("j30", 480);
}

#[test]
fn j60_matches_mpm_time() {
    check_set("j60", 480);
}

#[test]
fn j120_matches_mpm_time() {
    check_set("j120", 600);
}
