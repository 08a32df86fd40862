// Message creation and its payload in one transaction (issue 14, finding 7): a failure (or a
// crash) between the message row and what to send must never leave a queued message that the
// outbox can never send. Either both are stored or neither is.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { OutboxRepo } from '../../electron/services/store/outbox';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';

let sim: InfobipSimulator;
let t: TestApp;
beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'k1' });
  t = await startTestApp();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
  await sim.close();
});

const rows = (threadId: string) =>
  t.app.db.prepare('SELECT id, status, payload FROM messages WHERE thread_id = ?').all(threadId) as { id: string; status: string; payload: string | null }[];

it('leaves no message behind when its payload cannot be written, and sends normally afterwards', async () => {
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  const account = await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'k1' } });
  const thread = await t.call('threads:start', { accountId: account.id, phone: '+41793026727' });

  const spy = vi.spyOn(OutboxRepo.prototype, 'setPayload').mockImplementationOnce(() => {
    throw new Error('disk gone between the two writes');
  });
  const r = await t.router.dispatch('messages:sendText', { threadId: thread.id, text: 'half written?' });
  expect(r.ok).toBe(false);
  expect(spy).toHaveBeenCalledTimes(1);
  // Neither the message nor its payload: the insert was rolled back with the failed payload write.
  expect(rows(thread.id)).toEqual([]);
  expect(t.events.some((e) => e.event === 'messages:changed' && (e.payload as { text?: string }).text === 'half written?')).toBe(false);

  // Every stored outgoing message has what to send, and the next send goes out once.
  const m = await t.send(thread.id, { kind: 'text', text: 'whole' });
  expect(m.status).toBe('sent');
  const after = rows(thread.id);
  expect(after).toHaveLength(1);
  expect(after[0]!.payload).not.toBeNull();
  expect(sim.sent.filter((s) => s.messageId === m.id)).toHaveLength(1);
});
