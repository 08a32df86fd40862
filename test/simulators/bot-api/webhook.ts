// What the gateway posts to an instance's webhook. Waabot documents no payload; its engine posts
// its own events (reference note "Webhooks — NOT documented by Waabot"), so the simulator speaks
// either engine, chosen per instance:
// - 'open-wa' (note §A, webhook-openwa.ts): onMessage / onAnyMessage / onAck events, one POST per
//   subscribed event, so an incoming message subscribed under both arrives twice;
// - 'baileys' (note §B, webhook-baileys.ts): `message` and `connection` events, posted whatever
//   the `events` list says (the engine filters by its WEBHOOK_ALLOWED_EVENTS setting instead).
export type Engine = 'open-wa' | 'baileys';
export const ENGINES: readonly Engine[] = ['open-wa', 'baileys'];

export interface CustomerMessage {
  sessionId: string;
  /** Digits, e.g. 2348012345678. */
  from: string;
  text?: string;
  pushName?: string;
  /** digits-digits or 1203…; makes it a group message with `from` as participant. */
  groupId?: string;
  /** The group's subject (open-wa's `chat.name`; Baileys messages carry none). */
  groupName?: string;
  /** The message key id; a WhatsApp-Web-style one is made up when absent. */
  id?: string;
  /** When the customer sent it (ms); default now. */
  at?: number;
  /**
   * A file: by `url` as given, or as `bytes` the simulator encrypts and serves as WhatsApp's CDN
   * would (then url, mediaKey, fileSha256, fileEncSha256 and fileLength are filled in).
   */
  media?: {
    kind: 'image' | 'video' | 'audio' | 'document';
    url?: string;
    bytes?: Buffer;
    mimetype: string;
    caption?: string;
    fileName?: string;
    mediaKey?: string;
    fileSha256?: string;
    fileEncSha256?: string;
    fileLength?: string;
  };
  location?: { lat: number; lng: number; name?: string };
  /** A contact card the customer shares. */
  contact?: { fullName: string; phone: string };
}

/** What the engine knows about the instance a message arrives on. */
export interface WebhookSource {
  sessionId: string;
  /** The linked phone's digits (open-wa's `to`). */
  phone: string;
  /** open-wa: the id registerWebhook returned; echoed as `webhook_id`. */
  webhookId: string;
}

/** A message the instance sent, as onAck and onAnyMessage report it. */
export interface SentMessage {
  sessionId: string;
  /** The key id the send answer gave (image, sendText) or the engine made up (204 sends). */
  id: string;
  jid: string;
  kind: string;
  text: string;
  at: number;
  ack: number;
}

export const MESSAGE_EVENTS = ['onMessage', 'onAnyMessage'];

export function checkCustomerMessage(msg: CustomerMessage): string {
  const from = msg.from.replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(from)) throw new Error(`from must be the sender's phone in digits, got "${msg.from}"`);
  if (msg.text === undefined && !msg.media && !msg.location && !msg.contact) throw new Error('A customer message needs text, media, a location or a contact');
  if (msg.media && !msg.media.url) throw new Error('A media message needs a url (or bytes for the simulator to host)');
  return from;
}

/** The vCard WhatsApp puts on a shared contact (the engine's genVc form, reference note §1). */
export function vcardOf(c: { fullName: string; phone: string }): string {
  return `BEGIN:VCARD\nVERSION:3.0\nFN:${c.fullName}\nORG:undefined;\nTEL;type=CELL;type=VOICE;waid=${c.phone}:${c.phone}\nEND:VCARD`;
}

export { postWebhook, type WebhookDelivery } from '../webhooks';
