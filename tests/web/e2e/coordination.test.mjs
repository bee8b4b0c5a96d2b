// Issue 17 §2–4 on tablets with touch, the 2026 table, the clock at 5 December 2026:
// a unit blocked on a task sends its file with its contact; the office reads who, what and the
// fingerprint on a compact card at 768×1024 and trusts only after typing its last four
// characters; 需协调 taps through to the task and unit, the office answers (reply, unit to act,
// due date, then 已协调) and sends everything back; the unit, in its own browser, trusts the
// office the same way and sees the answer on its task. The matrix shows each task's text in a
// sticky first column, every unit (配合单位 too, with the role in the cell) under a sticky
// header, the page as its one scroller, filters kept, and prints on landscape pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { EDU, OFFICE, PLAN_2026, schemaValidator, useApp } from '../tools/app.mjs';

const DECEMBER = '2026-12-05T10:00:00+08:00';
const HEALTH_2026 = '区卫生健康委员会';
const HOUSING = '区住房建设局'; // only ever 配合 in the 2026 table
const REASON = '检测场地未落实，需区卫生健康委员会协调';
const REPLY = '已商区卫生健康委员会，12月20日前提供检测场地';
const SETTLED = '场地已落实，请恢复推进';
const FINGERPRINT = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

const app = useApp();

/**
 * The published schema describes the built-in plan's files (its id, its table, its units): a
 * 2026 file is checked as one, the renamed bureau under its 2023 name.
 */
function assertValid(validate, file) {
  const plan = validate.schema.properties.plan.properties;
  const renamed = JSON.parse(JSON.stringify(file).replaceAll(HEALTH_2026, '区卫生健康局'));
  const as2023 = { ...renamed, plan: { id: plan.id.const, table_sha256: plan.table_sha256.const } };
  assert.ok(validate(as2023), JSON.stringify(validate.errors));
}

describe('需协调 from a unit to the office and back, trust checked both ways', () => {
  let edu, office, eduFile, officeFile, eduPrint;

  before(async () => {
    edu = await app.device({ viewport: 'portrait', clockAt: DECEMBER, label: 'edu' });
    await edu.loadPlan2026();
    await edu.pickUnit(EDU);
    office = await app.device({ viewport: 'landscape', clockAt: DECEMBER, label: 'office' });
    await office.loadPlan2026();
    await office.pickUnit(OFFICE);
  });
  after(async () => {
    await edu?.close();
    await office?.close();
  });

  test('the unit blocks a task and sends its file with its contact, signed', async () => {
    await edu.setContact('李老师', '0755-8391 2345');
    await edu.page.locator('.own-fingerprint').filter({ hasText: /-/ }).waitFor();
    eduPrint = (await edu.page.locator('.own-fingerprint').textContent()).trim();
    assert.match(eduPrint, FINGERPRINT);
    await edu.openTask(12);
    await edu.setStatus('受阻', { reason: REASON });
    eduFile = await edu.exportFile('own', 'edu-2026-受阻.json');
    const file = JSON.parse(eduFile.text);
    assert.equal(file.format_version, 5);
    assert.deepEqual(file.devices[0].contact, { name: '李老师', phone: '0755-8391 2345' });
    assertValid(await schemaValidator('duty-ledger.schema.json'), file);
  });

  test('at 768×1024 the card shows who, whom to call and the fingerprint in view; trusting asks for its last four', async () => {
    const { page } = office;
    await page.setViewportSize({ width: 768, height: 1024 });
    const [row] = await office.importFiles([eduFile.path], { trust: false });
    assert.match(row, /新设备/);
    const item = page.locator('.import-files > li').first();
    const card = item.locator('.trust-check');
    assert.match(await card.locator('.trust-who').textContent(), /新设备：区教育局/);
    assert.match(await card.locator('.trust-call').textContent(), /请致电 李老师（0755-8391 2345）核对指纹/);
    assert.equal(await card.locator('a.trust-phone').getAttribute('href'), 'tel:075583912345');
    assert.equal((await card.locator('.fingerprint').textContent()).trim(), eduPrint, 'the fingerprint the tablet shows');
    // Compact: the file name on one or two lines, the whole card within the screen.
    const name = await item.locator('.import-name').boundingBox();
    assert.ok(name.height < 60, `file name ${name.height}px tall`);
    const box = await item.boundingBox();
    assert.ok(box.height < 520, `card ${box.height}px tall`);
    await item.scrollIntoViewIfNeeded();
    for (const part of ['.fingerprint', '.trust-device', '.trust-last-four']) {
      const b = await card.locator(part).boundingBox();
      assert.ok(b.y >= 0 && b.y + b.height <= 1024 && b.x + b.width <= 768, `${part} in view: ${JSON.stringify(b)}`);
    }
    const small = await office.smallTargets('.trust-check .trust-device, .trust-check .trust-last-four, .trust-check a');
    assert.deepEqual(small, []);
    // One tap is not enough; a wrong four characters are not either.
    assert.equal(await card.locator('.trust-device').isDisabled(), true);
    const wrong = eduPrint.slice(-4) === '0000' ? '1111' : '0000';
    await card.locator('.trust-last-four').fill(wrong);
    await card.locator('.trust-wrong').waitFor();
    assert.equal(await card.locator('.trust-device').isDisabled(), true);
    await card.locator('.trust-last-four').fill('');
    await office.screenshot('trust/portrait-new-device-card');
    assert.equal(await office.trustNewDevices(), 1);
    await page.locator('.import-files li.import-ok').waitFor();
    assert.match(await office.apply(), /已导入 1 个文件/);
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  test('需协调 taps through to the task and unit, where the office answers and then settles it', async () => {
    const { page } = office;
    await office.open('#view=matrix');
    const item = page.locator(`.coordination-item[data-task="12"][data-unit="${EDU}"]`);
    await item.waitFor();
    assert.match(await item.textContent(), new RegExp(`待协调.*${EDU}.*${REASON}`));
    assert.deepEqual(await office.smallTargets('.coordination-open'), []);
    await office.press(item.locator('.coordination-open'));
    const detail = page.locator('section.task-detail[data-task="12"]');
    await detail.locator(`section.unit-view[data-unit="${EDU}"]`).waitFor();
    assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), new RegExp(`task=12.*of=${EDU}`));
    await detail.locator('.coordination-form').waitFor();
    assert.deepEqual(await office.smallTargets('.coordination-form select, .coordination-form input, .coordination-form button'), []);

    await office.answerCoordination(12, EDU, { reply: REPLY, owner: HEALTH_2026, due: '2026-12-20' });
    const answer = detail.locator('.coordination-answer');
    assert.match(await answer.textContent(), /已答复.*区食药安办协调意见/);
    assert.match(await answer.textContent(), /由区卫生健康委员会在2026年12月20日前落实/);
    // A due date already past is refused on an open matter, in words.
    await detail.locator('#coordination-reply').fill('补充说明');
    await detail.locator('#coordination-due').fill('2026-12-01');
    await office.press(detail.locator('.coordination-save'));
    assert.match(await detail.locator('.coordination-problem').textContent(), /办理期限不能早于今天/);

    await office.answerCoordination(12, EDU, { reply: SETTLED, owner: EDU, due: '2026-12-20', resolved: true });
    assert.match(await answer.textContent(), /已协调.*（第 2 次答复）/);
    await office.screenshot('office/landscape-coordination-answer');
    await office.open('#view=matrix');
    assert.match(await item.textContent(), new RegExp(`已协调.*${SETTLED}`));

    officeFile = await office.exportFile('all', 'office-2026-全部.json');
    const file = JSON.parse(officeFile.text);
    const replies = file.records.filter((r) => r.change.kind === 'coordination');
    assert.equal(replies.length, 2);
    assert.deepEqual(
      replies.map((r) => [r.unit, r.change.about, r.change.owner, r.change.due, r.change.resolved]).sort(),
      [[OFFICE, EDU, HEALTH_2026, '2026-12-20', false], [OFFICE, EDU, EDU, '2026-12-20', true]].sort(),
    );
    assertValid(await schemaValidator('duty-ledger.schema.json'), file);
  });

  test("the unit, in its own browser, trusts the office's device the same way and sees the answer on its task", async () => {
    const { page } = edu;
    await edu.importFiles([officeFile.path], { trust: false });
    const card = page.locator('.import-files .trust-check').first();
    assert.match(await card.textContent(), /新设备：区食药安办.*文件未附联系人：请用已知的电话联系区食药安办核对指纹/);
    assert.equal(await card.locator('.trust-device').isDisabled(), true);
    assert.equal(await edu.trustNewDevices(), 1);
    await page.locator('.import-files li.import-ok').waitFor();
    assert.match(await edu.apply(), /协调意见 2 条|新增/);
    const detail = await edu.openTask(12);
    const answer = detail.locator('.coordination-answer');
    await answer.waitFor();
    const text = await answer.textContent();
    assert.match(text, /已协调/);
    assert.match(text, new RegExp(SETTLED));
    assert.match(text, /由区教育局在2026年12月20日前落实/);
    await edu.screenshot('tablet/portrait-task-12-answer');
    edu.assertClean();
    office.assertClean();
  });
});

describe('the office matrix on a tablet', () => {
  let office;
  before(async () => {
    office = await app.device({ viewport: 'landscape', clockAt: DECEMBER, label: 'matrix' });
    await office.loadPlan2026();
    await office.pickUnit(OFFICE);
  });
  after(() => office?.close());

  for (const [shape, size] of [['landscape', { width: 1024, height: 768 }], ['portrait', { width: 768, height: 1024 }]]) {
    test(`at ${size.width}×${size.height}: task text in a sticky first column, every unit, one scroller`, async () => {
      const { page } = office;
      await page.setViewportSize(size);
      await office.open('#view=matrix');
      const table = page.locator('table.matrix');
      await table.waitFor();
      const plan = JSON.parse(await readFile(PLAN_2026.file, 'utf8')).plan;
      const measure12 = plan.areas.flatMap((a) => a.tasks).find((t) => t.number === '12').measure;
      const row = table.locator('tbody tr[data-task="12"]');
      const rowText = await row.locator('.row-text').textContent();
      assert.equal(rowText, measure12, 'the task text is in the row, not a tooltip');
      const textBox = await row.locator('.row-text').boundingBox();
      assert.ok(textBox.height > 20 && textBox.width > 100, JSON.stringify(textBox));
      // Every unit, cooperating ones too, with the role in the cell.
      const heads = await table.locator('thead th[title]').evaluateAll((ths) => ths.map((th) => th.title));
      for (const unit of [EDU, HEALTH_2026, HOUSING, '区委宣传部']) assert.ok(heads.includes(unit), `${unit} has a column`);
      const housing = table.locator(`td.role-cooperate a[data-unit="${HOUSING}"]`);
      assert.ok((await housing.count()) > 0);
      assert.match(await housing.first().textContent(), /配/);
      assert.match(await row.locator(`a[data-unit="${EDU}"]`).textContent(), /牵/);
      // One scroller: no box inside the page scrolls; the page does, both ways.
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('.matrix-view, .matrix-view *')]
          .filter((e) => {
            const s = getComputedStyle(e);
            const scrolls = (o) => o === 'auto' || o === 'scroll';
            return (scrolls(s.overflowX) && e.scrollWidth > e.clientWidth + 1) || (scrolls(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
          })
          .map((e) => e.className),
      );
      assert.deepEqual(boxes, [], 'no scroller inside the page');
      assert.ok((await office.overflowX()) > 0, 'the page scrolls sideways over the wide grid');
      assert.deepEqual(await office.smallTargets('.matrix a'), []);
      // Sticky header and first column while the page scrolls down and across.
      const headTop = await table.locator('thead th').first().evaluate((th) => th.getBoundingClientRect().top + window.scrollY);
      await page.evaluate((y) => window.scrollTo(400, y + 900), headTop);
      const stuck = await page.evaluate(() => {
        const head = document.querySelector('.matrix thead th:nth-child(5)').getBoundingClientRect();
        const first = document.querySelector('.matrix tbody tr[data-task="30"] th').getBoundingClientRect();
        return { headTop: head.top, firstLeft: first.left };
      });
      assert.ok(Math.abs(stuck.headTop) < 2, `header at ${stuck.headTop}`);
      assert.ok(Math.abs(stuck.firstLeft) < 2, `first column at ${stuck.firstLeft}`);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await office.screenshot(`office/${shape}-matrix-2026-scrolled`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await office.screenshot(`office/${shape}-matrix-2026`);
    });
  }

  test('filters by area and by unit are kept; the grid prints on landscape pages', async () => {
    const { page } = office;
    await page.setViewportSize({ width: 1024, height: 768 });
    await office.open('#view=matrix');
    await page.locator('#matrix-area').selectOption('10');
    await page.waitForFunction(() => document.querySelectorAll('.matrix tbody tr').length === 2);
    assert.deepEqual(await page.locator('.matrix tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.task)), ['59', '60']);
    await page.locator('#matrix-unit').selectOption(HOUSING);
    await page.waitForFunction(() => document.querySelectorAll('.matrix thead th').length === 2);
    assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), new RegExp(`area=10.*unit=${HOUSING}|unit=${HOUSING}.*area=10`));
    await page.locator('#matrix-unit').selectOption('');
    await page.locator('#matrix-area').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('.matrix tbody tr').length === 60);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const path = app.path('matrix.pdf');
    await writeFile(path, pdf);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
    assert.ok(Number(w) > Number(h), `landscape pages: ${w} × ${h}`);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(text.includes('推进校园食品安全数字化') || text.includes('智慧'), 'task text printed');
    assert.ok(text.includes(HOUSING.slice(1)), 'the cooperating unit printed');
    office.assertClean();
  });
});
