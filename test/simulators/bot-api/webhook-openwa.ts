// open-wa webhook bodies (reference note §A, `prepEventData`): `{ts, sessionId, id, event, data,
// webhook_id}` with a Message in `data`. Users are `<digits>@c.us`, groups `<id>@g.us`; the
// message id is serialised `<fromMe>_<chat>_<key id>[_<participant>]`; `ts` is milliseconds and
// `t`/`timestamp` seconds. Media fields follow open-wa's Message model (deprecatedMms3Url,
// clientUrl, mediaKey, filehash, size, mimetype, caption, filename); for media `body` is the
// thumbnail, not text.
import { randomUUID } from 'node:crypto';
import { webMessageId } from './model';
import { type CustomerMessage, type SentMessage, type WebhookSource, checkCustomerMessage, vcardOf } from './webhook';

/** A JPEG thumbnail's opening bytes in base64: what `body` holds for a picture or video. */
const THUMBNAIL = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';

const userJid = (digits: string): string => `${digits}@c.us`;
const groupJid = (id: string): string => (id.endsWith('@g.us') ? id : `${id}@g.us`);

/** Source: note §A (the envelope every open-wa event is posted in). */
function envelope(src: WebhookSource, event: string, data: Record<string, unknown>, now: number): Record<string, unknown> {
  return { ts: now, sessionId: src.sessionId, id: randomUUID(), event, data, webhook_id: src.webhookId };
}

/** Source: note §A onMessage / onAnyMessage — a customer's message (chat, image, video, audio, document, location, vcard). */
export function openWaIncoming(src: WebhookSource, msg: CustomerMessage, event: 'onMessage' | 'onAnyMessage', now = Date.now()): Record<string, unknown> {
  const from = checkCustomerMessage(msg);
  const sender = userJid(from);
  const chat = msg.groupId ? groupJid(msg.groupId) : sender;
  const keyId = msg.id ?? webMessageId();
  const t = Math.floor((msg.at ?? now) / 1000);
  const data: Record<string, unknown> = {
    id: msg.groupId ? `false_${chat}_${keyId}_${sender}` : `false_${chat}_${keyId}`,
    t,
    from: chat,
    to: userJid(src.phone),
    self: 'in',
    ack: 0,
    fromMe: false,
    isGroupMsg: !!msg.groupId,
    chatId: chat,
    sender: { id: sender, pushname: msg.pushName ?? null },
    notifyName: msg.pushName ?? '',
    timestamp: t,
    chat: { id: chat, name: msg.groupId ? (msg.groupName ?? null) : (msg.pushName ?? null) },
    quotedMsgObj: null,
    mediaData: {},
    ...content(msg),
  };
  if (msg.groupId) data.author = sender;
  return envelope(src, event, data, now);
}

function content(msg: CustomerMessage): Record<string, unknown> {
  if (msg.media) {
    const m = msg.media;
    const type = m.kind;
    const caption = m.caption ?? msg.text;
    return {
      type,
      body: type === 'image' || type === 'video' ? THUMBNAIL : '',
      content: '',
      isMedia: true,
      mimetype: m.mimetype,
      ...(caption !== undefined ? { caption } : {}),
      ...(type === 'document' ? { filename: m.fileName ?? 'document' } : {}),
      deprecatedMms3Url: m.url,
      clientUrl: m.url,
      ...(m.mediaKey ? { mediaKey: m.mediaKey } : {}),
      ...(m.fileSha256 ? { filehash: m.fileSha256 } : {}),
      ...(m.fileLength ? { size: Number(m.fileLength) } : {}),
    };
  }
  if (msg.location) {
    const l = msg.location;
    return { type: 'location', body: '', content: '', isMedia: false, lat: String(l.lat), lng: String(l.lng), ...(l.name ? { loc: l.name } : {}) };
  }
  if (msg.contact) {
    const vcard = vcardOf(msg.contact);
    return { type: 'vcard', body: vcard, content: vcard, isMedia: false };
  }
  return { type: 'chat', body: msg.text ?? '', content: msg.text ?? '', isMedia: false };
}

/** Source: note §A onAnyMessage ("incoming AND outgoing"): a message the instance sent, self "out". */
export function openWaOutgoing(src: WebhookSource, sent: SentMessage, event: 'onAnyMessage' | 'onAck', now = Date.now()): Record<string, unknown> {
  const t = Math.floor(sent.at / 1000);
  const data: Record<string, unknown> = {
    id: `true_${sent.jid}_${sent.id}`,
    body: sent.text,
    type: sent.kind === 'text' ? 'chat' : sent.kind,
    t,
    from: userJid(src.phone),
    to: sent.jid,
    self: 'out',
    ack: sent.ack,
    fromMe: true,
    isGroupMsg: sent.jid.endsWith('@g.us'),
    chatId: sent.jid,
    sender: { id: userJid(src.phone), pushname: null },
    timestamp: t,
    content: sent.text,
    isMedia: sent.kind !== 'text',
    quotedMsgObj: null,
    mediaData: {},
  };
  return envelope(src, event, data, now);
}

/** Source: note §A onAck — the sent message with its new ack (1 server, 2 device, 3 read, 4 played, -1 error). */
export function openWaAck(src: WebhookSource, sent: SentMessage, now = Date.now()): Record<string, unknown> {
  return openWaOutgoing(src, sent, 'onAck', now);
}

/** Converts the simulator's stored jid (Baileys form) to open-wa's. */
export const toOpenWaJid = (jid: string): string => jid.replace('@s.whatsapp.net', '@c.us');
