// axe-core on every screen: no serious or critical violation (WCAG 2.1 A and AA rules), in
// both the first-open state and with real data recorded.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { EDU, useApp } from '../tools/app.mjs';

const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ viewport: { width: 1024, height: 768 }, open: false });
  page = dev.page;
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
  await dev.open();
  await page.getByRole('heading', { name: '请选择您所在的单位' }).waitFor();
  await audit('unit picker');
});

test('my tasks', async () => {
  await dev.pickUnit(EDU);
  await page.locator('li.my-task').first().waitFor();
  await audit('my tasks');
});

test('a task with its status, notes, history and targets', async () => {
  const detail = await dev.openTask(11);
  await dev.setStatus('受阻', { reason: '等待资料' });
  await dev.addNote('第一条记录');
  await detail.locator('li.note').first().getByRole('button', { name: '修改' }).click();
  await detail.locator('li.note textarea').fill('修改后的记录');
  await detail.locator('li.note textarea').press('Control+Enter');
  await detail.locator('.note-history').first().waitFor();
  for (const summary of await detail.locator('details > summary').all()) await summary.click();
  await audit('task detail');
});

test('the filtered table of all tasks', async () => {
  await dev.open(`#unit=${encodeURIComponent(EDU)}&role=lead`);
  await page.locator('li.task').first().waitFor();
  await audit('all tasks, filtered');
});

test('the consolidated matrix', async () => {
  await dev.open('#view=matrix', { ready: 'table.matrix' });
  await audit('matrix');
});

test('data exchange with a file previewed and one refused', async () => {
  await dev.importFiles([{ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{oops') }]);
  await audit('exchange');
});

test('a link problem and the plan-over notice', async () => {
  await dev.open(`#unit=${encodeURIComponent('某局')}`, { ready: '.notice-warning' });
  await audit('notices');
  assert.deepEqual(dev.seen.errors, []);
});
