// axe-core on every screen: no serious or critical violation (WCAG 2.1 A and AA rules), in
// both the first-open state and with real data recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { DIST, launch, watch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

let server, browser, context, page, seen;

before(async () => {
  server = await startServer({ root: DIST });
  browser = await launch();
  context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 768 } });
  seen = watch(context, server.origin);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function audit(name) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
    [],
    `${name}: ${bad.length} serious or critical violations`,
  );
  assert.ok(results.passes.length > 10, `${name}: axe ran`);
}

test('the unit picker on first open', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: '请选择您所在的单位' }).waitFor();
  await audit('unit picker');
});

test('my tasks', async () => {
  await page.getByRole('button', { name: '区教育局', exact: true }).click();
  await page.locator('li.my-task').first().waitFor();
  await audit('my tasks');
});

test('a task with its status, notes, history and targets', async () => {
  await page.goto(`${server.url}#task=11`);
  const detail = page.locator('section.task-detail');
  await detail.waitFor();
  await detail.getByRole('button', { name: '受阻', exact: true }).click();
  await page.fill('#blocked-reason', '等待资料');
  await page.getByRole('button', { name: '标记为受阻' }).click();
  await page.fill('#new-note', '第一条记录');
  await page.keyboard.press('Control+Enter');
  await detail.locator('.note-text').first().waitFor();
  await detail.locator('li.note').first().getByRole('button', { name: '修改' }).click();
  await detail.locator('li.note textarea').fill('修改后的记录');
  await detail.locator('li.note textarea').press('Control+Enter');
  await detail.locator('.note-history').first().waitFor();
  for (const summary of await detail.locator('details > summary').all()) await summary.click();
  await audit('task detail');
});

test('the filtered table of all tasks', async () => {
  await page.goto(`${server.url}#unit=${encodeURIComponent('区教育局')}&role=lead`);
  await page.locator('li.task').first().waitFor();
  await audit('all tasks, filtered');
});

test('the consolidated matrix', async () => {
  await page.goto(`${server.url}#view=matrix`);
  await page.locator('table.matrix').waitFor();
  await audit('matrix');
});

test('data exchange with a file previewed and one refused', async () => {
  await page.goto(`${server.url}#view=exchange`);
  await page.locator('.import-dialog input[type="file"]').setInputFiles([
    { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{oops') },
  ]);
  await page.locator('.import-files li').waitFor();
  await audit('exchange');
});

test('a link problem and the plan-over notice', async () => {
  await page.goto(`${server.url}#unit=${encodeURIComponent('某局')}`);
  await page.locator('.notice-warning').waitFor();
  await audit('notices');
  assert.deepEqual(seen.errors, []);
});
