// Omnichat.id inbound messages. The doc shows two shapes, and both are read:
// 1. "Webhook Sample", what Omnichat posts to the URL filled in on a device:
//    { device_key, name, message, type: "single" }. It carries neither the sender's number nor a
//    message id, so:
//    - a person's thread is keyed by the sender's name (`name:<name>`; two customers with the same
//      name share a thread, which nothing in the payload lets us avoid), `senderPhone` is null and
//      the message is `replyable: false` (see UNREPLYABLE_REASON);
//    - a group message has no group id either, so all of a device's group messages go into one
//      thread `groups:<device_key>`, with the writer's name as the author;
//    - it has no id, so a re-delivered post would show twice. The parser gives it a stable
//      synthetic id instead: "sample:" + SHA-256 of (device, type, name, message) + the time
//      bucket it arrived in, buckets of SAMPLE_WINDOW_MS (2 minutes) counted from the Unix epoch.
//      The same post again within the bucket is the same message and is stored once. The cost:
//      a customer who really sends the identical text twice within the same bucket shows it
//      once; a re-delivery that straddles a bucket edge still shows twice. Two minutes covers
//      an immediate retry of a webhook and is short enough that a deliberate repeat ("ok",
//      "ok") a few minutes apart still appears.
// 2. The "Message Callback" body, { from, message_id, message, from_name, type }, which Omnichat's
//    WhatsApp server posts and which a forwarding setup may relay to us as is. It has the number
//    and the id, so it is a normal, replyable message. `from` is a jid: `…@s.whatsapp.net` or
//    `…@c.us` (a person: digits) or `…@g.us` (a group: kept whole as the group id). It names no
//    group participant, so a group message has only `from_name` as its author.
// `type`: the doc only shows "single". Any type containing "group" (most plausibly "group") marks a
// group; anything else is a person, except that a `@g.us` address is always a group. Neither shape
// has a time, so `at` is when we parse it. Omnichat documents no delivery-status webhooks.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundEvent, InboundMessage } from '../types';

/** Why a message from the Webhook Sample shape cannot be answered, in the operator's words. */
export const UNREPLYABLE_REASON =
  "Omnichat's webhook gives only the sender's name, not their number, so Switchboard cannot reply here. Reply from the Omnichat dashboard or WhatsApp.";

/** The time bucket a Webhook Sample post is deduplicated in (see the note at the top). */
export const SAMPLE_WINDOW_MS = 2 * 60_000;

/** A stable id for an id-less Webhook Sample post: same content, sender and bucket → same id. */
export function sampleId(parts: { device: string; type: string | null | undefined; name: string | null; message: string | null | undefined }, at: number): string {
  const hash = createHash('sha256').update(JSON.stringify([parts.device, parts.type ?? '', parts.name ?? '', parts.message ?? ''])).digest('hex').slice(0, 24);
  return `sample:${hash}:${Math.floor(at / SAMPLE_WINDOW_MS)}`;
}

export const GROUPS_THREAD_NAME = 'WhatsApp groups (Omnichat sends no group id)';

const text = z.string().nullable().optional();

const WebhookSample = z.object({
  device_key: z.string().trim().min(1),
  name: text,
  message: text,
  type: text,
});

const CallbackShape = z.object({
  from: z.string().trim().min(1),
  message_id: z.string().trim().min(1),
  message: text,
  from_name: text,
  type: text,
  device_key: text,
});

const isGroupType = (type: string | null | undefined): boolean => /group/i.test(type ?? '');
const filled = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function content(message: string | null | undefined): Pick<InboundMessage, 'kind' | 'text'> {
  return typeof message === 'string' && message !== '' ? { kind: 'text', text: message } : { kind: 'unsupported', text: null };
}

export function parseOmnichatWebhook(body: unknown, now = Date.now()): InboundEvent[] {
  if (body && typeof body === 'object' && 'from' in body) return [fromCallback(body, now)];
  if (body && typeof body === 'object' && 'device_key' in body) return [fromWebhookSample(body, now)];
  throw new Error('Not an Omnichat message: expected {device_key, name, message, type} or {from, message_id, message, from_name, type}.');
}

function fromWebhookSample(body: object, now: number): InboundMessage {
  const parsed = WebhookSample.safeParse(body);
  if (!parsed.success) throw new Error(`Not an Omnichat webhook message: ${z.prettifyError(parsed.error)}`);
  const { device_key: device, type } = parsed.data;
  const name = filled(parsed.data.name);
  const isGroup = isGroupType(type);
  return {
    type: 'message',
    sessionId: device,
    peerId: isGroup ? `groups:${device}` : `name:${name ?? 'unknown sender'}`,
    isGroup,
    groupName: isGroup ? GROUPS_THREAD_NAME : null,
    senderPhone: null,
    senderName: name,
    fromMe: false,
    providerMessageId: sampleId({ device, type, name, message: parsed.data.message }, now),
    at: now,
    ...content(parsed.data.message),
    replyable: false,
  };
}

function fromCallback(body: object, now: number): InboundMessage {
  const parsed = CallbackShape.safeParse(body);
  if (!parsed.success) throw new Error(`Not an Omnichat callback message: ${z.prettifyError(parsed.error)}`);
  const { from, type } = parsed.data;
  const [user = '', domain = ''] = from.split('@');
  const isGroup = domain === 'g.us' || (domain === '' && isGroupType(type));
  const phone = user.split(':')[0]!.replace(/^\+/, '');
  if (!isGroup && !/^\d{5,20}$/.test(phone)) throw new Error(`Not an Omnichat callback message: "from" is not a WhatsApp number (${from}).`);
  return {
    type: 'message',
    sessionId: filled(parsed.data.device_key),
    peerId: isGroup ? `${user}@g.us` : phone,
    isGroup,
    groupName: null,
    senderPhone: isGroup ? null : phone,
    senderName: filled(parsed.data.from_name),
    fromMe: false,
    providerMessageId: parsed.data.message_id,
    at: now,
    ...content(parsed.data.message),
    replyable: true,
  };
}
