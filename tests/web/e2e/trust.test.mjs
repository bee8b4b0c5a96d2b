// The device roster (设备名册) in real browsers, each browser context one device: a tablet's
// fingerprint on its roster screen is the one the office sees as 新设备; trusting once lets
// later files apply; revoking refuses the device's next file and marks its earlier notes; the
// office's signed roster lets a unit accept a third device without asking; and a device
// holding a record stamped later than its clock warns 本机时间可能不准.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, launch, watch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const EDU = '区教育局';
const MARKET = '市市场监管局福田监管局';
const OFFICE = '区食药安办';
const FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

let server, browser, dir;
const watched = [];

before(async () => {
  server = await startServer({ root: DIST });
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'duty-ledger-trust-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  for (const seen of watched) {
    assert.deepEqual(seen.offOrigin, [], 'no request leaves the origin');
  }
});

async function asUnit(unit) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  watched.push(watch(context, server.origin));
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: unit, exact: true }).click();
  await page.locator('.my-tasks').waitFor();
  return { context, page };
}

async function openTask(page, id) {
  await page.goto(`${server.url}#task=${id}`);
  await page.locator(`section.task-detail[data-task="${id}"]`).waitFor();
}

async function addNote(page, task, text) {
  await openTask(page, task);
  await page.locator('#new-note').fill(text);
  await page.keyboard.press('Control+Enter');
  await page.locator('.note-text', { hasText: text }).first().waitFor();
}

async function exchangePage(page) {
  await page.goto(`${server.url}#view=exchange`);
  await page.locator('section.roster').waitFor();
}

/** This device's fingerprint as its roster screen shows it. */
async function ownFingerprint(page) {
  await exchangePage(page);
  const shown = page.locator('.own-fingerprint');
  await page.waitForFunction(() => /-/.test(document.querySelector('.own-fingerprint')?.textContent ?? ''));
  return (await shown.textContent()).trim();
}

/** Clicks a download button on the exchange page and keeps the file. */
async function download(page, button, name) {
  await exchangePage(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  return { path, name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function importFiles(page, paths) {
  await exchangePage(page);
  await page.locator('.import-dialog input[type="file"]').setInputFiles(paths);
  await page.locator('.import-files > li').nth(paths.length - 1).waitFor();
  return page.locator('.import-files > li');
}

async function apply(page) {
  await page.getByRole('button', { name: /应用导入/ }).click();
  await page.locator('.import-result').waitFor();
  return page.locator('.import-result').textContent();
}

describe('the roster between tablets and the office', () => {
  let eduA, market, office;
  const files = {};
  let tabletPrint, officePrint, tabletId;

  before(async () => {
    eduA = await asUnit(EDU);
    market = await asUnit(MARKET);
    office = await asUnit(OFFICE);
  });
  after(async () => {
    for (const d of [eduA, market, office]) await d?.context.close();
  });

  test('the tablet shows its fingerprint; the office sees the same one as 新设备', async () => {
    tabletPrint = await ownFingerprint(eduA.page);
    assert.match(tabletPrint, FINGERPRINT);
    const own = eduA.page.locator(`section.roster-unit[data-unit="${EDU}"] li.roster-mine`);
    assert.match(await own.textContent(), new RegExp(`${tabletPrint}.*本机`));
    assert.equal(await own.locator('button.revoke-device').count(), 0, 'this device cannot be revoked');

    await addNote(eduA.page, 10, '教育局甲：第一条');
    files.a1 = await download(eduA.page, '导出本单位进展', 'a1.json');
    tabletId = JSON.parse(files.a1.text).devices[0].device;

    const rows = await importFiles(office.page, [files.a1.path]);
    const row = await rows.first().textContent();
    assert.match(row, /？ 新设备/);
    assert.match(row, new RegExp(`新设备：区教育局，指纹 ${tabletPrint}`));
    const applyButton = office.page.getByRole('button', { name: /应用导入/ });
    assert.equal(await applyButton.isDisabled(), true, 'a new device does not apply before 信任此设备');
    await rows.first().getByRole('button', { name: '信任此设备' }).click();
    await office.page.locator('.import-files > li.import-ok').waitFor();
    assert.match(await apply(office.page), /已导入 1 个文件/);

    const listed = office.page.locator(`li.roster-device[data-device="${tabletId}"]`);
    await exchangePage(office.page);
    assert.match(await listed.textContent(), new RegExp(`${tabletPrint}.*已信任`));
    assert.match(await listed.textContent(), /首次见到 .*最近导入 /);
  });

  test('a later file of a trusted device applies without asking', async () => {
    await addNote(eduA.page, 10, '教育局甲：第二条');
    files.a2 = await download(eduA.page, '导出本单位进展', 'a2.json');
    const rows = await importFiles(office.page, [files.a2.path]);
    assert.match(await rows.first().textContent(), /✓ 可导入/);
    assert.equal(await office.page.locator('.new-device').count(), 0);
    assert.match(await apply(office.page), /新增 1 条记录/);
  });

  test('the office trusts the market tablet too', async () => {
    await addNote(market.page, 37, '市场监管：快检任务完成');
    files.m1 = await download(market.page, '导出本单位进展', 'm1.json');
    const rows = await importFiles(office.page, [files.m1.path]);
    await rows.first().getByRole('button', { name: '信任此设备' }).click();
    await office.page.locator('.import-files > li.import-ok').waitFor();
    await apply(office.page);
  });

  test('revoking a device refuses its next file and marks its earlier notes', async () => {
    await exchangePage(office.page);
    const listed = office.page.locator(`li.roster-device[data-device="${tabletId}"]`);
    await listed.getByRole('button', { name: '撤销', exact: true }).click();
    // Two steps: the first click only asks.
    assert.equal(await listed.locator('.roster-revoked-line').count(), 0);
    await listed.getByRole('button', { name: '确认撤销此设备' }).click();
    await office.page.locator(`li.roster-device[data-device="${tabletId}"] .roster-revoked-line`).waitFor();
    assert.match(
      await office.page.locator(`li.roster-device[data-device="${tabletId}"]`).textContent(),
      /已撤销（.*）：第 2 条之后的记录一律拒绝/,
    );
    assert.match(await office.page.locator('.roster-revoke-help').textContent(), /此后的记录一律拒绝导入.*已撤销设备/);

    await addNote(eduA.page, 10, '教育局甲：撤销之后');
    files.a3 = await download(eduA.page, '导出本单位进展', 'a3.json');
    const rows = await importFiles(office.page, [files.a3.path]);
    const row = await rows.first().textContent();
    assert.match(row, /✗ 已拒绝.*已被撤销/);
    assert.equal(await office.page.getByRole('button', { name: /应用导入/ }).isDisabled(), true);

    await openTask(office.page, 10);
    for (const text of ['教育局甲：第一条', '教育局甲：第二条']) {
      const note = office.page.locator('li.note', { hasText: text });
      assert.equal(await note.locator('.mark-revoked').textContent(), '已撤销设备');
    }
    assert.equal(await office.page.locator('li.note', { hasText: '撤销之后' }).count(), 0);
    // The market tablet's note is not marked.
    await openTask(office.page, 37);
    const marketNote = office.page.locator('li.note', { hasText: '市场监管：快检任务完成' });
    await marketNote.waitFor();
    assert.equal(await marketNote.locator('.mark').count(), 0);
  });

  test('the office roster lets a unit accept a third device without 新设备', async () => {
    officePrint = await ownFingerprint(office.page);
    assert.match(officePrint, FINGERPRINT);
    files.roster = await download(office.page, '导出设备名册', 'roster.json');
    assert.match(files.roster.name, /^区食药安办-设备名册-\d{4}-\d{2}-\d{2}\.json$/);
    const roster = JSON.parse(files.roster.text);
    assert.equal(roster.office_unit, OFFICE);
    assert.deepEqual(roster.entries.map((e) => e.unit).sort(), [MARKET, EDU, OFFICE].sort());

    const eduB = await asUnit(EDU);
    try {
      // Before the office device is trusted here, the roster is not adopted.
      await exchangePage(eduB.page);
      await eduB.page.locator('.roster-import input[type="file"]').setInputFiles(files.roster.path);
      const refused = eduB.page.locator('.roster-refused');
      await refused.waitFor();
      assert.match(await refused.textContent(), new RegExp(`本机尚未信任该设备.*${officePrint}|${officePrint}.*本机尚未信任该设备`));
      await refused.getByRole('button', { name: '信任此设备' }).click();
      const adopted = eduB.page.locator('.roster-adopted');
      await adopted.waitFor();
      // The market tablet and the revoked tablet are new here; the revocation travels.
      assert.match(await adopted.textContent(), /新增信任 2 台设备，撤销 1 台设备/);
      assert.match(
        await eduB.page.locator(`section.roster-unit[data-unit="${MARKET}"]`).textContent(),
        /由区食药安办担保/,
      );

      const rows = await importFiles(eduB.page, [files.m1.path, files.a3.path]);
      assert.match(await rows.nth(0).textContent(), /✓ 可导入.*m1\.json/);
      assert.match(await rows.nth(1).textContent(), /✗ 已拒绝.*已被撤销/);
      assert.equal(await eduB.page.locator('.new-device').count(), 0);
      assert.match(await apply(eduB.page), /已导入 1 个文件/);
    } finally {
      await eduB.context.close();
    }
  });

  test('a roster edited by hand is refused', async () => {
    const edited = JSON.parse(files.roster.text);
    edited.entries[0].unit = MARKET === edited.entries[0].unit ? EDU : MARKET;
    const path = join(dir, 'roster-edited.json');
    await writeFile(path, JSON.stringify(edited));
    await exchangePage(eduA.page);
    // The tablet trusts the office first (its fingerprint read over the phone).
    await eduA.page.locator('.roster-import input[type="file"]').setInputFiles(path);
    const refused = eduA.page.locator('.roster-refused');
    await refused.waitFor();
    if (await refused.getByRole('button', { name: '信任此设备' }).count()) {
      await refused.getByRole('button', { name: '信任此设备' }).click();
    }
    await eduA.page.locator('.roster-refused', { hasText: '签名与内容不符' }).waitFor();
  });

  test('no console errors', () => {
    for (const seen of watched) assert.deepEqual(seen.errors, []);
  });
});

describe('the clock', () => {
  test('a device holding a record stamped after its clock warns 本机时间可能不准', async () => {
    const { context, page } = await asUnit(EDU);
    try {
      await addNote(page, 10, '时钟：这条记录写于现在');
      assert.equal(await page.locator('.clock-behind').count(), 0);
      // The tablet's clock is set back two hours (less than the day an import tolerates).
      await context.clock.setFixedTime(Date.now() - 2 * 3600 * 1000);
      await page.reload();
      const notice = page.locator('.clock-behind');
      await notice.waitFor();
      assert.match(await notice.textContent(), /本机时间可能不准：本机保存的最新记录时间为 \d{4}年\d{1,2}月\d{1,2}日/);
    } finally {
      await context.close();
    }
  });
});
