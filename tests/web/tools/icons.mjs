// Renders the app icons for the web app manifest from public/icon.svg, once, by hand:
//   node tests/web/tools/icons.mjs
// The PNGs are committed (public/icons/); run this again only when the SVG changes.
// Chromium draws the SVG at each exact size; pngquant (Debian package `pngquant`), when
// installed, turns each into a small palette PNG, since every byte of dist/ counts against
// the size budget.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ROOT, launch } from './browser.mjs';

const svg = await readFile(resolve(ROOT, 'public/icon.svg'), 'utf8');

// The maskable and Apple icons are full-bleed: the launcher crops them (to a circle, a
// squircle, rounded corners), so the background fills the square and the drawing shrinks
// into the safe zone (a centred circle of 40 % radius: the drawing's corners reach 36 %).
const background = /<rect width="64" height="64" rx="12" fill="(#[0-9a-f]{6})"\/>/;
const match = svg.match(background);
if (!match) throw new Error('public/icon.svg no longer starts with the expected background rect');
const fullBleed = svg
  .replace(match[0], `<rect width="64" height="64" fill="${match[1]}"/><g transform="translate(32 32) scale(0.8) translate(-32 -32)">`)
  .replace('</svg>', '</g></svg>');

const icons = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-512.png', size: 512, source: fullBleed },
  { file: 'apple-touch-icon.png', size: 180, source: fullBleed },
];

const hasPngquant = (() => {
  try {
    execFileSync('pngquant', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const browser = await launch();
try {
  for (const { file, size, source } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    let png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    if (hasPngquant) {
      png = execFileSync('pngquant', ['--quality=80-100', '--speed=1', '--strip', '-'], { input: png });
    }
    const path = resolve(ROOT, 'public/icons', file);
    await writeFile(path, png);
    console.log(`${file}: ${size}x${size}, ${png.length} bytes${hasPngquant ? ' (pngquant)' : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
}
