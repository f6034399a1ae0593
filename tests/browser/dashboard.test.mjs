// Browser tests of the dashboard page (www/index.html) in headless Chromium, served from www/
// by a local static server. Expected counts come from www/sample/portfolio.json, read at test
// time. Screenshots go to test-output/screenshots/ for a human to look at.
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, requireBuiltPage, screenshot } from './support/browser.mjs';
import { useDashboard } from './support/dashboard.mjs';

const sample = requireBuiltPage();
const sampleUnits = sample.orgUnits ?? [];
const TIMEOUT = { timeout: 60_000 };
const XSS_NAME = '<img src=x onerror=alert(1)>';

const dashboard = useDashboard();

/** Opens the dashboard and waits until the sample is on screen. */
async function openDashboard(options) {
  const opened = await dashboard.open(options);
  return opened;
}


const projectRows = (page) => page.locator('#projects-table tbody tr[data-project-id]');
const treeItems = (page) => page.locator('#org-tree [role="treeitem"]');

/** Chooses a file through the "load your own JSON" control, as the reader would. */
async function chooseFile(page, name, text) {
  await page.setInputFiles('#file-input', { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

/** The ids of a unit and all units below it, computed from the file, not from the page. */
function subtreeOf(unitId) {
  const ids = new Set([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of sampleUnits) {
      if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** A unit that has units below it and shows some but not all projects: a telling filter. */
function interestingUnit() {
  const candidates = sampleUnits
    .map((unit) => {
      const ids = subtreeOf(unit.id);
      const count = sample.projects.filter((project) => ids.has(project.orgUnitId)).length;
      return { unit, count, size: ids.size };
    })
    .filter(({ count, size }) => size > 1 && count > 0 && count < sample.projects.length)
    .sort((a, b) => b.count - a.count);
  assert.ok(candidates.length > 0, 'the sample has a unit with sub-units and some of the projects');
  return candidates[0];
}

describe('dashboard with the sample portfolio', () => {
  test('shows the header, KPIs, every org unit and every project, with no errors and no foreign requests', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;

    await assert.doesNotReject(page.locator('#portfolio-name', { hasText: sample.name }).waitFor());
    assert.equal(await projectRows(page).count(), sample.projects.length, 'one table row per project in the sample');
    assert.equal(await treeItems(page).count(), sampleUnits.length, 'one tree item per org unit in the sample');
    const treeText = await page.locator('#org-tree').innerText();
    for (const unit of sampleUnits) assert.ok(treeText.includes(unit.name), `the tree shows ${unit.name}`);

    const kpis = await page.locator('#kpis').innerText();
    assert.match(kpis, new RegExp(`Projects\\s+${sample.projects.length}\\b`, 'i'));
    assert.match(kpis, /Budget at completion/i);

    // The table is a real data table: a caption and header cells with scope.
    assert.equal(await page.locator('#projects-table caption').count(), 1);
    assert.equal(await page.locator('#projects-table thead th[scope="col"]').count(), await page.locator('#projects-table thead th').count());
    assert.equal(await page.locator('#projects-table tbody th[scope="row"]').count(), sample.projects.length);

    // RAG is a word, not only a colour.
    const ragTexts = await page.locator('#projects-table .rag').allInnerTexts();
    assert.ok(ragTexts.every((text) => /Green|Amber|Red|Not reported/.test(text)), `RAG labels: ${ragTexts.join(', ')}`);

    // The broken project's warnings are listed with code and path.
    const findings = page.locator('#portfolio-findings');
    await assert.doesNotReject(findings.locator('.finding-code', { hasText: 'dangling_dependency' }).first().waitFor());
    await assert.doesNotReject(findings.locator('.finding-code', { hasText: 'dependency_cycle' }).first().waitFor());

    // The page keeps its promises about markup: CSP present, no inline style attributes.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'none'/);
    assert.equal(await page.locator('[style]').count(), 0, 'no style attributes');

    await screenshot(page, 'sample-loaded');
    await dashboard.finish(opened);
  });

  test('selecting a unit filters the table to it and every unit below; a row opens its details', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const { unit, count } = interestingUnit();

    await page.locator(`#org-tree [data-unit-id="${unit.id}"] > .tree-row`).click();
    await page.locator('#projects-table caption', { hasText: unit.name }).waitFor();
    assert.equal(await projectRows(page).count(), count, `projects under ${unit.name}`);
    assert.equal(await page.locator(`#org-tree [data-unit-id="${unit.id}"]`).getAttribute('aria-selected'), 'true');
    const allowed = subtreeOf(unit.id);
    const shownIds = await projectRows(page).evaluateAll((rows) => rows.map((row) => row.dataset.projectId));
    for (const id of shownIds) {
      const project = sample.projects.find((p) => p.id === id);
      assert.ok(allowed.has(project.orgUnitId), `${project.name} belongs under ${unit.name}`);
    }
    await screenshot(page, 'unit-selected');

    // Open the first shown project: the side panel shows its owner and latest commentary.
    const project = sample.projects.find((p) => p.id === shownIds[0]);
    await projectRows(page).first().locator('.project-open').click();
    const details = page.locator('#project-details');
    await details.waitFor({ state: 'visible' });
    assert.equal((await details.locator('#details-title').innerText()).trim(), project.name);
    if (project.owner) assert.ok((await details.innerText()).includes(project.owner), 'details show the owner');
    const latest = [...(project.snapshots ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    if (latest?.commentary) assert.ok((await details.locator('.commentary').innerText()).includes(latest.commentary.trim().split('\n')[0]));
    await screenshot(page, 'project-details');

    // Escape closes the panel; "Show all projects" brings every row back.
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await page.locator('#show-all').click();
    assert.equal(await projectRows(page).count(), sample.projects.length);
    await dashboard.finish(opened);
  });

  test('keyboard: Tab reaches the tree, arrows move, Enter selects, Left/Right fold', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const activeUnit = () => page.evaluate(() => document.activeElement?.closest('[role="treeitem"]')?.dataset.unitId ?? null);

    let reached = null;
    for (let presses = 0; presses < 40 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await activeUnit();
    }
    assert.ok(reached, 'Tab reaches the organisation tree');
    const order = await treeItems(page).evaluateAll((items) => items.map((item) => item.dataset.unitId));
    assert.equal(reached, order[0], 'the tree has one tab stop, on its first item');
    assert.equal(await page.locator('#org-tree [tabindex="0"]').count(), 1, 'roving tabindex');

    await page.keyboard.press('ArrowDown');
    assert.equal(await activeUnit(), order[1], 'ArrowDown moves to the next unit');
    await page.keyboard.press('ArrowUp');
    assert.equal(await activeUnit(), order[0], 'ArrowUp moves back');

    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`#org-tree [data-unit-id="${order[0]}"]`).getAttribute('aria-selected'), 'true', 'Enter selects');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`#org-tree [data-unit-id="${order[1]}"]`).getAttribute('aria-selected'), 'true', 'the selection moved down');
    assert.equal(await page.locator('#org-tree [aria-selected="true"]').count(), 1, 'one unit selected at a time');
    assert.equal(await activeUnit(), order[1], 'focus stays in the tree after selecting');
    const ids = subtreeOf(order[1]);
    assert.equal(await projectRows(page).count(), sample.projects.filter((p) => ids.has(p.orgUnitId)).length, 'the table follows the selection');

    // Fold and unfold the first unit that has children.
    const parent = sampleUnits.find((unit) => sampleUnits.some((child) => child.parentId === unit.id));
    if (parent) {
      await page.locator(`#org-tree [data-unit-id="${parent.id}"]`).focus();
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.locator(`#org-tree [data-unit-id="${parent.id}"]`).getAttribute('aria-expanded'), 'false');
      const child = sampleUnits.find((unit) => unit.parentId === parent.id);
      assert.equal(await page.locator(`#org-tree [data-unit-id="${child.id}"]`).isVisible(), false, 'children are hidden when folded');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator(`#org-tree [data-unit-id="${parent.id}"]`).getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('ArrowRight');
      assert.equal(await activeUnit(), child.id, 'ArrowRight on an open unit moves to its first child');
      // On an open unit ArrowLeft folds it first; on a folded one or a leaf it goes to the parent.
      if (sampleUnits.some((unit) => unit.parentId === child.id)) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await activeUnit(), parent.id, 'ArrowLeft on a child moves to its parent');
    }
    await dashboard.finish(opened);
  });

  test('dark theme follows prefers-color-scheme', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(dark, light);
    assert.ok(luminance(dark) < 0.1, `dark background, got ${dark}`);
    assert.ok(luminance(light) > 0.8, `light background, got ${light}`);
    await screenshot(page, 'dark-theme');
    await dashboard.finish(opened);
  });
});

describe('loading your own JSON', () => {
  test('a refused file shows its findings with code and path and keeps the sample on screen', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;

    // A duplicate activity id in the first project with two activities.
    const broken = structuredClone(sample);
    const index = broken.projects.findIndex((project) => (project.activities ?? []).length >= 2);
    assert.ok(index >= 0, 'the sample has a project with two activities');
    broken.projects[index].activities[1].id = broken.projects[index].activities[0].id;
    broken.name = 'This must never be shown';
    await chooseFile(page, 'broken.json', JSON.stringify(broken));

    const panel = page.locator('#load-error');
    await panel.waitFor({ state: 'visible' });
    await assert.doesNotReject(panel.locator('.finding-code', { hasText: 'duplicate_id' }).first().waitFor());
    await assert.doesNotReject(panel.locator('.finding-path', { hasText: `projects[${index}].activities[1].id` }).first().waitFor());
    assert.match(await panel.innerText(), /broken\.json/);
    assert.match(await panel.innerText(), /error/i);
    assert.equal(await page.locator('#portfolio-name').innerText(), sample.name, 'the previous portfolio stays');
    assert.equal(await projectRows(page).count(), sample.projects.length, 'the table stays');
    await screenshot(page, 'findings-after-bad-load');

    // Text that is not JSON: one json_syntax finding, still the same table.
    await chooseFile(page, 'notes.json', '{ "schemaVersion": 1, "name": ');
    await panel.locator('.finding-code', { hasText: 'json_syntax' }).waitFor();
    assert.match(await panel.innerText(), /notes\.json/);
    assert.equal(await projectRows(page).count(), sample.projects.length);

    // A wrong type deep inside: the path names the field.
    const wrongType = structuredClone(sample);
    wrongType.projects[index].budgetAtCompletion = 'a lot';
    await chooseFile(page, 'typo.json', JSON.stringify(wrongType));
    await panel.locator('.finding-path', { hasText: `projects[${index}].budgetAtCompletion` }).waitFor();
    assert.match(await panel.locator('.finding-code').first().innerText(), /wrong_type/);

    // Dismissing hides the panel.
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'hidden' });
    await dashboard.finish(opened);
  });

  test('markup in names is shown as text and never runs', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const doc = {
      schemaVersion: 1,
      id: 'pf-xss',
      name: 'Portfolio <b>bold</b>',
      currency: 'EUR',
      statusDate: '2025-03-31',
      orgUnits: [{ id: 'u1', name: '<svg onload=alert(2)>', kind: 'program', owner: '<i>owner</i>' }],
      projects: [
        {
          id: 'p1',
          name: XSS_NAME,
          orgUnitId: 'u1',
          owner: '"><img src=y onerror=alert(3)>',
          sponsor: '<script>alert(4)</script>',
          phase: 'execution',
          status: 'active',
          currency: 'EUR',
          startDate: '2025-01-06',
          budgetAtCompletion: 1000,
          activities: [{ id: 'a1', name: '<img src=z>', durationDays: 1 }],
          dependencies: [{ predecessorId: 'a1', successorId: '<img src=w onerror=alert(5)>' }],
          snapshots: [{ date: '2025-03-31', plannedValue: 1, earnedValue: 1, actualCost: 1, manualRag: 'red', commentary: '<img src=v onerror=alert(6)> all fine' }],
        },
      ],
    };
    await chooseFile(page, 'xss.json', JSON.stringify(doc));
    await page.locator('#portfolio-name', { hasText: 'Portfolio <b>bold</b>' }).waitFor();

    assert.equal(await projectRows(page).count(), 1);
    assert.equal((await projectRows(page).first().locator('.project-open').innerText()).trim(), XSS_NAME, 'the name is shown literally');
    assert.equal(await page.locator('#projects-table img').count(), 0, 'no <img> in the table');
    assert.ok((await page.locator('#org-tree').innerText()).includes('<svg onload=alert(2)>'));

    // The details panel and the findings (whose message quotes the bad id) are text too.
    await projectRows(page).first().locator('.project-open').click();
    await page.locator('#project-details .commentary').waitFor();
    assert.ok((await page.locator('#project-details').innerText()).includes('<img src=v onerror=alert(6)> all fine'));
    const ownSvg = '.gantt-svg, .scurve-svg, .scurve-legend-icon, .hb-icon, .fc-svg, .fc-legend-icon, .htr-svg';
    assert.equal(await page.locator(`img, svg:not(${ownSvg}), script:not([src]), b, i`).count(), 0, 'no element made from the data anywhere in the page (the charts\' and pills\' SVGs are the page\'s own)');
    assert.ok((await page.locator('.gantt-svg').count()) <= 1, 'at most the one Gantt SVG');
    assert.ok((await page.locator('.scurve-svg').count()) <= 1, 'at most the one S-curve SVG');
    assert.equal(await page.locator('.scurve-svg title').first().textContent(), `S-curve of ${XSS_NAME}: cumulative cost by month in EUR`, 'the S-curve names the project as text');
    assert.deepEqual(opened.record.dialogs, [], 'no dialog fired');
    assert.ok(!opened.record.requests.some((url) => /\/[vwxyz]$/.test(new URL(url).pathname)), 'no image was requested');
    await dashboard.finish(opened);
  });
});

describe('failures are shown in the page', () => {
  test('a missing sample says so and leaves the file control usable', TIMEOUT, async () => {
    const { context, page } = await openPage(dashboard.browser);
    try {
      await page.route('**/sample/portfolio.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
      await page.goto(`${dashboard.origin}/`);
      const alert = page.locator('#page-error');
      await alert.waitFor({ state: 'visible' });
      assert.match(await alert.innerText(), /sample portfolio could not be loaded/i);
      assert.match(await alert.innerText(), /404/);
      assert.equal(await page.locator('#file-input').isEnabled(), true);
    } finally {
      await context.close();
    }
  });

  test('a wasm module that cannot load says so', TIMEOUT, async () => {
    const { context, page } = await openPage(dashboard.browser);
    try {
      await page.route('**/*.wasm', (route) => route.abort());
      await page.goto(`${dashboard.origin}/`);
      const alert = page.locator('#page-error');
      await alert.waitFor({ state: 'visible' });
      assert.match(await alert.innerText(), /cannot start/i);
      assert.match(await alert.innerText(), /WebAssembly/);
      assert.equal(await page.locator('#file-input').isDisabled(), true);
    } finally {
      await context.close();
    }
  });
});

/** Relative luminance of an rgb()/rgba() colour, 0 (black) to 1 (white). */
function luminance(color) {
  const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
