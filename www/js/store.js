// Keeps the reader's portfolio in this browser (IndexedDB), so a reload or a closed tab does not
// lose what they loaded or edited, and nothing ever leaves the machine (issue #7: data stays in
// the client). There is no server copy to fall back on, so the store guards itself:
// - two slots, 'current' and 'previous': a save moves the last good current to previous, so a
//   current copy that went bad (a crash mid-write, a disk fault, a hand edit in devtools) still
//   leaves one good copy to restore;
// - every record carries a checksum of its text: FNV-1a, 32 bit, over the text's UTF-16 code
//   units (offset basis 0x811c9dc5, prime 0x01000193), written "fnv1a32:" + 8 hex digits. It
//   detects damage, not tampering; that is all a local cache needs, and it needs no crypto.subtle
//   (which is missing on plain-http intranet pages);
// - a third slot, 'imported', keeps the portfolio as it was last loaded or imported, so "Reset to
//   imported" still means the imported plan after a reload, not the edited copy restored;
// - a bad record is never deleted silently: it is kept aside under the 'corrupt' key, where the
//   reader or a support person can still look at it; only clear() removes it;
// - every failure rejects with an Error whose `code` says what happened and whose message says
//   what it means for the reader, so the page can show it; nothing is swallowed.
//
// Versions: DB_VERSION is the IndexedDB schema (object stores), upgraded by UPGRADES in
// onupgradeneeded; RECORD_VERSION is the shape of one saved record, upgraded by RECORD_MIGRATIONS
// both in onupgradeneeded (every record, when DB_VERSION rises) and when a record is read (a
// record can reach us older than the database, e.g. written by hand or by an old backup).

export const DB_VERSION = 1;
export const RECORD_VERSION = 1;

const STORE = 'records';
const CURRENT = 'current';
const PREVIOUS = 'previous';
const CORRUPT = 'corrupt';
const IMPORTED = 'imported';
// A record that keeps going bad must not fill the quota with copies of itself.
const MAX_CORRUPT_KEPT = 4;

/**
 * Structural upgrades: UPGRADES[n] takes the database from version n to n + 1. To add v2,
 * append a step and raise DB_VERSION; the record pass below runs after the steps either way.
 */
const UPGRADES = [
  // 0 -> 1: one object store of records with out-of-line keys ('current', 'previous', 'corrupt').
  (db) => {
    db.createObjectStore(STORE);
  },
];

/**
 * Record-shape upgrades: RECORD_MIGRATIONS[n] takes a record of schemaVersion n to n + 1.
 * Version 0 is the shape of the first prototype: { text, savedAt } without a version, a source or
 * a checksum. It gets a checksum computed from its text; whether that text is a portfolio is
 * still checked afterwards, like any record's. To add v2: append a function, raise RECORD_VERSION.
 */
const RECORD_MIGRATIONS = [
  (record) => ({
    schemaVersion: 1,
    savedAt: typeof record.savedAt === 'string' ? record.savedAt : new Date(0).toISOString(),
    // The prototype did not say where the text came from; 'unknown' says so rather than guess.
    source: typeof record.source === 'string' && record.source ? record.source : 'unknown',
    text: record.text,
    checksum: typeof record.text === 'string' ? checksumOf(record.text) : undefined,
  }),
];

/** FNV-1a 32-bit over UTF-16 code units, as "fnv1a32:" + 8 lower-case hex digits. */
export function checksumOf(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `fnv1a32:${hash.toString(16).padStart(8, '0')}`;
}

/** An Error with a stable code for the page and a message for the reader. */
function storeError(code, message, cause) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = 'StoreError';
  error.code = code;
  return error;
}

/** Turns whatever IndexedDB threw or aborted with into a StoreError the reader can act on. */
function failure(cause, doing) {
  if (cause?.code && cause.name === 'StoreError') return cause;
  if (cause?.name === 'QuotaExceededError') {
    return storeError(
      'quota_exceeded',
      `This browser has no room left to keep your portfolio on this device, so it could not be ${doing}. What is on screen is unchanged; export it to keep a copy, or free space by clearing saved data.`,
      cause,
    );
  }
  const detail = cause?.message ? ` (${cause.name ?? 'Error'}: ${cause.message})` : cause?.name ? ` (${cause.name})` : '';
  if (doing === 'cleared') {
    // The reader asked for their data to be gone; what matters is that it may still be there.
    return storeError(
      'store_failed',
      `Your saved portfolio could not be removed from this browser's storage${detail}. It may still be kept on this device; try again, or clear this site's data in the browser's settings.`,
      cause,
    );
  }
  return storeError(
    'store_failed',
    `Your portfolio could not be ${doing} in this browser's storage${detail}. What is on screen is unchanged; export it to keep a copy.`,
    cause,
  );
}

const VALID_SOURCE = /^(sample|edit|file:.+)$/s;

/**
 * Checks one stored value (migrating an older shape first). Returns { record, migrated } when it
 * is a good record, or { problem: { slot, code, message } } saying in words what is wrong.
 */
function examine(value, slot) {
  const where = { [CURRENT]: 'The last saved copy of your portfolio', [IMPORTED]: 'The imported copy of your portfolio' }[slot] ?? 'The earlier saved copy of your portfolio';
  const bad = (code, why) => ({ problem: { slot, code, message: `${where} ${why}` } });
  if (value === undefined) return bad('missing', 'is missing.');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('wrong_shape', 'is not a saved record.');
  let record = value;
  let migrated = false;
  const version = record.schemaVersion ?? 0;
  if (!Number.isInteger(version) || version < 0) return bad('wrong_shape', `has an invalid record version (${String(record.schemaVersion)}).`);
  if (version > RECORD_VERSION) return bad('too_new', `was saved by a newer version of the dashboard (record version ${version}); this version reads up to ${RECORD_VERSION}.`);
  try {
    for (let step = version; step < RECORD_VERSION; step += 1) {
      record = RECORD_MIGRATIONS[step](record);
      migrated = true;
    }
  } catch (error) {
    return bad('wrong_shape', `could not be brought up to date (${error.message}).`);
  }
  if (typeof record.text !== 'string') return bad('wrong_shape', 'has no portfolio text.');
  if (typeof record.checksum !== 'string') return bad('wrong_shape', 'has no checksum.');
  if (typeof record.savedAt !== 'string' || Number.isNaN(Date.parse(record.savedAt))) return bad('wrong_shape', 'has no valid save date.');
  if (typeof record.source !== 'string' || !record.source) return bad('wrong_shape', 'does not say where it came from.');
  const actual = checksumOf(record.text);
  if (record.checksum !== actual) {
    return bad('checksum_mismatch', `is damaged: its text no longer matches its checksum (saved ${record.checksum}, now ${actual}).`);
  }
  const problem = textProblem(record.text);
  if (problem) return bad(problem.code, problem.why);
  return { record, migrated };
}

/** What is wrong with a text that should be a portfolio document (JSON of an object), or null. */
function textProblem(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { code: 'unparseable', why: `is not readable JSON (${error.message}).` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { code: 'wrong_shape', why: 'is JSON but not a portfolio document.' };
  return null;
}

/** A corrupt value, as it is kept aside: what it was, where, why, and when it was moved. */
function asideEntry(value, problem) {
  return { keptAt: new Date().toISOString(), slot: problem.slot, code: problem.code, message: problem.message, value };
}

function keepAside(store, existing, entries) {
  // A value someone else put under 'corrupt' is kept too, as the oldest entry.
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [asideEntry(existing, { slot: CORRUPT, code: 'unknown', message: 'was found under the corrupt key' })];
  store.put([...entries, ...list].slice(0, MAX_CORRUPT_KEPT), CORRUPT);
}

/** Opens the database, running the upgrade steps; rejects with code 'store_unavailable'. */
function openDatabase(factory, name) {
  const unavailable = (why, cause) =>
    storeError('store_unavailable', `Your portfolio cannot be kept in this browser between visits: ${why} It still works for this visit; export it to keep a copy.`, cause);
  return new Promise((resolve, reject) => {
    if (!factory || typeof factory.open !== 'function') {
      reject(unavailable('this browser offers no IndexedDB storage here (private browsing, or storage is switched off).'));
      return;
    }
    let request;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      // SecurityError: storage refused for this page (sandboxed frame, opaque origin, policy).
      reject(unavailable(`the browser refused storage for this page (${error?.name ?? 'Error'}).`, error));
      return;
    }
    let settled = false;
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      try {
        upgradeDatabase(request.result, tx, event.oldVersion ?? 0);
      } catch (error) {
        // Aborting the version change leaves the old database as it was; open then fails below.
        tx.abort();
        settled = true;
        reject(unavailable(`its saved data could not be upgraded (${error?.message ?? error}).`, error));
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {
        db.close();
        return;
      }
      settled = true;
      // A newer dashboard in another tab needs us to let go before it can upgrade.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = (event) => {
      event?.preventDefault?.();
      if (settled) return;
      settled = true;
      const error = request.error;
      if (error?.name === 'VersionError') {
        reject(unavailable('it was saved by a newer version of the dashboard. Reload the page to get the newer version.', error));
      } else {
        reject(unavailable(`the browser refused to open its storage (${error?.name ?? 'Error'}${error?.message ? `: ${error.message}` : ''}).`, error));
      }
    };
    request.onblocked = () => {
      // Another tab holds an older version open and did not close it; waiting could hang the page.
      if (settled) return;
      settled = true;
      reject(unavailable('another tab with an older version of the dashboard is open. Close it and reload.'));
    };
  });
}

/**
 * The whole onupgradeneeded path, exported so the record pass can be tested before a v2 exists:
 * the structural steps from oldVersion up to DB_VERSION, then, for a database that already held
 * records, every record brought to RECORD_VERSION. `transaction` is the versionchange transaction.
 */
export function upgradeDatabase(db, transaction, oldVersion) {
  for (let step = oldVersion; step < DB_VERSION; step += 1) UPGRADES[step](db, transaction);
  if (oldVersion > 0) migrateAll(transaction.objectStore(STORE));
}

/** The upgrade-time pass: every slot record brought to RECORD_VERSION; bad ones left for restore(). */
function migrateAll(store) {
  for (const key of [CURRENT, PREVIOUS]) {
    const request = store.get(key);
    request.onsuccess = () => {
      if (request.result === undefined) return;
      const { record, migrated } = examine(request.result, key);
      if (record && migrated) store.put(record, key);
    };
  }
}

/**
 * Whether this browser may hold a saved portfolio, known at once: opening IndexedDB takes a
 * tenth of a second or more on a first visit, and the page need not wait for it to learn that
 * there is nothing to restore. A flag beside the database (localStorage, holding no data) is
 * set by every save and removed by clear(); only a missing flag means "no". Without
 * localStorage, or when it cannot be read, the answer is "maybe", and the caller waits.
 */
export function mayHoldSavedCopy({ name = 'pmo-analytics', storage } = {}) {
  try {
    // Read inside the try: a sandboxed frame throws on merely touching localStorage.
    const flags = storage === undefined ? globalThis.localStorage : storage;
    return !flags || flags.getItem(hintKey(name)) !== null;
  } catch {
    return true;
  }
}

function hintKey(name) {
  return `${name}:saved`;
}

/** Sets or removes the flag mayHoldSavedCopy() reads; a storage that refuses only costs speed. */
function setHint(name, saved) {
  try {
    if (saved) globalThis.localStorage?.setItem(hintKey(name), '1');
    else globalThis.localStorage?.removeItem(hintKey(name));
  } catch {
    // Without the flag the next start waits for the database, as it would without localStorage.
  }
}

/**
 * Opens (creating or upgrading) the portfolio store.
 * Resolves to { save, restore, clear, exportAll, persist, close }; rejects with an Error whose code is
 * 'store_unavailable' when this browser gives the page no IndexedDB (pass indexedDB: null to
 * simulate that; undefined means the default).
 */
export async function openStore({ name = 'pmo-analytics', indexedDB = globalThis.indexedDB } = {}) {
  const db = await openDatabase(indexedDB, name);

  /**
   * Runs `body(store, finish)` in one transaction; resolves with what finish() was given once
   * the transaction has committed (so "saved" means on disk), rejects with a StoreError if any
   * request, the transaction, or the body itself fails.
   */
  function run(mode, doing, body) {
    return new Promise((resolve, reject) => {
      let result;
      let firstError = null;
      let tx;
      try {
        tx = db.transaction(STORE, mode);
      } catch (error) {
        // InvalidStateError: the connection was closed (another tab upgraded the database).
        reject(failure(error, doing));
        return;
      }
      tx.oncomplete = () => resolve(result);
      // A request's error bubbles to the transaction; the abort that follows carries the cause.
      tx.onerror = (event) => {
        firstError ??= event?.target?.error ?? tx.error;
      };
      // When the browser aborts a transaction (a full disk at commit), pending requests fail with a
      // bare AbortError first; the real cause is then tx.error, and the reader must see that one.
      tx.onabort = () => {
        const cause = firstError && firstError.name !== 'AbortError' ? firstError : tx.error ?? firstError;
        reject(failure(cause ?? new DOMException('The transaction was aborted.', 'AbortError'), doing));
      };
      const fail = (error) => {
        firstError ??= error;
        try {
          tx.abort();
        } catch {
          // Already finished: onabort or oncomplete has reported, or will.
        }
      };
      try {
        body(tx.objectStore(STORE), (value) => { result = value; }, fail);
      } catch (error) {
        fail(error);
      }
    });
  }

  /** Reads several keys, then calls done(values) in the same transaction. */
  function getAll(store, keys, done, fail) {
    const values = {};
    let pending = keys.length;
    for (const key of keys) {
      const request = store.get(key);
      request.onsuccess = () => {
        values[key] = request.result;
        pending -= 1;
        if (pending === 0) {
          try {
            done(values);
          } catch (error) {
            fail(error);
          }
        }
      };
    }
  }

  return {
    /**
     * Saves the portfolio text as the current copy; the last good current becomes previous.
     * source: 'sample' | 'edit' | 'file:<name>'. imported: true when this text is what the
     * reader loaded or imported (not an edit of it): it is also kept as the 'imported' copy that
     * "Reset to imported" returns to. Resolves to the saved record once committed.
     */
    save(portfolioText, { source, imported = false } = {}) {
      if (typeof portfolioText !== 'string') return Promise.reject(new TypeError('save(): the portfolio must be given as its JSON text'));
      if (typeof source !== 'string' || !VALID_SOURCE.test(source)) return Promise.reject(new TypeError(`save(): source must be 'sample', 'edit' or 'file:<name>', not ${JSON.stringify(source)}`));
      // A record that would come back 'corrupt' must not push a good copy out of 'previous'. Only
      // its text can be wrong: the rest is made here, the checksum from that text (so it is not
      // computed twice; on a large portfolio each pass over the text is tens of milliseconds).
      const problem = textProblem(portfolioText);
      if (problem) return Promise.reject(new TypeError(`save(): the text is not a portfolio document (${problem.code})`));
      const record = { schemaVersion: RECORD_VERSION, savedAt: new Date().toISOString(), source, text: portfolioText, checksum: checksumOf(portfolioText) };
      return run('readwrite', 'saved', (store, finish, fail) => {
        getAll(store, [CURRENT, PREVIOUS, CORRUPT], (found) => {
          if (found[CURRENT] !== undefined) {
            const current = examine(found[CURRENT], CURRENT);
            if (current.problem) {
              // The damaged current is kept aside; previous stays, it is still the last good copy.
              keepAside(store, found[CORRUPT], [asideEntry(found[CURRENT], current.problem)]);
            } else if (current.record.text !== portfolioText) {
              // Saving the same text again (a re-render, a no-op edit) must not erase the older copy.
              store.put(current.record, PREVIOUS);
            }
          }
          store.put(record, CURRENT);
          if (imported) store.put(record, IMPORTED);
          finish(record);
        }, fail);
      }).then((saved) => {
        setHint(name, true);
        return saved;
      });
    },

    /**
     * What to show at start:
     *   { status: 'empty' }                          nothing saved
     *   { status: 'ok', record }                     the current copy
     *   { status: 'recovered', record, problem }     current was bad: the previous copy; the bad
     *                                                one is kept aside under 'corrupt'
     *   { status: 'unreadable', problem }            no good copy (problem.problems has both)
     * record: { schemaVersion, savedAt, source, text, checksum }; problem: { slot, code, message }.
     * 'ok' and 'recovered' also carry imported: the record last loaded or imported, or null when
     * there is none or it is damaged (then the restored copy stands in for it).
     */
    restore() {
      return run('readwrite', 'read back', (store, finish, fail) => {
        getAll(store, [CURRENT, PREVIOUS, CORRUPT, IMPORTED], (found) => {
          const imported = found[IMPORTED] === undefined ? null : examine(found[IMPORTED], IMPORTED).record ?? null;
          if (found[CURRENT] === undefined && found[PREVIOUS] === undefined) {
            finish({ status: 'empty' });
            return;
          }
          const current = examine(found[CURRENT], CURRENT);
          if (current.record) {
            if (current.migrated) store.put(current.record, CURRENT);
            finish({ status: 'ok', record: current.record, imported });
            return;
          }
          const previous = examine(found[PREVIOUS], PREVIOUS);
          if (previous.record) {
            // The good copy becomes current, so the next start is 'ok' and the next save keeps it
            // as previous; the bad one is moved aside, not lost.
            if (found[CURRENT] !== undefined) keepAside(store, found[CORRUPT], [asideEntry(found[CURRENT], current.problem)]);
            store.put(previous.record, CURRENT);
            if (previous.migrated) store.put(previous.record, PREVIOUS);
            finish({ status: 'recovered', record: previous.record, problem: current.problem, imported });
            return;
          }
          // Nothing is moved: with no good copy, the data stays where it is for inspection or export.
          finish({
            status: 'unreadable',
            problem: {
              slot: CURRENT,
              code: 'unreadable',
              message: `No saved copy of your portfolio can be read. ${current.problem.message} ${previous.problem.message}`,
              problems: [current.problem, previous.problem],
            },
          });
        }, fail);
      });
    },

    /** "Clear my data": removes every record of ours (current, previous, corrupt copies). */
    clear() {
      return run('readwrite', 'cleared', (store, finish) => {
        store.clear();
        finish(undefined);
      }).then(() => setHint(name, false));
    },

    /**
     * "Export everything": the text of the good copy restore() would give (current, else
     * previous), or null when nothing good is saved. Read-only: it moves nothing.
     */
    exportAll() {
      return run('readonly', 'read back', (store, finish, fail) => {
        getAll(store, [CURRENT, PREVIOUS], (found) => {
          const good = [examine(found[CURRENT], CURRENT), examine(found[PREVIOUS], PREVIOUS)].find((entry) => entry.record);
          finish(good ? good.record.text : null);
        }, fail);
      });
    },

    /**
     * Asks the browser not to evict our data under storage pressure (best-effort storage can be
     * dropped without a word). Resolves to true or false, or null where the browser has no such
     * request. Firefox may ask the reader, so call it after a deliberate act (their own file),
     * not at start.
     */
    async persist() {
      const storage = globalThis.navigator?.storage;
      if (typeof storage?.persist !== 'function') return null;
      try {
        return (await storage.persisted?.()) || (await storage.persist());
      } catch {
        // A refusal to answer is an answer of "not persisted"; nothing is lost by it.
        return false;
      }
    },

    /** Lets go of the database (tests, or before deleting it). */
    close() {
      db.close();
    },
  };
}
