// The simulator's own contract: what the Omnichat.id doc promises, and the decided behaviour where
// the doc is silent. The adapter tests rely on every line of this.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OmnichatSimulator } from './server';

const DEVICE = 'dev-0001';
const OTHER = 'dev-0002';
const TEMPLATE = 'tpl-0001';
let sim: OmnichatSimulator;

beforeEach(async () => {
  sim = await OmnichatSimulator.start({
    apiKey: 'test-key',
    devices: [{ deviceKey: DEVICE, autoReply: 'Terima kasih!' }, { deviceKey: OTHER }],
    templates: [{ id: TEMPLATE, body: 'Halo {name} dari {business_name}' }],
  });
});
afterEach(() => sim.close());

function post(path: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<Response> {
  return fetch(`${sim.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
const SEND = '/api-app/whatsapp/send-message';
const callback = (key: string) => `/api-app/whatsapp/callback/device_${key}`;
const text = { phone: '6281234567890', api_key: 'test-key', method: 'text', text: 'Hallo guys!', is_group: false };

async function sendBody(body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await post(SEND, body);
  return { status: res.status, json: await res.json() };
}
const refused = (message: string) => ({ status: 200, json: { status: false, message } });

describe('send-message: keys in the body', () => {
  it('answers the documented success and keeps the message', async () => {
    expect(await sendBody({ ...text, device_key: DEVICE })).toEqual({ status: 200, json: { status: true, message: 'Berhasil mengirimkan pesan' } });
    expect(sim.sent.at(-1)).toMatchObject({ deviceKey: DEVICE, phone: '6281234567890', isGroup: false, method: 'text', text: 'Hallo guys!' });
    expect(sim.requestsTo(SEND).at(-1)!.json).toMatchObject({ api_key: 'test-key' });
  });

  it('refuses a missing or wrong api_key with HTTP 200 status:false, and records the request', async () => {
    expect(await sendBody({ ...text, api_key: undefined })).toEqual(refused('api_key wajib diisi'));
    expect(await sendBody({ ...text, api_key: 'nope' })).toEqual(refused('API key tidak valid'));
    const inHeader = await post(SEND, { ...text, api_key: undefined }, { 'Content-Type': 'application/json', 'api-key': 'test-key', Authorization: 'Bearer test-key' });
    expect(await inHeader.json()).toEqual({ status: false, message: 'api_key wajib diisi' });
    expect(sim.requestsTo(SEND)).toHaveLength(3);
    expect(sim.sent).toHaveLength(0);
  });

  it('refuses an unknown device, and picks the first connected device when none is given', async () => {
    expect(await sendBody({ ...text, device_key: 'ghost' })).toEqual(refused('Device tidak ditemukan'));
    sim.setDeviceConnected(DEVICE, false);
    expect(await sendBody(text)).toMatchObject({ json: { status: true } });
    expect(sim.sent.at(-1)!.deviceKey).toBe(OTHER);
    expect(await sendBody({ ...text, device_key: DEVICE })).toEqual(refused('Device tidak terhubung, silakan scan ulang QR di dashboard'));
  });

  it('needs a device_key when the account forces it', async () => {
    const strict = await OmnichatSimulator.start({ apiKey: 'k', devices: [{ deviceKey: 'd' }], requireDeviceKey: true });
    try {
      const res = await fetch(`${strict.url}${SEND}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...text, api_key: 'k' }) });
      expect(await res.json()).toEqual({ status: false, message: 'device_key wajib diisi' });
    } finally {
      await strict.close();
    }
  });

  it('checks the required fields of the doc tables', async () => {
    expect(await sendBody({ ...text, method: undefined })).toEqual(refused('method harus berupa text atau template'));
    expect(await sendBody({ ...text, method: 'image' })).toEqual(refused('method harus berupa text atau template'));
    expect(await sendBody({ ...text, phone: '' })).toEqual(refused('phone wajib diisi'));
    expect(await sendBody({ ...text, is_group: undefined })).toEqual(refused('is_group wajib diisi'));
    expect(await sendBody({ ...text, is_group: 'true' })).toEqual(refused('is_group harus bernilai true atau false'));
    expect(await sendBody({ ...text, text: '' })).toEqual(refused('text wajib diisi'));
    expect(await sendBody({ ...text, phone: '+6281234567890' })).toEqual(refused('Nomor tujuan tidak valid'));
    expect(sim.sent).toHaveLength(0);
  });

  it('sends to a group only with a device_key and a group id', async () => {
    const group = { ...text, phone: '120363041234567890@g.us', is_group: true };
    expect(await sendBody(group)).toEqual(refused('device_key wajib diisi untuk mengirim ke grup'));
    expect(await sendBody({ ...group, device_key: DEVICE, phone: 'Family' })).toEqual(refused('ID grup tidak valid'));
    expect(await sendBody({ ...group, device_key: DEVICE })).toMatchObject({ json: { status: true } });
    expect(sim.sent.at(-1)).toMatchObject({ phone: '120363041234567890@g.us', isGroup: true });
  });

  it("accepts the doc's curl bodies labelled urlencoded, with is_group as 1/0", async () => {
    const res = await post(SEND, JSON.stringify({ ...text, is_group: 0 }), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(await res.json()).toEqual({ status: true, message: 'Berhasil mengirimkan pesan' });
    const form = await post(SEND, new URLSearchParams({ ...text, is_group: '0' }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(await form.json()).toEqual({ status: true, message: 'Berhasil mengirimkan pesan' });
  });
});

describe('send-message: templates', () => {
  const tpl = { phone: '6281234567890', device_key: DEVICE, api_key: 'test-key', method: 'template', template: TEMPLATE, is_group: false, variables: { '{business_name}': 'My Store', '{name}': 'Budi' } };

  it('renders the template with braced variable keys', async () => {
    expect(await sendBody(tpl)).toEqual({ status: 200, json: { status: true, message: 'Berhasil mengirimkan pesan' } });
    expect(sim.sent.at(-1)).toMatchObject({ method: 'template', template: TEMPLATE, text: 'Halo Budi dari My Store' });
  });

  it('needs the device, a known template and every variable, keys with braces', async () => {
    expect(await sendBody({ ...tpl, device_key: undefined })).toEqual(refused('device_key wajib diisi'));
    expect(await sendBody({ ...tpl, template: '' })).toEqual(refused('template wajib diisi'));
    expect(await sendBody({ ...tpl, template: 'nope' })).toEqual(refused('Template tidak ditemukan'));
    expect(await sendBody({ ...tpl, variables: undefined })).toEqual(refused('variables wajib diisi'));
    expect(await sendBody({ ...tpl, variables: { '{name}': 'Budi' } })).toEqual(refused('Variabel {business_name} wajib diisi'));
    expect(await sendBody({ ...tpl, variables: { name: 'Budi', business_name: 'My Store' } })).toEqual(refused('Variabel {name} wajib diisi'));
    expect(sim.sent).toHaveLength(0);
  });

  it('lets is_group default from the phone for templates (optional there)', async () => {
    expect(await sendBody({ ...tpl, is_group: undefined, phone: '120363041234567890@g.us' })).toMatchObject({ json: { status: true } });
    expect(sim.sent.at(-1)!.isGroup).toBe(true);
  });
});

describe('routing', () => {
  it('answers other methods with 405, unknown paths with 404, malformed JSON with 400', async () => {
    const get = await fetch(`${sim.url}${SEND}`);
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ message: 'The GET method is not supported for route api-app/whatsapp/send-message. Supported methods: POST.' });
    const unknown = await post('/api/send-message', text);
    expect(unknown.status).toBe(404);
    const malformed = await post(SEND, '{nope');
    expect(malformed.status).toBe(400);
    expect(sim.requests).toHaveLength(3);
  });
});

describe('message callback', () => {
  const doc = { from: '6281290641111@s.whatsapp.net', message_id: '18DD98462C8AA16C5A598C3DEBA0879B', message: 'Halo', from_name: 'Bhisma Kalijaga', type: 'single' };

  it("answers with the device's auto-reply in the documented shape", async () => {
    const res = await post(callback(DEVICE), doc);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: { text: 'Terima kasih!' }, receiver: '6281290641111@s.whatsapp.net', session_id: `device_${DEVICE}`, autoread: false, reply: true });
    expect(sim.sent.at(-1)).toMatchObject({ method: 'auto-reply', phone: '6281290641111', text: 'Terima kasih!' });
  });

  it('says reply:false when the device has no auto-reply', async () => {
    const res = await post(callback(OTHER), doc);
    expect(await res.json()).toEqual({ message: null, receiver: doc.from, session_id: `device_${OTHER}`, autoread: false, reply: false });
  });

  it('refuses an unknown device, a missing field, and a from that is not a jid', async () => {
    expect(await (await post(callback('ghost'), doc)).json()).toEqual({ status: false, message: 'Device tidak ditemukan' });
    expect(await (await post(callback(DEVICE), { ...doc, message_id: '' })).json()).toEqual({ status: false, message: 'message_id wajib diisi' });
    expect(await (await post(callback(DEVICE), { ...doc, from: '6281290641111' })).json()).toEqual({ status: false, message: 'from tidak valid' });
  });
});

describe('webhooks', () => {
  let hook: Server;
  let hookUrl: string;
  const received: { body: unknown; type: string | undefined }[] = [];
  beforeEach(async () => {
    received.length = 0;
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), type: req.headers['content-type'] });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/a/secret`;
  });
  afterEach(() => new Promise<void>((r) => hook.close(() => r())));

  it('posts the documented Webhook Sample to the device webhook and resolves with the app status', async () => {
    sim.setDeviceWebhook(DEVICE, hookUrl);
    expect(await sim.sendCustomerMessage({ deviceKey: DEVICE, name: 'Budi', message: 'Halo kak' })).toBe(202);
    expect(received).toEqual([{ body: { device_key: DEVICE, name: 'Budi', message: 'Halo kak', type: 'single' }, type: 'application/json' }]);
    expect(sim.webhookDeliveries.at(-1)).toMatchObject({ url: hookUrl, status: 202 });
  });

  it('refuses without a webhook URL on the device', async () => {
    await expect(sim.sendCustomerMessage({ deviceKey: OTHER, name: 'x', message: 'y' })).rejects.toThrow(/no webhook URL/);
  });

  it('forwards a message arriving through the callback to the device webhook', async () => {
    sim.setDeviceWebhook(DEVICE, hookUrl);
    await post(callback(DEVICE), { from: '6281290641111@s.whatsapp.net', message_id: 'AB12', message: 'Halo', from_name: 'Bhisma', type: 'single' });
    expect(received.map((r) => r.body)).toEqual([{ device_key: DEVICE, name: 'Bhisma', message: 'Halo', type: 'single' }]);
  });

  it('lets a person set the webhook and send a message from the control page', async () => {
    expect((await fetch(`${sim.url}/_sim`)).headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await post('/_sim/device', { deviceKey: DEVICE, webhookUrl: hookUrl })).json()).toEqual({ ok: true });
    expect(await (await post('/_sim/inbound', { deviceKey: DEVICE, name: 'Sari', message: 'Pagi' })).json()).toEqual({ ok: true, webhookStatus: 202 });
    expect(received.at(-1)!.body).toEqual({ device_key: DEVICE, name: 'Sari', message: 'Pagi', type: 'single' });
    expect(sim.requests).toHaveLength(0);
  });
});

describe('fault injection', () => {
  it('answers the next requests with the given reply, per path when asked', async () => {
    sim.failNext(1, { status: 502, body: 'Bad Gateway' }, callback(DEVICE));
    expect((await sendBody(text)).json).toMatchObject({ status: true });
    const res = await post(callback(DEVICE), {});
    expect(res.status).toBe(502);
    expect(await res.text()).toBe('Bad Gateway');
    expect(sim.requestsTo(callback(DEVICE))).toHaveLength(1);
  });

  it('can drop the connection', async () => {
    sim.failNext(1, { status: 0, destroy: true });
    await expect(post(SEND, text)).rejects.toThrow();
    expect(sim.requests).toHaveLength(1);
  });
});
