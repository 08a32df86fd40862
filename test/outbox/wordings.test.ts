// Reasons the app keeps on messages and conversations as English text keep their wording beside
// them (migration 012): a failed send, why a message waits, why it is in doubt, a cancellation, a
// conversation that cannot be answered. Read back from the store, each words in Bahasa Indonesia.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, Thread, Wording } from '../../shared/model';
import { i18n, reasonText } from '../../renderer/src/i18n';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { InfobipSimulator } from '../simulators/infobip/server';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { botApiConversation } from '../helpers/bot-api-account';

let t: TestApp;
let sim: BotApiSimulator;
let threadId: string;

beforeAll(async () => {
  sim = await BotApiSimulator.start();
  t = await startTestApp();
  ({ threadId } = await botApiConversation(t, sim));
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

/** The message as the store has it now (not the event that announced it). */
const stored = async (id: string): Promise<Message> => (await t.call('threads:messages', { threadId })).find((m) => m.id === id)!;

async function inIndonesian<T>(fn: () => T): Promise<T> {
  await i18n.changeLanguage('id');
  try {
    return fn();
  } finally {
    await i18n.changeLanguage('en');
  }
}

const params = (w: Wording | null | undefined) => w?.params ?? {};

describe('a failed send', () => {
  it('keeps the provider failure’s wording, reads the same in English and whole in Bahasa Indonesia', async () => {
    sim.failNext(1, { status: 400, body: { status: false, message: 'Invalid chatId' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'to a bad chat id' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'failed');
    const m = await stored(q.id);
    expect(m.error).toMatch(/^The WhatsApp gateway refused the request: Invalid chatId \(/);
    // The gateway's body is the failure's detail: said beside the worded reason.
    expect(m.errorWording).toMatchObject({ key: 'errors.outbox.withDetail', params: { reason: 'The WhatsApp gateway refused the request: Invalid chatId' } });
    expect(JSON.parse(String(params(m.errorWording).reasonWording))).toEqual({ key: 'errors.botApi.refusedWhy', params: { msg: 'Invalid chatId' } });
    expect(reasonText(m.error, m.errorWording)).toBe(m.error);
    expect(reasonText(m.error, m.errorWording)).toBe(m.error);
    const id = await inIndonesian(() => reasonText(m.error, m.errorWording));
    expect(id).toMatch(/Invalid chatId/);
    expect(id).not.toMatch(/refused the request/);
    expect(id).toContain(`(${String(params(m.errorWording).detail)})`);

    // Sent again by hand, it no longer carries the old reason or its wording.
    await t.call('messages:retry', { id: q.id });
    await t.waitFor('messages:changed', (x) => x.id === q.id && x.status === 'sent');
    expect(await stored(q.id)).toMatchObject({ error: null, errorWording: null, waitingWording: null });
  });

  it('keeps why a message waits for its next try', async () => {
    sim.failNext(1, { status: 503, body: { status: false, message: 'maintenance' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'after a 503' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    const m = await stored(q.id);
    expect(m.waitingReason).toMatch(/had a problem \(HTTP 503\)/);
    expect(m.waitingWording?.key).toBe('errors.outbox.withDetail');
    expect(reasonText(m.waitingReason, m.waitingWording)).toBe(m.waitingReason);
    expect(await inIndonesian(() => reasonText(m.waitingReason, m.waitingWording))).toMatch(/sedang bermasalah \(HTTP 503\)/);
    await t.waitFor('messages:changed', (x) => x.id === q.id && x.status === 'sent', 10_000);
    expect(await stored(q.id)).toMatchObject({ waitingReason: null, waitingWording: null });
  });

  it('keeps why a message is in doubt, the lost answer’s own reason worded inside', async () => {
    sim.failNext(1, { status: 500, body: { status: false, message: 'database down' } }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'after a 500' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'in_doubt');
    const m = await stored(q.id);
    expect(m.errorWording?.key).toBe('errors.outbox.inDoubt');
    expect(reasonText(m.error, m.errorWording)).toBe(m.error);
    const id = await inIndonesian(() => reasonText(m.error, m.errorWording));
    expect(id).toMatch(/^Belum diketahui apakah pesan ini terkirim/);
    expect(id).toMatch(/sedang bermasalah \(HTTP 500\)/);
    expect(id).not.toMatch(/had a problem/);

    // Marked as not sent by the operator: that is the reason now.
    const settled = await t.call('messages:settle', { id: q.id, outcome: 'markFailed' });
    expect(settled).toMatchObject({ status: 'failed', error: 'You marked it as not sent.', errorWording: { key: 'errors.inbox.markedNotSent' } });
    expect(await inIndonesian(() => reasonText(settled.error, settled.errorWording))).toBe('Anda menandainya sebagai tidak terkirim.');
  });

  it('words a cancellation by the operator', async () => {
    sim.failNext(1, { status: 503 }, '/whatsapp/message');
    const q = await t.call('messages:sendText', { threadId, text: 'cancel me' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'queued' && m.attempts === 1);
    await t.call('messages:cancel', { id: q.id });
    const m = await stored(q.id);
    expect(m).toMatchObject({ status: 'cancelled', error: 'Cancelled by you before it was sent.', errorWording: { key: 'errors.inbox.cancelledByYou' } });
    expect(await inIndonesian(() => reasonText(m.error, m.errorWording))).toBe('Dibatalkan oleh Anda sebelum terkirim.');
  });

  it('words a reason stored before reasons had a wording, when it is one of the fixed ones', async () => {
    const q = await t.call('messages:sendText', { threadId, text: 'old cancel' });
    await t.waitFor('messages:changed', (m) => m.id === q.id && m.status === 'sent');
    t.app.db.prepare("UPDATE messages SET status = 'cancelled', error = 'Cancelled by you before it was sent.', error_wording = NULL WHERE id = ?").run(q.id);
    expect((await stored(q.id)).errorWording).toEqual({ key: 'errors.inbox.cancelledByYou' });
    // A damaged wording shows the English text instead of failing the list.
    t.app.db.prepare("UPDATE messages SET status = 'failed', error = 'Something odd', error_wording = '{not json' WHERE id = ?").run(q.id);
    expect(await stored(q.id)).toMatchObject({ error: 'Something odd', errorWording: null });
  });
});

describe('a conversation that cannot be answered', () => {
  const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';
  let om: OmnichatSimulator;
  beforeAll(async () => {
    om = await OmnichatSimulator.start({ apiKey: 'om-key', devices: [{ deviceKey: DEVICE }] });
    const accountId = (await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: om.url, deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } })).id;
    om.setDeviceWebhook(DEVICE, (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url);
  });
  afterAll(() => om.close());

  it('says why in words of its own, on the banner and when a send is refused', async () => {
    expect(await om.sendCustomerMessage({ deviceKey: DEVICE, name: 'Bhisma Kalijaga', message: 'Halo' })).toBe(200);
    const th = await vi.waitFor(async () => {
      const found = (await t.call('threads:list', {})).find((x: Thread) => x.title === 'Bhisma Kalijaga');
      if (!found) throw new Error('not there yet');
      return found;
    });
    expect(th).toMatchObject({ replyable: false, notReplyableWording: { key: 'errors.inbox.noSenderNumber' } });
    expect(reasonText(th.notReplyableReason, th.notReplyableWording)).toBe(th.notReplyableReason);
    expect(await inIndonesian(() => reasonText(th.notReplyableReason, th.notReplyableWording))).toBe(
      'Penyedia tidak menyertakan nomor pengirim, jadi percakapan ini hanya bisa dibalas dari dasbor penyedia sendiri.',
    );
    const refused = await t.router.dispatch('messages:sendText', { threadId: th.id, text: 'hi' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: th.notReplyableReason, key: 'errors.inbox.noSenderNumber' } });

    // A thread stored before reasons had a wording gets it when the same reason comes again.
    t.app.db.prepare('UPDATE threads SET not_replyable_wording = NULL WHERE id = ?').run(th.id);
    expect(await om.sendCustomerMessage({ deviceKey: DEVICE, name: 'Bhisma Kalijaga', message: 'Halo lagi' })).toBe(200);
    await vi.waitFor(async () => {
      const row = t.app.db.prepare('SELECT not_replyable_wording w FROM threads WHERE id = ?').get(th.id) as { w: string | null };
      expect(JSON.parse(row.w ?? 'null')).toEqual({ key: 'errors.inbox.noSenderNumber' });
    });
  });
});

describe('a failure a delivery report tells of', () => {
  let ib: InfobipSimulator;
  let accountId: string;
  let ibThread: string;
  beforeAll(async () => {
    ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
    accountId = (await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
    const line = await t.call('lines:create', { accountId, input: { name: 'WA', whatsAppSender: '447860099299', isDefault: true } });
    await t.call('lines:select', { accountId, lineId: line.id });
    ibThread = (await t.call('threads:start', { accountId, phone: '+385919998888' })).id;
  });
  afterAll(() => ib.close());

  it('keeps the report’s wording on the message', async () => {
    const m = await t.send(ibThread, { kind: 'text', text: 'to someone away' });
    await ib.deliver(m.providerMessageId!, { groupId: 2, name: 'UNDELIVERABLE_NOT_DELIVERED', channel: 'WHATSAPP', error: { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false } });
    await t.call('reports:refresh', { accountId });
    const failed = (await t.call('threads:messages', { threadId: ibThread })).find((x) => x.id === m.id)!;
    expect(failed).toMatchObject({ status: 'failed', error: 'Not delivered by WhatsApp: Absent Subscriber (EC_ABSENT_SUBSCRIBER_SM).' });
    expect(failed.errorWording?.key).toMatch(/^errors\./);
    expect(reasonText(failed.error, failed.errorWording)).toBe(failed.error);
    const id = await inIndonesian(() => reasonText(failed.error, failed.errorWording));
    expect(id).not.toBe(failed.error);
    expect(id).toContain('EC_ABSENT_SUBSCRIBER_SM');
  });
});
