//! `make bench`, native half: times the scheduler on the generated benchmark network, a
//! what-if edit on a 2,000-activity project, and earned value for 1,000 projects, printing
//! medians. The wasm half is
//! scripts/bench.mjs, which runs the same work through the module under Node.

use std::time::Instant;

use pmo_analytics::model::Portfolio;
use pmo_analytics::sample::earned_value::benchmark_portfolio;
use pmo_analytics::sample::network::benchmark_project;
use pmo_analytics::schedule::compile::compile;
use pmo_analytics::schedule::passes::{self, Dates};
use pmo_analytics::schedule::result::{schedule_project, ScheduleOptions};
use pmo_analytics::workspace::{SimulationRequest, Workspace};

fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let project = benchmark_project(100_000, 250_000, 7);
    println!("network: {} activities, {} links", project.activities.len(), project.dependencies.len());
    let compiled = compile(&project, "projects[0]").expect("the benchmark network compiles");
    let mut dates = Dates::default();
    let passes_ms = median_ms(15, || passes::schedule(&compiled.network, &compiled.settings, &mut dates));
    println!("native  CPM passes (forward, backward, float), 100k activities: median {passes_ms:.1} ms");
    let compile_ms = median_ms(7, || {
        compile(&project, "projects[0]").expect("compiles");
    });
    println!("native  compile model -> network, 100k activities:             median {compile_ms:.1} ms");
    let options = ScheduleOptions::default();
    let full_ms = median_ms(7, || {
        schedule_project(&project, "projects[0]", &options).expect("schedules");
    });
    println!("native  cold schedule (compile, passes, report objects), 100k: median {full_ms:.1} ms");
    let mut workspace = Workspace::new();
    workspace.accept(Portfolio::of_project(project), Vec::new());
    let started = Instant::now();
    workspace.schedule_arrays("BENCH").expect("schedules");
    println!("native  first Workspace schedule (compiles the resident network), 100k: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    let resident_ms = median_ms(15, || {
        workspace.schedule_arrays("BENCH").expect("schedules");
    });
    println!("native  full reschedule through the Workspace (passes + arrays out), 100k: median {resident_ms:.1} ms");

    let small = benchmark_project(2_000, 5_000, 11);
    let mut workspace = Workspace::new();
    workspace.accept(Portfolio::of_project(small), Vec::new());
    workspace.schedule_arrays("BENCH").expect("schedules");
    let mut days = 1.0;
    let what_if_ms = median_ms(21, || {
        days = if days == 1.0 { 3.0 } else { 1.0 };
        workspace.set_activity_duration("BENCH", "A1000", days).expect("what-if");
    });
    println!("native  what-if duration edit + reschedule, 2,000 activities:  median {what_if_ms:.2} ms");

    // Earned value: 1,000 projects of 60 months, through the Workspace as the dashboard asks.
    let portfolio = benchmark_portfolio(1_000, 60, 5);
    let findings = pmo_analytics::model::validate(&portfolio);
    assert!(findings.iter().all(|f| f.severity != pmo_analytics::model::Severity::Error), "the EVM benchmark portfolio validates");
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, findings);
    let started = Instant::now();
    workspace.earned_value_table(None).expect("evm");
    println!("native  first EVM + ES table (builds each project's PV curve), 1,000 projects x 60 months: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    let table_ms = median_ms(15, || {
        workspace.earned_value_table(None).expect("evm");
    });
    println!("native  EVM + ES table through the Workspace, 1,000 projects x 60 months: median {table_ms:.2} ms");
    let rollup_ms = median_ms(15, || {
        workspace.earned_value("ORG", None, None).expect("rollup");
    });
    println!("native  organisation rollup (20 programs, 1,000 projects, ES from the summed PV): median {rollup_ms:.2} ms");
    // Health: 1,000 projects with 24 status snapshots each, every project assessed (schedule,
    // DCMA checks, earned value, register, trend) and the portfolio's band counts, as the home
    // page asks it.
    let portfolio = pmo_analytics::sample::earned_value::health_benchmark_portfolio(1_000, 24, 5);
    assert!(portfolio.projects.iter().all(|p| p.snapshots.len() == 24), "every benchmark project has 24 snapshots");
    let mut workspace = Workspace::new();
    workspace.accept(portfolio, Vec::new());
    let options = pmo_analytics::workspace::HealthOptions::default();
    let started = Instant::now();
    workspace.portfolio_health(&options).expect("health");
    println!("native  first portfolio health (compiles each schedule, builds each PV curve), 1,000 projects x 24 snapshots: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    let health_ms = median_ms(15, || {
        workspace.portfolio_health(&options).expect("health");
    });
    println!("native  portfolio health through the Workspace, 1,000 projects x 24 snapshots: median {health_ms:.1} ms");
    // Monte Carlo through the Workspace, as scripts/bench.mjs asks it in wasm: 1,000 activities,
    // each triangular (0.8x, 1x, 1.5x its planned duration), and 50 risk events spread over the
    // plan by a fixed rule (so both sides build the same request without sharing a generator).
    let mut workspace = Workspace::new();
    workspace.accept(Portfolio::of_project(benchmark_project(1_000, 3_000, 3)), Vec::new());
    let risks: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"id":"R{i}","probability":{},"activityIds":["A{}"],"scheduleImpact":{{"type":"days","days":{}}},"costImpact":{{"type":"fixed","value":{}}}}}"#,
                0.05 + 0.04 * (i % 10) as f64,
                (i * 19) % 1_000,
                1 + i % 10,
                1_000 * (1 + i % 20)
            )
        })
        .collect();
    let request = format!(r#"{{"iterations":10000,"seed":3,"defaultRange":{{"optimistic":0.8,"pessimistic":1.5}},"registerRisks":false,"risks":[{}]}}"#, risks.join(","));
    let mut iterations_ms = Vec::new();
    let monte_carlo_ms = median_ms(5, || {
        let started = Instant::now();
        let request: SimulationRequest = serde_json::from_str(&request).expect("the request reads");
        let mut simulation = workspace.simulation("BENCH", request).expect("simulates");
        simulation.run_chunk(10_000);
        iterations_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        simulation.results().expect("results");
    });
    iterations_ms.sort_by(f64::total_cmp);
    println!("native  Monte Carlo 10,000 iterations, 1,000 activities, 3,000 links, 50 risks (through the Workspace): median {monte_carlo_ms:.0} ms");
    println!("native  Monte Carlo, of which the 10,000 iterations (sampling and passes): median {:.0} ms", iterations_ms[iterations_ms.len() / 2]);
}
