// Numbers, money and dates in the reader's locale, and the words shown for the model's codes.
// Formatters are cached because Intl constructors are slow and tables call them per cell.

const locale = undefined; // the browser's preferred locale
const cache = new Map();

function cached(key, make) {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** A count: 1,234. */
export function formatCount(value) {
  return cached('count', () => new Intl.NumberFormat(locale)).format(value);
}

/**
 * An amount of money in its own currency, whole units (a PMO reads budgets, not cents).
 * compact: "€12M" for KPI tiles. An unknown currency code falls back to "1,234 XYZ" rather
 * than breaking the page.
 */
export function formatMoney(amount, currency, { compact = false } = {}) {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  try {
    const formatter = cached(`money:${currency}:${compact}`, () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        notation: compact ? 'compact' : 'standard',
        maximumFractionDigits: compact ? 1 : 0,
        minimumFractionDigits: 0,
      }),
    );
    return formatter.format(amount);
  } catch {
    return `${formatCount(Math.round(amount))} ${currency}`;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A model date ('YYYY-MM-DD', a calendar day with no time zone) in the reader's locale.
 * It is read as midnight UTC and formatted in UTC, so no time zone can move it to the day before.
 */
/** @param {string | null | undefined} isoDate @param {'full' | 'long' | 'medium' | 'short'} [style] */
export function formatDate(isoDate, style = 'medium') {
  if (!isoDate) return '—';
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return cached(`date:${style}`, () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' })).format(utc);
}

/** "1 project" / "3 projects", with the number in the locale's digits. */
export function plural(count, one, many) {
  const rule = cached('plural', () => new Intl.PluralRules(locale)).select(count);
  return `${formatCount(count)} ${rule === 'one' ? one : many}`;
}

const PHASES = {
  initiation: 'Initiation',
  planning: 'Planning',
  execution: 'Execution',
  closing: 'Closing',
  closed: 'Closed',
};

const STATUSES = {
  proposed: 'Proposed',
  active: 'Active',
  onHold: 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const UNIT_KINDS = {
  function: 'Function',
  portfolio: 'Portfolio',
  subPortfolio: 'Sub-portfolio',
  program: 'Program',
};

// Each RAG value has its own shape as well as its colour, so it reads without colour vision
// and on a black-and-white printout.
const RAGS = {
  green: { label: 'Green', symbol: '●' },
  amber: { label: 'Amber', symbol: '▲' },
  red: { label: 'Red', symbol: '◆' },
};

export const phaseLabel = (code) => PHASES[code] ?? code ?? '—';
export const statusLabel = (code) => STATUSES[code] ?? code ?? '—';
export const unitKindLabel = (code) => UNIT_KINDS[code] ?? code ?? '';
export const ragInfo = (code) => (code ? RAGS[code] ?? { label: code, symbol: '?' } : null);

// Earned value: the words for an undefined ratio's reason code (the engine's UndefinedReason),
// so "n/a" always comes with why, never as 0.
const UNDEFINED_REASONS = {
  noActualCost: 'no actual cost recorded yet',
  noPlannedValue: 'no planned value yet',
  noEarnedValue: 'no earned value yet',
  noBudget: 'no budget at completion',
  workComplete: 'the work is complete',
  budgetSpent: 'the budget is already spent',
  notStarted: 'the project has not started',
  noActualTime: 'no time has elapsed yet',
  noRemainingTime: 'no planned time remains',
  noEstimateToComplete: 'no estimate to complete',
  noBottomUpEstimate: 'no bottom-up estimate',
  noWindow: 'too few months for a trend',
  notFinite: 'the figures give no finite value',
};

export const reasonText = (code) => UNDEFINED_REASONS[code] ?? (code ? `undefined (${code})` : 'undefined');

/** A performance index (CPI, SPI, ...): two decimals, "—" when absent. */
export function formatIndex(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return cached('index', () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(value);
}

/** A duration in months with one decimal: "17.5 months". */
export function formatMonths(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = cached('months', () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
  return `${text} ${Math.abs(value) === 1 ? 'month' : 'months'}`;
}

/** Round tick values covering [0, max] in about `parts` steps of 1, 2, 2.5 or 5 times a power of ten. */
export function roundTicks(max, parts) {
  if (!(max > 0)) return { top: 1, values: [0, 1] };
  const rough = max / parts;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  const top = Math.ceil(max / step) * step;
  const values = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(v);
  return { top, values };
}
