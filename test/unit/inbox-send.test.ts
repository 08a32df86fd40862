// Sending every kind through the app's own router to the bot API simulator, and statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { startTestApp, type TestApp } from '../helpers/app';

let sim: BotApiSimulator;
let t: TestApp;
let accountId: string;

beforeAll(async () => {
  sim = await BotApiSimulator.start();
  t = await startTestApp();
  t.settings.set('defaultCountry', 'NG');
  accountId = (await t.call('accounts:create', { provider: 'bot-api', name: 'Shop', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } })).id;
  const inst = await t.call('instances:create', { accountId });
  sim.scan(inst.sessionId, '2348000000001', 'Shop');
  await t.call('instances:refresh', { id: inst.id });
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('starting conversations', () => {
  it('opens a thread for a number typed the local way, in the default country', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '0803 111 2222', name: 'Ngozi' });
    expect(thread).toMatchObject({ peerId: '2348031112222', phone: '2348031112222', title: 'Ngozi', isGroup: false, replyable: true });
    expect((await t.call('threads:start', { accountId, phone: '+234 803 111 2222' })).id).toBe(thread.id);
  });

  it('refuses what is not a phone number, saying how to write one', async () => {
    const r = await t.router.dispatch('threads:start', { accountId, phone: '12' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    const r2 = await t.router.dispatch('threads:start', { accountId, phone: '0000000' });
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringContaining('country code') } });
  });
});

describe('sending through messages:send', () => {
  it('sends a location, a contact card, buttons and a list, each as the gateway documents', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+2348031112222' });
    const loc = await t.send(thread.id, { kind: 'location', name: 'Our shop', lat: 6.45, lng: 3.39 });
    expect(loc).toMatchObject({ kind: 'location', text: 'Our shop\n6.45, 3.39', status: 'sent' });
    const contact = await t.send(thread.id, { kind: 'contact', fullName: 'Ada Obi', phone: '+234 803 000 0000' });
    expect(contact).toMatchObject({ kind: 'contact', status: 'sent' });
    expect(sim.requestsTo('/whatsapp/message/contact').at(-1)!.json).toMatchObject({ chatId: '2348031112222', vcard: { fullName: 'Ada Obi', phoneNumber: '2348030000000' } });
    await t.send(thread.id, { kind: 'buttons', text: 'Ready to order?', buttons: [{ type: 'replyButton', title: 'Yes' }] });
    expect(sim.requestsTo('/whatsapp/message/button')).toHaveLength(1);
    await t.send(thread.id, { kind: 'list', title: 'Menu', text: 'Pick one', buttonText: 'Open', sections: [{ title: 'Food', rows: [{ title: 'Jollof', rowId: 'j1' }] }] });
    expect(sim.requestsTo('/whatsapp/message/list')).toHaveLength(1);
    const media = await t.send(thread.id, { kind: 'media', mediaKind: 'document', url: 'https://example.com/menu.pdf', fileName: 'menu.pdf' });
    expect(media).toMatchObject({ kind: 'document', media: { url: 'https://example.com/menu.pdf', fileName: 'menu.pdf' }, status: 'sent' });
  });

  it('refuses a template on a provider without templates, before storing anything', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+2348031112222' });
    const before = (await t.call('threads:messages', { threadId: thread.id })).length;
    const r = await t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'template', templateId: 'x', params: [] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'WhatsApp Bot API accounts cannot send templates.' } });
    expect((await t.call('threads:messages', { threadId: thread.id })).length).toBe(before);
  });

  it('refuses malformed compositions with a clear message', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+2348031112222' });
    const r = await t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'buttons', text: 'x', buttons: [] } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Add at least one button') } });
    const r2 = await t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'media', mediaKind: 'image', url: 'file:///etc/passwd' } });
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
  });
});
