// Browser tests of the portfolio home on the sample: the health table and tree pills agree with
// the engine and read as words, the "why" panel lists the evidence, a unit narrows every view,
// the financials, capacity and milestone views are filled from the engine, and the executive
// one-pager prints on one sheet.
// Run: make pkg && node --test tests/browser/

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { requireBuiltPage, screenshot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const dashboard = useDashboard('#health-table tbody tr[data-project-id]');
let engine;

before(async () => {
  engine = await sampleWorkspace();
});

describe('portfolio home', () => {
  test('the health table lists every project worst first, with the engine\'s bands in words', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    const expected = engine.portfolioHealth(null);
    const rows = await page.locator('#health-table tbody tr[data-project-id]').evaluateAll((trs) => trs.map((tr) => ({ id: tr.dataset.projectId, band: tr.dataset.band, text: tr.textContent })));
    assert.equal(rows.length, expected.projectCount);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const project of expected.projects) {
      const row = byId.get(project.projectId);
      assert.ok(row, `${project.projectId} is listed`);
      assert.equal(row.band, project.band);
      assert.ok(row.text.includes(project.bandLabel), `${project.projectId} shows "${project.bandLabel}" as text`);
    }
    // The tree's units carry a pill with the band in words.
    const pills = await page.locator('#org-tree .tree-row .hb-pill').allTextContents();
    assert.ok(pills.length > 0 && pills.every((text) => /Green|Amber|Red|Unknown/.test(text)), `tree pills: ${pills.join(', ')}`);
    await screenshot(page, 'home-health');
    await dashboard.finish(opened);
  });

  test('a project\'s "why" panel shows the evidence the engine gives, from the keyboard', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    const worst = engine.portfolioHealth(null).projects[0];
    const row = page.locator(`#health-table tbody tr[data-project-id="${worst.projectId}"]`);
    await row.focus();
    await page.keyboard.press('Enter');
    const why = page.locator('#health-why:not([hidden])');
    await why.waitFor({ state: 'visible' });
    const health = engine.health(worst.projectId, null);
    const text = await why.textContent();
    assert.ok(text.includes(health.overall.label));
    const costly = health.dimensions.flatMap((d) => d.evidence).filter((e) => e.pointsDeducted > 0);
    assert.ok(costly.length > 0);
    for (const evidence of costly) assert.ok(text.includes(evidence.label), `evidence ${evidence.metric} is listed`);
    await screenshot(page, 'home-why');
    await dashboard.finish(opened);
  });

  test('financials, milestones and capacity come from the engine, and a unit narrows them', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    const summary = engine.summary();
    // The sample mixes EUR and GBP: spend is shown once the reader gives a rate.
    assert.throws(() => engine.financials(summary.id, null), { code: 'mixed_currencies' });
    await page.locator('#rate-GBP').fill('1.17');
    await page.locator('.rates-form button[type="submit"]').click();
    const financials = engine.financials(summary.id, { rates: { GBP: 1.17 } });
    await page.locator('#financials-chart svg').first().waitFor({ state: 'visible' });
    const chart = await page.locator('#financials-chart').textContent();
    assert.ok(chart.includes(financials.label), `the chart names ${financials.label}`);
    const milestones = engine.milestones(null, null);
    const shownStatuses = await page.locator('#milestone-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
    if (milestones.counts.late > 0) assert.equal(shownStatuses[0], 'late', 'late milestones come first');
    const cells = await page.locator('#capacity-heatmap td').count();
    assert.ok(cells > 0, 'the capacity heat map has cells');
    // Choosing a unit narrows the health table to its projects.
    const unit = engine.orgTree().find((row) => row.depth > 0 && row.totalProjectCount > 0);
    await page.locator(`#org-tree [data-unit-id="${unit.id}"] .tree-name`).first().click();
    const expected = engine.health(unit.id, null);
    await page.waitForFunction((count) => document.querySelectorAll('#health-table tbody tr[data-project-id]').length === count, expected.projectCount);
    await screenshot(page, 'home-unit');
    await dashboard.finish(opened);
  });

  test('the executive one-pager opens, closes and prints on one sheet', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    await page.locator('#one-pager-button').click();
    await page.locator('#one-pager:not([hidden]) .op').waitFor({ state: 'visible' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'home-one-pager-print');
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, 'the one-pager is one A4 page');
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#one-pager-button').click();
    assert.equal(await page.locator('#one-pager').getAttribute('hidden'), '');
    await dashboard.finish(opened);
  });
});
