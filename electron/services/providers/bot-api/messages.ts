// Every message kind the bot API documents. Choices where the doc is vague:
// - Files from disk go as multipart uploads (image/video/audio/doc); a file given by URL goes
//   through /message/fileurl with its type and always a mimetype (see mimetype.ts).
// - A location is sent through /whatsapp/message (its `location` object), with the place name as text.
// - Message ids: /message/image answers Baileys' `data.key.id`; the deprecated sendText answers an
//   open-wa id "true_<to>@c.us_<id>", of which the key id is kept (inbound-common keyIdOf) so an
//   onAck finds it; /whatsapp/message's sample has `data.message: {}`, and where a gateway fills it
//   with the engine's WebMessageInfo we read its `key.id` too. The 204 sends carry no id.
// - If /whatsapp/message is missing on an older gateway (404 without a gateway message), the
//   deprecated sendText endpoint is used instead.
import { AppFailure } from '../../errors';
import type { HttpResponse } from '../http';
import type { AccountContext, InstanceRef, MediaKind, MediaSource, OutgoingMessage, SendResult, SendTarget } from '../types';
import { call, expectOk, sessionQuery } from './client';
import { keyIdOf, rec, str } from './inbound-common';
import { mimetypeFor } from './mimetype';

const uploadPath: Record<MediaKind, string> = { image: '/whatsapp/message/image', video: '/whatsapp/message/video', audio: '/whatsapp/message/audio', document: '/whatsapp/message/doc' };

/** Text sends take phone digits or a group jid; "+234 801…" style input is cleaned here. */
export function chatId(target: SendTarget): string {
  if (target.isGroup) return target.peerId;
  const digits = target.peerId.replace(/[^\d]/g, '');
  if (!digits) throw new AppFailure('validation', 'This conversation has no phone number to send to.').keyed('errors.botApi.noPhone');
  return digits;
}

function instanceOf(target: SendTarget): InstanceRef {
  if (!target.instance) throw new AppFailure('validation', 'This conversation has no WhatsApp instance to send from. Connect an instance under Instances.').keyed('errors.botApi.noInstance');
  return target.instance;
}

function keyId(res: HttpResponse, body: Record<string, unknown>): string | null {
  if (res.status === 204) return null;
  if (typeof body.data === 'string') return body.data ? keyIdOf(body.data) : null;
  const data = rec(body.data);
  const id = str(rec(data?.key)?.id) ?? str(rec(rec(data?.message)?.key)?.id);
  return id ? keyIdOf(id) : null;
}

async function postJson(ctx: AccountContext, inst: InstanceRef, path: string, json: Record<string, unknown>): Promise<SendResult> {
  const res = await call(ctx, { method: 'POST', path, query: sessionQuery(inst), json: { ...sessionQuery(inst), ...json } });
  return { providerMessageId: keyId(res, expectOk(res)) };
}

async function postForm(ctx: AccountContext, inst: InstanceRef, path: string, fields: Record<string, string>, file?: Extract<MediaSource, { type: 'file' }>): Promise<SendResult> {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.fileName);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await call(ctx, { method: 'POST', path, query: sessionQuery(inst), form, timeoutMs: 120_000 });
  return { providerMessageId: keyId(res, expectOk(res)) };
}

async function sendText(ctx: AccountContext, inst: InstanceRef, to: string, message: Extract<OutgoingMessage, { kind: 'text' }>): Promise<SendResult> {
  const json: Record<string, unknown> = { chatId: to, message: message.text };
  if (message.attachmentIds?.length) json.attachments = message.attachmentIds;
  if (message.location) json.location = { name: message.location.name, lat: String(message.location.lat), lng: String(message.location.lng) };
  if (message.contactId) json.contactId = message.contactId;
  try {
    return await postJson(ctx, inst, '/whatsapp/message', json);
  } catch (err) {
    const legacy = !message.attachmentIds?.length && !message.location && !message.contactId;
    if (!(legacy && err instanceof AppFailure && /HTTP 404 for this address/.test(err.detail ?? ''))) throw err;
    return postJson(ctx, inst, '/whatsapp/message/sendText', { to, message: message.text });
  }
}

async function sendMedia(ctx: AccountContext, inst: InstanceRef, to: string, m: Extract<OutgoingMessage, { kind: 'media' }>): Promise<SendResult> {
  const caption = m.caption ?? '';
  if (m.source.type === 'url') {
    const mimetype = await mimetypeFor(m.mediaKind, m.source.url, m.source.mimeType);
    const fields: Record<string, string> = { chatId: to, url: m.source.url, type: m.mediaKind, mimetype, caption };
    return postForm(ctx, inst, '/whatsapp/message/fileurl', fields);
  }
  const fields: Record<string, string> = { chatId: to };
  if (m.mediaKind === 'image' || m.mediaKind === 'video') fields.caption = caption;
  if (m.mediaKind === 'document') fields.filename = m.fileName ?? m.source.fileName;
  return postForm(ctx, inst, uploadPath[m.mediaKind], fields, m.source);
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  const inst = instanceOf(target);
  const to = chatId(target);
  switch (message.kind) {
    case 'text':
      return sendText(ctx, inst, to, message);
    case 'location':
      return sendText(ctx, inst, to, { kind: 'text', text: message.name, location: { name: message.name, lat: message.lat, lng: message.lng } });
    case 'media':
      return sendMedia(ctx, inst, to, message);
    case 'contact':
      return postJson(ctx, inst, '/whatsapp/message/contact', {
        chatId: to,
        vcard: { fullName: message.fullName, displayName: message.displayName ?? message.fullName, organization: message.organization ?? '', phoneNumber: message.phone.replace(/[^\d]/g, '') },
      });
    case 'buttons': {
      if (message.buttons.length === 0) throw new AppFailure('validation', 'Add at least one button.').keyed('errors.botApi.addButton');
      const btndata: Record<string, unknown> = { text: message.text, buttons: message.buttons, footerText: message.footer ?? '' };
      if (!message.media) return postJson(ctx, inst, '/whatsapp/message/button', { chatId: to, btndata });
      return postJson(ctx, inst, '/whatsapp/message/MediaButton', { chatId: to, btndata: { ...btndata, image: message.media.url, mediaType: message.media.mediaType, mimeType: message.media.mimeType } });
    }
    case 'list':
      if (message.sections.every((s) => s.rows.length === 0)) throw new AppFailure('validation', 'Add at least one row to the list.').keyed('errors.botApi.addRow');
      return postJson(ctx, inst, '/whatsapp/message/list', {
        chatId: to,
        msgdata: { buttonText: message.buttonText, text: message.text, title: message.title, description: message.description ?? '', sections: message.sections, listType: 0 },
      });
    case 'template':
      throw new AppFailure('validation', 'The WhatsApp Bot API has no message templates; send a text or buttons message instead.').keyed('errors.botApi.noTemplates');
  }
}
