// Lighthouse scores (a report, not a test) for the release build, in Debian's Chromium with the
// same quiet flags as the tests, served by the tests' static server with gzip/brotli as a
// static host would. Prints performance, accessibility and best practices for Lighthouse's
// mobile (default) and desktop settings. Lighthouse 12 has no PWA category any more; the
// installability check is in e2e/offline.test.mjs.
//
//   npm run bench:lighthouse                (from tests/web; build first with .ci/build)
//   node bench/lighthouse.mjs [dist] [--json out.json]
import { writeFile } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_ARGS, DIST } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : null;
const dir = args.find((a, i) => !a.startsWith('--') && i !== jsonAt + 1) ?? DIST;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const GOAL = 95;
// The whole table (58 task cards): the heaviest view.
const VIEW = '#view=all';

const server = await startServer({ root: dir, compress: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', ...CHROMIUM_ARGS],
  logLevel: 'silent',
});
const rows = [];
const reports = {};
try {
  for (const [name, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ]) {
    const result = await lighthouse(
      server.url + VIEW,
      { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: CATEGORIES },
      config,
    );
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    reports[name] = lhr;
    const score = (id) => Math.round(lhr.categories[id].score * 100);
    const metric = (id) => lhr.audits[id]?.displayValue ?? '–';
    rows.push({
      name,
      scores: CATEGORIES.map(score),
      metrics: ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map(
        metric,
      ),
      failing: CATEGORIES.flatMap((c) =>
        lhr.categories[c].auditRefs
          .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 0.9)
          .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`),
      ),
    });
  }
} finally {
  await chrome.kill();
  await server.close();
}

console.log(`Duty Ledger Lighthouse ${reports.mobile?.lighthouseVersion}: ${dir} at ${VIEW}, ${reports.mobile?.environment?.hostUserAgent}`);
console.log('');
console.log('preset    performance  accessibility  best-practices   FCP      LCP      TBT     CLS');
for (const r of rows) {
  const [p, a, b] = r.scores.map((s) => String(s).padStart(6));
  console.log(`${r.name.padEnd(9)} ${p}       ${a}         ${b}          ${r.metrics.map((m) => m.padEnd(8)).join(' ')}`);
}
console.log('');
const low = rows.flatMap((r) => r.scores.map((s, i) => [r.name, CATEGORIES[i], s])).filter(([, , s]) => s < GOAL);
console.log(low.length ? `below ${GOAL}: ${low.map(([n, c, s]) => `${n} ${c} ${s}`).join(', ')}` : `goal: every score ≥ ${GOAL}: met`);
for (const r of rows) for (const f of r.failing) console.log(`  ${r.name} ${f}`);
if (jsonOut) await writeFile(jsonOut, JSON.stringify(reports, null, 2));
