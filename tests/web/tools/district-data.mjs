// A synthetic district ledger for the storage benchmark: every unit of the plan writing weekly
// for years (notes of realistic Chinese lengths, note revisions and deletions, statuses with
// reasons, figures against the targets in seeds/targets-2023.json), reproducible from a seed.
// Records meet `Event::check` (src/ledger/event.rs); their stored text is what the app writes
// (`serde_json::to_string(&Event)`: the same field order, figures as `14800.0`).
//
// The office device (the coordinating office) receives the other units' records through one
// import a week (a batch in the `batches` store and an entry in `changes`) and writes its own
// records one transaction each, as src/vault and src/browser/ledger_db.rs lay them out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './browser.mjs';

export const OFFICE = '区食药安办';

/** The units that write records (the groups never do), in the registry's order. */
export const UNITS = [
  '区食药安办', '市市场监管局福田监管局', '市生态环境局福田管理局', '市规划和自然资源局福田管理局',
  '福田公安分局', '区卫生健康局', '区教育局', '福田海关', '皇岗海关', '区城管和综合执法局',
  '区民政局', '区住房建设局', '区文化广电旅游体育局', '区人民法院', '区人民检察院',
  '区工业和信息化局', '区委宣传部', '园岭街道办事处', '南园街道办事处', '福田街道办事处',
  '沙头街道办事处', '香蜜湖街道办事处', '梅林街道办事处', '莲花街道办事处', '华富街道办事处',
  '福保街道办事处', '华强北街道办事处',
];

/** The targets of the plan, read from the seed file the app is built from. */
export const TARGETS = JSON.parse(readFileSync(resolve(ROOT, 'seeds/targets-2023.json'), 'utf8')).targets;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '晓东', '建华', '海燕'];

// Pieces of weekly progress notes, joined into texts of the wanted length.
const OPENINGS = ['本周', '本月', '截至目前，', '按照工作部署，', '根据区食药安委工作要求，', '结合辖区实际，', '会同相关部门，'];
const ACTIONS = [
  '开展校园及周边食品安全专项检查{n}次，出动执法人员{n}人次',
  '检查餐饮服务单位{n}家，发现问题{n}处，已督促整改完毕',
  '完成食品及食用农产品抽检{n}批次，不合格{n}批次均已核查处置',
  '对农贸市场开展快检{n}批次，结果均已公示',
  '组织食品安全宣传进社区活动{n}场，发放宣传资料{n}份',
  '召开食品安全工作专题会议，研究部署下一阶段重点任务',
  '联合市场监管所对辖区小作坊、小餐饮开展拉网式排查',
  '督促{n}家学校食堂落实校长陪餐制度和食品安全总监制度',
  '完成冷链食品从业人员健康监测{n}人次',
  '对群众投诉举报{n}宗逐一核查，按时办结率100%',
  '推进“互联网+明厨亮灶”建设，新增接入{n}家',
  '开展食品安全风险隐患排查，建立问题清单和整改台账',
  '配合区市场监管部门开展节前食品安全联合检查',
  '落实包保干部督导责任，完成包保督导{n}次',
  '开展农村集体聚餐报备指导{n}宗，现场指导{n}次',
];
const CLOSINGS = ['。', '，情况良好。', '，相关材料已归档。', '，下一步将持续跟进。', '，未发现重大风险隐患。', '，整改情况已报区食药安办。'];
const REASONS = [
  '等待区财政部门批复专项经费',
  '涉及多个部门职责交叉，需区食药安办协调明确牵头单位',
  '检测设备尚未到位，需市级部门支持',
  '场地改造涉及规划调整，需规划资源部门配合',
  '人员力量不足，需街道抽调网格员协助',
];

/** A small, fast, seeded random generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const hex16 = () => {
    const half = () => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
    return half() + half();
  };
  return { next, int, pick, hex16 };
}

/**
 * A note's length in characters: most entries are a line or two, some a paragraph, a few a
 * monthly or quarterly summary (the app allows 5,000).
 */
function noteLength(rnd) {
  const r = rnd.next();
  if (r < 0.6) return rnd.int(20, 80);
  if (r < 0.9) return rnd.int(80, 250);
  if (r < 0.98) return rnd.int(250, 800);
  return rnd.int(800, 2000);
}

function chineseText(rnd, length) {
  let text = rnd.pick(OPENINGS);
  while (text.length < length) {
    text += rnd.pick(ACTIONS).replace(/\{n\}/g, () => String(rnd.int(1, 120))) + rnd.pick(CLOSINGS);
  }
  return text.slice(0, length).trimEnd() || '已完成';
}

/** An RFC 3339 stamp at UTC+8 with milliseconds, as `Stamp`'s Display writes it. */
export function stamp(utcMs) {
  return new Date(utcMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

const dateOf = (utcMs) => stamp(utcMs).slice(0, 10);

/** serde_json's text of an `f64`: a whole number keeps a `.0`. */
const float = (v) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/** The stored text of a record: `serde_json::to_string(&Event)`. */
export function recordText(e) {
  const c = e.change;
  let change;
  switch (c.kind) {
    case 'figure':
      change = `{"kind":"figure","target":${JSON.stringify(c.target)},"as_of":"${c.as_of}","value":${float(c.value)}}`;
      break;
    default:
      change = JSON.stringify(c);
  }
  const author = e.author === undefined ? '' : `,"author":${JSON.stringify(e.author)}`;
  return `{"id":"${e.id}","task":${e.task},"unit":${JSON.stringify(e.unit)},"device":"${e.device}","at":"${e.at}"${author},"change":${change}}`;
}

/**
 * The district's records over `weeks` weeks ending at `end` (ms), about `count` in all.
 * `concerns` maps each unit to the tasks that concern it (as the app's "my tasks" lists them).
 * Returns the records in time order, each `{ id, task, unit, device, at, author?, change, ms }`.
 */
export function districtRecords({ count, weeks, end, concerns, seed = 2023 }) {
  const rnd = random(seed);
  const units = UNITS.filter((u) => concerns.get(u)?.length);
  const people = new Map(
    units.map((u) => [
      u,
      {
        devices: Array.from({ length: rnd.int(1, 3) }, () => rnd.hex16()),
        authors: Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(SURNAMES) + rnd.pick(GIVEN)),
        notes: [], // live notes: { id, task }
        figures: new Map(), // target id → last value
      },
    ]),
  );
  // Monday 00:00 China time, `weeks` weeks before the week of `end`.
  const WEEK = 7 * 86_400_000;
  const firstMonday = 4 * 86_400_000 - 8 * 3_600_000; // 1970-01-05 00:00 +08:00
  const start = firstMonday + (Math.floor((end - firstMonday) / WEEK) - weeks) * WEEK;
  const slots = weeks * units.length;
  const records = [];
  for (let week = 0; week < weeks; week++) {
    for (const [u, unit] of units.entries()) {
      const slot = week * units.length + u;
      const n = Math.floor(((slot + 1) * count) / slots) - Math.floor((slot * count) / slots);
      const me = people.get(unit);
      const tasks = concerns.get(unit);
      const targets = TARGETS.filter((t) => tasks.includes(t.task));
      for (let i = 0; i < n; i++) {
        // Working hours (09:00 to 18:00), Monday to Friday, China time.
        const ms = start + week * WEEK + rnd.int(0, 4) * 86_400_000 + 9 * 3_600_000 + rnd.int(0, 9 * 3_600_000 - 1);
        const base = {
          id: rnd.hex16(),
          task: rnd.pick(tasks),
          unit,
          device: rnd.pick(me.devices),
          at: stamp(ms),
          ms,
        };
        if (rnd.next() < 0.7) base.author = rnd.pick(me.authors);
        const r = rnd.next();
        if (r < 0.08 && targets.length) {
          const target = rnd.pick(targets);
          const last = me.figures.get(target.id) ?? 0;
          const value =
            target.kind === 'level'
              ? Math.min(target.unit === '%' ? 100 : Infinity, Math.round(target.goal * (0.9 + rnd.next() * 0.15) * 10) / 10)
              : last + rnd.int(0, Math.max(1, Math.ceil(target.goal / 200)));
          me.figures.set(target.id, value);
          base.task = target.task;
          base.change = { kind: 'figure', target: target.id, as_of: dateOf(ms), value };
        } else if (r < 0.2) {
          const status = rnd.pick(['in_progress', 'in_progress', 'in_progress', 'done', 'done', 'blocked', 'not_started']);
          base.change = { kind: 'status', status };
          if (status === 'blocked') base.change.reason = rnd.pick(REASONS);
        } else if (r < 0.36 && me.notes.length) {
          // A revision of one of the unit's recent notes.
          const note = me.notes[me.notes.length - 1 - rnd.int(0, Math.min(20, me.notes.length - 1))];
          base.task = note.task;
          base.change = { kind: 'note', note: note.id, text: chineseText(rnd, noteLength(rnd)) };
        } else if (r < 0.375 && me.notes.length) {
          const [note] = me.notes.splice(me.notes.length - 1 - rnd.int(0, Math.min(20, me.notes.length - 1)), 1);
          base.task = note.task;
          base.change = { kind: 'note_deleted', note: note.id };
        } else {
          base.change = { kind: 'note', note: base.id, text: chineseText(rnd, noteLength(rnd)) };
          me.notes.push({ id: base.id, task: base.task });
          if (me.notes.length > 500) me.notes.shift();
        }
        records.push(base);
      }
    }
  }
  records.sort((a, b) => a.ms - b.ms);
  return records;
}

/** A record without the generator's bookkeeping, as files and the database carry it. */
export function plain({ ms, ...record }) {
  return record;
}

/** A batch as the vault stores it (`serde_json::to_string(&Batch)`). */
export function batchText(id, at, files, ids) {
  return JSON.stringify({ id, at, files, records: [...ids].sort() });
}

/**
 * The office device's stores after `records`: its own records written one by one, the other
 * units' records imported once a week. Returns `{ records: [[key, text]], batches: [[key,
 * text]], changes: [text] }` (the change log in the order it was written).
 */
export function officeStores(records, { seed = 7 } = {}) {
  const rnd = random(seed);
  const out = { records: [], batches: [], changes: [] };
  let week = null;
  const flush = () => {
    if (!week?.ids.length) return;
    const id = rnd.hex16();
    out.batches.push([id, batchText(id, week.at, week.files.size, week.ids)]);
    out.changes.push(JSON.stringify({ records: [...week.ids].sort(), batches: [id] }));
  };
  for (const record of records) {
    out.records.push([record.id, recordText(record)]);
    if (record.unit === OFFICE) {
      out.changes.push(JSON.stringify({ records: [record.id] }));
      continue;
    }
    // Imported on the Monday after the week it was written in, at 09:30 China time.
    const WEEK = 7 * 86_400_000;
    const firstMonday = 4 * 86_400_000 - 8 * 3_600_000;
    const monday = Math.floor((record.ms - firstMonday) / WEEK);
    if (week?.monday !== monday) {
      flush();
      week = { monday, at: stamp(firstMonday + (monday + 1) * WEEK + 9.5 * 3_600_000), files: new Set(), ids: [] };
    }
    week.files.add(record.unit);
    week.ids.push(record.id);
  }
  flush();
  return out;
}
