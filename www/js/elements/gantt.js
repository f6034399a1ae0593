// <pmo-gantt project="P-ID" src="...">: the project's schedule as the dashboard's Gantt
// (keyboard: arrows, Page Up/Down, Home/End, + and - to zoom). Choosing an activity (click, or
// Enter on the active row) sends pmo-select { kind: "activity", projectId, activityId }.

import { renderGantt } from '../gantt.js';
import { el } from '../dom.js';
import { PmoElement, title } from './base.js';

export class PmoGantt extends PmoElement {
  draw(workspace, frame) {
    const project = this.requireProject(workspace);
    const schedule = workspace.schedule(project.id);
    const chart = el('div', { class: 'pmo-chart', part: 'chart' });
    frame.replaceChildren(title(`Schedule of ${project.name}`), chart);
    renderGantt(chart, {
      schedule,
      document: workspace.project(project.id),
      onSelect: (activityId) => this.select({ kind: 'activity', projectId: project.id, activityId }),
    });
  }
}
