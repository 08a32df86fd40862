// A message caught mid-send is settled from the provider's own reports where it has them:
// Infobip keeps the id Switchboard gave the message, so its report can be matched after a crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QontakSimulator } from '../simulators/qontak/server';
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

describe('Qontak Hub', () => {
  it('settles an in-doubt template send from the Hub’s own broadcast list, and leaves one Qontak never got in doubt', async () => {
    const q = await QontakSimulator.start({ password: 'pw', clientId: 'cid', clientSecret: 'cs' });
    try {
      const account = await t.call('accounts:create', { provider: 'qontak', name: 'Qontak', config: { baseUrl: q.url, username: q.username, channelIntegrationId: q.integrations[0]!.id }, secrets: { password: 'pw', clientId: 'cid', clientSecret: 'cs' } });
      const tpl = (await t.call('templates:sync', { accountId: account.id })).find((x) => x.placeholders.length === 1)!;
      const reached = await t.call('threads:start', { accountId: account.id, phone: '+628117661000', name: 'Burhan' });
      const sent = await t.send(reached.id, { kind: 'template', templateId: tpl.id, params: [{ key: '1', text: 'Burhan' }] });
      const broadcastId = q.broadcasts.at(-1)!.id;
      q.setBroadcastStatus(broadcastId, 'delivered');
      const never = await t.call('threads:start', { accountId: account.id, phone: '+628117661001', name: 'Sari' });
      const lost = await t.send(never.id, { kind: 'template', templateId: tpl.id, params: [{ key: '1', text: 'Sari' }] });
      const lostBroadcast = q.broadcasts.at(-1)!.id;
      await t.close();

      const raw = new Database(join(dataDir, 'switchboard.db'));
      raw.prepare("UPDATE messages SET status = 'sending', broadcast_id = NULL WHERE id IN (?, ?)").run(sent.id, lost.id);
      raw.close();
      // As if the second request had died before reaching the Hub.
      (q as unknown as { state: { broadcasts: Map<string, unknown> } }).state.broadcasts.delete(lostBroadcast);

      t = await startTestApp({ keyring, settings, dataDir });
      await t.call('reports:refresh', { accountId: account.id });
      const [a] = (await t.call('threads:messages', { threadId: reached.id })).slice(-1);
      expect(a).toMatchObject({ id: sent.id, status: 'delivered' });
      const [b] = (await t.call('threads:messages', { threadId: never.id })).slice(-1);
      expect(b).toMatchObject({ id: lost.id, status: 'in_doubt' });
      expect(q.broadcasts.filter((b) => b.request.to_number === '628117661000')).toHaveLength(1);
    } finally {
      await q.close();
    }
  });
});
