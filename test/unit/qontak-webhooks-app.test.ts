// Qontak Hub through the whole app (router → services → adapter → simulator → listener → inbox):
// the webhook is registered with PUT message_interactions (again when the address changes), each
// of the note's three webhooks lands in the inbox exactly once, room replies go into the room, and
// header/button templates go out with exactly the parameters the reference note gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model';
import { startTestApp, type TestApp } from '../helpers/app';
import { DOC_CHANNEL_ID, QontakSimulator } from '../simulators/qontak/server';
import { postWebhook } from '../simulators/webhooks';
import { until } from '../helpers/until';

let t: TestApp;
let sim: QontakSimulator;
let accountId: string;
const PHONE = '628117661000';

const threadOf = async (phone: string) => (await t.call('threads:list', {})).find((x) => x.accountId === accountId && x.peerId === phone);
const messagesOf = async (threadId: string): Promise<Message[]> => t.call('threads:messages', { threadId });
const hookUrl = async () => (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;

beforeAll(async () => {
  t = await startTestApp();
  t.settings.set('defaultCountry', 'ID');
  sim = await QontakSimulator.start({ password: 'pw-q', clientId: 'cid-q', clientSecret: 'cs-q' });
  accountId = (
    await t.call('accounts:create', {
      provider: 'qontak',
      name: 'Toko Qontak',
      config: { baseUrl: sim.url, username: sim.username, channelIntegrationId: DOC_CHANNEL_ID },
      secrets: { password: 'pw-q', clientId: 'cid-q', clientSecret: 'cs-q' },
    })
  ).id;
});
afterAll(async () => {
  await sim?.close();
  await t?.close();
});

describe('Qontak Hub webhooks in the app', () => {
  it('registers the account URL with PUT message_interactions, every message webhook switched on', async () => {
    const url = await hookUrl();
    await until('registration', () => sim.webhook.url === url);
    const put = sim.requestsTo('/api/open/v1/message_interactions').at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(put.headers['content-type']).toContain('application/json');
    expect(put.json).toEqual({ receive_message_from_agent: true, receive_message_from_customer: true, status_message: true, broadcast_log_status: true, url });
    // The Hub has the URL before the app has read its answer: wait for the app to say so too.
    await until('registered', async () => (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)?.state === 'registered');
  });

  it("files a customer's message under their number, once even when the Hub delivers it again", async () => {
    const sent = await sim.customerMessage({ phone: PHONE, name: 'Burhanudin', text: 'helo' });
    expect(sent.status).toBe(200);
    const thread = await until('thread', () => threadOf(PHONE));
    expect(thread).toMatchObject({ title: 'Burhanudin', isGroup: false, replyable: true });
    await until('message', async () => (await messagesOf(thread.id)).some((m) => m.text === 'helo'));
    expect(await postWebhook(await hookUrl(), sent.payload)).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const inbound = (await messagesOf(thread.id)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ kind: 'text', text: 'helo', status: 'received', providerMessageId: sent.payload.id, at: Date.parse(sent.payload.created_at as string) });
  });

  it("replies inside the customer's room as free text, and the room's status webhooks move that reply, shown once", async () => {
    const thread = (await threadOf(PHONE))!;
    const m = await t.send(thread.id, { kind: 'text', text: 'Halo, ada yang bisa dibantu?' });
    expect(m.status).toBe('sent');
    const req = sim.requestsTo('/api/open/v1/messages/whatsapp/bot').at(-1)!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req.form).toEqual({ room_id: sim.rooms.find((r) => r.phone === PHONE)!.id, type: 'text', text: 'Halo, ada yang bisa dibantu?' });
    await sim.settled();
    const chatId = sim.botMessages.at(-1)!.chatId;
    await until('id adopted', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.providerMessageId === chatId);
    await sim.advance(chatId, 'read');
    await until('read', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.status === 'read');
    expect((await messagesOf(thread.id)).filter((x) => x.direction === 'out')).toHaveLength(1);
  });

  it("shows an agent's answer from Qontak's inbox as outgoing, moved by its status webhooks", async () => {
    const thread = (await threadOf(PHONE))!;
    const { chatId } = await sim.agentMessage({ phone: PHONE, text: 'ada yang bisa dibantu?' });
    await sim.advance(chatId, 'delivered');
    await sim.advance(chatId, 'read');
    const agentMessages = await until('agent message read', async () => {
      const list = (await messagesOf(thread.id)).filter((x) => x.providerMessageId === chatId);
      return list[0]?.status === 'read' ? list : undefined;
    });
    expect(agentMessages).toHaveLength(1);
    expect(agentMessages[0]).toMatchObject({ direction: 'out', text: 'ada yang bisa dibantu?' });
  });

  it('asks for the header document and button link a template needs, and sends them as the note says', async () => {
    const templates = await t.call('templates:sync', { accountId });
    const tpl = templates.find((x) => x.name === 'invoice_document')!;
    expect(tpl).toMatchObject({ headerFormat: 'DOCUMENT', buttons: [{ type: 'URL', text: 'Bayar', url: 'https://pay.example.com/invoice/{{1}}' }] });
    expect(tpl.placeholders).toEqual(['1', 'header:url', 'header:filename', 'button:0']);
    const thread = (await threadOf(PHONE))!;
    const without = await t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'template', templateId: tpl.id, params: [{ key: '1', text: 'Burhanudin' }] } });
    expect(without).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/"invoice_document" needs the header document web address before it can be sent/) } });
    const before = sim.broadcasts.length;
    const m = await t.send(thread.id, {
      kind: 'template',
      templateId: tpl.id,
      params: [
        { key: '1', text: 'Burhanudin', label: 'full_name' },
        { key: 'header:url', text: 'https://files.example.com/inv-7.pdf' },
        { key: 'header:filename', text: 'inv-7.pdf' },
        { key: 'button:0', text: 'INV-7' },
      ],
    });
    expect(m).toMatchObject({ status: 'sent', kind: 'template', text: 'Halo Burhanudin, tagihan anda terlampir.' });
    expect(sim.broadcasts).toHaveLength(before + 1);
    const b = sim.broadcasts.at(-1)!;
    expect(b.request).toEqual({
      to_number: PHONE,
      to_name: 'Burhanudin',
      message_template_id: tpl.providerTemplateId,
      channel_integration_id: DOC_CHANNEL_ID,
      language: { code: 'id' },
      parameters: {
        body: [{ key: '1', value: 'full_name', value_text: 'Burhanudin' }],
        header: { format: 'DOCUMENT', params: [{ key: 'url', value: 'https://files.example.com/inv-7.pdf' }, { key: 'filename', value: 'inv-7.pdf' }] },
        buttons: [{ index: '0', type: 'url', value: 'INV-7' }],
      },
    });

    // The broadcast-status webhook names no broadcast id; the template to that number takes its status.
    sim.setBroadcastStatus(b.id, 'delivered');
    await sim.settled();
    await until('delivered by webhook', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.status === 'delivered');
    expect((await messagesOf(thread.id)).find((x) => x.id === m.id)!.providerMessageId).toBe(sim.broadcastChatId(b.id));
    sim.setBroadcastStatus(b.id, 'read');
    await sim.settled();
    await until('read by webhook', async () => (await messagesOf(thread.id)).find((x) => x.id === m.id)?.status === 'read');
    expect((await messagesOf(thread.id)).filter((x) => x.kind === 'template')).toHaveLength(1);
  });

  it('leaves nothing among the unparsed events', async () => {
    expect((await t.call('webhooks:unparsed', {})).filter((e) => e.accountId === accountId)).toEqual([]);
  });

  it('registers again, at the simulator, when the public address changes', async () => {
    const puts = sim.requestsTo('/api/open/v1/message_interactions').length;
    await t.call('settings:update', { publicBaseUrl: 'https://hooks.example.com' });
    const url = await hookUrl();
    expect(url).toMatch(new RegExp(`^https://hooks\\.example\\.com/hooks/${accountId}/`));
    await until('re-registration', () => sim.webhook.url === url);
    expect(sim.requestsTo('/api/open/v1/message_interactions').length).toBeGreaterThan(puts);
    expect(sim.requestsTo('/api/open/v1/message_interactions').at(-1)!.json).toMatchObject({ url, receive_message_from_customer: true, status_message: true });
  });
});
