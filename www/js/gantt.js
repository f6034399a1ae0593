// The schedule of one project as an SVG Gantt: one row per activity in plan order, indented by
// WBS depth; bars, summary bars, milestone diamonds, baseline bars, float tails, critical
// activities hatched and marked "C", a status-date line and a month axis. Only the rows in view
// are drawn (the chart is virtualised on scroll), so 2,000 activities stay smooth.

import { el, replaceChildren } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 22;
const HEAD = 30;
const NAME_W = 260;
const DAY = 86_400_000;
const SCALES = { week: 24, month: 6, quarter: 2 }; // pixels per day
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD[THH:MM]' in plan time -> ms, always UTC so no time zone shifts it. */
export function planTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) : null;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const day = (text) => (text ?? '').slice(0, 10);
const floatDays = (minutes) => Math.round((minutes / 480) * 10) / 10;

/** Builds the Gantt into container; returns { focusRow(index) }. */
export function renderGantt(container, { schedule, document: doc }) {
  const byId = new Map((doc?.activities ?? []).map((a) => [a.id, a]));
  const baseline = new Map((doc?.baseline?.activities ?? []).map((b) => [b.activityId, b]));
  const depthOf = (id, seen = 0) => {
    const parent = byId.get(id)?.parentId;
    return parent && byId.has(parent) && seen < 50 ? 1 + depthOf(parent, seen + 1) : 0;
  };
  const rows = schedule.activities.map((a, index) => ({
    a, index, name: byId.get(a.id)?.name ?? a.id, depth: depthOf(a.id),
    s: planTime(a.start), f: planTime(a.finish),
    bs: planTime(baseline.get(a.id)?.start), bf: planTime(baseline.get(a.id)?.finish),
  }));
  const status = planTime(doc?.statusDate);
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) for (const t of [r.s, r.f, r.bs, r.bf]) if (t !== null) { min = Math.min(min, t); max = Math.max(max, t); }
  if (status !== null) { min = Math.min(min, status); max = Math.max(max, status); }
  if (!Number.isFinite(min)) { min = Date.UTC(2026, 0, 1); max = min + 30 * DAY; }
  const d0 = new Date(min);
  const origin = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), 1);
  const end = max + 45 * DAY;
  const criticalCount = rows.filter((r) => r.a.critical).length;
  const finish = day(schedule.finish) || '—';

  let scale = 'month';
  let active = rows.length ? 0 : -1;
  const ppd = () => SCALES[scale];
  const xOf = (t) => NAME_W + ((t - origin) / DAY) * ppd();

  const live = el('p', { class: 'gantt-live', 'aria-live': 'polite', id: 'gantt-live' });
  const chart = svg('svg', { class: 'gantt-svg', role: 'img', 'aria-label': `Gantt chart: ${rows.length} activities, finish ${finish}, ${criticalCount} critical` });
  const scroller = el('div', {
    class: 'gantt-scroll', tabindex: 0, role: 'group',
    'aria-label': `Schedule, ${rows.length} activities, finish ${finish}, ${criticalCount} critical. Up and Down move between activities.`,
    'aria-describedby': 'gantt-live',
  });
  scroller.append(chart);
  const zoom = el('div', { class: 'gantt-zoom', role: 'group', 'aria-label': 'Zoom' },
    Object.keys(SCALES).map((name) => el('button', {
      type: 'button', class: 'button button-small', dataset: { scale: name }, 'aria-pressed': String(name === scale),
      on: { click: () => setScale(name) },
    }, name[0].toUpperCase() + name.slice(1))));
  const legend = el('ul', { class: 'gantt-legend' },
    el('li', {}, el('span', { class: 'swatch swatch-bar' }), 'Activity'),
    el('li', {}, el('span', { class: 'swatch swatch-critical' }), 'Critical (hatched, marked C)'),
    el('li', {}, el('span', { class: 'swatch swatch-summary' }), 'Summary'),
    el('li', {}, el('span', { class: 'swatch swatch-baseline' }), 'Baseline'),
    el('li', {}, el('span', { class: 'swatch swatch-float' }), 'Total float'),
    el('li', {}, '◆ Milestone'),
    el('li', {}, el('span', { class: 'swatch swatch-status' }), 'Status date'));
  replaceChildren(container, el('div', { class: 'gantt-toolbar' }, zoom, legend), scroller, live);

  const defs = svg('defs');
  const pattern = svg('pattern', { id: 'gantt-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { width: 6, height: 6, class: 'hatch-bg' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }));
  defs.append(pattern);
  const axis = svg('g', { class: 'gantt-axis' });
  const body = svg('g', { class: 'gantt-rows' });
  const overlay = svg('g', { class: 'gantt-overlay' });
  // The name column stays in view on horizontal scroll: its layer is moved by scrollLeft.
  const names = svg('g', { class: 'gantt-names' });
  chart.append(defs, axis, body, overlay, names);

  function layout() {
    const width = Math.ceil(xOf(end)) + 20;
    const height = HEAD + rows.length * ROW + 4;
    chart.setAttribute('width', width);
    chart.setAttribute('height', height);
    axis.replaceChildren(svg('rect', { x: 0, y: 0, width, height: HEAD, class: 'gantt-head' }));
    const d = new Date(origin);
    const step = scale === 'quarter' ? 3 : 1;
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); ; m += step) {
      const t = Date.UTC(y, m, 1);
      if (t > end) break;
      const x = xOf(t);
      const dt = new Date(t);
      axis.append(svg('line', { x1: x, y1: HEAD - 8, x2: x, y2: height, class: 'gantt-tick' }),
        svg('text', { x: x + 3, y: HEAD - 12, class: 'gantt-tick-label' }, `${MONTHS[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`));
      if (scale === 'week') {
        for (let w = t + 7 * DAY; w < Date.UTC(y, m + 1, 1); w += 7 * DAY) {
          axis.append(svg('line', { x1: xOf(w), y1: HEAD - 4, x2: xOf(w), y2: HEAD, class: 'gantt-tick-minor' }));
        }
      }
    }
    axis.append(svg('text', { x: 6, y: HEAD - 12, class: 'gantt-tick-label' }, 'Activity'));
    overlay.replaceChildren();
    if (status !== null) {
      const x = xOf(status);
      overlay.append(svg('line', { x1: x, y1: HEAD - 4, x2: x, y2: height, class: 'gantt-status-line', 'data-status': day(doc.statusDate) }),
        svg('text', { x: x + 3, y: HEAD - 1, class: 'gantt-status-label' }, `Status ${day(doc.statusDate)}`));
    }
    drawn = '';
    draw();
  }

  let drawn = '';
  function draw() {
    const first = Math.max(0, Math.floor((scroller.scrollTop - HEAD) / ROW) - 5);
    const last = Math.min(rows.length, first + Math.ceil((scroller.clientHeight || 600) / ROW) + 10);
    const key = `${first}:${last}:${scale}:${active}`;
    if (key === drawn) return;
    drawn = key;
    const nodes = [];
    const labels = [svg('rect', { x: 0, y: 0, width: NAME_W, height: HEAD + rows.length * ROW + 4, class: 'gantt-names-bg' }),
      svg('text', { x: 6, y: HEAD - 12, class: 'gantt-tick-label' }, 'Activity')];
    for (let i = first; i < last; i += 1) nodes.push(rowNode(rows[i], labels));
    body.replaceChildren(...nodes);
    names.replaceChildren(...labels);
    stick();
  }

  function stick() {
    names.setAttribute('transform', `translate(${scroller.scrollLeft} 0)`);
  }

  function rowNode(r, labels) {
    const { a } = r;
    const y = HEAD + r.index * ROW;
    const g = svg('g', { class: ['gantt-row', a.critical && 'is-critical', a.summary && 'is-summary', r.index === active && 'is-active'].filter(Boolean).join(' '), id: `gantt-row-${r.index}`, 'data-activity-id': a.id });
    g.append(svg('rect', { x: 0, y, width: '100%', height: ROW, class: 'gantt-row-bg' }));
    const label = r.name.length > 34 - r.depth * 2 ? `${r.name.slice(0, 33 - r.depth * 2)}…` : r.name;
    const cell = svg('g', { class: ['gantt-label', a.critical && 'is-critical', a.summary && 'is-summary', r.index === active && 'is-active'].filter(Boolean).join(' ') });
    cell.append(svg('rect', { x: 0, y, width: NAME_W, height: ROW, class: 'gantt-label-bg' }), svg('text', { x: 6 + r.depth * 12, y: y + 15, class: 'gantt-name' }, label));
    if (a.critical) cell.append(svg('text', { x: NAME_W - 14, y: y + 15, class: 'gantt-critical-mark' }, 'C'));
    labels.push(cell);
    if (r.bs !== null && r.bf !== null) {
      g.append(svg('rect', { x: xOf(r.bs), y: y + ROW - 6, width: Math.max(2, xOf(r.bf) - xOf(r.bs)), height: 3, class: 'gantt-baseline' }));
    }
    if (r.s !== null && r.f !== null) {
      const x1 = xOf(r.s);
      const x2 = xOf(r.f);
      if (a.milestone || r.f === r.s) {
        const cy = y + ROW / 2 - 2;
        g.append(svg('path', { d: `M${x1} ${cy - 6}L${x1 + 6} ${cy}L${x1} ${cy + 6}L${x1 - 6} ${cy}Z`, class: 'gantt-milestone' }));
      } else if (a.summary) {
        g.append(svg('rect', { x: x1, y: y + 6, width: Math.max(2, x2 - x1), height: 6, class: 'gantt-summary' }));
      } else {
        g.append(svg('rect', { x: x1, y: y + 4, width: Math.max(2, x2 - x1), height: 11, rx: 2, class: 'gantt-bar' }));
        if (a.critical) g.append(svg('rect', { x: x1, y: y + 4, width: Math.max(2, x2 - x1), height: 11, fill: 'url(#gantt-hatch)', class: 'gantt-bar-hatch' }));
      }
      if (!a.critical && a.totalFloatMinutes > 0 && !a.summary) {
        // Float is in working minutes; drawn at calendar scale as an approximation (7 per 5).
        const w = (a.totalFloatMinutes / 480) * (7 / 5) * ppd();
        g.append(svg('rect', { x: x2, y: y + 9, width: w, height: 2, class: 'gantt-float' }));
      }
    }
    return g;
  }

  function describe() {
    const r = rows[active];
    if (!r) { live.textContent = 'No activities.'; return; }
    const { a } = r;
    live.textContent = `${r.index + 1} of ${rows.length}: ${r.name}${a.milestone ? ' (milestone)' : ''}${a.summary ? ' (summary)' : ''}, ${day(a.start)} to ${day(a.finish)}, total float ${floatDays(a.totalFloatMinutes)} days, critical ${a.critical ? 'yes' : 'no'}.`;
    scroller.setAttribute('aria-activedescendant', `gantt-row-${r.index}`);
  }

  function focusRow(index) {
    if (!rows.length) return;
    active = Math.max(0, Math.min(rows.length - 1, index));
    const top = HEAD + active * ROW;
    if (top - HEAD < scroller.scrollTop) scroller.scrollTop = top - HEAD;
    else if (top + ROW > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW - scroller.clientHeight;
    const r = rows[active];
    if (r.s !== null) {
      const x = xOf(r.s);
      if (x - NAME_W < scroller.scrollLeft || x > scroller.scrollLeft + scroller.clientWidth - 40) scroller.scrollLeft = Math.max(0, x - NAME_W - 40);
    }
    drawn = '';
    draw();
    describe();
  }

  function setScale(name) {
    const centre = (scroller.scrollLeft + scroller.clientWidth / 2 - NAME_W) / ppd();
    scale = name;
    for (const b of zoom.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.scale === name));
    layout();
    scroller.scrollLeft = Math.max(0, centre * ppd() + NAME_W - scroller.clientWidth / 2);
  }

  let frame = 0;
  scroller.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; draw(); stick(); });
  }, { passive: true });
  scroller.addEventListener('keydown', (event) => {
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key in moves) focusRow(active + moves[event.key]);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else return;
    event.preventDefault();
  });

  layout();
  describe();
  return { focusRow };
}
