// Files from this computer, end to end through the app (router → inbox → outbox → adapter →
// simulator): the bot API receives the exact bytes as an upload; mconnect and Infobip fetch a
// served link under the public address (a reverse proxy here, as a tunnel would be) and get the
// exact bytes; links die at expiry but survive a restart; what a provider cannot take is refused
// before anything is queued, in words.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagedFile } from '../../shared/ipc';
import type { Message } from '../../shared/model';
import { memoryKeyValue } from '../../electron/services/settings';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { InfobipSimulator } from '../simulators/infobip/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';
import { startProxy } from '../helpers/proxy';
import * as f from './fixtures';

const keyring = memoryKeyring();
const settings = memoryKeyValue();
const dataDir = mkdtempSync(join(tmpdir(), 'sb-media-send-'));
let t: TestApp;
let bot: BotApiSimulator;
let mc: MconnectSimulator;
let ib: InfobipSimulator;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const threads = { bot: '', mc: '', ib: '' };

const listenerPort = (): number => (t.app.webhooks as unknown as { listener: { port: number } }).listener.port;
const boot = async (): Promise<void> => {
  t = await startTestApp({ keyring, settings, dataDir });
};

beforeAll(async () => {
  [bot, mc, ib] = await Promise.all([BotApiSimulator.start(), MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'acme-user', wpNums: ['6281100000001'] }), InfobipSimulator.start({ apiKey: 'ib-key' })]);
  await boot();
  settings.set('defaultCountry', 'ID');
  proxy = await startProxy(listenerPort);

  const seeded = bot.addInstance({ connected: true, phone: '6281100000009' });
  const botAccount = await t.call('accounts:create', { provider: 'bot-api', name: 'Bot', config: { baseUrl: bot.url, sessionId: seeded.sessionId }, secrets: { bearerToken: bot.bearerToken, accessToken: seeded.accessToken } });
  threads.bot = (await t.call('threads:start', { accountId: botAccount.id, phone: '0812 3456 7001' })).id;
  const mcAccount = await t.call('accounts:create', { provider: 'mconnect', name: 'mc', config: { endpointUrl: mc.endpointUrl, wpNum: '6281100000001', company: 'acme' }, secrets: { username: 'acme-user' } });
  threads.mc = (await t.call('threads:start', { accountId: mcAccount.id, phone: '0812 3456 7002' })).id;
  const ibAccount = await t.call('accounts:create', { provider: 'infobip', name: 'ib', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } });
  const line = await t.call('lines:create', { accountId: ibAccount.id, input: { name: 'WA then SMS', whatsAppSender: '447860099299', smsSender: 'InfoSMS', isDefault: true } });
  await t.call('lines:select', { accountId: ibAccount.id, lineId: line.id });
  threads.ib = (await t.call('threads:start', { accountId: ibAccount.id, phone: '+41 79 302 67 27' })).id;
});
afterAll(async () => {
  await t.close();
  await Promise.all([bot.close(), mc.close(), ib.close(), proxy.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const stage = (fileName: string, bytes: Buffer, threadId?: string): Promise<StagedFile> => t.call('media:stage', { fileName, dataBase64: f.b64(bytes), ...(threadId ? { threadId } : {}) });
const sendFile = (threadId: string, file: StagedFile, caption?: string): Promise<Message> => t.send(threadId, { kind: 'media', mediaKind: file.kind, fileId: file.fileId, ...(caption ? { caption } : {}) });
const refusal = async (threadId: string, file: StagedFile, mediaKind = file.kind, caption?: string): Promise<string> => {
  const r = await t.router.dispatch('messages:send', { threadId, message: { kind: 'media', mediaKind, fileId: file.fileId, ...(caption ? { caption } : {}) } });
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
};
const outgoingFiles = (): string[] => readdirSync(join(dataDir, 'media', 'outgoing'));
const setPublicUrl = (url: string | null) => t.call('settings:update', { publicBaseUrl: url });
const NO_ADDRESS = (name: string) => `${name} fetches files from a link, and Switchboard has no public address yet: turn on the tunnel or set a public URL in Settings — or send the file by link.`;

describe('staging a file from this computer', () => {
  it('reads its type from the content and keeps it under a random id, not its name', async () => {
    const file = await stage('C:\\Users\\sari\\scan.pdf', f.png());
    expect(file).toMatchObject({ kind: 'image', mimeType: 'image/png', size: f.png().length, fileName: 'scan.pdf.png' });
    expect(file.fileId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(existsSync(join(dataDir, 'media', 'outgoing', file.fileId))).toBe(true);
    expect(await t.call('media:discard', { fileId: file.fileId })).toEqual({ removed: true });
    expect(existsSync(join(dataDir, 'media', 'outgoing', file.fileId))).toBe(false);
  });

  it('takes a data: URL as the renderer reads it', async () => {
    const bytes = f.pdf();
    const file = await t.call('media:stage', { fileName: 'menu.pdf', dataBase64: `data:application/pdf;base64,${f.b64(bytes)}` });
    expect(file).toMatchObject({ kind: 'document', mimeType: 'application/pdf', size: bytes.length, fileName: 'menu.pdf' });
  });

  it('refuses a program dressed as a document, and keeps nothing of it', async () => {
    const before = outgoingFiles().length;
    const r = await t.router.dispatch('media:stage', { fileName: 'invoice.pdf', dataBase64: f.b64(f.exe()) });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Switchboard does not send programs') } });
    expect(outgoingFiles()).toHaveLength(before);
  });

  it('checks the conversation’s provider on attaching, when told which one', async () => {
    const r = await t.router.dispatch('media:stage', { fileName: 'invoice.pdf', dataBase64: f.b64(f.pdf()), threadId: threads.ib });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Infobip OMNI sends only pictures') } });
  });

  it('asks for exactly one of a file and a link', async () => {
    const r = await t.router.dispatch('messages:send', { threadId: threads.bot, message: { kind: 'media', mediaKind: 'image' } });
    expect(r).toMatchObject({ ok: false, error: { message: 'message: Attach a file or give its web address (one of the two, not both)' } });
  });
});

describe('WhatsApp Bot API: multipart upload', () => {
  it('uploads a picture with its caption, byte for byte, and keeps it readable in the thread', async () => {
    const bytes = f.jpeg();
    const file = await stage('shop.jpg', bytes);
    const m = await sendFile(threads.bot, file, 'New stock today');
    expect(m).toMatchObject({ status: 'sent', kind: 'image', text: 'New stock today', media: { kind: 'image', url: null, mimeType: 'image/jpeg', fileName: 'shop.jpg', state: 'ready', size: bytes.length, error: null } });
    const upload = bot.requestsTo('/whatsapp/message/image').at(-1)!;
    expect(upload.files!.file!.bytes.equals(bytes)).toBe(true);
    expect(upload.files!.file!.type).toBe('image/jpeg');
    expect(upload.form).toMatchObject({ chatId: '6281234567001', caption: 'New stock today' });
    const read = await t.call('media:read', { messageId: m.id });
    expect(read).toMatchObject({ mimeType: 'image/jpeg', fileName: 'shop.jpg', size: bytes.length });
    expect(Buffer.from(read.dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64').equals(bytes)).toBe(true);
  });

  it('uploads a PDF as a document under its name', async () => {
    const bytes = f.pdf();
    const m = await sendFile(threads.bot, await stage('Invoice 17.pdf', bytes));
    expect(m).toMatchObject({ status: 'sent', kind: 'document' });
    const upload = bot.requestsTo('/whatsapp/message/doc').at(-1)!;
    expect(upload.files!.file!.bytes.equals(bytes)).toBe(true);
    expect(upload.form).toMatchObject({ chatId: '6281234567001', filename: 'Invoice 17.pdf' });
  });

  it('sends one staged file to a second conversation as its own copy', async () => {
    const bytes = f.pdf();
    const file = await stage('menu.pdf', bytes);
    const other = (await t.call('threads:start', { accountId: (await t.call('threads:list', {})).find((th) => th.id === threads.bot)!.accountId, phone: '0812 3456 7003' })).id;
    const [a, b] = [await sendFile(threads.bot, file), await sendFile(other, file)];
    expect([a.status, b.status]).toEqual(['sent', 'sent']);
    const uploads = bot.requestsTo('/whatsapp/message/doc').slice(-2);
    expect(uploads.map((u) => u.form!.chatId)).toEqual(['6281234567001', '6281234567003']);
    expect(uploads.every((u) => u.files!.file!.bytes.equals(bytes))).toBe(true);
    expect((await t.call('media:read', { messageId: b.id })).size).toBe(bytes.length);
  });

  it('stores a reference in the outbox, never the bytes', async () => {
    const m = await sendFile(threads.bot, await stage('b.pdf', f.pdf()));
    const row = t.app.db.prepare('SELECT payload AS stored FROM messages WHERE id = ?').get(m.id) as { stored: string };
    const payload = JSON.parse(row.stored) as { source: Record<string, unknown> };
    expect(payload.source).toEqual({ type: 'staged', fileId: expect.any(String), path: expect.stringMatching(/^outgoing\//), mimeType: 'application/pdf', fileName: 'b.pdf', size: expect.any(Number) });
  });

  it('refuses a picture over WhatsApp’s 5 MB before anything is queued', async () => {
    const before = bot.requests.length;
    const count = (await t.call('threads:messages', { threadId: threads.bot })).length;
    const big = await stage('poster.jpg', f.jpeg(6 * 1024 * 1024));
    expect(await refusal(threads.bot, big)).toBe('Pictures can be at most 5.0 MB on WhatsApp, and this one is 6.0 MB. Send it as a document instead, or make it smaller.');
    expect(bot.requests.length).toBe(before);
    expect(await t.call('threads:messages', { threadId: threads.bot })).toHaveLength(count);
    // The operator's way out works: the same file as a document.
    expect(await t.send(threads.bot, { kind: 'media', mediaKind: 'document', fileId: big.fileId })).toMatchObject({ status: 'sent', error: null });
  });
});

describe('mconnect Omnichannel: a link it fetches', () => {
  it('explains, before queueing, that there is no public address yet', async () => {
    const count = (await t.call('threads:messages', { threadId: threads.mc })).length;
    const before = mc.requests.length;
    const file = await stage('a.jpg', f.jpeg());
    expect(await refusal(threads.mc, file)).toBe(NO_ADDRESS('mconnect Omnichannel'));
    expect(await t.call('threads:messages', { threadId: threads.mc })).toHaveLength(count);
    expect(mc.requests).toHaveLength(before);
  });

  it('serves a picture and a PDF under the public address; the provider fetches the exact bytes', async () => {
    await setPublicUrl(proxy.url);
    for (const [name, bytes, caption] of [['stock.png', f.png(), 'Stock'], ['Price list.pdf', f.pdf(), 'Prices']] as const) {
      const m = await sendFile(threads.mc, await stage(name, bytes), caption);
      expect(m).toMatchObject({ status: 'sent', error: null });
      const sent = mc.sent.at(-1)!;
      expect(sent).toMatchObject({ action: 'sendWhatsappFile', caption, fileUrl: expect.stringMatching(new RegExp(`^${proxy.url}/files/[A-Za-z0-9_-]{43}/`)) });
      expect(sent.fileUrl!.endsWith(`/${encodeURIComponent(name)}`)).toBe(true);
      expect(sent.fetch).toMatchObject({ url: sent.fileUrl, status: 200, contentType: name.endsWith('.png') ? 'image/png' : 'application/pdf' });
      expect(sent.fetch!.bytes!.equals(bytes)).toBe(true);
    }
  });

  it('answers HEAD with the length, and 404 for anything that is not a live link', async () => {
    const url = mc.sent.at(-1)!.fileUrl!;
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(mc.sent.at(-1)!.fetch!.bytes!.length);
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/files/', '/files', `/files/${'A'.repeat(43)}`, '/files/../switchboard.db', '/files/outgoing', `/files/${url.split('/files/')[1]!.split('/')[0]!.slice(1)}`]) {
      expect((await fetch(`${proxy.url}${path}`)).status, path).toBe(404);
    }
  });

  it('keeps serving a link after a restart, and answers 404 once it has expired', async () => {
    const bytes = f.pdf();
    await sendFile(threads.mc, await stage('contract.pdf', bytes));
    const url = mc.sent.at(-1)!.fileUrl!;
    await t.close();
    await boot();
    const again = await fetch(url);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    // 24 hours on: every link's time is up.
    t.app.db.prepare('UPDATE served_files SET expires_at = ?').run(Date.now() - 1);
    expect((await fetch(url)).status).toBe(404);
  });

  it('gives each link only its lifetime', async () => {
    t.app.media.config.servedTtlMs = 400; // 24 hours by default
    try {
      await sendFile(threads.mc, await stage('brief.pdf', f.pdf()));
      const url = mc.sent.at(-1)!.fileUrl!;
      expect(mc.sent.at(-1)!.fetch!.status).toBe(200);
      await new Promise((r) => setTimeout(r, 450));
      expect((await fetch(url)).status).toBe(404);
    } finally {
      t.app.media.config.servedTtlMs = 24 * 60 * 60 * 1000;
    }
  });

  it('fails without a public address at sending time, not permanently, and goes once the operator retries', async () => {
    const bytes = f.jpeg();
    mc.failNext(1, { status: 503, body: 'busy' });
    const queued = await t.call('messages:send', { threadId: threads.mc, message: { kind: 'media', mediaKind: 'image', fileId: (await stage('late.jpg', bytes)).fileId } });
    await t.waitFor('messages:changed', (m) => m.id === queued.id && m.status === 'queued' && m.attempts === 1);
    await setPublicUrl(null);
    const failed = await t.waitFor('messages:changed', (m) => m.id === queued.id && m.status === 'failed', 10_000);
    expect(failed).toMatchObject({ error: NO_ADDRESS('mconnect Omnichannel'), errorWording: { key: 'errors.media.noPublicAddress', params: { provider: 'mconnect Omnichannel' } }, errorPermanent: false });
    await setPublicUrl(proxy.url);
    await t.call('messages:retry', { id: queued.id });
    await t.waitFor('messages:changed', (m) => m.id === queued.id && m.status === 'sent', 10_000);
    expect(mc.sent.at(-1)!.fetch!.bytes!.equals(bytes)).toBe(true);
  });
});

describe('Infobip OMNI: pictures by link only', () => {
  it('sends a picture as whatsApp.imageUrl with its caption; Infobip fetches the exact bytes', async () => {
    const bytes = f.png();
    const m = await sendFile(threads.ib, await stage('menu.png', bytes), 'Today’s menu');
    expect(m).toMatchObject({ status: 'sent', error: null });
    const sent = ib.sent.at(-1)!;
    expect(sent.whatsApp).toMatchObject({ text: 'Today’s menu', imageUrl: expect.stringMatching(new RegExp(`^${proxy.url}/files/`)) });
    expect(sent.imageFetch).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(sent.imageFetch!.bytes!.equals(bytes)).toBe(true);
  });

  it('refuses a PDF before anything is queued', async () => {
    const file = await stage('menu.pdf', f.pdf());
    const before = ib.requests.length;
    expect(await refusal(threads.ib, file)).toMatch(/^Infobip OMNI sends only pictures through WhatsApp/);
    expect(ib.requests.length).toBe(before);
  });
});
