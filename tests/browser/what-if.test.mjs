// What-if in the page: lengthening a critical activity moves the finish by what the engine
// says; the edit survives a reload; undo and "Reset to imported" bring the plan back. Percent
// complete, a removed link and a risk's probability move earned value, the finish and the
// risk's EMV as the engine does for the same edits, and "Reset to imported" still returns to
// the imported plan after a reload.
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

  test('percent complete, a link and a risk probability move the figures; reset to imported survives a reload', TIMEOUT, async () => {
    const engine = await sampleWorkspace();
    // A long plan with work ahead of its status date, so links still hold dates back.
    const project = engine.listProjects().find((p) => p.activityCount > 150 && p.errorCount === 0 && p.warningCount === 0);
    const document = engine.project(project.id);
    const original = { finish: engine.schedule(project.id).finish, cpi: engine.earnedValue(project.id, null, null).measures.cpi };
    const parents = new Set(document.activities.map((a) => a.parentId).filter(Boolean));
    const baselined = new Set((document.baseline?.activities ?? []).map((b) => b.activityId));
    // An activity not started, with a budget: 50% complete earns half of it.
    const activity = document.activities.find((a) => !parents.has(a.id) && !a.actualStart && !a.milestone && a.cost > 0 && baselined.has(a.id));
    const progress = engine.setPercentComplete(project.id, activity.id, 50);
    assert.ok(progress.earnedValueChange > 0, 'the engine earns value for it');
    const cpi = engine.earnedValue(project.id, null, null).measures.cpi;
    // A link whose removal brings the finish forward (links that leave it where it is are put
    // back): the engine says where the finish goes.
    let link = null;
    let unlinked = null;
    for (const candidate of document.dependencies) {
      unlinked = engine.removeDependency(project.id, candidate.predecessorId, candidate.successorId);
      if (unlinked.finishChangeMinutes < 0) { link = candidate; break; }
      engine.addDependency(project.id, candidate);
    }
    assert.ok(link, 'some critical link holds the finish back');
    const risk = document.risks.find((r) => r.status === 'open' && r.kind === 'threat' && r.costImpact > 0);
    engine.setRiskProbability(project.id, risk.id, 0.9);
    const emv = engine.riskRegister(project.id, null).exposure.risks.find((r) => r.id === risk.id).emv;

    const opened = await dashboard.open();
    const { page } = opened;
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('#what-if form').waitFor();
    const cpiShown = () => page.locator('#evm-panel [data-measure="cpi"] .evm-value').getAttribute('data-value').then(Number);
    assert.ok(Math.abs(await cpiShown() - original.cpi) < 1e-12);

    await page.locator('#what-if-kind').selectOption('progress');
    await page.locator('#what-if-activity').selectOption(activity.id);
    await page.locator('#what-if-percent').fill('50');
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('.what-if-result', { hasText: 'Earned value rises' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0'); // the views after the schedule
    assert.ok(Math.abs(await cpiShown() - cpi) < 1e-12, 'CPI as the engine computes it after the same edit');

    await page.locator('#what-if-kind').selectOption('link-remove');
    await page.locator('#what-if-link').selectOption(JSON.stringify([link.predecessorId, link.successorId]));
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('.schedule-finish', { hasText: unlinked.finish.slice(0, 10) }).waitFor();

    await page.locator('#what-if-kind').selectOption('risk');
    await page.locator('#what-if-risk').selectOption(risk.id);
    await page.locator('#what-if-probability').fill('90');
    await page.locator('#what-if button[type="submit"]').click();
    await page.locator('.what-if-result', { hasText: '→ 90%' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0'); // the views after the schedule
    assert.equal(Number(await page.locator(`#risk-register tr[data-risk-id="${risk.id}"] .risk-emv-cell`).getAttribute('data-emv')), emv);
    assert.equal(await page.locator('#what-if-undo').textContent(), 'Undo (3)');
    await screenshot(page, 'what-if-kinds');

    // After a reload the edits are there, and "Reset to imported" still means the sample.
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');
    await page.reload();
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('.schedule-finish', { hasText: unlinked.finish.slice(0, 10) }).waitFor();
    assert.ok(Math.abs(await cpiShown() - cpi) < 1e-12);
    await page.locator('#what-if-reset').click();
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('.schedule-finish', { hasText: original.finish.slice(0, 10) }).waitFor();
    assert.ok(Math.abs(await cpiShown() - original.cpi) < 1e-12);
    await dashboard.finish(opened);
  });
});
