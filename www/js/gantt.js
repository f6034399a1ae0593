// The schedule of one project as an SVG Gantt: one row per activity in plan order, indented by
// WBS depth; bars, summary bars, milestone diamonds, baseline bars, float tails, critical
// activities hatched and marked "C", a status-date line and a month axis.
//
// Large plans: only the rows in view (plus a margin) exist in the DOM, and scrolling adds and
// removes rows at the edges instead of rebuilding the window, so 2,000 activities stay smooth.
// Keyboard and screen readers: the scroll box is a listbox whose options are the drawn rows;
// the active row is its aria-activedescendant, and each row's label says its dates, float and
// criticality in words, so nothing depends on colour or on seeing the bars.

import { el, replaceChildren, svg } from './dom.js';

const ROW = 22;
const HEAD = 46; // three header lines, baselines below
const LINE_1 = 13;
const LINE_2 = 28;
const LINE_3 = 42;
const NAME_W = 260;
const OVERSCAN = 8; // rows drawn beyond each edge, so a fast wheel does not show blank rows
const DAY = 86_400_000;
const SCALES = { week: 24, month: 6, quarter: 2 }; // pixels per day
const ZOOM_ORDER = Object.keys(SCALES);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KEYS_HINT = 'Keys: Up and Down move between activities, Page Up and Page Down by a screen, Home and End to the first and last; Left and Right scroll the time axis; + and − zoom.';

/** 'YYYY-MM-DD[THH:MM]' in plan time -> ms, always UTC so no time zone shifts it. */
export function planTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) : null;
}

const day = (text) => (text ?? '').slice(0, 10);
const floatDays = (minutes) => Math.round(((minutes ?? 0) / 480) * 10) / 10;
const daysWord = (n) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** One row in words: what a tooltip shows and a screen reader reads. */
export function describeActivity(row) {
  const { a } = row;
  const kind = a.milestone ? ' (milestone)' : a.summary ? ' (summary)' : '';
  const when = !a.start || !a.finish ? 'not scheduled'
    : a.milestone ? `on ${day(a.finish)}`
    : `starts ${day(a.start)}, finishes ${day(a.finish)}`;
  const baseline = row.baselineText ? `; baseline ${row.baselineText}` : '';
  const simulated = row.criticality === null || row.criticality === undefined ? '' : `; critical in ${Math.round(row.criticality * 100)}% of iterations`;
  return `${row.name}${kind}: ${when}, total float ${daysWord(floatDays(a.totalFloatMinutes))}, ${a.critical ? 'critical' : 'not critical'}${baseline}${simulated}.`;
}

/**
 * The schedule as a table for a spreadsheet: a header row, then one row per activity in plan
 * order (dates as the engine gives them, floats in working days of 8 hours).
 */
export function scheduleTable(schedule, doc) {
  const byId = new Map((doc?.activities ?? []).map((a) => [a.id, a]));
  const baseline = new Map((doc?.baseline?.activities ?? []).map((b) => [b.activityId, b]));
  const header = ['ID', 'Name', 'Kind', 'Start', 'Finish', 'Baseline start', 'Baseline finish', 'Total float (working days)', 'Free float (working days)', 'Critical', 'Percent complete'];
  return [header, ...schedule.activities.map((a) => [
    a.id, byId.get(a.id)?.name ?? '', a.milestone ? 'milestone' : a.summary ? 'summary' : 'task',
    a.start ?? '', a.finish ?? '', baseline.get(a.id)?.start ?? '', baseline.get(a.id)?.finish ?? '',
    String(floatDays(a.totalFloatMinutes)), String(floatDays(a.freeFloatMinutes)), a.critical ? 'yes' : 'no',
    String(byId.get(a.id)?.percentComplete ?? 0),
  ])];
}

/** The criticality band of a simulated criticality index (0..1), for the bar's shading. */
export function criticalityBand(index) {
  if (index === null || index === undefined) return null;
  return index >= 0.8 ? 'high' : index >= 0.4 ? 'medium' : index > 0 ? 'low' : 'none';
}

/**
 * Builds the Gantt into container; returns { focusRow(index), setScale(name) }.
 * criticality: optional Map activity id -> criticality index (0..1) from a Monte Carlo run.
 * onSelect(activityId): optional, an activity was chosen (click, Enter or Space on its row).
 */
export function renderGantt(container, { schedule, document: doc, criticality = null, onSelect = null }) {
  const rows = buildRows(schedule, doc, criticality);
  const status = planTime(doc?.statusDate);
  const { origin, end, earliest } = timeRange(rows, status);
  const criticalCount = rows.filter((r) => r.a.critical).length;
  const finish = day(schedule.finish) || '—';
  const summary = `${rows.length} activities, finish ${finish}, ${criticalCount} critical`;

  // A short plan starts at week zoom, where a one-day task is wider than a hairline.
  let scale = (end - origin) / DAY <= 90 ? 'week' : 'month';
  let active = rows.length ? 0 : -1;
  const ppd = () => SCALES[scale];
  const xOf = (t) => NAME_W + ((t - origin) / DAY) * ppd();

  const readout = el('p', { class: 'gantt-readout', id: 'gantt-readout' });
  const hint = el('p', { class: 'hint gantt-keys', id: 'gantt-keys' }, KEYS_HINT, onSelect ? ' Enter chooses the activity.' : '');
  const chart = svg('svg', { class: 'gantt-svg', role: 'presentation', 'data-summary': summary });
  const scroller = el('div', {
    class: 'gantt-scroll', tabindex: 0, role: 'listbox',
    'aria-label': `Schedule: ${summary}`,
    'aria-describedby': 'gantt-keys',
  });
  scroller.append(chart);
  const zoom = el('div', { class: 'gantt-zoom', role: 'group', 'aria-label': 'Zoom' },
    ZOOM_ORDER.map((name) => el('button', {
      type: 'button', class: 'button button-small', dataset: { scale: name }, 'aria-pressed': String(name === scale),
      on: { click: () => setScale(name) },
    }, name[0].toUpperCase() + name.slice(1))));
  replaceChildren(container, el('div', { class: 'gantt-toolbar' }, zoom, legend(Boolean(criticality))), scroller, readout, hint);

  // Layers, back to front. The name column follows horizontal scroll and the time axis
  // vertical scroll (moved by transforms), so neither is ever scrolled out of view; the corner
  // follows both. Everything but the rows is decoration for AT: the rows carry the words.
  const hidden = { 'aria-hidden': 'true' };
  const defs = svg('defs');
  const pattern = svg('pattern', { id: 'gantt-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }));
  defs.append(pattern);
  const grid = svg('g', { class: 'gantt-grid', ...hidden });
  const body = svg('g', { class: 'gantt-rows' });
  const overlay = svg('g', { class: 'gantt-overlay', ...hidden });
  const names = svg('g', { class: 'gantt-names', ...hidden });
  const namesBg = svg('rect', { x: 0, y: 0, width: NAME_W, class: 'gantt-names-bg' });
  const nameRows = svg('g');
  names.append(namesBg, nameRows);
  const head = svg('g', { class: 'gantt-axis', ...hidden });
  const corner = svg('g', { class: 'gantt-corner', ...hidden });
  corner.append(svg('rect', { x: 0, y: 0, width: NAME_W, height: HEAD, class: 'gantt-head' }),
    svg('text', { x: 6, y: LINE_2, class: 'gantt-tick-label' }, 'Activity'));
  chart.append(defs, grid, body, overlay, names, head, corner);

  /** index -> { row, label } for the rows now in the DOM. */
  const shown = new Map();

  function layout() {
    // At least as wide as its box, so row stripes and the active row reach the right edge.
    const width = Math.max(Math.ceil(xOf(end)) + 20, scroller.clientWidth);
    const height = HEAD + rows.length * ROW + 4;
    chart.setAttribute('width', width);
    chart.setAttribute('height', height);
    namesBg.setAttribute('height', height);
    grid.replaceChildren();
    head.replaceChildren(svg('rect', { x: 0, y: 0, width, height: HEAD, class: 'gantt-head' }));
    drawAxis(height);
    head.append(svg('line', { x1: 0, y1: HEAD - 0.5, x2: width, y2: HEAD - 0.5, class: 'gantt-head-rule' }));
    overlay.replaceChildren();
    if (status !== null) {
      const x = xOf(status);
      overlay.append(svg('line', { x1: x, y1: HEAD, x2: x, y2: height, class: 'gantt-status-line', 'data-status': day(doc.statusDate) }));
      head.append(svg('line', { x1: x, y1: LINE_3 - 10, x2: x, y2: HEAD, class: 'gantt-status-line' }),
        svg('text', { x: x + 3, y: LINE_3, class: 'gantt-status-label' }, `Status date ${day(doc.statusDate)}`));
    }
    for (const { row, label } of shown.values()) { row.remove(); label.remove(); }
    shown.clear();
    draw();
  }

  /** Three header lines: months (or quarters); weeks from Monday at week zoom; the status date. */
  function drawAxis(height) {
    const d = new Date(origin);
    const step = scale === 'quarter' ? 3 : 1;
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); ; m += step) {
      const t = Date.UTC(y, m, 1);
      if (t > end) break;
      const x = xOf(t);
      const dt = new Date(t);
      const label = scale === 'quarter' ? `Q${Math.floor(dt.getUTCMonth() / 3) + 1} ${dt.getUTCFullYear()}` : `${MONTHS[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`;
      grid.append(svg('line', { x1: x, y1: HEAD, x2: x, y2: height, class: 'gantt-tick' }));
      head.append(svg('line', { x1: x, y1: 2, x2: x, y2: HEAD, class: 'gantt-tick' }),
        svg('text', { x: x + 3, y: LINE_1, class: 'gantt-tick-label' }, label));
    }
    if (scale !== 'week') return;
    // Weeks start on Monday (ISO 8601); origin is a first of the month, at midnight UTC.
    const monday = origin + ((8 - new Date(origin).getUTCDay()) % 7) * DAY;
    for (let w = monday; w <= end; w += 7 * DAY) {
      const x = xOf(w);
      const dw = new Date(w);
      head.append(svg('line', { x1: x, y1: LINE_1 + 4, x2: x, y2: HEAD, class: 'gantt-tick-minor' }),
        svg('text', { x: x + 3, y: LINE_2, class: 'gantt-tick-label gantt-week-label' }, `${dw.getUTCDate()} ${MONTHS[dw.getUTCMonth()]} ${dw.getUTCFullYear()}`));
    }
  }

  /** The rows in view plus OVERSCAN either side: [first, last). */
  function windowOf() {
    const visible = Math.ceil((scroller.clientHeight || 600) / ROW);
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - OVERSCAN);
    return [first, Math.min(rows.length, first + visible + 2 * OVERSCAN)];
  }

  function draw() {
    const [first, last] = windowOf();
    for (const [index, nodes] of shown) {
      if (index < first || index >= last) { nodes.row.remove(); nodes.label.remove(); shown.delete(index); }
    }
    // Walking down from the bottom keeps DOM order equal to row order (reading order for AT).
    for (let index = last - 1; index >= first; index -= 1) {
      if (shown.has(index)) continue;
      const nodes = rowNodes(rows[index]);
      const next = shown.get(index + 1);
      body.insertBefore(nodes.row, next?.row ?? null);
      nameRows.insertBefore(nodes.label, next?.label ?? null);
      shown.set(index, nodes);
    }
    if (shown.has(active)) scroller.setAttribute('aria-activedescendant', `gantt-row-${active}`);
    else scroller.removeAttribute('aria-activedescendant');
    stick();
  }

  function stick() {
    const { scrollLeft: left, scrollTop: top } = scroller;
    names.setAttribute('transform', `translate(${left} 0)`);
    head.setAttribute('transform', `translate(0 ${top})`);
    corner.setAttribute('transform', `translate(${left} ${top})`);
  }

  function rowNodes(r) {
    const { a } = r;
    const y = HEAD + r.index * ROW;
    const isActive = r.index === active;
    const band = criticalityBand(r.criticality);
    const classes = [a.critical && 'is-critical', a.summary && 'is-summary', r.index % 2 && 'is-odd', isActive && 'is-active', band && `crit-${band}`];
    const row = svg('g', {
      class: ['gantt-row', ...classes].filter(Boolean).join(' '), id: `gantt-row-${r.index}`, 'data-activity-id': a.id, 'data-index': r.index,
      'data-criticality': r.criticality, role: 'option', 'aria-selected': String(isActive), 'aria-posinset': r.index + 1, 'aria-setsize': rows.length, 'aria-label': r.text,
    });
    row.append(svg('title', {}, r.text), svg('rect', { x: 0, y, width: '100%', height: ROW, class: 'gantt-row-bg' }));
    if (r.bs !== null && r.bf !== null) {
      row.append(svg('rect', { x: xOf(r.bs), y: y + ROW - 6, width: Math.max(2, xOf(r.bf) - xOf(r.bs)), height: 3, class: 'gantt-baseline' }));
    }
    if (r.s !== null && r.f !== null) {
      const x1 = xOf(r.s);
      const x2 = xOf(r.f);
      // A summary keeps its bar shape even when it spans no time, so it is never read as a milestone.
      if (a.milestone || (r.f === r.s && !a.summary)) {
        const cy = y + ROW / 2 - 2;
        row.append(svg('path', { d: `M${x1} ${cy - 6}L${x1 + 6} ${cy}L${x1} ${cy + 6}L${x1 - 6} ${cy}Z`, class: 'gantt-milestone' }));
      } else if (a.summary) {
        row.append(svg('rect', { x: x1, y: y + 6, width: Math.max(2, x2 - x1), height: 6, class: 'gantt-summary' }));
      } else {
        row.append(svg('rect', { x: x1, y: y + 4, width: Math.max(2, x2 - x1), height: 11, rx: 2, class: 'gantt-bar' }));
        if (a.critical) row.append(svg('rect', { x: x1, y: y + 4, width: Math.max(2, x2 - x1), height: 11, fill: 'url(#gantt-hatch)', class: 'gantt-bar-hatch' }));
      }
      if (!a.critical && a.totalFloatMinutes > 0 && !a.summary) {
        // Float is in working minutes; drawn at calendar scale as an approximation (7 per 5).
        const w = (a.totalFloatMinutes / 480) * (7 / 5) * ppd();
        row.append(svg('rect', { x: x2, y: y + 9, width: w, height: 2, class: 'gantt-float' }));
      }
    }
    const label = svg('g', { class: ['gantt-label', ...classes].filter(Boolean).join(' ') });
    const room = 34 - r.depth * 2 - (a.critical ? 2 : 0);
    const name = r.name.length > room ? `${r.name.slice(0, room - 1)}…` : r.name;
    label.append(svg('rect', { x: 0, y, width: NAME_W, height: ROW, class: 'gantt-label-bg' }),
      svg('text', { x: 6 + r.depth * 12, y: y + 15, class: 'gantt-name' }, name));
    if (a.critical) label.append(svg('text', { x: NAME_W - 16, y: y + 15, class: 'gantt-critical-mark' }, 'C'));
    return { row, label };
  }

  function markActive(index, on) {
    const nodes = shown.get(index);
    if (!nodes) return;
    nodes.row.classList.toggle('is-active', on);
    nodes.label.classList.toggle('is-active', on);
    nodes.row.setAttribute('aria-selected', String(on));
  }

  function describe() {
    const r = rows[active];
    readout.textContent = r ? `${r.index + 1} of ${rows.length}: ${r.text}` : 'No activities.';
  }

  /** Scrolls so the row is below the sticky axis and above the bottom edge, and its bar in view. */
  function focusRow(index) {
    if (!rows.length) return;
    markActive(active, false);
    active = Math.max(0, Math.min(rows.length - 1, index));
    const top = active * ROW; // the row's top, measured from the first row under the axis
    const rowsHeight = scroller.clientHeight - HEAD;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW > scroller.scrollTop + rowsHeight) scroller.scrollTop = top + ROW - rowsHeight;
    const r = rows[active];
    if (r.s !== null) {
      const x = xOf(r.s);
      if (x < scroller.scrollLeft + NAME_W || x > scroller.scrollLeft + scroller.clientWidth - 40) scroller.scrollLeft = Math.max(0, x - NAME_W - 40);
    }
    draw();
    markActive(active, true);
    describe();
  }

  function setScale(name) {
    if (!(name in SCALES)) return;
    const centre = (scroller.scrollLeft + (scroller.clientWidth - NAME_W) / 2) / ppd();
    scale = name;
    for (const b of zoom.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.scale === name));
    layout();
    scroller.scrollLeft = Math.max(0, centre * ppd() - (scroller.clientWidth - NAME_W) / 2);
    stick();
  }

  const pageRows = () => Math.max(1, Math.floor((scroller.clientHeight - HEAD) / ROW) - 1);
  // Scroll events come at most once per frame, so the work is done here, in the same frame
  // as the scroll: the axis and names never lag a frame behind the bars.
  scroller.addEventListener('scroll', draw, { passive: true });
  scroller.addEventListener('focus', () => {
    // After mouse scrolling the active row may be far away: start from the first row in view.
    if (!shown.has(active) && rows.length) focusRow(Math.ceil(scroller.scrollTop / ROW));
  });
  scroller.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest('.gantt-row') : null;
    if (!row) return;
    focusRow(Number(row.getAttribute('data-index')));
    onSelect?.(rows[active].a.id);
  });
  scroller.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows(), PageUp: -pageRows() };
    const zoomStep = { '+': -1, '=': -1, '-': 1, '_': 1 }[event.key];
    if (event.key in moves) focusRow(active + moves[event.key]);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else if ((event.key === 'Enter' || event.key === ' ') && onSelect && rows[active]) onSelect(rows[active].a.id);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      scroller.scrollLeft += (event.key === 'ArrowRight' ? 1 : -1) * Math.max(40, (scroller.clientWidth - NAME_W) / 4);
    } else if (zoomStep !== undefined) {
      const next = ZOOM_ORDER[ZOOM_ORDER.indexOf(scale) + zoomStep];
      if (next) setScale(next);
    } else return;
    event.preventDefault();
  });

  layout();
  // Open on the plan's first date, not on the blank start of its first month.
  scroller.scrollLeft = Math.max(0, xOf(earliest) - NAME_W - 40);
  stick();
  describe();
  return { focusRow, setScale };
}

function buildRows(schedule, doc, criticality) {
  const byId = new Map((doc?.activities ?? []).map((a) => [a.id, a]));
  const baseline = new Map((doc?.baseline?.activities ?? []).map((b) => [b.activityId, b]));
  const depthOf = (id, seen = 0) => {
    const parent = byId.get(id)?.parentId;
    return parent && byId.has(parent) && seen < 50 ? 1 + depthOf(parent, seen + 1) : 0;
  };
  return schedule.activities.map((a, index) => {
    const b = baseline.get(a.id);
    const row = {
      a, index, name: byId.get(a.id)?.name ?? a.id, depth: depthOf(a.id),
      s: planTime(a.start), f: planTime(a.finish), bs: planTime(b?.start), bf: planTime(b?.finish),
      baselineText: b?.start && b?.finish ? `${day(b.start)} to ${day(b.finish)}` : '',
      criticality: criticality?.get(a.id) ?? null,
    };
    row.text = describeActivity(row);
    return row;
  });
}

/** From the first of the month of the earliest date to 45 days after the latest. */
function timeRange(rows, status) {
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) for (const t of [r.s, r.f, r.bs, r.bf]) if (t !== null) { min = Math.min(min, t); max = Math.max(max, t); }
  if (status !== null) { min = Math.min(min, status); max = Math.max(max, status); }
  if (!Number.isFinite(min)) { min = Date.UTC(2026, 0, 1); max = min + 30 * DAY; }
  const d0 = new Date(min);
  return { origin: Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), 1), end: max + 45 * DAY, earliest: min };
}

/** Every mark of the chart, in words beside its sample: the chart reads without colour. */
function legend(simulated = false) {
  const item = (swatch, text) => el('li', {}, swatch, text);
  return el('ul', { class: 'gantt-legend', 'aria-label': 'Legend' },
    item(el('span', { class: 'swatch swatch-bar', 'aria-hidden': 'true' }), 'Activity (bar from start to finish)'),
    item(el('span', { class: 'swatch swatch-critical', 'aria-hidden': 'true' }), 'Critical: hatched bar, name marked “C”'),
    item(el('span', { class: 'swatch swatch-summary', 'aria-hidden': 'true' }), 'Summary'),
    item(el('span', { class: 'legend-mark', 'aria-hidden': 'true' }, '◆'), 'Milestone'),
    item(el('span', { class: 'swatch swatch-baseline', 'aria-hidden': 'true' }), 'Baseline (thin grey bar under the activity)'),
    item(el('span', { class: 'swatch swatch-float', 'aria-hidden': 'true' }), 'Total float (line after the bar)'),
    item(el('span', { class: 'swatch swatch-status', 'aria-hidden': 'true' }), 'Status date (dashed line)'),
    simulated ? item(el('span', { class: 'swatch swatch-crit', 'aria-hidden': 'true' }), 'Simulation: darker bar = critical in more iterations (≥ 80%, 40–79%, under 40%, never); each row’s tooltip says the share') : null);
}
