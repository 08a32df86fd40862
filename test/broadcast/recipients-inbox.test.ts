// Who a broadcast goes to and where they show up afterwards. Picked contacts keep the names the
// picker showed (whichever account knows them), and a recipient who never answered is not a
// conversation: out of the conversation list and the contact picker until they write, yet still
// found by search and by the campaign report.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startHarness, type Harness } from './harness';

let sim: InfobipSimulator;
let h: Harness;
let accountId: string;
let otherId: string;
let templateId: string;

beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'ib-key' });
  h = await startHarness();
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'ib-key' } })).id;
  otherId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Other shop', config: { baseUrl: 'http://127.0.0.1:9', scenarioKey: 'S2' }, secrets: { apiKey: 'k' } })).id;
  templateId = (await h.t.call('templates:save', { accountId, providerTemplateId: 'hello', name: 'Hello', namespace: 'ns', language: 'en', body: 'Hello {{1}}' })).id;
  sim.inboundUrl = (await h.t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
});
afterAll(async () => {
  await h.close();
  await sim.close();
});

const byName = { '1': { column: 'name' } };

describe('picked contacts', () => {
  it('fills {{1}} with the name of a contact another account knows, as the picker showed it', async () => {
    await h.t.call('threads:start', { accountId: otherId, phone: '+62 812 5555 0001', name: 'Budi Santoso' });
    await h.t.call('threads:start', { accountId: otherId, phone: '+62 812 5555 0002', name: 'Citra Lestari' });
    await h.t.call('threads:start', { accountId, phone: '+62 812 5555 0003', name: 'Dewi' });
    const picks = await h.call('contacts:list', {});
    expect(picks.map((p) => p.name)).toEqual(expect.arrayContaining(['Budi Santoso', 'Citra Lestari', 'Dewi']));
    const r = await h.call('broadcasts:create', {
      name: 'Picked',
      accountId,
      templateId,
      recipients: { kind: 'contacts', phones: ['6281255550001', '6281255550002', '6281255550003'] },
      variables: byName,
    });
    expect(r).toMatchObject({ rejectedCount: 0, campaign: { totals: { total: 3 } } });
    expect((await h.call('broadcasts:preview', { campaignId: r.campaign.id, row: 1 })).text).toBe('Hello Budi Santoso');
    expect((await h.call('broadcasts:preview', { campaignId: r.campaign.id, row: 3 })).text).toBe('Hello Dewi');
  });

  it('uses the name the picker sent, so the preview the operator saw is what is sent', async () => {
    const r = await h.call('broadcasts:create', {
      name: 'Picked with names',
      accountId,
      templateId,
      recipients: { kind: 'contacts', phones: ['6281255550002'], names: { '6281255550002': 'Bu Citra' } },
      variables: byName,
    });
    expect((await h.call('broadcasts:preview', { campaignId: r.campaign.id })).text).toBe('Hello Bu Citra');
  });
});

describe('recipients who never answered', () => {
  it('stay out of the conversation list and the picker until they write, and are found by search and the report', async () => {
    await h.t.call('threads:start', { accountId, phone: '+62 812 6666 0000', name: 'Regular customer' });
    const phones = ['6281266660001', '6281266660002', '6281266660003'];
    const csv = ['phone,name', ...phones.map((p, i) => `+${p},Promo ${i + 1}`), '+6281266660000,Regular customer'].join('\n');
    const { importId } = await h.call('broadcasts:importCsv', { csvText: csv });
    const { campaign } = await h.call('broadcasts:create', { name: 'Promo', accountId, templateId, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: byName });
    const before = await h.t.call('threads:page', {});
    await h.call('broadcasts:start', { campaignId: campaign.id });
    await h.waitFor(campaign.id, (c) => c.totals.sent + c.totals.delivered === 4);

    const page = await h.t.call('threads:page', {});
    expect(page.total).toBe(before.total);
    expect(page.threads.map((t) => t.title)).toContain('Regular customer');
    expect(page.threads.map((t) => t.title)).not.toContain('Promo 1');
    expect((await h.t.call('threads:page', { accountId })).threads.some((t) => t.title.startsWith('Promo'))).toBe(false);
    expect((await h.call('contacts:list', { search: 'promo' })).length).toBe(0);

    // The report leads to the message, the message to its conversation, and search finds it too.
    const report = await h.call('broadcasts:recipients', { campaignId: campaign.id, offset: 0, limit: 10 });
    const messageId = report.items.find((r) => r.phone === phones[0])!.messageId!;
    const around = await h.t.call('messages:around', { messageId });
    const [thread] = await h.t.call('threads:get', { ids: [around.messages.find((m) => m.id === messageId)!.threadId] });
    expect(thread).toMatchObject({ title: 'Promo 1', broadcastOnly: true });
    const found = await h.t.call('search:messages', { query: 'Promo 2' });
    expect(found.groups.map((g) => g.thread.title)).toContain('Promo 2');

    // Promo 1 answers: now a conversation, listed and pickable.
    await sim.sendInbound({ from: phones[0]!, to: '447860099299', name: 'Promo One', messageId: 'wamid.P1', content: { type: 'TEXT', text: 'Is it still on?' } });
    await vi.waitFor(async () => expect((await h.t.call('threads:page', {})).total).toBe(before.total! + 1), { timeout: 10_000 });
    expect((await h.call('contacts:list', { search: '6281266660001' })).map((c) => c.phone)).toEqual([phones[0]]);

    // The operator starting a conversation with Promo 2 makes it one too.
    await h.t.call('threads:start', { accountId, phone: `+${phones[1]}` });
    expect((await h.t.call('threads:page', {})).total).toBe(before.total! + 2);
  });
});
