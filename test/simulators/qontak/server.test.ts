// The simulator's own contract: what the Qontak Hub doc promises, and the decided behaviour where
// the doc is silent. The adapter tests rely on every line of this.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOC_CHANNEL_ID, DOC_TEMPLATE_BODY, DOC_TEMPLATE_ID, QontakSimulator } from './server';

let sim: QontakSimulator;
beforeEach(async () => {
  sim = await QontakSimulator.start({ username: 'owner@example.com', password: 'pw-1', clientId: 'cid', clientSecret: 'csecret' });
});
afterEach(() => sim.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

const passwordGrant = { username: 'owner@example.com', password: 'pw-1', grant_type: 'password', client_id: 'cid', client_secret: 'csecret' };

async function token(): Promise<{ access_token: string; refresh_token: string }> {
  return (await (await post('/oauth/token', passwordGrant)).json()) as { access_token: string; refresh_token: string };
}

async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Response> {
  const bearer = init.token ?? (await token()).access_token;
  return fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${bearer}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const direct = (over: Record<string, unknown> = {}) => ({
  to_number: '628117661000',
  to_name: 'Burhanudin Hakim',
  message_template_id: DOC_TEMPLATE_ID,
  channel_integration_id: DOC_CHANNEL_ID,
  language: { code: 'id' },
  parameters: { body: [{ key: '1', value: 'full_name', value_text: 'Burhanudin Hakim' }] },
  ...over,
});

describe('OAuth token endpoint', () => {
  it('issues a token for the documented password grant, in the documented shape', async () => {
    const res = await post('/oauth/token', passwordGrant);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 31_536_000, refresh_token: expect.any(String), created_at: expect.any(Number) });
    expect(sim.tokensIssued).toBe(1);
  });

  it('rejects a wrong password with 401 invalid_grant and a wrong client with 401 invalid_client', async () => {
    const wrong = await post('/oauth/token', { ...passwordGrant, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('authorization grant is invalid') });
    const client = await post('/oauth/token', { ...passwordGrant, client_secret: 'nope' });
    expect(client.status).toBe(401);
    expect(((await client.json()) as { error: string }).error).toBe('invalid_client');
    expect(sim.tokensIssued).toBe(0);
  });

  it('refreshes with the refresh_token grant, revoking the old pair', async () => {
    const first = await token();
    const res = await post('/oauth/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'cid', client_secret: 'csecret' });
    expect(res.status).toBe(200);
    const second = (await res.json()) as { access_token: string };
    expect(second.access_token).not.toBe(first.access_token);
    expect((await api('/api/open/v1/integrations', { token: first.access_token })).status).toBe(401);
    expect((await api('/api/open/v1/integrations', { token: second.access_token })).status).toBe(200);
    const reused = await post('/oauth/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'cid', client_secret: 'csecret' });
    expect(reused.status).toBe(401);
  });

  it('refuses missing and unsupported grant types, and takes form-encoded bodies too', async () => {
    expect((await post('/oauth/token', { ...passwordGrant, grant_type: undefined })).status).toBe(400);
    expect(((await (await post('/oauth/token', { ...passwordGrant, grant_type: 'client_credentials' })).json()) as { error: string }).error).toBe('unsupported_grant_type');
    const form = await fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(passwordGrant).toString() });
    expect(form.status).toBe(200);
  });
});

describe('API authentication', () => {
  it('needs a bearer token, and refuses expired ones (tokenTtlSeconds, expireAllTokens)', async () => {
    const none = await fetch(`${sim.url}/api/open/v1/integrations`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ status: 'error', error: { code: 401, messages: ['The access token is invalid'] } });
    expect(none.headers.get('www-authenticate')).toContain('invalid_token');
    const t = await token();
    sim.expireAllTokens();
    const expired = await api('/api/open/v1/integrations', { token: t.access_token });
    expect(await expired.json()).toEqual({ status: 'error', error: { code: 401, messages: ['The access token expired'] } });
  });

  it('lets tokens run out after tokenTtlSeconds', async () => {
    const short = await QontakSimulator.start({ password: 'p', clientId: 'c', clientSecret: 's', tokenTtlSeconds: 1 });
    try {
      const res = await fetch(`${short.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...passwordGrant, password: 'p', client_id: 'c', client_secret: 's' }) });
      const t = (await res.json()) as { access_token: string; expires_in: number };
      expect(t.expires_in).toBe(1);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await fetch(`${short.url}/api/open/v1/templates/whatsapp`, { headers: { Authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await api('/api/open/v1/nothing')).status).toBe(404);
    const wrong = await api('/api/open/v1/templates/whatsapp', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('lists', () => {
  it('lists WhatsApp channels in the documented shape, filtered by target_channel', async () => {
    const body = (await (await api('/api/open/v1/integrations?target_channel=wa')).json()) as { status: string; data: Record<string, unknown>[]; meta: unknown };
    expect(body.status).toBe('success');
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toEqual({
      id: DOC_CHANNEL_ID,
      target_channel: 'wa',
      webhook: expect.any(String),
      settings: { domain_server: 'https://api-whatsapp.qontak.net', authorization: expect.any(String), account_name: 'Qontak', server_wa_id: '6288233262100' },
      organization_id: expect.any(String),
      created_at: '2020-07-28T02:43:30.060+00:00',
    });
    expect(body.meta).toEqual({ pagination: { cursor: { next: null, prev: null }, offset: 1, limit: 10, total: 2 } });
    const all = (await (await api('/api/open/v1/integrations')).json()) as { data: unknown[] };
    expect(all.data).toHaveLength(3);
  });

  it("lists templates including the doc's, and pages with cursors", async () => {
    const first = (await (await api('/api/open/v1/templates/whatsapp?limit=2')).json()) as { data: Record<string, unknown>[]; meta: { pagination: { cursor: { next: string } } } };
    expect(first.data[0]).toEqual({ id: DOC_TEMPLATE_ID, name: 'message', language: 'id', header: null, body: DOC_TEMPLATE_BODY, footer: null, status: 'APPROVED', category: 'PAYMENT_UPDATE' });
    const next = first.meta.pagination.cursor.next;
    expect(next).toEqual(expect.any(String));
    const second = (await (await api(`/api/open/v1/templates/whatsapp?limit=2&cursor=${encodeURIComponent(next)}&cursor_direction=after`)).json()) as {
      data: { name: string }[];
      meta: { pagination: Record<string, unknown> };
    };
    expect(second.data.map((t) => t.name)).toEqual(['welcome_offer', 'promo_draft']);
    expect(second.meta.pagination).toMatchObject({ offset: 3, total: 6, cursor: { next: expect.any(String) } });
    expect((await api('/api/open/v1/templates/whatsapp?cursor=bogus')).status).toBe(422);
  });
});

describe('direct broadcast', () => {
  it('accepts the documented request and answers the documented body with a fresh broadcast id', async () => {
    const res = await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: direct() });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; data: Record<string, unknown> };
    expect(body).toEqual({
      status: 'success',
      data: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Burhanudin Hakim',
        organization_id: expect.any(String),
        channel_integration_id: DOC_CHANNEL_ID,
        contact_list_id: null,
        contact_id: expect.any(String),
        target_channel: 'wa',
        parameters: { header: {}, body: { '1': 'full_name' } },
        created_at: expect.any(String),
        message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
        message_template: { id: DOC_TEMPLATE_ID, name: 'message', language: 'id', header: null, body: DOC_TEMPLATE_BODY, footer: null, status: 'APPROVED', category: 'PAYMENT_UPDATE' },
      },
    });
    expect(sim.broadcasts).toEqual([{ id: body.data.id, request: direct(), status: 'pending', error: null }]);
  });

  it('names every missing field at once', async () => {
    const res = await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: { to_number: '628117661000', parameters: { body: [{ key: '1' }] } } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { messages: string[] } }).error.messages).toEqual([
      'to_name is missing',
      'message_template_id is missing',
      'channel_integration_id is missing',
      'language[code] is missing',
      'parameters[body][0][value] is missing',
      'parameters[body][0][value_text] is missing',
    ]);
  });

  it.each([
    ['an unknown channel', { channel_integration_id: '00000000-0000-0000-0000-000000000000' }, 'Channel integration not found'],
    ['an unknown template', { message_template_id: '00000000-0000-0000-0000-000000000000' }, 'Message template not found'],
    ['a number with a plus', { to_number: '+628117661000' }, 'to_number is invalid'],
    ['the wrong language', { language: { code: 'en' } }, 'Language en does not match the message template (id)'],
    ['a missing placeholder', { parameters: { body: [] } }, 'parameters body {{1}} is missing'],
    ['an extra placeholder', { parameters: { body: [{ key: '1', value: 'a', value_text: 'A' }, { key: '2', value: 'b', value_text: 'B' }] } }, 'parameters body {{2}} is not in the message template'],
  ])('refuses %s with 422', async (_what, over, message) => {
    const res = await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: direct(over) });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ status: 'error', error: { code: 422, messages: [message] } });
    expect(sim.broadcasts).toHaveLength(0);
  });

  it('refuses a template that is not approved', async () => {
    const draft = sim.template('promo_draft');
    const res = await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: direct({ message_template_id: draft.id }) });
    expect(((await res.json()) as { error: { messages: string[] } }).error.messages).toEqual(['Message template is not approved']);
  });

  it('keeps a log per broadcast whose status the test moves along', async () => {
    const sent = (await (await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: direct() })).json()) as { data: { id: string } };
    const id = sent.data.id;
    const log = async () => ((await (await api(`/api/open/v1/broadcasts/${id}/whatsapp/log`)).json()) as { status: string; data: Record<string, unknown>[] });
    expect((await log()).data[0]).toMatchObject({ messages_broadcast_id: id, contact_phone_number: '628117661000', contact_full_name: 'Burhanudin Hakim', status: 'pending', whatsapp_message_id: null });
    sim.setBroadcastStatus(id, 'delivered');
    expect((await log()).data[0]).toMatchObject({ status: 'delivered', whatsapp_message_id: expect.stringMatching(/^wamid\./) });
    sim.setBroadcastStatus(id, 'failed', 'Recipient is not a WhatsApp user');
    expect((await log()).data[0]).toMatchObject({ status: 'failed', whatsapp_error_message: 'Recipient is not a WhatsApp user' });
    const unknown = await api('/api/open/v1/broadcasts/00000000-0000-0000-0000-000000000000/whatsapp/log');
    expect(unknown.status).toBe(404);
    expect(() => sim.setBroadcastStatus('nope', 'sent')).toThrow(/No broadcast/);
  });
});

describe('fault injection and the control page', () => {
  it('answers injected faults for the given path, recording the request first', async () => {
    sim.failNext(1, { status: 503, body: 'maintenance' }, '/oauth/token');
    const res = await post('/oauth/token', passwordGrant);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('maintenance');
    expect(sim.requestsTo('/oauth/token')).toHaveLength(1);
    expect((await post('/oauth/token', passwordGrant)).status).toBe(200);
  });

  it('drops the connection when asked', async () => {
    sim.failNext(1, { status: 0, destroy: true });
    await expect(post('/oauth/token', passwordGrant)).rejects.toThrow();
  });

  it('moves broadcasts and expires tokens from /_sim', async () => {
    const sent = (await (await api('/api/open/v1/broadcasts/whatsapp/direct', { method: 'POST', body: direct() })).json()) as { data: { id: string } };
    expect((await fetch(sim.controlUrl)).headers.get('content-type')).toContain('text/html');
    expect((await post('/_sim/status', { broadcastId: sent.data.id, status: 'read' })).status).toBe(200);
    expect(sim.broadcasts[0]!.status).toBe('read');
    const t = await token();
    await post('/_sim/expire-tokens', {});
    expect((await api('/api/open/v1/integrations', { token: t.access_token })).status).toBe(401);
  });
});
