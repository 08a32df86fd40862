// Broadcast reasons main keeps as English text travel with their wording, so the screens say them in
// the operator's language: a row left out of a file, a campaign that paused itself (with the
// reason inside its reason), a recipient whose message failed — through the store and back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/services/errors';
import { innerReason } from '../../electron/services/store/wording';
import { BroadcastsRepo } from '../../electron/services/store/broadcasts';
import { wordingOf } from '../../electron/services/store/wording';
import { rejectedReasonText } from '../../renderer/src/components/broadcast/words';
import { errorText, i18n, reasonText } from '../../renderer/src/i18n';
import { startHarness, type Harness } from './harness';

let h: Harness;
let accountId: string;
let templateId: string;

beforeAll(async () => {
  h = await startHarness();
  accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: 'http://127.0.0.1:9', scenarioKey: 'S1' }, secrets: { apiKey: 'k' } })).id;
  templateId = (await h.t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'ns', language: 'en', body: 'Hi {{1}}, order {{2}}' })).id;
});
afterAll(() => h.close());
afterEach(async () => {
  await i18n.changeLanguage('en');
});

const vars = { '1': { column: 'name' }, '2': { column: 'order' } };
const create = async (csvText: string) => {
  const { importId } = await h.call('broadcasts:importCsv', { csvText });
  return h.call('broadcasts:create', { name: 'Words', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: vars });
};

describe('rows left out of a file', () => {
  it('read in Bahasa Indonesia, "Row N" included, and without it in the table', async () => {
    const r = await create('phone,name,order\nabc,Ani,A-1\n0812 0000 0001,Budi,\n0812 0000 0002,Citra,A-3\n0812-0000-0002,Dewi,A-4\n,Eka,A-5\n12345,Fajar,A-6\n');
    const byRow = new Map(r.rejected.map((x) => [x.row, x]));
    expect(byRow.get(2)!.reasonWording).toEqual({ key: 'errors.recipients.notPhone', params: { row: 2, value: 'abc' } });
    expect(byRow.get(3)!.reasonWording).toEqual({ key: 'errors.recipients.noValue', params: { row: 3, placeholder: '{{2}}', column: 'order' } });
    expect(byRow.get(5)!.reasonWording).toEqual({ key: 'errors.recipients.duplicate', params: { row: 5, phone: '+62 812 0000 0002', first: 4 } });
    expect(byRow.get(6)!.reasonWording).toEqual({ key: 'errors.recipients.emptyPhone', params: { row: 6 } });
    // The default country travels as its code and is named in the operator's language.
    expect(byRow.get(7)!.reasonWording).toEqual({ key: 'errors.recipients.invalidPhoneCountry', params: { row: 7, value: '12345', country: 'ID' } });
    expect(byRow.get(7)!.reason).toContain('read as Indonesia numbers');

    // English reads exactly as main's text; the table drops the row it shows in its own column.
    for (const x of r.rejected) expect(reasonText(x.reason, x.reasonWording)).toBe(x.reason);
    expect(rejectedReasonText(byRow.get(2)!)).toBe("'abc' is not a phone number");

    await i18n.changeLanguage('id');
    expect(reasonText(byRow.get(2)!.reason, byRow.get(2)!.reasonWording)).toBe("Baris 2: 'abc' bukan nomor telepon");
    expect(rejectedReasonText(byRow.get(2)!)).toBe("'abc' bukan nomor telepon");
    expect(rejectedReasonText(byRow.get(3)!)).toBe("{{2}} tidak punya nilai (kolom 'order' kosong)");
    expect(rejectedReasonText(byRow.get(5)!)).toBe('+62 812 0000 0002 sudah ada di baris 4, jadi baris ini dilewati');
    expect(rejectedReasonText(byRow.get(6)!)).toBe('nomor teleponnya kosong');
    expect(rejectedReasonText(byRow.get(7)!)).toContain('Indonesia');
    expect(rejectedReasonText(byRow.get(7)!)).not.toBe(rejectedReasonText({ ...byRow.get(7)!, reasonWording: null }));
  });

  it('a file nobody is left in names its first row, worded inside the sentence', async () => {
    const { importId } = await h.call('broadcasts:importCsv', { csvText: 'phone,name,order\nabc,Ani,A-1\n' });
    const res = await h.dispatch('broadcasts:create', { name: 'x', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: vars });
    if (res.ok) throw new Error('create unexpectedly succeeded');
    expect(res.error).toMatchObject({ message: "Nobody is left to send to: all 1 row was left out. First: Row 2: 'abc' is not a phone number", key: 'errors.campaign.nobodyLeftFirst' });
    const wording = { key: res.error.key!, params: res.error.params! };
    expect(reasonText(res.error.message, wording)).toBe(res.error.message);
    await i18n.changeLanguage('id');
    expect(reasonText(res.error.message, wording)).toBe("Tidak ada lagi yang bisa dikirimi: semua 1 baris dilewati. Yang pertama: Baris 2: 'abc' bukan nomor telepon");
    // Shown as a refusal (errorText, as ErrorNotice words it), the reason inside is worded too.
    expect(errorText(res.error)).toBe("Tidak ada lagi yang bisa dikirimi: semua 1 baris dilewati. Yang pertama: Baris 2: 'abc' bukan nomor telepon");
  });

  it('a CSV that cannot be read names the line, in either language', async () => {
    const res = await h.dispatch('broadcasts:importCsv', { csvText: 'phone,name\n"0812,Ani\n0813,Budi\n' });
    if (res.ok) throw new Error('import unexpectedly succeeded');
    expect(res.error.key).toMatch(/^errors\.csv\.quoteNotClosed/);
    await i18n.changeLanguage('id');
    expect(errorText(res.error)).toMatch(/^File tidak dapat dibaca: ada nilai bertanda kutip yang tidak pernah ditutup/);
  });
});

describe('a recipient whose message failed', () => {
  it('keeps the wording of its reason through the store and back, and after a reconcile', async () => {
    const r = await create('phone,name,order\n0812 0000 0101,Ani,A-1\n0812 0000 0102,Budi,A-2\n');
    const repo = new BroadcastsRepo(h.t.app.db);
    const [first, second] = repo.nextPending(r.campaign.id, 2);
    const refused = new AppFailure('validation', 'Infobip refused the request: Template not approved.').keyed('errors.provider.refusedWhy', { provider: 'Infobip', msg: 'Template not approved.' });
    repo.fail(first!.id, refused.message, wordingOf(refused));
    repo.claim(second!.id);
    repo.follow(second!.id, 'failed', 'The message could not be sent (no reason was given).', { key: 'errors.recipients.failedNoReason' });

    const items = (await h.call('broadcasts:recipients', { campaignId: r.campaign.id, offset: 0, limit: 10 })).items;
    expect(items[0]).toMatchObject({ status: 'failed', error: refused.message, errorWording: { key: 'errors.provider.refusedWhy', params: { provider: 'Infobip', msg: 'Template not approved.' } } });
    expect(items[1]).toMatchObject({ status: 'failed', errorWording: { key: 'errors.recipients.failedNoReason' } });
    await i18n.changeLanguage('id');
    expect(reasonText(items[1]!.error, items[1]!.errorWording)).toBe('Pesan tidak dapat dikirim (tidak ada alasan yang diberikan).');

    // "Retry failed" clears the reason and its wording together.
    repo.resetFailed(r.campaign.id);
    expect((await h.call('broadcasts:recipients', { campaignId: r.campaign.id, offset: 0, limit: 10 })).items.map((x) => [x.error, x.errorWording ?? null])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('a campaign that paused itself words the sentence and the reason inside it', async () => {
    const r = await create('phone,name,order\n0812 0000 0201,Ani,A-1\n');
    const repo = new BroadcastsRepo(h.t.app.db);
    repo.transition(r.campaign.id, ['draft'], 'running');
    const inner = { text: 'The message could not be sent (no reason was given).', wording: { key: 'errors.recipients.failedNoReason' } };
    const why = new AppFailure('validation', `Paused because the first 5 messages all failed: ${inner.text} Fix the problem, then resume and retry the failed ones.`).keyed('errors.campaign.pausedAllFailing', {
      count: 5,
      ...innerReason(inner),
    });
    repo.transition(r.campaign.id, ['running'], 'paused', { error: why.message, errorWording: wordingOf(why) });
    const c = await h.call('broadcasts:get', { campaignId: r.campaign.id });
    expect(reasonText(c.error, c.errorWording)).toBe(why.message);
    await i18n.changeLanguage('id');
    expect(reasonText(c.error, c.errorWording)).toBe(
      'Dijeda karena 5 pesan pertama semuanya gagal: Pesan tidak dapat dikirim (tidak ada alasan yang diberikan). Perbaiki masalahnya, lalu lanjutkan kampanye dan coba ulang yang gagal.',
    );
    // Resuming clears the reason and its wording.
    repo.transition(r.campaign.id, ['paused'], 'running', { error: null });
    expect((await h.call('broadcasts:get', { campaignId: r.campaign.id })).errorWording ?? null).toBeNull();
  });
});
