// <pmo-finish-forecast project="P-ID" src="..." [iterations="1000"] [seed="1"]>: a Monte Carlo
// run of the project's schedule with its register's risks, drawn as the finish-date
// distribution with P50, P80 and the chance of meeting the committed finish. The same seed gives
// the same chart. The run goes in chunks between which the page stays responsive; it runs on the
// page's thread so a host page needs no worker-src in its CSP.

import { renderFinishDistribution } from '../finish-distribution.js';
import { DEFAULTS, simulationRequest } from '../simulation.js';
import { el } from '../dom.js';
import { formatCount } from '../format.js';
import { PmoElement, title } from './base.js';

const CHUNK = 250;
const MAX_ITERATIONS = 100_000;
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A whole number in [min, max] from an attribute, or the fallback when absent or wrong. */
function wholeNumber(text, fallback, min, max) {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export class PmoFinishForecast extends PmoElement {
  static get observedAttributes() {
    return [...super.observedAttributes, 'iterations', 'seed'];
  }

  async draw(workspace, frame) {
    const project = this.requireProject(workspace);
    const document = workspace.project(project.id);
    const iterations = wholeNumber(this.getAttribute('iterations'), DEFAULTS.iterations, 1, MAX_ITERATIONS);
    const seed = wholeNumber(this.getAttribute('seed'), DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
    const request = simulationRequest({ ...DEFAULTS, iterations, seed }, document.committedFinish ?? null);
    const chart = el('div', { class: 'pmo-chart', part: 'chart' });
    const progress = el('progress', { max: iterations, value: 0, class: 'sim-progress', 'aria-label': 'Iterations run' });
    frame.replaceChildren(title(`Finish forecast of ${project.name}`), progress, chart);

    const generation = this.generation;
    const simulation = workspace.createSimulation(project.id, request);
    try {
      let state = { done: 0, total: iterations, finished: false };
      while (!state.finished) {
        state = simulation.runChunk(CHUNK);
        progress.value = state.done;
        this.statusLine.textContent = `Simulating: ${formatCount(state.done)} of ${formatCount(iterations)} iterations…`;
        await nextTurn();
        // A newer draw (another project, new data) has started: this run is no longer wanted.
        if (generation !== this.generation) return;
      }
      const results = simulation.results();
      progress.remove();
      this.statusLine.textContent = '';
      renderFinishDistribution(chart, { results, committedFinish: document.committedFinish ?? null, name: project.name });
      chart.append(el('p', { class: 'hint' }, `${formatCount(results.iterations)} iterations, seed ${seed}; tasks without their own range vary from ${DEFAULTS.optimistic} to ${DEFAULTS.pessimistic} times their planned duration.`));
    } finally {
      simulation.free();
    }
  }
}
