// The Omnichat.id adapter against its simulator: exact requests, documented answers and failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omnichat } from '../../electron/services/providers/omnichat';
import { i18n, reasonText } from '../../renderer/src/i18n';
import type { AccountContext, OutgoingMessage } from '../../electron/services/providers/types';
import { OmnichatSimulator } from '../simulators/omnichat/server';

const DEVICE = 'dev-aaaa-0001';
const SEND = '/api-app/whatsapp/send-message';
const CALLBACK = `/api-app/whatsapp/callback/device_${DEVICE}`;

let sim: OmnichatSimulator;
let ctx: AccountContext;
let noDevice: AccountContext;
beforeAll(async () => {
  sim = await OmnichatSimulator.start({
    apiKey: 'fake-api-key',
    devices: [{ deviceKey: DEVICE, autoReply: 'Terima kasih, kami segera membalas.' }, { deviceKey: 'dev-quiet' }],
    templates: [{ id: 'tpl-1', body: 'Halo {name} dari {business_name}' }],
  });
  ctx = { config: { baseUrl: sim.url, deviceKey: DEVICE }, secrets: { apiKey: 'fake-api-key' } };
  noDevice = { config: { baseUrl: sim.url }, secrets: { apiKey: 'fake-api-key' } };
});
afterAll(() => sim.close());

const person = { peerId: '6281234567890', isGroup: false };
const group = { peerId: '120363041234567890@g.us', isGroup: true };
const hello: OutgoingMessage = { kind: 'text', text: 'Hallo guys!' };
const template = (params: { key: string; text: string }[], body: string | null = 'Halo {name} dari {business_name}'): OutgoingMessage => ({
  kind: 'template',
  template: { id: 'tpl-1', name: 'Pesanan', body },
  params,
});

describe('Omnichat adapter: info', () => {
  it('declares what Omnichat can do and its account fields', () => {
    expect(omnichat.info.capabilities).toEqual(['text', 'templates', 'groups', 'autoReplyTest']);
    expect(omnichat.registerWebhook).toBeUndefined();
    expect(omnichat.info.fields.map((f) => [f.key, f.secret, f.required, f.kind])).toEqual([
      ['baseUrl', false, true, 'url'],
      ['apiKey', true, true, 'text'],
      ['deviceKey', false, false, 'text'],
    ]);
    expect(omnichat.info.fields[0]!.default).toBe('https://app.omnichat.id');
  });

  it('catches a device key pasted with its device_ prefix', () => {
    expect(omnichat.formProblems!({ deviceKey: `device_${DEVICE}` }, {}, []).map((p) => p.message)).toEqual(['Enter the device key without the "device_" in front of it.']);
    expect(omnichat.formProblems!({ deviceKey: DEVICE }, {}, [])).toEqual([]);
  });
});

describe('Omnichat adapter: connection test', () => {
  // reference/omnichat.md: send-message is the only API call and it sends; the callback acts like
  // a message arriving. So the test makes no request and says what it could not verify.
  it('makes no request, checks the host answers, and says plainly the keys are not verified', async () => {
    const before = sim.requests.length;
    const r = await omnichat.testConnection(ctx);
    expect(r).toMatchObject({ ok: true, status: 'unknown', message: expect.stringMatching(/answers\. Not verified: .*the API key and the device key.*sent nothing/), detail: expect.stringMatching(/no request was made/) });
    expect(sim.requests.length).toBe(before);
    expect(sim.sent).toHaveLength(0);
    expect((await omnichat.testConnection(noDevice)).message).toMatch(/check the API key without/);
  });

  it('says what it checked and what not in the operator\'s language', async () => {
    const withDevice = await omnichat.testConnection(ctx);
    const without = await omnichat.testConnection(noDevice);
    expect(withDevice.detailWording).toEqual({ key: 'errors.connection.omnichatCheckedDevice' });
    expect(without.detailWording).toEqual({ key: 'errors.connection.omnichatChecked' });
    for (const r of [withDevice, without]) expect(reasonText(r.detail!, r.detailWording)).toBe(r.detail);
    await i18n.changeLanguage('id');
    try {
      expect(reasonText(withDevice.detail!, withDevice.detailWording)).toBe(
        'Diperiksa: host API menerima koneksi (tidak ada permintaan yang dikirim). Tidak diperiksa: API key dan device key, dan apakah perangkatnya terhubung.',
      );
      expect(reasonText(without.detail!, without.detailWording)).toMatch(/^Diperiksa: .*Tidak diperiksa: API key, dan/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('reports an address with nothing listening as unreachable', async () => {
    const r = await omnichat.testConnection({ config: { baseUrl: 'http://127.0.0.1:9' }, secrets: { apiKey: 'x' } });
    expect(r).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/Couldn't reach Omnichat at 127\.0\.0\.1:9/) });
  });

  it('says the API key is missing before anything else', async () => {
    expect(await omnichat.testConnection({ ...ctx, secrets: {} })).toMatchObject({ ok: false, message: expect.stringMatching(/no Omnichat API key saved/) });
  });
});

describe('Omnichat adapter: refusals and odd answers (what the old probe covered, now on real sends)', () => {
  it('reports a wrong API key as rejected credentials, without the key', async () => {
    const err = await omnichat.send({ ...ctx, secrets: { apiKey: 'wrong-key' } }, person, hello).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'credentials_rejected', message: expect.stringContaining('API key tidak valid') });
    expect(JSON.stringify(err)).not.toContain('wrong-key');
  });

  it('reports an unknown device key', async () => {
    await expect(omnichat.send({ ...ctx, config: { ...ctx.config, deviceKey: 'ghost' } }, person, hello)).rejects.toMatchObject({ message: expect.stringMatching(/Device tidak ditemukan.*device key in the account settings/), key: 'errors.omnichat.deviceRefused' });
  });

  it('reports a non-JSON answer as unexpected, keeping the detail', async () => {
    sim.failNext(1, { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } });
    await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ code: 'unexpected_response', message: expect.stringMatching(/didn't expect/), detail: expect.stringContaining('maintenance') });
  });

  it('points at the base URL when the path does not exist', async () => {
    await expect(omnichat.send({ ...ctx, config: { ...ctx.config, baseUrl: `${sim.url}/v2` } }, person, hello)).rejects.toMatchObject({ message: expect.stringMatching(/HTTP 404.*base URL/) });
  });
});

describe('Omnichat adapter: sending', () => {
  it('sends text exactly as documented, with no message id back', async () => {
    expect(await omnichat.send(ctx, person, hello)).toEqual({ providerMessageId: null });
    const req = sim.requestsTo(SEND).at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({ phone: '6281234567890', device_key: DEVICE, api_key: 'fake-api-key', method: 'text', text: 'Hallo guys!', is_group: false });
    expect(sim.sent.at(-1)).toMatchObject({ deviceKey: DEVICE, phone: '6281234567890', text: 'Hallo guys!' });
  });

  it('leaves device_key out for a personal text when the account has none (Omnichat picks)', async () => {
    await omnichat.send(noDevice, person, hello);
    expect(sim.requestsTo(SEND).at(-1)!.json).toEqual({ phone: '6281234567890', api_key: 'fake-api-key', method: 'text', text: 'Hallo guys!', is_group: false });
  });

  it('sends to a group with is_group true and the group id', async () => {
    await omnichat.send(ctx, group, hello);
    expect(sim.requestsTo(SEND).at(-1)!.json).toMatchObject({ phone: '120363041234567890@g.us', device_key: DEVICE, is_group: true });
    expect(sim.sent.at(-1)).toMatchObject({ isGroup: true });
  });

  it('explains, without calling, that a group send needs the device key', async () => {
    const before = sim.requests.length;
    await expect(omnichat.send(noDevice, group, hello)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/device key to send to a WhatsApp group/) });
    expect(sim.requests).toHaveLength(before);
  });

  it('sends a template with braced variable keys, accepting keys already in braces', async () => {
    expect(await omnichat.send(ctx, person, template([{ key: 'name', text: 'Budi' }, { key: '{business_name}', text: 'My Store' }]))).toEqual({ providerMessageId: null });
    expect(sim.requestsTo(SEND).at(-1)!.json).toEqual({
      phone: '6281234567890',
      device_key: DEVICE,
      api_key: 'fake-api-key',
      method: 'template',
      template: 'tpl-1',
      is_group: false,
      variables: { '{name}': 'Budi', '{business_name}': 'My Store' },
    });
    expect(sim.sent.at(-1)!.text).toBe('Halo Budi dari My Store');
  });

  it('catches a missing template value before sending when the body is known', async () => {
    const before = sim.requests.length;
    await expect(omnichat.send(ctx, person, template([{ key: 'name', text: 'Budi' }]))).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('{business_name}') });
    expect(sim.requests).toHaveLength(before);
  });

  it("shows Omnichat's own words when it refuses a template (HTTP 200, status false)", async () => {
    await expect(omnichat.send(ctx, person, template([{ key: 'name', text: 'Budi' }], null))).rejects.toMatchObject({
      code: 'unexpected_response',
      message: 'Omnichat refused the request: Variabel {business_name} wajib diisi',
    });
    await expect(omnichat.send(ctx, person, { kind: 'template', template: { id: 'gone', name: 'Old' }, params: [] })).rejects.toMatchObject({ message: expect.stringContaining('Template tidak ditemukan') });
  });

  it('needs the device key for templates too (the doc marks it required there)', async () => {
    await expect(omnichat.send(noDevice, person, template([]))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/device key to send a template/) });
  });

  it('treats HTTP 200 with status false as a failure with the message', async () => {
    sim.failNext(1, { status: 200, body: { status: false, message: 'Nomor tidak terdaftar di WhatsApp' } }, SEND);
    await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ code: 'unexpected_response', message: 'Omnichat refused the request: Nomor tidak terdaftar di WhatsApp' });
  });

  it('turns a device refusal into advice about the device', async () => {
    sim.setDeviceConnected(DEVICE, false);
    try {
      await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ message: expect.stringMatching(/Device tidak terhubung.*device is connected in the Omnichat dashboard/) });
    } finally {
      sim.setDeviceConnected(DEVICE, true);
    }
  });

  it('reports a wrong API key as rejected credentials', async () => {
    await expect(omnichat.send({ ...ctx, secrets: { apiKey: 'nope' } }, person, hello)).rejects.toMatchObject({ code: 'credentials_rejected', message: expect.stringContaining('API key tidak valid') });
  });

  it('reports a server error as temporary and a dropped connection as unreachable', async () => {
    sim.failNext(1, { status: 503, body: 'Service Unavailable' }, SEND);
    await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('HTTP 503') });
    sim.failNext(1, { status: 0, destroy: true }, SEND);
    await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('reports a success without status true as unexpected', async () => {
    sim.failNext(1, { status: 200, body: { ok: 1 } }, SEND);
    await expect(omnichat.send(ctx, person, hello)).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('refuses kinds Omnichat cannot send', async () => {
    await expect(omnichat.send(ctx, person, { kind: 'location', name: 'Shop', lat: 1, lng: 2 })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('Omnichat adapter: auto-reply test', () => {
  const input = { from: '+62 812-9064-1111', fromName: 'Bhisma', message: 'Halo' };

  it('calls the device callback with the documented body and returns the reply', async () => {
    expect(await omnichat.autoReply!.test(ctx, input)).toEqual({ reply: 'Terima kasih, kami segera membalas.', receiver: '6281290641111' });
    const req = sim.requestsTo(CALLBACK).at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.json).toEqual({ from: '6281290641111@s.whatsapp.net', message_id: expect.stringMatching(/^[0-9A-F]{32}$/), message: 'Halo', from_name: 'Bhisma', type: 'single' });
    expect(JSON.stringify(req.json)).not.toContain('fake-api-key');
  });

  it('returns no reply when the device has no auto-reply', async () => {
    expect(await omnichat.autoReply!.test({ ...ctx, config: { ...ctx.config, deviceKey: 'dev-quiet' } }, input)).toEqual({ reply: null, receiver: '6281290641111' });
  });

  it('needs the device key and a sender number', async () => {
    await expect(omnichat.autoReply!.test(noDevice, input)).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('device key') });
    await expect(omnichat.autoReply!.test(ctx, { ...input, from: 'abc' })).rejects.toMatchObject({ code: 'validation' });
  });

  it("shows Omnichat's refusal for an unknown device", async () => {
    await expect(omnichat.autoReply!.test({ ...ctx, config: { ...ctx.config, deviceKey: 'ghost' } }, input)).rejects.toMatchObject({ message: expect.stringContaining('Device tidak ditemukan') });
  });
});
