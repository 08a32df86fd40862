// Issue 12, the service side of what a newcomer tripped over: the QR countdown that restarted on
// every poll, the account dot that stayed green, the auto-reply test that made a fake
// conversation from an untransformed local number, and same-second threads listed oldest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/model';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.settings.set('defaultCountry', 'ID');
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const account = async (id: string): Promise<Account> => (await t.call('accounts:list', {})).find((a) => a.id === id)!;

describe('a bot API account: QR countdown and status dot', () => {
  let sim: BotApiSimulator;
  let accountId: string;
  let instanceId: string;
  let sessionId: string;
  beforeAll(async () => {
    sim = await BotApiSimulator.start({ qrTtlMs: 60_000 });
    accountId = (await t.call('accounts:create', { provider: 'bot-api', name: 'Lagos', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } })).id;
    const inst = await t.call('instances:create', { accountId });
    instanceId = inst.id;
    sessionId = inst.sessionId;
  });
  afterAll(() => sim.close());

  it('gives the same code the same expiry on every poll, so the countdown counts down', async () => {
    const first = await t.call('instances:qr', { id: instanceId });
    await sleep(1100);
    const again = await t.call('instances:qr', { id: instanceId });
    expect(first.kind).toBe('qr');
    expect(again).toMatchObject({ kind: 'qr', dataUrl: (first as { dataUrl: string }).dataUrl });
    expect((again as { expiresAt: number }).expiresAt).toBe((first as { expiresAt: number }).expiresAt);
    expect((again as { expiresAt: number }).expiresAt - Date.now()).toBeLessThan(59_000);
  });

  it('shows needs QR until the phone is linked, then connected', async () => {
    expect((await account(accountId)).status).toBe('needs_qr');
    sim.scan(sessionId, '2348000000001', 'Shop phone');
    await t.call('instances:qr', { id: instanceId });
    expect((await account(accountId)).status).toBe('connected');
  });

  it('turns unreachable when an instance check cannot reach the gateway, and back when it can', async () => {
    sim.failNext(1, { status: 502, body: 'Bad Gateway' }, '/whatsapp/instance');
    await expect(t.call('instances:refresh', { id: instanceId })).rejects.toThrow();
    expect((await account(accountId)).status).toBe('unreachable');
    await t.call('instances:refresh', { id: instanceId });
    expect((await account(accountId)).status).toBe('connected');
  });

  it('turns credentials rejected when a send is refused for its token, and connected after a send goes out', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+2348011112222' });
    sim.failNext(1, { status: 403, body: { status: false, message: 'Invalid access token' } }, '/whatsapp/message');
    expect((await t.send(thread.id, { kind: 'text', text: 'first' })).status).toBe('failed');
    expect((await account(accountId)).status).toBe('credentials_rejected');
    expect((await t.send(thread.id, { kind: 'text', text: 'second' })).status).toBe('sent');
    expect((await account(accountId)).status).toBe('connected');
  });

  it('a webhook arriving clears "unreachable": the gateway is there', async () => {
    sim.failNext(1, { status: 502, body: 'Bad Gateway' }, '/whatsapp/instance');
    await expect(t.call('instances:refresh', { id: instanceId })).rejects.toThrow();
    expect((await account(accountId)).status).toBe('unreachable');
    await expect.poll(() => sim.instance(sessionId)!.webhookUrl).toMatch(/\/hooks\//);
    expect(await sim.sendCustomerMessage({ sessionId, from: '2348011113333', pushName: 'Ada', text: 'Hello' })).toBe(200);
    await expect.poll(async () => (await account(accountId)).status).toBe('connected');
  });
});

describe('the Omnichat auto-reply test', () => {
  const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';
  let sim: OmnichatSimulator;
  let accountId: string;
  beforeAll(async () => {
    sim = await OmnichatSimulator.start({ apiKey: 'om-key', devices: [{ deviceKey: DEVICE, autoReply: 'Thanks, we reply soon' }] });
    accountId = (await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: sim.url, deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } })).id;
    sim.setDeviceWebhook(DEVICE, (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url);
  });
  afterAll(() => sim.close());

  it('reads a local number in the default country and makes no conversation of the test message', async () => {
    const reply = await t.call('autoReply:test', { accountId, from: '081290641111', fromName: 'Tester', message: 'Halo, buka?' });
    expect(reply).toMatchObject({ reply: 'Thanks, we reply soon', receiver: '6281290641111' });
    expect(sim.requestsTo(`/api-app/whatsapp/callback/device_${DEVICE}`).at(-1)!.json).toMatchObject({ from: '6281290641111@s.whatsapp.net' });
    await expect.poll(() => sim.webhookDeliveries.length).toBeGreaterThan(0);
    await sleep(150);
    expect((await t.call('threads:list', {})).filter((th) => th.accountId === accountId)).toEqual([]);
  });

  it('refuses a number that is not one, in words', async () => {
    await expect(t.call('autoReply:test', { accountId, from: '0000000', fromName: 'Tester', message: 'Halo' })).rejects.toThrow(/not a valid phone number/);
  });
});

describe('threads that arrive in the same second', () => {
  it('are listed newest arrival first', async () => {
    const OURS = '6281100000001';
    const sim = await MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'acme-user', wpNums: [OURS] });
    try {
      const accountId = (await t.call('accounts:create', { provider: 'mconnect', name: 'mconnect', config: { endpointUrl: sim.endpointUrl, wpNum: OURS, company: 'acme' }, secrets: { username: 'acme-user' } })).id;
      await t.call('webhooks:register', { accountId });
      // Start just after a second begins, so all five arrive within the second they are stamped with.
      while (Date.now() % 1000 > 100) await sleep(5);
      const time = Math.floor(Date.now() / 1000);
      const customers = ['6281200000001', '6281200000002', '6281200000003', '6281200000004', '6281200000005'];
      for (const [i, from] of customers.entries()) {
        expect(await sim.sendCustomerMessage({ from, text: `hello ${i}`, senderName: `Customer ${i}`, messageId: `3EB0SAMESECOND${i}`, time })).toBe(200);
        await expect.poll(async () => (await t.call('threads:page', { accountId })).threads.length).toBe(i + 1);
      }
      const page = await t.call('threads:page', { accountId });
      expect(page.threads.map((th) => th.peerId)).toEqual([...customers].reverse());
    } finally {
      await sim.close();
    }
  });
});
