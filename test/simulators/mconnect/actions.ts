// The actions behind the one endpoint, as the proxy's code dispatches them (reference/mconnect.md
// §1): setWebHook, sendWhatsappText, and any other action is forwarded as a media send
// (send_chat_message_media_unoff; the doc's "sendWhatsappFile" lands there). Every refusal is the
// doc's failure body (HTTP 200, `{"status":"false","result":{"data":"not-sent"}}`); the reason is
// given to the server for a response header, which the real service does not send.
// - Groups (§1a): `to` is the group id (suffixed @g.us by the proxy), `from` the scanned number.
// - The engine call is JSON built by pasting strings, quotes not escaped (§1a): a `"` in the
//   message (or caption) breaks it, the engine answers nothing, and the proxy says "not-sent".
// - Success, text and media alike (§1a/§1b): {"status":"true","result":{"data":"<engine msg id>"}}.
import type { FetchRecord } from '../media';
import { GROUP_ID, webMessageId } from './webhook';

export const ENVELOPE = { operation: 'wp_instance', moduleType: 'wp_instance', api_type: 'web' } as const;
export const NOT_SENT = { status: 'false', result: { data: 'not-sent' } } as const;

export interface PhoneState {
  /** False after "logging out from WhatsApp Web" (the doc's note): nothing sends until a new scan. */
  connected: boolean;
  webhookUrl: string | null;
}

export interface SimState {
  company: string;
  username: string;
  /** The scanned numbers (wp_num), digits. */
  phones: Map<string, PhoneState>;
  sent: SentMessage[];
}

export interface SentMessage {
  /** The action as the caller named it; anything but sendWhatsappText is a media send. */
  action: string;
  from: string;
  to: string;
  isGroup: boolean;
  message?: string;
  fileUrl?: string;
  caption?: string;
  /** result.data of the send: the engine's message id. */
  messageId: string;
  at: number;
  /** For a file: the simulator's download of file_url. */
  fetch?: FetchRecord;
}

export type Outcome = { ok: true; body: unknown } | { ok: false; reason: string };

const refuse = (reason: string): Outcome => ({ ok: false, reason });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const PHONE = /^\d{6,15}$/;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Fields must be strings as in the doc; `mayBeEmpty` ones (caption) only need to be present. */
function strings(data: Record<string, unknown>, names: readonly string[], mayBeEmpty: readonly string[] = []): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = data[name];
    if (typeof v !== 'string') return `element_data.${name} is missing or not a string`;
    if (v.trim() === '' && !mayBeEmpty.includes(name)) return `element_data.${name} is empty`;
    out[name] = v;
  }
  return out;
}

export function handleAction(state: SimState, body: unknown, now = Date.now()): Outcome {
  if (!isRecord(body)) return refuse('body is not a JSON object');
  for (const [key, value] of Object.entries(ENVELOPE)) if (body[key] !== value) return refuse(`${key} must be "${value}"`);
  const data = body.element_data;
  if (!isRecord(data)) return refuse('element_data is missing');
  switch (data.action) {
    case 'setWebHook':
      return setWebHook(state, data);
    case 'sendWhatsappText':
      return sendMessage(state, data, 'sendWhatsappText', now);
    default:
      // The proxy's `else` branch: every other action (or none) is a media send.
      return sendMessage(state, data, typeof data.action === 'string' ? data.action : '', now);
  }
}

function setWebHook(state: SimState, data: Record<string, unknown>): Outcome {
  const f = strings(data, ['wp_num', 'web_hook']);
  if (typeof f === 'string') return refuse(f);
  const phone = state.phones.get(f.wp_num!);
  if (!phone) return refuse(`wp_num ${f.wp_num} is not a scanned number`);
  if (!isHttpUrl(f.web_hook!)) return refuse('web_hook is not an http(s) URL');
  phone.webhookUrl = f.web_hook!;
  return { ok: true, body: { status: 'true', web_hook: f.web_hook } };
}

function sendMessage(state: SimState, data: Record<string, unknown>, action: string, now: number): Outcome {
  const text = action === 'sendWhatsappText';
  const names = text ? ['from', 'to', 'message', 'is_group', 'company', 'username'] : ['from', 'to', 'file_url', 'caption', 'is_group', 'company', 'username'];
  const f = strings(data, names, ['caption']);
  if (typeof f === 'string') return refuse(f);
  if (f.company !== state.company || f.username !== state.username) return refuse('unknown company/username');
  if (f.is_group !== '0' && f.is_group !== '1') return refuse('is_group must be "0" or "1"');
  const isGroup = f.is_group === '1';
  // People and groups alike: from = the scanned number; to = the customer, or the group id.
  const phone = state.phones.get(f.from!);
  if (!phone) return refuse(`from ${f.from} is not a scanned number`);
  if (!phone.connected) return refuse(`${f.from} is logged out of WhatsApp Web`);
  if (isGroup ? !GROUP_ID.test(f.to!) : !PHONE.test(f.to!)) return refuse(`to ${JSON.stringify(f.to)} is not a ${isGroup ? 'group id' : 'phone number in digits'}`);
  if (!text && !isHttpUrl(f.file_url!)) return refuse('file_url is not an http(s) URL');
  const pasted = text ? f.message! : f.caption!;
  if (pasted.includes('"')) return refuse('a " in the text breaks the engine call the proxy builds by hand, so the engine answered nothing');
  const messageId = `true_${f.to}@${isGroup ? 'g.us' : 'c.us'}_${webMessageId()}`;
  state.sent.push({
    action,
    from: f.from!,
    to: f.to!,
    isGroup,
    ...(text ? { message: f.message! } : { fileUrl: f.file_url!, caption: f.caption! }),
    messageId,
    at: now,
  });
  return { ok: true, body: { status: 'true', result: { data: messageId } } };
}
