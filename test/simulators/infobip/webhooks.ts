// What the simulator posts to the app, built from the shapes in reference/infobip.md "Webhooks"
// (verbatim copies live in fixtures.ts): inbound messages (WhatsAppWebhookInboundMessageResult),
// seen reports (WhatsAppWebhookSeenResult; the legacy pulled form has no from/applicationId) and
// delivery reports (omni.ts buildReport). Each post is `{ results: [...] }`.
import { randomBytes, randomUUID } from 'node:crypto';
import { infobipTime, type SentMessage } from './omni';

/** The message part of an inbound result, one per `message.type` the notes sample. */
export type InboundContent =
  | { type: 'TEXT'; text: string }
  | { type: 'LOCATION'; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { type: 'IMAGE'; url: string; caption?: string }
  | { type: 'INTERACTIVE_LIST_REPLY'; id: string; title: string; description?: string; contextId?: string }
  | { type: 'INTERACTIVE_BUTTON_REPLY'; id: string; title: string; contextId?: string };

export interface InboundSpec {
  /** The customer's number, digits. */
  from: string;
  /** Our WhatsApp sender. */
  to: string;
  name?: string;
  content: InboundContent;
  messageId?: string;
  at?: number;
}

/** "Inbound message": a WhatsApp-style id like the sample's wamid.HBgL… */
const wamid = (): string => `wamid.${randomBytes(24).toString('base64')}`;

function message(c: InboundContent, from: string): Record<string, unknown> {
  // Replies carry the context of the message answered, as in the list reply sample.
  const context = (id?: string) => ({ from, id: id ?? randomUUID(), groupId: null, referredProduct: null });
  switch (c.type) {
    case 'TEXT':
      return { text: c.text, type: 'TEXT' };
    case 'LOCATION':
      return { latitude: c.latitude, longitude: c.longitude, ...(c.address ? { address: c.address } : {}), ...(c.name ? { name: c.name } : {}), ...(c.url ? { url: c.url } : {}), type: 'LOCATION' };
    case 'IMAGE':
      return { url: c.url, ...(c.caption !== undefined ? { caption: c.caption } : {}), type: 'IMAGE' };
    case 'INTERACTIVE_LIST_REPLY':
      return { id: c.id, title: c.title, ...(c.description ? { description: c.description } : {}), context: context(c.contextId), type: 'INTERACTIVE_LIST_REPLY' };
    case 'INTERACTIVE_BUTTON_REPLY':
      return { id: c.id, title: c.title, context: context(c.contextId), type: 'INTERACTIVE_BUTTON_REPLY' };
  }
}

/** One inbound result, keys in the sample's order. */
export function inboundResult(spec: InboundSpec, now = Date.now()): Record<string, unknown> {
  return {
    from: spec.from,
    to: spec.to,
    integrationType: 'WHATSAPP',
    receivedAt: infobipTime(spec.at ?? now),
    messageId: spec.messageId ?? wamid(),
    pairedMessageId: null,
    callbackData: null,
    message: message(spec.content, spec.from),
    price: { pricePerMessage: 0, currency: 'EUR' },
    contact: { name: spec.name ?? '' },
  };
}

/** The post: every result, with the counts the sample carries. */
export function inboundPost(specs: InboundSpec[], now = Date.now()): Record<string, unknown> {
  return { results: specs.map((s) => inboundResult(s, now)), messageCount: specs.length, pendingMessageCount: 0 };
}

/** "Seen report (WhatsAppWebhookSeenResult)" for a message we sent; `legacy` is the pulled OMNI form. */
export function seenResult(msg: SentMessage, sender: string, opts: { legacy?: boolean; at?: number } = {}): Record<string, unknown> {
  const base = { messageId: msg.messageId, to: msg.to, sentAt: infobipTime(msg.at), seenAt: infobipTime(Math.max(opts.at ?? Date.now(), msg.at)) };
  if (opts.legacy) return base;
  return { messageId: msg.messageId, from: sender, to: msg.to, sentAt: base.sentAt, seenAt: base.seenAt, applicationId: 'default', entityId: null };
}
