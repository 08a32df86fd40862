// whatsapp-api-nodejs (Baileys) webhook bodies (reference note §B, `SendWebhook`):
// `{type, body, instanceKey}`. Users are `<digits>@s.whatsapp.net`, groups `<id>@g.us`; a
// `message` body is `{key: instanceKey, ...WAMessage}` whose spread `key` wins, with
// `messageTimestamp` as a string of seconds; a plain `conversation` also carries `text`, the whole
// upsert event; `msgContent` is the file in base64 when the engine runs with WEBHOOK_BASE64=true.
import { webMessageId } from './model';
import { type CustomerMessage, type WebhookSource, checkCustomerMessage, vcardOf } from './webhook';

const groupJid = (id: string): string => (id.endsWith('@g.us') ? id : `${id}@g.us`);

/** Source: note §B type `message` — a customer's message (conversation, image/video/audio/document, location, contact). */
export function baileysIncoming(src: WebhookSource, msg: CustomerMessage, opts: { base64?: Buffer | null } = {}, now = Date.now()): Record<string, unknown> {
  const from = checkCustomerMessage(msg);
  const sender = `${from}@s.whatsapp.net`;
  const key = msg.groupId
    ? { remoteJid: groupJid(msg.groupId), fromMe: false, id: msg.id ?? webMessageId(), participant: sender }
    : { remoteJid: sender, fromMe: false, id: msg.id ?? webMessageId() };
  const waMessage: Record<string, unknown> = {
    key,
    message: messageContent(msg),
    messageTimestamp: String(Math.floor((msg.at ?? now) / 1000)),
    ...(msg.pushName !== undefined ? { pushName: msg.pushName } : {}),
  };
  // `{key: this.key, ...msg}`: the instance key is written first and the message's key replaces it.
  const body: Record<string, unknown> = { key: src.sessionId, ...waMessage };
  if ('conversation' in (waMessage.message as object)) body.text = { messages: [waMessage], type: 'notify' };
  if (opts.base64 !== undefined && msg.media) body.msgContent = opts.base64 ? opts.base64.toString('base64') : '';
  return { type: 'message', body, instanceKey: src.sessionId };
}

function messageContent(msg: CustomerMessage): Record<string, unknown> {
  const media = msg.media;
  if (media) {
    const caption = media.caption ?? msg.text;
    const cdn = { mediaKey: media.mediaKey, fileSha256: media.fileSha256, fileEncSha256: media.fileEncSha256, fileLength: media.fileLength };
    const base = { url: media.url, mimetype: media.mimetype, ...Object.fromEntries(Object.entries(cdn).filter(([, v]) => v !== undefined)) };
    const withCaption = caption !== undefined ? { caption } : {};
    switch (media.kind) {
      case 'image':
        return { imageMessage: { ...base, ...withCaption } };
      case 'video':
        return { videoMessage: { ...base, ...withCaption } };
      case 'audio':
        return { audioMessage: base };
      case 'document':
        return { documentMessage: { ...base, fileName: media.fileName ?? 'document', ...withCaption } };
    }
  }
  if (msg.location) return { locationMessage: { degreesLatitude: msg.location.lat, degreesLongitude: msg.location.lng, ...(msg.location.name ? { name: msg.location.name } : {}) } };
  if (msg.contact) return { contactMessage: { displayName: msg.contact.fullName, vcard: vcardOf(msg.contact) } };
  // WhatsApp sends text as either form; group text goes as extendedTextMessage so both are exercised.
  return msg.groupId ? { extendedTextMessage: { text: msg.text ?? '' } } : { conversation: msg.text ?? '' };
}

/** Source: note §B type `connection` — `{connection: "open" | "close"}` when the phone links or logs out. */
export function baileysConnection(src: WebhookSource, connection: 'open' | 'close'): Record<string, unknown> {
  return { type: 'connection', body: { connection }, instanceKey: src.sessionId };
}
