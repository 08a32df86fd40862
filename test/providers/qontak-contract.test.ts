// The Qontak Hub adapter's requests that the short doc lacks, checked field by field against the
// reference note (provider-docs/reference/qontak.md): webhook registration, header and button
// parameters of direct sends (and the simulator's 422 when they are wrong), room replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qontak } from '../../electron/services/providers/qontak';
import { SESSION_MS } from '../../electron/services/providers/qontak/room';
import type { AccountContext, OutgoingMessage, SendTarget, TemplateRef } from '../../electron/services/providers/types';
import { DOC_CHANNEL_ID, QontakSimulator } from '../simulators/qontak/server';

let sim: QontakSimulator;
beforeAll(async () => {
  sim = await QontakSimulator.start({ password: 'pw', clientId: 'cid', clientSecret: 'cs' });
});
afterAll(() => sim.close());

const ctx = (): AccountContext => ({ config: { baseUrl: sim.url, username: sim.username, channelIntegrationId: DOC_CHANNEL_ID }, secrets: { password: 'pw', clientId: 'cid', clientSecret: 'cs' } });
const person: SendTarget = { peerId: '628117661000', isGroup: false, name: 'Burhanudin' };

function ref(name: string): TemplateRef {
  const t = sim.template(name);
  const header = t.header && typeof t.header === 'object' ? t.header.format : t.header ? 'TEXT' : null;
  return { id: t.id, name: t.name, language: t.language, body: t.body, headerFormat: header, buttons: (t.buttons ?? []).map((b) => ({ type: b.type, text: b.text, url: b.url ?? null })) };
}

async function raw(path: string, body: unknown, method = 'POST'): Promise<{ status: number; json: { status: string; error?: { code: number; messages: string[] } } }> {
  const token = (await (await fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: sim.username, password: 'pw', grant_type: 'password', client_id: 'cid', client_secret: 'cs' }) })).json()) as { access_token: string };
  const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as never };
}

describe('webhook registration', () => {
  it('PUTs message_interactions with the note body, and again with a new address', async () => {
    await qontak.registerWebhook!(ctx(), 'https://hooks.example.com/hooks/a/s1');
    const first = sim.requestsTo('/api/open/v1/message_interactions').at(-1)!;
    expect(first).toMatchObject({ method: 'PUT', json: { receive_message_from_agent: true, receive_message_from_customer: true, status_message: true, broadcast_log_status: true, url: 'https://hooks.example.com/hooks/a/s1' } });
    expect(Object.keys(first.json as object).sort()).toEqual(['broadcast_log_status', 'receive_message_from_agent', 'receive_message_from_customer', 'status_message', 'url']);
    await qontak.registerWebhook!(ctx(), 'https://other.example.com/hooks/a/s1');
    expect(sim.webhook).toMatchObject({ url: 'https://other.example.com/hooks/a/s1', receive_message_from_customer: true, status_message: true });
    // Webhooks the simulator sends later in this file must not leave this machine.
    await qontak.registerWebhook!(ctx(), 'http://127.0.0.1:9/hooks/a/s1');
  });

  it('the simulator refuses what the Hub would (a url that is not a URI, flags that are not booleans)', async () => {
    const r = await raw('/api/open/v1/message_interactions', { status_message: 'yes', url: 'not a url' }, 'PUT');
    expect(r).toEqual({ status: 422, json: { status: 'error', error: { code: 422, messages: ['status_message is invalid', 'url is invalid'] } } });
  });
});

describe('templates with a media header and link buttons', () => {
  const docSend = (over: Partial<Extract<OutgoingMessage, { kind: 'template' }>> = {}): OutgoingMessage => ({
    kind: 'template',
    template: ref('invoice_document'),
    params: [{ key: '1', text: 'Burhanudin', label: 'full_name' }],
    header: { format: 'DOCUMENT', url: 'https://files.example.com/inv.pdf', fileName: 'inv.pdf' },
    buttons: [{ index: 0, value: 'INV-1' }],
    ...over,
  });

  it('sends parameters.header and parameters.buttons exactly as the note gives them', async () => {
    const r = await qontak.send(ctx(), person, docSend());
    expect(r.broadcastId).toEqual(sim.broadcasts.at(-1)!.id);
    expect(sim.broadcasts.at(-1)!.request.parameters).toEqual({
      body: [{ key: '1', value: 'full_name', value_text: 'Burhanudin' }],
      header: { format: 'DOCUMENT', params: [{ key: 'url', value: 'https://files.example.com/inv.pdf' }, { key: 'filename', value: 'inv.pdf' }] },
      buttons: [{ index: '0', type: 'url', value: 'INV-1' }],
    });
  });

  it('sends an IMAGE header with its url only, and nothing for a static URL button', async () => {
    await qontak.send(ctx(), person, { kind: 'template', template: ref('promo_image'), params: [{ key: '1', text: 'Ana' }], header: { format: 'IMAGE', url: 'https://img.example.com/p.jpg' } });
    expect(sim.broadcasts.at(-1)!.request.parameters).toEqual({ body: [{ key: '1', value: '1', value_text: 'Ana' }], header: { format: 'IMAGE', params: [{ key: 'url', value: 'https://img.example.com/p.jpg' }] } });
  });

  it('keeps a plain template plain: body only, as before', async () => {
    await qontak.send(ctx(), person, { kind: 'template', template: ref('message'), params: [{ key: '1', text: 'Ana' }] });
    expect(sim.broadcasts.at(-1)!.request.parameters).toEqual({ body: [{ key: '1', value: '1', value_text: 'Ana' }] });
  });

  it('refuses before sending when the header media, its file name or a button value is missing', async () => {
    const sends = sim.broadcasts.length;
    await expect(qontak.send(ctx(), person, docSend({ header: null }))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/give the document's web address/) });
    await expect(qontak.send(ctx(), person, docSend({ header: { format: 'DOCUMENT', url: 'https://f.example.com/x.pdf' } }))).rejects.toMatchObject({ message: expect.stringMatching(/file name/) });
    await expect(qontak.send(ctx(), person, docSend({ header: { format: 'DOCUMENT', url: 'ftp://x', fileName: 'x.pdf' } }))).rejects.toMatchObject({ message: expect.stringMatching(/https:\/\//) });
    await expect(qontak.send(ctx(), person, docSend({ buttons: [] }))).rejects.toMatchObject({ message: expect.stringMatching(/button “Bayar”/) });
    await expect(qontak.send(ctx(), person, { kind: 'template', template: ref('message'), params: [{ key: '1', text: 'A' }], header: { format: 'IMAGE', url: 'https://i.example.com/a.jpg' } })).rejects.toMatchObject({ message: expect.stringMatching(/no image, video or document header/) });
    expect(sim.broadcasts).toHaveLength(sends);
  });

  it('the simulator answers 422 like the Hub when header or buttons are missing or wrong', async () => {
    const t = sim.template('invoice_document');
    const base = { to_number: '628117661000', to_name: 'B', message_template_id: t.id, channel_integration_id: DOC_CHANNEL_ID, language: { code: 'id' } };
    const body = [{ key: '1', value: 'full_name', value_text: 'B' }];
    const missing = await raw('/api/open/v1/broadcasts/whatsapp/direct', { ...base, parameters: { body } });
    expect(missing.status).toBe(422);
    expect(missing.json.error!.messages).toEqual(['parameters header is missing: the message template has a DOCUMENT header', 'parameters buttons index 0 is missing: button "Bayar" needs a value']);
    const wrong = await raw('/api/open/v1/broadcasts/whatsapp/direct', {
      ...base,
      parameters: { body, header: { format: 'IMAGE', params: [{ key: 'url', value: 'https://x.example.com/a.pdf' }] }, buttons: [{ index: 0, type: 'url', value: 'X' }] },
    });
    expect(wrong.json.error!.messages).toEqual([
      'parameters[header][format] must be DOCUMENT',
      'parameters[header][params] filename is missing',
      'parameters[buttons][0][index] is invalid',
      'parameters buttons index 0 is missing: button "Bayar" needs a value',
    ]);
  });
});

describe('room replies', () => {
  it('posts the text into the room as the multipart form the Swagger gives', async () => {
    const { room } = await sim.customerMessage({ phone: '628117661001', name: 'Sari', text: 'halo' });
    const r = await qontak.send(ctx(), { ...person, peerId: '628117661001', conversation: { id: room.id, at: Date.now() } }, { kind: 'text', text: 'Halo Sari' });
    expect(r).toEqual({ providerMessageId: null });
    const req = sim.requestsTo('/api/open/v1/messages/whatsapp/bot').at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toMatch(/^Bearer /);
    expect(req.form).toEqual({ room_id: room.id, type: 'text', text: 'Halo Sari' });
  });

  it('refuses without a room, or after the 24-hour window, saying to send a template', async () => {
    await expect(qontak.send(ctx(), person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/Send an approved template/) });
    const old = { id: 'room-1', at: Date.now() - SESSION_MS - 1000 };
    await expect(qontak.send(ctx(), { ...person, conversation: old }, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/more than 24 hours/) });
  });

  it('the simulator refuses an unknown room and a missing text with 422', async () => {
    expect((await raw('/api/open/v1/messages/whatsapp/bot', { room_id: 'nope', type: 'text', text: 'x' })).json.error!.messages).toEqual(['Room not found']);
    expect((await raw('/api/open/v1/messages/whatsapp/bot', { room_id: 'nope', type: 'text' })).json.error!.messages).toEqual(['text is missing']);
  });
});
