// Recipients and variables: what a CSV import admits, what it leaves out and why, how values are
// filled in, and what a campaign refuses before it sends anything. No provider is contacted.
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { binaryCsvProblem } from '../../shared/broadcast';
import { errorText, i18n } from '../../renderer/src/i18n';
import { chunks, detectDelimiter } from '../../electron/services/broadcast/csv';
import { csvCell } from '../../electron/services/broadcast/export';
import { normalisePhone } from '../../electron/services/broadcast/recipients';
import { campaignCsv } from './fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let accountId: string;
let templateId: string;

beforeAll(async () => {
  h = await startHarness();
  // No request leaves for any of this: an account and a template entered by hand are enough.
  accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: 'http://127.0.0.1:9', scenarioKey: 'S1' }, secrets: { apiKey: 'k' } })).id;
  templateId = (
    await h.t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, order {{2}} is ready at {{3}}' })
  ).id;
});
afterAll(() => h.close());

const vars = { '1': { column: 'name' }, '2': { column: 'order' }, '3': { text: 'Toko Sari, Jl. Melati 5' } };
const importCsv = async (csvText: string) => h.call('broadcasts:importCsv', { csvText });
const create = async (importId: string, variables: Record<string, { column: string } | { text: string }> = vars, name = 'June orders') =>
  h.call('broadcasts:create', { name, accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables });
const errorOf = async (channel: Parameters<Harness['dispatch']>[0], input: unknown) => {
  const r = await h.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return r.error;
};

describe('reading the file', () => {
  it('detects comma, semicolon and tab from the header row, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('phone,name,order\n1;2;3')).toBe(',');
    expect(detectDelimiter('phone;name;order\r\n0812,5;x;y')).toBe(';');
    expect(detectDelimiter('phone\tname\n')).toBe('\t');
    expect(detectDelimiter('"name;with;semicolons",phone\n')).toBe(',');
    expect(detectDelimiter('phone\n0812')).toBe(',');
  });

  it('previews columns, the first five rows and the row count, with the delimiter it used', async () => {
    const p = await importCsv('\ufeffphone;name;city\n0812 0000 0001;Ani;Bandung\n\n0812 0000 0002;Budi;"Jakarta; Selatan"\n3;4;5\n6;7;8\n9;10;11\n12;13;14\n');
    expect(p).toMatchObject({ columns: ['phone', 'name', 'city'], rowCount: 6, delimiter: ';' });
    expect(p.sampleRows).toEqual([
      ['0812 0000 0001', 'Ani', 'Bandung'],
      ['0812 0000 0002', 'Budi', 'Jakarta; Selatan'],
      ['3', '4', '5'],
      ['6', '7', '8'],
      ['9', '10', '11'],
    ]);
  });

  it('keeps commas, quotes and line breaks inside quoted fields, and numbers rows as a spreadsheet does', async () => {
    const csv = 'phone,name,order\n"0812 0000 0011","Sari, ""Ibu"" Wati","line one\nline two"\n0812 0000 0012,Joko,B-2\n';
    const p = await importCsv(csv);
    expect(p.sampleRows[0]).toEqual(['0812 0000 0011', 'Sari, "Ibu" Wati', 'line one\nline two']);
    const { campaign } = await create(p.importId);
    const { recipient, text } = await h.call('broadcasts:preview', { campaignId: campaign.id, row: 3 });
    expect(recipient).toMatchObject({ row: 3, phone: '6281200000012', name: 'Joko' });
    expect(text).toBe('Hi Joko, order B-2 is ready at Toko Sari, Jl. Melati 5');
    expect((await h.call('broadcasts:preview', { campaignId: campaign.id })).text).toBe('Hi Sari, "Ibu" Wati, order line one\nline two is ready at Toko Sari, Jl. Melati 5');
  });

  it('keeps every character of names in any script, whatever the chunk boundaries', async () => {
    expect([...chunks('ab😀cd', 3)]).toEqual(['ab', '😀c', 'd']);
    const names = Array.from({ length: 8000 }, (_, i) => `Siti 😀 Nurhaliza ${i} — Ñandú 李`);
    const csv = ['phone,name', ...names.map((n, i) => `+62812${String(i).padStart(8, '0')},${n}`)].join('\n');
    const p = await importCsv(csv);
    const { campaign } = await create(p.importId, { '1': { column: 'name' }, '2': { text: 'A-1' }, '3': { text: 'shop' } });
    const { items } = await h.call('broadcasts:recipients', { campaignId: campaign.id, offset: 0, limit: 500 });
    expect(items.map((r) => r.name)).toEqual(names.slice(0, 500));
    expect((await h.call('broadcasts:preview', { campaignId: campaign.id, row: 8001 })).recipient.name).toBe(names[7999]);
  });

  it('names blank and repeated headers so each column can be picked', async () => {
    expect((await importCsv('phone,,phone\n1,2,3\n')).columns).toEqual(['phone', 'Column 2', 'phone (2)']);
  });

  it('explains a file it cannot read', async () => {
    expect((await errorOf('broadcasts:importCsv', { csvText: 'phone,name\n"0812,Ani\n' })).message).toMatch(/quoted value is never closed/);
    expect((await errorOf('broadcasts:importCsv', { csvText: '081200000001,Ani\n081200000002,Budi\n' })).message).toMatch(/first row must name the columns.*'081200000001'/);
    expect((await errorOf('broadcasts:importCsv', { csvText: '' })).message).toBe('csvText: The file is empty');
    // A picture renamed .csv is refused for what it is, not read as one odd column.
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), Buffer.alloc(64, 7)]).toString('utf8');
    expect((await errorOf('broadcasts:importCsv', { csvText: png })).message).toMatch(/^This file is not a CSV text file \(it looks like an image/);
    expect(await errorOf('broadcasts:importCsv', { csvText: png })).toMatchObject({ key: 'errors.csv.binary' });
    // A file saved in Windows-1252 has a few replaced letters and is still read.
    expect((await importCsv('phone,name\n0812 0000 0001,Jos\uFFFD\n0812 0000 0002,Ren\uFFFDe\n')).rowCount).toBe(2);
  });
});

describe('a file that is not a CSV text file', () => {
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), Buffer.alloc(64, 7)]).toString('utf8');
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('is refused with its wording, named when the screen knows the file, in both languages', async () => {
    const named = binaryCsvProblem(png, 'photo.csv')!;
    expect(named).toMatchObject({ key: 'errors.csv.binaryNamed', params: { file: 'photo.csv' } });
    expect(named.message).toMatch(/^“photo\.csv” is not a CSV text file/);
    const unnamed = binaryCsvProblem(png)!;
    expect(unnamed).toEqual({ key: 'errors.csv.binary', message: expect.stringMatching(/^This file is not a CSV text file/) });
    // What main refuses is what the shared check says.
    expect(await errorOf('broadcasts:importCsv', { csvText: png })).toMatchObject({ message: unnamed.message, key: unnamed.key });

    const said = (p: typeof named) => errorText({ code: 'validation', ...p });
    expect(said(named)).toBe(named.message);
    expect(said(unnamed)).toBe(unnamed.message);
    await i18n.changeLanguage('id');
    expect(said(named)).toBe('“photo.csv” bukan file teks CSV (tampaknya gambar, buku kerja spreadsheet, atau file biner lain). Di aplikasi spreadsheet Anda, pakai Simpan sebagai / Unduh sebagai CSV, lalu pilih file itu.');
    expect(said(unnamed)).toMatch(/^File ini bukan file teks CSV/);
  });

  it('is not found in a text file, even one saved in Windows-1252', () => {
    expect(binaryCsvProblem('phone,name\n0812,Ani\n', 'ok.csv')).toBeNull();
    expect(binaryCsvProblem('phone,name\n0812 0000 0001,Jos\uFFFD\n')).toBeNull();
  });
});

describe('admitting recipients', () => {
  it('normalises numbers to E.164 with the default country and says why the others are not numbers', () => {
    expect(normalisePhone('0812-0000-0001', 'ID')).toEqual({ ok: true, digits: '6281200000001' });
    expect(normalisePhone('6281200000001', 'ID')).toEqual({ ok: true, digits: '6281200000001' });
    // A spreadsheet dropped the +: not a valid Indonesian number, so read as international.
    expect(normalisePhone('447911123456', 'ID')).toEqual({ ok: true, digits: '447911123456' });
    expect(normalisePhone('+41 79 302 67 27', 'ID')).toEqual({ ok: true, digits: '41793026727' });
    expect(normalisePhone('abc', 'ID')).toEqual({ ok: false, reason: "'abc' is not a phone number", problem: { kind: 'notPhone' } });
    expect(normalisePhone('12345', 'ID')).toEqual({
      ok: false,
      reason: "'12345' is not a valid phone number (numbers without a + country code are read as Indonesia numbers, the default country in Settings)",
      problem: { kind: 'invalidCountry', country: 'ID' },
    });
    expect(normalisePhone('6.28123E+12', 'ID')).toMatchObject({ ok: false, reason: expect.stringContaining('rounded number') });
  });

  it('admits a 1,000-row list minus its invalid, duplicate and incomplete rows, each with its reason', async () => {
    const f = campaignCsv(1000);
    const p = await importCsv(f.csv);
    expect(p.rowCount).toBe(1000);
    const r = await create(p.importId);
    expect(r.campaign.totals).toMatchObject({ total: f.valid.length, pending: f.valid.length });
    expect(f.valid.length).toBe(945);
    expect(r.rejectedCount).toBe(f.invalidRows.length + f.missingRows.length);
    expect(r.duplicateCount).toBe(f.duplicateRows.length);
    expect(r.rejected.map((x) => x.row)).toEqual([...f.invalidRows, ...f.missingRows, ...f.duplicateRows].sort((a, b) => a - b));
    expect(r.rejected.find((x) => x.row === f.invalidRows[0])).toEqual({
      row: 9,
      value: 'abc',
      reason: "Row 9: 'abc' is not a phone number",
      reasonWording: { key: 'errors.recipients.notPhone', params: { row: 9, value: 'abc' } },
    });
    expect(r.rejected.find((x) => x.row === f.invalidRows[2])!.reason).toBe('Row 109: the phone number is empty');
    expect(r.rejected.find((x) => x.row === f.missingRows[0])!.reason).toBe("Row 23: {{2}} has no value (the 'order' column is empty)");
    expect(r.rejected.find((x) => x.row === f.duplicateRows[0])!.reason).toBe('Row 15: +62 812 0000 0003 is already on row 5, so this row is left out');
    const { items } = await h.call('broadcasts:recipients', { campaignId: r.campaign.id, offset: 0, limit: 500 });
    expect(items[0]).toMatchObject({ row: 2, phone: '6281200000000', name: 'Customer 0', values: { '1': 'Customer 0', '2': 'A-1000', '3': 'Toko Sari, Jl. Melati 5' }, status: 'pending', messageId: null });
    expect(items.map((x) => x.phone)).toEqual(f.valid.slice(0, 500).map((x) => x.phone));
    expect((await h.call('broadcasts:recipients', { campaignId: r.campaign.id, offset: 900, limit: 500 })).items).toHaveLength(45);
  });

  it('takes recipients from existing contacts, with their names', async () => {
    await h.t.call('threads:start', { accountId, phone: '+62 812 7777 0001', name: 'Dewi' });
    await h.t.call('threads:start', { accountId, phone: '+62 812 7777 0002' });
    const picks = await h.call('contacts:list', { search: 'dewi', accountId });
    expect(picks).toEqual([{ phone: '6281277770001', name: 'Dewi', accountId }]);
    expect((await h.call('contacts:list', { search: '7777 0002' })).map((c) => c.phone)).toEqual(['6281277770002']);
    const r = await h.call('broadcasts:create', {
      name: 'Contacts',
      accountId,
      templateId,
      recipients: { kind: 'contacts', phones: ['6281277770001', '6281277770002', '+62 812-7777-0001'] },
      variables: { '1': { column: 'name' }, '2': { text: 'A-1' }, '3': { text: 'the shop' } },
    });
    expect(r).toMatchObject({ campaign: { totals: { total: 1 } }, rejectedCount: 1, duplicateCount: 1 });
    expect(r.rejected.map((x) => x.reason)).toEqual(["Row 2: {{1}} has no value (the 'name' column is empty)", 'Row 3: +62 812 7777 0001 is already on row 1, so this row is left out']);
  });
});

describe('variables', () => {
  it('refuses a placeholder without a source, a source for a placeholder the template lacks, and an unknown column', async () => {
    const { importId } = await importCsv('phone,name,order\n0812 0000 0001,Ani,A-1\n');
    expect((await errorOf('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone' }, variables: { '1': { column: 'name' } } })).message).toBe(
      '{{2}}, {{3}} need values: pick a column or type a text for each.',
    );
    expect((await errorOf('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone' }, variables: { ...vars, '4': { text: 'x' } } })).message).toBe(
      'The template "Order ready" has no {{4}}. Remove that value.',
    );
    expect((await errorOf('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone' }, variables: { ...vars, '2': { column: 'total' } } })).message).toBe(
      "There is no column 'total' for {{2}}. The columns are: phone, name, order.",
    );
    expect((await errorOf('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId: 'gone', phoneColumn: 'phone' }, variables: vars })).message).toMatch(/no longer available.*Import it again/);
  });

  it('refuses to create a campaign nobody is left in', async () => {
    const { importId } = await importCsv('phone,name,order\nabc,Ani,A-1\n0812 0000 0001,Budi,\n');
    expect((await errorOf('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: vars })).message).toBe(
      "Nobody is left to send to: all 2 rows were left out. First: Row 2: 'abc' is not a phone number",
    );
  });

  it('refuses to start when the template changed, or a recipient lacks a value', async () => {
    const { importId } = await importCsv('phone,name,order\n0812 0000 0001,Ani,A-1\n0812 0000 0002,Budi,A-2\n');
    const { campaign } = await create(importId);
    h.t.app.db.prepare("UPDATE campaign_recipients SET values_json = json_remove(values_json, '$.\"2\"') WHERE campaign_id = ? AND row = 3").run(campaign.id);
    expect((await errorOf('broadcasts:start', { campaignId: campaign.id })).message).toBe('{{2}} has no value for 1 recipient (first: row 3).');
    const other = await h.t.call('templates:save', { accountId, providerTemplateId: 'promo', name: 'Promo', namespace: 'n', language: 'en', body: 'Hi {{1}}' });
    const { campaign: c2 } = await h.call('broadcasts:create', {
      name: 'promo',
      accountId,
      templateId: other.id,
      recipients: { kind: 'csv', importId, phoneColumn: 'phone' },
      variables: { '1': { column: 'name' } },
    });
    await h.t.call('templates:save', { accountId, id: other.id, providerTemplateId: 'promo', name: 'Promo', namespace: 'n', language: 'en', body: 'Hi {{1}}, {{2}} off' });
    expect((await errorOf('broadcasts:start', { campaignId: c2.id })).message).toBe(
      'The template "Promo" changed since this campaign was made: it now has 2 placeholders ({{1}}, {{2}}) and the campaign fills 1. Make a new campaign with the updated template.',
    );
    expect((await h.call('broadcasts:get', { campaignId: c2.id })).status).toBe('draft');
  });

  it('validates requests in words before anything runs', async () => {
    expect((await errorOf('broadcasts:recipients', { campaignId: 'x', offset: 0, limit: 501 })).message).toBe('limit: At most 500 recipients per page');
    expect((await errorOf('broadcasts:create', { name: ' ', accountId, templateId, recipients: { kind: 'contacts', phones: ['1'] }, variables: {} })).message).toBe('name: Give the campaign a name');
    expect((await errorOf('broadcasts:get', { campaignId: 'nope' })).code).toBe('not_found');
  });
});

describe('the report file', () => {
  it('exports one line per recipient with values, status and times, quoted and safe for spreadsheets', async () => {
    const { importId } = await importCsv('phone,name,order\n0812 0000 0001,"Sari, Wati",A-1\n0812 0000 0002,=HYPERLINK("x"),A-2\n');
    const { campaign } = await create(importId, vars, 'June promo: 10% off!');
    const { fileName, csv } = await h.call('broadcasts:exportCsv', { campaignId: campaign.id });
    expect(fileName).toMatch(/^june-promo-10-off-report-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(['row', 'phone', 'name', '{{1}}', '{{2}}', '{{3}}', 'status', 'error', 'message id', 'sent at', 'delivered at', 'read at']);
    expect(rows[1]).toEqual(['2', '+6281200000001', 'Sari, Wati', 'Sari, Wati', 'A-1', 'Toko Sari, Jl. Melati 5', 'pending', '', '', '', '', '']);
    expect(rows[2]![2]).toBe('\'=HYPERLINK("x")');
    expect(csvCell('+62 812')).toBe('+62 812');
    expect(csvCell('-dash')).toBe("'-dash");
  });

  it('removes drafts, but not a campaign that is sending', async () => {
    const { importId } = await importCsv('phone,name,order\n0812 0000 0001,Ani,A-1\n');
    const { campaign } = await create(importId);
    expect(await h.call('broadcasts:remove', { campaignId: campaign.id })).toEqual({ removed: true });
    expect((await h.call('broadcasts:list', {})).some((c) => c.id === campaign.id)).toBe(false);
  });
});
