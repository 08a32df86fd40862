// Webhook registration and free replies in a customer's room, from the reference note
// (provider-docs/reference/qontak.md: "Webhooks" and the endpoint table); the short doc has neither.
//
// Registration: `PUT /api/open/v1/message_interactions` with the note's JSON body. All three
// message webhooks are switched on to the one URL: customer messages, agent messages and
// status_message (created/sent/delivered/read of what is sent to customers, broadcasts included);
// `broadcast_log_status` (newer Hubs, per the note) is asked for too, and an older Hub ignores it.
// Registering again (the address changed) replaces the URL: the Hub keeps one per event.
//
// Room replies: `POST /api/open/v1/messages/whatsapp/bot`, multipart form `room_id`, `type=text`,
// `text` → 201 (Swagger in the note). Decisions:
// - The room id comes from the customer's last message (its `room_id`), kept on the thread
//   (SendTarget.conversation). Without one there is no room to write in: the operator is told to
//   send a template, which opens the conversation.
// - WhatsApp accepts free messages only within 24 hours of the customer's last message (the
//   room's `session` is "open" then, from `session_at`); after that the Hub would refuse, so we
//   refuse first and point to templates.
// - The note says "bot token" and the Swagger asks for an access token in Authorization with the
//   `bot` scope; we use the account's OAuth token. A user without that scope gets 401/403, which
//   client.ts reports as "not allowed".
// - The 201 answer has no documented body. Its `data.id` is taken as the message id when present;
//   otherwise the room's status webhook gives the reply its id (inbound.ts, InboundStatus.recipient).
//
// Files (roomFile): the same endpoint, `type` = image|video|audio|document and the bytes as the
// multipart part `file` (with the file's name and content type), nothing else: the Swagger's
// `text` is "required if type is text" and there is no caption field. Decisions:
// - Only uploads. The endpoint takes a `file` part, never a link, so Qontak lists `mediaUpload`
//   and not `mediaUrl` (capabilities.ts): the composer offers "file from this computer" and not
//   "file by link", and a link sent anyway is refused before queueing (outgoing.ts: "cannot send
//   files by link"). Fetching the link and uploading it is out of scope: roomFile refuses a link
//   in words too, should one reach it.
// - No caption: refused before queueing (media/limits.ts, captions: none) and here again, rather
//   than dropped silently. The renderer shows no caption field for Qontak (files.ts).
// - The same room and 24-hour rules as text, with the same "send a template" reason.
// - `POST /v1/file_uploader` (a hosted URL for template headers) is not used: the bot endpoint
//   takes the file itself.
import { AppFailure } from '../../errors';
import type { AccountContext, MediaKind, OutgoingMessage, SendResult, SendTarget } from '../types';
import { NAME } from './auth';
import { api } from './client';

export const SESSION_MS = 24 * 60 * 60 * 1000;
/** A file can take a while to go up (as bot-api/messages.ts allows). */
const UPLOAD_TIMEOUT_MS = 120_000;

export async function registerWebhook(ctx: AccountContext, url: string): Promise<void> {
  await api(ctx, {
    method: 'PUT',
    path: '/api/open/v1/message_interactions',
    json: { receive_message_from_agent: true, receive_message_from_customer: true, status_message: true, broadcast_log_status: true, url },
  });
}

/** A file for the room: the `type` it goes as and the bytes of the `file` part. */
export interface RoomFile {
  type: MediaKind;
  bytes: Buffer;
  mimeType: string;
  fileName: string;
}

/** Text (`type=text`) or a file into the customer's room. */
export async function roomReply(ctx: AccountContext, target: SendTarget, content: string | RoomFile, now = Date.now()): Promise<SendResult> {
  const room = target.conversation;
  if (!room) {
    throw new AppFailure('validation', `${NAME} only lets you write freely after the customer has written to you. Send an approved template to start the conversation.`).keyed('errors.qontak.freeReplyFirst', { provider: NAME });
  }
  if (now - room.at > SESSION_MS) {
    throw new AppFailure(
      'validation',
      `The customer last wrote more than 24 hours ago, so WhatsApp no longer allows a free reply. Send an approved template instead; a free reply is possible again once they answer.`,
    ).keyed('errors.send.sessionExpired');
  }
  const form = new FormData();
  form.set('room_id', room.id);
  if (typeof content === 'string') {
    form.set('type', 'text');
    form.set('text', content);
  } else {
    form.set('type', content.type);
    form.set('file', new Blob([new Uint8Array(content.bytes)], { type: content.mimeType }), content.fileName);
  }
  const body = (await api(ctx, { method: 'POST', path: '/api/open/v1/messages/whatsapp/bot', form, anyBody: true, ...(typeof content === 'string' ? {} : { timeoutMs: UPLOAD_TIMEOUT_MS }) })) as { data?: { id?: unknown } } | null;
  const id = body && typeof body === 'object' ? body.data?.id : undefined;
  return { providerMessageId: typeof id === 'string' && id ? id : null };
}

/** A picture, video, audio file or document from this computer into the customer's room. */
export async function roomFile(ctx: AccountContext, target: SendTarget, message: Extract<OutgoingMessage, { kind: 'media' }>, now = Date.now()): Promise<SendResult> {
  const { source } = message;
  if (source.type !== 'file') {
    throw new AppFailure('validation', `${NAME} takes files as uploads only, so a file by link can't go out. Attach the file from this computer instead.`).keyed('errors.qontak.uploadsOnly', { provider: NAME });
  }
  if (message.caption?.trim()) {
    throw new AppFailure('validation', `${NAME} sends files without a caption. Send the text as a message of its own.`).keyed('errors.qontak.noCaption', { provider: NAME });
  }
  return roomReply(ctx, target, { type: message.mediaKind, bytes: source.bytes, mimeType: source.mimeType, fileName: message.fileName?.trim() || source.fileName }, now);
}
