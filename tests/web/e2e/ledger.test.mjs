// The progress ledger in a real browser: choosing a unit, statuses, notes with history,
// figures against targets, reloads, damaged or full storage, two tabs, and hostile note text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, launch, savedEvents, storedEvents, watch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const LEDGER = 'duty-ledger:ledger';
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
  test('a corrupt stored document is kept as a backup, explained, and offered for download', async () => {
    const { context } = await newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await pickUnit(page);
    const raw = '{"schema_version":1,"events":[{"id":"broken';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [LEDGER, raw]);
    await page.reload();
    const banner = page.locator('.load-notice');
    await banner.waitFor();
    assert.match(await banner.textContent(), /无法读取.*原样备份/);
    const backups = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('duty-ledger:backup:duty-ledger:ledger:')),
    );
    assert.equal(backups.length, 1);
    assert.equal(await stored(page, backups[0]), raw);
    const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: '下载原始数据' }).click()]);
    assert.match(download.suggestedFilename(), /^责任分工台账-原始数据-ledger-\d{4}-\d{2}-\d{2}\.json$/);
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(await download.path(), 'utf8'), raw);
    // Working on goes on, and the backup stays.
    await openTask(page, 10);
    await addNote(page, '损坏之后的新记录');
    await savedEvents(page, 1);
    assert.equal(await stored(page, backups[0]), raw);
    await context.close();
  });

  test('a document from a newer app is not overwritten', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await pickUnit(page);
    const newer = JSON.stringify({ schema_version: 99, events: [], photos: ['x'] });
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [LEDGER, newer]);
    await page.reload();
    await page.locator('.load-notice', { hasText: '更新版本' }).waitFor();
    const backup = await page.evaluate(() =>
      Object.keys(localStorage).find((k) => k.startsWith('duty-ledger:backup:duty-ledger:ledger:')),
    );
    assert.equal(await stored(page, backup), newer);
    await context.close();
  });

  test('when storage is full the error shows, nothing stored is lost, and the next save catches up', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await pickUnit(page);
    await openTask(page, 12);
    await addNote(page, '存储已满之前的记录');
    const before = await savedEvents(page, 1);
    // Fill localStorage with junk until a write fails.
    const junkKeys = await page.evaluate(() => {
      // Same-size chunks until one fails, then half the size, down to a single character.
      const keys = [];
      for (let size = 256 * 1024, i = 0; size >= 1; i++) {
        try {
          localStorage.setItem(`junk-${i}`, 'x'.repeat(size));
          keys.push(`junk-${i}`);
        } catch {
          size = Math.floor(size / 2);
        }
      }
      return keys;
    });
    assert.ok(junkKeys.length > 5);
    await addNote(page, '存储已满时写下的记录');
    await page.locator('.save-error').waitFor();
    assert.match(await page.locator('.save-error').textContent(), /存储已满/);
    // The meter warns from 80 % of the usual 5 MB.
    assert.match(await page.locator('.storage-warning').textContent(), /浏览器存储已用 \d+%/);
    assert.deepEqual(await storedEvents(page), before, 'the stored ledger is untouched');
    assert.equal(await detail(page).locator('.note-text', { hasText: '存储已满时写下的记录' }).count(), 1);
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), junkKeys);
    await page.getByRole('button', { name: '重试保存' }).click();
    await page.locator('.save-error').waitFor({ state: 'detached' });
    await page.locator('.storage-warning').waitFor({ state: 'detached' });
    await page.reload();
    await detail(page).locator('.note-text', { hasText: '存储已满时写下的记录' }).waitFor();
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
