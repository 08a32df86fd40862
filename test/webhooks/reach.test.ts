// Providers must reach the desktop: a public URL (the user's proxy or the ngrok tunnel) is handed
// to every provider that registers webhooks through its API, again whenever it changes; failures
// are explained; a test event proves the path; unparsed events are kept and can be replayed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapterFor } from '../../electron/services/providers/registry';
import type { TunnelConnector } from '../../electron/services/webhooks/tunnel';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { startProxy } from '../helpers/proxy';
import { errorText, i18n, reasonText } from '../../renderer/src/i18n';

let bot: BotApiSimulator;
let mc: MconnectSimulator;
let t: TestApp;
let botAccount: string;
let mcAccount: string;
let omniAccount: string;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let tunnelProxy: Awaited<ReturnType<typeof startProxy>>;
let tunnelMode: 'ok' | 'offline' | 'badtoken' = 'ok';
const tokensSeen: string[] = [];
const connector: TunnelConnector = async (port, token) => {
  tokensSeen.push(token);
  if (tunnelMode === 'offline') throw new Error('failed to connect session: failed to establish tcp connection');
  if (tunnelMode === 'badtoken') throw Object.assign(new Error('authentication failed: The authtoken you specified is not valid'), { errorCode: 'ERR_NGROK_105' });
  expect(port).toBe((await t.call('webhooks:status', {})).port);
  return { url: tunnelProxy.url, close: async () => undefined };
};

const urlOf = async (accountId: string) => (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;

beforeAll(async () => {
  bot = await BotApiSimulator.start();
  mc = await MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'u1', wpNums: ['6281100000001'] });
  t = await startTestApp({ tunnelConnector: connector });
  const port = () => (t.app.webhooks as unknown as { listener: { port: number } }).listener.port;
  proxy = await startProxy(port);
  tunnelProxy = await startProxy(port);
  const seeded = bot.addInstance({ connected: true });
  botAccount = (
    await t.call('accounts:create', {
      provider: 'bot-api',
      name: 'Bot',
      config: { baseUrl: bot.url, sessionId: seeded.sessionId },
      secrets: { bearerToken: bot.bearerToken, accessToken: seeded.accessToken },
    })
  ).id;
  mcAccount = (await t.call('accounts:create', { provider: 'mconnect', name: 'mc', config: { endpointUrl: mc.endpointUrl, wpNum: '6281100000001', company: 'acme' }, secrets: { username: 'u1' } })).id;
  omniAccount = (await t.call('accounts:create', { provider: 'omnichat', name: 'omni', config: { baseUrl: 'https://app.omnichat.id' }, secrets: { apiKey: 'k' } })).id;
  await t.call('webhooks:register', { accountId: botAccount });
  await t.call('webhooks:register', { accountId: mcAccount });
});
afterAll(async () => {
  await t.close();
  await Promise.all([bot.close(), mc.close(), proxy.close(), tunnelProxy.close()]);
});

describe('registration follows the public URL', () => {
  it('starts with the local address', async () => {
    expect(bot.requestsTo('/whatsapp/setWebhook').at(-1)!.json).toMatchObject({ webhook_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hooks\//) });
    expect(mc.webhookUrl('6281100000001')).toMatch(/^http:\/\/127\.0\.0\.1/);
  });

  it('re-registers every API-registered account when the user sets a public URL', async () => {
    await t.call('settings:update', { publicBaseUrl: proxy.url });
    const botUrl = await urlOf(botAccount);
    expect(botUrl.startsWith(`${proxy.url}/hooks/${botAccount}/`)).toBe(true);
    expect((bot.requestsTo('/whatsapp/setWebhook').at(-1)!.json as { webhook_url: string }).webhook_url).toBe(botUrl);
    expect(mc.webhookUrl('6281100000001')).toBe(await urlOf(mcAccount));
    const status = await t.call('webhooks:status', {});
    expect(status.registrations.find((r) => r.accountId === botAccount)).toMatchObject({ state: 'registered', detail: null });
    expect(status.registrations.find((r) => r.accountId === omniAccount)).toMatchObject({ state: 'manual', url: expect.stringContaining(proxy.url) });
  });

  it('proves the public path with a test event', async () => {
    const hits = proxy.hits;
    const r = await t.call('webhooks:testEvent', { accountId: omniAccount });
    expect(r).toMatchObject({ ok: true, url: expect.stringContaining(proxy.url) });
    expect(proxy.hits).toBe(hits + 1);
    expect(await t.call('threads:list', {})).toEqual([]);
    expect(r).toMatchObject({ key: 'errors.webhooks.testStored' });
    const said = (x: typeof r) => errorText({ code: 'unexpected_response', message: x.message, key: x.key, params: x.params });
    expect(said(r)).toBe(r.message);
    await i18n.changeLanguage('id');
    try {
      expect(said(r)).toBe('Kejadian uji berhasil lewat alamat ini dan disimpan oleh Switchboard.');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('words a test event that was not stored in the operator\'s language', async () => {
    // An address that answers, but not with the listener's "stored": a path the listener does not know.
    const spy = vi.spyOn(t.app.webhooks, 'urlFor').mockResolvedValue(`${proxy.url}/hooks/${omniAccount}/not-the-secret`);
    try {
      const r = await t.call('webhooks:testEvent', { accountId: omniAccount });
      expect(r).toMatchObject({ ok: false, key: 'errors.webhooks.testHttp', params: { status: expect.any(Number) } });
      const said = () => errorText({ code: 'unexpected_response', message: r.message, key: r.key, params: r.params });
      expect(said()).toBe(r.message);
      await i18n.changeLanguage('id');
      try {
        expect(said()).toBe(`Alamat ini menjawab HTTP ${r.params!.status}, bukan menyimpan kejadian uji.`);
      } finally {
        await i18n.changeLanguage('en');
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('says plainly when the tunnel cannot connect, and keeps the working address', async () => {
    tunnelMode = 'offline';
    const before = bot.requestsTo('/whatsapp/setWebhook').length;
    const s = await t.call('webhooks:tunnel', { enabled: true, authtoken: 'ngrok-token-1' });
    expect(s.tunnel).toMatchObject({ enabled: true, tokenSaved: true, state: 'failed', error: expect.stringContaining('offline') });
    expect(s.publicBaseUrl).toBe(proxy.url);
    expect(bot.requestsTo('/whatsapp/setWebhook').length).toBe(before);
    expect(s.tunnel.errorWording).toEqual({ key: 'errors.tunnel.offline' });
    tunnelMode = 'badtoken';
    const bad = (await t.call('webhooks:tunnel', { enabled: true })).tunnel;
    expect(bad.error).toContain('refused the authtoken');
    expect(bad.errorWording).toEqual({ key: 'errors.tunnel.authtoken' });
    expect(reasonText(bad.error, bad.errorWording)).toBe(bad.error);
    await i18n.changeLanguage('id');
    try {
      expect(reasonText(bad.error, bad.errorWording)).toBe('ngrok menolak authtoken. Salin lagi dari dasbor ngrok Anda (Your Authtoken) lalu simpan di sini.');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('keeps the reason a registration failed with its wording', async () => {
    const broken = (
      await t.call('accounts:create', { provider: 'bot-api', name: 'Broken', config: { baseUrl: 'http://127.0.0.1:9', sessionId: 'gone' }, secrets: { bearerToken: 'b', accessToken: 'a' } })
    ).id;
    await t.router.dispatch('webhooks:register', { accountId: broken });
    const r = (await t.call('webhooks:status', {})).registrations.find((x) => x.accountId === broken)!;
    expect(r.state).toBe('failed');
    expect(r.detail).toEqual(expect.any(String));
    expect(r.detailWording).toMatchObject({ key: expect.stringMatching(/^errors\./) });
    await i18n.changeLanguage('id');
    try {
      expect(reasonText(r.detail, r.detailWording)).not.toBe(r.detail);
    } finally {
      await i18n.changeLanguage('en');
    }
    await t.call('accounts:remove', { id: broken });
  });

  it('keeps the ngrok authtoken in the keychain only', async () => {
    expect(tokensSeen).toContain('ngrok-token-1');
    expect([...(t.keyring as unknown as { items: Map<string, string> }).items.values()].join()).toContain('ngrok-token-1');
    expect(JSON.stringify(await t.call('settings:get', {}))).not.toContain('ngrok-token-1');
  });

  it('re-registers on the tunnel address once it connects, and back when it is turned off', async () => {
    tunnelMode = 'ok';
    const s = await t.call('webhooks:tunnel', { enabled: true });
    expect(s.tunnel).toMatchObject({ state: 'connected', url: tunnelProxy.url });
    expect(s.publicBaseUrl).toBe(tunnelProxy.url);
    expect(mc.webhookUrl('6281100000001')).toBe(`${tunnelProxy.url}/hooks/${mcAccount}/${(await urlOf(mcAccount)).split('/').pop()}`);
    expect((bot.requestsTo('/whatsapp/setWebhook').at(-1)!.json as { webhook_url: string }).webhook_url.startsWith(tunnelProxy.url)).toBe(true);
    const hits = tunnelProxy.hits;
    expect((await t.call('webhooks:testEvent', { accountId: botAccount })).ok).toBe(true);
    expect(tunnelProxy.hits).toBe(hits + 1);
    await t.call('webhooks:tunnel', { enabled: false });
    expect(mc.webhookUrl('6281100000001')!.startsWith(proxy.url)).toBe(true);
  });
});

describe('raw first, parsed after, replayable', () => {
  it('keeps an event no parser understands, lists it, and recovers it when the parser is fixed', async () => {
    const adapter = adapterFor('bot-api');
    const real = adapter.parseInbound;
    adapter.parseInbound = () => {
      throw new Error('this version does not understand extendedTextMessage');
    };
    try {
      expect(await bot.sendCustomerMessage({ sessionId: bot.instance([...bot.requestsTo('/whatsapp/setWebhook')].at(-1)!.query.session_id!)!.sessionId, from: '2348055556666', text: 'Hello there', pushName: 'Kemi' })).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      const unparsed = await t.call('webhooks:unparsed', {});
      expect(unparsed[0]).toMatchObject({ accountId: botAccount, provider: 'bot-api', error: expect.stringContaining('extendedTextMessage'), body: expect.stringContaining('Hello there') });
      expect((await t.call('webhooks:status', {})).unparsedCount).toBe(1);
    } finally {
      adapter.parseInbound = real;
    }
    expect(await t.call('webhooks:replay', {})).toEqual({ parsed: 1, stillUnparsed: 0 });
    const [thread] = await t.call('threads:list', { search: 'Kemi' });
    expect(thread).toMatchObject({ title: 'Kemi', lastMessage: 'Hello there' });
    expect(await t.call('webhooks:unparsed', {})).toEqual([]);
  });
});
