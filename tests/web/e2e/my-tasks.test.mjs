// 我的任务 on an iPad-sized touch screen: the first paint says what is loading, own tasks come
// first with the committee's catch-all folded, role and status filters survive a reload through
// the hash, the tiles filter, the order changes, and the words are the table's.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, useApp } from '../tools/app.mjs';

const IPAD = { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ ...IPAD, open: false });
  page = dev.page;
});

const own = () => page.locator('.my-task-list-own li.my-task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
const hash = () => decodeURIComponent(new URL(page.url()).hash);
const tile = (name) => page.locator('.tiles button.tile', { hasText: name });

/** Waits until the own list shows exactly `ids` (in that order). */
async function ownIs(ids) {
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll('.my-task-list-own li.my-task')].map((e) => Number(e.dataset.task))) ===
      JSON.stringify(want),
    ids,
  );
}

/** Records a status on a task through its detail, at a given moment. */
async function setStatus(id, label, when, reason) {
  await dev.setClock(when);
  await dev.openTask(id);
  await dev.setStatus(label, { reason });
}

describe('first paint', () => {
  test('the served page names the app and says it is loading; the text goes once the app mounts', async () => {
    const html = await (await fetch(app.url)).text();
    assert.match(html, /<p class="boot-name">责任分工台账<\/p>/);
    assert.match(html, /正在加载…/);
    // Hold the WebAssembly back to see the first paint, then let it through.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.url);
    await page.locator('.boot').waitFor({ state: 'visible' });
    assert.match(await page.locator('.boot').innerText(), /责任分工台账[\s\S]*正在加载…/);
    release();
    await page.getByRole('heading', { name: '请选择您所在的单位' }).waitFor();
    assert.equal(await page.locator('.boot').isVisible(), false);
    assert.equal(await page.getByText('正在加载…').isVisible(), false);
    await page.unroute('**/*.wasm');
  });
});

describe('my tasks on a tablet', () => {
  before(async () => {
    // The clock is installed in documents loaded after it is set: load the app again.
    await dev.setClock('2023-06-01T09:00:00+08:00');
    await dev.reload();
    await dev.pickUnit(EDU);
    // A clerk's month: 34 blocked, 12 under way, then 11 under way last.
    await setStatus(34, '受阻', '2023-06-05T10:00:00+08:00', '等待区卫生健康局提供名单');
    await setStatus(12, '推进中', '2023-06-06T10:00:00+08:00');
    await setStatus(11, '推进中', '2023-06-07T10:00:00+08:00');
    await dev.open('#view=mine');
  });

  test('own tasks first, the catch-all folded under one heading with its count', async () => {
    assert.deepEqual((await own()).sort((a, b) => a - b), [10, 11, 12, 34, 50, 51, 56]);
    const folded = page.locator('details.member-tasks');
    assert.match(await folded.locator('summary').innerText(), /作为「区食药安委各成员单位」成员的任务（14 项）/);
    assert.equal(await folded.getAttribute('open'), null, 'folded');
    assert.equal(await folded.locator('li.my-task').first().isVisible(), false);
    await folded.locator('summary').tap();
    await folded.locator('li.my-task').first().waitFor({ state: 'visible' });
    await folded.locator('summary').tap();
    // One vocabulary, each role once: 配合 on 50, not 配合 · 配合 · 经由…; 协助 on 11.
    assert.equal(await page.locator('li.my-task[data-task="50"] .my-role').innerText(), '配合');
    assert.equal(await page.locator('li.my-task[data-task="11"] .my-role').innerText(), '协助');
    assert.match(await page.locator('li.my-task[data-task="55"] .my-role').textContent(), /^作为「区食药安委各成员单位」成员配合$/);
    assert.equal(await page.getByText('经由').count(), 0);
  });

  test('the role and status filters survive a reload through the hash', async () => {
    await page.locator('label.segment', { hasText: '负责' }).tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 4);
    assert.deepEqual((await own()).sort((a, b) => a - b), [10, 11, 12, 34]);
    assert.equal(await page.locator('details.member-tasks').count(), 0, 'no catch-all tasks as 负责');
    assert.match(hash(), /view=mine&role=lead/);

    await tile('推进中').tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 2);
    assert.deepEqual((await own()).sort((a, b) => a - b), [11, 12]);
    assert.equal(await tile('推进中').getAttribute('aria-pressed'), 'true');
    assert.equal(hash(), '#view=mine&role=lead&status=in_progress');
    assert.match(await page.locator('.my-tasks .result-count').innerText(), /显示 2 \/ 21 项任务/);

    await dev.reload();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 2);
    assert.deepEqual((await own()).sort((a, b) => a - b), [11, 12]);
    assert.equal(await page.locator('input[name="mine-role"][value="lead"]').isChecked(), true);
    assert.equal(await tile('推进中').getAttribute('aria-pressed'), 'true');

    // Tapping the tile again clears it.
    await tile('推进中').tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 4);
    assert.equal(hash(), '#view=mine&role=lead');
  });

  test('the tiles count what the role leaves, and a light tile filters', async () => {
    assert.match(await tile('受阻').innerText(), /受阻\s*1/);
    assert.match(await tile('推进中').innerText(), /推进中\s*2/);
    assert.match(await tile('未开始').innerText(), /未开始\s*1/);
    await tile('红灯').tap();
    await ownIs([34]);
    assert.match(hash(), /light=red/);
    await tile('红灯').tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 4);
    await tile('受阻').tap();
    await ownIs([34]);
    assert.match(await page.locator('li.my-task[data-task="34"]').innerText(), /受阻/);
    await tile('受阻').tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 4);
  });

  test('the order: urgency by default, then by number, then by the last record', async () => {
    const first = (await own())[0];
    assert.equal(first, 34, 'the blocked (red) task first');
    await page.locator('#mine-sort').selectOption('number');
    await ownIs([10, 11, 12, 34]);
    assert.match(hash(), /sort=number/);
    await page.locator('#mine-sort').selectOption('updated');
    await ownIs([11, 12, 34, 10]);
    assert.match(await page.locator('li.my-task[data-task="11"] .last-update').innerText(), /最近记录：2023年6月7日/);
    assert.match(await page.locator('li.my-task[data-task="10"] .last-update').innerText(), /最近记录：尚无记录/);
    await page.locator('#mine-sort').selectOption('urgency');
    await page.waitForFunction(() => !location.hash.includes('sort='));
  });

  test('search narrows the list and is kept in the hash', async () => {
    await page.locator('#mine-query').tap();
    await page.keyboard.type('营养');
    await ownIs([11]);
    assert.match(hash(), /q=营养/);
    await page.reload();
    await ownIs([11]);
    assert.equal(await page.locator('#mine-query').inputValue(), '营养');
    await page.getByRole('button', { name: '清除筛选' }).tap();
    await page.waitForFunction(() => document.querySelectorAll('.my-task-list-own li.my-task').length === 7);
    assert.equal(hash(), '');
  });

  test('no keyboard hint on a touch screen', async () => {
    await dev.openTask(11);
    assert.equal(await page.evaluate(() => matchMedia('(hover: hover) and (pointer: fine)').matches), false);
    assert.equal(await page.getByText('按 Ctrl+Enter 可直接保存').isVisible(), false);
  });

  test('a total, a range and a level read right', async () => {
    await dev.setClock('2023-11-30T10:00:00+08:00');
    await dev.openTask(11);
    const schools = await dev.recordFigure('nutrition-schools', 2, { date: '2023-11-30' });
    await schools.locator('.target-now', { hasText: '完成 100%' }).waitFor();
    assert.match(await schools.locator('.target-now').innerText(), /最新：2 所，完成 100%（截至 2023年11月30日） · 已达标/);
    assert.equal(await schools.getByRole('progressbar').getAttribute('aria-valuenow'), '100');
  });

  test('no console errors and nothing off the origin', () => {
    dev.assertClean();
  });
});

describe('on a desktop with a keyboard', () => {
  test('the Ctrl+Enter hint shows', async () => {
    const desk = await app.device({ unit: EDU, viewport: 'desktop' });
    const p = desk.page;
    await desk.openTask(11);
    assert.equal(await p.evaluate(() => matchMedia('(hover: hover) and (pointer: fine)').matches), true);
    assert.equal(await p.getByText('按 Ctrl+Enter 可直接保存').isVisible(), true);
    await desk.close();
  });
});
