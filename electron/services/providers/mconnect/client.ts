// Outbound calls to mconnect Omnichannel (provider-docs/mconnect-omnichannel.md). Every action is a
// POST of `{operation, moduleType, api_type, element_data: {action, …}}` to ONE endpoint URL.
// Decisions where the doc is vague:
// - Credentials: the doc has no API key; `company` and `username` in element_data are what the
//   account is known by. `username` is kept in the keychain, `company` is plain config.
// - The endpoint keeps its trailing slash. Account forms store URLs without one, and a server that
//   serves a folder answers the slash-less path with a redirect (which a POST must not follow), so
//   we put the slash back when the last path segment is not a file name.
// - People: `from` is the scanned number (wp_num), `to` the customer's digits, is_group "0".
//   Groups: `to` is the group id (as it arrived in the webhook's `from`, without "@g.us"), `from`
//   stays our scanned number, is_group "1". The short doc says the opposite ("'from' should be
//   Group ID"), but the proxy's code (reference/mconnect.md §1a) reads the chat from `to` and
//   suffixes it with @g.us when is_group is "1", and reads the sending line from `from`; the
//   reference notes are the contract, so we follow the code.
// - Text reaches the WhatsApp engine inside JSON the proxy builds by pasting strings together,
//   without escaping quotes (§1a: a `"` breaks the call, which then answers "not-sent"). So a
//   straight double quote is sent as a typographic one (“ or ”, by position) — the customer reads
//   the same sentence and the call stays intact. A backslash would start an escape in that same
//   hand-built JSON (`\d` is invalid JSON, `\n` a newline), so it is sent as the look-alike "⧵"
//   as a precaution; the note names only the quote. Captions of files get the same treatment.
// - `status` is the STRING "true"/"false" (a boolean is accepted too). "false" is a failure even
//   with HTTP 200; its `result.data` (e.g. "not-sent") is shown. The documented failure does not
//   say why, so the message lists what the operator can check. An HTTP 401/403 (undocumented) is
//   read as rejected credentials.
// - Success (text and file alike, §1a/§1b) carries `result.data`: the engine's message id, like
//   "true_<chat>@c.us_<id>"; the whole string is the provider message id. A bare
//   `{"status":"true"}` (the short doc's file answer) has no id.
// - setWebHook sends exactly the doc's fields (wp_num, web_hook), no company/username. Anything
//   with status "true" is success.
// - testConnection: the API has no read-only call, and the proxy acts on whatever it is given (a
//   body without a known action is forwarded as a media send), so any request would be a send or
//   a malformed one. We make none: the test checks the account's own fields and that the
//   endpoint's host answers a TCP/TLS handshake, and says plainly that company, username and
//   number are not verified until a first message goes out.
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure, wordingOf } from '../../errors';
import { send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import { type AccountContext, type FormProblem, type OutgoingMessage, type SendResult, type SendTarget } from '../types';
import { MCONNECT_ENDPOINT } from './capabilities';
import { reachHost } from './reach';

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
    throw new AppFailure('validation', 'The API endpoint of this account is not a web address. Edit the account and put back https://omni.mconnectapps.com/api/v1.0/whatsapp-omni/.').keyed('errors.mconnect.endpointNotUrl');
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
  if (!num) throw new AppFailure('validation', 'This account has no valid WhatsApp number. Edit the account and enter the number you scanned in Omnichannel, with country code.').keyed('errors.mconnect.noNumber');
  return num;
}

function credentials(ctx: AccountContext): { company: string; username: string } {
  const company = ctx.config.company?.trim();
  if (!company) throw new AppFailure('validation', 'This account has no company name. Edit the account and enter the one mconnect gave you.').keyed('errors.mconnect.noCompany');
  const username = ctx.secrets.username;
  if (!username) throw new AppFailure('validation', 'This account has no username saved. Edit the account and enter the one mconnect gave you.').keyed('errors.mconnect.noUsername');
  return { company, username };
}

/** Checks beyond each field's own: the number must be a phone number. */
export function formProblems(config: Record<string, string>): FormProblem[] {
  const raw = config.wpNum ?? '';
  if (raw && !phoneDigits(raw)) return [{ message: 'WhatsApp number must be the scanned phone number with country code, for example 6281234567890.', key: 'errors.mconnect.wpNumFormat' }];
  return [];
}


/** One action, POSTed in the doc's envelope; answers the parsed `status`/`result.data`. */
export async function call(ctx: AccountContext, elementData: ElementData): Promise<MconnectAnswer> {
  const res = await httpSend(NAME, { method: 'POST', url: endpointUrl(ctx), json: { ...ENVELOPE, element_data: elementData } });
  if (res.status === 401 || res.status === 403) {
    throw new AppFailure('credentials_rejected', `${NAME} rejected the company and username. Check them in the account settings; mconnect gives both when it sets up your account.`, `HTTP ${res.status}: ${snippet(res.text())}`).keyed('errors.mconnect.rejected', { provider: NAME });
  }
  if (res.status >= 300 && res.status < 400) {
    // A POST must not follow a redirect (it would turn into a GET); the address needs fixing instead.
    throw unexpected(NAME, `HTTP ${res.status} redirect: check the API endpoint in the account settings. ${snippet(res.text())}`);
  }
  if (res.status === 404) throw new AppFailure('unexpected_response', `Nothing answers at this API endpoint (HTTP 404). Check the address in the account settings.`, snippet(res.text())).keyed('errors.mconnect.notFound');
  if (res.status >= 500) throw new AppFailure('unreachable', `${NAME} had a problem (HTTP ${res.status}). Try again in a moment.`, snippet(res.text())).keyed('errors.provider.serverError', { provider: NAME, status: res.status });
  if (res.status >= 400) throw new AppFailure('unexpected_response', `${NAME} refused the request (HTTP ${res.status}).`, snippet(res.text())).keyed('errors.provider.refusedStatus', { provider: NAME, status: res.status });
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

/** A `status: "false"` answer: one whole sentence per action, with mconnect's `result.data` (e.g. "not-sent") when it gave one. */
function notSent(a: MconnectAnswer, action: 'webhook' | 'text' | 'file'): AppFailure {
  const data = a.data;
  switch (action) {
    case 'webhook':
      return data
        ? new AppFailure('unexpected_response', `${NAME} did not accept the webhook address ("${data}"). ${WEBHOOK_CHECKS}`, a.raw).keyed('errors.mconnect.webhookNotSetWhy', { provider: NAME, data })
        : new AppFailure('unexpected_response', `${NAME} did not accept the webhook address. ${WEBHOOK_CHECKS}`, a.raw).keyed('errors.mconnect.webhookNotSet', { provider: NAME });
    case 'text':
      return data
        ? new AppFailure('unexpected_response', `${NAME} did not send the message ("${data}"). ${SEND_CHECKS}`, a.raw).keyed('errors.mconnect.textNotSentWhy', { provider: NAME, data })
        : new AppFailure('unexpected_response', `${NAME} did not send the message. ${SEND_CHECKS}`, a.raw).keyed('errors.mconnect.textNotSent', { provider: NAME });
    case 'file':
      return data
        ? new AppFailure('unexpected_response', `${NAME} did not send the file ("${data}"). ${SEND_CHECKS} The file link must also be reachable from the internet.`, a.raw).keyed('errors.mconnect.fileNotSentWhy', { provider: NAME, data })
        : new AppFailure('unexpected_response', `${NAME} did not send the file. ${SEND_CHECKS} The file link must also be reachable from the internet.`, a.raw).keyed('errors.mconnect.fileNotSent', { provider: NAME });
  }
}

const SEND_CHECKS =
  'Check that the WhatsApp number is still scanned and connected in the Omnichannel dashboard, that the recipient is right, and that the company and username in this account are the ones mconnect gave you.';
const WEBHOOK_CHECKS = 'Check that the WhatsApp number in this account is the one scanned in the Omnichannel dashboard, and that the address can be reached from the internet.';

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    ourNumber(ctx);
    credentials(ctx);
    const url = endpointUrl(ctx);
    const reach = await reachHost(url);
    if (!reach.ok) {
      return {
        ok: false,
        status: 'unreachable',
        message: `Couldn't reach ${NAME} at ${reach.host}. Check the API endpoint and your internet connection.`,
        detail: reach.error,
        ...(reach.errorWording ? { detailWording: reach.errorWording } : {}),
        key: 'errors.connection.mconnectUnreachable',
        params: { provider: NAME, host: reach.host },
      };
    }
    const checked = {
      message: 'Checked: the endpoint host accepts a connection (no request was made). Not checked: company, username, WhatsApp number, and whether the number is scanned.',
      key: 'errors.connection.mconnectChecked',
    };
    return {
      ok: true,
      status: 'unknown',
      message: `${reach.host} answers, and the account's number, company and username are filled in. Not verified: mconnect has no way to check the company, username or WhatsApp number without sending a message, so Switchboard sent nothing. Send yourself a message to be sure.`,
      key: 'errors.connection.mconnectAnswers',
      params: { host: reach.host },
      detail: checked.message,
      detailWording: { key: checked.key },
    };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    return { ok: false, status: 'unknown', message: err.message, ...(err.detail ? { detail: err.detail } : {}), ...wordingOf(err) };
  }
}

export async function setWebhook(ctx: AccountContext, url: string): Promise<void> {
  const a = await call(ctx, { action: 'setWebHook', wp_num: ourNumber(ctx), web_hook: url });
  if (a.status !== 'true') {
    throw notSent(a, 'webhook');
  }
}

/** from/to/is_group for a chat (see the note at the top for groups). */
function route(ctx: AccountContext, target: SendTarget): { from: string; to: string; is_group: '0' | '1' } {
  if (target.isGroup) {
    const group = target.peerId.trim().replace(/@g\.us$/i, '');
    if (!/^[\d-]{5,}$/.test(group)) throw new AppFailure('validation', `"${target.peerId}" is not a WhatsApp group id, so the message cannot be sent.`).keyed('errors.send.notGroupId', { peer: target.peerId });
    return { from: ourNumber(ctx), to: group, is_group: '1' };
  }
  const to = phoneDigits(target.peerId);
  if (!to) throw new AppFailure('validation', `"${target.peerId}" is not a phone number with country code, so the message cannot be sent.`).keyed('errors.send.notPhoneWithCountry', { peer: target.peerId });
  return { from: ourNumber(ctx), to, is_group: '0' };
}

/** Text the proxy's hand-built engine JSON survives (see the note at the top). */
export function engineSafe(text: string): string {
  return text.replace(/\\/g, '⧵').replace(/"/g, (_q, at: number, all: string) => (at === 0 || /[\s([{<«‘“-]/.test(all[at - 1]!) ? '“' : '”'));
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  if (message.kind === 'text') return sendText(ctx, target, message.text);
  if (message.kind === 'media') {
    if (message.source.type !== 'url') {
      throw new AppFailure('validation', 'mconnect Omnichannel sends files by web link only. Put the file somewhere public and send its link instead.').keyed('errors.mconnect.filesByLink');
    }
    return sendFile(ctx, target, message.source.url, message.caption ?? '');
  }
  throw new AppFailure('validation', `mconnect Omnichannel accounts cannot send ${message.kind} messages.`).keyed('errors.mconnect.kindNotSupported', { kind: message.kind });
}

const messageId = (a: MconnectAnswer): string | null => (a.data && /^(true|false)_/.test(a.data) ? a.data : null);

async function sendText(ctx: AccountContext, target: SendTarget, text: string): Promise<SendResult> {
  if (text.trim() === '') throw new AppFailure('validation', 'The message is empty. Type something to send.').keyed('errors.send.emptyText');
  const { from, to, is_group } = route(ctx, target);
  const a = await call(ctx, { action: 'sendWhatsappText', from, to, message: engineSafe(text), is_group, ...credentials(ctx) });
  if (a.status !== 'true') throw notSent(a, 'text');
  return { providerMessageId: messageId(a) };
}

async function sendFile(ctx: AccountContext, target: SendTarget, fileUrl: string, caption: string): Promise<SendResult> {
  const { from, to, is_group } = route(ctx, target);
  const a = await call(ctx, { action: 'sendWhatsappFile', from, to, file_url: fileUrl, caption: engineSafe(caption), is_group, ...credentials(ctx) });
  if (a.status !== 'true') throw notSent(a, 'file');
  return { providerMessageId: messageId(a) };
}
