// What-if on the open project: set an activity's duration and see the schedule, earned value
// and health move at once; undo the last edits one by one, or go back to the plan as imported.
// The engine reschedules only that project; the page re-renders what depends on it.

import { el, replaceChildren } from './dom.js';
import { plural } from './format.js';

/** Working days as the document writes them: a number, or ISO 8601 hours ("PT16H"). */
function daysOf(duration) {
  if (typeof duration === 'number') return duration;
  const hours = /^PT(\d+(?:\.\d+)?)H$/.exec(String(duration ?? ''));
  return hours ? Number(hours[1]) / 8 : 0;
}

/**
 * options: { onEdited(projectId, change) after an edit or an undo, onReset() to reload the plan
 * as imported }. Returns { show(workspace, project), clear() }.
 */
export function createWhatIf(container, options = {}) {
  /** Edits to undo, newest last: { projectId, activityId, days }. */
  const undo = [];

  function apply(workspace, projectId, activityId, days, record) {
    const before = daysOf(workspace.project(projectId).activities.find((a) => a.id === activityId)?.durationDays);
    const change = workspace.setActivityDuration(projectId, activityId, days);
    if (record) undo.push({ projectId, activityId, days: before });
    options.onEdited?.(projectId, change);
    return change;
  }

  function show(workspace, project) {
    const document = workspace.project(project.id);
    const parents = new Set((document.activities ?? []).map((a) => a.parentId).filter(Boolean));
    const editable = (document.activities ?? []).filter((a) => !parents.has(a.id) && a.active !== false);
    const select = el('select', { id: 'what-if-activity', class: 'what-if-activity' },
      editable.map((a) => el('option', { value: a.id }, `${a.id} ${a.name} (${daysOf(a.durationDays)} d)`)));
    const input = el('input', { id: 'what-if-days', type: 'number', min: '0', step: '0.5', required: true, class: 'what-if-days' });
    const result = el('p', { class: 'what-if-result', role: 'status' });
    const current = () => daysOf(document.activities.find((a) => a.id === select.value)?.durationDays);
    input.value = String(current());
    select.addEventListener('change', () => { input.value = String(current()); });
    const describe = (change) => {
      const moved = change.finishChangeMinutes / 480;
      result.textContent = moved === 0
        ? `The finish does not move (${change.finish.slice(0, 10)}); ${plural(change.changedActivityIds.length, 'activity', 'activities')} changed.`
        : `The finish moves ${Math.abs(moved)} working ${Math.abs(moved) === 1 ? 'day' : 'days'} ${moved > 0 ? 'later' : 'earlier'}, to ${change.finish.slice(0, 10)}.`;
    };
    const failed = (error) => { result.textContent = `Not changed: ${error?.message ?? error}`; };
    const submit = (event) => {
      event.preventDefault();
      try {
        describe(apply(workspace, project.id, select.value, Number(input.value), true));
        // The form's copy of the plan follows the edit, so the list shows the new duration.
        const edited = document.activities.find((a) => a.id === select.value);
        if (edited) edited.durationDays = Number(input.value);
      } catch (error) {
        failed(error);
      }
    };
    const form = el('form', { class: 'what-if', on: { submit }, 'aria-label': 'What if an activity took longer or shorter?' },
      el('label', { for: 'what-if-activity' }, 'What if '), select,
      el('label', { for: 'what-if-days' }, ' took '), input, ' working days? ',
      el('button', { type: 'submit', class: 'button' }, 'Apply'));
    const undoLast = () => {
      const last = undo.findLast((edit) => edit.projectId === project.id);
      if (!last) return;
      undo.splice(undo.lastIndexOf(last), 1);
      try {
        describe(apply(workspace, last.projectId, last.activityId, last.days, false));
      } catch (error) {
        failed(error);
      }
    };
    const undoButton = el('button', { type: 'button', class: 'button button-quiet', id: 'what-if-undo', on: { click: () => { undoLast(); refreshUndo(); } } });
    const refreshUndo = () => {
      const pending = undo.filter((edit) => edit.projectId === project.id).length;
      undoButton.disabled = pending === 0;
      undoButton.textContent = pending ? `Undo (${pending})` : 'Undo';
    };
    const reset = el('button', { type: 'button', class: 'button button-quiet', id: 'what-if-reset', on: { click: () => { undo.length = 0; options.onReset?.(); } } }, 'Reset to imported');
    form.append(' ', undoButton, ' ', reset);
    refreshUndo();
    form.addEventListener('submit', refreshUndo);
    replaceChildren(container,
      form, result);
  }

  return { show, clear: () => replaceChildren(container) };
}
