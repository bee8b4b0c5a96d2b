// Benchmark, not a test: the office imports 100 unit files of 58 tasks × 20 notes each
// (116,000 records) in Chromium: reading, validating and previewing, then applying and writing
// the records to IndexedDB in one transaction.
// Goal: ≤ 500 ms. The native figure is `cargo bench --bench merge`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';
import { exchangeFile, hex16, notes } from '../tools/exchange-data.mjs';

const FILES = Number(process.env.FILES ?? 100);
const NOTES_PER_FILE = 58 * 20;
const UNITS = [
  '区食药安办', '市市场监管局福田监管局', '市生态环境局福田管理局', '市规划和自然资源局福田管理局',
  '福田公安分局', '区卫生健康局', '区教育局', '福田海关', '皇岗海关', '区城管和综合执法局',
  '区民政局', '区住房建设局', '区文化广电旅游体育局', '区人民法院', '区人民检察院',
  '区工业和信息化局', '区委宣传部', '园岭街道办事处', '南园街道办事处', '福田街道办事处',
  '沙头街道办事处', '香蜜湖街道办事处', '梅林街道办事处', '莲花街道办事处', '华富街道办事处',
  '福保街道办事处', '华强北街道办事处',
];

const dir = await mkdtemp(join(tmpdir(), 'duty-ledger-bench-'));
const paths = [];
let bytes = 0;
for (let i = 0; i < FILES; i++) {
  const unit = UNITS[i % UNITS.length];
  const device = hex16(BigInt(i + 1) << 8n);
  const text = JSON.stringify(exchangeFile(unit, device, notes(unit, device, NOTES_PER_FILE, (i + 1) * 1_000_000)));
  bytes += Buffer.byteLength(text);
  const path = join(dir, `file-${i}.json`);
  await writeFile(path, text);
  paths.push(path);
}

const server = await startServer({ root: DIST });
const browser = await launch();
const page = await (await browser.newContext({ timezoneId: 'Asia/Shanghai' })).newPage();
await page.goto(server.url);
await page.getByRole('button', { name: '区食药安办', exact: true }).click();
await page.goto(`${server.url}#view=exchange`);

const started = Date.now();
await page.locator('.import-dialog input[type="file"]').setInputFiles(paths);
await page.locator('.import-files > li').nth(FILES - 1).waitFor({ timeout: 600_000 });
const examinedWall = Date.now() - started;
// Every file comes from a device this browser never saw: 信任此设备 for each, once.
for (let n = await page.locator('.trust-device').count(); n > 0; n = await page.locator('.trust-device').count()) {
  await page.locator('.trust-device').first().click();
  await page.waitForFunction((k) => document.querySelectorAll('.trust-device').length < k, n, { timeout: 120_000 });
}
const ok = await page.locator('.import-files > li.import-ok').count();
const applyStart = Date.now();
const saves = await page.evaluate(() => performance.getEntriesByName('duty-ledger:save').length);
await page.getByRole('button', { name: /应用导入/ }).click();
await page.locator('.import-result').waitFor({ timeout: 600_000 });
// The records are kept once the import's IndexedDB transaction has committed.
await page.waitForFunction((n) => performance.getEntriesByName('duty-ledger:save').length > n, saves, { timeout: 600_000 });
const appliedWall = Date.now() - applyStart;
const entry = (name) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN, name);
const committed = await page.evaluate(() => {
  const apply = performance.getEntriesByName('duty-ledger:import-apply').at(-1);
  const save = performance.getEntriesByName('duty-ledger:save').find((e) => e.startTime >= apply.startTime);
  return save.startTime + save.duration - apply.startTime;
});

console.log(`import benchmark: ${FILES} files × ${NOTES_PER_FILE} notes = ${FILES * NOTES_PER_FILE} records, ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`  read + validate + preview   ${(await entry('duty-ledger:import-examine')).toFixed(0)} ms (wall ${examinedWall} ms), ${ok} files accepted`);
console.log(`  apply (one atomic merge)    ${(await entry('duty-ledger:import-apply')).toFixed(0)} ms  (goal for the whole import ≤ 500 ms)`);
console.log(`  click → written to IndexedDB ${committed.toFixed(0)} ms (transaction ${(await entry('duty-ledger:save')).toFixed(0)} ms, wall ${appliedWall} ms)`);
console.log(`  ${await page.locator('.import-result').textContent()}`);
await browser.close();
await server.close();
await rm(dir, { recursive: true, force: true });
