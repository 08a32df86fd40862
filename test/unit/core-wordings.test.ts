// Refusals from the core services travel keyed, so the renderer words them in Bahasa Indonesia too:
// a message the composer cannot send, an account form with a problem, a setting that cannot be kept.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderInfo, Template } from '../../shared/model';
import { validateFields } from '../../electron/services/accounts';
import { AppFailure } from '../../electron/services/errors';
import { checkSendable } from '../../electron/services/media/limits';
import { sniff } from '../../electron/services/media/sniff';
import { prepareOutgoing } from '../../electron/services/outgoing';
import { adapterFor } from '../../electron/services/providers/registry';
import { memoryKeyValue, SettingsService } from '../../electron/services/settings';
import { errorText, i18n } from '../../renderer/src/i18n';

const failureOf = (fn: () => unknown): AppFailure => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
};
const inIndonesian = async (err: AppFailure): Promise<string> => {
  await i18n.changeLanguage('id');
  return errorText(err.toAppError());
};
afterEach(async () => {
  await i18n.changeLanguage('en');
});

const info: ProviderInfo = { id: 'qontak', name: 'Qontak Hub', capabilities: ['text', 'templates'], fields: [] };
const template: Template = {
  id: 't1',
  accountId: 'a1',
  providerTemplateId: 'x',
  name: 'invoice',
  language: 'id',
  namespace: null,
  header: null,
  body: 'Hi {{1}}, invoice {{2}}',
  footer: null,
  status: 'APPROVED',
  category: null,
  source: 'synced',
  placeholders: ['1', '2'],
  updatedAt: 0,
};

describe('what the composer cannot send', () => {
  it('an empty placeholder, a kind the provider lacks', async () => {
    const empty = failureOf(() => prepareOutgoing(info, { kind: 'template', templateId: 't1', params: [{ key: '1', text: 'Ani' }] } as never, template));
    expect(empty.message).toBe('Fill in every placeholder of "invoice": {{2}} is empty.');
    expect(errorText(empty.toAppError())).toBe(empty.message);
    expect(await inIndonesian(empty)).toBe('Isi setiap placeholder di "invoice": {{2}} masih kosong.');

    const kind = failureOf(() => prepareOutgoing(info, { kind: 'location', lat: 1, lng: 2, name: 'x', address: 'y' } as never, null));
    expect(kind).toMatchObject({ message: 'Qontak Hub accounts cannot send locations.', key: 'errors.send.cannotSend.location' });
    expect(await inIndonesian(kind)).toBe('Akun Qontak Hub tidak bisa mengirim lokasi.');
  });
});

describe('an account form', () => {
  it('names the required fields left empty, in one sentence', async () => {
    const adapter = adapterFor('infobip');
    const required = adapter.info.fields.filter((f) => f.required).map((f) => f.label);
    const err = failureOf(() => validateFields(adapter, {}, {}, false));
    expect(err.key).toBe(required.length > 1 ? 'errors.accounts.requiredMany' : 'errors.accounts.required');
    expect(errorText(err.toAppError())).toBe(err.message);
    expect(await inIndonesian(err)).toMatch(/wajib diisi\.$/);
  });

  it('refuses a stray field', async () => {
    const adapter = adapterFor('omnichat');
    const config = Object.fromEntries(adapter.info.fields.filter((f) => !f.secret).map((f) => [f.key, f.kind === 'url' ? 'https://app.omnichat.id' : 'x']));
    const secrets = Object.fromEntries(adapter.info.fields.filter((f) => f.secret).map((f) => [f.key, 'k']));
    const err = failureOf(() => validateFields(adapter, { ...config, color: 'red' }, secrets, false));
    expect(err).toMatchObject({ message: 'Unknown field: color.', key: 'errors.accounts.unknownField', params: { fields: 'color' } });
    expect(await inIndonesian(err)).toBe('Kolom tidak dikenal: color.');
  });
});

describe('settings', () => {
  it('a country phone numbers cannot be read for, a local public URL', async () => {
    const s = new SettingsService(memoryKeyValue());
    const country = failureOf(() => s.update({ defaultCountry: 'XX' }));
    expect(country).toMatchObject({ key: 'errors.settings.country', params: { value: 'XX' } });
    expect(await inIndonesian(country)).toBe('"XX" bukan negara yang nomor teleponnya bisa dibaca. Pilih negara Anda dari daftar.');
    await i18n.changeLanguage('en');
    const local = failureOf(() => s.update({ publicBaseUrl: 'http://192.168.1.5:8080' }));
    expect(local).toMatchObject({ key: 'errors.settings.publicUrlLocal', params: { host: '192.168.1.5:8080' } });
    expect(errorText(local.toAppError())).toBe(local.message);
  });
});

describe('a file a provider cannot send', () => {
  it('reads in English exactly as main says it, and in Bahasa Indonesia', async () => {
    const MB = 1024 * 1024;
    const files = [
      { mimeType: 'image/png', size: 1000, label: 'a PNG picture' },
      { mimeType: 'application/pdf', size: 1000, label: 'a PDF document' },
      { mimeType: 'image/jpeg', size: 6 * MB, label: 'a JPEG picture' },
      { mimeType: 'video/mp4', size: 17 * MB, label: 'an MP4 video' },
      { mimeType: 'audio/mpeg', size: 200 * MB, label: 'an MP3 audio file' },
      { mimeType: 'application/pdf', size: 101 * MB, label: 'a PDF document' },
    ];
    const failures: AppFailure[] = [];
    for (const provider of ['bot-api', 'mconnect', 'infobip', 'omnichat', 'qontak'] as const) {
      for (const kind of ['image', 'video', 'audio', 'document'] as const) {
        for (const file of files) {
          for (const opts of [{ publicAddress: true }, { publicAddress: false }, { publicAddress: true, caption: 'Hi' }]) {
            try {
              checkSendable(adapterFor(provider).info, kind, file, opts);
            } catch (err) {
              if (err instanceof AppFailure) failures.push(err);
              else throw err;
            }
          }
        }
      }
    }
    expect(failures.length).toBeGreaterThan(50);
    for (const f of failures) {
      expect(f.key, f.message).toMatch(/^errors\.media\./);
      expect(errorText(f.toAppError())).toBe(f.message);
    }
    await i18n.changeLanguage('id');
    for (const f of failures) expect(errorText(f.toAppError())).not.toBe(f.message);
    const pdfAsPicture = failures.find((f) => f.message.startsWith('WhatsApp takes only JPEG or PNG as pictures, and this file is a PDF document. Send it as a document'))!;
    expect(errorText(pdfAsPicture.toAppError())).toBe('WhatsApp hanya menerima gambar berformat JPEG atau PNG, sedangkan file ini dokumen PDF. Kirim sebagai dokumen saja.');
  });
});

describe('a file Switchboard does not send at all', () => {
  it('is refused with a keyed failure that reads the same in English', async () => {
    const refused = await Promise.all([sniff(Buffer.alloc(0), 'x.pdf'), sniff(Buffer.from('<html><body>hi</body></html>'), 'page.txt'), sniff(Buffer.from('#!/bin/sh\nls\n'), 'a.txt')]);
    const failures = refused.map((r) => (r.ok ? null : r.failure));
    expect(failures.map((f) => f?.key)).toEqual(['errors.media.refused.empty', 'errors.media.refused.markup', 'errors.media.refused.script']);
    for (const [i, f] of failures.entries()) expect(errorText(f!.toAppError())).toBe((refused[i] as { reason: string }).reason);
    expect(await inIndonesian(failures[2]!)).toBe('Ini adalah skrip. Switchboard tidak mengirim program atau skrip.');
  });
});
