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
});
