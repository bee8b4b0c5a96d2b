// Issue 20 §4–5 on tablets with touch, the 2026 table. The May meeting (clock at 15 May 2026):
// a unit blocked on a task sends its file; the office, in its own browser, opens 会议材料 and
// finds the item under the departments involved with the unit, reason, day raised and replies;
// records the meeting's decision; the item, the print (pdftotext), the Word file (python-docx)
// and the next 落实情况 report show it. The 年度总结 (clock at 2 November 2026): the unit's
// draft is pre-filled from its notes, edited, saved and submitted, and exported; the office
// imports it in a separate browser and compiles the district's summaries (print, XLSX through
// openpyxl, Word through python-docx) with the units that have not submitted named.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, OFFICE, readDocx, readXlsx, useApp } from '../tools/app.mjs';

const MAY = '2026-05-15T10:00:00+08:00';
const NOVEMBER = '2026-11-02T10:00:00+08:00';
const HEALTH_2026 = '区卫生健康委员会';
const REASON = '检测场地未落实，需区卫生健康委员会协调';
const DECISION = '会议议定：区卫生健康委员会5月底前提供检测场地';
const NOTE = '完成全区中小学食堂专项检查';
const SUMMARY = '全年完成中小学食堂专项检查全覆盖，整改问题全部销号';

const app = useApp();

describe('会议材料: a 需协调 item and the decision the meeting took', () => {
  let edu, office;

  before(async () => {
    edu = await app.device({ viewport: 'portrait', clockAt: MAY, label: 'edu' });
    await edu.loadPlan2026();
    await edu.pickUnit(EDU);
    office = await app.device({ viewport: 'landscape', clockAt: MAY, label: 'office' });
    await office.loadPlan2026();
    await office.pickUnit(OFFICE);
  });
  after(async () => {
    await edu?.close();
    await office?.close();
  });

  test('the office lists the blocked item by department and records the meeting decision', async () => {
    await edu.openTask(12);
    await edu.setStatus('受阻', { reason: REASON });
    const eduFile = await edu.exportFile('own', 'edu-meeting.json');
    await office.importFiles([eduFile.path]);
    assert.match(await office.apply(), /已导入 1 个文件/);

    await office.openReportKind('meeting');
    const { page } = office;
    const item = office.meetingItem(12, EDU);
    await item.waitFor();
    const group = page.locator('.meeting-group', { has: item });
    assert.equal((await group.locator('.meeting-departments').textContent()).trim(), EDU);
    assert.match(await item.textContent(), new RegExp(`${EDU}.*2026年5月15日提出.*${REASON}.*尚无协调意见`));
    assert.deepEqual(await office.smallTargets('.meeting-decide, .report-kind .segment span, .meeting-controls button'), []);

    await office.recordDecision(12, EDU, { text: DECISION, owner: HEALTH_2026, meeting: '2026-05-15', due: '2026-05-31' });
    // The unit to act joins the departments involved; the decision is marked with its meeting.
    const moved = office.meetingItem(12, EDU);
    const departments = page.locator('.meeting-group', { has: moved }).locator('.meeting-departments');
    assert.equal((await departments.textContent()).trim(), `${HEALTH_2026}、${EDU}`);
    assert.match(await moved.locator('.meeting-decision').textContent(), new RegExp(`会议决定（2026年5月15日）：${DECISION}`));
    assert.deepEqual(await office.smallTargets('.meeting-controls button'), []);
    await office.screenshot('office/landscape-meeting');

    // A meeting after today is refused, and what was typed stays.
    await office.press(moved.locator('.meeting-decide'));
    const form = moved.locator('.meeting-form');
    await form.locator('.meeting-date').fill('2026-05-20');
    await form.locator('.meeting-text').fill('还没开的会');
    await office.press(form.locator('.meeting-save'));
    assert.match(await form.locator('.meeting-problem').textContent(), /会议日期不能晚于今天/);
    assert.equal(await form.locator('.meeting-text').inputValue(), '还没开的会');
    await office.press(form.getByRole('button', { name: '取消' }));

    const { pages } = await office.printPdf('meeting.pdf');
    const printed = pages.join('\n').replace(/\s+/g, '');
    assert.match(printed, /协调会议材料/);
    assert.ok(printed.includes(REASON), 'the reason prints');
    assert.ok(printed.includes('会议决定（2026年5月15日）'), 'the decision prints');
    assert.ok(!printed.includes('记录会议决定'), 'no buttons on paper');

    const word = await office.download(page.locator('.meeting-docx'));
    assert.match(word.name, /^会议材料-2026-05-15\.docx$/);
    const doc = readDocx(word.path);
    assert.ok(doc.paragraphs.some((p) => p.includes('协调会议材料')), JSON.stringify(doc.paragraphs));
    assert.ok(doc.paragraphs.includes(`${HEALTH_2026}、${EDU}`));
    assert.ok(doc.cells.some((c) => c.includes(DECISION)));
    assert.ok(doc.cells.includes(REASON));

    const xlsx = await office.download(page.locator('.meeting-xlsx'));
    const book = readXlsx(xlsx.path);
    assert.equal(book.sheets[0].name, '会议材料');
    assert.ok(JSON.stringify(book.sheets[0].rows).includes(DECISION));

    // The next implementation report shows what was decided.
    await office.openReportKind('progress');
    const row = page.locator(`.blocked-table tr[data-task="12"][data-unit="${EDU}"]`);
    assert.match(await row.locator('.blocked-answer').textContent(), /会议决定（2026年5月15日）/);
  });
});

describe('年度总结: written by a unit, submitted, compiled by the office', () => {
  let edu, office, eduFile;

  before(async () => {
    edu = await app.device({ viewport: 'portrait', clockAt: NOVEMBER, label: 'edu' });
    await edu.loadPlan2026();
    await edu.pickUnit(EDU);
    office = await app.device({ viewport: 'landscape', clockAt: NOVEMBER, label: 'office' });
    await office.loadPlan2026();
    await office.pickUnit(OFFICE);
  });
  after(async () => {
    await edu?.close();
    await office?.close();
  });

  test('the unit starts from its notes, edits, saves and submits', async () => {
    await edu.openTask(12);
    await edu.setStatus('推进中');
    await edu.addNote(NOTE, { saved: true });
    await edu.openReportKind('annual');
    const editor = edu.summaryEditor(12);
    const draft = await editor.locator('.annual-text').inputValue();
    assert.match(draft, /^当前状态：推进中/);
    assert.ok(draft.includes(NOTE), draft);
    assert.match(await editor.locator('.annual-saved-state').textContent(), /草稿（尚未保存）/);
    // Nothing visible is refused in words, and the box keeps what was there.
    await editor.locator('.annual-text').fill('   ');
    await edu.press(editor.locator('.annual-save'));
    assert.match(await editor.locator('.annual-problem').textContent(), /年度总结/);
    await edu.writeSummary(12, `${SUMMARY}\n${draft}`);
    assert.match(await editor.locator('.annual-saved-state').textContent(), /第 1 版/);
    assert.deepEqual(await edu.smallTargets('.annual-editor button, .annual-submit'), []);
    await edu.screenshot('unit/portrait-annual');
    assert.match(await edu.submitSummary(), /已提交（2026年11月2日）/);
    eduFile = await edu.exportFile('own', 'edu-annual.json');
    const file = JSON.parse(eduFile.text);
    assert.equal(file.format_version, 5);
    assert.ok(file.records.some((r) => r.change.kind === 'summary' && r.change.text.startsWith(SUMMARY)));
    assert.ok(file.records.some((r) => r.change.kind === 'submitted' && r.change.round === 'summary'));
  });

  test('the office, in another browser, compiles the summaries and names who has not submitted', async () => {
    await office.importFiles([eduFile.path]);
    assert.match(await office.apply(), /已导入 1 个文件/);
    await office.openReportKind('annual');
    const { page } = office;
    const missing = (await page.locator('.annual-missing-text').textContent()).trim();
    assert.match(missing, /个单位未提交：/);
    assert.ok(!missing.includes(`${EDU}（`), missing);
    assert.match(missing, /华强北街道办事处（已填写 0\/\d+ 项）/);
    const row = page.locator(`.annual-row[data-task="12"][data-unit="${EDU}"]`);
    assert.ok((await row.locator('.annual-summary-text').textContent()).startsWith(SUMMARY));
    assert.deepEqual(await office.smallTargets('.annual-controls button'), []);

    const { pages } = await office.printPdf('annual.pdf');
    const printed = pages.join('\n').replace(/\s+/g, '');
    assert.ok(printed.includes('年度总结汇编'));
    // A table cell wraps, and -layout sets the columns side by side: its first words print whole.
    assert.ok(printed.includes(SUMMARY.slice(0, 6)), 'the summary prints');
    assert.ok(printed.includes('未提交年度总结的单位'));

    const xlsx = await office.download(page.locator('.annual-xlsx'));
    const book = readXlsx(xlsx.path, 400);
    assert.deepEqual(book.sheets.map((s) => s.name), ['年度总结', '提交情况']);
    assert.ok(JSON.stringify(book.sheets[0].rows).includes(SUMMARY));
    const units = JSON.stringify(book.sheets[1].rows);
    assert.match(units, /未提交/);
    assert.match(units, /2026-11-02/);

    const word = await office.download(page.locator('.annual-docx'));
    const doc = readDocx(word.path);
    assert.equal(doc.styles[0], 'Title');
    assert.ok(doc.paragraphs[0].includes('年度总结汇编'));
    assert.ok(doc.paragraphs.some((p) => p.startsWith(SUMMARY)), 'the summary in Word');
    assert.ok(doc.paragraphs.some((p) => p.includes('个单位未提交')));
    assert.ok(doc.paragraphs.includes('（未填写）'));
  });
});
