// The WhatsApp engine's own event under mconnect (reference/mconnect.md §3): open-wa "EASY API"
// webhooks `{ts, sessionId, id, event, data, webhook_id}`, which a setup may post to us as they
// are instead of mconnect's flattened form. Read the way mconnect's own receiver reads them:
// - event "onMessage" with data.type "chat" (text in `body`, or `content`) or "image"; data.self
//   "out" (or fromMe) is our own message echoed, "in" a customer's. Messages from
//   status@broadcast are dropped, as mconnect drops them.
// - The chat is data.chatId (else chat.id, else from): "…@c.us" a person (digits are the peer),
//   "…@g.us" a group (the id without "@g.us" is the peer, as in the flat group webhook, so both
//   shapes land in one thread). In a group the author is data.author (participant) with the
//   sender's pushname.
// - data.id ("false_<chat>@c.us_<id>") is the provider message id: the same value the flat
//   webhook's message_id carries, so one message posted in both shapes is stored once.
// - Time: data.t / data.timestamp are Unix seconds; else the envelope's `ts` (milliseconds).
// - An image event carries no link (mconnect fetches the bytes through the engine's decryptMedia,
//   which an account here cannot call), so it becomes an image message with its caption and no
//   file, rather than being lost.
// - event "onAck" (ack 1 sent, 2 delivered, 3 read; §3 "Routing") → a status for data.id.
// - The envelope's sessionId names the engine instance, which Switchboard does not model for
//   mconnect (one number per account), so it is not used as the message's session.
import { z } from 'zod';
import type { InboundEvent, InboundMessage } from '../types';

const str = z.string().nullable().optional();
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullable().optional();

export const EngineEvent = z.object({
  ts: seconds,
  sessionId: str,
  event: z.string().min(1),
  data: z.looseObject({
    id: z.union([z.string(), z.looseObject({ _serialized: z.string() })]).optional(),
    type: str,
    body: str,
    content: str,
    caption: str,
    t: seconds,
    timestamp: seconds,
    from: str,
    to: str,
    author: str,
    chatId: str,
    self: str,
    fromMe: z.boolean().nullable().optional(),
    isGroupMsg: z.boolean().nullable().optional(),
    notifyName: str,
    ack: seconds,
    sender: z.looseObject({ pushname: str, name: str, formattedName: str, profilePicThumbObj: z.looseObject({ eurl: str }).nullable().optional() }).nullable().optional(),
    chat: z.looseObject({ id: str, name: str, isGroup: z.boolean().nullable().optional() }).nullable().optional(),
  }),
});
type EngineEvent = z.infer<typeof EngineEvent>;

export const isEngineEvent = (body: unknown): boolean => !!body && typeof body === 'object' && 'event' in body && 'data' in body && !('from' in body);

const filled = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const idOf = (d: EngineEvent['data']): string | null => (typeof d.id === 'string' ? filled(d.id) : (d.id?._serialized ?? null));
const digits = (jid: string): string => jid.replace(/@.*$/, '').replace(/^\+/, '');

function at(e: EngineEvent): number {
  const s = e.data.t ?? e.data.timestamp;
  if (s) return s > 1e12 ? s : s * 1000;
  if (e.ts) return e.ts > 1e12 ? e.ts : e.ts * 1000;
  return Date.now();
}

function message(e: EngineEvent): InboundEvent {
  const d = e.data;
  const id = idOf(d);
  const chat = filled(d.chatId) ?? filled(d.chat?.id) ?? filled(d.from);
  if (!chat) throw new Error('Not an mconnect engine message: no chat (data.chatId, data.chat.id or data.from).');
  if (chat === 'status@broadcast') return { type: 'ignored', reason: 'WhatsApp status update (status@broadcast)' };
  const isGroup = chat.endsWith('@g.us') || d.isGroupMsg === true;
  const fromMe = d.self === 'out' || d.fromMe === true;
  const peerId = isGroup ? chat.replace(/@g\.us$/, '') : digits(chat);
  const author = filled(d.author) ?? (isGroup ? null : filled(d.from));
  const name = filled(d.sender?.pushname) ?? filled(d.notifyName) ?? filled(d.sender?.formattedName) ?? filled(d.sender?.name);
  const type = (d.type ?? 'chat').toLowerCase();
  const base: InboundMessage = {
    type: 'message',
    sessionId: null,
    peerId,
    isGroup,
    groupName: isGroup ? (filled(d.chat?.name) ?? null) : null,
    senderPhone: fromMe ? null : isGroup ? (author ? digits(author) : null) : peerId,
    senderName: fromMe ? null : name,
    senderAvatarUrl: filled(d.sender?.profilePicThumbObj?.eurl),
    fromMe,
    providerMessageId: id,
    at: at(e),
    kind: 'text',
    text: null,
  };
  if (type === 'chat') return { ...base, text: filled(d.body) ?? filled(d.content) };
  if (type === 'image') return { ...base, kind: 'image', text: filled(d.caption) };
  return { ...base, kind: 'unsupported', text: filled(d.caption) };
}

function ack(e: EngineEvent): InboundEvent {
  const id = idOf(e.data);
  const level = e.data.ack ?? 0;
  const status = level >= 3 ? 'read' : level === 2 ? 'delivered' : level === 1 ? 'sent' : null;
  if (!id || !status) return { type: 'ignored', reason: `engine ack ${level} for ${id ?? 'no id'}` };
  return { type: 'status', providerMessageId: id, status, at: e.ts ? (e.ts > 1e12 ? e.ts : e.ts * 1000) : Date.now() };
}

export function parseEngineEvent(body: unknown): InboundEvent[] {
  const parsed = EngineEvent.safeParse(body);
  if (!parsed.success) throw new Error(`Not an mconnect engine event: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.event === 'onMessage' || e.event === 'onAnyMessage') return [message(e)];
  if (e.event === 'onAck') return [ack(e)];
  return [{ type: 'ignored', reason: `engine event ${e.event}` }];
}
