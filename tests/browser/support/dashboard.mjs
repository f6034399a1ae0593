// What every dashboard test file shares: one static server and one Chromium for the file, a way
// to open the dashboard once the sample is on screen, a check when a page closes that it raised
// nothing and talked to no other origin, and the engine itself in Node for expected values.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startStaticServer } from './static-server.mjs';
import { foreignRequests, launchChromium, openPage, pageProblems, wwwRoot } from './browser.mjs';

/** Registers the file's before/after hooks; `ready` is what shows once the sample is loaded. */
export function useDashboard(ready = '#projects-table tbody tr[data-project-id]') {
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
  return {
    get origin() {
      return server.origin;
    },
    get browser() {
      return browser;
    },
    /** A fresh page on the dashboard with the sample on screen. */
    async open(options) {
      const opened = await openPage(browser, options);
      await opened.page.goto(`${server.origin}/`);
      await opened.page.locator(ready).first().waitFor({ state: 'visible', timeout: 20_000 });
      return opened;
    },
    /** Asserts the page raised nothing and talked to no one else, then closes it. */
    async finish({ context, page, record }) {
      try {
        assert.deepEqual(await pageProblems(page, record), [], 'no console errors, page errors, CSP violations or dialogs');
        assert.deepEqual(foreignRequests(record, server.origin), [], 'every request goes to the test server');
        // A request the page cancelled (the sample, once a kept copy is found) is not a failure.
        assert.deepEqual(record.failedRequests.filter((failed) => !failed.endsWith('(net::ERR_ABORTED)')), [], 'no request failed');
      } finally {
        await context.close();
      }
    },
  };
}

/** The built module in Node with the sample portfolio loaded: the engine's own answers. */
export async function sampleWorkspace() {
  const pkg = new URL(`file://${join(wwwRoot, 'pkg')}/`);
  const module = await import(new URL('pmo_analytics.js', pkg).href);
  await module.default({ module_or_path: readFileSync(new URL('pmo_analytics_bg.wasm', pkg)) });
  const workspace = new module.Workspace();
  workspace.load(readFileSync(join(wwwRoot, 'sample', 'portfolio.json'), 'utf8'));
  return workspace;
}
