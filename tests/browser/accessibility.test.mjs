// Usable by everyone: axe-core (the standard rule set for WCAG 2.1 A and AA, contrast included)
// finds nothing on the portfolio home, a project's view and the widgets' page, in the light and
// the dark scheme; the dark scheme follows the system; the keyboard reaches every chart; money
// and dates follow the reader's locale.
// Run: make pkg && node --test tests/browser/

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { openPage, requireBuiltPage, screenshot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

requireBuiltPage();
const TIMEOUT = { timeout: 120_000 };
const dashboard = useDashboard('#health-table tbody tr[data-project-id]');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PROJECT = 'PRJ-004';

/** axe's WCAG 2.1 A/AA violations on the page as it is, as "rule: target" lines. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')}`));
}

async function openProject(page, id) {
  await page.locator(`#projects-table tr[data-project-id="${id}"] .project-open`).click();
  await page.locator('#schedule-section:not([hidden]) .gantt-svg').waitFor();
}

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`no WCAG 2.1 A/AA violation on the home, a project and the widgets, ${colorScheme} scheme`, TIMEOUT, async () => {
      // The auditor injects its own styles, which the page's CSP would (rightly) refuse.
      const opened = await dashboard.open({ colorScheme, bypassCSP: true });
      const { page } = opened;
      assert.deepEqual(await violations(page), [], 'portfolio home');
      await openProject(page, PROJECT);
      // The simulation's chart too, which only exists after a run.
      await page.locator('#risk-section .sim-run').click();
      await page.locator('#risk-section .fd-svg').waitFor({ timeout: 60_000 });
      assert.deepEqual(await violations(page), [], 'project view');
      await page.goto(`${dashboard.origin}/embed.html`);
      await page.waitForFunction(() => [...document.querySelectorAll('pmo-portfolio, .widget')].every((e) => e.dataset.state === 'ready'), null, { timeout: 60_000 });
      assert.deepEqual(await violations(page), [], 'widgets page');
      if (colorScheme === 'dark') {
        // The system's dark scheme is followed without a switch.
        const background = await page.evaluate(() => getComputedStyle(document.querySelector('pmo-gantt').shadowRoot.querySelector('.pmo-frame')).backgroundColor);
        assert.equal(background, 'rgb(23, 30, 39)');
        await page.goto(`${dashboard.origin}/`);
        await page.locator('#health-table tbody tr[data-project-id]').first().waitFor();
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(15, 20, 27)');
        await screenshot(page, 'home-dark');
      }
      await dashboard.finish(opened);
    });
  }

  test('every chart of a project is reached by the keyboard and has a text alternative', TIMEOUT, async () => {
    const opened = await dashboard.open();
    const { page } = opened;
    await openProject(page, PROJECT);
    // Each chart is an SVG with a role and a name, or decoration beside an element that carries the words.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('main svg')]
      .filter((svg) => !svg.closest('[aria-hidden="true"]') && svg.getAttribute('role') !== 'presentation' && svg.getAttribute('aria-hidden') !== 'true')
      .filter((svg) => !(svg.getAttribute('role') === 'img' && (svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby'))))
      .map((svg) => svg.getAttribute('class')));
    assert.deepEqual(unnamed, []);
    // Tab from the earned value heading onwards reaches the S-curve's data table, a risk cell
    // and the Gantt (a click on the heading sets where sequential focus starts).
    const reached = new Set();
    await page.locator('#evm-heading').click();
    for (let i = 0; i < 120 && !reached.has('gantt'); i += 1) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const active = document.activeElement;
        return active.closest('#scurve') ? 'scurve' : active.closest('.risk-matrix') ? 'risk-matrix' : active.closest('#evm-panel') ? 'evm' : active.closest('#gantt') ? 'gantt' : active.tagName;
      });
      reached.add(where);
    }
    assert.ok(reached.has('scurve'), `the S-curve's table is reachable (${[...reached].join(', ')})`);
    assert.ok(reached.has('risk-matrix'), 'a risk matrix cell is reachable');
    assert.ok(reached.has('gantt'), 'the Gantt is reachable');
    // The Gantt answers arrow keys with the activity in words.
    await page.locator('#gantt .gantt-scroll').focus();
    await page.keyboard.press('ArrowDown');
    assert.match(await page.locator('#gantt .gantt-readout').textContent(), /^2 of \d+: .+, total float/);
    await dashboard.finish(opened);
  });

  test('money and dates follow the reader\'s locale', TIMEOUT, async () => {
    const engine = await sampleWorkspace();
    const project = engine.listProjects().find((p) => p.id === PROJECT);
    const opened = await openPage(dashboard.browser, { locale: 'de-DE' });
    const { page } = opened;
    await page.goto(`${dashboard.origin}/`);
    await page.locator('#projects-table tbody tr[data-project-id]').first().waitFor();
    const row = await page.locator(`#projects-table tr[data-project-id="${PROJECT}"]`).textContent();
    // German: a full stop between thousands and the euro sign after the number.
    const grouped = Math.round(project.budgetAtCompletion).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    assert.ok(row.includes(`${grouped} €`) || row.includes(`${grouped}\u00a0€`), `budget ${grouped} € in "${row}"`);
    // The status date 2026-11-13 in German words or digits, not the ISO or English form.
    const title = await page.locator('#portfolio-title').textContent();
    assert.match(title, /13\.(11\.| Nov)/, title);
    await dashboard.finish(opened);
  });
});
