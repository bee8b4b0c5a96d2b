// JSON exchange between units in real browsers: two units record and export, the office
// imports (twice, in both orders), bad files are refused in a batch while good ones apply,
// undo restores the state before, and exported files pass an independent schema validator
// and an independent checksum computation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import { EDU, MARKET, OFFICE, savedEvents, schemaValidator, storedEvents, useApp } from '../tools/app.mjs';
import { checksumOf, digest, headMessage } from '../tools/exchange-data.mjs';

const app = useApp();
const files = {};

/** A device of `unit`, its unit picked. */
const asUnit = (unit) => app.device({ unit });

describe('two units record and export', () => {
  test('区教育局 records progress and exports its own file', async () => {
    const edu = await asUnit(EDU);
    await edu.openTask(10);
    await edu.setStatus('推进中');
    await edu.addNote('教育局：召开校园食品安全专题会');
    files.edu = await edu.exportFile('own', 'edu.json');
    assert.match(files.edu.name, /^区教育局-进展-\d{4}-\d{2}-\d{2}\.json$/);
    files.eduAgain = await edu.exportFile('own', 'edu-again.json');
    await edu.close();
  });

  test('市场监管 records a status, a figure and a note, and exports', async () => {
    const market = await asUnit(MARKET);
    await market.openTask(37);
    await market.setStatus('已完成');
    const target = await market.recordFigure('rapid-test-batches', 86400);
    await target.locator('.target-now', { hasText: '100%' }).waitFor();
    await market.addNote('市场监管：快检任务完成');
    files.market = await market.exportFile('own', 'market.json');
    await market.close();
  });

  test('the files pass an independent JSON Schema validator and checksum', async () => {
    const validate = await schemaValidator('duty-ledger.schema.json');
    for (const file of [files.edu, files.market]) {
      const json = JSON.parse(file.text);
      assert.ok(validate(json), JSON.stringify(validate.errors));
      assert.ok(json.exported_at);
      assert.equal(checksumOf(json), json.checksum.value);
      // Format 4 (3 with attached files): one proof for the exporting device, whose chain the records form.
      assert.equal(json.format_version, 5);
      assert.deepEqual(json.devices.map((d) => d.device), [json.exported_by.device]);
      const [proof] = json.devices;
      const chain = [...json.records].sort((a, b) => a.seq - b.seq);
      assert.deepEqual(chain.map((r) => r.seq), chain.map((_, i) => i + 1));
      for (let i = 1; i < chain.length; i++) assert.equal(chain[i].prev, digest(chain[i - 1]));
      assert.deepEqual(proof.head, { seq: chain.length, hash: digest(chain.at(-1)) });
      assert.ok(chain.every((r) => r.hlc && Number.isInteger(r.hlc.ms)));
      const key = await webcrypto.subtle.importKey('raw', Buffer.from(proof.public_key, 'hex'), { name: 'Ed25519' }, false, ['verify']);
      const signed = await webcrypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(proof.signature, 'hex'), headMessage(proof.device, proof.unit, proof.head));
      assert.ok(signed, 'the browser signed its head with its device key');
    }
    assert.deepEqual(
      JSON.parse(files.edu.text).records.map((r) => r.unit),
      [EDU, EDU],
      'a unit exports only its own records',
    );
    // The schema is served with the app.
    const served = await (await fetch(`${app.url}duty-ledger.schema.json`)).json();
    assert.deepEqual(served, validate.schema);
  });

  test('exporting the same ledger twice differs only in the export time', () => {
    const a = files.edu.text.split('\n');
    const b = files.eduAgain.text.split('\n');
    assert.equal(a.length, b.length);
    const differing = a.filter((line, i) => line !== b[i]);
    assert.ok(differing.every((line) => line.includes('"exported_at"')), differing.join('\n'));
  });
});

describe('the coordinating office imports', () => {
  let office;
  let consolidated;

  before(async () => {
    office = await asUnit(OFFICE);
  });
  after(() => office.close());

  test('both files preview and apply; the matrix shows both units’ work', async () => {
    // Devices the office never saw: marked 新设备 with unit and fingerprint; nothing applies
    // before 信任此设备.
    const waiting = await office.importFiles([files.edu.path, files.market.path], { trust: false });
    assert.match(waiting[0], /新设备.*edu\.json[\s\S]*新设备：区教育局[\s\S]*指纹 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    assert.match(waiting[1], /新设备：市市场监管局福田监管局/);
    assert.equal(await office.applyButton().isDisabled(), true);
    const rows = await office.importFiles([files.edu.path, files.market.path]);
    assert.equal(rows.length, 2);
    assert.match(rows[0], /✓ 可导入.*edu\.json.*来自区教育局.*新记录 1 条.*状态变更 1 条/);
    assert.match(rows[1], /✓ 可导入.*market\.json.*来自市市场监管局福田监管局.*指标数值 1 条/);
    assert.match(await office.apply(), /已导入 2 个文件，新增 5 条记录/);
    consolidated = await storedEvents(office.page);
    assert.equal(consolidated.length, 5);

    await office.open('#view=matrix');
    const table = office.page.locator('table.matrix');
    await table.waitFor();
    const units = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.title || th.textContent));
    const column = (name) => units.indexOf(name);
    const cell = (task, unit) =>
      table.locator('tbody tr').filter({ has: office.page.locator(`.row-number:text-is("${task}")`) }).locator('td, th').nth(column(unit));
    assert.match(await cell('10', EDU).textContent(), /推进中/);
    assert.match(await cell('37', MARKET).textContent(), /已完成/);
    assert.match(await cell('37', MARKET).getAttribute('class'), /cell-green/);
    // Who has sent data, who has not.
    const fresh = await office.page.locator('.freshness').textContent();
    assert.match(fresh, /尚未报送数据的单位：.*福田公安分局/);
    assert.doesNotMatch(fresh.split('尚未报送数据的单位：')[1].split('最新数据')[0], /区教育局/);
    // From a cell, the task with every unit's notes side by side.
    await cell('10', EDU).locator('a').click();
    const detail = office.page.locator('section.task-detail[data-task="10"]');
    await detail.waitFor();
    assert.match(await detail.locator('.unit-notes h4').first().textContent(), /区教育局/);
    assert.match(await detail.locator('.unit-notes').first().textContent(), /召开校园食品安全专题会/);
  });

  test('importing the same files again changes nothing and says so', async () => {
    const rows = await office.importFiles([files.market.path, files.edu.path]);
    for (const row of rows) assert.match(row, /＝ 已导入过.*导入不会改变任何内容/);
    assert.equal(await office.applyButton().isDisabled(), true);
    assert.deepEqual(await storedEvents(office.page), consolidated);
  });

  test('the other order gives the same ledger', async () => {
    const other = await asUnit(OFFICE);
    await other.importFiles([files.market.path]);
    await other.apply();
    await other.importFiles([files.edu.path]);
    await other.apply();
    assert.deepEqual(await storedEvents(other.page), consolidated);
    await other.close();
  });

  test('the office sends everything back and a unit sees the others’ work', async () => {
    files.all = await office.exportFile('all', 'all.json');
    assert.match(files.all.name, /^区食药安办-全部进展-/);
    const edu = await asUnit(EDU);
    await edu.importFiles([files.all.path]);
    await edu.apply();
    await edu.openTask(37);
    await edu.noteText('市场监管：快检任务完成').waitFor();
    await edu.close();
  });
});

describe('bad files and undo', () => {
  test('a bad file in a batch is refused with its reason while the good one applies', async () => {
    const edited = JSON.parse(files.edu.text);
    edited.records[1].change.text = '改过的内容';
    const badPath = app.path('edited.json');
    await writeFile(badPath, JSON.stringify(edited));
    const notJson = app.path('notes.txt.json');
    await writeFile(notJson, '会议纪要：不是数据文件');
    const xssPath = app.path('<img src=x onerror=alert(1)>.json');
    await writeFile(xssPath, '{"format":"duty-ledger-exchange","format_version":1}');

    const office = await asUnit(OFFICE);
    const { page } = office;
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      d.dismiss();
    });
    const before = await storedEvents(page);
    const rows = await office.importFiles([badPath, files.market.path, notJson, xssPath]);
    assert.match(rows[0], /✗ 已拒绝.*edited\.json.*校验码不符/);
    assert.match(rows[1], /✓ 可导入.*market\.json/);
    assert.match(rows[2], /✗ 已拒绝.*notes\.txt\.json.*文件内容不完整或已损坏，无法读取/);
    // A version 1 file: refused as old, asking the sender to update (the name stays text).
    assert.match(rows[3], /✗ 已拒绝.*<img src=x onerror=alert\(1\)>\.json.*文件由旧版应用导出（格式第 1 版，记录未签名）。请对方更新应用后重新导出。/);
    assert.equal(await page.locator('.import-files img').count(), 0, 'a file name is text, never markup');
    assert.deepEqual(await storedEvents(page), before, 'nothing applies before the apply step');
    assert.match(await office.apply(), /已导入 1 个文件，新增 3 条记录/);
    const events = await storedEvents(page);
    assert.deepEqual([...new Set(events.map((e) => e.unit))], [MARKET]);
    assert.equal(dialogs, 0);
    await office.close();
  });

  test('a file with two records keys is refused in Chinese, naming the key', async () => {
    // Sealed as JavaScript reads it (the last `records` wins), so only the duplicate is wrong.
    const parsed = JSON.parse(files.edu.text);
    parsed.checksum.value = checksumOf(parsed);
    const sealed = JSON.stringify(parsed, null, 2);
    const twice = sealed.replace('"records": [', '"records": [],\n  "records": [');
    const path = app.path('two-records.json');
    await writeFile(path, twice);
    const office = await asUnit(OFFICE);
    const before = await storedEvents(office.page);
    const rows = await office.importFiles([path]);
    assert.match(rows[0], /✗ 已拒绝.*two-records\.json.*文件中的字段 records 出现了不止一次，无法确定以哪一个为准，已拒绝。/);
    assert.doesNotMatch(rows[0], /duplicate|expected|line \d/);
    assert.deepEqual(await storedEvents(office.page), before);
    await office.close();
  });

  test('a note with a right-to-left override is refused with its reason', async () => {
    const edu = await asUnit(EDU);
    await edu.openTask(10);
    await edu.typeNote('付款单\u202Etxt.exe', { via: 'keys' });
    const error = edu.page.locator('.note-editor .field-error');
    await error.waitFor();
    assert.match(await error.textContent(), /记录内容含有改变文字显示方向的字符 U\+202E/);
    await edu.close();
  });

  test('undo restores the state before the import exactly', async () => {
    const office = await asUnit(OFFICE);
    const { page } = office;
    await office.openTask(1);
    await office.addNote('办公室自己的记录');
    const before = await savedEvents(page, 1);
    await office.importFiles([files.edu.path, files.market.path]);
    await office.apply();
    assert.equal((await storedEvents(page)).length, 6);
    await office.undoImport();
    for (let i = 0; i < 100 && JSON.stringify(await storedEvents(page)) !== JSON.stringify(before); i++) {
      await page.waitForTimeout(50);
    }
    assert.deepEqual(await storedEvents(page), before);
    await office.reload();
    assert.deepEqual(await storedEvents(page), before, 'the undone records stay gone after a reload');
    await office.open('#view=matrix&area=3', { ready: 'table.matrix' });
    assert.doesNotMatch(await page.locator('table.matrix').textContent(), /推进中/);
    // The undone file can be imported again.
    await office.importFiles([files.edu.path]);
    assert.match(await office.apply(), /新增 2 条记录/);
    await office.close();
  });

  test('files can be dropped on the import area', async () => {
    const office = await asUnit(OFFICE);
    const { page } = office;
    await office.open('#view=exchange');
    const text = files.edu.text;
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], '拖入.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.locator('.import-dialog').dispatchEvent('drop', { dataTransfer });
    await page.locator('.import-files > li', { hasText: '拖入.json' }).waitFor();
    await office.trustNewDevices();
    assert.match(await office.importRows().textContent(), /✓ 可导入/);
    await office.close();
  });
});

test('where the device can share files, 分享 hands the file to the system share sheet', async () => {
  // Stand in for a tablet's share sheet: record what would be shared.
  const share = () => {
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.every((f) => f instanceof File);
    navigator.share = async (data) => {
      window.shared = { name: data.files[0].name, type: data.files[0].type, text: await data.files[0].text() };
    };
  };
  const edu = await app.device({ unit: EDU, hash: '#view=exchange', init: share });
  const { page } = edu;
  await page.getByRole('button', { name: '分享' }).first().click();
  await page.waitForFunction(() => window.shared);
  const shared = await page.evaluate(() => window.shared);
  assert.match(shared.name, /^区教育局-进展-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(shared.type, 'application/json');
  assert.equal(JSON.parse(shared.text).format, 'duty-ledger-exchange');
  await edu.close();
});

test('no console errors and no request off the page origin', () => {
  app.assertClean();
});
