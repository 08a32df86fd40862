// The simulator's own contract: what the mconnect Omnichannel doc promises, and the decided
// behaviour where the doc is silent. Adapter tests elsewhere rely on every line of this.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT_PATH, MconnectSimulator } from './server';

const OURS = '6281100000001';
const SECOND = '6281100000002';
const CUSTOMER = '6281234567890';
const GROUP = '6582986675-1502710128';
const NOT_SENT = { status: 'false', result: { data: 'not-sent' } };

let sim: MconnectSimulator;
beforeEach(async () => {
  sim = await MconnectSimulator.start({ acceptedCompany: 'acme-test', acceptedUsername: 'fake-user', wpNums: [OURS, SECOND] });
});
afterEach(() => sim.close());

const envelope = (element_data: Record<string, unknown>) => ({ operation: 'wp_instance', moduleType: 'wp_instance', api_type: 'web', element_data });
const creds = { company: 'acme-test', username: 'fake-user' };
const text = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'sendWhatsappText', from: OURS, to: CUSTOMER, message: 'hi', is_group: '0', ...creds, ...over });
const file = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'sendWhatsappFile', from: OURS, to: CUSTOMER, file_url: 'https://f.example/a.jpeg', caption: 'demo', is_group: '0', ...creds, ...over });

async function post(body: unknown, init: { path?: string; contentType?: string } = {}): Promise<{ status: number; json: unknown; reason: string | null }> {
  const res = await fetch(`${sim.url}${init.path ?? ENDPOINT_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': init.contentType ?? 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const raw = await res.text();
  return { status: res.status, json: raw.startsWith('{') ? JSON.parse(raw) : raw, reason: res.headers.get('x-simulator-reason') };
}

async function refused(body: unknown, reason: RegExp): Promise<void> {
  const r = await post(body);
  expect(r.status).toBe(200);
  expect(r.json).toEqual(NOT_SENT);
  expect(r.reason).toMatch(reason);
}

describe('the one endpoint', () => {
  it('answers POSTs at the documented path and records every request, refused ones too', async () => {
    await post(envelope(text()));
    await post('{not json');
    expect(sim.requestsTo()).toHaveLength(2);
    expect(sim.requestsTo()[0]).toMatchObject({ method: 'POST', path: ENDPOINT_PATH, json: envelope(text()) });
  });

  it('redirects the slash-less path, 404s other paths and 405s other methods', async () => {
    const r = await post(envelope(text()), { path: ENDPOINT_PATH.replace(/\/$/, '') });
    expect(r.status).toBe(301);
    expect(sim.sent).toHaveLength(0);
    expect((await post(envelope(text()), { path: '/api/other' })).status).toBe(404);
    const get = await fetch(sim.endpointUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it("reads the doc's curl --data body (JSON labelled urlencoded) as JSON", async () => {
    const r = await post(JSON.stringify(envelope(text())), { contentType: 'application/x-www-form-urlencoded' });
    expect(r.json).toMatchObject({ status: 'true' });
  });

  it('refuses malformed JSON, a wrong envelope and an unknown action with the documented failure', async () => {
    await refused('{not json', /not JSON/);
    await refused({ ...envelope(text()), operation: 'wp' }, /operation/);
    await refused({ ...envelope(text()), api_type: 'app' }, /api_type/);
    await refused({ operation: 'wp_instance', moduleType: 'wp_instance', api_type: 'web' }, /element_data/);
    // reference/mconnect.md §1b: any action the proxy doesn't know is forwarded as a media send.
    await refused(envelope(text({ action: 'getQr' })), /file_url/);
  });
});

describe('sendWhatsappText', () => {
  it('answers the documented success with a "true_<chat>@c.us_<id>" id', async () => {
    const r = await post(envelope(text()));
    expect(r.json).toEqual({ status: 'true', result: { data: expect.stringMatching(new RegExp(`^true_${CUSTOMER}@c\\.us_3EB0[0-9A-F]{16}$`)) } });
    expect(sim.sent.at(-1)).toMatchObject({ action: 'sendWhatsappText', from: OURS, to: CUSTOMER, isGroup: false, message: 'hi' });
  });

  it('refuses each missing or empty required field', async () => {
    for (const name of ['from', 'to', 'message', 'is_group', 'company', 'username']) {
      const { [name]: _gone, ...rest } = text();
      await refused(envelope(rest), new RegExp(name));
      await refused(envelope(text({ [name]: '' })), new RegExp(name));
    }
    expect(sim.sent).toHaveLength(0);
  });

  it('refuses an unknown company/username pair, a non-string is_group and a "+" number', async () => {
    await refused(envelope(text({ username: 'other' })), /company\/username/);
    await refused(envelope(text({ company: 'other' })), /company\/username/);
    await refused(envelope(text({ is_group: 0 })), /is_group/);
    await refused(envelope(text({ is_group: 'no' })), /is_group/);
    await refused(envelope(text({ to: `+${CUSTOMER}` })), /phone number in digits/);
  });

  it('sends from any scanned number, but not from one that is not scanned or is logged out', async () => {
    expect((await post(envelope(text({ from: SECOND })))).json).toMatchObject({ status: 'true' });
    await refused(envelope(text({ from: '6289999999999' })), /not a scanned number/);
    sim.setConnected(false);
    await refused(envelope(text()), /logged out/);
    sim.setConnected(true);
    expect((await post(envelope(text()))).json).toMatchObject({ status: 'true' });
  });

  it('sends to a group as the proxy code reads it (reference §1a): group id in to, our number in from, is_group "1"', async () => {
    const r = await post(envelope(text({ from: OURS, to: GROUP, is_group: '1' })));
    expect(r.json).toEqual({ status: 'true', result: { data: expect.stringMatching(new RegExp(`^true_${GROUP}@g\\.us_3EB0`)) } });
    expect(sim.sent.at(-1)).toMatchObject({ from: OURS, to: GROUP, isGroup: true });
    // The short doc's way round (group id in from) names no scanned line: not sent.
    await refused(envelope(text({ from: GROUP, to: OURS, is_group: '1' })), /from .* not a scanned number/);
    await refused(envelope(text({ from: OURS, to: `${GROUP}@g.us`, is_group: '1' })), /group id/);
    await refused(envelope(text({ from: OURS, to: GROUP, is_group: '0' })), /phone number/);
  });

  it('answers "not-sent" for a " in the text, which breaks the hand-built engine call (reference §1a)', async () => {
    await refused(envelope(text({ message: 'say "hi"' })), /breaks the engine call/);
    expect((await post(envelope(text({ message: 'say “hi”\nand \'bye\'' })))).json).toMatchObject({ status: 'true' });
  });

  it('answers as text/plain, as the tenant PHP echoes it', async () => {
    const res = await fetch(sim.endpointUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(envelope(text())) });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe('media sends (sendWhatsappFile or any other action)', () => {
  it('answers the text-style success with the engine message id (reference §1b)', async () => {
    const r = await post(envelope(file()));
    expect(r.json).toEqual({ status: 'true', result: { data: expect.stringMatching(new RegExp(`^true_${CUSTOMER}@c\\.us_3EB0`)) } });
    expect(sim.sent.at(-1)).toMatchObject({ action: 'sendWhatsappFile', fileUrl: 'https://f.example/a.jpeg', caption: 'demo', messageId: (r.json as { result: { data: string } }).result.data });
    expect((await post(envelope(file({ action: 'send_chat_message_media_unoff' })))).json).toMatchObject({ status: 'true' });
  });

  it('needs caption present (it may be empty), an http(s) file_url and the credentials', async () => {
    expect((await post(envelope(file({ caption: '' })))).json).toMatchObject({ status: 'true' });
    const { caption: _c, ...noCaption } = file();
    await refused(envelope(noCaption), /caption/);
    await refused(envelope(file({ file_url: 'ftp://f.example/a.jpeg' })), /file_url/);
    await refused(envelope(file({ username: 'x' })), /company\/username/);
    expect((await post(envelope(file({ to: GROUP, is_group: '1' })))).json).toMatchObject({ status: 'true' });
    await refused(envelope(file({ caption: 'the "best"' })), /breaks the engine call/);
  });
});

describe('setWebHook', () => {
  it('needs only wp_num and web_hook (the doc sends no credentials) and keeps one URL per number', async () => {
    expect((await post(envelope({ action: 'setWebHook', wp_num: OURS, web_hook: 'https://a.example/h' }))).json).toEqual({ status: 'true', web_hook: 'https://a.example/h' });
    expect((await post(envelope({ action: 'setWebHook', wp_num: SECOND, web_hook: 'https://b.example/h' }))).json).toEqual({ status: 'true', web_hook: 'https://b.example/h' });
    expect(sim.webhookUrl()).toBe('https://a.example/h');
    expect(sim.webhookUrl(SECOND)).toBe('https://b.example/h');
  });

  it('refuses a number that is not scanned, a missing field and a non-http(s) address', async () => {
    await refused(envelope({ action: 'setWebHook', wp_num: '6289999999999', web_hook: 'https://a.example/h' }), /not a scanned number/);
    await refused(envelope({ action: 'setWebHook', wp_num: OURS }), /web_hook/);
    await refused(envelope({ action: 'setWebHook', wp_num: OURS, web_hook: 'not a url' }), /web_hook/);
    expect(sim.webhookUrl()).toBeNull();
  });
});

describe('fault injection', () => {
  it('answers the next n requests (to a path, when given) with the fault, then resumes', async () => {
    sim.failNext(1, { status: 500, body: { status: 'false' } }, '/elsewhere');
    sim.failNext(2, { status: 503, body: 'down' }, ENDPOINT_PATH);
    expect((await post(envelope(text()))).status).toBe(503);
    expect((await post(envelope(text()))).status).toBe(503);
    expect((await post(envelope(text()))).status).toBe(200);
    expect(sim.requestsTo()).toHaveLength(3);
  });

  it('drops the connection with destroy', async () => {
    sim.failNext(1, { status: 200, destroy: true });
    await expect(post(envelope(text()))).rejects.toThrow();
  });
});

describe('customer messages to the webhook', () => {
  let app: Server;
  let appUrl: string;
  let received: unknown[];
  let answer = 200;
  beforeEach(async () => {
    received = [];
    answer = 200;
    app = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hook`;
  });
  afterEach(() => new Promise((resolve) => app.close(resolve)));

  const register = () => post(envelope({ action: 'setWebHook', wp_num: OURS, web_hook: appUrl }));

  it('needs a registered webhook and a connected phone', async () => {
    await expect(sim.sendCustomerMessage({ from: CUSTOMER, text: 'hi' })).rejects.toThrow(/no webhook/);
    await register();
    sim.setConnected(false);
    await expect(sim.sendCustomerMessage({ from: CUSTOMER, text: 'hi' })).rejects.toThrow(/logged out/);
  });

  it('posts the four documented shapes, keys in the doc order, and resolves with the app status', async () => {
    await register();
    answer = 500;
    expect(await sim.sendCustomerMessage({ from: CUSTOMER, text: 'test', senderName: 'Selva', avatarUrl: 'https://pps.example/a.jpg', messageId: '3EB0D0E65F495E0160A7', time: 1600316758 })).toBe(500);
    answer = 200;
    await sim.sendCustomerMessage({ from: CUSTOMER, image: 'https://omni.example/i.jpeg', senderName: 'Rashid' });
    await sim.sendCustomerMessage({ from: CUSTOMER, text: 'test', senderName: 'Jhones', group: { id: GROUP, name: 'Shop regulars', icon: 'https://pps.example/g.jpg' } });
    await sim.sendCustomerMessage({ from: CUSTOMER, image: 'https://example.com/1.jpeg', senderName: 'Jhones', group: { id: GROUP, name: 'Shop regulars' } });
    const [t, m, gt, gm] = received as Record<string, unknown>[];
    expect(t).toEqual({ from: CUSTOMER, to: OURS, chat_msg: 'test', chat_status: 1, time: 1600316758, sender_name: 'Selva', message_id: `false_${CUSTOMER}@c.us_3EB0D0E65F495E0160A7`, sender: 'https://pps.example/a.jpg' });
    expect(Object.keys(m!)).toEqual(['from', 'to', 'chat_status', 'time', 'sender_name', 'message_id', 'sender', 'image']);
    expect(m).toMatchObject({ sender: null, image: 'https://omni.example/i.jpeg', time: expect.any(Number) });
    expect(Object.keys(gt!)).toEqual(['from', 'to', 'chat_msg', 'chat_status', 'time', 'sender_name', 'message_id', 'group_icon', 'group_name']);
    expect(gt).toMatchObject({ from: GROUP, group_icon: 'https://pps.example/g.jpg', group_name: 'Shop regulars', message_id: expect.stringMatching(new RegExp(`^false_${GROUP}@g\\.us_3EB0[0-9A-F]{16}$`)) });
    expect(Object.keys(gm!)).toEqual(['from', 'to', 'chat_status', 'time', 'sender_name', 'message_id', 'sender', 'image', 'group_icon', 'group_name']);
    expect(gm).toMatchObject({ from: GROUP, sender: null, group_icon: null });
    expect(sim.webhookDeliveries.map((d) => d.status)).toEqual([500, 200, 200, 200]);
  });

  it("posts the engine's own onMessage event as reference §3 captures it", async () => {
    await register();
    await sim.sendEngineEvent({ from: '919159266344', text: 'wfwef', senderName: 'Kumar', messageId: '3EB07C93ACEC0F6A3852', time: 1628659581 });
    const e = received.at(-1) as { data: Record<string, unknown> } & Record<string, unknown>;
    expect(Object.keys(e)).toEqual(['ts', 'sessionId', 'id', 'event', 'data', 'webhook_id']);
    expect(e).not.toHaveProperty('from');
    expect(e).toMatchObject({ event: 'onMessage', data: { id: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852', body: 'wfwef', type: 'chat', t: 1628659581, from: '919159266344@c.us', to: `${OURS}@c.us`, self: 'in', chatId: '919159266344@c.us', fromMe: false, isGroupMsg: false, sender: { pushname: 'Kumar' } } });
    const res = await fetch(`${sim.url}/_sim/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ shape: 'engine', from: CUSTOMER, text: 'from the page' }) });
    expect(await res.json()).toEqual({ ok: true, webhookStatus: 200 });
    expect(received.at(-1)).toMatchObject({ event: 'onMessage', data: { body: 'from the page' } });
  });

  it('refuses a message with both text and image, or neither, or a malformed number or group id', async () => {
    await register();
    await expect(sim.sendCustomerMessage({ from: CUSTOMER, text: 'a', image: 'https://x/y.jpg' })).rejects.toThrow(/not both/);
    await expect(sim.sendCustomerMessage({ from: CUSTOMER })).rejects.toThrow(/text or an image/);
    await expect(sim.sendCustomerMessage({ from: 'Ada', text: 'a' })).rejects.toThrow(/digits/);
    await expect(sim.sendCustomerMessage({ from: CUSTOMER, text: 'a', group: { id: 'family', name: 'x' } })).rejects.toThrow(/group\.id/);
  });

  it('can be driven from the control page', async () => {
    await register();
    expect((await fetch(sim.controlUrl)).headers.get('content-type')).toMatch(/text\/html/);
    const res = await fetch(`${sim.url}/_sim/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, text: 'from the page', groupId: GROUP, groupName: 'G' }) });
    expect(await res.json()).toEqual({ ok: true, webhookStatus: 200 });
    expect(received.at(-1)).toMatchObject({ from: GROUP, chat_msg: 'from the page', group_name: 'G' });
    await fetch(`${sim.url}/_sim/connection`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ connected: false }) });
    const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { phones: { wpNum: string; connected: boolean }[] };
    expect(state.phones[0]).toMatchObject({ wpNum: OURS, connected: false });
    expect(sim.requestsTo('/_sim/inbound')).toHaveLength(0);
  });
});
