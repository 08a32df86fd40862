import { describe, expect, it } from 'vitest';
import { parseBotApiWebhook } from '../../electron/services/providers/bot-api/inbound';

const base = { event: 'onMessage', session_id: 's-1', instance_key: 's-1' };

describe('bot API webhook parser', () => {
  it('reads a customer text message', () => {
    const [m] = parseBotApiWebhook({ ...base, data: { key: { remoteJid: '2348012345678@s.whatsapp.net', fromMe: false, id: '3EB0AA' }, pushName: 'Ada', messageTimestamp: 1700000000, message: { conversation: 'Hi there' } } });
    expect(m).toEqual({ type: 'message', sessionId: 's-1', peerId: '2348012345678', isGroup: false, groupName: null, senderPhone: '2348012345678', senderName: 'Ada', fromMe: false, providerMessageId: '3EB0AA', at: 1700000000000, kind: 'text', text: 'Hi there' });
  });

  it('reads a group message with its participant', () => {
    const [m] = parseBotApiWebhook({ ...base, data: { key: { remoteJid: '120363040000000000@g.us', id: 'X1', participant: '2348099999999@s.whatsapp.net' }, pushName: 'Bola', messageTimestamp: '1700000001', message: { extendedTextMessage: { text: 'group hello' } } } });
    expect(m).toMatchObject({ peerId: '120363040000000000@g.us', isGroup: true, senderPhone: '2348099999999', senderName: 'Bola', text: 'group hello', at: 1700000001000 });
  });

  it('reads media kinds with their captions', () => {
    const [m] = parseBotApiWebhook({ ...base, data: { key: { remoteJid: '1@s.whatsapp.net', id: 'M1' }, message: { imageMessage: { url: 'https://x/y', mimetype: 'image/jpeg', caption: 'receipt' } } } });
    expect(m).toMatchObject({ kind: 'image', text: 'receipt' });
    const [d] = parseBotApiWebhook({ ...base, data: { key: { remoteJid: '1@s.whatsapp.net', id: 'M2' }, message: { documentMessage: { fileName: 'invoice.pdf' } } } });
    expect(d).toMatchObject({ kind: 'document', text: 'invoice.pdf' });
  });

  it('ignores events that are not messages', () => {
    expect(parseBotApiWebhook({ event: 'onAck', data: { key: { remoteJid: '1@s.whatsapp.net', id: 'A' } } })).toEqual([{ type: 'ignored', reason: 'event onAck is not a message' }]);
  });

  it('refuses a payload that is not a bot API event, saying why', () => {
    expect(() => parseBotApiWebhook({ hello: 'world' })).toThrow(/Not a bot API message event/);
    expect(() => parseBotApiWebhook({ ...base, data: { key: { remoteJid: '', id: 'x' } } })).toThrow(/remoteJid/);
  });
});
