// The bot API webhook parser against the shapes in the reference note
// (shared/provider-docs/reference/whatsapp-bot-api.md, "Webhooks — NOT documented by Waabot").
import { describe, expect, it } from 'vitest';
import { parseBotApiWebhook } from '../../electron/services/providers/bot-api/inbound';
import { toMs } from '../../electron/services/providers/bot-api/inbound-common';

// Source: note §A — the captured open-wa onMessage payload, as given.
const openWaText = {
  ts: 1628659582350,
  sessionId: 'sess-1',
  id: 'f3b1c2d4-0000-4000-8000-000000000001',
  event: 'onMessage',
  data: {
    id: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852',
    body: 'hi',
    type: 'chat',
    t: 1628659581,
    from: '919159266344@c.us',
    to: '14692423571@c.us',
    self: 'in',
    ack: 0,
    fromMe: false,
    isGroupMsg: false,
    chatId: '919159266344@c.us',
    sender: { id: '919159266344@c.us', pushname: 'Kumar', profilePicThumbObj: { eurl: 'https://pps.whatsapp.net/v/kumar.jpg' } },
    timestamp: 1628659581,
    content: 'hi',
    isMedia: false,
    chat: {},
    quotedMsgObj: null,
    mediaData: {},
  },
  webhook_id: 'a1b2c3d4-0000-4000-8000-000000000002',
};

const openWa = (event: string, data: Record<string, unknown>) => ({ ...openWaText, event, data: { ...openWaText.data, ...data } });

// Source: note §B — a Baileys `message` webhook: {key: instanceKey, ...WAMessage}, string messageTimestamp.
const baileysText = (over: Record<string, unknown> = {}) => {
  const wa = { key: { remoteJid: '2348012345678@s.whatsapp.net', fromMe: false, id: 'BAE5F00D' }, message: { conversation: 'Hello shop' }, messageTimestamp: '1700000000', pushName: 'Ada', ...over };
  return { type: 'message', body: { ...wa, text: { messages: [wa], type: 'notify' } }, instanceKey: 'sess-1' };
};

describe('open-wa events (note §A)', () => {
  it('reads the captured onMessage: thread by chatId, sender, key id, time in seconds', () => {
    expect(parseBotApiWebhook(openWaText)).toEqual([
      {
        type: 'message',
        sessionId: 'sess-1',
        peerId: '919159266344',
        isGroup: false,
        groupName: null,
        senderPhone: '919159266344',
        senderName: 'Kumar',
        senderAvatarUrl: 'https://pps.whatsapp.net/v/kumar.jpg',
        fromMe: false,
        providerMessageId: '3EB07C93ACEC0F6A3852',
        at: 1628659581000,
        kind: 'text',
        text: 'hi',
      },
    ]);
  });

  it('gives onMessage and onAnyMessage of one message the same id, so it is stored once', () => {
    const [a] = parseBotApiWebhook(openWaText);
    const [b] = parseBotApiWebhook(openWa('onAnyMessage', {}));
    expect(a).toMatchObject({ type: 'message', providerMessageId: '3EB07C93ACEC0F6A3852' });
    expect(b).toMatchObject({ type: 'message', providerMessageId: '3EB07C93ACEC0F6A3852' });
  });

  it('reads onAnyMessage from our side (self "out", fromMe) as our own message in the customer thread', () => {
    const [m] = parseBotApiWebhook(openWa('onAnyMessage', { id: 'true_919159266344@c.us_3EB0FF', from: '14692423571@c.us', to: '919159266344@c.us', self: 'out', fromMe: true }));
    expect(m).toMatchObject({ type: 'message', peerId: '919159266344', fromMe: true, senderPhone: null, senderName: null, providerMessageId: '3EB0FF' });
  });

  it('puts a group message in the group thread, written by its author (isGroupMsg, author)', () => {
    const [m] = parseBotApiWebhook(
      openWa('onMessage', { id: 'false_120363012345678901@g.us_3EB0G1_2348099999999@c.us', from: '120363012345678901@g.us', chatId: '120363012345678901@g.us', isGroupMsg: true, author: '2348099999999@c.us', sender: { id: '2348099999999@c.us', pushname: 'Bola' }, chat: { name: 'Family shop' } }),
    );
    expect(m).toMatchObject({ peerId: '120363012345678901@g.us', isGroup: true, groupName: 'Family shop', senderPhone: '2348099999999', senderName: 'Bola', providerMessageId: '3EB0G1' });
  });

  it('reads media (data.type image/ptt/document) from the CDN fields, never the thumbnail body', () => {
    const media = { isMedia: true, body: '/9j/4AAQSkZJRg==', deprecatedMms3Url: 'https://mmg.whatsapp.net/d/f/x.enc', mediaKey: 'a2V5', filehash: 'aGFzaA==', size: 2048 };
    const [img] = parseBotApiWebhook(openWa('onMessage', { ...media, type: 'image', mimetype: 'image/jpeg', caption: 'receipt' }));
    expect(img).toMatchObject({ kind: 'image', text: 'receipt', media: { kind: 'image', url: 'https://mmg.whatsapp.net/d/f/x.enc', mimeType: 'image/jpeg', mediaKey: 'a2V5', fileSha256: 'aGFzaA==', size: 2048 } });
    const [voice] = parseBotApiWebhook(openWa('onMessage', { ...media, type: 'ptt', mimetype: 'audio/ogg; codecs=opus' }));
    expect(voice).toMatchObject({ kind: 'audio', text: null, media: { kind: 'audio' } });
    const [doc] = parseBotApiWebhook(openWa('onMessage', { ...media, type: 'document', mimetype: 'application/pdf', filename: 'invoice.pdf' }));
    expect(doc).toMatchObject({ kind: 'document', text: 'invoice.pdf', media: { fileName: 'invoice.pdf' } });
  });

  it('reads location, vcard and button replies; skips revoked messages', () => {
    expect(parseBotApiWebhook(openWa('onMessage', { type: 'location', body: '', lat: '6.5244', lng: '3.3792', loc: 'Lekki shop' }))[0]).toMatchObject({ kind: 'location', text: 'Lekki shop' });
    expect(parseBotApiWebhook(openWa('onMessage', { type: 'vcard', body: 'BEGIN:VCARD\nVERSION:3.0\nFN:Bola Ade\nEND:VCARD' }))[0]).toMatchObject({ kind: 'contact', text: 'Bola Ade' });
    expect(parseBotApiWebhook(openWa('onMessage', { type: 'buttons_response', body: 'Yes please' }))[0]).toMatchObject({ kind: 'interactive', text: 'Yes please' });
    expect(parseBotApiWebhook(openWa('onMessage', { type: 'revoked', body: '' }))[0]).toMatchObject({ type: 'ignored' });
  });

  it('turns onAck numbers into statuses on our message (2 delivered, 3 read, 4 played, -1 failed; 0 pending ignored)', () => {
    const ack = (n: number) => parseBotApiWebhook(openWa('onAck', { id: 'true_919159266344@c.us_BAE59F1807A62E0D', self: 'out', fromMe: true, ack: n }))[0];
    expect(ack(1)).toEqual({ type: 'status', providerMessageId: 'BAE59F1807A62E0D', status: 'sent', at: 1628659582350 });
    expect(ack(2)).toMatchObject({ status: 'delivered' });
    expect(ack(3)).toMatchObject({ status: 'read' });
    expect(ack(4)).toMatchObject({ status: 'read' });
    expect(ack(-1)).toMatchObject({ status: 'failed', permanent: false });
    expect(ack(0)).toMatchObject({ type: 'ignored' });
    expect(parseBotApiWebhook(openWa('onAck', { ack: 3 }))[0]).toMatchObject({ type: 'ignored', reason: expect.stringContaining('customer') });
  });

  it('ignores events that are not messages (e.g. onStateChanged, whose data is a state string)', () => {
    expect(parseBotApiWebhook({ ...openWaText, event: 'onStateChanged', data: 'CONNECTED' })).toEqual([{ type: 'ignored', reason: 'open-wa event onStateChanged is not a message' }]);
  });
});

describe('Baileys events (note §B)', () => {
  it('reads a conversation: the spread key wins over the instance key; string messageTimestamp', () => {
    expect(parseBotApiWebhook(baileysText())).toEqual([
      { type: 'message', sessionId: 'sess-1', peerId: '2348012345678', isGroup: false, groupName: null, senderPhone: '2348012345678', senderName: 'Ada', fromMe: false, providerMessageId: 'BAE5F00D', at: 1700000000000, kind: 'text', text: 'Hello shop' },
    ]);
  });

  it('puts a group message in the group thread with the participant as author', () => {
    const [m] = parseBotApiWebhook(baileysText({ key: { remoteJid: '120363040000000000@g.us', fromMe: false, id: 'X1', participant: '2348099999999@s.whatsapp.net' }, pushName: 'Bola', message: { extendedTextMessage: { text: 'group hello' } } }));
    expect(m).toMatchObject({ peerId: '120363040000000000@g.us', isGroup: true, senderPhone: '2348099999999', senderName: 'Bola', text: 'group hello' });
  });

  it('reads media with its CDN key (and ignores msgContent), location and contact', () => {
    const [img] = parseBotApiWebhook({ ...baileysText({ message: { imageMessage: { url: 'https://mmg.whatsapp.net/x.enc', mimetype: 'image/jpeg', caption: 'receipt', mediaKey: 'a2V5', fileSha256: 'aGFzaA==', fileLength: '130722' } } }), msgContent: 'aGVsbG8=' });
    expect(img).toMatchObject({ kind: 'image', text: 'receipt', media: { url: 'https://mmg.whatsapp.net/x.enc', mediaKey: 'a2V5', fileSha256: 'aGFzaA==', size: 130722 } });
    expect(parseBotApiWebhook(baileysText({ message: { locationMessage: { degreesLatitude: 6.5, degreesLongitude: 3.3 } } }))[0]).toMatchObject({ kind: 'location', text: '6.5, 3.3' });
    expect(parseBotApiWebhook(baileysText({ message: { contactMessage: { displayName: 'Bola Ade', vcard: 'BEGIN:VCARD\nFN:Bola Ade\nEND:VCARD' } } }))[0]).toMatchObject({ kind: 'contact', text: 'Bola Ade' });
  });

  it('ignores connection, presence, call and group events', () => {
    for (const type of ['connection', 'presence', 'call_offer', 'call_terminate', 'group_created', 'group_updated', 'group_participants_updated']) {
      expect(parseBotApiWebhook({ type, body: type === 'connection' ? { connection: 'open' } : {}, instanceKey: 'sess-1' })).toEqual([{ type: 'ignored', reason: `Baileys event ${type} is not a message` }]);
    }
  });
});

describe('what the parser refuses and tolerates', () => {
  it('refuses the old {event, data:{key:{remoteJid}}} shape no engine sends, saying why', () => {
    expect(() => parseBotApiWebhook({ event: 'onMessage', session_id: 's', data: { key: { remoteJid: '1@s.whatsapp.net', id: 'A' }, message: { conversation: 'x' } } })).toThrow(/Not a bot API webhook event/);
    expect(() => parseBotApiWebhook({ hello: 'world' })).toThrow(/Not a bot API webhook event/);
  });

  it('tolerates unknown fields', () => {
    expect(parseBotApiWebhook({ ...openWaText, extra: { nested: true }, data: { ...openWaText.data, brandNewField: 1 } })[0]).toMatchObject({ type: 'message', text: 'hi' });
  });

  it('turns seconds, milliseconds, digit strings, ISO text and Longs into sane ms; nonsense into null', () => {
    const now = Date.UTC(2024, 0, 1);
    expect(toMs(1700000000, now)).toBe(1700000000000);
    expect(toMs(1628659582350, now)).toBe(1628659582350);
    expect(toMs('1688996225', now)).toBe(1688996225000);
    expect(toMs('2023-07-10T13:37:05.000Z', now)).toBe(Date.parse('2023-07-10T13:37:05.000Z'));
    expect(toMs({ low: 1700000000, high: 0, unsigned: true }, now)).toBe(1700000000000);
    expect(toMs(0, now)).toBeNull();
    expect(toMs('soon', now)).toBeNull();
    expect(toMs(99999999999999, now)).toBeNull();
  });
});
