// The portfolio's earned value table: every project's CPI, SPI, SPI(t), EAC and VAC from one
// Workspace.earnedValueTable() call, each in its project's currency. Columns sort by a button
// in the header (click, Enter or Space), announced through aria-sort. An undefined ratio reads
// "n/a" with its reason in words; an index below 1 carries a "<1" mark, not only colour.

import { el, replaceChildren, srOnly } from './dom.js';
import { formatCount, formatIndex, formatMoney, plural, reasonText } from './format.js';

/** Index cells: a number, or n/a with the reason; below 1 is marked in words and a glyph. */
function indexCell(row, field, meaning) {
  const value = row[field];
  if (value === null || value === undefined) return naCell(row.reasons?.[field]);
  const below = value < 1 - 5e-4; // shown with two decimals: 0.9996 reads 1.00 and is not "below"
  return el(
    'span',
    { class: ['evm-index', below && 'is-below'], title: below ? `Below 1: ${meaning}` : null },
    formatIndex(value),
    below ? el('span', { class: 'below-mark', 'aria-hidden': 'true' }, '<1') : null,
    below ? srOnly(`, below 1: ${meaning}`) : null,
  );
}

function moneyCell(row, field) {
  const value = row[field];
  if (value === null || value === undefined) return naCell(row.reasons?.[field]);
  return el('span', { class: ['evm-money', field === 'vac' && value < 0 && 'is-negative'] }, formatMoney(value, row.currency));
}

function naCell(reason) {
  const words = reasonText(reason);
  return el('span', { class: 'na', title: words }, 'n/a', el('span', { class: 'na-reason' }, ` (${words})`));
}

const COLUMNS = [
  { key: 'name', label: 'Project', type: 'text', value: (row) => row.name },
  { key: 'cpi', label: 'CPI', type: 'number', className: 'num', value: (row) => row.cpi, cell: (row) => indexCell(row, 'cpi', 'over budget') },
  { key: 'spi', label: 'SPI', type: 'number', className: 'num', value: (row) => row.spi, cell: (row) => indexCell(row, 'spi', 'behind plan') },
  { key: 'spiT', label: 'SPI(t)', type: 'number', className: 'num', value: (row) => row.spiT, cell: (row) => indexCell(row, 'spiT', 'behind schedule') },
  { key: 'eac', label: 'EAC (BAC/CPI)', type: 'number', className: 'num', value: (row) => row.eac, cell: (row) => moneyCell(row, 'eac') },
  { key: 'vac', label: 'VAC', type: 'number', className: 'num', value: (row) => row.vac, cell: (row) => moneyCell(row, 'vac') },
  { key: 'currency', label: 'Currency', type: 'text', value: (row) => row.currency },
];

/**
 * Creates the table in container. onOpen(projectId) selects a project (the page's own
 * selection). Returns { render(rows, selectedProjectId), setSelected(projectId) }.
 */
export function createEvmTable(container, { onOpen }) {
  /** @type {{ key: string, direction: 'ascending' | 'descending' } | null} */
  let sort = null;
  let rows = [];
  let selectedId = null;
  const table = el('table', { class: 'projects-table evm-table', id: 'evm-table' });
  replaceChildren(container, el('div', { class: 'table-scroll' }, table));

  function sortedRows() {
    if (!sort) return rows;
    const column = COLUMNS.find((c) => c.key === sort.key);
    const sign = sort.direction === 'ascending' ? 1 : -1;
    const collator = new Intl.Collator(undefined, { numeric: true });
    return [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      // Undefined values go last in either direction: they are not small, they are unknown.
      const xMissing = x === null || x === undefined;
      const yMissing = y === null || y === undefined;
      if (xMissing || yMissing) return xMissing === yMissing ? collator.compare(a.name, b.name) : xMissing ? 1 : -1;
      const order = column.type === 'number' ? x - y : collator.compare(String(x), String(y));
      return order * sign || collator.compare(a.name, b.name);
    });
  }

  function toggle(key) {
    const direction = sort?.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending';
    sort = { key, direction };
    draw();
    /** @type {HTMLElement | null} */ (table.querySelector(`th[data-key="${key}"] button`))?.focus();
  }

  function draw() {
    const undefinedCount = rows.filter((row) => row.cpi === null || row.cpi === undefined).length;
    const caption = el(
      'caption',
      {},
      el('span', { class: 'visually-hidden' }, 'Earned value by project: '),
      el('span', { class: 'caption-count' }, plural(rows.length, 'project', 'projects'), undefinedCount ? `, ${formatCount(undefinedCount)} without actual cost yet` : ''),
      el('span', { class: 'hint evm-table-hint' }, 'Each project at its own status date and in its own currency. Indices below 1 are marked “<1”. Sort by a column with its header button.'),
    );
    const head = el('thead', {}, el('tr', {}, COLUMNS.map((column) => {
      const state = sort?.key === column.key ? sort.direction : null;
      return el(
        'th',
        { scope: 'col', class: column.className, 'aria-sort': state ?? 'none', dataset: { key: column.key } },
        el(
          'button',
          { type: 'button', class: 'sort-button', on: { click: () => toggle(column.key) } },
          column.label,
          el('span', { class: 'sort-glyph', 'aria-hidden': 'true' }, state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ' ⇅'),
        ),
      );
    })));
    const body = el(
      'tbody',
      {},
      rows.length === 0
        ? el('tr', { class: 'empty-row' }, el('td', { colspan: COLUMNS.length }, 'No projects.'))
        : sortedRows().map((row) => el(
            'tr',
            {
              class: ['project-row', row.projectId === selectedId && 'is-selected'],
              dataset: { projectId: row.projectId },
              on: { click: (event) => { if (!event.target.closest('button')) onOpen(row.projectId); } },
            },
            COLUMNS.map((column, index) => index === 0
              ? el('th', { scope: 'row' }, el('button', {
                  type: 'button', class: 'project-open evm-open', 'aria-current': row.projectId === selectedId ? 'true' : null,
                  on: { click: () => onOpen(row.projectId) },
                }, row.name))
              : el('td', { class: column.className }, column.cell ? column.cell(row) : column.value(row))),
          )),
    );
    replaceChildren(table, caption, head, body);
  }

  function setSelected(projectId) {
    selectedId = projectId;
    for (const row of table.querySelectorAll('tbody tr[data-project-id]')) {
      const selected = row instanceof HTMLElement && row.dataset.projectId === projectId;
      row.classList.toggle('is-selected', selected);
      const button = row.querySelector('.evm-open');
      if (selected) button?.setAttribute('aria-current', 'true');
      else button?.removeAttribute('aria-current');
    }
  }

  return {
    render(nextRows, selectedProjectId = null) {
      rows = nextRows;
      selectedId = selectedProjectId;
      draw();
    },
    setSelected,
  };
}
