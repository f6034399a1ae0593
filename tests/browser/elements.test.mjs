// Browser tests of the custom elements on embed.html, a page that is not the dashboard's: each
// of the six elements renders what the engine computes for the same project, a choice in one
// sends pmo-select and the page re-points the others, `.data` and attribute changes re-render,
// a src on another origin is refused before any request, user text stays text, and the host
// page's theme reaches inside through --pmo-* and ::part. A screenshot of each element is kept.
// Run: make pkg && node --test tests/browser/

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { openPage, requireBuiltPage, screenshotDir, wwwRoot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 90_000 };
const ELEMENTS = ['pmo-portfolio', 'pmo-health-card', 'pmo-risk-matrix', 'pmo-scurve', 'pmo-gantt', 'pmo-finish-forecast'];
const FIRST_PROJECT = 'PRJ-004'; // what embed.html opens on
const dashboard = useDashboard();
let engine;

before(async () => {
  engine = await sampleWorkspace();
});

/** embed.html with every element drawn (or failed: the caller checks which). */
async function openEmbed(path = '/embed.html') {
  const opened = await openPage(dashboard.browser);
  await opened.page.goto(`${dashboard.origin}${path}`);
  await waitSettled(opened.page, 'pmo-portfolio, .widget');
  return opened;
}

/** Waits until every matching element has finished its latest draw. */
async function waitSettled(page, selector) {
  await page.waitForFunction((s) => {
    const all = [...document.querySelectorAll(s)];
    return all.length > 0 && all.every((e) => ['ready', 'error'].includes(e.dataset.state) && !e.hasAttribute('aria-busy'));
  }, selector, { timeout: 60_000 });
}

const states = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('pmo-portfolio, .widget')].map((e) => [e.localName, e.dataset.state])));

describe('custom elements on embed.html', () => {
  test('each of the six elements renders the engine\'s figures for the same project', TIMEOUT, async () => {
    const opened = await openEmbed();
    const { page } = opened;
    assert.deepEqual(await states(page), Object.fromEntries(ELEMENTS.map((name) => [name, 'ready'])));

    // The portfolio: a row per project, with the engine's band in words.
    const portfolio = engine.portfolioHealth(null);
    const rows = await page.locator('pmo-portfolio tbody tr[data-project-id]').evaluateAll((trs) => trs.map((tr) => ({ id: tr.dataset.projectId, text: tr.textContent })));
    assert.equal(rows.length, portfolio.projectCount);
    for (const [i, project] of portfolio.projects.entries()) {
      assert.equal(rows[i].id, project.projectId);
      assert.ok(rows[i].text.includes(project.bandLabel), `${project.projectId} reads "${project.bandLabel}"`);
    }

    // The health card: the overall band and every dimension, in words.
    const health = engine.health(FIRST_PROJECT, null);
    const card = await page.locator('pmo-health-card .pmo-frame').textContent();
    assert.ok(card.includes(health.name) && card.includes(health.overall.label));
    for (const d of health.dimensions) assert.ok(card.includes(`${d.label}`) && card.includes(d.bandLabel), `dimension ${d.label}`);

    // The Gantt: one row per scheduled activity, and the engine's finish in its summary.
    const schedule = engine.schedule(FIRST_PROJECT);
    const summary = await page.locator('pmo-gantt .gantt-svg').getAttribute('data-summary');
    assert.equal(summary, `${schedule.activities.length} activities, finish ${schedule.finish.slice(0, 10)}, ${schedule.activities.filter((a) => a.critical).length} critical`);

    // The risk matrix: the open threats the register counts.
    const register = engine.riskRegister(FIRST_PROJECT, null);
    const openThreats = register.heatMap.threats.reduce((sum, cell) => sum + cell.count, 0);
    const cellCounts = await page.locator('pmo-risk-matrix [data-cell]').evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.querySelector('.rm-count')?.textContent ?? c.textContent.match(/\d+/)?.[0] ?? 0), 0));
    assert.equal(cellCounts, openThreats);

    // The S-curve: drawn, with a text alternative naming the project.
    const scurve = page.locator('pmo-scurve svg[role="img"]');
    assert.ok((await scurve.getAttribute('aria-labelledby')) || (await scurve.getAttribute('aria-label')));
    assert.ok((await page.locator('pmo-scurve .pmo-frame').textContent()).includes(health.name));

    // The finish forecast: the P50 the engine gives for the same request (the element's
    // documented defaults: 0.9 to 1.3 times planned, register risks, seed and iterations as set).
    const doc = engine.project(FIRST_PROJECT);
    const simulation = engine.createSimulation(FIRST_PROJECT, {
      iterations: 1000, seed: 7, defaultRange: { optimistic: 0.9, pessimistic: 1.3 }, registerRisks: true,
      options: { riskTornado: true, finishTargetDate: doc.committedFinish },
    });
    simulation.runChunk(1000);
    const expected = simulation.results();
    simulation.free();
    const p50 = await page.locator('pmo-finish-forecast .fd-marker-p50').getAttribute('data-date');
    assert.equal(p50, expected.finishDates.find((d) => d.percentile === 50).date);

    // Each element, as the reader sees it.
    mkdirSync(screenshotDir, { recursive: true });
    for (const name of ELEMENTS) await page.locator(name).screenshot({ path: join(screenshotDir, `embed-${name}.png`) });
    await page.screenshot({ path: join(screenshotDir, 'embed-page.png') });
    await dashboard.finish(opened);
  });

  test('choosing a project sends pmo-select, and the page re-points the other elements', TIMEOUT, async () => {
    const opened = await openEmbed();
    const { page } = opened;
    const chosen = engine.portfolioHealth(null).projects.find((p) => p.projectId !== FIRST_PROJECT);
    await page.evaluate(() => {
      window.__selections = [];
      document.addEventListener('pmo-select', (event) => window.__selections.push(event.detail));
    });
    // By keyboard: the row takes focus and Enter chooses it.
    await page.locator(`pmo-portfolio tr[data-project-id="${chosen.projectId}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('pmo-health-card').getAttribute('project') === id, chosen.projectId);
    await waitSettled(page, '.widget');
    assert.deepEqual(await page.evaluate(() => window.__selections), [{ kind: 'project', projectId: chosen.projectId }]);
    const card = await page.locator('pmo-health-card .pmo-title').textContent();
    assert.equal(card, chosen.name);
    const schedule = engine.schedule(chosen.projectId);
    assert.match(await page.locator('pmo-gantt .gantt-svg').getAttribute('data-summary'), new RegExp(`^${schedule.activities.length} activities, finish ${schedule.finish.slice(0, 10)}`));

    // An activity chosen in the Gantt (Enter on the active row) says which.
    await page.locator('pmo-gantt .gantt-scroll').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const last = await page.evaluate(() => window.__selections.at(-1));
    assert.deepEqual(last, { kind: 'activity', projectId: chosen.projectId, activityId: schedule.activities[1].id });
    // The host page prints the event as text.
    assert.match(await page.locator('#last-choice').textContent(), /activity/);
    await dashboard.finish(opened);
  });

  test('.data re-renders, user text stays text, another origin is refused, errors have codes', TIMEOUT, async () => {
    const opened = await openEmbed();
    const { page } = opened;
    const portfolio = JSON.parse(readFileSync(join(wwwRoot, 'sample', 'portfolio.json'), 'utf8'));
    const hostile = '<img src=x onerror=alert(1)>';
    portfolio.projects.find((p) => p.id === FIRST_PROJECT).name = hostile;
    await page.evaluate((data) => {
      const card = document.querySelector('pmo-health-card');
      card.removeAttribute('src');
      card.data = data;
    }, portfolio);
    await waitSettled(page, 'pmo-health-card');
    assert.equal(await page.locator('pmo-health-card .pmo-title').textContent(), hostile);
    assert.equal(await page.locator('pmo-health-card img').count(), 0, 'the name was not parsed as HTML');

    // A src on another origin: refused in the element, with its code, and never requested.
    await page.evaluate(() => {
      window.__errors = [];
      document.addEventListener('pmo-error', (event) => window.__errors.push(event.detail.code));
      document.querySelector('pmo-scurve').setAttribute('src', 'https://example.invalid/portfolio.json');
    });
    await waitSettled(page, 'pmo-scurve');
    assert.equal(await page.locator('pmo-scurve').getAttribute('data-state'), 'error');
    assert.match(await page.locator('pmo-scurve .pmo-error').textContent(), /src_not_same_origin/);

    // An unknown project names itself.
    await page.evaluate(() => document.querySelector('pmo-gantt').setAttribute('project', 'NO-SUCH'));
    await waitSettled(page, 'pmo-gantt');
    assert.match(await page.locator('pmo-gantt .pmo-error').textContent(), /NO-SUCH.*unknown_project/s);
    assert.deepEqual(await page.evaluate(() => window.__errors), ['src_not_same_origin', 'unknown_project']);
    await dashboard.finish(opened);
  });

  test('the host page themes the elements through --pmo-* properties and ::part', TIMEOUT, async () => {
    const opened = await openEmbed();
    const { page } = opened;
    // embed-page.css sets --pmo-accent #5b3f9a on the widgets and colours the card's title part.
    const accent = await page.locator('pmo-health-card .pmo-card-why > summary').evaluate((node) => getComputedStyle(node).color);
    assert.equal(accent, 'rgb(91, 63, 154)');
    const titleColour = await page.locator('pmo-health-card .pmo-title').evaluate((node) => getComputedStyle(node).color);
    assert.equal(titleColour, 'rgb(59, 45, 92)');
    // The host's serif body font stops at the element; the frame uses the font it was given.
    const font = await page.locator('pmo-health-card .pmo-frame').evaluate((node) => getComputedStyle(node).fontFamily);
    assert.match(font, /system-ui/);
    // Dark scheme: the frame follows the system.
    const dark = await openPage(dashboard.browser, { colorScheme: 'dark' });
    await dark.page.goto(`${dashboard.origin}/embed.html`);
    await waitSettled(dark.page, 'pmo-portfolio, .widget');
    const background = await dark.page.locator('pmo-health-card .pmo-frame').evaluate((node) => getComputedStyle(node).backgroundColor);
    assert.equal(background, 'rgb(23, 30, 39)');
    await dark.page.locator('pmo-health-card').screenshot({ path: join(screenshotDir, 'embed-pmo-health-card-dark.png') });
    await dashboard.finish(dark);
    await dashboard.finish(opened);
  });
});
