// Every Infobip webhook shape in reference/infobip.md, posted by the simulator through the app's
// real listener into the inbox: customer messages (each sampled type, two in one post), seen
// reports, pushed (notifyUrl) and pulled delivery reports, and a batch mixing both kinds. Also
// the sends those reports are about: notifyUrl only with a public address, SMS text on templates.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, Thread } from '../../shared/model';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let sim: InfobipSimulator;
let accountId: string;
let hook: string;
const CUSTOMER = '385919998888';

beforeAll(async () => {
  t = await startTestApp();
  sim = await InfobipSimulator.start({ apiKey: 'ib-key' });
  accountId = (await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url }, secrets: { apiKey: 'ib-key' } })).id;
  const line = await t.call('lines:create', { accountId, input: { name: 'WA then SMS', whatsAppSender: '447860099299', smsSender: 'InfoSMS', isDefault: true } });
  await t.call('lines:select', { accountId, lineId: line.id });
  hook = (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
  // The portal setting for incoming messages points at the account's webhook URL.
  sim.inboundUrl = hook;
});
afterAll(async () => {
  await sim.close();
  await t.close();
});

/** Stands in for a tunnel or the user's public URL, without restarting the listener. */
const setPublicBase = (url: string | null): void => t.settings.set('publicBaseUrl', url);
/** Resolves with what `find` returns once it returns something (events are parsed just after the 200). */
const found = <T>(find: () => Promise<T | undefined>): Promise<T> =>
  vi.waitFor(async () => {
    const v = await find();
    if (v === undefined) throw new Error('not there yet');
    return v;
  });
const customerThread = (): Promise<Thread> => found(async () => (await t.call('threads:list', {})).find((th) => th.peerId === CUSTOMER));
const messages = async (threadId: string): Promise<Message[]> => t.call('threads:messages', { threadId });
const byProviderId = (threadId: string, id: string): Promise<Message> => found(async () => (await messages(threadId)).find((m) => m.providerMessageId === id));

describe('customer messages (reference "Inbound message" and its variants)', () => {
  it('puts a text in a person thread named by the WhatsApp name', async () => {
    expect(await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.T1', content: { type: 'TEXT', text: 'Hello, World!' } })).toBe(200);
    const thread = await customerThread();
    expect(thread).toMatchObject({ isGroup: false, title: 'Frank', replyable: true });
    expect(await byProviderId(thread.id, 'wamid.T1')).toMatchObject({ direction: 'in', kind: 'text', text: 'Hello, World!', author: null, status: 'received' });
  });

  it('reads location, image with and without caption, list reply and button reply', async () => {
    const media = `${sim.url}/whatsapp/1/senders/447860099299/media/f1b96d31-9ab9-4513-808b-50ab37360fbe`;
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.L1', content: { type: 'LOCATION', latitude: 40.748433333333, longitude: -73.985655555556, name: 'Empire State Building', address: '350 5th Ave, New York, NY' } });
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.I1', content: { type: 'IMAGE', url: media, caption: 'Image Caption' } });
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.I2', content: { type: 'IMAGE', url: `${media}0` } });
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.R1', content: { type: 'INTERACTIVE_LIST_REPLY', id: 'consultar_saldo', title: 'consultar saldo' } });
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.B1', content: { type: 'INTERACTIVE_BUTTON_REPLY', id: '1', title: 'Yes' } });
    const thread = await customerThread();
    expect(await byProviderId(thread.id, 'wamid.L1')).toMatchObject({ kind: 'location', text: expect.stringContaining('Empire State Building') });
    expect(await byProviderId(thread.id, 'wamid.I1')).toMatchObject({ kind: 'image', text: 'Image Caption', media: { kind: 'image', url: media } });
    expect(await byProviderId(thread.id, 'wamid.I2')).toMatchObject({ kind: 'image', text: null, media: { kind: 'image', url: `${media}0` } });
    expect(await byProviderId(thread.id, 'wamid.R1')).toMatchObject({ kind: 'interactive', text: 'consultar saldo' });
    expect(await byProviderId(thread.id, 'wamid.B1')).toMatchObject({ kind: 'interactive', text: 'Yes' });
  });

  it("downloads a customer's picture from Infobip's media endpoint with the account's key, and shows it", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b8e4a90000000049454e44ae426082', 'hex');
    const link = sim.hostMedia('447860099299', png, 'image/png');
    await sim.sendInbound({ from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.IMG-AUTH', content: { type: 'IMAGE', url: link, caption: 'Ini fotonya' } });
    const thread = await customerThread();
    const ready = await found(async () => {
      const m = await byProviderId(thread.id, 'wamid.IMG-AUTH');
      return m.media?.state === 'ready' ? m : undefined;
    });
    expect(ready.media).toMatchObject({ kind: 'image', state: 'ready' });
    const download = sim.requests.filter((r) => r.method === 'GET' && link.endsWith(r.path)).at(-1)!;
    expect(download.headers.authorization).toBe('App ib-key');
    expect((await t.call('media:read', { messageId: ready.id })).dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });

  it('stores two results of one post as two messages, and a re-delivered post changes nothing', async () => {
    const two = [
      { from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.2A', content: { type: 'TEXT' as const, text: 'First' } },
      { from: CUSTOMER, to: '447860099299', name: 'Frank', messageId: 'wamid.2B', content: { type: 'TEXT' as const, text: 'Second' } },
    ];
    await sim.sendInbound(two);
    const thread = await customerThread();
    await byProviderId(thread.id, 'wamid.2B');
    const before = (await messages(thread.id)).length;
    await sim.sendInbound(two);
    await new Promise((r) => setTimeout(r, 100));
    const after = await messages(thread.id);
    expect(after).toHaveLength(before);
    expect(after.filter((m) => m.providerMessageId === 'wamid.2A')).toHaveLength(1);
  });
});

describe('reports for our own messages', () => {
  it('with a public address, sends notifyUrl and takes the pushed delivery report and seen report', async () => {
    setPublicBase(new URL(hook).origin);
    const thread = await customerThread();
    const m = await t.send(thread.id, { kind: 'text', text: 'Your order is ready' });
    const sent = sim.sent.at(-1)!;
    expect(sent.notifyUrl).toBe(hook);
    expect(sent.request).toMatchObject({ notifyUrl: hook, whatsApp: { text: 'Your order is ready' }, sms: { text: 'Your order is ready' } });
    await sim.deliver(m.providerMessageId!, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    await t.waitFor('messages:changed', (x) => x.id === m.id && x.status === 'delivered');
    await sim.seen(m.providerMessageId!);
    await t.waitFor('messages:changed', (x) => x.id === m.id && x.status === 'read');
  });

  it('applies each result of a batch mixing a delivery report and a seen report', async () => {
    const thread = await customerThread();
    const a = await t.send(thread.id, { kind: 'text', text: 'A' });
    const b = await t.send(thread.id, { kind: 'text', text: 'B' });
    await sim.pushMixed(a.providerMessageId!, b.providerMessageId!);
    await t.waitFor('messages:changed', (x) => x.id === a.id && x.status === 'delivered');
    await t.waitFor('messages:changed', (x) => x.id === b.id && x.status === 'read');
  });

  it('without a public address, sends no notifyUrl and pulls delivery and (legacy) seen reports', async () => {
    setPublicBase(null);
    const thread = await customerThread();
    const m = await t.send(thread.id, { kind: 'text', text: 'Pulled' });
    expect(sim.sent.at(-1)!.notifyUrl).toBeNull();
    expect(sim.sent.at(-1)!.request).not.toHaveProperty('notifyUrl');
    await sim.deliver(m.providerMessageId!, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    expect(await t.call('reports:refresh', { accountId })).toEqual({ updated: 1 });
    expect((await byProviderId(thread.id, m.providerMessageId!)).status).toBe('delivered');
    await sim.seen(m.providerMessageId!);
    await t.call('reports:refresh', { accountId });
    expect((await byProviderId(thread.id, m.providerMessageId!)).status).toBe('read');
  });

  it('gives a template through the WhatsApp-then-SMS scenario its filled body as SMS text, so failover happens', async () => {
    const tpl = await t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, order {{2}} is ready' });
    const thread = await customerThread();
    const m = await t.send(thread.id, { kind: 'template', templateId: tpl.id, params: [{ key: '1', text: 'Eva' }, { key: '2', text: 'A-17' }] });
    expect(sim.sent.at(-1)!.sms).toEqual({ text: 'Hi Eva, order A-17 is ready' });
    await sim.failoverToSms(m.providerMessageId!);
    await t.call('reports:refresh', { accountId });
    expect(await byProviderId(thread.id, m.providerMessageId!)).toMatchObject({ status: 'delivered', channel: 'SMS' });
  });

  it('left nothing in Unparsed events', async () => {
    expect(await t.call('webhooks:unparsed', {})).toEqual([]);
  });
});
