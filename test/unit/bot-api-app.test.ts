// Every bot API webhook shape in the reference note, for both engines, through the app's real
// webhook listener into the inbox: the right thread, person or group, author, text or media,
// statuses on the right outgoing message, nothing twice, nothing unparsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '../../shared/model';
import { BotApiSimulator, type Engine } from '../simulators/bot-api/server';
import * as f from '../media/fixtures';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let sim: BotApiSimulator;
beforeAll(async () => {
  t = await startTestApp();
  sim = await BotApiSimulator.start({ users: [{ email: 'owner@shop.test', password: 'pw-1' }] });
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const threadOf = async (m: Message): Promise<Thread> => (await t.call('threads:list', {})).find((th) => th.id === m.threadId)!;
const messagesIn = (threadId: string) => t.call('threads:messages', { threadId });
const settle = () => new Promise((r) => setTimeout(r, 80));

describe.each<[Engine, string]>([
  ['open-wa', '23480100'],
  ['baileys', '23480200'],
])('the %s engine', (engine, prefix) => {
  let accountId: string;
  let sessionId: string;
  const customer = `${prefix}11111`;
  const groupMember = `${prefix}22222`;
  const groupId = `120363${prefix}000001`;

  beforeAll(async () => {
    accountId = (await t.call('accounts:create', { provider: 'bot-api', name: `Shop ${engine}`, config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } })).id;
    const inst = await t.call('instances:create', { accountId });
    sessionId = inst.sessionId;
    sim.setEngine(sessionId, engine);
    sim.scan(sessionId, `${prefix}00000`, 'Shop phone');
    await t.call('instances:qr', { id: inst.id });
    // The app registers onMessage + onAck (client.ts WEBHOOK_EVENTS).
    expect(sim.instance(sessionId)!.webhookEvents).toEqual(['onMessage', 'onAck']);
  });

  it('a customer text becomes a person thread named after them', async () => {
    const arrived = t.waitFor('messages:changed', (m) => m.text === `Hello from ${engine}`);
    expect(await sim.sendCustomerMessage({ sessionId, from: customer, pushName: 'Chidi', text: `Hello from ${engine}`, id: `${engine}-T1` })).toBe(200);
    const m = await arrived;
    expect(m).toMatchObject({ direction: 'in', kind: 'text', author: null, providerMessageId: `${engine}-T1`, status: 'received' });
    expect(await threadOf(m)).toMatchObject({ title: 'Chidi', phone: customer, peerId: customer, isGroup: false });
  });

  it('the same message delivered again is stored once', async () => {
    const thread = (await t.call('threads:list', { search: 'Chidi' })).find((th) => th.peerId === customer)!;
    expect(await sim.sendCustomerMessage({ sessionId, from: customer, pushName: 'Chidi', text: `Hello from ${engine}`, id: `${engine}-T1` })).toBe(200);
    await settle();
    expect((await messagesIn(thread.id)).filter((m) => m.providerMessageId === `${engine}-T1`)).toHaveLength(1);
  });

  it('a group message lands in the group thread, written by the participant', async () => {
    const arrived = t.waitFor('messages:changed', (m) => m.text === `Group hello ${engine}`);
    await sim.sendCustomerMessage({ sessionId, from: groupMember, pushName: 'Bisi', groupId, groupName: 'Cake club', text: `Group hello ${engine}` });
    const m = await arrived;
    expect(m.author).toBe('Bisi');
    const thread = await threadOf(m);
    expect(thread).toMatchObject({ isGroup: true, peerId: `${groupId}@g.us` });
    // open-wa names the group (chat.name); Baileys messages carry no subject.
    expect(thread.title).toBe(engine === 'open-wa' ? 'Cake club' : `Group ${groupId}`);
  });

  it('a picture and a document arrive as files with caption and name, downloaded from the CDN', async () => {
    const png = f.png(2_000);
    await sim.sendCustomerMessage({ sessionId, from: customer, pushName: 'Chidi', id: `${engine}-IMG`, media: { kind: 'image', bytes: png, mimetype: 'image/png', caption: 'my receipt' } });
    const img = await t.waitFor('messages:changed', (m) => m.providerMessageId === `${engine}-IMG` && m.media?.state === 'ready', 10_000);
    expect(img).toMatchObject({ kind: 'image', text: 'my receipt', media: { kind: 'image', mimeType: 'image/png', size: png.length } });
    await sim.sendCustomerMessage({ sessionId, from: customer, id: `${engine}-DOC`, media: { kind: 'document', bytes: f.pdf(), mimetype: 'application/pdf', fileName: 'Order.pdf' } });
    const doc = await t.waitFor('messages:changed', (m) => m.providerMessageId === `${engine}-DOC` && m.media?.state === 'ready', 10_000);
    expect(doc).toMatchObject({ kind: 'document', text: 'Order.pdf', media: { fileName: 'Order.pdf', mimeType: 'application/pdf' } });
    expect((await threadOf(doc)).peerId).toBe(customer);
  });

  it('a location and a contact card arrive with their words', async () => {
    await sim.sendCustomerMessage({ sessionId, from: customer, id: `${engine}-LOC`, location: { lat: 6.4281, lng: 3.4219, name: 'Lekki Phase 1' } });
    expect(await t.waitFor('messages:changed', (m) => m.providerMessageId === `${engine}-LOC`)).toMatchObject({ kind: 'location', text: 'Lekki Phase 1' });
    await sim.sendCustomerMessage({ sessionId, from: customer, id: `${engine}-VC`, contact: { fullName: 'Bola Ade', phone: '2348099999999' } });
    expect(await t.waitFor('messages:changed', (m) => m.providerMessageId === `${engine}-VC`)).toMatchObject({ kind: 'contact', text: 'Bola Ade' });
  });

  it('leaves nothing this account received in Unparsed events', async () => {
    await settle();
    expect((await t.call('webhooks:unparsed', {})).filter((u) => u.accountId === accountId)).toEqual([]);
  });
});

describe('open-wa receipts and echoes', () => {
  let accountId: string;
  let sessionId: string;
  let thread: Thread;
  const customer = '2348030000001';

  beforeAll(async () => {
    accountId = (await t.call('accounts:create', { provider: 'bot-api', name: 'Receipts', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } })).id;
    const inst = await t.call('instances:create', { accountId });
    sessionId = inst.sessionId;
    sim.scan(sessionId, '2348030000000', 'Receipts phone');
    await t.call('instances:qr', { id: inst.id });
    thread = await t.call('threads:start', { accountId, phone: `+${customer}`, name: 'Ngozi' });
  });

  it('puts delivered and read on the outgoing picture the acks name, and never moves back', async () => {
    const file = await t.call('media:stage', { fileName: 'menu.png', dataBase64: f.png(3_000).toString('base64'), threadId: thread.id });
    const m = await t.send(thread.id, { kind: 'media', mediaKind: 'image', fileId: file.fileId, caption: 'Our menu' });
    expect(m.status).toBe('sent');
    const sent = sim.sent.find((s) => s.sessionId === sessionId && s.kind === 'image')!;
    expect(m.providerMessageId).toBe(sent.id);
    expect(await sim.ack(sent.id, 2)).toBe(200);
    await t.waitFor('messages:changed', (x) => x.id === m.id && x.status === 'delivered');
    expect(await sim.ack(sent.id, 3)).toBe(200);
    await t.waitFor('messages:changed', (x) => x.id === m.id && x.status === 'read');
    expect(await sim.ack(sent.id, 2)).toBe(200);
    await settle();
    const after = (await messagesIn(thread.id)).filter((x) => x.direction === 'out');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: m.id, status: 'read' });
  });

  it('a gateway also subscribed to onAnyMessage: a customer message posted twice is stored once; the phone owner’s own message shows as ours', async () => {
    // As a gateway configured in its dashboard with onAnyMessage as well (note §A).
    const res = await fetch(`${sim.url}/whatsapp/setWebhook?session_id=${sessionId}&access_token=${sim.instance(sessionId)!.accessToken}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sim.bearerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook_url: sim.instance(sessionId)!.webhookUrl, events: ['onMessage', 'onAnyMessage', 'onAck'], requestConfig: {} }),
    });
    expect(res.status).toBe(204);
    const before = sim.webhookDeliveries.length;
    await sim.sendCustomerMessage({ sessionId, from: customer, pushName: 'Ngozi', text: 'Is it still open?', id: 'TWICE-1' });
    expect(sim.webhookDeliveries.length - before).toBe(2);
    await settle();
    expect((await messagesIn(thread.id)).filter((x) => x.providerMessageId === 'TWICE-1')).toHaveLength(1);
    const typed = await sim.sendFromPhone(sessionId, customer, 'Yes, until 9pm');
    const mine = await t.waitFor('messages:changed', (x) => x.providerMessageId === typed.id);
    expect(mine).toMatchObject({ direction: 'out', text: 'Yes, until 9pm', status: 'sent', threadId: thread.id, author: null });
    expect((await t.call('webhooks:unparsed', {})).filter((u) => u.accountId === accountId)).toEqual([]);
  });

  it('the onAnyMessage echo of a picture we sent (its id known from the send answer) does not add a second bubble', async () => {
    const file = await t.call('media:stage', { fileName: 'price.png', dataBase64: f.png(2_500).toString('base64'), threadId: thread.id });
    const m = await t.send(thread.id, { kind: 'media', mediaKind: 'image', fileId: file.fileId, caption: 'Price list' });
    const echoed = () => sim.webhookDeliveries.some((d) => d.status === 200 && (d.body as { data?: { id?: string } }).data?.id?.endsWith(`_${m.providerMessageId}`));
    for (let i = 0; i < 200 && !echoed(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(echoed()).toBe(true);
    await settle();
    expect((await messagesIn(thread.id)).filter((x) => x.providerMessageId === m.providerMessageId)).toHaveLength(1);
  });
});

describe('an instance linked on the account form by session id', () => {
  it('is logged out and deleted through the app by the _id that GET /whatsapp lists, its secrets only in the keychain', async () => {
    const seeded = sim.addInstance({ connected: true, phone: '2348040000000' });
    const account = await t.call('accounts:create', {
      provider: 'bot-api',
      name: 'Linked',
      config: { baseUrl: sim.url, sessionId: seeded.sessionId },
      secrets: { bearerToken: sim.bearerToken, refreshToken: 'rt-linked', accessToken: seeded.accessToken },
    });
    expect(account.savedSecrets).toEqual(expect.arrayContaining(['bearerToken', 'refreshToken', 'accessToken']));
    expect(JSON.stringify(account)).not.toContain('rt-linked');
    const [inst] = await t.call('instances:list', { accountId: account.id });
    expect(inst).toMatchObject({ sessionId: seeded.sessionId, providerId: null });
    await t.call('instances:logout', { id: inst!.id });
    const logout = sim.requestsTo(`/whatsapp/instance/logout/${seeded.id}`).at(-1)!;
    expect(logout.query).toEqual({ session_id: seeded.sessionId, access_token: seeded.accessToken });
    expect(logout.headers).toMatchObject({ authorization: `Bearer ${sim.bearerToken}`, 'x-refresh': 'rt-linked' });
    expect(await t.call('instances:delete', { id: inst!.id })).toEqual({ removed: true });
    expect(sim.requestsTo(`/whatsapp/${seeded.id}`).at(-1)!.method).toBe('DELETE');
    expect(sim.instance(seeded.sessionId)).toBeUndefined();
  });
});

describe('an account that signs in with email and password', () => {
  it('signs in once, keeps the issued tokens out of sight, and signs in again when the session is revoked', async () => {
    const account = await t.call('accounts:create', { provider: 'bot-api', name: 'Signed in', config: { baseUrl: sim.url, email: 'owner@shop.test' }, secrets: { password: 'pw-1' } });
    const signIns = () => sim.requestsTo('/sessions').length;
    const before = signIns();
    const inst = await t.call('instances:create', { accountId: account.id });
    expect(signIns()).toBe(before + 1);
    const issued = sim.auth.issued.at(-1)!;
    expect(sim.requestsTo('/whatsapp/createNewWhatsapp').at(-1)!.headers).toMatchObject({ authorization: `Bearer ${issued.accessToken}`, 'x-refresh': issued.refreshToken });
    const shown = (await t.call('accounts:list', {})).find((a) => a.id === account.id)!;
    expect(shown.savedSecrets).toEqual(['password']);
    expect(JSON.stringify(shown)).not.toContain(issued.refreshToken);
    sim.scan(inst.sessionId, '2348050000000', 'Signed-in phone');
    sim.auth.revokeAll();
    expect(await t.call('instances:qr', { id: inst.id })).toMatchObject({ kind: 'connected', phone: '2348050000000' });
    expect(signIns()).toBe(before + 2);
  });
});
