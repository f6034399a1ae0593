// Browser tests of the schedule (Gantt) section and the MS Project XML import.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { requireBuiltPage, screenshot, screenshotDir } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };
const PKG = new URL('../../pkg/', import.meta.url);
const MSPDI = fileURLToPath(new URL('../../../shared/fixtures/mspdi/mspdirelations.xml', import.meta.url));

const dashboard = useDashboard();

async function openDashboard(options) {
  const opened = await dashboard.open(options);
  return opened;
}


/** The whole page, and the schedule section alone at full resolution (where the chart's details show). */
async function screenshots(page, name) {
  await screenshot(page, name);
  await page.locator('#schedule-section').screenshot({ path: join(screenshotDir, `${name}-chart.png`) });
}

async function openProject(page, id) {
  await page.locator(`#projects-table tr[data-project-id="${id}"] .project-open`).click();
  await page.locator('#schedule-section:not([hidden]) .gantt-svg').waitFor({ state: 'visible' });
}

/** The 2,000-activity benchmark portfolio (one project, 'BENCH'), made by the built module in Node. */
async function benchmarkJson() {
  const { default: init, __benchmarkPortfolioJson } = await import(new URL('pmo_analytics.js', PKG).href);
  await init({ module_or_path: readFileSync(new URL('pmo_analytics_bg.wasm', PKG)) });
  return __benchmarkPortfolioJson(2000, 5000, 11);
}

/** A sample project with activities and a status date, not the broken one. */
const project = sample.projects.find((p) => (p.activities?.length ?? 0) >= 5 && p.statusDate && p.id !== 'PRJ-015')
  ?? sample.projects.find((p) => (p.activities?.length ?? 0) > 0);

describe('schedule (Gantt) section', () => {
  test('a selected project shows its Gantt: rows, critical markers, status line, legend, words', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, project.id);
    const heading = await page.locator('#schedule-heading').textContent();
    assert.match(heading, /^Schedule of /);
    const label = await page.locator('.gantt-scroll').getAttribute('aria-label');
    const count = Number(/(\d+) activities/.exec(label)?.[1]);
    const drawn = await page.locator('.gantt-row').count();
    assert.ok(count > 0, `aria-label: ${label}`);
    assert.ok(drawn > 0 && drawn <= count, `drawn rows ${drawn} of ${count}`);
    if (count <= 20) assert.equal(drawn, count, 'every row drawn for a small project');
    assert.match(label, /finish \d{4}-\d{2}-\d{2}, \d+ critical/);
    const critical = Number(/(\d+) critical/.exec(label)[1]);
    assert.ok(critical > 0, 'some activity is critical');
    assert.equal(await page.locator('.gantt-overlay .gantt-status-line').count(), 1, 'status-date line drawn');
    assert.match(await page.locator('.gantt-status-label').textContent(), /^Status date \d{4}-\d{2}-\d{2}$/);
    assert.match(await page.locator('.schedule-critical').textContent(), /^\d+$/);

    // Every mark is explained in words, not only by its colour.
    const legend = await page.locator('.gantt-legend').textContent();
    for (const words of [/Critical: hatched bar, name marked “C”/, /Baseline/, /Total float/, /Milestone/, /Status date/, /Summary/]) {
      assert.match(legend, words);
    }
    // Each row's tooltip (SVG title) and label give start, finish, float and criticality in words.
    const texts = await page.locator('.gantt-row').evaluateAll((rows) => rows.map((row) => ({
      title: row.querySelector('title')?.textContent, label: row.getAttribute('aria-label'), critical: row.classList.contains('is-critical'),
    })));
    for (const { title, label: rowLabel, critical: isCritical } of texts) {
      assert.equal(title, rowLabel);
      assert.match(title, /: (starts \d{4}-\d{2}-\d{2}, finishes \d{4}-\d{2}-\d{2}|on \d{4}-\d{2}-\d{2}|not scheduled), total float -?[\d.]+ working days?, (critical|not critical)/);
      assert.equal(/, critical(;|\.$)/.test(title), isCritical, title);
    }

    // The details drawer (fixed at the right below 1680px) leaves the whole chart in view.
    const chartBox = await page.locator('.gantt-scroll').boundingBox();
    const drawerBox = await page.locator('#project-details').boundingBox();
    assert.ok(chartBox.x + chartBox.width <= drawerBox.x, `chart ends at ${chartBox.x + chartBox.width}, drawer starts at ${drawerBox.x}`);
    await page.locator('.gantt-scroll').scrollIntoViewIfNeeded();
    await screenshots(page, 'gantt-sample');

    // Rows are virtualised: page down until a critical row is in view.
    await page.locator('.gantt-scroll').focus();
    for (let step = 0; step < count / 10 + 2 && (await page.locator('.gantt-critical-mark').count()) === 0; step += 1) {
      await page.keyboard.press('PageDown');
    }
    assert.ok(await page.locator('.gantt-critical-mark').count() > 0, 'critical activities are marked C');
    assert.ok(await page.locator('.gantt-bar-hatch, .gantt-row.is-critical .gantt-milestone').count() > 0, 'critical bars are hatched');
    await screenshots(page, 'gantt-critical');
    await page.getByRole('button', { name: 'Week' }).click();
    await screenshots(page, 'gantt-week');
    await dashboard.finish(opened);
  });

  test('keyboard: rows are a listbox moved through with arrows, Page keys, Home and End; zoom by keys', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, project.id);
    const scroller = page.locator('.gantt-scroll');
    const count = Number(/(\d+) activities/.exec(await scroller.getAttribute('aria-label'))[1]);
    const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
    const activeId = () => scroller.getAttribute('aria-activedescendant');
    /** The active row: its index, label, selection state, and whether it is fully in view under the axis. */
    const activeRow = () => page.evaluate(() => {
      const box = document.querySelector('.gantt-scroll');
      const row = document.getElementById(box.getAttribute('aria-activedescendant') ?? '');
      if (!row) return null;
      const outer = box.getBoundingClientRect();
      const axis = document.querySelector('.gantt-axis .gantt-head').getBoundingClientRect();
      const r = row.querySelector('.gantt-row-bg').getBoundingClientRect();
      return {
        index: Number(row.dataset.index), role: row.getAttribute('role'), selected: row.getAttribute('aria-selected'),
        label: row.getAttribute('aria-label'), posinset: Number(row.getAttribute('aria-posinset')), setsize: Number(row.getAttribute('aria-setsize')),
        inView: r.top >= axis.bottom - 1 && r.bottom <= outer.bottom + 1,
      };
    });

    // Tab order: the zoom buttons, then the chart.
    await page.getByRole('button', { name: 'Quarter' }).focus();
    await page.keyboard.press('Tab');
    assert.match(await focused(), /gantt-scroll/, 'Tab after the zoom buttons reaches the chart');
    assert.equal(await scroller.getAttribute('role'), 'listbox');
    assert.equal(await activeId(), 'gantt-row-0');

    await page.keyboard.press('ArrowDown');
    let row = await activeRow();
    assert.deepEqual([row.index, row.role, row.selected, row.posinset, row.setsize], [1, 'option', 'true', 2, count]);
    assert.match(row.label, /total float -?[\d.]+ working days?, (critical|not critical)/);
    assert.equal(await page.locator('#gantt-readout').textContent(), `2 of ${count}: ${row.label}`);
    assert.equal(await page.locator('.gantt-row[aria-selected="true"]').count(), 1, 'one selected row');
    await page.keyboard.press('ArrowUp');
    assert.equal((await activeRow()).index, 0);

    await page.keyboard.press('PageDown');
    const page1 = (await activeRow()).index;
    assert.ok(page1 > 5, `PageDown moves by a screen of rows (${page1})`);
    await page.keyboard.press('End');
    row = await activeRow();
    assert.equal(row.index, count - 1, 'End goes to the last activity');
    assert.ok(row.inView, 'the last row is in view, not under the axis or below the edge');
    await page.keyboard.press('PageUp');
    row = await activeRow();
    assert.equal(row.index, count - 1 - page1);
    assert.ok(row.inView, 'after PageUp the row is in view below the sticky axis');
    await page.keyboard.press('Home');
    row = await activeRow();
    assert.equal(row.index, 0);
    assert.ok(row.inView, 'the first row is in view below the axis');

    // The accessibility tree exposes the rows as options with their words (not hidden in an image).
    const tree = await scroller.ariaSnapshot();
    assert.match(tree, /listbox "Schedule: \d+ activities/);
    assert.match(tree, /option "[^"]+: (starts|on|not scheduled)[^"]*(critical|not critical)[^"]*"/);

    // Zoom with the keyboard: the buttons by Enter and Space, the chart by + and −.
    const width = () => page.locator('.gantt-svg').evaluate((svg) => Number(svg.getAttribute('width')));
    const monthWidth = await width();
    await page.getByRole('button', { name: 'Week' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('button', { name: 'Week' }).getAttribute('aria-pressed'), 'true');
    assert.ok(await width() > monthWidth, 'Week is wider than Month');
    await page.getByRole('button', { name: 'Quarter' }).focus();
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('button', { name: 'Quarter' }).getAttribute('aria-pressed'), 'true');
    assert.ok(await width() < monthWidth, 'Quarter is narrower than Month');
    await scroller.focus();
    await page.keyboard.press('+');
    assert.equal(await page.getByRole('button', { name: 'Month' }).getAttribute('aria-pressed'), 'true', '+ zooms in one step');
    await page.keyboard.press('-');
    assert.equal(await page.getByRole('button', { name: 'Quarter' }).getAttribute('aria-pressed'), 'true', '- zooms out one step');
    const left = await scroller.evaluate((box) => box.scrollLeft);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    assert.ok(await scroller.evaluate((box) => box.scrollLeft) > left, 'Right scrolls the time axis');
    await scroller.focus();
    await screenshots(page, 'gantt-keyboard');
    await dashboard.finish(opened);
  });

  test('2,000 activities: virtualised rows, and scrolling the whole list keeps each frame small', { timeout: 120_000 }, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await page.setInputFiles('#file-input', { name: 'bench-2000.json', mimeType: 'application/json', buffer: Buffer.from(await benchmarkJson(), 'utf8') });
    await page.locator('#projects-table tr[data-project-id="BENCH"]').waitFor();
    const started = Date.now();
    await openProject(page, 'BENCH');
    const openMs = Date.now() - started;
    const scroller = page.locator('.gantt-scroll');
    assert.match(await scroller.getAttribute('aria-label'), /^Schedule: 2000 activities/);
    const initialRows = await page.locator('.gantt-row').count();
    assert.ok(initialRows > 10 && initialRows < 150, `${initialRows} rows in the DOM for 2,000 activities`);
    await scroller.scrollIntoViewIfNeeded();

    // Inside the page: scroll the chart from top to bottom one step per frame. A capture
    // listener on the document runs before the Gantt's scroll listener and one added to the
    // scroller now runs after it, so their difference is the Gantt's own work per scroll.
    const figures = await scroller.evaluate(async (box) => {
      const handlerMs = [];
      const frameMs = [];
      const longTasksMs = [];
      let rowsMax = 0;
      let before = 0;
      const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasksMs.push(entry.duration); });
      observer.observe({ type: 'longtask' });
      const capture = () => { before = performance.now(); };
      const after = () => { handlerMs.push(performance.now() - before); };
      document.addEventListener('scroll', capture, { capture: true, passive: true });
      box.addEventListener('scroll', after, { passive: true });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const step = Math.round(box.clientHeight / 3); // about a fast mouse wheel's notch or two
      let last = await frame();
      while (box.scrollTop + box.clientHeight < box.scrollHeight - 1) {
        box.scrollTop += step;
        const now = await frame();
        frameMs.push(now - last);
        last = now;
        rowsMax = Math.max(rowsMax, box.querySelectorAll('.gantt-row').length);
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // lets the observer deliver
      observer.disconnect();
      document.removeEventListener('scroll', capture, { capture: true });
      box.removeEventListener('scroll', after);
      const sorted = (values) => [...values].sort((a, b) => a - b);
      const at = (values, q) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
      const round = (value) => Math.round(value * 100) / 100;
      return {
        steps: frameMs.length, stepPx: step, scrollHeight: box.scrollHeight, rowsMax,
        handlerMedianMs: round(at(handlerMs, 0.5)), handlerP95Ms: round(at(handlerMs, 0.95)), handlerMaxMs: round(at(handlerMs, 1)),
        frameMedianMs: round(at(frameMs, 0.5)), frameP95Ms: round(at(frameMs, 0.95)), frameMaxMs: round(at(frameMs, 1)),
        longTasksMs: longTasksMs.map(round), lastRowDrawn: Boolean(document.getElementById('gantt-row-1999')),
      };
    });
    console.log(`Gantt 2,000 activities (open ${openMs} ms, ${initialRows} rows drawn): ${JSON.stringify(figures)}`);
    assert.ok(figures.steps > 50, `the sweep took ${figures.steps} frames`);
    assert.ok(figures.lastRowDrawn, 'the last activity is drawn at the bottom');
    assert.ok(figures.rowsMax < 150, `at most ${figures.rowsMax} row elements in the DOM while scrolling`);
    // Generous bounds for a loaded 2-core machine: a 60 Hz frame is 16.7 ms.
    assert.ok(figures.handlerMedianMs < 16, `median scroll work ${figures.handlerMedianMs} ms`);
    assert.ok(figures.frameMedianMs < 50, `median frame ${figures.frameMedianMs} ms`);
    assert.ok(figures.longTasksMs.every((ms) => ms <= 100), `long tasks while scrolling: ${figures.longTasksMs.join(', ') || 'none'}`);

    // Keyboard jumps over the whole list stay bounded too.
    await scroller.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('End');
    assert.equal(await scroller.getAttribute('aria-activedescendant'), 'gantt-row-1999');
    assert.ok(await page.locator('.gantt-row').count() < 150);
    await page.keyboard.press('Home');
    for (let i = 0; i < 40; i += 1) await page.keyboard.press('PageDown');
    await screenshots(page, 'gantt-2000');
    await dashboard.finish(opened);
  });

  test('dark theme: the Gantt keeps its marks readable', TIMEOUT, async () => {
    const opened = await openDashboard({ colorScheme: 'dark' });
    const { page } = opened;
    await openProject(page, project.id);
    await page.locator('.gantt-scroll').focus();
    await page.keyboard.press('End');
    assert.ok(await page.locator('.gantt-critical-mark').count() > 0);
    await screenshots(page, 'gantt-dark');
    await dashboard.finish(opened);
  });

  test('the broken project lists its schedule findings as text', TIMEOUT, async () => {
    const broken = sample.projects.find((p) => p.id === 'PRJ-015');
    if (!broken) return;
    const opened = await openDashboard();
    await openProject(opened.page, 'PRJ-015');
    const text = await opened.page.locator('#schedule-facts').textContent();
    assert.match(text, /dependency_cycle/);
    await screenshot(opened.page, 'gantt-broken');
    await dashboard.finish(opened);
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
    await screenshots(page, 'gantt-imported');
    await dashboard.finish(opened);
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
    await dashboard.finish(opened);
  });
});
