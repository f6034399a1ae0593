// A project's S-curve as SVG: cumulative planned value, earned value and actual cost by month
// (Workspace.earnedValueSeries), the forecast from actual cost to EAC (dashed), the status
// month, and BAC and EAC as horizontal lines. Lines differ by dash and point marker as well as
// colour, and carry direct labels, so the chart reads without colour vision or in print.
// The SVG is role="img" with a title and a description that say the numbers; every figure is
// also in a table under a disclosure, reachable by keyboard and read by screen readers.

import { el, replaceChildren, srOnly, svg } from './dom.js';
import { formatDate, formatMoney, reasonText, roundTicks } from './format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEIGHT = 340;
const MARGIN = { top: 30, right: 178, bottom: 52, left: 70 };
const LABEL_GAP = 14; // minimum vertical distance between two direct labels

/** "2026-03" -> "Mar 2026". */
export function monthLabel(label) {
  const m = /^(\d{4})-(\d{2})/.exec(label ?? '');
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(label ?? '');
}

const SERIES = [
  { key: 'pv', name: 'Planned value (PV)', short: 'PV', style: 'solid line, round points' },
  { key: 'ev', name: 'Earned value (EV)', short: 'EV', style: 'solid line, square points' },
  { key: 'ac', name: 'Actual cost (AC)', short: 'AC', style: 'solid line, triangle points' },
  { key: 'forecast', name: 'Forecast to completion', short: 'Forecast', style: 'dashed line from AC to EAC' },
];

/** The series as { key: [{ index, value }] }, each point at the end of its month. */
function pointsOf(series) {
  const at = (values, first) => Array.from(values ?? [], (value, offset) => ({ index: first + offset, value }));
  return {
    pv: at(series.plannedValue, 0),
    ev: at(series.earnedValue, series.earnedFirstPeriod),
    ac: at(series.actualCost, series.earnedFirstPeriod),
    forecast: at(series.forecast, series.forecastFirstPeriod),
  };
}


/** Moves labels apart (keeping their order) so no two are closer than LABEL_GAP, inside [low, high]. */
function spread(labels, low, high) {
  labels.sort((a, b) => a.y - b.y);
  for (let i = 0; i < labels.length; i += 1) {
    labels[i].ty = Math.max(labels[i].y, low, i ? labels[i - 1].ty + LABEL_GAP : low);
  }
  for (let i = labels.length - 1; i >= 0; i -= 1) {
    labels[i].ty = Math.min(labels[i].ty, high, i < labels.length - 1 ? labels[i + 1].ty - LABEL_GAP : high);
  }
  return labels;
}

/**
 * container: where the chart goes; series: Workspace.earnedValueSeries(id); report:
 * Workspace.earnedValue(id) (kind "project"); name: the project's name.
 */
export function renderSCurve(container, { series, report, name }) {
  const { measures: m, currency } = report;
  const money = (value) => formatMoney(value, currency);
  const compact = (value) => formatMoney(value, currency, { compact: true });
  const points = pointsOf(series);
  const count = series.labels.length;
  const eac = m.eacCpi;

  const width = Math.max(520, Math.floor(container.clientWidth || 720));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const all = [m.bac, eac, ...Object.values(points).flat().map((p) => p.value)].filter((v) => Number.isFinite(v));
  const { top, values: yTicks } = roundTicks(Math.max(0, ...all), 5);
  const x = (index) => MARGIN.left + (count <= 1 ? plotW / 2 : (index / (count - 1)) * plotW);
  const y = (value) => MARGIN.top + plotH - (value / top) * plotH;
  const right = MARGIN.left + plotW;
  const bottom = MARGIN.top + plotH;

  const statusText = formatDate(report.statusDate);
  const titleId = 'scurve-title';
  const descId = 'scurve-desc';
  const chart = svg('svg', {
    class: 'scurve-svg', role: 'img', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`,
    'aria-labelledby': `${titleId} ${descId}`,
  });
  chart.append(svg('title', { id: titleId }, `S-curve of ${name}: cumulative cost by month in ${currency}`),
    svg('desc', { id: descId }, describe(report, series, money)));

  // Grid and y axis: money with the currency.
  const axis = svg('g', { class: 'scurve-axis', 'aria-hidden': 'true' });
  for (const value of yTicks) {
    axis.append(svg('line', { x1: MARGIN.left, x2: right, y1: y(value), y2: y(value), class: value === 0 ? 'scurve-baseline' : 'scurve-grid' }),
      svg('text', { x: MARGIN.left - 6, y: y(value) + 4, class: 'scurve-tick-label', 'text-anchor': 'end' }, compact(value)));
  }
  axis.append(svg('text', {
    class: 'scurve-axis-title', 'text-anchor': 'middle',
    transform: `translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)`,
  }, `Cumulative cost (${currency})`));

  // x axis: months, thinned so labels never touch.
  const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotW / 62))));
  for (let index = 0; index < count; index += 1) {
    axis.append(svg('line', { x1: x(index), x2: x(index), y1: bottom, y2: bottom + (index % step === 0 ? 5 : 3), class: 'scurve-tick' }));
    if (index % step === 0) {
      axis.append(svg('text', { x: x(index), y: bottom + 18, class: 'scurve-tick-label', 'text-anchor': 'middle' }, monthLabel(series.labels[index])));
    }
  }
  axis.append(svg('text', { x: MARGIN.left + plotW / 2, y: HEIGHT - 8, class: 'scurve-axis-title', 'text-anchor': 'middle' }, 'Month (values at each month end)'));
  chart.append(axis);

  // BAC and EAC: horizontal reference lines.
  const refs = svg('g', { class: 'scurve-refs', 'aria-hidden': 'true' });
  refs.append(svg('line', { x1: MARGIN.left, x2: right, y1: y(m.bac), y2: y(m.bac), class: 'scurve-bac', 'data-value': m.bac }));
  if (eac !== null) refs.append(svg('line', { x1: MARGIN.left, x2: right, y1: y(eac), y2: y(eac), class: 'scurve-eac', 'data-value': eac }));
  chart.append(refs);

  // Status month: a vertical line with the status date over it.
  const status = svg('g', { class: 'scurve-status', 'aria-hidden': 'true' });
  if (series.statusPeriod >= 0 && series.statusPeriod < count) {
    const sx = x(series.statusPeriod);
    const nearRight = sx > MARGIN.left + plotW * 0.7;
    // A status date before the plan's first month is drawn at the first month, and says so.
    const beforePlan = (report.statusDate ?? '').slice(0, 7) < series.labels[0];
    status.append(svg('line', { x1: sx, x2: sx, y1: MARGIN.top - 6, y2: bottom, class: 'scurve-status-line', 'data-status': report.statusDate }),
      svg('text', { x: nearRight ? sx - 4 : sx + 4, y: MARGIN.top - 10, class: 'scurve-status-label', 'text-anchor': nearRight ? 'end' : 'start' },
        `Status date ${statusText}${beforePlan ? ' (before the plan starts)' : ''}`));
  }
  chart.append(status);

  // The lines, then their points (each point has a tooltip with its month and value).
  const lines = svg('g', { class: 'scurve-lines', 'aria-hidden': 'true' });
  for (const { key, name: seriesName } of SERIES) {
    const list = points[key];
    if (!list.length) continue;
    const d = list.map((p, i) => `${i ? 'L' : 'M'}${x(p.index).toFixed(1)} ${y(p.value).toFixed(1)}`).join('');
    lines.append(svg('path', { d, class: `scurve-line scurve-line-${key}`, 'data-series': key }));
    if (key === 'forecast') continue;
    const marks = svg('g', { class: `scurve-points scurve-points-${key}` });
    for (const p of list) {
      const mark = marker(key, x(p.index), y(p.value));
      mark.append(svg('title', {}, `${monthLabel(series.labels[p.index])}: ${seriesName} ${money(p.value)}`));
      marks.append(mark);
    }
    lines.append(marks);
  }
  chart.append(lines);

  // Direct labels. At the right edge: PV, forecast, BAC and EAC (merged when they coincide);
  // at the status month: EV and AC. Labels are spread so none overlaps another.
  const labels = svg('g', { class: 'scurve-direct-labels', 'aria-hidden': 'true' });
  const edge = [];
  const lastOf = (key) => points[key].at(-1);
  const addEdge = (value, text, className) => {
    if (!Number.isFinite(value)) return;
    const same = edge.find((label) => Math.abs(label.y - y(value)) < 1);
    if (same) same.text = `${same.text} = ${text}`;
    else edge.push({ y: y(value), text, className });
  };
  if (lastOf('pv')) addEdge(lastOf('pv').value, 'PV', 'label-pv');
  addEdge(m.bac, `BAC ${compact(m.bac)}`, 'label-bac');
  if (lastOf('forecast')) addEdge(lastOf('forecast').value, 'Forecast', 'label-forecast');
  if (eac !== null) addEdge(eac, `EAC ${compact(eac)}`, 'label-eac');
  for (const label of spread(edge, MARGIN.top + 4, bottom)) {
    labels.append(svg('line', { x1: right + 2, x2: right + 8, y1: label.y, y2: label.ty, class: 'scurve-leader' }),
      svg('text', { x: right + 10, y: label.ty + 4, class: `scurve-label ${label.className}` }, label.text));
  }
  const inner = [];
  if (lastOf('ev')) inner.push({ y: y(lastOf('ev').value), text: `EV ${compact(lastOf('ev').value)}`, className: 'label-ev', index: lastOf('ev').index });
  if (lastOf('ac')) inner.push({ y: y(lastOf('ac').value), text: `AC ${compact(lastOf('ac').value)}`, className: 'label-ac', index: lastOf('ac').index });
  // Left of the status month, where only the curves' own past runs: EV and AC ends are close,
  // so they are spread apart and drawn over a halo.
  // Near the y axis there is no room on the left: the labels go to the right of the point.
  for (const label of spread(inner, MARGIN.top + 4, bottom - 4)) {
    const roomLeft = x(label.index) - MARGIN.left > label.text.length * 7 + 8;
    labels.append(svg('text', {
      x: x(label.index) + (roomLeft ? -8 : 8), y: label.ty + (label.ty >= label.y ? 14 : -6),
      class: `scurve-label scurve-label-halo ${label.className}`, 'text-anchor': roomLeft ? 'end' : 'start',
    }, label.text));
  }
  chart.append(labels);

  const notes = [];
  if (!points.ev.length) notes.push('No earned value or actual cost has been reported yet, so only the plan is drawn.');
  if (eac === null) notes.push(`No EAC line and no forecast: EAC is n/a (${reasonText(m.reasons.eacCpi)}).`);

  replaceChildren(
    container,
    el('div', { class: 'scurve-frame' }, chart),
    legend(),
    notes.length ? el('p', { class: 'hint scurve-notes' }, notes.join(' ')) : null,
    dataTable(series, points, money),
  );
  return chart;
}

/** A point's marker: circle (PV), square (EV), triangle (AC), in a group that can take a title. */
function marker(key, cx, cy) {
  const cls = `scurve-point scurve-point-${key}`;
  const group = svg('g');
  if (key === 'ev') group.append(svg('rect', { x: cx - 3.5, y: cy - 3.5, width: 7, height: 7, class: cls }));
  else if (key === 'ac') group.append(svg('path', { d: `M${cx} ${cy - 4.5}L${cx + 4.5} ${cy + 3.5}L${cx - 4.5} ${cy + 3.5}Z`, class: cls }));
  else group.append(svg('circle', { cx, cy, r: 3.5, class: cls }));
  return group;
}

/** The chart's numbers in one paragraph, for the SVG's description. */
function describe(report, series, money) {
  const { measures: m } = report;
  const parts = [
    `At the status date ${formatDate(report.statusDate)}: planned value ${money(m.pv)}, earned value ${money(m.ev)}, actual cost ${money(m.ac)}.`,
    `Budget at completion ${money(m.bac)}.`,
    m.eacCpi === null ? `Estimate at completion n/a (${reasonText(m.reasons.eacCpi)}).` : `Estimate at completion (BAC / CPI) ${money(m.eacCpi)}.`,
    report.forecastFinish ? `Forecast finish ${formatDate(report.forecastFinish.slice(0, 10))}${report.plannedFinish ? `, planned finish ${formatDate(report.plannedFinish.slice(0, 10))}` : ''}.` : '',
    series.labels.length ? `Months ${monthLabel(series.labels[0])} to ${monthLabel(series.labels.at(-1))}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function legend() {
  const sample = (key) => {
    const icon = svg('svg', { width: 34, height: 12, viewBox: '0 0 34 12', class: 'scurve-legend-icon', 'aria-hidden': 'true' });
    if (key === 'bac' || key === 'eac') icon.append(svg('line', { x1: 1, x2: 33, y1: 6, y2: 6, class: `scurve-${key}` }));
    else if (key === 'status') icon.append(svg('line', { x1: 17, x2: 17, y1: 0, y2: 12, class: 'scurve-status-line' }));
    else {
      icon.append(svg('path', { d: 'M1 6L33 6', class: `scurve-line scurve-line-${key}` }));
      if (key !== 'forecast') icon.append(marker(key, 17, 6));
    }
    return icon;
  };
  const item = (key, text) => el('li', {}, sample(key), text);
  return el('ul', { class: 'scurve-legend', 'aria-label': 'Legend' },
    SERIES.map((s) => item(s.key, `${s.name}: ${s.style}`)),
    item('bac', 'Budget at completion (BAC): dotted grey line'),
    item('eac', 'Estimate at completion (EAC = BAC / CPI): dash-dot line'),
    item('status', 'Status month: dashed vertical line'));
}

/** Every point of the chart as a table, folded under a disclosure. */
function dataTable(series, points, money) {
  const byIndex = (list) => new Map(list.map((p) => [p.index, p.value]));
  const maps = { pv: byIndex(points.pv), ev: byIndex(points.ev), ac: byIndex(points.ac), forecast: byIndex(points.forecast) };
  const cell = (key, index, missing) => {
    const value = maps[key].get(index);
    return el('td', { class: 'num' }, value === undefined ? [el('span', { 'aria-hidden': 'true' }, '—'), srOnly(missing)] : money(value));
  };
  return el(
    'details',
    { class: 'scurve-data' },
    el('summary', {}, 'S-curve figures by month (table)'),
    el('div', { class: 'table-scroll' }, el(
      'table',
      { class: 'projects-table scurve-table' },
      el('caption', { class: 'visually-hidden' }, 'Cumulative planned value, earned value, actual cost and forecast by month'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Month'), ['PV', 'EV', 'AC', 'Forecast'].map((h) => el('th', { scope: 'col', class: 'num' }, h)))),
      el('tbody', {}, series.labels.map((label, index) => el(
        'tr',
        { class: index === series.statusPeriod ? 'is-status-month' : null },
        el('th', { scope: 'row' }, monthLabel(label), index === series.statusPeriod ? ' (status month)' : ''),
        cell('pv', index, 'no plan'),
        cell('ev', index, index > series.statusPeriod ? 'after the status date' : 'not reported'),
        cell('ac', index, index > series.statusPeriod ? 'after the status date' : 'not reported'),
        cell('forecast', index, index < series.forecastFirstPeriod ? 'before the status month' : 'no forecast'),
      ))),
    )),
  );
}
