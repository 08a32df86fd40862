// whatsapp-api-nodejs (Baileys) webhook events (reference note §B, `SendWebhook`):
// `{ type, body, instanceKey }`.
// - type `message`: body is `{key: instanceKey, ...WAMessage}`, so the spread WAMessage `key`
//   `{remoteJid, fromMe, id, participant?}` replaces the instance key; beside it `message`,
//   `messageTimestamp` (a string of seconds), `pushName`, for a plain `conversation` a `text` that
//   is the whole upsert event (not read: `message.conversation` says the same), and `msgContent`
//   (base64 file) when WEBHOOK_BASE64 is on (not read: the CDN link and media key in the message
//   fetch the same file, and keep a multi-megabyte string out of the raw event's parse).
// - connection, presence, call_offer, call_terminate, group_created, group_updated,
//   group_participants_updated: not messages, ignored (never unparsed).
// - Media in `message.<kind>Message` is WhatsApp's encrypted CDN copy: `url`, `mediaKey`,
//   `fileSha256`, `fileLength`, `mimetype`, `caption`, `fileName`.
import { z } from 'zod';
import type { MessageKind } from '../../../../shared/model';
import type { InboundEvent, InboundMedia, MediaKind } from '../types';
import { base64, firstTime, isGroupJid, jidUser, peerOf, positive, rec, str, vcardName } from './inbound-common';

const Envelope = z.object({ type: z.string().min(1), body: z.unknown(), instanceKey: z.string().optional() });

const Key = z.object({ remoteJid: z.string().min(1), fromMe: z.boolean().optional(), id: z.string().min(1), participant: z.string().nullable().optional() });

export const isBaileysEvent = (body: unknown): boolean => typeof rec(body)?.type === 'string' && 'body' in rec(body)!;

const mediaKinds: Record<string, MessageKind> = {
  imageMessage: 'image',
  videoMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'image',
  locationMessage: 'location',
  liveLocationMessage: 'location',
  contactMessage: 'contact',
  contactsArrayMessage: 'contact',
  buttonsResponseMessage: 'interactive',
  listResponseMessage: 'interactive',
  templateButtonReplyMessage: 'interactive',
};

/** Baileys wraps some messages one level deeper (disappearing, view-once, captioned document). */
const WRAPPERS = ['ephemeralMessage', 'viewOnceMessage', 'viewOnceMessageV2', 'documentWithCaptionMessage'];
const NOT_MESSAGES = ['protocolMessage', 'senderKeyDistributionMessage', 'reactionMessage'];

export function parseBaileys(body: unknown): InboundEvent[] {
  const env = Envelope.safeParse(body);
  if (!env.success) throw new Error(`Not a bot API webhook event (Baileys): ${z.prettifyError(env.error)}`);
  if (env.data.type !== 'message') return [{ type: 'ignored', reason: `Baileys event ${env.data.type} is not a message` }];
  const b = rec(env.data.body);
  const key = Key.safeParse(b?.key);
  if (!b || !key.success) throw new Error(`Not a bot API webhook event (Baileys message without body.key {remoteJid, id}): ${key.success ? 'no body' : z.prettifyError(key.error)}`);
  const { remoteJid, fromMe = false, id } = key.data;
  if (remoteJid === 'status@broadcast') return [{ type: 'ignored', reason: 'status broadcast' }];
  const message = unwrap(rec(b.message));
  if (!message) return [{ type: 'ignored', reason: 'message without content' }];
  if (NOT_MESSAGES.some((k) => k in message)) return [{ type: 'ignored', reason: `${Object.keys(message)[0]} is not a chat message` }];
  const isGroup = isGroupJid(remoteJid);
  const author = isGroup ? (key.data.participant ?? str(b.participant)) : fromMe ? null : remoteJid;
  return [
    {
      type: 'message',
      sessionId: env.data.instanceKey ?? null,
      peerId: peerOf(remoteJid, isGroup),
      isGroup,
      groupName: null,
      senderPhone: author && !fromMe ? jidUser(author) : null,
      senderName: fromMe ? null : str(b.pushName),
      fromMe,
      providerMessageId: id,
      at: firstTime(b.messageTimestamp),
      ...content(message),
    },
  ];
}

function unwrap(message: Record<string, unknown> | null): Record<string, unknown> | null {
  let m = message;
  for (let depth = 0; m && depth < 3; depth++) {
    const inner = WRAPPERS.map((w) => rec(rec(m![w])?.message)).find(Boolean);
    if (!inner) break;
    m = inner;
  }
  return m;
}

function mediaOf(kind: MessageKind, m: Record<string, unknown>): InboundMedia | null {
  const url = str(m.url);
  if (!url || !['image', 'video', 'audio', 'document'].includes(kind)) return null;
  return {
    kind: kind as MediaKind,
    url,
    mimeType: str(m.mimetype),
    fileName: str(m.fileName),
    mediaKey: base64(m.mediaKey),
    fileSha256: base64(m.fileSha256),
    size: positive(m.fileLength),
  };
}

function content(message: Record<string, unknown>): { kind: MessageKind; text: string | null; media?: InboundMedia } {
  if (typeof message.conversation === 'string') return { kind: 'text', text: message.conversation };
  const ext = rec(message.extendedTextMessage);
  if (ext && typeof ext.text === 'string') return { kind: 'text', text: ext.text };
  for (const [key, kind] of Object.entries(mediaKinds)) {
    const m = rec(message[key]);
    if (!m) continue;
    const text =
      str(m.caption) ??
      str(m.fileName) ??
      str(m.displayName) ??
      vcardName(m.vcard) ??
      str(m.selectedDisplayText) ??
      str(m.title) ??
      (kind === 'location' ? (str(m.name) ?? str(m.address) ?? coords(m)) : null);
    const media = mediaOf(kind, m);
    return media ? { kind, text, media } : { kind, text };
  }
  return { kind: 'unsupported', text: null };
}

function coords(m: Record<string, unknown>): string | null {
  return typeof m.degreesLatitude === 'number' && typeof m.degreesLongitude === 'number' ? `${m.degreesLatitude}, ${m.degreesLongitude}` : null;
}
