// The device roster (设备名册) in real browsers, each browser context one device: a tablet's
// fingerprint on its roster screen is the one the office sees as 新设备; trusting once lets
// later files apply; revoking refuses the device's next file and marks its earlier notes; the
// office's signed roster lets a unit accept a third device without asking; and a device
// holding a record stamped later than its clock warns 本机时间可能不准.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { EDU, MARKET, OFFICE, useApp } from '../tools/app.mjs';

const FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

const app = useApp();

const asUnit = (unit) => app.device({ unit });

async function addNote(dev, task, text) {
  await dev.openTask(task);
  await dev.addNote(text);
}

/** 数据交换 with the device roster (设备名册). */
const exchangePage = (dev) => dev.open('#view=exchange', { ready: 'section.roster' });

/** This device's fingerprint as its roster screen shows it. */
async function ownFingerprint(dev) {
  await exchangePage(dev);
  await dev.page.waitForFunction(() => /-/.test(document.querySelector('.own-fingerprint')?.textContent ?? ''));
  return (await dev.page.locator('.own-fingerprint').textContent()).trim();
}

/** Chooses files to import, trusting nothing yet; returns the rows of the list. */
async function importFiles(dev, paths) {
  await dev.importFiles(paths, { trust: false });
  return dev.importRows();
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
    for (const d of [eduA, market, office]) await d?.close();
  });

  test('the tablet shows its fingerprint; the office sees the same one as 新设备', async () => {
    tabletPrint = await ownFingerprint(eduA);
    assert.match(tabletPrint, FINGERPRINT);
    const own = eduA.page.locator(`section.roster-unit[data-unit="${EDU}"] li.roster-mine`);
    assert.match(await own.textContent(), new RegExp(`${tabletPrint}.*本机`));
    assert.equal(await own.locator('button.revoke-device').count(), 0, 'this device cannot be revoked');

    await addNote(eduA, 10, '教育局甲：第一条');
    files.a1 = await eduA.exportFile('own', 'a1.json');
    tabletId = JSON.parse(files.a1.text).devices[0].device;

    const rows = await importFiles(office, [files.a1.path]);
    const row = await rows.first().textContent();
    assert.match(row, /？ 新设备/);
    assert.match(row, new RegExp(`新设备：区教育局[\\s\\S]*指纹 ${tabletPrint}`));
    assert.equal(await office.applyButton().isDisabled(), true, 'a new device does not apply before 信任此设备');
    assert.equal(await rows.first().getByRole('button', { name: '信任此设备' }).count(), 1);
    assert.equal(await office.trustNewDevices(), 1);
    await office.page.locator('.import-files > li.import-ok').waitFor();
    assert.match(await office.apply(), /已导入 1 个文件/);

    const listed = office.page.locator(`li.roster-device[data-device="${tabletId}"]`);
    await exchangePage(office);
    assert.match(await listed.textContent(), new RegExp(`${tabletPrint}.*已信任`));
    assert.match(await listed.textContent(), /首次见到 .*最近导入 /);
  });

  test('a later file of a trusted device applies without asking', async () => {
    await addNote(eduA, 10, '教育局甲：第二条');
    files.a2 = await eduA.exportFile('own', 'a2.json');
    const rows = await importFiles(office, [files.a2.path]);
    assert.match(await rows.first().textContent(), /✓ 可导入/);
    assert.equal(await office.page.locator('.new-device').count(), 0);
    assert.match(await office.apply(), /新增 1 条记录/);
  });

  test('the office trusts the market tablet too', async () => {
    await addNote(market, 37, '市场监管：快检任务完成');
    files.m1 = await market.exportFile('own', 'm1.json');
    await importFiles(office, [files.m1.path]);
    assert.equal(await office.trustNewDevices(), 1);
    await office.page.locator('.import-files > li.import-ok').waitFor();
    await office.apply();
  });

  test('revoking a device refuses its next file and marks its earlier notes', async () => {
    await exchangePage(office);
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

    await addNote(eduA, 10, '教育局甲：撤销之后');
    files.a3 = await eduA.exportFile('own', 'a3.json');
    const rows = await importFiles(office, [files.a3.path]);
    const row = await rows.first().textContent();
    assert.match(row, /✗ 已拒绝.*已被撤销/);
    assert.equal(await office.applyButton().isDisabled(), true);

    await office.openTask(10);
    for (const text of ['教育局甲：第一条', '教育局甲：第二条']) {
      const note = office.page.locator('li.note', { hasText: text });
      assert.equal(await note.locator('.mark-revoked').textContent(), '已撤销设备');
    }
    assert.equal(await office.page.locator('li.note', { hasText: '撤销之后' }).count(), 0);
    // The market tablet's note is not marked.
    await office.openTask(37);
    const marketNote = office.page.locator('li.note', { hasText: '市场监管：快检任务完成' });
    await marketNote.waitFor();
    assert.equal(await marketNote.locator('.mark').count(), 0);
  });

  test('the office roster lets a unit accept a third device without 新设备', async () => {
    officePrint = await ownFingerprint(office);
    assert.match(officePrint, FINGERPRINT);
    files.roster = await office.exportFile('roster', 'roster.json');
    assert.match(files.roster.name, /^区食药安办-设备名册-\d{4}-\d{2}-\d{2}\.json$/);
    const roster = JSON.parse(files.roster.text);
    assert.equal(roster.office_unit, OFFICE);
    assert.deepEqual(roster.entries.map((e) => e.unit).sort(), [MARKET, EDU, OFFICE].sort());

    const eduB = await asUnit(EDU);
    try {
      // Before the office device is trusted here, the roster is not adopted.
      await eduB.importRoster(files.roster.path);
      const refused = eduB.page.locator('.roster-refused');
      await refused.waitFor();
      assert.match(await refused.textContent(), new RegExp(`本机尚未信任该设备.*${officePrint}|${officePrint}.*本机尚未信任该设备`));
      await eduB.trustRosterOffice();
      const adopted = eduB.page.locator('.roster-adopted');
      await adopted.waitFor();
      // The market tablet and the revoked tablet are new here; the revocation travels.
      assert.match(await adopted.textContent(), /新增信任 2 台设备，撤销 1 台设备/);
      assert.match(
        await eduB.page.locator(`section.roster-unit[data-unit="${MARKET}"]`).textContent(),
        /由区食药安办担保/,
      );

      const rows = await importFiles(eduB, [files.m1.path, files.a3.path]);
      assert.match(await rows.nth(0).textContent(), /✓ 可导入.*m1\.json/);
      assert.match(await rows.nth(1).textContent(), /✗ 已拒绝.*已被撤销/);
      assert.equal(await eduB.page.locator('.new-device').count(), 0);
      assert.match(await eduB.apply(), /已导入 1 个文件/);
    } finally {
      await eduB.close();
    }
  });

  test('a roster edited by hand is refused', async () => {
    const edited = JSON.parse(files.roster.text);
    edited.entries[0].unit = MARKET === edited.entries[0].unit ? EDU : MARKET;
    const path = app.path('roster-edited.json');
    await writeFile(path, JSON.stringify(edited));
    // The tablet trusts the office first (its fingerprint read over the phone).
    await eduA.importRoster(path);
    const refused = eduA.page.locator('.roster-refused');
    await refused.waitFor();
    if (await refused.locator('.trust-check').count()) await eduA.trustRosterOffice();
    await eduA.page.locator('.roster-refused', { hasText: '签名与内容不符' }).waitFor();
  });

  test('no console errors', () => {
    for (const { seen } of app.watched) assert.deepEqual(seen.errors, []);
  });
});

describe('the clock', () => {
  test('a device holding a record stamped after its clock warns 本机时间可能不准', async () => {
    const edu = await asUnit(EDU);
    const { page } = edu;
    try {
      await addNote(edu, 10, '时钟：这条记录写于现在');
      assert.equal(await page.locator('.clock-behind').count(), 0);
      // The tablet's clock is set back two hours (less than the day an import tolerates).
      await edu.setClock(Date.now() - 2 * 3600 * 1000);
      await edu.reload();
      const notice = page.locator('.clock-behind');
      await notice.waitFor();
      assert.match(await notice.textContent(), /本机时间可能不准：本机保存的最新记录时间为 \d{4}年\d{1,2}月\d{1,2}日/);
    } finally {
      await edu.close();
    }
  });
});

test('no request leaves the origin', () => {
  for (const { seen } of app.watched) assert.deepEqual(seen.offOrigin, []);
});
