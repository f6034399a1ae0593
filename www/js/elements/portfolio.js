// <pmo-portfolio src="portfolio.json" [unit="U-ID"]>: the portfolio's (or one unit's) health
// tiles and its health table. Choosing a project sends pmo-select { kind: "project", projectId }.

import { el } from '../dom.js';
import { renderKpiTiles } from '../kpi-tiles.js';
import { renderHealthTable } from '../health-table.js';
import { financialsView, milestonesView } from '../portfolio-data.js';
import { PmoElement, title } from './base.js';

/** An optional figure: a portfolio in mixed currencies has no financials without rates. */
function optional(call) {
  try {
    return call();
  } catch {
    return null;
  }
}

export class PmoPortfolio extends PmoElement {
  static get observedAttributes() {
    return [...super.observedAttributes, 'unit'];
  }

  draw(workspace, frame) {
    const unit = this.getAttribute('unit');
    const summary = workspace.summary();
    const unitHealth = unit ? workspace.health(unit, null) : workspace.portfolioHealth(null);
    const financials = optional(() => financialsView(workspace.financials(unit ?? summary.id, null)));
    const milestones = optional(() => milestonesView(workspace.milestones(unit, null)));
    const tiles = el('div', { class: 'pmo-tiles' });
    const table = el('div', { class: 'pmo-table', part: 'table' });
    frame.replaceChildren(title(unitHealth.name ?? summary.name), tiles, table);
    renderKpiTiles(tiles, { unitHealth, financials, milestones }, { currency: summary.currency });
    renderHealthTable(table, unitHealth, {
      currency: unitHealth.currency,
      caption: `Project health, status ${summary.statusDate ?? 'not set'}`,
      onSelect: (projectId) => this.select({ kind: 'project', projectId }),
    });
  }
}
