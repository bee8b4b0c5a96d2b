// 载入新的分工表: the office loads the 2026 Word table on the plans screen, sees every
// problem by row and the preview (10 areas, 60 tasks), maps the renamed bureau, marks
// targets and dates (from the suggestions and by selecting text), saves, exports the plan
// file (valid against the published schema) and uses it; units then work on it. The same
// table pasted (HTML, or tab-separated text) previews the same; a damaged .docx and an old
// .doc are refused in Chinese.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EDU, PLAN_2023, ROOT, schemaValidator, useApp } from '../tools/app.mjs';

const FIXTURES = resolve(ROOT, 'tests/fixtures/plans');
const DOCX = join(FIXTURES, 'plan-2026.docx');
const HEALTH_2026 = '区卫生健康委员会';
const HEALTH_2023 = '区卫生健康局';

const app = useApp();

/** A device on the plans screen, with its editor. */
const device = () => app.device({ hash: '#view=plans', ready: '.plan-editor' });

async function facts(page) {
  await page.locator('.editor-preview').waitFor();
  return page.locator('.editor-facts').textContent();
}

/** Selects `phrase` inside task `task`'s text, as a person dragging over it would. */
async function selectIn(page, task, phrase) {
  await page.locator(`.mark-task[data-task="${task}"] .mark-text`).evaluate((el, phrase) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(phrase);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + phrase.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
    }
    throw new Error(`"${phrase}" is not in the task's text`);
  }, phrase);
}


describe('loading a new table', () => {
  test('a Word file becomes a plan that units work on', async () => {
    const dev = await device();
    const { page } = dev;
    await page.locator('.table-file-input').setInputFiles(DOCX);
    assert.match(await facts(page), /10 个方面 · 60 项任务/);
    assert.match(await page.locator('.table-origin').textContent(), /plan-2026\.docx/);
    const unknown = page.locator('.table-problems li.problem-decide');
    assert.match(await unknown.first().textContent(), /待确认.*区卫生健康委员会.*不在单位名单中/);
    assert.equal(await page.locator('.table-problems li.problem-error').count(), 0);
    assert.equal(await page.locator('#editor-year').inputValue(), '2026');
    assert.equal(await page.locator('.editor-preview .plan-id').count(), 0, 'no plan id shown');
    const areas = page.locator('.editor-area');
    assert.equal(await areas.count(), 10);
    assert.match(await areas.nth(9).textContent(), /十、推进食品安全智慧治理\s*（2 项）/);
    await areas.nth(9).locator('summary').click();
    assert.match(await areas.nth(9).locator('.editor-tasks').textContent(), /责任单位：市市场监管局福田监管局、区工业和信息化局/);

    // Units: the renamed bureau, pre-selected from the guess, confirmed.
    await page.locator('.editor-step', { hasText: '单位' }).click();
    const health = page.locator(`.unknown-unit[data-name="${HEALTH_2026}"]`);
    assert.ok(await health.locator('.choose-known').isChecked(), 'the guess is pre-selected');
    assert.equal(await health.locator('select.known-unit').inputValue(), HEALTH_2023);
    await health.locator('.choose-new').check();
    assert.equal(await health.locator('.new-short').inputValue(), '卫生健康');
    await health.locator('.choose-known').check();
    await health.locator('select.known-unit').selectOption(HEALTH_2023);
    await health.locator('.unit-decided').waitFor();

    // The language switches mid-way; the draft stays.
    await dev.setLanguage('en');
    await page.locator('.editor-step', { hasText: 'Units' }).waitFor();
    assert.equal(await health.locator('select.known-unit').inputValue(), HEALTH_2023);
    await dev.setLanguage('zh');

    // Targets and dates: one of each from the suggestions, one date by selecting text, and a
    // selection with no date refused.
    await page.locator('.editor-step', { hasText: '指标与节点' }).click();
    const figure = page.locator('.suggestion-figure').first();
    await figure.click();
    assert.equal(await figure.getAttribute('aria-pressed'), 'true');
    const date = page.locator('.suggestion-date').first();
    await date.click();
    assert.equal(await date.getAttribute('aria-pressed'), 'true');
    const task60 = page.locator('.mark-task[data-task="60"]');
    await selectIn(page, 60, '推广食品安全电子追溯');
    await task60.locator('.mark-date').click();
    assert.match(await task60.locator('.mark-refused').textContent(), /所选文字中没有日期/);
    await selectIn(page, 60, '11月30日前完成冷链食品追溯系统升级');
    assert.match(await task60.locator('.selected-text').textContent(), /已选：「11月30日前/);
    await task60.locator('.mark-date').click();
    assert.equal(await task60.locator('.mark-refused').count(), 0);
    assert.match(await page.locator('.marked h4').textContent(), /已标记 1 项指标、2 个节点/);
    assert.match(await page.locator('.marked-list').textContent(), /11月30日前.*2026年11月30日/);
    // A mark removed and made again.
    const item = page.locator('.marked-item', { hasText: '冷链食品追溯' });
    await item.locator('.marked-remove').click();
    assert.match(await page.locator('.marked h4').textContent(), /1 项指标、1 个节点/);
    await selectIn(page, 60, '11月30日前完成冷链食品追溯系统升级');
    await task60.locator('.mark-date').click();
    assert.match(await page.locator('.marked h4').textContent(), /1 项指标、2 个节点/);

    // Save, export, use.
    await page.locator('.editor-step', { hasText: '保存' }).click();
    assert.match(await page.locator('.save-summary').textContent(), /更名：区卫生健康局 → 区卫生健康委员会/);
    await page.locator('.editor-save-button').click();
    await page.locator('.editor-saved-message', { hasText: '已保存计划' }).waitFor();
    const { path } = await dev.download(page.locator('.editor-export'), 'new.plan.json');
    const file = JSON.parse(await readFile(path, 'utf8'));
    const validate = await schemaValidator('duty-ledger-plan.schema.json');
    assert.ok(validate(file), JSON.stringify(validate.errors));
    assert.match(file.plan.id, /^plan-2026-[0-9a-f]{8}$/);
    assert.equal(file.plan.year, 2026);
    assert.equal(file.plan.targets.length, 1);
    assert.equal(file.plan.milestones.length, 2);
    assert.ok(file.plan.milestones.some((m) => m.task === 60 && m.due.includes('2026-11-30')));
    assert.ok(file.plan.units.some((u) => u.name === HEALTH_2026));
    assert.ok(!file.plan.units.some((u) => u.name === HEALTH_2023));
    // The plan list shows it.
    await page.locator(`.plan-entry[data-plan="${file.plan.id}"]`).waitFor();
    await Promise.all([page.waitForEvent('load'), page.locator('.editor-use').click()]);
    await page.locator(`.plan-entry[data-plan="${file.plan.id}"].plan-in-use`).waitFor();

    // Units work on it: the renamed bureau and the education bureau.
    await dev.pickUnit(HEALTH_2026);
    assert.ok(await page.locator('.my-tasks li.my-task').count() > 0);
    await dev.openTask(11);
    await dev.setStatus('推进中');
    await dev.addNote('2026年：营养与健康学校创建启动');
    await dev.pickUnit(EDU);
    assert.ok(await page.locator('.my-tasks li.my-task').count() > 0);
    await dev.openTask(10);
    await dev.addNote('2026年：校园食品安全专项检查');
    const exported = JSON.parse((await dev.exportFile('own', 'edu.json')).text);
    assert.deepEqual(exported.plan, { id: file.plan.id, table_sha256: file.table_sha256 });
    assert.ok(exported.records.some((r) => r.unit === EDU && r.task === 10));
    await dev.close();
  });

  test('the same table pasted as HTML or as tab-separated text previews the same', async () => {
    const dev = await device();
    const { page } = dev;
    const html = await readFile(join(FIXTURES, 'plan-2026.html'), 'utf8');
    const tsv = await readFile(join(FIXTURES, 'plan-2026.tsv'), 'utf8');
    await dev.pasteTable({ 'text/html': html, 'text/plain': tsv });
    assert.match(await facts(page), /10 个方面 · 60 项任务/);
    assert.match(await page.locator('.table-origin').textContent(), /粘贴的表格/);
    assert.equal(await page.locator('.editor-area').count(), 10);
    await page.locator('.editor-step', { hasText: '单位' }).click();
    await page.locator('.editor-preview').waitFor({ state: 'detached' });
    await dev.pasteTable({ 'text/plain': tsv });
    assert.match(await facts(page), /10 个方面 · 60 项任务/);
    assert.equal(await page.locator('.editor-area').count(), 10);
    assert.match(await page.locator('.table-problems').textContent(), /区卫生健康委员会/);
    await dev.close();
  });

  test('a damaged .docx and an old .doc are refused in Chinese', async () => {
    const dev = await device();
    const { page } = dev;
    const bytes = await readFile(DOCX);
    await page.locator('.table-file-input').setInputFiles({
      name: 'cut.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
    });
    await page.locator('.table-problems li.problem-error', { hasText: '文件不完整或已损坏' }).waitFor();
    assert.equal(await page.locator('.editor-preview').count(), 0);
    assert.match(await page.locator('.plan-editor .field-error').first().textContent(), /请在 Word 中修改/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    await page.locator('.table-file-input').setInputFiles({ name: '分工表.docx', mimeType: 'application/msword', buffer: ole });
    await page.locator('.table-problems li.problem-error', { hasText: '这不是 Word（.docx）文件' }).waitFor();
    assert.equal(await page.locator('.editor-preview').count(), 0);
    // The zip's directory intact, the deflated document damaged: the browser's inflater
    // refuses it, and so does the app.
    const name = Buffer.from('word/document.xml');
    let at = 0;
    for (;;) {
      at = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1'), at);
      if (bytes.subarray(at + 30, at + 30 + name.length).equals(name)) break;
      at += 4;
    }
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, start + 200, start + 400);
    await page.locator('.table-file-input').setInputFiles({ name: 'damaged.docx', mimeType: 'application/octet-stream', buffer: damaged });
    await page.locator('.table-origin', { hasText: 'damaged.docx' }).waitFor();
    assert.match(await page.locator('.table-problems').textContent(), /文件不完整或已损坏/);
    await dev.close();
  });
});

const CITY_2023 = '区城管和综合执法局';
const CITY_2026 = '区城市管理和综合执法局';
const DECEMBER = '2026-12-05T10:00:00+08:00';

/** The 2026 table as Word puts it on the clipboard (tab-separated), with names changed. */
async function tsvWith(changes) {
  let tsv = await readFile(join(FIXTURES, 'plan-2026.tsv'), 'utf8');
  for (const [from, to] of changes) tsv = tsv.replaceAll(from, to);
  return tsv;
}

describe('renamed units', () => {
  test('a renamed bureau is proposed by similarity, confirmed, and its tablet follows the rename', async () => {
    const dev = await app.device({ unit: CITY_2023, viewport: 'landscape', clockAt: DECEMBER });
    const { page } = dev;
    await dev.open('#view=plans', { ready: '.plan-editor' });
    // 区城管… is printed under its new name; 皇岗海关 gives way to a unit like no other.
    await dev.pasteTable({ 'text/plain': await tsvWith([[CITY_2023, CITY_2026], ['皇岗海关', '区数据局']]) });
    await page.locator('.editor-preview').waitFor();
    const toDecide = await page.locator('.table-problems li.problem-decide').count();
    assert.ok(toDecide >= 3, 'each use of the three names is listed');
    assert.match(await page.locator('.table-summary').textContent(), /3 处待确认/);
    await dev.press(page.locator('.editor-step', { hasText: '单位' }));
    const city = page.locator(`.unknown-unit[data-name="${CITY_2026}"]`);
    assert.ok(await city.locator('.choose-known').isChecked(), 'proposed as the renamed bureau');
    assert.equal(await city.locator('select.known-unit').inputValue(), CITY_2023);
    assert.equal(await city.locator('select.known-unit option').first().textContent(), CITY_2023, 'most alike first');
    await city.locator('.unit-proposed', { hasText: '建议，请确认' }).waitFor();
    const pending = page.locator('.editor-pending');
    const waiting = await pending.textContent();
    assert.match(waiting, /待确认 3 项：/);
    for (const name of ['区卫生健康委员会', CITY_2026, '区数据局']) assert.ok(waiting.includes(name), name);
    // A unit like no other is proposed new; "same as" then names no unit (never 区食药安办).
    const data = page.locator('.unknown-unit[data-name="区数据局"]');
    assert.ok(await data.locator('.choose-new').isChecked());
    await dev.press(data.locator('.choose-known'));
    assert.equal(await data.locator('select.known-unit').inputValue(), '');
    assert.match(await data.locator('select.known-unit').evaluate((s) => s.selectedOptions[0].textContent), /请选择原单位名称/);
    assert.ok(await data.locator('.confirm-unit').isDisabled());
    await dev.decideUnit('区数据局', { asNew: true });
    // Saving waits for every name.
    await dev.press(page.locator('.editor-step', { hasText: '保存' }));
    await dev.press(page.locator('.editor-save-button'));
    assert.match(await page.locator('.save-refused').textContent(), /尚未确认“区卫生健康委员会”/);
    await dev.decideUnit('区卫生健康委员会');
    await dev.decideUnit(CITY_2026);
    assert.match(await page.locator('.editor-pending').textContent(), /所有单位名称均已确认/);
    assert.equal(await page.locator('.table-problems li.problem-decide').count(), 0);
    assert.equal(await page.locator('.table-problems li.problem-decided').count(), toDecide);
    assert.match(await page.locator('.table-summary').textContent(), /0 处待确认/);
    // Every radio, list and button of the step is a 44 px target.
    assert.deepEqual(await dev.touchTargets({ within: '.editor-units' }), []);
    await dev.press(page.locator('.editor-step', { hasText: '保存' }));
    assert.match(await page.locator('.save-summary').textContent(), /更名：区城管和综合执法局 → 区城市管理和综合执法局/);
    await dev.press(page.locator('.editor-save-button'));
    await page.locator('.editor-saved-message', { hasText: '已保存计划' }).waitFor();
    const { path } = await dev.download(page.locator('.editor-export'), 'renamed.plan.json');
    const file = JSON.parse(await readFile(path, 'utf8'));
    const validate = await schemaValidator('duty-ledger-plan.schema.json');
    assert.ok(validate(file), JSON.stringify(validate.errors));
    assert.deepEqual(file.plan.units.find((u) => u.name === CITY_2026).formerly, [CITY_2023]);
    await Promise.all([page.waitForEvent('load'), dev.press(page.locator('.editor-use'))]);
    await page.locator('.plan-in-use').waitFor();

    // The tablet works for the renamed bureau by itself: no warning, no re-picking.
    await dev.open('#view=mine');
    await page.locator('.profile-renamed', { hasText: `已更名为“${CITY_2026}”` }).waitFor();
    assert.equal(await page.locator('.notice-warning', { hasText: '不在单位名单中' }).count(), 0);
    assert.match(await page.locator('.app-header .who').textContent(), new RegExp(CITY_2026));
    assert.ok((await page.locator('.my-tasks li.my-task').count()) > 0);
    await dev.openTask(await page.locator('.my-tasks li.my-task').first().getAttribute('data-task'));
    await dev.setStatus('推进中');
    const exported = JSON.parse((await dev.exportFile('own', 'city.json')).text);
    assert.ok(exported.records.length > 0 && exported.records.every((r) => r.unit === CITY_2026));
    // Once saved, the notice is not repeated.
    await dev.reload();
    assert.equal(await page.locator('.profile-renamed').count(), 0);
    await dev.close();
  });

  test('a unit the plan in use does not know is chosen again, and the warning goes', async () => {
    // A tablet of the renamed health bureau on the 2026 plan, switched back to the 2023 one.
    const dev = await app.device({ viewport: 'portrait', clockAt: DECEMBER, hash: '#view=plans', ready: '.plans-view' });
    const { page } = dev;
    await dev.loadPlan2026();
    await dev.pickUnit(HEALTH_2026);
    await dev.usePlan(PLAN_2023.id);
    const warning = page.locator('.profile-notice', { hasText: `“${HEALTH_2026}”不在单位名单中` });
    await warning.waitFor();
    await dev.pickUnit(HEALTH_2023);
    assert.equal(await warning.count(), 0, 'the warning goes once a unit is chosen');
    await dev.reload();
    assert.equal(await page.locator('.profile-notice').count(), 0);
    await dev.close();
  });
});

test('no console errors and no request off the page origin', () => {
  app.assertClean();
});
