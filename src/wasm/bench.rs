//! Hooks for `make bench` (scripts/bench.mjs), hidden from the API: they build the benchmark
//! network inside wasm so the timing covers the engine, not the making of test data.

use wasm_bindgen::prelude::*;

use crate::model::{to_json_string, Portfolio};
use crate::sample::network::benchmark_project;
use crate::schedule::compile::{compile, CompiledProject};
use crate::schedule::passes::{self, Dates};

/// The compiled benchmark network, kept resident so only the passes are timed.
#[doc(hidden)]
#[wasm_bindgen(js_name = __BenchNetwork)]
pub struct BenchNetwork {
    compiled: CompiledProject,
    dates: Dates,
}

#[wasm_bindgen(js_class = __BenchNetwork)]
impl BenchNetwork {
    #[wasm_bindgen(constructor)]
    pub fn new(activities: usize, links: usize, seed: u32) -> Result<BenchNetwork, JsValue> {
        let compiled = compile(&benchmark_project(activities, links, seed as u64), "projects[0]").map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(BenchNetwork { compiled, dates: Dates::default() })
    }

    /// One forward pass, backward pass and float; returns the project finish (minutes).
    pub fn run(&mut self) -> f64 {
        passes::schedule(&self.compiled.network, &self.compiled.settings, &mut self.dates);
        self.dates.project_finish as f64
    }
}

/// A portfolio holding only the benchmark project, as JSON, for timing through the Workspace.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchmarkPortfolioJson)]
pub fn benchmark_portfolio_json(activities: usize, links: usize, seed: u32) -> String {
    to_json_string(&Portfolio::of_project(benchmark_project(activities, links, seed as u64)))
}

/// A portfolio of `projects` projects of `months` months each (baselines and monthly
/// snapshots), as JSON, for timing earned value through the Workspace.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchmarkEvmPortfolioJson)]
pub fn benchmark_evm_portfolio_json(projects: usize, months: u32, seed: u32) -> String {
    to_json_string(&crate::sample::earned_value::benchmark_portfolio(projects, months, seed as u64))
}

/// The health benchmark portfolio (see `sample::earned_value::health_benchmark_portfolio`), as
/// JSON.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchmarkHealthPortfolioJson)]
pub fn benchmark_health_portfolio_json(projects: usize, snapshots: usize, seed: u32) -> String {
    to_json_string(&crate::sample::earned_value::health_benchmark_portfolio(projects, snapshots, seed as u64))
}
