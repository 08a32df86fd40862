// Webhook payloads from the bot API. The doc names the events (onMessage, onAnyMessage) but not
// the body; the gateway is Baileys-based (its send answers carry Baileys `key`/`message`
// objects), so we read the Baileys message shape:
// { event, session_id, instance_key?, data: { key: { remoteJid, fromMe, id }, participant?,
//   pushName?, messageTimestamp, message: { conversation | extendedTextMessage | imageMessage … } } }
// A media message's `url` is WhatsApp's encrypted CDN copy; its `mediaKey` (base64, or a Buffer as
// JSON) and `fileSha256` travel with it so the file can be fetched and decrypted (media/).
import { z } from 'zod';
import type { MediaKind, MessageKind } from '../../../../shared/model';
import type { InboundEvent, InboundMedia } from '../types';

const Payload = z.object({
  event: z.string(),
  session_id: z.string().optional(),
  instance_key: z.string().optional(),
  data: z.object({
    key: z.object({ remoteJid: z.string().min(1), fromMe: z.boolean().optional(), id: z.string().min(1), participant: z.string().optional() }),
    participant: z.string().optional(),
    pushName: z.string().optional(),
    messageTimestamp: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
    message: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

const mediaKinds: Record<string, MessageKind> = {
  imageMessage: 'image',
  videoMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'image',
  locationMessage: 'location',
  contactMessage: 'contact',
  buttonsResponseMessage: 'interactive',
  listResponseMessage: 'interactive',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const digits = (jid: string): string => jid.split('@')[0]!.split(':')[0]!;

/** Baileys keys arrive as base64 text, or as a Node Buffer serialised to JSON. */
function base64(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  const b = v as { type?: unknown; data?: unknown } | null;
  if (b && b.type === 'Buffer' && Array.isArray(b.data)) return Buffer.from(b.data as number[]).toString('base64');
  return null;
}

function mediaOf(kind: MessageKind, m: Record<string, unknown>): InboundMedia | null {
  const url = str(m.url);
  if (!url || !['image', 'video', 'audio', 'document'].includes(kind)) return null;
  const size = Number(m.fileLength);
  return {
    kind: kind as MediaKind,
    url,
    mimeType: str(m.mimetype),
    fileName: str(m.fileName),
    mediaKey: base64(m.mediaKey),
    fileSha256: base64(m.fileSha256),
    size: Number.isFinite(size) && size > 0 ? size : null,
  };
}

function content(message: Record<string, unknown>): { kind: MessageKind; text: string | null; media?: InboundMedia } {
  if (typeof message.conversation === 'string') return { kind: 'text', text: message.conversation };
  const ext = message.extendedTextMessage as { text?: unknown } | undefined;
  if (ext && typeof ext.text === 'string') return { kind: 'text', text: ext.text };
  for (const [key, kind] of Object.entries(mediaKinds)) {
    const m = message[key] as Record<string, unknown> | undefined;
    if (!m) continue;
    const text =
      str(m.caption) ?? str(m.fileName) ?? str(m.displayName) ?? str(m.selectedDisplayText) ?? str(m.title) ?? (kind === 'location' ? str(m.name) : null);
    const media = mediaOf(kind, m);
    return media ? { kind, text, media } : { kind, text };
  }
  return { kind: 'unsupported', text: null };
}

export function parseBotApiWebhook(body: unknown): InboundEvent[] {
  const parsed = Payload.safeParse(body);
  if (!parsed.success) throw new Error(`Not a bot API message event: ${z.prettifyError(parsed.error)}`);
  const { event, data } = parsed.data;
  if (event !== 'onMessage' && event !== 'onAnyMessage') return [{ type: 'ignored', reason: `event ${event} is not a message` }];
  if (!data.message) return [{ type: 'ignored', reason: 'message without content (e.g. a protocol message)' }];
  const jid = data.key.remoteJid;
  if (jid === 'status@broadcast') return [{ type: 'ignored', reason: 'status broadcast' }];
  const isGroup = jid.endsWith('@g.us');
  const sender = isGroup ? (data.participant ?? data.key.participant) : jid;
  const ts = data.messageTimestamp === undefined ? Date.now() : Number(data.messageTimestamp) * 1000;
  return [
    {
      type: 'message',
      sessionId: parsed.data.session_id ?? parsed.data.instance_key ?? null,
      peerId: isGroup ? jid : digits(jid),
      isGroup,
      groupName: null,
      senderPhone: sender ? digits(sender) : null,
      senderName: data.pushName ?? null,
      fromMe: data.key.fromMe === true,
      providerMessageId: data.key.id,
      at: ts,
      ...content(data.message),
    },
  ];
}
