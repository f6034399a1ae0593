// <pmo-risk-matrix project="P-ID" src="..." [kind="threats"|"opportunities"]
// [view="residual"|"inherent"]>: the register's probability-impact matrix of open risks.
// Choosing a cell sends pmo-select { kind: "risks", projectId, riskIds, probabilityLevel,
// impactLevel }; choosing it again clears the choice (riskIds empty).

import { renderRiskMatrix } from '../risk-matrix.js';
import { el } from '../dom.js';
import { PmoElement, title } from './base.js';

export class PmoRiskMatrix extends PmoElement {
  static get observedAttributes() {
    return [...super.observedAttributes, 'kind', 'view'];
  }

  #selectedKey = null;

  draw(workspace, frame) {
    const project = this.requireProject(workspace);
    const kind = this.getAttribute('kind') === 'opportunities' ? 'opportunities' : 'threats';
    const view = workspace.riskRegister(project.id, this.hasAttribute('view') ? { view: this.getAttribute('view') } : null);
    const chart = el('div', { class: 'pmo-chart', part: 'chart' });
    frame.replaceChildren(title(`${kind === 'threats' ? 'Threats' : 'Opportunities'} of ${project.name}`), chart);
    const drawMatrix = (focusKey) => {
      chart.replaceChildren(renderRiskMatrix({
        heatMap: view.heatMap,
        kind,
        selectedKey: this.#selectedKey,
        onSelect: (cell, key) => {
          this.#selectedKey = this.#selectedKey === key ? null : key;
          drawMatrix(key);
          this.select({
            kind: 'risks', projectId: project.id,
            riskIds: this.#selectedKey ? [...cell.riskIds] : [],
            probabilityLevel: cell.probabilityLevel, impactLevel: cell.impactLevel,
          });
        },
      }));
      if (focusKey) chart.querySelector(`[data-cell="${CSS.escape(focusKey)}"]`)?.focus();
    };
    drawMatrix(null);
  }
}
