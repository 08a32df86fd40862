// Outbound calls to mconnect Omnichannel (provider-docs/mconnect-omnichannel.md). Every action is a
// POST of `{operation, moduleType, api_type, element_data: {action, …}}` to ONE endpoint URL.
// Decisions where the doc is vague:
// - Credentials: the doc has no API key; `company` and `username` in element_data are what the
//   account is known by. `username` is kept in the keychain, `company` is plain config.
// - The endpoint keeps its trailing slash. Account forms store URLs without one, and a server that
//   serves a folder answers the slash-less path with a redirect (which a POST must not follow), so
//   we put the slash back when the last path segment is not a file name.
// - People: `from` is the scanned number (wp_num), `to` the customer's digits, is_group "0".
//   Groups: is_group "1", `from` is the group id exactly as it arrived in the webhook's `from`, and
//   `to` is our scanned number. That mirrors the incoming group payload (from = group, to = our
//   number), which is what the doc's "take it from the previous response" points at, and it keeps
//   the sending number in the request so the gateway still knows which phone sends. The doc's
//   group-reply sample shows a full number in `to`; its other samples mask our number, so we read
//   it as our own number.
// - `status` is the STRING "true"/"false" (a boolean is accepted too). "false" is a failure even
//   with HTTP 200; its `result.data` (e.g. "not-sent") is shown. The documented failure does not
//   say why, so the message lists what the operator can check. An HTTP 401/403 (undocumented) is
//   read as rejected credentials.
// - Text success carries `result.data` like "true_<chat>@c.us_<id>": the whole string is the
//   provider message id (the inbound message_id uses the same form). File success is just
//   `{"status":"true"}`: no id.
// - setWebHook sends exactly the doc's fields (wp_num, web_hook), no company/username. Its answer
//   is undocumented; anything with status "true" is success.
// - testConnection: there is no read-only call. We POST a sendWhatsappText with our number and
//   credentials but no `to` and no `message`, so nothing can reach a customer, and check the answer
//   comes back in the documented JSON form. That proves the address and the protocol, not the
//   company/username/number: the documented failure for those is the same "not-sent".
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure } from '../../errors';
import { send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext, OutgoingMessage, SendResult, SendTarget } from '../types';
import { MCONNECT_ENDPOINT } from './capabilities';

const NAME = 'mconnect Omnichannel';

const ENVELOPE = { operation: 'wp_instance', moduleType: 'wp_instance', api_type: 'web' } as const;

type ElementData = { action: string } & Record<string, string>;

export interface MconnectAnswer {
  status: 'true' | 'false';
  data: string | null;
  raw: string;
}

/** The configured endpoint with the doc's trailing slash restored (see the note at the top). */
export function endpointUrl(ctx: AccountContext): string {
  const raw = (ctx.config.endpointUrl ?? '').trim() || MCONNECT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppFailure('validation', 'The API endpoint of this account is not a web address. Edit the account and put back https://omni.mconnectapps.com/api/v1.0/whatsapp-omni/.');
  }
  const last = url.pathname.split('/').at(-1) ?? '';
  if (last !== '' && !last.includes('.')) url.pathname += '/';
  return url.toString();
}

/** International digits from what a person typed or a chat id: "+62 811-0000" and "62811@c.us" both work. */
export function phoneDigits(raw: string): string | null {
  const d = raw
    .trim()
    .replace(/@(c\.us|s\.whatsapp\.net)$/i, '')
    .replace(/[\s+()-]/g, '');
  return /^\d{6,15}$/.test(d) ? d : null;
}

function ourNumber(ctx: AccountContext): string {
  const num = phoneDigits(ctx.config.wpNum ?? '');
  if (!num) throw new AppFailure('validation', 'This account has no valid WhatsApp number. Edit the account and enter the number you scanned in Omnichannel, with country code.');
  return num;
}

function credentials(ctx: AccountContext): { company: string; username: string } {
  const company = ctx.config.company?.trim();
  if (!company) throw new AppFailure('validation', 'This account has no company name. Edit the account and enter the one mconnect gave you.');
  const username = ctx.secrets.username;
  if (!username) throw new AppFailure('validation', 'This account has no username saved. Edit the account and enter the one mconnect gave you.');
  return { company, username };
}

/** Checks beyond each field's own: the number must be a phone number. */
export function validate(config: Record<string, string>): string[] {
  const raw = config.wpNum ?? '';
  if (raw && !phoneDigits(raw)) return ['WhatsApp number must be the scanned phone number with country code, for example 6281234567890.'];
  return [];
}

/** One action, POSTed in the doc's envelope; answers the parsed `status`/`result.data`. */
export async function call(ctx: AccountContext, elementData: ElementData): Promise<MconnectAnswer> {
  const res = await httpSend(NAME, { method: 'POST', url: endpointUrl(ctx), json: { ...ENVELOPE, element_data: elementData } });
  if (res.status === 401 || res.status === 403) {
    throw new AppFailure('credentials_rejected', `${NAME} rejected the company and username. Check them in the account settings; mconnect gives both when it sets up your account.`, `HTTP ${res.status}: ${snippet(res.text())}`);
  }
  if (res.status >= 300 && res.status < 400) {
    // A POST must not follow a redirect (it would turn into a GET); the address needs fixing instead.
    throw unexpected(NAME, `HTTP ${res.status} redirect: check the API endpoint in the account settings. ${snippet(res.text())}`);
  }
  if (res.status === 404) throw new AppFailure('unexpected_response', `Nothing answers at this API endpoint (HTTP 404). Check the address in the account settings.`, snippet(res.text()));
  if (res.status >= 500) throw new AppFailure('unreachable', `${NAME} had a problem (HTTP ${res.status}). Try again in a moment.`, snippet(res.text()));
  if (res.status >= 400) throw new AppFailure('unexpected_response', `${NAME} refused the request (HTTP ${res.status}).`, snippet(res.text()));
  return answer(res);
}

function answer(res: HttpResponse): MconnectAnswer {
  const body = res.json() as { status?: unknown; result?: { data?: unknown } } | null;
  if (!body || typeof body !== 'object') throw unexpected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  const status = body.status === 'true' || body.status === true ? 'true' : body.status === 'false' || body.status === false ? 'false' : null;
  if (!status) throw unexpected(NAME, `HTTP ${res.status}, no "status" of "true" or "false": ${snippet(res.text())}`);
  const data = body.result && typeof body.result === 'object' ? body.result.data : undefined;
  return { status, data: typeof data === 'string' ? data : null, raw: snippet(res.text()) };
}

function notSent(a: MconnectAnswer, what: string, checks: string): AppFailure {
  return new AppFailure('unexpected_response', `${NAME} did not ${what}${a.data ? ` ("${a.data}")` : ''}. ${checks}`, a.raw);
}

const SEND_CHECKS =
  'Check that the WhatsApp number is still scanned and connected in the Omnichannel dashboard, that the recipient is right, and that the company and username in this account are the ones mconnect gave you.';

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    const from = ourNumber(ctx);
    const a = await call(ctx, { action: 'sendWhatsappText', from, is_group: '0', ...credentials(ctx) });
    const host = new URL(endpointUrl(ctx)).host;
    return {
      ok: true,
      status: 'connected',
      message: `${NAME} answers at ${host} in its documented form. It has no way to check the company, username or WhatsApp number without sending a message, so those are not confirmed yet: send yourself a message to be sure. Nothing was sent to anyone.`,
      detail: `Probe: sendWhatsappText without a recipient; answer status "${a.status}"${a.data ? `, data "${a.data}"` : ''}.`,
    };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    const status = err.code === 'credentials_rejected' ? 'credentials_rejected' : err.code === 'unreachable' ? 'unreachable' : 'unknown';
    return { ok: false, status, message: err.message, ...(err.detail ? { detail: err.detail } : {}) };
  }
}

export async function setWebhook(ctx: AccountContext, url: string): Promise<void> {
  const a = await call(ctx, { action: 'setWebHook', wp_num: ourNumber(ctx), web_hook: url });
  if (a.status !== 'true') {
    throw notSent(a, 'accept the webhook address', 'Check that the WhatsApp number in this account is the one scanned in the Omnichannel dashboard, and that the address can be reached from the internet.');
  }
}

/** from/to/is_group for a chat (see the note at the top for groups). */
function route(ctx: AccountContext, target: SendTarget): { from: string; to: string; is_group: '0' | '1' } {
  if (target.isGroup) {
    const group = target.peerId.trim().replace(/@g\.us$/i, '');
    if (!group || /\s/.test(group)) throw new AppFailure('validation', `"${target.peerId}" is not a WhatsApp group id, so the message cannot be sent.`);
    return { from: group, to: ourNumber(ctx), is_group: '1' };
  }
  const to = phoneDigits(target.peerId);
  if (!to) throw new AppFailure('validation', `"${target.peerId}" is not a phone number with country code, so the message cannot be sent.`);
  return { from: ourNumber(ctx), to, is_group: '0' };
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  if (message.kind === 'text') return sendText(ctx, target, message.text);
  if (message.kind === 'media') {
    if (message.source.type !== 'url') {
      throw new AppFailure('validation', 'mconnect Omnichannel sends files by web link only. Put the file somewhere public and send its link instead.');
    }
    return sendFile(ctx, target, message.source.url, message.caption ?? '');
  }
  throw new AppFailure('validation', `mconnect Omnichannel accounts cannot send ${message.kind} messages.`);
}

async function sendText(ctx: AccountContext, target: SendTarget, text: string): Promise<SendResult> {
  const { from, to, is_group } = route(ctx, target);
  const a = await call(ctx, { action: 'sendWhatsappText', from, to, message: text, is_group, ...credentials(ctx) });
  if (a.status !== 'true') throw notSent(a, 'send the message', SEND_CHECKS);
  return { providerMessageId: a.data && a.data.startsWith('true_') ? a.data : null };
}

async function sendFile(ctx: AccountContext, target: SendTarget, fileUrl: string, caption: string): Promise<SendResult> {
  const { from, to, is_group } = route(ctx, target);
  const a = await call(ctx, { action: 'sendWhatsappFile', from, to, file_url: fileUrl, caption, is_group, ...credentials(ctx) });
  if (a.status !== 'true') throw notSent(a, 'send the file', `${SEND_CHECKS} The file link must also be reachable from the internet.`);
  return { providerMessageId: null };
}
