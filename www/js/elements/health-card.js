// <pmo-health-card project="P-ID" src="...">: one project's health: its overall band and score
// with a word for the band, each dimension the same way, and the full "why" (evidence,
// thresholds, ids) under a disclosure. An evidence id sends pmo-select { kind, projectId, id }.

import { el } from '../dom.js';
import { healthPill, scoreText } from '../health-pill.js';
import { renderHealthWhy } from '../health-why.js';
import { PmoElement, title } from './base.js';

export class PmoHealthCard extends PmoElement {
  draw(workspace, frame) {
    const project = this.requireProject(workspace);
    const health = workspace.health(project.id, null);
    const overall = health.overall ?? {};
    const why = el('div', { class: 'pmo-why' });
    frame.replaceChildren(
      title(project.name),
      el('p', { class: 'pmo-card-overall' },
        healthPill(overall.band, { label: overall.label }), ' ',
        el('span', { class: 'pmo-card-score' }, 'Score ', scoreText(overall.score, 'not enough data to score'))),
      overall.explanation ? el('p', { class: 'pmo-card-explanation' }, overall.explanation) : null,
      el('ul', { class: 'pmo-card-dimensions', part: 'table', 'aria-label': 'Health by dimension' },
        (health.dimensions ?? []).map((d) => el('li', { class: 'pmo-card-dimension' },
          el('span', { class: 'pmo-card-dimension-name' }, d.label), ' ',
          healthPill(d.band, { label: d.bandLabel }), ' ',
          el('span', { class: 'pmo-card-score' }, scoreText(d.score, 'not enough data to score'))))),
      el('details', { class: 'pmo-card-why' }, el('summary', {}, 'Why'), why),
    );
    renderHealthWhy(why, health, {
      headingLevel: 3,
      onNavigate: ({ id, idKind }) => this.select({ kind: idKind, projectId: project.id, id }),
    });
  }
}
