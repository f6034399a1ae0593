// "Download CSV" on the dashboard's tables: the table as shown, one line per row, and a name a
// spreadsheet would run as a formula made inert.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { requireBuiltPage } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const dashboard = useDashboard();

async function downloaded(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('CSV export of tables', () => {
  test('the projects and earned value tables download as CSV, row for row', TIMEOUT, async () => {
    const engine = await sampleWorkspace();
    const opened = await dashboard.open();
    const { page } = opened;
    const projects = await downloaded(page, '[data-csv-table="#projects-table"]');
    assert.equal(projects.name, 'projects.csv');
    const lines = projects.text.trimEnd().split('\r\n');
    assert.equal(lines.length, engine.listProjects().length + 1, 'a header and one line per project');
    assert.match(lines[0], /^Project,/);
    const first = engine.listProjects()[0];
    assert.ok(lines.some((line) => line.startsWith(`${first.name},`) || line.startsWith(`"${first.name}",`)), `${first.name} is a row`);
    const evm = await downloaded(page, '[data-csv-table="#evm-table"]');
    assert.equal(evm.text.trimEnd().split('\r\n').length, engine.earnedValueTable(null).length + 1);
    await dashboard.finish(opened);
  });

  test('a cell a spreadsheet would read as a formula is made inert', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    const doc = { schemaVersion: 1, id: 'f', name: 'Formulas', currency: 'EUR', statusDate: '2026-03-31',
      projects: [{ id: 'p1', name: '=HYPERLINK("http://example.invalid","x")', phase: 'execution', status: 'active', currency: 'EUR', startDate: '2026-01-05', budgetAtCompletion: 1000 }] };
    await page.setInputFiles('#file-input', { name: 'f.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc), 'utf8') });
    await page.locator('#portfolio-name', { hasText: 'Formulas' }).waitFor();
    const { text } = await downloaded(page, '[data-csv-table="#projects-table"]');
    assert.ok(text.includes(`"'=HYPERLINK(""http://example.invalid"",""x"")"`), text);
    await dashboard.finish(opened);
  });

  test('the risk register, the capacity heat map and the Gantt\'s activities download as CSV', TIMEOUT, async () => {
    const engine = await sampleWorkspace();
    const opened = await dashboard.open();
    const { page } = opened;
    const capacity = await downloaded(page, '[data-csv-table="#capacity-heatmap table"]');
    const capacityRows = await page.locator('#capacity-heatmap table tbody tr').count();
    assert.equal(capacity.text.trimEnd().split('\r\n').length, capacityRows + 1, 'a header and one line per role');

    const project = engine.listProjects().find((p) => p.openRiskCount > 0);
    await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
    await page.locator('#risk-table').waitFor();
    const risks = await downloaded(page, '[data-csv-table="#risk-table"]');
    assert.equal(risks.name, 'risk-register.csv');
    const shown = await page.locator('#risk-table tbody tr[data-risk-id]').count();
    assert.equal(risks.text.trimEnd().split('\r\n').length, shown + 1);

    // The Gantt's activities: one line per scheduled activity with the engine's dates and floats.
    const schedule = engine.schedule(project.id);
    const gantt = await downloaded(page, '#gantt-csv');
    assert.equal(gantt.name, `${project.id}-schedule.csv`);
    const lines = gantt.text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'ID,Name,Kind,Start,Finish,Baseline start,Baseline finish,Total float (working days),Free float (working days),Critical,Percent complete');
    assert.equal(lines.length, schedule.activities.length + 1);
    const last = schedule.activities.at(-1);
    const row = lines.find((line) => line.startsWith(`${last.id},`));
    assert.ok(row.includes(`,${last.start},${last.finish},`), row);
    assert.ok(row.includes(`,${Math.round((last.totalFloatMinutes / 480) * 10) / 10},`), row);
    await dashboard.finish(opened);
  });
});
