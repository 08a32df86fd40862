// A 1,000-row campaign through Infobip OMNI (its simulator), with the app dying midway while a
// message was on the wire: that message is not sent again but settled from Infobip's report,
// everyone else gets exactly one message, and the report matches what Infobip received.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Template } from '../../shared/model';
import { InfobipSimulator } from '../simulators/infobip/server';
import { campaignCsv } from './fixtures';
import { allRecipients, persistentState, startHarness, until, type Harness } from './harness';

const state = persistentState();
let sim: InfobipSimulator;
let h: Harness;
let accountId: string;
let template: Template;

beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'ib-key' });
  h = await startHarness(state);
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'ib-key' } })).id;
  template = await h.t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, order {{2}} is ready' });
});
afterAll(async () => {
  await h.close();
  await sim.close();
  state.remove();
});

const delivered = { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' as const };

it('survives a crash mid-campaign without sending anyone twice, and reports what Infobip received', async () => {
  const f = campaignCsv(1000, '\t');
  const { importId } = await h.call('broadcasts:importCsv', { csvText: f.csv });
  const { campaign } = await h.call('broadcasts:create', {
    name: 'Ready for pickup',
    accountId,
    templateId: template.id,
    recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' },
    variables: { '1': { column: 'name' }, '2': { column: 'order' } },
  });
  await h.call('broadcasts:start', { campaignId: campaign.id });
  await until(() => sim.sent.length >= 400, 30_000, '400 sends');
  await h.close();
  expect(sim.sent.length).toBeLessThan(945);

  // As if the process had died after a request left but before its answer was stored.
  const raw = new Database(join(state.dataDir, 'switchboard.db'));
  const caught = raw.prepare("SELECT message_id FROM campaign_recipients WHERE campaign_id = ? AND status = 'sent' ORDER BY row DESC LIMIT 1").pluck().get(campaign.id) as string;
  raw.prepare("UPDATE messages SET status = 'sending', provider_message_id = NULL WHERE id = ?").run(caught);
  raw.close();
  await sim.deliver(caught, delivered);

  h = await startHarness(state);
  // Until Infobip's report settles it, that recipient is in the outbox, in doubt.
  const doubt = (await allRecipients(h, campaign.id)).find((r) => r.messageId === caught)!;
  expect(doubt).toMatchObject({ status: 'queued', error: expect.stringMatching(/^In doubt/) });
  await h.t.call('reports:refresh', { accountId });
  const done = await h.waitFor(campaign.id, (c) => c.status === 'completed', 60_000);
  expect(done.totals).toMatchObject({ total: 945, pending: 0, queued: 0, failed: 0, sent: 944, delivered: 1 });

  // Reports for some: delivered, and two that WhatsApp could not deliver.
  const sent = sim.sent;
  for (const m of sent.slice(0, 10)) await sim.deliver(m.messageId, delivered);
  for (const m of sent.slice(10, 12)) await sim.deliver(m.messageId, { groupId: 2, name: 'UNDELIVERABLE_NOT_DELIVERED', channel: 'WHATSAPP', error: { name: 'EC_ABSENT_SUBSCRIBER_SM', permanent: false } });
  await h.t.call('reports:refresh', { accountId });
  const reported = await h.waitFor(campaign.id, (c) => c.totals.failed === 2);
  expect(reported.totals).toMatchObject({ delivered: sent.slice(0, 10).some((m) => m.messageId === caught) ? 10 : 11, failed: 2 });

  // Recipient for recipient.
  const final = await allRecipients(h, campaign.id);
  expect(final.map((r) => [r.row, r.phone, r.name, r.values['2']])).toEqual(f.valid.map((v) => [v.row, v.phone, v.name, v.order]));
  expect(sent).toHaveLength(945);
  expect(new Set(sent.map((m) => m.to)).size).toBe(945);
  expect(sim.requestsTo('/omni/1/advanced')).toHaveLength(945);
  const byMessage = new Map(final.map((r) => [r.messageId, r]));
  for (const m of sent) {
    const r = byMessage.get(m.messageId)!;
    expect(r, `recipient for ${m.to}`).toBeDefined();
    expect(m.to).toBe(r.phone);
    expect(m.whatsApp).toMatchObject({ templateName: 'order_ready', templateNamespace: 'whatsapp:hsm:shop', language: 'en_US', templateData: [r.values['1'], r.values['2']] });
  }
  for (const m of sent.slice(10, 12)) expect(byMessage.get(m.messageId)).toMatchObject({ status: 'failed', error: expect.stringContaining('ABSENT_SUBSCRIBER') });
  expect(byMessage.get(caught)).toMatchObject({ status: 'delivered', error: null, deliveredAt: expect.any(Number) });
}, 120_000);
