// Benchmark, not a test (issue 10 §8): the office verifies 100 unit files of 58 tasks × 20
// notes each (116,000 records, every device's chain signed with Ed25519) in Chromium, CPU
// slowed 4× (a mid-range tablet): reading with every digest, chain and signature checked, and
// previewing; then 信任此设备 for each of the 100 devices, and applying.
// The share of reading that verification takes is measured natively by `cargo bench --bench
// merge` ("of which digests + chains + signatures"); `npm run bench:import` is the same import
// without throttling.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';
import { exchangeFile, hex16, notes } from '../tools/exchange-data.mjs';

const FILES = Number(process.env.FILES ?? 100);
const CPU = Number(process.env.CPU ?? 4);
const NOTES_PER_FILE = 58 * 20;
const UNITS = [
  '市市场监管局福田监管局', '市生态环境局福田管理局', '市规划和自然资源局福田管理局',
  '福田公安分局', '区卫生健康局', '区教育局', '福田海关', '皇岗海关', '区城管和综合执法局',
  '区民政局', '区住房建设局', '区文化广电旅游体育局', '区人民法院', '区人民检察院',
  '区工业和信息化局', '区委宣传部', '园岭街道办事处', '南园街道办事处', '福田街道办事处',
  '沙头街道办事处', '香蜜湖街道办事处', '梅林街道办事处', '莲花街道办事处', '华富街道办事处',
  '福保街道办事处', '华强北街道办事处',
];

const dir = await mkdtemp(join(tmpdir(), 'duty-ledger-verify-'));
const paths = [];
let bytes = 0;
const generated = Date.now();
for (let i = 0; i < FILES; i++) {
  const unit = UNITS[i % UNITS.length];
  const device = hex16(BigInt(i + 1) << 8n);
  const text = JSON.stringify(exchangeFile(unit, device, notes(unit, device, NOTES_PER_FILE, (i + 1) * 1_000_000)));
  bytes += Buffer.byteLength(text);
  const path = join(dir, `file-${i}.json`);
  await writeFile(path, text);
  paths.push(path);
}
console.log(`generated and signed ${FILES} files in ${Date.now() - generated} ms (Node)`);

const server = await startServer({ root: DIST });
const browser = await launch();
const context = await browser.newContext({ timezoneId: 'Asia/Shanghai' });
const page = await context.newPage();
await page.goto(server.url);
await page.getByRole('button', { name: '区食药安办', exact: true }).click();
await page.goto(`${server.url}#view=exchange`);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });

const started = Date.now();
await page.locator('.import-dialog input[type="file"]').setInputFiles(paths);
await page.locator('.import-files > li').nth(FILES - 1).waitFor({ timeout: 900_000 });
const examinedWall = Date.now() - started;
const entry = (name) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN, name);
const examine = await entry('duty-ledger:import-examine');
const waiting = await page.locator('.trust-device').count();

const trustStart = Date.now();
for (let n = waiting; n > 0; n = await page.locator('.trust-device').count()) {
  await page.locator('.trust-device').first().click();
  await page.waitForFunction((k) => document.querySelectorAll('.trust-device').length < k, n, { timeout: 120_000 });
}
const trustWall = Date.now() - trustStart;
const ok = await page.locator('.import-files > li.import-ok').count();
const applyStart = Date.now();
await page.getByRole('button', { name: /应用导入/ }).click();
await page.locator('.import-result').waitFor({ timeout: 900_000 });
const appliedWall = Date.now() - applyStart;

console.log(`verify benchmark: ${FILES} signed files × ${NOTES_PER_FILE} notes = ${FILES * NOTES_PER_FILE} records, ${(bytes / 1e6).toFixed(1)} MB, CPU ${CPU}× slower`);
console.log(`  read + verify (digests, chains, signatures) + preview  ${examine.toFixed(0)} ms (wall ${examinedWall} ms)`);
console.log(`  ${waiting} new devices trusted one by one             wall ${trustWall} ms (${(trustWall / Math.max(waiting, 1)).toFixed(0)} ms each)`);
console.log(`  apply (one atomic merge)                              ${(await entry('duty-ledger:import-apply')).toFixed(0)} ms (wall ${appliedWall} ms), ${ok} files applied`);
console.log(`  ${await page.locator('.import-result').textContent()}`);
await browser.close();
await server.close();
await rm(dir, { recursive: true, force: true });
