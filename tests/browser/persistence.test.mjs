// The dashboard keeps the reader's portfolio in this browser: a loaded file survives a reload,
// "Export everything" downloads the whole portfolio as JSON, and "Clear my data" forgets it.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { requireBuiltPage, screenshot } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const dashboard = useDashboard();

const OWN = {
  schemaVersion: 1, id: 'own', name: 'My own portfolio', currency: 'EUR', statusDate: '2026-03-31',
  projects: [{ id: 'p1', name: 'Kept project', phase: 'execution', status: 'active', currency: 'EUR', startDate: '2026-01-05', budgetAtCompletion: 1000,
    activities: [{ id: 'a1', name: 'Design', durationDays: 5 }] }],
};

describe('data kept in the browser', () => {
  test('a loaded portfolio survives a reload, exports as JSON, and "Clear my data" forgets it', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    await page.setInputFiles('#file-input', { name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OWN), 'utf8') });
    await page.locator('#portfolio-name', { hasText: 'My own portfolio' }).waitFor();
    await page.locator('#store-note', { hasText: 'own.json' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');

    await page.reload();
    await page.locator('#portfolio-name', { hasText: 'My own portfolio' }).waitFor({ timeout: 20_000 });
    assert.match(await page.locator('#store-note').textContent(), /Restored from this browser/);
    assert.equal(await page.locator('#projects-table tbody tr[data-project-id]').count(), 1);
    await screenshot(page, 'persistence-restored');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-button').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.name, 'My own portfolio');
    assert.deepEqual(exported.projects.map((p) => p.id), ['p1']);

    await page.locator('#clear-button').click();
    await page.locator('#store-note', { hasText: 'Nothing is kept' }).waitFor();
    await page.reload();
    // With nothing kept, the sample comes back.
    await page.locator('#projects-table tbody tr[data-project-id]').nth(1).waitFor({ timeout: 20_000 });
    assert.notEqual(await page.locator('#portfolio-name').textContent(), 'My own portfolio');
    await dashboard.finish(opened);
  });

  test('a first visit does not wait for the store, yet a copy kept without the page\'s flag is still restored and never overwritten', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    await page.setInputFiles('#file-input', { name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OWN), 'utf8') });
    await page.locator('#store-note', { hasText: 'own.json' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');
    // The flag a save sets is what lets a first visit skip waiting; without it (a copy kept by an
    // earlier version of the page, or the flag cleared on its own) the page starts on the sample.
    assert.equal(await page.evaluate(() => localStorage.getItem('pmo-analytics:saved')), '1');
    await page.evaluate(() => localStorage.removeItem('pmo-analytics:saved'));

    await page.reload();
    await page.locator('#portfolio-name', { hasText: 'My own portfolio' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');
    assert.match(await page.locator('#store-note').textContent(), /Restored from this browser/);
    // Once more: had the sample been saved over it, this reload would show the sample.
    await page.reload();
    await page.locator('#portfolio-name', { hasText: 'My own portfolio' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#projects-table tbody tr[data-project-id]').count(), 1);

    await page.locator('#clear-button').click();
    await page.locator('#store-note', { hasText: 'Nothing is kept' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('pmo-analytics:saved')), null);
    await dashboard.finish(opened);
  });
});
