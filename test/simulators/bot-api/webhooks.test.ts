// The simulator's outgoing webhooks and sign-in, against the reference note
// (shared/provider-docs/reference/whatsapp-bot-api.md): every shape of both engines, exactly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiSimulator } from './server';

let sim: BotApiSimulator;
let app: Server;
let appUrl: string;
const received: { contentType: string | undefined; body: Record<string, unknown> }[] = [];

beforeEach(async () => {
  sim = await BotApiSimulator.start({ bearerToken: 'test-token', qrTtlMs: 60_000, users: [{ email: 'owner@shop.test', password: 'pw-1' }] });
  received.length = 0;
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hook`;
});
afterEach(async () => {
  await sim.close();
  await new Promise<void>((r) => app.close(() => r()));
});

const auth = { Authorization: 'Bearer test-token' };
const creds = (i: { sessionId: string; accessToken: string }): string => `session_id=${i.sessionId}&access_token=${i.accessToken}`;
const put = (path: string, body: unknown) => fetch(`${sim.url}${path}`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const until = async (n: number) => {
  for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 10));
};

async function linked(engine: 'open-wa' | 'baileys', events = ['onMessage', 'onAck']) {
  const inst = sim.addInstance({ connected: true, phone: '14692423571', engine });
  expect((await put(`/whatsapp/setWebhook?${creds(inst)}`, { webhook_url: appUrl, events, requestConfig: {} })).status).toBe(204);
  return inst;
}

describe('open-wa engine (note §A)', () => {
  it('posts a customer text under onMessage in the prepEventData envelope', async () => {
    const inst = await linked('open-wa');
    await expect(sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '919159266344', text: 'hi', pushName: 'Kumar', id: '3EB07C93ACEC0F6A3852', at: 1628659581000 })).resolves.toBe(200);
    expect(received).toEqual([{ contentType: 'application/json', body: expect.any(Object) }]);
    const body = received[0]!.body;
    expect(body).toEqual({ ts: expect.any(Number), sessionId: inst.sessionId, id: expect.stringMatching(/^[0-9a-f-]{36}$/), event: 'onMessage', data: expect.any(Object), webhook_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(body.data).toMatchObject({
      id: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852',
      body: 'hi',
      type: 'chat',
      t: 1628659581,
      from: '919159266344@c.us',
      to: '14692423571@c.us',
      self: 'in',
      ack: 0,
      fromMe: false,
      isGroupMsg: false,
      chatId: '919159266344@c.us',
      sender: { id: '919159266344@c.us', pushname: 'Kumar' },
      timestamp: 1628659581,
      content: 'hi',
      isMedia: false,
      quotedMsgObj: null,
      mediaData: {},
    });
  });

  it('posts the same message once per subscribed event (onMessage and onAnyMessage), with one id', async () => {
    const inst = await linked('open-wa', ['onMessage', 'onAnyMessage']);
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '919159266344', text: 'twice' });
    expect(received.map((r) => r.body.event)).toEqual(['onMessage', 'onAnyMessage']);
    expect((received[0]!.body.data as { id: string }).id).toBe((received[1]!.body.data as { id: string }).id);
  });

  it('posts group, media, location and contact messages in open-wa form', async () => {
    const inst = await linked('open-wa');
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', groupId: '120363012345678901', groupName: 'Family shop', text: 'in the group', id: 'G1' });
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', id: 'IMG1', media: { kind: 'image', url: 'https://example.test/p.jpg', mimetype: 'image/jpeg', caption: 'receipt', mediaKey: 'a2V5', fileSha256: 'aGFzaA==', fileLength: '1234' } });
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', location: { lat: 6.5, lng: 3.3, name: 'Shop' } });
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', contact: { fullName: 'Bola Ade', phone: '2348099999999' } });
    const [group, image, location, contact] = received.map((r) => r.body.data as Record<string, unknown>);
    expect(group).toMatchObject({ id: 'false_120363012345678901@g.us_G1_2348012345678@c.us', from: '120363012345678901@g.us', chatId: '120363012345678901@g.us', isGroupMsg: true, author: '2348012345678@c.us', chat: { name: 'Family shop' } });
    expect(image).toMatchObject({ type: 'image', isMedia: true, caption: 'receipt', mimetype: 'image/jpeg', deprecatedMms3Url: 'https://example.test/p.jpg', clientUrl: 'https://example.test/p.jpg', mediaKey: 'a2V5', filehash: 'aGFzaA==', size: 1234 });
    expect(image!.body).not.toBe('receipt');
    expect(location).toMatchObject({ type: 'location', lat: '6.5', lng: '3.3', loc: 'Shop' });
    expect(contact).toMatchObject({ type: 'vcard', body: expect.stringContaining('FN:Bola Ade') });
  });

  it('echoes sends under onAnyMessage and reports receipts under onAck', async () => {
    const inst = await linked('open-wa', ['onMessage', 'onAnyMessage', 'onAck']);
    const form = new FormData();
    form.set('chatId', '2348012345678');
    form.set('file', new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' }), 'a.png');
    const res = await fetch(`${sim.url}/whatsapp/message/image?${creds(inst)}`, { method: 'POST', headers: auth, body: form });
    const id = ((await res.json()) as { data: { key: { id: string } } }).data.key.id;
    await until(1);
    expect(received[0]!.body).toMatchObject({ event: 'onAnyMessage', data: { id: `true_2348012345678@c.us_${id}`, self: 'out', fromMe: true, from: '14692423571@c.us', to: '2348012345678@c.us' } });
    expect(await sim.ack(id, 3)).toBe(200);
    expect(received[1]!.body).toMatchObject({ event: 'onAck', data: { id: `true_2348012345678@c.us_${id}`, ack: 3, fromMe: true, self: 'out' } });
  });
});

describe('Baileys engine (note §B)', () => {
  it('posts {type:"message", body:{key, message, messageTimestamp, pushName, text}, instanceKey}', async () => {
    const inst = await linked('baileys');
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', text: 'Hello shop', pushName: 'Ada', id: 'BAE5AA', at: 1700000000000 });
    const waMessage = { key: { remoteJid: '2348012345678@s.whatsapp.net', fromMe: false, id: 'BAE5AA' }, message: { conversation: 'Hello shop' }, messageTimestamp: '1700000000', pushName: 'Ada' };
    expect(received).toEqual([{ contentType: 'application/json', body: { type: 'message', body: { ...waMessage, text: { messages: [waMessage], type: 'notify' } }, instanceKey: inst.sessionId } }]);
  });

  it('puts the participant in key for groups, and carries media as WhatsApp CDN fields', async () => {
    const inst = await linked('baileys');
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', groupId: '120363012345678901', text: 'group hello' });
    await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348012345678', media: { kind: 'document', url: 'https://example.test/a.pdf', mimetype: 'application/pdf', fileName: 'a.pdf' } });
    expect(received[0]!.body.body).toMatchObject({ key: { remoteJid: '120363012345678901@g.us', fromMe: false, participant: '2348012345678@s.whatsapp.net' }, message: { extendedTextMessage: { text: 'group hello' } } });
    expect(received[0]!.body.body).not.toHaveProperty('text');
    expect(received[1]!.body.body).toMatchObject({ message: { documentMessage: { url: 'https://example.test/a.pdf', mimetype: 'application/pdf', fileName: 'a.pdf' } } });
  });

  it('posts connection open on scan and close on logout, and refuses receipts it has no event for', async () => {
    const inst = sim.addInstance({ engine: 'baileys' });
    await fetch(`${sim.url}/whatsapp/init?${creds(inst)}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ config: { setWebhook: true, webhookUrl: appUrl } }) });
    sim.scan(inst.sessionId);
    await until(1);
    expect(received[0]!.body).toEqual({ type: 'connection', body: { connection: 'open' }, instanceKey: inst.sessionId });
    await fetch(`${sim.url}/whatsapp/message?${creds(inst)}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ chatId: '2348012345678', message: 'hi' }) });
    await expect(sim.ack(sim.sent.at(-1)!.id, 2)).rejects.toThrow(/posts no receipts/);
    await fetch(`${sim.url}/whatsapp/instance/logout/${inst.id}?${creds(inst)}`, { headers: auth });
    await until(2);
    expect(received[1]!.body).toEqual({ type: 'connection', body: { connection: 'close' }, instanceKey: inst.sessionId });
  });
});

describe('sign-in (note "Base URL / auth")', () => {
  it('issues tokens at POST /sessions; an expired access token passes only with its x-refresh', async () => {
    const bad = await fetch(`${sim.url}/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'owner@shop.test', password: 'nope' }) });
    expect(bad.status).toBe(401);
    const res = await fetch(`${sim.url}/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'owner@shop.test', password: 'pw-1' }) });
    const { accessToken, refreshToken } = (await res.json()) as { accessToken: string; refreshToken: string };
    expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const list = (headers: Record<string, string>) => fetch(`${sim.url}/whatsapp`, { headers }).then((r) => r.status);
    expect(await list({ Authorization: `Bearer ${accessToken}` })).toBe(200);
    sim.auth.expireAccessTokens();
    expect(await list({ Authorization: `Bearer ${accessToken}` })).toBe(401);
    expect(await list({ Authorization: `Bearer ${accessToken}`, 'x-refresh': refreshToken })).toBe(200);
    expect((await fetch(`${sim.url}/sessions`, { method: 'DELETE', headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(204);
    expect(await list({ Authorization: `Bearer ${accessToken}`, 'x-refresh': refreshToken })).toBe(401);
  });
});

describe('control page', () => {
  it('switches an instance engine, types on the phone and posts receipts', async () => {
    const inst = await linked('open-wa', ['onMessage', 'onAnyMessage', 'onAck']);
    const post = (path: string, body: unknown) => fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const phone = await post('/_sim/phone', { sessionId: inst.sessionId, to: '2348012345678', text: 'typed' });
    await until(1);
    expect(received[0]!.body).toMatchObject({ event: 'onAnyMessage', data: { fromMe: true, body: 'typed', id: `true_2348012345678@c.us_${phone.id as string}` } });
    expect(await post('/_sim/ack', { id: phone.id, ack: 2 })).toEqual({ ok: true, webhookStatus: 200 });
    expect(received[1]!.body).toMatchObject({ event: 'onAck', data: { ack: 2 } });
    expect(await post('/_sim/engine', { sessionId: inst.sessionId, engine: 'baileys' })).toEqual({ ok: true });
    expect(await post('/_sim/inbound', { sessionId: inst.sessionId, shape: 'location', from: '2348012345678', lat: '6.5', lng: '3.3', text: 'Shop' })).toMatchObject({ ok: true });
    expect(received[2]!.body).toMatchObject({ type: 'message', body: { message: { locationMessage: { degreesLatitude: 6.5, degreesLongitude: 3.3, name: 'Shop' } } } });
  });
});
