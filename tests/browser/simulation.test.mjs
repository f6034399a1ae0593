// Browser tests of the Monte Carlo simulation in the risk section: the run in a Web Worker with
// its progress bar, the finish-date histogram and S-curve (P50 / P80 markers, committed finish),
// the risk tornado, cancelling a long run, and the Gantt's criticality shading. The expected
// figures come from the same request run through the built module in Node (same seed, same results).
// Run: make pkg && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { requireBuiltPage, screenshot, screenshotDir, wwwRoot } from './support/browser.mjs';
import { sampleWorkspace, useDashboard } from './support/dashboard.mjs';

const sample = requireBuiltPage();
const TIMEOUT = { timeout: 90_000 };
const SEED = 20261;

const dashboard = useDashboard();
let engine;

before(async () => {
  engine = await sampleWorkspace();
});

const project = sample.projects.find((p) => p.id === 'PRJ-001');

/** The page's request, run to the end in Node. */
function expectedResults(iterations, seed) {
  const options = { riskTornado: true };
  if (project.committedFinish) options.finishTargetDate = project.committedFinish;
  const simulation = engine.createSimulation(project.id, {
    iterations, seed, defaultRange: { optimistic: 0.9, pessimistic: 1.3 }, registerRisks: true, options,
  });
  try {
    while (!simulation.runChunk(500).finished);
    return simulation.results();
  } finally {
    simulation.free();
  }
}

const dateText = (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

async function openDashboard(options) {
  const opened = await dashboard.open(options);
  await opened.page.locator(`#projects-table tr[data-project-id="${project.id}"] .project-open`).click();
  await opened.page.locator('#risk-section:not([hidden]) .sim-run').waitFor({ state: 'visible' });
  return opened;
}


describe('Monte Carlo simulation', () => {
  test('1,000 iterations in a worker: progress, histogram, P50 / P80, committed finish and tornado match the engine', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    const expected = expectedResults(1000, SEED);

    await page.locator('#sim-iterations').selectOption('1000');
    await page.locator('#sim-seed').fill(String(SEED));
    assert.equal(await page.locator('#sim-optimistic').inputValue(), '0.9');
    assert.equal(await page.locator('#sim-pessimistic').inputValue(), '1.3');
    await page.locator('.sim-run').click();
    await page.locator('.fd-svg').waitFor({ state: 'visible', timeout: 60_000 });

    assert.equal(await page.locator('.sim-progress-text').textContent(), '1,000 of 1,000 iterations');
    assert.equal(await page.locator('#sim-progress').evaluate((p) => `${p.value}/${p.max}`), '1000/1000');
    assert.match(await page.locator('.sim-status').textContent(), /^Finished: 1,000 iterations/);
    assert.equal(await page.locator('.sim-partial').count(), 0);
    assert.equal(await page.locator('.sim-run').isDisabled(), false, 'Run is enabled again');
    assert.equal(await page.locator('.sim-cancel').isDisabled(), true, 'Cancel is disabled when nothing runs');

    // Histogram: one bar per bin, with the engine's counts.
    const counts = await page.locator('.fd-svg .fd-bar[data-count]').evaluateAll((bars) => bars.map((bar) => Number(bar.dataset.count)));
    assert.equal(counts.length, expected.finishDays.histogram.counts.length);
    assert.deepEqual(counts, expected.finishDays.histogram.counts);
    assert.ok(await page.locator('.fd-svg .fd-cdf').getAttribute('d'), 'the S-curve is drawn');

    // P50 and P80: the engine's dates, as data and as text.
    for (const percentile of [50, 80]) {
      const date = expected.finishDates.find((d) => d.percentile === percentile).date;
      const marker = page.locator(`.fd-marker-p${percentile}`);
      assert.equal(await marker.getAttribute('data-date'), date);
      assert.equal(await marker.locator('text').textContent(), `P${percentile} ${dateText(date)}`);
    }
    assert.equal(await page.locator('[data-fact="p80"] dd').textContent(), dateText(expected.finishDates.find((d) => d.percentile === 80).date));

    // The committed finish: a marked line with the probability of meeting it.
    const probability = `${Math.round(expected.probabilityFinishByTarget * 100)}%`;
    assert.equal(await page.locator('.fd-marker-committed').getAttribute('data-date'), project.committedFinish);
    assert.equal(await page.locator('.fd-marker-committed text').textContent(), `Committed ${dateText(project.committedFinish)}: P(finish by committed date) = ${probability}`);

    // Axes are labelled.
    const axisTitles = await page.locator('.fd-axis-title').allTextContents();
    assert.ok(axisTitles.some((t) => /working days/.test(t)) && axisTitles.some((t) => /Iterations/.test(t)) && axisTitles.some((t) => /Cumulative probability/.test(t)), axisTitles.join(' | '));

    // Tornado: the engine's risks in its order, with their titles.
    const rows = await page.locator('.tornado-row').evaluateAll((nodes) => nodes.map((node) => ({
      id: node.dataset.riskId,
      text: node.querySelector('.tornado-risk-title').textContent,
    })));
    assert.deepEqual(rows.map((r) => r.id), expected.riskTornado.map((t) => t.riskId));
    const titles = new Map(project.risks.map((risk) => [risk.id, risk.title]));
    for (const row of rows) assert.ok(titles.get(row.id).startsWith(row.text.replace(/…$/, '')), `${row.id}: ${row.text}`);
    const swings = expected.riskTornado.map((t) => t.swingDays);
    assert.ok(Math.abs(swings[0]) >= Math.abs(swings.at(-1)), 'largest swing first');

    // The Gantt's bars are shaded by criticality and say it in words.
    const ganttActivity = expected.activities.find((a) => a.criticalityIndex > 0 && a.criticalityIndex < 1) ?? expected.activities[0];
    await page.locator('#gantt .gantt-row[data-criticality]').first().waitFor({ state: 'attached' });
    const shaded = await page.locator('#gantt .gantt-row[data-criticality]').evaluateAll((nodes) => nodes.map((node) => ({ id: node.dataset.activityId, ci: Number(node.dataset.criticality), label: node.getAttribute('aria-label'), cls: node.getAttribute('class') })));
    assert.ok(shaded.length > 0);
    for (const row of shaded) {
      const engineRow = expected.activities.find((a) => a.activityId === row.id);
      if (!engineRow) continue;
      assert.equal(row.ci, engineRow.criticalityIndex);
      assert.match(row.label, new RegExp(`critical in ${Math.round(engineRow.criticalityIndex * 100)}% of iterations`));
      assert.match(row.cls, /crit-(high|medium|low|none)/);
    }
    assert.ok(ganttActivity);

    await page.locator('.sim-distribution').scrollIntoViewIfNeeded();
    await page.locator('.sim-distribution').screenshot({ path: join(screenshotDir, 'simulation-histogram.png') });
    await page.locator('.sim-tornado').screenshot({ path: join(screenshotDir, 'simulation-tornado.png') });
    await page.locator('#risk-simulation').screenshot({ path: join(screenshotDir, 'simulation-section.png') });
    await page.locator('#gantt .gantt-scroll').screenshot({ path: join(screenshotDir, 'simulation-gantt.png') });
    await screenshot(page, 'simulation-page');
    await dashboard.finish(opened);
  });

  test('Cancel stops a 10,000-iteration run before the end and says so', TIMEOUT, async () => {
    const opened = await openDashboard();
    const { page } = opened;
    await page.locator('#sim-iterations').selectOption('10000');
    await page.locator('.sim-run').click();
    const cancel = page.locator('.sim-cancel');
    await cancel.waitFor({ state: 'visible' });
    assert.equal(await cancel.isDisabled(), false, 'Cancel is enabled while the run goes on');
    // The main thread stays responsive while the worker runs.
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    await cancel.click();
    await page.locator('.sim-status-cancelled').waitFor({ state: 'visible', timeout: 60_000 });
    const status = await page.locator('.sim-status').textContent();
    const match = /^Cancelled after ([\d,]+) of 10,000 iterations\./.exec(status);
    assert.ok(match, status);
    const done = Number(match[1].replace(/,/g, ''));
    assert.ok(done < 10000, `stopped at ${done}`);
    assert.equal(await page.locator('.sim-progress-text').textContent(), `${match[1]} of 10,000 iterations`);
    if (done > 0) assert.match(await page.locator('.sim-partial').textContent(), /^Partial results/);
    assert.equal(await page.locator('.sim-run').isDisabled(), false, 'a new run can start');
    await page.locator('#risk-simulation').screenshot({ path: join(screenshotDir, 'simulation-cancelled.png') });
    await dashboard.finish(opened);
  });
});
