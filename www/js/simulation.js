// The selected project's Monte Carlo simulation: the run control (iterations, seed, the range
// for tasks without their own distribution), the run itself in a Web Worker (simulation-worker.js)
// with a progress bar and a Cancel button, and the results: the finish-date distribution and the
// risk tornado. The main thread only posts messages and draws, so the page never blocks.

import { el, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { renderFinishDistribution } from './finish-distribution.js';
import { renderTornado } from './tornado.js';

const CHUNK = 500;
export const DEFAULTS = { iterations: 1000, seed: 1, optimistic: 0.9, pessimistic: 1.3 };

/**
 * The engine's request for a run: tasks without their own distribution vary from optimistic to
 * pessimistic times their planned duration, the register's risks take part, and the chance of
 * finishing by the committed date is asked for when there is one.
 */
export function simulationRequest({ iterations, seed, optimistic, pessimistic }, committedFinish = null) {
  const options = { riskTornado: true };
  if (committedFinish) options.finishTargetDate = committedFinish;
  return { iterations, seed, defaultRange: { optimistic, pessimistic }, registerRisks: true, options };
}

/**
 * Returns { show(workspace, project, document), clear() }.
 * onResults(projectId, results | null): called when a run ends (results may be partial) or is cleared.
 */
export function createSimulationPanel(container, { onResults = () => {} } = {}) {
  let workspace = null;
  let project = null;
  let doc = null;
  /** @type {Worker | null} */
  let worker = null;
  let cancelling = false;

  const iterations = el('select', { id: 'sim-iterations', name: 'iterations' },
    el('option', { value: '1000' }, '1,000'),
    el('option', { value: '10000' }, '10,000'));
  const seed = el('input', { id: 'sim-seed', name: 'seed', type: 'number', min: 0, step: 1, inputmode: 'numeric', value: String(DEFAULTS.seed) });
  const optimistic = el('input', { id: 'sim-optimistic', name: 'optimistic', type: 'number', min: 0.1, max: 1, step: 0.05, value: String(DEFAULTS.optimistic) });
  const pessimistic = el('input', { id: 'sim-pessimistic', name: 'pessimistic', type: 'number', min: 1, max: 5, step: 0.05, value: String(DEFAULTS.pessimistic) });
  const runButton = el('button', { type: 'submit', class: 'button sim-run' }, 'Run simulation');
  const cancelButton = el('button', { type: 'button', class: 'button button-quiet sim-cancel', disabled: true, on: { click: cancel } }, 'Cancel');
  const progress = el('progress', { id: 'sim-progress', class: 'sim-progress', max: 1, value: 0, 'aria-labelledby': 'sim-progress-text' });
  const progressText = el('span', { id: 'sim-progress-text', class: 'sim-progress-text' }, '');
  const progressRow = el('div', { class: 'sim-progress-row', hidden: true }, progress, progressText);
  const status = el('p', { class: 'sim-status', role: 'status', 'aria-live': 'polite' });
  const results = el('div', { class: 'sim-results' });

  const field = (input, label, hint) => el('div', { class: 'sim-field' },
    el('label', { for: input.id }, label), input, hint ? el('span', { class: 'hint sim-field-hint' }, hint) : null);
  const form = el('form', { class: 'sim-form', 'aria-labelledby': 'sim-heading', on: { submit: (event) => { event.preventDefault(); start(); } } },
    field(iterations, 'Iterations'),
    field(seed, 'Seed'),
    el('fieldset', { class: 'sim-range' },
      el('legend', {}, 'Range for tasks without their own distribution (× planned duration)'),
      field(optimistic, 'Optimistic'),
      field(pessimistic, 'Pessimistic')),
    el('div', { class: 'sim-buttons' }, runButton, cancelButton));

  replaceChildren(container,
    el('h3', { id: 'sim-heading', class: 'sim-heading' }, 'Schedule risk simulation (Monte Carlo)'),
    el('p', { class: 'hint' }, 'Task durations vary within their range and the register’s open risks occur with their probability; each iteration reschedules the project. The same seed gives the same results. Runs in the background: the page stays usable.'),
    form, progressRow, status, results);

  function setRunning(running) {
    runButton.disabled = running;
    cancelButton.disabled = !running;
    for (const input of [iterations, seed, optimistic, pessimistic]) input.disabled = running;
    container.classList.toggle('is-running', running);
  }

  function showProgress(done, total) {
    progressRow.hidden = false;
    progress.max = total;
    progress.value = done;
    progressText.textContent = `${formatCount(done)} of ${formatCount(total)} iterations`;
  }

  function stopWorker() {
    worker?.terminate();
    worker = null;
    cancelling = false;
    setRunning(false);
  }

  function request() {
    const lo = Number(optimistic.value);
    const hi = Number(pessimistic.value);
    const seedValue = Number(seed.value);
    if (!Number.isInteger(seedValue) || seedValue < 0) return { error: 'The seed must be a whole number, 0 or more.' };
    if (!(lo > 0) || !(hi >= lo)) return { error: 'The range needs 0 < optimistic ≤ pessimistic.' };
    return {
      request: simulationRequest({ iterations: Number(iterations.value), seed: seedValue, optimistic: lo, pessimistic: hi }, doc?.committedFinish),
    };
  }

  function start() {
    if (!workspace || !project || worker) return;
    const { request: req, error } = request();
    if (error) {
      status.textContent = error;
      status.className = 'sim-status alert alert-error';
      return;
    }
    const runProject = project;
    const runDoc = doc;
    let portfolio;
    try {
      portfolio = workspace.exportJson();
      worker = new Worker(new URL('./simulation-worker.js', import.meta.url), { type: 'module', name: 'simulation' });
    } catch (cause) {
      status.textContent = `The simulation could not start: ${cause?.message ?? cause}`;
      status.className = 'sim-status alert alert-error';
      return;
    }
    setRunning(true);
    replaceChildren(results);
    onResults(runProject.id, null);
    showProgress(0, req.iterations);
    status.className = 'sim-status';
    status.textContent = `Running ${formatCount(req.iterations)} iterations (seed ${req.seed})…`;
    worker.addEventListener('message', (event) => {
      const message = event.data;
      if (message.type === 'progress') showProgress(message.done, message.total);
      else if (message.type === 'done') {
        stopWorker();
        showProgress(message.done, message.total);
        const partial = message.cancelled;
        status.className = partial ? 'sim-status sim-status-cancelled' : 'sim-status';
        status.textContent = partial
          ? `Cancelled after ${formatCount(message.done)} of ${formatCount(message.total)} iterations.${message.results ? ' The results below are partial.' : ' No results.'}`
          : `Finished: ${formatCount(message.done)} iterations, seed ${req.seed}.`;
        if (message.results) {
          drawResults(message.results, { partial, project: runProject, document: runDoc, total: message.total });
          onResults(runProject.id, message.results);
        }
      } else if (message.type === 'error') {
        stopWorker();
        status.className = 'sim-status alert alert-error';
        status.textContent = `The simulation failed: ${message.code ? `${message.code}: ` : ''}${message.message}`;
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      stopWorker();
      status.className = 'sim-status alert alert-error';
      status.textContent = `The simulation worker failed: ${event.message || 'it could not be loaded'}.`;
    });
    worker.postMessage({ type: 'run', portfolio, projectId: runProject.id, request: req, chunk: CHUNK });
  }

  function cancel() {
    if (!worker || cancelling) return;
    cancelling = true;
    cancelButton.disabled = true;
    status.textContent = 'Cancelling after the current chunk…';
    worker.postMessage({ type: 'cancel' });
  }

  function drawResults(data, { partial, project: p, document: d, total }) {
    const titles = new Map((d?.risks ?? []).map((risk) => [risk.id, risk.title]));
    const distribution = el('div', { class: 'sim-distribution' });
    const tornado = el('div', { class: 'sim-tornado' });
    replaceChildren(results,
      partial ? el('p', { class: 'alert alert-warning sim-partial' }, `Partial results: ${formatCount(data.iterations)} of ${formatCount(total)} iterations, cancelled.`) : null,
      distribution, tornado);
    renderFinishDistribution(distribution, { results: data, committedFinish: d?.committedFinish ?? null, name: p.name, partial });
    renderTornado(tornado, { tornado: data.riskTornado ?? [], titles, name: p.name });
  }

  function reset() {
    stopWorker();
    progressRow.hidden = true;
    status.textContent = '';
    status.className = 'sim-status';
    replaceChildren(results);
  }

  return {
    show(nextWorkspace, nextProject, nextDocument) {
      if (project?.id !== nextProject.id) {
        if (project) onResults(project.id, null);
        reset();
      }
      workspace = nextWorkspace;
      project = nextProject;
      doc = nextDocument;
    },
    clear() {
      if (project) onResults(project.id, null);
      reset();
      workspace = null;
      project = null;
      doc = null;
    },
  };
}
