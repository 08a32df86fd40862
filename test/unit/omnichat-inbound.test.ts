import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GROUPS_THREAD_NAME, parseOmnichatWebhook, SAMPLE_WINDOW_MS, sampleId } from '../../electron/services/providers/omnichat/inbound';

const NOW = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('Omnichat webhook parser: the Webhook Sample shape', () => {
  it('gives a re-delivered sample (no id) the same synthetic id within its 2-minute bucket, and a new one after', () => {
    // omnichat-id.md "Webhook Sample" request example, the same post twice.
    const doc = { device_key: 'DEVICEID', name: 'FROM NAME', message: 'MESSAGE DETAIL ( TEXT )', type: 'single' };
    const bucketStart = Math.floor(NOW / SAMPLE_WINDOW_MS) * SAMPLE_WINDOW_MS;
    const id = (body: object, at: number) => (parseOmnichatWebhook(body, at)[0] as { providerMessageId: string }).providerMessageId;
    expect(id(doc, bucketStart)).toMatch(/^sample:[0-9a-f]{24}:\d+$/);
    expect(id(doc, bucketStart + SAMPLE_WINDOW_MS - 1)).toBe(id(doc, bucketStart));
    expect(id(doc, bucketStart + SAMPLE_WINDOW_MS)).not.toBe(id(doc, bucketStart));
    expect(id({ ...doc, message: 'other' }, bucketStart)).not.toBe(id(doc, bucketStart));
    expect(id({ ...doc, name: 'Other Name' }, bucketStart)).not.toBe(id(doc, bucketStart));
    expect(id({ ...doc, device_key: 'OTHER' }, bucketStart)).not.toBe(id(doc, bucketStart));
  });

  it("reads the doc's sample field for field: a name but no number, so it cannot be answered", () => {
    const doc = { device_key: 'DEVICEID', name: 'FROM NAME', message: 'MESSAGE DETAIL ( TEXT )', type: 'single' };
    expect(parseOmnichatWebhook(doc)).toEqual([
      {
        type: 'message',
        sessionId: 'DEVICEID',
        peerId: 'name:FROM NAME',
        isGroup: false,
        groupName: null,
        senderPhone: null,
        senderName: 'FROM NAME',
        fromMe: false,
        providerMessageId: sampleId({ device: 'DEVICEID', type: 'single', name: 'FROM NAME', message: 'MESSAGE DETAIL ( TEXT )' }, NOW),
        at: NOW,
        kind: 'text',
        text: 'MESSAGE DETAIL ( TEXT )',
        replyable: false,
      },
    ]);
  });

  it("puts a device's group messages in one group thread, the writer as author", () => {
    const [m] = parseOmnichatWebhook({ device_key: 'DEVICEID', name: 'Sari', message: 'Rapat jam 3', type: 'group' });
    expect(m).toMatchObject({ peerId: 'groups:DEVICEID', isGroup: true, groupName: GROUPS_THREAD_NAME, senderName: 'Sari', senderPhone: null, replyable: false });
  });

  it('keeps a message with no name or text rather than losing it', () => {
    const [m] = parseOmnichatWebhook({ device_key: 'DEVICEID', name: '', message: '', type: 'single' });
    expect(m).toMatchObject({ peerId: 'name:unknown sender', senderName: null, kind: 'unsupported', text: null });
  });
});

describe('Omnichat webhook parser: the callback shape', () => {
  it("reads the doc's Message Callback body field for field, with number and id", () => {
    const doc = { from: '62812906*****@s.whatsapp.net', message_id: '18DD98462C8AA16C5A598C3DEBA0879B', message: 'Halo', from_name: 'Bhisma Kalijaga', type: 'single' };
    // The doc masks the number with stars; a real one is all digits.
    expect(() => parseOmnichatWebhook(doc)).toThrow(/not a WhatsApp number/);
    expect(parseOmnichatWebhook({ ...doc, from: '6281290611111@s.whatsapp.net' })).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '6281290611111',
        isGroup: false,
        groupName: null,
        senderPhone: '6281290611111',
        senderName: 'Bhisma Kalijaga',
        fromMe: false,
        providerMessageId: '18DD98462C8AA16C5A598C3DEBA0879B',
        at: NOW,
        kind: 'text',
        text: 'Halo',
        replyable: true,
      },
    ]);
  });

  it('reads a group jid as the group id', () => {
    const [m] = parseOmnichatWebhook({ from: '120363041234567890@g.us', message_id: 'AB12', message: 'Halo semua', from_name: 'Sari', type: 'group' });
    expect(m).toMatchObject({ peerId: '120363041234567890@g.us', isGroup: true, senderPhone: null, senderName: 'Sari', providerMessageId: 'AB12' });
  });

  it('strips @c.us and device suffixes, and takes a bare group id when the type says group', () => {
    expect(parseOmnichatWebhook({ from: '6281234567890:12@c.us', message_id: 'X', message: 'a', from_name: 'A', type: 'single' })[0]).toMatchObject({ peerId: '6281234567890', isGroup: false });
    expect(parseOmnichatWebhook({ from: '6281234567890-1600000000', message_id: 'Y', message: 'b', from_name: 'B', type: 'group' })[0]).toMatchObject({ peerId: '6281234567890-1600000000@g.us', isGroup: true });
  });
});

describe('Omnichat webhook parser: refusals', () => {
  it('refuses a payload that is neither shape, saying why', () => {
    expect(() => parseOmnichatWebhook({ hello: 'world' })).toThrow(/Not an Omnichat message/);
    expect(() => parseOmnichatWebhook(null)).toThrow(/Not an Omnichat message/);
    expect(() => parseOmnichatWebhook({ device_key: '', name: 'x', message: 'y', type: 'single' })).toThrow(/device_key/);
    expect(() => parseOmnichatWebhook({ from: '6281234567890@s.whatsapp.net', message: 'no id' })).toThrow(/message_id/);
  });
});
