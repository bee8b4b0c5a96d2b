// Printing the whole table: A4 pages, black on white, no controls, the plan title on top, and
// task cards that never break across pages.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from '../tools/app.mjs';

const app = useApp();
let dev, page;

before(async () => {
  dev = await app.device({ hash: '#view=all' });
  page = dev.page;
  await page.locator('li.task').first().waitFor();
  await page.emulateMedia({ media: 'print' });
});

test('in print, no control shows, and the plan title does', async () => {
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, .filters, .skip-link, .app-nav, .open-detail')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(shown, []);
  const title = page.locator('.plan-title');
  assert.equal(await title.isVisible(), true);
  assert.match(await title.textContent(), /福田区2023年食品安全重点工作/);
  const date = page.locator('.print-date');
  assert.equal(await date.isVisible(), true);
  assert.match(await date.textContent(), /^打印日期：\d{4}年\d{1,2}月\d{1,2}日$/);
});

test('black text on white, and no task card split across pages', async () => {
  const style = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const card = getComputedStyle(document.querySelector('li.task'));
    return { color: body.color, background: body.backgroundColor, cardColor: card.color, breakInside: card.breakInside };
  });
  assert.deepEqual(style, {
    color: 'rgb(0, 0, 0)',
    background: 'rgb(255, 255, 255)',
    cardColor: 'rgb(0, 0, 0)',
    breakInside: 'avoid',
  });
});

test('the PDF has A4 pages', async () => {
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  assert.ok(boxes.length > 1, `${boxes.length} pages`);
  for (const [, width, height] of boxes) {
    // A4 is 595.3 × 841.9 points.
    assert.ok(Math.abs(width - 595.3) < 2 && Math.abs(height - 841.9) < 2, `page of ${width} × ${height} pt`);
  }
});

test('no console errors and no request off the page origin', () => {
  dev.assertClean();
});
