// When the keychain stops answering for an account whose secrets it holds, messages wait (and say
// why) instead of failing one after another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryKeyValue } from '../../electron/services/settings';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';

let sim: BotApiSimulator;
let t: TestApp;
const keyring = memoryKeyring();
const settings = memoryKeyValue();
const dataDir = mkdtempSync(join(tmpdir(), 'sb-keychain-'));

beforeAll(async () => {
  sim = await BotApiSimulator.start();
  t = await startTestApp({ keyring, settings, dataDir });
});
afterAll(async () => {
  await t.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps messages waiting while the account’s credentials cannot be read, and sends them once they can', async () => {
  const seeded = sim.addInstance({ connected: true });
  const account = await t.call('accounts:create', {
    provider: 'bot-api',
    name: 'Shop',
    config: { baseUrl: sim.url, sessionId: seeded.sessionId },
    secrets: { bearerToken: sim.bearerToken, accessToken: seeded.accessToken },
  });
  const thread = await t.call('threads:start', { accountId: account.id, phone: '+2348031112222' });
  // A fresh start with a keychain that answers "nothing here" for this account.
  await t.close();
  const saved = new Map(keyring.items);
  keyring.items.clear();
  t = await startTestApp({ keyring, settings, dataDir });
  const q = await t.call('messages:sendText', { threadId: thread.id, text: 'while locked' });
  const waiting = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
  expect(waiting.waitingReason).toMatch(/can't read this account's credentials from your keychain/);
  expect(sim.requestsTo('/whatsapp/message')).toHaveLength(0);
  for (const [k, v] of saved) keyring.items.set(k, v);
  await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent', 15_000);
}, 30_000);
