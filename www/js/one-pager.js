// The executive one-pager: the portfolio's headline figures, the projects that need attention
// and why, the fiscal year's spend against plan, late milestones and the top risks, on one
// printable page (print.css: A4 or Letter, black on white, no buttons). It is made of the same
// views as the dashboard, rendered without their interactive parts, so the paper and the screen
// never disagree.

import { el, replaceChildren } from './dom.js';
import { formatDate, formatMoney, formatCount } from './format.js';
import { healthPill, notAvailable, scoreText } from './health-pill.js';
import { renderKpiTiles } from './kpi-tiles.js';
import { renderFinancialsChart } from './financials-chart.js';
import { renderMilestoneList } from './milestone-list.js';

let pagerCount = 0;

/**
 * data:
 *   portfolio   { name, statusDate, currency }
 *   unitHealth  the engine's unit health (projects worst first)
 *   financials  the engine's financials of the same unit (or null)
 *   milestones  the milestone records (late ones are listed)
 *   topRisks    [{ riskId, projectId, projectName, title, score, band, emv | null, owner }]
 * options: { attentionLimit (default 6), milestoneLimit (default 6), riskLimit (default 5),
 *   onPrint() (default window.print()), preparedOn (a date string for the footer) }.
 */
export function renderOnePager(container, data, options = {}) {
  pagerCount += 1;
  const titleId = `op-title-${pagerCount}`;
  const { portfolio = {}, unitHealth = null, financials = null, milestones = [], topRisks = [] } = data ?? {};
  const currency = financials?.currency ?? portfolio.currency ?? 'EUR';
  const section = (key, title, ...body) => el('section', { class: ['op-section', `op-${key}`], 'aria-labelledby': `${titleId}-${key}` },
    el('h3', { class: 'op-section-title', id: `${titleId}-${key}` }, title), ...body);

  const kpis = el('div', { class: 'op-kpis' });
  const chart = el('div', { class: 'op-chart' });
  const late = el('div', { class: 'op-milestones' });

  const attentionLimit = options.attentionLimit ?? 6;
  const attention = (unitHealth?.projects ?? []).filter((p) => p.band !== 'green').slice(0, attentionLimit);
  const attentionTable = attention.length
    ? el('table', { class: 'projects-table op-table op-attention-table' },
        el('thead', {}, el('tr', {}, ['Project', 'Health', 'Score', 'Why'].map((h) => el('th', { scope: 'col', class: h === 'Score' ? 'num' : null }, h)))),
        el('tbody', {}, attention.map((p) => el('tr', { dataset: { projectId: p.projectId } },
          el('th', { scope: 'row' }, p.name),
          el('td', {}, healthPill(p.band, { label: p.bandLabel })),
          el('td', { class: 'num' }, scoreText(p.score, p.reasons?.[0] ?? 'not enough data to score')),
          el('td', { class: 'op-reasons' }, (p.reasons ?? [])[0] ?? '—')))))
    : el('p', { class: 'hint' }, 'Every project is Green.');

  const riskLimit = options.riskLimit ?? 5;
  const risks = (Array.isArray(topRisks) ? topRisks : []).slice(0, riskLimit);
  const riskTable = risks.length
    ? el('table', { class: 'projects-table op-table op-risk-table' },
        el('thead', {}, el('tr', {}, ['Risk', 'Project', 'Score', 'EMV', 'Owner'].map((h) => el('th', { scope: 'col', class: h === 'Score' || h === 'EMV' ? 'num' : null }, h)))),
        el('tbody', {}, risks.map((r) => el('tr', { dataset: { riskId: r.riskId } },
          el('th', { scope: 'row' }, el('span', { class: 'op-risk-id' }, `${r.riskId} `), r.title),
          el('td', {}, r.projectName ?? r.projectId),
          el('td', { class: 'num' }, Number.isFinite(r.score) ? formatCount(r.score) : notAvailable('not scored'), r.band ? el('span', { class: 'op-risk-band' }, ` ${r.band}`) : null),
          el('td', { class: 'num' }, Number.isFinite(r.emv) ? formatMoney(r.emv, currency) : notAvailable('no cost impact quantified')),
          el('td', {}, r.owner ?? '—')))))
    : el('p', { class: 'hint' }, 'No open risks.');

  const page = el('article', { class: 'op', 'aria-labelledby': titleId },
    el('header', { class: 'op-head' },
      el('div', {},
        el('h2', { class: 'op-title', id: titleId }, portfolio.name ?? unitHealth?.name ?? 'Portfolio', ': executive summary'),
        el('p', { class: 'op-meta' }, `Status at ${formatDate(portfolio.statusDate ?? financials?.statusDate)}`,
          unitHealth ? ['. Overall health ', healthPill(unitHealth.band, { label: unitHealth.bandLabel, score: unitHealth.score, showScore: true })] : null)),
      el('button', { type: 'button', class: 'button op-print no-print', on: { click: () => (options.onPrint ? options.onPrint() : window.print()) } }, 'Print this page')),
    section('headline', 'Headline figures', kpis),
    section('attention', 'Projects that need attention', attentionTable),
    section('financials', `Spend against plan${financials?.fiscalYear?.label ? `, ${financials.fiscalYear.label}` : ''}`, financials ? chart : el('p', { class: 'hint' }, 'No financials.')),
    el('div', { class: 'op-pair' },
      section('milestones', 'Late milestones', late),
      section('risks', 'Top risks', riskTable)),
    el('footer', { class: 'op-foot' },
      `Computed in this browser from the loaded portfolio${options.preparedOn ? ` on ${formatDate(options.preparedOn)}` : ''}. `,
      'Unknown: not enough data to score (not healthy).'));

  replaceChildren(container, page);
  renderKpiTiles(kpis, { unitHealth, financials, milestones }, { currency });
  if (financials) renderFinancialsChart(chart, financials, { width: 700, heights: { bars: 92, cumulative: 62 } });
  renderMilestoneList(late, milestones, { statuses: ['late'], limit: options.milestoneLimit ?? 6, caption: 'Late milestones' });
  return page;
}
