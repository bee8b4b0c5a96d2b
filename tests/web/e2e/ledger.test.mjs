// The progress ledger in a real browser: choosing a unit, statuses, notes with history,
// figures against targets, reloads, damaged or full storage (IndexedDB, and the old
// localStorage layout it replaced), two tabs, and hostile note text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, launch, savedEvents, storedEvents, watch } from '../tools/browser.mjs';
import { OLD, dump, localEntries, putRaw, rawDump, setLocal } from '../tools/ledger-db.mjs';
import { startServer } from '../tools/static-server.mjs';

const PROFILE = 'duty-ledger:profile';
const EDU = '区教育局';

let server, browser;

before(async () => {
  server = await startServer({ root: DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context in China's time zone, with its console and requests watched. */
async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const seen = watch(context, server.origin);
  return { context, seen };
}

async function pickUnit(page, unit = EDU) {
  await page.goto(server.url);
  await page.getByRole('heading', { name: '请选择您所在的单位' }).waitFor();
  await page.getByRole('button', { name: unit, exact: true }).click();
  await page.locator('.my-tasks').waitFor();
}

const detail = (page) => page.locator('section.task-detail');

async function openTask(page, id) {
  await page.goto(`${server.url}#task=${id}`);
  await detail(page).waitFor();
  assert.equal(await detail(page).getAttribute('data-task'), String(id));
}

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
async function addNote(page, text) {
  await page.locator('#new-note').fill(text);
  await page.keyboard.press('Control+Enter');
  await page.locator('.note-list .note-text', { hasText: text }).first().waitFor();
}

describe('who am I', () => {
  test('the first open asks for the unit, remembers it and a device id', async () => {
    const { context, seen } = await newContext();
    const page = await context.newPage();
    await pickUnit(page);
    assert.match(await page.locator('#my-tasks-heading').textContent(), /区教育局的任务（21 项）/);
    const profile = JSON.parse(await stored(page, PROFILE));
    assert.equal(profile.unit, EDU);
    assert.match(profile.device, /^[0-9a-f]{16}$/);
    await page.reload();
    await page.locator('.my-tasks').waitFor();
    assert.equal(JSON.parse(await stored(page, PROFILE)).device, profile.device, 'created once');
    // The rest is one click away.
    await page.getByRole('link', { name: '全部任务' }).click();
    await page.waitForFunction(() => document.querySelectorAll('li.task').length === 58);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('my tasks are those the unit leads, assists, guides or cooperates on, red first', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await pickUnit(page, '园岭街道办事处');
    const ids = await page.locator('li.my-task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
    // Named through 各街道办事处 (19, 20) and the committee groups.
    assert.ok(ids.includes(19) && ids.includes(20) && ids.includes(1), ids.join());
    assert.ok(!ids.includes(5), 'task 5 names only the ecology bureau');
    const row19 = await page.locator('li.my-task[data-task="19"]').textContent();
    assert.match(row19, /作为「各街道办事处」之一牵头/);
    await context.close();
  });
});

describe('recording progress', () => {
  let context, page, seen;

  before(async () => {
    ({ context, seen } = await newContext());
    page = await context.newPage();
    await pickUnit(page);
    await openTask(page, 11);
  });

  after(() => context.close());

  test('each status can be set, and 受阻 needs a reason', async () => {
    for (const label of ['推进中', '已完成', '未开始']) {
      await detail(page).getByRole('button', { name: label, exact: true }).click();
      await page.waitForFunction(
        (l) => document.querySelector(`.status-buttons button[aria-pressed="true"]`)?.textContent.includes(l),
        label,
      );
    }
    await detail(page).getByRole('button', { name: '受阻', exact: true }).click();
    await page.getByRole('button', { name: '标记为受阻' }).click();
    // The browser's own `required` check keeps the empty reason from being sent.
    assert.equal(await page.locator('#blocked-reason').evaluate((e) => e.validity.valueMissing), true);
    await page.fill('#blocked-reason', '等待区卫生健康局提供课程资料');
    await page.getByRole('button', { name: '标记为受阻' }).click();
    await detail(page).locator('.status-reason', { hasText: '等待区卫生健康局提供课程资料' }).waitFor();
    const events = await savedEvents(page, 4);
    const statuses = events.filter((e) => e.change.kind === 'status').map((e) => e.change.status);
    assert.deepEqual(statuses.sort(), ['blocked', 'done', 'in_progress', 'not_started']);
    assert.ok(events.every((e) => e.unit === EDU && /\+08:00$/.test(e.at)));
    await detail(page).locator('.status-history summary').click();
    assert.equal(await detail(page).locator('.status-history li').count(), 4, 'every change is kept');
  });

  test('a note is added from the keyboard, edited, and deleted, with its history kept', async () => {
    await addNote(page, '已拟定营养与健康学校创建方案');
    const note = detail(page).locator('li.note').first();
    await note.getByRole('button', { name: '修改' }).click();
    await note.locator('textarea').fill('已印发营养与健康学校创建方案');
    await note.locator('textarea').press('Control+Enter');
    await detail(page).locator('.note-text', { hasText: '已印发营养与健康学校创建方案' }).waitFor();
    assert.equal(await detail(page).locator('.note-text', { hasText: '已拟定' }).count(), 0);
    await detail(page).locator('li.note').first().getByRole('button', { name: '删除' }).click();
    await detail(page).locator('.confirm-delete').getByRole('button', { name: '删除' }).click();
    await detail(page).locator('.deleted-notes').waitFor();
    assert.equal(await detail(page).locator('.note-list > li.note:not(.note-deleted)').count(), 0);
    await detail(page).locator('.deleted-notes > summary').click();
    await detail(page).locator('.deleted-notes .note-history > summary').click();
    const history = await detail(page).locator('.deleted-notes .note-history li').allTextContents();
    assert.equal(history.length, 3);
    assert.match(history[0], /已拟定/);
    assert.match(history[1], /已印发/);
    assert.match(history[2], /已删除/);
    const kinds = (await savedEvents(page, 7)).map((e) => e.change.kind);
    assert.deepEqual(kinds.filter((k) => k !== 'status').sort(), ['note', 'note', 'note_deleted']);
  });

  test('a figure is recorded against its target and shown as a bar with its percentage', async () => {
    const target = detail(page).locator('li.target[data-target="nutrition-schools"]');
    await target.locator('input[inputmode="decimal"]').fill('abc');
    await target.getByRole('button', { name: '填报' }).click();
    await target.locator('.field-error', { hasText: '请输入数字' }).waitFor();
    await target.locator('input[inputmode="decimal"]').fill('1');
    await target.locator('input[type="date"]').fill('2023-06-30');
    await target.getByRole('button', { name: '填报' }).click();
    await target.locator('.target-now', { hasText: '完成 100%' }).waitFor();
    assert.equal(await target.locator('[role="progressbar"]').getAttribute('aria-valuenow'), '100');
    assert.match(await target.locator('.target-now').textContent(), /1 所.*2023年6月30日.*已达标/);
    const figure = (await savedEvents(page, 8)).find((e) => e.change.kind === 'figure');
    assert.deepEqual(figure.change, { kind: 'figure', target: 'nutrition-schools', as_of: '2023-06-30', value: 1 });
  });

  test('after a reload everything is there exactly', async () => {
    await addNote(page, '组织营养健康教育活动');
    const before = await savedEvents(page, 9);
    await page.reload();
    await detail(page).waitFor();
    await detail(page).locator('.note-text', { hasText: '组织营养健康教育活动' }).waitFor();
    assert.match(await detail(page).locator('.status-now').textContent(), /受阻/);
    assert.match(await detail(page).locator('li.target[data-target="nutrition-schools"] .target-now').textContent(), /100%/);
    assert.deepEqual(await storedEvents(page), before, 'loading does not rewrite anything');
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.offOrigin, []);
  });
});

describe('storage that fails', () => {
  test('a corrupt document of the old layout is kept once, explained, and offered for download', async () => {
    const { context, seen } = await newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await pickUnit(page);
    const raw = '{"schema_version":1,"events":[{"id":"broken';
    await setLocal(page, { [OLD.ledger]: raw });
    await page.reload();
    const banner = page.locator('.load-notice');
    await banner.waitFor();
    assert.match(await banner.textContent(), /有 1 份无法读取的原始数据已原样保留.*存储与备份/);
    const kept = (await dump(page)).kept;
    assert.equal(kept.length, 1);
    assert.equal(kept[0].text, raw);
    assert.equal(kept[0].source, OLD.ledger);
    assert.deepEqual(await localEntries(page, OLD.ledger), {}, 'the old key goes once its text is kept');
    await page.goto(`${server.url}#view=exchange`);
    const item = page.locator('.storage-panel li.kept-item');
    await item.waitFor();
    assert.match(await item.textContent(), /来源 duty-ledger:ledger，发现于 .*，1 KB/);
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: '下载' }).click()]);
    assert.match(download.suggestedFilename(), /^责任分工台账-原始数据-[0-9a-f]{8}\.json$/);
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(await download.path(), 'utf8'), raw);
    // Working on goes on, and the kept copy stays, once.
    await openTask(page, 10);
    await addNote(page, '损坏之后的新记录');
    await savedEvents(page, 1);
    await page.reload();
    await detail(page).locator('.note-text', { hasText: '损坏之后的新记录' }).waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [raw]);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a document of the old layout written by a newer app is kept as it was', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await pickUnit(page);
    const newer = JSON.stringify({ schema_version: 99, events: [], photos: ['x'] });
    await setLocal(page, { [OLD.ledger]: newer });
    await page.reload();
    await page.locator('.load-notice').waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [newer]);
    await page.reload();
    await page.locator('.load-notice').waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [newer], 'kept once, not again at reload');
    await context.close();
  });

  test('a stored record this version cannot read is counted, left in place and never overwritten', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await pickUnit(page);
    const id = 'fffffffffffff001';
    const future = JSON.stringify({ id, task: 10, unit: EDU, device: 'd0d0d0d0d0d0d0d0', at: '2023-05-01T09:00:00.000+08:00', change: { kind: 'photo', url: 'x' } });
    await putRaw(page, 'records', [[id, future]]);
    await page.reload();
    const notice = page.locator('.unreadable-records');
    await notice.waitFor();
    assert.match(await notice.textContent(), /本机有 1 条记录本版本无法读取/);
    await openTask(page, 10);
    await addNote(page, '与新版本记录并存');
    await savedEvents(page, 2);
    await page.reload();
    await detail(page).locator('.note-text', { hasText: '与新版本记录并存' }).waitFor();
    const raw = (await rawDump(page)).records;
    assert.equal(raw.find(([k]) => k === id)[1], future);
    await context.close();
  });

  test('when the quota is exhausted the error shows, the records wait in the page, and a retry writes them', async () => {
    // Chromium enforces a quota set through the DevTools protocol on IndexedDB commits, against
    // the room it finds when the site first writes: so the quota is set before the app opens,
    // and no service worker takes room for its cache. (A full device after records were stored:
    // see storage.test.mjs, the import under a limited quota.)
    const { context } = await newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 1 });
    await pickUnit(page);
    await openTask(page, 12);
    await addNote(page, '存储已满时写下的记录');
    await page.locator('.save-error').waitFor();
    assert.match(await page.locator('.save-error').textContent(), /保存失败：存储空间已满。 ?1 条新记录仍保留在当前页面中/);
    await addNote(page, '存储已满时的第二条记录');
    await page.locator('.save-error', { hasText: '2 条新记录仍保留在当前页面中' }).waitFor();
    assert.match(await page.locator('.storage-meter').textContent(), /有未保存的更改/);
    assert.deepEqual(await storedEvents(page), [], 'nothing is written in part');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin });
    await page.getByRole('button', { name: '重试保存' }).click();
    await page.locator('.save-error').waitFor({ state: 'detached' });
    await savedEvents(page, 2);
    await page.reload();
    await detail(page).locator('.note-text', { hasText: '存储已满时写下的记录' }).waitFor();
    await detail(page).locator('.note-text', { hasText: '存储已满时的第二条记录' }).waitFor();
    assert.equal(await page.locator('.save-error').count(), 0);
    await context.close();
  });
});

test('two pages editing the same task keep both edits', async () => {
  const { context, seen } = await newContext();
  const a = await context.newPage();
  await pickUnit(a);
  const b = await context.newPage();
  await openTask(a, 34);
  await openTask(b, 34);
  // Both write before either can have heard of the other's save.
  await Promise.all([addNote(a, '甲页记录'), addNote(b, '乙页记录')]);
  for (const page of [a, b]) {
    await detail(page).locator('.note-text', { hasText: '甲页记录' }).waitFor();
    await detail(page).locator('.note-text', { hasText: '乙页记录' }).waitFor();
  }
  await a.getByRole('button', { name: '推进中', exact: true }).click();
  await b.waitForFunction(() =>
    document.querySelector('.status-buttons button[aria-pressed="true"]')?.textContent.includes('推进中'),
  );
  const texts = (await savedEvents(a, 3)).filter((e) => e.change.kind === 'note').map((e) => e.change.text);
  assert.deepEqual(texts.sort(), ['乙页记录', '甲页记录']);
  await a.reload();
  await detail(a).locator('.note-text', { hasText: '乙页记录' }).waitFor();
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('note text is shown as text and never runs', async () => {
  const { context, seen } = await newContext();
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await pickUnit(page);
  await openTask(page, 10);
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await addNote(page, hostile);
  await page.reload();
  const text = detail(page).locator('.note-text').first();
  await text.waitFor();
  assert.equal(await text.textContent(), hostile);
  assert.equal(await detail(page).locator('.note-list img, .note-list script').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  assert.deepEqual(seen.offOrigin.filter((u) => !u.startsWith(server.origin)), []);
  await context.close();
});

describe('lights with a fixed date', () => {
  test('two weeks before 8 November open tasks are yellow; after the year they are red', async () => {
    const { context } = await newContext();
    await context.clock.setFixedTime(new Date('2023-10-30T10:00:00+08:00'));
    const page = await context.newPage();
    await pickUnit(page);
    assert.equal(await page.locator('.plan-over').count(), 0);
    assert.match(await page.locator('li.my-task[data-task="10"] .light').textContent(), /黄灯.*9 天内到期/);
    await openTask(page, 10);
    await detail(page).getByRole('button', { name: '已完成', exact: true }).click();
    await page.goto(`${server.url}#view=mine`);
    await page.locator('li.my-task[data-task="10"] .light-green').waitFor();
    await context.close();

    const later = await newContext();
    const p2 = await later.context.newPage();
    await pickUnit(p2);
    await p2.locator('.plan-over').waitFor();
    assert.match(await p2.locator('.plan-over').textContent(), /2023 年度计划.*已于 2023年12月31日 结束/);
    assert.match(await p2.locator('li.my-task[data-task="10"] .light').textContent(), /红灯.*已逾期/);
    await later.context.close();
  });
});
