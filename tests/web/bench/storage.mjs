// Benchmark, not a test: with 10,000 notes stored, the time of one save (serialise + write)
// and of a full load (read + restore), median of several runs in Chromium. Goal: save ≤ 10 ms.
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';
import { hex16, notes } from '../tools/exchange-data.mjs';

const NOTES = 10_000;
const RUNS = 7;
const UNIT = '区教育局';
const device = hex16(0xd0d0d0d0d0d0d0d0n);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = await startServer({ root: DIST });
const browser = await launch();
const context = await browser.newContext({ timezoneId: 'Asia/Shanghai' });
const page = await context.newPage();

const doc = JSON.stringify({ schema_version: 1, events: notes(UNIT, device, NOTES) });
await page.goto(server.url);
await page.evaluate(
  ([doc, unit]) => {
    localStorage.setItem('duty-ledger:ledger', doc);
    localStorage.setItem('duty-ledger:profile', JSON.stringify({ schema_version: 1, device: 'a1a1a1a1a1a1a1a1', unit }));
  },
  [doc, UNIT],
);

const measure = (name) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);

const loads = [];
const firstList = [];
for (let run = 0; run < RUNS; run++) {
  const start = Date.now();
  await page.reload();
  await page.locator('li.my-task').first().waitFor();
  firstList.push(Date.now() - start);
  loads.push(...(await measure('duty-ledger:load')));
}

await page.goto(`${server.url}#task=10`);
await page.locator('#new-note').waitFor();
for (let run = 0; run < RUNS; run++) {
  await page.fill('#new-note', `基准测试记录 ${run}`);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => performance.getEntriesByName('duty-ledger:save').length > n, run);
}
const saves = await measure('duty-ledger:save');

console.log(`storage benchmark: ${NOTES} notes stored (${(doc.length / 1e6).toFixed(2)} M characters), ${RUNS} runs`);
console.log(`  load (read + parse + restore)   median ${fmt(median(loads))}`);
console.log(`  reload to my tasks on screen    median ${fmt(median(firstList))}`);
console.log(`  save (serialise + write)        median ${fmt(median(saves))}  (goal ≤ 10 ms)`);
await browser.close();
await server.close();
