// The "why" panel of one project's health: the overall band and score (with what capped or held
// it, and the manual RAG beside it), the trend, then every dimension with its score, band and
// evidence: the metric, its value, the threshold it crossed, the points it cost, and the ids of
// the activities, risks, issues, changes, resources or checks behind it. Each id is a button
// carrying data-id and data-id-kind; onNavigate tells the page where to go. The panel explains
// the engine's numbers; it computes none of its own.

import { el, replaceChildren } from './dom.js';
import { formatDate, formatCount } from './format.js';
import { bandInfo, healthPill, manualRagPill, notAvailable, scoreText } from './health-pill.js';
import { renderHealthTrend } from './health-trend.js';

const SCALES = {
  rag3: 'RAG, three bands',
  deliveryConfidence5: 'Delivery confidence, five bands',
};

const ID_KINDS = {
  activity: ['activity', 'activities'],
  risk: ['risk', 'risks'],
  issue: ['issue', 'issues'],
  change: ['change request', 'change requests'],
  resource: ['resource', 'resources'],
  check: ['check', 'checks'],
};

let panelCount = 0; // ids for aria-labelledby, unique when several panels are on a page

/**
 * health: the engine's project health (see the data contract in the module list).
 * options:
 *   onNavigate({ id, idKind, projectId, dimension, metric })   an evidence id was activated
 *   onClose()            shows a Close button that calls it
 *   headingLevel         level of the panel's heading (default 2; dimensions are one below)
 *   focus                move focus to the heading after rendering (when opened by keyboard)
 * Returns the panel element.
 */
export function renderHealthWhy(container, health, options = {}) {
  panelCount += 1;
  const idBase = `hw-${panelCount}`;
  const level = Math.min(5, Math.max(1, options.headingLevel ?? 2));
  const overall = health?.overall ?? {};
  const dimensions = Array.isArray(health?.dimensions) ? health.dimensions : [];
  const totalWeight = dimensions.reduce((sum, d) => sum + (Number.isFinite(d.weight) ? d.weight : 0), 0);

  const heading = el(`h${level}`, { class: 'hw-title', id: `${idBase}-title`, tabIndex: -1 },
    'Why ', el('span', { class: 'hw-project-name' }, health?.name ?? health?.projectId ?? 'this project'), ' is ',
    el('span', { class: 'hw-title-band' }, overall.label || bandInfo(overall.band).label));

  const trendBox = el('div', { class: 'hw-trend' });
  const panel = el(
    'section',
    { class: 'hw', 'aria-labelledby': `${idBase}-title`, dataset: { projectId: health?.projectId } },
    el('div', { class: 'hw-head' },
      heading,
      options.onClose ? el('button', { type: 'button', class: 'button button-quiet hw-close', on: { click: () => options.onClose() } }, 'Close') : null),
    el('div', { class: 'hw-overall' },
      el('div', { class: 'hw-overall-main' },
        healthPill(overall.band, { label: overall.label }),
        el('span', { class: 'hw-overall-score' }, 'Score ', scoreText(overall.score, 'not enough data to score'), overall.score === null || overall.score === undefined ? '' : ' of 100')),
      el('dl', { class: 'hw-facts' },
        fact('As of', formatDate(health?.asOf)),
        fact('Scale', SCALES[health?.scale] ?? health?.scale ?? '—'),
        fact('Reported by the project', manualRagPill(health?.manualRag ?? null)),
        overall.cappedBy ? fact('Band capped by', overall.cappedBy, 'hw-capped') : null,
        overall.held ? fact('Held', 'The band is kept from the previous status: the score has not moved far enough past the threshold to change it.', 'hw-held') : null),
      trendBox),
    el(`h${level + 1}`, { class: 'hw-dimensions-title' }, 'By dimension'),
    dimensions.length
      ? el('ol', { class: 'hw-dimensions' }, dimensions.map((dimension) => dimensionItem(dimension, health, totalWeight, level + 2, options)))
      : el('p', { class: 'hint' }, 'No dimensions were scored.'),
  );
  replaceChildren(container, panel);
  renderHealthTrend(trendBox, health?.trend ?? [], { name: health?.name, width: 300, height: 96 });
  if (options.focus) heading.focus();
  return panel;
}

function fact(term, value, className) {
  return el('div', { class: ['hw-fact', className] }, el('dt', {}, term), el('dd', {}, value));
}

function dimensionItem(dimension, health, totalWeight, level, options) {
  const info = bandInfo(dimension.band);
  const share = totalWeight > 0 && Number.isFinite(dimension.weight)
    ? `${formatCount(Math.round((dimension.weight / totalWeight) * 100))}% of the overall score` // weights are relative; show each as a share
    : 'weight not given';
  const evidence = Array.isArray(dimension.evidence) ? dimension.evidence : [];
  return el(
    'li',
    { class: 'hw-dimension', dataset: { dimension: dimension.dimension, band: info.band } },
    el('div', { class: 'hw-dimension-head' },
      el(`h${Math.min(6, level)}`, { class: 'hw-dimension-title' }, dimension.label ?? dimension.dimension),
      healthPill(dimension.band, { label: dimension.bandLabel }),
      el('span', { class: 'hw-dimension-score' }, 'Score ', scoreText(dimension.score, 'not enough data to score')),
      el('span', { class: 'hw-weight muted' }, share)),
    evidence.length
      ? el('ul', { class: 'hw-evidence' }, evidence.map((item) => evidenceItem(item, dimension, health, options)))
      : el('p', { class: 'hint hw-no-evidence' }, 'Nothing in this dimension cost points.'),
  );
}

function evidenceItem(item, dimension, health, options) {
  const value = item.value === null || item.value === undefined
    ? notAvailable(item.reason ?? 'not measurable', { showReason: true })
    : el('span', { class: 'hw-value-text' }, item.display ?? String(item.value));
  const threshold = item.threshold
    ? el('span', { class: 'hw-threshold' },
        `${item.threshold.comparison === 'above' ? 'above' : 'below'} ${formatNumber(item.threshold.value)} → `,
        healthPill(item.threshold.band))
    : el('span', { class: 'muted' }, 'none crossed');
  const points = Number.isFinite(item.pointsDeducted) ? item.pointsDeducted : 0;
  const ids = Array.isArray(item.ids) ? item.ids : [];
  const kind = ID_KINDS[item.idKind] ?? ['item', 'items'];
  return el(
    'li',
    { class: ['hw-evidence-item', points > 0 && 'has-deduction'], dataset: { metric: item.metric, points } },
    el('p', { class: 'hw-evidence-head' },
      el('span', { class: 'hw-metric' }, item.label ?? item.metric),
      el('span', { class: ['hw-points', points > 0 && 'is-deducted'] }, points > 0 ? `−${formatNumber(points)} points` : 'no points deducted')),
    el('dl', { class: 'hw-evidence-facts' },
      el('div', {}, el('dt', {}, 'Value'), el('dd', { class: 'hw-value' }, value)),
      el('div', {}, el('dt', {}, 'Threshold crossed'), el('dd', {}, threshold))),
    item.explanation ? el('p', { class: 'hw-explanation' }, item.explanation) : null,
    ids.length
      ? el('div', { class: 'hw-ids' },
          el('span', { class: 'hw-ids-title' }, `${ids.length === 1 ? kind[0] : kind[1]}:`.replace(/^./, (c) => c.toUpperCase())),
          el('ul', { class: 'hw-id-list', 'aria-label': `${kind[1]} behind ${item.label ?? item.metric}` }, ids.map((id) => el('li', {},
            el('button', {
              type: 'button',
              class: 'hw-id',
              dataset: { id, idKind: item.idKind ?? '' },
              title: `Go to ${kind[0]} ${id}`,
              on: { click: () => options.onNavigate?.({ id: String(id), idKind: item.idKind ?? null, projectId: health?.projectId ?? null, dimension: dimension.dimension, metric: item.metric }) },
            }, String(id))))))
      : null,
  );
}

/** Threshold values and points: up to two decimals, in the reader's locale. */
const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
function formatNumber(value) {
  return Number.isFinite(value) ? NUMBER.format(value) : '—';
}
