// Browser tests of the health and portfolio-home views (www/js/health-*.js, kpi-tiles,
// financials-chart, capacity-heatmap, milestone-list, one-pager) on a fixture page that renders
// fixture JSON: no wasm build is needed. The repository root is served, so the page imports the
// real modules from www/js under the dashboard's Content-Security-Policy.
// Run: node --test tests/browser/health.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startStaticServer } from './support/static-server.mjs';
import { foreignRequests, launchChromium, openPage, pageProblems, repoRoot, screenshot, screenshotDir } from './support/browser.mjs';

const TIMEOUT = { timeout: 60_000 };
const fixtureDir = join(repoRoot, 'tests', 'browser', 'fixtures', 'health');
const fixture = (name) => JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), 'utf8'));
const XSS = '<img src=x onerror=alert(1)>';
const euro = (value) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);

let server;
let browser;
before(async () => {
  server = await startStaticServer(repoRoot);
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = '', options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(`${server.origin}/tests/browser/fixtures/health/index.html${query}`);
  await opened.page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 20_000 });
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

const events = (page) => page.evaluate(() => window.__events);
const rgb = (text) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);

describe('health views', () => {
  test('pills carry their label and a shape; Unknown is grey and labelled Unknown', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const pills = await page.locator('#pills .hb-pill').evaluateAll((nodes) => nodes.map((node) => ({
      band: node.dataset.band,
      label: node.querySelector('.hb-label').textContent,
      shape: node.querySelector('svg.hb-icon').innerHTML.replace(/\s+/g, ' '),
      background: getComputedStyle(node).backgroundColor,
      color: getComputedStyle(node).color,
      border: getComputedStyle(node).borderStyle,
      text: node.textContent,
    })));
    assert.deepEqual(pills.map((p) => p.label), ['Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red', 'Unknown']);
    assert.equal(new Set(pills.map((p) => p.shape)).size, 6, 'every band has its own shape');
    const unknown = pills.find((p) => p.band === 'unknown');
    for (const colour of [unknown.background, unknown.color]) {
      const [r, g, b] = rgb(colour);
      assert.ok(Math.max(r, g, b) - Math.min(r, g, b) < 24, `Unknown is grey, not a hue: ${colour}`);
    }
    const [gr, gg, gb] = rgb(pills.find((p) => p.band === 'green').background);
    assert.ok(gg > gr + 20 && gg > gb + 10, 'Green is green');
    assert.equal(unknown.border, 'dashed');
    assert.match(unknown.text, /Unknown\s*n\/a/, 'an undefined score reads n/a, never 0');
    // In the table too: the project without a score is Unknown with n/a and its reason.
    const row = page.locator('tr.ht-row[data-project-id="PRJ-003"]');
    assert.equal(await row.locator('.hb-label').textContent(), 'Unknown');
    assert.equal(await row.locator('.ht-score .hv-na').getAttribute('title'), 'No actual cost recorded yet');
    assert.match(await row.locator('.ht-score').textContent(), /^n\/a/);
    await page.locator('#pills').screenshot({ path: join(screenshotDir, 'health-pills.png') });
    await finish(opened);
  });

  test('the health table sorts by score and name and filters by band', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const unit = fixture('unit-health');
    const ids = () => page.locator('#health-table tr.ht-row').evaluateAll((rows) => rows.map((row) => row.dataset.projectId));
    assert.deepEqual(await ids(), unit.projects.map((p) => p.projectId), 'the engine order (worst first) by default');

    const scoreHeader = page.locator('#health-table th[data-key="score"]');
    await scoreHeader.locator('button').click();
    assert.equal(await scoreHeader.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await ids(), ['PRJ-001', 'PRJ-004', 'PRJ-005', 'PRJ-002', 'PRJ-003'], 'lowest score first, n/a last');
    await page.keyboard.press('Enter'); // focus stays on the header button
    assert.equal(await scoreHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await ids(), ['PRJ-002', 'PRJ-005', 'PRJ-004', 'PRJ-001', 'PRJ-003'], 'highest first, n/a still last');

    await page.locator('#health-table th[data-key="name"] button').click();
    assert.equal(await scoreHeader.getAttribute('aria-sort'), 'none');
    const names = await page.locator('#health-table tr.ht-row .ht-name').allTextContents();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));

    // Filter: one band, with its count on the button; an empty band says so; All resets.
    const amber = page.locator('.ht-filter button[data-band="amber"]');
    assert.equal(await amber.getAttribute('data-count'), String(unit.bandCounts.amber));
    await amber.click();
    assert.equal(await amber.getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await ids(), ['PRJ-004']);
    assert.match(await page.locator('.ht-count').textContent(), /1 project Amber of 5/);
    await page.locator('.ht-filter button[data-band="red"]').click();
    assert.deepEqual(await ids(), []);
    assert.equal(await page.locator('#health-table .empty-row').textContent(), 'No Red projects.');
    await page.locator('.ht-filter button[data-band="unknown"]').click();
    assert.deepEqual(await ids(), ['PRJ-003']);
    await page.locator('.ht-filter button[data-band="all"]').click();
    assert.equal((await ids()).length, 5);
    await page.locator('#health-table').screenshot({ path: join(screenshotDir, 'health-table.png') });
    await finish(opened);
  });

  test('keyboard: Tab to a row, Enter opens the why panel with the evidence and ids as buttons', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const health = fixture('project-health')['PRJ-001'];
    await page.locator('#health-table th[data-key="score"] button').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.projectId), 'PRJ-001', 'Tab lands on the first row');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused row shows its focus');
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page)).at(-1), { type: 'select', projectId: 'PRJ-001' });
    const why = page.locator('#why .hw');
    await why.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('hw-title')), true, 'focus moves to the panel');
    assert.match(await why.locator('.hw-title').textContent(), /^Why ERP Replacement is Amber\/Red$/);
    assert.equal(await why.locator('.hw-capped dd').textContent(), health.overall.cappedBy);
    assert.equal(await why.locator('.hw-fact').filter({ hasText: 'Reported by the project' }).locator('.hb-label').textContent(), 'Amber');

    // Every dimension, with its score, band label and evidence as in the fixture.
    const shown = await why.locator('.hw-dimension').evaluateAll((items) => items.map((item) => ({
      dimension: item.dataset.dimension,
      band: item.querySelector('.hw-dimension-head .hb-label').textContent,
      score: item.querySelector('.hw-dimension-score').textContent,
      evidence: [...item.querySelectorAll('.hw-evidence-item')].map((e) => ({
        metric: e.dataset.metric,
        points: Number(e.dataset.points),
        value: e.querySelector('.hw-value').textContent,
        ids: [...e.querySelectorAll('button.hw-id')].map((b) => `${b.dataset.idKind}:${b.dataset.id}`),
      })),
    })));
    assert.deepEqual(shown, health.dimensions.map((d) => ({
      dimension: d.dimension,
      band: d.bandLabel,
      score: `Score ${d.score}`,
      evidence: d.evidence.map((e) => ({
        metric: e.metric,
        points: e.pointsDeducted,
        value: e.value === null ? `n/a (${e.reason})` : e.display,
        ids: e.ids.map((id) => `${e.idKind}:${id}`),
      })),
    })));
    const spi = why.locator('.hw-evidence-item[data-metric="spiT"]');
    assert.match(await spi.locator('.hw-threshold').textContent(), /^below 0\.85 → Red$/);
    assert.equal(await spi.locator('.hw-points').textContent(), '−25 points');

    // An id button by keyboard: the page is told what to open.
    await why.locator('button.hw-id[data-id="R-9"]').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page)).at(-1), { type: 'navigate', id: 'R-9', idKind: 'risk', projectId: 'PRJ-001', dimension: 'risk', metric: 'highRisks' });
    await page.locator('#why').screenshot({ path: join(screenshotDir, 'health-why.png') });

    // Space on another row (arrow keys move between rows) opens that project's panel.
    await page.locator('tr.ht-row[data-project-id="PRJ-005"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.projectId), 'PRJ-002');
    await page.keyboard.press('Space');
    await page.locator('#why .hw[data-project-id="PRJ-002"]').waitFor();
    assert.match(await page.locator('#why .hw-held dd').textContent(), /kept from the previous status/);
    assert.equal(await page.locator('tr.ht-row[data-project-id="PRJ-002"]').getAttribute('aria-current'), 'true');
    await finish(opened);
  });

  test('the trend marks every snapshot, an unscored one as n/a, and is keyboard-reachable', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const trend = fixture('project-health')['PRJ-001'].trend;
    const points = page.locator('#trend .htr-point');
    assert.equal(await points.count(), trend.length);
    const labels = await points.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    assert.match(labels[2], /score n\/a \(not enough data to score\), Unknown$/);
    assert.match(labels.at(-1), /score 58, Amber\/Red$/);
    assert.equal(await page.locator('#trend .htr-point title').count(), trend.length, 'each point has a <title>');
    await page.locator('#trend .htr-point[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    assert.equal((await events(page)).at(-1).date, trend[0].date);
    await finish(opened);
  });

  test('KPI tiles say the figures in words and numbers', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const tile = (key) => page.locator(`#kpis [data-kpi="${key}"]`);
    assert.equal(await tile('projects').locator('.kt-value').textContent(), '5');
    assert.equal(await tile('bac').locator('.kt-value').textContent(), '€9.3m');
    assert.equal(await tile('late').locator('.kt-value').textContent(), '3');
    assert.match(await tile('late').locator('.kt-detail').textContent(), /of 7; worst 35 days late/);
    assert.match(await tile('spend').locator('.kt-detail').textContent(), /^vs plan to date €2\.9m \(−9\.1%, under\)$/);
    const counts = await page.locator('#kpis .kt-band').evaluateAll((nodes) => nodes.map((n) => n.textContent.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(counts, ['Red 0', 'Amber/Red 1', 'Amber 1', 'Amber/Green 1', 'Green 1', 'Unknown 1']);
    await finish(opened);
  });

  test('the financials chart has 12 month groups, closed and forecast months in words, and the outlook', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const fin = fixture('financials');
    const months = page.locator('#financials .fc-month');
    assert.equal(await months.count(), 12);
    const groups = await months.evaluateAll((nodes) => nodes.map((n) => ({
      month: n.dataset.month,
      closed: n.dataset.closed === 'true',
      kind: n.querySelector('.fc-kind-label').textContent,
      hatched: n.querySelector('.fc-bar-forecast')?.getAttribute('fill')?.startsWith('url(#') ?? false,
      title: n.querySelector('title').textContent,
    })));
    assert.deepEqual(groups.map((g) => g.month), fin.fiscalYear.months);
    for (const [i, g] of groups.entries()) {
      const m = fin.months[i];
      assert.equal(g.closed, m.closed);
      assert.equal(g.kind, m.closed ? 'Actual' : m.forecastFromPlan ? '=Plan' : 'Fcst', `${g.month} says what it is`);
      assert.equal(g.hatched, !m.closed, `${g.month}: forecasts hatched, actuals solid`);
    }
    assert.match(groups[7].title, /actual n\/a \(no actual reported\)/, 'a closed month without actual is n/a, not 0');
    assert.equal(await page.locator('#financials [data-figure="outlook"] .fc-outlook-value').textContent(), euro(fin.fullYear.outlook));
    assert.match(await page.locator('#financials [data-figure="outlook"]').textContent(), /^FY2026-27 outlook/);
    assert.match(await page.locator('#financials [data-figure="variance"]').textContent(), /\+€194,200 \(\+4\.5%\) over plan/);
    assert.match(await page.locator('#financials .fc-end-outlook').textContent(), /^Outlook €4\.5m$/);
    // Keyboard: the tab stop is the last closed month; arrows move; Enter reports the month.
    await page.locator('#financials .fc-month[tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page)).at(-1), { type: 'month', month: '2026-12' });
    await page.locator('#financials').screenshot({ path: join(screenshotDir, 'health-financials.png') });
    await finish(opened);
  });

  test('the capacity heat map writes utilisation in each cell and marks over-allocation in words', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const cap = fixture('capacity');
    const cells = await page.locator('#capacity td.cap-cell').evaluateAll((nodes) => nodes.map((n) => ({
      key: `${n.dataset.resourceId}:${n.dataset.month}`,
      text: n.textContent,
      over: n.dataset.over === 'true',
      label: n.getAttribute('aria-label'),
    })));
    const expected = cap.resources.flatMap((r) => r.cells.map((c) => ({ key: `${r.resourceId}:${c.month}`, c })));
    assert.equal(cells.length, expected.length);
    for (const [i, { c }] of expected.entries()) {
      const shown = cells[i];
      assert.equal(shown.over, c.overAllocated, shown.key);
      if (c.utilisation === null) {
        assert.equal(shown.text, c.demandHours > 0 ? 'no capacity' : 'n/a');
        assert.match(shown.label, /utilisation n\/a \(no capacity this month\)/);
      } else if (c.overAllocated) {
        assert.equal(shown.text, `${Math.round(c.utilisation * 100)}% over`);
      } else {
        assert.equal(shown.text, `${Math.round(c.utilisation * 100)}%`);
      }
    }
    assert.ok(cells.some((c) => c.text === '113% over'));
    assert.match(cells[0].label, /180 h demand of 160 h capacity.*over-allocated; from PRJ-001 120 h, PRJ-004 60 h/);
    // Keyboard: one tab stop, arrows move, Enter reports the cell.
    await page.locator('#capacity td.cap-cell[tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page)).at(-1), { type: 'cell', resourceId: 'RES-2', month: '2027-01' });
    await page.locator('#capacity').screenshot({ path: join(screenshotDir, 'health-capacity.png') });
    await finish(opened);
  });

  test('milestones: late first by slip, n/a slip without baseline', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const rows = await page.locator('#milestones tr.ml-row').evaluateAll((nodes) => nodes.map((n) => ({ id: n.dataset.activityId, status: n.dataset.status, slip: n.querySelector('.ml-slip').textContent })));
    assert.deepEqual(rows.slice(0, 3).map((r) => r.id), ['M-3', 'M-4', 'M-1']);
    assert.equal(rows.at(-1).status, 'done');
    assert.match(rows.find((r) => r.id === 'M-7').slip, /^n\/a/);
    assert.equal(rows[0].slip, '35 days late');
    await page.locator('#milestones tr.ml-row').first().focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page)).at(-1), { type: 'milestone', projectId: 'PRJ-001', activityId: 'M-3' });
    await page.locator('#milestones').screenshot({ path: join(screenshotDir, 'health-milestones.png') });
    await screenshot(page, 'health-page');
    await finish(opened);
  });

  test('names with markup are shown as text, never parsed as HTML', TIMEOUT, async () => {
    const opened = await open('?xss=1');
    const { page } = opened;
    await page.locator('tr.ht-row').first().press('Enter');
    await page.locator('#why .hw').waitFor();
    assert.equal(await page.locator('img').count(), 0, 'no element was made from the data');
    const places = {
      'health table': '#health-table tr.ht-row .ht-name',
      'health reasons': '#health-table .ht-reason-list li',
      'why panel': '#why .hw-project-name',
      'evidence id': '#why button.hw-id',
      'explanation': '#why .hw-explanation',
      'capacity': '#capacity .cap-name',
      'milestones': '#milestones .ml-name',
      'one-pager title': '.op-title',
      'one-pager risk': '.op-risk-table th',
    };
    for (const [where, selector] of Object.entries(places)) {
      const texts = await page.locator(selector).allTextContents();
      assert.ok(texts.some((text) => text.includes(XSS)), `${where} shows the markup as text`);
    }
    assert.equal(await page.locator(`button.hw-id[data-id="${XSS}"]`).count(), 1, 'the id is kept as data too');
    assert.match(await page.locator('#financials svg > title').textContent(), /<img src=x onerror=alert\(1\)>/);
    await finish(opened);
  });

  test('print: the one-pager alone, black on white, fits the width of A4 and Letter', TIMEOUT, async () => {
    // A4's printable width is 210 - 2 × 12 mm = 186 mm = 703 CSS px (Letter's is wider: 725 px).
    const printable = Math.floor((186 / 25.4) * 96);
    const opened = await open('', { colorScheme: 'light' });
    const { page } = opened;
    await page.setViewportSize({ width: printable, height: 1032 });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#health-table').isVisible(), false, 'the rest of the page does not print');
    assert.equal(await page.locator('.fixture-nav').isVisible(), false, 'navigation does not print');
    assert.equal(await page.locator('.op-print').isVisible(), false, 'buttons do not print');
    assert.equal(await page.locator('.op').isVisible(), true);
    const layout = await page.evaluate(() => {
      const op = document.querySelector('.op');
      const box = op.getBoundingClientRect();
      let right = 0;
      for (const node of op.querySelectorAll('*')) {
        const r = node.getBoundingClientRect();
        if (r.width && r.height) right = Math.max(right, r.right);
      }
      return { width: box.width, right: box.right, contentRight: right, scroll: document.documentElement.scrollWidth, bg: getComputedStyle(document.body).backgroundColor, color: getComputedStyle(op).color };
    });
    assert.ok(layout.scroll <= printable, `nothing wider than the printable width: ${layout.scroll}px`);
    assert.ok(layout.contentRight <= layout.right + 1, `no content sticks out of the one-pager: ${layout.contentRight} > ${layout.right}`);
    assert.equal(layout.bg, 'rgb(255, 255, 255)');
    assert.equal(layout.color, 'rgb(0, 0, 0)');
    await screenshot(page, 'health-one-pager-print');

    // The real print layout: Chromium's PDF at A4 and Letter with the page's own margins.
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      assert.equal(pages, 1, `${format}: the one-pager is one page`);
    }
    await finish(opened);
  });

  test('dark theme renders the views without errors', TIMEOUT, async () => {
    const opened = await open('', { colorScheme: 'dark' });
    const { page } = opened;
    await page.locator('tr.ht-row').first().click();
    await page.locator('#why .hw').waitFor();
    await screenshot(page, 'health-page-dark');
    await finish(opened);
  });
});
