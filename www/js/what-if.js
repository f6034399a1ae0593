// What-if on the open project: change an activity's duration or percent complete, add or remove
// a link, or change a risk's probability, and see the schedule, float, earned value, risks and
// health move at once; undo the last edits one by one, or go back to the plan as imported. The
// engine reschedules only that project; the page re-renders what depends on it.

import { el, replaceChildren } from './dom.js';
import { formatMoney, plural } from './format.js';

/** Edits kept for undo, per page; each holds a copy of its project as it was. */
const MAX_UNDO = 30;

const KINDS = [
  ['duration', 'an activity took'],
  ['progress', 'an activity were'],
  ['link-add', 'there were a link from'],
  ['link-remove', 'a link were removed'],
  ['risk', 'a risk had the probability'],
];

const LINK_TYPES = [['FS', 'finish-to-start'], ['SS', 'start-to-start'], ['FF', 'finish-to-finish'], ['SF', 'start-to-finish']];

/** Working days as the document writes them: a number, or ISO 8601 hours ("PT16H"). */
function daysOf(duration) {
  if (typeof duration === 'number') return duration;
  const hours = /^PT(\d+(?:\.\d+)?)H$/.exec(String(duration ?? ''));
  return hours ? Number(hours[1]) / 8 : 0;
}

const day = (dateTime) => String(dateTime ?? '').slice(0, 10);

/** How far the finish moved, in words. */
function finishMoved(change) {
  const moved = change.finishChangeMinutes / 480;
  if (moved === 0) return `The finish does not move (${day(change.finish)}); ${plural(change.changedActivityIds.length, 'activity', 'activities')} changed.`;
  return `The finish moves ${Math.abs(moved)} working ${Math.abs(moved) === 1 ? 'day' : 'days'} ${moved > 0 ? 'later' : 'earlier'}, to ${day(change.finish)}.`;
}

/**
 * options: { onEdited(projectId, message) after an edit or an undo, onReset() to reload the plan
 * as imported }. Returns { show(workspace, project), clear() }.
 */
export function createWhatIf(container, options = {}) {
  /** Edits to undo, newest last: { projectId, label, before: the project document as it was }. */
  const undo = [];

  function show(workspace, project) {
    const document = workspace.project(project.id);
    const currency = document.currency ?? '';
    const parents = new Set((document.activities ?? []).map((a) => a.parentId).filter(Boolean));
    const editable = (document.activities ?? []).filter((a) => !parents.has(a.id) && a.active !== false);
    const activityOptions = () => editable.map((a) => el('option', { value: a.id }, `${a.id} ${a.name}`));

    const kind = el('select', { id: 'what-if-kind', class: 'what-if-kind' }, KINDS.map(([value, text]) => el('option', { value }, text)));
    const activity = el('select', { id: 'what-if-activity', class: 'what-if-activity', 'aria-label': 'Activity' }, activityOptions());
    const days = el('input', { id: 'what-if-days', type: 'number', min: '0', step: '0.5', class: 'what-if-number' });
    const percent = el('input', { id: 'what-if-percent', type: 'number', min: '0', max: '100', step: '1', class: 'what-if-number' });
    const linkType = el('select', { id: 'what-if-link-type' }, LINK_TYPES.map(([value, text]) => el('option', { value }, text)));
    const successor = el('select', { id: 'what-if-successor', class: 'what-if-activity' }, activityOptions());
    const lag = el('input', { id: 'what-if-lag', type: 'number', step: '0.5', value: '0', class: 'what-if-number' });
    const link = el('select', { id: 'what-if-link', class: 'what-if-activity' });
    const risk = el('select', { id: 'what-if-risk', class: 'what-if-activity' },
      (document.risks ?? []).map((r) => el('option', { value: r.id }, `${r.id} ${r.title}`)));
    const probability = el('input', { id: 'what-if-probability', type: 'number', min: '0', max: '100', step: '1', class: 'what-if-number' });

    const names = new Map((document.activities ?? []).map((a) => [a.id, a.name]));
    const fillLinks = () => replaceChildren(link, (document.dependencies ?? []).map((d) => el('option', {
      value: JSON.stringify([d.predecessorId, d.successorId]),
    }, `${d.predecessorId} ${names.get(d.predecessorId) ?? ''} → ${d.successorId} ${names.get(d.successorId) ?? ''} (${d.type ?? 'FS'})`)));
    fillLinks();

    // Each kind shows its own fields; the activity list serves three of them.
    const group = (kinds, ...children) => el('span', { class: 'what-if-fields', dataset: { kinds: kinds.join(' ') } }, ...children);
    const fields = [
      group(['duration', 'progress', 'link-add'], activity),
      group(['duration'], el('label', { for: 'what-if-days' }, ' took '), days, ' working days?'),
      group(['progress'], el('label', { for: 'what-if-percent' }, ' were '), percent, ' % complete?'),
      group(['link-add'], el('label', { for: 'what-if-successor' }, ' to '), successor,
        el('label', { for: 'what-if-link-type', class: 'visually-hidden' }, 'Link type'), linkType,
        el('label', { for: 'what-if-lag' }, ' lag '), lag, ' working days?'),
      group(['link-remove'], el('label', { for: 'what-if-link', class: 'visually-hidden' }, 'Link'), link, '?'),
      group(['risk'], el('label', { for: 'what-if-risk', class: 'visually-hidden' }, 'Risk'), risk,
        el('label', { for: 'what-if-probability' }, ' of '), probability, ' %?'),
    ];

    // Each read of a select's value walks its options (thousands in a large plan), so it is read
    // once per lookup, never once per activity compared.
    const currentActivity = () => {
      const id = activity.value;
      return document.activities.find((a) => a.id === id);
    };
    const currentRisk = () => {
      const id = risk.value;
      return (document.risks ?? []).find((r) => r.id === id);
    };
    const refreshValues = () => {
      days.value = String(daysOf(currentActivity()?.durationDays));
      percent.value = String(currentActivity()?.percentComplete ?? 0);
      const p = currentRisk()?.probability;
      probability.value = p === null || p === undefined ? '' : String(Math.round(p * 1000) / 10);
    };
    const refreshKind = () => {
      for (const span of fields) span.hidden = !span.dataset.kinds.split(' ').includes(kind.value);
      // The inputs of hidden fields must not block the form's submission.
      for (const input of [days, percent, probability]) input.required = !input.closest('[hidden]');
    };
    // A new link most often goes to a later activity: offer the next one.
    const nextSuccessor = () => {
      const id = activity.value;
      const at = editable.findIndex((a) => a.id === id);
      if (editable[at + 1]) successor.value = editable[at + 1].id;
    };
    activity.addEventListener('change', () => { refreshValues(); nextSuccessor(); });
    risk.addEventListener('change', refreshValues);
    kind.addEventListener('change', refreshKind);

    const result = el('p', { class: 'what-if-result', role: 'status' });

    /** Runs one edit on the engine; returns the sentence that says what moved. */
    function edit() {
      switch (kind.value) {
        case 'duration': {
          const value = Number(days.value);
          const change = workspace.setActivityDuration(project.id, activity.value, value);
          currentActivity().durationDays = value;
          return [`${activity.value} takes ${value} working days`, finishMoved(change)];
        }
        case 'progress': {
          const value = Number(percent.value);
          const change = workspace.setPercentComplete(project.id, activity.value, value);
          currentActivity().percentComplete = value;
          const earned = change.earnedValueChange === 0
            ? 'Earned value does not change.'
            : `Earned value ${change.earnedValueChange > 0 ? 'rises' : 'falls'} by ${formatMoney(Math.abs(change.earnedValueChange), currency)}${change.adjustedSnapshotDate ? ` (in the status report of ${change.adjustedSnapshotDate})` : ''}.`;
          return [`${activity.value} is ${value}% complete`, `${finishMoved(change)} ${earned}`];
        }
        case 'link-add': {
          const dependency = { predecessorId: activity.value, successorId: successor.value, type: linkType.value, lagDays: Number(lag.value) || 0 };
          const change = workspace.addDependency(project.id, dependency);
          (document.dependencies ??= []).push(dependency);
          return [`link ${dependency.predecessorId} → ${dependency.successorId} (${dependency.type})`, finishMoved(change)];
        }
        case 'link-remove': {
          if (!link.value) throw new Error('The project has no links to remove.');
          const [from, to] = JSON.parse(link.value);
          const change = workspace.removeDependency(project.id, from, to);
          document.dependencies = document.dependencies.filter((d) => !(d.predecessorId === from && d.successorId === to));
          return [`no link ${from} → ${to}`, finishMoved(change)];
        }
        case 'risk': {
          if (!risk.value) throw new Error('The project has no risks.');
          const value = Number(probability.value) / 100;
          const change = workspace.setRiskProbability(project.id, risk.value, value);
          currentRisk().probability = value;
          const before = change.previousProbability === null ? 'not assessed' : `${Math.round(change.previousProbability * 1000) / 10}%`;
          return [`${risk.value} at ${Math.round(value * 1000) / 10}%`, `Risk ${risk.value}: probability ${before} → ${Math.round(value * 1000) / 10}%. Its exposure and the risk score of the project’s health follow.`];
        }
        default:
          throw new Error(`Unknown edit “${kind.value}”.`);
      }
    }

    const submit = (event) => {
      event.preventDefault();
      let before;
      try {
        before = workspace.project(project.id);
        const [label, sentence] = edit();
        undo.push({ projectId: project.id, label, before });
        if (undo.length > MAX_UNDO) undo.shift();
        // The form's copy of the plan followed the edit (in edit()), so the lists show what is now
        // true. Only a link edit changes the list of links: refilling it (one option per link,
        // thousands in a large plan, each measured again by the next layout) is left to those.
        if (kind.value === 'link-add' || kind.value === 'link-remove') fillLinks();
        refreshValues();
        result.textContent = sentence;
        options.onEdited?.(project.id, `What-if: ${label}. ${sentence}`);
      } catch (error) {
        // A refused edit carries its finding; its sentence names the activities (a loop's included).
        const finding = Array.isArray(error?.findings) ? error.findings.find((f) => f.severity === 'error') : null;
        result.textContent = `Not changed: ${finding?.message ?? error?.message ?? error} (${finding?.code ?? error?.code ?? 'refused'})`;
      }
      refreshUndo();
    };

    const undoLast = () => {
      const index = undo.findLastIndex((entry) => entry.projectId === project.id);
      if (index < 0) return;
      const [last] = undo.splice(index, 1);
      try {
        workspace.replaceProject(last.before);
        Object.assign(document, structuredClone(last.before));
        fillLinks();
        refreshValues();
        const finish = day(workspace.schedule(project.id).finish);
        result.textContent = `Undone: ${last.label}. The finish is ${finish}.`;
        options.onEdited?.(project.id, result.textContent);
      } catch (error) {
        result.textContent = `Could not undo: ${error?.message ?? error}`;
      }
      refreshUndo();
    };
    const undoButton = el('button', { type: 'button', class: 'button button-quiet', id: 'what-if-undo', on: { click: undoLast } });
    const refreshUndo = () => {
      const pending = undo.filter((entry) => entry.projectId === project.id).length;
      undoButton.disabled = pending === 0;
      undoButton.textContent = pending ? `Undo (${pending})` : 'Undo';
    };
    const reset = el('button', { type: 'button', class: 'button button-quiet', id: 'what-if-reset', on: { click: () => { undo.length = 0; options.onReset?.(); } } }, 'Reset to imported');

    const form = el('form', { class: 'what-if', on: { submit }, 'aria-label': 'What-if edit of this project' },
      el('label', { for: 'what-if-kind' }, 'What if '), kind, ' ', fields, ' ',
      el('button', { type: 'submit', class: 'button' }, 'Apply'), ' ', undoButton, ' ', reset);
    refreshValues();
    nextSuccessor();
    refreshKind();
    refreshUndo();
    replaceChildren(container, form, result,
      el('p', { class: 'hint' }, 'Edits stay in this browser. Percent complete records actual dates as MS Project does and moves earned value; Reset returns to the plan as last loaded or imported.'));
  }

  return { show, clear: () => replaceChildren(container) };
}
