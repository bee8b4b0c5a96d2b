// Any year's table: the office imports a 2026 plan file (60 tasks, a tenth area, a renamed
// bureau), the device switches to it, units work on it (my tasks, a note, export), the office
// imports their files (matrix, report), the 2023 records stay with the 2023 plan, and a
// progress file for a plan the device is not using is refused, naming that plan.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { EDU, OFFICE, PLAN_2023, PLAN_2026, readCsv, readXlsx, schemaValidator, useApp } from '../tools/app.mjs';

const HEALTH_2026 = '区卫生健康委员会';

const app = useApp();

/** Loads the 2026 plan file on the plans screen and switches to it; checks its preview. */
async function loadPlan2026(dev) {
  const { id, preview } = await dev.loadPlan2026();
  assert.equal(id, PLAN_2026.id);
  assert.match(preview, /2026年 · 10 个方面 · 60 项任务/);
  assert.match(preview, /十、推进校园食品安全数字化（2）/);
  // Issued by the office's device: trusted once, after comparing the fingerprint (and the plan
  // cannot be saved before: `loadPlan` checks).
  assert.match(preview, /由区食药安办的设备签发，指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
}

describe('a 2026 table', () => {
  let eduFile;

  test('the plan file passes an independent JSON Schema validator', async () => {
    const validate = await schemaValidator('duty-ledger-plan.schema.json');
    const plan = JSON.parse(await readFile(PLAN_2026.file, 'utf8'));
    assert.ok(validate(plan), JSON.stringify(validate.errors));
    const served = await (await fetch(`${app.url}duty-ledger-plan.schema.json`)).json();
    assert.deepEqual(served, validate.schema);
  });

  test('a unit keeps its 2023 records apart and works on the 2026 plan', async () => {
    const edu = await app.device();
    const { page } = edu;
    await edu.pickUnit(EDU);
    await edu.openTask(10);
    await edu.addNote('2023年：校园食品安全专题会');

    await loadPlan2026(edu);
    assert.match(await page.locator('.plan-title').textContent(), /福田区2026年食品安全重点工作安排责任分工表/);
    // The unit stays chosen (its name is in both tables); the 2023 note is not in 2026.
    await edu.openTask(10);
    assert.equal(await edu.noteText('2023年：校园食品安全专题会').count(), 0);
    // Task 60 exists only in 2026; area 十 is in the table.
    await edu.openTask(60);
    await edu.setStatus('推进中');
    await edu.addNote('2026年：智慧监管平台接入');
    await edu.open('#view=all&area=10');
    await page.locator('li.task[data-task]').first().waitFor();
    assert.deepEqual(await page.locator('li.task[data-task]').evaluateAll((els) => els.map((e) => e.dataset.task)), ['59', '60']);
    await edu.open('#view=mine');
    assert.match(await page.locator('.my-tasks').textContent(), /推进校园食品安全数字化|智慧监管平台/);

    eduFile = await edu.exportFile('own', 'edu-2026.json');
    const exported = JSON.parse(eduFile.text);
    const plan = JSON.parse(await readFile(PLAN_2026.file, 'utf8'));
    assert.deepEqual(exported.plan, { id: PLAN_2026.id, table_sha256: plan.table_sha256 });
    assert.ok(exported.records.every((r) => r.unit === EDU));

    // Back on 2023, the 2023 note is where it was, and the 2026 file is refused by name.
    await edu.usePlan(PLAN_2023.id);
    await edu.openTask(10);
    await edu.noteText('2023年：校园食品安全专题会').waitFor();
    const [refused] = await edu.importFiles([eduFile.path], { trust: false });
    assert.match(refused, /✗ 已拒绝.*2026 年的另一份计划/);
    await edu.close();
  });

  test('the office imports on 2026: matrix and report show the new table', async () => {
    const office = await app.device();
    const { page } = office;
    await loadPlan2026(office);
    await office.pickUnit(OFFICE);
    const [row] = await office.importFiles([eduFile.path], { trust: false });
    assert.match(row, /新设备：区教育局/);
    await office.trustNewDevices();
    await page.locator('.import-files li.import-ok').waitFor();
    await office.apply();

    await office.open('#view=matrix');
    const table = page.locator('table.matrix');
    await table.waitFor();
    const heads = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.title || th.textContent));
    assert.ok(heads.includes(HEALTH_2026), 'the renamed bureau has its column');
    assert.ok(!heads.includes('区卫生健康局'));
    const row60 = table.locator('tbody tr').filter({ has: page.locator('.row-number:text-is("60")') });
    assert.match(await row60.locator('td, th').nth(heads.indexOf(EDU)).textContent(), /推进中/);

    await office.open('#view=report');
    await page.locator('.report-summary').first().waitFor();
    const report = await page.locator('main').textContent();
    assert.match(report, /十、推进校园食品安全数字化/);
    assert.match(report, /2026/);

    // The downloads read the 2026 table too: CSV (Python's csv module) and XLSX (openpyxl),
    // one sheet per area, ten areas.
    const csv = readCsv((await office.download('下载 CSV')).path);
    assert.ok(csv.some((r) => r[1] === '60' && r[3] === EDU && r[5] === '推进中'), 'task 60 in the CSV');
    assert.ok(csv.some((r) => r[3] === HEALTH_2026), 'the renamed bureau in the CSV');
    const book = readXlsx((await office.download('下载 XLSX')).path, 100);
    assert.equal(book.error, undefined, book.error);
    const names = book.sheets.map((s) => s.name);
    assert.ok(names.includes('十、推进校园食品安全数字化'), names.join(' | '));

    // The interface in English on the 2026 table; the table's own text stays as printed.
    await office.setLanguage('en');
    await office.open('#view=all&area=10');
    await page.locator('li.task[data-task="60"]').waitFor();
    assert.match(await page.locator('.app-nav').textContent(), /Plans/);
    assert.match(await page.locator('li.task[data-task="60"]').textContent(), /校外供餐单位专项检查.*Lead units/);
    await office.close();
  });

  test('a plan file without the office signature, or edited by hand, is refused', async () => {
    const dev = await app.device();
    const { page } = dev;
    const plan = JSON.parse(await readFile(PLAN_2026.file, 'utf8'));
    plan.plan.areas[0].tasks[0].measure = '改过的举措';
    const edited = app.path('edited.plan.json');
    await writeFile(edited, JSON.stringify(plan));
    await dev.choosePlanFile(edited);
    await page.locator('.plan-problems li', { hasText: '表格校验码不符' }).waitFor();
    assert.equal(await page.locator('.plan-preview').count(), 0);
    const unsigned = JSON.parse(await readFile(PLAN_2026.file, 'utf8'));
    delete unsigned.signed_by;
    const unsignedPath = app.path('unsigned.plan.json');
    await writeFile(unsignedPath, JSON.stringify(unsigned));
    await dev.choosePlanFile(unsignedPath);
    await page.locator('.plan-problems li', { hasText: '没有区食药安办的签名' }).waitFor();
    await dev.close();
  });
});

test('no console errors and no request off the page origin', () => {
  app.assertClean();
});
