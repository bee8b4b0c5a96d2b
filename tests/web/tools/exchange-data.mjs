// Building ledger documents and exchange files in Node, independently of the app: for the
// benchmarks (large synthetic data) and for checking the app's checksums and signatures.
// Files are format 3 (src/exchange/FORMAT.md): each device's records sealed into its hash chain
// (seq, prev: SHA-256 of the previous record's canonical JSON) and its head signed with
// Ed25519. Every device has a deterministic test key, the same as the native tests' (tests/signed).
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';

export const PLAN = {
  id: 'futian-2023-food-safety',
  table_sha256: 'ca2404e49f5dc1a693cfc8204b0df5a2207a4aba1569d9eaf3eb4d42c0c8dedb',
};

/** RFC 8785 canonical JSON, as FORMAT.md describes it. */
export const canonical = (v) =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** The checksum of a parsed exchange file (attached files' bytes, `files`, are outside it). */
export function checksumOf(file) {
  const { exported_at, checksum, files, ...content } = file;
  return sha256(canonical(content));
}

export const hex16 = (n) => BigInt(n).toString(16).padStart(16, '0');

/** A record's digest: SHA-256 of its canonical JSON, `seq` and `prev` included. */
export const digest = (record) => sha256(canonical(record));

// An Ed25519 private key in PKCS #8 DER is this prefix and the 32-byte seed (RFC 8410).
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The test key of `device` (16 hex digits): `{ privateKey, publicKey }`, the public key as hex. */
export function deviceKey(device) {
  const seed = createHash('sha256').update(`duty-ledger test key ${device}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return { privateKey, publicKey };
}

/** The bytes a device signs for the head of its chain. */
export const headMessage = (device, unit, head) =>
  Buffer.from(['duty-ledger head v1', device, unit, head.seq, head.hash].join('\n'), 'utf8');

/** `device`'s proof for `head` (writing for `unit`), signed with `key` (its own by default). */
export function proof(device, unit, head, key = deviceKey(device)) {
  const signature = sign(null, headMessage(device, unit, head), key.privateKey).toString('hex');
  return { device, unit, public_key: key.publicKey, head, signature };
}

/**
 * Copies of `records` with every unsealed one given its place in its device's chain (per
 * device: after its sealed records, oldest first by `at`, then id, as the app seals records).
 */
export function seal(records) {
  const out = records.map((r) => ({ ...r }));
  const byDevice = new Map();
  for (const r of out) {
    if (!byDevice.has(r.device)) byDevice.set(r.device, []);
    byDevice.get(r.device).push(r);
  }
  for (const own of byDevice.values()) {
    const sealed = own.filter((r) => r.seq !== undefined).sort((a, b) => a.seq - b.seq);
    const pending = own
      .filter((r) => r.seq === undefined)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let head = sealed.at(-1);
    for (const r of pending) {
      r.seq = head ? head.seq + 1 : 1;
      if (head) r.prev = digest(head);
      head = r;
    }
  }
  return out;
}

/** Each device's proof for the latest of its records in `records` (sealed). */
export function proofs(records) {
  const heads = new Map();
  for (const r of records) {
    const held = heads.get(r.device);
    if (!held || held.seq < r.seq) heads.set(r.device, r);
  }
  return [...heads.values()]
    .sort((a, b) => (a.device < b.device ? -1 : 1))
    .map((r) => proof(r.device, r.unit, { seq: r.seq, hash: digest(r) }));
}

/** `count` notes of `unit`, spread over the 58 tasks, with distinct ids. */
export function notes(unit, device, count, idBase = 0) {
  const records = [];
  for (let i = 0; i < count; i++) {
    const task = (i % 58) + 1;
    const minute = i;
    const at = new Date(Date.UTC(2023, 4, 1, 1, 0, 0) + minute * 60_000).toISOString().replace('Z', '+00:00');
    const id = hex16(BigInt(idBase) + BigInt(i) + 1n);
    records.push({
      id,
      task,
      unit,
      device,
      at,
      change: { kind: 'note', note: id, text: `第${task}项任务第${i}条进展：完成检查、整改和复查，情况良好。` },
      hlc: { ms: Date.parse(at), n: 0 },
    });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  return records;
}

/**
 * A valid exchange file (format 3) of `records` exported by `device` of `unit`: records sealed
 * into their devices' chains, every device's head signed with its test key. `scope` is `unit`
 * (only `unit`'s records) or `all`.
 */
export function exchangeFile(unit, device, records, { scope = 'unit', exportedAt = '2023-11-08T10:00:00.000+08:00' } = {}) {
  const sealed = seal(records).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const file = {
    format: 'duty-ledger-exchange',
    format_version: 3,
    plan: PLAN,
    exported_by: { unit, device },
    exported_at: exportedAt,
    scope,
    devices: proofs(sealed),
    records: sealed,
    checksum: { algorithm: 'sha256', value: '' },
  };
  file.checksum.value = checksumOf(file);
  return file;
}
