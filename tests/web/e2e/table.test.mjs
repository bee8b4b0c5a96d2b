// The walking skeleton in a real browser: the whole table, filters, shareable links, search,
// small screens, and a page that stays on its own origin without console errors.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EDU as EDUCATION, ROOT, useApp } from '../tools/app.mjs';

const squash = (s) => s.replace(/\s+/g, '');

const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ hash: '#view=all' });
  page = dev.page;
  await page.locator('li.task').first().waitFor();
});

const shownTasks = () => page.locator('li.task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
const shownPrinted = () =>
  page.locator('li.task .task-number').evaluateAll((els) => els.map((e) => e.textContent.replace(/\D/g, '')));

describe('the whole table', () => {
  test('all 58 tasks render with their measure text from the seed', async () => {
    const seed = squash(
      (await readFile(resolve(ROOT, 'seeds/futian-2023-food-safety-duties.txt'), 'utf8')).replace('[bookmark: _GoBack]', ''),
    );
    assert.deepEqual(await shownTasks(), Array.from({ length: 58 }, (_, i) => i + 1));
    const measures = await page.locator('li.task .measure').allTextContents();
    assert.equal(measures.length, 58);
    let from = 0;
    for (const [i, m] of measures.entries()) {
      const at = seed.indexOf(squash(m), from);
      assert.ok(m.length > 10 && at >= 0, `task ${i + 1} text is not the seed's: ${m}`);
      from = at + squash(m).length;
    }
    await assert.doesNotReject(page.getByText('区卫生健康局牵头', { exact: false }).count());
    assert.equal(await page.getByText('bookmark').count(), 0);
  });

  test('nine area headings with their counts', async () => {
    const headings = await page.locator('section.area h3').allTextContents();
    assert.equal(headings.length, 9);
    assert.match(headings[0], /一、完善食品安全监管体制\s*4 项/);
    assert.match(headings[2], /三、严格食品重点领域监管\s*12 项/);
    assert.match(headings[8], /九、加强组织实施\s*2 项/);
  });

  test('the second printed 48 is marked as a repeated number', async () => {
    const second = page.locator('li.task[data-task="52"]');
    assert.match(await second.locator('.task-number').textContent(), /48/);
    assert.match(await second.locator('.badge-repeated').textContent(), /重复编号.*52/);
    assert.equal(await page.locator('li.task[data-task="48"] .badge-repeated').count(), 0);
  });

  test('roles are shown with the units', async () => {
    const row11 = page.locator('li.task[data-task="11"]');
    const chips = await row11.locator('.unit-chip').allTextContents();
    assert.deepEqual(chips.map(squash), [
      '区卫生健康局牵头',
      '区教育局协助',
      '市市场监管局福田监管局协助',
      '区食药安委各成员单位',
    ]);
  });
});

describe('filters and links', () => {
  test('区教育局 as 负责 shows exactly its tasks, with a summary', async () => {
    await page.selectOption('#filter-unit', EDUCATION);
    await page.getByRole('radio', { name: '负责', exact: true }).check();
    assert.deepEqual(await shownTasks(), [10, 11, 12, 34, 57]);
    assert.deepEqual(await shownPrinted(), ['10', '11', '12', '34', '56']);
    assert.match(await page.locator('.result-count').textContent(), /显示 5 \/ 58 项任务/);
    const via = await page.locator('li.task[data-task="57"] .involvement').textContent();
    assert.match(via, /作为「区食药安委各有关成员单位」成员负责/);
    const summary = await page.locator('.unit-summary').textContent();
    assert.match(summary, /区教育局 的任务/);
    const leadRow = await page.locator('.unit-summary tr[data-role="lead"] td').allTextContents();
    assert.deepEqual(leadRow, ['3', '1']);
  });

  test('the hash holds the filter, and a shared link opens the same view', async () => {
    const hash = new URL(page.url()).hash;
    assert.equal(hash, `#unit=${encodeURIComponent(EDUCATION)}&role=lead`);
    const tab = await dev.newTab();
    await tab.open(hash);
    const other = tab.page;
    await other.locator('li.task').first().waitFor();
    assert.deepEqual(
      await other.locator('li.task').evaluateAll((els) => els.map((e) => Number(e.dataset.task))),
      [10, 11, 12, 34, 57],
    );
    assert.equal(await other.locator('#filter-unit').inputValue(), EDUCATION);
    assert.equal(await other.locator('input[name="role"][value="lead"]').isChecked(), true);
    await other.close();
  });

  test('search narrows the list, and Back restores the view before it', async () => {
    await page.getByRole('button', { name: '清除筛选' }).click();
    assert.equal((await shownTasks()).length, 58);
    await page.fill('#filter-query', '校园');
    const shown = await shownTasks();
    assert.ok(shown.length > 0 && shown.length < 58, `search shows ${shown.length}`);
    for (const text of await page.locator('li.task').allTextContents()) assert.ok(text.includes('校园'));
    assert.match(new URL(page.url()).hash, /q=%E6%A0%A1%E5%9B%AD/);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('li.task').length === 58);
    assert.equal(await page.locator('#filter-query').inputValue(), '');
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('li.task').length === 5);
    assert.equal(await page.locator('#filter-unit').inputValue(), EDUCATION);
  });

  test('area and unit combine; the empty result says so', async () => {
    await page.goto(`${app.url}#area=9&q=${encodeURIComponent('不存在的词')}`);
    await page.locator('.empty').waitFor();
    assert.equal(await page.locator('li.task').count(), 0);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.selectOption('#filter-area', '9');
    assert.deepEqual(await shownTasks(), [57, 58]);
  });

  test('a link naming an unknown unit says what was ignored', async () => {
    await page.goto(`${app.url}#unit=${encodeURIComponent('某某局')}&area=2`);
    await page.locator('.notice-warning').waitFor();
    assert.match(await page.locator('.notice-warning').textContent(), /某某局.*不在单位名单中/);
    assert.deepEqual(await shownTasks(), [5, 6, 7, 8, 9]);
  });
});

describe('screens and input', () => {
  for (const width of [360, 768, 1024, 1280]) {
    test(`no sideways scrolling and 44 px targets at ${width} px`, async () => {
      const tab = await dev.newTab();
      await tab.page.setViewportSize({ width, height: 800 });
      await tab.open(`#unit=${encodeURIComponent(EDUCATION)}`);
      await tab.page.locator('li.task').first().waitFor();
      const overflow = await tab.overflowX();
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      assert.deepEqual(await tab.smallTargets(), []);
      await tab.page.close();
    });
  }

  test('filters work from the keyboard alone', async () => {
    const tab = await dev.newTab();
    await tab.open('#view=all');
    const p = tab.page;
    await p.locator('li.task').first().waitFor();
    // Past the skip link and the header's links and buttons to the first filter.
    for (let i = 0; i < 20 && (await p.evaluate(() => document.activeElement.id)) !== 'filter-unit'; i++) {
      await p.keyboard.press('Tab');
    }
    assert.equal(await p.evaluate(() => document.activeElement.id), 'filter-unit');
    // The role choice is disabled until a unit is chosen, so focus moves on to the area.
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'filter-area');
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'filter-query');
    await p.keyboard.type('HACCP');
    await p.waitForFunction(() => document.querySelectorAll('li.task').length === 1);
    await p.close();
  });
});

test('no console errors and no request off the page origin', async () => {
  dev.assertClean();
});
