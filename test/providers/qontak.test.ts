// The Qontak Hub adapter against its simulator: exact requests, OAuth token upkeep, documented
// answers and failures, template checks before sending, and the broadcast log read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qontak } from '../../electron/services/providers/qontak';
import type { AccountContext, OutgoingMessage, SendTarget, TemplateParam } from '../../electron/services/providers/types';
import { DOC_CHANNEL_ID, DOC_TEMPLATE_BODY, DOC_TEMPLATE_ID, QontakSimulator } from '../simulators/qontak/server';

let sim: QontakSimulator;
beforeAll(async () => {
  sim = await QontakSimulator.start({ username: 'owner@example.com', password: 'fake-password', clientId: 'fake-client-id', clientSecret: 'fake-client-secret' });
});
afterAll(() => sim.close());

type Ctx = AccountContext & { saved: Record<string, string>[] };

/** A fresh account (no tokens yet) whose saveSecrets calls are recorded. */
function account(over: { config?: Record<string, string>; secrets?: Record<string, string> } = {}): Ctx {
  const saved: Record<string, string>[] = [];
  const ctx: Ctx = {
    config: { baseUrl: sim.url, username: 'owner@example.com', channelIntegrationId: DOC_CHANNEL_ID, ...over.config },
    secrets: { password: 'fake-password', clientId: 'fake-client-id', clientSecret: 'fake-client-secret', ...over.secrets },
    saved,
    saveSecrets: async (patch) => {
      saved.push({ ...patch });
    },
  };
  return ctx;
}

const tokenRequests = () => sim.requestsTo('/oauth/token');
const person: SendTarget = { peerId: '628117661000', isGroup: false, name: 'Burhanudin Hakim' };
const docTemplate = { id: DOC_TEMPLATE_ID, name: 'message', language: 'id', body: DOC_TEMPLATE_BODY };
const invoice = (params: TemplateParam[] = [{ key: '1', text: 'Burhanudin Hakim', label: 'full_name' }]): OutgoingMessage => ({ kind: 'template', template: docTemplate, params });

describe('signing in and testing the connection', () => {
  it('signs in with the documented password grant, saves the tokens under internal keys, and counts WhatsApp channels', async () => {
    const ctx = account();
    const r = await qontak.testConnection(ctx);
    expect(r).toEqual({ ok: true, status: 'connected', message: 'Connected. Qontak Hub lists 2 WhatsApp channels for this account.', key: 'errors.connection.qontakChannels', params: { count: 2 } });
    expect(tokenRequests().at(-1)).toMatchObject({
      method: 'POST',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      json: { username: 'owner@example.com', password: 'fake-password', grant_type: 'password', client_id: 'fake-client-id', client_secret: 'fake-client-secret' },
    });
    const list = sim.requestsTo('/api/open/v1/integrations').at(-1)!;
    expect(list.query).toEqual({ target_channel: 'wa' });
    expect(list.headers.authorization).toBe(`Bearer ${ctx.secrets._accessToken}`);
    expect(ctx.saved).toHaveLength(1);
    expect(Object.keys(ctx.saved[0]!).sort()).toEqual(['_accessToken', '_refreshToken', '_tokenExpiresAt', '_tokenOwner']);
    expect(Number(ctx.saved[0]!._tokenExpiresAt)).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });

  it('reports a wrong password as rejected credentials, in words, without the password', async () => {
    const r = await qontak.testConnection(account({ secrets: { password: 'wrong-pass' } }));
    expect(r).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringMatching(/rejected the username or password/) });
    expect(r.detail).toContain('invalid_grant');
    expect(r.detail).not.toContain('wrong-pass');
  });

  it('tells a wrong client id or secret apart from a wrong password', async () => {
    const r = await qontak.testConnection(account({ secrets: { clientSecret: 'nope' } }));
    expect(r).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringMatching(/client id or client secret/) });
  });

  it('also takes a Doorkeeper 400 invalid_grant as a wrong password', async () => {
    sim.failNext(1, { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid' } }, '/oauth/token');
    expect(await qontak.testConnection(account())).toMatchObject({ ok: false, status: 'credentials_rejected' });
  });

  it('reports a server error at sign-in and an address with nothing listening as unreachable', async () => {
    sim.failNext(1, { status: 503, body: 'maintenance' }, '/oauth/token');
    expect(await qontak.testConnection(account())).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/HTTP 503/) });
    const r = await qontak.testConnection(account({ config: { baseUrl: 'http://127.0.0.1:9' } }));
    expect(r).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/Couldn't reach Qontak Hub at 127\.0\.0\.1:9/) });
  });

  it('reports a non-JSON answer as unexpected, keeping the detail', async () => {
    sim.failNext(1, { status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } }, '/api/open/v1/integrations');
    expect(await qontak.testConnection(account())).toMatchObject({ ok: false, status: 'unknown', message: expect.stringMatching(/didn't expect/), detail: expect.stringContaining('proxy login') });
  });

  it('says what to do when there is no WhatsApp channel, or the chosen one is gone', async () => {
    sim.failNext(1, { status: 200, body: { status: 'success', data: [], meta: { pagination: { cursor: { next: null, prev: null }, offset: 1, limit: 10, total: 0 } } } }, '/api/open/v1/integrations');
    expect((await qontak.testConnection(account())).message).toMatch(/no WhatsApp channel yet/);
    expect((await qontak.testConnection(account({ config: { channelIntegrationId: 'gone' } }))).message).toMatch(/no longer among them/);
  });

  it('asks for missing settings before calling anyone', async () => {
    const before = sim.requests.length;
    expect(await qontak.testConnection(account({ secrets: { clientSecret: '' } }))).toMatchObject({ ok: false, message: expect.stringMatching(/no client secret saved/) });
    expect(sim.requests.length).toBe(before);
  });
});

describe('keeping the access token fresh', () => {
  it('reuses the saved token instead of signing in on every call', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    const n = tokenRequests().length;
    await qontak.lines!.list(ctx);
    await qontak.templates!.list(ctx);
    expect(tokenRequests().length).toBe(n);
  });

  it('does not reuse a token saved for other credentials', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    // The same keychain entry after the user typed another username (and its password).
    const edited = account({ config: { username: 'someone-else@example.com' }, secrets: { ...ctx.secrets, password: 'their-password' } });
    await expect(qontak.lines!.list(edited)).rejects.toMatchObject({ code: 'credentials_rejected', message: expect.stringMatching(/username or password/) });
    expect(tokenRequests().at(-1)!.json).toMatchObject({ grant_type: 'password', username: 'someone-else@example.com' });
  });

  it('renews with the refresh_token grant shortly before the token expires', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    const { _refreshToken: refresh, _accessToken: old } = ctx.secrets;
    ctx.secrets._tokenExpiresAt = String(Date.now() + 60_000);
    await qontak.lines!.list(ctx);
    expect(tokenRequests().at(-1)!.json).toEqual({ grant_type: 'refresh_token', refresh_token: refresh, client_id: 'fake-client-id', client_secret: 'fake-client-secret' });
    expect(ctx.secrets._accessToken).not.toBe(old);
    expect(sim.requestsTo('/api/open/v1/integrations').at(-1)!.headers.authorization).toBe(`Bearer ${ctx.secrets._accessToken}`);
    expect(ctx.saved).toHaveLength(2);
  });

  it('signs in again with the password when the refresh token is refused', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    Object.assign(ctx.secrets, { _refreshToken: 'revoked-refresh', _tokenExpiresAt: '1' });
    const n = tokenRequests().length;
    await qontak.lines!.list(ctx);
    expect(tokenRequests().slice(n).map((r) => (r.json as { grant_type: string }).grant_type)).toEqual(['refresh_token', 'password']);
  });

  it('reports a refresh that fails for another reason instead of hiding it', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    ctx.secrets._tokenExpiresAt = '1';
    sim.failNext(1, { status: 502, body: 'bad gateway' }, '/oauth/token');
    await expect(qontak.lines!.list(ctx)).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('renews and retries once when the API answers 401', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    sim.expireAllTokens();
    const calls = sim.requestsTo('/api/open/v1/integrations').length;
    const tokens = tokenRequests().length;
    expect(await qontak.lines!.list(ctx)).toHaveLength(2);
    expect(sim.requestsTo('/api/open/v1/integrations').length - calls).toBe(2);
    expect(tokenRequests().slice(tokens).map((r) => (r.json as { grant_type: string }).grant_type)).toEqual(['refresh_token']);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    const calls = sim.requestsTo('/api/open/v1/integrations').length;
    sim.failNext(2, { status: 401, body: { status: 'error', error: { code: 401, messages: ['The access token is invalid'] } } }, '/api/open/v1/integrations');
    await expect(qontak.lines!.list(ctx)).rejects.toMatchObject({ code: 'credentials_rejected', message: expect.stringMatching(/even after signing in again/) });
    expect(sim.requestsTo('/api/open/v1/integrations').length - calls).toBe(2);
  });

  it('signs in once for calls running at the same time', async () => {
    const ctx = account();
    const n = tokenRequests().length;
    const sameAccount = account();
    await Promise.all([qontak.lines!.list(ctx), qontak.templates!.list(ctx), qontak.lines!.list(sameAccount)]);
    expect(tokenRequests().length - n).toBe(1);
    expect(sameAccount.secrets._accessToken).toBe(ctx.secrets._accessToken);
  });
});

describe('channels and templates', () => {
  it('lists WhatsApp channels as lines saved under channelIntegrationId', async () => {
    expect(qontak.lines!.configKey).toBe('channelIntegrationId');
    const lines = await qontak.lines!.list(account());
    expect(lines[0]).toEqual({ id: DOC_CHANNEL_ID, label: 'Qontak', detail: '6288233262100' });
    expect(lines.map((l) => l.label)).toEqual(['Qontak', 'Toko Ada']);
  });

  it('lists templates with the documented fields', async () => {
    const templates = await qontak.templates!.list(account());
    expect(templates[0]).toEqual({
      id: DOC_TEMPLATE_ID,
      name: 'message',
      language: 'id',
      header: null,
      headerFormat: null,
      buttons: [],
      body: DOC_TEMPLATE_BODY,
      footer: null,
      status: 'APPROVED',
      category: 'PAYMENT_UPDATE',
    });
    expect(templates.map((t) => t.name)).toEqual(['message', 'order_shipped', 'welcome_offer', 'promo_draft', 'invoice_document', 'promo_image']);
    expect(templates[1]).toMatchObject({ header: 'Order update', headerFormat: 'TEXT' });
    expect(templates[4]).toMatchObject({ header: null, headerFormat: 'DOCUMENT', buttons: [{ type: 'URL', text: 'Bayar', url: 'https://pay.example.com/invoice/{{1}}' }] });
  });

  it('follows next cursors page by page', async () => {
    const paged = await QontakSimulator.start({ password: 'p', clientId: 'c', clientSecret: 's', pageSize: 1 });
    try {
      const ctx: AccountContext = { config: { baseUrl: paged.url, username: paged.username }, secrets: { password: 'p', clientId: 'c', clientSecret: 's' } };
      expect(await qontak.templates!.list(ctx)).toHaveLength(6);
      const reqs = paged.requestsTo('/api/open/v1/templates/whatsapp');
      expect(reqs.map((r) => r.query.cursor_direction ?? null)).toEqual([null, 'after', 'after', 'after', 'after', 'after']);
      expect((await qontak.lines!.list(ctx)).map((l) => l.label)).toEqual(['Qontak', 'Toko Ada']);
      expect(paged.requestsTo('/api/open/v1/integrations').at(-1)!.query).toEqual({ target_channel: 'wa', cursor: expect.any(String), cursor_direction: 'after' });
    } finally {
      await paged.close();
    }
  });

  it("stops when it holds `total` items even if a next cursor is given (the doc's own sample)", async () => {
    const ctx = account();
    await qontak.lines!.list(ctx);
    const calls = sim.requestsTo('/api/open/v1/templates/whatsapp').length;
    const page = { status: 'success', data: [{ id: DOC_TEMPLATE_ID, name: 'message', language: 'id', header: null, body: DOC_TEMPLATE_BODY, footer: null, status: 'APPROVED', category: 'PAYMENT_UPDATE' }] };
    sim.failNext(1, { status: 200, body: { ...page, meta: { pagination: { cursor: { next: 'MTU5MTI1OTg5OC45NzQwMDAy', prev: 'MTU5NTkwODgwNy4yNjQ5OTk5' }, offset: 1, limit: 48, total: 1 } } } }, '/api/open/v1/templates/whatsapp');
    expect(await qontak.templates!.list(ctx)).toHaveLength(1);
    expect(sim.requestsTo('/api/open/v1/templates/whatsapp').length - calls).toBe(1);
  });
});

describe('sending templates', () => {
  it('sends the documented direct broadcast and returns the broadcast id, not a message id', async () => {
    const r = await qontak.send(account(), person, invoice());
    const req = sim.requestsTo('/api/open/v1/broadcasts/whatsapp/direct').at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.json).toEqual({
      to_number: '628117661000',
      to_name: 'Burhanudin Hakim',
      message_template_id: DOC_TEMPLATE_ID,
      channel_integration_id: DOC_CHANNEL_ID,
      language: { code: 'id' },
      parameters: { body: [{ key: '1', value: 'full_name', value_text: 'Burhanudin Hakim' }] },
    });
    expect(r).toEqual({ providerMessageId: null, broadcastId: sim.broadcasts.at(-1)!.id });
  });

  it('uses the number as to_name and the key as value when they are not given', async () => {
    await qontak.send(account(), { peerId: '628117661001', isGroup: false }, invoice([{ key: '1', text: 'Ada' }]));
    expect(sim.requestsTo('/api/open/v1/broadcasts/whatsapp/direct').at(-1)!.json).toMatchObject({ to_name: '628117661001', parameters: { body: [{ key: '1', value: '1', value_text: 'Ada' }] } });
  });

  it("reads the template's text and language from the Hub when the ref lacks them, and orders params as the template does", async () => {
    const shipped = sim.template('order_shipped');
    const params = [
      { key: '3', text: 'https://track.example.com/1' },
      { key: '1', text: 'Ada' },
      { key: '2', text: '#1001' },
    ];
    await qontak.send(account(), person, { kind: 'template', template: { id: shipped.id, name: shipped.name }, params });
    expect(sim.requestsTo('/api/open/v1/broadcasts/whatsapp/direct').at(-1)!.json).toMatchObject({
      language: { code: 'en' },
      parameters: { body: [{ key: '1', value_text: 'Ada' }, { key: '2', value_text: '#1001' }, { key: '3', value_text: 'https://track.example.com/1' }] },
    });
  });

  it('refuses missing and extra values before sending, naming them', async () => {
    const shipped = sim.template('order_shipped');
    const n = sim.requestsTo('/api/open/v1/broadcasts/whatsapp/direct').length;
    const message: OutgoingMessage = { kind: 'template', template: { id: shipped.id, name: shipped.name, language: 'en', body: shipped.body }, params: [{ key: '1', text: 'Ada' }, { key: '4', text: 'x' }] };
    // One problem at a time, each a whole sentence with its wording: what is missing first, then what is not in the template.
    await expect(qontak.send(account(), person, message)).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/needs a value for \{\{2\}\}, \{\{3\}\}\.$/),
      key: 'errors.qontak.templateMissing',
      params: { name: shipped.name, keys: '{{2}}, {{3}}' },
    });
    const stray: OutgoingMessage = { ...message, params: ['1', '2', '3', '4'].map((key) => ({ key, text: 'x' })) } as OutgoingMessage;
    await expect(qontak.send(account(), person, stray)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/\{\{4\}\} is not in the template/), key: 'errors.qontak.templateExtraOne', params: { keys: '{{4}}' } });
    await expect(qontak.send(account(), person, invoice([{ key: '1', text: '  ' }]))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/\{\{1\}\} is empty/), key: 'errors.qontak.templateEmptyOne' });
    expect(sim.requestsTo('/api/open/v1/broadcasts/whatsapp/direct').length).toBe(n);
  });

  it('refuses what Qontak Hub cannot send, and asks for a channel when none is chosen', async () => {
    await expect(qontak.send(account(), person, { kind: 'location', name: 'Shop', lat: 1, lng: 2 })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/templates only/) });
    await expect(qontak.send(account(), person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/after the customer has written to you/) });
    await expect(qontak.send(account(), { peerId: '120363040000000000@g.us', isGroup: true }, invoice())).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/not to groups/) });
    await expect(qontak.send(account({ config: { channelIntegrationId: '' } }), person, invoice())).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/pick a channel/) });
  });

  it("says why when the template is gone or the Hub refuses the send (422), in Qontak's words", async () => {
    await expect(qontak.send(account(), person, { kind: 'template', template: { id: 'deleted-id', name: 'old_promo' }, params: [] })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/"old_promo" is no longer on Qontak Hub/) });
    const draft = sim.template('promo_draft');
    const message: OutgoingMessage = { kind: 'template', template: { id: draft.id, name: draft.name, language: draft.language, body: draft.body }, params: [{ key: '1', text: 'Lebaran' }] };
    await expect(qontak.send(account(), person, message)).rejects.toMatchObject({ code: 'validation', message: 'Qontak Hub refused the request: Message template is not approved' });
  });

  it('treats a 200 whose status is not "success" as a failure', async () => {
    sim.failNext(1, { status: 200, body: { status: 'error', error: { code: 400, messages: ['Quota exceeded'] } } }, '/api/open/v1/broadcasts/whatsapp/direct');
    await expect(qontak.send(account(), person, invoice())).rejects.toMatchObject({ message: expect.stringContaining('Quota exceeded') });
  });

  it('reports a 5xx as a problem at Qontak worth retrying', async () => {
    sim.failNext(1, { status: 500, body: { status: 'error', error: { code: 500, messages: ['Internal server error'] } } }, '/api/open/v1/broadcasts/whatsapp/direct');
    await expect(qontak.send(account(), person, invoice())).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/had a problem \(HTTP 500\)/) });
  });
});

describe('delivery status from the broadcast log', () => {
  const lookup = (ctx: AccountContext, broadcastId: string | null, to = '628117661000') => qontak.reports!.lookup!(ctx, { providerMessageId: null, broadcastId, to });

  it('reads nothing new while pending, then sent, delivered and read, keyed by the broadcast id', async () => {
    const ctx = account();
    const { broadcastId } = await qontak.send(ctx, person, invoice());
    expect(await lookup(ctx, broadcastId!)).toBeNull();
    expect(sim.requestsTo(`/api/open/v1/broadcasts/${broadcastId}/whatsapp/log`).at(-1)!.method).toBe('GET');
    for (const status of ['sent', 'delivered', 'read'] as const) {
      sim.setBroadcastStatus(broadcastId!, status);
      expect(await lookup(ctx, broadcastId!)).toEqual({ type: 'status', providerMessageId: broadcastId, broadcastId, status, at: expect.any(Number) });
    }
  });

  it("reports a failure with WhatsApp's reason", async () => {
    const ctx = account();
    const { broadcastId } = await qontak.send(ctx, person, invoice());
    sim.setBroadcastStatus(broadcastId!, 'failed', 'Recipient is not a WhatsApp user');
    expect(await lookup(ctx, broadcastId!)).toEqual({ type: 'status', providerMessageId: broadcastId, broadcastId, status: 'failed', error: 'Recipient is not a WhatsApp user', permanent: true, at: expect.any(Number) });
    sim.setBroadcastStatus(broadcastId!, 'failed', 'Rate limit hit, try again later');
    expect(await lookup(ctx, broadcastId!)).toMatchObject({ status: 'failed', permanent: false });
  });

  it('has nothing to look up without a broadcast id, and says so when the Hub no longer knows it', async () => {
    expect(await lookup(account(), null)).toBeNull();
    await expect(lookup(account(), '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });
});
