// A message caught mid-send is settled from the provider's own reports where it has them:
// Infobip keeps the id Switchboard gave the message, so its report can be matched after a crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryKeyValue } from '../../electron/services/settings';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';

let sim: InfobipSimulator;
let t: TestApp;
const keyring = memoryKeyring();
const settings = memoryKeyValue();
const dataDir = mkdtempSync(join(tmpdir(), 'sb-reconcile-'));

beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'k1' });
  t = await startTestApp({ keyring, settings, dataDir });
});
afterAll(async () => {
  await t.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('settles an in-doubt Infobip message from its delivery report, without sending it again', async () => {
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  const account = await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'k1' } });
  const thread = await t.call('threads:start', { accountId: account.id, phone: '+41793026727' });
  const sent = await t.send(thread.id, { kind: 'text', text: 'Your parcel is on its way' });
  // Infobip kept our id as its messageId.
  expect(sim.sent.at(-1)!.messageId).toBe(sent.id);
  await t.close();

  // As if the process had died after the request left but before the answer was stored.
  const raw = new Database(join(dataDir, 'switchboard.db'));
  raw.prepare("UPDATE messages SET status = 'sending', provider_message_id = NULL WHERE id = ?").run(sent.id);
  raw.close();
  await sim.deliver(sent.id, { groupId: 3, groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });

  t = await startTestApp({ keyring, settings, dataDir });
  expect((await t.call('threads:messages', { threadId: thread.id })).at(-1)!.status).toBe('in_doubt');
  await t.call('reports:refresh', { accountId: account.id });
  const settled = (await t.call('threads:messages', { threadId: thread.id })).at(-1)!;
  expect(settled).toMatchObject({ status: 'delivered', providerMessageId: sent.id, channel: 'WHATSAPP' });
  expect(sim.sent.filter((m) => m.messageId === sent.id)).toHaveLength(1);
});
