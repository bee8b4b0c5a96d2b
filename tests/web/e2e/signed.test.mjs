// Records the office can trust (issue 10, end to end): two tablets of 区教育局, one of 市场监管
// and the office. Each device's first file waits for 信任此设备 and later files apply as usual;
// the office's 全部 export relays every device's signed records, which a unit verifies; a
// file edited by hand is refused; a tablet whose clock runs ten years ahead exports and the
// office refuses its records.
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

let server, browser, dir;
const files = {};

before(async () => {
  server = await startServer({ root: DIST });
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'duty-ledger-signed-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function device(unit, { clockAt } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  watch(context, server.origin);
  if (clockAt) await context.clock.setSystemTime(clockAt);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: unit, exact: true }).click();
  await page.locator('.my-tasks').waitFor();
  return { context, page };
}

async function note(page, task, text) {
  await page.goto(`${server.url}#task=${task}`);
  await page.locator(`section.task-detail[data-task="${task}"]`).waitFor();
  await page.locator('#new-note').fill(text);
  await page.keyboard.press('Control+Enter');
  await page.locator('.note-text', { hasText: text }).first().waitFor();
  // Written (sealed into the device's log) before any export.
  await page.waitForFunction(() => !document.querySelector('.storage-unsaved'));
}

async function exportFile(page, button, name) {
  await page.goto(`${server.url}#view=exchange`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, text: await readFile(path, 'utf8') };
}

/** Picks the files; returns the rows of the list. */
async function pick(page, paths) {
  await page.goto(`${server.url}#view=exchange`);
  await page.locator('.import-dialog input[type="file"]').setInputFiles(paths);
  await page.locator('.import-files > li').nth(paths.length - 1).waitFor();
  return page.locator('.import-files > li').allTextContents();
}

async function apply(page) {
  await page.getByRole('button', { name: /应用导入/ }).click();
  await page.locator('.import-result').waitFor();
  return page.locator('.import-result').textContent();
}

describe('signed device logs', () => {
  test('three tablets record and export; each file names its device and signs its head', async () => {
    for (const [key, unit, task, text] of [
      ['eduA', EDU, 10, '教育局平板甲：专题会'],
      ['eduB', EDU, 12, '教育局平板乙：食堂检查'],
      ['market', MARKET, 37, '市场监管：快检完成'],
    ]) {
      const { context, page } = await device(unit);
      await note(page, task, text);
      files[key] = await exportFile(page, '导出本单位进展', `${key}.json`);
      const json = JSON.parse(files[key].text);
      assert.equal(json.format_version, 3);
      assert.equal(json.devices.length, 1);
      assert.equal(json.devices[0].unit, unit);
      assert.match(json.devices[0].signature, /^[0-9a-f]{128}$/);
      assert.ok(json.records.every((r) => r.seq >= 1 && r.hlc && r.device === json.devices[0].device));
      await context.close();
    }
    assert.notEqual(JSON.parse(files.eduA.text).devices[0].device, JSON.parse(files.eduB.text).devices[0].device);
  });

  test('the office trusts each new device once; nothing applies before', async () => {
    const office = await device(OFFICE);
    const rows = await pick(office.page, [files.eduA.path, files.eduB.path, files.market.path]);
    for (const row of rows) assert.match(row, /新设备.*指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    assert.equal(await office.page.getByRole('button', { name: /应用导入/ }).isDisabled(), true);
    for (let i = 0; i < 3; i++) {
      await office.page.locator('.trust-device').first().click();
      await office.page.waitForFunction((n) => document.querySelectorAll('.trust-device').length === n, 2 - i);
    }
    assert.match(await apply(office.page), /已导入 3 个文件/);
    files.all = await exportFile(office.page, '导出全部', 'all.json');
    const all = JSON.parse(files.all.text);
    // The relay carries each device's records and signature unchanged, and the office's own
    // device only if it wrote.
    for (const key of ['eduA', 'eduB', 'market']) {
      const own = JSON.parse(files[key].text).devices[0];
      assert.deepEqual(all.devices.find((d) => d.device === own.device), own);
    }
    // A later file from a trusted device applies without asking.
    await office.context.close();
  });

  test('a unit verifies the relay; files edited by hand, or from a tablet ten years ahead, are refused', async () => {
    const unit = await device(MARKET);
    let rows = await pick(unit.page, [files.all.path]);
    // Devices it never saw are 新设备 here too; the records verify against their own keys.
    assert.match(rows[0], /新设备/);
    while ((await unit.page.locator('.trust-device').count()) > 0) {
      const n = await unit.page.locator('.trust-device').count();
      await unit.page.locator('.trust-device').first().click();
      await unit.page.waitForFunction((n) => document.querySelectorAll('.trust-device').length === n - 1, n);
    }
    assert.match(await apply(unit.page), /已导入 1 个文件/);
    await unit.page.goto(`${server.url}#task=10`);
    await unit.page.locator('.note-text', { hasText: '教育局平板甲：专题会' }).waitFor();

    const edited = JSON.parse(files.eduA.text);
    edited.records.find((r) => r.change.kind === 'note').change.text = '改过的内容';
    const editedPath = join(dir, 'edited.json');
    await writeFile(editedPath, JSON.stringify(edited, null, 2));
    rows = await pick(unit.page, [editedPath]);
    assert.match(rows[0], /✗ 已拒绝.*(校验码不符|签名后被修改)/);
    await unit.context.close();

    const ahead = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    const future = await device(EDU, { clockAt: ahead });
    await note(future.page, 10, '时间错误的平板');
    files.future = await exportFile(future.page, '导出本单位进展', 'future.json');
    await future.context.close();
    const office = await device(OFFICE);
    rows = await pick(office.page, [files.future.path]);
    assert.match(rows[0], /✗ 已拒绝.*比本机时间晚一天以上/);
    assert.match(rows[0], new RegExp(`${ahead.getFullYear()}年`));
    await office.context.close();
  });
});
