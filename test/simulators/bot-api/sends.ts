// What a successful send leaves behind at the engine: the message it put on WhatsApp, with the key
// id its answer named (image: `data.key.id`; sendText: the open-wa id's last part) or, for the 204
// sends, one the engine made up. onAnyMessage echoes and onAck receipts are built from it.
import type { Ctx, Reply } from './context';
import { chatJid, outgoingMessageId } from './model';
import type { SentMessage } from './webhook';

const KIND_BY_PATH: Record<string, string> = {
  '/whatsapp/message/image': 'image',
  '/whatsapp/message/video': 'video',
  '/whatsapp/message/audio': 'audio',
  '/whatsapp/message/doc': 'document',
};

export const isSendPath = (path: string): boolean => path.startsWith('/whatsapp/message') || path === '/whatsapp/sendText';

export function describeSend(ctx: Ctx, reply: Reply): Omit<SentMessage, 'sessionId' | 'ack' | 'at'> | null {
  if (reply.status >= 300 || !isSendPath(ctx.path)) return null;
  const chat = typeof ctx.body.chatId === 'string' ? ctx.body.chatId : typeof ctx.body.to === 'string' ? ctx.body.to : '';
  const jid = chatJid(chat);
  if (!jid) return null;
  const data = (reply.json as { data?: unknown } | undefined)?.data;
  const answered = typeof data === 'string' ? data.split('_')[2] : (data as { key?: { id?: string } } | undefined)?.key?.id;
  const nested = (ctx.body.btndata ?? ctx.body.msgdata) as { text?: unknown } | undefined;
  const text = [ctx.body.message, ctx.body.caption, nested?.text, ctx.body.url].find((v) => typeof v === 'string' && v !== '') as string | undefined;
  const kind = ctx.path === '/whatsapp/message/fileurl' ? String(ctx.body.type ?? 'document') : (KIND_BY_PATH[ctx.path] ?? 'text');
  return { id: answered ?? outgoingMessageId(), jid, kind, text: text ?? '' };
}
