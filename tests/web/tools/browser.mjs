// Launching Debian's Chromium through playwright-core, and watching a page for console errors
// and for requests that leave the app's origin.
import { chromium } from 'playwright-core';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = process.env.DIST ?? resolve(ROOT, 'dist');

// Flags that keep Chromium quiet on a closed network (and let it run as root).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
}

/** Records console errors, page errors and off-origin requests of every page in `context`. */
export function watch(context, origin) {
  const seen = { errors: [], offOrigin: [] };
  const onPage = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') seen.errors.push(m.text());
    });
    page.on('pageerror', (e) => seen.errors.push(String(e)));
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (['data:', 'blob:'].includes(url.protocol)) return;
    if (url.origin !== origin) seen.offOrigin.push(r.url());
  });
  return seen;
}

// The ledger lives in IndexedDB: these read its `records` store (see ledger-db.mjs).
export { savedEvents, storedEvents } from './ledger-db.mjs';
