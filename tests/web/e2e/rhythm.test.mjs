// Issue 20 §1–3 on tablets with touch, the 2026 table, the clock at 10 March 2026 (and then
// 5 December): a unit writes its 落实方案 (contact, measures, steps with dates and 责任人; bad
// input refused with the reason and nothing typed lost), edits a step (its versions kept),
// marks one done, sees its steps with lights on 我的任务, submits and exports; the office, in
// its own browser, imports the file, sets the due date, sees the unit 已提交 on 汇总 with the
// submitted text read-only, a 催报 list naming the units still missing with the reminder text,
// and 退回 with a reason; the unit imports the office's file and sees why it was returned.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, OFFICE, assertValidAs2023, schemaValidator, useApp } from '../tools/app.mjs';

const MARCH = '2026-03-10T10:00:00+08:00';
const DECEMBER = '2026-12-05T10:00:00+08:00';
const MEASURES = '开展校园食堂专项检查，建立问题台账';
const RESULTS = '全区中小学食堂检查全覆盖';
const REASON = '第二步缺少具体检查范围，请补充后重新提交';

const app = useApp();

describe('落实方案 from a unit to the office, submitted, reminded and returned', () => {
  let edu, office, eduFile, officeFile, task;

  before(async () => {
    edu = await app.device({ viewport: 'portrait', clockAt: MARCH, label: 'edu' });
    await edu.loadPlan2026();
    await edu.pickUnit(EDU);
    office = await app.device({ viewport: 'landscape', clockAt: MARCH, label: 'office' });
    await office.loadPlan2026();
    await office.pickUnit(OFFICE);
  });
  after(async () => {
    await edu?.close();
    await office?.close();
  });

  test('the unit writes its plan; bad input is refused with the reason and kept', async () => {
    await edu.openImplementation();
    [task] = await edu.planTasks();
    assert.ok(task > 0);
    const refused = await edu.setPlanContact({ name: '李老师', post: '科长', phone: '李老师的电话' }, { refused: true });
    assert.match(refused, /电话号码不正确/);
    assert.equal(await edu.page.locator('#plan-contact-name').inputValue(), '李老师', 'nothing typed is lost');
    await edu.setPlanContact({ name: '李老师', post: '科长', phone: '0755-8391 2345' });
    await edu.writeMeasures(task, MEASURES, RESULTS);

    const noOwner = await edu.addStep(task, { what: '制定检查方案', when: '2026-04', month: true, person: '' }, { refused: true });
    assert.equal(noOwner, '请填写责任人。');
    const part = await edu.planTask(task);
    assert.equal(await part.locator(':scope > .step-form .step-what').inputValue(), '制定检查方案');
    const noDate = await edu.addStep(task, { what: '制定检查方案', when: '', person: '王五' }, { refused: true });
    assert.match(noDate, /请填写完成时间/);
    const outside = await edu.addStep(task, { what: '制定检查方案', when: '2027-01-15', person: '王五' }, { refused: true });
    assert.equal(outside, '完成时间须在计划年度（2026 年）内。');

    await edu.addStep(task, { what: '制定检查方案', when: '2026-04', month: true, person: '王五' });
    await edu.addStep(task, { what: '召开部署会', when: '2026-03-05', person: '赵六' });
    await edu.addStep(task, { what: '开展专项检查', when: '2026-06-30', person: '王五' });
    await part.locator('.plan-step').nth(2).waitFor();
    await edu.editStep(task, '开展专项检查', { what: '开展食堂专项检查（覆盖全部中小学）' });
    const edited = part.locator('.plan-step', { hasText: '覆盖全部中小学' });
    await edited.locator('.step-history summary').waitFor();
    assert.match(await edited.locator('.step-history summary').textContent(), /历史版本（2）/);

    const small = await edu.touchTargets({ within: 'section.rhythm-mine' });
    assert.deepEqual(small, [], 'touch targets of the plan editor');
  });

  test('steps show on 我的任务 with dates and lights; one is marked done; the plan is submitted', async () => {
    await edu.open('#view=mine', { ready: 'section.rhythm-mine' });
    const late = edu.mySteps().filter({ hasText: '召开部署会' });
    assert.match(await late.getAttribute('class'), /light-red/, 'past its date and not done');
    assert.match(await late.textContent(), /已逾期/);
    assert.match(await edu.mySteps().filter({ hasText: '制定检查方案' }).textContent(), /2026年4月/);
    await edu.markStepDone('召开部署会');
    assert.match(await edu.mySteps().filter({ hasText: '召开部署会' }).getAttribute('class'), /light-green/);
    assert.match(await edu.roundLine('plan').locator('.rhythm-round-state').textContent(), /草稿/);
    const state = await edu.submitRound('plan');
    assert.match(state, /已提交（2026年3月10日）/);
    eduFile = await edu.exportFile('own', 'edu-2026-落实方案.json');
    const file = JSON.parse(eduFile.text);
    assert.equal(file.format_version, 5);
    const kinds = new Set(file.records.map((r) => r.change.kind));
    for (const kind of ['implementation', 'step', 'step_done', 'contact', 'submitted']) assert.ok(kinds.has(kind), kind);
    assert.equal(file.records.find((r) => r.change.kind === 'submitted').task, 0);
    assertValidAs2023(await schemaValidator('duty-ledger.schema.json'), file);
    edu.assertClean();
  });

  test('the office sees the unit submitted, reads its plan, and has the 催报 list', async () => {
    await office.importFiles([eduFile.path]);
    await office.apply();
    const board = await office.openBoard('plan');
    await office.setRoundDue('2026-03-31');
    const row = office.boardRow(EDU);
    assert.match(await row.getAttribute('class'), /state-submitted/);
    assert.match(await row.locator('.submission-state').textContent(), /已提交（2026年3月10日）/);
    assert.match(await row.locator('.submission-contact').textContent(), /李老师 · 科长 · 0755-8391 2345/);
    await office.press(row.locator('.submitted-text summary'));
    const text = row.locator('.plan-readonly');
    await text.waitFor();
    assert.match(await text.textContent(), new RegExp(MEASURES));
    assert.match(await text.textContent(), /覆盖全部中小学/);
    assert.equal(await text.locator('input, textarea').count(), 0, 'read-only');

    const missingRows = board.locator('.submission-row.state-not_started');
    assert.ok((await missingRows.count()) > 3);
    const missingUnit = (await missingRows.first().getAttribute('data-unit'));
    const reminder = await office.reminderText();
    assert.match(reminder, /以下 \d+ 个单位尚未向区食药安办提交落实方案（2026年3月31日前）/);
    assert.ok(reminder.includes(missingUnit), reminder);
    assert.match(reminder, /未开始/);
    assert.ok(!reminder.includes(EDU), 'the unit that submitted is not reminded');
    assert.match(await board.locator('#reminder-heading').textContent(), /催报：\d+ 个单位尚未提交/);
    const small = await office.touchTargets({ within: 'section.submission-board' });
    assert.deepEqual(small, [], 'touch targets of the board');
    office.assertClean();
  });

  test('the matrix header shows each unit\'s plan state and opens the submitted plan read-only', async () => {
    const sheet = await office.openMatrixPlan(EDU);
    const state = office.matrixPlanState(EDU);
    assert.match(await state.textContent(), /已提交 03-10/);
    assert.match(await state.getAttribute('class'), /state-submitted/);
    const notStarted = office.page.locator('.matrix thead .col-plan-state.state-not_started');
    assert.ok((await notStarted.count()) > 3);
    assert.match(await notStarted.first().textContent(), /未开始/);
    const text = sheet.locator('.plan-readonly');
    assert.match(await text.textContent(), new RegExp(MEASURES));
    assert.equal(await sheet.locator('input, textarea').count(), 0, 'read-only');
    const small = await office.touchTargets({ within: '.matrix thead' });
    assert.deepEqual(small, [], 'touch targets of the matrix header');
    await office.press(sheet.locator('.matrix-plan-close'));
    await sheet.waitFor({ state: 'detached' });
    office.assertClean();
  });

  test('the office returns the plan with a reason; the unit sees it after importing', async () => {
    await office.openBoard('plan');
    await office.returnSubmission(EDU, REASON);
    assert.match(await office.boardRow(EDU).locator('.submission-state').textContent(), new RegExp(`已退回：${REASON}`));
    officeFile = await office.exportFile('all', 'office-2026-退回.json');
    await edu.importFiles([officeFile.path]);
    await edu.apply();
    await edu.open('#view=mine', { ready: 'section.rhythm-mine' });
    const notice = edu.roundLine('plan').locator('.rhythm-returned');
    await notice.waitFor();
    assert.match(await notice.textContent(), new RegExp(REASON));
    assert.equal(await edu.roundLine('plan').locator('.rhythm-submit').isDisabled(), false, 'it can submit again');
    edu.assertClean();
  });

  test('in December the steps not done are red', async () => {
    await edu.setClock(DECEMBER);
    await edu.reload({ ready: 'section.rhythm-mine' });
    await edu.open('#view=mine', { ready: 'section.rhythm-mine' });
    const steps = edu.mySteps();
    await steps.first().waitFor();
    const classes = await steps.evaluateAll((els) => els.map((e) => [e.textContent, e.className]));
    for (const [text, cls] of classes) {
      if (text.includes('召开部署会')) assert.match(cls, /light-green/, 'done stays green');
      else assert.match(cls, /light-red/, text);
    }
    const small = await edu.touchTargets({ within: 'section.rhythm-mine' });
    assert.deepEqual(small, []);
  });
});
