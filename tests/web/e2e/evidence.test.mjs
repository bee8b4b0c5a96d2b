// 佐证材料 (issue 21) end to end, on tablets with touch: a camera photo (the fixture JPEG with
// EXIF orientation 6 and a GPS position) and a PDF attached to a note, made ready on the
// device (the photo turned the right way up, made smaller, its location removed), kept across
// a reload, exported with attachments, imported in a separate browser context with the same
// thumbnails, an altered attachment refused naming its note, records without their files
// showing 附件未随文件提供 until a later file fills them in, the office seeing the evidence in
// the 需协调 list and a unit's cell, and bad files refused with nothing else changed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile, truncate } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EDU, OFFICE, ROOT, schemaValidator, useApp } from '../tools/app.mjs';
import { checksumOf } from '../tools/exchange-data.mjs';

const app = useApp();
const FIXTURES = resolve(ROOT, 'tests/fixtures/evidence');
const PHOTO = resolve(FIXTURES, 'photo-gps-rotated.jpg');
const PDF = resolve(FIXTURES, 'minutes.pdf');
const JUNE = '2023-06-01T09:00:00+08:00';
const NOTE = '检查学校食堂，快检结果与整改通知见附件';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG's size from its SOF segment and whether its EXIF block has a GPS IFD. */
function jpegFacts(bytes) {
  let at = 2;
  const facts = { width: 0, height: 0, exif: false, gps: false };
  while (at < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    const len = bytes.readUInt16BE(at + 2);
    if (marker === 0xda) break;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      facts.height = bytes.readUInt16BE(at + 5);
      facts.width = bytes.readUInt16BE(at + 7);
    }
    if (marker === 0xe1 && bytes.subarray(at + 4, at + 10).toString('latin1') === 'Exif\0\0') {
      facts.exif = true;
      const tiff = bytes.subarray(at + 10, at + 2 + len);
      const le = tiff.toString('latin1', 0, 2) === 'II';
      const u16 = (o) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
      const u32 = (o) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
      const ifd = u32(4);
      for (let i = 0; i < u16(ifd); i++) if (u16(ifd + 2 + 12 * i) === 0x8825) facts.gps = true;
    }
    at += 2 + len;
  }
  return facts;
}

/** The colour at a relative spot of the first thumbnail shown in `scope`, and its size. */
function thumbnailFacts(page, scope) {
  return page.locator(`${scope} img.attachment-thumb`).first().evaluate(async (img) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const at = (x, y) => [...g.getImageData(Math.floor(x * canvas.width), Math.floor(y * canvas.height), 1, 1).data].slice(0, 3);
    return { width: img.naturalWidth, height: img.naturalHeight, topRight: at(0.92, 0.08), topLeft: at(0.08, 0.08) };
  });
}

const isRed = ([r, g, b]) => r > 150 && g < 90 && b < 90;

describe('a photo and a PDF on a note, carried to the office', () => {
  let full;
  let recordsOnly;

  test('attached on a landscape tablet, made ready, kept across a reload', async () => {
    const edu = await app.device({ unit: EDU, viewport: 'landscape', clockAt: JUNE });
    const { page } = edu;
    await edu.openTask(10);
    await edu.setStatus('受阻', { reason: '等待区卫生健康局配合抽检' });
    const camera = await edu.attachFiles(PHOTO, { camera: true });
    assert.deepEqual(camera.pending, ['photo-gps-rotated.jpg']);
    const remarks = await page.locator('.note-editor .attach-pending .attach-remarks').textContent();
    assert.match(remarks, /已在本机缩小：\d+ KB → \d+ KB（480×640）/);
    assert.match(remarks, /拍摄位置（GPS）已去除/);
    const picked = await edu.attachFiles(PDF);
    assert.deepEqual(picked.pending, ['photo-gps-rotated.jpg', 'minutes.pdf']);
    assert.deepEqual(await edu.smallTargets('.note-editor button, .note-editor .file-picker-label'), []);
    await edu.screenshot('evidence/landscape-attaching');
    await edu.addNote(NOTE, { saved: true });
    const tiles = await edu.attachmentTiles();
    assert.deepEqual(tiles.map((t) => [t.name, t.state]), [['photo-gps-rotated.jpg', 'here'], ['minutes.pdf', 'here']]);
    // The form is empty again.
    assert.equal(await page.locator('.note-editor .attach-pending').count(), 0);

    await edu.reload();
    await edu.noteText(NOTE).waitFor();
    await page.locator('section.task-detail .notes img.attachment-thumb').first().waitFor();
    const thumb = await thumbnailFacts(page, 'section.task-detail .notes');
    // Turned by its EXIF orientation: portrait, the stored top-left red block now top right.
    assert.ok(thumb.height > thumb.width, `${thumb.width}×${thumb.height}`);
    assert.ok(isRed(thumb.topRight), `top right ${thumb.topRight}`);
    assert.ok(!isRed(thumb.topLeft), `top left ${thumb.topLeft}`);
    assert.deepEqual((await edu.attachmentTiles()).map((t) => t.state), ['here', 'here']);

    // Full size, then the PDF's open and download links.
    await edu.press(page.locator('.notes .attachment-open').first());
    await page.locator('.attachment-viewer img.viewer-image').waitFor();
    const shown = await page.locator('.viewer-image').evaluate((img) => img.decode().then(() => [img.naturalWidth, img.naturalHeight]));
    assert.deepEqual(shown, [480, 640]);
    await edu.screenshot('evidence/landscape-viewer');
    await edu.press(page.locator('.viewer-close'));
    await edu.press(page.locator('.notes .attachment-open').nth(1));
    const pdf = await edu.download(page.locator('.viewer-download'), 'downloaded.pdf');
    assert.deepEqual(await readFile(pdf.path), await readFile(PDF));
    await edu.press(page.locator('.viewer-close'));

    recordsOnly = await edu.exportFile('own', 'edu-records.json');
    full = await edu.exportWithFiles('own', 'edu-files.json');
    assert.match(full.name, /^区教育局-进展含附件-2023-06-01\.json$/);
    edu.assertClean();
    await edu.close();
  });

  test('the exported file carries both files as its signed records describe them', async () => {
    const file = JSON.parse(full.text);
    const validate = await schemaValidator('duty-ledger.schema.json');
    assert.ok(validate(file), JSON.stringify(validate.errors));
    assert.equal(file.format_version, 5);
    assert.equal(checksumOf(file), file.checksum.value, 'the documented checksum leaves files out');
    const note = file.records.find((r) => r.change.text === NOTE);
    assert.deepEqual(note.attachments.map((a) => [a.name, a.type]), [
      ['photo-gps-rotated.jpg', 'image/jpeg'],
      ['minutes.pdf', 'application/pdf'],
    ]);
    assert.equal(file.files.length, 2);
    for (const entry of file.files) {
      const bytes = Buffer.from(entry.base64, 'base64');
      assert.equal(sha256(bytes), entry.sha256);
      const described = note.attachments.find((a) => a.sha256 === entry.sha256);
      assert.equal(bytes.length, described.size);
    }
    const photo = Buffer.from(file.files.find((e) => e.sha256 === note.attachments[0].sha256).base64, 'base64');
    const facts = jpegFacts(photo);
    assert.deepEqual([facts.width, facts.height, facts.gps], [480, 640, false]);
    assert.deepEqual(Buffer.from(file.files.find((e) => e.sha256 === note.attachments[1].sha256).base64, 'base64'), await readFile(PDF));
    // The records-only export: the same records and checksum, no files.
    const plain = JSON.parse(recordsOnly.text);
    assert.equal(plain.files, undefined);
    assert.deepEqual(plain.checksum, file.checksum);
  });

  test('the office imports it in another browser context and sees the same thumbnails', async () => {
    const office = await app.device({ unit: OFFICE, viewport: 'portrait', clockAt: JUNE });
    const { page } = office;
    const rows = await office.importFiles(full.path);
    assert.match(rows[0], /附件 2 个（本机新增 2 个）/);
    await office.apply();
    // 需协调: the blocked task with its evidence.
    await office.open('#view=matrix');
    const blocked = page.locator('.needs-coordination .coordination-item[data-task="10"]');
    await blocked.locator('img.attachment-thumb').first().waitFor();
    assert.match(await blocked.textContent(), /佐证材料 2 件/);
    // The unit's cell view.
    await office.openTask(10, { of: EDU });
    await page.locator('.unit-view img.attachment-thumb').first().waitFor();
    const tiles = await office.attachmentTiles('.unit-view');
    assert.deepEqual(tiles.map((t) => [t.name, t.state]), [['photo-gps-rotated.jpg', 'here'], ['minutes.pdf', 'here']]);
    const thumb = await thumbnailFacts(page, '.unit-view .notes');
    assert.ok(thumb.height > thumb.width && isRed(thumb.topRight), JSON.stringify(thumb));
    await office.screenshot('evidence/portrait-office-cell');
    office.assertClean();
    await office.close();
  });

  test('records without their files show 附件未随文件提供, and a later file fills them in', async () => {
    const office = await app.device({ unit: OFFICE, viewport: 'landscape', clockAt: JUNE });
    const { page } = office;
    const rows = await office.importFiles(recordsOnly.path);
    assert.match(rows[0], /2 个附件未随文件提供/);
    await office.apply();
    await office.openTask(10, { of: EDU });
    await page.locator('.unit-view .attachment-missing').first().waitFor();
    assert.deepEqual((await office.attachmentTiles('.unit-view')).map((t) => t.state), ['missing', 'missing']);
    assert.match(await page.locator('.unit-view .attachment-missing').first().textContent(), /附件未随文件提供/);
    const again = await office.importFiles(full.path, { trust: false });
    assert.match(again[0], /记录均已在本机，将补齐附件/);
    await office.apply();
    await office.openTask(10, { of: EDU });
    await page.locator('.unit-view img.attachment-thumb').first().waitFor();
    assert.deepEqual((await office.attachmentTiles('.unit-view')).map((t) => t.state), ['here', 'here']);
    office.assertClean();
    await office.close();
  });

  test('an altered attachment is refused naming its note, and nothing is applied', async () => {
    const file = JSON.parse(full.text);
    const bytes = Buffer.from(file.files[0].base64, 'base64');
    bytes[bytes.length - 100] ^= 0x01;
    file.files[0].base64 = bytes.toString('base64');
    const altered = app.path('altered.json');
    await writeFile(altered, JSON.stringify(file, null, 2));
    const office = await app.device({ unit: OFFICE, viewport: 'portrait', clockAt: JUNE });
    const rows = await office.importFiles(altered, { trust: false });
    assert.match(rows[0], /附件「(photo-gps-rotated\.jpg|minutes\.pdf)」（任务 10，区教育局 2023年6月1日 的进展记录“检查学校食堂/);
    assert.match(rows[0], /被替换或改动过，整份文件已拒收/);
    assert.equal(await office.applyButton().isDisabled(), true);
    await office.openTask(10, { of: EDU });
    assert.equal(await office.page.locator('.unit-view .note').count(), 0);
    office.assertClean();
    await office.close();
  });
});

describe('bad files and limits', () => {
  test('each bad file gets its own message in the user\'s language, and nothing else changes', async () => {
    const edu = await app.device({ unit: EDU, viewport: 'portrait', clockAt: JUNE });
    const { page } = edu;
    await edu.openTask(12);
    const video = app.path('现场录像.mp4');
    await writeFile(video, Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1'));
    await truncate(video, 200 * 1024 * 1024);
    const { pending, notices } = await edu.attachFiles([
      { name: '快检结果.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是图片，只是改了扩展名的文字') },
      { name: '空白.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
      { name: '通知.jpg', mimeType: 'image/jpeg', buffer: await readFile(PDF) },
      { name: '残缺.pdf', mimeType: 'application/pdf', buffer: (await readFile(PDF)).subarray(0, 300) },
    ]);
    const large = await edu.attachFiles(video);
    assert.deepEqual([...pending, ...large.pending], []);
    const text = [...notices, ...large.notices].join('\n');
    assert.match(text, /「快检结果\.jpg」按扩展名应是图片，内容却不是/);
    assert.match(text, /「空白\.pdf」是空文件（0 字节），未添加/);
    assert.match(text, /「通知\.jpg」的内容是PDF 文档，与扩展名 \.jpg（图片）不符，未添加/);
    assert.match(text, /「残缺\.pdf」不完整/);
    assert.match(text, /「现场录像\.mp4」有 200\.0 MB，超过每个文件 20 MB 的上限/);
    // Names with folders or control characters are cleaned, and say so.
    const named = await edu.attachFiles([
      { name: '纪\u0007要.pdf', mimeType: 'application/pdf', buffer: await readFile(PDF) },
    ]);
    assert.deepEqual(named.pending, ['纪要.pdf']);
    assert.match(await page.locator('.note-editor .attach-pending .attach-remarks').textContent(), /控制字符或方向字符已去掉/);
    await edu.press(page.locator('.note-editor .attach-pending .attach-remove'));
    assert.equal(await page.locator('.note-editor .attach-pending').count(), 0);
    assert.equal(await page.locator('section.task-detail .notes .note').count(), 0);

    // In English too.
    await edu.setLanguage('en');
    const english = await edu.attachFiles([{ name: 'test.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('plain text') }]);
    assert.match(english.notices.join(' '), /“test\.jpg” should be a picture by its extension but is not/);
    edu.assertClean();
    await edu.close();
  });

  test('a photo whose location the user keeps carries it; a file that will not fit keeps nothing and loses nothing', async () => {
    const estimate = () => {
      if (typeof StorageManager === 'undefined') return;
      const real = StorageManager.prototype.estimate;
      StorageManager.prototype.estimate = async function () {
        if (localStorage.getItem('test:full') === '1') return { usage: 1_000_000, quota: 1_000_300 };
        return real.call(this);
      };
    };
    const edu = await app.device({ unit: EDU, viewport: 'landscape', clockAt: JUNE, init: estimate });
    const { page } = edu;
    await edu.openTask(11);
    await edu.attachFiles(PHOTO);
    await edu.press(page.locator('.note-editor .attach-keep-location input'));
    await page.locator('.note-editor .attach-location', { hasText: '保留了拍摄位置' }).waitFor();
    await edu.addNote('保留位置的照片', { saved: true });
    const file = JSON.parse((await edu.exportWithFiles('own', 'kept-gps.json')).text);
    const facts = jpegFacts(Buffer.from(file.files[0].base64, 'base64'));
    assert.deepEqual([facts.width, facts.height, facts.gps], [480, 640, true]);

    // The storage screen counts the file.
    await page.locator('.files-usage', { hasText: '本机保存附件 1 个' }).waitFor();
    await page.locator('.files-removable', { hasText: '已导出的附件 1 个' }).waitFor();
    // Exported, its bytes may be removed by the user: the note keeps it and says where it went.
    await edu.openTask(11);
    await edu.press(page.locator('.notes .attachment-open').first());
    const remove = page.locator('.viewer-remove');
    assert.match(await page.locator('.viewer-remove-help').textContent(), /已导出到 区教育局-进展含附件-2023-06-01\.json/);
    await edu.press(remove);
    await page.locator('.viewer-remove', { hasText: '确认移除' }).waitFor();
    await edu.press(remove);
    const removed = page.locator('.notes .attachment-removed');
    await removed.waitFor();
    assert.match(await removed.textContent(), /已从本机移除（.*导出到 区教育局-进展含附件-2023-06-01\.json）/);
    await edu.reload();
    await page.locator('.notes .attachment-removed').waitFor();
    await edu.open('#view=exchange');
    await page.locator('.files-removed', { hasText: '另有 1 个附件已导出并从本机移除' }).waitFor();
    // Then the device reports almost no room.
    await page.evaluate(() => localStorage.setItem('test:full', '1'));
    await edu.openTask(11);
    await edu.attachFiles(PDF);
    await page.locator('#new-note').fill('放不下的附件');
    await edu.press(page.locator('.note-editor button[type="submit"]'));
    const error = page.locator('.note-editor .save-files-error');
    await error.waitFor();
    assert.match(await error.textContent(), /存储空间不足：附件需要 [\d.]+ (KB|MB)，可用约 300 B。记录未保存，内容仍在编辑框中/);
    assert.equal(await page.locator('#new-note').inputValue(), '放不下的附件');
    assert.equal(await page.locator('.note-editor .attach-pending').count(), 1);
    assert.equal(await edu.noteText('放不下的附件').count(), 0);
    assert.equal(await edu.noteText('保留位置的照片').count(), 1);
    edu.assertClean();
    await edu.close();
  });
});
