// A project's risk register as a table, in the heat map's view (inherent: before responses,
// residual: after them): probability, cost and schedule impact, score and band, EMV and the
// response. Values the engine scored as worst case because they were missing are flagged in
// words. Score and EMV sort by a header button (aria-sort); a heat-map cell can filter the rows.

import { el, replaceChildren, srOnly } from './dom.js';
import { formatCount, formatMoney, plural } from './format.js';
import { bandClass, bandLetter } from './risk-matrix.js';

const FIELD_WORDS = {
  probability: 'probability',
  costImpact: 'cost impact',
  scheduleImpactDays: 'schedule impact',
  budgetAtCompletion: 'budget at completion',
  plannedDuration: 'planned duration',
};

const STRATEGIES = {
  escalate: 'Escalate', avoid: 'Avoid', transfer: 'Transfer', mitigate: 'Mitigate',
  accept: 'Accept', exploit: 'Exploit', share: 'Share', enhance: 'Enhance',
};

const STATUSES = { open: 'Open', occurred: 'Occurred', closed: 'Closed' };

/** "probability and cost impact" */
function fieldList(fields) {
  const words = fields.map((field) => FIELD_WORDS[field] ?? field);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const scoreFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });

/** Integer scores (5×5) as they are; PMBOK's products (0.005 to 0.72) with two significant digits. */
export function formatScore(score) {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return Number.isInteger(score) ? formatCount(score) : scoreFormat.format(score);
}

/**
 * Creates the table in container. Returns { render({ risks, exposure, view, currency, filter }) }
 * where filter is { label, ids, onClear } or null. The sort order survives renders.
 */
export function createRiskTable(container) {
  /** @type {{ key: 'score' | 'emv', direction: 'ascending' | 'descending' } | null} */
  let sort = null;
  let last = null;
  const table = el('table', { class: 'projects-table risk-table', id: 'risk-table' });
  replaceChildren(container, el('div', { class: 'table-scroll' }, table));

  function toggle(key) {
    // Worst first is the useful first click: highest score, most negative EMV (the largest threat).
    const first = key === 'score' ? 'descending' : 'ascending';
    const other = first === 'ascending' ? 'descending' : 'ascending';
    sort = { key, direction: sort?.key === key && sort.direction === first ? other : first };
    draw();
    /** @type {HTMLElement | null} */ (table.querySelector(`th[data-key="${key}"] button`))?.focus();
  }

  function draw() {
    const { risks, exposure, view, currency, filter } = last;
    const emvById = new Map(exposure.risks.map((risk) => [risk.id, risk]));
    const unquantified = new Set(exposure.unquantifiedIds ?? []);
    const emvOf = (risk) => emvById.get(risk.id)?.emv ?? null;
    const scoreOf = (risk) => risk[view].score;
    const shown = filter ? risks.filter((risk) => filter.ids.includes(risk.id)) : risks;
    const rows = sort ? sortRows(shown, sort.key === 'score' ? scoreOf : emvOf, sort.direction) : shown;
    const money = (value) => formatMoney(value, currency);

    const filterLine = filter
      ? el(
          'span',
          { class: 'risk-filter' },
          el('span', { class: 'risk-filter-text' }, `Showing ${plural(shown.length, 'risk', 'risks')} of the cell: ${filter.label}.`),
          ' ',
          el('button', { type: 'button', class: 'button button-quiet risk-show-all', on: { click: filter.onClear } }, `Show all ${plural(risks.length, 'risk', 'risks')}`),
        )
      : null;

    const sortHeader = (key, label, className) => {
      const state = sort?.key === key ? sort.direction : null;
      return el(
        'th',
        { scope: 'col', class: [className, 'sortable'], 'aria-sort': state ?? 'none', dataset: { key } },
        el(
          'button',
          { type: 'button', class: 'sort-button', on: { click: () => toggle(key) } },
          label,
          el('span', { class: 'sort-glyph', 'aria-hidden': 'true' }, state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ' ⇅'),
        ),
      );
    };
    const viewWords = view === 'inherent' ? 'before responses (inherent)' : 'after responses (residual)';
    replaceChildren(
      table,
      el(
        'caption',
        {},
        el('span', { class: 'caption-title' }, 'Risk register'),
        el('span', { class: 'caption-count' }, plural(risks.length, 'risk', 'risks'), `, values ${viewWords}`),
        filterLine,
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'ID'),
          el('th', { scope: 'col' }, 'Risk'),
          el('th', { scope: 'col' }, 'Kind, status'),
          el('th', { scope: 'col' }, 'Owner, category'),
          el('th', { scope: 'col', class: 'num' }, 'Prob.'),
          el('th', { scope: 'col', class: 'num' }, 'Cost impact'),
          el('th', { scope: 'col', class: 'num' }, 'Schedule'),
          sortHeader('score', 'Score', 'num'),
          sortHeader('emv', 'EMV', 'num'),
          el('th', { scope: 'col' }, 'Response'),
        ),
      ),
      el(
        'tbody',
        {},
        rows.length === 0
          ? el('tr', { class: 'empty-row' }, el('td', { colspan: 10 }, filter ? 'No risks in this cell.' : 'This project has no risks in its register.'))
          : rows.map((risk) => riskRow(risk, view, emvById.get(risk.id), unquantified.has(risk.id), money)),
      ),
    );
  }

  return {
    render(next) {
      last = next;
      draw();
    },
  };
}

function riskRow(risk, view, exposureRisk, unquantified, money) {
  const assessment = risk[view];
  const worst = assessment.assumedWorstCase ?? [];
  // A value missing before and after responses is already said by the worst-case flag.
  const fallback = view === 'residual' ? (risk.residualFromInherent ?? []).filter((field) => !worst.includes(field)) : [];
  return el(
    'tr',
    { class: ['risk-row', `risk-${risk.kind}`, `risk-status-${risk.status}`], dataset: { riskId: risk.id } },
    el('td', { class: 'risk-id nowrap' }, risk.id),
    el(
      'th',
      { scope: 'row', class: 'risk-title' },
      risk.title,
      worst.length ? el('span', { class: 'risk-flag risk-flag-worst' }, el('span', { 'aria-hidden': 'true' }, '⚠ '), `${fieldList(worst)} missing: scored as worst case`) : null,
      fallback.length ? el('span', { class: 'risk-flag risk-flag-fallback' }, `no residual ${fieldList(fallback)}: the value before responses is used`) : null,
    ),
    // Two facts a cell, one per line: the table keeps its columns beside the details drawer.
    el(
      'td',
      { class: 'nowrap risk-kind-cell' },
      el('span', { class: ['risk-kind', `risk-kind-${risk.kind}`] }, risk.kind === 'threat' ? 'Threat' : 'Opportunity'),
      srOnly(', '),
      el('span', { class: 'risk-status' }, STATUSES[risk.status] ?? risk.status),
    ),
    el(
      'td',
      { class: 'risk-owner-cell' },
      el('span', { class: 'risk-owner' }, risk.owner ?? 'no owner'),
      srOnly(', '),
      el('span', { class: 'risk-category' }, risk.category ?? 'no category'),
    ),
    el('td', { class: 'num risk-probability' }, assessment.probability === null ? missing() : percent.format(assessment.probability)),
    el('td', { class: 'num risk-cost' }, assessment.costImpact === null ? missing() : money(assessment.costImpact)),
    el('td', { class: 'num risk-schedule' }, assessment.scheduleImpactDays === null ? missing() : plural(assessment.scheduleImpactDays, 'day', 'days')),
    el(
      'td',
      { class: 'num', dataset: { score: assessment.score } },
      el(
        'span',
        { class: ['risk-score', bandClass(assessment.band)] },
        formatScore(assessment.score),
        ' ',
        el('span', { class: 'risk-score-band', 'aria-hidden': 'true' }, bandLetter(assessment.band)),
        srOnly(`, ${assessment.band} band`),
      ),
    ),
    el('td', { class: 'num risk-emv-cell', dataset: { emv: exposureRisk ? exposureRisk.emv : null } }, emvCell(risk, exposureRisk, unquantified, money)),
    el(
      'td',
      {},
      risk.strategy ? STRATEGIES[risk.strategy] ?? risk.strategy : el('span', { class: 'na' }, 'none'),
      risk.responseOwner ? el('span', { class: 'risk-response-owner' }, risk.responseOwner) : null,
    ),
  );
}

function missing() {
  return el('span', { class: 'na' }, 'missing');
}

function emvCell(risk, exposureRisk, unquantified, money) {
  if (exposureRisk) {
    return el(
      'span',
      { class: ['risk-emv', exposureRisk.emv < 0 && 'is-negative'] },
      money(exposureRisk.emv),
      exposureRisk.probabilityAssumed ? el('span', { class: 'risk-flag' }, 'probability assumed') : null,
    );
  }
  const why = unquantified ? 'no cost impact' : risk.status === 'open' ? 'not counted' : risk.status;
  return el('span', { class: 'na', title: `Not in the exposure: ${why}` }, 'n/a', el('span', { class: 'na-reason' }, ` (${why})`));
}

/** Missing values last in either direction; ties keep the register's order (by id). */
function sortRows(rows, value, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: value(row) }))
    .sort((a, b) => {
      const aMissing = a.value === null || a.value === undefined;
      const bMissing = b.value === null || b.value === undefined;
      if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return (a.value - b.value) * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}
