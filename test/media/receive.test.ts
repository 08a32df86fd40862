// Received files, end to end: a provider's webhook names a file; the app fetches it in the
// background into its cache (decrypting WhatsApp CDN copies from the bot API), the thread's
// message goes pending → ready, and media:read opens it. A failed download says why and can be
// retried; the cache keeps to its budget, oldest first; a download cut off by quitting resumes.
// Infobip, Qontak and Omnichat document no inbound media (Infobip and Qontak no inbound messages
// at all, Omnichat text only), so only mconnect and the bot API appear here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model';
import { memoryKeyValue } from '../../electron/services/settings';
import { i18n, reasonText } from '../../renderer/src/i18n';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';
import * as f from './fixtures';

const keyring = memoryKeyring();
const settings = memoryKeyValue();
const dataDir = mkdtempSync(join(tmpdir(), 'sb-media-in-'));
let t: TestApp;
let mc: MconnectSimulator;
let bot: BotApiSimulator;
let botSession: string;

beforeAll(async () => {
  [mc, bot] = await Promise.all([MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'u1', wpNums: ['6281100000001'] }), BotApiSimulator.start()]);
  t = await startTestApp({ keyring, settings, dataDir });
  const mcAccount = await t.call('accounts:create', { provider: 'mconnect', name: 'mc', config: { endpointUrl: mc.endpointUrl, wpNum: '6281100000001', company: 'acme' }, secrets: { username: 'u1' } });
  await t.call('webhooks:register', { accountId: mcAccount.id });
  const seeded = bot.addInstance({ connected: true, phone: '2348000000001' });
  botSession = seeded.sessionId;
  const botAccount = await t.call('accounts:create', { provider: 'bot-api', name: 'Bot', config: { baseUrl: bot.url, sessionId: seeded.sessionId }, secrets: { bearerToken: bot.bearerToken, accessToken: seeded.accessToken } });
  await t.call('webhooks:register', { accountId: botAccount.id });
});
afterAll(async () => {
  await t.close();
  await Promise.all([mc.close(), bot.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The received message with this provider id, once its file has settled (ready or failed). */
const settled = (pred: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> =>
  t.waitFor('messages:changed', (m) => m.direction === 'in' && pred(m) && (m.media?.state === 'ready' || m.media?.state === 'failed' || m.media?.state === 'none'), timeoutMs);

async function bytesOf(messageId: string): Promise<Buffer> {
  const r = await t.call('media:read', { messageId });
  return Buffer.from(r.dataUrl.split(',')[1]!, 'base64');
}

let seq = 0;
const mcMessage = (file: Parameters<MconnectSimulator['sendCustomerMessage']>[0]['file'], from = '6281234500001', image?: string) => {
  const id = `3EB0MEDIA${++seq}`;
  return { id: `false_${from}@c.us_${id}`, send: () => mc.sendCustomerMessage({ from, senderName: 'Sari', messageId: id, ...(file ? { file } : {}), ...(image ? { image } : {}) }) };
};

describe('mconnect Omnichannel: the webhook’s image link', () => {
  it('fetches a picture into the thread and opens it', async () => {
    const bytes = f.jpeg();
    const msg = mcMessage({ bytes, ext: 'jpeg' });
    const pending = t.waitFor('messages:changed', (m) => m.providerMessageId === msg.id);
    expect(await msg.send()).toBe(200);
    expect((await pending).media).toMatchObject({ kind: 'image', state: 'pending', url: expect.stringContaining('/whatsapp_image/') });
    const m = await settled((x) => x.providerMessageId === msg.id);
    expect(m.media).toMatchObject({ kind: 'image', state: 'ready', mimeType: 'image/jpeg', size: bytes.length, error: null });
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  });

  it('takes a document link as a document, named after the link', async () => {
    const bytes = f.pdf();
    const msg = mcMessage({ bytes, ext: 'pdf', contentType: 'application/pdf' });
    await msg.send();
    const m = await settled((x) => x.providerMessageId === msg.id);
    expect(m).toMatchObject({ kind: 'document', media: { state: 'ready', mimeType: 'application/pdf', fileName: expect.stringMatching(/\.pdf$/) } });
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  });

  it('says why a download failed, and downloads it when retried', async () => {
    const path = '/api/v1.0/whatsapp_image/1600317556.jpeg';
    const msg = mcMessage(undefined, '6281234500002', `${mc.url}${path}`);
    await msg.send();
    const failed = await settled((x) => x.providerMessageId === msg.id);
    expect(failed.media).toMatchObject({ state: 'failed', error: 'The provider no longer has this file (HTTP 404). Media links expire after a while; ask the customer to send it again.' });
    // Its wording is kept with it, and reads back from the store: worded the same in English, in Bahasa Indonesia too.
    const stored = (await t.call('threads:messages', { threadId: failed.threadId })).find((x) => x.id === failed.id)!;
    expect(stored.media?.errorWording).toEqual({ key: 'errors.media.download.expired', params: { status: 404 } });
    expect(reasonText(stored.media!.error, stored.media!.errorWording)).toBe(stored.media!.error);
    await i18n.changeLanguage('id');
    try {
      expect(reasonText(stored.media!.error, stored.media!.errorWording)).toBe('Penyedia sudah tidak menyimpan file ini (HTTP 404). Tautan media kedaluwarsa setelah beberapa waktu; minta pelanggan mengirimnya lagi.');
    } finally {
      await i18n.changeLanguage('en');
    }
    const r = await t.router.dispatch('media:read', { messageId: failed.id });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not be downloaded') } });
    const bytes = f.jpeg();
    mc.media.add(path, bytes, 'image/jpeg');
    expect((await t.call('media:retryDownload', { messageId: failed.id })).media).toMatchObject({ state: 'pending', error: null, errorWording: null });
    const ready = await settled((x) => x.id === failed.id && x.media?.state === 'ready');
    expect((await bytesOf(ready.id)).equals(bytes)).toBe(true);
  });

  it('refuses a file over the per-file limit while it streams', async () => {
    t.app.media.config.maxDownloadBytes = 100_000; // the 25 MB default, scaled down for the test
    try {
      const msg = mcMessage({ bytes: f.pdf(150_000), ext: 'pdf', contentType: 'application/pdf' });
      await msg.send();
      const m = await settled((x) => x.providerMessageId === msg.id);
      expect(m.media).toMatchObject({ state: 'failed', error: expect.stringContaining('larger than 98 KB, the most Switchboard downloads for one received file') });
      expect(m.media?.errorWording).toEqual({ key: 'errors.media.download.tooLarge', params: { max: '98 KB' } });
      expect(reasonText(m.media!.error, m.media!.errorWording)).toBe(m.media!.error);
    } finally {
      t.app.media.config.maxDownloadBytes = 25 * 1024 * 1024;
    }
  });

  it('keeps the cache under its budget by removing the least recently used files', async () => {
    const size = 60_000;
    const used = () => (t.app.db.prepare('SELECT coalesce(sum(size), 0) AS n FROM media_files WHERE path IS NOT NULL').get() as { n: number }).n;
    t.app.media.config.cacheBytes = 2.5 * size; // the 1 GB default, scaled down: room for two of these, not three
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const msg = mcMessage({ bytes: f.pdf(size - 100), ext: 'pdf', contentType: 'application/pdf' }, `62812345100${i}`);
        await msg.send();
        ids.push((await settled((x) => x.providerMessageId === msg.id && x.media?.state === 'ready')).id);
      }
      // Older files went first; the oldest of these three went last, once space was still short.
      const oldest = await t.waitFor('messages:changed', (m) => m.id === ids[0] && m.media?.state === 'none');
      expect(oldest.media).toMatchObject({ size: null, error: 'Removed from this computer to keep downloaded files under 146 KB. Download it again to open it.' });
      expect(oldest.media?.errorWording).toEqual({ key: 'errors.media.evicted', params: { max: '146 KB' } });
      expect(reasonText(oldest.media!.error, oldest.media!.errorWording)).toBe(oldest.media!.error);
      expect(used()).toBeLessThanOrEqual(t.app.media.config.cacheBytes);
      expect((await t.waitFor('messages:changed', (m) => m.id === ids[2])).media?.state).toBe('ready');
      // Downloaded again, it is the newest, and the next oldest makes room.
      const mark = t.events.length;
      await t.call('media:retryDownload', { messageId: ids[0]! });
      await settled((x) => x.id === ids[0] && x.media?.state === 'ready' && t.events.findIndex((e) => e.payload === x) >= mark);
      await t.waitFor('messages:changed', (m) => m.id === ids[1] && m.media?.state === 'none');
      expect(used()).toBeLessThanOrEqual(t.app.media.config.cacheBytes);
    } finally {
      t.app.media.config.cacheBytes = 1024 * 1024 * 1024;
    }
  });
});

describe('a file received before Switchboard kept files', () => {
  it('is downloaded from the link on its message when asked', async () => {
    const bytes = f.jpeg();
    const msg = mcMessage({ bytes, ext: 'jpeg' });
    await msg.send();
    const m = await settled((x) => x.providerMessageId === msg.id);
    // As schema 4 left it: a link on the message, no file bookkeeping.
    t.app.db.prepare('DELETE FROM media_files WHERE message_id = ?').run(m.id);
    t.app.db.prepare("UPDATE messages SET media = json_set(media, '$.state', 'none', '$.size', NULL) WHERE id = ?").run(m.id);
    expect(await t.router.dispatch('media:read', { messageId: m.id })).toMatchObject({ ok: false, error: { message: 'This file has not been downloaded. Download it first.' } });
    const mark = t.events.length;
    expect((await t.call('media:retryDownload', { messageId: m.id })).media?.state).toBe('pending');
    await settled((x) => x.id === m.id && x.media?.state === 'ready' && t.events.findIndex((e) => e.payload === x) >= mark);
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  });
});

describe('WhatsApp Bot API: WhatsApp’s encrypted CDN copy', () => {
  it('downloads and decrypts a picture with its caption', async () => {
    const bytes = f.png();
    expect(await bot.sendCustomerMessage({ sessionId: botSession, from: '2348031110001', pushName: 'Ada', id: 'BAE5IMG1', media: { kind: 'image', bytes, mimetype: 'image/png', caption: 'my receipt' } })).toBe(200);
    const m = await settled((x) => x.providerMessageId === 'BAE5IMG1');
    expect(m).toMatchObject({ kind: 'image', text: 'my receipt', media: { state: 'ready', mimeType: 'image/png', size: bytes.length } });
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  });

  it('downloads and decrypts a document under its file name', async () => {
    const bytes = f.docx();
    await bot.sendCustomerMessage({ sessionId: botSession, from: '2348031110001', id: 'BAE5DOC1', media: { kind: 'document', bytes, mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: 'Order list.docx' } });
    const m = await settled((x) => x.providerMessageId === 'BAE5DOC1');
    expect(m.media).toMatchObject({ state: 'ready', fileName: 'Order list.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  });

  it('refuses a copy that does not match its media key', async () => {
    // Hosted by the bot gateway itself: media links are fetched only from public addresses or the account's own provider.
    const plain = `${bot.url}${bot.media.add('/media/plain.jpeg', f.jpeg(), 'image/jpeg')}`;
    await bot.sendCustomerMessage({ sessionId: botSession, from: '2348031110001', id: 'BAE5BAD1', media: { kind: 'image', url: plain, mimetype: 'image/jpeg', mediaKey: Buffer.alloc(32, 7).toString('base64') } });
    const m = await settled((x) => x.providerMessageId === 'BAE5BAD1');
    expect(m.media).toMatchObject({ state: 'failed', error: expect.stringContaining('could not be opened') });
    expect(m.media?.errorWording).toEqual({ key: 'errors.media.download.notOpened.notEncrypted' });
    expect(reasonText(m.media!.error, m.media!.errorWording)).toBe(m.media!.error);
  });
});

describe('after a restart', () => {
  it('resumes a download that quitting cut off', async () => {
    const bytes = f.jpeg();
    // The gateway's own file link (media links are fetched only from public addresses or the
    // account's own provider), whose first download hangs until the app quits.
    const url = mc.hostFile({ bytes });
    mc.failNext(1, { status: 200, delayMs: 4_000, destroy: true }, new URL(url).pathname);
    const msg = mcMessage(undefined, '6281234500009', url);
    await msg.send();
    const pending = await t.waitFor('messages:changed', (m) => m.providerMessageId === msg.id);
    await t.close();
    t = await startTestApp({ keyring, settings, dataDir });
    const m = await settled((x) => x.id === pending.id && x.media?.state === 'ready', 15_000);
    expect((await bytesOf(m.id)).equals(bytes)).toBe(true);
  }, 30_000);
});
