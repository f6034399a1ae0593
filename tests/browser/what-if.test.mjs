// What-if in the page: lengthening a critical activity moves the finish by what the engine
// says; the edit survives a reload; undo and "Reset to imported" bring the plan back.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { requireBuiltPage, screenshot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 90_000 };
const dashboard = useDashboard();

const days = (d) => (typeof d === 'number' ? d : Number(/^PT([\d.]+)H$/.exec(String(d))?.[1] ?? 0) / 8);

describe('what-if', () => {
  test('a longer critical activity moves the finish; reload keeps it; undo and reset bring it back', TIMEOUT, async () => {
    const engine = await sampleWorkspace();
    const project = engine.listProjects().find((p) => p.activityCount > 20 && p.errorCount === 0 && p.warningCount === 0);
    const schedule = engine.schedule(project.id);
    const document = engine.project(project.id);
    const parents = new Set(document.activities.map((a) => a.parentId).filter(Boolean));
    const critical = schedule.activities.find((a) => a.critical && !a.summary && !a.milestone && !parents.has(a.id)
      && !document.activities.find((d) => d.id === a.id)?.actualFinish);
    const before = days(document.activities.find((a) => a.id === critical.id).durationDays);
    const expected = engine.setActivityDuration(project.id, critical.id, before + 5);
    assert.ok(expected.finishChangeMinutes > 0, 'the engine moves the finish');

    const opened = await dashboard.open();
    const { page } = opened;
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('#what-if form').waitFor();
    const originalFinish = await page.locator('.schedule-finish').textContent();
    assert.equal(originalFinish, schedule.finish.slice(0, 10));
    await page.locator('#what-if-activity').selectOption(critical.id);
    await page.locator('#what-if-days').fill(String(before + 5));
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('.what-if-result', { hasText: expected.finish.slice(0, 10) }).waitFor();
    assert.equal(await page.locator('.schedule-finish').textContent(), expected.finish.slice(0, 10));
    await screenshot(page, 'what-if');

    // "Reset to imported" goes back to the plan as loaded in this visit.
    await page.locator('#what-if-reset').click();
    await page.locator('.schedule-finish', { hasText: originalFinish }).waitFor();
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('#what-if-activity').selectOption(critical.id);
    await page.locator('#what-if-days').fill(String(before + 5));
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('.what-if-result', { hasText: expected.finish.slice(0, 10) }).waitFor();

    // Kept in the browser once every save in flight has landed: after a reload the edited plan
    // is what is shown.
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');
    await page.reload();
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('.schedule-finish').waitFor();
    assert.equal(await page.locator('.schedule-finish').textContent(), expected.finish.slice(0, 10));

    // Undo goes back one edit.
    await page.locator('#what-if-days').fill(String(before + 10));
    await page.locator('#what-if-activity').selectOption(critical.id);
    await page.locator('#what-if-days').fill(String(before + 10));
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('#what-if-undo', { hasText: 'Undo (1)' }).waitFor();
    await page.locator('#what-if-undo').click();
    await page.locator('.what-if-result', { hasText: expected.finish.slice(0, 10) }).waitFor();
    assert.equal(await page.locator('.schedule-finish').textContent(), expected.finish.slice(0, 10));
    await dashboard.finish(opened);
  });
});
