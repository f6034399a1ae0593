// The earned value index panel of one project: CPI, SPI, SPI(t), CSI, EAC, VAC, TCPI, earned
// schedule against actual time and the forecast finish, each in words as well as numbers.
// Trends compare the last months' window (recent.cpiWindow ...) with the cumulative index at the
// same month (recent.cpi ...): a glyph plus "improving" / "worsening" / "steady", never colour
// alone. An undefined value reads "n/a" with its reason in words.

import { el, replaceChildren, srOnly } from './dom.js';
import { formatDate, formatIndex, formatMoney, formatMonths, reasonText } from './format.js';

// A window index within this of the cumulative one is "steady": two-decimal noise is not a trend.
const STEADY = 0.02;

/** report: Workspace.earnedValue(projectId) (kind "project"). */
export function renderEvmPanel(container, report) {
  const { measures: m, earnedSchedule: es, recent, currency } = report;
  const money = (value) => formatMoney(value, currency);
  replaceChildren(
    container,
    el('h3', { class: 'evm-panel-title' }, 'Performance indices'),
    el(
      'dl',
      { class: 'evm-indices' },
      indexItem('cpi', 'CPI', 'cost performance', m.cpi, m.reasons.cpi, 'over budget', trend(recent, 'cpi', m.cpi)),
      indexItem('spi', 'SPI', 'schedule performance, money', m.spi, m.reasons.spi, 'behind plan', trend(recent, 'spi', m.spi)),
      indexItem('spiT', 'SPI(t)', 'schedule performance, time', es.spiT, es.reasons.spiT, 'behind schedule', trend(recent, 'spiT', es.spiT)),
      indexItem('csi', 'CSI', 'CPI × SPI', m.csi, m.reasons.csi, 'recovery is unlikely without action', null),
      item('eac', 'EAC', 'estimate at completion, BAC / CPI', valueOrNa(m.eacCpi, m.reasons.eacCpi, money), `BAC ${money(m.bac)}`),
      item('vac', 'VAC', 'variance at completion', valueOrNa(m.vacCpi, m.reasons.vacCpi, money),
        m.vacCpi === null ? null : m.vacCpi < 0 ? 'overrun forecast' : m.vacCpi > 0 ? 'underrun forecast' : 'on budget'),
      item('tcpi', 'TCPI', 'to complete within BAC', valueOrNa(m.tcpiBac, m.reasons.tcpiBac, formatIndex),
        m.tcpiBac === null ? null : m.tcpiBac > 1 ? 'remaining work must be more efficient' : 'achievable at or below current efficiency'),
      item('es', 'ES / AT', 'earned schedule against actual time', `${formatIndexMonths(es.es)} / ${formatMonths(es.at)}`,
        es.at > 0 ? `${es.svT < 0 ? 'behind' : 'ahead'} by ${formatMonths(Math.abs(es.svT))} (SV(t))` : 'no time has elapsed yet'),
      item('finish', 'Finish', 'forecast against planned', report.forecastFinish ? formatDate(report.forecastFinish.slice(0, 10)) : naCell(es.reasons.ieacT ?? m.reasons.spi),
        finishComparison(report.forecastFinish, report.plannedFinish)),
    ),
    el('p', { class: 'evm-sources' }, sourcesText(report)),
  );
}

function item(key, term, meaning, value, note, raw = null) {
  return el(
    'div',
    { class: 'evm-item', dataset: { measure: key } },
    el('dt', {}, el('abbr', { title: meaning }, term), srOnly(` (${meaning})`)),
    el('dd', {}, el('span', { class: 'evm-value', dataset: { value: raw } }, value), note ? el('span', { class: 'evm-note' }, note) : null),
  );
}

function indexItem(key, term, meaning, value, reason, belowMeaning, trendNode) {
  const below = value !== null && value !== undefined && value < 1 - 5e-4;
  return item(
    key,
    term,
    meaning,
    value === null || value === undefined ? naCell(reason) : [formatIndex(value), below ? el('span', { class: 'below-mark' }, 'below 1') : null],
    [below ? el('span', { class: 'evm-below-words' }, belowMeaning) : null, trendNode],
    value,
  );
}

/** ES before AT: the number alone, the unit follows once after AT. */
function formatIndexMonths(value) {
  return formatMonths(value).replace(/ months?$/, '');
}

function valueOrNa(value, reason, format) {
  return value === null || value === undefined ? naCell(reason) : format(value);
}

function naCell(reason) {
  const words = reasonText(reason);
  return el('span', { class: 'na', title: words }, 'n/a', el('span', { class: 'na-reason' }, ` (${words})`));
}

/** Last months' window against the cumulative index at the same month. */
function trend(recent, key, value) {
  // Without the cumulative index there is nothing for the window to be compared with.
  if (value === null || value === undefined) return null;
  if (!recent) return el('span', { class: 'trend trend-none' }, 'no trend: no monthly reports');
  const windowValue = recent[`${key}Window`];
  const cumulative = recent[key];
  if (windowValue === null || windowValue === undefined || cumulative === null || cumulative === undefined) {
    const reason = recent.reasons?.[`${key}Window`] ?? recent.reasons?.[key];
    return el('span', { class: 'trend trend-none' }, `no trend: ${reasonText(reason ?? 'noWindow')}`);
  }
  const delta = windowValue - cumulative;
  const [glyph, word, className] = Math.abs(delta) < STEADY ? ['→', 'steady', 'trend-flat'] : delta > 0 ? ['↗', 'improving', 'trend-up'] : ['↘', 'worsening', 'trend-down'];
  const months = recent.windowPeriods === 1 ? 'last month' : `last ${recent.windowPeriods} months`;
  return el(
    'span',
    { class: ['trend', className], dataset: { trend: word } },
    el('span', { class: 'trend-glyph', 'aria-hidden': 'true' }, glyph),
    ` ${word}: ${formatIndex(windowValue)} in the ${months}`,
  );
}

function finishComparison(forecast, planned) {
  if (!planned) return 'no planned finish';
  const plannedText = `planned ${formatDate(planned.slice(0, 10))}`;
  if (!forecast) return plannedText;
  const days = Math.round((Date.parse(`${forecast.slice(0, 10)}T00:00Z`) - Date.parse(`${planned.slice(0, 10)}T00:00Z`)) / 86_400_000);
  if (days === 0) return `${plannedText}, on time`;
  return `${plannedText}, ${Math.abs(days)} ${Math.abs(days) === 1 ? 'day' : 'days'} ${days > 0 ? 'late' : 'early'}`;
}

/** Where PV, EV and AC come from, in plain words. */
export function sourcesText(report) {
  const { sources } = report;
  const planned = {
    baseline: 'Planned value comes from the approved baseline (activity costs spread over their baseline dates)',
    snapshots: 'Planned value comes from the monthly status reports',
    none: 'There is no planned value: the project has no baseline and no reported plan',
  }[sources.plannedValue] ?? `Planned value: ${sources.plannedValue}`;
  const progress = sources.progress === 'snapshots'
    ? `earned value and actual cost come from the status report of ${formatDate(sources.progressDate)}`
    : "earned value and actual cost come from the activities' own progress and costs";
  return `${planned}; ${progress}. Status date ${formatDate(report.statusDate)}.`;
}
