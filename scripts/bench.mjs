// `make bench`, wasm half: the same work as src/bin/pmo-bench.rs, through the built module
// under Node, timed with performance.now(); medians of repeated runs.
import { readFileSync } from 'node:fs';
import init, { Workspace, __BenchNetwork, __benchmarkPortfolioJson } from '../pkg/pmo_analytics.js';

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
