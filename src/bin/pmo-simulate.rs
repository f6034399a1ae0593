//! Runs a Monte Carlo simulation natively and prints its results as JSON, so a test can check
//! that the wasm module gives the same results bit for bit from the same seed.
//!
//! `pmo-simulate PORTFOLIO.json PROJECT_ID REQUEST_JSON`

use std::process::ExitCode;

use pmo_analytics::workspace::{SimulationRequest, Workspace};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [portfolio, project, request] = arguments.as_slice() else {
        eprintln!("usage: pmo-simulate PORTFOLIO.json PROJECT_ID REQUEST_JSON");
        return ExitCode::from(2);
    };
    match simulate(portfolio, project, request) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("pmo-simulate: {message}");
            ExitCode::FAILURE
        }
    }
}

fn simulate(portfolio: &str, project: &str, request: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(portfolio).map_err(|e| format!("{portfolio}: {e}"))?;
    let mut workspace = Workspace::new();
    workspace.load_json(&text).map_err(|e| e.to_string())?;
    let request: SimulationRequest = serde_json::from_str(request).map_err(|e| e.to_string())?;
    let mut simulation = workspace.simulation(project, request).map_err(|e| e.to_string())?;
    let total = simulation.progress().total;
    simulation.run_chunk(total);
    serde_json::to_string(&simulation.results()).map_err(|e| e.to_string())
}
