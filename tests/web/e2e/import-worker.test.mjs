// The office's import path through the file checker (issue 18, issue 19 §2): files are read
// and verified in Web Workers with a progress bar, the new devices of a file set are trusted in
// one step after their fingerprints were listed, a device that signed two histories is refused
// through the workers, the workers are precached so an import works offline after the first
// visit, and a checker that cannot load is said in words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, EDU, OFFICE, useApp } from '../tools/app.mjs';
import { exchangeFile, hex16, notes } from '../tools/exchange-data.mjs';

const app = useApp();
const UNITS = [
  '市市场监管局福田监管局', '市生态环境局福田管理局', '市规划和自然资源局福田管理局',
  '福田公安分局', '区卫生健康局', '区教育局', '福田海关', '皇岗海关', '区城管和综合执法局',
  '区民政局', '区住房建设局', '区文化广电旅游体育局',
];
const NOTES = 300;

/** `count` signed files, one device of its own unit each, `NOTES` notes apiece. */
async function unitFiles(count, base) {
  const paths = [];
  for (let i = 0; i < count; i++) {
    const unit = UNITS[i % UNITS.length];
    const device = hex16(BigInt(base + i + 1) << 8n);
    const path = app.path(`unit-${base}-${i}.json`);
    await writeFile(path, JSON.stringify(exchangeFile(unit, device, notes(unit, device, NOTES, (base + i + 1) * 1_000_000))));
    paths.push(path);
  }
  return paths;
}

describe('import through the file checker', () => {
  test('twelve unit files: checked in workers with a progress bar, their devices trusted in one step, applied once committed', async () => {
    const paths = await unitFiles(12, 100);
    const office = await app.device({ unit: OFFICE, viewport: 'landscape', clockAt: '2023-12-06T09:00:00+08:00' });
    office.countWorkers();
    await office.open('#view=exchange');
    await office.watchImportProgress();
    const rows = await office.importFiles(paths, { trust: false });
    assert.equal(rows.length, 12);
    for (const row of rows) assert.match(row, /新设备/);
    assert.ok(office.workersStarted().length >= 1, 'the files were read in the file checker');
    assert.ok(office.workersStarted().every((url) => url.includes('duty-ledger-worker')));
    const checking = (await office.importProgressSeen()).filter((p) => /正在检查文件/.test(p.text));
    assert.ok(checking.length >= 1, 'a progress bar while checking');
    assert.ok(checking.every((p) => p.max === 12 && p.value <= 12));
    // Each file's own card is there too; the trust-all card lists every device once.
    assert.equal(await office.page.locator('.import-files .trust-check').count(), 12);
    await office.screenshot('tablet/trust-all');
    const trusted = await office.trustAllNewDevices();
    assert.equal(trusted.devices.length, 12);
    assert.equal(new Set(trusted.devices).size, 12);
    assert.ok(trusted.devices.includes(trusted.asked));
    assert.equal(await office.page.locator('.import-files > li.import-ok').count(), 12);
    // Trusted for good: the roster lists them.
    assert.match(await office.apply(), /已导入 12 个文件，新增 3600 条记录/);
    const saving = (await office.importProgressSeen()).filter((p) => /正在保存/.test(p.text));
    assert.ok(saving.length >= 1, 'a progress bar while saving');
    await office.reload();
    await office.openTask(10);
    office.assertClean();
    await office.close();
  });

  test('a device that signed two histories in one batch is refused through the workers', async () => {
    const device = 'e0e0e0e0e0e0e0e0';
    const shared = notes(EDU, device, 3, 0x7000);
    const own = (id, text) => ({ ...notes(EDU, device, 4, 0x7000)[3], id, change: { kind: 'note', note: id, text } });
    const write = async (name, records) => {
      const path = app.path(name);
      await writeFile(path, JSON.stringify(exchangeFile(EDU, device, records), null, 2));
      return path;
    };
    const first = await write('fork-a.json', [...shared, own('0000000000007a01', '甲平板的第四条')]);
    const second = await write('fork-b.json', [...shared, own('0000000000007b01', '乙平板的第四条')]);
    const office = await app.device({ unit: OFFICE, viewport: 'portrait' });
    office.countWorkers();
    const rows = await office.importFiles([first, second], { trust: false });
    assert.ok(office.workersStarted().length >= 1);
    assert.match(rows[0], /✗ 已拒绝.*“fork-a\.json”与“fork-b\.json”中它的第 4 条记录不同/);
    assert.match(rows[1], /✗ 已拒绝.*“fork-b\.json”与“fork-a\.json”中它的第 4 条记录不同/);
    assert.equal(await office.page.locator('.trust-all, .import-files .trust-check').count(), 0, 'a refused file asks nobody to trust');
    office.assertClean();
    await office.close();
  });

  test('offline after the first visit: the checker was precached and an import applies', async () => {
    const [path] = await unitFiles(1, 200);
    const office = await app.device({ unit: OFFICE, viewport: 'landscape' });
    await office.waitOfflineReady();
    await office.network(false);
    try {
      await office.reload();
      office.countWorkers();
      const rows = await office.importFiles([path]);
      assert.equal(rows.length, 1);
      assert.ok(office.workersStarted().length >= 1);
      assert.match(await office.apply(), /已导入 1 个文件/);
    } finally {
      await office.network(true);
    }
    await office.close();
  });

  test('a file checker that cannot load is said in words, and nothing is applied', async () => {
    const [path] = await unitFiles(1, 300);
    const root = app.path('no-worker');
    await cp(DIST, root, { recursive: true });
    for (const name of await readdir(root)) {
      if (name.startsWith('duty-ledger-worker')) await rm(join(root, name));
    }
    const server = await app.serve({ root });
    const office = await app.device({ unit: OFFICE, viewport: 'landscape', server, serviceWorkers: 'block' });
    const rows = await office.importFiles([path], { trust: false, timeout: 90_000 });
    assert.match(rows[0], /文件检查程序未能加载/);
    const apply = office.applyButton();
    assert.ok((await apply.count()) === 0 || (await apply.isDisabled()), 'nothing to apply');
    await office.close();
  });
});
