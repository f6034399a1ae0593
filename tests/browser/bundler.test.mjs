// The npm package inside a bundled app: pkg/ is laid out in a temporary node_modules as
// `npm install` would, the app of tests/bundler/ (TypeScript importing 'pmo-analytics' and its
// .wasm as an asset) must pass strict `tsc --noEmit`, esbuild bundles it, and Chromium runs the
// bundle from a static server and shows the hand-computed finish and earned value.
// Run: make pkg && node --test tests/browser/bundler.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

import { foreignRequests, launchChromium, openPage, pageProblems, repoRoot, screenshot } from './support/browser.mjs';
import { startStaticServer } from './support/static-server.mjs';

const TIMEOUT = { timeout: 90_000 };
const pkgDir = join(repoRoot, 'pkg');
const appSource = join(repoRoot, 'tests', 'bundler');
const tsc = join(repoRoot, 'tests', 'browser', 'node_modules', '.bin', 'tsc');

// `make test` builds pkg/ before the browser tests, so a missing package is a failure.
function readManifest() {
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath) || !existsSync(join(pkgDir, 'pmo_analytics_bg.wasm'))) {
    throw new Error(`The npm package is not built (${pkgDir} has no package.json or .wasm). Run "make pkg" first, then "node --test tests/browser/bundler.test.mjs".`);
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8'));
}
const manifest = readManifest();

// The plan of tests/bundler/app/main.ts worked out by hand. Calendar: Monday to Friday, 8 hours
// a day, with Good Friday (3 April 2026) and Easter Monday (6 April) off.
// - Pack, 3 days from Monday 30 March 08:00: 30, 31 March, 1 April (done, as planned).
// - Book the movers, 1 day after Pack: Thursday 2 April (done).
// - Fit out, 4 days after Pack from Thursday 2 April; half done by the status date (7 April,
//   counted to its end): 2 April, then 3 to 6 April are off, 7 April. The other 2 days are
//   Wednesday 8 and Thursday 9 April, finishing 9 April 17:00.
// - Move in, 2 days after Fit out (the later of its two predecessors): Friday 10 April, then
//   the weekend, Monday 13 April, finishing 17:00.
const EXPECTED_FINISH = '2026-04-13T17:00';
// Earned value is each activity's cost times its percent complete (no baseline, no snapshots):
// 3000 x 100% + 4000 x 50% + 1000 x 100% + 2000 x 0% = 6000. Actual cost 3300 + 2200 + 900 =
// 6400, so CPI = 6000 / 6400 = 0.9375.
const EXPECTED_EV = '6000.00 EUR';
const EXPECTED_CPI = '0.9375';

let workDir;
let distDir;
let bundle;
let server;
let browser;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'pmo-bundler-'));
  distDir = join(workDir, 'dist');
  // What `npm install pmo-analytics` puts in node_modules: package.json and the "files" list.
  const installed = join(workDir, 'node_modules', 'pmo-analytics');
  mkdirSync(installed, { recursive: true });
  for (const file of ['package.json', ...manifest.files]) {
    if (existsSync(join(pkgDir, file))) cpSync(join(pkgDir, file), join(installed, file), { recursive: true });
  }
  cpSync(appSource, workDir, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the npm package in a bundled app', () => {
  test('the installed package has what its exports map names', () => {
    const installed = join(workDir, 'node_modules', 'pmo-analytics');
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of targets) assert.ok(existsSync(join(installed, target)), `${target} (named by "exports") is in "files"`);
  });

  test('the app type-checks with strict tsc --noEmit against the package declarations', () => {
    assert.ok(existsSync(tsc), `${tsc} is missing: run "cd tests/browser && npm ci"`);
    const run = spawnSync(tsc, ['--noEmit', '-p', 'tsconfig.json'], { cwd: workDir, encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc --noEmit failed:\n${run.stdout}${run.stderr}`);
  });

  test('esbuild bundles it, emitting the .wasm as an asset of its own', async () => {
    const result = await esbuild.build({
      absWorkingDir: workDir,
      entryPoints: ['app/main.ts'],
      outdir: 'dist',
      bundle: true,
      format: 'esm',
      target: 'es2022',
      loader: { '.wasm': 'file' },
      logLevel: 'silent',
    });
    const warnings = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    assert.deepEqual(warnings, [], 'esbuild has no warnings');
    cpSync(join(workDir, 'index.html'), join(distDir, 'index.html'));

    const files = readdirSync(distDir).sort();
    const wasm = files.filter((file) => file.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one .wasm in ${files.join(', ')}`);
    assert.match(wasm[0], /^pmo_analytics_bg-\w+\.wasm$/, 'the file loader names the copy with a content hash');
    assert.deepEqual(readFileSync(join(distDir, wasm[0])), readFileSync(join(pkgDir, 'pmo_analytics_bg.wasm')), 'the wasm is copied byte for byte');
    bundle = { wasm: wasm[0] };
  });

  test('Chromium runs the bundle and shows the hand-computed finish and earned value', TIMEOUT, async () => {
    assert.ok(bundle, 'the bundle was built (see the test before)');
    server = await startStaticServer(distDir);
    const { context, page, record } = await openPage(browser);
    try {
      await page.goto(`${server.origin}/`);
      // The page writes every figure once the engine has answered, or an error banner.
      await page.waitForFunction(() => !document.getElementById('error').hidden || !/computing/.test(document.getElementById('cpi').textContent), null, { timeout: 30_000 });
      await screenshot(page, 'bundler-app');

      assert.equal(await page.locator('#error').isHidden(), true, `no error banner: ${await page.locator('#error').textContent()}`);
      assert.equal(await page.locator('#finish').textContent(), EXPECTED_FINISH);
      assert.equal(await page.locator('#earned-value').textContent(), EXPECTED_EV);
      assert.equal(await page.locator('#cpi').textContent(), EXPECTED_CPI);

      assert.deepEqual(await pageProblems(page, record), [], 'no console errors, page errors, CSP violations or dialogs');
      assert.deepEqual(record.failedRequests, [], 'no request failed');
      assert.deepEqual(foreignRequests(record, server.origin), [], 'no request leaves the origin');
      // The page, the bundle and the hashed wasm: the package's own default URL (the .wasm
      // beside pmo_analytics.js) is never asked for.
      assert.deepEqual(
        server.requests.map((r) => `${r.status} ${r.path}`).sort(),
        ['200 /', '200 /main.js', `200 /${bundle.wasm}`].sort(),
      );
    } finally {
      await context.close();
    }
  });
});
