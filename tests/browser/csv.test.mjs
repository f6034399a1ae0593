// CSV import in the dashboard: a file with a bad value is refused with its row and column named
// and the project kept; a good file replaces that part of the open project.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { requireBuiltPage, screenshot } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const dashboard = useDashboard();

const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('CSV import', () => {
  test('a bad row is named and changes nothing; a good file replaces the snapshots', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    // Without an open project the file is refused with a sentence saying so.
    await page.locator('#csv-kind').selectOption('snapshots');
    await page.setInputFiles('#csv-input', csv('early.csv', 'date,plannedValue,earnedValue,actualCost\n2026-01-31,1,1,1\n'));
    await page.locator('#load-error:not([hidden])', { hasText: 'Open a project first' }).waitFor();

    const row = page.locator('#projects-table tbody tr[data-project-id]').first();
    const projectId = await row.getAttribute('data-project-id');
    await row.locator('.project-open').click();
    await page.locator('#project-details:not([hidden])').waitFor();
    const lastReport = async () => (await page.locator(`#projects-table tr[data-project-id="${projectId}"]`).textContent()) ?? '';
    const before = await lastReport();

    await page.setInputFiles('#csv-input', csv('bad.csv', 'date,plannedValue,earnedValue,actualCost\n2026-01-31,100,90,110\n2026-02-28,200,abc,220\n'));
    const error = page.locator('#load-error:not([hidden])');
    await error.waitFor();
    const text = await error.textContent();
    assert.match(text, /Row 3/);
    assert.match(text, /earnedValue/);
    assert.equal(await lastReport(), before, 'the project is unchanged');
    await screenshot(page, 'csv-error');

    await page.setInputFiles('#csv-input', csv('good.csv', 'date,plannedValue,earnedValue,actualCost,manualRag\n2026-01-31,100,90,110,amber\n2026-02-28,200,180,230,red\n'));
    await page.locator('#status', { hasText: 'Imported the status snapshots' }).waitFor();
    assert.equal(await page.locator('#load-error').isHidden(), true);
    // The projects table's last report and RAG now come from the imported snapshots.
    const after = await lastReport();
    assert.match(after, /28 Feb 2026/);
    assert.match(after, /Red/);
    await dashboard.finish(opened);
  });
});
