// The dashboard's first visit does not wait on a chain of requests: index.html asks for every
// module app.js imports (the import graph read here from the sources, independently of the
// page), the engine's module and its wasm at once, and the browser then uses each of those
// responses instead of asking again. A module added without its preload line, or a preload left
// for a module that is gone, fails here.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { requireBuiltPage, wwwRoot } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 120_000 };

/** Every module reachable from `entry` by static imports, as paths relative to www/. */
function staticImports(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/gm)) {
      visit(resolve(dirname(file), match[1]));
    }
  };
  visit(join(wwwRoot, entry));
  seen.delete(join(wwwRoot, entry));
  return [...seen].map((file) => relative(wwwRoot, file));
}

const dashboard = useDashboard('#health-table tbody tr[data-project-id]');

describe('first visit', () => {
  test('index.html preloads exactly the modules app.js imports, the engine and its wasm', TIMEOUT, async () => {
    const imports = staticImports('app.js');
    assert.ok(imports.length > 20, `the import graph of app.js was read (${imports.length} modules)`);
    const expected = [...imports, 'pkg/pmo_analytics.js', 'pkg/pmo_analytics_bg.wasm'].sort();

    const opened = await dashboard.open();
    const { page } = opened;
    const seen = await page.evaluate(() => ({
      links: [...document.querySelectorAll('link[rel="modulepreload"], link[rel="preload"]')].map((link) => link.getAttribute('href')),
      fetched: performance.getEntriesByType('resource')
        .map((entry) => ({ path: new URL(entry.name).pathname.slice(1), start: entry.startTime, end: entry.responseEnd }))
        .filter((entry) => /\.(js|wasm)$/.test(entry.path)),
    }));
    assert.deepEqual([...seen.links].sort(), expected, 'the preload lines in index.html');
    // Each asked for once, and before app.js itself had arrived: a module the browser found
    // only by reading an import starts after its importer has, and a wasm the engine fetched
    // again because the preload did not match its request would be listed twice.
    const appJs = seen.fetched.find((entry) => entry.path === 'app.js');
    assert.ok(appJs, 'app.js was fetched');
    for (const path of expected) {
      const fetches = seen.fetched.filter((entry) => entry.path === path);
      assert.equal(fetches.length, 1, `${path} was fetched once`);
      assert.ok(fetches[0].start <= appJs.end, `${path} was asked for at ${fetches[0].start.toFixed(1)} ms, before app.js arrived at ${appJs.end.toFixed(1)} ms`);
    }
    await dashboard.finish(opened);
  });
});
