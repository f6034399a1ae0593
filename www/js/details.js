// The project details side panel: who owns it, its dates and budget, what the manager last
// reported and the data findings about it. It is the drill-down a director opens from the table.

import { el, replaceChildren } from './dom.js';
import { countText, findingsList } from './findings.js';
import { formatCount, formatDate, formatMoney, phaseLabel, plural, statusLabel } from './format.js';
import { ragPill } from './projects.js';

/** The panel's resting state, before any project is chosen. */
export function renderNoProject(container) {
  replaceChildren(
    container,
    el('h2', { class: 'panel-title', id: 'details-title' }, 'Project details'),
    el('p', { class: 'muted' }, 'Select a project in the table to see its owner, dates, latest report and findings.'),
  );
}

/**
 * project: a row of Workspace.listProjects(); document: Workspace.project(id) (for the fields
 * the list leaves out); findings: Workspace.findings(id); unitName: its organisation unit.
 */
export function renderProjectDetails(container, { project, document, findings, unitName, onClose }) {
  const snapshot = project.latestSnapshot;
  const title = el('h2', { class: 'panel-title', id: 'details-title', tabIndex: -1 }, project.name);
  replaceChildren(
    container,
    el(
      'div',
      { class: 'panel-head' },
      el('div', {}, title, el('p', { class: 'panel-subtitle' }, unitName ?? 'No organisation unit', ' · ', el('code', {}, project.id))),
      el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close project details', on: { click: onClose } }, '✕'),
    ),
    document?.description ? el('p', { class: 'description' }, document.description) : null,
    el(
      'dl',
      { class: 'facts' },
      fact('Owner', project.owner ?? '—'),
      fact('Sponsor', project.sponsor ?? '—'),
      fact('Phase', phaseLabel(project.phase)),
      fact('Status', statusLabel(project.status)),
      fact('Start', dateText(project.startDate)),
      fact('Committed finish', dateText(project.committedFinish)),
      fact('Status date', dateText(project.statusDate)),
      fact('Budget at completion', formatMoney(project.budgetAtCompletion, project.currency)),
      fact('Activities', `${formatCount(project.activityCount)} (${plural(project.milestoneCount, 'milestone', 'milestones')})`),
      fact('Open risks', formatCount(project.openRiskCount)),
      fact('Open issues', formatCount(project.openIssueCount)),
    ),
    el('h3', {}, 'Latest report'),
    snapshot
      ? [
          el('p', { class: 'report-line' }, dateText(snapshot.date), ' ', ragPill(snapshot.manualRag)),
          el(
            'dl',
            { class: 'facts facts-money' },
            fact('Planned value', formatMoney(snapshot.plannedValue, project.currency)),
            fact('Earned value', formatMoney(snapshot.earnedValue, project.currency)),
            fact('Actual cost', formatMoney(snapshot.actualCost, project.currency)),
          ),
          snapshot.commentary
            ? el('blockquote', { class: 'commentary' }, el('p', {}, snapshot.commentary))
            : el('p', { class: 'muted' }, 'No commentary with this report.'),
        ]
      : el('p', { class: 'muted' }, 'No status report has been recorded for this project.'),
    el('h3', {}, 'Findings ', el('span', { class: 'heading-count' }, `(${countText(findings, 'none')})`)),
    findings.length ? findingsList(findings) : el('p', { class: 'muted' }, 'No data findings for this project.'),
  );
  return title;
}

function fact(term, value) {
  return el('div', { class: 'fact' }, el('dt', {}, term), el('dd', {}, value));
}

function dateText(isoDate) {
  return isoDate ? el('time', { datetime: isoDate }, formatDate(isoDate)) : '—';
}
