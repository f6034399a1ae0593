// A project's risk exposure in a few lines: threat and opportunity EMV (expected monetary value:
// probability × cost impact of the open risks), the contingency reserve and its share of the
// budget at completion (n/a with the reason in words), and how many risks are outside the figures.

import { el } from './dom.js';
import { formatCount, formatMoney, reasonText } from './format.js';

const share = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** exposure: RiskRegisterView.exposure; returns a node. */
export function renderRiskExposure(exposure, currency) {
  const money = (value) => formatMoney(value, currency);
  const policy = exposure.contingencyPolicy === 'threatsOnly' ? 'threats only' : 'threats net of opportunities';
  const shareValue = exposure.contingencyShareOfBudget;
  const reserveShare = shareValue === null || shareValue === undefined
    ? naValue(exposure.reasons?.contingencyShareOfBudget)
    : share.format(shareValue);
  return el(
    'div',
    { class: 'risk-exposure' },
    el('h3', { class: 'evm-panel-title' }, 'Exposure'),
    el(
      'dl',
      { class: 'evm-indices risk-exposure-list' },
      item('threatEmv', 'Threat EMV', money(exposure.threatEmv), 'expected cost of the open threats', exposure.threatEmv < 0 && 'is-negative'),
      item('opportunityEmv', 'Opportunity EMV', money(exposure.opportunityEmv), 'expected saving of the open opportunities'),
      item('contingencyReserve', 'Contingency', money(exposure.contingencyReserve), `reserve for ${policy}`),
      item('share', 'Share of BAC', reserveShare, `of ${money(exposure.budgetAtCompletion)} budget at completion`),
      exposure.managementReserve === null || exposure.managementReserve === undefined
        ? null
        : item('managementReserve', 'Management reserve', money(exposure.managementReserve), null),
      item('outside', 'Not in EMV', outsideText(exposure), null),
    ),
  );
}

function item(key, term, value, note, valueClass = null) {
  return el(
    'div',
    { class: 'evm-item risk-exposure-item', dataset: { measure: key } },
    el('dt', {}, term),
    el('dd', {}, el('span', { class: ['evm-value', valueClass] }, value), note ? el('span', { class: 'evm-note' }, note) : null),
  );
}

function outsideText(exposure) {
  const count = (ids) => formatCount(ids?.length ?? 0);
  return `${count(exposure.occurredIds)} occurred, ${count(exposure.closedIds)} closed, ${count(exposure.unquantifiedIds)} unquantified`;
}

function naValue(reason) {
  const words = reasonText(reason);
  return el('span', { class: 'na', title: words }, 'n/a', el('span', { class: 'na-reason' }, ` (${words})`));
}
