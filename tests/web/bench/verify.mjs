// Benchmark, not a test (issue 10 §8, issue 18, issue 19 §2): the office verifies 100 unit
// files of 58 tasks × 20 notes each (116,000 records, every device's chain signed with Ed25519)
// in Chromium, CPU slowed 4× (a mid-range tablet): reading with every digest, chain and
// signature checked (in the file checker's workers where the build has them), and previewing;
// then trusting the 100 new devices (in one step where the build offers 信任以上全部设备, else
// one by one, each after its fingerprint's last four characters), and applying until the write
// committed. Prints each figure against its goal, and the main thread's longest task.
// `DIST=<build>` measures another build (the before-figures of a change).
// Throttling: CDP's CPU throttling applies to the page's target; each worker target the page
// starts is throttled the same way (auto-attached below), so the worker figure is not flattered.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';
import { exchangeFile, hex16, notes } from '../tools/exchange-data.mjs';

const FILES = Number(process.env.FILES ?? 100);
const CPU = Number(process.env.CPU ?? 4);
const NOTES_PER_FILE = 58 * 20;
const GOAL_EXAMINE_MS = 3000;
const GOAL_TRUST_ALL_MS = 500;
const GOAL_APPLY_MS = 2000;
const GOAL_LONGEST_TASK_MS = 200;
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
// The main thread's long tasks, as the browser reports them (over 50 ms each).
await context.addInitScript(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
});
const page = await context.newPage();
await page.goto(server.url);
await page.getByRole('button', { name: '区食药安办', exact: true }).click();
await page.goto(`${server.url}#view=exchange`);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
// Workers the page starts are throttled too.
let workers = 0;
cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
  if (targetInfo.type !== 'worker') return;
  workers++;
  const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', {
    sessionId, message: JSON.stringify({ id: Math.floor(Math.random() * 1e9), method, params }),
  }).catch(() => {});
  await send('Emulation.setCPUThrottlingRate', { rate: CPU });
  if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger');
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

const longest = async (since) => page.evaluate((t) => Math.max(0, ...window.__longTasks.filter((e) => e.start >= t).map((e) => e.ms)), since);
const now = () => page.evaluate(() => performance.now());
const entry = (name) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN, name);

let mark = await now();
const started = Date.now();
await page.locator('.import-dialog input[type="file"]').setInputFiles(paths);
await page.locator('.import-files > li').nth(FILES - 1).waitFor({ timeout: 900_000 });
const examinedWall = Date.now() - started;
const examine = await entry('duty-ledger:import-examine');
const examineLongest = await longest(mark);
const waiting = await page.locator('.import-files .trust-device').count();
console.log(`verify benchmark: ${FILES} signed files × ${NOTES_PER_FILE} notes = ${FILES * NOTES_PER_FILE} records, ${(bytes / 1e6).toFixed(1)} MB, CPU ${CPU}× slower, ${DIST}`);
console.log(`  read + verify + preview      ${examine.toFixed(0)} ms (wall ${examinedWall} ms; goal ≤ ${GOAL_EXAMINE_MS} ms: ${examinedWall <= GOAL_EXAMINE_MS ? 'met' : 'NOT met'}), ${workers} worker(s), longest main-thread task ${examineLongest.toFixed(0)} ms`);

mark = await now();
const trustStart = Date.now();
const all = page.locator('.trust-all');
let how;
if (await all.count()) {
  how = 'in one step (信任以上全部设备)';
  const asked = (await all.locator('.trust-all-asked .fingerprint').textContent()).trim();
  await all.locator('.trust-all-last-four').fill(asked.slice(-4));
  const t0 = Date.now();
  await all.locator('.trust-all-devices').click();
  await page.waitForFunction(() => document.querySelectorAll('.import-files .trust-device').length === 0, null, { timeout: 120_000 });
  const oneStep = Date.now() - t0;
  console.log(`  ${waiting} new devices trusted ${how}: wall ${oneStep} ms (goal ≤ ${GOAL_TRUST_ALL_MS} ms: ${oneStep <= GOAL_TRUST_ALL_MS ? 'met' : 'NOT met'})`);
} else {
  how = 'one by one';
  for (let n = waiting; n > 0; n = await page.locator('.import-files .trust-device').count()) {
    const card = page.locator('.import-files .trust-check').first();
    const fingerprint = (await card.locator('.fingerprint').textContent()).trim();
    const last = card.locator('.trust-last-four');
    if (await last.count()) await last.fill(fingerprint.slice(-4));
    await card.locator('.trust-device').click();
    await page.waitForFunction((k) => document.querySelectorAll('.import-files .trust-device').length < k, n, { timeout: 120_000 });
  }
  const trustWall = Date.now() - trustStart;
  console.log(`  ${waiting} new devices trusted ${how}: wall ${trustWall} ms (${(trustWall / Math.max(waiting, 1)).toFixed(0)} ms each, the last four typed each time)`);
}
const trustLongest = await longest(mark);
console.log(`  longest main-thread task while trusting ${trustLongest.toFixed(0)} ms`);

const ok = await page.locator('.import-files > li.import-ok').count();
mark = await now();
const applyStart = Date.now();
await page.getByRole('button', { name: /应用导入/ }).click();
await page.locator('.import-result').waitFor({ timeout: 900_000 });
const appliedWall = Date.now() - applyStart;
const applyLongest = await longest(mark);
console.log(`  apply until committed        ${(await entry('duty-ledger:import-apply')).toFixed(0)} ms (wall ${appliedWall} ms; goal ≤ ${GOAL_APPLY_MS} ms: ${appliedWall <= GOAL_APPLY_MS ? 'met' : 'NOT met'}), ${ok} files applied`);
console.log(`  longest main-thread task: checking ${examineLongest.toFixed(0)} ms, trusting ${trustLongest.toFixed(0)} ms, applying ${applyLongest.toFixed(0)} ms (goal ≤ ${GOAL_LONGEST_TASK_MS} ms)`);
console.log(`  ${await page.locator('.import-result').textContent()}`);
await browser.close();
await server.close();
await rm(dir, { recursive: true, force: true });
