// Every message kind and setting of the bot API doc, as the gateway receives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApi } from '../../electron/services/providers/bot-api';
import type { AccountContext, InstanceRef, SendTarget } from '../../electron/services/providers/types';
import { BotApiSimulator } from '../simulators/bot-api/server';

let sim: BotApiSimulator;
let ctx: AccountContext;
let inst: InstanceRef;
let to: SendTarget;
beforeAll(async () => {
  sim = await BotApiSimulator.start();
  ctx = { config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } };
  const seeded = sim.addInstance({ connected: true, phone: '2348000000009', name: 'Shop' });
  inst = { providerId: seeded.id, sessionId: seeded.sessionId, accessToken: seeded.accessToken };
  to = { peerId: '2348179803743', isGroup: false, instance: inst };
});
afterAll(() => sim.close());

const last = (path: string) => sim.requestsTo(path).at(-1)!;
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('bot API message kinds', () => {
  it('text with attachments, location and a contact id', async () => {
    await botApi.send(ctx, to, { kind: 'text', text: 'Hello dear', attachmentIds: ['64ac311eee05a1a2c27fbdb5'], location: { name: 'Shop', lat: 6.556452, lng: 3.2774487 }, contactId: '64a00ec7c5e487d95dcb0d5e' });
    expect(last('/whatsapp/message').json).toEqual({
      session_id: inst.sessionId,
      access_token: inst.accessToken,
      chatId: '2348179803743',
      message: 'Hello dear',
      attachments: ['64ac311eee05a1a2c27fbdb5'],
      location: { name: 'Shop', lat: '6.556452', lng: '3.2774487' },
      contactId: '64a00ec7c5e487d95dcb0d5e',
    });
  });

  it('a location on its own', async () => {
    await botApi.send(ctx, to, { kind: 'location', name: 'Warehouse', lat: 6.5, lng: 3.3 });
    expect(last('/whatsapp/message').json).toMatchObject({ chatId: '2348179803743', message: 'Warehouse', location: { name: 'Warehouse', lat: '6.5', lng: '3.3' } });
  });

  it('an image upload: exact bytes, caption, and the message id from the answer', async () => {
    const r = await botApi.send(ctx, to, { kind: 'media', mediaKind: 'image', source: { type: 'file', bytes: png, mimeType: 'image/png', fileName: 'dot.png' }, caption: 'Yo' });
    const req = last('/whatsapp/message/image');
    expect(req.query).toEqual({ session_id: inst.sessionId, access_token: inst.accessToken });
    expect(req.form).toMatchObject({ chatId: '2348179803743', caption: 'Yo' });
    expect(req.files!.file!.bytes.equals(png)).toBe(true);
    expect(req.files!.file!.filename).toBe('dot.png');
    expect(r.providerMessageId).toMatch(/^BAE5/);
  });

  it('video, audio and document uploads (204 answers)', async () => {
    const bytes = Buffer.from('fake media bytes');
    await botApi.send(ctx, to, { kind: 'media', mediaKind: 'video', source: { type: 'file', bytes, mimeType: 'video/mp4', fileName: 'clip.mp4' }, caption: 'clip' });
    expect(last('/whatsapp/message/video').form).toMatchObject({ chatId: '2348179803743', caption: 'clip' });
    await botApi.send(ctx, to, { kind: 'media', mediaKind: 'audio', source: { type: 'file', bytes, mimeType: 'audio/ogg', fileName: 'note.ogg' } });
    expect(last('/whatsapp/message/audio').form).toEqual({ chatId: '2348179803743' });
    const r = await botApi.send(ctx, to, { kind: 'media', mediaKind: 'document', source: { type: 'file', bytes, mimeType: 'application/pdf', fileName: 'invoice.pdf' } });
    expect(last('/whatsapp/message/doc').form).toEqual({ chatId: '2348179803743', filename: 'invoice.pdf' });
    expect(last('/whatsapp/message/doc').files!.file!.bytes.equals(bytes)).toBe(true);
    expect(r.providerMessageId).toBeNull();
  });

  it('a file by URL', async () => {
    await botApi.send(ctx, to, { kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://example.com/a.jpg', mimeType: 'image/jpeg' }, caption: 'Caption' });
    expect(last('/whatsapp/message/fileurl').form).toEqual({ chatId: '2348179803743', url: 'https://example.com/a.jpg', type: 'image', mimetype: 'image/jpeg', caption: 'Caption' });
  });

  it('buttons, and buttons with media', async () => {
    const buttons = [
      { type: 'replyButton' as const, title: 'Reply this text (REPLY)' },
      { type: 'urlButton' as const, title: 'Click me (URL)', payload: 'https://google.com' },
      { type: 'callButton' as const, title: 'Click to call (CALL)', payload: '918788889688' },
    ];
    await botApi.send(ctx, to, { kind: 'buttons', text: 'title Head', footer: 'title footer', buttons });
    expect(last('/whatsapp/message/button').json).toMatchObject({ chatId: '2348179803743', btndata: { text: 'title Head', buttons, footerText: 'title footer' } });
    await botApi.send(ctx, to, { kind: 'buttons', text: 'Title of Message', footer: 'Footer text', buttons: buttons.slice(0, 1), media: { url: 'https://picsum.photos/536/354', mediaType: 'image', mimeType: 'image/jpeg' } });
    expect(last('/whatsapp/message/MediaButton').json).toMatchObject({
      chatId: '2348179803743',
      btndata: { text: 'Title of Message', footerText: 'Footer text', image: 'https://picsum.photos/536/354', mediaType: 'image', mimeType: 'image/jpeg' },
    });
  });

  it('a list', async () => {
    const sections = [{ title: 'title', rows: [{ title: 'Title Option 1', description: 'Option Description', rowId: 'string' }] }];
    await botApi.send(ctx, to, { kind: 'list', title: 'Head Title', text: 'Middle Text', description: 'Footer Description', buttonText: 'Button Text', sections });
    expect(last('/whatsapp/message/list').json).toMatchObject({
      chatId: '2348179803743',
      msgdata: { buttonText: 'Button Text', text: 'Middle Text', title: 'Head Title', description: 'Footer Description', sections, listType: 0 },
    });
  });

  it('a contact card', async () => {
    await botApi.send(ctx, to, { kind: 'contact', fullName: 'john doe', displayName: 'johndoe', organization: 'Men In Black', phone: '+91 99999 99999' });
    expect(last('/whatsapp/message/contact').json).toMatchObject({ chatId: '2348179803743', vcard: { fullName: 'john doe', displayName: 'johndoe', organization: 'Men In Black', phoneNumber: '919999999999' } });
  });

  it('to a group, by its jid', async () => {
    await botApi.send(ctx, { ...to, peerId: '120363041234567890@g.us', isGroup: true }, { kind: 'text', text: 'Hi all' });
    expect(last('/whatsapp/message').json).toMatchObject({ chatId: '120363041234567890@g.us' });
  });

  it('falls back to the deprecated sendText on a gateway without /whatsapp/message', async () => {
    sim.failNext(1, { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } }, '/whatsapp/message');
    const r = await botApi.send(ctx, to, { kind: 'text', text: 'Hello sir 3.' });
    expect(last('/whatsapp/message/sendText').json).toMatchObject({ to: '2348179803743', message: 'Hello sir 3.' });
    expect(r.providerMessageId).toMatch(/^[0-9A-F]+$/);
  });

  it('refuses templates, which the bot API does not have', async () => {
    await expect(botApi.send(ctx, to, { kind: 'template', template: { id: 't', name: 't' }, params: [] })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('bot API instances and settings', () => {
  it('lists every instance with its settings, keeping access tokens out of them', async () => {
    const list = await botApi.instances!.list!(ctx);
    const mine = list.find((i) => i.sessionId === inst.sessionId)!;
    expect(mine).toMatchObject({ providerId: inst.providerId, accessToken: inst.accessToken, status: 'CONNECTED' });
    expect(mine.settings).not.toHaveProperty('access_token');
    expect(mine.settings).toHaveProperty('actions');
  });

  it('updates general info, actions, active days and active hours', async () => {
    const ops = botApi.botSettings!;
    await ops.update(ctx, inst, 'general', { bot_name: 'Bot Name', bot_timezone: '+1', bot_lang: 'en', default_msg: true });
    expect(last('/whatsapp/updateGeneral')).toMatchObject({ method: 'PUT', query: { session_id: inst.sessionId }, json: { bot_name: 'Bot Name', bot_timezone: '+1', bot_lang: 'en', default_msg: true } });
    await ops.update(ctx, inst, 'actions', { send_default_msg: true, reply_group_msgs: false, reply_unread_msgs: true, reply_msgs: true, multi_device: true, send_webhook: true });
    expect(last('/whatsapp/updateActions').json).toMatchObject({ reply_group_msgs: false, send_webhook: true });
    await ops.update(ctx, inst, 'activeDays', { monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: false, sunday: false });
    expect(last('/whatsapp/updateActiveDays').json).toMatchObject({ saturday: false, sunday: false });
    await ops.update(ctx, inst, 'activeHours', { from: '08:00', to: '17:30' });
    expect(last('/whatsapp/updateActiveHours').json).toMatchObject({ from: '08:00', to: '17:30' });
    expect(sim.instance(inst.sessionId)!.settings).toMatchObject({ bot_name: 'Bot Name', active_hours: { from: '08:00', to: '17:30' } });
  });

  it('refuses nonsense settings before calling the gateway', async () => {
    const before = sim.requests.length;
    await expect(botApi.botSettings!.update(ctx, inst, 'activeHours', { from: '25:00', to: '5:00' })).rejects.toMatchObject({ code: 'validation' });
    await expect(botApi.botSettings!.update(ctx, inst, 'actions', { drop_tables: true })).rejects.toMatchObject({ message: expect.stringContaining('drop_tables') });
    expect(sim.requests.length).toBe(before);
  });
});
