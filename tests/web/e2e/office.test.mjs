// The office's picture on an iPad-sized touch screen: a 汇总 cell opens that unit's view,
// read-only; 需协调 lists a blocked task with its reason on the page, in the CSV, the XLSX and
// the printed PDF (read back by pdftotext); notes sort by the date of the work.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { EDU, OFFICE, readCsv, readXlsx, useApp } from '../tools/app.mjs';

const REASON = '学校食堂改造资金未落实，需区财政局协调';
const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ unit: EDU, viewport: 'landscape' });
  page = dev.page;
  await dev.openTask(10);
  // Typed in July-then-June order, dated the other way round.
  for (const [date, text] of [['2023-07-15', '七月：完成全区学校食堂复查'], ['2023-06-20', '六月：召开校园食品安全部署会']]) {
    await dev.addNote(text, { date, via: 'button' });
  }
  await dev.setStatus('受阻', { reason: REASON, date: '2023-08-01' });
  // Now the office, on the same device.
  await dev.pickUnit(OFFICE);
});

test('a note dated in June sorts before one dated in July, whatever order they were typed in', async () => {
  await dev.openTask(10, { of: EDU });
  const texts = await page.locator('section.unit-view .note-text').allTextContents();
  assert.deepEqual(texts, ['六月：召开校园食品安全部署会', '七月：完成全区学校食堂复查']);
  const dates = await page.locator('section.unit-view .note-work-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(dates, ['2023-06-20', '2023-07-15']);
});

test("the office opens 区教育局's cell and sees its status, reason and notes, with no status buttons", async () => {
  await dev.open('#view=matrix');
  const table = page.locator('table.matrix');
  await table.waitFor();
  // The grid is as tall as its rows (the page scrolls it); unit columns carry the table's names.
  const box = await page.locator('.matrix-scroll').boundingBox();
  assert.ok(box.height > 700, `grid height ${box.height}`);
  const heads = await table.locator('thead th .col-unit').allTextContents();
  assert.ok(heads.includes(EDU) && heads.includes('市市场监管局福田监管局'), heads.join());
  await table.locator(`tbody tr:has(.row-number:text-is("10")) a[data-unit="${EDU}"]`).tap();
  const detail = page.locator('section.task-detail[data-task="10"]');
  await detail.waitFor();
  assert.match(await page.evaluate(() => location.hash), /task=10&of=/);
  const view = detail.locator('section.unit-view');
  assert.equal(await view.getAttribute('data-unit'), EDU);
  assert.match(await view.locator('h3').first().textContent(), /区教育局的进展/);
  assert.match(await view.locator('.unit-status').textContent(), /受阻.*2023年8月1日/);
  assert.match(await view.locator('.unit-reason').textContent(), new RegExp(REASON));
  assert.match(await view.textContent(), /六月：召开校园食品安全部署会/);
  assert.match(await view.locator('.last-record').textContent(), /最近一次记录/);
  assert.equal(await detail.locator('.status-buttons, .note-editor, #new-note, .status-control').count(), 0, 'read-only');
  // The sheet lies over the grid: most columns stay in view.
  const sheet = await detail.boundingBox();
  assert.ok(sheet.width <= 520, `sheet ${sheet.width}px`);
  const visibleColumns = await table.locator('thead th').evaluateAll((ths, right) =>
    ths.filter((th) => { const r = th.getBoundingClientRect(); return r.right <= right && r.width > 0; }).length, sheet.x);
  assert.ok(visibleColumns >= 12, `${visibleColumns} columns beside the sheet`);
  await dev.screenshot('office/matrix-sheet-landscape');
});

test('需协调 lists the blocked task with its reason and since when, on 汇总', async () => {
  await dev.open('#view=matrix');
  const list = page.locator('.needs-coordination');
  await list.locator('.coordination-item[data-task="10"]').waitFor();
  const row = await list.locator(`.coordination-item[data-task="10"][data-unit="${EDU}"]`).textContent();
  assert.match(row, new RegExp(`待协调.*${EDU}.*2023年8月1日.*${REASON}`));
  assert.match(await list.locator('h3').textContent(), /需协调（1 项）/);
  // Bars count 推进中 and 已完成 apart, under visible titles.
  const titles = await page.locator('.chart .chart-title').allTextContents();
  assert.deepEqual(titles, ['各单位任务完成与推进情况', '各领域任务完成与推进情况']);
  const fontPx = await page.locator('.chart svg text.label').first().evaluate((t) => t.getBoundingClientRect().height);
  assert.ok(fontPx >= 12, `label ${fontPx}px tall`);
});

test('需协调 and the work date reach the CSV, the XLSX and the printed PDF', async () => {
  await dev.open('#view=report', { ready: '.report-print' });
  await page.getByRole('radio', { name: '全区汇总' }).check();
  await page.locator('.report-summary').waitFor();
  assert.match(await page.locator('.report-summary').textContent(), new RegExp(REASON));

  const table = readCsv((await dev.download('下载 CSV')).path);
  const header = table[0];
  const row = table.find((r) => r[1] === '10' && r[3] === EDU);
  assert.equal(row[header.indexOf('状态')], '受阻');
  assert.equal(row[header.indexOf('受阻原因')], REASON);
  assert.equal(row[header.indexOf('状态工作日期')], '2023-08-01');
  assert.equal(row[header.indexOf('最新进展工作日期')], '2023-07-15');
  const notes = row[header.indexOf('最新进展')];
  assert.ok(notes.indexOf('六月') < notes.indexOf('七月'), notes);

  const book = readXlsx((await dev.download('下载 XLSX')).path, 10);
  assert.equal(book.error, undefined, book.error);
  assert.equal(book.sheets[0].name, '需协调');
  const blocked = book.sheets[0].rows.find((r) => r[3] === EDU);
  assert.deepEqual([blocked[0], blocked[4]], ['2023-08-01', REASON]);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', displayHeaderFooter: false });
  await page.emulateMedia({ media: 'screen' });
  const pdfPath = app.path('report.pdf');
  await writeFile(pdfPath, pdf);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  // Page numbers and the print date in every footer. (pdftotext loses a few CJK glyphs of
  // the system font, such as 第 and 打, so the match starts after them.)
  pages.forEach((p, i) => {
    assert.match(p, new RegExp(`\\b${i + 1} 页，共 ${pages.length} 页`), `page ${i + 1}`);
    assert.match(p, /印日期：\d{4}年\d{1,2}月\d{1,2}日/, `page ${i + 1}`);
  });
  // The first page is the summary, with the reason; the overdue list is short.
  assert.match(pages[0], /需协调/);
  // Read in reading order (not -layout, which interleaves wrapped cells), the reason is whole.
  const flowing = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).split('\f')[0];
  assert.match(flowing.replace(/\s+/g, ''), new RegExp(REASON));
  assert.ok(!/(已逾期.*\n){20}/.test(pages[0]), 'no long run of overdue lines');
  // No column a character wide: no line of the tables holds a lone CJK character where
  // a column was squeezed, and each printed task appears once per area table.
  const lone = text.split('\n').filter((l) => /^\s*[\u4e00-\u9fff]\s*$/.test(l));
  assert.ok(lone.length < 5, `one-character lines: ${lone.slice(0, 5).join('|')}`);
  const widths = await page.locator('.report-table thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  assert.ok(widths.every((w) => w >= 60), widths.join());
  const task56 = (text.match(/序号 56(?!\d)/g) ?? []).length;
  assert.ok(task56 <= 3, `task 56 printed ${task56} times`);
  dev.assertClean();
});
