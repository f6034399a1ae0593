// The selected project's risk section: the view toggle (before / after responses) and scheme
// choice, the threat and opportunity heat maps side by side with the exposure summary, and the
// register table below, filtered by a selected heat-map cell. It asks the resident Workspace
// once per change (riskRegister) and keeps view and scheme while the reader moves between projects.

import { el, replaceChildren } from './dom.js';
import { renderRiskMatrix } from './risk-matrix.js';
import { createRiskTable } from './risk-table.js';
import { renderRiskExposure } from './risk-exposure.js';

const VIEWS = [
  { value: 'inherent', label: 'Before responses', hint: 'inherent' },
  { value: 'residual', label: 'After responses', hint: 'residual' },
];
const SCHEMES = [
  { value: 'fiveByFive', label: '5 × 5' },
  { value: 'pmbok', label: 'PMBOK' },
];

/** Returns { show(workspace, project), clear() }. */
export function createRiskRegister(container) {
  const options = { view: 'residual', scheme: 'fiveByFive' };
  let workspace = null;
  let project = null;
  /** @type {{ key: string, label: string, ids: string[] } | null} */
  let filter = null;

  const controls = el('div', { class: 'risk-controls' });
  const maps = el('div', { class: 'risk-maps' });
  const legend = el('p', { class: 'hint risk-legend' });
  const tableHost = el('div', { class: 'risk-register-table' });
  const table = createRiskTable(tableHost);
  replaceChildren(container, controls, maps, legend, tableHost);

  function draw(focusSelector = null) {
    let view;
    try {
      view = workspace.riskRegister(project.id, { view: options.view, scheme: options.scheme });
    } catch (error) {
      replaceChildren(maps, el('p', { class: 'alert alert-error' }, `The risk register could not be computed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`));
      replaceChildren(controls);
      replaceChildren(legend);
      tableHost.hidden = true;
      return;
    }
    tableHost.hidden = false;
    // A cell selected in the other view may hold other risks now: take its ids from this view.
    if (filter) {
      const [kind, probabilityLevel, impactLevel] = filter.key.split(':');
      const cell = view.heatMap[kind]?.find((c) => String(c.probabilityLevel) === probabilityLevel && String(c.impactLevel) === impactLevel);
      filter = cell ? { ...filter, ids: cell.riskIds } : null;
    }
    replaceChildren(
      controls,
      toggleGroup('view', 'Values', VIEWS, options.view),
      toggleGroup('scheme', 'Scoring scheme', SCHEMES, options.scheme),
    );
    const select = (cell, key, label) => {
      filter = filter?.key === key ? null : { key, label, ids: cell.riskIds };
      draw(`[data-cell="${key}"]`);
    };
    const matrix = (kind) => renderRiskMatrix({
      heatMap: view.heatMap,
      kind,
      selectedKey: filter?.key ?? null,
      onSelect: (cell, key) => select(cell, key, cellLabel(view.heatMap, kind, cell)),
    });
    replaceChildren(maps, matrix('threats'), matrix('opportunities'), renderRiskExposure(view.exposure, view.currency));
    replaceChildren(
      legend,
      'Open risks only. Each cell shows its count and its band: H high, M medium or moderate, L low. Select a cell to list its risks below; arrow keys move between cells.',
    );
    table.render({
      risks: view.risks,
      exposure: view.exposure,
      view: view.heatMap.view,
      currency: view.currency,
      filter: filter && {
        label: filter.label,
        ids: filter.ids,
        onClear: () => {
          const key = filter.key;
          filter = null;
          draw(`[data-cell="${key}"]`);
        },
      },
    });
    if (focusSelector) /** @type {HTMLElement | null} */ (container.querySelector(focusSelector))?.focus();
  }

  function toggleGroup(option, label, choices, current) {
    const labelId = `risk-${option}-label`;
    return el(
      'div',
      { class: 'risk-toggle', role: 'group', 'aria-labelledby': labelId },
      el('span', { id: labelId, class: 'risk-toggle-label' }, label),
      choices.map((choice) => el(
        'button',
        {
          type: 'button',
          class: 'risk-toggle-button',
          'aria-pressed': choice.value === current ? 'true' : 'false',
          dataset: { option, value: choice.value },
          on: {
            click: () => {
              if (options[option] === choice.value) return;
              options[option] = choice.value;
              draw(`[data-option="${option}"][data-value="${choice.value}"]`);
            },
          },
        },
        choice.label,
        choice.hint ? el('span', { class: 'risk-toggle-hint' }, ` (${choice.hint})`) : null,
      )),
    );
  }

  return {
    show(nextWorkspace, nextProject) {
      if (project?.id !== nextProject.id) filter = null;
      workspace = nextWorkspace;
      project = nextProject;
      draw();
    },
    clear() {
      workspace = null;
      project = null;
      filter = null;
      replaceChildren(controls);
      replaceChildren(maps);
      replaceChildren(legend);
      tableHost.hidden = true;
    },
  };
}

function cellLabel(heatMap, kind, cell) {
  const noun = kind === 'threats' ? 'threats' : 'opportunities';
  return `${noun}, probability ${heatMap.probabilityLabels[cell.probabilityLevel - 1].toLowerCase()}, impact ${heatMap.impactLabels[cell.impactLevel - 1].toLowerCase()}`;
}
