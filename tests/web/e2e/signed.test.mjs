// Records the office can trust (issue 10, end to end): two tablets of 区教育局, one of 市场监管
// and the office. Each device's first file waits for 信任此设备 and later files apply as usual;
// the office's 全部 export relays every device's signed records, which a unit verifies; a
// file edited by hand is refused; a tablet whose clock runs ten years ahead exports and the
// office refuses its records.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { EDU, MARKET, OFFICE, useApp } from '../tools/app.mjs';
import { exchangeFile, notes } from '../tools/exchange-data.mjs';

const app = useApp();
const files = {};

/** A device of `unit`; `clockAt`: its clock starts there and runs on. */
const device = (unit, { clockAt } = {}) => app.device({ unit, clockAt, clockRuns: true });

/** A note on a task, written (sealed into the device's log) before any export. */
async function note(dev, task, text) {
  await dev.openTask(task);
  await dev.addNote(text, { saved: true });
}

describe('signed device logs', () => {
  test('three tablets record and export; each file names its device and signs its head', async () => {
    for (const [key, unit, task, text] of [
      ['eduA', EDU, 10, '教育局平板甲：专题会'],
      ['eduB', EDU, 12, '教育局平板乙：食堂检查'],
      ['market', MARKET, 37, '市场监管：快检完成'],
    ]) {
      const dev = await device(unit);
      await note(dev, task, text);
      files[key] = await dev.exportFile('own', `${key}.json`);
      const json = JSON.parse(files[key].text);
      assert.equal(json.format_version, 5);
      assert.equal(json.devices.length, 1);
      assert.equal(json.devices[0].unit, unit);
      assert.match(json.devices[0].signature, /^[0-9a-f]{128}$/);
      assert.ok(json.records.every((r) => r.seq >= 1 && r.hlc && r.device === json.devices[0].device));
      await dev.close();
    }
    assert.notEqual(JSON.parse(files.eduA.text).devices[0].device, JSON.parse(files.eduB.text).devices[0].device);
  });

  test('the office trusts each new device once; nothing applies before', async () => {
    const office = await device(OFFICE);
    const rows = await office.importFiles([files.eduA.path, files.eduB.path, files.market.path], { trust: false });
    for (const row of rows) assert.match(row, /新设备.*指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    assert.equal(await office.applyButton().isDisabled(), true);
    // Three buttons, three devices: each press trusts one.
    assert.equal(await office.page.locator('.trust-device').count(), 3);
    assert.equal(await office.trustNewDevices(), 3);
    assert.match(await office.apply(), /已导入 3 个文件/);
    files.all = await office.exportFile('all', 'all.json');
    const all = JSON.parse(files.all.text);
    // The relay carries each device's records and signature unchanged, and the office's own
    // device only if it wrote.
    for (const key of ['eduA', 'eduB', 'market']) {
      const own = JSON.parse(files[key].text).devices[0];
      assert.deepEqual(all.devices.find((d) => d.device === own.device), own);
    }
    // A later file from a trusted device applies without asking.
    await office.close();
  });

  test('a unit verifies the relay; files edited by hand, or from a tablet ten years ahead, are refused', async () => {
    const unit = await device(MARKET);
    let rows = await unit.importFiles([files.all.path], { trust: false });
    // Devices it never saw are 新设备 here too; the records verify against their own keys.
    assert.match(rows[0], /新设备/);
    const buttons = await unit.page.locator('.trust-device').count();
    assert.equal(await unit.trustNewDevices(), buttons, 'each press trusts one device');
    assert.match(await unit.apply(), /已导入 1 个文件/);
    await unit.openTask(10);
    await unit.noteText('教育局平板甲：专题会').waitFor();

    const edited = JSON.parse(files.eduA.text);
    edited.records.find((r) => r.change.kind === 'note').change.text = '改过的内容';
    const editedPath = app.path('edited.json');
    await writeFile(editedPath, JSON.stringify(edited, null, 2));
    rows = await unit.importFiles([editedPath], { trust: false });
    assert.match(rows[0], /✗ 已拒绝.*(校验码不符|签名后被修改)/);
    await unit.close();

    const ahead = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    const future = await device(EDU, { clockAt: ahead });
    await note(future, 10, '时间错误的平板');
    files.future = await future.exportFile('own', 'future.json');
    await future.close();
    const office = await device(OFFICE);
    rows = await office.importFiles([files.future.path], { trust: false });
    assert.match(rows[0], /✗ 已拒绝.*比本机时间晚一天以上/);
    assert.match(rows[0], new RegExp(`${ahead.getFullYear()}年`));
    await office.close();
  });

  test('a device that signed two histories (another record 4) is refused, after the first applied and in one batch', async () => {
    // One key on two tablets: records 1–3 shared, then each its own record 4.
    const device = 'f0f0f0f0f0f0f0f0';
    const shared = notes(EDU, device, 3, 0x9000);
    const own = (id, text) => ({
      ...notes(EDU, device, 4, 0x9000)[3],
      id,
      change: { kind: 'note', note: id, text },
    });
    const write = async (name, records) => {
      const path = app.path(name);
      await writeFile(path, JSON.stringify(exchangeFile(EDU, device, records), null, 2));
      return path;
    };
    const first = await write('history-a.json', [...shared, own('0000000000009a01', '甲平板的第四条')]);
    const second = await write('history-b.json', [...shared, own('0000000000009b01', '乙平板的第四条')]);

    const office = await app.device({ unit: OFFICE, viewport: 'landscape' });
    let rows = await office.importFiles([first]);
    assert.match(await office.apply(), /已导入 1 个文件/);
    rows = await office.importFiles([second]);
    assert.match(rows[0], /✗ 已拒绝/);
    assert.match(rows[0], /区教育局的设备（指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}）签署了两种不同的记录历史：它的第 4 条记录与本机已有的不同/);
    assert.doesNotMatch(rows[0], new RegExp(device), 'named by unit and fingerprint, not its id');
    const apply = office.applyButton();
    assert.ok((await apply.count()) === 0 || (await apply.isDisabled()), 'nothing to apply');
    await office.screenshot('tablet/fork-refused');
    await office.close();

    const fresh = await app.device({ unit: OFFICE, viewport: 'portrait' });
    rows = await fresh.importFiles([first, second]);
    assert.equal(rows.length, 2);
    assert.match(rows[0], /✗ 已拒绝.*“history-a\.json”与“history-b\.json”中它的第 4 条记录不同.*两个文件都已拒绝/);
    assert.match(rows[1], /✗ 已拒绝.*“history-b\.json”与“history-a\.json”中它的第 4 条记录不同/);
    await fresh.close();
  });

  test('a note still being written when the user exports is in the file, signed', async () => {
    const dev = await app.device({ unit: MARKET, viewport: 'landscape' });
    await note(dev, 37, '先写下并保存的一条');
    await dev.exportFile('own', 'before.json');
    // Exported at once, without waiting for the save: the export waits for it.
    await dev.openTask(38);
    await dev.addNote('导出前刚写下的一条');
    const file = await dev.exportFile('own', 'right-after.json');
    const json = JSON.parse(file.text);
    const record = json.records.find((r) => r.change.text === '导出前刚写下的一条');
    assert.ok(record, 'the record being written is carried');
    assert.equal(json.devices[0].head.seq, record.seq, 'and signed: it is the head');
    await dev.close();
  });

  test('no console errors and no request off the page origin', () => {
    app.assertClean();
  });
});
