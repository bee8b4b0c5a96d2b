// The progress ledger in a real browser: choosing a unit, statuses, notes with history,
// figures against targets, reloads, damaged or full storage (IndexedDB, and the old
// localStorage layout it replaced), two tabs, and hostile note text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { EDU, savedEvents, storedEvents, useApp } from '../tools/app.mjs';
import { OLD, PROFILE, dump, localEntries, putRaw, rawDump, setLocal } from '../tools/ledger-db.mjs';

const app = useApp();

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

describe('who am I', () => {
  test('the first open asks for the unit, remembers it and a device id', async () => {
    const dev = await app.device();
    const { page } = dev;
    await page.getByRole('heading', { name: '请选择您所在的单位' }).waitFor();
    await dev.pickUnit(EDU);
    assert.match(await page.locator('#my-tasks-heading').textContent(), /区教育局的任务（21 项）/);
    const profile = JSON.parse(await stored(page, PROFILE));
    assert.equal(profile.unit, EDU);
    assert.match(profile.device, /^[0-9a-f]{16}$/);
    await dev.reload();
    await page.locator('.my-tasks').waitFor();
    assert.equal(JSON.parse(await stored(page, PROFILE)).device, profile.device, 'created once');
    // The rest is one click away.
    await page.getByRole('link', { name: '全部任务' }).click();
    await page.waitForFunction(() => document.querySelectorAll('li.task').length === 58);
    assert.deepEqual(dev.seen.errors, []);
    await dev.close();
  });

  test('my tasks are those the unit leads, assists, guides or cooperates on, red first', async () => {
    const dev = await app.device({ unit: '园岭街道办事处' });
    const { page } = dev;
    const ids = await page.locator('li.my-task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
    // Named through 各街道办事处 (19, 20) and the committee groups.
    assert.ok(ids.includes(19) && ids.includes(20) && ids.includes(1), ids.join());
    assert.ok(!ids.includes(5), 'task 5 names only the ecology bureau');
    const row19 = await page.locator('li.my-task[data-task="19"]').textContent();
    assert.match(row19, /作为「各街道办事处」之一牵头/);
    await dev.close();
  });
});

describe('recording progress', () => {
  let dev, page;

  before(async () => {
    dev = await app.device({ unit: EDU });
    page = dev.page;
    await dev.openTask(11);
  });

  after(() => dev.close());

  test('each status can be set, and 受阻 needs a reason', async () => {
    for (const label of ['推进中', '已完成', '未开始']) await dev.setStatus(label);
    await dev.setStatus('受阻');
    await page.getByRole('button', { name: '标记为受阻' }).click();
    // The browser's own `required` check keeps the empty reason from being sent.
    assert.equal(await page.locator('#blocked-reason').evaluate((e) => e.validity.valueMissing), true);
    await dev.setStatus('受阻', { reason: '等待区卫生健康局提供课程资料' });
    const events = await savedEvents(page, 4);
    const statuses = events.filter((e) => e.change.kind === 'status').map((e) => e.change.status);
    assert.deepEqual(statuses.sort(), ['blocked', 'done', 'in_progress', 'not_started']);
    assert.ok(events.every((e) => e.unit === EDU && /\+08:00$/.test(e.at)));
    await dev.detail().locator('.status-history summary').click();
    assert.equal(await dev.detail().locator('.status-history li').count(), 4, 'every change is kept');
  });

  test('a note is added from the keyboard, edited, and deleted, with its history kept', async () => {
    await dev.addNote('已拟定营养与健康学校创建方案', { via: 'keys' });
    const detail = dev.detail();
    const note = detail.locator('li.note').first();
    await note.getByRole('button', { name: '修改' }).click();
    await note.locator('textarea').fill('已印发营养与健康学校创建方案');
    await note.locator('textarea').press('Control+Enter');
    await dev.noteText('已印发营养与健康学校创建方案').waitFor();
    assert.equal(await dev.noteText('已拟定').count(), 0);
    await detail.locator('li.note').first().getByRole('button', { name: '删除' }).click();
    await detail.locator('.confirm-delete').getByRole('button', { name: '删除' }).click();
    await detail.locator('.deleted-notes').waitFor();
    assert.equal(await detail.locator('.note-list > li.note:not(.note-deleted)').count(), 0);
    await detail.locator('.deleted-notes > summary').click();
    await detail.locator('.deleted-notes .note-history > summary').click();
    const history = await detail.locator('.deleted-notes .note-history li').allTextContents();
    assert.equal(history.length, 3);
    assert.match(history[0], /已拟定/);
    assert.match(history[1], /已印发/);
    assert.match(history[2], /已删除/);
    const kinds = (await savedEvents(page, 7)).map((e) => e.change.kind);
    assert.deepEqual(kinds.filter((k) => k !== 'status').sort(), ['note', 'note', 'note_deleted']);
  });

  test('a figure is recorded against its target and shown as a bar with its percentage', async () => {
    const target = await dev.recordFigure('nutrition-schools', 'abc', { refused: true });
    await target.locator('.field-error', { hasText: '请输入数字' }).waitFor();
    await dev.recordFigure('nutrition-schools', 1, { date: '2023-06-30' });
    await target.locator('.target-now', { hasText: '完成 100%' }).waitFor();
    assert.equal(await target.locator('[role="progressbar"]').getAttribute('aria-valuenow'), '100');
    assert.match(await target.locator('.target-now').textContent(), /1 所.*2023年6月30日.*已达标/);
    const figure = (await savedEvents(page, 8)).find((e) => e.change.kind === 'figure');
    assert.deepEqual(figure.change, { kind: 'figure', target: 'nutrition-schools', as_of: '2023-06-30', value: 1 });
  });

  test('after a reload everything is there exactly', async () => {
    await dev.addNote('组织营养健康教育活动');
    const before = await savedEvents(page, 9);
    await dev.reload();
    await dev.noteText('组织营养健康教育活动').waitFor();
    assert.match(await dev.detail().locator('.status-now').textContent(), /受阻/);
    assert.match(await dev.detail().locator('li.target[data-target="nutrition-schools"] .target-now').textContent(), /100%/);
    assert.deepEqual(await storedEvents(page), before, 'loading does not rewrite anything');
    dev.assertClean();
  });
});

describe('storage that fails', () => {
  test('a corrupt document of the old layout is kept once, explained, and offered for download', async () => {
    const dev = await app.device({ unit: EDU });
    const { page } = dev;
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
    await dev.open('#view=exchange');
    const item = page.locator('.storage-panel li.kept-item');
    await item.waitFor();
    assert.match(await item.textContent(), /来源 duty-ledger:ledger，发现于 .*，1 KB/);
    const download = await dev.download(item.getByRole('button', { name: '下载' }));
    assert.match(download.name, /^责任分工台账-原始数据-[0-9a-f]{8}\.json$/);
    assert.equal(await readFile(download.path, 'utf8'), raw);
    // Working on goes on, and the kept copy stays, once.
    await dev.openTask(10);
    await dev.addNote('损坏之后的新记录');
    await savedEvents(page, 1);
    await dev.reload();
    await dev.noteText('损坏之后的新记录').waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [raw]);
    assert.deepEqual(dev.seen.errors, []);
    await dev.close();
  });

  test('a document of the old layout written by a newer app is kept as it was', async () => {
    const dev = await app.device({ unit: EDU });
    const { page } = dev;
    const newer = JSON.stringify({ schema_version: 99, events: [], photos: ['x'] });
    await setLocal(page, { [OLD.ledger]: newer });
    await page.reload();
    await page.locator('.load-notice').waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [newer]);
    await page.reload();
    await page.locator('.load-notice').waitFor();
    assert.deepEqual((await dump(page)).kept.map((k) => k.text), [newer], 'kept once, not again at reload');
    await dev.close();
  });

  test('a stored record this version cannot read is counted, left in place and never overwritten', async () => {
    const dev = await app.device({ unit: EDU });
    const { page } = dev;
    const id = 'fffffffffffff001';
    const future = JSON.stringify({ id, task: 10, unit: EDU, device: 'd0d0d0d0d0d0d0d0', at: '2023-05-01T09:00:00.000+08:00', change: { kind: 'photo', url: 'x' } });
    await putRaw(page, 'records', [[id, future]]);
    await page.reload();
    const notice = page.locator('.unreadable-records');
    await notice.waitFor();
    assert.match(await notice.textContent(), /本机有 1 条记录本版本无法读取/);
    await dev.openTask(10);
    await dev.addNote('与新版本记录并存');
    await savedEvents(page, 2);
    await dev.reload();
    await dev.noteText('与新版本记录并存').waitFor();
    const raw = (await rawDump(page)).records;
    assert.equal(raw.find(([k]) => k === id)[1], future);
    await dev.close();
  });

  test('when the quota is exhausted the error shows, the records wait in the page, and a retry writes them', async () => {
    // Chromium enforces a quota set through the DevTools protocol on IndexedDB commits, against
    // the room it finds when the site first writes: so the quota is set before the app opens,
    // and no service worker takes room for its cache (`quota` does both). (A full device after
    // records were stored: see storage.test.mjs, the import under a limited quota.)
    const dev = await app.device({ unit: EDU, quota: 1 });
    const { page } = dev;
    await dev.openTask(12);
    await dev.addNote('存储已满时写下的记录');
    await page.locator('.save-error').waitFor();
    assert.match(await page.locator('.save-error').textContent(), /保存失败：存储空间已满。 ?1 条新记录仍保留在当前页面中/);
    await dev.addNote('存储已满时的第二条记录');
    await page.locator('.save-error', { hasText: '2 条新记录仍保留在当前页面中' }).waitFor();
    assert.match(await page.locator('.storage-meter').textContent(), /有未保存的更改/);
    assert.deepEqual(await storedEvents(page), [], 'nothing is written in part');
    await dev.setQuota(undefined);
    await page.getByRole('button', { name: '重试保存' }).click();
    await page.locator('.save-error').waitFor({ state: 'detached' });
    await savedEvents(page, 2);
    await dev.reload();
    await dev.noteText('存储已满时写下的记录').waitFor();
    await dev.noteText('存储已满时的第二条记录').waitFor();
    assert.equal(await page.locator('.save-error').count(), 0);
    await dev.close();
  });
});

test('two pages editing the same task keep both edits', async () => {
  const dev = await app.device({ unit: EDU });
  const a = dev;
  const b = await dev.newTab();
  await a.openTask(34);
  await b.openTask(34);
  // Both write before either can have heard of the other's save.
  await Promise.all([a.addNote('甲页记录'), b.addNote('乙页记录')]);
  for (const tab of [a, b]) {
    await tab.noteText('甲页记录').waitFor();
    await tab.noteText('乙页记录').waitFor();
  }
  await a.setStatus('推进中');
  await b.page.waitForFunction(() =>
    document.querySelector('.status-buttons button[aria-pressed="true"]')?.textContent.includes('推进中'),
  );
  const texts = (await savedEvents(a.page, 3)).filter((e) => e.change.kind === 'note').map((e) => e.change.text);
  assert.deepEqual(texts.sort(), ['乙页记录', '甲页记录']);
  await a.reload();
  await a.noteText('乙页记录').waitFor();
  assert.deepEqual(dev.seen.errors, []);
  await dev.close();
});

test('note text is shown as text and never runs', async () => {
  const dev = await app.device({ open: false });
  const { page } = dev;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await dev.pickUnit(EDU);
  await dev.openTask(10);
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await dev.addNote(hostile);
  await dev.reload();
  const text = dev.detail().locator('.note-text').first();
  await text.waitFor();
  assert.equal(await text.textContent(), hostile);
  assert.equal(await dev.detail().locator('.note-list img, .note-list script').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  assert.deepEqual(dev.seen.offOrigin, []);
  await dev.close();
});

describe('lights with a fixed date', () => {
  test('two weeks before 8 November begun tasks are yellow, untouched ones red; after the year, the final state', async () => {
    const dev = await app.device({ unit: EDU, clockAt: '2023-10-30T10:00:00+08:00' });
    const { page } = dev;
    assert.equal(await page.locator('.plan-over').count(), 0);
    assert.match(await page.locator('li.my-task[data-task="10"] .light').textContent(), /红灯.*尚未开始/);
    await dev.openTask(10);
    await dev.setStatus('推进中');
    await dev.open('#view=mine');
    assert.match(await page.locator('li.my-task[data-task="10"] .light').textContent(), /黄灯.*9 天内到期/);
    await dev.openTask(10);
    await dev.setStatus('已完成');
    await dev.open('#view=mine');
    await page.locator('li.my-task[data-task="10"] .light-green').waitFor();
    await dev.close();

    const later = await app.device({ unit: EDU });
    await later.page.locator('.plan-over').waitFor();
    assert.match(await later.page.locator('.plan-over').textContent(), /2023 年度计划.*已于 2023年12月31日 结束/);
    assert.match(await later.page.locator('li.my-task[data-task="10"] .light').textContent(), /年度已结束.*年度结束时未完成（未开始）/);
    assert.equal(await later.page.locator('li.my-task .light-red').count(), 0, 'no wall of red');
    await later.close();
  });
});
