// The ledger in IndexedDB, in a real browser, each test ending with a reload that proves what
// is stored: the move from every old localStorage layout (base, tails, backups, the undone
// import's ids, unreadable text, a move cut short), two tabs writing at once, the undo of a
// 600-record import seen by another tab, a limited quota, a 10 MB import, no IndexedDB, a
// database from a newer app, when persistent storage is asked for, and the export reminder.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EDU, OFFICE, ROOT, useApp } from '../tools/app.mjs';
import { exchangeFile, hex16 } from '../tools/exchange-data.mjs';
import {
  OLD,
  PROFILE,
  dump,
  localEntries,
  putRaw,
  rawDump,
  savedEvents,
  setLocal,
  storedEvents,
  storedWhen,
} from '../tools/ledger-db.mjs';

const EDU_DEVICE = 'd0d0d0d0d0d0d0d0';

const app = useApp();
let fixture;

before(async () => {
  fixture = JSON.parse(await readFile(resolve(ROOT, 'tests/fixtures/ledger-v1.json'), 'utf8'));
});

/** Opens a blank page of the app's origin without starting the app. */
async function visitOrigin(page) {
  const blank = `${app.url}blank-for-tests.html`;
  await page.route(blank, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>blank</title>' }),
  );
  await page.goto(blank);
}

/** The profile of a device that already chose its unit (as the old app stored it). */
const profile = (unit = EDU, device = EDU_DEVICE) => JSON.stringify({ schema_version: 1, device, unit });

/**
 * Leaves `entries` in localStorage as an older version of the app did, before the app (and
 * so its database) has ever opened on this origin: the page visited is a static file of the
 * same origin.
 */
async function oldDevice(page, entries) {
  await visitOrigin(page);
  await setLocal(page, { [PROFILE]: profile(), ...entries });
}

const document = (events) => JSON.stringify({ schema_version: 1, events });
const ids = (events) => events.map((e) => e.id);
// The open tabs' marks for pruning the change log (`duty-ledger:tab-seen:…`) are not old keys.
const oldKeys = (page) =>
  localEntries(page, 'duty-ledger:').then((e) => Object.keys(e).filter((k) => k !== PROFILE && !k.startsWith('duty-ledger:tab-seen:')));

/** A record's content: without its place in its device's log (`seq`, `prev`). */
const content = (records) => records.map(({ seq, prev, ...rest }) => rest);

/**
 * Waits until the old keys are gone (the move is verified) and this device's records have
 * their places in its log (the start of its log: oldest first), and returns the stores.
 */
async function moved(page) {
  for (let i = 0; i < 200 && (await oldKeys(page)).length > 0; i++) await page.waitForTimeout(50);
  assert.deepEqual(await oldKeys(page), [], 'the old keys go once the database holds their records');
  const device = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), PROFILE)).device;
  const own = (stores) => stores.records.filter((r) => r.device === device);
  let stores = await dump(page);
  for (let i = 0; i < 200 && own(stores).some((r) => !r.seq); i++) {
    await page.waitForTimeout(50);
    stores = await dump(page);
  }
  const chain = own(stores).sort((a, b) => a.seq - b.seq);
  assert.deepEqual(chain.map((r) => r.seq), chain.map((_, i) => i + 1), 'this device\'s records start its log');
  const byTime = [...chain].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  assert.deepEqual(chain.map((r) => r.id), byTime.map((r) => r.id), 'oldest first');
  assert.ok(stores.records.every((r) => r.device === device || !r.seq), 'other devices\' records keep no place');
  return stores;
}

// Records of the old layout's tails: new ones, and one the base holds too.
const tailRecord = (n, task = 11) => ({
  id: hex16(0xb0 + n),
  task,
  unit: EDU,
  device: EDU_DEVICE,
  at: `2023-04-0${n}T09:00:00.000+08:00`,
  change: { kind: 'note', note: hex16(0xb0 + n), text: `另一标签页的记录 ${n}` },
});

describe('upgrade from the old localStorage layout', () => {
  test('the ledger-v1 document moves into IndexedDB as it was, and its key goes', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    await oldDevice(page, { [OLD.ledger]: JSON.stringify(fixture) });
    await dev.openTask(10);
    await dev.noteText('召开校园食品安全专题会议，部署“护苗促食安”行动').waitFor();
    const stores = await moved(page);
    assert.equal(stores.version, 2);
    assert.deepEqual(content(stores.records), fixture.events, 'every record, field for field');
    for (const [key, text] of stores.raw.records) assert.equal(JSON.parse(text).id, key, 'each under its own id');
    assert.deepEqual(stores.kept, []);
    assert.deepEqual(stores.batches, []);
    const log = stores.changes.length;
    await dev.reload();
    await dev.noteText('召开校园食品安全专题会议，部署“护苗促食安”行动').waitFor();
    assert.match(await dev.detail().locator('.status-now').textContent(), /推进中/);
    const again = await dump(page);
    assert.deepEqual(content(again.records), fixture.events);
    assert.equal(again.changes.length, log, 'a reload writes nothing');
    await dev.close();
  });

  test('the base and every tab’s tail come over once, merged', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    const shared = fixture.events[1];
    await oldDevice(page, {
      [OLD.ledger]: JSON.stringify(fixture),
      [`${OLD.tail}aaaa1111`]: document([tailRecord(1), shared]),
      [`${OLD.tail}bbbb2222`]: document([tailRecord(2), tailRecord(3)]),
    });
    await dev.openTask(11);
    await dev.noteText('另一标签页的记录 3').waitFor();
    const stores = await moved(page);
    const expected = [...fixture.events, tailRecord(1), tailRecord(2), tailRecord(3)].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(content(stores.records), expected);
    await dev.reload();
    for (const n of [1, 2, 3]) await dev.noteText(`另一标签页的记录 ${n}`).waitFor();
    assert.deepEqual(content((await dump(page)).records), expected);
    await dev.close();
  });

  test('backup copies are kept once by content, listed on the storage screen, and their keys go', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    const a = '{"schema_version":1,"events":[{"id":"cut off';
    const b = 'not JSON at all';
    await oldDevice(page, {
      [OLD.ledger]: JSON.stringify(fixture),
      [`${OLD.backup}duty-ledger:ledger:2023-05-01T09:00:00.000Z`]: a,
      [`${OLD.backup}duty-ledger:ledger:2023-05-02T09:00:00.000Z`]: a,
      [`${OLD.backup}duty-ledger:ledger:tail:cccc:2023-05-03T09:00:00.000Z`]: b,
    });
    await dev.open('#view=exchange', { ready: '.storage-panel' });
    const stores = await moved(page);
    assert.deepEqual(stores.kept.map((k) => k.text).sort(), [b, a].sort(), 'the same text is kept once');
    for (const k of stores.kept) assert.match(k.hash, /^[0-9a-f]{64}$/);
    assert.equal(stores.records.length, fixture.events.length);
    await page.locator('.load-notice', { hasText: '有 2 份无法读取的原始数据已原样保留' }).waitFor();
    await dev.reload({ ready: '.storage-panel' });
    assert.equal(await page.locator('.storage-panel li.kept-item').count(), 2);
    assert.equal((await dump(page)).kept.length, 2, 'not copied again at reload');
    await dev.close();
  });

  test('the records the last undone import took back never come back', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    const gone = ['00000000000000a6', '00000000000000a7'];
    await oldDevice(page, {
      [OLD.ledger]: JSON.stringify(fixture),
      // A tab that had not heard of the undo still held one of them.
      [`${OLD.tail}dddd4444`]: document([fixture.events[5]]),
      [OLD.retracted]: JSON.stringify(gone),
    });
    await dev.openTask(12);
    const stores = await moved(page);
    assert.deepEqual(ids(stores.records), ids(fixture.events).filter((id) => !gone.includes(id)));
    assert.equal(stores.batches.length, 1);
    assert.deepEqual(stores.batches[0].records, gone);
    assert.ok(stores.batches[0].undone, 'kept as an undone import');
    assert.doesNotMatch(await dev.detail().locator('.status-now').textContent(), /受阻/);
    // Nothing brings them back: not a reload, and not the same old data found again.
    await setLocal(page, { [OLD.ledger]: JSON.stringify(fixture) });
    await dev.reload();
    await moved(page);
    await dev.reload();
    assert.deepEqual(ids(await storedEvents(page)), ids(fixture.events).filter((id) => !gone.includes(id)));
    assert.doesNotMatch(await dev.detail().locator('.status-now').textContent(), /受阻/);
    await dev.close();
  });

  test('an unreadable base is kept once, offered for download and delete, and not copied again', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    const raw = `{"schema_version":1,"events":[${JSON.stringify(fixture.events[0])},{"id":`;
    await oldDevice(page, {
      [OLD.ledger]: raw,
      [`${OLD.tail}eeee5555`]: document([tailRecord(4)]),
    });
    await dev.open('#view=exchange', { ready: '.storage-panel' });
    const stores = await moved(page);
    assert.equal(stores.kept.length, 1);
    assert.equal(stores.kept[0].text, raw);
    assert.equal(stores.kept[0].source, OLD.ledger);
    assert.ok(ids(stores.records).includes(tailRecord(4).id), 'the readable tail still comes over');
    const item = page.locator('.storage-panel li.kept-item');
    await item.waitFor();
    assert.match(await item.textContent(), /来源 duty-ledger:ledger/);
    const download = await dev.download(item.getByRole('button', { name: '下载' }));
    assert.equal(await readFile(download.path, 'utf8'), raw);
    // Reloads do not copy it again.
    await dev.reload({ ready: '.storage-panel' });
    await dev.reload({ ready: '.storage-panel' });
    assert.equal((await dump(page)).kept.length, 1);
    assert.equal(await page.locator('.storage-panel li.kept-item').count(), 1);
    // Delete asks once more, then removes it for good.
    await page.locator('.storage-panel li.kept-item').getByRole('button', { name: '删除' }).click();
    await page.getByRole('button', { name: '确认删除（不可恢复）' }).click();
    await page.locator('.storage-panel li.kept-item').waitFor({ state: 'detached' });
    for (let i = 0; i < 100 && (await dump(page)).kept.length > 0; i++) await page.waitForTimeout(50);
    assert.deepEqual((await dump(page)).kept, []);
    await dev.reload({ ready: '.storage-panel' });
    assert.equal(await page.locator('.storage-panel li.kept-item').count(), 0);
    assert.equal(await page.locator('.load-notice').count(), 0);
    assert.deepEqual((await dump(page)).kept, [], 'deleted for good');
    await dev.close();
  });

  test('a move cut short resumes at the next start: nothing lost, nothing doubled, then the keys go', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    const backup = 'half a document';
    const old = {
      [OLD.ledger]: JSON.stringify(fixture),
      [`${OLD.tail}ffff6666`]: document([tailRecord(5)]),
      [`${OLD.backup}duty-ledger:ledger:2023-05-01T09:00:00.000Z`]: backup,
    };
    // The database already exists (an earlier start created it) …
    await dev.pickUnit(EDU);
    // … and the tab closed after some of the records were written, before the keys went.
    await putRaw(page, 'records', fixture.events.slice(0, 4).map((e) => [e.id, JSON.stringify(e)]));
    await setLocal(page, old);
    await dev.openTask(11);
    await dev.reload();
    await dev.noteText('另一标签页的记录 5').waitFor();
    let stores = await moved(page);
    const expected = [...fixture.events, tailRecord(5)].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(content(stores.records), expected);
    assert.equal(stores.kept.length, 1);
    // Cut short again, this time after everything was written: the keys are still there.
    await setLocal(page, old);
    await dev.reload();
    stores = await moved(page);
    assert.deepEqual(content(stores.records), expected, 'nothing doubled');
    assert.equal(stores.kept.length, 1, 'the backup kept once');
    await dev.reload();
    assert.equal(await dev.noteText('另一标签页的记录 5').count(), 1);
    assert.deepEqual(content(await storedEvents(page)), expected);
    assert.deepEqual(await oldKeys(page), []);
    await dev.close();
  });
});

/** `count` notes of `unit` whose text is about `chars` characters long, with distinct ids. */
function longNotes(unit, device, count, chars, idBase) {
  const filler = '检查整改复查，情况良好。'.repeat(Math.ceil(chars / 12)).slice(0, chars);
  const records = [];
  for (let i = 0; i < count; i++) {
    const id = hex16(idBase + i + 1);
    const at = new Date(Date.UTC(2023, 4, 1, 1, 0, 0) + i * 60_000).toISOString().replace('Z', '+00:00');
    records.push({ id, task: (i % 58) + 1, unit, device, at, change: { kind: 'note', note: id, text: `第${i}条：${filler}` } });
  }
  return records;
}

/** An exchange file from 区教育局, ready for `setInputFiles`. */
function fileOf(records, name = 'edu.json') {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exchangeFile(EDU, EDU_DEVICE, records))) };
}

test('two tabs writing notes at the same moment keep every note, in both tabs and after a reload', async () => {
  const a = await app.device({ unit: EDU });
  const b = await a.newTab();
  await a.openTask(34);
  await b.openTask(34);
  const mine = (tab, n) => Array.from({ length: n }, (_, i) => `${tab}页同时写下的第 ${i + 1} 条`);
  const texts = [...mine('甲', 5), ...mine('乙', 5)];
  // Both tabs write in turns, neither waiting for the other.
  await Promise.all([
    (async () => { for (const t of mine('甲', 5)) await a.addNote(t); })(),
    (async () => { for (const t of mine('乙', 5)) await b.addNote(t); })(),
  ]);
  for (const tab of [a, b]) for (const t of texts) await tab.noteText(t).waitFor();
  const stored = await savedEvents(a.page, 10);
  assert.deepEqual(stored.map((e) => e.change.text).sort(), [...texts].sort());
  await Promise.all([a.reload(), b.reload()]);
  for (const tab of [a, b]) {
    for (const t of texts) await tab.noteText(t).waitFor();
    assert.equal(await tab.detail().locator('.note-list > li.note:not(.note-deleted)').count(), 10);
  }
  assert.equal((await storedEvents(b.page)).length, 10);
  await a.close();
});

test('undo of a 600-record import removes exactly those records, in this tab and another, for good', async () => {
  const a = await app.device({ unit: OFFICE });
  await a.openTask(1);
  await a.addNote('办公室导入前的记录');
  const b = await a.newTab();
  await b.openTask(1);
  await b.noteText('办公室导入前的记录').waitFor();
  const records = longNotes(EDU, EDU_DEVICE, 600, 20, 0x600000);
  await a.importFiles(fileOf(records));
  assert.match(await a.importRows().textContent(), /新记录 600 条/);
  assert.match(await a.apply(), /新增 600 条记录/);
  await savedEvents(a.page, 601);
  // The other tab hears of them, and writes a note of its own meanwhile.
  await b.noteText('第0条').waitFor();
  await b.addNote('另一标签页在导入后写下的记录');
  await savedEvents(a.page, 602);
  // The undo survives a reload.
  await a.reload();
  await a.undoImport();
  const kept = await storedWhen(a.page, (events) => events.length === 2, 'the undo to be written');
  assert.deepEqual(kept.map((e) => e.change.text).sort(), ['办公室导入前的记录', '另一标签页在导入后写下的记录'].sort());
  await b.noteText('第0条').waitFor({ state: 'detached' });
  assert.equal(await b.noteText('另一标签页在导入后写下的记录').count(), 1);
  const stores = await dump(a.page);
  assert.equal(stores.batches.length, 1);
  assert.ok(stores.batches[0].undone);
  assert.equal(stores.batches[0].records.length, 600);
  // After a reload of both tabs, gone for good, and nothing left to undo.
  await Promise.all([a.reload({ ready: '.import-dialog' }), b.reload()]);
  assert.equal(await b.noteText('第').count(), 0);
  assert.equal(await b.noteText('办公室导入前的记录').count(), 1);
  assert.equal(await a.page.getByRole('button', { name: '撤销上次导入' }).count(), 0);
  assert.equal((await storedEvents(a.page)).length, 2);
  await a.close();
});

describe('room', () => {
  test('under a quota limited through the DevTools protocol, a large import is refused or stored whole, and a later note survives', async (t) => {
    // Chromium checks IndexedDB commits against the room it finds when the site first writes,
    // so the quota is set before the app opens, with no service worker cache taking room.
    // (`quota` blocks service workers too.)
    const dev = await app.device({ unit: OFFICE, quota: 2_000_000 });
    const { page } = dev;
    await dev.openTask(2);
    await dev.addNote('配额受限前的记录');
    await savedEvents(page, 1);
    const records = longNotes(EDU, EDU_DEVICE, 1000, 1500, 0x700000);
    await dev.importFiles(fileOf(records, 'large.json'));
    let outcome;
    if (await page.locator('.import-no-room').count()) {
      outcome = 'refused';
      assert.match(await page.locator('.import-no-room').textContent(), /空间不足，未导入：导入约需 [\d.]+ MB，本机剩余可用约 [\d.]+ MB/);
      assert.equal(await dev.applyButton().isDisabled(), true);
    } else {
      // 已导入 is said only once the write committed; written whole, or not at all with
      // the reason shown: never in part.
      const result = await dev.apply();
      outcome = /新增 1000 条记录/.test(result) ? 'stored' : 'failed';
      if (outcome === 'stored') {
        await storedWhen(page, (e) => e.length === 1001, 'the import');
      } else {
        assert.match(result, /导入的记录未能保存到本机存储，仍保留在当前页面中/);
        const error = page.locator('.save-error');
        await error.waitFor();
        assert.match(await error.textContent(), /保存失败：存储空间已满。 ?1000 条新记录仍保留在当前页面中/);
        assert.equal((await storedEvents(page)).length, 1, 'nothing of the import is written');
      }
    }
    t.diagnostic(`the large import was ${outcome}`);
    // A note written afterwards is not held back by the import that did not fit.
    await dev.openTask(2);
    await dev.addNote('配额受限后写下的记录');
    await storedWhen(page, (e) => e.some((r) => r.change.text === '配额受限后写下的记录'), 'the later note');
    await dev.reload();
    await dev.noteText('配额受限后写下的记录').waitFor();
    await dev.noteText('配额受限前的记录').waitFor();
    const after = (await storedEvents(page)).length;
    assert.equal(after, outcome === 'stored' ? 1002 : 2, `${outcome}: ${after} records stored`);
    await dev.close();
  });

  test('an import that will not fit in the room the browser reports is refused with how much is needed and free', async () => {
    // A browser that reports 0.5 MB free (Chromium reports a made-up quota in private windows).
    const estimate = () => {
      // (StorageManager exists only in secure contexts, which the first about:blank is not.)
      if (typeof StorageManager === 'undefined') return;
      StorageManager.prototype.estimate = async () => ({ usage: 1_000_000, quota: 1_524_288 });
    };
    const dev = await app.device({ unit: OFFICE, init: estimate });
    const { page } = dev;
    const records = longNotes(EDU, EDU_DEVICE, 600, 400, 0x800000);
    await dev.importFiles(fileOf(records));
    const refusal = page.locator('.import-no-room');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /空间不足，未导入：导入约需 \d+\.\d\d MB，本机剩余可用约 0\.50 MB。/);
    const needed = Number((await refusal.textContent()).match(/约需 ([\d.]+) MB/)[1]);
    assert.ok(needed > 600 * 800 / 2 ** 20, `needed ${needed} MB`);
    assert.equal(await dev.applyButton().isDisabled(), true);
    await dev.openTask(3);
    await dev.addNote('导入被拒之后的记录');
    await savedEvents(page, 1);
    await dev.reload();
    await dev.noteText('导入被拒之后的记录').waitFor();
    assert.equal((await storedEvents(page)).length, 1);
    await dev.close();
  });

  test('a 10 MB import followed by a new note: both survive the reload', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    await dev.pickUnit(OFFICE);
    // 2,000 long notes, just under the 10 MiB limit of a file.
    let records = longNotes(EDU, EDU_DEVICE, 2000, 1700, 0x900000);
    let file = fileOf(records, 'ten.json');
    const limit = 10 * 1024 * 1024;
    const chars = Math.floor(1700 - (file.buffer.length - limit + 2000 * 40) / (3 * 2000));
    records = longNotes(EDU, EDU_DEVICE, 2000, chars, 0x900000);
    file = fileOf(records, 'ten.json');
    assert.ok(file.buffer.length > 9.8 * 1024 * 1024 && file.buffer.length <= limit, `${file.buffer.length} bytes`);
    await dev.importFiles(file);
    assert.match(await page.locator('.import-files > li').textContent(), /✓ 可导入.*新记录 2000 条/);
    assert.match(await dev.apply(), /新增 2000 条记录/);
    // Task 1 is one the office itself is assigned to, so it records there.
    await dev.openTask(1);
    await dev.addNote('十兆导入之后的新记录');
    await savedEvents(page, 2001, 60_000);
    assert.equal(await page.locator('.save-error').count(), 0);
    await dev.reload();
    await dev.noteText('十兆导入之后的新记录').waitFor();
    await dev.noteText('第0条：').waitFor();
    const stored = await storedEvents(page);
    assert.equal(stored.length, 2001);
    assert.deepEqual(
      stored.filter((e) => e.unit === EDU),
      // As the file carried them: sealed into their device's chain, in id order.
      JSON.parse(file.buffer).records,
      'every imported record stored as it came',
    );
    await dev.close();
  });
});

describe('when the database cannot be used', () => {
  const noIndexedDb = {
    'window.indexedDB is missing': () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
    'indexedDB.open throws': () => {
      if (typeof IDBFactory === 'undefined') return;
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    },
  };
  for (const [how, script] of Object.entries(noIndexedDb)) {
    test(`${how}: the message shows, the table is readable, nothing pretends to be saved`, async () => {
      const dev = await app.device({ unit: EDU, init: script });
      const { page } = dev;
      const alert = page.locator('.notice-error[role="alert"]:not(.roster-key-error)', { hasText: '浏览器存储不可用' });
      await alert.waitFor();
      assert.match(await alert.textContent(), /记录只保存在当前页面，关闭后会丢失，请及时导出/);
      await dev.open('#view=all');
      await page.waitForFunction(() => document.querySelectorAll('li.task').length === 58);
      await dev.openTask(10);
      await dev.addNote('无法保存的记录');
      await page.locator('.storage-meter', { hasText: '有未保存的更改' }).waitFor();
      await dev.open('#view=exchange');
      await page.locator('.storage-unsaved', { hasText: '1 条记录尚未保存' }).waitFor();
      assert.equal(await page.getByText('已保存', { exact: false }).count(), 0);
      // What was only in the page is gone after a reload, and the message says so again.
      await dev.reload({ ready: '.storage-panel' });
      await alert.waitFor();
      await dev.openTask(10);
      assert.equal(await dev.noteText('无法保存的记录').count(), 0);
      await dev.close();
    });
  }

  test('a database a newer app upgraded: the message shows and nothing is written', async () => {
    const dev = await app.device({ open: false });
    const { page } = dev;
    await visitOrigin(page);
    await setLocal(page, { [PROFILE]: profile() });
    const future = JSON.stringify({ ...fixture.events[1], id: 'fffffffffffff002' });
    await page.evaluate(async (future) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('duty-ledger', 3);
        request.onupgradeneeded = () => {
          for (const name of ['records', 'batches', 'kept', 'photos']) request.result.createObjectStore(name);
          request.result.createObjectStore('changes', { autoIncrement: true });
          request.transaction.objectStore('records').put(future, 'fffffffffffff002');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
    }, future);
    const before = await rawDump(page);
    await dev.openTask(10);
    const alert = page.locator('[role="alert"]', { hasText: '本机数据已由更新版本的应用升级，此页面不再保存新记录' });
    await alert.waitFor();
    await dev.addNote('旧版本页面写下的记录');
    await page.locator('.storage-meter', { hasText: '有未保存的更改' }).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(await rawDump(page), before, 'nothing written');
    await dev.reload();
    await alert.waitFor();
    assert.equal(await dev.noteText('旧版本页面写下的记录').count(), 0);
    const after = await rawDump(page);
    assert.equal(after.version, 3);
    assert.deepEqual(after, before, 'still nothing written');
    await dev.close();
  });
});

test('persistent storage is asked for when the user first records something, not at first paint', async () => {
  const persist = () => {
    if (typeof StorageManager === 'undefined') return;
    const calls = () => Number(sessionStorage.getItem('persist-calls') ?? 0);
    window.persistCalls = () => calls();
    StorageManager.prototype.persisted = async () => calls() > 0;
    StorageManager.prototype.persist = async () => {
      sessionStorage.setItem('persist-calls', String(calls() + 1));
      return true;
    };
  };
  const dev = await app.device({ unit: EDU, init: persist });
  const { page } = dev;
  for (const hash of ['#view=all', '#view=matrix', '#view=exchange', '#task=10']) await dev.open(hash);
  await dev.open('#view=exchange');
  await page.locator('.storage-protection', { hasText: '存储未受保护' }).waitFor();
  assert.equal(await page.evaluate(() => window.persistCalls()), 0, 'not asked at first paint');
  await dev.openTask(10);
  await dev.addNote('第一次记录');
  await page.waitForFunction(() => window.persistCalls() === 1);
  await dev.addNote('第二次记录');
  await dev.detail().getByRole('button', { name: '推进中', exact: true }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.persistCalls()), 1, 'asked once');
  await dev.open('#view=exchange');
  await page.locator('.storage-protection', { hasText: '存储已受保护' }).waitFor();
  // Protected now: a reload does not ask again.
  await dev.reload({ ready: '.storage-panel' });
  await page.locator('.storage-protection', { hasText: '存储已受保护' }).waitFor();
  await dev.openTask(10);
  await dev.addNote('保护之后的记录');
  await savedEvents(page, 4);
  assert.equal(await page.evaluate(() => window.persistCalls()), 1);
  await dev.close();
});

test('the export reminder: recorded more than 7 days ago and never exported; gone after exporting', async () => {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date('2023-05-08T10:00:00+08:00');
  const dev = await app.device({ unit: EDU, clockAt: start });
  const { page } = dev;
  await dev.openTask(10);
  await dev.addNote('需要备份的记录');
  await savedEvents(page, 1);
  assert.equal(await page.locator('.export-reminder').count(), 0);
  await dev.setClock(start.getTime() + 6 * day);
  await dev.reload();
  assert.equal(await page.locator('.export-reminder').count(), 0, 'not within 7 days');
  await dev.setClock(start.getTime() + 8 * day);
  await dev.reload();
  const reminder = page.locator('.export-reminder');
  await reminder.waitFor();
  assert.match(await reminder.textContent(), /您有新记录已超过 7 天未导出/);
  await reminder.getByRole('button', { name: '去导出' }).click();
  await page.locator('.storage-last-export', { hasText: '本机尚未导出过文件' }).waitFor();
  await dev.exportFile('own', 'reminded.json');
  await reminder.waitFor({ state: 'detached' });
  await page.locator('.storage-last-export', { hasText: '上次导出：' }).waitFor();
  assert.match(await page.locator('.storage-last-export').textContent(), /2023/);
  await dev.reload({ ready: '.storage-panel' });
  await page.locator('.storage-last-export', { hasText: '上次导出：' }).waitFor();
  assert.equal(await page.locator('.export-reminder').count(), 0);
  assert.ok(JSON.parse((await localEntries(page, PROFILE))[PROFILE]).last_export, 'the profile keeps the time');
  await dev.close();
});

test('garbage written into the database hides only itself: counted in a notice, the rest shown and exported, a copy offered', async () => {
  const dev = await app.device({ unit: EDU, viewport: 'landscape' });
  const { page } = dev;
  await dev.openTask(34);
  const texts = Array.from({ length: 6 }, (_, i) => `损坏之前写下的第 ${i + 1} 条`);
  for (const t of texts) await dev.addNote(t);
  await savedEvents(page, 6);
  // A failing disk or another program: one value holding U+001E (the separator the app copies
  // stored text with), one that is not text at all, one cut short.
  const bad = [
    ['0000000000000001', `{"id":"0000000000000001",\u001e"task":34}`],
    ['fffffffffffffffe', { written: 'by another program' }],
    ['fffffffffffffffd', '{"id":"fffffffffffffffd","task":'],
  ];
  await putRaw(page, 'records', bad);
  await dev.reload();
  await dev.open('#view=exchange', { ready: '.storage-panel' });
  const notice = page.locator('.unreadable-records');
  await notice.waitFor();
  assert.match(await notice.textContent(), /本机有 3 条记录本版本无法读取/);
  // Every readable record is still there, on screen and in the export.
  await dev.openTask(34);
  for (const t of texts) await dev.noteText(t).waitFor();
  const file = await dev.exportFile('own', 'after-garbage.json');
  assert.deepEqual(
    JSON.parse(file.text).records.map((r) => r.change.text).sort(),
    [...texts].sort(),
  );
  // 存储与备份 offers a copy of the unreadable records, exactly as stored.
  const item = page.locator('.storage-panel .unreadable-records-item');
  await item.waitFor();
  assert.match(await item.textContent(), /3 条记录无法读取/);
  const copy = await dev.download(item.getByRole('button', { name: '下载其副本' }));
  const entries = JSON.parse(await readFile(copy.path, 'utf8'));
  assert.deepEqual(entries.map((e) => e.key), bad.map(([k]) => k).sort());
  assert.equal(entries.find((e) => e.key === '0000000000000001').value, bad[0][1]);
  assert.deepEqual(JSON.parse(entries.find((e) => e.key === 'fffffffffffffffe').value), bad[1][1]);
  await item.scrollIntoViewIfNeeded();
  await dev.screenshot('tablet/storage-unreadable-records');
  // Left in place, untouched, after more writing and a reload.
  await dev.openTask(34);
  await dev.addNote('损坏之后写下的一条');
  await savedEvents(page, 7);
  await dev.reload();
  const raw = await rawDump(page);
  for (const [key, value] of bad) {
    assert.deepEqual(raw.records.find(([k]) => k === key)?.[1], value, `${key} stays as it was`);
  }
  await dev.close();
});

test('no console errors and no request off the page origin', () => {
  app.assertClean();
});
