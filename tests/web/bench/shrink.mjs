// Benchmark, not a test (issue 21): a 12-megapixel camera photo (4000×3000, about 4.5 MB, EXIF
// with a GPS position; made by tools/make-evidence.py --bench) attached to a note in Chromium
// with the CPU slowed 4× (a mid-range tablet): the time from choosing the file until it is
// ready to save (read, decoded the right way up, drawn at 1600 px, encoded as JPEG 0.8, its
// thumbnail made, hashed), and the size that will be stored. Three runs, each in a fresh page.
// `CPU=1 npm run bench:shrink` runs it unthrottled.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, ROOT, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const CPU = Number(process.env.CPU ?? 4);
const RUNS = Number(process.env.RUNS ?? 3);

const dir = await mkdtemp(join(tmpdir(), 'duty-ledger-shrink-'));
const photo = join(dir, 'IMG_4000x3000.jpg');
execFileSync('python3', [resolve(ROOT, 'tests/web/tools/make-evidence.py'), '--bench', photo]);
const original = (await stat(photo)).size;
console.log(`photo: 4000×3000, ${(original / 2 ** 20).toFixed(2)} MB (EXIF orientation 1, GPS)`);

const server = await startServer({ root: DIST });
const browser = await launch();
const results = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ timezoneId: 'Asia/Shanghai', viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: '区教育局', exact: true }).click();
  await page.goto(`${server.url}#task=10`);
  await page.locator('.note-editor').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const started = Date.now();
  await page.locator('.note-editor .attacher input[multiple]').setInputFiles(photo);
  await page.locator('.note-editor .attach-pending').waitFor({ timeout: 120_000 });
  const wall = Date.now() - started;
  const span = await page.evaluate(() => performance.getEntriesByName('duty-ledger:attach-prepare').at(-1)?.duration ?? NaN);
  const stored = Number(await page.locator('.note-editor .attach-pending').getAttribute('data-size'));
  const remarks = await page.locator('.note-editor .attach-pending .attach-remarks').textContent();
  results.push({ wall, span, stored });
  console.log(`run ${run + 1}: ${wall} ms from choosing to ready (in the app ${span.toFixed(0)} ms); stored ${(stored / 1024).toFixed(0)} KB — ${remarks.trim()}`);
  await context.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `median at ${CPU}× CPU slow-down: ${median(results.map((r) => r.wall))} ms to shrink a 12-megapixel photo; ` +
    `stored ${(median(results.map((r) => r.stored)) / 1024).toFixed(0)} KB (${((100 * median(results.map((r) => r.stored))) / original).toFixed(1)} % of ${(original / 2 ** 20).toFixed(2)} MB)`,
);
await browser.close();
await server.close();
await rm(dir, { recursive: true, force: true });
