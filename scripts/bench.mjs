// `make bench`, wasm half: the same work as src/bin/pmo-bench.rs, through the built module
// under Node, timed with performance.now(); medians of repeated runs.
import { readFileSync } from 'node:fs';
import init, { Workspace, __BenchNetwork, __benchmarkPortfolioJson, __benchmarkEvmPortfolioJson, __benchmarkHealthPortfolioJson } from '../pkg/pmo_analytics.js';

await init({ module_or_path: readFileSync(new URL('../pkg/pmo_analytics_bg.wasm', import.meta.url)) });

function median(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const network = new __BenchNetwork(100_000, 250_000, 7);
const passes = median(15, () => network.run());
console.log(`wasm    CPM passes (forward, backward, float), 100k activities: median ${passes.toFixed(1)} ms`);

const workspace = new Workspace();
workspace.load(__benchmarkPortfolioJson(100_000, 250_000, 7));
let started = performance.now();
workspace.scheduleArrays('BENCH');
console.log(`wasm    first Workspace schedule (compiles the resident network), 100k: ${(performance.now() - started).toFixed(1)} ms`);
const full = median(15, () => workspace.scheduleArrays('BENCH'));
console.log(`wasm    full reschedule through the Workspace from JS (passes + Float64Array out), 100k: median ${full.toFixed(1)} ms`);

const small = new Workspace();
small.load(__benchmarkPortfolioJson(2_000, 5_000, 11));
small.scheduleArrays('BENCH');
let days = 1;
const whatIf = median(41, () => {
  days = days === 1 ? 3 : 1;
  small.setActivityDuration('BENCH', 'A1000', days);
});
console.log(`wasm    what-if duration edit + reschedule, 2,000 activities (ScheduleChange out): median ${whatIf.toFixed(2)} ms`);
const whatIfWithDates = median(41, () => {
  days = days === 1 ? 3 : 1;
  small.setActivityDuration('BENCH', 'A1000', days);
  small.scheduleArrays('BENCH');
});
console.log(`wasm    what-if edit + all dates as Float64Array, 2,000 activities: median ${whatIfWithDates.toFixed(2)} ms`);

// A plain-JS critical path over the same 100k network, for scale: typed arrays, one calendar
// assumed (every date in working minutes from the start, as our passes count them), no
// constraints or progress. It does less than the engine (no calendars, no conversion to dates).
const plan = JSON.parse(__benchmarkPortfolioJson(100_000, 250_000, 7)).projects[0];
const index = new Map(plan.activities.map((a, i) => [a.id, i]));
const n = plan.activities.length;
const duration = Float64Array.from(plan.activities, (a) => Math.round((a.durationDays ?? 0) * 480));
const kinds = { FS: 0, SS: 1, FF: 2, SF: 3 };
const m = plan.dependencies.length;
const from = new Int32Array(m), to = new Int32Array(m), kind = new Int8Array(m), lag = new Float64Array(m);
plan.dependencies.forEach((d, k) => {
  from[k] = index.get(d.predecessorId); to[k] = index.get(d.successorId);
  kind[k] = kinds[d.type ?? 'FS']; lag[k] = Math.round((d.lagDays ?? 0) * 480);
});
// Links are already in successor order in the generated plan (each activity's links follow it).
const es = new Float64Array(n), ef = new Float64Array(n), ls = new Float64Array(n), lf = new Float64Array(n);
const tf = new Float64Array(n), ff = new Float64Array(n);
const jsPasses = median(15, () => {
  es.fill(0);
  for (let k = 0, v = 0; v < n; v += 1) {
    let start = es[v];
    for (; k < m && to[k] === v; k += 1) {
      const u = from[k];
      const bound = kind[k] === 0 ? ef[u] + lag[k] : kind[k] === 1 ? es[u] + lag[k] : kind[k] === 2 ? ef[u] + lag[k] - duration[v] : es[u] + lag[k] - duration[v];
      if (bound > start) start = bound;
    }
    es[v] = start; ef[v] = start + duration[v];
  }
  let finish = 0;
  for (let v = 0; v < n; v += 1) if (ef[v] > finish) finish = ef[v];
  lf.fill(finish);
  for (let k = m - 1, v = n - 1; v >= 0; v -= 1) {
    ls[v] = lf[v] - duration[v];
    for (; k >= 0 && to[k] === v; k -= 1) {
      const u = from[k];
      const late = kind[k] === 0 ? ls[v] - lag[k] : kind[k] === 2 ? lf[v] - lag[k] : null;
      if (late !== null && late < lf[u]) lf[u] = late;
      const lateStart = kind[k] === 1 ? ls[v] - lag[k] : kind[k] === 3 ? lf[v] - lag[k] : null;
      if (lateStart !== null && lateStart + duration[u] < lf[u]) lf[u] = lateStart + duration[u];
    }
  }
  // Total float, then free float as the smallest gap a successor link leaves.
  for (let v = 0; v < n; v += 1) { tf[v] = Math.min(ls[v] - es[v], lf[v] - ef[v]); ff[v] = Math.min(finish - ef[v], tf[v]); }
  for (let k = 0; k < m; k += 1) {
    const u = from[k], v = to[k];
    const gap = kind[k] === 0 ? es[v] - ef[u] - lag[k] : kind[k] === 1 ? es[v] - es[u] - lag[k] : kind[k] === 2 ? ef[v] - ef[u] - lag[k] : ef[v] - es[u] - lag[k];
    if (gap < ff[u]) ff[u] = gap;
  }
});
const sorted = plan.dependencies.every((d, k) => k === 0 || index.get(d.successorId) >= index.get(plan.dependencies[k - 1].successorId));
console.log(`plain JS CPM passes and float (working minutes only, typed arrays), 100k activities: median ${jsPasses.toFixed(1)} ms${sorted ? '' : ' (links not in successor order: figure invalid)'}`);
console.log(`ratios  wasm passes / plain JS passes: ${(passes / jsPasses).toFixed(2)}`);

// Earned value: 1,000 projects of 60 months, the portfolio table and the organisation rollup as
// the dashboard asks for them (rows and the rollup tree come back as plain objects).
const evm = new Workspace();
evm.load(__benchmarkEvmPortfolioJson(1_000, 60, 5));
started = performance.now();
evm.earnedValueTable();
console.log(`wasm    first EVM + ES table (builds each project's PV curve), 1,000 projects x 60 months: ${(performance.now() - started).toFixed(1)} ms`);
const table = median(15, () => evm.earnedValueTable());
console.log(`wasm    EVM + ES table through the Workspace (1,000 row objects out), 1,000 projects x 60 months: median ${table.toFixed(2)} ms`);
const rollup = median(15, () => evm.earnedValue('ORG'));
console.log(`wasm    organisation rollup (20 programs, 1,000 projects, ES from the summed PV): median ${rollup.toFixed(2)} ms`);

// Health: 1,000 projects with 24 snapshots each, every project assessed with its evidence and
// trend, and the band counts, as the portfolio home asks it (one UnitHealth object out).
const healthy = new Workspace();
healthy.load(__benchmarkHealthPortfolioJson(1_000, 24, 5));
started = performance.now();
healthy.portfolioHealth(null);
console.log(`wasm    first portfolio health (compiles each schedule, builds each PV curve), 1,000 projects x 24 snapshots: ${(performance.now() - started).toFixed(1)} ms`);
const health = median(15, () => healthy.portfolioHealth(null));
console.log(`wasm    portfolio health through the Workspace, 1,000 projects x 24 snapshots: median ${health.toFixed(1)} ms (target < 50 ms)`);

// Monte Carlo: the same request as src/bin/pmo-bench.rs, through createSimulation, one chunk.
const risky = new Workspace();
risky.load(__benchmarkPortfolioJson(1_000, 3_000, 3));
const risks = Array.from({ length: 50 }, (_, i) => ({
  id: `R${i}`, probability: 0.05 + 0.04 * (i % 10), activityIds: [`A${(i * 19) % 1000}`],
  scheduleImpact: { type: 'days', days: 1 + (i % 10) }, costImpact: { type: 'fixed', value: 1000 * (1 + (i % 20)) },
}));
const request = { iterations: 10_000, seed: 3, defaultRange: { optimistic: 0.8, pessimistic: 1.5 }, registerRisks: false, risks };
const iterationsOnly = [];
const monteCarlo = median(5, () => {
  const started = performance.now();
  const simulation = risky.createSimulation('BENCH', request);
  simulation.runChunk(10_000);
  iterationsOnly.push(performance.now() - started);
  simulation.results();
  simulation.free();
});
iterationsOnly.sort((a, b) => a - b);
console.log(`wasm    Monte Carlo 10,000 iterations, 1,000 activities, 3,000 links, 50 risks (through the Workspace, results out): median ${monteCarlo.toFixed(0)} ms`);
console.log(`wasm    Monte Carlo, of which the 10,000 iterations (sampling and passes): median ${iterationsOnly[2].toFixed(0)} ms`);
