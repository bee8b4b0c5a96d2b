// Duty Ledger's service worker. public/sw.template.js is written into each build as sw.js by
// tests/web/tools/precache.mjs (a Trunk post_build hook), with BUILD filled in from the files
// of that build; the template itself is never served.
//
// A release build precaches every file of the build under a cache named after their contents,
// answers from that cache first (the app's pages with the cached index.html), and deletes the
// caches of older builds when it activates. It only ever answers same-origin GET requests
// inside its own folder: everything else goes to the network untouched.
//
// A development build (debug profile, or `trunk serve` with its live reload) gets a worker that
// caches nothing, and that removes itself and this folder's caches, so that a release worker
// left over from an earlier run never serves stale files while someone develops.
'use strict';

/** Filled in by precache.mjs: { version, precache, files } (files relative to this script). */
const BUILD = /* BUILD */ { version: 'template', precache: false, files: [] } /* /BUILD */;

// Caches are shared by the whole origin: each copy of the app (a sub-path) keeps to its own.
const SCOPE = new URL('./', self.location.href).href;
const PREFIX = `duty-ledger ${SCOPE} `;
const CACHE = PREFIX + BUILD.version;
const INDEX = new URL('./index.html', SCOPE).href;

// Chromium may bring back the name of a cache just deleted, empty, when a tab still running the
// old version writes compiled code next to a file it had from that cache; the next activation
// deletes it again. Nothing is ever served from it.
async function deleteCaches(keep) {
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== keep) await caches.delete(key);
  }
}

if (!BUILD.precache) {
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => {
    event.waitUntil(deleteCaches(null).then(() => self.registration.unregister()));
  });
} else {
  self.addEventListener('install', (event) => {
    event.waitUntil(precache());
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(deleteCaches(CACHE).then(() => self.clients.claim()));
  });

  // The page posts this when the person chose to reload into the new version.
  self.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  });

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    // Never another origin, never outside this copy of the app.
    if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
    const path = url.pathname.slice(new URL(SCOPE).pathname.length);
    const page = request.mode === 'navigate' && (path === '' || path === 'index.html');
    event.respondWith(fromCache(page ? INDEX : request));
  });
}

/** Fetches every file of the build, bypassing the HTTP cache, into this build's cache. */
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    BUILD.files.map(async (file) => {
      const url = new URL(file, SCOPE).href;
      let response = await fetch(url, { cache: 'reload', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
      // A host that redirects (say index.html to ./) leaves a response a page cannot be
      // answered with; keep only its body and headers.
      if (response.redirected) {
        response = new Response(await response.blob(), { status: 200, headers: response.headers });
      }
      await cache.put(url, response);
    }),
  );
}

/**
 * The cached answer, or the network's when this build does not have the file. (Not
 * caches.open: a worker that is being replaced must not bring back a cache just deleted.)
 */
async function fromCache(request) {
  const hit = await caches.match(request, { cacheName: CACHE });
  return hit ?? fetch(request);
}
