// Any year's table: the office imports a 2026 plan file (60 tasks, a tenth area, a renamed
// bureau), the device switches to it, units work on it (my tasks, a note, export), the office
// imports their files (matrix, report), the 2023 records stay with the 2023 plan, and a
// progress file for a plan the device is not using is refused, naming that plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { DIST, ROOT, launch, watch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const PLAN_FILE = resolve(ROOT, 'tests/fixtures/plans/futian-2026.plan.json');
const PLAN_2026 = 'futian-2026-food-safety';
const EDU = '区教育局';
const HEALTH_2026 = '区卫生健康委员会';
const OFFICE = '区食药安办';

let server, browser, dir;
const watched = [];

before(async () => {
  server = await startServer({ root: DIST });
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'duty-ledger-plans-'));
});

after(async () => {
  for (const w of watched) w.assertClean?.();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function device() {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  watched.push(watch(context, server.origin));
  const page = await context.newPage();
  await page.goto(server.url);
  return { context, page };
}

async function pickUnit(page, unit) {
  await page.goto(`${server.url}#view=mine`);
  await page.getByRole('button', { name: unit, exact: true }).click();
  await page.locator('.my-tasks').waitFor();
}

/** Imports the 2026 plan file on the plans screen and switches to it. */
async function loadPlan2026(page) {
  await page.goto(`${server.url}#view=plans`);
  await page.locator('.plan-file-input').setInputFiles(PLAN_FILE);
  const preview = page.locator('.plan-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /2026年 · 10 个方面 · 60 项任务/);
  assert.match(await preview.textContent(), /十、推进校园食品安全数字化（2）/);
  // Issued by the office's device: trusted once, after comparing the fingerprint.
  assert.match(await preview.textContent(), /由区食药安办的设备签发，指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  assert.equal(await page.getByRole('button', { name: '保存此计划' }).isDisabled(), true);
  await page.locator('.plan-preview .trust-device').click();
  await page.waitForFunction(() => !document.querySelector('.plan-preview .trust-device'));
  await page.getByRole('button', { name: '保存此计划' }).click();
  await page.locator('.plan-message', { hasText: '已保存计划' }).waitFor();
  await usePlan(page, PLAN_2026);
}

async function usePlan(page, id) {
  await page.goto(`${server.url}#view=plans`);
  await Promise.all([
    page.waitForEvent('load'),
    page.locator(`.plan-entry[data-plan="${id}"] .plan-use`).click(),
  ]);
  await page.locator(`.plan-entry[data-plan="${id}"].plan-in-use`).waitFor();
}

async function openTask(page, id) {
  await page.goto(`${server.url}#task=${id}`);
  await page.locator(`section.task-detail[data-task="${id}"]`).waitFor();
}

async function addNote(page, text) {
  await page.locator('#new-note').fill(text);
  await page.keyboard.press('Control+Enter');
  await page.locator('.note-text', { hasText: text }).first().waitFor();
}

async function exportOwn(page, name) {
  await page.goto(`${server.url}#view=exchange`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出本单位进展' }).click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, text: await readFile(path, 'utf8') };
}

async function importFile(page, path) {
  await page.goto(`${server.url}#view=exchange`);
  await page.locator('.import-dialog input[type="file"]').setInputFiles([path]);
  await page.locator('.import-files li').first().waitFor();
  return page.locator('.import-files li').first().textContent();
}

describe('a 2026 table', () => {
  let eduFile;

  test('the plan file passes an independent JSON Schema validator', async () => {
    const schema = JSON.parse(await readFile(resolve(ROOT, 'public/duty-ledger-plan.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const plan = JSON.parse(await readFile(PLAN_FILE, 'utf8'));
    assert.ok(validate(plan), JSON.stringify(validate.errors));
    const served = await (await fetch(`${server.url}duty-ledger-plan.schema.json`)).json();
    assert.deepEqual(served, schema);
  });

  test('a unit keeps its 2023 records apart and works on the 2026 plan', async () => {
    const { context, page } = await device();
    await pickUnit(page, EDU);
    await openTask(page, 10);
    await addNote(page, '2023年：校园食品安全专题会');

    await loadPlan2026(page);
    assert.match(await page.locator('.plan-title').textContent(), /福田区2026年食品安全重点工作安排责任分工表/);
    // The unit stays chosen (its name is in both tables); the 2023 note is not in 2026.
    await openTask(page, 10);
    assert.equal(await page.locator('.note-text', { hasText: '2023年：校园食品安全专题会' }).count(), 0);
    // Task 60 exists only in 2026; area 十 is in the table.
    await openTask(page, 60);
    await page.locator('.status-buttons').getByRole('button', { name: '推进中', exact: true }).click();
    await addNote(page, '2026年：智慧监管平台接入');
    await page.goto(`${server.url}#view=all&area=10`);
    await page.locator('li.task[data-task]').first().waitFor();
    assert.deepEqual(await page.locator('li.task[data-task]').evaluateAll((els) => els.map((e) => e.dataset.task)), ['59', '60']);
    await page.goto(`${server.url}#view=mine`);
    await page.locator('.my-tasks').waitFor();
    assert.match(await page.locator('.my-tasks').textContent(), /推进校园食品安全数字化|智慧监管平台/);

    eduFile = await exportOwn(page, 'edu-2026.json');
    const exported = JSON.parse(eduFile.text);
    const plan = JSON.parse(await readFile(PLAN_FILE, 'utf8'));
    assert.deepEqual(exported.plan, { id: PLAN_2026, table_sha256: plan.table_sha256 });
    assert.ok(exported.records.every((r) => r.unit === EDU));

    // Back on 2023, the 2023 note is where it was, and the 2026 file is refused by name.
    await usePlan(page, 'futian-2023-food-safety');
    await openTask(page, 10);
    await page.locator('.note-text', { hasText: '2023年：校园食品安全专题会' }).waitFor();
    const refused = await importFile(page, eduFile.path);
    assert.match(refused, /✗ 已拒绝.*futian-2026-food-safety/);
    await context.close();
  });

  test('the office imports on 2026: matrix and report show the new table', async () => {
    const { context, page } = await device();
    await loadPlan2026(page);
    await pickUnit(page, OFFICE);
    assert.match(await importFile(page, eduFile.path), /新设备：区教育局/);
    await page.locator('.trust-device').click();
    await page.locator('.import-files li.import-ok').waitFor();
    await page.getByRole('button', { name: /应用导入/ }).click();
    await page.locator('.import-result').waitFor();

    await page.goto(`${server.url}#view=matrix`);
    const table = page.locator('table.matrix');
    await table.waitFor();
    const heads = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.title || th.textContent));
    assert.ok(heads.includes(HEALTH_2026), 'the renamed bureau has its column');
    assert.ok(!heads.includes('区卫生健康局'));
    const row = table.locator('tbody tr').filter({ has: page.locator('th:text-is("60")') });
    assert.match(await row.locator('td, th').nth(heads.indexOf(EDU)).textContent(), /推进中/);

    await page.goto(`${server.url}#view=report`);
    await page.locator('.report-summary').first().waitFor();
    const report = await page.locator('main').textContent();
    assert.match(report, /十、推进校园食品安全数字化/);
    assert.match(report, /2026/);

    // The downloads read the 2026 table too: CSV (Python's csv module) and XLSX (openpyxl),
    // one sheet per area, ten areas.
    const download = async (label) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return path;
    };
    const csvPath = await download('下载 CSV');
    const csv = JSON.parse(execFileSync('python3', ['-c', 'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f)), ensure_ascii=False))', csvPath], { encoding: 'utf8' }));
    assert.ok(csv.some((r) => r[1] === '60' && r[3] === EDU && r[5] === '推进中'), 'task 60 in the CSV');
    assert.ok(csv.some((r) => r[3] === HEALTH_2026), 'the renamed bureau in the CSV');
    const xlsxPath = await download('下载 XLSX');
    const book = JSON.parse(execFileSync('python3', [resolve(ROOT, 'tests/web/tools/check_xlsx.py'), xlsxPath, '--rows', '100'], { encoding: 'utf8' }));
    assert.equal(book.error, undefined, book.error);
    const names = book.sheets.map((s) => s.name);
    assert.ok(names.includes('十、推进校园食品安全数字化'), names.join(' | '));

    // The interface in English on the 2026 table; the table's own text stays as printed.
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${server.url}#view=all&area=10`);
    await page.locator('li.task[data-task="60"]').waitFor();
    assert.match(await page.locator('.app-nav').textContent(), /Plans/);
    assert.match(await page.locator('li.task[data-task="60"]').textContent(), /校外供餐单位专项检查.*Lead units/);
    await context.close();
  });

  test('a plan file without the office signature, or edited by hand, is refused', async () => {
    const { context, page } = await device();
    await page.goto(`${server.url}#view=plans`);
    const plan = JSON.parse(await readFile(PLAN_FILE, 'utf8'));
    plan.plan.areas[0].tasks[0].measure = '改过的举措';
    const edited = join(dir, 'edited.plan.json');
    await (await import('node:fs/promises')).writeFile(edited, JSON.stringify(plan));
    await page.locator('.plan-file-input').setInputFiles(edited);
    await page.locator('.plan-problems li', { hasText: '表格校验码不符' }).waitFor();
    assert.equal(await page.locator('.plan-preview').count(), 0);
    const unsigned = JSON.parse(await readFile(PLAN_FILE, 'utf8'));
    delete unsigned.signed_by;
    const unsignedPath = join(dir, 'unsigned.plan.json');
    await (await import('node:fs/promises')).writeFile(unsignedPath, JSON.stringify(unsigned));
    await page.locator('.plan-file-input').setInputFiles(unsignedPath);
    await page.locator('.plan-problems li', { hasText: '没有区食药安办的签名' }).waitFor();
    await context.close();
  });
});
