// <pmo-scurve project="P-ID" src="...">: planned value, earned value and actual cost over time
// at the project's status date, with the data as a table under the chart.

import { renderSCurve } from '../scurve.js';
import { el } from '../dom.js';
import { PmoElement, title } from './base.js';

export class PmoSCurve extends PmoElement {
  draw(workspace, frame) {
    const project = this.requireProject(workspace);
    const report = workspace.earnedValue(project.id, null, null);
    const series = workspace.earnedValueSeries(project.id, null);
    const chart = el('div', { class: 'pmo-chart', part: 'chart' });
    frame.replaceChildren(title(`Earned value of ${project.name}`), chart);
    renderSCurve(chart, { series, report, name: project.name });
  }
}
