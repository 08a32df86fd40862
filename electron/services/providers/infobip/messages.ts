// Infobip inbound customer messages (reference/infobip.md, "Webhooks → Inbound message"): one
// result of `{ results: [...] }` → one normalised message. The SDK model
// (WhatsAppWebhookInboundMessageData) is the contract; decisions where it leaves room:
// - A person only: Infobip's WhatsApp webhook has no groups. `from` is the customer's number
//   (peer and sender), `contact.name` their WhatsApp name, `messageId` the wamid.
// - `receivedAt` (2025-01-01T10:10:00.000+0000) is the time; unreadable → the time we read it.
// - Media (IMAGE, DOCUMENT, AUDIO, VIDEO, VOICE, STICKER) keep Infobip's `url` (GET
//   /whatsapp/1/senders/{sender}/media/{id}); `caption`, when given, is the text.
// - LOCATION → kind location; the text names the place and gives the coordinates, since a
//   message has no other field for them.
// - Replies (BUTTON, INTERACTIVE_BUTTON_REPLY, INTERACTIVE_LIST_REPLY) → kind interactive with
//   the chosen title (BUTTON: its text) as the text; the id/payload is the bot's business, not
//   the operator's.
// - CONTACT → kind contact, the shared names as text. REACTION → text is the emoji. Any other
//   type (UNSUPPORTED, ORDER, a type added later) → kind unsupported with the type as text, so
//   the customer still shows as having written.
// Unknown fields are tolerated everywhere (the real captures carry extra ones).
import { z } from 'zod';
import type { MessageKind } from '../../../../shared/model';
import type { InboundMessage, MediaKind } from '../types';

const str = z.string().nullable().optional();

export const InboundResult = z.object({
  from: z.string().trim().min(1),
  to: str,
  integrationType: str,
  receivedAt: str,
  messageId: z.string().min(1),
  message: z.looseObject({ type: z.string().min(1) }),
  contact: z.looseObject({ name: str }).nullable().optional(),
});
export type InboundResult = z.infer<typeof InboundResult>;

const MEDIA: Record<string, MediaKind> = { IMAGE: 'image', STICKER: 'image', DOCUMENT: 'document', AUDIO: 'audio', VOICE: 'audio', VIDEO: 'video' };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

function locationText(m: Record<string, unknown>): string {
  const place = [text(m.name), text(m.address)].filter(Boolean).join(', ');
  const lat = num(m.latitude);
  const lng = num(m.longitude);
  const coords = lat !== null && lng !== null ? `${lat}, ${lng}` : null;
  return [place || null, coords && place ? `(${coords})` : coords].filter(Boolean).join(' ') || 'Location';
}

function contactText(m: Record<string, unknown>): string | null {
  const contacts = Array.isArray(m.contacts) ? (m.contacts as { name?: { formattedName?: unknown; firstName?: unknown } }[]) : [];
  const names = contacts.map((c) => text(c?.name?.formattedName) ?? text(c?.name?.firstName)).filter((n): n is string => n !== null);
  return names.length ? names.join(', ') : null;
}

function content(m: Record<string, unknown> & { type: string }): Pick<InboundMessage, 'kind' | 'text' | 'media'> {
  const type = m.type.toUpperCase();
  const media = MEDIA[type];
  if (media) {
    const url = text(m.url);
    if (!url) return { kind: 'unsupported', text: text(m.caption) ?? `${type} without a link` };
    return { kind: media, text: text(m.caption), media: { kind: media, url } };
  }
  const kinds: Record<string, () => { kind: MessageKind; text: string | null }> = {
    TEXT: () => ({ kind: 'text', text: text(m.text) }),
    LOCATION: () => ({ kind: 'location', text: locationText(m) }),
    BUTTON: () => ({ kind: 'interactive', text: text(m.text) ?? text(m.payload) }),
    INTERACTIVE_BUTTON_REPLY: () => ({ kind: 'interactive', text: text(m.title) ?? text(m.id) }),
    INTERACTIVE_LIST_REPLY: () => ({ kind: 'interactive', text: text(m.title) ?? text(m.id) }),
    CONTACT: () => ({ kind: 'contact', text: contactText(m) }),
    REACTION: () => ({ kind: 'unsupported', text: text(m.emoji) }),
  };
  return kinds[type]?.() ?? { kind: 'unsupported', text: `(${type.toLowerCase().replace(/_/g, ' ')} message)` };
}

export function inboundToMessage(r: InboundResult, at: number): InboundMessage {
  const phone = r.from.replace(/^\+/, '');
  return {
    type: 'message',
    sessionId: null,
    peerId: phone,
    isGroup: false,
    groupName: null,
    senderPhone: phone,
    senderName: text(r.contact?.name) ?? null,
    fromMe: false,
    providerMessageId: r.messageId,
    at,
    ...content(r.message),
  };
}
