// Reports in a real browser: CSV and XLSX for one unit and for the district, read back by
// independent readers (Python's csv module and openpyxl) and compared with what the app
// shows; the print view in print media; and the English interface.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, readCsv, readXlsx, useApp } from '../tools/app.mjs';

const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ unit: EDU });
  page = dev.page;
  await dev.openTask(10);
  await dev.setStatus('已完成');
  await dev.addNote('完成校园食品安全检查，覆盖全区学校, 含"引号"');
});

async function openReport(scope) {
  await dev.open('#view=report', { ready: '.report-print' });
  await page.getByRole('radio', { name: scope }).check();
  await page.locator('.report-head h2', { hasText: scope === '全区汇总' ? '全区汇总' : EDU }).waitFor();
}

const shownRows = () => page.locator('.report-table tr.report-unit-row').count();

describe('the report of one unit', () => {
  before(() => openReport('本单位（区教育局）'));

  test('the CSV has every row the app shows, with Chinese text and escaping intact', async () => {
    const csv = await dev.download('下载 CSV');
    assert.match(csv.name, /^区教育局-落实情况-\d{4}-\d{2}-\d{2}\.csv$/);
    const table = readCsv(csv.path);
    assert.deepEqual(table[0].slice(0, 6), ['领域', '序号', '举措', '单位', '角色', '状态']);
    assert.equal(table.length - 1, 21);
    assert.equal(table.length - 1, await shownRows());
    const row10 = table.find((r) => r[1] === '10');
    assert.equal(row10[3], EDU);
    assert.equal(row10[5], '已完成');
    assert.equal(row10[8], '绿灯');
    assert.match(row10[11], /完成校园食品安全检查，覆盖全区学校, 含"引号"/);
    const shown = await page.locator('.report-table tbody.report-task[data-task="10"]').textContent();
    assert.match(shown, /已完成/);
    assert.match(shown, /完成校园食品安全检查/);
  });

  test('the XLSX opens in openpyxl with summary sheets, one sheet per area and a frozen header', async () => {
    const xlsx = await dev.download('下载 XLSX');
    assert.match(xlsx.name, /\.xlsx$/);
    const book = readXlsx(xlsx.path);
    assert.equal(book.error, undefined, book.error);
    const names = book.sheets.map((s) => s.name);
    assert.deepEqual(names.slice(0, 3), ['需协调', '按单位汇总', '按领域汇总']);
    assert.equal(names.length, 12);
    assert.equal(names[5], '三、严格食品重点领域监管');
    for (const sheet of book.sheets) assert.equal(sheet.freeze_panes, 'A2', sheet.name);
    assert.deepEqual(book.sheets[1].rows[1].slice(0, 3), [EDU, 21, 1]);
    const area3 = book.sheets[5];
    // 序号 and the evidence count are numbers (openpyxl reads ints), the text cells wrap.
    const row10 = area3.rows.find((r) => r[0] === 10);
    assert.equal(row10[4], '已完成');
    assert.equal(typeof row10[11], 'number', '佐证材料 is a count');
    assert.ok(area3.rows.slice(1).every((r) => typeof r[0] === 'number'), '序号 as numbers');
    assert.ok(area3.wrap[1].every((wraps, i) => wraps || typeof area3.rows[1][i] === 'number'), 'text wraps');
    assert.ok(area3.bold[0].every(Boolean), 'the header is bold');
    const dataRows = book.sheets.slice(3).reduce((n, s) => n + s.max_row - 1, 0);
    assert.equal(dataRows, 21);
  });
});

describe('the report of the whole district', () => {
  before(() => openReport('全区汇总'));

  test('CSV and XLSX hold one row per responsible unit and task, as shown', async () => {
    const rows = await shownRows();
    assert.ok(rows > 100, `${rows} rows`);
    const table = readCsv((await dev.download('下载 CSV')).path);
    assert.equal(table.length - 1, rows);
    assert.equal(table.filter((r) => r[1] === '56').length, 27, 'printed 56 names every member unit');
    const book = readXlsx((await dev.download('下载 XLSX')).path, 40);
    assert.equal(book.sheets[1].max_row - 1, 24, 'completion of every responsible unit');
    const edu = book.sheets[1].rows.find((r) => r[0] === EDU);
    assert.deepEqual(edu.slice(1, 3), [5, 1]);
  });

  test('the print view: a summary page, charts, no controls, each task once', async () => {
    assert.equal(await page.locator('.report-charts figure svg').count(), 2);
    await page.emulateMedia({ media: 'print' });
    const visibleControls = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, .report-controls, .app-nav')].filter((e) => e.getClientRects().length > 0).length,
    );
    assert.equal(visibleControls, 0);
    assert.equal(await page.locator('.report-area').count(), 9);
    // The summary comes first; what follows runs on (no forced break leaves a page nearly blank).
    assert.equal(await page.locator('.report-head + .report-summary').count(), 1);
    assert.equal(await page.locator('tbody.report-task[data-task="57"]').count(), 1, 'printed 56 once');
    assert.equal(await page.locator('.print-date').isVisible(), true);
    assert.match(await page.locator('.report-head').textContent(), /落实情况报告（全区汇总）.*报告日期/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
    await page.emulateMedia({ media: 'screen' });
  });
});

test('the interface switches to English and remembers it; the table stays official Chinese', async () => {
  await dev.open('#view=mine');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'My tasks' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await dev.reload();
  await page.getByRole('heading', { name: /Tasks of 区教育局 \(21\)/ }).waitFor();
  await dev.open('#view=all');
  assert.match(await page.locator('#filter-unit').locator('..').textContent(), /Unit/);
  assert.match(await page.locator('li.task').first().textContent(), /进一步完善地方党委和政府负总责/);
  assert.match(await page.locator('.result-count').textContent(), /Showing 58 of 58 tasks/);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('link', { name: '我的任务' }).waitFor();
  dev.assertClean();
});
