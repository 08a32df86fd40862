// The operator's controls on a sending campaign: pause and resume, cancel, retry the failed,
// start later (also when the app was closed at that time). Infobip's simulator receives; the
// account is paced so there is time to act while it sends. Nothing here depends on how many
// recipients the runner keeps ahead in the outbox, only on what pause and cancel promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES } from '../simulators/infobip/omni';
import { InfobipSimulator } from '../simulators/infobip/server';
import { persistentState, startHarness, until, type Harness } from './harness';

const state = persistentState();
let sim: InfobipSimulator;
let h: Harness;
let accountId: string;
let templateId: string;
let batch = 0;

beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'ib-key' });
  h = await startHarness(state);
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'ib-key' } })).id;
  templateId = (await h.t.call('templates:save', { accountId, providerTemplateId: 'hello', name: 'Hello', namespace: 'ns', language: 'en', body: 'Hello {{1}}' })).id;
});
afterAll(async () => {
  await h.close();
  await sim.close();
  state.remove();
});

/** A draft of `n` new numbers (each batch its own range, so simulator counts stay per test). */
async function draft(n: number, template = templateId): Promise<{ id: string; phones: string[] }> {
  batch++;
  const phones = Array.from({ length: n }, (_, i) => `62813${String(batch).padStart(2, '0')}${String(i).padStart(6, '0')}`);
  const csv = ['phone,name', ...phones.map((p, i) => `+${p},Person ${i}`)].join('\n');
  const { importId } = await h.call('broadcasts:importCsv', { csvText: csv });
  const { campaign } = await h.call('broadcasts:create', {
    name: `Batch ${batch}`,
    accountId,
    templateId: template,
    recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' },
    variables: { '1': { column: 'name' } },
  });
  expect(campaign.totals.total).toBe(n);
  return { id: campaign.id, phones };
}
const receivedBy = (phones: string[]) => sim.sent.filter((m) => phones.includes(m.to));
const pace = (perMinute: number) => h.t.call('pacing:set', { accountId, rule: perMinute ? { perMinute, burst: 1, gapMs: [0, 0] } : null });

describe('pause and resume', () => {
  it('stops handing over at once, lets the outbox finish only what it held, and carries on where it stopped', async () => {
    await pace(3000);
    const c = await draft(200);
    const running = await h.call('broadcasts:start', { campaignId: c.id });
    expect(running.etaMs).toEqual(expect.any(Number));
    await until(() => receivedBy(c.phones).length >= 10, 20_000, '10 sends');
    const paused = await h.call('broadcasts:pause', { campaignId: c.id });
    expect(paused).toMatchObject({ status: 'paused', etaMs: null });
    const handedOver = new Set(
      (await h.call('broadcasts:recipients', { campaignId: c.id, offset: 0, limit: 500 })).items.filter((r) => r.status !== 'pending').map((r) => r.phone),
    );
    // Only ~15 s of the account's pace (at most 50) was ever ahead in the outbox.
    expect(handedOver.size - receivedBy(c.phones).length).toBeLessThanOrEqual(51);
    const settled = await h.waitFor(c.id, (x) => x.totals.queued === 0);
    await new Promise((r) => setTimeout(r, 300));
    const atPause = receivedBy(c.phones);
    expect(atPause.every((m) => handedOver.has(m.to))).toBe(true);
    expect(settled.totals).toMatchObject({ sent: atPause.length, pending: 200 - handedOver.size });
    expect(settled.totals.pending).toBeGreaterThan(0);
    expect((await h.call('broadcasts:get', { campaignId: c.id })).totals.pending).toBe(200 - handedOver.size);
    expect((await h.dispatch('broadcasts:pause', { campaignId: c.id })).ok).toBe(false);
    expect((await h.dispatch('broadcasts:remove', { campaignId: c.id })).ok).toBe(false);

    await h.call('broadcasts:resume', { campaignId: c.id });
    const done = await h.waitFor(c.id, (x) => x.status === 'completed');
    expect(done.totals).toMatchObject({ total: 200, sent: 200 });
    expect(receivedBy(c.phones)).toHaveLength(200);
    expect(new Set(receivedBy(c.phones).map((m) => m.to)).size).toBe(200);
  });
});

describe('cancel', () => {
  it('cancels who is still waiting, withdraws queued messages, and sends nothing more', async () => {
    await pace(600);
    const c = await draft(40);
    await h.call('broadcasts:start', { campaignId: c.id });
    await until(() => receivedBy(c.phones).length >= 3, 20_000, '3 sends');
    const cancelled = await h.call('broadcasts:cancel', { campaignId: c.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', finishedAt: expect.any(Number), totals: { pending: 0 } });
    // At most the one on the wire was still moving.
    expect(cancelled.totals.queued).toBeLessThanOrEqual(1);
    const final = await h.waitFor(c.id, (x) => x.totals.queued === 0);
    await new Promise((r) => setTimeout(r, 400));
    expect(receivedBy(c.phones)).toHaveLength(final.totals.sent);
    expect(final.totals.sent + final.totals.cancelled).toBe(40);
    const { items } = await h.call('broadcasts:recipients', { campaignId: c.id, status: 'cancelled', offset: 0, limit: 100 });
    expect(items[0]!.error).toBe('The campaign was cancelled before this message was sent.');
    // A withdrawn message is cancelled in its conversation (not failed): off the Outbox, never retried.
    const withdrawn = items.filter((r) => r.messageId);
    expect(withdrawn.length).toBeGreaterThan(0);
    const outbox = (await h.t.call('outbox:list', {})).map((m) => m.id);
    for (const r of withdrawn) {
      expect(outbox).not.toContain(r.messageId);
      const page = await h.t.call('messages:around', { messageId: r.messageId! });
      expect(page.messages.find((m) => m.id === r.messageId)).toMatchObject({ status: 'cancelled', error: 'The campaign was cancelled before this message was sent.' });
      expect((await h.t.router.dispatch('messages:retry', { id: r.messageId! })).ok).toBe(false);
    }
    expect((await h.dispatch('broadcasts:resume', { campaignId: c.id })).ok).toBe(false);
    expect(await h.call('broadcasts:remove', { campaignId: c.id })).toEqual({ removed: true });
  });
});

describe('retry failed', () => {
  it('sends the failed messages again, once each, and completes', async () => {
    await pace(0);
    const c = await draft(20);
    sim.failNext(2, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Destination not reachable' } } } }, '/omni/1/advanced');
    await h.call('broadcasts:start', { campaignId: c.id });
    const first = await h.waitFor(c.id, (x) => x.status === 'completed');
    expect(first.totals).toMatchObject({ sent: 18, failed: 2 });
    const failed = (await h.call('broadcasts:recipients', { campaignId: c.id, status: 'failed', offset: 0, limit: 10 })).items;
    expect(failed[0]!.error).toContain('Infobip refused the request: Destination not reachable');
    await h.call('broadcasts:retryFailed', { campaignId: c.id });
    const second = await h.waitFor(c.id, (x) => x.status === 'completed' && x.totals.sent === 20);
    expect(second.totals.failed).toBe(0);
    expect(new Set(receivedBy(c.phones).map((m) => m.to)).size).toBe(20);
    const again = (await h.call('broadcasts:recipients', { campaignId: c.id, offset: 0, limit: 100 })).items.filter((r) => failed.some((f) => f.id === r.id));
    expect(again.map((r) => r.messageId)).toEqual(failed.map((r) => r.messageId));
    expect(await h.dispatch('broadcasts:retryFailed', { campaignId: c.id })).toMatchObject({ ok: false, error: { message: 'Nothing to retry: no message of this campaign has failed.' } });
  });

  it('gives a retried recipient the time it was sent again, not the time of the try that failed', async () => {
    await pace(0);
    const c = await draft(3);
    await h.call('broadcasts:start', { campaignId: c.id });
    await h.waitFor(c.id, (x) => x.status === 'completed' && x.totals.sent === 3);
    // Pushed to the account's webhook (the portal setting), not left for the next poll.
    sim.reportsUrl = (await h.t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
    await sim.deliver(receivedBy(c.phones)[0]!.messageId, OUTCOMES.undeliverable!('WHATSAPP'));
    sim.reportsUrl = null;
    await h.waitFor(c.id, (x) => x.totals.failed === 1);
    const [failed] = (await h.call('broadcasts:recipients', { campaignId: c.id, status: 'failed', offset: 0, limit: 10 })).items;
    expect(failed!.sentAt).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 30));
    const retriedAt = Date.now();
    await h.call('broadcasts:retryFailed', { campaignId: c.id });
    await h.waitFor(c.id, (x) => x.status === 'completed' && x.totals.failed === 0);
    const after = (await h.call('broadcasts:recipients', { campaignId: c.id, offset: 0, limit: 10 })).items.find((r) => r.id === failed!.id)!;
    expect(after).toMatchObject({ status: 'sent', deliveredAt: null });
    expect(after.sentAt).toBeGreaterThanOrEqual(retriedAt);
  });
});

describe('when the campaign cannot go on', () => {
  it('pauses with the reason in words when its template is removed while sending', async () => {
    await pace(600);
    const tpl = await h.t.call('templates:save', { accountId, providerTemplateId: 'bye', name: 'Goodbye', namespace: 'ns', language: 'en', body: 'Bye {{1}}' });
    const c = await draft(100, tpl.id);
    await h.call('broadcasts:start', { campaignId: c.id });
    await until(() => receivedBy(c.phones).length >= 2, 20_000, '2 sends');
    await h.t.call('templates:remove', { id: tpl.id });
    const paused = await h.waitFor(c.id, (x) => x.status === 'paused');
    expect(paused.error).toBe('The template this campaign uses was removed. Make a new campaign with another template.');
    expect(paused.errorWording).toEqual({ key: 'errors.campaign.templateRemovedMakeNew' });
    expect(await h.dispatch('broadcasts:resume', { campaignId: c.id })).toMatchObject({ ok: false, error: { code: 'validation', message: paused.error } });
    expect((await h.call('broadcasts:cancel', { campaignId: c.id })).status).toBe('cancelled');
  });
});

describe('when every message fails', () => {
  it('pauses after the first few failures instead of failing the whole list', async () => {
    await pace(3000);
    const c = await draft(120);
    sim.failNext(6, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Template not approved' } } } }, '/omni/1/advanced');
    await h.call('broadcasts:start', { campaignId: c.id });
    const paused = await h.waitFor(c.id, (x) => x.status === 'paused');
    expect(paused.error).toMatch(/^Paused because the first 5 messages all failed: Infobip refused the request: Template not approved\./);
    // Worded in the renderer: the sentence by its key, the failure inside it carried as its English text (and its own wording when it has one).
    expect(paused.errorWording).toMatchObject({ key: 'errors.campaign.pausedAllFailing', params: { count: 5, reason: expect.stringMatching(/^Infobip refused the request: Template not approved/) } });
    const settled = await h.waitFor(c.id, (x) => x.totals.queued === 0);
    expect(settled.totals.pending).toBeGreaterThan(0);
    await h.call('broadcasts:resume', { campaignId: c.id });
    await h.waitFor(c.id, (x) => x.status === 'completed');
    await h.call('broadcasts:retryFailed', { campaignId: c.id });
    const done = await h.waitFor(c.id, (x) => x.status === 'completed' && x.totals.sent === 120);
    expect(done.totals.failed).toBe(0);
    expect(new Set(receivedBy(c.phones).map((m) => m.to)).size).toBe(120);
  });
});

describe('when the account breaks mid-way', () => {
  it('pauses after a run of identical failures, even after earlier successes', async () => {
    await pace(3000);
    const c = await draft(200);
    // Five go through, then every request is refused the same way (as when a key is revoked).
    sim.failNext(150, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Scenario was deleted' } } }, skip: 5 }, '/omni/1/advanced');
    await h.call('broadcasts:start', { campaignId: c.id });
    const paused = await h.waitFor(c.id, (x) => x.status === 'paused');
    expect(paused.error).toMatch(/^Paused after 10 messages in a row failed the same way: .*Scenario was deleted/);
    expect(paused.errorWording).toMatchObject({ key: 'errors.campaign.pausedSameFailures', params: { count: 10, reason: expect.stringMatching(/Scenario was deleted/) } });
    const settled = await h.waitFor(c.id, (x) => x.totals.queued === 0);
    expect(settled.totals.sent).toBeGreaterThanOrEqual(5);
    expect(settled.totals.pending).toBeGreaterThan(0);
    sim.clearFaults();
  });
});

describe('scheduled start', () => {
  it('waits until its time, then sends', async () => {
    const c = await draft(5);
    const at = Date.now() + 1_200;
    expect(await h.call('broadcasts:start', { campaignId: c.id, at })).toMatchObject({ status: 'scheduled', scheduledAt: at, startedAt: null });
    await new Promise((r) => setTimeout(r, 700));
    expect(receivedBy(c.phones)).toHaveLength(0);
    const done = await h.waitFor(c.id, (x) => x.status === 'completed', 10_000);
    expect(done.startedAt! - at).toBeGreaterThanOrEqual(0);
    expect(receivedBy(c.phones)).toHaveLength(5);
  });

  it('starts when the app opens after its time went by while it was closed', async () => {
    const c = await draft(5);
    await h.call('broadcasts:start', { campaignId: c.id, at: Date.now() + 1_500 });
    await h.close();
    await new Promise((r) => setTimeout(r, 1_000));
    h = await startHarness(state);
    expect((await h.call('broadcasts:get', { campaignId: c.id })).status).not.toBe('draft');
    const done = await h.waitFor(c.id, (x) => x.status === 'completed', 10_000);
    expect(done.totals.sent).toBe(5);
    expect(receivedBy(c.phones)).toHaveLength(5);
  });

  it('can be cancelled before its time, and then never sends', async () => {
    const c = await draft(3);
    await h.call('broadcasts:start', { campaignId: c.id, at: Date.now() + 500 });
    expect(await h.call('broadcasts:cancel', { campaignId: c.id })).toMatchObject({ status: 'cancelled', totals: { cancelled: 3 } });
    await new Promise((r) => setTimeout(r, 800));
    expect(receivedBy(c.phones)).toHaveLength(0);
  });
});
