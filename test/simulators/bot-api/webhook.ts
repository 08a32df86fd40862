// Inbound customer messages as the gateway posts them to an instance's webhook URL. The doc shows no
// payload; the decided shape is Baileys' WAMessage wrapped in `{event, session_id, instance_key, data}`.
import { groupJid, webMessageId } from './model';

export interface CustomerMessage {
  sessionId: string;
  /** Digits, e.g. 2348012345678. */
  from: string;
  text?: string;
  pushName?: string;
  /** digits-digits or 1203…; makes it a group message with `from` as participant. */
  groupId?: string;
  id?: string;
  /**
   * A file: by `url` as given, or as `bytes` the simulator encrypts and serves as WhatsApp's CDN
   * would (then url, mediaKey, fileSha256, fileEncSha256 and fileLength are filled in).
   */
  media?: {
    kind: 'image' | 'video' | 'audio' | 'document';
    url?: string;
    bytes?: Buffer;
    mimetype: string;
    caption?: string;
    fileName?: string;
    mediaKey?: string;
    fileSha256?: string;
    fileEncSha256?: string;
    fileLength?: string;
  };
}

/** The events that carry an incoming message; onAnyMessage subscribers get the same single post. */
export const MESSAGE_EVENTS = ['onMessage', 'onAnyMessage'];

export function messagePayload(msg: CustomerMessage, now = Date.now()): Record<string, unknown> {
  const from = msg.from.replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(from)) throw new Error(`from must be the sender's phone in digits, got "${msg.from}"`);
  if (msg.text === undefined && !msg.media) throw new Error('A customer message needs text or media');
  const userJid = `${from}@s.whatsapp.net`;
  const key = msg.groupId
    ? { remoteJid: groupJid(msg.groupId), fromMe: false, id: msg.id ?? webMessageId(), participant: userJid }
    : { remoteJid: userJid, fromMe: false, id: msg.id ?? webMessageId() };
  return {
    event: 'onMessage',
    session_id: msg.sessionId,
    instance_key: msg.sessionId,
    data: {
      key,
      ...(msg.groupId ? { participant: userJid } : {}),
      ...(msg.pushName !== undefined ? { pushName: msg.pushName } : {}),
      messageTimestamp: Math.floor(now / 1000),
      message: messageContent(msg),
    },
  };
}

function messageContent(msg: CustomerMessage): Record<string, unknown> {
  const media = msg.media;
  if (!media) return { conversation: msg.text ?? '' };
  const caption = media.caption ?? msg.text;
  if (!media.url) throw new Error('A media message needs a url (or bytes for the simulator to host)');
  const cdn = { mediaKey: media.mediaKey, fileSha256: media.fileSha256, fileEncSha256: media.fileEncSha256, fileLength: media.fileLength };
  const base = { url: media.url, mimetype: media.mimetype, ...Object.fromEntries(Object.entries(cdn).filter(([, v]) => v !== undefined)) };
  switch (media.kind) {
    case 'image':
      return { imageMessage: { ...base, ...(caption !== undefined ? { caption } : {}) } };
    case 'video':
      return { videoMessage: { ...base, ...(caption !== undefined ? { caption } : {}) } };
    case 'audio':
      return { audioMessage: base };
    case 'document':
      return { documentMessage: { ...base, fileName: media.fileName ?? 'document', ...(caption !== undefined ? { caption } : {}) } };
  }
}

export { postWebhook, type WebhookDelivery } from '../webhooks';
