// A 1,000-row campaign through Qontak Hub (its simulator), stopped and restarted midway: every
// admitted recipient gets exactly one broadcast, and the report says, recipient for recipient,
// what Qontak received and what became of it.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Template } from '../../shared/model';
import { QontakSimulator } from '../simulators/qontak/server';
import { campaignCsv } from './fixtures';
import { allRecipients, peakPublishRate, persistentState, startHarness, until, type Harness } from './harness';

const state = persistentState();
const DIRECT = '/api/open/v1/broadcasts/whatsapp/direct';
let sim: QontakSimulator;
let h: Harness;
let accountId: string;
let template: Template;

beforeAll(async () => {
  sim = await QontakSimulator.start({ password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' });
  h = await startHarness(state);
  accountId = (
    await h.t.call('accounts:create', {
      provider: 'qontak',
      name: 'Toko Qontak',
      config: { baseUrl: sim.url, username: sim.username },
      secrets: { password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' },
    })
  ).id;
  const { lines } = await h.t.call('lines:list', { accountId });
  await h.t.call('lines:select', { accountId, lineId: lines[0]!.id });
  template = (await h.t.call('templates:sync', { accountId })).find((t) => t.name === 'order_shipped')!;
});
afterAll(async () => {
  await h.close();
  await sim.close();
  state.remove();
});

it('sends to every admitted row once across a restart, retries the failed, and reports what Qontak received', async () => {
  const f = campaignCsv(1000, ';');
  const { importId, delimiter } = await h.call('broadcasts:importCsv', { csvText: f.csv });
  expect(delimiter).toBe(';');
  const { campaign } = await h.call('broadcasts:create', {
    name: 'Shipping June',
    accountId,
    templateId: template.id,
    recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' },
    variables: { '1': { column: 'name' }, '2': { column: 'order' }, '3': { text: 'https://shop.example/track' } },
  });
  expect(campaign.totals.total).toBe(945);
  // The first three recipients are refused by Qontak (final: not retried by the outbox).
  sim.failNext(3, { status: 422, body: { status: 'error', error: { code: 422, messages: ['The number is not on WhatsApp'] } } }, DIRECT);

  expect(await h.call('broadcasts:start', { campaignId: campaign.id })).toMatchObject({ status: 'running', startedAt: expect.any(Number) });
  await until(() => sim.broadcasts.length >= 300, 30_000, '300 broadcasts');
  await h.close();
  const beforeRestart = sim.broadcasts.length;
  expect(beforeRestart).toBeLessThan(942);

  h = await startHarness(state);
  const done = await h.waitFor(campaign.id, (c) => c.status === 'completed', 60_000);
  expect(done.totals).toMatchObject({ total: 945, pending: 0, queued: 0, sent: 942, failed: 3 });
  expect(done.finishedAt).toEqual(expect.any(Number));
  const failed = await h.call('broadcasts:recipients', { campaignId: campaign.id, status: 'failed', offset: 0, limit: 10 });
  expect(failed.items.map((r) => r.row)).toEqual([2, 3, 4]);
  expect(failed.items[0]!.error).toContain('Qontak Hub refused the request: The number is not on WhatsApp');

  // Retry failed: the same three messages go again, and the campaign finishes once more.
  const failedIds = failed.items.map((r) => r.messageId);
  expect(await h.call('broadcasts:retryFailed', { campaignId: campaign.id })).toMatchObject({ status: 'running', finishedAt: null });
  const retried = await h.waitFor(campaign.id, (c) => c.status === 'completed' && c.totals.sent === 945);
  expect(retried.totals.failed).toBe(0);
  const recipients = await allRecipients(h, campaign.id);
  expect(recipients.filter((r) => r.row <= 4).map((r) => r.messageId)).toEqual(failedIds);

  // Qontak moves some along; the app reads its broadcast log.
  const accepted = sim.broadcasts;
  accepted.slice(3, 8).forEach((b) => sim.setBroadcastStatus(b.id, 'delivered'));
  accepted.slice(8, 13).forEach((b) => sim.setBroadcastStatus(b.id, 'read'));
  sim.setBroadcastStatus(accepted[13]!.id, 'failed', 'The number has blocked this business');
  await h.t.call('reports:refresh', { accountId });
  const reported = await h.waitFor(campaign.id, (c) => c.totals.read === 5 && c.totals.delivered === 5 && c.totals.failed === 1);
  expect(reported.totals).toMatchObject({ total: 945, sent: 934 });

  // Recipient for recipient: exactly one broadcast each, with that recipient's name and values.
  const final = await allRecipients(h, campaign.id);
  const byPhone = new Map(final.map((r) => [r.phone, r]));
  const received = sim.broadcasts;
  expect(received).toHaveLength(945);
  expect(new Set(received.map((b) => b.request.to_number)).size).toBe(945);
  expect(sim.requestsTo(DIRECT)).toHaveLength(945 + 3);
  for (const b of received) {
    const r = byPhone.get(b.request.to_number as string)!;
    expect(r).toBeDefined();
    expect(b.request).toMatchObject({
      to_name: r.name,
      message_template_id: template.providerTemplateId,
      parameters: {
        body: [
          { key: '1', value: 'name', value_text: r.values['1'] },
          { key: '2', value: 'order', value_text: r.values['2'] },
          { key: '3', value: '3', value_text: 'https://shop.example/track' },
        ],
      },
    });
    expect(r.status).toBe(b.status === 'pending' ? 'sent' : b.status);
    if (b.status === 'failed') expect(r.error).toBe('The number has blocked this business');
  }
  expect(final.map((r) => [r.row, r.phone, r.name, r.values['2']])).toEqual(f.valid.map((v) => [v.row, v.phone, v.name, v.order]));
  expect(new Set(final.map((r) => r.messageId)).size).toBe(945);
  expect(final.filter((r) => r.status === 'read').every((r) => r.sentAt && r.deliveredAt && r.readAt)).toBe(true);

  // The exported report says the same.
  const rows = parse((await h.call('broadcasts:exportCsv', { campaignId: campaign.id })).csv, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(945);
  expect(rows.map((x) => [Number(x.row), x.phone, x.status])).toEqual(final.map((r) => [r.row, `+${r.phone}`, r.status]));
  expect(rows.find((x) => x.status === 'failed')).toMatchObject({ error: 'The number has blocked this business', '{{3}}': 'https://shop.example/track' });

  // Progress reached the screens, but never more than a few times a second per campaign.
  expect(h.published.some((p) => p.campaign.id === campaign.id)).toBe(true);
  expect(peakPublishRate(h, campaign.id)).toBeLessThanOrEqual(5);
}, 120_000);
