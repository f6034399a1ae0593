// One probability × impact heat map of a project's open risks (threats or opportunities), as an
// HTML table: probability in rows (highest at the top), impact in columns, labels from the
// engine's scheme. Each cell is a button showing its count and its band as a letter (H / M / L),
// coloured by band, so it reads without colour. Arrow keys move between cells (one tab stop per
// matrix); Enter or Space selects a cell, which filters the register to its risks.

import { el } from './dom.js';
import { plural } from './format.js';

/** "medium" -> "M", "very high" -> "VH": the band in a letter or two. */
export function bandLetter(band) {
  return String(band ?? '?').split(/[\s_-]+|(?=[A-Z])/).filter(Boolean).map((word) => word[0].toUpperCase()).join('');
}

export function bandClass(band) {
  return `band-${String(band ?? 'unknown').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
}

/** The key of a cell, as data-cell and in the page's selection: "threats:4:2". */
export const cellKey = (kind, probabilityLevel, impactLevel) => `${kind}:${probabilityLevel}:${impactLevel}`;

/**
 * heatMap: RiskRegisterView.heatMap; kind: "threats" | "opportunities";
 * selectedKey: the selected cell's key or null; onSelect(cell, key) when a cell is chosen.
 */
export function renderRiskMatrix({ heatMap, kind, selectedKey, onSelect }) {
  const cells = heatMap[kind] ?? [];
  const byLevels = new Map(cells.map((cell) => [`${cell.probabilityLevel}:${cell.impactLevel}`, cell]));
  const probabilityLevels = heatMap.probabilityLabels.map((_, index) => index + 1).reverse();
  const impactLevels = heatMap.impactLabels.map((_, index) => index + 1);
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const noun = kind === 'threats' ? ['open threat', 'open threats'] : ['open opportunity', 'open opportunities'];
  const title = kind === 'threats' ? 'Threats' : 'Opportunities';

  // The one cell that takes Tab: the selected one, else the first with risks, else the top left.
  const keys = cells.map((cell) => cellKey(kind, cell.probabilityLevel, cell.impactLevel));
  const firstFilled = cells.filter((cell) => cell.count > 0).sort((a, b) => b.probabilityLevel - a.probabilityLevel || a.impactLevel - b.impactLevel)[0];
  const tabKey = keys.includes(selectedKey)
    ? selectedKey
    : firstFilled
      ? cellKey(kind, firstFilled.probabilityLevel, firstFilled.impactLevel)
      : cellKey(kind, probabilityLevels[0], impactLevels[0]);

  const table = el(
    'table',
    { class: ['risk-matrix', `risk-matrix-${kind}`], dataset: { kind }, on: { keydown: (event) => moveFocus(event, table) } },
    el(
      'caption',
      {},
      el('span', { class: 'risk-matrix-title' }, title),
      ' ',
      el('span', { class: 'caption-count risk-matrix-total', dataset: { total } }, `(${plural(total, ...noun)})`),
    ),
    el(
      'thead',
      {},
      el('tr', {}, el('td', { class: 'risk-matrix-corner' }), el('th', { scope: 'colgroup', colspan: impactLevels.length, class: 'risk-axis-title' }, 'Impact →')),
      el(
        'tr',
        {},
        el('th', { scope: 'col', class: 'risk-axis-title risk-axis-probability' }, 'Probability ↓'),
        impactLevels.map((level) => el('th', { scope: 'col', class: 'risk-impact-label' }, heatMap.impactLabels[level - 1])),
      ),
    ),
    el(
      'tbody',
      {},
      probabilityLevels.map((probabilityLevel) => el(
        'tr',
        {},
        el('th', { scope: 'row', class: 'risk-probability-label' }, heatMap.probabilityLabels[probabilityLevel - 1]),
        impactLevels.map((impactLevel) => {
          const cell = byLevels.get(`${probabilityLevel}:${impactLevel}`);
          if (!cell) return el('td', { class: 'risk-cell-missing' }, '—');
          const key = cellKey(kind, probabilityLevel, impactLevel);
          // Starts with the cell's visible text ("3 H"), so voice control can name the button.
          const words = `${cell.count} ${bandLetter(cell.band)}: ${plural(cell.count, ...noun)}, probability ${heatMap.probabilityLabels[probabilityLevel - 1].toLowerCase()}, impact ${heatMap.impactLabels[impactLevel - 1].toLowerCase()}, ${cell.band} band`;
          return el(
            'td',
            { class: ['risk-cell', bandClass(cell.band), cell.count === 0 && 'is-empty'] },
            el(
              'button',
              {
                type: 'button',
                class: 'risk-cell-button',
                tabIndex: key === tabKey ? 0 : -1,
                'aria-pressed': key === selectedKey ? 'true' : 'false',
                'aria-label': words,
                title: words,
                dataset: { cell: key, count: cell.count, band: cell.band, probabilityLevel, impactLevel, riskIds: cell.riskIds.join(' ') },
                on: { click: () => onSelect(cell, key) },
              },
              el('span', { class: 'risk-cell-count' }, String(cell.count)),
              ' ',
              el('span', { class: 'risk-cell-band', 'aria-hidden': 'true' }, bandLetter(cell.band)),
            ),
          );
        }),
      )),
    ),
  );
  return el('div', { class: 'risk-matrix-frame' }, table);
}

/** Arrow keys, Home and End move between the cells of one matrix (a grid's roving tab stop). */
function moveFocus(event, table) {
  const button = event.target instanceof HTMLElement ? event.target.closest('.risk-cell-button') : null;
  if (!button) return;
  const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('.risk-cell-button')]);
  const rowIndex = rows.findIndex((row) => row.includes(button));
  const columnIndex = rows[rowIndex].indexOf(button);
  const moves = {
    ArrowUp: [rowIndex - 1, columnIndex],
    ArrowDown: [rowIndex + 1, columnIndex],
    ArrowLeft: [rowIndex, columnIndex - 1],
    ArrowRight: [rowIndex, columnIndex + 1],
    Home: [rowIndex, 0],
    End: [rowIndex, rows[rowIndex].length - 1],
  };
  const target = moves[event.key];
  if (!target) return;
  event.preventDefault();
  const next = rows[target[0]]?.[target[1]];
  if (!next) return;
  for (const other of table.querySelectorAll('.risk-cell-button')) other.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
