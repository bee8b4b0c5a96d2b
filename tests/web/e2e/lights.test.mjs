// Issue 17, points 1, 6 and 7, on tablets with touch and the 2026 test table: lights that mean
// something on 5 December 2026 and in mid-June (untouched tasks turn yellow then red, reasons
// shown whole, a quarterly target judged for its quarter, a year that is over says so once and
// shows its final state); one work date per status change, re-tapping writes nothing; overdue
// tasks never folded away; figures on cards and in 进展记录, said once when missing, the 截至日期
// limit in our words, a district total of two units; the report never lists the office as its
// own late unit, prints without a nearly blank page or a clipped table, and its XLSX holds
// numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, OFFICE, readXlsx, useApp } from '../tools/app.mjs';

const HEALTH = '区卫生健康委员会';
const DECEMBER = '2026-12-05T10:00:00+08:00';
const JUNE = '2026-06-15T10:00:00+08:00';

const app = useApp();

/** A device on the 2026 plan as `unit`, at `clockAt`, in `viewport`. */
async function on2026(unit, viewport, clockAt) {
  const dev = await app.device({ viewport, clockAt, open: false });
  await dev.loadPlan2026();
  await dev.pickUnit(unit);
  return dev;
}

describe('5 December 2026 on the 2026 table', () => {
  let eduFile;

  test('a unit: untouched tasks are red with their reason whole, none hides folded; work dates; figures', async () => {
    const edu = await on2026(EDU, 'landscape', DECEMBER);
    const { page } = edu;
    const rows = await edu.myTaskRows();
    assert.ok(rows.length > 10, `${rows.length} tasks`);
    // Nothing was recorded all year: no task reads 按计划推进 26 days before the year ends.
    for (const row of rows) {
      assert.equal(row.light, 'red', `task ${row.task}: ${row.reason}`);
      assert.doesNotMatch(row.reason, /按计划推进/);
      assert.equal(row.clipped, false, `task ${row.task}: the reason is cut: ${row.reason}`);
    }
    // Sorted by urgency, the member section is open and says how many are red.
    const member = page.locator('details.member-tasks');
    if (await member.count()) {
      assert.equal(await member.evaluate((d) => d.open), true, 'the 作为成员 section is open');
      assert.match(await member.locator('summary').textContent(), /其中 \d+ 项红灯/);
    }
    await edu.screenshot('lights/landscape-december-my-tasks');

    // Task 10: the work date goes with the tap; re-tapping writes nothing; a changed date says
    // what it will do and does it.
    await edu.openTask(10);
    const detail = edu.detail();
    assert.match(await detail.locator('.status-date-help').textContent(), /先选工作日期，再点按状态/);
    await edu.setStatus('推进中', { date: '2026-12-01' });
    await detail.locator('.status-now', { hasText: '工作日期 2026年12月1日' }).waitFor();
    assert.equal(await edu.statusHistoryCount(), 1);
    await edu.press(detail.locator('.status-buttons .status-button-in_progress'));
    await detail.locator('.status-unchanged').waitFor();
    assert.equal(await edu.statusHistoryCount(), 1, 're-tapping the current status writes nothing');
    await page.fill('#status-date-10', '2026-11-20');
    const redate = detail.locator('.status-redate');
    assert.match(await redate.textContent(), /将当前状态“推进中”的工作日期改为 2026年11月20日/);
    await edu.press(redate);
    await detail.locator('.status-now', { hasText: '工作日期 2026年11月20日' }).waitFor();
    assert.equal(await edu.statusHistoryCount(), 2);
    // Begun, in December, past the 11-08 date: red for being overdue, not for being untouched.
    assert.match(await detail.locator('.detail-light').textContent(), /已逾期/);

    // Task 11: an empty figure says so once; the 截至日期 limit in our words; a saved figure on
    // the card and in 进展记录.
    await edu.openTask(11);
    const item = detail.locator('li.target[data-target="nutrition-schools"]');
    assert.equal((await item.locator('.target-now').textContent()).trim(), '尚未填报数值');
    assert.equal(await item.locator('form.figure-form').evaluate((f) => f.noValidate), true);
    await edu.recordFigure('nutrition-schools', 1, { date: '2025-12-31', refused: true });
    assert.match(await item.locator('.field-error').textContent(), /截至日期须在计划年度内：2026年1月1日 至 2026年12月31日/);
    await edu.recordFigure('nutrition-schools', 1, { date: '2026-09-30' });
    assert.match(await item.locator('.target-now').textContent(), /最新：1 所.*截至 2026年9月30日/);
    const history = detail.locator('.notes .figure-history');
    assert.match(await history.textContent(), /区教育局 · 填报.*：1 所（截至 2026年9月30日）/);
    await edu.screenshot('lights/landscape-december-task-11');
    await edu.open('#view=mine');
    const card = (await edu.myTaskRows()).find((r) => r.task === 11);
    assert.match(card.figures.join(' '), /1 所/);
    eduFile = await edu.exportFile('own', 'edu-2026.json');
    app.assertClean();
    await edu.close();
  });

  test('a co-responsible unit sees the district total of its figure and the other unit’s', async () => {
    const health = await on2026(HEALTH, 'portrait', DECEMBER);
    await health.openTask(11);
    await health.recordFigure('nutrition-schools', 1, { date: '2026-11-30' });
    await health.importFiles([eduFile.path]);
    await health.apply();
    await health.openTask(11);
    const item = health.detail().locator('li.target[data-target="nutrition-schools"]');
    // Lead (1) and 区教育局 (1): 2 schools from 2 units, as of the older figure.
    await item.locator('.district-total').waitFor();
    assert.match(await item.locator('.district-total').textContent(), /全区合计（2 个单位）：最新：2 所，完成 100%（截至 2026年9月30日）/);
    await health.screenshot('lights/portrait-december-district-total');
    app.assertClean();
    await health.close();
  });

  test('the office: a quarterly target judged for this quarter; its report never lists it late; print and XLSX', async () => {
    const office = await on2026(OFFICE, 'portrait', DECEMBER);
    const { page } = office;
    await office.openTask(3);
    await office.recordFigure('quarterly-supervision', 1, { date: '2026-02-10' });
    const now = await office.detail().locator('li.target[data-target="quarterly-supervision"] .target-now').textContent();
    assert.doesNotMatch(now, /第 1 季度/);
    assert.match(now, /本季度尚未填报/);

    await office.openReport('全区汇总');
    assert.match(await page.locator('.report-help').textContent(), /向上级报送/);
    assert.doesNotMatch(await page.locator('.report-help').textContent(), /提交区食药安办/);
    const summary = await page.locator('.report-summary').textContent();
    assert.match(summary, /未报送/);
    const silent = await page.locator('.report-summary .report-silent').textContent();
    assert.doesNotMatch(silent, new RegExp(OFFICE));
    // The office's own report: it is not told to hand the report in to itself.
    await office.openReport(`本单位（${OFFICE}）`);
    assert.doesNotMatch(await page.locator('.report-summary').textContent(), /向区食药安办提交任务落实情况/);

    // Printed on A4: no nearly blank page, no table wider than the page.
    await office.openReport('全区汇总');
    await page.emulateMedia({ media: 'print' });
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('.report-print table')]
        .filter((t) => t.getBoundingClientRect().width > document.querySelector('.report-print').getBoundingClientRect().width + 1)
        .map((t) => t.className),
    );
    const deadlineNames = await page.locator('.report-deadlines td:first-child').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(clipped, [], 'tables fit the page');
    assert.ok(deadlineNames.length > 0 && deadlineNames.every((w) => w >= 120), `deadline names ${deadlineNames.join()} px wide`);
    const { pages } = await office.printPdf('district-2026.pdf');
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    pages.slice(0, -1).forEach((text, i) => {
      const lines = text.split('\n').filter((l) => l.trim()).length;
      assert.ok(lines >= 25, `page ${i + 1} of ${pages.length} is nearly blank (${lines} lines)`);
    });

    // The XLSX: 序号 and counts are numbers to openpyxl.
    const book = readXlsx((await office.download('下载 XLSX')).path, 20);
    assert.equal(book.error, undefined, book.error);
    const area = book.sheets.find((s) => s.name.startsWith('一、'));
    assert.ok(area.rows.slice(1).every((r) => typeof r[0] === 'number'), JSON.stringify(area.rows.slice(1, 3)));
    app.assertClean();
    await office.close();
  });
});

describe('mid-June 2026 on the 2026 table', () => {
  test('untouched tasks are yellow, begun ones green; the status date goes with its tap', async () => {
    const edu = await on2026(EDU, 'portrait', JUNE);
    const rows = await edu.myTaskRows();
    for (const row of rows) {
      assert.equal(row.light, 'yellow', `task ${row.task}: ${row.reason}`);
      assert.match(row.reason, /尚未开始/);
      assert.equal(row.clipped, false, `task ${row.task}`);
    }
    await edu.screenshot('lights/portrait-june-my-tasks');
    await edu.openTask(10);
    await edu.setStatus('推进中', { date: '2026-06-10' });
    const detail = edu.detail();
    await detail.locator('.status-now', { hasText: '工作日期 2026年6月10日' }).waitFor();
    assert.match(await detail.locator('.detail-light').textContent(), /绿灯.*按计划推进/);
    await edu.press(detail.locator('.status-buttons .status-button-in_progress'));
    await detail.locator('.status-unchanged').waitFor();
    assert.equal(await edu.statusHistoryCount(), 1);
    await edu.open('#view=mine');
    assert.equal((await edu.myTaskRows()).find((r) => r.task === 10).light, 'green');
    app.assertClean();
    await edu.close();
  });
});

describe('the 2023 plan on 5 December 2026', () => {
  test('says once that its year is over and shows the final state, not a wall of red', async () => {
    const edu = await app.device({ unit: EDU, viewport: 'landscape', clockAt: DECEMBER });
    await edu.openTask(10);
    await edu.setStatus('已完成');
    await edu.open('#view=mine');
    assert.equal(await edu.page.locator('.plan-over').count(), 1);
    assert.match(await edu.page.locator('.plan-over').textContent(), /执行期已于 2023年12月31日 结束/);
    const rows = await edu.myTaskRows();
    assert.deepEqual(rows.filter((r) => r.light === 'red' || r.light === 'yellow'), []);
    assert.equal(rows.find((r) => r.task === 10).light, 'green');
    const ended = rows.filter((r) => r.light === 'ended');
    assert.equal(ended.length, rows.length - 1);
    assert.ok(ended.every((r) => /年度结束时未完成/.test(r.reason)));
    await edu.screenshot('lights/landscape-2023-over');
    app.assertClean();
    await edu.close();
  });
});
