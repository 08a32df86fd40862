// The outbox against a misbehaving provider: 503s and 429s with Retry-After (retried), 500s,
// timeouts and resets after sending (in doubt, never re-sent), 200-with-failure bodies; offline
// (connection refused) and back; restart with queued and in-flight messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpDefaults } from '../../electron/services/providers/http';
import { memoryKeyValue } from '../../electron/services/settings';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { botApiConversation } from '../helpers/bot-api-account';
import { memoryKeyring } from '../helpers/keyring';

let sim: BotApiSimulator;
let t: TestApp;
let threadId: string;
const keyring = memoryKeyring();
const settings = memoryKeyValue();
const dataDir = mkdtempSync(join(tmpdir(), 'sb-outbox-'));

async function boot(): Promise<TestApp> {
  return startTestApp({ keyring, settings, dataDir });
}

beforeAll(async () => {
  sim = await BotApiSimulator.start();
  t = await boot();
  ({ threadId } = await botApiConversation(t, sim));
});
afterEach(() => {
  httpDefaults.timeoutMs = 15_000;
});
afterAll(async () => {
  await t.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A TCP forwarder that can stop listening (connections refused) and listen again on its port. */
async function forwarder(target: string): Promise<{ url: string; pause(): Promise<void>; resume(): Promise<void>; close(): Promise<void> }> {
  const up = new URL(target);
  const sockets = new Set<Socket>();
  const make = () =>
    createServer((inbound) => {
      const out = connect(Number(up.port), up.hostname);
      sockets.add(inbound).add(out);
      inbound.pipe(out).pipe(inbound);
      const end = () => (inbound.destroy(), out.destroy());
      inbound.on('error', end).on('close', end);
      out.on('error', end).on('close', end);
    });
  let server = make();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const stop = () => new Promise<void>((r) => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    server.close(() => r());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pause: stop,
    resume: async () => {
      server = make();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    close: stop,
  };
}

const sentTexts = () => sim.requestsTo('/whatsapp/message').map((r) => (r.json as { message: string }).message);
const ok = { status: 200, body: { status: true, message: 'Message sent successfully', data: { message: {} } } };

describe('persist before network', () => {
  it('stores the message as queued, with what to send, before any request leaves', async () => {
    sim.failNext(1, { ...ok, delayMs: 300 }, '/whatsapp/message');
    const queued = await t.call('messages:sendText', { threadId, text: 'stored first' });
    expect(queued.status).toBe('queued');
    const row = t.app.db.prepare('SELECT status, payload FROM messages WHERE id = ?').get(queued.id) as { status: string; payload: string };
    expect(JSON.parse(row.payload)).toEqual({ kind: 'text', text: 'stored first' });
    await t.waitFor('messages:changed', (m) => m.id === queued.id && m.status === 'sent');
  });
});

describe('retries that respect the provider', () => {
  it('retries a 503 (not taken) and sends once the provider recovers', async () => {
    sim.failNext(1, { status: 503, body: { status: false, message: 'maintenance' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'after a 503' });
    const waiting = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    expect(waiting.waitingReason).toMatch(/had a problem \(HTTP 503\)/);
    expect(waiting.nextAttemptAt! - Date.now()).toBeGreaterThan(500);
    const sent = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent', 10_000);
    expect(sent.attempts).toBe(2);
    expect(sentTexts().filter((x) => x === 'after a 503')).toHaveLength(2);
  });

  it('does not send again after a 500: the provider may have acted on it, so the message is in doubt', async () => {
    sim.failNext(1, { status: 500, body: { status: false, message: 'database down' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'after a 500' });
    const doubt = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'in_doubt');
    expect(doubt.error).toMatch(/Not known whether this message was sent.*HTTP 500/);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(sentTexts().filter((x) => x === 'after a 500')).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    sim.failNext(1, { status: 429, body: { status: false, message: 'slow down' }, headers: { 'retry-after': '3' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'rate limited' });
    const waiting = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    expect(waiting.nextAttemptAt! - Date.now()).toBeGreaterThan(2_000);
    expect(waiting.waitingReason).toMatch(/limiting how fast/);
  });

  it('leaves a message in doubt, never re-sent, after a reset or a timeout once the request was sent', async () => {
    sim.failNext(1, { status: 200, destroy: true }, '/whatsapp/message');
    const a = await t.call('messages:sendText', { threadId, text: 'after a reset' });
    await t.waitFor('messages:changed', (m) => m.id === a.id && m.status === 'in_doubt', 10_000);

    httpDefaults.timeoutMs = 800;
    sim.failNext(1, { ...ok, delayMs: 3_000 }, '/whatsapp/message');
    const b = await t.call('messages:sendText', { threadId, text: 'after a timeout' });
    const doubt = await t.waitFor('messages:changed', (m) => m.id === b.id && m.status === 'in_doubt');
    expect(doubt).toMatchObject({ attempts: 1, error: expect.stringMatching(/Couldn't reach/) });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sentTexts().filter((x) => x === 'after a reset')).toHaveLength(1);
    expect(sentTexts().filter((x) => x === 'after a timeout')).toHaveLength(1);
    // The operator settles them: one did arrive, the other is sent again by hand.
    expect(await t.call('messages:settle', { id: a.id, outcome: 'markSent' })).toMatchObject({ status: 'sent' });
    await t.call('messages:retry', { id: b.id });
    await t.waitFor('messages:changed', (m) => m.id === b.id && m.status === 'sent', 10_000);
  }, 20_000);

  it('does not retry a 200 that says it failed, and shows the provider’s reason', async () => {
    sim.failNext(1, { status: 200, body: { status: false, message: 'Number is not on WhatsApp' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'to nobody' });
    const failed = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'failed');
    expect(failed).toMatchObject({ errorPermanent: true, error: expect.stringContaining('Number is not on WhatsApp'), attempts: 1 });
    expect(sentTexts().filter((x) => x === 'to nobody')).toHaveLength(1);
  });

  it('does not retry a 4xx rejection; the operator can retry it by hand', async () => {
    sim.failNext(1, { status: 400, body: { status: false, message: 'Invalid chatId' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'retry me' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'failed');
    await t.call('messages:retry', { id: q.id });
    const sent = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent');
    expect(sent.error).toBeNull();
  });

  it('lets the operator cancel a message still waiting, and lists what is unsettled', async () => {
    sim.failNext(1, { status: 503 }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'cancel me' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    expect((await t.call('outbox:list', {})).map((m) => m.id)).toContain(q.id);
    const cancelled = await t.call('messages:cancel', { id: q.id });
    // Cancelled is its own state: not a failure, off the Outbox, never sent again.
    expect(cancelled).toMatchObject({ status: 'cancelled', error: 'Cancelled by you before it was sent.' });
    expect((await t.call('outbox:list', {})).map((m) => m.id)).not.toContain(q.id);
    expect(await t.router.dispatch('messages:retry', { id: q.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(sentTexts().filter((x) => x === 'cancel me')).toHaveLength(1);
    const r = await t.router.dispatch('messages:cancel', { id: q.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('offline and restart', () => {
  it('keeps messages queued, visibly, while the provider is unreachable, and sends them when it returns', async () => {
    // A gateway address that refuses connections (nothing listens), then comes back on the same port.
    const gateway = await forwarder(sim.url);
    const seeded = sim.addInstance({ connected: true, phone: '2348000000002' });
    const account = await t.call('accounts:create', {
      provider: 'bot-api',
      name: 'Flaky line',
      config: { baseUrl: gateway.url, sessionId: seeded.sessionId },
      secrets: { bearerToken: sim.bearerToken, accessToken: seeded.accessToken },
    });
    const flakyThread = (await t.call('threads:start', { accountId: account.id, phone: '+2348031113333' })).id;
    await gateway.pause();
    const q = await t.call('messages:sendText', { threadId: flakyThread, text: 'while offline' });
    const waiting = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    expect(waiting.waitingReason).toMatch(/Couldn't reach/);
    await gateway.resume();
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent', 20_000);
    expect(sentTexts().filter((x) => x === 'while offline')).toHaveLength(1);
    await gateway.close();
  }, 30_000);

  it('resumes queued messages after a restart, and marks an interrupted send in doubt instead of re-sending it', async () => {
    // Stop with one message waiting for a retry, and one caught mid-send.
    sim.failNext(1, { status: 503 }, '/whatsapp/message');
    const waiting = await t.call('messages:sendText', { threadId, text: 'survives a restart' });
    await t.waitFor('messages:changed', (m) => m.id === waiting.id && m.attempts === 1 && m.status === 'queued');
    const interrupted = await t.call('messages:sendText', { threadId, text: 'caught mid-send' });
    await t.waitFor('messages:changed', (m) => m.id === interrupted.id && m.status === 'sent');
    const before = sentTexts().filter((x) => x === 'caught mid-send').length;
    await t.close();
    const db = (await import('better-sqlite3')).default;
    const raw = new db(join(dataDir, 'switchboard.db'));
    raw.prepare("UPDATE messages SET status = 'sending' WHERE id = ?").run(interrupted.id);
    raw.prepare('UPDATE messages SET next_attempt_at = 0 WHERE id = ?').run(waiting.id);
    raw.close();

    t = await boot();
    const resumed = await t.waitFor('messages:changed', (m) => m.id === waiting.id && m.status === 'sent', 10_000);
    expect(resumed.text).toBe('survives a restart');
    const doubt = (await t.call('threads:messages', { threadId })).find((m) => m.id === interrupted.id)!;
    expect(doubt.status).toBe('in_doubt');
    expect(sentTexts().filter((x) => x === 'caught mid-send')).toHaveLength(before);
    // The bot API has no reports, so the operator settles it.
    expect(await t.call('messages:settle', { id: interrupted.id, outcome: 'markSent' })).toMatchObject({ status: 'sent' });
  });
});
