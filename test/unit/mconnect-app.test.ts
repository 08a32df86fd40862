// Every mconnect webhook shape in reference/mconnect.md, posted by the simulator through the app's
// real listener into the inbox (§2's four flat shapes, §3's engine event), and the group reply
// that goes back the way the proxy code reads it (§1a).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, Thread } from '../../shared/model';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let sim: MconnectSimulator;
let accountId: string;
const OURS = '6281100000001';
const CUSTOMER = '6281234567890';
const GROUP = '6582986675-1502710128';

beforeAll(async () => {
  t = await startTestApp();
  sim = await MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'acme-user', wpNums: [OURS] });
  accountId = (await t.call('accounts:create', { provider: 'mconnect', name: 'mconnect', config: { endpointUrl: sim.endpointUrl, wpNum: OURS, company: 'acme' }, secrets: { username: 'acme-user' } })).id;
  await t.call('webhooks:register', { accountId });
});
afterAll(async () => {
  await sim.close();
  await t.close();
});

const found = <T>(find: () => Promise<T | undefined>): Promise<T> =>
  vi.waitFor(async () => {
    const v = await find();
    if (v === undefined) throw new Error('not there yet');
    return v;
  });
const thread = (peerId: string): Promise<Thread> => found(async () => (await t.call('threads:list', {})).find((th) => th.peerId === peerId));
const messages = (threadId: string): Promise<Message[]> => t.call('threads:messages', { threadId });
const byId = (threadId: string, id: string): Promise<Message> => found(async () => (await messages(threadId)).find((m) => m.providerMessageId === id));

describe('customer messages through the listener', () => {
  it('§2 person text and person image land in the customer’s thread', async () => {
    expect(await sim.sendCustomerMessage({ from: CUSTOMER, text: 'Is the shop open?', senderName: 'Selva', messageId: '3EB0D0E65F495E0160A7' })).toBe(200);
    await sim.sendCustomerMessage({ from: CUSTOMER, image: 'https://omni.example/api/v1.0/whatsapp_image/1600317556.jpeg', senderName: 'Selva', messageId: '3EB04034AE9CE5351B2C' });
    const th = await thread(CUSTOMER);
    expect(th).toMatchObject({ isGroup: false, title: 'Selva' });
    expect(await byId(th.id, `false_${CUSTOMER}@c.us_3EB0D0E65F495E0160A7`)).toMatchObject({ direction: 'in', kind: 'text', text: 'Is the shop open?', author: null });
    expect(await byId(th.id, `false_${CUSTOMER}@c.us_3EB04034AE9CE5351B2C`)).toMatchObject({ kind: 'image', media: { kind: 'image', url: 'https://omni.example/api/v1.0/whatsapp_image/1600317556.jpeg' } });
  });

  it('§2 group text and group image land in one group thread with the author', async () => {
    await sim.sendCustomerMessage({ from: CUSTOMER, text: 'test', senderName: 'Jhones', messageId: '3EB0969F12AE3D646791', group: { id: GROUP, name: 'Shop regulars', icon: 'https://pps.example/g.jpg' } });
    await sim.sendCustomerMessage({ from: CUSTOMER, image: 'https://example.com/1600317960.jpeg', senderName: 'Jhones', messageId: '3EB09634CFD25A533924', group: { id: GROUP, name: 'Shop regulars' } });
    const th = await thread(GROUP);
    expect(th).toMatchObject({ isGroup: true, title: 'Shop regulars' });
    expect(await byId(th.id, `false_${GROUP}@g.us_3EB0969F12AE3D646791`)).toMatchObject({ kind: 'text', text: 'test', author: 'Jhones' });
    expect(await byId(th.id, `false_${GROUP}@g.us_3EB09634CFD25A533924`)).toMatchObject({ kind: 'image', author: 'Jhones', media: { url: 'https://example.com/1600317960.jpeg' } });
  });

  it('§3 the engine’s onMessage event (no top-level from) lands in the same person thread, and the same message in both shapes is stored once', async () => {
    await sim.sendEngineEvent({ from: CUSTOMER, text: 'Via the engine', senderName: 'Selva', messageId: '3EB07C93ACEC0F6A3852' });
    const th = await thread(CUSTOMER);
    const id = `false_${CUSTOMER}@c.us_3EB07C93ACEC0F6A3852`;
    expect(await byId(th.id, id)).toMatchObject({ direction: 'in', kind: 'text', text: 'Via the engine' });
    await sim.sendCustomerMessage({ from: CUSTOMER, text: 'Via the engine', senderName: 'Selva', messageId: '3EB07C93ACEC0F6A3852' });
    await sim.sendEngineEvent({ from: CUSTOMER, text: 'Via the engine', senderName: 'Selva', messageId: '3EB07C93ACEC0F6A3852' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await messages(th.id)).filter((m) => m.providerMessageId === id)).toHaveLength(1);
    expect((await t.call('threads:list', {})).filter((x) => x.peerId === CUSTOMER)).toHaveLength(1);
  });

  it('left nothing in Unparsed events', async () => {
    expect(await t.call('webhooks:unparsed', {})).toEqual([]);
  });
});

describe('replies', () => {
  it('replies into the group with the group id in to, our number in from, is_group "1" (§1a)', async () => {
    const th = await thread(GROUP);
    const m = await t.send(th.id, { kind: 'text', text: 'Siap!' });
    expect(m).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(new RegExp(`^true_${GROUP}@g\\.us_`)) });
    expect((sim.requests.at(-1)!.json as { element_data: Record<string, string> }).element_data).toEqual({ action: 'sendWhatsappText', from: OURS, to: GROUP, message: 'Siap!', is_group: '1', company: 'acme', username: 'acme-user' });
    expect(sim.sent.at(-1)).toMatchObject({ from: OURS, to: GROUP, isGroup: true });
  });

  it('sends a message with a " in it instead of failing it as "check the number and credentials"', async () => {
    const th = await thread(CUSTOMER);
    const m = await t.send(th.id, { kind: 'text', text: 'Size "L" is back' });
    expect(m).toMatchObject({ status: 'sent', error: null });
    expect(sim.sent.at(-1)!.message).toBe('Size “L” is back');
  });
});
