// WhatsApp delivers only approved templates: one pending approval at the provider is refused, in
// words, by the composer's send and by a broadcast (made, or started after a sync found it
// withdrawn), before anything is queued. Qontak's simulator lists one pending template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/model';
import { templateBlockedReason, templateStatusWords } from '../../shared/template-status';
import { QontakSimulator } from '../simulators/qontak/server';
import { startHarness, type Harness } from './harness';

let sim: QontakSimulator;
let h: Harness;
let accountId: string;
let pending: Template;
let approved: Template;

beforeAll(async () => {
  sim = await QontakSimulator.start({ password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' });
  h = await startHarness();
  accountId = (
    await h.t.call('accounts:create', { provider: 'qontak', name: 'Toko Qontak', config: { baseUrl: sim.url, username: sim.username }, secrets: { password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' } })
  ).id;
  const { lines } = await h.t.call('lines:list', { accountId });
  await h.t.call('lines:select', { accountId, lineId: lines[0]!.id });
  const synced = await h.t.call('templates:sync', { accountId });
  pending = synced.find((t) => t.name === 'promo_draft')!;
  approved = synced.find((t) => t.name === 'welcome_offer')!;
});
afterAll(async () => {
  await h.close();
  await sim.close();
});

const REASON = 'The template "promo_draft" is pending approval at the provider, and WhatsApp delivers only approved templates. Pick an approved one, or press "Sync now" once it is approved.';

describe('templates pending approval', () => {
  it('are worded for a person; templates typed in by hand (no status) can be sent', () => {
    expect(pending.status).toBe('PENDING');
    expect(templateStatusWords('PENDING')).toBe('pending approval');
    expect(templateStatusWords('REJECTED')).toBe('rejected');
    expect(templateBlockedReason(pending)).toBe(REASON);
    expect(templateBlockedReason(approved)).toBeNull();
    expect(templateBlockedReason({ name: 'x', status: null })).toBeNull();
  });

  it('cannot be sent from a conversation', async () => {
    const thread = await h.t.call('threads:start', { accountId, phone: '+62 812 3000 0001' });
    const r = await h.t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'template', templateId: pending.id, params: [{ key: '1', text: 'Juni' }] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: REASON } });
    expect(await h.t.call('threads:messages', { threadId: thread.id })).toEqual([]);
  });

  it('cannot be broadcast', async () => {
    const { importId } = await h.call('broadcasts:importCsv', { csvText: 'phone,name\n+6281230000002,Ani\n' });
    const input = { name: 'Promo', accountId, recipients: { kind: 'csv' as const, importId, phoneColumn: 'phone' } };
    const r = await h.dispatch('broadcasts:create', { ...input, templateId: pending.id, variables: { '1': { column: 'name' } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: REASON } });
    expect((await h.dispatch('broadcasts:create', { ...input, templateId: approved.id, variables: {} })).ok).toBe(true);
  });
});
