// open-wa webhook events (reference note §A, open-wa `registerWebhook` / `prepEventData`):
// `{ ts (ms), sessionId, id (per delivery), event, data, webhook_id }`.
// - onMessage (incoming) and onAnyMessage (incoming and outgoing) carry a Message in `data`;
//   both fire for the same incoming message, and the shared key id stores it once.
// - onAck carries the Message with its new `ack`: -1 error, 0 pending, 1 server (sent),
//   2 device (delivered), 3 read, 4 played (read). Only acks on our own messages are statuses.
// - Any other event (state changes, calls, participants…) is not a message: ignored, not unparsed.
// - Media fields are open-wa's Message model (src/api/model/message.ts) as WhatsApp Web fills it:
//   `deprecatedMms3Url`/`clientUrl` (the encrypted CDN copy), `mediaKey`, `filehash`, `size`,
//   `mimetype`, `caption`, `filename`. For media `body` is the thumbnail, never the text.
import { z } from 'zod';
import type { MessageKind } from '../../../../shared/model';
import type { InboundEvent, InboundMedia, InboundMessage, MediaKind } from '../types';
import { base64, firstTime, isGroupJid, jidUser, keyIdOf, peerOf, positive, rec, str, vcardName } from './inbound-common';

const Envelope = z.object({ event: z.string().min(1), data: z.unknown(), sessionId: z.string().optional() });

// Only what a message cannot do without is required; the rest is read leniently below.
const MessageData = z.object({ id: z.string().min(1) }).and(z.union([z.object({ chatId: z.string().min(1) }), z.object({ from: z.string().min(1) })]));

export const isOpenWaEvent = (body: unknown): boolean => typeof rec(body)?.event === 'string';

const MESSAGE_EVENTS = new Set(['onMessage', 'onAnyMessage']);

const mediaTypes: Record<string, MediaKind> = { image: 'image', sticker: 'image', video: 'video', audio: 'audio', ptt: 'audio', document: 'document' };

export function parseOpenWa(body: unknown): InboundEvent[] {
  const env = Envelope.safeParse(body);
  if (!env.success) throw new Error(`Not a bot API webhook event (open-wa): ${z.prettifyError(env.error)}`);
  const { event, data } = env.data;
  const wrapperTs = rec(body)!.ts;
  if (event === 'onAck') return [ack(data, wrapperTs)];
  if (!MESSAGE_EVENTS.has(event)) return [{ type: 'ignored', reason: `open-wa event ${event} is not a message` }];
  const msg = MessageData.safeParse(data);
  if (!msg.success) throw new Error(`Not a bot API webhook event (open-wa ${event} without a message id and chat): ${z.prettifyError(msg.error)}`);
  return [message(rec(data)!, env.data.sessionId ?? null, wrapperTs)];
}

function fromMeOf(d: Record<string, unknown>): boolean {
  if (typeof d.fromMe === 'boolean') return d.fromMe;
  if (d.self === 'out' || d.self === 'in') return d.self === 'out';
  return typeof d.id === 'string' && d.id.startsWith('true_');
}

function ack(data: unknown, wrapperTs: unknown): InboundEvent {
  const d = rec(data);
  const id = str(d?.id);
  const level = Number(d?.ack);
  if (!d || !id || !Number.isInteger(level)) throw new Error('Not a bot API webhook event (open-wa onAck without data.id and a numeric data.ack)');
  if (!fromMeOf(d)) return { type: 'ignored', reason: 'ack on a message the customer sent' };
  // The ack is news now: the message's own `t` is when it was sent, so the delivery's `ts` comes first.
  const at = firstTime(wrapperTs);
  const providerMessageId = keyIdOf(id);
  if (level === -1) return { type: 'status', providerMessageId, status: 'failed', error: 'WhatsApp reported an error delivering this message.', errorWording: { key: 'errors.botApi.deliveryError' }, permanent: false, at };
  if (level <= 0) return { type: 'ignored', reason: 'ack 0: still pending on the phone' };
  return { type: 'status', providerMessageId, status: level === 1 ? 'sent' : level === 2 ? 'delivered' : 'read', at };
}

function message(d: Record<string, unknown>, sessionId: string | null, wrapperTs: unknown): InboundEvent {
  const fromMe = fromMeOf(d);
  const jid = str(d.chatId) ?? (fromMe ? (str(d.to) ?? str(d.from)!) : str(d.from)!);
  if (jid === 'status@broadcast') return { type: 'ignored', reason: 'status broadcast' };
  const type = str(d.type) ?? 'chat';
  if (type === 'revoked') return { type: 'ignored', reason: 'a message its sender deleted' };
  const isGroup = d.isGroupMsg === true || isGroupJid(jid);
  const sender = rec(d.sender);
  const author = isGroup ? (str(d.author) ?? str(sender?.id) ?? null) : fromMe ? null : jid;
  const chat = rec(d.chat);
  const m: InboundMessage = {
    type: 'message',
    sessionId,
    peerId: peerOf(jid, isGroup),
    isGroup,
    groupName: isGroup ? (str(chat?.name) ?? str(chat?.formattedTitle)) : null,
    senderPhone: author && !fromMe ? jidUser(author) : null,
    senderName: fromMe ? null : (str(sender?.pushname) ?? str(d.notifyName) ?? str(sender?.name) ?? str(sender?.formattedName)),
    fromMe,
    providerMessageId: keyIdOf(str(d.id)!),
    at: firstTime(d.t, d.timestamp, wrapperTs),
    ...content(type, d),
  };
  const avatar = str(rec(sender?.profilePicThumbObj)?.eurl);
  if (avatar && !isGroup && !fromMe) m.senderAvatarUrl = avatar;
  return m;
}

function content(type: string, d: Record<string, unknown>): { kind: MessageKind; text: string | null; media?: InboundMedia } {
  const mediaKind = mediaTypes[type];
  if (mediaKind) {
    const text = str(d.caption) ?? (type === 'document' ? str(d.filename) : null);
    const url = str(d.deprecatedMms3Url) ?? str(d.clientUrl);
    if (!url) return { kind: mediaKind, text };
    const media: InboundMedia = {
      kind: mediaKind,
      url,
      mimeType: str(d.mimetype),
      fileName: str(d.filename),
      mediaKey: base64(d.mediaKey),
      fileSha256: base64(d.filehash),
      size: positive(d.size),
    };
    return { kind: mediaKind, text, media };
  }
  switch (type) {
    case 'chat':
      return { kind: 'text', text: str(d.body) ?? str(d.content) ?? '' };
    case 'location':
      return { kind: 'location', text: str(d.loc) ?? (d.lat !== undefined && d.lng !== undefined ? `${String(d.lat)}, ${String(d.lng)}` : null) };
    case 'vcard':
    case 'multi_vcard':
      return { kind: 'contact', text: vcardName(d.body) ?? vcardName(Array.isArray(d.vcardList) ? rec(d.vcardList[0])?.vcard : null) ?? 'Contact card' };
    case 'buttons_response':
    case 'list_response':
      return { kind: 'interactive', text: str(d.body) ?? str(d.content) };
    default:
      return { kind: 'unsupported', text: null };
  }
}
