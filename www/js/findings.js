// Findings (validation errors and warnings) as a list an analyst can act on: what is wrong in
// words, and the stable code and the path of the field so it can be found in the file.
// Used for the loaded portfolio's warnings, for a refused file's errors and in project details.

import { el } from './dom.js';
import { plural } from './format.js';

const SEVERITY = {
  error: { label: 'Error', symbol: '✖' },
  warning: { label: 'Warning', symbol: '▲' },
};

/** Which project a finding is about: the index in `projects[3].activities[1].id`, or null. */
export function projectIndexOf(path) {
  const match = /^projects\[(\d+)\]/.exec(path ?? '');
  return match ? Number(match[1]) : null;
}

/** "2 errors, 1 warning", or the empty-case text. */
export function countText(findings, none = 'No findings') {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const parts = [];
  if (errors) parts.push(plural(errors, 'error', 'errors'));
  if (warnings) parts.push(plural(warnings, 'warning', 'warnings'));
  return parts.length ? parts.join(', ') : none;
}

/** @typedef {import('../pkg/pmo_analytics.js').Finding} Finding */

/**
 * An <ol> of findings, errors first (they are why a file was refused), otherwise in the order
 * the library reported them.
 * project(finding) may return { name, onShow } to label the finding with its project and offer
 * a button that opens that project.
 * @param {Finding[]} findings
 * @param {{ project?: (finding: Finding) => ({ name: string, onShow?: () => void } | null) }} [options]
 */
export function findingsList(findings, { project } = {}) {
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b));
  return el(
    'ol',
    { class: 'findings' },
    ordered.map((finding) => {
      const severity = SEVERITY[finding.severity] ?? { label: finding.severity, symbol: '•' };
      const owner = project?.(finding);
      return el(
        'li',
        { class: ['finding', `severity-${finding.severity}`], dataset: { code: finding.code } },
        el(
          'span',
          { class: ['severity', `severity-${finding.severity}`] },
          el('span', { class: 'severity-symbol', 'aria-hidden': 'true' }, severity.symbol),
          severity.label,
        ),
        el(
          'div',
          { class: 'finding-body' },
          el('p', { class: 'finding-message' }, finding.message),
          el(
            'p',
            { class: 'finding-where' },
            el('span', { class: 'finding-term' }, 'Code '),
            el('code', { class: 'finding-code' }, finding.code),
            finding.path
              ? [el('span', { class: 'finding-term' }, ' at '), el('code', { class: 'finding-path' }, finding.path)]
              : el('span', { class: 'finding-term' }, ' in the whole document'),
            owner
              ? [
                  el('span', { class: 'finding-term' }, ' in project '),
                  owner.onShow
                    ? el('button', { type: 'button', class: 'link-button', on: { click: owner.onShow } }, owner.name)
                    : el('span', { class: 'finding-project' }, owner.name),
                ]
              : null,
          ),
        ),
      );
    }),
  );
}

function rank(finding) {
  return finding.severity === 'error' ? 0 : 1;
}
