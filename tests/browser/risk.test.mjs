// Browser tests of the selected project's risk section: the threat and opportunity heat maps
// (counts, bands in letters, keyboard), the before / after responses toggle, the register table
// (filter by a cell, sort by EMV, worst-case flags) and the exposure summary.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { requireBuiltPage, screenshot, screenshotDir, wwwRoot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 60_000 };

const dashboard = useDashboard();
/** The engine in Node, loaded with the same sample: what the page should show. */
let engine;

before(async () => {
  engine = await sampleWorkspace();
});

async function openDashboard(options) {
  const opened = await dashboard.open(options);
  return opened;
}

async function openProject(page, id) {
  await page.locator(`#projects-table tr[data-project-id="${id}"] .project-open`).click();
  await page.locator('#risk-section:not([hidden]) .risk-matrix').first().waitFor({ state: 'visible' });
}


/** Every cell of the page's heat maps: { kind, key, count, band, ids }. */
async function shownCells(page) {
  return page.locator('.risk-cell-button').evaluateAll((buttons) => buttons.map((button) => ({
    kind: button.closest('table').dataset.kind,
    key: button.dataset.cell,
    count: Number(button.dataset.count),
    text: button.textContent,
    band: button.dataset.band,
    ids: button.dataset.riskIds ? button.dataset.riskIds.split(' ') : [],
  })));
}

/** The engine's cells for the same options, in the same shape. */
function expectedCells(projectId, options) {
  const { heatMap } = engine.riskRegister(projectId, options);
  return ['threats', 'opportunities'].flatMap((kind) => heatMap[kind].map((cell) => ({
    kind,
    key: `${kind}:${cell.probabilityLevel}:${cell.impactLevel}`,
    count: cell.count,
    band: cell.band,
    ids: cell.riskIds,
  })));
}

const withoutText = (cells) => cells.map(({ text, ...cell }) => cell).sort((a, b) => a.key.localeCompare(b.key));

const project = sample.projects.find((p) => p.id === 'PRJ-001') ?? sample.projects.find((p) => (p.risks?.length ?? 0) > 3);
const openRisks = (p) => (p.risks ?? []).filter((risk) => risk.status === 'open');

describe('risk register', () => {
  test('the heat maps count the open risks, toggle before / after responses by keyboard, and match the engine', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, project.id);
    assert.equal(await page.locator('#risk-heading').textContent(), `Risks of ${project.name}`);

    // The default view is after responses; the counts add up to the open risks in the JSON.
    const residual = await shownCells(page);
    assert.equal(residual.length, 50, 'two 5×5 matrices');
    assert.equal(residual.reduce((sum, cell) => sum + cell.count, 0), openRisks(project).length);
    assert.deepEqual(withoutText(residual), withoutText(expectedCells(project.id, { view: 'residual' })));
    for (const cell of residual) assert.match(cell.text, new RegExp(`^${cell.count} (L|M|H)$`), `count and band letter: ${cell.text}`);
    const threats = openRisks(project).filter((risk) => risk.kind === 'threat').length;
    assert.match(await page.locator('.risk-matrix-threats caption').textContent(), new RegExp(`Threats \\(${threats} open threats?\\)`));
    // Axis labels come from the scheme.
    const heads = await page.locator('.risk-matrix-threats .risk-impact-label').allTextContents();
    assert.deepEqual(heads, ['Very low', 'Low', 'Moderate', 'High', 'Very high']);
    const rows = await page.locator('.risk-matrix-threats .risk-probability-label').allTextContents();
    assert.deepEqual(rows, ['Very high', 'High', 'Medium', 'Low', 'Very low'], 'high probability at the top');

    // Keyboard: Tab from the "after" button back to "before", Enter switches the view.
    const before = page.locator('[data-option="view"][data-value="inherent"]');
    const afterButton = page.locator('[data-option="view"][data-value="residual"]');
    assert.equal(await afterButton.getAttribute('aria-pressed'), 'true');
    await afterButton.focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), 'inherent');
    await page.keyboard.press('Enter');
    assert.equal(await before.getAttribute('aria-pressed'), 'true');
    assert.equal(await afterButton.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), 'inherent', 'focus stays on the toggle');
    const inherent = await shownCells(page);
    assert.deepEqual(withoutText(inherent), withoutText(expectedCells(project.id, { view: 'inherent' })));
    assert.notDeepEqual(withoutText(inherent), withoutText(residual), 'the sample project has responses that move risks');
    assert.equal(inherent.reduce((sum, cell) => sum + cell.count, 0), openRisks(project).length);
    assert.match(await page.locator('#risk-table caption').textContent(), /before responses \(inherent\)/);

    // Space on the other button switches back.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.equal(await afterButton.getAttribute('aria-pressed'), 'true');
    assert.deepEqual(withoutText(await shownCells(page)), withoutText(residual));

    // PMBOK's scheme: other bands (moderate) and the same counts.
    await page.locator('[data-option="scheme"][data-value="pmbok"]').click();
    const pmbok = await shownCells(page);
    assert.deepEqual(withoutText(pmbok), withoutText(expectedCells(project.id, { view: 'residual', scheme: 'pmbok' })));
    assert.ok(pmbok.some((cell) => cell.band === 'moderate'));
    await dashboard.finish(opened);
  });

  test('selecting a cell filters the register to its risks; "show all" clears it; EMV sorts', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, project.id);
    const tableIds = () => page.locator('#risk-table tbody tr[data-risk-id]').evaluateAll((rows) => rows.map((row) => row.dataset.riskId));
    assert.deepEqual(await tableIds(), project.risks.map((risk) => risk.id), 'every risk, open or not');

    const cells = (await shownCells(page)).filter((cell) => cell.count > 0);
    assert.ok(cells.length > 0);
    // Keyboard: Tab lands on the threat matrix's first filled cell, Enter selects it.
    const first = page.locator('.risk-matrix-threats .risk-cell-button[tabindex="0"]');
    assert.equal(await page.locator('.risk-matrix-threats .risk-cell-button[tabindex="0"]').count(), 1, 'one tab stop per matrix');
    await first.focus();
    const focusedKey = await page.evaluate(() => document.activeElement?.dataset.cell);
    const target = cells.find((c) => c.key === focusedKey);
    assert.ok(target, `the tab stop is a filled cell: ${focusedKey}`);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`[data-cell="${target.key}"]`).getAttribute('aria-pressed'), 'true');
    assert.deepEqual((await tableIds()).sort(), [...target.ids].sort());
    assert.match(await page.locator('.risk-filter-text').textContent(), /^Showing \d+ risks? of the cell: threats, probability/);
    await page.locator('#risk-section').screenshot({ path: join(screenshotDir, 'risk-filtered.png') });

    // Arrow keys move within the matrix; another filled cell replaces the filter.
    await page.keyboard.press('ArrowUp');
    assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.cell), target.key);
    const other = cells.find((c) => c.key !== target.key);
    await page.locator(`[data-cell="${other.key}"]`).click();
    assert.deepEqual((await tableIds()).sort(), [...other.ids].sort());
    assert.equal(await page.locator(`[data-cell="${target.key}"]`).getAttribute('aria-pressed'), 'false');

    await page.locator('.risk-show-all').click();
    assert.deepEqual(await tableIds(), project.risks.map((risk) => risk.id));
    assert.equal(await page.locator('.risk-show-all').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.cell), other.key, 'focus returns to the cell');

    // Sort by EMV: the largest threat first, then up to the largest opportunity; n/a (closed, occurred) last.
    const emvHeader = page.locator('#risk-table th[data-key="emv"]');
    assert.equal(await emvHeader.getAttribute('aria-sort'), 'none');
    await emvHeader.locator('button').click();
    assert.equal(await emvHeader.getAttribute('aria-sort'), 'ascending');
    const emvs = async () => page.locator('#risk-table tbody tr[data-risk-id] td.risk-emv-cell').evaluateAll((cells) => cells.map((c) => (c.dataset.emv === undefined ? null : Number(c.dataset.emv))));
    const view = engine.riskRegister(project.id, { view: 'residual' });
    const expected = view.exposure.risks.map((r) => r.emv).sort((a, b) => a - b);
    const ascending = await emvs();
    assert.deepEqual(ascending.filter((v) => v !== null), expected);
    assert.ok(ascending.slice(expected.length).every((v) => v === null), 'risks outside the EMV go last');
    assert.match(await page.locator('#risk-table tbody tr[data-risk-id]').first().locator('td.risk-emv-cell').textContent(), /^-€[\d,]+$/);
    await page.keyboard.press('Enter');
    assert.equal(await emvHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual((await emvs()).filter((v) => v !== null), [...expected].reverse());
    const closed = project.risks.find((risk) => risk.status === 'closed');
    if (closed) assert.match(await page.locator(`#risk-table tr[data-risk-id="${closed.id}"] td.risk-emv-cell`).textContent(), /^n\/a \(closed\)$/);

    // Score sorts too, highest first.
    await page.locator('#risk-table th[data-key="score"] button').click();
    assert.equal(await page.locator('#risk-table th[data-key="score"]').getAttribute('aria-sort'), 'descending');
    const scores = (await page.locator('#risk-table tbody td[data-score]').evaluateAll((cells) => cells.map((c) => Number(c.dataset.score))));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));

    // The exposure summary: EMV as the engine computes it, in the project's currency.
    const exposure = view.exposure;
    const money = (value) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: view.currency, maximumFractionDigits: 0 }).format(value);
    assert.equal(await page.locator('.risk-exposure [data-measure="threatEmv"] .evm-value').textContent(), money(exposure.threatEmv));
    assert.equal(await page.locator('.risk-exposure [data-measure="opportunityEmv"] .evm-value').textContent(), money(exposure.opportunityEmv));
    assert.equal(await page.locator('.risk-exposure [data-measure="contingencyReserve"] .evm-value').textContent(), money(exposure.contingencyReserve));
    assert.equal(
      await page.locator('.risk-exposure [data-measure="outside"] .evm-value').textContent(),
      `${exposure.occurredIds.length} occurred, ${exposure.closedIds.length} closed, ${exposure.unquantifiedIds.length} unquantified`,
    );

    // The details drawer (fixed at the right below 1680px) leaves the risk section in view.
    const sectionBox = await page.locator('#risk-section').boundingBox();
    const drawerBox = await page.locator('#project-details').boundingBox();
    assert.ok(sectionBox.x + sectionBox.width <= drawerBox.x, `section ends at ${sectionBox.x + sectionBox.width}, drawer starts at ${drawerBox.x}`);
    // Nothing in the heat maps or the table is cut off at this width.
    for (const selector of ['.risk-matrix-frame', '#risk-register .table-scroll']) {
      const clipped = await page.locator(selector).evaluateAll((frames) => frames.filter((frame) => frame.scrollWidth > frame.clientWidth + 1).length);
      assert.equal(clipped, 0, `${selector} fits without scrolling`);
    }
    await page.locator('#risk-section').scrollIntoViewIfNeeded();
    await page.locator('#risk-section').screenshot({ path: join(screenshotDir, 'risk-section.png') });
    await page.screenshot({ path: join(screenshotDir, 'risk-viewport.png') });
    await screenshot(page, 'risk-page');
    await dashboard.finish(opened);
  });

  test('a risk scored as worst case says so in words', TIMEOUT, async () => {
    const flagged = sample.projects.find((p) => (p.risks ?? []).some((risk) => risk.probability === null || risk.probability === undefined));
    assert.ok(flagged, 'the sample has a risk without a probability');
    const risk = flagged.risks.find((r) => r.probability === null || r.probability === undefined);
    const opened = await openDashboard();
    const { page } = opened;
    await openProject(page, flagged.id);
    const row = page.locator(`#risk-table tr[data-risk-id="${risk.id}"]`);
    assert.match(await row.locator('.risk-flag-worst').textContent(), /probability.* missing: scored as worst case/);
    assert.match(await row.locator('td.risk-probability').textContent(), /^missing$/);
    await page.locator('#risk-section').screenshot({ path: join(screenshotDir, 'risk-worst-case.png') });
    await dashboard.finish(opened);
  });

  test('dark theme: the heat maps and the register render without errors', TIMEOUT, async () => {
    const opened = await openDashboard({ colorScheme: 'dark' });
    const { page } = opened;
    await openProject(page, project.id);
    await page.locator('[data-option="view"][data-value="inherent"]').click();
    const filled = (await shownCells(page)).find((cell) => cell.count > 0);
    await page.locator(`[data-cell="${filled.key}"]`).click();
    await page.locator('#risk-section').scrollIntoViewIfNeeded();
    await page.locator('#risk-section').screenshot({ path: join(screenshotDir, 'risk-section-dark.png') });
    await dashboard.finish(opened);
  });
});
