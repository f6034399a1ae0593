// Browser test of `make dist`: the folder it builds works from a static host under a sub-path
// (https://intranet/pmo/ in production, /intranet/pmo/ on the test server). The test runs the
// dist script itself (copying only; www/pkg comes from `make pkg`, which `make test` runs before
// the browser tests) into test-output/dist, then checks the folder, opens it in Chromium and
// runs the sample and a Monte Carlo simulation (the Web Worker is the one URL built in code).
// Run: make pkg && node --test tests/browser/dist.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { foreignRequests, launchChromium, openPage, pageProblems, repoRoot, requireBuiltPage, screenshotDir, wwwRoot } from './support/browser.mjs';
import { startStaticServer } from './support/static-server.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 90_000 };
const SUB_PATH = '/intranet/pmo/';
const distRoot = join(repoRoot, 'test-output', 'dist');
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Every file under `root`, as paths relative to it with forward slashes, sorted. */
function listFiles(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name)).split('\\').join('/')]))
    .sort();
}

let server;
let browser;

before(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'dist.mjs'), distRoot], { cwd: repoRoot, stdio: 'pipe' });
  server = await startStaticServer(distRoot, { prefix: SUB_PATH });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('make dist', () => {
  test('the folder holds the page, its modules, styles, the engine and the sample, and nothing for development', () => {
    const files = listFiles(distRoot);
    for (const file of ['index.html', 'app.js', 'styles.css', 'health.css', 'print.css', 'js/engine.js', 'js/simulation-worker.js', 'pkg/pmo_analytics.js', 'pkg/pmo_analytics_bg.wasm', 'sample/portfolio.json', 'README.txt']) {
      assert.ok(files.includes(file), `dist has ${file}`);
    }
    // Everything the page has in www/ is there (the TypeScript declarations are for npm users;
    // dotfiles and half-written .tmp files are never copied).
    const leftOut = (file) => file.endsWith('.d.ts') || file.endsWith('.tmp') || file.split('/').some((part) => part.startsWith('.'));
    const expected = [...listFiles(wwwRoot).filter((file) => !leftOut(file)), 'README.txt'].sort();
    assert.deepEqual(files, expected);
    assert.deepEqual(readFileSync(join(distRoot, 'pkg', 'pmo_analytics_bg.wasm')), readFileSync(join(wwwRoot, 'pkg', 'pmo_analytics_bg.wasm')), 'the wasm is copied byte for byte');
  });

  test('README.txt says how to host it: any static server, application/wasm, the page\'s CSP and the header, nothing uploaded', () => {
    const note = readFileSync(join(distRoot, 'README.txt'), 'utf8');
    assert.match(note, /static/i);
    assert.match(note, /sub-path/);
    assert.match(note, /application\/wasm/);
    assert.ok(note.includes(CSP), 'the policy is quoted in full');
    assert.ok(note.includes(`Content-Security-Policy: ${CSP}`), 'the header to send instead');
    assert.match(note, /never uploaded/);
    assert.ok(readFileSync(join(distRoot, 'index.html'), 'utf8').includes(`content="${CSP}"`), 'the page sets the policy the README quotes');
  });

  test('no URL in the page is root-absolute, so the folder works under any sub-path', () => {
    const html = readFileSync(join(distRoot, 'index.html'), 'utf8');
    const htmlUrls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1]);
    assert.ok(htmlUrls.length > 0);
    assert.deepEqual(htmlUrls.filter((url) => url.startsWith('/')), [], 'index.html links');
    for (const file of listFiles(distRoot).filter((name) => /\.(js|css)$/.test(name))) {
      const text = readFileSync(join(distRoot, file), 'utf8');
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
        ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
        ...text.matchAll(/\bnew URL\(\s*['"]([^'"]+)['"]/g),
        ...text.matchAll(/\bfetch\(\s*['"]([^'"]+)['"]/g),
        ...text.matchAll(/url\(\s*['"]?([^'")]+)/g),
      ].map((match) => match[1]);
      assert.deepEqual(specifiers.filter((url) => url.startsWith('/')), [], `${file}: root-absolute URLs`);
    }
  });

  test(`served under ${SUB_PATH}, the page shows the sample, runs a simulation in its worker, and stays inside the sub-path`, TIMEOUT, async () => {
    const { context, page, record } = await openPage(browser);
    const responses = [];
    page.on('response', (response) => responses.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'] ?? '' }));
    try {
      const base = `${server.origin}${SUB_PATH}`;
      await page.goto(base);
      const rows = page.locator('#projects-table tbody tr[data-project-id]');
      await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await rows.count(), sample.projects.length, 'every sample project is listed');
      assert.equal(await page.locator('#page-error').isHidden(), true, 'no page error banner');
      assert.match(await page.locator('#portfolio-name').textContent(), /\S/);
      assert.doesNotMatch(await page.locator('#portfolio-name').textContent(), /Loading/);

      // The Web Worker's URL is made from import.meta.url: run it to see that it resolves too.
      const project = sample.projects.find((p) => p.id === 'PRJ-001') ?? sample.projects[0];
      await page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
      await page.locator('#risk-section:not([hidden]) .sim-run').waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('#sim-iterations').selectOption('1000');
      await page.locator('.sim-run').click();
      await page.locator('.fd-svg').waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await page.locator('.sim-status').textContent(), /^Finished: 1,000 iterations/);

      await page.goto(base); // back to the portfolio for the picture
      await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
      // The first screen, not the whole (very tall) page: enough to see styles, engine and data arrived.
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, 'dist-subpath.png') });

      assert.deepEqual(await pageProblems(page, record), [], 'no console errors, page errors, CSP violations or dialogs');
      assert.deepEqual(record.failedRequests, [], 'no request failed');
      assert.deepEqual(foreignRequests(record, server.origin), [], 'no request leaves the origin');
      assert.deepEqual(record.requests.filter((url) => !url.startsWith('data:') && !url.startsWith(base)), [], `every request the page makes is under ${SUB_PATH}`);
      // The server's own log also has what the worker fetched.
      assert.deepEqual(server.requests.filter((r) => !r.path.startsWith(SUB_PATH) || r.status !== 200), [], `the server answered 200 under ${SUB_PATH} to every request`);
      const paths = new Set(server.requests.map((r) => r.path.split('?')[0]));
      for (const file of ['index.html', 'app.js', 'styles.css', 'js/engine.js', 'js/simulation-worker.js', 'pkg/pmo_analytics.js', 'pkg/pmo_analytics_bg.wasm', 'sample/portfolio.json']) {
        assert.ok(paths.has(`${SUB_PATH}${file}`) || (file === 'index.html' && paths.has(SUB_PATH)), `${file} was loaded from ${SUB_PATH}`);
      }

      const wasm = responses.filter((r) => r.url.endsWith('.wasm'));
      assert.ok(wasm.length > 0, 'the page fetched the wasm');
      for (const response of wasm) {
        assert.equal(response.status, 200);
        assert.equal(response.type, 'application/wasm', `${response.url} is served as application/wasm`);
      }
    } finally {
      await context.close();
    }
  });

  test(`${SUB_PATH.slice(0, -1)} without the slash is redirected and the page still loads`, TIMEOUT, async () => {
    const { context, page, record } = await openPage(browser);
    try {
      await page.goto(`${server.origin}${SUB_PATH.slice(0, -1)}`);
      await page.locator('#projects-table tbody tr[data-project-id]').first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(new URL(page.url()).pathname, SUB_PATH);
      assert.deepEqual(await pageProblems(page, record), []);
      assert.deepEqual(record.failedRequests, []);
    } finally {
      await context.close();
    }
  });

  test(`the widgets' example page works under ${SUB_PATH} too`, TIMEOUT, async () => {
    const { context, page, record } = await openPage(browser);
    const earlier = server.requests.length;
    try {
      await page.goto(`${server.origin}${SUB_PATH}embed.html`);
      await page.waitForFunction(() => {
        const all = [...document.querySelectorAll('pmo-portfolio, .widget')];
        return all.length === 6 && all.every((e) => ['ready', 'error'].includes(e.dataset.state) && !e.hasAttribute('aria-busy'));
      }, null, { timeout: 60_000 });
      const states = await page.evaluate(() => [...document.querySelectorAll('pmo-portfolio, .widget')].map((e) => `${e.localName}: ${e.dataset.state}`));
      assert.ok(states.every((s) => s.endsWith('ready')), states.join(', '));
      assert.deepEqual(await pageProblems(page, record), []);
      assert.deepEqual(record.failedRequests, []);
      assert.ok(server.requests.slice(earlier).every((r) => r.path.startsWith(SUB_PATH)), 'every request stays under the sub-path');
    } finally {
      await context.close();
    }
  });
});
