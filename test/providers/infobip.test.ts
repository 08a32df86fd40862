// The Infobip OMNI adapter against its simulator: exact requests, documented answers and failures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { infobip } from '../../electron/services/providers/infobip';
import * as client from '../../electron/services/providers/infobip/client';
import type { AccountContext, OutgoingMessage, SendTarget } from '../../electron/services/providers/types';
import { InfobipSimulator } from '../simulators/infobip/server';

let sim: InfobipSimulator;
let ctx: AccountContext;
let scenarioKey: string;
beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'fake-key-123', username: 'shop-owner', password: 'fake pass' });
  scenarioKey = sim.addScenario().key;
});
beforeEach(() => {
  ctx = { config: { baseUrl: sim.url, scenarioKey }, secrets: { apiKey: 'fake-key-123' } };
});
afterAll(() => sim.close());

const basicCtx = (password = 'fake pass'): AccountContext => ({ config: { baseUrl: sim.url, username: 'shop-owner', scenarioKey }, secrets: { password } });
const person: SendTarget = { peerId: '41793026727', isGroup: false };
const lastAdvanced = () => sim.requestsTo('/omni/1/advanced').at(-1)!;

describe('account validation', () => {
  const v = (...args: Parameters<NonNullable<typeof infobip.formProblems>>) => infobip.formProblems!(...args).map((p) => p.message);
  it('needs an API key, or a username and password (typed now or already saved)', () => {
    expect(v({}, { apiKey: 'k' }, [])).toEqual([]);
    expect(v({ username: 'u' }, { password: 'p' }, [])).toEqual([]);
    expect(v({ username: 'u' }, {}, ['password'])).toEqual([]);
    expect(v({}, {}, ['apiKey'])).toEqual([]);
    expect(v({}, {}, [])).toEqual(['Enter an Infobip API key, or a username and password.']);
    expect(v({ username: 'u' }, {}, [])).toEqual([expect.stringMatching(/password/)]);
    expect(v({}, { password: 'p' }, [])).toEqual([expect.stringMatching(/username/)]);
  });
});

describe('connection test', () => {
  it('lists scenarios read-only with App <key> and says how many there are', async () => {
    const r = await infobip.testConnection(ctx);
    expect(r).toEqual({ ok: true, status: 'connected', message: 'Connected. Infobip lists 1 OMNI scenario on this account.', key: 'errors.connection.infobipScenarios', params: { count: 1 } });
    const req = sim.requestsTo('/omni/1/scenarios').at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.headers.authorization).toBe('App fake-key-123');
  });

  it('signs in with Basic username:password when there is no key', async () => {
    expect(await infobip.testConnection(basicCtx())).toMatchObject({ ok: true });
    expect(sim.requestsTo('/omni/1/scenarios').at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('shop-owner:fake pass').toString('base64')}`);
  });

  it('explains a 401 by the kind of credential used, without leaking it', async () => {
    const key = await infobip.testConnection({ ...ctx, secrets: { apiKey: 'wrong-key' } });
    expect(key).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringMatching(/rejected the API key.*Developers → API keys/), key: 'errors.infobip.apiKeyRejected' });
    expect(key.detail).toMatch(/HTTP 401 \(App API key\).*Invalid login details/);
    const basic = await infobip.testConnection(basicCtx('wrong pass'));
    expect(basic).toMatchObject({ ok: false, status: 'credentials_rejected', message: expect.stringMatching(/rejected the username and password/), key: 'errors.infobip.loginRejected' });
    for (const r of [key, basic]) expect(JSON.stringify(r)).not.toMatch(/wrong-key|wrong pass|d3JvbmcgcGFzc/);
  });

  it('mentions a chosen scenario that no longer exists', async () => {
    const r = await infobip.testConnection({ ...ctx, config: { ...ctx.config, scenarioKey: 'GONE' } });
    expect(r.message).toMatch(/no longer among them/);
  });

  it('reports nothing listening as unreachable, and a non-JSON answer as unexpected', async () => {
    expect(await infobip.testConnection({ ...ctx, config: { baseUrl: 'http://127.0.0.1:9' } })).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/Couldn't reach Infobip at 127\.0\.0\.1:9/) });
    sim.failNext(1, { status: 200, body: '<html>captive portal</html>', headers: { 'content-type': 'text/html' } });
    expect(await infobip.testConnection(ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/didn't expect/), detail: expect.stringContaining('captive portal') });
  });

  it('says what to do when no credentials are saved', async () => {
    expect(await infobip.testConnection({ config: { baseUrl: sim.url }, secrets: {} })).toMatchObject({ ok: false, message: expect.stringMatching(/no Infobip API key/) });
  });
});

describe('scenarios as lines', () => {
  it('creates a WhatsApp → SMS scenario with the wire flag "default"', async () => {
    const line = await infobip.lines!.create!(ctx, { name: 'Shop failover', whatsAppSender: '447860099299', smsSender: 'InfoSMS', isDefault: true });
    expect(sim.requestsTo('/omni/1/scenarios').at(-1)).toMatchObject({
      method: 'POST',
      json: { name: 'Shop failover', flow: [{ from: '447860099299', channel: 'WHATSAPP' }, { from: 'InfoSMS', channel: 'SMS' }], default: true },
    });
    expect(line).toEqual({ id: expect.stringMatching(/^[0-9A-F]{32}$/), label: 'Shop failover', detail: 'WhatsApp 447860099299 → SMS InfoSMS', isDefault: true });
  });

  it('creates a WhatsApp-only scenario when no SMS sender is given', async () => {
    await infobip.lines!.create!(ctx, { name: 'WA only', whatsAppSender: 'WA', isDefault: false });
    expect(sim.requestsTo('/omni/1/scenarios').at(-1)!.json).toEqual({ name: 'WA only', flow: [{ from: 'WA', channel: 'WHATSAPP' }], default: false });
  });

  it('checks the input before calling Infobip', async () => {
    const before = sim.requests.length;
    await expect(infobip.lines!.create!(ctx, { name: '', whatsAppSender: 'WA', isDefault: false })).rejects.toMatchObject({ code: 'validation' });
    await expect(infobip.lines!.create!(ctx, { name: 'x', isDefault: false })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/WhatsApp sender/) });
    expect(sim.requests.length).toBe(before);
  });

  it('lists scenarios with name, flow summary and default flag, under configKey scenarioKey', async () => {
    expect(infobip.lines!.configKey).toBe('scenarioKey');
    const lines = await infobip.lines!.list(ctx);
    expect(lines[0]).toEqual({ id: scenarioKey, label: 'My WHATSAPP-SMS scenario', detail: 'WhatsApp WhatsAppSender → SMS InfoSMS', isDefault: false });
    expect(lines.filter((l) => l.isDefault).map((l) => l.label)).toEqual(['Shop failover']);
  });
});

describe('sending', () => {
  it('sends text to WhatsApp with the same text as SMS failover', async () => {
    const r = await infobip.send(ctx, person, { kind: 'text', text: 'Your order is ready.' });
    expect(r).toEqual({ providerMessageId: sim.sent.at(-1)!.messageId, channel: null });
    const req = lastAdvanced();
    expect(req.headers.authorization).toBe('App fake-key-123');
    expect(req.json).toEqual({ scenarioKey, destinations: [{ to: { phoneNumber: '41793026727' } }], whatsApp: { text: 'Your order is ready.' }, sms: { text: 'Your order is ready.' } });
  });

  it('checks scenario, group, number and length before sending anything', async () => {
    const before = sim.requests.length;
    const noScenario = { ...ctx, config: { baseUrl: sim.url } };
    await expect(infobip.send(noScenario, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/No OMNI scenario is chosen.*“Sending line”/) });
    await expect(infobip.send(ctx, { peerId: '120363040000000000@g.us', isGroup: true }, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation' });
    await expect(infobip.send(ctx, { peerId: 'abc', isGroup: false }, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'validation' });
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'x'.repeat(4097) })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/at most 4096 characters.*4097/), key: 'errors.infobip.textTooLong', params: { max: 4096, length: 4097 } });
    await expect(infobip.send(ctx, person, { kind: 'location', name: 'Shop', lat: 1, lng: 2 })).rejects.toMatchObject({ code: 'validation' });
    expect(sim.requests.length).toBe(before);
    await infobip.send(ctx, person, { kind: 'text', text: 'x'.repeat(4096) });
  });

  it('sends an image by URL with its caption; SMS gets the caption and the link', async () => {
    await infobip.send(ctx, person, { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://example.com/logo.png' }, caption: 'Get your message across!' });
    expect(lastAdvanced().json).toEqual({
      scenarioKey,
      destinations: [{ to: { phoneNumber: '41793026727' } }],
      whatsApp: { text: 'Get your message across!', imageUrl: 'https://example.com/logo.png' },
      sms: { text: 'Get your message across!\nhttps://example.com/logo.png' },
    });
  });

  it('refuses media WhatsApp cannot carry here, and uploaded files', async () => {
    const video: OutgoingMessage = { kind: 'media', mediaKind: 'video', source: { type: 'url', url: 'https://example.com/v.mp4' } };
    await expect(infobip.send(ctx, person, video)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/images but not video/) });
    const file: OutgoingMessage = { kind: 'media', mediaKind: 'image', source: { type: 'file', bytes: Buffer.from('x'), mimeType: 'image/png', fileName: 'a.png' } };
    await expect(infobip.send(ctx, person, file)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/web link/) });
  });

  it('sends a template with data ordered by key, language, policy and SMS fallback', async () => {
    await infobip.send(ctx, person, {
      kind: 'template',
      template: { id: 'template_name', name: 'template_name', namespace: 'whatsapp:hsm:templatenamespace', language: 'en_US', policy: 'fallback', body: 'Hi {{1}}, order {{2}} shipped.' },
      params: [
        { key: '2', text: '12' },
        { key: '1', text: '1' },
      ],
      smsFallbackText: 'Your order 12 shipped.',
    });
    expect(lastAdvanced().json).toEqual({
      scenarioKey,
      destinations: [{ to: { phoneNumber: '41793026727' } }],
      whatsApp: { templateName: 'template_name', templateNamespace: 'whatsapp:hsm:templatenamespace', templateData: ['1', '12'], language: 'en_US', policy: 'fallback' },
      sms: { text: 'Your order 12 shipped.' },
    });
  });

  it("sends the doc's template body exactly (no sms part) through a WhatsApp-only scenario", async () => {
    // infobip-omni.md "Send Highly Structured WhatsApp message": no sms object in the doc's body.
    const waOnly = sim.addScenario({ name: 'WA only', flow: [{ from: 'WhatsAppSender', channel: 'WHATSAPP' }] }).key;
    await infobip.send({ ...ctx, config: { ...ctx.config, scenarioKey: waOnly } }, person, { kind: 'template', template: { id: 'template_name', name: 'x', namespace: 'whatsapp:hsm:templatenamespace', language: 'en_US' }, params: [{ key: '1', text: '1' }, { key: '2', text: '12' }] });
    expect(lastAdvanced().json).toEqual({
      scenarioKey: waOnly,
      destinations: [{ to: { phoneNumber: '41793026727' } }],
      whatsApp: { templateName: 'template_name', templateNamespace: 'whatsapp:hsm:templatenamespace', templateData: ['1', '12'], language: 'en_US' },
    });
  });

  it('gives a template sent through a WhatsApp-then-SMS scenario the filled body as its SMS text', async () => {
    await infobip.send(ctx, person, { kind: 'template', template: { id: 'order_ready', name: 'Order ready', namespace: 'ns', language: 'en', body: 'Hi {{1}}, order {{2}} is ready' }, params: [{ key: '1', text: 'Eva' }, { key: '2', text: 'A-17' }] });
    expect(lastAdvanced().json).toEqual({
      scenarioKey,
      destinations: [{ to: { phoneNumber: '41793026727' } }],
      whatsApp: { templateName: 'order_ready', templateNamespace: 'ns', templateData: ['Eva', 'A-17'], language: 'en' },
      sms: { text: 'Hi Eva, order A-17 is ready' },
    });
    const id = sim.sent.at(-1)!.messageId;
    await expect(sim.failoverToSms(id)).resolves.toHaveLength(1);
  });

  it('refuses a template whose SMS text is unknown when the scenario would fail over to SMS', async () => {
    const before = sim.requestsTo('/omni/1/advanced').length;
    await expect(infobip.send(ctx, person, { kind: 'template', template: { id: 't', name: 't', namespace: 'ns', language: 'en' }, params: [] })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/falls back to SMS.*body text/) });
    expect(sim.requestsTo('/omni/1/advanced').length).toBe(before);
    expect(sim.requests.at(-1)!).toMatchObject({ method: 'GET', path: `/omni/1/scenarios/${scenarioKey}` });
  });

  it('asks Infobip to push reports to the public webhook URL when there is one, and only then', async () => {
    const hook = 'https://abc.ngrok.app/hooks/acc-1/secret-secret-secret';
    await infobip.send({ ...ctx, publicWebhookUrl: hook }, person, { kind: 'text', text: 'pushed' });
    expect(lastAdvanced().json).toMatchObject({ notifyUrl: hook });
    expect(sim.sent.at(-1)!.notifyUrl).toBe(hook);
    await infobip.send({ ...ctx, publicWebhookUrl: null }, person, { kind: 'text', text: 'pulled' });
    expect(lastAdvanced().json).not.toHaveProperty('notifyUrl');
  });

  it('checks the mandatory template fields and placeholders before sending', async () => {
    const before = sim.requests.length;
    const t = { id: 'welcome', name: 'welcome', namespace: 'ns', language: 'en', body: 'Hi {{1}} and {{2}}' };
    await expect(infobip.send(ctx, person, { kind: 'template', template: { ...t, namespace: null, language: null }, params: [] })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/needs its namespace and language/) });
    await expect(infobip.send(ctx, person, { kind: 'template', template: t, params: [{ key: '1', text: 'Ada' }] })).rejects.toMatchObject({ message: expect.stringMatching(/\{\{2\}\}/) });
    await expect(infobip.send(ctx, person, { kind: 'template', template: t, params: [{ key: 'name', text: 'Ada' }] })).rejects.toMatchObject({ code: 'validation' });
    await expect(infobip.send(ctx, person, { kind: 'template', template: t, params: ['1', '2', '3'].map((key) => ({ key, text: 'x' })) })).rejects.toMatchObject({ message: expect.stringMatching(/2 placeholders, but 3/) });
    expect(sim.requests.length).toBe(before);
  });

  it("shows Infobip's reason for a 400, with a hint for an unknown scenario", async () => {
    await expect(infobip.send({ ...ctx, config: { ...ctx.config, scenarioKey: 'DELETED' } }, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({
      code: 'unexpected_response',
      message: 'Infobip refused the request: Scenario with key DELETED does not exist. Pick or create another scenario under “Sending line” on the account card.',
      key: 'errors.infobip.refusedScenario',
      params: { msg: 'Scenario with key DELETED does not exist' },
    });
    sim.failNext(1, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Bad request', validationErrors: { 'whatsApp.text': ['size must be between 1 and 4096'] } } } } }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ message: 'Infobip refused the request: Bad request; whatsApp.text size must be between 1 and 4096.', key: 'errors.infobip.refused' });
  });

  it('treats a 200 answer with a REJECTED status as a failed send, and passes DELIVERED on', async () => {
    const msg = (status: object) => ({ messages: [{ to: { phoneNumber: '41793026727' }, status, messageId: 'm-x' }] });
    sim.failNext(1, { status: 200, body: msg({ groupId: 5, groupName: 'REJECTED', id: 12, name: 'REJECTED_NOT_ENOUGH_CREDITS', description: 'Not enough credits' }) }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ message: 'Infobip did not accept the message: Not enough credits.', key: 'errors.infobip.notAccepted', params: { why: 'Not enough credits' } });
    sim.failNext(1, { status: 200, body: msg({ groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET' }) }, '/omni/1/advanced');
    expect(await infobip.send(ctx, person, { kind: 'text', text: 'hi' })).toEqual({ providerMessageId: 'm-x', channel: null, status: 'delivered' });
    sim.failNext(1, { status: 200, body: { messages: [] } }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('treats 5xx and 429 as temporary, and a dropped connection as unreachable', async () => {
    sim.failNext(1, { status: 503, body: { requestError: { serviceException: { messageId: 'GENERAL_ERROR', text: 'Service unavailable' } } } }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/HTTP 503/) });
    sim.failNext(1, { status: 429, body: { requestError: { serviceException: { messageId: 'TOO_MANY_REQUESTS', text: 'Too many requests' } } } }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'unreachable' });
    sim.failNext(1, { status: 200, destroy: true }, '/omni/1/advanced');
    await expect(infobip.send(ctx, person, { kind: 'text', text: 'hi' })).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('delivery reports', () => {
  const sendOne = async (): Promise<string> => (await infobip.send(ctx, person, { kind: 'text', text: 'report me' })).providerMessageId!;
  beforeEach(async () => {
    await client.pollReports(ctx); // start each case with nothing waiting
  });

  it('pulls reports once each and maps them, keeping channel and price', async () => {
    const id = await sendOne();
    await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP', price: { pricePerMessage: 0.0104, currency: 'EUR' } });
    const [status] = await infobip.reports!.poll!(ctx);
    expect(status).toEqual({ type: 'status', providerMessageId: id, status: 'delivered', channel: 'WHATSAPP', price: { amount: 0.0104, currency: 'EUR' }, at: expect.any(Number) });
    expect(Math.abs(status!.at - Date.now())).toBeLessThan(5_000);
    expect(sim.requestsTo('/omni/1/reports').at(-1)).toMatchObject({ method: 'GET', query: { limit: '100' }, headers: { authorization: 'App fake-key-123' } });
    expect(await infobip.reports!.poll!(ctx)).toEqual([]);
  });

  it('shows which channel delivered after a failover to SMS', async () => {
    const id = await sendOne();
    await sim.failoverToSms(id);
    expect(await infobip.reports!.poll!(ctx)).toEqual([expect.objectContaining({ providerMessageId: id, status: 'delivered', channel: 'SMS' })]);
    const id2 = await sendOne();
    await sim.failoverToSms(id2, { reportEachStep: true });
    expect(await infobip.reports!.poll!(ctx)).toEqual([expect.objectContaining({ providerMessageId: id2, status: 'delivered', channel: 'SMS' })]);
  });

  it('maps undeliverable, operator-only and rejected reports', async () => {
    const [a, b, c] = [await sendOne(), await sendOne(), await sendOne()];
    await sim.deliver(a, { groupId: 2, name: 'UNDELIVERABLE_NOT_DELIVERED', channel: 'WHATSAPP', error: { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false } });
    await sim.deliver(b, { groupId: 3, name: 'DELIVERED_TO_OPERATOR', channel: 'SMS' });
    await sim.deliver(c, { groupId: 5, name: 'REJECTED_NOT_ENOUGH_CREDITS', channel: 'WHATSAPP' });
    const byId = Object.fromEntries((await infobip.reports!.poll!(ctx)).map((s) => [s.providerMessageId, s]));
    expect(byId[a]).toMatchObject({ status: 'failed', error: 'Not delivered by WhatsApp: Absent Subscriber (EC_ABSENT_SUBSCRIBER_SM).', permanent: false });
    expect(byId[b]).toMatchObject({ status: 'sent', channel: 'SMS' });
    expect(byId[c]).toMatchObject({ status: 'failed', permanent: true });
  });

  it('pages until a short page', async () => {
    const ids = [await sendOne(), await sendOne(), await sendOne(), await sendOne(), await sendOne()];
    for (const id of ids) await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    const before = sim.requestsTo('/omni/1/reports').length;
    expect((await client.pollReports(ctx, { limit: 2 })).map((s) => s.providerMessageId)).toEqual(ids);
    expect(sim.requestsTo('/omni/1/reports').slice(before).map((r) => r.query)).toEqual([{ limit: '2' }, { limit: '2' }, { limit: '2' }]);
  });

  it('throws when the first page fails (nothing was handed out)', async () => {
    const id = await sendOne();
    await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    sim.failNext(1, { status: 200, destroy: true }, '/omni/1/reports');
    await expect(infobip.reports!.poll!(ctx)).rejects.toMatchObject({ code: 'unreachable' });
    sim.failNext(1, { status: 401, body: { requestError: { serviceException: { messageId: 'UNAUTHORIZED', text: 'Invalid login details' } } } }, '/omni/1/reports');
    await expect(infobip.reports!.poll!(ctx)).rejects.toMatchObject({ code: 'credentials_rejected' });
    sim.failNext(1, { status: 200, body: { unexpected: true } }, '/omni/1/reports');
    await expect(infobip.reports!.poll!(ctx)).rejects.toMatchObject({ code: 'unexpected_response', detail: expect.stringMatching(/Not an Infobip webhook/) });
    expect(sim.pendingReports).toHaveLength(1);
  });

  it('keeps the pages it already got when a later page fails, since those reports are gone at Infobip', async () => {
    const ids = [await sendOne(), await sendOne(), await sendOne()];
    for (const id of ids) await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    sim.failNext(1, { status: 502, body: 'Bad gateway', skip: 1 }, '/omni/1/reports');
    expect((await client.pollReports(ctx, { limit: 2 })).map((s) => s.providerMessageId)).toEqual(ids.slice(0, 2));
    expect((await client.pollReports(ctx, { limit: 2 })).map((s) => s.providerMessageId)).toEqual(ids.slice(2));
  });

  it('parses reports Infobip pushes to a notify URL', async () => {
    const bodies: unknown[] = [];
    const hook: Server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const id = await sendOne();
      sim.reportsUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/infobip`;
      await sim.failoverToSms(id);
      expect(infobip.parseInbound(bodies[0])).toEqual([expect.objectContaining({ type: 'status', providerMessageId: id, status: 'delivered', channel: 'SMS' })]);
    } finally {
      sim.reportsUrl = null;
      await new Promise((r) => hook.close(r));
    }
  });
});
