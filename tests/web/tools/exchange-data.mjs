// Building ledger documents and exchange files in Node, independently of the app: for the
// benchmarks (large synthetic data) and for checking the app's checksums.
import { createHash } from 'node:crypto';

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

/** The checksum of a parsed exchange file. */
export function checksumOf(file) {
  const { exported_at, checksum, ...content } = file;
  return sha256(canonical(content));
}

export const hex16 = (n) => BigInt(n).toString(16).padStart(16, '0');

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
    });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  return records;
}

/** A valid exchange file of one unit's records. */
export function exchangeFile(unit, device, records) {
  const file = {
    format: 'duty-ledger-exchange',
    format_version: 1,
    plan: PLAN,
    exported_by: { unit, device },
    exported_at: '2023-11-08T10:00:00.000+08:00',
    scope: 'unit',
    records,
    checksum: { algorithm: 'sha256', value: '' },
  };
  file.checksum.value = checksumOf(file);
  return file;
}
