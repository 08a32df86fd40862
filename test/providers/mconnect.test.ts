// The mconnect Omnichannel adapter against its simulator: exact requests, documented answers and failures.
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mconnect } from '../../electron/services/providers/mconnect';
import { reachHost } from '../../electron/services/providers/mconnect/reach';
import { i18n, reasonText } from '../../renderer/src/i18n';
import type { AccountContext } from '../../electron/services/providers/types';
import { ENDPOINT_PATH, MconnectSimulator } from '../simulators/mconnect/server';

const ENVELOPE = { operation: 'wp_instance', moduleType: 'wp_instance', api_type: 'web' };
const CUSTOMER = '6281234567890';
const GROUP = '6582986675-1502710128';

let sim: MconnectSimulator;
let ctx: AccountContext;
let hook: { server: Server; url: string; bodies: unknown[] };

beforeAll(async () => {
  sim = await MconnectSimulator.start({ acceptedCompany: 'acme-test', acceptedUsername: 'fake-user-123' });
  ctx = { config: { endpointUrl: sim.endpointUrl, wpNum: sim.wpNum, company: 'acme-test' }, secrets: { username: 'fake-user-123' } };
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/acc-1/s3cret`, bodies };
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => hook.server.close(resolve));
});
beforeEach(() => sim.setConnected(true));

const last = () => sim.requestsTo(ENDPOINT_PATH).at(-1)!;
const person = { peerId: CUSTOMER, isGroup: false };
const group = { peerId: GROUP, isGroup: true };

describe('mconnect account form', () => {
  it('declares text, media by link, groups and webhook registration, and no QR instances', () => {
    expect(mconnect.info.capabilities).toEqual(['text', 'mediaUrl', 'groups', 'webhookRegistration']);
    expect(mconnect.instances).toBeUndefined();
  });

  it('pre-fills the documented endpoint and keeps the username in the keychain', () => {
    const f = Object.fromEntries(mconnect.info.fields.map((x) => [x.key, x]));
    expect(f.endpointUrl).toMatchObject({ kind: 'url', default: 'https://omni.mconnectapps.com/api/v1.0/whatsapp-omni/', required: true, secret: false });
    expect(f.username).toMatchObject({ secret: true, required: true });
    expect(f.company).toMatchObject({ secret: false, required: true });
    expect(f.wpNum).toMatchObject({ secret: false, required: true });
  });

  it('refuses a WhatsApp number that is not a phone number', () => {
    expect(mconnect.formProblems!({ wpNum: 'my shop' }, {}, []).map((p) => p.message)).toEqual([expect.stringMatching(/country code/)]);
    expect(mconnect.formProblems!({ wpNum: '+62 811-0000-0001' }, {}, [])).toEqual([]);
  });
});

describe('testing the connection', () => {
  // reference/mconnect.md §1: no read-only call, and the proxy forwards any body without a known
  // action as a media send, so the test makes no request at all.
  it('makes no request, checks the host answers, and says plainly what is not verified', async () => {
    const before = sim.requests.length;
    const r = await mconnect.testConnection(ctx);
    expect(r).toMatchObject({ ok: true, status: 'unknown', message: expect.stringMatching(/answers.*Not verified.*company, username or WhatsApp number.*sent nothing/s), detail: expect.stringMatching(/no request was made/) });
    expect(r.message).not.toMatch(/Connected/);
    expect(sim.requests.length).toBe(before);
    expect(sim.sent).toHaveLength(0);
  });

  it('says what it checked and what not in the operator\'s language', async () => {
    const r = await mconnect.testConnection(ctx);
    expect(r.detailWording).toEqual({ key: 'errors.connection.mconnectChecked' });
    expect(reasonText(r.detail!, r.detailWording)).toBe(r.detail);
    await i18n.changeLanguage('id');
    try {
      expect(reasonText(r.detail!, r.detailWording)).toBe(
        'Diperiksa: host endpoint menerima koneksi (tidak ada permintaan yang dikirim). Tidak diperiksa: nama perusahaan, nama pengguna, nomor WhatsApp, dan apakah nomornya sudah dipindai.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('reports an address with nothing listening as unreachable', async () => {
    const r = await mconnect.testConnection({ ...ctx, config: { ...ctx.config, endpointUrl: 'http://127.0.0.1:9/api/v1.0/whatsapp-omni/' } });
    expect(r).toMatchObject({ ok: false, status: 'unreachable', message: expect.stringMatching(/Couldn't reach .* at 127\.0\.0\.1:9/) });
    // The system's own words stay as they are.
    expect(r.detail).toMatch(/ECONNREFUSED/);
    expect(r.detailWording).toBeUndefined();
  });

  it('words a host that never answers, in the operator\'s language', async () => {
    // Takes the connection and reads what comes, but never says a word: the TLS handshake waits until the timeout.
    const silent = createNetServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const r = await reachHost(`https://127.0.0.1:${(silent.address() as AddressInfo).port}/`, 600);
      expect(r).toMatchObject({ ok: false, error: 'no answer within 1 s', errorWording: { key: 'errors.connection.noAnswerWithin', params: { seconds: 1 } } });
      expect(reasonText(r.error!, r.errorWording)).toBe(r.error);
      await i18n.changeLanguage('id');
      try {
        expect(reasonText(r.error!, r.errorWording)).toBe('tidak ada jawaban dalam 1 detik');
      } finally {
        await i18n.changeLanguage('en');
      }
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says what is missing before anything else when the account is incomplete', async () => {
    expect(await mconnect.testConnection({ ...ctx, secrets: {} })).toMatchObject({ ok: false, message: expect.stringMatching(/no username saved/) });
    expect(await mconnect.testConnection({ ...ctx, config: { ...ctx.config, wpNum: '' } })).toMatchObject({ ok: false, message: expect.stringMatching(/no valid WhatsApp number/) });
  });
});

describe('the endpoint address and its answers', () => {
  it('puts back the trailing slash the account form strips from the endpoint', async () => {
    const before = sim.requests.length;
    await mconnect.send({ ...ctx, config: { ...ctx.config, endpointUrl: sim.endpointUrl.replace(/\/$/, '') } }, person, { kind: 'text', text: 'slash' });
    expect(sim.requests.slice(before).map((r) => r.path)).toEqual([ENDPOINT_PATH]);
  });

  it('reports a wrong address (404) and a non-JSON answer in words, keeping the detail', async () => {
    const wrong = mconnect.send({ ...ctx, config: { ...ctx.config, endpointUrl: `${sim.url}/api/v2/other.php` } }, person, { kind: 'text', text: 'x' });
    await expect(wrong).rejects.toMatchObject({ code: 'unexpected_response', message: expect.stringMatching(/Nothing answers at this API endpoint/) });
    sim.failNext(1, { status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } });
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ message: expect.stringMatching(/didn't expect/), detail: expect.stringContaining('proxy login') });
  });

  it('reads an HTTP 401 as rejected credentials without echoing the username', async () => {
    sim.failNext(1, { status: 401, body: { status: 'false', result: { data: 'unauthorised' } } });
    const err = await mconnect.send(ctx, person, { kind: 'text', text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'credentials_rejected', message: expect.stringMatching(/company and username/) });
    expect(JSON.stringify(err)).not.toContain('fake-user-123');
  });
});

describe('registering the webhook', () => {
  it('calls setWebHook with exactly wp_num and web_hook', async () => {
    await mconnect.registerWebhook!(ctx, hook.url);
    expect(last().json).toEqual({ ...ENVELOPE, element_data: { action: 'setWebHook', wp_num: sim.wpNum, web_hook: hook.url } });
    expect(sim.webhookUrl()).toBe(hook.url);
  });

  it('fails in words when the number is not the scanned one', async () => {
    await expect(mconnect.registerWebhook!({ ...ctx, config: { ...ctx.config, wpNum: '6289999999999' } }, hook.url)).rejects.toMatchObject({
      code: 'unexpected_response',
      message: expect.stringMatching(/did not accept the webhook address \("not-sent"\).*scanned/),
      key: 'errors.mconnect.webhookNotSetWhy',
      params: { provider: 'mconnect Omnichannel', data: 'not-sent' },
    });
  });
});

describe('sending', () => {
  it('sends text to a person: from = our number, to = the customer, is_group "0"; keeps result.data as the id', async () => {
    const r = await mconnect.send(ctx, person, { kind: 'text', text: 'Hello, your order is ready' });
    expect(last().json).toEqual({
      ...ENVELOPE,
      element_data: { action: 'sendWhatsappText', from: sim.wpNum, to: CUSTOMER, message: 'Hello, your order is ready', is_group: '0', company: 'acme-test', username: 'fake-user-123' },
    });
    expect(r).toEqual({ providerMessageId: expect.stringMatching(new RegExp(`^true_${CUSTOMER}@c\\.us_3EB0[0-9A-F]{16}$`)) });
    expect(r.providerMessageId).toBe(sim.sent.at(-1)!.messageId);
  });

  it('sends text to a group as the proxy code reads it (reference §1a): to = the group id, from = our number, is_group "1"', async () => {
    const r = await mconnect.send(ctx, group, { kind: 'text', text: 'Hi all' });
    expect(last().json).toEqual({
      ...ENVELOPE,
      element_data: { action: 'sendWhatsappText', from: sim.wpNum, to: GROUP, message: 'Hi all', is_group: '1', company: 'acme-test', username: 'fake-user-123' },
    });
    expect(r.providerMessageId).toMatch(new RegExp(`^true_${GROUP}@g\\.us_`));
  });

  it('sends a " safely: as a typographic quote the hand-built engine call survives (reference §1a)', async () => {
    const r = await mconnect.send(ctx, person, { kind: 'text', text: 'Size "L" is back, see C:\\promo' });
    expect((last().json as { element_data: { message: string } }).element_data.message).toBe('Size “L” is back, see C:⧵promo');
    expect(r.providerMessageId).toBe(sim.sent.at(-1)!.messageId);
    await mconnect.send(ctx, person, { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://files.example.com/a.jpeg' }, caption: '"New" menu' });
    expect((last().json as { element_data: { caption: string } }).element_data.caption).toBe('“New” menu');
  });

  it('sends a file by link with its caption; keeps the engine id the answer carries', async () => {
    const r = await mconnect.send(ctx, person, { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://files.example.com/menu.jpeg' }, caption: 'Our menu' });
    expect(last().json).toEqual({
      ...ENVELOPE,
      element_data: { action: 'sendWhatsappFile', from: sim.wpNum, to: CUSTOMER, file_url: 'https://files.example.com/menu.jpeg', caption: 'Our menu', is_group: '0', company: 'acme-test', username: 'fake-user-123' },
    });
    expect(r).toEqual({ providerMessageId: sim.sent.at(-1)!.messageId });
  });

  it('sends a file to a group with an empty caption when there is none', async () => {
    await mconnect.send(ctx, group, { kind: 'media', mediaKind: 'document', source: { type: 'url', url: 'https://files.example.com/list.pdf' } });
    expect(last().json).toMatchObject({ element_data: { action: 'sendWhatsappFile', from: sim.wpNum, to: GROUP, caption: '', is_group: '1' } });
  });

  it('refuses what mconnect cannot send, before calling it', async () => {
    const before = sim.requests.length;
    await expect(mconnect.send(ctx, person, { kind: 'media', mediaKind: 'image', source: { type: 'file', bytes: Buffer.from('x'), mimeType: 'image/png', fileName: 'a.png' } })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/by web link only/),
    });
    await expect(mconnect.send(ctx, person, { kind: 'location', name: 'Shop', lat: 1, lng: 2 })).rejects.toMatchObject({ code: 'validation' });
    await expect(mconnect.send(ctx, { peerId: 'Ada', isGroup: false }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/not a phone number/) });
    expect(sim.requests.length).toBe(before);
  });

  it('shows the documented failure ("not-sent") when the company/username pair is wrong', async () => {
    const bad = { ...ctx, secrets: { username: 'wrong-user' } };
    const err = await mconnect.send(bad, person, { kind: 'text', text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unexpected_response', message: expect.stringMatching(/did not send the message \("not-sent"\).*company and username/), key: 'errors.mconnect.textNotSentWhy' });
    expect(JSON.stringify(err)).not.toContain('wrong-user');
    expect((err as { detail: string }).detail).toBe('{"status":"false","result":{"data":"not-sent"}}');
  });

  it('treats HTTP 200 with status "false" as a failure (the phone logged out of WhatsApp Web)', async () => {
    sim.setConnected(false);
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ message: expect.stringMatching(/not-sent.*still scanned and connected/) });
    await expect(mconnect.send(ctx, person, { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://f.example/a.jpg' } })).rejects.toMatchObject({ message: expect.stringMatching(/did not send the file/), key: expect.stringMatching(/^errors\.mconnect\.fileNotSent/) });
  });

  it('does not take the string "false" for success, nor an answer without a status', async () => {
    sim.failNext(1, { status: 200, body: { status: 'false', result: { data: 'not-sent' } } });
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('not-sent') });
    sim.failNext(1, { status: 200, body: { result: { data: 'ok' } } });
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'unexpected_response', detail: expect.stringMatching(/no "status"/) });
  });

  it('reports server errors and dropped connections as unreachable, so the send can be retried', async () => {
    sim.failNext(1, { status: 502, body: '<html>Bad gateway</html>' });
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/HTTP 502/) });
    sim.failNext(1, { status: 200, destroy: true });
    await expect(mconnect.send(ctx, person, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('inbound, end to end through the registered webhook', () => {
  it('a customer text arrives in the documented shape and parses into a message', async () => {
    await mconnect.registerWebhook!(ctx, hook.url);
    expect(await sim.sendCustomerMessage({ from: CUSTOMER, text: 'Is the shop open?', senderName: 'Ada', avatarUrl: 'https://pps.example/ada.jpg', messageId: '3EB0D0E65F495E0160A7' })).toBe(200);
    const body = hook.bodies.at(-1) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['from', 'to', 'chat_msg', 'chat_status', 'time', 'sender_name', 'message_id', 'sender']);
    expect(mconnect.parseInbound(body)).toEqual([
      expect.objectContaining({ peerId: CUSTOMER, isGroup: false, senderPhone: CUSTOMER, senderName: 'Ada', senderAvatarUrl: 'https://pps.example/ada.jpg', providerMessageId: `false_${CUSTOMER}@c.us_3EB0D0E65F495E0160A7`, kind: 'text', text: 'Is the shop open?' }),
    ]);
  });

  it('a group image arrives with the group id in `from`, and a reply goes back to that group', async () => {
    await sim.sendCustomerMessage({ from: CUSTOMER, image: 'https://omni.example/whatsapp_image/1.jpeg', senderName: 'Bola', group: { id: GROUP, name: 'Shop regulars', icon: 'https://pps.example/g.jpg' } });
    const [m] = mconnect.parseInbound(hook.bodies.at(-1));
    expect(m).toMatchObject({ peerId: GROUP, isGroup: true, groupName: 'Shop regulars', groupIconUrl: 'https://pps.example/g.jpg', senderPhone: null, senderName: 'Bola', kind: 'image', media: { kind: 'image', url: 'https://omni.example/whatsapp_image/1.jpeg' } });
    if (m?.type !== 'message') throw new Error('expected a message');
    await mconnect.send(ctx, { peerId: m.peerId, isGroup: m.isGroup }, { kind: 'text', text: 'Thanks!' });
    expect(sim.sent.at(-1)).toMatchObject({ from: sim.wpNum, to: GROUP, isGroup: true, message: 'Thanks!' });
  });
});
