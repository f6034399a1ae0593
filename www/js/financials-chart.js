// A fiscal year's money by month as SVG (the engine's financials of a project or a unit): on top,
// each month's plan beside its actual (closed months, solid) or forecast (open months, hatched);
// below, the cumulative plan and the cumulative outlook (actuals, then forecast, dashed). Closed
// and open months differ by pattern and by the word under the month ("Actual", "Fcst", "=Plan"
// when no forecast was entered and the plan stands in), not only by colour. The full-year
// outlook against plan is written above the chart. Each month is one focusable mark (arrow keys
// move, Enter or Space calls onSelectMonth); every figure is also in a table under a disclosure.

import { el, replaceChildren, srOnly, svg } from './dom.js';
import { formatDate, formatMoney, roundTicks } from './format.js';
import { notAvailable } from './health-pill.js';
import { rovingMarks } from './health-trend.js';
import { monthLabel } from './scurve.js';

let chartCount = 0; // pattern ids must be unique in the document

const num = (value) => (Number.isFinite(value) ? value : null);

/** The engine's financials in the shape this chart reads: the one place that knows its fields. */
export function readFinancials(data) {
  const months = (data?.months ?? []).map((m) => {
    const closed = Boolean(m.closed);
    const plan = num(m.plan);
    const actual = num(m.actual);
    const forecast = num(m.forecast);
    const fromPlan = Boolean(m.forecastFromPlan);
    // Outlook: what the month is expected to cost. The engine gives it; if it does not, a
    // closed month's actual, else its forecast, else (as the engine does) its plan.
    const outlook = num(m.outlook) ?? (closed ? actual : forecast ?? plan);
    return { month: m.month, closed, plan, actual, forecast: forecast ?? (fromPlan ? plan : null), fromPlan, outlook };
  });
  const fy = data?.fullYear ?? {};
  const sum = (key) => months.reduce((total, m) => total + (m[key] ?? 0), 0);
  return {
    name: data?.name ?? '',
    currency: data?.currency ?? 'EUR',
    fiscalYear: data?.fiscalYear?.label ?? '',
    statusDate: data?.statusDate ?? null,
    months,
    plan: num(fy.plan) ?? sum('plan'),
    actualToDate: num(fy.actualToDate) ?? months.filter((m) => m.closed).reduce((t, m) => t + (m.actual ?? 0), 0),
    outlook: num(fy.outlook) ?? sum('outlook'),
    variance: num(fy.variance),
    variancePercent: num(fy.variancePercent),
  };
}


const signed = (value, text) => (value > 0 ? `+${text}` : value < 0 ? `−${text.replace(/^[-−]/, '')}` : text);

/**
 * data: the engine's financials ({ name, currency, fiscalYear: { label, months }, statusDate,
 * months: [{ month, closed, plan, actual, forecast, outlook, forecastFromPlan }], fullYear }).
 * options: { width (default: the container's, at least 600), heights: { bars, cumulative } (plot
 * heights in px, default 170 and 120), onSelectMonth(month), title }.
 */
export function renderFinancialsChart(container, data, options = {}) {
  chartCount += 1;
  const f = readFinancials(data);
  const money = (value) => formatMoney(value, f.currency);
  const compact = (value) => formatMoney(value, f.currency, { compact: true });
  const count = f.months.length;
  const width = Math.max(600, Math.floor(options.width ?? (container.clientWidth || 760)));
  const margin = { left: 62, right: 112, top: 14 };
  // Heights of the two plots; the one-pager asks for smaller ones to fit one sheet.
  const barsH = options.heights?.bars ?? 170;
  const gap = 46; // month labels between the two plots
  const cumH = options.heights?.cumulative ?? 120;
  const height = margin.top + barsH + gap + cumH + 28;
  const plotW = width - margin.left - margin.right;
  const slot = plotW / Math.max(1, count);
  const barsBottom = margin.top + barsH;
  const cumTop = barsBottom + gap;
  const cumBottom = cumTop + cumH;

  const monthlyMax = Math.max(0, ...f.months.flatMap((m) => [m.plan, m.actual, m.forecast, m.outlook]).filter((v) => v !== null));
  const yBars = roundTicks(monthlyMax, 4);
  let cumPlan = 0;
  let cumOutlook = 0;
  const cumulative = f.months.map((m) => {
    cumPlan += m.plan ?? 0;
    cumOutlook += m.outlook ?? 0;
    return { plan: cumPlan, outlook: cumOutlook };
  });
  const yCum = roundTicks(Math.max(0, ...cumulative.flatMap((c) => [c.plan, c.outlook])), 4);
  const yb = (v) => barsBottom - (v / yBars.top) * barsH;
  const yc = (v) => cumBottom - (v / yCum.top) * cumH;
  const cx = (i) => margin.left + slot * (i + 0.5);

  const hatch = `fc-hatch-${chartCount}`;
  const title = options.title ?? `Spend by month, ${f.fiscalYear}${f.name ? `: ${f.name}` : ''}`;
  const chart = svg('svg', {
    class: 'fc-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `${title}. ${count} months; use the arrow keys to move between them.`,
  });
  chart.append(svg('title', {}, title));
  const defs = svg('defs');
  const pattern = svg('pattern', { id: hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { width: 6, height: 6, class: 'fc-hatch-bg' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'fc-hatch-line' }));
  defs.append(pattern);
  chart.append(defs);

  // Axes: monthly amounts on top, cumulative below, each with its own scale and title.
  const axis = svg('g', { class: 'fc-axis', 'aria-hidden': 'true' });
  for (const v of yBars.values) {
    axis.append(svg('line', { x1: margin.left, x2: margin.left + plotW, y1: yb(v), y2: yb(v), class: v === 0 ? 'fc-base' : 'fc-grid' }),
      svg('text', { x: margin.left - 6, y: yb(v) + 4, 'text-anchor': 'end', class: 'fc-tick' }, compact(v)));
  }
  for (const v of yCum.values) {
    axis.append(svg('line', { x1: margin.left, x2: margin.left + plotW, y1: yc(v), y2: yc(v), class: v === 0 ? 'fc-base' : 'fc-grid' }),
      svg('text', { x: margin.left - 6, y: yc(v) + 4, 'text-anchor': 'end', class: 'fc-tick' }, compact(v)));
  }
  // Plot titles at the bottom right, clear of the end labels (cumulative totals end high).
  axis.append(svg('text', { x: margin.left + plotW + 8, y: barsBottom, class: 'fc-plot-title' }, 'Each month'),
    svg('text', { x: margin.left + plotW + 8, y: cumBottom, class: 'fc-plot-title' }, 'Cumulative'));
  chart.append(axis);

  // The status divider between the last closed month and the first open one.
  const lastClosed = f.months.reduce((last, m, i) => (m.closed ? i : last), -1);
  if (lastClosed >= 0 && lastClosed < count - 1) {
    const sx = margin.left + slot * (lastClosed + 1);
    chart.append(svg('line', { x1: sx, x2: sx, y1: margin.top - 4, y2: cumBottom, class: 'fc-status-line', 'aria-hidden': 'true' }),
      svg('text', { x: sx + 4, y: cumBottom + 22, class: 'fc-status-label', 'aria-hidden': 'true' }, `Status ${formatDate(f.statusDate)}: closed ← | → forecast`));
  }

  // One group per month: bars, labels and the keyboard target.
  const barW = Math.min(18, (slot - 8) / 2);
  const months = svg('g', { class: 'fc-months' });
  f.months.forEach((m, i) => {
    const x = cx(i);
    const second = m.closed ? m.actual : m.forecast;
    const kind = m.closed ? 'actual' : m.fromPlan ? 'plan-forecast' : 'forecast';
    const words = `${monthLabel(m.month)}, ${m.closed ? 'closed' : 'open'}: plan ${m.plan === null ? 'n/a' : money(m.plan)}, `
      + (m.closed
        ? `actual ${m.actual === null ? 'n/a (no actual reported)' : money(m.actual)}`
        : `forecast ${m.forecast === null ? 'n/a (no forecast)' : money(m.forecast)}${m.fromPlan ? ' (no forecast entered: the plan stands in)' : ''}`)
      + `; cumulative outlook ${money(cumulative[i].outlook)} against plan ${money(cumulative[i].plan)}`;
    const group = svg('g', {
      class: `fc-month is-${kind}`, tabindex: i === (lastClosed >= 0 ? lastClosed : 0) ? 0 : -1, role: 'img', 'aria-label': words,
      'data-month': m.month, 'data-closed': m.closed, 'data-plan': m.plan ?? '', 'data-actual': m.actual ?? '', 'data-forecast': m.forecast ?? '',
    });
    group.append(svg('title', {}, words));
    group.append(svg('rect', { x: x - slot / 2 + 1, y: margin.top - 4, width: slot - 2, height: barsH + 40, class: 'fc-hit' }));
    if (m.plan !== null) group.append(svg('rect', { x: x - barW - 1, y: yb(m.plan), width: barW, height: barsBottom - yb(m.plan), class: 'fc-bar fc-bar-plan' }));
    if (second !== null) {
      group.append(svg('rect', {
        x: x + 1, y: yb(second), width: barW, height: barsBottom - yb(second),
        class: `fc-bar ${m.closed ? 'fc-bar-actual' : 'fc-bar-forecast'}`, fill: m.closed ? null : `url(#${hatch})`,
      }));
    } else {
      group.append(svg('text', { x: x + 1 + barW / 2, y: barsBottom - 4, 'text-anchor': 'middle', class: 'fc-na' }, 'n/a'));
    }
    const [name, year] = monthLabel(m.month).split(' ');
    group.append(svg('text', { x, y: barsBottom + 14, 'text-anchor': 'middle', class: 'fc-month-label' }, name),
      svg('text', { x, y: barsBottom + 26, 'text-anchor': 'middle', class: `fc-kind-label is-${kind}` }, m.closed ? 'Actual' : m.fromPlan ? '=Plan' : 'Fcst'));
    if (i === 0 || name === 'Jan') group.append(svg('text', { x, y: barsBottom + 38, 'text-anchor': 'middle', class: 'fc-year-label' }, year));
    months.append(group);
  });
  chart.append(months);

  // Cumulative lines: plan solid with round points; outlook solid over actuals, dashed over forecast.
  const path = (points) => points.map(([i, v], k) => `${k ? 'L' : 'M'}${cx(i).toFixed(1)} ${yc(v).toFixed(1)}`).join('');
  const lines = svg('g', { class: 'fc-lines', 'aria-hidden': 'true' });
  lines.append(svg('path', { d: path(cumulative.map((c, i) => [i, c.plan])), class: 'fc-line fc-line-plan' }));
  const actualPart = cumulative.slice(0, lastClosed + 1).map((c, i) => [i, c.outlook]);
  const forecastPart = cumulative.slice(Math.max(0, lastClosed)).map((c, k) => [k + Math.max(0, lastClosed), c.outlook]);
  if (actualPart.length > 1) lines.append(svg('path', { d: path(actualPart), class: 'fc-line fc-line-actual' }));
  if (forecastPart.length > 1) lines.append(svg('path', { d: path(forecastPart), class: 'fc-line fc-line-outlook' }));
  cumulative.forEach((c, i) => {
    lines.append(svg('circle', { cx: cx(i), cy: yc(c.plan), r: 2.6, class: 'fc-point-plan' }),
      svg('rect', { x: cx(i) - 2.6, y: yc(c.outlook) - 2.6, width: 5.2, height: 5.2, class: i <= lastClosed ? 'fc-point-actual' : 'fc-point-outlook' }));
  });
  // Direct labels at the right end, pushed apart when the two totals are close.
  const end = cumulative.at(-1) ?? { plan: 0, outlook: 0 };
  let planY = yc(end.plan) + 4;
  let outlookY = yc(end.outlook) + 4;
  if (Math.abs(planY - outlookY) < 13) {
    const mid = (planY + outlookY) / 2;
    const up = end.outlook >= end.plan;
    outlookY = mid + (up ? -7 : 7);
    planY = mid + (up ? 7 : -7);
  }
  lines.append(svg('text', { x: margin.left + plotW + 8, y: planY, class: 'fc-end-label fc-end-plan' }, `Plan ${compact(end.plan)}`),
    svg('text', { x: margin.left + plotW + 8, y: outlookY, class: 'fc-end-label fc-end-outlook' }, `Outlook ${compact(end.outlook)}`));
  chart.append(lines);

  rovingMarks(chart, '.fc-month', (mark, index) => options.onSelectMonth?.(f.months[index]));

  const variance = f.variance ?? f.outlook - f.plan;
  const summary = el('p', { class: 'fc-summary' },
    el('span', { class: 'fc-summary-item fc-outlook', dataset: { figure: 'outlook', value: f.outlook } },
      el('span', { class: 'fc-summary-label' }, `${f.fiscalYear || 'Full year'} outlook`), ' ',
      el('strong', { class: 'fc-outlook-value' }, money(f.outlook))),
    el('span', { class: 'fc-summary-item', dataset: { figure: 'plan', value: f.plan } },
      el('span', { class: 'fc-summary-label' }, 'Plan'), ' ', el('strong', {}, money(f.plan))),
    el('span', { class: ['fc-summary-item', variance > 0 && 'is-over'], dataset: { figure: 'variance', value: variance } },
      el('span', { class: 'fc-summary-label' }, 'Variance'), ' ',
      el('strong', {}, signed(variance, money(variance))), ' ',
      f.variancePercent === null
        ? (f.plan ? `(${signed(variance, `${((variance / f.plan) * 100).toFixed(1)}%`)})` : notAvailable('no plan to compare with'))
        : `(${signed(f.variancePercent, `${Math.abs(f.variancePercent).toFixed(1)}%`)})`,
      variance > 0 ? ' over plan' : variance < 0 ? ' under plan' : ''),
    el('span', { class: 'fc-summary-item', dataset: { figure: 'actualToDate', value: f.actualToDate } },
      el('span', { class: 'fc-summary-label' }, 'Actual to date'), ' ', el('strong', {}, money(f.actualToDate))));

  return replaceChildren(container, el('figure', { class: 'fc' },
    summary,
    el('div', { class: 'fc-frame' }, chart),
    legend(hatch),
    dataTable(f, cumulative, money)));
}

function legend(hatch) {
  const swatch = (className, fill) => {
    const icon = svg('svg', { width: 14, height: 12, viewBox: '0 0 14 12', class: 'fc-legend-icon', 'aria-hidden': 'true' });
    icon.append(svg('rect', { x: 1, y: 1, width: 12, height: 10, class: `fc-bar ${className}`, fill }));
    return icon;
  };
  const line = (className, point) => {
    const icon = svg('svg', { width: 26, height: 12, viewBox: '0 0 26 12', class: 'fc-legend-icon', 'aria-hidden': 'true' });
    icon.append(svg('path', { d: 'M1 6L25 6', class: `fc-line ${className}` }));
    icon.append(point === 'circle' ? svg('circle', { cx: 13, cy: 6, r: 2.6, class: 'fc-point-plan' }) : svg('rect', { x: 10.4, y: 3.4, width: 5.2, height: 5.2, class: point }));
    return icon;
  };
  return el('ul', { class: 'fc-legend', 'aria-label': 'Legend' },
    el('li', {}, swatch('fc-bar-plan'), 'Plan (outlined, left)'),
    el('li', {}, swatch('fc-bar-actual'), 'Actual, closed month (solid)'),
    el('li', {}, swatch('fc-bar-forecast', `url(#${hatch})`), 'Forecast, open month (hatched; “=Plan”: none entered, plan used)'),
    el('li', {}, line('fc-line-plan', 'circle'), 'Cumulative plan'),
    el('li', {}, line('fc-line-actual', 'fc-point-actual'), 'Cumulative actual'),
    el('li', {}, line('fc-line-outlook', 'fc-point-outlook'), 'Cumulative outlook (dashed)'));
}

function dataTable(f, cumulative, money) {
  const cell = (value, missing) => el('td', { class: 'num' }, value === null ? [el('span', { 'aria-hidden': 'true' }, 'n/a'), srOnly(` (${missing})`)] : money(value));
  return el('details', { class: 'fc-data' },
    el('summary', {}, 'Figures by month (table)'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'projects-table fc-table' },
      el('caption', { class: 'visually-hidden' }, `Plan, actual, forecast and cumulative outlook by month, ${f.currency}`),
      el('thead', {}, el('tr', {}, ['Month', 'Status', 'Plan', 'Actual', 'Forecast', 'Cumulative plan', 'Cumulative outlook'].map((h, i) => el('th', { scope: 'col', class: i > 1 ? 'num' : null }, h)))),
      el('tbody', {}, f.months.map((m, i) => el('tr', { dataset: { month: m.month } },
        el('th', { scope: 'row' }, monthLabel(m.month)),
        el('td', {}, m.closed ? 'Closed (actual)' : m.fromPlan ? 'Open (plan used as forecast)' : 'Open (forecast)'),
        cell(m.plan, 'no plan'),
        cell(m.closed ? m.actual : null, m.closed ? 'no actual reported' : 'month not closed'),
        cell(m.closed ? null : m.forecast, m.closed ? 'month closed' : 'no forecast'),
        el('td', { class: 'num' }, money(cumulative[i].plan)),
        el('td', { class: 'num' }, money(cumulative[i].outlook))))))));
}
