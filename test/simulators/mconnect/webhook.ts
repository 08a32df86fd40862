// Customer messages as Omnichannel posts them to the webhook set with setWebHook: the doc's four
// flat shapes, field for field and in the doc's order (reference/mconnect.md §2 confirms them),
// and the WhatsApp engine's own onMessage event underneath (§3), for setups that forward it.
// - Person text:  from, to, chat_msg, chat_status, time, sender_name, message_id, sender
// - Person media: from, to, chat_status, time, sender_name, message_id, sender, image
// - Group text:   from (group id), to, chat_msg, chat_status, time, sender_name, message_id,
//                 group_icon, group_name (no `sender` key, as in the doc)
// - Group media:  from, to, chat_status, time, sender_name, message_id, sender (null in the doc),
//                 image, group_icon, group_name
// `time` is Unix seconds: a number, as §2 shows (the short doc prints it as a string; the notes
// quote the code, so they win); `chat_status` is always 1; message_id is
// "false_<chat>@c.us|@g.us_<20 hex>". The doc's group payloads carry no participant number.
import { randomBytes, randomUUID } from 'node:crypto';

export interface CustomerMessage {
  /** The customer's digits. For a group message this is the author, whom the documented payload does not name by number. */
  from: string;
  /** Which scanned number receives it; default the simulator's first. */
  to?: string;
  text?: string;
  /** Link to the received file (the payload's `image`). The documented media payload has no caption. */
  image?: string;
  senderName?: string;
  /** The author's profile photo (`sender`); null or absent when hidden. */
  avatarUrl?: string | null;
  group?: { id: string; name: string; icon?: string | null };
  /** The id part ("3EB0…") or a whole message_id ("false_…@c.us_…"). */
  messageId?: string;
  /** Unix seconds; default now. */
  time?: number;
}

/** WhatsApp Web message ids look like 3EB0 + 16 upper-case hex digits. */
export const webMessageId = (): string => `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;

export const GROUP_ID = /^(\d{5,}-\d{5,}|\d{15,})$/;

export function customerPayload(msg: CustomerMessage, to: string, now = Date.now()): Record<string, unknown> {
  const from = msg.from.replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(from)) throw new Error(`from must be the customer's phone in digits, got "${msg.from}"`);
  if (msg.text === undefined && msg.image === undefined) throw new Error('A customer message needs text or an image');
  if (msg.text !== undefined && msg.image !== undefined) throw new Error("The documented media webhook has no caption: send text or an image, not both");
  if (msg.group && !GROUP_ID.test(msg.group.id)) throw new Error(`group.id must look like 6582986675-1502710128, got "${msg.group.id}"`);
  const chat = msg.group ? `${msg.group.id}@g.us` : `${from}@c.us`;
  const messageId = msg.messageId && /^(true|false)_/.test(msg.messageId) ? msg.messageId : `false_${chat}_${msg.messageId ?? webMessageId()}`;
  const head = {
    from: msg.group ? msg.group.id : from,
    to,
    ...(msg.text !== undefined ? { chat_msg: msg.text } : {}),
    chat_status: 1,
    time: msg.time ?? Math.floor(now / 1000),
    sender_name: msg.senderName ?? '',
    message_id: messageId,
  };
  const avatar = msg.avatarUrl ?? null;
  if (!msg.group) return { ...head, sender: avatar, ...(msg.image !== undefined ? { image: msg.image } : {}) };
  const group = { group_icon: msg.group.icon ?? null, group_name: msg.group.name };
  if (msg.image === undefined) return { ...head, ...group };
  return { ...head, sender: avatar, image: msg.image, ...group };
}

/**
 * §3 "Inbound engine webhook": the open-wa onMessage event, field for field as the captured sample
 * (a 1:1 text from a customer; the notes give no group or media engine sample, so none is built).
 */
export function engineEvent(msg: { from: string; to: string; text: string; senderName?: string; avatarUrl?: string | null; messageId?: string; time?: number; sessionId?: string }, now = Date.now()): Record<string, unknown> {
  const from = msg.from.replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(from)) throw new Error(`from must be the customer's phone in digits, got "${msg.from}"`);
  const t = msg.time ?? Math.floor(now / 1000);
  const jid = `${from}@c.us`;
  const contact = {
    id: jid,
    name: `+${from}`,
    pushname: msg.senderName ?? '',
    type: 'in',
    isBusiness: false,
    isEnterprise: false,
    formattedName: `+${from}`,
    isMe: false,
    isMyContact: true,
    isPSA: false,
    isUser: true,
    isWAContact: true,
    profilePicThumbObj: { eurl: msg.avatarUrl ?? '', id: jid, img: '', imgFull: '', raw: null, tag: String(t) },
    msgs: null,
  };
  return {
    ts: t * 1000 + 769,
    sessionId: msg.sessionId ?? 'c4c-inst8',
    id: randomUUID(),
    event: 'onMessage',
    data: {
      id: `false_${jid}_${msg.messageId ?? webMessageId()}`,
      body: msg.text,
      type: 'chat',
      t,
      notifyName: '',
      from: jid,
      to: `${msg.to}@c.us`,
      self: 'in',
      ack: 0,
      invis: false,
      isNewMsg: true,
      star: false,
      recvFresh: true,
      isFromTemplate: false,
      broadcast: false,
      quotedMsg: null,
      mentionedJidList: [],
      isForwarded: false,
      labels: [],
      chatId: jid,
      fromMe: false,
      sender: contact,
      timestamp: t,
      content: msg.text,
      isGroupMsg: false,
      isMedia: false,
      isNotification: false,
      isPSA: false,
      chat: { id: jid, t, unreadCount: 1, name: `+${from}`, kind: 'chat', isGroup: false, contact, groupMetadata: null, presence: { id: jid, chatstates: [] }, isOnline: false },
      isOnline: false,
      quotedMsgObj: null,
      mediaData: {},
    },
    webhook_id: randomUUID(),
  };
}

export { postWebhook, type WebhookDelivery } from '../webhooks';
