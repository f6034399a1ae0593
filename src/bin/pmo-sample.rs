//! Writes a generated portfolio as JSON on standard output.
//!
//! `pmo-sample sample` prints the committed demo sample, pretty-printed so the file in
//! `www/sample/` is readable and diffs well (`make sample` writes it). `pmo-sample large
//! PROJECTS ACTIVITIES [SEED]` prints a compact portfolio for benchmarks.

use std::io::Write;
use std::process::ExitCode;

use pmo_analytics::sample::{generate, SampleOptions};

const USAGE: &str = "usage:
  pmo-sample sample                           the demo portfolio (pretty JSON)
  pmo-sample large PROJECTS ACTIVITIES [SEED] a large portfolio for benchmarks (compact JSON)";

/// Seed of `large` when none is given.
const DEFAULT_LARGE_SEED: u64 = 1;

enum Command {
    Sample,
    Large(SampleOptions),
}

fn parse(arguments: &[String]) -> Result<Command, String> {
    let words: Vec<&str> = arguments.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["sample"] => Ok(Command::Sample),
        ["large", projects, activities, rest @ ..] if rest.len() <= 1 => {
            let projects = number(projects, "PROJECTS")?;
            let activities = number(activities, "ACTIVITIES")?;
            let seed = match rest.first() {
                Some(seed) => {
                    seed.parse::<u64>().map_err(|_| format!("SEED must be a whole number, not \"{seed}\""))?
                }
                None => DEFAULT_LARGE_SEED,
            };
            Ok(Command::Large(SampleOptions::large(projects, activities, seed)))
        }
        _ => Err("unrecognised arguments".to_string()),
    }
}

fn number(text: &str, name: &str) -> Result<usize, String> {
    text.parse::<usize>().map_err(|_| format!("{name} must be a whole number, not \"{text}\""))
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&arguments) {
        Ok(command) => command,
        Err(reason) => {
            eprintln!("pmo-sample: {reason}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let json = match command {
        Command::Sample => serde_json::to_string_pretty(&generate(&SampleOptions::demo())),
        Command::Large(options) => serde_json::to_string(&generate(&options)),
    };
    let written = json
        .map_err(|error| error.to_string())
        .and_then(|text| writeln!(std::io::stdout().lock(), "{text}").map_err(|error| error.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("pmo-sample: could not write the portfolio: {reason}");
            ExitCode::FAILURE
        }
    }
}
