// Writes the service worker (sw.js) into a build from public/sw.template.js, with the list of
// files to precache taken from the build itself and a version derived from their contents.
//
// As a Trunk post_build hook (Trunk.toml) it reads Trunk's environment: TRUNK_STAGING_DIR (the
// finished build, before Trunk moves it to dist/), TRUNK_PROFILE and TRUNK_SOURCE_DIR.
// By hand, `node tests/web/tools/precache.mjs <dir>` (re)writes <dir>/sw.js as a release build.
//
// A release build gets the precaching worker. A debug build, or a build for `trunk serve` with
// live reload (Trunk puts its reload script into index.html), gets a worker that caches nothing
// and removes itself: development always sees the files it just built.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SW_FILE = 'sw.js';
const TEMPLATE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../public/sw.template.js');
const BUILD_SLOT = /\/\* BUILD \*\/.*\/\* \/BUILD \*\//;
// Trunk's live-reload script connects to this path (trunk-0.21.14/src/autoreload.js).
const TRUNK_LIVE_RELOAD = '.well-known/trunk/ws';

async function listFiles(root, dir = root) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) continue; // nothing hidden is part of the app
    if (entry.isDirectory()) out.push(...(await listFiles(root, path)));
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/** The files of the build in `dir` that the worker precaches, sorted, with their sizes and hashes. */
export async function buildFiles(dir) {
  const names = (await listFiles(dir)).filter((name) => name !== SW_FILE).sort();
  const files = [];
  for (const name of names) {
    const body = await readFile(join(dir, name));
    files.push({ name, size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  }
  return files;
}

/**
 * A short version over the sorted names and contents of the files, and the worker's own code:
 * any change to either gives a new cache.
 */
export function buildVersion(files, workerCode = '') {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\0${f.size}\0${f.sha256}\n`);
  hash.update(workerCode);
  return hash.digest('hex').slice(0, 16);
}

/** A relative URL for a file name (each path segment percent-encoded). */
const toUrl = (name) => './' + name.split('/').map(encodeURIComponent).join('/');

/**
 * Writes `dir`/sw.js. `precache: false` writes the development worker that removes itself.
 * Returns what it wrote: { version, precache, files }.
 */
export async function writeServiceWorker(dir, { precache = true } = {}) {
  const template = await readFile(TEMPLATE, 'utf8');
  if (!BUILD_SLOT.test(template)) throw new Error(`${TEMPLATE} has no /* BUILD */ … /* /BUILD */ slot`);
  const files = precache ? await buildFiles(dir) : [];
  if (precache && !files.some((f) => f.name === 'index.html')) {
    throw new Error(`${dir} has no index.html: not a build`);
  }
  const build = {
    version: precache ? buildVersion(files, template) : 'development',
    precache,
    files: files.map((f) => toUrl(f.name)),
  };
  const body = template.replace(BUILD_SLOT, () => JSON.stringify(build, null, 2));
  await writeFile(join(dir, SW_FILE), body);
  return build;
}

async function fromTrunk() {
  const dir = process.env.TRUNK_STAGING_DIR;
  const release = process.env.TRUNK_PROFILE === 'release';
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const liveReload = html.includes(TRUNK_LIVE_RELOAD);
  const build = await writeServiceWorker(dir, { precache: release && !liveReload });
  const why = !release ? 'debug build' : liveReload ? 'trunk serve with live reload' : '';
  console.log(
    build.precache
      ? `precache.mjs: sw.js precaches ${build.files.length} files as version ${build.version}`
      : `precache.mjs: sw.js caches nothing (${why})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (process.argv[2]) {
      const build = await writeServiceWorker(resolve(process.argv[2]));
      console.log(`sw.js precaches ${build.files.length} files as version ${build.version}`);
    } else if (process.env.TRUNK_STAGING_DIR) {
      await fromTrunk();
    } else {
      throw new Error('usage: node precache.mjs <build dir>, or run as a Trunk post_build hook');
    }
  } catch (err) {
    console.error(`precache.mjs: ${err.message}`);
    process.exit(1);
  }
}
