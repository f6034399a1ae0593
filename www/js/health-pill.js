// Health bands as the engine reports them (src/health), in words, shapes and colours, shared by
// every health view. A band always shows its label; its shape is drawn in SVG (not a font
// glyph, which may be missing) so the pill still reads in greyscale or on a black-and-white
// printout; colour only reinforces. "Unknown" is grey with a dashed outline and a question
// mark: a project the engine cannot score must never look healthy.

import { el, replaceChildren, svg } from './dom.js';
import { formatCount } from './format.js';


/** Worst first: the order of filters, legends and counts. */
export const BAND_ORDER = ['red', 'amberRed', 'amber', 'amberGreen', 'green', 'unknown'];

// letter: what a screen shows when space is tight (a tile, a heat-map legend); shape: the icon.
const BANDS = {
  green: { label: 'Green', letter: 'G', shape: 'circle' },
  amberGreen: { label: 'Amber/Green', letter: 'AG', shape: 'half' },
  amber: { label: 'Amber', letter: 'A', shape: 'triangle' },
  amberRed: { label: 'Amber/Red', letter: 'AR', shape: 'triangleBar' },
  red: { label: 'Red', letter: 'R', shape: 'diamond' },
  unknown: { label: 'Unknown', letter: '?', shape: 'question' },
};

/** { label, letter, shape, band } of a band code; anything unrecognised reads as Unknown. */
export function bandInfo(band) {
  const known = Object.hasOwn(BANDS, band) ? band : 'unknown';
  return { band: known, ...BANDS[known] };
}

/** The CSS class that carries a band's colours: "hb-green", "hb-amber-green", ... */
export function bandClass(band) {
  return `hb-${bandInfo(band).band.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A health score (0-100) as text, or null when it is undefined. */
export function formatScore(score) {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  return formatCount(Math.round(score));
}

/**
 * "n/a" for an undefined number, with the reason as its tooltip and (for screen readers and
 * print) in words after it. Undefined is never shown as 0.
 */
export function notAvailable(reason, { showReason = false } = {}) {
  const words = reason || 'not defined';
  return el('span', { class: 'hv-na', title: words, dataset: { reason: words } },
    'n/a',
    el('span', { class: showReason ? 'hv-na-reason' : 'visually-hidden' }, ` (${words})`));
}

/** A score, or n/a with its reason. */
export function scoreText(score, reason) {
  const text = formatScore(score);
  return text === null ? notAvailable(reason ?? 'not enough data to score') : el('span', { class: 'hv-score' }, text);
}

/** The band's shape as a 12×12 SVG icon (decorative: the label beside it carries the meaning). */
export function bandIcon(band) {
  const { shape } = bandInfo(band);
  const icon = svg('svg', { class: 'hb-icon', width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true', focusable: 'false' });
  const add = (tag, attrs) => icon.appendChild(svg(tag, attrs));
  switch (shape) {
    case 'circle': add('circle', { cx: 6, cy: 6, r: 5, class: 'hb-fill' }); break;
    case 'half':
      add('circle', { cx: 6, cy: 6, r: 4.6, class: 'hb-outline' });
      add('path', { d: 'M6 1.4A4.6 4.6 0 0 0 6 10.6Z', class: 'hb-fill' });
      break;
    case 'triangle': add('path', { d: 'M6 1L11.2 10.6H0.8Z', class: 'hb-fill' }); break;
    case 'triangleBar':
      add('path', { d: 'M6 1L11.2 10.6H0.8Z', class: 'hb-outline' });
      add('rect', { x: 2.6, y: 6.2, width: 6.8, height: 4.4, class: 'hb-fill' });
      break;
    case 'diamond': add('path', { d: 'M6 0.5L11.5 6L6 11.5L0.5 6Z', class: 'hb-fill' }); break;
    default:
      // A question mark drawn as a path: text in the icon would leak into the pill's text.
      add('circle', { cx: 6, cy: 6, r: 5.2, class: 'hb-outline hb-dashed' });
      add('path', { d: 'M4.3 4.6A1.75 1.75 0 1 1 6.6 6.2C6.1 6.5 6 6.8 6 7.4', class: 'hb-stroke' });
      add('circle', { cx: 6, cy: 9, r: 0.8, class: 'hb-fill' });
  }
  return icon;
}

/**
 * A pill element: icon + label (+ score). band: a band code; label: the engine's label (the
 * standard words are used when it is missing); score: shown after the label when given and
 * options.showScore is set. options.title adds a tooltip (e.g. why it is capped).
 */
export function healthPill(band, { label, score = null, showScore = false, title = null, scoreReason = null } = {}) {
  const info = bandInfo(band);
  const text = label || info.label;
  const scoreNode = showScore ? scoreText(score, scoreReason) : null;
  return el(
    'span',
    { class: ['hb-pill', bandClass(info.band)], dataset: { band: info.band }, title },
    bandIcon(info.band),
    el('span', { class: 'hb-label' }, text),
    scoreNode ? el('span', { class: 'hb-pill-score' }, scoreNode) : null,
  );
}

/** Fills container with one pill. data: { band, label?, score? }; options as healthPill's. */
export function renderHealthPill(container, data, options = {}) {
  return replaceChildren(container, healthPill(data?.band, { label: data?.label ?? data?.bandLabel, score: data?.score ?? null, ...options }));
}

// The manual RAG a project manager reports is on three values; the same shapes as the bands.
const MANUAL = { green: 'green', amber: 'amber', red: 'red' };

/** A pill for a manual RAG ("green" | "amber" | "red" | null: not reported). */
export function manualRagPill(rag) {
  if (!rag || !MANUAL[rag]) return el('span', { class: 'hb-pill hb-unknown hb-none', dataset: { band: 'none' } }, bandIcon('unknown'), el('span', { class: 'hb-label' }, 'Not reported'));
  return healthPill(MANUAL[rag]);
}
