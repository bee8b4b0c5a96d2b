// Load-time figures (a report, not a test): the time from navigation start until the task list
// is on screen and the search field takes input, in Chromium with the CPU slowed down 4×
// (a mid-range tablet), cold (fresh profile, empty caches) and warm (the service worker
// controls the page, second and later loads). Prints the median of several runs.
//
//   npm run bench:load                      (from tests/web; build first with .ci/build)
//   node bench/load-time.mjs --runs 11 --cpu 6 [dist]
import { cpus, loadavg } from 'node:os';
import { DIST, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const RUNS = option('runs', 7);
const CPU = option('cpu', 4);
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DIST;
const GOAL_WARM_MS = 400;
// The whole table (58 task cards): the heaviest view.
const VIEW = '#view=all';

// Runs in the page before its own scripts: notes the first moment at which a task is shown and
// the search field is there and enabled (Leptos attaches its listeners as it creates the
// elements, so from then on input is handled).
const MARK_READY = () => {
  window.controlledAtStart = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  const ready = () =>
    document.querySelector('li.task') !== null && document.querySelector('#filter-query:not([disabled])') !== null;
  const observer = new MutationObserver(() => {
    if (ready()) {
      window.readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

async function measure(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await page.addInitScript(MARK_READY);
  await page.goto(url);
  await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      ready: window.readyAt,
      domContentLoaded: nav.domContentLoadedEventEnd,
      controlled: window.controlledAtStart,
    };
  });
  // The field really takes input (not timed).
  await page.fill('#filter-query', 'HACCP');
  await page.waitForFunction(() => document.querySelectorAll('li.task').length === 1);
  await page.close();
  return figures;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const server = await startServer({ root: dir });
const browser = await launch();
const results = { cold: [], warm: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const r = await measure(context, server.url + VIEW);
    if (r.controlled) throw new Error('a cold load was controlled by a service worker');
    results.cold.push(r);
    await context.close();
  }

  const context = await browser.newContext({ locale: 'zh-CN' });
  const first = await context.newPage();
  await first.goto(server.url + VIEW);
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await first.close();
  for (let i = 0; i < RUNS; i++) {
    const r = await measure(context, server.url + VIEW);
    if (!r.controlled) throw new Error('a warm load was not controlled by the service worker');
    results.warm.push(r);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

const ms = (n) => `${Math.round(n)} ms`.padStart(8);
console.log(`Duty Ledger load time: ${dir} at ${VIEW}, Chromium, CPU slowed ${CPU}×, ${RUNS} runs each, local server`);
console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} (other work skews the figures)`);
console.log('');
console.log('load   median ready    min      max   median DOMContentLoaded');
for (const kind of ['cold', 'warm']) {
  const ready = results[kind].map((r) => r.ready);
  const dcl = results[kind].map((r) => r.domContentLoaded);
  console.log(
    `${kind.padEnd(6)} ${ms(median(ready))}   ${ms(Math.min(...ready))} ${ms(Math.max(...ready))}   ${ms(median(dcl))}`,
  );
}
const warm = median(results.warm.map((r) => r.ready));
console.log('');
console.log(`goal: warm ≤ ${GOAL_WARM_MS} ms: ${warm <= GOAL_WARM_MS ? 'met' : 'NOT met'} (${Math.round(warm)} ms)`);
