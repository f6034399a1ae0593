// The data stays in the browser: through a whole working session (import an MS Project file and
// a CSV, edit what-ifs, run a simulation, open the one-pager, export JSON and CSV, clear the
// data) the page asks nothing of any other origin, and of its own server only GETs of its own
// files, with no query string that could carry data. Requests to anywhere else are trapped at
// the browser and would fail the test even if nothing on the page noticed them.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startStaticServer } from './support/static-server.mjs';
import { launchChromium, openPage, pageProblems, requireBuiltPage, screenshot, wwwRoot } from './support/browser.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 120_000 };
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

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path(), 'utf8');
}

describe('data stays in the browser', () => {
  test('a session of import, edit and export makes no request off the page\'s own files', TIMEOUT, async () => {
    const { context, page, record } = await openPage(browser);
    const trapped = [];
    // Anything not for the test server is stopped at the browser and remembered.
    await context.route((url) => url.origin !== server.origin && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
      trapped.push(`${route.request().method()} ${route.request().url()}`);
      return route.abort();
    });
    const served = server.requests.length;
    try {
      await page.goto(`${server.origin}/`);
      await page.locator('#projects-table tbody tr[data-project-id]').first().waitFor({ timeout: 30_000 });
      await page.locator('#one-pager-button').click();
      await page.locator('#one-pager:not([hidden])').waitFor();

      // Import MS Project XML (when the shared fixtures are here) and a CSV into the open project.
      if (existsSync(MSPDI)) {
        await page.setInputFiles('#mspdi-input', { name: 'mspdirelations.xml', mimeType: 'application/xml', buffer: readFileSync(MSPDI) });
        await page.locator('#projects-table tr[data-project-id="MSP-mspdirelations"]').waitFor();
      } else {
        console.log(`# ${MSPDI} is absent: the MS Project import step is skipped`);
      }
      const first = await page.locator('#projects-table tbody tr[data-project-id]').first().getAttribute('data-project-id');
      await page.locator(`#projects-table tr[data-project-id="${first}"] .project-open`).click();
      await page.locator('#what-if form').waitFor();
      await page.locator('#csv-kind').selectOption('risks');
      await page.setInputFiles('#csv-input', { name: 'risks.csv', mimeType: 'text/csv', buffer: readFileSync(join(wwwRoot, 'sample', 'templates', 'risks.csv')) });
      await page.locator('#status', { hasText: 'Imported the risks' }).waitFor();

      // Edit: a duration and a percent complete.
      await page.locator(`#projects-table tr[data-project-id="${first}"] .project-open`).click();
      await page.locator('#what-if-days').fill('7');
      await page.locator('#what-if button[type="submit"]').click();
      await page.locator('#what-if-undo', { hasText: 'Undo (1)' }).waitFor();
      await page.locator('#what-if-kind').selectOption('progress');
      await page.locator('#what-if-percent').fill('40');
      await page.locator('#what-if button[type="submit"]').click();
      await page.locator('#what-if-undo', { hasText: 'Undo (2)' }).waitFor();

      // A simulation, in its worker.
      await page.locator('#risk-section .sim-run').click();
      await page.locator('#risk-section .fd-svg').waitFor({ timeout: 60_000 });

      // Export: the whole portfolio as JSON, and the Gantt's activities as CSV.
      const json = await download(page, () => page.locator('#export-button').click());
      assert.ok(JSON.parse(json).projects.length > 0);
      const csv = await download(page, () => page.locator('#gantt-csv').click());
      assert.match(csv, /^ID,Name,/);
      await page.waitForFunction(() => document.querySelector('#store-note')?.dataset.pending === '0');
      await page.locator('#clear-button').click();
      await page.locator('#store-note', { hasText: 'Nothing is kept' }).waitFor();
      await screenshot(page, 'privacy-session');

      assert.deepEqual(trapped, [], 'no request to another origin');
      assert.deepEqual(record.requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:') && !url.startsWith('blob:')), []);
      // Of its own server, the page only fetched its files: GETs, no query strings, each a file in www/.
      const own = server.requests.slice(served);
      assert.ok(own.length > 0);
      for (const request of own) {
        assert.equal(request.method, 'GET', `${request.method} ${request.path}`);
        assert.ok(!request.path.includes('?'), `no query string: ${request.path}`);
        assert.equal(request.status, 200, `${request.path} is one of the page's files`);
      }
      assert.deepEqual(await pageProblems(page, record), []);
    } finally {
      await context.close();
    }
  });
});
