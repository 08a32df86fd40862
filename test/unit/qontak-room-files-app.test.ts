// Files from this computer into a Qontak customer's room through the whole app (media:stage →
// messages:send → outbox → adapter → simulator → status webhook → inbox): the Hub gets the exact
// bytes as the note's multipart form, the room's status webhook moves the message; a file by link
// and a caption are refused before anything is queued, and outside the 24-hour window the send
// fails with the same "send a template" reason as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagedFile } from '../../shared/ipc';
import type { Message } from '../../shared/model';
import { startTestApp, type TestApp } from '../helpers/app';
import * as f from '../media/fixtures';
import { DOC_CHANNEL_ID, QontakSimulator } from '../simulators/qontak/server';
import { until } from '../helpers/until';

let t: TestApp;
let sim: QontakSimulator;
let accountId: string;
const PHONE = '628117661010';
const OLD_PHONE = '628117661011';
const BOT = '/api/open/v1/messages/whatsapp/bot';

const threadOf = async (phone: string) => (await t.call('threads:list', {})).find((x) => x.accountId === accountId && x.peerId === phone);
const messagesOf = async (threadId: string): Promise<Message[]> => t.call('threads:messages', { threadId });
const hookUrl = async () => (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
const stage = (fileName: string, bytes: Buffer, threadId: string): Promise<StagedFile> => t.call('media:stage', { fileName, dataBase64: f.b64(bytes), threadId });
const refusal = async (threadId: string, message: Record<string, unknown>): Promise<string> => {
  const r = await t.router.dispatch('messages:send', { threadId, message: message as never });
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
};

beforeAll(async () => {
  t = await startTestApp();
  t.settings.set('defaultCountry', 'ID');
  sim = await QontakSimulator.start({ password: 'pw-f', clientId: 'cid-f', clientSecret: 'cs-f' });
  accountId = (
    await t.call('accounts:create', {
      provider: 'qontak',
      name: 'Toko Qontak',
      config: { baseUrl: sim.url, username: sim.username, channelIntegrationId: DOC_CHANNEL_ID },
      secrets: { password: 'pw-f', clientId: 'cid-f', clientSecret: 'cs-f' },
    })
  ).id;
  const url = await hookUrl();
  await until('registration', () => sim.webhook.url === url);
});
afterAll(async () => {
  await sim?.close();
  await t?.close();
});

describe('Qontak Hub files into the room, through the app', () => {
  it('offers files from this computer and not files by link', async () => {
    const info = (await t.call('providers:list', {})).find((p) => p.id === 'qontak')!;
    expect(info.capabilities).toContain('mediaUpload');
    expect(info.capabilities).not.toContain('mediaUrl');
  });

  it("uploads a staged picture into the customer's room with the exact bytes, and the room's status webhooks move it", async () => {
    await sim.customerMessage({ phone: PHONE, name: 'Dewi', text: 'minta fotonya' });
    const thread = await until('thread', () => threadOf(PHONE));
    await until('customer message', async () => (await messagesOf(thread.id)).some((m) => m.text === 'minta fotonya'));

    const bytes = f.png();
    const staged = await stage('menu.png', bytes, thread.id);
    const m = await t.send(thread.id, { kind: 'media', mediaKind: 'image', fileId: staged.fileId, fileName: staged.fileName });
    expect(m).toMatchObject({ status: 'sent', kind: 'image', direction: 'out' });

    const req = sim.requestsTo(BOT).at(-1)!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req.form).toEqual({ room_id: sim.rooms.find((r) => r.phone === PHONE)!.id, type: 'image' });
    expect(req.files!.file).toMatchObject({ filename: 'menu.png', type: 'image/png' });
    expect(req.files!.file!.bytes.equals(bytes)).toBe(true);

    await sim.settled();
    const chatId = sim.botMessages.at(-1)!.chatId;
    await until('id adopted', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.providerMessageId === chatId);
    await sim.advance(chatId, 'read');
    await until('read', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.status === 'read');
    expect((await messagesOf(thread.id)).filter((x) => x.direction === 'out')).toHaveLength(1);
  });

  it('sends a document with its name and type', async () => {
    const thread = (await threadOf(PHONE))!;
    const bytes = f.pdf();
    const staged = await stage('invoice.pdf', bytes, thread.id);
    const m = await t.send(thread.id, { kind: 'media', mediaKind: 'document', fileId: staged.fileId, fileName: staged.fileName });
    expect(m).toMatchObject({ status: 'sent', kind: 'document' });
    const kept = sim.botMessages.at(-1)!;
    expect(kept).toMatchObject({ type: 'document', file: { filename: 'invoice.pdf', type: 'application/pdf' } });
    expect(kept.file!.bytes.equals(bytes)).toBe(true);
  });

  it('refuses a caption and a file by link before queueing, in words', async () => {
    const thread = (await threadOf(PHONE))!;
    const before = (await messagesOf(thread.id)).length;
    const n = sim.requestsTo(BOT).length;
    const staged = await stage('menu.png', f.png(), thread.id);
    expect(await refusal(thread.id, { kind: 'media', mediaKind: 'image', fileId: staged.fileId, caption: 'Our menu' })).toBe('Qontak Hub sends pictures without a caption. Send the text as a message of its own.');
    expect(await refusal(thread.id, { kind: 'media', mediaKind: 'image', url: 'https://example.com/menu.png', mimeType: 'image/png' })).toBe('Qontak Hub accounts cannot send files by link.');
    expect((await messagesOf(thread.id)).length).toBe(before);
    expect(sim.requestsTo(BOT).length).toBe(n);
  });

  it('refuses a file outside the 24-hour window with the same "send a template" reason as text', async () => {
    await sim.customerMessage({ phone: OLD_PHONE, name: 'Budi', text: 'kemarin', at: new Date(Date.now() - 25 * 3_600_000) });
    const thread = await until('thread', () => threadOf(OLD_PHONE));
    await until('customer message', async () => (await messagesOf(thread.id)).some((m) => m.text === 'kemarin'));
    const n = sim.requestsTo(BOT).length;
    const text = await t.send(thread.id, { kind: 'text', text: 'halo' });
    const staged = await stage('menu.png', f.png(), thread.id);
    const file = await t.send(thread.id, { kind: 'media', mediaKind: 'image', fileId: staged.fileId });
    expect(file).toMatchObject({ status: 'failed', error: expect.stringMatching(/more than 24 hours ago.*Send an approved template/) });
    expect(file.error).toBe(text.error);
    expect(sim.requestsTo(BOT).length).toBe(n);
  });
});
