// The simulator's own contract: what the WhatsApp bot API doc promises, and the decided behaviour
// where the doc is silent. Adapter tests elsewhere rely on every line of this.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiSimulator } from './server';

let sim: BotApiSimulator;

beforeEach(async () => {
  sim = await BotApiSimulator.start({ bearerToken: 'test-token', qrTtlMs: 60_000 });
});
afterEach(async () => {
  await sim.close();
});

const auth = { Authorization: 'Bearer test-token' };

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
}

function json(method: string, path: string, body: unknown): Promise<Response> {
  return api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

const creds = (i: { sessionId: string; accessToken: string }): string => `session_id=${i.sessionId}&access_token=${i.accessToken}`;

describe('authentication', () => {
  it('rejects a missing or wrong bearer token with 401 Unauthorized, and records the request', async () => {
    const missing = await fetch(`${sim.url}/whatsapp`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ status: false, message: 'Unauthorized' });
    const wrong = await fetch(`${sim.url}/whatsapp`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(sim.requestsTo('/whatsapp')).toHaveLength(2);
  });

  it('needs session_id and access_token on instance endpoints, from the query or the body', async () => {
    const inst = sim.addInstance({ connected: true });
    // Reference note §B engine errors: 403 {error:true, message:"no key query was present" | "invalid key supplied"}.
    const none = await api('/whatsapp/instance?session_id=&access_token=');
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ error: true, message: 'no key query was present' });
    const bad = await api(`/whatsapp/instance?session_id=${inst.sessionId}&access_token=0000-0000-0000-0000-0000`);
    expect(bad.status).toBe(403);
    expect(await bad.json()).toEqual({ error: true, message: 'invalid key supplied' });
    const inBody = await json('POST', '/whatsapp/message', { session_id: inst.sessionId, access_token: inst.accessToken, chatId: '2348012345678', message: 'hi' });
    expect(inBody.status).toBe(200);
  });

  it("accepts the doc's curl --data bodies (JSON sent as urlencoded)", async () => {
    const inst = sim.addInstance({ connected: true });
    const body = JSON.stringify({ session_id: inst.sessionId, access_token: inst.accessToken, to: '2348179803743', message: 'Hello sir 3.' });
    const res = await api('/whatsapp/message/sendText', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(200);
    expect(sim.requestsTo('/whatsapp/message/sendText')[0]?.json).toMatchObject({ to: '2348179803743' });
  });

  it('answers unknown paths and wrong methods like Express, and malformed JSON with 400', async () => {
    const unknown = await api('/whatsapp/nothing/here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: false, message: 'Cannot GET /whatsapp/nothing/here' });
    const wrongMethod = await api('/whatsapp/init');
    expect(await wrongMethod.json()).toEqual({ status: false, message: 'Cannot GET /whatsapp/init' });
    const malformed = await api('/whatsapp/createNewWhatsapp', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ status: false, message: 'Invalid JSON body' });
  });
});

describe('instance lifecycle', () => {
  it('creates an instance in the documented shape with status CREATED', async () => {
    const res = await json('POST', '/whatsapp/createNewWhatsapp', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: boolean; message: string; data: Record<string, unknown> & { settings: Record<string, unknown> } };
    expect(body.status).toBe(true);
    expect(body.message).toBe('Whatsapp created successfully!');
    expect(body.data._id).toMatch(/^[0-9a-f]{24}$/);
    expect(body.data.session_id).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){4}$/);
    expect(body.data.settings.access_token).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){4}$/);
    expect(body.data.settings.status).toBe('CREATED');
    expect(body.data.__v).toBe(0);
    expect(sim.instance(body.data.session_id as string)?.status).toBe('CREATED');
  });

  it('runs the QR flow: init 204, QR page and base64 text, scan, then 204 and a connected instance', async () => {
    const inst = sim.addInstance();
    const early = await api(`/whatsapp/scan?${creds(inst)}`);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({ status: false, message: 'Instance not initialized' });

    const init = await json('POST', '/whatsapp/init', { session_id: inst.sessionId, access_token: inst.accessToken, config: { multiDevice: true } });
    expect(init.status).toBe(204);
    expect(await init.text()).toBe('');
    expect(sim.instance(inst.sessionId)?.status).toBe('INITIALIZED');
    expect(sim.instance(inst.sessionId)?.qr).toMatch(new RegExp(`^2@[A-Za-z0-9+/=]+,${inst.sessionId}$`));

    // Reference note, Endpoints: GET /whatsapp/scan → "QR (page / base64 text)".
    const page = await api(`/whatsapp/scan?${creds(inst)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const img = /<img[^>]+src="data:image\/png;base64,([^"]+)"/.exec(await page.text());
    expect(Buffer.from(img![1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const text = await api(`/whatsapp/scan?${creds(inst)}&format=base64text`);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toMatch(/^data:image\/png;base64,/);

    sim.scan(inst.sessionId, '2348012345678', 'Shop Phone');
    const after = await api(`/whatsapp/scan?${creds(inst)}`);
    expect(after.status).toBe(204);

    const info = await api(`/whatsapp/instance/?${creds(inst)}&format=base64`);
    expect(await info.json()).toEqual({
      status: true,
      message: 'Status checked successfully',
      data: {
        error: false,
        message: 'Instance fetched successfully',
        instance_data: { instance_key: inst.sessionId, phone_connected: true, webhookUrl: null, user: { id: '2348012345678:8@s.whatsapp.net', name: 'Shop Phone' } },
      },
    });
    expect(() => sim.scan(inst.sessionId)).toThrow(/not showing a QR/);
  });

  it('rotates the QR every qrTtlMs', async () => {
    await sim.close();
    sim = await BotApiSimulator.start({ bearerToken: 'test-token', qrTtlMs: 50 });
    const inst = sim.addInstance();
    await json('POST', `/whatsapp/init?${creds(inst)}`, {});
    const first = sim.instance(inst.sessionId)?.qr;
    await new Promise((r) => setTimeout(r, 80));
    expect(sim.instance(inst.sessionId)?.qr).not.toBe(first);
  });

  it('logs out (204, a new init and scan needed), lists and deletes', async () => {
    const inst = sim.addInstance({ connected: true, phone: '2348011111111' });
    const list = (await (await api('/whatsapp')).json()) as { data: { _id: string; settings: { bot_number?: string; status: string } }[] };
    expect(list.data).toEqual([expect.objectContaining({ _id: inst.id, settings: expect.objectContaining({ bot_number: '2348011111111', status: 'CONNECTED' }) })]);

    const logout = await api(`/whatsapp/instance/logout/${inst.id}?${creds(inst)}`);
    expect(logout.status).toBe(204);
    expect(sim.instance(inst.sessionId)).toMatchObject({ status: 'LOGGED_OUT', phone: null, name: null });
    expect((await api(`/whatsapp/scan?${creds(inst)}`)).status).toBe(400);

    const del = await api(`/whatsapp/${inst.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(sim.instance(inst.sessionId)).toBeUndefined();
    expect((await api(`/whatsapp/${inst.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('updates settings and answers the Mongo update result', async () => {
    const inst = sim.addInstance();
    const res = await json('PUT', `/whatsapp/updateActiveHours?${creds(inst)}`, { from: '08:00', to: '17:00' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: true,
      message: 'Whatsapp settings updated successfully!',
      data: { acknowledged: true, modifiedCount: 1, upsertedId: null, upsertedCount: 0, matchedCount: 1 },
    });
    expect(sim.instance(inst.sessionId)?.settings).toMatchObject({ active_hours: { from: '08:00', to: '17:00' } });
  });
});

describe('sending', () => {
  it('refuses to send while not connected, after checking required fields', async () => {
    const inst = sim.addInstance();
    const missing = await json('POST', `/whatsapp/message?${creds(inst)}`, { message: 'hi' });
    expect(await missing.json()).toEqual({ status: false, message: 'chatId is required' });
    // Reference note §B engine errors: 401 {error:true, message:"phone isn't connected"}.
    const offline = await json('POST', `/whatsapp/message?${creds(inst)}`, { chatId: '2348012345678', message: 'hi' });
    expect(offline.status).toBe(401);
    expect(await offline.json()).toEqual({ error: true, message: "phone isn't connected" });
  });

  it('answers a number that is not on WhatsApp with the engine\'s 500 "no account exists"', async () => {
    const inst = sim.addInstance({ connected: true });
    sim.notOnWhatsApp('2348000000404');
    // Reference note §B engine errors: generic {error:true, code, message}, 500 "no account exists".
    const res = await json('POST', `/whatsapp/message?${creds(inst)}`, { chatId: '2348000000404', message: 'hi' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: true, code: 500, message: 'no account exists' });
  });

  it('refuses a file by URL without a mimetype', async () => {
    const inst = sim.addInstance({ connected: true });
    const form = new FormData();
    for (const [k, v] of Object.entries({ chatId: '2348012345678', url: 'https://example.test/file', type: 'document' })) form.set(k, v);
    const res = await api(`/whatsapp/message/fileurl?${creds(inst)}`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: false, message: 'mimetype is required' });
  });

  it('answers documented 204s with an empty body and 200 bodies for image and sendText', async () => {
    const inst = sim.addInstance({ connected: true });
    const button = await json('POST', `/whatsapp/message/button?${creds(inst)}`, { chatId: '2348012345678', btndata: { text: 'Hi', buttons: [] } });
    expect(button.status).toBe(204);
    expect(await button.text()).toBe('');
    expect((await json('POST', `/whatsapp/message/list?${creds(inst)}`, { chatId: '2348012345678' })).status).toBe(400);

    const form = new FormData();
    form.set('chatId', '2348012345678');
    form.set('caption', 'Yo');
    form.set('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000030806000000', 'hex')], { type: 'image/png' }), 'pic.png');
    const image = await api(`/whatsapp/message/image?${creds(inst)}`, { method: 'POST', body: form });
    expect(image.status).toBe(200);
    const body = (await image.json()) as { data: { key: { id: string; remoteJid: string; fromMe: boolean }; message: { imageMessage: Record<string, unknown> } } };
    expect(body.data.key).toEqual({ remoteJid: '2348012345678@s.whatsapp.net', fromMe: true, id: expect.stringMatching(/^BAE5[0-9A-F]{12}$/) });
    expect(body.data.message.imageMessage).toMatchObject({ mimetype: 'image/png', caption: 'Yo', width: 2, height: 3 });
    expect(sim.requestsTo('/whatsapp/message/image')[0]?.files?.file?.filename).toBe('pic.png');

    const noFile = new FormData();
    noFile.set('chatId', '2348012345678');
    const video = await api(`/whatsapp/message/video?${creds(inst)}`, { method: 'POST', body: noFile });
    expect(await video.json()).toEqual({ status: false, message: 'file is required' });

    const text = await json('POST', '/whatsapp/sendText', { session_id: inst.sessionId, access_token: inst.accessToken, to: '2348179803743', message: 'Hello' });
    expect(await text.json()).toEqual({ status: true, message: 'Message sent successfully', data: expect.stringMatching(/^true_2348179803743@c\.us_3EB0[0-9A-F]{16}$/) });
  });

  it('echoes attachments, location and contact on /whatsapp/message', async () => {
    const inst = sim.addInstance({ connected: true });
    const res = await json('POST', `/whatsapp/message?${creds(inst)}`, { chatId: '2348012345678', attachments: ['a1'], location: { name: 'x', lat: '6.5', lng: '3.2' }, contactId: 'c1' });
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ message: {}, attachment: ['a1'], image: {}, buttons: {}, location: { locationMessage: { degreesLatitude: 6.5, degreesLongitude: 3.2 } } });
    expect(body.data.contact).toHaveProperty('contactMessage.vcard');
  });
});

describe('fault injection and the control page', () => {
  it('answers the injected fault for the next n requests to a path, then recovers', async () => {
    sim.failNext(1, { status: 503, body: { status: false, message: 'down' } }, '/whatsapp');
    expect((await api('/whatsapp')).status).toBe(503);
    expect((await api('/whatsapp')).status).toBe(200);
  });

  it('rejects bodies over 16 MiB with 413', async () => {
    const res = await api('/whatsapp/createNewWhatsapp', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(16 * 1024 * 1024 + 1, 32) });
    expect(res.status).toBe(413);
  });

  it('serves the control page and scans through it without auth', async () => {
    const inst = sim.addInstance();
    await json('POST', `/whatsapp/init?${creds(inst)}`, {});
    expect(await (await fetch(`${sim.url}/_sim`)).text()).toContain('<html');
    const scan = await fetch(`${sim.url}/_sim/scan`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sessionId: inst.sessionId }) });
    expect(await scan.json()).toEqual({ ok: true });
    expect(sim.instance(inst.sessionId)?.status).toBe('CONNECTED');
    const recorded = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as unknown[];
    expect(recorded).toHaveLength(1);
  });
});
