// Webhook payloads from mconnect Omnichannel: flat JSON objects, four documented shapes (person
// text, person media, group text, group media), plus the WhatsApp engine's own event underneath
// (no top-level `from`; read in engine.ts). Decisions where the doc is vague:
// - `time` is Unix SECONDS as a string; a number is accepted, and a value that is clearly already
//   in milliseconds is not multiplied again. A payload without `time` is stamped with our clock.
// - Person or group: `message_id` "<fromMe>_<chat>@c.us|@g.us_<id>" says which; without it, a
//   `group_name`/`group_icon` key or an old-style "creator-timestamp" id in `from` means a group.
// - Groups arrive with the group id in `from` (no "@g.us"): that id is the peer, and what a reply
//   puts in `from`. The doc gives no participant number for the author, only `sender_name`, so
//   senderPhone is null and senderName is the author's WhatsApp name.
// - `from` is kept as sent (minus "+", "@c.us", "@s.whatsapp.net"); the doc's samples mask digits,
//   so we do not insist on digits here.
// - The whole `message_id` is the provider message id (the send answer's `result.data` has the same
//   form). A "true_" id would be our own message echoed: fromMe, with the chat from the id.
// - `image` is the media link (kind image). The doc only names images; a link that plainly ends in
//   a video, audio or document extension gets that kind. A media payload has no caption field;
//   `chat_msg`, if ever sent beside `image`, is kept as the caption.
// - `sender` (the author's profile photo, null when hidden) → senderAvatarUrl; `group_icon` →
//   groupIconUrl; `group_name` → groupName. `chat_status` has no documented meaning: ignored.
import { z } from 'zod';
import type { InboundEvent, InboundMessage, MediaKind } from '../types';
import { isEngineEvent, parseEngineEvent } from './engine';

const optionalText = z.string().nullable().optional();

const Payload = z.object({
  from: z.string().trim().min(1),
  to: z.union([z.string(), z.number()]).nullable().optional(),
  chat_msg: optionalText,
  image: optionalText,
  chat_status: z.union([z.number(), z.string()]).nullable().optional(),
  time: z.union([z.number().nonnegative(), z.string().trim().regex(/^\d+$/)]).nullable().optional(),
  sender_name: optionalText,
  message_id: optionalText,
  sender: optionalText,
  group_icon: optionalText,
  group_name: optionalText,
});
type Payload = z.infer<typeof Payload>;

interface MessageIdParts {
  fromMe: boolean;
  chat: string;
  isGroup: boolean;
}

/** "false_918489514086@c.us_3EB0…" → who sent it and in which chat. */
export function parseMessageId(id: string): MessageIdParts | null {
  const m = /^(true|false)_(.+?)@(c\.us|g\.us|s\.whatsapp\.net)_(.+)$/.exec(id);
  if (!m) return null;
  return { fromMe: m[1] === 'true', chat: m[2]!, isGroup: m[3] === 'g.us' };
}

const extensionKinds: [RegExp, MediaKind][] = [
  [/\.(mp4|3gp|mov|webm|mkv)$/i, 'video'],
  [/\.(ogg|oga|opus|mp3|m4a|aac|amr|wav)$/i, 'audio'],
  [/\.(pdf|docx?|xlsx?|pptx?|txt|csv|zip|rar)$/i, 'document'],
];

function mediaKind(url: string): MediaKind {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* not a full URL: look at it as given */
  }
  return extensionKinds.find(([re]) => re.test(path))?.[1] ?? 'image';
}

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v !== '';
const personId = (raw: string): string => raw.trim().replace(/@(c\.us|s\.whatsapp\.net)$/i, '').replace(/^\+/, '');
const groupId = (raw: string): string => raw.trim().replace(/@g\.us$/i, '');

function timestamp(time: Payload['time']): number {
  if (time === undefined || time === null) return Date.now();
  const n = Number(time);
  return n > 1e12 ? n : n * 1000;
}

function isGroupPayload(p: Payload, id: MessageIdParts | null): boolean {
  if (id) return id.isGroup;
  return p.group_name !== undefined || p.group_icon !== undefined || /^\d+-\d+(@g\.us)?$/.test(p.from) || p.from.endsWith('@g.us');
}

export function parseMconnectWebhook(body: unknown): InboundEvent[] {
  if (isEngineEvent(body)) return parseEngineEvent(body);
  const parsed = Payload.safeParse(body);
  if (!parsed.success) throw new Error(`Not an mconnect Omnichannel message: ${z.prettifyError(parsed.error)}`);
  const p = parsed.data;
  const id = present(p.message_id) ? parseMessageId(p.message_id) : null;
  const isGroup = isGroupPayload(p, id);
  const fromMe = id?.fromMe ?? false;
  // Our own echoed message has our number in `from`; the chat is in its id.
  const chat = fromMe && id ? id.chat : p.from;
  const peerId = isGroup ? groupId(chat) : personId(chat);

  const message: InboundMessage = {
    type: 'message',
    sessionId: null,
    peerId,
    isGroup,
    groupName: isGroup ? (p.group_name ?? null) : null,
    groupIconUrl: isGroup ? (p.group_icon ?? null) : null,
    senderPhone: isGroup || fromMe ? null : peerId,
    senderName: p.sender_name ?? null,
    senderAvatarUrl: p.sender ?? null,
    fromMe,
    providerMessageId: present(p.message_id) ? p.message_id : null,
    at: timestamp(p.time),
    kind: 'text',
    text: p.chat_msg ?? null,
  };
  if (present(p.image)) {
    const kind = mediaKind(p.image);
    return [{ ...message, kind, media: { kind, url: p.image } }];
  }
  if (p.chat_msg === undefined || p.chat_msg === null) return [{ ...message, kind: 'unsupported' }];
  return [message];
}
