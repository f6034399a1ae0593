// Resource capacity as a heat map: one row per resource, one column per month, each cell the
// month's demand against capacity written as a percentage ("85%", "112% over"), shaded by level
// and, when over-allocated, outlined and marked "over" in words, so it reads in greyscale. A
// month with no capacity has no utilisation: it reads "n/a" with the reason, or "no capacity"
// with the demand when work is still booked. The table is one tab stop: arrow keys move between
// cells, Enter or Space calls onSelectCell with the projects that cause the demand.

import { el, replaceChildren } from './dom.js';
import { formatCount, plural } from './format.js';
import { monthLabel } from './scurve.js';

/**
 * utilisation is the engine's ratio demand / capacity (1.12 = 112%); the level classes are the
 * reading a resource manager uses: under half, normal, near full, over.
 */
function level(utilisation, over) {
  if (over) return 'over';
  if (utilisation === null) return 'none';
  if (utilisation >= 0.9) return 'high';
  if (utilisation >= 0.5) return 'mid';
  return 'low';
}

/** The engine's capacity record in the shape this table reads. */
export function readCapacity(data) {
  const months = Array.isArray(data?.months) ? data.months : [];
  return {
    months,
    resources: (data?.resources ?? []).map((resource) => {
      const byMonth = new Map((resource.cells ?? []).map((cell) => [cell.month, cell]));
      return {
        resourceId: String(resource.resourceId),
        name: String(resource.name ?? resource.resourceId),
        role: resource.role ?? null,
        cells: months.map((month) => {
          const cell = byMonth.get(month);
          if (!cell) return { month, missing: true };
          const demand = Number.isFinite(cell.demandHours) ? cell.demandHours : 0;
          const capacity = Number.isFinite(cell.capacityHours) ? cell.capacityHours : 0;
          return {
            month,
            demand,
            capacity,
            utilisation: Number.isFinite(cell.utilisation) ? cell.utilisation : null,
            over: Boolean(cell.overAllocated),
            causes: Array.isArray(cell.causes) ? cell.causes : [],
          };
        }),
      };
    }),
  };
}

const percent = (ratio) => `${formatCount(Math.round(ratio * 100))}%`;

/**
 * data: { months: ["2026-12", ...], resources: [{ resourceId, name, role, cells: [{ month,
 * demandHours, capacityHours, utilisation, overAllocated, causes: [{ projectId, hours }] }] }] }.
 * options: { onSelectCell({ resourceId, name, month, demandHours, capacityHours, utilisation,
 * overAllocated, causes }), projectNames: { projectId: name } for the tooltips, caption }.
 */
export function renderCapacityHeatmap(container, data, options = {}) {
  const { months, resources } = readCapacity(data);
  const projectName = (id) => options.projectNames?.[id] ?? id;
  const overCount = resources.reduce((n, r) => n + r.cells.filter((c) => c.over).length, 0);
  let first = true;

  const cellNode = (resource, cell) => {
    if (cell.missing) return el('td', { class: 'cap-cell cap-missing' }, el('span', { class: 'hv-na', title: 'no figures for this month' }, 'n/a'));
    const where = `${resource.name}, ${monthLabel(cell.month)}`;
    const hours = `${formatCount(Math.round(cell.demand))} h demand of ${formatCount(Math.round(cell.capacity))} h capacity`;
    const causes = cell.causes.length ? `; from ${cell.causes.map((c) => `${projectName(c.projectId)} ${formatCount(Math.round(c.hours))} h`).join(', ')}` : '';
    let text;
    let words;
    if (cell.utilisation === null) {
      // Capacity zero: a ratio would be infinite, so it is not given; the demand still matters.
      text = cell.demand > 0 ? 'no capacity' : 'n/a';
      words = `${where}: utilisation n/a (no capacity this month), ${hours}${cell.over ? ', over-allocated' : ''}${causes}`;
    } else {
      text = cell.over ? `${percent(cell.utilisation)} over` : percent(cell.utilisation);
      words = `${where}: ${percent(cell.utilisation)} (${hours})${cell.over ? ', over-allocated' : ''}${causes}`;
    }
    const tabIndex = first ? 0 : -1;
    first = false;
    return el('td', {
      class: ['cap-cell', `cap-${level(cell.utilisation, cell.over)}`, cell.over && 'is-over'],
      tabIndex,
      title: words,
      'aria-label': words,
      dataset: { resourceId: resource.resourceId, month: cell.month, utilisation: cell.utilisation ?? '', over: cell.over },
    }, el('span', { class: 'cap-text', 'aria-hidden': 'true' }, text));
  };

  const table = el('table', { class: 'projects-table cap-table' },
    el('caption', {},
      el('span', { class: 'caption-title' }, options.caption ?? 'Resource capacity'),
      el('span', { class: 'caption-count cap-count' }, overCount ? `${plural(overCount, 'month', 'months')} over-allocated` : 'no month over-allocated'),
      el('span', { class: 'hint' }, 'Demand as a share of capacity. Arrow keys move between months and resources; Enter shows the projects behind a month.')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Resource'),
      months.map((month) => el('th', { scope: 'col', class: 'num cap-month' }, monthLabel(month))))),
    el('tbody', {}, resources.length
      ? resources.map((resource) => el('tr', { dataset: { resourceId: resource.resourceId } },
          el('th', { scope: 'row', class: 'cap-resource' }, el('span', { class: 'cap-name' }, resource.name), resource.role ? el('span', { class: 'cap-role' }, resource.role) : null),
          resource.cells.map((cell) => cellNode(resource, cell))))
      : el('tr', { class: 'empty-row' }, el('td', { colspan: months.length + 1 }, 'No resources with capacity.'))));

  const activate = (td) => {
    const resource = resources.find((r) => r.resourceId === td.dataset.resourceId);
    const cell = resource?.cells.find((c) => c.month === td.dataset.month);
    if (!cell || cell.missing) return;
    options.onSelectCell?.({
      resourceId: resource.resourceId, name: resource.name, month: cell.month, demandHours: cell.demand,
      capacityHours: cell.capacity, utilisation: cell.utilisation, overAllocated: cell.over, causes: cell.causes,
    });
  };
  table.addEventListener('click', (event) => {
    const td = event.target instanceof Element ? event.target.closest('td.cap-cell[data-month]') : null;
    if (td) activate(td);
  });
  table.addEventListener('keydown', (event) => {
    const td = event.target instanceof Element ? event.target.closest('td.cap-cell[data-month]') : null;
    if (!td) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(td);
      return;
    }
    const grid = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td.cap-cell[data-month]')]);
    const row = grid.findIndex((cells) => cells.includes(td));
    const col = grid[row].indexOf(td);
    const move = { ArrowUp: [row - 1, col], ArrowDown: [row + 1, col], ArrowLeft: [row, col - 1], ArrowRight: [row, col + 1], Home: [row, 0], End: [row, grid[row].length - 1] }[event.key];
    if (!move) return;
    event.preventDefault();
    const next = grid[move[0]]?.[move[1]];
    if (!next) return;
    for (const cell of table.querySelectorAll('td.cap-cell')) cell.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });

  return replaceChildren(container, el('div', { class: 'cap' },
    el('div', { class: 'table-scroll' }, table),
    el('ul', { class: 'cap-legend', 'aria-label': 'Legend' },
      [['low', 'under 50%'], ['mid', '50–89%'], ['high', '90–100%'], ['over', 'over 100%: “over”, outlined'], ['none', 'n/a: no capacity that month']]
        .map(([key, text]) => el('li', {}, el('span', { class: `cap-swatch cap-${key}`, 'aria-hidden': 'true' }), text)))));
}
