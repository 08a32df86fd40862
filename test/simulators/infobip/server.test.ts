// The simulator's own contract: what the Infobip OMNI doc promises, and the decided behaviour where
// the doc is silent. Adapter tests rely on it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InfobipSimulator } from './server';

let sim: InfobipSimulator;
beforeEach(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'test-key', username: 'ada', password: 'open sesame' });
});
afterEach(() => sim.close());

const app = { Authorization: 'App test-key' };
const api = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${sim.url}${path}`, { ...init, headers: { ...app, ...(init.headers as Record<string, string> | undefined) } });
const post = (path: string, body: unknown): Promise<Response> => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const to = (phoneNumber = '41793026727') => [{ to: { phoneNumber } }];
const bad = (validationErrors: Record<string, string[]>) => ({ requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Bad request', validationErrors } } });

describe('authentication', () => {
  it('accepts App <key> and Basic username:password, and answers 401 in Infobip style otherwise', async () => {
    expect((await api('/omni/1/scenarios')).status).toBe(200);
    const basic = await fetch(`${sim.url}/omni/1/scenarios`, { headers: { Authorization: `Basic ${Buffer.from('ada:open sesame').toString('base64')}` } });
    expect(basic.status).toBe(200);
    for (const header of ['App nope', `Basic ${Buffer.from('ada:wrong').toString('base64')}`, 'Bearer test-key', '']) {
      const res = await fetch(`${sim.url}/omni/1/scenarios`, { headers: header ? { Authorization: header } : {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ requestError: { serviceException: { messageId: 'UNAUTHORIZED', text: 'Invalid login details' } } });
    }
    expect(sim.requestsTo('/omni/1/scenarios')).toHaveLength(6);
  });

  it('answers unknown paths 404, wrong methods 405 and malformed JSON 400', async () => {
    expect((await api('/omni/1/nothing')).status).toBe(404);
    const wrong = await api('/omni/1/advanced');
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual({ requestError: { serviceException: { messageId: 'METHOD_NOT_ALLOWED', text: "Request method 'GET' not supported" } } });
    const malformed = await api('/omni/1/advanced', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(malformed.status).toBe(400);
  });
});

describe('scenarios', () => {
  it("creates the doc's scenario and lists it; a new default clears the old one", async () => {
    const body = { name: 'My WHATSAPP-SMS scenario', flow: [{ from: 'WhatsAppSender', channel: 'WHATSAPP' }, { from: 'InfoSMS', channel: 'SMS' }], default: true };
    const res = await post('/omni/1/scenarios', body);
    expect(res.status).toBe(200);
    const created = (await res.json()) as { key: string };
    expect(created).toEqual({ key: expect.stringMatching(/^[0-9A-F]{32}$/), ...body });
    const second = (await (await post('/omni/1/scenarios', { ...body, name: 'Second' })).json()) as { key: string };
    const list = (await (await api('/omni/1/scenarios')).json()) as { scenarios: { key: string; default: boolean }[] };
    expect(list.scenarios.map((s) => [s.key, s.default])).toEqual([
      [created.key, false],
      [second.key, true],
    ]);
    expect(((await (await api('/omni/1/scenarios?isDefault=true')).json()) as { scenarios: unknown[] }).scenarios).toHaveLength(1);
    expect((await api(`/omni/1/scenarios/${created.key}`)).status).toBe(200);
  });

  it('rejects a scenario without name or flow', async () => {
    const res = await post('/omni/1/scenarios', { flow: [{ channel: 'PIGEON' }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(bad({ name: ['may not be null'], 'flow[0].from': ['may not be null'], 'flow[0].channel': [expect.stringContaining('must be one of')] }));
  });
});

describe('advanced send', () => {
  it('answers the documented PENDING_ENROUTE body with a fresh messageId and records the message', async () => {
    const s = sim.addScenario();
    const body = { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'hello' }, sms: { text: 'hello by SMS' } };
    const res = await post('/omni/1/advanced', body);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { messages: { messageId: string }[] };
    expect(json).toEqual({
      messages: [
        {
          to: { phoneNumber: '41793026727' },
          status: { groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE', description: 'Message sent to next instance' },
          messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      ],
    });
    expect(sim.sent.at(-1)).toMatchObject({ messageId: json.messages[0]!.messageId, to: '41793026727', scenarioKey: s.key, whatsApp: { text: 'hello' }, sms: { text: 'hello by SMS' } });
    const again = (await (await post('/omni/1/advanced', body)).json()) as { messages: { messageId: string }[] };
    expect(again.messages[0]!.messageId).not.toBe(json.messages[0]!.messageId);
  });

  it('rejects what Infobip rejects, in requestError style', async () => {
    const s = sim.addScenario();
    const cases: [unknown, unknown][] = [
      [{ destinations: to(), whatsApp: { text: 'x' } }, bad({ scenarioKey: ['may not be null'] })],
      [{ scenarioKey: 'NOPE', destinations: to(), whatsApp: { text: 'x' } }, { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Scenario with key NOPE does not exist' } } }],
      [{ scenarioKey: s.key, destinations: to(), whatsApp: { text: 'x'.repeat(4097) } }, bad({ 'whatsApp.text': ['size must be between 1 and 4096'] })],
      [{ scenarioKey: s.key, destinations: to(), whatsApp: { templateName: 't', templateData: ['1'] } }, bad({ 'whatsApp.templateNamespace': ['may not be null'], 'whatsApp.language': ['may not be null'] })],
      [{ scenarioKey: s.key, destinations: to(), whatsApp: { text: 'pic', imageUrl: '' } }, bad({ 'whatsApp.imageUrl': ['may not be blank and must be a valid URL'] })],
      [{ scenarioKey: s.key, destinations: to('abc') }, bad({ 'destinations[0].to.phoneNumber': ['must be a valid phone number'], whatsApp: ['may not be null for a scenario with a WHATSAPP step'] })],
    ];
    for (const [body, answer] of cases) {
      const res = await post('/omni/1/advanced', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(answer);
    }
    expect(sim.sent).toHaveLength(0);
    expect((await post('/omni/1/advanced', { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'x'.repeat(4096) } })).status).toBe(200);
  });
});

describe('reports', () => {
  async function sendOne(): Promise<string> {
    const s = sim.addScenario();
    const res = await post('/omni/1/advanced', { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'hi' }, sms: { text: 'hi' } });
    return ((await res.json()) as { messages: { messageId: string }[] }).messages[0]!.messageId;
  }

  it('hands out each report once, in the documented shape', async () => {
    const id = await sendOne();
    await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    const first = (await (await api('/omni/1/reports')).json()) as { results: unknown[] };
    expect(first.results).toEqual([
      {
        messageId: id,
        to: '41793026727',
        messageCount: 1,
        sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
        doneAt: expect.stringMatching(/\+0000$/),
        mccMnc: '22801',
        price: { pricePerMessage: 0.005, currency: 'EUR' },
        status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
        error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
        channel: 'WHATSAPP',
      },
    ]);
    expect(await (await api('/omni/1/reports')).json()).toEqual({ results: [] });
  });

  it('honours limit and messageId, and rejects a bad limit', async () => {
    const a = await sendOne();
    const b = await sendOne();
    await sim.deliver(a, { groupId: 1, name: 'PENDING_WAITING_DELIVERY', channel: 'WHATSAPP' });
    await sim.deliver(b, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
    expect(((await (await api(`/omni/1/reports?messageId=${b}`)).json()) as { results: { messageId: string }[] }).results.map((r) => r.messageId)).toEqual([b]);
    expect((await api('/omni/1/reports?limit=0')).status).toBe(400);
    expect(((await (await api('/omni/1/reports?limit=1')).json()) as { results: unknown[] }).results).toHaveLength(1);
    expect(sim.pendingReports).toHaveLength(0);
  });

  it('reports a failover as one final SMS delivery, or per step when asked', async () => {
    const id = await sendOne();
    await sim.failoverToSms(id);
    const one = (await (await api('/omni/1/reports')).json()) as { results: { channel: string; status: { name: string } }[] };
    expect(one.results.map((r) => [r.channel, r.status.name])).toEqual([['SMS', 'DELIVERED_TO_HANDSET']]);
    await sim.failoverToSms(id, { reportEachStep: true });
    const steps = (await (await api('/omni/1/reports')).json()) as { results: { channel: string; status: { name: string } }[] };
    expect(steps.results.map((r) => [r.channel, r.status.name])).toEqual([
      ['WHATSAPP', 'UNDELIVERABLE_NOT_DELIVERED'],
      ['SMS', 'DELIVERED_TO_HANDSET'],
    ]);
  });

  it('refuses a failover the scenario or message cannot do', async () => {
    const s = sim.addScenario({ flow: [{ from: 'WA', channel: 'WHATSAPP' }] });
    const res = await post('/omni/1/advanced', { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'hi' } });
    const id = ((await res.json()) as { messages: { messageId: string }[] }).messages[0]!.messageId;
    await expect(sim.failoverToSms(id)).rejects.toThrow(/no SMS step/);
    await expect(sim.deliver('unknown', { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'SMS' })).rejects.toThrow(/No sent message/);
  });

  it('pushes reports to the notifyUrl instead of queueing them', async () => {
    const received: unknown[] = [];
    const hook: Server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(data));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const s = sim.addScenario();
      const notifyUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const res = await post('/omni/1/advanced', { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'hi' }, notifyUrl });
      const id = ((await res.json()) as { messages: { messageId: string }[] }).messages[0]!.messageId;
      await sim.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
      expect(received).toEqual([{ results: [expect.objectContaining({ messageId: id, channel: 'WHATSAPP' })] }]);
      expect(sim.pushes.at(-1)).toMatchObject({ url: notifyUrl, status: 200 });
      expect(sim.pendingReports).toHaveLength(0);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });
});

describe('fault injection and control page', () => {
  it('answers a queued fault, or drops the connection', async () => {
    sim.failNext(1, { status: 503, body: { oops: true } }, '/omni/1/scenarios');
    expect((await api('/omni/1/scenarios')).status).toBe(503);
    sim.failNext(1, { status: 200, destroy: true });
    await expect(api('/omni/1/scenarios')).rejects.toThrow();
    expect((await api('/omni/1/scenarios')).status).toBe(200);
  });

  it('serves a page and turns an outcome button into a report', async () => {
    expect((await fetch(`${sim.url}/_sim`)).headers.get('content-type')).toMatch(/text\/html/);
    const s = sim.addScenario();
    const id = ((await (await post('/omni/1/advanced', { scenarioKey: s.key, destinations: to(), whatsApp: { text: 'hi' } })).json()) as { messages: { messageId: string }[] }).messages[0]!.messageId;
    const res = await fetch(`${sim.url}/_sim/deliver`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messageId: id, outcome: 'operator' }) });
    expect(await res.json()).toMatchObject({ ok: true, reports: [{ status: { name: 'DELIVERED_TO_OPERATOR' } }] });
    expect(sim.pendingReports).toHaveLength(1);
  });
});

describe('webhooks a person can send from the control page (reference/infobip.md "Webhooks")', () => {
  it('posts each inbound shape, a seen report and a mixed batch to the URLs set on the page', async () => {
    const got: unknown[] = [];
    const app = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        got.push(JSON.parse(raw));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hook`;
    const post = async (path: string, body: unknown) => (await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    try {
      expect(await post('/_sim/inbound-url', { url })).toMatchObject({ ok: true });
      expect(await post('/_sim/reports-url', { url })).toMatchObject({ ok: true });
      for (const type of ['TEXT', 'TWO_TEXTS', 'LOCATION', 'INTERACTIVE_LIST_REPLY', 'INTERACTIVE_BUTTON_REPLY']) expect(await post('/_sim/inbound', { from: '385919998888', name: 'Frank', type, text: 'Hi' })).toEqual({ ok: true, webhookStatus: 200 });
      expect(await post('/_sim/inbound', { from: '385919998888', type: 'IMAGE', url: 'https://x.example/m/1' })).toEqual({ ok: true, webhookStatus: 200 });
      const types = (got as { results: { message: { type: string } }[] }[]).map((b) => b.results.map((r) => r.message.type));
      expect(types).toEqual([['TEXT'], ['TEXT', 'TEXT'], ['LOCATION'], ['INTERACTIVE_LIST_REPLY'], ['INTERACTIVE_BUTTON_REPLY'], ['IMAGE']]);
      expect(got[0]).toMatchObject({ results: [{ from: '385919998888', integrationType: 'WHATSAPP', receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/), contact: { name: 'Frank' } }], messageCount: 1, pendingMessageCount: 0 });
      const key = sim.addScenario().key;
      const sent = await fetch(`${sim.url}/omni/1/advanced`, { method: 'POST', headers: { Authorization: `App ${sim.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ scenarioKey: key, destinations: [{ to: { phoneNumber: '41793026727' } }], whatsApp: { text: 'x' }, sms: { text: 'x' } }) });
      const id = ((await sent.json()) as { messages: { messageId: string }[] }).messages[0]!.messageId;
      await post('/_sim/deliver', { messageId: id, outcome: 'seen' });
      expect(got.at(-1)).toEqual({ results: [{ messageId: id, from: 'WhatsAppSender', to: '41793026727', sentAt: expect.any(String), seenAt: expect.any(String), applicationId: 'default', entityId: null }] });
      await post('/_sim/deliver', { messageId: id, outcome: 'mixed' });
      expect((got.at(-1) as { results: object[] }).results).toEqual([expect.objectContaining({ messageId: id, status: expect.objectContaining({ groupId: 3 }) }), expect.objectContaining({ messageId: id, seenAt: expect.any(String) })]);
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
