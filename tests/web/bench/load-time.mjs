// Load-time figures (a report, not a test): the time from navigation start until the task list
// is on screen and the search field takes input, in Chromium with the CPU slowed down 4×
// (a mid-range tablet), cold (fresh profile, empty caches) and warm (the service worker
// controls the page, second and later loads), and the bytes the page fetched (brotli, as a
// static host serves them) before it was usable. Prints the median of several runs.
//
// With `--reference <dir>` it measures a reference app's built folder side by side, cold loads
// interleaved with ours so that the machine's other work weighs on both alike, and prints the
// ratio against the goal (≤ 1.5× the reference's cold load). The reference is Leptos' own
// TodoMVC built with this toolchain (tests/web/tools/build-reference.sh; its code stays out of
// this repository); it is ready once its input field is on screen.
//
//   npm run bench:load                      (from tests/web; build first with .ci/build)
//   npm run bench:load -- --reference /path/to/todomvc-dist
//   node bench/load-time.mjs --runs 11 --cpu 6 [dist]
import { cpus, loadavg } from 'node:os';
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const RUNS = Number(option('runs', 7));
const CPU = Number(option('cpu', 4));
const REFERENCE = option('reference', null);
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DIST;
const GOAL_WARM_MS = 400;
const GOAL_RATIO = 1.5;
const GOAL_FIRST_LOAD_KB = 250;
// The whole table (58 task cards): the heaviest view.
const VIEW = '#view=all';

// Runs in the page before its own scripts: notes the first moment at which the page is usable
// (`window.readySelector` names what must be there; Leptos attaches its listeners as it creates
// the elements, so from then on input is handled).
const MARK_READY = (selector) => {
  window.controlledAtStart = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  const ready = () => document.querySelector(selector) !== null;
  const observer = new MutationObserver(() => {
    if (ready()) {
      window.readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

const APP = {
  name: 'Duty Ledger',
  ready: 'li.task ~ li.task, #filter-query:not([disabled])',
  // Both must hold: a task on screen and the search field enabled.
  usable: () =>
    document.querySelector('li.task') !== null && document.querySelector('#filter-query:not([disabled])') !== null,
  path: VIEW,
  async check(page) {
    await page.fill('#filter-query', 'HACCP');
    await page.waitForFunction(() => document.querySelectorAll('li.task').length === 1);
  },
};
const REF = {
  name: 'reference',
  ready: '.new-todo',
  usable: () => document.querySelector('.new-todo') !== null,
  path: '',
  async check(page) {
    await page.fill('.new-todo', 'x');
    await page.press('.new-todo', 'Enter');
    await page.waitForSelector('.todo-list li');
  },
};

async function measure(context, url, app) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await cdp.send('Network.enable');
  // Bytes on the wire per request, and when each request started (page clock, ms).
  const started = new Map();
  const bytes = new Map();
  let origin;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (origin === undefined) origin = e.timestamp;
    started.set(e.requestId, (e.timestamp - origin) * 1000);
  });
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.addInitScript(`(${MARK_READY})(${JSON.stringify(app.ready)}); window.usable = ${app.usable};`);
  await page.goto(url);
  await page.waitForFunction(() => window.readyAt !== undefined && window.usable(), null, { timeout: 120_000 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ready: window.readyAt, domContentLoaded: nav.domContentLoadedEventEnd, controlled: window.controlledAtStart };
  });
  // What was fetched before the page was usable (the service worker's precaching comes after).
  let fetched = 0;
  for (const [id, at] of started) if (at <= figures.ready && bytes.has(id)) fetched += bytes.get(id);
  figures.fetched = fetched;
  await app.check(page); // the page really takes input (not timed)
  await page.close();
  return figures;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const server = await startServer({ root: dir, compress: true });
const reference = REFERENCE ? await startServer({ root: REFERENCE, compress: true }) : null;
const browser = await launch();
const results = { cold: [], warm: [], reference: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const [app, srv, into] of [
      [APP, server, results.cold],
      ...(reference ? [[REF, reference, results.reference]] : []),
    ]) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const r = await measure(context, srv.url + app.path, app);
      if (r.controlled) throw new Error('a cold load was controlled by a service worker');
      into.push(r);
      await context.close();
    }
  }

  const context = await browser.newContext({ locale: 'zh-CN' });
  const first = await context.newPage();
  await first.goto(server.url + VIEW);
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await first.close();
  for (let i = 0; i < RUNS; i++) {
    const r = await measure(context, server.url + VIEW, APP);
    if (!r.controlled) throw new Error('a warm load was not controlled by the service worker');
    results.warm.push(r);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
  await reference?.close();
}

const ms = (n) => `${Math.round(n)} ms`.padStart(8);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
console.log(`Duty Ledger load time: ${dir} at ${VIEW}, Chromium, CPU slowed ${CPU}×, ${RUNS} runs each, local server (brotli)`);
if (REFERENCE) console.log(`reference: ${REFERENCE}`);
console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} (other work skews the figures)`);
console.log('');
console.log('load        median ready    min      max   median DOMContentLoaded   fetched before usable');
const rows = [
  ['cold', results.cold],
  ...(REFERENCE ? [['reference', results.reference]] : []),
  ['warm', results.warm],
];
for (const [kind, runs] of rows) {
  const ready = runs.map((r) => r.ready);
  const dcl = runs.map((r) => r.domContentLoaded);
  console.log(
    `${kind.padEnd(11)} ${ms(median(ready))}   ${ms(Math.min(...ready))} ${ms(Math.max(...ready))}   ${ms(median(dcl))}            ${kb(median(runs.map((r) => r.fetched)))}`,
  );
}
const warm = median(results.warm.map((r) => r.ready));
const fetched = median(results.cold.map((r) => r.fetched));
console.log('');
console.log(`goal: warm ≤ ${GOAL_WARM_MS} ms: ${warm <= GOAL_WARM_MS ? 'met' : 'NOT met'} (${Math.round(warm)} ms)`);
console.log(
  `goal: first load ≤ ${GOAL_FIRST_LOAD_KB} KB fetched before usable: ${fetched <= GOAL_FIRST_LOAD_KB * 1024 ? 'met' : 'NOT met'} (${(fetched / 1024).toFixed(1)} KB)`,
);
if (REFERENCE) {
  const ratio = median(results.cold.map((r) => r.ready)) / median(results.reference.map((r) => r.ready));
  console.log(
    `goal: cold load ≤ ${GOAL_RATIO}× the reference's: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×; reference fetched ${(median(results.reference.map((r) => r.fetched)) / 1024).toFixed(1)} KB)`,
  );
}
