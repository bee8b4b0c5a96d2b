// The main screens on a tablet, as a person finds them (issue 17): at 1024×768 and 768×1024
// with touch, with the 2026 test table in use, the clock on 5 December 2026 and on a mid-year
// day, every visible control a finger presses is at least 44×44 px, the visible text holds no
// technical strings (UTC offsets, plan ids, hex ids, keyboard shortcuts), and a screenshot set
// of the main screens is written for review (tests/web/screenshots/, git-ignored). The export
// offers the share sheet where the browser can share files, else says where the file went.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDU, OFFICE, SCREENSHOTS, useApp } from '../tools/app.mjs';

const app = useApp();

const DECEMBER = '2026-12-05T10:00:00+08:00';
const MID_YEAR = '2026-06-15T10:00:00+08:00';

/**
 * Problems other parts of the app still have, by screen, to be fixed by their owners: each
 * entry is a control's `what` (see `Tab.touchTargets`). Empty when nothing is known.
 */
const KNOWN_SMALL = {};

/** A device on the 2026 plan with a little work done, as `unit`. */
async function tabletOn2026(viewport, clockAt, unit) {
  const dev = await app.device({ viewport, clockAt, hash: '#view=plans', ready: '.plans-view' });
  await dev.loadPlan2026();
  await dev.pickUnit(unit);
  await dev.openTask(10);
  await dev.setStatus('推进中');
  await dev.addNote('已召开专题会，部署校园食品安全检查');
  return dev;
}

/** Checks one screen: touch targets and technical strings. */
function checker(dev, label) {
  return async (screen) => {
    const small = (await dev.touchTargets()).filter((t) => !(KNOWN_SMALL[screen] ?? []).includes(t.what));
    assert.deepEqual(small, [], `${label} ${screen}: controls under 44×44 px`);
    assert.deepEqual(await dev.technicalText(), [], `${label} ${screen}: technical strings in the text`);
  };
}

for (const viewport of ['landscape', 'portrait']) {
  describe(`tablet ${viewport}`, () => {
    for (const [when, clockAt] of [['2026-12-05', DECEMBER], ['2026-06-15', MID_YEAR]]) {
      test(`the main screens on ${when}: touch targets, plain words, screenshots`, async () => {
        const dev = await tabletOn2026(viewport, clockAt, EDU);
        const label = `${viewport} ${when}`;
        const written = await dev.screenshotMainScreens(`${viewport}-${when}`, { check: checker(dev, label) });
        assert.equal(written.length, 7);
        assert.ok(written.every((path) => path.startsWith(SCREENSHOTS)));
        // The office's own view of the same screens.
        await dev.pickUnit(OFFICE);
        await dev.screenshotMainScreens(`${viewport}-${when}-office`, { check: checker(dev, `${label} office`) });
        await dev.close();
      });
    }
  });
}

describe('exporting on a tablet', () => {
  test('where the browser shares files, 分享 opens the share sheet and says so; a cancel sends nothing', async () => {
    // Stand in for a tablet's share sheet: the first share is cancelled, the second goes.
    const sheet = () => {
      window.shares = [];
      navigator.canShare = (data) => Array.isArray(data?.files);
      navigator.share = async (data) => {
        window.shares.push(data.files[0].name);
        if (window.shares.length === 1) throw new DOMException('closed', 'AbortError');
      };
    };
    const dev = await app.device({ unit: EDU, viewport: 'portrait', clockAt: DECEMBER, hash: '#view=exchange', init: sheet });
    const share = dev.page.locator('.export-option').first().getByRole('button', { name: /^(分享|Share)$/ });
    await dev.press(share);
    await dev.page.locator('.export-done', { hasText: '已取消分享，文件未发送' }).waitFor();
    await dev.press(share);
    await dev.page.locator('.export-done', { hasText: /已交给分享：区教育局-进展-2026-12-05\.json/ }).waitFor();
    assert.equal(await dev.page.evaluate(() => window.shares.length), 2);
    await dev.close();
  });

  test('where it cannot, the file is downloaded and the message says where it went', async () => {
    const dev = await app.device({ unit: EDU, viewport: 'landscape', clockAt: DECEMBER, hash: '#view=exchange' });
    assert.equal(await dev.page.locator('.export-option').first().getByRole('button', { name: /^(分享|Share)$/ }).count(), 0);
    const file = await dev.exportFile('own', 'edu.json');
    assert.match(file.name, /^区教育局-进展-2026-12-05\.json$/);
    assert.match(await dev.page.locator('.export-done').textContent(), /已保存到本机的“下载”文件夹：区教育局-进展-2026-12-05\.json/);
    await dev.close();
  });
});

test('no console errors and no request off the page origin', () => {
  app.assertClean();
});
