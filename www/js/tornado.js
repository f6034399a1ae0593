// The risk tornado as SVG: one row per register risk, in the engine's order (largest swing
// first), a horizontal bar from zero to the swing of the P80 finish in working days (P80 with
// the risk minus P80 without it; a risk that shortens the P80 goes left), the risk's id and
// title as text beside it and the swing written at the bar's end. A title and description say
// the numbers; each row has a tooltip with both P80 values.

import { el, replaceChildren, svg } from './dom.js';

const ROW = 28;
const TOP = 10;
const AXIS = 44;
const LABEL_W = 330;
const VALUE_W = 70;

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
const swingText = (value) => `${oneDecimal.format(value)} d`;
const swingWords = (value) => `${oneDecimal.format(value)} working days`;

/** container; tornado: results.riskTornado; titles: Map risk id -> title; name: the project's name. */
export function renderTornado(container, { tornado, titles, name }) {
  const heading = el('h4', { class: 'sim-subheading' }, 'Risk tornado: swing of the P80 finish');
  if (!tornado.length) {
    replaceChildren(container, heading, el('p', { class: 'muted tornado-empty' }, 'No register risk moves the finish in this simulation.'));
    return null;
  }
  const width = Math.max(560, Math.floor(container.clientWidth || 760));
  const height = TOP + tornado.length * ROW + AXIS;
  const plotLeft = LABEL_W + VALUE_W;
  const plotW = width - plotLeft - VALUE_W - 10;
  const low = Math.min(0, ...tornado.map((t) => t.swingDays));
  const high = Math.max(0, ...tornado.map((t) => t.swingDays));
  const span = high - low || 1;
  const x = (value) => plotLeft + ((value - low) / span) * plotW;
  const zero = x(0);
  const bottom = TOP + tornado.length * ROW;

  const titleId = 'tornado-title';
  const descId = 'tornado-desc';
  const chart = svg('svg', { class: 'tornado-svg', role: 'img', width, height, viewBox: `0 0 ${width} ${height}`, 'aria-labelledby': `${titleId} ${descId}` });
  chart.append(svg('title', { id: titleId }, `Risk tornado of ${name}: how much each risk moves the P80 finish`),
    svg('desc', { id: descId }, `Largest swing first. ${tornado.map((t, i) => `${i + 1}. ${t.riskId} ${titles.get(t.riskId) ?? ''}: ${swingWords(t.swingDays)}`).join('; ')}.`));

  const rows = svg('g', { class: 'tornado-rows' });
  tornado.forEach((t, index) => {
    const y = TOP + index * ROW;
    const title = titles.get(t.riskId) ?? '';
    const room = 40;
    const shortTitle = title.length > room ? `${title.slice(0, room - 1)}…` : title;
    const row = svg('g', { class: ['tornado-row', t.swingDays < 0 ? 'is-negative' : t.swingDays > 0 ? 'is-positive' : 'is-zero'].join(' '), 'data-risk-id': t.riskId, 'data-swing': t.swingDays });
    row.append(svg('title', {}, `${t.riskId} ${title}: P80 ${oneDecimalPlain(t.finishP80Days)} working days with the risk, ${oneDecimalPlain(t.finishP80WithoutDays)} without it; swing ${swingWords(t.swingDays)}.`));
    if (index % 2) row.append(svg('rect', { x: 0, y, width, height: ROW, class: 'tornado-stripe' }));
    row.append(
      svg('text', { x: 0, y: y + ROW / 2 + 4, class: 'tornado-id' }, t.riskId),
      svg('text', { x: 92, y: y + ROW / 2 + 4, class: 'tornado-risk-title' }, shortTitle),
    );
    const x1 = Math.min(zero, x(t.swingDays));
    const x2 = Math.max(zero, x(t.swingDays));
    row.append(svg('rect', { x: x1, y: y + 6, width: Math.max(1, x2 - x1), height: ROW - 12, class: 'tornado-bar' }));
    // Values always go right of the zero line (after a bar to the right), so a bar to the left
    // never pushes its value into the risk titles.
    row.append(svg('text', { x: (t.swingDays > 0 ? x2 : zero) + 5, y: y + ROW / 2 + 4, class: 'tornado-value', 'text-anchor': 'start' }, swingText(t.swingDays)));
    rows.append(row);
  });
  chart.append(rows);

  const axis = svg('g', { class: 'tornado-axis', 'aria-hidden': 'true' });
  axis.append(svg('line', { x1: zero, x2: zero, y1: TOP - 4, y2: bottom, class: 'tornado-zero' }),
    svg('line', { x1: plotLeft, x2: plotLeft + plotW, y1: bottom, y2: bottom, class: 'tornado-tick' }));
  for (const value of ticks(low, high)) {
    axis.append(svg('line', { x1: x(value), x2: x(value), y1: bottom, y2: bottom + 4, class: 'tornado-tick' }),
      svg('text', { x: x(value), y: bottom + 16, 'text-anchor': 'middle', class: 'tornado-tick-label' }, oneDecimalPlain(value === 0 ? 0 : value, 0)));
  }
  axis.append(svg('text', { x: plotLeft + plotW / 2, y: height - 6, 'text-anchor': 'middle', class: 'tornado-axis-title' }, 'Working days added to the P80 finish by the risk (P80 with it − P80 without it)'));
  chart.append(axis);

  replaceChildren(container, heading,
    el('p', { class: 'hint' }, 'Largest swing first. A bar to the right is a risk that delays the P80 finish; to the left, one whose absence would make it later (an opportunity).'),
    el('div', { class: 'tornado-frame' }, chart));
  return chart;
}

function oneDecimalPlain(value, digits = 1) {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

function ticks(low, high) {
  const span = high - low || 1;
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const values = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
  return values;
}
