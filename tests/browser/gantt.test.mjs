// Browser tests of the schedule (Gantt) section and the MS Project XML import.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { startStaticServer } from './support/static-server.mjs';
import { foreignRequests, launchChromium, openPage, pageProblems, requireBuiltPage, screenshot, wwwRoot } from './support/browser.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const MSPDI = fileURLToPath(new URL('../../../shared/fixtures/mspdi/mspdirelations.xml', import.meta.url));

let server;
let browser;

before(async () => {
  server = await startStaticServer(wwwRoot);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openDashboard() {
  const opened = await openPage(browser);
  await opened.page.goto(`${server.origin}/`);
  await opened.page.locator('#projects-table tbody tr[data-project-id]').first().waitFor({ state: 'visible', timeout: 20_000 });
  return opened;
}

async function finish({ context, page, record }) {
  try {
    assert.deepEqual(await pageProblems(page, record), [], 'no console errors, page errors, CSP violations or dialogs');
    assert.deepEqual(foreignRequests(record, server.origin), [], 'every request goes to the test server');
    assert.deepEqual(record.failedRequests, [], 'no request failed');
  } finally {
    await context.close();
  }
}

async function openProject(page, id) {
  await page.locator(`#projects-table tr[data-project-id="${id}"] .project-open`).click();
  await page.locator('#schedule-section:not([hidden]) .gantt-svg').waitFor({ state: 'visible' });
}

/** A sample project with activities and a status date, not the broken one. */
const project = sample.projects.find((p) => (p.activities?.length ?? 0) >= 5 && p.statusDate && p.id !== 'PRJ-015')
  ?? sample.projects.find((p) => (p.activities?.length ?? 0) > 0);

describe('schedule (Gantt) section', () => {
  test('a selected project shows its Gantt: rows, critical markers, status line, keyboard', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, project.id);
    const heading = await page.locator('#schedule-heading').textContent();
    assert.match(heading, /^Schedule of /);
    const label = await page.locator('.gantt-svg').getAttribute('aria-label');
    const count = Number(/(\d+) activities/.exec(label)?.[1]);
    const scheduled = await page.evaluate(() => document.querySelectorAll('.gantt-row').length);
    assert.ok(count > 0, `aria-label: ${label}`);
    assert.ok(scheduled > 0 && scheduled <= count, `drawn rows ${scheduled} of ${count}`);
    if (count <= 20) assert.equal(scheduled, count, 'every row drawn for a small project');
    assert.match(label, /finish \d{4}-\d{2}-\d{2}, \d+ critical/);
    const critical = Number(/(\d+) critical/.exec(label)[1]);
    assert.ok(critical > 0, 'some activity is critical');
    assert.equal(await page.locator('.gantt-status-line').count(), 1, 'status-date line drawn');
    assert.match(await page.locator('.gantt-status-label').textContent(), /^Status \d{4}-\d{2}-\d{2}$/);
    assert.match(await page.locator('.schedule-critical').textContent(), /^\d+$/);

    await page.locator('.gantt-scroll').focus();
    const before = await page.locator('#gantt-live').textContent();
    await page.keyboard.press('ArrowDown');
    const afterDown = await page.locator('#gantt-live').textContent();
    assert.notEqual(afterDown, before, 'Down announces another activity');
    assert.match(afterDown, /^2 of \d+: .*critical (yes|no)\.$/);
    assert.equal(await page.locator('.gantt-scroll').getAttribute('aria-activedescendant'), 'gantt-row-1');
    await screenshot(page, 'gantt-sample');
    // Rows are virtualised: page down until a critical row is in view.
    for (let step = 0; step < count / 10 + 2 && (await page.locator('.gantt-critical-mark').count()) === 0; step += 1) {
      await page.keyboard.press('PageDown');
    }
    assert.ok(await page.locator('.gantt-critical-mark').count() > 0, 'critical activities are marked C');
    assert.ok(await page.locator('.gantt-bar-hatch, .gantt-row.is-critical .gantt-milestone').count() > 0, 'critical bars are hatched');
    await screenshot(page, 'gantt-critical');
    await page.getByRole('button', { name: 'Week' }).click();
    await screenshot(page, 'gantt-week');
    await finish(opened);
  });

  test('the broken project lists its schedule findings as text', TIMEOUT, async () => {
    const broken = sample.projects.find((p) => p.id === 'PRJ-015');
    if (!broken) return;
    const opened = await openDashboard();
    await openProject(opened.page, 'PRJ-015');
    const text = await opened.page.locator('#schedule-facts').textContent();
    assert.match(text, /dependency_cycle/);
    await screenshot(opened.page, 'gantt-broken');
    await finish(opened);
  });

  test('importing MS Project XML adds a project and shows its Gantt', TIMEOUT, async (t) => {
    if (!existsSync(MSPDI)) {
      t.skip(`${MSPDI} is absent`);
      return;
    }
    const opened = await openDashboard();
    const { page } = opened;
    const rowsBefore = await page.locator('#projects-table tbody tr[data-project-id]').count();
    await page.setInputFiles('#mspdi-input', { name: 'mspdirelations.xml', mimeType: 'application/xml', buffer: readFileSync(MSPDI) });
    await page.locator('#schedule-section:not([hidden]) .gantt-svg').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#projects-table tbody tr[data-project-id]').count(), rowsBefore + 1);
    assert.equal(await page.locator('#projects-table tr[data-project-id="MSP-mspdirelations"]').count(), 1);
    assert.ok(await page.locator('.gantt-row').count() > 0);
    await screenshot(page, 'gantt-imported');
    await finish(opened);
  });

  test('a non-MSPDI XML is refused with not_mspdi and the portfolio stays', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const rowsBefore = await page.locator('#projects-table tbody tr[data-project-id]').count();
    await page.setInputFiles('#mspdi-input', { name: 'p6.xml', mimeType: 'application/xml', buffer: Buffer.from('<APIBusinessObjects/>') });
    await page.locator('#load-error:not([hidden])').waitFor();
    assert.match(await page.locator('#load-error').textContent(), /not_mspdi/);
    assert.equal(await page.locator('#projects-table tbody tr[data-project-id]').count(), rowsBefore);
    await screenshot(page, 'gantt-import-error');
    await finish(opened);
  });
});
