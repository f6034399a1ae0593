// Browser tests of the portfolio store (www/js/store.js) in Chromium's real IndexedDB, on a
// fixture page under the dashboard's Content-Security-Policy. No wasm is needed: the store only
// keeps text. Each test has a fresh browser context, so a fresh, empty database.
// Run: node --test tests/browser/store.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startStaticServer } from './support/static-server.mjs';
import { foreignRequests, launchChromium, openPage, pageProblems, repoRoot } from './support/browser.mjs';

const TIMEOUT = { timeout: 60_000 };
const FIXTURE = '/tests/browser/fixtures/store/index.html';

// Small portfolio documents; the store does not interpret them beyond "a JSON object".
const portfolio = (name) => JSON.stringify({ schemaVersion: 1, id: 'PF-1', name, currency: 'EUR', projects: [] });
const FIRST = portfolio('First portfolio — Zürich 🚀');
const SECOND = portfolio('Second portfolio');
const THIRD = portfolio('Third portfolio');

let server;
let browser;
before(async () => {
  server = await startStaticServer(repoRoot);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open() {
  const opened = await openPage(browser);
  await opened.page.goto(`${server.origin}${FIXTURE}`);
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

/** Saves the given texts in order through the module, each with its source (and imported flag). */
function saveAll(page, saves) {
  return page.evaluate(async (list) => {
    const store = await window.fixture.openStore();
    const records = [];
    for (const [text, source, imported = false] of list) records.push(await store.save(text, { source, imported }));
    store.close();
    return records;
  }, saves);
}

function restore(page) {
  return page.evaluate(async () => {
    const store = await window.fixture.openStore();
    try {
      return await store.restore();
    } finally {
      store.close();
    }
  });
}

/** FNV-1a 32-bit over UTF-16 code units: the stated checksum, computed independently here. */
function fnv1a32(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `fnv1a32:${hash.toString(16).padStart(8, '0')}`;
}

describe('portfolio store', () => {
  test('the checksum is FNV-1a 32-bit over UTF-16 code units', TIMEOUT, async () => {
    const opened = await open();
    const sums = await opened.page.evaluate(() => ['', 'a', 'foobar', 'é🚀'].map((text) => window.fixture.checksumOf(text)));
    // '', 'a' and 'foobar' are FNV's published test vectors (ASCII: one code unit = one byte).
    assert.deepEqual(sums.slice(0, 3), ['fnv1a32:811c9dc5', 'fnv1a32:e40c292c', 'fnv1a32:bf9cf968']);
    assert.equal(sums[3], fnv1a32('é🚀'), 'non-ASCII text hashes its UTF-16 code units');
    await finish(opened);
  });

  test('the imported copy outlives edits, so "Reset to imported" works after a reload; a damaged one is dropped', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const [imported] = await saveAll(page, [[FIRST, 'file:plan.json', true], [SECOND, 'edit'], [THIRD, 'edit']]);
    const restored = await restore(page);
    assert.equal(restored.record.text, THIRD, 'the latest edit is what is shown');
    assert.deepEqual(restored.imported, imported, 'the file as loaded is what Reset returns to');
    // A new import replaces it.
    const [again] = await saveAll(page, [[SECOND, 'file:other.json', true]]);
    assert.deepEqual((await restore(page)).imported, again);
    // Damaged, it is not offered (the page then resets to the restored copy).
    await page.evaluate(() => window.fixture.raw('imported').then((record) => window.fixture.rawPut('imported', { ...record, text: `${record.text} ` })));
    const after = await restore(page);
    assert.equal(after.status, 'ok');
    assert.equal(after.imported, null);
    await finish(opened);
  });

  test('save then restore round-trips the text and the record', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    assert.deepEqual(await restore(page), { status: 'empty' }, 'a new browser has nothing saved');
    const before = Date.now();
    const [saved] = await saveAll(page, [[FIRST, 'file:plan Q3.json']]);
    assert.deepEqual(Object.keys(saved).sort(), ['checksum', 'savedAt', 'schemaVersion', 'source', 'text']);
    assert.equal(saved.schemaVersion, 1);
    assert.equal(saved.source, 'file:plan Q3.json');
    assert.equal(saved.text, FIRST);
    assert.equal(saved.checksum, fnv1a32(FIRST));
    assert.match(saved.savedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Date.parse(saved.savedAt) >= before - 1000);
    const restored = await restore(page);
    assert.deepEqual(restored, { status: 'ok', record: saved, imported: null }, 'nothing was saved as imported');
    assert.equal(await page.evaluate(async () => {
      const store = await window.fixture.openStore();
      const text = await store.exportAll();
      store.close();
      return text;
    }), FIRST, 'export everything gives the current text');
    await finish(opened);
  });

  test('the saved portfolio survives a reload; a new save keeps the last one as previous', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample'], [SECOND, 'edit']]);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    const restored = await restore(page);
    assert.equal(restored.status, 'ok');
    assert.equal(restored.record.text, SECOND);
    assert.equal(restored.record.source, 'edit');
    const previous = await page.evaluate(() => window.fixture.raw('previous'));
    assert.equal(previous.text, FIRST);
    assert.equal(previous.source, 'sample');
    // Saving the same text again refreshes current but must not push the older copy out.
    await saveAll(page, [[SECOND, 'edit']]);
    assert.equal((await page.evaluate(() => window.fixture.raw('previous'))).text, FIRST);
    await saveAll(page, [[THIRD, 'edit']]);
    assert.equal((await page.evaluate(() => window.fixture.raw('previous'))).text, SECOND);
    assert.equal((await restore(page)).record.text, THIRD);
    await finish(opened);
  });

  test('a damaged current copy is recovered from the previous one and kept aside', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample'], [SECOND, 'edit']]);
    // A change to the text that the checksum no longer matches: a torn write, a disk fault.
    const damaged = await page.evaluate(async () => {
      const record = await window.fixture.raw('current');
      record.text = record.text.replace('Second', 'Secxnd');
      await window.fixture.rawPut('current', record);
      return record;
    });
    const restored = await restore(page);
    assert.equal(restored.status, 'recovered');
    assert.equal(restored.record.text, FIRST, 'the previous good copy');
    assert.equal(restored.problem.slot, 'current');
    assert.equal(restored.problem.code, 'checksum_mismatch');
    assert.match(restored.problem.message, /^The last saved copy of your portfolio is damaged: its text no longer matches its checksum/);
    const aside = await page.evaluate(() => window.fixture.raw('corrupt'));
    assert.equal(aside.length, 1);
    assert.deepEqual(aside[0].value, damaged, 'the damaged record is kept as it was');
    assert.equal(aside[0].code, 'checksum_mismatch');
    assert.equal(aside[0].slot, 'current');
    // The good copy is current again: the next start is plain 'ok'.
    assert.deepEqual(await restore(page), { status: 'ok', record: restored.record, imported: null });
    await finish(opened);
  });

  test('unparseable text, a wrong shape and a newer record version are each recognised', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const cases = {
      unparseable: { schemaVersion: 1, savedAt: '2026-11-01T10:00:00.000Z', source: 'edit', text: '{"name": "cut off', checksum: fnv1a32('{"name": "cut off') },
      wrong_shape: 42,
      too_new: { schemaVersion: 99, whatever: true },
    };
    for (const [code, bad] of Object.entries(cases)) {
      await saveAll(page, [[FIRST, 'sample'], [SECOND, 'edit']]);
      await page.evaluate((value) => window.fixture.rawPut('current', value), bad);
      const restored = await restore(page);
      assert.equal(restored.status, 'recovered', code);
      assert.equal(restored.problem.code, code);
      assert.equal(restored.record.text, FIRST);
      assert.deepEqual((await page.evaluate(() => window.fixture.raw('corrupt')))[0].value, bad, `${code}: kept aside`);
    }
    const aside = await page.evaluate(() => window.fixture.raw('corrupt'));
    assert.deepEqual(aside.map((entry) => entry.code), ['too_new', 'wrong_shape', 'unparseable'], 'newest first, none dropped');
    await finish(opened);
  });

  test('both copies damaged: unreadable, nothing moved, a new save still works', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample'], [SECOND, 'edit']]);
    await page.evaluate(async () => {
      for (const key of ['current', 'previous']) {
        const record = await window.fixture.raw(key);
        record.checksum = 'fnv1a32:00000000';
        await window.fixture.rawPut(key, record);
      }
    });
    const restored = await restore(page);
    assert.equal(restored.status, 'unreadable');
    assert.equal(restored.record, undefined);
    assert.equal(restored.problem.code, 'unreadable');
    assert.deepEqual(restored.problem.problems.map((p) => [p.slot, p.code]), [['current', 'checksum_mismatch'], ['previous', 'checksum_mismatch']]);
    assert.match(restored.problem.message, /^No saved copy of your portfolio can be read\. The last saved copy .* The earlier saved copy /);
    assert.deepEqual((await page.evaluate(() => window.fixture.rawKeys())).sort(), ['current', 'previous'], 'left in place for inspection');
    assert.equal(await page.evaluate(async () => {
      const store = await window.fixture.openStore();
      const text = await store.exportAll();
      store.close();
      return text;
    }), null, 'nothing good to export');
    // The page then loads the sample and saves it: the bad current goes aside, not away.
    await saveAll(page, [[THIRD, 'sample']]);
    assert.equal((await restore(page)).record.text, THIRD);
    const aside = await page.evaluate(() => window.fixture.raw('corrupt'));
    assert.equal(aside[0].value.text, SECOND);
    await finish(opened);
  });

  test('a damaged first save with no earlier copy is unreadable, and says the earlier copy is missing', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample']]);
    await page.evaluate(() => window.fixture.rawPut('current', { schemaVersion: 1 }));
    const restored = await restore(page);
    assert.equal(restored.status, 'unreadable');
    assert.deepEqual(restored.problem.problems.map((p) => [p.slot, p.code]), [['current', 'wrong_shape'], ['previous', 'missing']]);
    assert.match(restored.problem.message, /The earlier saved copy of your portfolio is missing\.$/);
    await finish(opened);
  });

  test('clear() removes everything of ours', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample'], [SECOND, 'edit']]);
    await page.evaluate(() => window.fixture.rawPut('current', 'garbage'));
    assert.equal((await restore(page)).status, 'recovered');
    assert.deepEqual((await page.evaluate(() => window.fixture.rawKeys())).sort(), ['corrupt', 'current', 'previous']);
    const after = await page.evaluate(async () => {
      const store = await window.fixture.openStore();
      await store.clear();
      const result = { restored: await store.restore(), exported: await store.exportAll() };
      store.close();
      return result;
    });
    assert.deepEqual(after, { restored: { status: 'empty' }, exported: null });
    assert.deepEqual(await page.evaluate(() => window.fixture.rawKeys()), [], 'no record left, corrupt ones included');
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    assert.deepEqual(await restore(page), { status: 'empty' }, 'still empty after a reload');
    await finish(opened);
  });

  test('a v0 record (no version, no checksum) is migrated to v1 with a computed checksum', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const versions = await page.evaluate(() => [window.fixture.DB_VERSION, window.fixture.RECORD_VERSION]);
    assert.deepEqual(versions, [1, 1]);
    await saveAll(page, [[FIRST, 'sample'], [THIRD, 'edit']]); // previous is FIRST
    await page.evaluate((text) => window.fixture.rawPut('current', { text, savedAt: '2025-03-01T09:30:00.000Z' }), SECOND);
    const restored = await restore(page);
    assert.deepEqual(restored, {
      status: 'ok',
      record: { schemaVersion: 1, savedAt: '2025-03-01T09:30:00.000Z', source: 'unknown', text: SECOND, checksum: fnv1a32(SECOND) },
      imported: null,
    });
    assert.deepEqual(await page.evaluate(() => window.fixture.raw('current')), restored.record, 'written back in the new shape');
    // A v0 record whose text is not a portfolio gets a checksum but is still refused.
    await page.evaluate(() => window.fixture.rawPut('current', { text: 'not json', savedAt: '2025-03-01T09:30:00.000Z' }));
    const refused = await restore(page);
    assert.equal(refused.status, 'recovered');
    assert.equal(refused.problem.code, 'unparseable');
    assert.equal(refused.record.text, FIRST);
    await finish(opened);
  });

  test('the onupgradeneeded path migrates the records a database already holds', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const migrated = await page.evaluate((text) => window.fixture.upgradeWith('pmo-analytics-legacy', { text, savedAt: '2025-03-01T09:30:00.000Z' }), FIRST);
    assert.deepEqual(migrated, { schemaVersion: 1, savedAt: '2025-03-01T09:30:00.000Z', source: 'unknown', text: FIRST, checksum: fnv1a32(FIRST) });
    // A bad record is not touched by the upgrade: restore() decides about it, and keeps it.
    const untouched = await page.evaluate(() => window.fixture.upgradeWith('pmo-analytics-legacy-bad', { text: 'not json' }));
    assert.deepEqual(untouched, { text: 'not json' });
    await finish(opened);
  });

  test('persist() asks the browser to keep the data and answers true, false or null', TIMEOUT, async () => {
    const opened = await open();
    const answer = await opened.page.evaluate(async () => {
      const store = await window.fixture.openStore();
      try {
        return await store.persist();
      } finally {
        store.close();
      }
    });
    assert.ok(answer === true || answer === false || answer === null, `answer: ${answer}`);
    await finish(opened);
  });

  test('a full disk rejects the save with quota_exceeded and leaves the saved copy as it was', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample']]);
    const error = await page.evaluate(async (text) => {
      const store = await window.fixture.openStore({ indexedDB: window.fixture.quotaIndexedDB() });
      try {
        await store.save(text, { source: 'edit' });
        return null;
      } catch (caught) {
        return window.fixture.describe(caught);
      } finally {
        store.close();
      }
    }, SECOND);
    assert.ok(error, 'the save rejected');
    assert.equal(error.isError, true);
    assert.equal(error.code, 'quota_exceeded');
    assert.match(error.message, /^This browser has no room left to keep your portfolio on this device, so it could not be saved\. .*export it/);
    const restored = await restore(page);
    assert.equal(restored.status, 'ok');
    assert.equal(restored.record.text, FIRST, 'the failed save changed nothing');
    assert.equal(await page.evaluate(() => window.fixture.raw('previous')), undefined);
    await finish(opened);
  });

  test('a quota abort at commit is reported as quota_exceeded, not as the AbortError of a pending put', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    await saveAll(page, [[FIRST, 'sample']]);
    // With a current copy, save() issues two puts: the abort comes after the first succeeded.
    const error = await page.evaluate(async (text) => {
      const store = await window.fixture.openStore({ indexedDB: window.fixture.quotaAtCommitIndexedDB() });
      try {
        return await store.save(text, { source: 'edit' }).then(() => null, window.fixture.describe);
      } finally {
        store.close();
      }
    }, SECOND);
    assert.equal(error?.code, 'quota_exceeded');
    const restored = await restore(page);
    assert.equal(restored.record.text, FIRST, 'the aborted transaction changed nothing');
    assert.equal(await page.evaluate(() => window.fixture.raw('previous')), undefined);
    await finish(opened);
  });

  test('any other storage failure rejects with store_failed and says so', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const errors = await page.evaluate(async (text) => {
      const { fixture } = window;
      const results = {};
      const broken = await fixture.openStore({ indexedDB: fixture.brokenIndexedDB() });
      results.put = await broken.save(text, { source: 'edit' }).then(() => null, fixture.describe);
      results.clear = await broken.clear().then(() => null, fixture.describe);
      broken.close();
      // A real failure: the connection is gone (as when another tab upgrades the database).
      const closed = await fixture.openStore();
      closed.close();
      results.closed = await closed.restore().then(() => null, fixture.describe);
      return results;
    }, FIRST);
    assert.equal(errors.put.code, 'store_failed');
    assert.match(errors.put.message, /^Your portfolio could not be saved in this browser's storage \(UnknownError: An internal error occurred in the storage backend\.\)\. /);
    assert.equal(errors.clear.code, 'store_failed');
    assert.match(errors.clear.message, /^Your saved portfolio could not be removed from this browser's storage \(UnknownError: .*\)\. It may still be kept on this device; try again, or clear this site's data in the browser's settings\.$/);
    assert.equal(errors.closed.code, 'store_failed');
    assert.match(errors.closed.message, /^Your portfolio could not be read back in this browser's storage \(InvalidStateError/);
    await finish(opened);
  });

  test('no IndexedDB (missing, refused, failing, newer) rejects openStore with store_unavailable', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const errors = await page.evaluate(async () => {
      const { fixture } = window;
      const attempt = (options) => fixture.openStore(options).then((store) => { store.close(); return null; }, fixture.describe);
      // A database left at a higher version by a newer dashboard.
      await new Promise((resolve, reject) => {
        const request = indexedDB.open('pmo-analytics-newer', 5);
        request.onupgradeneeded = () => request.result.createObjectStore('records');
        request.onsuccess = () => { request.result.close(); resolve(); };
        request.onerror = () => reject(request.error);
      });
      return {
        missing: await attempt({ indexedDB: null }),
        refused: await attempt({ indexedDB: fixture.refusingIndexedDB() }),
        failing: await attempt({ indexedDB: fixture.failingOpenIndexedDB() }),
        newer: await attempt({ name: 'pmo-analytics-newer' }),
      };
    });
    for (const [how, error] of Object.entries(errors)) {
      assert.ok(error, `${how}: rejected`);
      assert.equal(error.code, 'store_unavailable', how);
      assert.match(error.message, /^Your portfolio cannot be kept in this browser between visits: .* It still works for this visit; export it to keep a copy\.$/, how);
    }
    assert.match(errors.missing.message, /no IndexedDB storage/);
    assert.match(errors.refused.message, /SecurityError/);
    assert.match(errors.failing.message, /InvalidStateError/);
    assert.match(errors.newer.message, /newer version of the dashboard/);
    await finish(opened);
  });

  test('save refuses what it could not restore: a bad source or a text that is not a portfolio', TIMEOUT, async () => {
    const opened = await open();
    const { page } = opened;
    const results = await page.evaluate(async (text) => {
      const { fixture } = window;
      const store = await fixture.openStore();
      const results = {
        noSource: await store.save(text).then(() => null, fixture.describe),
        badSource: await store.save(text, { source: 'upload' }).then(() => null, fixture.describe),
        emptyFile: await store.save(text, { source: 'file:' }).then(() => null, fixture.describe),
        notText: await store.save({ name: 'x' }, { source: 'edit' }).then(() => null, fixture.describe),
        notJson: await store.save('<Project/>', { source: 'file:plan.xml' }).then(() => null, fixture.describe),
        array: await store.save('[]', { source: 'edit' }).then(() => null, fixture.describe),
      };
      results.restored = await store.restore();
      store.close();
      return results;
    }, FIRST);
    for (const key of ['noSource', 'badSource', 'emptyFile', 'notText', 'notJson', 'array']) {
      assert.equal(results[key]?.name, 'TypeError', key);
    }
    assert.deepEqual(results.restored, { status: 'empty' }, 'nothing was written');
    await finish(opened);
  });
});
