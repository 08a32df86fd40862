// The bot API adapter against its simulator: exact requests, documented answers and failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApi } from '../../electron/services/providers/bot-api';
import * as client from '../../electron/services/providers/bot-api/client';
import type { AccountContext, InstanceRef } from '../../electron/services/providers/types';
import { BotApiSimulator } from '../simulators/bot-api/server';

let sim: BotApiSimulator;
let ctx: AccountContext;
beforeAll(async () => {
  sim = await BotApiSimulator.start({ qrTtlMs: 60_000 });
  ctx = { config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } };
});
afterAll(() => sim.close());

const ops = botApi.instances!;

describe('bot API adapter', () => {
  it('tests the connection by listing instances with the bearer token', async () => {
    const r = await botApi.testConnection(ctx);
    expect(r).toMatchObject({ ok: true, status: 'connected' });
    const req = sim.requestsTo('/whatsapp').at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.headers.authorization).toBe(`Bearer ${sim.bearerToken}`);
  });

  it('reports a wrong token as rejected credentials, in words', async () => {
    const r = await botApi.testConnection({ ...ctx, secrets: { bearerToken: 'wrong' } });
    expect(r).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringMatching(/rejected the credentials/) });
    expect(r.detail).toContain('401');
    expect(r.detail).not.toContain('wrong');
  });

  it('reports an address with nothing listening as unreachable', async () => {
    const r = await botApi.testConnection({ config: { baseUrl: 'http://127.0.0.1:9' }, secrets: { bearerToken: 'x' } });
    expect(r).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/Couldn't reach .* at 127\.0\.0\.1:9/) });
  });

  it('reports a non-JSON answer as unexpected, with the detail kept', async () => {
    sim.failNext(1, { status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } });
    const r = await botApi.testConnection(ctx);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/didn't expect/), detail: expect.stringContaining('proxy login') });
  });

  describe('an instance from creation to connection', () => {
    let inst: InstanceRef;

    it('creates an instance and reads its session id and access token', async () => {
      inst = await ops.create(ctx);
      expect(inst.sessionId).toMatch(/^[0-9a-f-]+$/);
      expect(sim.instance(inst.sessionId)?.accessToken).toBe(inst.accessToken);
      expect(sim.requestsTo('/whatsapp/createNewWhatsapp').at(-1)).toMatchObject({ method: 'POST', json: {} });
    });

    it('inits it with our webhook URL, in query and body as documented', async () => {
      await ops.init(ctx, inst, 'http://127.0.0.1:1234/hooks/a/secret');
      const req = sim.requestsTo('/whatsapp/init').at(-1)!;
      expect(req.query).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken });
      expect(req.json).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken, config: { multiDevice: true, setWebhook: true, webhookUrl: 'http://127.0.0.1:1234/hooks/a/secret' } });
      expect(sim.instance(inst.sessionId)?.webhookUrl).toBe('http://127.0.0.1:1234/hooks/a/secret');
    });

    it('fetches the QR as an image data URL while waiting', async () => {
      const qr = await ops.qr(ctx, inst);
      expect(qr.kind).toBe('qr');
      expect(qr.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
      expect(sim.requestsTo('/whatsapp/scan').at(-1)!.query).toMatchObject({ format: 'base64text' });
    });

    it('is not connected before the scan', async () => {
      expect(await ops.info(ctx, inst)).toEqual({ connected: false, phone: null, name: null });
    });

    it('sees the connection, the phone and the name after the phone scans', async () => {
      sim.scan(inst.sessionId, '2348012345678', 'Ada Shop');
      expect(await ops.qr(ctx, inst)).toEqual({ kind: 'connected' });
      expect(await ops.info(ctx, inst)).toEqual({ connected: true, phone: '2348012345678', name: 'Ada Shop' });
    });

    it('registers the webhook with setWebhook (PUT, 204)', async () => {
      await botApi.registerWebhook!(ctx, 'https://hooks.example.com/hooks/a/s', inst);
      const req = sim.requestsTo('/whatsapp/setWebhook').at(-1)!;
      expect(req.method).toBe('PUT');
      // Reference note §A: onAck carries the receipts; onAnyMessage is left out (see client.ts WEBHOOK_EVENTS).
      expect(req.json).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken, webhook_url: 'https://hooks.example.com/hooks/a/s', events: ['onMessage', 'onAck'], requestConfig: {} });
    });

    it('sends text exactly as documented', async () => {
      const r = await botApi.send(ctx, { peerId: '2349048988056', isGroup: false, instance: inst }, { kind: 'text', text: 'Hello dear' });
      expect(r).toEqual({ providerMessageId: null });
      const req = sim.requestsTo('/whatsapp/message').at(-1)!;
      expect(req.method).toBe('POST');
      expect(req.query).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken });
      expect(req.json).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken, chatId: '2349048988056', message: 'Hello dear' });
    });

    it('shows the gateway reason when it refuses a send', async () => {
      sim.failNext(1, { status: 400, body: { status: false, message: 'chatId is required' } }, '/whatsapp/message');
      await expect(botApi.send(ctx, { peerId: '2349048988056', isGroup: false, instance: inst }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('chatId is required') });
    });

    it('refuses a conversation without a number before calling the gateway', async () => {
      const before = sim.requests.length;
      await expect(botApi.send(ctx, { peerId: '', isGroup: false, instance: inst }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'validation' });
      expect(sim.requests.length).toBe(before);
    });

    it('treats HTTP 200 with status false as a failure', async () => {
      sim.failNext(1, { status: 200, body: { status: false, message: 'Number not on WhatsApp' } }, '/whatsapp/message');
      await expect(botApi.send(ctx, { peerId: '2349048988056', isGroup: false, instance: inst }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('Number not on WhatsApp') });
    });

    it('rejects a wrong access token', async () => {
      await expect(ops.info(ctx, { ...inst, accessToken: 'nope' })).rejects.toMatchObject({ code: 'credentials_rejected' });
    });

    it('logs out, after which a new QR is needed', async () => {
      await ops.logout(ctx, inst);
      expect(sim.requestsTo(`/whatsapp/instance/logout/${inst.providerId}`).at(-1)!.query).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken });
      expect(sim.instance(inst.sessionId)?.status).toBe('LOGGED_OUT');
      expect((await ops.info(ctx, inst)).connected).toBe(false);
    });

    it('deletes the instance at the provider', async () => {
      await ops.remove(ctx, inst);
      expect(sim.requestsTo(`/whatsapp/${inst.providerId}`).at(-1)!.method).toBe('DELETE');
      expect(sim.instance(inst.sessionId)).toBeUndefined();
    });
  });
});

describe('QR answers in every form the gateway may use', () => {
  const res = (contentType: string, body: Buffer | string) => {
    const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
    return { contentType, body: b, text: () => b.toString('utf8') };
  };
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

  it('an image body', async () => {
    expect(await client.qrDataUrl(res('image/png', png))).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
  it('a data URL', async () => {
    expect(await client.qrDataUrl(res('text/plain', `data:image/png;base64,${png.toString('base64')}`))).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
  it('bare base64 PNG', async () => {
    expect(await client.qrDataUrl(res('text/plain', png.toString('base64')))).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
  it('JSON with a qrcode field', async () => {
    expect(await client.qrDataUrl(res('application/json', JSON.stringify({ qrcode: `data:image/png;base64,${png.toString('base64')}` })))).toMatch(/^data:image\/png/);
  });
  it("the engine's QR page: HTML around an <img> (reference note, Endpoints: \"QR (page / base64 text)\")", async () => {
    const page = `<!doctype html><html><body><img alt="QR" src="data:image/png;base64,${png.toString('base64')}"></body></html>`;
    expect(await client.qrDataUrl(res('text/html; charset=utf-8', page))).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
  it('the raw linking string, drawn with qrcode', async () => {
    const url = await client.qrDataUrl(res('text/plain', '2@Xk3fP0q9,AbCdEf==,session-1'));
    expect(url).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(url.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });
});
