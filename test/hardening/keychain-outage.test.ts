// Keychain outage (issue 14, finding 6): when the keychain stops answering altogether (no Secret
// Service, D-Bus gone), queued messages wait with a visible reason and go out by themselves once
// it answers again — never failed permanently with "credentials were not saved anywhere".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryKeyValue } from '../../electron/services/settings';
import type { KeyringBackend } from '../../electron/services/vault';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';

const inner = memoryKeyring();
let down = false;
const outage = () => Promise.reject(new Error('Platform secure storage failure: no Secret Service'));
const flaky: KeyringBackend = {
  get: (s, k) => (down ? outage() : inner.get(s, k)),
  set: (s, k, v) => (down ? outage() : inner.set(s, k, v)),
  delete: (s, k) => (down ? outage() : inner.delete(s, k)),
};

let sim: InfobipSimulator;
let t: TestApp;
beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'k1' });
});
afterAll(async () => {
  await t?.close();
  await sim.close();
});

it('waits while the keychain does not answer and sends by itself once it does', async () => {
  const settings = memoryKeyValue();
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-keychain-outage-'));
  t = await startTestApp({ keyring: flaky, settings, dataDir });
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  const account = await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'k1' } });
  const thread = await t.call('threads:start', { accountId: account.id, phone: '+41793026727' });
  // A fresh start (nothing cached) with the keychain gone.
  await t.close();
  down = true;
  t = await startTestApp({ keyring: flaky, settings, dataDir });
  const q = await t.call('messages:sendText', { threadId: thread.id, text: 'while the keychain is gone' });
  const waiting = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts >= 1);
  expect(waiting.waitingReason).toMatch(/can't reach your system keychain right now/);
  expect(waiting.waitingReason).not.toMatch(/not saved anywhere/);
  expect(sim.sent.filter((m) => m.messageId === q.id)).toHaveLength(0);
  down = false;
  const sent = await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent', 20_000);
  expect(sent.errorPermanent ?? null).toBeNull();
  expect(sim.sent.filter((m) => m.messageId === q.id)).toHaveLength(1);
}, 40_000);
