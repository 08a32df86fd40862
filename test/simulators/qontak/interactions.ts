// Webhook registration (`PUT /api/open/v1/message_interactions`) and bot messages in a room
// (`POST /api/open/v1/messages/whatsapp/bot`), from the reference note's Swagger and
// "Webhooks" section, plus the rooms both need. Decisions where the note is silent (*):
// - Registration flags are booleans (the Swagger's schema) and `url` a URI; anything else → 422
//   Grape-style "x is invalid". *A flag left out keeps its previous value. The answer is the
//   note's "Response" shape: each event `{ enabled, webhooks: [{ id, event: "message_interaction", url }] }`.
// - Bot messages: `room_id` and `type` (enum from the Swagger) required; `text` when type is text,
//   `file` for audio/document/image/video → 422 "x is missing" (a `file` sent as a plain field, not
//   a file part, is missing too). *The file part must carry a filename and a content type, and a
//   picture/video/audio must be one (image/…, video/…, audio/…) → 422 "file is invalid"; a
//   document may be any type. The bytes are kept as received (botMessages[].file). An unknown room → 422 "Room not
//   found"; *a room whose customer last wrote more than 24 hours ago → 422 (WhatsApp's session
//   rule, the room's `session` is no longer "open"). *Success is 201 `{ status: "success" }`: the
//   Swagger gives no body. The message then reports "sent" through the status webhook.
import { randomUUID } from 'node:crypto';
import type { UploadedFile } from '../http';
import { hubError, type HubState, type Reply, type Ctx } from './routes';
import { newChatMessage, type RoomRecord } from './webhooks';

export interface WebhookSettings {
  url: string | null;
  receive_message_from_customer: boolean;
  receive_message_from_agent: boolean;
  status_message: boolean;
  broadcast_log_status: boolean;
  /** The webhook record's id the Hub answers with. */
  id: string;
}

export const FLAGS = ['receive_message_from_agent', 'receive_message_from_customer', 'status_message', 'broadcast_log_status'] as const;
export const SESSION_MS = 24 * 3_600_000;
const BOT_TYPES = ['audio', 'contact', 'document', 'image', 'location', 'system', 'text', 'video'];
const FILE_TYPES = ['audio', 'document', 'image', 'video'];

export function newWebhookSettings(): WebhookSettings {
  return { url: null, receive_message_from_customer: false, receive_message_from_agent: false, status_message: false, broadcast_log_status: false, id: randomUUID() };
}

/** The room for a customer's number, made on first contact (a broadcast or the customer writing). */
export function roomFor(s: HubState, phone: string, name: string, channelIntegrationId: string): RoomRecord {
  let r = s.rooms.get(phone);
  if (!r) {
    r = { id: randomUUID(), name, phone, channelIntegrationId, organizationId: s.organizationId, createdAt: new Date().toISOString(), sessionAt: null, status: 'unassigned' };
    s.rooms.set(phone, r);
  }
  return r;
}

const isUri = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** PUT /api/open/v1/message_interactions */
export function messageInteractions(s: HubState, ctx: Ctx): Reply {
  const b = ctx.body;
  const invalid = [...FLAGS.filter((k) => b[k] !== undefined && typeof b[k] !== 'boolean'), ...(b.url !== undefined && !isUri(b.url) ? ['url'] : [])];
  if (invalid.length) return hubError(422, invalid.map((k) => `${k} is invalid`));
  for (const k of FLAGS) if (typeof b[k] === 'boolean') s.webhook[k] = b[k];
  if (isUri(b.url)) s.webhook.url = b.url;
  const w = s.webhook;
  const event = (enabled: boolean) => ({ enabled, webhooks: w.url ? [{ id: w.id, event: 'message_interaction', url: w.url }] : [] });
  return {
    status: 200,
    json: {
      status: 'success',
      data: {
        auto_assign_agent: false,
        agent_can_takeover: true,
        agent_assigned_to_room: { enabled: false, webhooks: [] },
        agent_unassigned_from_room: { enabled: false, webhooks: [] },
        room_resolved: { enabled: false, webhooks: [] },
        receive_message_from_agent: event(w.receive_message_from_agent),
        receive_message_from_customer: event(w.receive_message_from_customer),
        status_message: event(w.status_message),
        broadcast_log_status: event(w.broadcast_log_status),
      },
    },
  };
}

/** POST /api/open/v1/messages/whatsapp/bot (multipart form, or JSON as Grape also reads). */
export function botMessage(s: HubState, ctx: Ctx, files: Record<string, UploadedFile>): Reply {
  const b = ctx.body;
  const field = (k: string): string | undefined => (typeof b[k] === 'string' && b[k] !== '' ? (b[k] as string) : undefined);
  const missing = ['room_id', 'type'].filter((k) => !field(k));
  if (missing.length) return hubError(422, missing.map((k) => `${k} is missing`));
  const type = field('type')!;
  if (!BOT_TYPES.includes(type)) return hubError(422, ['type does not have a valid value']);
  if (type === 'text' && !field('text')) return hubError(422, ['text is missing']);
  const file = FILE_TYPES.includes(type) ? files.file : undefined;
  if (FILE_TYPES.includes(type)) {
    if (!file) return hubError(422, ['file is missing']);
    const mime = file.type.split(';')[0]!.trim().toLowerCase();
    if (!file.filename || !mime || (type !== 'document' && !mime.startsWith(`${type}/`))) return hubError(422, ['file is invalid']);
  }
  const room = [...s.rooms.values()].find((r) => r.id === field('room_id'));
  if (!room) return hubError(422, ['Room not found']);
  if (!room.sessionAt || Date.now() - Date.parse(room.sessionAt) > SESSION_MS) return hubError(422, ['Session expired, please send a message template']);
  const chat = newChatMessage(field('text') ?? `[${type}]`);
  s.chats.set(chat.id, { kind: 'bot', room, chat, status: 'created' });
  s.botMessages.push({ roomId: room.id, type, text: field('text') ?? null, chatId: chat.id, file: file ? { filename: file.filename, type: file.type, bytes: Buffer.from(file.bytes) } : null });
  s.after(() => s.advance(chat.id, 'sent'));
  return { status: 201, json: { status: 'success' } };
}
