// Milestones across projects, late first (largest slip first), then upcoming and on track by
// forecast date, then those without a baseline, then done. Status is a word with a shape; slip
// is in days with a sign; a milestone without a baseline has no slip and says why ("n/a", not 0).
// Each row is a tab stop; Enter, Space or a click calls onSelect(milestone).

import { el, replaceChildren } from './dom.js';
import { formatDate, formatCount, plural } from './format.js';
import { notAvailable } from './health-pill.js';

const STATUSES = {
  late: { label: 'Late', symbol: '◆', rank: 0 },
  upcoming: { label: 'Upcoming', symbol: '▷', rank: 1 },
  onTrack: { label: 'On track', symbol: '●', rank: 1 },
  noBaseline: { label: 'No baseline', symbol: '?', rank: 2 },
  done: { label: 'Done', symbol: '✓', rank: 3 },
};

const statusOf = (code) => STATUSES[code] ?? { label: code ?? 'Unknown', symbol: '?', rank: 2 };

/** Late first by slip, the rest by the date they are expected (forecast, else baseline). */
export function orderMilestones(milestones) {
  const when = (m) => m.actual ?? m.forecast ?? m.baseline ?? '9999-12-31';
  return [...(Array.isArray(milestones) ? milestones : [])].sort((a, b) => {
    const rank = statusOf(a.status).rank - statusOf(b.status).rank;
    if (rank) return rank;
    if (a.status === 'late' && b.status === 'late') return (b.slipDays ?? 0) - (a.slipDays ?? 0) || when(a).localeCompare(when(b));
    // Done: the most recent first; the others: the soonest first.
    return a.status === 'done' ? when(b).localeCompare(when(a)) : when(a).localeCompare(when(b));
  });
}

function slipText(m) {
  if (!Number.isFinite(m.slipDays)) return notAvailable(m.baseline ? 'no forecast date' : 'no baseline to compare with');
  if (m.slipDays === 0) return 'on time';
  const days = plural(Math.abs(m.slipDays), 'day', 'days');
  return m.slipDays > 0 ? `${days} late` : `${days} early`;
}

/**
 * milestones: [{ projectId, projectName, activityId, name, baseline, forecast, actual, slipDays,
 * status: "late" | "upcoming" | "done" | "onTrack" | "noBaseline" }].
 * options: { onSelect(milestone), limit (rows shown; the caption says how many are hidden),
 * statuses (only these statuses), caption, showProject (default true) }.
 */
export function renderMilestoneList(container, milestones, options = {}) {
  const all = orderMilestones(milestones);
  const list = options.statuses ? all.filter((m) => options.statuses.includes(m.status)) : all;
  const shown = Number.isFinite(options.limit) ? list.slice(0, options.limit) : list;
  const late = all.filter((m) => m.status === 'late').length;
  const showProject = options.showProject ?? true;

  const row = (m) => {
    const status = statusOf(m.status);
    const date = m.actual ?? m.forecast;
    const words = `${m.name}${showProject ? `, ${m.projectName}` : ''}: ${status.label}`;
    return el('tr', {
      class: ['ml-row', `ml-${m.status}`],
      tabIndex: 0,
      'aria-label': words,
      dataset: { projectId: m.projectId, activityId: m.activityId, status: m.status, slipDays: m.slipDays ?? '' },
      on: {
        click: () => options.onSelect?.(m),
        keydown: (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          options.onSelect?.(m);
        },
      },
    },
    el('td', { class: 'ml-status' }, el('span', { class: `ml-badge ml-badge-${m.status}` }, el('span', { class: 'ml-symbol', 'aria-hidden': 'true' }, status.symbol), ' ', status.label)),
    el('th', { scope: 'row', class: 'ml-name' }, m.name),
    showProject ? el('td', { class: 'ml-project' }, m.projectName ?? m.projectId) : null,
    el('td', { class: 'date ml-baseline' }, m.baseline ? formatDate(m.baseline) : notAvailable('no baseline')),
    el('td', { class: 'date ml-date' }, date ? [formatDate(date), el('span', { class: 'ml-date-kind' }, m.actual ? ' (actual)' : ' (forecast)')] : notAvailable('no forecast')),
    el('td', { class: ['num', 'ml-slip', m.slipDays > 0 && 'is-late'] }, slipText(m)));
  };

  return replaceChildren(container, el('div', { class: 'table-scroll ml' }, el('table', { class: 'projects-table ml-table' },
    el('caption', {},
      el('span', { class: 'caption-title' }, options.caption ?? 'Milestones'),
      el('span', { class: 'caption-count ml-count' }, `${formatCount(late)} late of ${plural(all.length, 'milestone', 'milestones')}`,
        shown.length < list.length ? `; the first ${formatCount(shown.length)} of ${formatCount(list.length)} shown` : '')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Status'),
      el('th', { scope: 'col' }, 'Milestone'),
      showProject ? el('th', { scope: 'col' }, 'Project') : null,
      el('th', { scope: 'col' }, 'Baseline'),
      el('th', { scope: 'col' }, 'Forecast / actual'),
      el('th', { scope: 'col', class: 'num' }, 'Slip'))),
    el('tbody', {}, shown.length
      ? shown.map(row)
      : el('tr', { class: 'empty-row' }, el('td', { colspan: showProject ? 6 : 5 }, 'No milestones.'))))));
}
