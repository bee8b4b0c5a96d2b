// Reading (and, for fault tests, damaging) the app's IndexedDB database from a test, through
// `page.evaluate`, independently of the app's code. The layout is the one `src/vault/mod.rs`
// describes: database `duty-ledger`, stores `records` (a record's JSON text under its id),
// `batches`, `changes` (auto-numbered log) and `kept`, every value stored as JSON text.

export const DB_NAME = 'duty-ledger';
export const STORES = ['records', 'batches', 'changes', 'kept'];

/** The old localStorage keys the app moves into the database on first start. */
export const OLD = {
  ledger: 'duty-ledger:ledger',
  tail: 'duty-ledger:ledger:tail:',
  retracted: 'duty-ledger:retracted',
  backup: 'duty-ledger:backup:',
};
export const PROFILE = 'duty-ledger:profile';

/**
 * Every store as `{ version, records: [[key, text]], batches: [[key, text]], changes:
 * [[key, text]], kept: [[key, text]] }`, or `null` when there is no database yet (opening it
 * from here never creates it: the upgrade is aborted).
 */
export function rawDump(page) {
  return page.evaluate(async ({ name, stores }) => {
    const db = await new Promise((resolve) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.transaction.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
    if (!db) return null;
    const present = stores.filter((s) => db.objectStoreNames.contains(s));
    const out = { version: db.version };
    if (present.length > 0) {
      const tx = db.transaction(present, 'readonly');
      const reads = present.map(
        (s) =>
          new Promise((resolve, reject) => {
            const keys = tx.objectStore(s).getAllKeys();
            const values = tx.objectStore(s).getAll();
            values.onsuccess = () => resolve([s, keys.result.map((k, i) => [k, values.result[i]])]);
            values.onerror = () => reject(values.error);
          }),
      );
      for (const [s, rows] of await Promise.all(reads)) out[s] = rows;
    }
    db.close();
    for (const s of stores) out[s] ??= [];
    return out;
  }, { name: DB_NAME, stores: STORES });
}

/** The stores parsed: records sorted by id, batches, kept copies and the change log. */
export async function dump(page) {
  const raw = await rawDump(page);
  if (!raw) return null;
  const parse = (rows) => rows.map(([, text]) => JSON.parse(text));
  return {
    version: raw.version,
    records: parse(raw.records).sort((a, b) => (a.id < b.id ? -1 : 1)),
    batches: parse(raw.batches),
    kept: parse(raw.kept),
    changes: parse(raw.changes),
    raw,
  };
}

/**
 * Every ledger record stored for the page's origin (the `records` store), sorted by id.
 * Values that do not parse are skipped. No database yet: no records.
 */
export async function storedEvents(page) {
  const raw = await rawDump(page);
  if (!raw) return [];
  const events = [];
  for (const [, text] of raw.records) {
    try {
      events.push(JSON.parse(text));
    } catch {}
  }
  return events.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Waits until at least `n` records are stored, and returns them. */
export async function savedEvents(page, n, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const events = await storedEvents(page);
    if (events.length >= n) return events;
    if (Date.now() > until) throw new Error(`only ${events.length} of ${n} records stored`);
    await page.waitForTimeout(50);
  }
}

/** Waits until `check(await storedEvents(page))` holds; returns the records. */
export async function storedWhen(page, check, what = 'stored records', timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const events = await storedEvents(page);
    if (check(events)) return events;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (${events.length} records)`);
    await page.waitForTimeout(50);
  }
}

/** Writes raw `[key, text]` rows into a store, as a faulty or newer writer would. */
export function putRaw(page, store, rows) {
  return page.evaluate(async ({ name, store, rows }) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(store, 'readwrite');
    for (const [key, value] of rows) tx.objectStore(store).put(value, key);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, { name: DB_NAME, store, rows });
}

/** Old-layout and other localStorage keys of the page's origin, as an object. */
export function localEntries(page, prefix = 'duty-ledger:') {
  return page.evaluate(
    (prefix) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)])),
    prefix,
  );
}

/** Sets localStorage entries (`{ key: text }`) of the page's origin. */
export function setLocal(page, entries) {
  return page.evaluate((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, entries);
}
