// Omnichat's webhook shapes (omnichat-id.md "Webhook Sample", and the "Message Callback" body as a
// forwarding setup relays it) through the app's real listener into the inbox; a re-delivered
// Webhook Sample, which carries no id, shows once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Thread } from '../../shared/model';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let sim: OmnichatSimulator;
let accountId: string;
const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';

beforeAll(async () => {
  t = await startTestApp();
  sim = await OmnichatSimulator.start({ apiKey: 'om-key', devices: [{ deviceKey: DEVICE }] });
  accountId = (await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: sim.url, deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } })).id;
  sim.setDeviceWebhook(DEVICE, (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url);
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
const threadTitled = (title: string): Promise<Thread> => found(async () => (await t.call('threads:list', {})).find((th) => th.title === title));
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

describe('Omnichat webhooks through the listener', () => {
  it('shows a Webhook Sample (no id) once, however often it is delivered', async () => {
    expect(await sim.sendCustomerMessage({ deviceKey: DEVICE, name: 'Bhisma Kalijaga', message: 'Halo' })).toBe(200);
    const th = await threadTitled('Bhisma Kalijaga');
    await found(async () => (await t.call('threads:messages', { threadId: th.id })).find((m) => m.text === 'Halo'));
    expect(await sim.redeliverLast()).toBe(200);
    expect(await sim.redeliverLast()).toBe(200);
    await settle();
    const msgs = await t.call('threads:messages', { threadId: th.id });
    expect(msgs.filter((m) => m.text === 'Halo')).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ direction: 'in', kind: 'text', author: null, providerMessageId: expect.stringMatching(/^sample:/) });
    expect(th).toMatchObject({ isGroup: false, replyable: false });
  });

  it('puts a group Webhook Sample in the device’s group thread with the writer as author', async () => {
    await sim.sendCustomerMessage({ deviceKey: DEVICE, name: 'Sari', message: 'Rapat jam 3', type: 'group' });
    const th = await found(async () => (await t.call('threads:list', {})).find((x) => x.isGroup));
    const [m] = await found(async () => {
      const list = await t.call('threads:messages', { threadId: th.id });
      return list.length ? list : undefined;
    });
    expect(m).toMatchObject({ text: 'Rapat jam 3', author: 'Sari' });
  });

  it('reads the Message Callback body, relayed, as a replyable person message; its re-delivery shows once', async () => {
    await sim.sendCallbackMessage({ deviceKey: DEVICE, from: '6281290641111', fromName: 'Budi', message: 'Ada stok?', messageId: '18DD98462C8AA16C5A598C3DEBA0879B' });
    const th = await found(async () => (await t.call('threads:list', {})).find((x) => x.peerId === '6281290641111'));
    expect(th).toMatchObject({ isGroup: false, replyable: true, title: 'Budi' });
    await sim.redeliverLast();
    await settle();
    const msgs = await t.call('threads:messages', { threadId: th.id });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ providerMessageId: '18DD98462C8AA16C5A598C3DEBA0879B', text: 'Ada stok?' });
  });

  it('left nothing in Unparsed events', async () => {
    expect(await t.call('webhooks:unparsed', {})).toEqual([]);
  });
});
