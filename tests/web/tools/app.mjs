// The app's common steps for the end-to-end tests, in one place: a test file starts the static
// server and a browser once (`useApp`), makes devices (`app.device`: one browser context each,
// watched for console errors and off-origin requests), and drives the app through a `Tab`:
// pick a unit, open a task, set a status, add a note, record a figure, export, import, trust
// (typing the fingerprint's last four characters), answer a 需协调, set the contact,
// apply, load and switch plans, download, reload, take screenshots for review.
//
// When a step changes in the interface, fix it here, not in the tests. Steps find controls by
// their class or by labels listed once in `LABELS` (Chinese and English), so they work in both
// interface languages. A step waits until the app shows its effect; whether the effect was
// *stored* is the test's business (see `storedEvents`/`savedEvents`, re-exported below).
//
//     import { test } from 'node:test';
//     import { EDU, OFFICE, useApp } from '../tools/app.mjs';
//     const app = useApp();                              // server + browser for this file
//     test('…', async () => {
//       const edu = await app.device({ unit: EDU, viewport: 'portrait', clockAt: '2023-06-01T09:00:00+08:00' });
//       await edu.openTask(10);
//       await edu.setStatus('受阻', { reason: '等待资料', date: '2023-05-31' });
//       await edu.addNote('已召开专题会');
//       const file = await edu.exportFile('own', 'edu.json');
//       const office = await app.device({ unit: OFFICE });
//       await office.importFiles([file.path]);          // trusts the new device (信任此设备)
//       await office.apply();
//       await edu.screenshot('tablet/portrait-task-10');
//       app.assertClean();                               // no console errors, nothing off-origin
//     });
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { DIST, ROOT, launch, watch } from './browser.mjs';
import { startServer } from './static-server.mjs';

export { DIST, ROOT } from './browser.mjs';
export { dump, rawDump, savedEvents, storedEvents, storedWhen } from './ledger-db.mjs';

// ---------------------------------------------------------------------------------------------
// Names the tests share

/** Units of the 2023 table that the tests work as. */
export const EDU = '区教育局';
export const MARKET = '市市场监管局福田监管局';
export const OFFICE = '区食药安办';

/** The built-in 2023 plan. */
export const PLAN_2023 = { id: 'futian-2023-food-safety' };
/** The signed 2026 test plan (60 tasks, a tenth area, 区卫生健康局 renamed 区卫生健康委员会). */
export const PLAN_2026 = {
  id: 'futian-2026-food-safety',
  file: resolve(ROOT, 'tests/fixtures/plans/futian-2026.plan.json'),
};

/**
 * Screen shapes for `app.device({ viewport })`: the two tablet orientations (with touch, so
 * steps tap) and a desktop with a mouse and keyboard.
 */
export const SHAPES = {
  landscape: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  portrait: { viewport: { width: 768, height: 1024 }, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
};

/** Where `tab.screenshot` writes PNGs for review (git-ignored); `SCREENSHOTS=dir` moves it. */
export const SCREENSHOTS = process.env.SCREENSHOTS ?? resolve(ROOT, 'tests/web/screenshots');

/**
 * Labels of the controls the steps press that have no class of their own, as the catalogue
 * (`i18n.rs`) has them: [Chinese, English].
 */
export const LABELS = {
  exportOwn: ['导出本单位进展', "Export my unit's progress"],
  exportAll: ['导出全部', 'Export everything'],
  apply: ['应用导入', 'Apply ('],
  unsaved: ['有未保存的更改', 'unsaved changes'],
};

/** Status names as the buttons show them, and the token each button's class carries. */
const STATUS = {
  未开始: 'not_started',
  推进中: 'in_progress',
  已完成: 'done',
  受阻: 'blocked',
  'Not started': 'not_started',
  'In progress': 'in_progress',
  Done: 'done',
  Blocked: 'blocked',
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name matcher for `getByRole` that accepts a label in either language. */
const either = ([zh, en], whole = true) => new RegExp(whole ? `^(${escape(zh)}|${escape(en)})$` : `^(${escape(zh)}|${escape(en)})`);

/** What shows when each screen of the app is ready (its data read from the database). */
const SCREENS = {
  mine: '.my-tasks, .unit-picker',
  all: '.task-list',
  matrix: '.matrix-view',
  exchange: '.import-dialog',
  report: '.report-view',
  plans: '.plans-view',
};
/**
 * The main screens a person uses, for checks and the screenshot set: [name, hash, ready].
 * 存储与备份 is on 数据交换.
 */
export const MAIN_SCREENS = (task = 10) => [
  ['mine', '#view=mine', SCREENS.mine],
  ['all', '#view=all', SCREENS.all],
  ['task', `#task=${task}`, `section.task-detail[data-task="${task}"]`],
  ['matrix', '#view=matrix', SCREENS.matrix],
  ['exchange', '#view=exchange', '.storage-panel'],
  ['plans', '#view=plans', '.plan-editor'],
  ['report', '#view=report', SCREENS.report],
];

/** Technical strings no user text holds (`Tab.technicalText`): name → regular expression. */
export const TECHNICAL = {
  'UTC offset': '\\(UTC[+\\-−]\\d{2}:\\d{2}\\)',
  'plan id': '\\b(?:futian|plan)-\\d{4}-[a-z0-9-]+',
  'hex id or hash': '\\b[0-9a-f]{12,}\\b',
  'keyboard shortcut': 'Ctrl\\s*\\+|⌘',
};
const ANY_SCREEN = `${Object.values(SCREENS).join(', ')}, section.task-detail`;

/**
 * The element that shows when the app is ready at `hash`: a task's detail, or the screen (the
 * whole table when the hash holds filter keys and no view, as `route.rs` decides). Within one
 * screen (e.g. `#view=all` to `#view=all&area=10`) it is there before the new content: wait
 * for that content itself.
 */
export function readySelector(hash = '') {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.has('task')) return `section.task-detail[data-task="${params.get('task')}"]`;
  if (params.has('view')) return SCREENS[params.get('view')] ?? ANY_SCREEN;
  if (['unit', 'role', 'area', 'q'].some((k) => params.has(k))) return SCREENS.all;
  return SCREENS.mine;
}

// ---------------------------------------------------------------------------------------------
// The server, the browser and devices

/**
 * One test file's app: the static server on `dist/` and one browser. Create it with `useApp`
 * (which starts and closes it around the file's tests) or by hand (`await app.start()`,
 * `await app.close()`).
 */
export class App {
  /** @param {{ root?: string, base?: string }} [options] folder to serve (dist) and base path (/) */
  constructor({ root = DIST, base = '/' } = {}) {
    this.options = { root, base };
    /** Every watched context: `{ label, seen: { errors, offOrigin } }`, for `assertClean`. */
    this.watched = [];
    this.servers = [];
  }

  /**
   * Starts the server and the browser, and makes a temporary folder for files (`app.dir`).
   * Once: later calls return the same promise. (`device` and `serve` call it too, since
   * Node 20 runs a file's top-level `before` hooks without waiting for one another.)
   */
  start() {
    this.starting ??= (async () => {
      this.server = await startServer(this.options);
      this.browser = await launch();
      this.dir = await mkdtemp(join(tmpdir(), 'duty-ledger-e2e-'));
      return this;
    })();
    return this.starting;
  }

  /** The app's address (`http://127.0.0.1:port/base/`). */
  get url() {
    if (!this.server) throw new Error('the app is not started yet: use it inside a test or hook');
    return this.server.url;
  }

  get origin() {
    return this.server.origin;
  }

  /** A path in the file's temporary folder (absolute paths are kept). */
  path(name) {
    return isAbsolute(name) ? name : join(this.dir, name);
  }

  /**
   * Serves another folder or base path from a second server (closed with the app), for tests
   * of sub-paths or new builds; pass it to `device({ server })`.
   * @param {{ root?: string, base?: string, compress?: boolean }} [options]
   */
  async serve(options = {}) {
    await this.start();
    const server = await startServer({ root: this.options.root, ...options });
    this.servers.push(server);
    return server;
  }

  /**
   * Watches a context made elsewhere (e.g. a persistent one) like a device's, for `assertClean`.
   * @returns {{ errors: string[], offOrigin: string[] }}
   */
  watch(context, { server = this.server, label = server.url } = {}) {
    const seen = watch(context, server.origin);
    this.watched.push({ label, seen });
    return seen;
  }

  /**
   * A new device: a browser context in China's time zone (zh-CN), downloads accepted, watched
   * for console errors and off-origin requests, with one page, wrapped as a `Device`. Unless
   * `open` is false, the app opens: the unit is picked (if given), then `hash` is opened, then
   * the language switched (if given).
   *
   * @param {object} [options]
   * @param {string} [options.unit] the unit to pick (区教育局 …)
   * @param {'landscape'|'portrait'|'desktop'|{width:number,height:number}} [options.viewport]
   *   a shape of `SHAPES` (the tablet ones with touch: steps then tap), or a plain viewport
   * @param {Date|string|number} [options.clockAt] fixes the page's clock at this moment
   *   (Playwright `context.clock.setFixedTime`) before anything opens; see `device.setClock`
   * @param {boolean} [options.clockRuns] with `clockAt`: the clock starts there and runs on
   *   (`setSystemTime`) instead of standing still
   * @param {'zh'|'en'} [options.lang] the interface language, switched in the app (the
   *   profile keeps it)
   * @param {string} [options.hash] where to open the app, e.g. `#view=exchange`, `#task=10`
   * @param {string} [options.ready] a selector to wait for there instead of the screen's own
   * @param {boolean} [options.open=true] false: nothing opens (to route, seed storage or
   *   set a quota first)
   * @param {number} [options.quota] a storage quota in bytes, set through the DevTools protocol
   *   before the app first writes (Chromium checks IndexedDB against the room it finds then);
   *   service workers are then blocked so their cache takes no room
   * @param {Function|Function[]} [options.init] scripts to run in every page before the app
   *   (`context.addInitScript`), e.g. to stand in for `navigator.share`
   * @param {{ url: string, origin: string }} [options.server] another server (`app.serve`)
   * @param {string} [options.label] names the device in `assertClean` messages
   * Any other option goes to `browser.newContext` (e.g. `isMobile`, `serviceWorkers`).
   * @returns {Promise<Device>} with `context`, `page`, `seen` and every `Tab` step
   */
  async device(options = {}) {
    await this.start();
    const {
      unit,
      viewport,
      clockAt,
      clockRuns = false,
      lang,
      hash,
      ready,
      open = true,
      quota,
      init,
      server = this.server,
      label,
      ...rest
    } = options;
    let shape = {};
    if (typeof viewport === 'string') {
      shape = SHAPES[viewport];
      if (!shape) throw new Error(`unknown viewport shape ${viewport}: ${Object.keys(SHAPES).join(', ')}`);
    } else if (viewport) {
      shape = { viewport };
    }
    const contextOptions = {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
      ...shape,
      ...(quota === undefined ? {} : { serviceWorkers: 'block' }),
      ...rest,
    };
    const context = await this.browser.newContext(contextOptions);
    const seen = this.watch(context, { server, label: label ?? `${unit ?? 'device'} at ${server.url}` });
    for (const script of [init].flat().filter(Boolean)) await context.addInitScript(script);
    if (clockAt !== undefined) await setClock(context, clockAt, { runs: clockRuns });
    const page = await context.newPage();
    const device = new Device(this, server, context, page, seen, { touch: Boolean(contextOptions.hasTouch) });
    if (quota !== undefined) await device.setQuota(quota);
    if (open) {
      if (unit) await device.pickUnit(unit);
      if (hash !== undefined || !unit) await device.open(hash ?? '', { ready });
      if (lang) await device.setLanguage(lang);
    }
    return device;
  }

  /** Steps for a page made some other way (e.g. `context.newPage()` with its own viewport). */
  tab(page, { server = this.server, touch = false } = {}) {
    return new Tab(this, server, page, { touch });
  }

  /** Asserts that no watched device logged a console error or asked anything off its origin. */
  assertClean() {
    assert.ok(this.watched.length > 0, 'no device was watched');
    for (const { label, seen } of this.watched) {
      assert.deepEqual(seen.errors, [], `console errors: ${label}`);
      assert.deepEqual(seen.offOrigin, [], `requests off the origin: ${label}`);
    }
  }

  /** Closes the browser and servers, and removes the temporary folder. */
  async close() {
    await this.starting?.catch(() => {});
    await this.browser?.close();
    for (const server of this.servers) await server.close();
    await this.server?.close();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Makes an `App` and starts it before the tests of the file (or of the `describe` it is called
 * in) and closes it after them. Its fields (`url`, `server`, `browser`, `dir`) exist from the
 * first test on.
 * @param {{ root?: string, base?: string }} [options]
 */
export function useApp(options) {
  const app = new App(options);
  before(() => app.start());
  after(() => app.close());
  return app;
}

// ---------------------------------------------------------------------------------------------
// Steps in a page

/**
 * The app's steps in one page. Every step takes the page as it is and leaves it showing the
 * step's effect; steps that need a screen navigate there first (by the hash, in the same
 * document). On a touch context, steps tap; otherwise they click.
 */
export class Tab {
  constructor(app, server, page, { touch = false } = {}) {
    this.app = app;
    this.server = server;
    /** The Playwright page. */
    this.page = page;
    /** Whether steps tap (a touch screen) rather than click. */
    this.touch = touch;
  }

  /** The app's address with `hash` (e.g. `#view=matrix`). */
  href(hash = '') {
    return this.server.url + hash;
  }

  /** Taps (touch) or clicks a locator. */
  async press(locator) {
    await (this.touch ? locator.tap() : locator.click());
  }

  /** A button by its accessible name (exact, or a RegExp). */
  button(name) {
    return this.page.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
  }

  /**
   * Opens the app at `hash` and waits until that screen shows (its data read).
   * @param {string} [hash] e.g. `#view=all&area=10`
   * @param {{ ready?: string }} [options] a selector to wait for instead of the screen's own
   */
  async open(hash = '', { ready } = {}) {
    await this.page.goto(this.href(hash));
    await this.waitReady({ ready, hash });
  }

  /** Waits until the screen at the page's current (or the given) hash shows. */
  async waitReady({ ready, hash = new URL(this.page.url()).hash } = {}) {
    await this.page.locator(ready ?? readySelector(hash)).first().waitFor();
  }

  /** Reloads the page and waits until the app shows again (`ready`: a selector to wait for). */
  async reload({ ready } = {}) {
    await this.page.reload();
    await this.waitReady({ ready });
  }

  /** The interface language the page shows: 'zh' or 'en'. */
  async lang() {
    return (await this.page.evaluate(() => document.documentElement.lang)).startsWith('en') ? 'en' : 'zh';
  }

  /** Switches the interface to `lang` ('zh' or 'en') with the header's switch, if needed. */
  async setLanguage(lang) {
    if ((await this.lang()) === lang) return;
    await this.press(this.page.locator('.lang-switch'));
    await this.page.waitForFunction((en) => document.documentElement.lang.startsWith('en') === en, lang === 'en');
  }

  /**
   * Chooses the unit this device works for: on 我的任务, from the picker (opened with 切换单位
   * when a unit is already chosen). Ends on 我的任务.
   */
  async pickUnit(unit) {
    await this.open('#view=mine');
    const picker = this.page.locator('.unit-picker');
    if ((await picker.count()) === 0) await this.press(this.page.locator('.app-header .who button[aria-expanded]'));
    await this.press(picker.getByRole('button', { name: unit, exact: true }));
    await this.page.locator('.my-tasks').waitFor();
  }

  /** The open task's detail. */
  detail() {
    return this.page.locator('section.task-detail');
  }

  /** Notes in the open task's detail whose text contains `text`. */
  noteText(text) {
    return this.detail().locator('.note-text', { hasText: text });
  }

  /**
   * Opens a task's detail (`of`: a unit's read-only view of it, as the office opens it).
   * @returns the detail's locator
   */
  async openTask(id, { of } = {}) {
    await this.open(`#task=${id}${of ? `&of=${encodeURIComponent(of)}` : ''}`);
    return this.page.locator(`section.task-detail[data-task="${id}"]`);
  }

  /**
   * Sets the open task's status by its button ('未开始', '推进中', '已完成', '受阻', the English
   * names, or a token such as 'in_progress'); `date` is the work date (YYYY-MM-DD) entered
   * first. 受阻 with a `reason` fills and confirms it and waits for it to show; without one,
   * the reason form is left open. Otherwise waits until the button is pressed.
   * @param {string} status
   * @param {{ reason?: string, date?: string }} [options]
   */
  async setStatus(status, { reason, date } = {}) {
    const token = STATUS[status] ?? status;
    const detail = this.detail();
    if (date !== undefined) {
      const task = await detail.getAttribute('data-task');
      await this.page.fill(`#status-date-${task}`, date);
    }
    const button = detail.locator(`.status-buttons .status-button-${token}`);
    await this.press(button);
    if (token === 'blocked') {
      if (reason === undefined) return;
      await this.page.fill('#blocked-reason', reason);
      await this.press(detail.locator('.reason-form button[type="submit"]'));
      await detail.locator('.status-reason', { hasText: reason }).waitFor();
    } else {
      await detail.locator(`.status-buttons .status-button-${token}[aria-pressed="true"]`).waitFor();
    }
  }

  /**
   * Types a note on the open task and saves it, without waiting for anything (for tests of a
   * refused note). `date`: the work date; `via`: 'keys' (Ctrl+Enter) or 'button' (保存记录);
   * by default the button on touch, the keys otherwise.
   */
  async typeNote(text, { date, via = this.touch ? 'button' : 'keys' } = {}) {
    if (date !== undefined) await this.page.fill('#new-note-date', date);
    await this.page.locator('#new-note').fill(text);
    if (via === 'keys') await this.page.locator('#new-note').press('Control+Enter');
    else await this.press(this.page.locator('.note-editor button[type="submit"]'));
  }

  /**
   * Adds a note to the open task (as `typeNote`) and waits until the list shows it. `saved`:
   * also wait until nothing is left unsaved (the storage meter's 有未保存的更改 gone).
   * @param {string} text
   * @param {{ date?: string, via?: 'keys'|'button', saved?: boolean }} [options]
   */
  async addNote(text, { saved = false, ...options } = {}) {
    await this.typeNote(text, options);
    await this.noteText(text).first().waitFor();
    if (saved) await this.waitSaved();
  }

  /**
   * Attaches files to the new note of the open task (佐证材料) through its file input (paths,
   * or `{ name, mimeType, buffer }`), or the camera's input with `camera`, and waits until each
   * is made ready or refused (no file is being prepared any more).
   * @returns {Promise<{ pending: string[], notices: string[] }>} the ready files' names and the
   *   refusals and remarks shown
   */
  async attachFiles(files, { camera = false, form = '.note-editor' } = {}) {
    const input = this.page.locator(`${form} .attacher input[type="file"]${camera ? '[capture]' : '[multiple]'}`);
    await input.setInputFiles(files);
    await this.page.waitForFunction((f) => !document.querySelector(`${f} .attach-working`), form);
    const pending = await this.page.locator(`${form} .attach-pending`).evaluateAll((items) => items.map((i) => i.dataset.name));
    const notices = await this.page.locator(`${form} .attach-notices li`).allTextContents();
    return { pending, notices };
  }

  /** The files shown with the open task's notes: `[{ name, state, sha256 }]` in page order. */
  attachmentTiles(scope = 'section.task-detail') {
    return this.page.locator(`${scope} .notes .attachment`).evaluateAll((tiles) =>
      tiles.map((t) => ({
        name: t.querySelector('.attachment-name')?.textContent ?? '',
        state: t.classList.contains('attachment-missing') ? 'missing' : t.classList.contains('attachment-removed') ? 'removed' : 'here',
        sha256: t.dataset.sha256,
      })),
    );
  }

  /**
   * Exports with attachments (包含附件 ticked) from 数据交换: 'own' or 'all'. Saves the first
   * part as `name`.
   * @returns {Promise<{ path: string, name: string, text: string }>}
   */
  async exportWithFiles(kind = 'own', name) {
    await this.open('#view=exchange');
    const box = this.page.locator('.export-with-files input');
    if (!(await box.isChecked())) await this.press(box);
    return this.exportFile(kind, name);
  }

  /** Waits until the page holds no unsaved change (the storage meter says none). */
  async waitSaved() {
    await this.page.waitForFunction(
      (labels) => {
        const meter = document.querySelector('.storage-meter')?.textContent ?? '';
        return !document.querySelector('.storage-unsaved') && !labels.some((l) => meter.includes(l));
      },
      LABELS.unsaved,
    );
  }

  /**
   * Records a figure against a target of the open task (its `data-target` id); `date` is the
   * as-of date. Waits until the form takes it (the value field empties, no error), or, with
   * `refused`, until the form shows its error (`.field-error`).
   * @returns the target's locator
   */
  async recordFigure(target, value, { date, refused = false } = {}) {
    const item = this.detail().locator(`li.target[data-target="${target}"]`);
    await item.locator('input[inputmode="decimal"]').fill(String(value));
    if (date !== undefined) await item.locator('input[type="date"]').fill(date);
    await this.press(item.locator('button[type="submit"]'));
    if (refused) {
      await item.locator('.field-error').waitFor();
    } else {
      await this.page.waitForFunction(
        (selector) => {
          const el = document.querySelector(selector);
          return el && el.querySelector('input[inputmode="decimal"]').value === '' && !el.querySelector('.field-error');
        },
        `section.task-detail li.target[data-target="${target}"]`,
      );
    }
    return item;
  }

  /**
   * The rows of 我的任务 as the screen shows them, in page order: `[{ task, section, light,
   * reason, clipped, figures }]`; `section` 'own' or 'member' (作为成员, folded or not), `light`
   * the light's token (red, yellow, green, ended), `clipped` whether the light's reason fails to
   * show whole inside its card, `figures` the card's figure lines.
   */
  myTaskRows() {
    return this.page.locator('li.my-task').evaluateAll((items) =>
      items.map((li) => {
        const reason = li.querySelector('.light-reason');
        const card = li.querySelector('.my-task-link').getBoundingClientRect();
        const box = reason?.getBoundingClientRect();
        const shown = box && box.width > 0;
        return {
          task: Number(li.dataset.task),
          section: li.closest('.my-task-list-member') ? 'member' : 'own',
          light: [...li.querySelector('.light').classList].find((c) => c !== 'light' && c.startsWith('light-'))?.slice(6),
          reason: reason?.textContent ?? '',
          clipped:
            Boolean(shown) &&
            (reason.scrollWidth > reason.clientWidth + 1 || box.right > card.right + 1 || box.bottom > card.bottom + 1),
          figures: [...li.querySelectorAll('.figure-line')].map((f) => f.textContent),
        };
      }),
    );
  }

  /** The open task's status trail count (状态变更留痕（n 条）), 0 when there is none. */
  async statusHistoryCount() {
    const summary = this.detail().locator('.status-history summary');
    if ((await summary.count()) === 0) return 0;
    return Number((await summary.textContent()).match(/\d+/)[0]);
  }

  /**
   * Opens 报告 for `scope` ('全区汇总' or the unit's name as the scope radio names it) and waits
   * for its summary.
   */
  async openReport(scope) {
    await this.open('#view=report', { ready: '.report-print' });
    if (scope) await this.page.getByRole('radio', { name: scope, exact: true }).check();
    await this.page.locator('.report-summary').first().waitFor();
  }

  /**
   * Prints the page to an A4 PDF (print media) as `name` in the app's folder and reads it back
   * with pdftotext (Debian's poppler-utils).
   * @returns {Promise<{ path: string, pages: string[] }>} each page's text, `-layout`
   */
  async printPdf(name = 'print.pdf') {
    await this.page.emulateMedia({ media: 'print' });
    const pdf = await this.page.pdf({ format: 'A4' });
    await this.page.emulateMedia({ media: 'screen' });
    const path = this.app.path(name);
    await writeFile(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    if (!pages.at(-1).trim()) pages.pop();
    return { path, pages };
  }

  /**
   * Presses `trigger` (a button's name, or a locator) and keeps the file it downloads as `name`
   * in the app's temporary folder (default: the suggested name).
   * @returns {Promise<{ path: string, name: string }>} `name` is the suggested file name
   */
  async download(trigger, name) {
    const control = typeof trigger === 'string' || trigger instanceof RegExp ? this.button(trigger) : trigger;
    const [file] = await Promise.all([this.page.waitForEvent('download'), this.press(control)]);
    const path = this.app.path(name ?? file.suggestedFilename());
    await file.saveAs(path);
    return { path, name: file.suggestedFilename() };
  }

  /**
   * Exports from 数据交换: 'own' (导出本单位进展), 'all' (导出全部) or 'roster' (导出设备名册),
   * saved as `name` in the app's temporary folder.
   * @returns {Promise<{ path: string, name: string, text: string }>}
   */
  async exportFile(kind = 'own', name) {
    await this.open('#view=exchange');
    const control = {
      own: () => this.page.getByRole('button', { name: either(LABELS.exportOwn) }),
      all: () => this.page.getByRole('button', { name: either(LABELS.exportAll) }),
      roster: () => this.page.locator('button.export-roster'),
    }[kind];
    if (!control) throw new Error(`unknown export ${kind}: own, all or roster`);
    const file = await this.download(control(), name);
    return { ...file, text: await readFile(file.path, 'utf8') };
  }

  /** The rows of the import list (one per chosen file). */
  importRows() {
    return this.page.locator('.import-files > li');
  }

  /**
   * Chooses files on 数据交换 through the file input (paths, or `{ name, mimeType, buffer }`)
   * and waits until each has its row; then trusts their new devices unless `trust` is false.
   * @returns {Promise<string[]>} the rows' text
   */
  async importFiles(files, { trust = true, timeout = 120_000 } = {}) {
    const list = [files].flat();
    await this.open('#view=exchange');
    await this.page.locator('.import-dialog input[type="file"]').setInputFiles(list);
    await this.importRows().nth(list.length - 1).waitFor({ timeout });
    if (trust) await this.trustNewDevices();
    return this.importRows().allTextContents();
  }

  /**
   * Presses 信任此设备 for every device the import list marks 新设备, one at a time (a device
   * whose several files are listed is trusted once).
   * @returns {Promise<number>} how many devices were trusted
   */
  async trustNewDevices() {
    const cards = this.page.locator('.import-files .trust-check');
    let trusted = 0;
    for (let n = await cards.count(); n > 0; n = await cards.count()) {
      await this.confirmTrust(cards.first());
      await this.page.waitForFunction((k) => document.querySelectorAll('.import-files .trust-check').length < k, n);
      trusted++;
    }
    return trusted;
  }

  /**
   * 信任此设备 on one trust card (`.trust-check`: a new device in the import list, the office's
   * device behind a plan file or a roster), as a person does after the phone call: checks that
   * the button waits, types the fingerprint's last four characters as read out, and presses it.
   * @param {import('playwright').Locator} card
   * @returns {Promise<{ fingerprint: string, text: string }>} the fingerprint and the card's text
   */
  async confirmTrust(card) {
    const text = await card.textContent();
    const fingerprint = (await card.locator('.fingerprint').textContent()).trim();
    const button = card.locator('.trust-device');
    assert.equal(await button.isDisabled(), true, 'trusting waits until the fingerprint is confirmed');
    await card.locator('.trust-last-four').fill(fingerprint.slice(-4).toLowerCase());
    await this.press(button);
    return { fingerprint, text };
  }

  /** The office's device behind a refused roster (设备名册): trusted as `confirmTrust`. */
  async trustRosterOffice() {
    return this.confirmTrust(this.page.locator('.roster-refused .trust-check'));
  }

  /**
   * Sets this device's contact (联系人 and phone) on 数据交换 › 设备名册; exports carry it signed.
   */
  async setContact(name, phone) {
    await this.open('#view=exchange', { ready: 'section.roster' });
    const form = this.page.locator('.contact-form');
    await form.locator('#contact-name').fill(name);
    await form.locator('#contact-phone').fill(phone);
    await this.press(form.locator('.contact-save'));
    await form.locator('.contact-saved').waitFor();
  }

  /**
   * The office answers `unit`'s 需协调 on `task` (协调意见) from that unit's view of the task:
   * the reply, the unit to act (`owner`), the due date (YYYY-MM-DD), 已协调 (`resolved`).
   * Waits until the answer shows.
   */
  async answerCoordination(task, unit, { reply, owner, due, resolved = false }) {
    const detail = await this.openTask(task, { of: unit });
    const form = detail.locator('.coordination-form');
    await form.locator('#coordination-reply').fill(reply);
    if (owner) await form.locator('#coordination-owner').selectOption(owner);
    if (due) await form.locator('#coordination-due').fill(due);
    const box = form.locator('.coordination-resolved input');
    if ((await box.isChecked()) !== resolved) await this.press(box);
    await this.press(form.locator('.coordination-save'));
    await form.locator('.coordination-saved').waitFor();
    await detail.locator('.coordination-answer .coordination-reply', { hasText: reply.trim() }).waitFor();
    return detail;
  }

  /**
   * Chooses a device roster file (设备名册) on 数据交换, without waiting: it is adopted
   * (`.roster-adopted`) or refused (`.roster-refused`).
   */
  async importRoster(file) {
    await this.open('#view=exchange', { ready: 'section.roster' });
    await this.page.locator('.roster-import input[type="file"]').setInputFiles(file);
  }

  /** The 应用导入 button. */
  applyButton() {
    return this.page.getByRole('button', { name: either(LABELS.apply, false) });
  }

  /** Presses 应用导入 and returns the result line's text. */
  async apply() {
    await this.press(this.applyButton());
    const result = this.page.locator('.import-result');
    await result.waitFor();
    return result.textContent();
  }

  /** Presses 撤销上次导入 and waits until the result line says it is undone. */
  async undoImport() {
    await this.press(this.page.locator('button.undo-import'));
    await this.page.locator('.import-result', { hasText: /已撤销上次导入|undone/i }).waitFor();
  }

  /**
   * Loads a signed plan file on 计划: waits for its preview, checks that it cannot be saved
   * before its signing device is trusted, trusts it, saves, and (unless `use` is false)
   * switches to it.
   * @returns {Promise<{ id: string, preview: string }>} the plan's id and the preview's text
   */
  async loadPlan(file = PLAN_2026.file, { use = true } = {}) {
    const { plan } = JSON.parse(await readFile(file, 'utf8'));
    await this.choosePlanFile(file);
    const preview = this.page.locator('.plan-preview');
    await preview.waitFor();
    const text = await preview.textContent();
    const save = this.page.locator('.plan-preview .plan-save');
    const trust = this.page.locator('.plan-preview .trust-check');
    if (await trust.count()) {
      assert.equal(await save.isDisabled(), true, 'a plan cannot be saved before its signer is trusted');
      await this.confirmTrust(trust);
      await trust.waitFor({ state: 'detached' });
    }
    await this.press(save);
    await this.page.locator('.plan-message').waitFor();
    await this.page.locator(`.plan-entry[data-plan="${plan.id}"]`).waitFor();
    if (use) await this.usePlan(plan.id);
    return { id: plan.id, preview: text };
  }

  /**
   * Chooses a plan file on 计划 (a path or `{ name, mimeType, buffer }`), without waiting for
   * anything: its preview (`.plan-preview`) or its problems (`.plan-problems li`) follow.
   */
  async choosePlanFile(file) {
    await this.open('#view=plans');
    await this.page.locator('.plan-file-input').setInputFiles(file);
  }

  /**
   * 载入新的分工表 on 计划: a Word table (a path or `{ name, mimeType, buffer }`) chosen through
   * the editor's file input; waits for its preview.
   */
  async chooseTable(file) {
    await this.open('#view=plans', { ready: '.plan-editor' });
    await this.page.locator('.table-file-input').setInputFiles(file);
    await this.page.locator('.editor-preview').waitFor();
  }

  /**
   * Pastes a table into the editor's paste field as the clipboard would hold it
   * (`{ 'text/html': …, 'text/plain': … }`), without waiting.
   */
  async pasteTable(data) {
    await this.page.locator('.table-paste').evaluate((el, data) => {
      const transfer = new DataTransfer();
      for (const [type, text] of Object.entries(data)) transfer.setData(type, text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, data);
  }

  /**
   * In the editor's 单位 step, decides the unknown name `name`: `sameAs` a known unit (chosen in
   * the list), `asNew` (a new unit), or neither: confirms what is proposed. Waits until it reads
   * 已确认. @returns the name's entry
   */
  async decideUnit(name, { sameAs, asNew = false } = {}) {
    const step = this.page.locator('.editor-step', { hasText: /^(单位|Units)$/ });
    if ((await this.page.locator('.editor-units').count()) === 0) await this.press(step);
    const entry = this.page.locator(`.unknown-unit[data-name="${name}"]`);
    if (asNew) {
      await this.press(entry.locator('.choose-new'));
    } else if (sameAs !== undefined) {
      if (!(await entry.locator('.choose-known').isChecked())) await this.press(entry.locator('.choose-known'));
      await entry.locator('select.known-unit').selectOption(sameAs);
    } else {
      await this.press(entry.locator('.confirm-unit'));
    }
    await entry.locator('.unit-decided').waitFor();
    return entry;
  }

  /** Loads the signed 2026 test plan and switches to it (as `loadPlan`). */
  loadPlan2026(options) {
    return this.loadPlan(PLAN_2026.file, options);
  }

  /** Switches to a plan saved on this device (使用此计划: the page reloads into it). */
  async usePlan(id) {
    await this.open('#view=plans');
    const entry = this.page.locator(`.plan-entry[data-plan="${id}"]`);
    await Promise.all([this.page.waitForEvent('load'), this.press(entry.locator('.plan-use'))]);
    await this.page.locator(`.plan-entry[data-plan="${id}"].plan-in-use`).waitFor();
  }

  /**
   * Saves a PNG of the page for review as `SCREENSHOTS/<name>.png` (`name` may hold folders).
   * @returns {Promise<string>} the file's path
   */
  async screenshot(name, options = {}) {
    const path = join(SCREENSHOTS, `${name}.png`);
    await mkdir(dirname(path), { recursive: true });
    await this.page.screenshot({ path, ...options });
    return path;
  }

  /** How many pixels the page is wider than the screen (0 or less: no sideways scrolling). */
  overflowX() {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  /**
   * Every visible interactive element smaller than `min`×`min` px (touch targets): links,
   * buttons, fields, summaries, anything focusable or with a role a finger presses. A check
   * box, radio or file input is measured by its label (what the finger hits). Elements not
   * rendered (closed, hidden, 1 px visually-hidden) are left out.
   * @param {{ min?: number, within?: string }} [options]
   * @returns {Promise<{ what: string, text: string, width: number, height: number }[]>}
   */
  touchTargets({ min = 44, within = 'body' } = {}) {
    return this.page.evaluate(
      ({ min, within }) => {
        const selector = [
          'a[href]', 'button', 'select', 'textarea', 'input:not([type=hidden])', 'summary',
          '[role=button]', '[role=link]', '[role=tab]', '[role=checkbox]', '[role=radio]',
          '[tabindex]:not([tabindex="-1"])',
        ].join(', ');
        const small = [];
        const seen = new Set();
        for (const root of document.querySelectorAll(within)) {
          for (const el of root.querySelectorAll(selector)) {
            let target = el;
            if (el.matches('input[type=checkbox], input[type=radio], input[type=file]')) {
              target = el.closest('label') ?? (el.id && document.querySelector(`label[for="${el.id}"]`)) ?? el;
            }
            if (seen.has(target)) continue;
            seen.add(target);
            const style = getComputedStyle(target);
            if (style.visibility === 'hidden' || target.closest('[hidden], [inert]')) continue;
            // Inside a closed <details> (content-visibility hidden) nothing is shown.
            if (target.checkVisibility && !target.checkVisibility({ contentVisibilityAuto: true })) continue;
            const box = target.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) continue;
            if (box.width + 0.5 < min || box.height + 0.5 < min) {
              const name = target.id ? `#${target.id}` : `${target.tagName.toLowerCase()}.${[...target.classList].join('.')}`;
              const text = (target.innerText || target.getAttribute('aria-label') || target.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
              small.push({ what: name, text, width: Math.round(box.width), height: Math.round(box.height) });
            }
          }
        }
        return small;
      },
      { min, within },
    );
  }

  /**
   * Technical strings in the visible text (and placeholders) of the page, which Chinese text
   * must not hold: UTC offsets on times, plan ids, hex device ids and hashes, keyboard shortcuts.
   * @returns {Promise<{ pattern: string, text: string }[]>} each match with its surroundings
   */
  technicalText() {
    return this.page.evaluate((patterns) => {
      const visible = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
        .filter((e) => e.getBoundingClientRect().width > 1)
        .map((e) => e.placeholder);
      const text = [document.body.innerText, ...visible].join('\n');
      const found = [];
      for (const [name, source] of patterns) {
        for (const m of text.matchAll(new RegExp(source, 'gi'))) {
          found.push({ pattern: name, text: text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' ') });
        }
      }
      return found;
    }, Object.entries(TECHNICAL));
  }

  /**
   * Saves screenshots of the main screens for review under `SCREENSHOTS/<folder>/`: 我的任务,
   * 全部任务, a task's detail, 汇总, 数据交换 (with 存储与备份), 计划 and 报告, each checked by
   * `check(name)` first when given (e.g. the touch target and technical text checks).
   * @param {string} folder e.g. `tablet-landscape-2026-12-05`
   * @param {{ task?: number, check?: (name: string) => Promise<void> }} [options]
   * @returns {Promise<string[]>} the files written
   */
  async screenshotMainScreens(folder, { task = 10, check } = {}) {
    const written = [];
    for (const [name, hash, ready] of MAIN_SCREENS(task)) {
      await this.open(hash, { ready });
      if (check) await check(name);
      written.push(await this.screenshot(`${folder}/${name}`, { fullPage: true }));
    }
    return written;
  }

  /**
   * Visible controls shorter than `min` px, as `[id or class, height]` (touch targets).
   * @param {string} [selector] which controls to measure
   */
  smallTargets(selector = 'button, select, input[type=search], .segment span', min = 44) {
    return this.page.evaluate(
      ({ selector, min }) =>
        [...document.querySelectorAll(selector)]
          .filter((e) => e.offsetParent !== null)
          .map((e) => [e.id || e.className || e.tagName, e.getBoundingClientRect().height])
          .filter(([, h]) => h < min),
      { selector, min },
    );
  }
}

/** A browser context with its first page's steps: what `app.device` returns. */
export class Device extends Tab {
  constructor(app, server, context, page, seen, { touch = false } = {}) {
    super(app, server, page, { touch });
    /** The Playwright browser context. */
    this.context = context;
    /** What the context's pages logged and asked: `{ errors, offOrigin }`. */
    this.seen = seen;
  }

  /** Another page (tab) of this device, not yet opened: `await tab.open(…)` or a step. */
  async newTab() {
    return new Tab(this.app, this.server, await this.context.newPage(), { touch: this.touch });
  }

  /**
   * Sets the device's clock (Playwright's `context.clock`): fixed at `at`, or starting at `at`
   * and running on (`runs`). The first call installs the fake clock in documents loaded
   * afterwards: reload a page that was open before (`app.device({ clockAt })` sets it first).
   */
  setClock(at, { runs = false } = {}) {
    return setClock(this.context, at, { runs });
  }

  /** Limits the origin's storage to `bytes` (DevTools protocol), or lifts the limit (undefined). */
  async setQuota(bytes) {
    this.cdp ??= await this.context.newCDPSession(this.page);
    await this.cdp.send('Storage.overrideQuotaForOrigin', {
      origin: this.server.origin,
      ...(bytes === undefined ? {} : { quotaSize: bytes }),
    });
  }

  /** Asserts that this device logged no console error and asked nothing off its origin. */
  assertClean() {
    assert.deepEqual(this.seen.errors, [], 'console errors');
    assert.deepEqual(this.seen.offOrigin, [], 'requests off the origin');
  }

  /** Closes the context. */
  close() {
    return this.context.close();
  }
}

function setClock(context, at, { runs }) {
  const when = at instanceof Date ? at : new Date(at);
  return runs ? context.clock.setSystemTime(when) : context.clock.setFixedTime(when);
}

// ---------------------------------------------------------------------------------------------
// Independent readers of what the app writes

/** A CSV file read by Python's csv module, as Excel reads it (BOM, quoting, line breaks). */
export function readCsv(path) {
  const script = 'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f)), ensure_ascii=False))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

/** An XLSX file read by openpyxl (`check_xlsx.py`): sheets with their first `rows` rows. */
export function readXlsx(path, rows = 100) {
  const out = execFileSync('python3', [resolve(ROOT, 'tests/web/tools/check_xlsx.py'), path, '--rows', String(rows)], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** A JSON Schema validator (ajv, draft 2020-12) for a schema the app publishes in `public/`. */
export async function schemaValidator(name) {
  const schema = JSON.parse(await readFile(resolve(ROOT, 'public', name), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  validate.schema = schema;
  return validate;
}

// ---------------------------------------------------------------------------------------------
// importer branch (issue 18 import path, issue 19 worker): trusting a file set's devices in
// one step, the import's progress, the file checker's workers, and the network switched off.

/**
 * 信任以上全部设备 on the import list's trust-all card (`.trust-all`), as a person does after
 * comparing every fingerprint in its list: checks that the button waits, types the last four
 * characters of the device the card asks for, presses it and waits until no file of the list
 * waits for a device.
 * @returns {Promise<{ devices: string[], asked: string, ms: number }>} the fingerprints listed,
 *   the one asked for, and the time from the press until no file waited
 */
Tab.prototype.trustAllNewDevices = async function trustAllNewDevices() {
  const card = this.page.locator('.trust-all');
  await card.waitFor();
  const devices = (await card.locator('.trust-all-device .fingerprint').allTextContents()).map((t) => t.trim());
  const asked = (await card.locator('.trust-all-asked .fingerprint').textContent()).trim();
  const button = card.locator('.trust-all-devices');
  assert.equal(await button.isDisabled(), true, 'trusting all waits until the asked fingerprint is confirmed');
  const other = devices.find((d) => d.slice(-4) !== asked.slice(-4));
  if (other) {
    await card.locator('.trust-all-last-four').fill(other.slice(-4));
    assert.equal(await button.isDisabled(), true, "another device's last four do not confirm the list");
  }
  await card.locator('.trust-all-last-four').fill(asked.slice(-4).toLowerCase());
  const started = Date.now();
  await this.press(button);
  await this.page.waitForFunction(() => document.querySelectorAll('.import-files .trust-check, .trust-all').length === 0);
  return { devices, asked, ms: Date.now() - started };
};

/**
 * Watches the import's progress bars (`.import-progress`) from now on, in the page: what they
 * said and their values, as `importProgressSeen` returns them.
 */
Tab.prototype.watchImportProgress = async function watchImportProgress() {
  await this.page.evaluate(() => {
    window.__importProgress = [];
    const note = () => {
      for (const bar of document.querySelectorAll('.import-progress')) {
        const progress = bar.querySelector('progress');
        const seen = {
          text: bar.textContent.trim(),
          value: progress?.hasAttribute('value') ? Number(progress.getAttribute('value')) : null,
          max: progress?.hasAttribute('max') ? Number(progress.getAttribute('max')) : null,
        };
        const last = window.__importProgress.at(-1);
        if (!last || last.text !== seen.text || last.value !== seen.value) window.__importProgress.push(seen);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
};

/** What the progress bars said since `watchImportProgress`. */
Tab.prototype.importProgressSeen = function importProgressSeen() {
  return this.page.evaluate(() => window.__importProgress ?? []);
};

/** Counts the file checker's workers this page starts from now on (`workersStarted()`). */
Tab.prototype.countWorkers = function countWorkers() {
  const urls = [];
  this.page.on('worker', (worker) => urls.push(worker.url()));
  this.workersStarted = () => urls.slice();
};

/**
 * Switches the network off (the context offline and the server dropping every connection, so
 * the service worker's own fetches fail too) or on again.
 */
Device.prototype.network = async function network(on) {
  if (!on) this.server.setDown?.(true);
  await this.context.setOffline(!on);
  if (on) this.server.setDown?.(false);
};

/** Waits until the service worker controls the page and has precached this build. */
Tab.prototype.waitOfflineReady = async function waitOfflineReady() {
  await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
  await this.page.waitForFunction(async () => {
    const names = await caches.keys();
    for (const name of names) {
      const cache = await caches.open(name);
      const keys = await cache.keys();
      if (keys.some((r) => r.url.includes('duty-ledger-worker_loader.js'))) return true;
    }
    return false;
  }, null, { timeout: 60_000, polling: 250 });
};
// rhythm-a (issue 20 §1–3): 落实方案, steps, rounds and submissions, the office's board, 催报

Object.assign(Tab.prototype, {
  /** The 落实方案 section on 我的任务 (rounds, steps, the editor's button). */
  rhythm() {
    return this.page.locator('section.rhythm-mine');
  },

  /** Opens 我的任务 and the 落实方案 editor; returns the editor's locator. */
  async openImplementation() {
    await this.open('#view=mine', { ready: 'section.rhythm-mine' });
    const button = this.page.locator('.open-implementation');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await this.press(button);
    const editor = this.page.locator('.implementation-editor');
    await editor.waitFor();
    return editor;
  },

  /** One task's part of the open editor, unfolded. */
  async planTask(task) {
    const part = this.page.locator(`.implementation-editor .plan-task[data-task="${task}"]`);
    if ((await part.getAttribute('open')) === null) await this.press(part.locator('summary'));
    return part;
  },

  /** The tasks the open editor lists (their data-task numbers, in order). */
  async planTasks() {
    return this.page.locator('.implementation-editor .plan-task').evaluateAll((els) => els.map((e) => Number(e.dataset.task)));
  },

  /**
   * Saves the unit's contact in the open editor. Returns the message shown (saved, or why not);
   * with `refused`, waits for the refusal instead of the saved note.
   */
  async setPlanContact({ name, post = '', phone }, { refused = false } = {}) {
    const form = this.page.locator('.plan-contact-form');
    await form.locator('#plan-contact-name').fill(name);
    await form.locator('#plan-contact-post').fill(post);
    await form.locator('#plan-contact-phone').fill(phone);
    await this.press(form.locator('.plan-contact-save'));
    const message = form.locator(refused ? '.form-problem' : '.form-saved');
    await message.waitFor();
    return (await message.textContent()).trim();
  },

  /** Saves measures and expected results for `task` in the open editor. */
  async writeMeasures(task, measures, results = '') {
    const part = await this.planTask(task);
    await part.locator('.plan-measures').fill(measures);
    await part.locator('.plan-results').fill(results);
    await this.press(part.locator('.plan-measures-save'));
    await part.locator('.plan-measures-form .form-saved').waitFor();
  },

  /**
   * Adds a step to `task` in the open editor: `what`, `when` (YYYY-MM-DD, or YYYY-MM with
   * `month`), `person`. Waits until it is listed, or with `refused` until the refusal shows.
   * @returns {Promise<string>} the message shown
   */
  async addStep(task, { what, when, person, month = false }, { refused = false } = {}) {
    const part = await this.planTask(task);
    const form = part.locator(':scope > .step-form');
    const message = await this.fillStep(form, { what, when, person, month }, { refused });
    if (!refused) await part.locator('.plan-step', { hasText: what }).first().waitFor();
    return message;
  },

  /**
   * Fills a step form (new or a step's edit) and saves it; unless `wait` is false, waits for
   * its message (saved, or with `refused` the refusal) and returns it.
   */
  async fillStep(form, { what, when, person, month }, { refused = false, wait = true } = {}) {
    const box = form.locator('.step-by-month input');
    if (month !== undefined && (await box.isChecked()) !== month) await this.press(form.locator('.step-by-month'));
    if (what !== undefined) await form.locator('.step-what').fill(what);
    if (when !== undefined) await form.locator('.step-when').fill(when);
    if (person !== undefined) await form.locator('.step-person').fill(person);
    await this.press(form.locator('.step-save'));
    if (!wait) return '';
    const message = form.locator(refused ? '.form-problem' : '.form-saved');
    await message.waitFor();
    return (await message.textContent()).trim();
  },

  /**
   * Edits the step whose text holds `text` in `task` (a new version: `what`, `when`, `person`)
   * and waits until the list shows it.
   */
  async editStep(task, text, change) {
    const part = await this.planTask(task);
    const item = part.locator('.plan-step', { hasText: text }).first();
    await this.press(item.locator('.step-edit'));
    await this.fillStep(item.locator('.step-form'), change, { wait: false });
    await part.locator('.plan-step', { hasText: change.what ?? text }).locator('.step-history').waitFor();
  },

  /** The unit's steps on 我的任务 (`.my-step` rows). */
  mySteps() {
    return this.page.locator('.my-step-list .my-step');
  },

  /** Marks the step on 我的任务 whose text holds `text` done, and waits until it shows. */
  async markStepDone(text) {
    const row = this.mySteps().filter({ hasText: text }).first();
    await this.press(row.locator('.step-done'));
    await this.mySteps().filter({ hasText: text }).first().locator('.step-done[aria-pressed="true"]').waitFor();
  },

  /** The round's line on 我的任务 (`round`: plan, summary or an office round's id). */
  roundLine(round = 'plan') {
    return this.rhythm().locator(`.rhythm-round[data-round="${round}"]`);
  },

  /** Presses 提交 on the round's line and waits until it reads 已提交. */
  async submitRound(round = 'plan') {
    await this.open('#view=mine', { ready: 'section.rhythm-mine' });
    const line = this.roundLine(round);
    await this.press(line.locator('.rhythm-submit'));
    await this.rhythm().locator(`.rhythm-round.state-submitted[data-round="${round}"]`).waitFor();
    return (await line.locator('.rhythm-round-state').textContent()).trim();
  },

  /** Opens 汇总's 报送情况 board at `round` (a value of the round list: plan, summary, an id). */
  async openBoard(round = 'plan') {
    await this.open('#view=matrix', { ready: 'section.submission-board' });
    await this.page.locator('#round-select').selectOption(round);
    return this.page.locator('section.submission-board');
  },

  /** A unit's row in the open board. */
  boardRow(unit) {
    return this.page.locator(`.submission-matrix .submission-row[data-unit="${unit}"]`);
  },

  /** The office sets the chosen round's due date (YYYY-MM-DD) on the open board. */
  async setRoundDue(date) {
    const form = this.page.locator('.round-due-form');
    await form.locator('#round-due').fill(date);
    await this.press(form.locator('.round-due-save'));
    await this.page.locator('.round-forms .form-saved').waitFor();
  },

  /** The office returns `unit`'s submission on the open board with `reason`. */
  async returnSubmission(unit, reason) {
    const row = this.boardRow(unit);
    await row.locator('.return-reason').fill(reason);
    await this.press(row.locator('.return-submit'));
    await this.page.locator(`.submission-row.state-returned[data-unit="${unit}"]`).waitFor();
  },

  /** The 催报 text of the open board's round. */
  async reminderText() {
    return this.page.locator('.reminder-text').inputValue();
  },
});

/**
 * Checks an exchange file of the 2026 plan against the published schema, which names the
 * built-in plan: the file is checked as one (the plan's id and table, the renamed bureau under
 * its 2023 name).
 */
export function assertValidAs2023(validate, file, renamed = [['区卫生健康委员会', '区卫生健康局']]) {
  const plan = validate.schema.properties.plan.properties;
  let text = JSON.stringify(file);
  for (const [now, then] of renamed) text = text.replaceAll(now, then);
  const as2023 = { ...JSON.parse(text), plan: { id: plan.id.const, table_sha256: plan.table_sha256.const } };
  assert.ok(validate(as2023), JSON.stringify(validate.errors));
}

// ---------------------------------------------------------------------------------------------
// rhythm-b (issue 20 §4–5): 会议材料 with 会议决定, 年度总结 written, submitted and compiled

/** A .docx read by python-docx: its paragraphs and every table cell's text, in order. */
export function readDocx(path) {
  const script = [
    'import docx,json,sys',
    'd=docx.Document(sys.argv[1])',
    'cells=[c.text for t in d.tables for r in t.rows for c in r.cells]',
    'print(json.dumps({"paragraphs":[p.text for p in d.paragraphs],"styles":[p.style.name for p in d.paragraphs],"cells":cells},ensure_ascii=False))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

Object.assign(Tab.prototype, {
  /** Opens 报告 at one kind: 'progress' (落实情况), 'meeting' (会议材料) or 'annual' (年度总结). */
  async openReportKind(kind) {
    await this.open('#view=report', { ready: '.report-kind' });
    await this.press(this.page.locator(`.report-kind input[value="${kind}"] + span`));
    const ready = { progress: '.report-summary', meeting: '.meeting-material', annual: '.annual-controls' }[kind];
    await this.page.locator(ready).first().waitFor();
  },

  /** The meeting's item for (task, unit). */
  meetingItem(task, unit) {
    return this.page.locator(`.meeting-item[data-task="${task}"][data-unit="${unit}"]`);
  },

  /** On 会议材料, the office records the meeting's decision on (task, unit). */
  async recordDecision(task, unit, { text, owner, meeting, due, resolved = false }) {
    const item = this.meetingItem(task, unit);
    await this.press(item.locator('.meeting-decide'));
    const form = item.locator('.meeting-form');
    if (meeting) await form.locator('.meeting-date').fill(meeting);
    if (owner) await form.locator('.meeting-owner').selectOption(owner);
    if (due) await form.locator('.meeting-due').fill(due);
    await form.locator('.meeting-text').fill(text);
    const box = form.locator('.coordination-resolved input');
    if ((await box.isChecked()) !== resolved) await this.press(box);
    await this.press(form.locator('.meeting-save'));
    await this.meetingItem(task, unit).locator('.meeting-decision', { hasText: text }).waitFor();
  },

  /** The unit's 年度总结 editor for `task` on 报告 › 年度总结. */
  summaryEditor(task) {
    return this.page.locator(`.annual-editor[data-task="${task}"]`);
  },

  /** Writes (replaces) and saves the unit's 年度总结 on `task`. */
  async writeSummary(task, text) {
    const editor = this.summaryEditor(task);
    await editor.locator('.annual-text').fill(text);
    await this.press(editor.locator('.annual-save'));
    await editor.locator('.annual-saved').waitFor();
  },

  /** Presses 提交年度总结 and waits until it reads 已提交. */
  async submitSummary() {
    await this.press(this.page.locator('.annual-submit'));
    await this.page.locator('.annual-standing.state-submitted').waitFor();
    return (await this.page.locator('.annual-standing').textContent()).trim();
  },
});

// ---------------------------------------------------------------------------------------------
// rhythm-c (issue 20 §2): each matrix column's 落实方案 state, opening the plan as submitted

Object.assign(Tab.prototype, {
  /** The 落实方案 state button in `unit`'s column header of the 汇总 matrix. */
  matrixPlanState(unit) {
    return this.page.locator(`.matrix thead .col-plan-state[data-unit="${unit}"]`);
  },

  /** Opens 汇总 and, from `unit`'s column header, its 落实方案 as submitted; returns the sheet. */
  async openMatrixPlan(unit) {
    await this.open('#view=matrix', { ready: 'table.matrix' });
    await this.press(this.matrixPlanState(unit));
    const sheet = this.page.locator(`.matrix-plan-sheet[data-unit="${unit}"]`);
    await sheet.waitFor();
    return sheet;
  },
});
