// The bot API's send endpoints: required fields, the engine's refusals, and the documented
// success bodies (200 with a body for text, image and the deprecated sendText; 204 for the rest).
// Refusals follow the reference note §B engine errors: a phone that is not linked → 401
// `{error:true, message:"phone isn't connected"}`; a number not on WhatsApp → 500
// `{error:true, code:500, message:"no account exists"}` (the engine's verifyId; groups skip it).
// *fileurl without `mimetype` → 400 `mimetype is required` (the engine hands WhatsApp whatever it
// is given, and the gateway refuses the send without one).
import { createHash, randomBytes } from 'node:crypto';
import type { UploadedFile } from '../http';
import type { UrlFetcher } from '../media';
import { type Ctx, type Reply, noAccount, notConnected, type ScopedHandler, fail, field, isHttpUrl, isPresent, isRecord, noContent, ok, requireFields, stringField } from './context';
import { chatJid, type InstanceRecord, outgoingMessageId, webMessageId } from './model';

const SENT = 'Message sent successfully';
const FILE_URL_TYPES = ['image', 'video', 'audio', 'document'];

/**
 * Shared checks for every send, in this order: required fields, then `extra` (format checks), then
 * a WhatsApp address in chatId, then a connected instance. Answers the recipient jid when all pass.
 */
function precheck(ctx: Ctx, inst: InstanceRecord, required: readonly string[], extra?: () => Reply | null, chatField = 'chatId'): Reply | string {
  const missing = requireFields(ctx, [chatField, ...required]) ?? extra?.() ?? null;
  if (missing) return missing;
  const jid = chatJid(stringField(ctx, chatField) ?? '');
  if (!jid) return fail(400, `Invalid ${chatField}`);
  if (inst.settings.status !== 'CONNECTED') return notConnected();
  if (jid.endsWith('@s.whatsapp.net') && ctx.unknownNumbers?.has(jid.split('@')[0]!)) return noAccount();
  return jid;
}

/** The multipart `file` part; a plain text field named file does not count. */
function uploaded(ctx: Ctx): UploadedFile | undefined {
  const file = ctx.files.file;
  return file && file.bytes.length > 0 ? file : undefined;
}

const requireFile = (ctx: Ctx) => (): Reply | null => (uploaded(ctx) ? null : fail(400, 'file is required'));

/** POST /whatsapp/message — text, stored attachments, location and/or a stored contact. */
export const sendMessage: ScopedHandler = (ctx, inst) => {
  const attachments = field(ctx, 'attachments');
  const location = field(ctx, 'location');
  const contactId = stringField(ctx, 'contactId');
  const hasExtras = (Array.isArray(attachments) && attachments.length > 0) || isPresent(location) || isPresent(contactId);
  const lat = isRecord(location) ? Number(location.lat) : NaN;
  const lng = isRecord(location) ? Number(location.lng) : NaN;
  const formats = (): Reply | null => {
    if (attachments !== undefined && !(Array.isArray(attachments) && attachments.every((a) => typeof a === 'string'))) {
      return fail(400, 'attachments must be an array of ids');
    }
    if (isPresent(location) && !(Number.isFinite(lat) && Number.isFinite(lng))) return fail(400, 'location.lat and location.lng are required');
    return null;
  };
  const jid = precheck(ctx, inst, hasExtras ? [] : ['message'], formats);
  if (typeof jid !== 'string') return jid;
  const locationMessage = isPresent(location) ? { locationMessage: { degreesLatitude: lat, degreesLongitude: lng } } : {};
  return ok({
    status: true,
    message: SENT,
    data: {
      message: {},
      attachment: attachments ?? [],
      contact: contactId ? storedContact(contactId) : {},
      image: {},
      buttons: {},
      location: locationMessage,
    },
  });
};

/** The provider resolves contactId from its own contact book; we invent a stable one per id. */
function storedContact(contactId: string): Record<string, unknown> {
  const phone = `234${(parseInt(createHash('sha256').update(contactId).digest('hex').slice(0, 12), 16) % 1e10).toString().padStart(10, '0')}`;
  const displayName = `Contact ${contactId.slice(-4)}`;
  return {
    contactMessage: {
      displayName,
      vcard: `BEGIN:VCARD\nVERSION:3.0\nFN:${displayName}\nORG:undefined;\nTEL;type=CELL;type=VOICE;waid=${phone}:${phone}\nEND:VCARD`,
    },
  };
}

/** POST /whatsapp/message/image — answers the Baileys send result, as documented. */
export const sendImage: ScopedHandler = (ctx, inst) => {
  const jid = precheck(ctx, inst, [], requireFile(ctx));
  if (typeof jid !== 'string') return jid;
  const file = uploaded(ctx)!;
  const now = String(Math.floor(Date.now() / 1000));
  const path = `/o1/v/t62.7118-24/f1/m230/up-oil-image-${randomBytes(16).toString('hex')}?ccb=9-4&oe=${now}`;
  const { width, height } = imageSize(file.bytes);
  const caption = stringField(ctx, 'caption');
  return ok({
    status: true,
    message: SENT,
    data: {
      key: { remoteJid: jid, fromMe: true, id: outgoingMessageId() },
      status: 'PENDING',
      message: {
        imageMessage: {
          url: `https://mmg.whatsapp.net${path}&mms3=true`,
          mimetype: file.type || 'image/jpeg',
          ...(caption !== undefined ? { caption } : {}),
          fileSha256: createHash('sha256').update(file.bytes).digest('base64'),
          fileLength: String(file.bytes.length),
          height,
          width,
          mediaKey: randomBytes(32).toString('base64'),
          fileEncSha256: randomBytes(32).toString('base64'),
          directPath: path,
          mediaKeyTimestamp: now,
        },
      },
      messageTimestamp: now,
    },
  });
};

/** PNG and GIF headers carry their size; anything else reports 0×0. */
function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  return { width: 0, height: 0 };
}

/** video, audio and doc: a multipart `file` plus chatId; 204 with no body. */
export const sendUploadedFile: ScopedHandler = (ctx, inst) => {
  const jid = precheck(ctx, inst, [], requireFile(ctx));
  return typeof jid === 'string' ? noContent() : jid;
};

/**
 * POST /whatsapp/message/fileurl — the provider fetches `url` itself; *it does so before answering
 * (Baileys downloads a url medium before sending), and answers 204 whatever the download gave.
 */
export function sendFileUrl(fetcher: UrlFetcher): ScopedHandler {
  return async (ctx, inst) => {
    const formats = (): Reply | null => {
      if (!isHttpUrl(stringField(ctx, 'url'))) return fail(400, 'url must be a valid http(s) URL');
      if (!FILE_URL_TYPES.includes(stringField(ctx, 'type') ?? '')) return fail(400, `type must be one of ${FILE_URL_TYPES.join(', ')}`);
      return null;
    };
    const jid = precheck(ctx, inst, ['url', 'type', 'mimetype'], formats);
    if (typeof jid !== 'string') return jid;
    await fetcher.fetch(stringField(ctx, 'url')!);
    return noContent();
  };
}

/** POST /whatsapp/message/MediaButton — as a button message, and *the header image link is fetched like fileurl's. */
export function sendMediaButton(fetcher: UrlFetcher): ScopedHandler {
  const base = sendStructured('btndata');
  return async (ctx, inst) => {
    const reply = await base(ctx, inst);
    const btndata = field(ctx, 'btndata');
    const image = isRecord(btndata) && typeof btndata.image === 'string' ? btndata.image : undefined;
    if (reply.status < 300 && isHttpUrl(image)) await fetcher.fetch(image!);
    return reply;
  };
}

/** button, MediaButton, list and contact: one required JSON object beside chatId; 204. */
export function sendStructured(required: 'btndata' | 'msgdata' | 'vcard'): ScopedHandler {
  return (ctx, inst) => {
    const jid = precheck(ctx, inst, [required]);
    return typeof jid === 'string' ? noContent() : jid;
  };
}

/** POST /whatsapp/message/sendText (deprecated): `to` instead of chatId, whatsapp-web.js style id. */
export const sendTextDeprecated: ScopedHandler = (ctx, inst) => {
  const jid = precheck(ctx, inst, ['message'], undefined, 'to');
  if (typeof jid !== 'string') return jid;
  const serialized = jid.replace('@s.whatsapp.net', '@c.us');
  return ok({ status: true, message: SENT, data: `true_${serialized}_${webMessageId()}` });
};
