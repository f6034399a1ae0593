// A project's health score over its status snapshots as a small SVG sparkline. Each point is a
// focusable mark with its date, score and band in a <title> and an aria-label; the band's own
// shape is drawn at the point, and the scores are written beside the points, so the line reads
// without colour. A snapshot the engine could not score is drawn as a "?" on the axis and breaks
// the line: it is never plotted as 0. One tab stop for the whole line; arrow keys, Home and End
// move between points; Enter or Space calls onSelect(point).

import { el, replaceChildren, svg } from './dom.js';
import { formatDate } from './format.js';
import { bandClass, bandIcon, bandInfo, formatScore } from './health-pill.js';

/**
 * Roving tab stop over a list of SVG marks: the one with tabindex 0 takes Tab; arrows, Home and
 * End move; Enter and Space activate. Shared by the health charts.
 */
export function rovingMarks(root, selector, onActivate) {
  root.addEventListener('keydown', (event) => {
    const marks = [...root.querySelectorAll(selector)];
    const index = marks.indexOf(event.target);
    if (index < 0) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate?.(marks[index], index);
      return;
    }
    const target = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: marks.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = marks[Math.max(0, Math.min(marks.length - 1, target))];
    for (const mark of marks) mark.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
  root.addEventListener('click', (event) => {
    const mark = event.target instanceof Element ? event.target.closest(selector) : null;
    if (mark) onActivate?.(mark, [...root.querySelectorAll(selector)].indexOf(mark));
  });
}

/**
 * trend: [{ date, score | null, band }] oldest first (the engine's project health trend).
 * options: { name (for the title), width (default 260), height (default 72), onSelect(point) }.
 */
export function renderHealthTrend(container, trend, options = {}) {
  const points = (Array.isArray(trend) ? trend : []).map((point) => ({
    date: point.date,
    score: Number.isFinite(point.score) ? point.score : null,
    band: bandInfo(point.band).band,
  }));
  if (!points.length) {
    return replaceChildren(container, el('p', { class: 'hint htr-empty' }, 'No health history yet: the trend needs status snapshots.'));
  }
  const width = options.width ?? 260;
  const height = options.height ?? 72;
  const pad = { left: 26, right: 14, top: 16, bottom: 16 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i) => pad.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (score) => pad.top + plotH - (score / 100) * plotH;
  const name = options.name ? ` of ${options.name}` : '';
  const describe = (p) => `${formatDate(p.date)}: ${p.score === null ? 'score n/a (not enough data to score)' : `score ${formatScore(p.score)}`}, ${bandInfo(p.band).label}`;

  const chart = svg('svg', {
    class: 'htr-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `Health trend${name}: ${points.length} snapshots, use the arrow keys to move between them`,
  });
  chart.append(svg('title', {}, `Health trend${name}`));
  const first = points[0];
  const last = points.at(-1);
  chart.append(svg('desc', {}, `From ${describe(first)} to ${describe(last)}.`));

  const axis = svg('g', { class: 'htr-axis', 'aria-hidden': 'true' });
  for (const value of [0, 50, 100]) {
    axis.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value), class: value === 0 ? 'htr-base' : 'htr-grid' }),
      svg('text', { x: pad.left - 4, y: y(value) + 3, 'text-anchor': 'end', class: 'htr-tick' }, value));
  }
  chart.append(axis);

  // The line, broken wherever a snapshot has no score.
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.score === null) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.score).toFixed(1)}`;
    pen = true;
  });
  if (d) chart.append(svg('path', { d, class: 'htr-line', 'aria-hidden': 'true' }));

  // Label every point when there are few, else the first, the last and the lowest.
  const scored = points.map((p, i) => ({ ...p, i })).filter((p) => p.score !== null);
  const lowest = scored.reduce((low, p) => (low === null || p.score < low.score ? p : low), null);
  const labelled = new Set(points.length <= 8 ? points.map((_, i) => i) : [0, points.length - 1, lowest?.i].filter((i) => i !== undefined));

  const marks = svg('g', { class: 'htr-points' });
  points.forEach((p, i) => {
    const cx = x(i);
    const cy = p.score === null ? y(0) : y(p.score);
    const words = describe(p);
    const mark = svg('g', {
      class: `htr-point ${bandClass(p.band)}${p.score === null ? ' is-na' : ''}`,
      tabindex: i === points.length - 1 ? 0 : -1,
      role: 'img',
      'aria-label': words,
      'data-date': p.date,
      'data-band': p.band,
      'data-score': p.score ?? '',
    });
    mark.append(svg('title', {}, words));
    // A larger transparent target so the point is easy to hover and shows its focus ring.
    mark.append(svg('circle', { cx, cy, r: 7, class: 'htr-hit' }));
    // An unscored snapshot gets the Unknown icon (dashed circle, question mark) on the axis.
    mark.append(shapeAt(p.score === null ? 'unknown' : p.band, cx, cy));
    if (labelled.has(i)) {
      const above = p.score === null || p.score < 85;
      mark.append(svg('text', {
        x: cx, y: above ? cy - 7 : cy + 13, 'text-anchor': i === 0 && points.length > 1 ? 'start' : i === points.length - 1 && points.length > 1 ? 'end' : 'middle',
        class: 'htr-label', 'aria-hidden': 'true',
      }, p.score === null ? 'n/a' : formatScore(p.score)));
    }
    marks.append(mark);
  });
  chart.append(marks);
  rovingMarks(chart, '.htr-point', (mark, index) => options.onSelect?.(points[index]));

  return replaceChildren(container, el('figure', { class: 'htr' }, chart,
    el('figcaption', { class: 'htr-caption' },
      `${formatDate(first.date, 'short')} – ${formatDate(last.date, 'short')}: `,
      first.score === null ? 'n/a' : formatScore(first.score), ' → ',
      last.score === null ? 'n/a' : formatScore(last.score),
      ` (${bandInfo(last.band).label})`)));
}

/** The band's shape at a point: the pill's own icon, nested, so the shapes match everywhere. */
function shapeAt(band, cx, cy) {
  const icon = bandIcon(band);
  for (const [name, value] of Object.entries({ x: cx - 6, y: cy - 6, class: 'hb-icon htr-mark' })) icon.setAttribute(name, String(value));
  return icon;
}
