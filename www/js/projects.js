// The projects table: one row per project with what a PMO scans down a column (owner, phase,
// status, budget, last report, the manager's RAG, data findings). Columns are declared once
// below so later views (health, EVM) add a column in one place.

import { el, replaceChildren, srOnly } from './dom.js';
import { formatCount, formatDate, formatMoney, phaseLabel, plural, ragInfo, statusLabel } from './format.js';

const COLUMNS = [
  { label: 'Project', cell: (project, context) => projectNameCell(project, context) },
  { label: 'Unit', cell: (project, { unitNames }) => unitNames.get(project.orgUnitId) ?? (project.orgUnitId ? project.orgUnitId : 'Unassigned') },
  { label: 'Owner', className: 'nowrap', cell: (project) => project.owner ?? '—' },
  { label: 'Phase', className: 'nowrap', cell: (project) => phaseLabel(project.phase) },
  { label: 'Status', className: 'nowrap', cell: (project) => statusLabel(project.status) },
  { label: 'Budget (BAC)', className: 'num', cell: (project) => formatMoney(project.budgetAtCompletion, project.currency) },
  { label: 'Last report', className: 'date', cell: (project) => dateCell(project.latestSnapshot?.date) },
  { label: 'RAG', className: 'rag-cell', cell: (project) => ragPill(project.latestSnapshot?.manualRag) },
  { label: 'Findings', className: 'num', cell: (project) => findingsCell(project) },
];

/**
 * table: the <table> element (its caption, thead and tbody are rebuilt).
 * view: { projects, totalCount, scopeName (null for the whole portfolio), unitNames: Map,
 *         selectedProjectId, onOpen(projectId), onShowAll(), emptyText (optional) }
 */
export function renderProjectsTable(table, view) {
  const caption = el(
    'caption',
    {},
    el('span', { class: 'caption-title' }, view.scopeName ? `Projects in ${view.scopeName} and below` : 'All projects'),
    el('span', { class: 'caption-count' }, view.scopeName ? `${plural(view.projects.length, 'project', 'projects')} of ${formatCount(view.totalCount)}` : plural(view.projects.length, 'project', 'projects')),
    view.scopeName && view.onShowAll
      ? el('button', { type: 'button', id: 'show-all', class: 'button button-quiet', on: { click: view.onShowAll } }, 'Show all projects')
      : null,
  );
  const head = el('thead', {}, el('tr', {}, COLUMNS.map((column) => el('th', { scope: 'col', class: column.className }, column.label))));
  const body = el(
    'tbody',
    {},
    view.projects.length === 0
      ? el('tr', { class: 'empty-row' }, el('td', { colspan: COLUMNS.length }, view.emptyText ?? (view.scopeName ? 'No project reports to this unit or any unit below it.' : 'This portfolio has no projects.')))
      : view.projects.map((project) => projectRow(project, view)),
  );
  replaceChildren(table, caption, head, body);
}

function projectRow(project, view) {
  const selected = project.id === view.selectedProjectId;
  return el(
    'tr',
    {
      class: ['project-row', selected && 'is-selected'],
      dataset: { projectId: project.id },
      // The whole row is a mouse target; the name button is the keyboard and screen-reader one.
      on: { click: (event) => { if (!event.target.closest('button')) view.onOpen(project.id); } },
    },
    COLUMNS.map((column, index) => {
      const content = column.cell(project, view);
      return index === 0
        ? el('th', { scope: 'row', class: column.className }, content)
        : el('td', { class: column.className }, content);
    }),
  );
}

function projectNameCell(project, view) {
  return el(
    'button',
    {
      type: 'button',
      class: 'project-open',
      'aria-current': project.id === view.selectedProjectId ? 'true' : null,
      'aria-controls': 'project-details',
      on: { click: () => view.onOpen(project.id) },
    },
    project.name,
  );
}

function dateCell(isoDate) {
  return isoDate ? el('time', { datetime: isoDate }, formatDate(isoDate)) : el('span', { class: 'muted' }, 'None');
}

/** The manager's RAG as a word with its own shape; colour only reinforces it. */
export function ragPill(rag) {
  const info = ragInfo(rag);
  if (!info) return el('span', { class: 'rag rag-none' }, el('span', { class: 'rag-symbol', 'aria-hidden': 'true' }, '○'), 'Not reported');
  return el('span', { class: ['rag', `rag-${rag}`] }, el('span', { class: 'rag-symbol', 'aria-hidden': 'true' }, info.symbol), info.label);
}

function findingsCell(project) {
  const total = project.errorCount + project.warningCount;
  if (total === 0) return el('span', { class: 'muted' }, '0', srOnly(' findings'));
  return el(
    'span',
    { class: ['findings-count', project.errorCount ? 'has-errors' : 'has-warnings'] },
    el('span', { class: 'findings-symbol', 'aria-hidden': 'true' }, '▲'),
    String(total),
    srOnly(total === 1 ? ' finding' : ' findings'),
  );
}
