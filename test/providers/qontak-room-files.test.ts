// Files from this computer into a customer's Qontak room, checked part by part against the
// reference note (provider-docs/reference/qontak.md: `POST /v1/messages/whatsapp/bot`, multipart
// formData room_id*, type* ∈ audio|contact|document|image|location|system|text|video, `file` for
// the media types → 201), the simulator's answers when the form is wrong, and the refusals before
// anything is sent: no room, outside the 24-hour window, a file by link, a caption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qontak } from '../../electron/services/providers/qontak';
import { SESSION_MS } from '../../electron/services/providers/qontak/room';
import type { AccountContext, MediaKind, OutgoingMessage, SendTarget } from '../../electron/services/providers/types';
import { DOC_CHANNEL_ID, QontakSimulator } from '../simulators/qontak/server';
import * as f from '../media/fixtures';

const BOT = '/api/open/v1/messages/whatsapp/bot';
let sim: QontakSimulator;
let roomId: string;
beforeAll(async () => {
  sim = await QontakSimulator.start({ password: 'pw', clientId: 'cid', clientSecret: 'cs' });
  roomId = (await sim.customerMessage({ phone: '628117661002', name: 'Dewi', text: 'kirim fotonya ya' })).room.id;
});
afterAll(() => sim.close());

const ctx = (): AccountContext => ({ config: { baseUrl: sim.url, username: sim.username, channelIntegrationId: DOC_CHANNEL_ID }, secrets: { password: 'pw', clientId: 'cid', clientSecret: 'cs' } });
const inRoom = (at = Date.now()): SendTarget => ({ peerId: '628117661002', isGroup: false, name: 'Dewi', conversation: { id: roomId, at } });
const file = (mediaKind: MediaKind, bytes: Buffer, mimeType: string, fileName: string, extra: Partial<Extract<OutgoingMessage, { kind: 'media' }>> = {}): OutgoingMessage => ({
  kind: 'media',
  mediaKind,
  source: { type: 'file', bytes, mimeType, fileName },
  fileName,
  ...extra,
});
const botRequests = () => sim.requestsTo(BOT);

async function token(): Promise<string> {
  const res = await fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: sim.username, password: 'pw', grant_type: 'password', client_id: 'cid', client_secret: 'cs' }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function post(form: FormData, auth = true): Promise<{ status: number; messages: string[] }> {
  const res = await fetch(`${sim.url}${BOT}`, { method: 'POST', headers: auth ? { authorization: `Bearer ${await token()}` } : {}, body: form });
  const body = (await res.json()) as { error?: { messages?: string[] } };
  return { status: res.status, messages: body.error?.messages ?? [] };
}

describe('files into the room', () => {
  it('uploads a picture as the multipart form the Swagger gives: room_id, type=image and the file part, nothing else', async () => {
    const bytes = f.png();
    const r = await qontak.send(ctx(), inRoom(), file('image', bytes, 'image/png', 'menu.png'));
    expect(r).toEqual({ providerMessageId: null });
    const req = botRequests().at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.form).toEqual({ room_id: roomId, type: 'image' });
    expect(Object.keys(req.files!)).toEqual(['file']);
    expect(req.files!.file!.filename).toBe('menu.png');
    expect(req.files!.file!.type).toBe('image/png');
    expect(req.files!.file!.bytes.equals(bytes)).toBe(true);
    const kept = sim.botMessages.at(-1)!;
    expect(kept).toMatchObject({ roomId, type: 'image', text: null, file: { filename: 'menu.png', type: 'image/png' } });
    expect(kept.file!.bytes.equals(bytes)).toBe(true);
  });

  it.each([
    ['video', f.mp4(), 'video/mp4', 'tour.mp4'],
    ['audio', f.mp3(), 'audio/mpeg', 'voice.mp3'],
    ['document', f.pdf(), 'application/pdf', 'invoice 12.pdf'],
  ] as const)('sends a %s with its own type, name, content type and the exact bytes', async (kind, bytes, mimeType, fileName) => {
    await qontak.send(ctx(), inRoom(), file(kind, bytes, mimeType, fileName));
    const req = botRequests().at(-1)!;
    expect(req.form).toEqual({ room_id: roomId, type: kind });
    expect(req.files!.file).toMatchObject({ filename: fileName, type: mimeType });
    expect(req.files!.file!.bytes.equals(bytes)).toBe(true);
  });

  it('refuses outside the 24-hour window with the same "send a template" reason as text, and without a room, sending nothing', async () => {
    const n = botRequests().length;
    const old = inRoom(Date.now() - SESSION_MS - 1000);
    const textRefusal = await qontak.send(ctx(), old, { kind: 'text', text: 'hi' }).catch((e: Error) => e);
    const fileRefusal = await qontak.send(ctx(), old, file('image', f.png(), 'image/png', 'menu.png')).catch((e: Error) => e);
    expect(fileRefusal).toMatchObject({ code: 'validation', message: expect.stringMatching(/more than 24 hours ago.*Send an approved template/) });
    expect((fileRefusal as Error).message).toBe((textRefusal as Error).message);
    await expect(qontak.send(ctx(), { peerId: '628117661002', isGroup: false }, file('document', f.pdf(), 'application/pdf', 'a.pdf'))).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/Send an approved template to start the conversation/),
    });
    expect(botRequests().length).toBe(n);
  });

  it('refuses a file by link and a caption in words, sending nothing (the endpoint takes an upload and has no caption field)', async () => {
    const n = botRequests().length;
    const byLink: OutgoingMessage = { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://example.com/menu.png', mimeType: 'image/png' } };
    await expect(qontak.send(ctx(), inRoom(), byLink)).rejects.toMatchObject({ code: 'validation', message: 'Qontak Hub takes files as uploads only, so a file by link can\'t go out. Attach the file from this computer instead.', key: 'errors.qontak.uploadsOnly', params: { provider: 'Qontak Hub' } });
    await expect(qontak.send(ctx(), inRoom(), file('image', f.png(), 'image/png', 'menu.png', { caption: 'Our menu' }))).rejects.toMatchObject({
      code: 'validation',
      message: 'Qontak Hub sends files without a caption. Send the text as a message of its own.',
      key: 'errors.qontak.noCaption',
    });
    expect(botRequests().length).toBe(n);
  });

  it('reports the Hub refusing the file (422) in its words', async () => {
    sim.failNext(1, { status: 422, body: { status: 'error', error: { code: 422, messages: ['file is invalid'] } } }, BOT);
    await expect(qontak.send(ctx(), inRoom(), file('image', f.png(), 'image/png', 'menu.png'))).rejects.toMatchObject({ code: 'validation', message: 'Qontak Hub refused the request: file is invalid' });
  });
});

describe('the simulator takes the form as the note gives it', () => {
  const form = (fields: Record<string, string>, part?: { bytes: Buffer; type: string; name: string }): FormData => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    if (part) fd.set('file', new Blob([new Uint8Array(part.bytes)], { type: part.type }), part.name);
    return fd;
  };
  const png = { bytes: f.png(), type: 'image/png', name: 'menu.png' };

  it('answers 201 and records the bytes', async () => {
    const n = sim.botMessages.length;
    expect(await post(form({ room_id: roomId, type: 'image' }, png))).toEqual({ status: 201, messages: [] });
    expect(sim.botMessages.length).toBe(n + 1);
    expect(sim.botMessages.at(-1)!.file!.bytes.equals(png.bytes)).toBe(true);
  });

  it('answers 422 for a missing file (also one sent as a plain field), a file of the wrong kind, and a type outside the enum', async () => {
    expect(await post(form({ room_id: roomId, type: 'image' }))).toEqual({ status: 422, messages: ['file is missing'] });
    expect(await post(form({ room_id: roomId, type: 'document', file: 'invoice.pdf' }))).toEqual({ status: 422, messages: ['file is missing'] });
    expect(await post(form({ room_id: roomId, type: 'video' }, png))).toEqual({ status: 422, messages: ['file is invalid'] });
    expect(await post(form({ room_id: roomId, type: 'sticker' }, png))).toEqual({ status: 422, messages: ['type does not have a valid value'] });
    expect(await post(form({ type: 'image' }, png))).toEqual({ status: 422, messages: ['room_id is missing'] });
  });

  it('answers 401 without a token', async () => {
    expect((await post(form({ room_id: roomId, type: 'image' }, png), false)).status).toBe(401);
  });
});
