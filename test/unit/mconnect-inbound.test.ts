// The mconnect Omnichannel webhook parser against the doc's four payloads, copied field for field
// (masked digits kept as the doc prints them; markdown escapes and the PDF line breaks inside the
// group icon URL removed). The doc's group name equals its sample company/username, so it is
// replaced by another name here: no doc credential lives in our code.
import { describe, expect, it } from 'vitest';
import { parseMconnectWebhook, parseMessageId } from '../../electron/services/providers/mconnect/inbound';

const AVATAR = 'https://pps.whatsapp.net/v/t61.24694-24/118402784_3002177316571673_3741743132861472966_n.jpg?oh=9e696e5998a1e1056a1a4c1c8928a99e&oe=5F66C815';
const GROUP_ICON = 'https://pps.whatsapp.net/v/t61.24694-24/56356730_643957079401259_6779841459987152896_n.jpg?oh=592365e8d87507894504f04c64423725&oe=5F65ECC4';
const GROUP_NAME = 'Shop regulars';

const docText = {
  from: '1420****',
  to: '174****',
  chat_msg: 'test',
  chat_status: 1,
  time: '1600316758',
  sender_name: 'Selva',
  message_id: 'false_918489514086@c.us_3EB0D0E65F495E0160A7',
  sender: AVATAR,
};

const docMedia = {
  from: '91****',
  to: '174****',
  chat_status: 1,
  time: '1600317556',
  sender_name: 'Rashid',
  message_id: 'false_918489514086@c.us_3EB04034AE9CE5351B2C',
  sender: AVATAR,
  image: 'https://omni.mconnectapps.com/api/v1.0/whatsapp_image/1600317556.jpeg',
};

const docGroupText = {
  from: '658**75-1502**128',
  to: '174***',
  chat_msg: 'test',
  chat_status: 1,
  time: '1600317428',
  sender_name: 'Jhones',
  message_id: 'false_6582986675-1502710128@g.us_3EB0969F12AE3D646791',
  group_icon: GROUP_ICON,
  group_name: GROUP_NAME,
};

const docGroupMedia = {
  from: '658***675-1502***128',
  to: '174***',
  chat_status: 1,
  time: '1600317960',
  sender_name: 'Jhones',
  message_id: 'false_6582986675-1502710128@g.us_3EB09634CFD25A533924',
  sender: null,
  image: 'https://example.com/1600317960.jpeg',
  group_icon: GROUP_ICON,
  group_name: GROUP_NAME,
};

describe('mconnect webhook parser: the documented payloads', () => {
  it('reads a new text message from a customer (time in Unix seconds)', () => {
    expect(parseMconnectWebhook(docText)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '1420****',
        isGroup: false,
        groupName: null,
        groupIconUrl: null,
        senderPhone: '1420****',
        senderName: 'Selva',
        senderAvatarUrl: AVATAR,
        fromMe: false,
        providerMessageId: 'false_918489514086@c.us_3EB0D0E65F495E0160A7',
        at: 1600316758000,
        kind: 'text',
        text: 'test',
      },
    ]);
  });

  it('reads a new media message: `image` instead of `chat_msg`', () => {
    expect(parseMconnectWebhook(docMedia)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '91****',
        isGroup: false,
        groupName: null,
        groupIconUrl: null,
        senderPhone: '91****',
        senderName: 'Rashid',
        senderAvatarUrl: AVATAR,
        fromMe: false,
        providerMessageId: 'false_918489514086@c.us_3EB04034AE9CE5351B2C',
        at: 1600317556000,
        kind: 'image',
        text: null,
        media: { kind: 'image', url: 'https://omni.mconnectapps.com/api/v1.0/whatsapp_image/1600317556.jpeg' },
      },
    ]);
  });

  it('reads a group text: the group id is in `from`, the author only by name', () => {
    expect(parseMconnectWebhook(docGroupText)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '658**75-1502**128',
        isGroup: true,
        groupName: GROUP_NAME,
        groupIconUrl: GROUP_ICON,
        senderPhone: null,
        senderName: 'Jhones',
        senderAvatarUrl: null,
        fromMe: false,
        providerMessageId: 'false_6582986675-1502710128@g.us_3EB0969F12AE3D646791',
        at: 1600317428000,
        kind: 'text',
        text: 'test',
      },
    ]);
  });

  it('reads group media with its null sender photo', () => {
    expect(parseMconnectWebhook(docGroupMedia)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '658***675-1502***128',
        isGroup: true,
        groupName: GROUP_NAME,
        groupIconUrl: GROUP_ICON,
        senderPhone: null,
        senderName: 'Jhones',
        senderAvatarUrl: null,
        fromMe: false,
        providerMessageId: 'false_6582986675-1502710128@g.us_3EB09634CFD25A533924',
        at: 1600317960000,
        kind: 'image',
        text: null,
        media: { kind: 'image', url: 'https://example.com/1600317960.jpeg' },
      },
    ]);
  });
});

describe('mconnect webhook parser: unmasked numbers and edge cases', () => {
  it('gives a customer as international digits', () => {
    const [m] = parseMconnectWebhook({ ...docText, from: '6281234567890', to: '6281100000001', message_id: 'false_6281234567890@c.us_3EB0AAAA' });
    expect(m).toMatchObject({ peerId: '6281234567890', senderPhone: '6281234567890', isGroup: false });
  });

  it('strips "+" and "@c.us" from a person and "@g.us" from a group id', () => {
    expect(parseMconnectWebhook({ ...docText, from: '+6281234567890' })[0]).toMatchObject({ peerId: '6281234567890' });
    expect(parseMconnectWebhook({ ...docText, from: '6281234567890@c.us' })[0]).toMatchObject({ peerId: '6281234567890' });
    expect(parseMconnectWebhook({ ...docGroupText, from: '6582986675-1502710128@g.us' })[0]).toMatchObject({ peerId: '6582986675-1502710128', isGroup: true });
  });

  it('tells a group without message_id by group_name or a creator-timestamp id', () => {
    const { message_id: _id, ...noId } = docGroupText;
    expect(parseMconnectWebhook(noId)[0]).toMatchObject({ isGroup: true, providerMessageId: null });
    const { group_name: _n, group_icon: _i, ...bare } = noId;
    expect(parseMconnectWebhook({ ...bare, from: '6582986675-1502710128' })[0]).toMatchObject({ isGroup: true, groupName: null });
    const { message_id: _pid, ...personNoId } = docText;
    expect(parseMconnectWebhook(personNoId)[0]).toMatchObject({ isGroup: false, providerMessageId: null });
  });

  it('accepts a numeric time and does not scale one already in milliseconds', () => {
    expect(parseMconnectWebhook({ ...docText, time: 1600316758 })[0]).toMatchObject({ at: 1600316758000 });
    expect(parseMconnectWebhook({ ...docText, time: '1600316758123' })[0]).toMatchObject({ at: 1600316758123 });
  });

  it('gives a media link with a plain document, video or audio extension that kind', () => {
    expect(parseMconnectWebhook({ ...docMedia, image: 'https://x.example/files/invoice.pdf' })[0]).toMatchObject({ kind: 'document', media: { kind: 'document' } });
    expect(parseMconnectWebhook({ ...docMedia, image: 'https://x.example/v/clip.mp4?x=1' })[0]).toMatchObject({ kind: 'video' });
    expect(parseMconnectWebhook({ ...docMedia, image: 'https://x.example/a/voice.ogg' })[0]).toMatchObject({ kind: 'audio' });
  });

  it('reads a "true_" message id as our own message, in the chat the id names', () => {
    const [m] = parseMconnectWebhook({ ...docText, from: '6281100000001', message_id: 'true_6281234567890@c.us_3EB0BBBB' });
    expect(m).toMatchObject({ fromMe: true, peerId: '6281234567890', senderPhone: null });
  });

  it('marks a payload with neither text nor media as unsupported', () => {
    const { chat_msg: _m, ...empty } = docText;
    expect(parseMconnectWebhook(empty)[0]).toMatchObject({ kind: 'unsupported', text: null });
  });

  it('refuses a body that is not an mconnect message, saying why', () => {
    expect(() => parseMconnectWebhook({ hello: 'world' })).toThrow(/Not an mconnect Omnichannel message[\s\S]*from/);
    expect(() => parseMconnectWebhook({ ...docText, time: 'yesterday' })).toThrow(/time/);
    expect(() => parseMconnectWebhook('not json')).toThrow(/Not an mconnect/);
  });

  it('splits message ids into direction, chat and kind of chat', () => {
    expect(parseMessageId('false_918489514086@c.us_3EB0D0E65F495E0160A7')).toEqual({ fromMe: false, chat: '918489514086', isGroup: false });
    expect(parseMessageId('true_6582986675-1502710128@g.us_3EB0')).toEqual({ fromMe: true, chat: '6582986675-1502710128', isGroup: true });
    expect(parseMessageId('3EB0D0E65F495E0160A7')).toBeNull();
  });
});

describe("the engine's own event (reference/mconnect.md §3)", () => {
  // §3 "Inbound engine webhook — captured sample in source (open-wa format)", verbatim; the note's
  // "{...same as sender...}" under chat.contact is filled with the sender object it names.
  const sender = {
    id: '919159266344@c.us', name: '+91 91592 66344', pushname: 'Kumar', type: 'in', isBusiness: false, isEnterprise: false, formattedName: '+91 91592 66344',
    isMe: false, isMyContact: true, isPSA: false, isUser: true, isWAContact: true,
    profilePicThumbObj: { eurl: 'https://pps.whatsapp.net/...', id: '919159266344@c.us', img: '...', imgFull: '...', raw: null, tag: '1624254269' }, msgs: null,
  };
  const captured = {
    ts: 1628659582350, sessionId: 'c4c-inst8', id: '65356642-6bf0-4739-a760-f406149a1783', event: 'onMessage',
    data: {
      id: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852', body: 'wfwef', type: 'chat', t: 1628659581, notifyName: '',
      from: '919159266344@c.us', to: '14692423571@c.us', self: 'in', ack: 0, invis: false, isNewMsg: true, star: false, recvFresh: true,
      isFromTemplate: false, broadcast: false, quotedMsg: null, mentionedJidList: [], isForwarded: false, labels: [], chatId: '919159266344@c.us', fromMe: false,
      sender,
      timestamp: 1628659581, content: 'wfwef', isGroupMsg: false, isMedia: false, isNotification: false, isPSA: false,
      chat: { id: '919159266344@c.us', t: 1628659408, unreadCount: 1, name: '+91 91592 66344', kind: 'chat', isGroup: false, contact: sender, groupMetadata: null, presence: { id: '919159266344@c.us', chatstates: [] }, isOnline: false },
      isOnline: false, quotedMsgObj: null, mediaData: {},
    },
    webhook_id: '1741fe1f-8f8a-4f69-a723-862adf9b6e66',
  };

  it('reads the captured onMessage event (no top-level from) as the customer’s text', () => {
    expect(parseMconnectWebhook(captured)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '919159266344',
        isGroup: false,
        groupName: null,
        senderPhone: '919159266344',
        senderName: 'Kumar',
        senderAvatarUrl: 'https://pps.whatsapp.net/...',
        fromMe: false,
        providerMessageId: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852',
        at: 1628659581000,
        kind: 'text',
        text: 'wfwef',
      },
    ]);
  });

  it('gives the same id as the flat webhook for the same message, so both shapes store it once', () => {
    const flat = { from: '919159266344', to: '14692423571', chat_msg: 'wfwef', chat_status: 1, time: 1628659581, sender_name: 'Kumar', message_id: 'false_919159266344@c.us_3EB07C93ACEC0F6A3852', sender: 'https://pps.whatsapp.net/...' };
    const [a] = parseMconnectWebhook(flat);
    const [b] = parseMconnectWebhook(captured);
    expect(a).toMatchObject({ peerId: (b as { peerId: string }).peerId, providerMessageId: (b as { providerMessageId: string }).providerMessageId, at: (b as { at: number }).at });
  });

  it('reads our own echo (self "out") as fromMe, a status@broadcast as ignored, and onAck as a status (§3 "Routing")', () => {
    expect(parseMconnectWebhook({ ...captured, data: { ...captured.data, self: 'out', fromMe: true } })[0]).toMatchObject({ type: 'message', fromMe: true, senderPhone: null });
    expect(parseMconnectWebhook({ ...captured, data: { ...captured.data, chatId: 'status@broadcast' } })).toEqual([{ type: 'ignored', reason: expect.stringContaining('status@broadcast') }]);
    expect(parseMconnectWebhook({ ...captured, event: 'onAck', data: { id: 'true_919159266344@c.us_3EB0AAAA', ack: 3 } })).toEqual([{ type: 'status', providerMessageId: 'true_919159266344@c.us_3EB0AAAA', status: 'read', at: 1628659582350 }]);
    expect(parseMconnectWebhook({ ...captured, event: 'onStateChanged', data: {} })).toEqual([{ type: 'ignored', reason: 'engine event onStateChanged' }]);
  });
});
