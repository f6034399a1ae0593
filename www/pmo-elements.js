// The embeddable widgets: import this module once on a page (same origin as this folder) and use
//   <pmo-portfolio src="sample/portfolio.json"></pmo-portfolio>
//   <pmo-health-card project="P-ID" src="..."></pmo-health-card>
//   <pmo-gantt project="P-ID" src="..."></pmo-gantt>
//   <pmo-scurve project="P-ID" src="..."></pmo-scurve>
//   <pmo-risk-matrix project="P-ID" src="..."></pmo-risk-matrix>
//   <pmo-finish-forecast project="P-ID" src="..."></pmo-finish-forecast>
// Data comes from `src` (a JSON file on this site) or the `data` property (an object or JSON
// text). The engine starts once per page and elements with the same source share its
// Workspace. Events: pmo-select (what the reader chose), pmo-render, pmo-error. README,
// "Embedding the widgets", lists the attributes, events, parts and theme properties.

import { PmoPortfolio } from './js/elements/portfolio.js';
import { PmoHealthCard } from './js/elements/health-card.js';
import { PmoGantt } from './js/elements/gantt.js';
import { PmoSCurve } from './js/elements/scurve.js';
import { PmoRiskMatrix } from './js/elements/risk-matrix.js';
import { PmoFinishForecast } from './js/elements/finish-forecast.js';

const ELEMENTS = {
  'pmo-portfolio': PmoPortfolio,
  'pmo-health-card': PmoHealthCard,
  'pmo-gantt': PmoGantt,
  'pmo-scurve': PmoSCurve,
  'pmo-risk-matrix': PmoRiskMatrix,
  'pmo-finish-forecast': PmoFinishForecast,
};

// Imported twice (two copies of the folder, two script tags) must not throw.
for (const [name, constructor] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

export { PmoPortfolio, PmoHealthCard, PmoGantt, PmoSCurve, PmoRiskMatrix, PmoFinishForecast };
