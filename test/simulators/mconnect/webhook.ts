// Customer messages as Omnichannel posts them to the webhook set with setWebHook: the doc's four
// flat shapes, field for field and in the doc's order.
// - Person text:  from, to, chat_msg, chat_status, time, sender_name, message_id, sender
// - Person media: from, to, chat_status, time, sender_name, message_id, sender, image
// - Group text:   from (group id), to, chat_msg, chat_status, time, sender_name, message_id,
//                 group_icon, group_name (no `sender` key, as in the doc)
// - Group media:  from, to, chat_status, time, sender_name, message_id, sender (null in the doc),
//                 image, group_icon, group_name
// `time` is Unix seconds as a string; `chat_status` is always 1 in the doc; message_id is
// "false_<chat>@c.us|@g.us_<20 hex>". The doc's group payloads carry no participant number.
import { randomBytes } from 'node:crypto';

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
    time: String(msg.time ?? Math.floor(now / 1000)),
    sender_name: msg.senderName ?? '',
    message_id: messageId,
  };
  const avatar = msg.avatarUrl ?? null;
  if (!msg.group) return { ...head, sender: avatar, ...(msg.image !== undefined ? { image: msg.image } : {}) };
  const group = { group_icon: msg.group.icon ?? null, group_name: msg.group.name };
  if (msg.image === undefined) return { ...head, ...group };
  return { ...head, sender: avatar, image: msg.image, ...group };
}

export { postWebhook, type WebhookDelivery } from '../webhooks';
