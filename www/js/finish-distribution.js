// The simulated finish as SVG: a histogram of the iterations' finish (bars, left axis: number
// of iterations), the cumulative distribution over it (the S-curve, right axis: probability),
// P50 and P80 as vertical markers with their dates, and the project's committed finish as a
// solid line with the probability of finishing by it. Markers differ by dash as well as colour
// and carry their words, so the chart reads without colour; the SVG has a title and a
// description with the numbers, and the percentiles are also a table under a disclosure.

import { el, replaceChildren, svg } from './dom.js';
import { formatCount, formatDate } from './format.js';

const HEIGHT = 360;
const MARGIN = { top: 66, right: 64, bottom: 52, left: 64 };
const DAY = 86_400_000;

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const days = (value) => `${oneDecimal.format(value)} working days`;
const percent = (p) => `${Math.round(p * 100)}%`;
const dayOf = (date) => (date ?? '').slice(0, 10);
const utc = (date) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null;
};

/** Round ticks covering [low, high]. */
function niceTicks(low, high, count = 6) {
  const span = high - low || 1;
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const values = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
  return values;
}

/** The finish in working days of a percentile, and its date. */
export function percentileOf(results, percentile) {
  const value = results.finishDays.percentiles.find((p) => p.percentile === percentile)?.value ?? null;
  const date = results.finishDates.find((p) => p.percentile === percentile)?.date ?? null;
  return { value, date };
}

/**
 * Where the committed finish falls on the working-day axis: inside the simulated range from the
 * CDF at P(finish by it); outside it (probability 0 or 1), estimated from the nearest
 * percentile's date at 5 working days per 7 calendar days, and flagged as approximate.
 */
function committedPosition(results, committedFinish) {
  const probability = results.probabilityFinishByTarget;
  const at = utc(committedFinish);
  if (at === null || probability === null || probability === undefined) return null;
  const cdf = results.finishDays.cdf;
  if (probability > 0 && probability < 1) {
    for (let i = 1; i < cdf.length; i += 1) {
      if (cdf[i].probability >= probability) {
        const a = cdf[i - 1];
        const b = cdf[i];
        const t = b.probability === a.probability ? 0 : (probability - a.probability) / (b.probability - a.probability);
        return { value: a.value + t * (b.value - a.value), probability, approximate: false };
      }
    }
  }
  const anchors = results.finishDates.map((d) => ({ at: utc(d.date), value: percentileOf(results, d.percentile).value })).filter((a) => a.at !== null && a.value !== null);
  if (!anchors.length) return null;
  const nearest = anchors.reduce((best, a) => (Math.abs(a.at - at) < Math.abs(best.at - at) ? a : best));
  return { value: nearest.value + ((at - nearest.at) / DAY) * (5 / 7), probability, approximate: true };
}

/**
 * container: where the chart goes; results: RiskSimulation.results(); committedFinish: the
 * project's committed finish date or null; name: the project's name; partial: a cancelled run.
 */
export function renderFinishDistribution(container, { results, committedFinish, name, partial = false }) {
  const { histogram, cdf } = results.finishDays;
  const counts = histogram.counts;
  const upper = histogram.lower + histogram.binWidth * counts.length;
  const p50 = percentileOf(results, 50);
  const p80 = percentileOf(results, 80);
  const committed = committedFinish ? committedPosition(results, committedFinish) : null;

  let low = histogram.lower;
  let high = upper;
  if (committed) { low = Math.min(low, committed.value); high = Math.max(high, committed.value); }
  const pad = (high - low) * 0.04 || 1;
  low -= pad;
  high += pad;

  const width = Math.max(560, Math.floor(container.clientWidth || 760));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const right = MARGIN.left + plotW;
  const bottom = MARGIN.top + plotH;
  const x = (value) => MARGIN.left + ((value - low) / (high - low)) * plotW;
  const maxCount = Math.max(1, ...counts);
  const countTicks = niceTicks(0, maxCount, 5);
  const countTop = Math.max(maxCount, countTicks.at(-1));
  const yCount = (count) => bottom - (count / countTop) * plotH;
  const yProbability = (p) => bottom - p * plotH;

  const titleId = 'finish-distribution-title';
  const descId = 'finish-distribution-desc';
  const chart = svg('svg', {
    class: 'fd-svg', role: 'img', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`,
    'aria-labelledby': `${titleId} ${descId}`,
  });
  chart.append(svg('title', { id: titleId }, `Simulated finish of ${name}: histogram and cumulative probability${partial ? ' (partial run)' : ''}`),
    svg('desc', { id: descId }, describe(results, { p50, p80, committed, committedFinish, partial })));

  // Axes: working days below, iterations on the left, cumulative probability on the right.
  const axis = svg('g', { class: 'fd-axis', 'aria-hidden': 'true' });
  for (const count of countTicks) {
    axis.append(svg('line', { x1: MARGIN.left, x2: right, y1: yCount(count), y2: yCount(count), class: count === 0 ? 'fd-baseline' : 'fd-grid' }),
      svg('text', { x: MARGIN.left - 6, y: yCount(count) + 4, class: 'fd-tick-label', 'text-anchor': 'end' }, formatCount(count)));
  }
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    axis.append(svg('line', { x1: right, x2: right + 4, y1: yProbability(p), y2: yProbability(p), class: 'fd-tick' }),
      svg('text', { x: right + 7, y: yProbability(p) + 4, class: 'fd-tick-label' }, percent(p)));
  }
  axis.append(svg('line', { x1: right, x2: right, y1: MARGIN.top, y2: bottom, class: 'fd-tick' }));
  for (const value of niceTicks(low, high, Math.max(3, Math.floor(plotW / 80)))) {
    axis.append(svg('line', { x1: x(value), x2: x(value), y1: bottom, y2: bottom + 5, class: 'fd-tick' }),
      svg('text', { x: x(value), y: bottom + 18, class: 'fd-tick-label', 'text-anchor': 'middle' }, formatCount(value)));
  }
  axis.append(
    svg('text', { x: MARGIN.left + plotW / 2, y: HEIGHT - 10, class: 'fd-axis-title', 'text-anchor': 'middle' }, 'Finish (working days after the project start)'),
    svg('text', { class: 'fd-axis-title', 'text-anchor': 'middle', transform: `translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)` }, 'Iterations (bars)'),
    svg('text', { class: 'fd-axis-title', 'text-anchor': 'middle', transform: `translate(${width - 10} ${MARGIN.top + plotH / 2}) rotate(90)` }, 'Cumulative probability (line)'),
  );
  chart.append(axis);

  // Histogram bars, each with its range and count as a tooltip.
  const bars = svg('g', { class: 'fd-bars' });
  counts.forEach((count, index) => {
    const from = histogram.lower + index * histogram.binWidth;
    const x1 = x(from);
    const x2 = x(from + histogram.binWidth);
    const bar = svg('rect', { x: x1 + 0.5, y: yCount(count), width: Math.max(1, x2 - x1 - 1), height: bottom - yCount(count), class: 'fd-bar', 'data-count': count });
    bar.append(svg('title', {}, `${oneDecimal.format(from)} to ${days(from + histogram.binWidth)}: ${formatCount(count)} iterations`));
    bars.append(bar);
  });
  chart.append(bars);

  // The S-curve: the CDF's points joined.
  const d = cdf.map((point, i) => `${i ? 'L' : 'M'}${x(point.value).toFixed(1)} ${yProbability(point.probability).toFixed(1)}`).join('');
  chart.append(svg('path', { d, class: 'fd-cdf', 'aria-hidden': 'true' }));

  // Markers: one label row each above the plot, so P50, P80 and the commitment never overlap.
  const markers = svg('g', { class: 'fd-markers', 'aria-hidden': 'true' });
  // P50 prefers its label on the left of its line and P80 on the right, so they point apart;
  // each label sits on a background, so a line passing under it never cuts through the words.
  const marker = (value, row, label, kind, extra = {}, prefer = 'start') => {
    if (value === null) return;
    const mx = x(value);
    const ty = 16 + row * 17;
    const textW = label.length * 6.9;
    const fitsStart = mx + 4 + textW <= width - 4;
    const fitsEnd = mx - 4 - textW >= 4;
    const anchor = prefer === 'end' ? (fitsEnd ? 'end' : 'start') : (fitsStart ? 'start' : 'end');
    const tx = anchor === 'end' ? mx - 4 : mx + 4;
    const group = svg('g', { class: `fd-marker fd-marker-${kind}`, ...extra });
    group.append(svg('line', { x1: mx, x2: mx, y1: ty + 4, y2: bottom, class: `fd-marker-line fd-line-${kind}` }),
      svg('rect', { x: anchor === 'end' ? tx - textW - 2 : tx - 2, y: ty - 12, width: textW + 4, height: 16, class: 'fd-label-bg' }),
      svg('text', { x: tx, y: ty, class: `fd-marker-label fd-label-${kind}`, 'text-anchor': anchor }, label));
    markers.append(group);
  };
  if (committed) {
    const text = `Committed ${formatDate(committedFinish)}: P(finish by committed date) = ${percent(committed.probability)}`;
    marker(committed.value, 0, text, 'committed', { 'data-date': committedFinish, 'data-probability': committed.probability });
  }
  marker(p50.value, 1, `P50 ${formatDate(dayOf(p50.date))}`, 'p50', { 'data-date': p50.date, 'data-percentile': 50 }, 'end');
  marker(p80.value, 2, `P80 ${formatDate(dayOf(p80.date))}`, 'p80', { 'data-date': p80.date, 'data-percentile': 80 }, 'start');
  chart.append(markers);

  replaceChildren(
    container,
    el('h4', { class: 'sim-subheading' }, 'Finish date: distribution and S-curve'),
    facts(results, { p50, p80, committed, committedFinish }),
    el('div', { class: 'fd-frame' }, chart),
    legend(Boolean(committed)),
    committed?.approximate ? el('p', { class: 'hint' }, `The committed finish lies outside the simulated range; its line is placed approximately (5 working days per calendar week).`) : null,
    percentileTable(results),
  );
  return chart;
}

function facts(results, { p50, p80, committed, committedFinish }) {
  const fact = (label, value, key) => el('div', { class: 'fact', dataset: { fact: key } }, el('dt', {}, label), el('dd', {}, value));
  const p90 = percentileOf(results, 90);
  return el('dl', { class: 'facts sim-facts' },
    fact('Iterations', formatCount(results.iterations), 'iterations'),
    fact('P50 finish', formatDate(dayOf(p50.date)), 'p50'),
    fact('P80 finish', formatDate(dayOf(p80.date)), 'p80'),
    p90.date ? fact('P90 finish', formatDate(dayOf(p90.date)), 'p90') : null,
    committed ? fact(`P(finish by ${formatDate(committedFinish)})`, percent(committed.probability), 'committed') : fact('Committed finish', 'none in the project', 'committed'));
}

function describe(results, { p50, p80, committed, committedFinish, partial }) {
  const { finishDays } = results;
  return [
    `${formatCount(results.iterations)} iterations${partial ? ' (the run was cancelled; partial results)' : ''}.`,
    `Finish between ${days(finishDays.min)} and ${days(finishDays.max)} after the project start, mean ${days(finishDays.mean)}.`,
    p50.value !== null ? `P50 ${days(p50.value)}, ${formatDate(dayOf(p50.date))}.` : '',
    p80.value !== null ? `P80 ${days(p80.value)}, ${formatDate(dayOf(p80.date))}.` : '',
    committed ? `Committed finish ${formatDate(committedFinish)}: probability of finishing by it ${percent(committed.probability)}.` : 'The project has no committed finish date.',
  ].filter(Boolean).join(' ');
}

function legend(hasCommitted) {
  const icon = (draw) => {
    const node = svg('svg', { width: 30, height: 12, viewBox: '0 0 30 12', class: 'fd-legend-icon', 'aria-hidden': 'true' });
    draw(node);
    return node;
  };
  const item = (sample, text) => el('li', {}, sample, text);
  return el('ul', { class: 'fd-legend', 'aria-label': 'Legend' },
    item(icon((n) => n.append(svg('rect', { x: 4, y: 2, width: 8, height: 10, class: 'fd-bar' }), svg('rect', { x: 14, y: 5, width: 8, height: 7, class: 'fd-bar' }))), 'Iterations finishing in each range (bars, left axis)'),
    item(icon((n) => n.append(svg('path', { d: 'M1 11C10 11 20 1 29 1', class: 'fd-cdf' }))), 'Cumulative probability (S-curve, right axis)'),
    item(icon((n) => n.append(svg('line', { x1: 15, x2: 15, y1: 0, y2: 12, class: 'fd-marker-line fd-line-p50' }))), 'P50: dashed line'),
    item(icon((n) => n.append(svg('line', { x1: 15, x2: 15, y1: 0, y2: 12, class: 'fd-marker-line fd-line-p80' }))), 'P80: dash-dot line'),
    hasCommitted ? item(icon((n) => n.append(svg('line', { x1: 15, x2: 15, y1: 0, y2: 12, class: 'fd-marker-line fd-line-committed' }))), 'Committed finish: solid line') : null);
}

function percentileTable(results) {
  return el('details', { class: 'fd-data' },
    el('summary', {}, 'Finish percentiles (table)'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'projects-table fd-table' },
      el('caption', { class: 'visually-hidden' }, 'Simulated finish by percentile'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Percentile'), el('th', { scope: 'col', class: 'num' }, 'Working days'), el('th', { scope: 'col' }, 'Date'))),
      el('tbody', {}, results.finishDates.map(({ percentile, date }) => el('tr', { dataset: { percentile } },
        el('th', { scope: 'row' }, `P${percentile}`),
        el('td', { class: 'num' }, oneDecimal.format(percentileOf(results, percentile).value ?? NaN)),
        el('td', {}, formatDate(dayOf(date)))))))));
}
