// The bot API adapter's sign-in, x-refresh, mimetype and instance-by-session behaviour against the
// simulator, each request checked field by field against the reference note.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApi } from '../../electron/services/providers/bot-api';
import { botApiProblems } from '../../electron/services/providers/bot-api/capabilities';

const validateBotApi = (...args: Parameters<typeof botApiProblems>) => botApiProblems(...args).map((p) => p.message);
import type { AccountContext } from '../../electron/services/providers/types';
import { BotApiSimulator } from '../simulators/bot-api/server';

let sim: BotApiSimulator;
let files: Server;
let filesUrl: string;
beforeAll(async () => {
  sim = await BotApiSimulator.start({ users: [{ email: 'owner@shop.test', password: 'pw-1' }] });
  // A file server whose links carry no extension, answering HEAD with a content type.
  files = createServer((req, res) => {
    const type = req.url === '/noext-video' ? 'video/mp4' : req.url === '/html' ? 'text/html' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(req.method === 'HEAD' ? undefined : 'x');
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => files.close(() => r()));
});

/** A context like the app's: saveSecrets merges into the secrets (the keychain in the app). */
function loginCtx(): AccountContext & { saved: Record<string, string>[] } {
  const saved: Record<string, string>[] = [];
  const ctx = {
    config: { baseUrl: sim.url, email: 'owner@shop.test' },
    secrets: { password: 'pw-1' } as Record<string, string>,
    saved,
    saveSecrets: async (patch: Record<string, string>) => {
      saved.push(patch);
      Object.assign(ctx.secrets, patch);
    },
  };
  return ctx;
}

describe('email + password sign-in (note "Base URL / auth")', () => {
  it('signs in at POST /sessions once, keeps both tokens in the keychain, and sends them on every call', async () => {
    const ctx = loginCtx();
    expect(await botApi.testConnection(ctx)).toMatchObject({ ok: true, status: 'connected' });
    const signIn = sim.requestsTo('/sessions').at(-1)!;
    expect(signIn).toMatchObject({ method: 'POST', json: { email: 'owner@shop.test', password: 'pw-1' } });
    expect(signIn.headers.authorization).toBeUndefined();
    const issued = sim.auth.issued.at(-1)!;
    expect(ctx.saved).toEqual([{ _accessToken: issued.accessToken, _refreshToken: issued.refreshToken }]);
    const list = sim.requestsTo('/whatsapp').at(-1)!;
    expect(list.headers.authorization).toBe(`Bearer ${issued.accessToken}`);
    expect(list.headers['x-refresh']).toBe(issued.refreshToken);
    await botApi.testConnection(ctx);
    expect(sim.requestsTo('/sessions')).toHaveLength(1);
  });

  it('keeps working on an expired access token through x-refresh, without signing in again', async () => {
    const ctx = loginCtx();
    await botApi.testConnection(ctx);
    const before = sim.requestsTo('/sessions').length;
    sim.auth.expireAccessTokens();
    expect(await botApi.testConnection(ctx)).toMatchObject({ ok: true });
    expect(sim.requestsTo('/sessions')).toHaveLength(before);
  });

  it('signs in again once when both tokens are refused, saves the new pair and repeats the request', async () => {
    const ctx = loginCtx();
    await botApi.testConnection(ctx);
    const old = ctx.secrets._accessToken;
    sim.auth.revokeAll();
    expect(await botApi.testConnection(ctx)).toMatchObject({ ok: true });
    expect(ctx.secrets._accessToken).not.toBe(old);
    expect(ctx.saved).toHaveLength(2);
    expect(sim.requestsTo('/whatsapp').at(-1)!.headers.authorization).toBe(`Bearer ${ctx.secrets._accessToken}`);
  });

  it('says so in words when the email and password are wrong', async () => {
    const ctx = { ...loginCtx(), secrets: { password: 'wrong' } };
    expect(await botApi.testConnection(ctx)).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringContaining('email and password') });
  });
});

describe('a pasted token with its refresh token', () => {
  it('sends Authorization and x-refresh; with no refresh token, no empty x-refresh header', async () => {
    await botApi.testConnection({ config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken, refreshToken: 'rt-1' } });
    expect(sim.requestsTo('/whatsapp').at(-1)!.headers).toMatchObject({ authorization: `Bearer ${sim.bearerToken}`, 'x-refresh': 'rt-1' });
    await botApi.testConnection({ config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } });
    expect(sim.requestsTo('/whatsapp').at(-1)!.headers).not.toHaveProperty('x-refresh');
  });

  it('asks the account form for a token or an email with its password', () => {
    expect(validateBotApi({}, {}, [])).toEqual(['Enter a bearer token, or an email and password to sign in with.']);
    expect(validateBotApi({ email: 'a@b.c' }, {}, [])).toContain('Enter the password for that email, or remove the email to use a bearer token.');
    expect(validateBotApi({}, { bearerToken: 't' }, [])).toEqual([]);
    expect(validateBotApi({ email: 'a@b.c' }, {}, ['password'])).toEqual([]);
  });
});

describe('instances and sends', () => {
  const ctx = (): AccountContext => ({ config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } });

  it('logs out and deletes an instance linked by session id only, using the _id GET /whatsapp lists', async () => {
    const seeded = sim.addInstance({ connected: true });
    const inst = { providerId: null, sessionId: seeded.sessionId, accessToken: seeded.accessToken };
    await botApi.instances!.logout(ctx(), inst);
    expect(sim.requestsTo(`/whatsapp/instance/logout/${seeded.id}`).at(-1)!.query).toEqual({ session_id: seeded.sessionId, access_token: seeded.accessToken });
    expect(sim.instance(seeded.sessionId)!.status).toBe('LOGGED_OUT');
    await botApi.instances!.remove(ctx(), inst);
    expect(sim.requestsTo(`/whatsapp/${seeded.id}`).at(-1)!.method).toBe('DELETE');
    expect(sim.instance(seeded.sessionId)).toBeUndefined();
    await expect(botApi.instances!.remove(ctx(), inst)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('always sends a mimetype on a file by URL: from the extension, the HEAD answer, else the kind default', async () => {
    const seeded = sim.addInstance({ connected: true });
    const to = { peerId: '2348012345678', isGroup: false, instance: { providerId: seeded.id, sessionId: seeded.sessionId, accessToken: seeded.accessToken } };
    const send = async (mediaKind: 'image' | 'video' | 'document', url: string) => {
      await botApi.send(ctx(), to, { kind: 'media', mediaKind, source: { type: 'url', url } });
      return sim.requestsTo('/whatsapp/message/fileurl').at(-1)!.form!;
    };
    // Reference note, Endpoints: /message/fileurl form chatId, url, type, mimetype, caption.
    expect(await send('document', 'https://files.example.test/report.PDF?sig=1')).toEqual({ chatId: '2348012345678', url: 'https://files.example.test/report.PDF?sig=1', type: 'document', mimetype: 'application/pdf', caption: '' });
    expect((await send('video', `${filesUrl}/noext-video`)).mimetype).toBe('video/mp4');
    expect((await send('image', `${filesUrl}/html`)).mimetype).toBe('image/jpeg');
    expect((await send('document', `${filesUrl}/blob`)).mimetype).toBe('application/octet-stream');
  });

  it("maps the engine's errors: phone not connected, number not on WhatsApp, bad instance key", async () => {
    const seeded = sim.addInstance({ connected: true });
    const instance = { providerId: seeded.id, sessionId: seeded.sessionId, accessToken: seeded.accessToken };
    sim.notOnWhatsApp('2348000000404');
    await expect(botApi.send(ctx(), { peerId: '2348000000404', isGroup: false, instance }, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'unexpected_response', message: expect.stringContaining('not on WhatsApp'), transient: undefined });
    await expect(botApi.send(ctx(), { peerId: '2348012345678', isGroup: false, instance: { ...instance, accessToken: 'nope' } }, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'credentials_rejected', message: expect.stringContaining('invalid key supplied') });
    const offline = sim.addInstance();
    await expect(
      botApi.send(ctx(), { peerId: '2348012345678', isGroup: false, instance: { providerId: offline.id, sessionId: offline.sessionId, accessToken: offline.accessToken } }, { kind: 'text', text: 'hi' }),
    ).rejects.toMatchObject({ code: 'unexpected_response', message: expect.stringContaining('not connected to a phone') });
  });
});
