// Browser tests of the earned value views: the portfolio EVM table (sortable, n/a with reasons),
// the selected project's S-curve and its index panel.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { requireBuiltPage, screenshot, screenshotDir } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };

const dashboard = useDashboard('#evm-table tbody tr[data-project-id]');

async function openDashboard(options) {
  const opened = await dashboard.open(options);
  return opened;
}


/** CPI as the engine defines it for a project reported by snapshots: EV / AC of the latest snapshot on or before the status date. */
function expectedCpi(project) {
  const snapshots = (project.snapshots ?? []).filter((s) => s.date <= project.statusDate).sort((a, b) => a.date.localeCompare(b.date));
  const latest = snapshots.at(-1);
  return latest && latest.actualCost > 0 ? latest.earnedValue / latest.actualCost : null;
}

/** The CPI column as numbers (null for n/a), in the order shown. */
async function cpiColumn(page) {
  const texts = await page.locator('#evm-table tbody tr td:nth-child(2)').allTextContents();
  return texts.map((text) => (/^n\/a/.test(text.trim()) ? null : Number(/-?\d+(\.\d+)?/.exec(text)[0])));
}

function assertSorted(values, direction) {
  const defined = values.filter((v) => v !== null);
  const firstNull = values.indexOf(null);
  if (firstNull >= 0) assert.ok(values.slice(firstNull).every((v) => v === null), `n/a values go last: ${values}`);
  for (let i = 1; i < defined.length; i += 1) {
    if (direction === 'ascending') assert.ok(defined[i - 1] <= defined[i], `ascending at ${i}: ${defined}`);
    else assert.ok(defined[i - 1] >= defined[i], `descending at ${i}: ${defined}`);
  }
  assert.notEqual(defined[0], defined.at(-1), 'the column has distinct values');
}

const project = sample.projects.find((p) => p.id === 'PRJ-001') ?? sample.projects.find((p) => expectedCpi(p) !== null);

describe('earned value', () => {
  test('the portfolio EVM table lists every project, sorts by CPI, and says why a value is n/a', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const rows = page.locator('#evm-table tbody tr[data-project-id]');
    assert.equal(await rows.count(), sample.projects.length);
    assert.equal(await rows.count(), 25);

    const cpiHeader = page.locator('#evm-table thead th[data-key="cpi"]');
    assert.equal(await cpiHeader.getAttribute('aria-sort'), 'none');
    await cpiHeader.locator('button').click();
    assert.equal(await cpiHeader.getAttribute('aria-sort'), 'ascending');
    assertSorted(await cpiColumn(page), 'ascending');
    await cpiHeader.locator('button').click();
    assert.equal(await cpiHeader.getAttribute('aria-sort'), 'descending');
    const descending = await cpiColumn(page);
    assertSorted(descending, 'descending');
    assert.equal(descending.length, 25);

    // Projects without actual cost read n/a with the reason in words, never 0.
    const withoutCost = sample.projects.filter((p) => expectedCpi(p) === null);
    assert.ok(withoutCost.length > 0, 'the sample has projects without actual cost');
    for (const p of withoutCost) {
      const cell = page.locator(`#evm-table tr[data-project-id="${p.id}"] td:nth-child(2)`);
      assert.match(await cell.textContent(), /^n\/a \(no actual cost recorded yet\)$/);
      assert.equal(await cell.locator('.na').getAttribute('title'), 'no actual cost recorded yet');
    }
    // Below 1 is said in words (for screen readers) and with a glyph, not only by colour.
    const below = page.locator('#evm-table tbody td:nth-child(2) .evm-index.is-below').first();
    assert.match(await below.textContent(), /^[\d.]+<1, below 1: over budget$/);
    // EAC and VAC are money in each project's own currency.
    const gbp = sample.projects.find((p) => p.currency === 'GBP');
    if (gbp) assert.match(await page.locator(`#evm-table tr[data-project-id="${gbp.id}"] td:nth-child(5)`).textContent(), /£/);

    await page.locator('#evm-portfolio').scrollIntoViewIfNeeded();
    await page.locator('#evm-portfolio').screenshot({ path: join(screenshotDir, 'evm-table.png') });
    await dashboard.finish(opened);
  });

  test('keyboard: Tab to a column header and Enter sorts by it', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await page.locator('#evm-table thead th[data-key="name"] button').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('th')?.dataset.key);
    assert.equal(focused, 'cpi', 'Tab moves to the CPI header');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#evm-table th[data-key="cpi"]').getAttribute('aria-sort'), 'ascending');
    assertSorted(await cpiColumn(page), 'ascending');
    // Focus stays on the header after the table is redrawn, so Enter again reverses the order.
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#evm-table th[data-key="cpi"]').getAttribute('aria-sort'), 'descending');
    assertSorted(await cpiColumn(page), 'descending');
    await dashboard.finish(opened);
  });

  test('a selected project shows its S-curve and an index panel with the engine\'s CPI', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    // Selecting a row of the EVM table selects the project for the whole page.
    await page.locator(`#evm-table tr[data-project-id="${project.id}"] .evm-open`).click();
    await page.locator('#evm-section:not([hidden]) .scurve-svg').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#evm-heading').textContent(), `Earned value of ${project.name}`);
    assert.match(await page.locator(`#projects-table tr[data-project-id="${project.id}"]`).getAttribute('class'), /is-selected/);
    assert.match(await page.locator(`#evm-table tr[data-project-id="${project.id}"]`).getAttribute('class'), /is-selected/);

    const chart = page.locator('#scurve .scurve-svg');
    assert.equal(await chart.getAttribute('role'), 'img');
    for (const key of ['pv', 'ev', 'ac', 'forecast']) {
      const d = await chart.locator(`path.scurve-line-${key}`).getAttribute('d');
      assert.match(d ?? '', /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/, `${key} path drawn`);
    }
    assert.equal(await chart.locator('.scurve-status-line').count(), 1, 'status line');
    assert.equal(await chart.locator('.scurve-status-line').getAttribute('data-status'), project.statusDate);
    assert.equal(await chart.locator('.scurve-bac').count(), 1, 'BAC line');
    assert.equal(await chart.locator('.scurve-eac').count(), 1, 'EAC line');
    const title = await chart.locator('title').first().textContent();
    const desc = await chart.locator('desc').textContent();
    assert.match(title, /S-curve of .*cumulative cost by month in EUR/);
    assert.match(desc, /planned value €[\d,]+, earned value €[\d,]+, actual cost €[\d,]+/);
    assert.match(desc, /Estimate at completion \(BAC \/ CPI\) €[\d,]+/);
    const axisText = (await chart.locator('.scurve-axis text').allTextContents()).join(' | ');
    assert.match(axisText, /Cumulative cost \(EUR\)/);
    assert.match(axisText, /[A-Z][a-z]{2} \d{4}/);
    const legend = await page.locator('#scurve .scurve-legend').textContent();
    for (const words of [/Planned value \(PV\): solid line, round points/, /Earned value \(EV\)/, /Actual cost \(AC\)/, /Forecast to completion: dashed/, /BAC/, /EAC/, /Status month/]) {
      assert.match(legend, words);
    }
    // Every point is readable by keyboard: the figures table under a disclosure.
    await page.locator('#scurve .scurve-data summary').focus();
    await page.keyboard.press('Enter');
    const tableRows = await page.locator('#scurve .scurve-table tbody tr').count();
    assert.ok(tableRows >= 2, `figures table rows: ${tableRows}`);
    assert.match(await page.locator('#scurve .scurve-table tr.is-status-month th').textContent(), /\(status month\)/);
    await page.keyboard.press('Enter');

    // The index panel: CPI as the sample's figures give it, a trend in words, the sources.
    const cpi = expectedCpi(project);
    const cpiValue = page.locator('#evm-panel [data-measure="cpi"] .evm-value');
    assert.ok(Math.abs(Number(await cpiValue.getAttribute('data-value')) - cpi) < 1e-9, `CPI ${await cpiValue.getAttribute('data-value')} vs ${cpi}`);
    assert.match(await cpiValue.textContent(), new RegExp(`^${cpi.toFixed(2).replace('.', '\\.')}`));
    for (const key of ['cpi', 'spi', 'spiT']) {
      assert.match(await page.locator(`#evm-panel [data-measure="${key}"] .trend`).textContent(), /^[↗↘→] (improving|worsening|steady): [\d.]+ in the last \d months?$/);
    }
    for (const key of ['csi', 'eac', 'vac', 'tcpi', 'es', 'finish']) {
      assert.equal(await page.locator(`#evm-panel [data-measure="${key}"]`).count(), 1, key);
    }
    assert.match(await page.locator('#evm-panel [data-measure="finish"]').textContent(), /planned .*\d+ days? (late|early)|on time/);
    assert.match(await page.locator('#evm-panel .evm-sources').textContent(), /Planned value comes from .*; earned value and actual cost come from/);

    // The details drawer (fixed at the right below 1680px) leaves the chart and panel in view.
    const sectionBox = await page.locator('#evm-section').boundingBox();
    const drawerBox = await page.locator('#project-details').boundingBox();
    assert.ok(sectionBox.x + sectionBox.width <= drawerBox.x, `section ends at ${sectionBox.x + sectionBox.width}, drawer starts at ${drawerBox.x}`);
    await page.locator('#evm-section').scrollIntoViewIfNeeded();
    await page.locator('#evm-section').screenshot({ path: join(screenshotDir, 'evm-scurve.png') });
    await screenshot(page, 'evm-page');
    await dashboard.finish(opened);
  });

  test('a project without actual cost shows n/a with reasons, never 0', TIMEOUT, async () => {
    const empty = sample.projects.find((p) => expectedCpi(p) === null);
    const opened = await openDashboard();
    const { page } = opened;
    await page.locator(`#evm-table tr[data-project-id="${empty.id}"] .evm-open`).click();
    await page.locator('#evm-section:not([hidden]) .scurve-svg').waitFor({ state: 'visible' });
    const cpi = await page.locator('#evm-panel [data-measure="cpi"] .evm-value').textContent();
    assert.match(cpi, /^n\/a \(no actual cost recorded yet\)$/);
    assert.match(await page.locator('#evm-panel [data-measure="eac"] .evm-value').textContent(), /^n\/a \(/);
    assert.match(await page.locator('#scurve .scurve-svg desc').textContent(), /Estimate at completion n\/a \(no actual cost recorded yet\)/);
    await page.locator('#evm-section').screenshot({ path: join(screenshotDir, 'evm-scurve-no-cost.png') });
    await dashboard.finish(opened);
  });

  test('dark theme: the S-curve and panel render without errors', TIMEOUT, async () => {
    const opened = await openDashboard({ colorScheme: 'dark' });
    const { page } = opened;
    const gbp = sample.projects.find((p) => p.currency === 'GBP') ?? project;
    await page.locator(`#evm-table tr[data-project-id="${gbp.id}"] .evm-open`).click();
    await page.locator('#evm-section:not([hidden]) .scurve-svg').waitFor({ state: 'visible' });
    assert.match(await page.locator('#scurve .scurve-svg title').first().textContent(), new RegExp(`in ${gbp.currency}$`));
    await page.locator('#evm-section').scrollIntoViewIfNeeded();
    await page.locator('#evm-section').screenshot({ path: join(screenshotDir, 'evm-scurve-dark.png') });
    await dashboard.finish(opened);
  });
});
