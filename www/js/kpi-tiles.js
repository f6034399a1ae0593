// The portfolio home's headline tiles: how many projects, how many in each health band, the
// budget at completion, this fiscal year's spend against plan, and late milestones. Each tile is
// a label, a number and a line of words, so it reads as text (and to a screen reader) without
// the colours. The figures come from the engine's unit health, financials and milestones; this
// module only adds them up for display, in readKpis, the one place that knows those fields.

import { el, replaceChildren } from './dom.js';
import { formatCount, formatMoney, plural } from './format.js';
import { BAND_ORDER, healthPill, notAvailable } from './health-pill.js';

/** The tiles' numbers from the engine's records (any may be missing: its tile says so). */
export function readKpis({ unitHealth = null, financials = null, milestones = null } = {}) {
  const projects = unitHealth?.projects ?? [];
  const budgets = projects.map((p) => p.budgetAtCompletion).filter(Number.isFinite);
  // Budgets in different currencies are shown side by side, never added together.
  const byCurrency = new Map();
  for (const p of projects) {
    if (Number.isFinite(p.budgetAtCompletion) && p.currency) byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + p.budgetAtCompletion);
  }
  const closed = (financials?.months ?? []).filter((m) => m.closed);
  const planToDate = closed.reduce((sum, m) => sum + (Number.isFinite(m.plan) ? m.plan : 0), 0);
  const actualToDate = financials?.fullYear?.actualToDate ?? null;
  const list = Array.isArray(milestones) ? milestones : [];
  const late = list.filter((m) => m.status === 'late');
  return {
    projectCount: unitHealth?.projectCount ?? projects.length,
    bandCounts: unitHealth?.bandCounts ?? null,
    budgetAtCompletion: budgets.length && byCurrency.size <= 1 ? budgets.reduce((a, b) => a + b, 0) : null,
    budgetByCurrency: [...byCurrency],
    budgetProjects: budgets.length,
    currency: financials?.currency ?? null,
    fiscalYear: financials?.fiscalYear?.label ?? null,
    actualToDate: Number.isFinite(actualToDate) ? actualToDate : null,
    planToDate: closed.length ? planToDate : null,
    outlook: financials?.fullYear?.outlook ?? null,
    milestoneCount: list.length,
    lateCount: late.length,
    worstSlipDays: late.reduce((max, m) => (Number.isFinite(m.slipDays) && m.slipDays > max ? m.slipDays : max), 0),
    hasMilestones: Array.isArray(milestones),
  };
}

/**
 * data: { unitHealth, financials, milestones } (the engine's records, see readKpis).
 * options: { currency (when financials do not give one; default "EUR"), compact (default true) }.
 */
export function renderKpiTiles(container, data, options = {}) {
  const k = readKpis(data);
  const currency = k.currency ?? options.currency ?? 'EUR';
  const compact = options.compact ?? true;
  const money = (value, code = currency) => formatMoney(value, code, { compact });

  const tile = (key, label, value, detail, extra, className) => el(
    'li',
    { class: ['kpi', 'kt-tile', className], dataset: { kpi: key } },
    el('span', { class: 'kpi-label' }, label),
    el('span', { class: 'kpi-value kt-value' }, value),
    detail ? el('span', { class: 'kpi-detail kt-detail' }, detail) : null,
    extra,
  );
  const na = (reason) => notAvailable(reason);

  const bands = k.bandCounts
    ? el('ul', { class: 'kt-bands', 'aria-label': 'Projects by health band' }, BAND_ORDER.map((band) => el(
        'li', { class: 'kt-band', dataset: { band, count: k.bandCounts[band] ?? 0 } },
        healthPill(band), el('span', { class: 'kt-band-count' }, ` ${formatCount(k.bandCounts[band] ?? 0)}`))))
    : null;
  const worst = k.bandCounts ? (k.bandCounts.red ?? 0) + (k.bandCounts.amberRed ?? 0) : null;

  let spendDetail = null;
  if (k.actualToDate !== null && k.planToDate) {
    const delta = ((k.actualToDate - k.planToDate) / k.planToDate) * 100;
    const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
    spendDetail = `vs plan to date ${money(k.planToDate)} (${sign}${Math.abs(delta).toFixed(1)}%, ${delta > 0 ? 'over' : delta < 0 ? 'under' : 'on plan'})`;
  } else if (k.actualToDate !== null) {
    spendDetail = 'no month closed yet, so no plan to date';
  }

  return replaceChildren(container, el(
    'ul',
    { class: 'kpis kt' },
    tile('projects', 'Projects', formatCount(k.projectCount), data?.unitHealth?.name ? `in ${data.unitHealth.name}` : null),
    tile('bands', 'Health', worst === null ? na('no unit health') : plural(worst, 'project Red or Amber/Red', 'projects Red or Amber/Red'), null, bands, 'kt-bands-tile'),
    tile('bac', 'Budget at completion',
      k.budgetByCurrency.length > 1
        ? k.budgetByCurrency.map(([code, amount]) => formatMoney(amount, code, { compact })).join(' + ')
        : k.budgetAtCompletion === null ? na('no project has a budget') : money(k.budgetAtCompletion, k.budgetByCurrency[0]?.[0]),
      k.budgetByCurrency.length > 1
        ? `${plural(k.budgetProjects, 'project', 'projects')} in ${k.budgetByCurrency.length} currencies, not added`
        : k.budgetAtCompletion === null ? null : `sum of ${plural(k.budgetProjects, 'project', 'projects')}`),
    tile('spend', `Spend ${k.fiscalYear ?? 'this fiscal year'}`, k.actualToDate === null ? na('no financials') : money(k.actualToDate), spendDetail),
    tile('late', 'Late milestones', k.hasMilestones ? formatCount(k.lateCount) : na('no milestones'),
      k.hasMilestones ? (k.lateCount ? `of ${formatCount(k.milestoneCount)}; worst ${plural(k.worstSlipDays, 'day', 'days')} late` : `of ${formatCount(k.milestoneCount)}: none late`) : null,
      null, k.lateCount ? 'kt-attention' : null),
  ));
}
