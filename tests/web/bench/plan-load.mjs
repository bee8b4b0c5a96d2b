// Benchmark, not a test: the office loads a 300-task responsibility table as a Word file on
// the plans screen (载入新的分工表), in Chromium slowed down 4× (CDP CPU throttling). Timed from
// the file chosen (the input's change event) to the preview in the page (areas and counts),
// which covers reading the file, inflating word/document.xml with DecompressionStream,
// reading the table, checking it against the registry and starting the draft.
// Goal: ≤ 300 ms. Prints figures; never passes or fails on time.
//
// The table is the 2026 test table's rows repeated to 300 tasks in 30 areas of ten (area
// headings in vertically merged cells, numbers 1–300), written as a .docx (deflated entries).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { DIST, ROOT, launch } from '../tools/browser.mjs';
import { startServer } from '../tools/static-server.mjs';

const TASKS = Number(process.env.TASKS ?? 300);
const PER_AREA = 10;
const CPU = Number(process.env.CPU ?? 4);
const RUNS = Number(process.env.RUNS ?? 5);

/** Tab-separated text with quoted multi-line cells, as the clipboard fixture has it. */
function parseTsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const m = /[\t\r\n]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === '\t') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const DIGITS = '一二三四五六七八九';
function numeral(n) {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 0 ? '' : tens === 1 ? '十' : DIGITS[tens - 1] + '十') + (ones ? DIGITS[ones - 1] : '');
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text) =>
  text.split(/\r?\n/).map((line) => `<w:p><w:r><w:t xml:space="preserve">${esc(line)}</w:t></w:r></w:p>`).join('') || '<w:p/>';
const cell = (text, merge) =>
  `<w:tc><w:tcPr>${merge === 'restart' ? '<w:vMerge w:val="restart"/>' : merge ? '<w:vMerge/>' : ''}</w:tcPr>${paragraphs(merge === 'continue' ? '' : text)}</w:tc>`;

function documentXml(rows) {
  const header = ['序号', '任务', '举措', '责任单位', '配合单位'];
  const trs = [`<w:tr>${header.map((h) => cell(h)).join('')}</w:tr>`];
  for (let n = 0; n < TASKS; n++) {
    const [, area, measure, lead, cooperating] = rows[n % rows.length];
    const areaNo = Math.floor(n / PER_AREA) + 1;
    const heading = `${numeral(areaNo)}、${area.replace(/^[一二三四五六七八九十]+、/, '')}`;
    const first = n % PER_AREA === 0;
    trs.push(`<w:tr>${cell(String(n + 1))}${cell(heading, first ? 'restart' : 'continue')}${cell(measure)}${cell(lead)}${cell(cooperating ?? '')}</w:tr>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs('附件1')}${paragraphs(`福田区2026年食品安全重点工作安排责任分工表（${TASKS}项）`)}<w:tbl>${trs.join('')}</w:tbl></w:body></w:document>`;
}

/** A zip of deflated entries (local headers, central directory, end record). */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data, { level: 6 });
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const tsv = parseTsv(await readFile(resolve(ROOT, 'tests/fixtures/plans/plan-2026.tsv'), 'utf8'));
const rows = tsv.filter((r) => /^\d+$/.test(r[0]));
// Carry the merged area cells down, as reading does.
let area = '';
for (const r of rows) area = r[1] = r[1] || area;
const xml = documentXml(rows);
const docx = zip([
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
  ['word/document.xml', xml],
]);
const dir = await mkdtemp(join(tmpdir(), 'duty-ledger-plan-bench-'));
const path = join(dir, `plan-${TASKS}.docx`);
await writeFile(path, docx);

const server = await startServer({ root: DIST });
const browser = await launch();
const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

const WATCH = () => {
  document.addEventListener('change', () => {
    window.chosenAt = performance.now();
    const observer = new MutationObserver(() => {
      const facts = document.querySelector('.editor-preview .editor-facts');
      if (facts && facts.textContent) {
        window.previewAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, true);
};

const figures = [];
for (let run = 0; run < RUNS; run++) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await page.addInitScript(WATCH);
  await page.goto(`${server.url}#view=plans`);
  await page.locator('.table-file-input').waitFor({ state: 'attached' });
  await page.locator('.table-file-input').setInputFiles(path);
  await page.waitForFunction(() => window.previewAt !== undefined, null, { timeout: 120_000 });
  const f = await page.evaluate(() => {
    const last = (n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN;
    return {
      total: window.previewAt - window.chosenAt,
      read: last('duty-ledger:table-read'),
      check: last('duty-ledger:table-check'),
      facts: document.querySelector('.editor-facts').textContent,
    };
  });
  figures.push(f);
  await page.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
console.log(`plan loading benchmark: a ${TASKS}-task .docx (${(docx.length / 1024).toFixed(0)} KB, document.xml ${(Buffer.byteLength(xml) / 1024).toFixed(0)} KB), CPU ×${CPU}, ${RUNS} runs`);
console.log(`  preview: ${figures[0].facts}`);
console.log(`  file chosen → preview shown   median ${median(figures.map((f) => f.total)).toFixed(0)} ms  (runs: ${figures.map((f) => f.total.toFixed(0)).join(', ')}; goal ≤ 300 ms)`);
console.log(`    read (bytes, inflate, parse)  median ${median(figures.map((f) => f.read)).toFixed(0)} ms`);
console.log(`    check + draft                 median ${median(figures.map((f) => f.check)).toFixed(0)} ms`);
await browser.close();
await server.close();
await rm(dir, { recursive: true, force: true });
