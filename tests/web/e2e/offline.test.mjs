// Offline, installable, hosted anywhere: the service worker keeps the whole app on the device,
// the app works under any sub-path, on a tablet with touch, tells about a new version without
// reloading by itself, and Chromium considers it installable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, EDU as EDUCATION, storedWhen, useApp } from '../tools/app.mjs';
import { CHROMIUM_ARGS } from '../tools/browser.mjs';
import { buildFiles, writeServiceWorker } from '../tools/precache.mjs';

const EDUCATION_LEAD = `#unit=${encodeURIComponent(EDUCATION)}&role=lead`;
const WHOLE_TABLE = '#view=all';
const EDUCATION_TASKS = [10, 11, 12, 34, 57];
const ALL_TASKS = Array.from({ length: 58 }, (_, i) => i + 1);
const READY_EVENT = 'duty-ledger:update-ready';

const shownTasks = (page) =>
  page.locator('li.task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
const waitForCount = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll('li.task').length === n, n);
const waitForControl = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);
const cacheNames = (page) => page.evaluate(() => caches.keys());

/**
 * Runs `steps` with no network: the browser context is offline and the server drops every
 * connection (the context's switch alone does not reach the service worker's own fetches).
 * Returns the paths the server was asked for meanwhile, except the browser's own check for a
 * new sw.js, which it may make at any navigation.
 */
async function withoutNetwork(context, server, steps) {
  server.requests.length = 0;
  await context.setOffline(true);
  server.setDown(true);
  try {
    await steps();
  } finally {
    server.setDown(false);
    await context.setOffline(false);
  }
  return server.requests.filter((path) => !path.endsWith('/sw.js'));
}

// One browser and the server at the domain root; each describe below serves its own.
const app = useApp();

/** Opens the whole table (or `hash`) and waits for its first task. */
async function openTable(tab, hash = WHOLE_TABLE) {
  await tab.open(hash);
  await tab.page.locator('li.task').first().waitFor();
}

describe('offline at the domain root', () => {
  let server, dev, context, page;
  before(async () => {
    dev = await app.device({ open: false });
    ({ server, context, page } = dev);
  });
  after(async () => {
    await dev?.close();
  });

  test('the service worker precaches every file of the build under a build-derived cache', async () => {
    await openTable(dev);
    await waitForControl(page);
    const files = await buildFiles(DIST);
    const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
    for (const { name } of files) assert.ok(sw.includes(`"./${name}"`), `sw.js does not precache ${name}`);
    const names = await cacheNames(page);
    assert.equal(names.length, 1, `caches: ${names}`);
    assert.match(names[0], new RegExp(`^duty-ledger ${server.url} [0-9a-f]{16}$`));
    const cached = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return (await cache.keys()).map((r) => r.url).sort();
    }, names[0]);
    assert.deepEqual(cached, files.map((f) => server.url + f.name).sort());
  });

  test('with no network, a reload renders all 58 tasks from the cache alone', async () => {
    const asked = await withoutNetwork(context, server, async () => {
      await page.reload();
      await waitForCount(page, 58);
      assert.deepEqual(await shownTasks(page), ALL_TASKS);
    });
    assert.deepEqual(asked, [], 'the app asked the server for something while offline');
  });

  test('any page of the app (index.html, a query string) opens offline from the cache', async () => {
    const asked = await withoutNetwork(context, server, async () => {
      for (const path of [`index.html${WHOLE_TABLE}`, `?from=bookmark${WHOLE_TABLE}`, `index.html${EDUCATION_LEAD}`]) {
        await page.goto(server.url + path);
        await page.locator('li.task').first().waitFor();
      }
      assert.deepEqual(await shownTasks(page), EDUCATION_TASKS);
    });
    assert.deepEqual(asked, []);
  });

  test('offline, the user’s records are there and new notes are saved', async () => {
    await dev.pickUnit(EDUCATION);
    await dev.openTask(10);
    await dev.addNote('联网时写下的记录');
    await waitForControl(page);
    const asked = await withoutNetwork(context, server, async () => {
      await dev.reload();
      await dev.noteText('联网时写下的记录').waitFor();
      await dev.addNote('断网时写下的记录');
      await storedWhen(page, (events) => events.some((e) => e.change.text === '断网时写下的记录'), 'the offline note');
      await dev.reload();
      await dev.noteText('断网时写下的记录').waitFor();
      assert.equal(await dev.noteText('联网时写下的记录').count(), 1);
      assert.equal(await page.locator('.save-error').count(), 0);
    });
    assert.deepEqual(asked, []);
  });
});

describe('under a sub-path', () => {
  const base = '/futian/ledger/';
  let server, dev, context, page;
  before(async () => {
    server = await app.serve({ base });
    dev = await app.device({ server, open: false });
    ({ context, page } = dev);
  });
  after(async () => {
    await dev?.close();
  });

  test('a shared filter link shows 区教育局 as 负责: 5 tasks', async () => {
    await openTable(dev, EDUCATION_LEAD);
    assert.deepEqual(await shownTasks(page), EDUCATION_TASKS);
    assert.equal(await page.locator('#filter-unit').inputValue(), EDUCATION);
    assert.equal(await page.locator('input[name="role"][value="lead"]').isChecked(), true);
    assert.match(await page.locator('.result-count').textContent(), /显示 5 \/ 58 项任务/);
  });

  test('every request stays under the sub-path, and the worker is scoped to it', async () => {
    await waitForControl(page);
    const outside = server.requests.filter((p) => !p.startsWith(base));
    assert.deepEqual(outside, []);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, server.url);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), `${server.url}sw.js`);
  });

  test('offline under the sub-path: the link still shows its 5 tasks, and the filters work', async () => {
    const asked = await withoutNetwork(context, server, async () => {
      await page.reload();
      await waitForCount(page, 5);
      assert.deepEqual(await shownTasks(page), EDUCATION_TASKS);
      await page.getByRole('button', { name: '清除筛选' }).click();
      await waitForCount(page, 58);
      await page.fill('#filter-query', 'HACCP');
      await waitForCount(page, 1);
    });
    assert.deepEqual(asked, []);
  });
});

describe('on a tablet, with touch', () => {
  let server;
  before(async () => {
    server = await app.serve({ base: '/tablet/' });
  });

  for (const [width, height, shape] of [
    [1024, 768, 'landscape'],
    [768, 1024, 'portrait'],
  ]) {
    test(`${width}×${height}: the main flow with taps, then offline`, async () => {
      const dev = await app.device({ server, viewport: shape, isMobile: true, deviceScaleFactor: 2, open: false });
      const { context, page } = dev;
      try {
        await openTable(dev);
        assert.deepEqual(page.viewportSize(), { width, height });
        assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
        const overflow = await dev.overflowX();
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);

        await page.locator('#filter-unit').tap();
        await page.selectOption('#filter-unit', EDUCATION); // the native picker
        await page.locator('label.segment', { hasText: '负责' }).tap();
        await waitForCount(page, 5);
        assert.deepEqual(await shownTasks(page), EDUCATION_TASKS);
        assert.equal(new URL(page.url()).hash, EDUCATION_LEAD);

        await page.getByRole('button', { name: '清除筛选' }).tap();
        await waitForCount(page, 58);
        await page.locator('#filter-query').tap();
        await page.keyboard.type('校园');
        await page.waitForFunction(() => {
          const n = document.querySelectorAll('li.task').length;
          return n > 0 && n < 58;
        });
        for (const text of await page.locator('li.task').allTextContents()) assert.ok(text.includes('校园'));

        await waitForControl(page);
        const asked = await withoutNetwork(context, server, async () => {
          await page.reload();
          await page.locator('li.task').first().waitFor();
          assert.equal(await page.locator('#filter-query').inputValue(), '校园');
        });
        assert.deepEqual(asked, []);
      } finally {
        await dev.close();
      }
    });
  }
});

describe('a new version is deployed', () => {
  let server, dev, context, page, other, next, nextVersion, tmp;
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'duty-ledger-next-'));
    // Its own server, whose folder changes to the next build.
    server = await app.serve();
    dev = await app.device({ server, open: false });
    ({ context, page } = dev);
    await openTable(dev);
    await waitForControl(page);
    await page.evaluate((event) => {
      window.sameDocument = true;
      window.readyEvents = 0;
      addEventListener(event, () => window.readyEvents++);
    }, READY_EVENT);
  });
  after(async () => {
    await dev?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('while someone types, the new version is found and announced, without a reload', async () => {
    assert.equal(await page.evaluate(() => window.dutyLedgerUpdateReady), undefined);
    await page.locator('#filter-query').click();
    await page.keyboard.type('校园');

    // The next build: one more file and a changed index.html, and the worker written for it.
    next = join(tmp, 'dist');
    await cp(DIST, next, { recursive: true });
    await writeFile(join(next, 'duty-ledger.schema.json'), '{"title":"next build"}\n');
    const html = await readFile(join(next, 'index.html'), 'utf8');
    await writeFile(join(next, 'index.html'), html.replace('<head>', '<head><meta name="build" content="next">'));
    const before = await readFile(join(DIST, 'sw.js'), 'utf8');
    const build = await writeServiceWorker(next);
    nextVersion = build.version;
    assert.ok(build.files.includes('./duty-ledger.schema.json'));
    assert.ok(!before.includes(build.version), 'the new build must have a new version');
    server.setRoot(next);

    // Coming back to the tab is one of the moments the page checks for a new version.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForFunction(() => window.dutyLedgerUpdateReady === true);
    assert.equal(await page.evaluate(() => window.readyEvents), 1);
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page reloaded by itself');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-query');
    assert.equal(await page.locator('#filter-query').inputValue(), '校园');
    const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting));
    assert.equal(waiting, true);
  });

  test('a page opened while the new version waits knows it at start-up', async () => {
    other = (await dev.newTab()).page;
    await openTable(app.tab(other, { server }));
    await other.waitForFunction(() => window.dutyLedgerUpdateReady === true);
    // Still the old version: nothing changes until someone asks.
    assert.equal(await other.locator('meta[name="build"]').count(), 0);
    await other.evaluate(() => {
      window.sameDocument = true;
    });
  });

  test('the banner says 新版本可用 with a button to update, in both tabs', async () => {
    for (const p of [page, other]) {
      const banner = p.getByRole('status').filter({ hasText: '新版本可用' });
      await banner.waitFor({ timeout: 5000 });
      assert.equal(await banner.getByRole('button', { name: '立即更新' }).count(), 1);
    }
  });

  test('the update button reloads this page once into the new version, and no other tab', async () => {
    let loads = 0;
    page.on('load', () => loads++);
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: '立即更新' }).click();
    await reloaded;
    await page.locator('li.task').first().waitFor();
    assert.equal(await page.locator('meta[name="build"]').getAttribute('content'), 'next');
    assert.equal(await page.evaluate(() => window.dutyLedgerUpdateReady), undefined);
    assert.equal(await page.getByText('新版本可用').count(), 0);
    await page.waitForTimeout(1000);
    assert.equal(loads, 1);
    // The new build's cache holds the new build; the old one's files are gone. (Chromium may
    // bring back an old cache's name, empty, when the other tab writes code cache data.)
    const stored = await page.evaluate(async () =>
      Object.fromEntries(
        await Promise.all(
          (await caches.keys()).map(async (name) => [name, (await (await caches.open(name)).keys()).length]),
        ),
      ),
    );
    const current = `duty-ledger ${server.url} ${nextVersion}`;
    assert.equal(stored[current], (await buildFiles(next)).length, JSON.stringify(stored));
    for (const [name, entries] of Object.entries(stored)) {
      if (name !== current) assert.equal(entries, 0, `an old cache still holds files: ${name}`);
    }
    // The other tab keeps running, untouched, and still offers the reload.
    assert.equal(await other.evaluate(() => window.sameDocument), true);
    assert.equal(await other.evaluate(() => window.dutyLedgerUpdateReady), true);
  });
});

describe('installable', () => {
  let server, context, profile;
  before(async () => {
    server = await app.serve({ base: '/install/' });
    // Chromium never offers to install from an incognito profile, which a plain context is.
    profile = await mkdtemp(join(tmpdir(), 'duty-ledger-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'zh-CN',
    });
    app.watch(context, { server });
  });
  after(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('Chromium finds no installability errors', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await openTable(app.tab(page, { server }));
    await waitForControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, `${server.url}manifest.webmanifest`);
    assert.deepEqual(manifest.errors, []);
  });

  test('the manifest: Chinese names, relative start and scope, icons that exist at their sizes', async () => {
    const page = context.pages()[0];
    const href = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
    const response = await page.request.get(href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /application\/manifest\+json/);
    const manifest = await response.json();
    assert.equal(manifest.name, '责任分工台账 · 福田区食品安全重点工作');
    assert.equal(manifest.short_name, '责任分工台账');
    assert.equal(manifest.lang, 'zh-CN');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.theme_color, '#1d4f91');
    assert.ok(manifest.background_color);
    assert.equal(new URL(manifest.start_url, href).href, server.url);
    assert.equal(new URL(manifest.scope, href).href, server.url);

    const icons = [...manifest.icons];
    const apple = await page.locator('link[rel="apple-touch-icon"]').evaluate((l) => l.href);
    icons.push({ src: apple, sizes: '180x180', type: 'image/png' });
    const sizes = new Set();
    for (const icon of icons) {
      const url = new URL(icon.src, href);
      assert.ok(url.href.startsWith(server.url), `${icon.src} is outside the app`);
      const png = await page.request.get(url.href);
      assert.equal(png.status(), 200, url.href);
      const body = await png.body();
      assert.equal(body.subarray(1, 4).toString(), 'PNG', `${url.href} is not a PNG`);
      const size = `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
      assert.equal(size, icon.sizes, url.href);
      sizes.add(`${size} ${icon.purpose ?? 'any'}`);
    }
    for (const needed of ['192x192 any', '512x512 any', '512x512 maskable']) {
      assert.ok(sizes.has(needed), `no ${needed} icon`);
    }
  });
});

test('no console errors and no request off the page origin, anywhere above', () => {
  assert.ok(app.watched.length >= 5);
  app.assertClean();
});
