// The health table of a unit's projects (the engine's unit health: projects worst first): band,
// score, budget and the reasons behind the score. Sort by score or name with header buttons
// (announced through aria-sort); filter to one band with toggle buttons that show each band's
// count. Each row is one tab stop: Enter or Space (or a click) calls onSelect(projectId), which
// the page uses to open the "why" panel. An undefined score reads "n/a" with its reason and
// sorts last in either direction: unknown is not small, it is unknown.

import { el, replaceChildren } from './dom.js';
import { formatMoney, plural } from './format.js';
import { BAND_ORDER, bandInfo, healthPill, scoreText } from './health-pill.js';

/** The engine's unit health (or a bare project list) in the shape this table reads. */
function readRows(data) {
  const projects = Array.isArray(data) ? data : data?.projects ?? [];
  return projects.map((project, rank) => ({
    projectId: String(project.projectId),
    name: String(project.name ?? project.projectId),
    unitId: project.unitId ?? null,
    budget: Number.isFinite(project.budgetAtCompletion) ? project.budgetAtCompletion : null,
    // Each project's budget is in its own currency.
    currency: project.currency ?? null,
    score: Number.isFinite(project.score) ? project.score : null,
    band: bandInfo(project.band).band,
    bandLabel: project.bandLabel || bandInfo(project.band).label,
    reasons: Array.isArray(project.reasons) ? project.reasons.map(String) : [],
    rank, // the engine's order (worst first) is the default
  }));
}

const SORTS = {
  score: { label: 'Score', value: (row) => row.score, type: 'number' },
  name: { label: 'Project', value: (row) => row.name, type: 'text' },
};

/**
 * data: unit health ({ name, projects: [...] }) or an array of its project rows.
 * options:
 *   onSelect(projectId)   a row was activated (click, Enter, Space)
 *   currency              for the budget column (default "EUR")
 *   selectedId            the row to mark as selected
 *   sort                  { key: "score" | "name", direction: "ascending" | "descending" } or null (engine order)
 *   band                  a band code to filter to, or null for all
 *   onChange({ sort, band })  the user changed the sort or the filter (so a page can keep it)
 *   caption               text of the caption (default: "Project health")
 * Returns { setSelected(projectId), state() }.
 */
export function renderHealthTable(container, data, options = {}) {
  const rows = readRows(data);
  const currency = options.currency ?? 'EUR';
  let sort = options.sort ?? null;
  let band = options.band ?? null;
  let selectedId = options.selectedId ?? null;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const root = el('div', { class: 'ht' });
  replaceChildren(container, root);

  function visibleRows() {
    const filtered = band ? rows.filter((row) => row.band === band) : rows;
    if (!sort) return [...filtered].sort((a, b) => a.rank - b.rank);
    const { value, type } = SORTS[sort.key];
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...filtered].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const xMissing = x === null;
      const yMissing = y === null;
      if (xMissing || yMissing) return xMissing === yMissing ? collator.compare(a.name, b.name) : xMissing ? 1 : -1;
      const order = type === 'number' ? x - y : collator.compare(x, y);
      return order * sign || collator.compare(a.name, b.name);
    });
  }

  function changed(focusSelector) {
    options.onChange?.({ sort, band });
    draw();
    /** @type {HTMLElement | null} */ (root.querySelector(focusSelector))?.focus();
  }

  function toggleSort(key) {
    // Score starts worst first (ascending), name starts A to Z: the order a reader wants first.
    const direction = sort?.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending';
    sort = { key, direction };
    changed(`th[data-key="${key}"] button`);
  }

  function setBand(next) {
    band = next;
    changed(`.ht-filter button[data-band="${next ?? 'all'}"]`);
  }

  function activate(projectId) {
    setSelected(projectId);
    options.onSelect?.(projectId);
  }

  function filterBar() {
    const count = (code) => rows.filter((row) => row.band === code).length;
    const button = (code, text, n) => el(
      'button',
      {
        type: 'button',
        class: ['ht-filter-button', code && `ht-filter-${code}`],
        'aria-pressed': (band ?? 'all') === (code ?? 'all') ? 'true' : 'false',
        dataset: { band: code ?? 'all', count: n },
        on: { click: () => setBand(code) },
      },
      code ? healthPill(code) : text,
      el('span', { class: 'ht-filter-count' }, ` ${n}`),
    );
    return el(
      'div',
      { class: 'ht-filter', role: 'group', 'aria-label': 'Show projects of one band' },
      el('span', { class: 'ht-filter-title' }, 'Show:'),
      button(null, 'All', rows.length),
      BAND_ORDER.map((code) => button(code, bandInfo(code).label, count(code))),
    );
  }

  function header() {
    const sortable = (key, className) => {
      const state = sort?.key === key ? sort.direction : null;
      return el(
        'th',
        { scope: 'col', class: className, 'aria-sort': state ?? 'none', dataset: { key } },
        el('button', { type: 'button', class: 'sort-button ht-sort', on: { click: () => toggleSort(key) } },
          SORTS[key].label,
          el('span', { class: 'sort-glyph', 'aria-hidden': 'true' }, state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ' ⇅')),
      );
    };
    return el('thead', {}, el('tr', {},
      sortable('name', 'ht-name-col'),
      el('th', { scope: 'col', class: 'ht-band-col' }, 'Health'),
      sortable('score', 'num ht-score-col'),
      el('th', { scope: 'col', class: 'num ht-budget-col' }, 'Budget (BAC)'),
      el('th', { scope: 'col', class: 'ht-reasons-col' }, 'Why')));
  }

  function row(item) {
    const selected = item.projectId === selectedId;
    const words = `${item.name}: ${item.bandLabel}${item.score === null ? ', score n/a' : `, score ${Math.round(item.score)}`}. Press Enter for why.`;
    return el(
      'tr',
      {
        class: ['ht-row', selected && 'is-selected'],
        tabIndex: 0,
        'aria-label': words,
        'aria-current': selected ? 'true' : null,
        dataset: { projectId: item.projectId, band: item.band, score: item.score ?? '' },
        on: {
          click: () => activate(item.projectId),
          keydown: (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault(); // Space would scroll the page
              activate(item.projectId);
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
              next?.focus();
            }
          },
        },
      },
      el('th', { scope: 'row', class: 'ht-name' }, item.name),
      el('td', { class: 'ht-band' }, healthPill(item.band, { label: item.bandLabel })),
      el('td', { class: 'num ht-score' }, scoreText(item.score, item.reasons[0] ?? 'not enough data to score')),
      el('td', { class: 'num ht-budget' }, item.budget === null ? scoreText(null, 'no budget') : formatMoney(item.budget, item.currency ?? currency)),
      el('td', { class: 'ht-reasons' }, item.reasons.length
        ? el('ul', { class: 'ht-reason-list' }, item.reasons.slice(0, 3).map((reason) => el('li', {}, reason)))
        : el('span', { class: 'muted' }, '—')),
    );
  }

  function draw() {
    const shown = visibleRows();
    const table = el(
      'table',
      { class: 'projects-table ht-table' },
      el('caption', {},
        el('span', { class: 'caption-title' }, options.caption ?? 'Project health'),
        el('span', { class: 'caption-count ht-count' }, band
          ? `${plural(shown.length, 'project', 'projects')} ${bandInfo(band).label} of ${rows.length}`
          : plural(rows.length, 'project', 'projects')),
        el('span', { class: 'hint ht-hint' }, 'Worst first. Select a row (Enter or Space) to see why it scored as it did.')),
      header(),
      el('tbody', {}, shown.length
        ? shown.map(row)
        : el('tr', { class: 'empty-row' }, el('td', { colspan: 5 }, band ? `No ${bandInfo(band).label} projects.` : 'No projects.'))),
    );
    replaceChildren(root, filterBar(), el('div', { class: 'table-scroll' }, table));
  }

  function setSelected(projectId) {
    selectedId = projectId;
    for (const tr of root.querySelectorAll('tr.ht-row')) {
      const on = tr instanceof HTMLElement && tr.dataset.projectId === projectId;
      tr.classList.toggle('is-selected', on);
      if (on) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  draw();
  return { setSelected, state: () => ({ sort, band }) };
}
