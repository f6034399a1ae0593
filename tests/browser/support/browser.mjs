// Shared set-up for the dashboard's browser tests: Debian's Chromium driven by playwright-core,
// pages that record every console error, page error, CSP violation, dialog and request, and
// the paths the tests need (repo root, www/, the screenshot folder).

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const wwwRoot = join(repoRoot, 'www');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

// As root, Chromium needs --no-sandbox; the rest keep it from calling home during a test.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the command to run when the page's inputs are not there. */
export function requireBuiltPage() {
  const module = join(wwwRoot, 'pkg', 'pmo_analytics.js');
  if (!existsSync(module)) {
    throw new Error(`${module} is missing: the dashboard's wasm module is not built. Run "make pkg" first, then "node --test tests/browser/".`);
  }
  const sample = join(wwwRoot, 'sample', 'portfolio.json');
  if (!existsSync(sample)) {
    throw new Error(`${sample} is missing. Generate it with "make sample".`);
  }
  try {
    return JSON.parse(readFileSync(sample, 'utf8'));
  } catch (error) {
    throw new Error(`${sample} is not valid JSON (${error.message}). Regenerate it with "make sample".`);
  }
}

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page (light theme, 1440x900, a fixed locale so formatting is the same on
 * every machine: en-GB unless another is asked for) with recorders. CSP violations are collected
 * by a listener installed before any page script runs, besides the console messages Chromium
 * prints for them.
 */
export async function openPage(browser, { colorScheme = 'light', locale = 'en-GB', bypassCSP = false } = {}) {
  // bypassCSP is for auditing tools that inject styles of their own (axe-core); every other test
  // runs under the page's policy.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, colorScheme, bypassCSP });
  const page = await context.newPage();
  const record = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('dialog', async (dialog) => {
    record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('requestfailed', (request) => record.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  return { context, page, record };
}

/** Every kind of error the page could have raised, as one list (empty when all is well). */
export async function pageProblems(page, record) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
  return [
    ...record.consoleErrors.map((text) => `console error: ${text}`),
    ...record.pageErrors.map((text) => `page error: ${text}`),
    ...csp.map((text) => `CSP violation: ${text}`),
    ...record.dialogs.map((text) => `dialog: ${text}`),
  ];
}

/** The requests that went anywhere but the test server (data: URLs are not requests). */
export function foreignRequests(record, origin) {
  return record.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
}

/**
 * The whole page as a reader scrolling through it sees it. The dashboard lays out its panels
 * below the first screen only as they come near it (content-visibility: auto), which a plain
 * full-page capture does not do, so the window is made as tall as the page for the picture (a
 * panel's real height may differ from its placeholder's, hence the second look) and then put
 * back as it was.
 */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize();
  const nextFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  let height = viewport?.height ?? 0;
  for (let look = 0; viewport && look < 3; look += 1) {
    const pageHeight = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 16_000);
    if (pageHeight <= height) break;
    height = pageHeight;
    await page.setViewportSize({ width: viewport.width, height });
    await nextFrames();
  }
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  if (viewport && height !== viewport.height) {
    await page.setViewportSize(viewport);
    await nextFrames();
  }
}
