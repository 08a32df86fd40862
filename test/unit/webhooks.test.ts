// The webhook listener and the path from a provider event to the inbox, through the app's own
// services and the bot API simulator.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { startTestApp, type TestApp } from '../helpers/app';

let sim: BotApiSimulator;
let t: TestApp;
let accountId: string;
let hookUrl: string;
let sessionId: string;

const rawCount = () => (t.app.db.prepare('SELECT count(*) n FROM raw_events').get() as { n: number }).n;
const post = (url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  request(url, { method: 'POST', body, headers }).then(async (r) => ({ status: r.statusCode, body: await r.body.text() }));

beforeAll(async () => {
  sim = await BotApiSimulator.start();
  t = await startTestApp();
  const account = await t.call('accounts:create', { provider: 'bot-api', name: 'Shop', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } });
  accountId = account.id;
  const inst = await t.call('instances:create', { accountId });
  sessionId = inst.sessionId;
  sim.scan(sessionId, '2348000000001', 'Shop phone');
  expect(await t.call('instances:qr', { id: inst.id })).toMatchObject({ kind: 'connected', phone: '2348000000001', displayName: 'Shop phone' });
  const status = await t.call('webhooks:status', {});
  hookUrl = status.registrations.find((r) => r.accountId === accountId)!.url;
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('webhook registration', () => {
  it('gives each account its own secret URL on 127.0.0.1 and registers it with the instance', async () => {
    expect(hookUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/hooks/${accountId}/[A-Za-z0-9_-]{32}$`));
    expect(sim.instance(sessionId)!.webhookUrl).toBe(hookUrl);
    const status = await t.call('webhooks:status', {});
    expect(status.registrations[0]).toMatchObject({ state: 'registered' });
    expect(sim.requestsTo('/whatsapp/setWebhook').at(-1)!.json).toMatchObject({ webhook_url: hookUrl, session_id: sessionId });
  });

  it('shows a failed registration with the reason', async () => {
    sim.failNext(1, { status: 500, body: { status: false, message: 'database down' } }, '/whatsapp/setWebhook');
    const r = await t.router.dispatch('webhooks:register', { accountId });
    expect(r.ok).toBe(false);
    const status = await t.call('webhooks:status', {});
    expect(status.registrations[0]).toMatchObject({ state: 'failed', detail: expect.stringMatching(/had a problem/) });
    await t.call('webhooks:register', { accountId });
    expect((await t.call('webhooks:status', {})).registrations[0]!.state).toBe('registered');
  });
});

describe('customer messages become threads', () => {
  it('turns a customer message into a contact, a thread and a message, live', async () => {
    const changed = t.waitFor('threads:changed', (th) => th.lastMessage === 'Do you deliver to Lekki?');
    expect(await sim.sendCustomerMessage({ sessionId, from: '2348011112222', text: 'Do you deliver to Lekki?', pushName: 'Chidi', id: 'MSG-1' })).toBe(200);
    const thread = await changed;
    expect(thread).toMatchObject({ title: 'Chidi', phone: '2348011112222', isGroup: false, unread: 1 });
    const msgs = await t.call('threads:messages', { threadId: thread.id });
    expect(msgs).toMatchObject([{ direction: 'in', text: 'Do you deliver to Lekki?', providerMessageId: 'MSG-1', status: 'received' }]);
  });

  it('stores a repeated event once', async () => {
    const before = (await t.call('threads:list', {}))[0]!;
    expect(await sim.sendCustomerMessage({ sessionId, from: '2348011112222', text: 'Do you deliver to Lekki?', pushName: 'Chidi', id: 'MSG-1' })).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(await t.call('threads:messages', { threadId: before.id })).toHaveLength(1);
    expect((await t.call('threads:list', {}))[0]!.unread).toBe(1);
  });

  it('marks group threads and names who wrote', async () => {
    const changed = t.waitFor('messages:changed', (m) => m.text === 'Who is bringing the cake?');
    await sim.sendCustomerMessage({ sessionId, from: '2348033334444', groupId: '120363041234567890', text: 'Who is bringing the cake?', pushName: 'Bisi' });
    const m = await changed;
    expect(m.author).toBe('Bisi');
    const thread = (await t.call('threads:list', {})).find((th) => th.id === m.threadId)!;
    expect(thread).toMatchObject({ isGroup: true, peerId: '120363041234567890@g.us' });
  });

  it('replies with text through the instance, and the message ends up sent', async () => {
    const thread = (await t.call('threads:list', { search: 'Chidi' }))[0]!;
    const statuses: string[] = [];
    t.app.bus.subscribe((e, p) => e === 'messages:changed' && (p as { text: string }).text === 'Yes, same day!' && statuses.push((p as { status: string }).status));
    const queued = await t.call('messages:sendText', { threadId: thread.id, text: 'Yes, same day!' });
    expect(queued).toMatchObject({ direction: 'out', status: 'queued', text: 'Yes, same day!' });
    const sent = await t.waitFor('messages:changed', (m) => m.id === queued.id && m.status === 'sent');
    expect(sent.text).toBe('Yes, same day!');
    expect(statuses).toEqual(['queued', 'sending', 'sent']);
    const inst = sim.instance(sessionId)!;
    expect(sim.requestsTo('/whatsapp/message').at(-1)!.json).toEqual({ session_id: sessionId, access_token: inst.accessToken, chatId: '2348011112222', message: 'Yes, same day!' });
  });

  it('keeps a failed reply with its reason', async () => {
    const thread = (await t.call('threads:list', { search: 'Chidi' }))[0]!;
    sim.failNext(1, { status: 400, body: { status: false, message: 'Instance is not connected' } }, '/whatsapp/message');
    const queued = await t.call('messages:sendText', { threadId: thread.id, text: 'Are you there?' });
    const m = await t.waitFor('messages:changed', (x) => x.id === queued.id && x.status === 'failed');
    expect(m).toMatchObject({ status: 'failed', error: expect.stringContaining('Instance is not connected'), errorPermanent: true });
    expect((await t.call('threads:messages', { threadId: thread.id })).map((x) => x.text)).toContain('Are you there?');
  });
});

describe('the listener refuses what it should', () => {
  it('answers a wrong secret with 404 and stores nothing', async () => {
    const before = rawCount();
    const wrong = hookUrl.replace(/\/[^/]+$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await post(wrong, '{"event":"onMessage"}')).status).toBe(404);
    expect((await post(hookUrl.replace(accountId, 'nobody'), '{}')).status).toBe(404);
    expect((await post(hookUrl.replace('/hooks/', '/other/'), '{}')).status).toBe(404);
    expect(rawCount()).toBe(before);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = rawCount();
    expect(await post(hookUrl, '{"event": "onMessage", "data": {')).toMatchObject({ status: 400, body: expect.stringContaining('JSON') });
    expect(rawCount()).toBe(before);
  });

  it('refuses an oversized body with 413', async () => {
    const before = rawCount();
    const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
    expect((await post(hookUrl, big).catch(() => ({ status: 413 }))).status).toBe(413);
    expect(rawCount()).toBe(before);
  });

  it('only takes POST', async () => {
    const r = await request(hookUrl, { method: 'GET' });
    await r.body.text();
    expect(r.statusCode).toBe(405);
  });

  it('stores the raw event before answering 2xx, even when no parser understands it', async () => {
    const before = rawCount();
    expect((await post(hookUrl, JSON.stringify({ something: 'new' }))).status).toBe(200);
    expect(rawCount()).toBe(before + 1);
    const row = t.app.db.prepare('SELECT body, parse_error FROM raw_events ORDER BY id DESC LIMIT 1').get() as { body: string; parse_error: string | null };
    expect(JSON.parse(row.body)).toEqual({ something: 'new' });
    await new Promise((r) => setTimeout(r, 20));
    expect((t.app.db.prepare('SELECT parse_error FROM raw_events ORDER BY id DESC LIMIT 1').get() as { parse_error: string }).parse_error).toMatch(/Not a bot API/);
  });
});
