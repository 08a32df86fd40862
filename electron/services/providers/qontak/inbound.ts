// Qontak Hub webhooks (provider-docs/reference/qontak.md, "Webhooks"). The short doc describes
// none; the reference note is the contract: every webhook registered through
// `PUT message_interactions` POSTs ONE shape, a Qontak chat message object, and the three kinds
// are told apart by who wrote it:
// - `participant_type: "customer"` (`sender_type: "Models::Contact"`): a customer's message →
//   an inbox message. The customer's number is `room.account_uniq_id`; `room_id` is the room a
//   free reply goes into (client.ts), kept on the thread with the message's time.
// - `participant_type: "agent"` (`Models::User`): a message an agent wrote in Qontak's own inbox,
//   with its status → shown as an outgoing message (so the conversation reads whole) plus its status.
// - `participant_type: "bot"`, `is_campaign: true` (`Models::SystemAccount`): the status of a
//   template sent through the broadcast API — ours. It carries NO broadcast id (the id our send
//   got back), only the Hub's message id, WhatsApp's `external_id` and the customer's number, so
//   the status names the recipient and the inbox gives the Hub's id to the oldest template to that
//   number still without one (InboundStatus.recipient); later statuses then match directly.
// - `participant_type: "bot"` without `is_campaign`: a bot message in a room — our own room reply
//   (sent through /messages/whatsapp/bot, whose answer documents no id) or Qontak's auto-responder.
//   The status first offers its id to our newest room reply to that number; what no reply takes
//   is shown as an outgoing message like an agent's.
// Ids: `external_id` may still be null while a message is only "created" at the Hub, and the
// Hub's own `id` is the same in every status webhook of one message, so `id` is what we store.
// Status words follow the note's lifecycle created → sent → delivered → read (or failed);
// "created" moves nothing. Unknown fields are ignored; unknown participants are skipped, not failed.
import { z } from 'zod';
import type { MessageKind } from '../../../../shared/model';
import type { InboundEvent, InboundMedia, InboundMessage, InboundStatus, MediaKind } from '../types';

const str = z.string().nullable().optional().catch(null);
const idLike = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .nullable()
  .optional()
  .catch(null);
const when = z.union([z.string(), z.number()]).nullable().optional().catch(null);
const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((v) => v === true || v === 1 || String(v).toLowerCase() === 'true')
  .nullable()
  .optional()
  .catch(null);

const Room = z
  .object({ id: idLike, name: str, account_uniq_id: idLike, session: str, session_at: when, channel: str })
  .passthrough()
  .nullable()
  .optional()
  .catch(null);

const Upload = z.object({ url: str, filename: str, size: z.number().nullable().optional().catch(null), content_type: str }).passthrough();

export const QontakMessage = z
  .object({
    id: idLike,
    type: str,
    room_id: idLike,
    is_campaign: flag,
    sender_type: str,
    sender: z.object({ name: str }).passthrough().nullable().optional().catch(null),
    participant_type: str,
    text: str,
    status: str,
    external_id: idLike,
    created_at: when,
    room: Room,
    file: z.union([z.string(), Upload]).nullable().optional().catch(null),
  })
  .passthrough();
type QontakMessage = z.infer<typeof QontakMessage>;

/**
 * A sane epoch-ms date from what a webhook carries: ISO strings (the note's), Unix seconds or
 * milliseconds as numbers or digit strings; anything unreadable or absurd becomes "now".
 */
export function toEpochMs(v: string | number | null | undefined, now = Date.now()): number {
  let ms = NaN;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v);
    ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n / 1000; // seconds, milliseconds, microseconds
  } else if (typeof v === 'string' && v.trim()) {
    ms = Date.parse(v.trim());
  }
  // Before 2009 (WhatsApp's birth) or more than a day ahead: a clock or format problem.
  if (!Number.isFinite(ms) || ms < 1_230_768_000_000 || ms > now + 86_400_000) return now;
  return Math.round(ms);
}

const MEDIA_TYPES: Record<string, MediaKind> = { image: 'image', video: 'video', audio: 'audio', document: 'document', voice: 'audio', sticker: 'image' };

/**
 * The note shows only text messages. For the other types of the Hub's message enum (audio,
 * document, image, video: the bot endpoint's `type`) the file is read from `file`, in the upload
 * object shape the note shows for `sender.avatar` ({url, filename, size}) or as a plain URL. A
 * media message without a readable file still lands, with its text.
 */
function mediaOf(m: QontakMessage, kind: MediaKind): InboundMedia | null {
  const f = m.file;
  const url = typeof f === 'string' ? f : f?.url;
  if (!url || !/^https?:\/\//i.test(url)) return null;
  const upload = typeof f === 'object' && f ? f : null;
  return { kind, url, fileName: upload?.filename ?? null, mimeType: upload?.content_type ?? null, size: upload?.size ?? null };
}

function kindOf(type: string | null | undefined): MessageKind {
  const t = (type ?? 'text').toLowerCase();
  if (t === 'location' || t === 'contact') return t;
  return MEDIA_TYPES[t] ?? 'text';
}

type Who = 'customer' | 'agent' | 'bot' | null;

function who(m: QontakMessage): Who {
  const p = m.participant_type?.toLowerCase();
  if (p === 'customer' || p === 'agent' || p === 'bot') return p;
  switch (m.sender_type) {
    case 'Models::Contact':
      return 'customer';
    case 'Models::User':
      return 'agent';
    case 'Models::SystemAccount':
      return 'bot';
    default:
      return null;
  }
}

const digits = (v: string | null | undefined): string | null => v?.replace(/\D/g, '') || null;

function statusOf(m: QontakMessage): InboundStatus['status'] | null {
  const s = m.status?.toLowerCase();
  return s === 'sent' || s === 'delivered' || s === 'read' || s === 'failed' ? s : null;
}

function statusEvent(m: QontakMessage, id: string, at: number, status: InboundStatus['status'], recipient: string | null, template: boolean | null): InboundStatus {
  return {
    type: 'status',
    providerMessageId: id,
    status,
    at,
    ...(status === 'failed' ? { error: 'WhatsApp did not deliver the message (Qontak Hub gave no reason).', errorWording: { key: 'errors.qontak.notDeliveredNoReason' }, permanent: true } : {}),
    ...(recipient ? { recipient, recipientTemplate: template } : {}),
  };
}

function messageEvent(m: QontakMessage, id: string, at: number, phone: string | null, fromMe: boolean): InboundMessage {
  const kind = kindOf(m.type);
  const media = kind === 'image' || kind === 'video' || kind === 'audio' || kind === 'document' ? mediaOf(m, kind) : null;
  const roomId = m.room_id ?? m.room?.id ?? null;
  return {
    type: 'message',
    sessionId: null,
    // Without the customer's number the room is the only handle; such a thread can't be answered.
    peerId: phone ?? `room:${roomId ?? id}`,
    isGroup: false,
    groupName: null,
    senderPhone: fromMe ? null : phone,
    senderName: fromMe ? (m.room?.name ?? null) : (m.sender?.name ?? m.room?.name ?? null),
    fromMe,
    providerMessageId: id,
    at,
    // A media message whose file we can't read still shows, as text naming what it was.
    kind: media || kind === 'location' || kind === 'contact' || kind === 'text' ? kind : 'text',
    text: m.text ?? (kind !== 'text' && !media ? `[${kind}]` : null),
    media,
    ...(phone ? {} : { replyable: false }),
    ...(!fromMe && roomId ? { conversation: { id: roomId, at } } : {}),
  };
}

function parseOne(body: unknown): InboundEvent[] {
  const r = QontakMessage.safeParse(body);
  if (!r.success || !r.data.id) throw new Error('Not a Qontak Hub message webhook: a message object with an id is expected.');
  const m = r.data;
  const id = m.id!;
  const at = toEpochMs(m.created_at);
  const phone = digits(m.room?.account_uniq_id);
  const status = statusOf(m);
  switch (who(m)) {
    case 'customer':
      return [messageEvent(m, id, at, phone, false)];
    case 'agent':
      return [messageEvent(m, id, at, phone, true), ...(status ? [statusEvent(m, id, at, status, null, null)] : [])];
    case 'bot':
      if (m.is_campaign) {
        if (!status) return [{ type: 'ignored', reason: `Broadcast message still "${m.status ?? 'created'}" at Qontak Hub.` }];
        return [statusEvent(m, id, at, status, phone, true)];
      }
      // Offered to our room reply first ("created" counts as sent: the Hub has it); then shown if no reply took it.
      return [
        statusEvent(m, id, at, status ?? 'sent', phone, false),
        messageEvent(m, id, at, phone, true),
        ...(status && status !== 'sent' ? [statusEvent(m, id, at, status, null, null)] : []),
      ];
    default:
      return [{ type: 'ignored', reason: `Qontak Hub message from participant "${m.participant_type ?? m.sender_type ?? 'unknown'}" is not shown.` }];
  }
}

/** One webhook body: one message object (as the note shows), or a list of them. */
export function parseQontakWebhook(body: unknown): InboundEvent[] {
  return Array.isArray(body) ? body.flatMap(parseOne) : parseOne(body);
}
