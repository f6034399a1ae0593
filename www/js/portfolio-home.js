// The portfolio home: health KPI tiles, the health table with its "why" panel, spend against plan
// and forecast for the fiscal year, capacity against demand, milestones across projects, and the
// printable executive one-pager, all for the unit chosen in the tree (or the whole portfolio).
// One call to the engine per view; a view whose call fails says why in its place.

import { el, replaceChildren } from './dom.js';
import { renderKpiTiles } from './kpi-tiles.js';
import { renderHealthTable } from './health-table.js';
import { renderHealthWhy } from './health-why.js';
import { renderFinancialsChart } from './financials-chart.js';
import { renderCapacityHeatmap } from './capacity-heatmap.js';
import { renderMilestoneList } from './milestone-list.js';
import { renderOnePager } from './one-pager.js';
import { capacityView, financialsView, milestonesView } from './portfolio-data.js';

/** Months of capacity shown from the status month. */
const CAPACITY_MONTHS = 6;

function failure(what, error) {
  return el('p', { class: 'alert alert-error' }, `${what} could not be computed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`);
}

/** Runs one engine call; on failure shows why in `container` and returns null. */
function attempt(container, what, call) {
  try {
    return call();
  } catch (error) {
    replaceChildren(container, failure(what, error));
    return null;
  }
}

/**
 * parts: { kpis, table, why, financials, capacity, milestones, onePager, onePagerButton }
 * (containers), options: { onOpenProject(projectId) }. Returns { show(workspace, scope) } where
 * scope is { unitId | null, name, statusDate, currency, currencies, portfolioId }.
 */
export function createPortfolioHome(parts, options = {}) {
  let current = null;

  function closeWhy() {
    parts.why.hidden = true;
    replaceChildren(parts.why);
  }

  function openWhy(workspace, projectId) {
    const health = attempt(parts.why, 'Project health', () => workspace.health(projectId, null));
    parts.why.hidden = false;
    if (!health) return;
    renderHealthWhy(parts.why, health, {
      focus: true,
      onClose: () => {
        closeWhy();
        parts.table.querySelector(`tr[data-project-id="${CSS.escape(projectId)}"]`)?.focus();
      },
      onNavigate: () => options.onOpenProject?.(projectId),
    });
  }

  /** The top open threats of the scope's projects by residual score, for the one-pager. */
  function topRisks(workspace, unitHealth, currency) {
    const risks = [];
    for (const row of unitHealth?.projects ?? []) {
      let register;
      try {
        register = workspace.riskRegister(row.projectId, null);
      } catch {
        continue;
      }
      const emvById = new Map((register.exposure?.risks ?? []).map((r) => [r.id, r.emv]));
      for (const risk of register.risks) {
        if (risk.kind !== 'threat' || risk.status !== 'open') continue;
        risks.push({
          riskId: risk.id,
          projectId: row.projectId,
          projectName: row.name,
          title: risk.title,
          score: risk.residual.score,
          band: risk.residual.band,
          // Amounts in another currency are not shown as if they were in the portfolio's.
          emv: register.currency === currency ? emvById.get(risk.id) ?? null : null,
          owner: risk.owner,
        });
      }
    }
    return risks.sort((a, b) => b.score - a.score || (a.emv ?? 0) - (b.emv ?? 0)).slice(0, 5);
  }

  /** Conversion rates the reader gave this session: currency -> value in the portfolio's. */
  const rates = {};

  /**
   * The scope's financials. Amounts in different currencies are never added without rates, so
   * when the engine refuses, the reader is asked for them (they stay in this page).
   */
  function financialsOf(workspace, scope) {
    const given = Object.keys(rates).length ? { rates } : null;
    try {
      return workspace.financials(scope.unitId ?? scope.portfolioId, given);
    } catch (error) {
      if (error?.code !== 'mixed_currencies') {
        replaceChildren(parts.financials, failure('Financials', error));
        return null;
      }
      replaceChildren(parts.financials, ratesForm(scope, error, () => show(workspace, scope)));
      return null;
    }
  }

  function ratesForm(scope, error, onDone) {
    const others = (scope.currencies ?? []).filter((currency) => currency !== scope.currency);
    const inputs = others.map((currency) => el('input', {
      type: 'number', min: '0', step: 'any', required: true, id: `rate-${currency}`, class: 'rate-input',
      value: rates[currency] ?? '', 'aria-label': `Value of 1 ${currency} in ${scope.currency}`,
    }));
    const submit = (event) => {
      event.preventDefault();
      others.forEach((currency, i) => {
        const value = Number(inputs[i].value);
        if (Number.isFinite(value) && value > 0) rates[currency] = value;
      });
      onDone();
    };
    return el('form', { class: 'rates-form', on: { submit } },
      el('p', {}, `${error.message} The projects report in ${[scope.currency, ...others].join(' and ')}: give the rates to show spend in ${scope.currency}.`),
      others.map((currency, i) => el('label', { class: 'rate-label', for: `rate-${currency}` }, `1 ${currency} = `, inputs[i], ` ${scope.currency}`)),
      el('button', { type: 'submit', class: 'button' }, 'Show spend'));
  }

  function show(workspace, scope) {
    closeWhy();
    hideOnePager();
    const unitHealth = attempt(parts.table, 'Health', () => (scope.unitId ? workspace.health(scope.unitId, null) : workspace.portfolioHealth(null)));
    const financialsReport = financialsOf(workspace, scope);
    const milestoneReport = attempt(parts.milestones, 'Milestones', () => workspace.milestones(scope.unitId, null));
    const from = (scope.statusDate ?? '').slice(0, 7);
    const capacityReport = from
      ? attempt(parts.capacity, 'Capacity', () => workspace.capacity(scope.unitId, { from, months: CAPACITY_MONTHS }))
      : (replaceChildren(parts.capacity, el('p', { class: 'muted' }, 'Capacity needs a status date to start from.')), null);
    const financials = financialsReport ? financialsView(financialsReport) : null;
    const milestones = milestoneReport ? milestonesView(milestoneReport) : null;
    current = { workspace, scope, unitHealth, financials, milestones };

    renderKpiTiles(parts.kpis, { unitHealth, financials, milestones }, { currency: scope.currency });
    if (unitHealth) {
      renderHealthTable(parts.table, unitHealth, {
        currency: unitHealth.currency,
        caption: `Project health: ${unitHealth.name}${unitHealth.weighting === 'equal' ? ' (projects weighted equally: their budgets are in different currencies)' : ''}`,
        onSelect: (projectId) => openWhy(workspace, projectId),
      });
    }
    if (financials) renderFinancialsChart(parts.financials, financials, { title: `${financials.name}: ${financials.fiscalYear.label}` });
    if (capacityReport) {
      const names = new Map((unitHealth?.projects ?? []).map((p) => [p.projectId, p.name]));
      // The whole portfolio by role (one table of every resource would run to hundreds of
      // rows); a unit by resource, with the projects behind each excess.
      const by = scope.unitId ? 'resource' : 'role';
      renderCapacityHeatmap(parts.capacity, capacityView(capacityReport, { by }), {
        projectNames: names,
        caption: `Capacity against demand by ${by} from ${from}${by === 'role' ? ' (choose a unit to see its resources)' : ''}`,
      });
    }
    if (milestones) renderMilestoneList(parts.milestones, milestones, { limit: 12, onSelect: (m) => options.onOpenProject?.(m.projectId) });
  }

  function hideOnePager() {
    parts.onePager.hidden = true;
    replaceChildren(parts.onePager);
    parts.onePagerButton.setAttribute('aria-expanded', 'false');
  }

  function toggleOnePager() {
    if (!parts.onePager.hidden) {
      hideOnePager();
      return;
    }
    if (!current) return;
    const { workspace, scope, unitHealth, financials, milestones } = current;
    renderOnePager(parts.onePager, {
      portfolio: { name: scope.name, statusDate: scope.statusDate, currency: scope.currency },
      unitHealth,
      financials,
      milestones: milestones ?? [],
      topRisks: topRisks(workspace, unitHealth, scope.currency),
    });
    parts.onePager.hidden = false;
    parts.onePagerButton.setAttribute('aria-expanded', 'true');
    parts.onePager.scrollIntoView?.({ block: 'start' });
  }

  parts.onePagerButton.addEventListener('click', toggleOnePager);
  return { show };
}
