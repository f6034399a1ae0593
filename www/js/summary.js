// The portfolio header: its name and status date, and the headline figures a PMO director reads
// first, as KPI tiles. Budgets are shown per currency because amounts in different currencies
// are never added (the library keeps them apart too).

import { el, replaceChildren } from './dom.js';
import { formatCount, formatDate, formatMoney, plural } from './format.js';

/** Fills the title block (#portfolio-title) with the portfolio's name and status date. */
export function renderTitle(container, summary) {
  replaceChildren(
    container,
    el('h1', { id: 'portfolio-name' }, summary.name),
    el(
      'p',
      { class: 'portfolio-meta' },
      'Status date ',
      summary.statusDate ? el('time', { datetime: summary.statusDate, class: 'strong' }, formatDate(summary.statusDate, 'long')) : el('span', { class: 'strong' }, 'not set'),
      el('span', { class: 'meta-separator', 'aria-hidden': 'true' }, ' · '),
      `Reporting currency ${summary.currency}`,
    ),
  );
}

/** Fills the KPI list (#kpis) with one tile per headline figure. */
export function renderKpis(container, summary) {
  replaceChildren(
    container,
    tile('Projects', formatCount(summary.projectCount), plural(summary.orgUnitCount, 'organisation unit', 'organisation units'), 'projects'),
    tile('Activities', formatCount(summary.activityCount), plural(summary.dependencyCount, 'dependency', 'dependencies'), 'activities'),
    tile('Open risks', formatCount(summary.openRiskCount), 'across all projects', 'risks'),
    tile('Open issues', formatCount(summary.openIssueCount), 'across all projects', 'issues'),
    budgetTile(summary),
    tile(
      'Data findings',
      formatCount(summary.errorCount + summary.warningCount),
      summary.warningCount + summary.errorCount === 0 ? 'none: the data is clean' : 'see “Data quality” below',
      summary.warningCount + summary.errorCount === 0 ? 'findings' : 'findings attention',
    ),
  );
}

// One tile for the budget, one line per currency (largest first): amounts in different
// currencies are never added together.
function budgetTile(summary) {
  const budgets = [...summary.budgetAtCompletionByCurrency].sort((a, b) => (a.currency === summary.currency ? -1 : b.currency === summary.currency ? 1 : b.amount - a.amount));
  if (budgets.length === 0) return tile('Budget at completion', '—', 'no projects', 'bac');
  if (budgets.length === 1) {
    const [only] = budgets;
    return tile('Budget at completion', formatMoney(only.amount, only.currency, { compact: true }), formatMoney(only.amount, only.currency), 'bac');
  }
  return el(
    'li',
    { class: ['kpi', 'kpi-bac', 'kpi-multi'] },
    el('span', { class: 'kpi-label' }, 'Budget at completion'),
    el(
      'ul',
      { class: 'kpi-lines' },
      budgets.map((budget) =>
        el(
          'li',
          {},
          el('span', { class: 'kpi-line-value' }, formatMoney(budget.amount, budget.currency, { compact: true })),
          el('span', { class: 'kpi-detail' }, ` ${formatMoney(budget.amount, budget.currency)}`),
        ),
      ),
    ),
  );
}

// A tile is a list item holding a term and its value, so a screen reader reads "Projects 25".
function tile(label, value, detail, kind) {
  return el(
    'li',
    { class: ['kpi', ...kind.split(' ').map((name) => `kpi-${name}`)] },
    el('span', { class: 'kpi-label' }, label),
    el('span', { class: 'kpi-value' }, value),
    detail ? el('span', { class: 'kpi-detail' }, detail) : null,
  );
}
