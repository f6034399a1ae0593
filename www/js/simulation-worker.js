// A Monte Carlo run off the main thread. A module worker: it loads the same wasm module as the
// page, reads the portfolio text it is sent into its own Workspace, and runs the simulation in
// chunks, posting progress after each one and yielding to its event loop so a "cancel" message
// is seen between chunks. One worker per run; the page terminates it when the run is over.
//
// In:  { type: 'run', portfolio: string, projectId, request, chunk }   { type: 'cancel' }
// Out: { type: 'progress', done, total }
//      { type: 'done', done, total, cancelled, results }   results: MonteCarloResults | null
//      { type: 'error', code, message }

import init, { Workspace } from '../pkg/pmo_analytics.js';

let cancelled = false;
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'cancel') cancelled = true;
  else if (message.type === 'run') run(message).catch((error) => post({ type: 'error', code: error?.code ?? null, message: error?.message ?? String(error) }));
});

function post(message) {
  self.postMessage(message);
}

async function run({ portfolio, projectId, request, chunk = 500 }) {
  await init();
  if (cancelled) return post({ type: 'done', done: 0, total: request.iterations, cancelled: true, results: null });
  const workspace = new Workspace();
  let simulation = null;
  try {
    workspace.load(portfolio);
    simulation = workspace.createSimulation(projectId, request);
    let progress = { done: 0, total: request.iterations, finished: false };
    post({ type: 'progress', done: 0, total: progress.total });
    while (!progress.finished && !cancelled) {
      progress = simulation.runChunk(chunk);
      post({ type: 'progress', done: progress.done, total: progress.total });
      // Lets a waiting "cancel" message in before the next chunk.
      await nextTurn();
    }
    post({ type: 'done', done: progress.done, total: progress.total, cancelled: !progress.finished, results: progress.done > 0 ? simulation.results() : null });
  } finally {
    simulation?.free();
    workspace.free();
  }
}
