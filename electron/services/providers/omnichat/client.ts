// Outbound calls to Omnichat.id (provider-docs/omnichat-id.md). Decisions where the doc is vague:
// - Keys travel in the JSON body (`api_key`, `device_key`), never in headers or the query. The
//   device key is sent only when the account has one; the doc lets Omnichat pick a device for
//   personal text sends, but lists it as required for group sends and for templates, so we refuse
//   those without one before calling (clearer than Omnichat's own refusal).
// - `is_group` is always sent as a JSON boolean (required for text, optional for templates).
// - Template variables: the doc's keys carry the braces ({"{name}": "Budi"}); TemplateParam key
//   "name" becomes "{name}", a key already in braces is kept. When the template body is known,
//   every {placeholder} in it must have a value before we send.
// - A failed call is usually HTTP 200 with `status: false` and Omnichat's `message`; that message
//   is shown to the operator. A message naming the API key (or a 401/403) means the key was
//   rejected; one naming the device points at the device key. Success has no message id.
// - testConnection: Omnichat has no read-only endpoint. A well-formed send-message sends a
//   message, and the callback processes one as if it arrived (its auto-reply may go out), so a
//   test that calls either would send something or be malformed. It calls nothing: it checks the
//   account's own fields and that the API host answers a TCP/TLS handshake (no HTTP request), and
//   says plainly that the API key and device key are only verified by the first real message.
// - autoReply.test calls the documented Message Callback (no api_key: the doc lists none, and the
//   device key is in the path). The real callback processes the message like one that arrived on
//   the device, so Omnichat may really send its auto-reply to `from`; use a number you own.
import { randomBytes } from 'node:crypto';
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure, wordingOf } from '../../errors';
import { joinUrl, rejected, send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext, OutgoingMessage, SendResult, SendTarget, TemplateParam, TemplateRef } from '../types';
import { reachHost } from '../mconnect/reach';
import { DEFAULT_BASE_URL } from './capabilities';

const NAME = 'Omnichat';
export const SEND_PATH = '/api-app/whatsapp/send-message';
export const callbackPath = (deviceKey: string): string => `/api-app/whatsapp/callback/device_${encodeURIComponent(deviceKey)}`;

function baseUrl(ctx: AccountContext): string {
  return ctx.config.baseUrl?.trim() || DEFAULT_BASE_URL;
}

function apiKey(ctx: AccountContext): string {
  const key = ctx.secrets.apiKey;
  if (!key) throw new AppFailure('validation', 'This account has no Omnichat API key saved. Edit the account and enter it.').keyed('errors.omnichat.noApiKey');
  return key;
}

function deviceKey(ctx: AccountContext): string | null {
  return ctx.config.deviceKey?.trim() || null;
}

async function post(ctx: AccountContext, path: string, json: Record<string, unknown>): Promise<HttpResponse> {
  const res = await httpSend(NAME, { method: 'POST', url: joinUrl(baseUrl(ctx), path), json });
  if (res.status === 401 || res.status === 403) throw rejected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  if (res.status >= 400) throw httpError(res);
  return res;
}

function httpError(res: HttpResponse): AppFailure {
  const msg = providerMessage(res);
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  if (res.status >= 500) return new AppFailure('unreachable', `${NAME} had a problem (HTTP ${res.status}). Try again in a moment.`, detail).keyed('errors.provider.serverError', { provider: NAME, status: res.status });
  if (res.status === 404 || res.status === 405) {
    return new AppFailure('unexpected_response', `Omnichat has no such API at this address (HTTP ${res.status}). Check the base URL in the account settings; normally it is ${DEFAULT_BASE_URL}.`, detail).keyed('errors.omnichat.noSuchApi', { status: res.status, url: DEFAULT_BASE_URL });
  }
  return msg
    ? new AppFailure('unexpected_response', `${NAME} refused the request: ${msg}`, detail).keyed('errors.provider.refusedWhy', { provider: NAME, msg })
    : new AppFailure('unexpected_response', `${NAME} refused the request (HTTP ${res.status}).`, detail).keyed('errors.provider.refusedStatus', { provider: NAME, status: res.status });
}

function providerMessage(res: HttpResponse): string | null {
  try {
    const body = JSON.parse(res.text()) as { message?: unknown };
    return typeof body?.message === 'string' && body.message.trim() !== '' ? body.message.trim() : null;
  } catch {
    return null;
  }
}

function jsonObject(res: HttpResponse): Record<string, unknown> {
  const body = res.json();
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw unexpected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  return body as Record<string, unknown>;
}

const mentionsApiKey = (msg: string): boolean => /api[\s_-]?key|unauthori[sz]ed|unauthenticated/i.test(msg);
const mentionsDevice = (msg: string): boolean => /device/i.test(msg);

/** Turns `status: false` into a failure carrying Omnichat's own words, plus what to do. */
function refusal(ctx: AccountContext, res: HttpResponse, body: Record<string, unknown>): AppFailure {
  const msg = typeof body.message === 'string' && body.message.trim() !== '' ? body.message.trim() : null;
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  if (!msg) return new AppFailure('unexpected_response', `${NAME} refused the request: no reason given`, detail).keyed('errors.provider.refusedNoReason', { provider: NAME });
  if (mentionsApiKey(msg)) return new AppFailure('credentials_rejected', `Omnichat rejected the API key ("${msg}"). Check the API key in the account settings.`, detail).keyed('errors.omnichat.apiKeyRejected', { msg });
  if (mentionsDevice(msg)) {
    return deviceKey(ctx)
      ? new AppFailure(
          'unexpected_response',
          `Omnichat refused the request ("${msg}"). Check that the device key in the account settings is right and that the device is connected in the Omnichat dashboard.`,
          detail,
        ).keyed('errors.omnichat.deviceRefused', { msg })
      : new AppFailure('unexpected_response', `Omnichat refused the request ("${msg}"). Add the key of a connected device in the account settings (Omnichat dashboard → Devices).`, detail).keyed(
          'errors.omnichat.deviceRefusedNoKey',
          { msg },
        );
  }
  return new AppFailure('unexpected_response', `${NAME} refused the request: ${msg}`, detail).keyed('errors.provider.refusedWhy', { provider: NAME, msg });
}

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    apiKey(ctx);
    const url = joinUrl(baseUrl(ctx), SEND_PATH);
    const reach = await reachHost(url);
    if (!reach.ok) {
      return {
        ok: false,
        status: 'unreachable',
        message: `Couldn't reach Omnichat at ${reach.host}. Check the base URL and your internet connection.`,
        detail: reach.error,
        ...(reach.errorWording ? { detailWording: reach.errorWording } : {}),
        key: 'errors.connection.omnichatUnreachable',
        params: { host: reach.host },
      };
    }
    const withDevice = deviceKey(ctx) !== null;
    const keys = withDevice ? 'the API key and the device key' : 'the API key';
    const checked = withDevice
      ? { message: 'Checked: the API host accepts a connection (no request was made). Not checked: the API key and the device key, and whether the device is connected.', key: 'errors.connection.omnichatCheckedDevice' }
      : { message: 'Checked: the API host accepts a connection (no request was made). Not checked: the API key, and whether the device is connected.', key: 'errors.connection.omnichatChecked' };
    return {
      ok: true,
      status: 'unknown',
      message: `${reach.host} answers. Not verified: Omnichat has no way to check ${keys} without sending a message, so Switchboard sent nothing. Your first message confirms them.`,
      key: withDevice ? 'errors.connection.omnichatAnswersDevice' : 'errors.connection.omnichatAnswers',
      params: { host: reach.host },
      detail: checked.message,
      detailWording: { key: checked.key },
    };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    return { ok: false, status: 'unknown', message: err.message, ...(err.detail ? { detail: err.detail } : {}), ...wordingOf(err) };
  }
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  if (message.kind !== 'text' && message.kind !== 'template') {
    throw new AppFailure('validation', `Omnichat accounts can send text and template messages, not ${message.kind} messages.`).keyed('errors.omnichat.kindNotSupported', { kind: message.kind });
  }
  const peer = target.peerId.trim();
  if (!peer) throw new AppFailure('validation', 'There is no recipient for this message.').keyed('errors.send.noRecipient');
  const device = deviceKey(ctx);
  if (!device && target.isGroup) {
    throw new AppFailure('validation', 'Omnichat needs a device key to send to a WhatsApp group. Add the device key in the account settings (Omnichat dashboard → Devices), then try again.').keyed('errors.omnichat.groupNeedsDevice');
  }
  if (!device && message.kind === 'template') {
    throw new AppFailure('validation', 'Omnichat needs a device key to send a template. Add the device key in the account settings (Omnichat dashboard → Devices), then try again.').keyed('errors.omnichat.templateNeedsDevice');
  }
  const common = { phone: peer, ...(device ? { device_key: device } : {}), api_key: apiKey(ctx) };
  const body =
    message.kind === 'text'
      ? { ...common, method: 'text', text: requireText(message.text), is_group: target.isGroup }
      : { ...common, method: 'template', template: requireTemplateId(message.template), is_group: target.isGroup, variables: templateVariables(message.template, message.params) };
  const res = await post(ctx, SEND_PATH, body);
  const answer = jsonObject(res);
  if (answer.status === false) throw refusal(ctx, res, answer);
  if (answer.status !== true) throw unexpected(NAME, `Send answered without status true: HTTP ${res.status} ${snippet(res.text())}`);
  return { providerMessageId: null };
}

function requireText(text: string): string {
  if (text.trim() === '') throw new AppFailure('validation', 'The message is empty. Type something to send.').keyed('errors.send.emptyText');
  return text;
}

function requireTemplateId(template: TemplateRef): string {
  const id = template.id.trim();
  if (!id) throw new AppFailure('validation', `The template "${template.name}" has no Omnichat template id. Edit the template and paste its id from the Omnichat dashboard.`).keyed('errors.omnichat.templateNoId', { name: template.name });
  return id;
}

const PLACEHOLDER = /\{([^{}\s]+)\}/g;
const braced = (key: string): string => (/^\{[^{}]+\}$/.test(key) ? key : `{${key}}`);

/** Omnichat's `variables`: keys with their braces, checked against the template body when known. */
export function templateVariables(template: TemplateRef, params: TemplateParam[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const p of params) {
    const key = p.key.trim();
    if (key) vars[braced(key)] = p.text;
  }
  const needed = [...new Set([...(template.body ?? '').matchAll(PLACEHOLDER)].map((m) => `{${m[1]}}`))];
  const missing = needed.filter((k) => vars[k] === undefined || vars[k].trim() === '');
  if (missing.length) {
    const [name, names] = [template.name, missing.join(', ')];
    if (missing.length === 1) throw new AppFailure('validation', `The template "${name}" needs a value for ${names}. Fill it in and send again.`).keyed('errors.omnichat.templateValue', { name, names });
    throw new AppFailure('validation', `The template "${name}" needs a value for ${names}. Fill them in and send again.`).keyed('errors.omnichat.templateValues', { name, names });
  }
  return vars;
}

export async function testAutoReply(ctx: AccountContext, input: { from: string; fromName: string; message: string }): Promise<{ reply: string | null; receiver: string | null }> {
  const device = deviceKey(ctx);
  if (!device) throw new AppFailure('validation', 'Testing the auto-reply needs the device key. Add it in the account settings (Omnichat dashboard → Devices).').keyed('errors.omnichat.autoReplyNeedsDevice');
  const digits = input.from.replace(/@.*$/, '').replace(/\D/g, '');
  if (digits.length < 6) throw new AppFailure('validation', 'Enter the test sender as a phone number with country code, for example 6281234567890.').keyed('errors.omnichat.testSenderPhone');
  if (input.message.trim() === '') throw new AppFailure('validation', 'Type a message to test the auto-reply with.').keyed('errors.omnichat.testMessage');
  const res = await post(ctx, callbackPath(device), {
    from: `${digits}@s.whatsapp.net`,
    // WhatsApp-style id (32 upper-case hex, like the doc's sample) so Omnichat treats it as new.
    message_id: randomBytes(16).toString('hex').toUpperCase(),
    message: input.message,
    from_name: input.fromName.trim() || digits,
    type: 'single',
  });
  const body = jsonObject(res);
  if (body.status === false) throw refusal(ctx, res, body);
  if (typeof body.reply !== 'boolean') throw unexpected(NAME, `The auto-reply test answered without "reply": HTTP ${res.status} ${snippet(res.text())}`);
  const receiver = typeof body.receiver === 'string' && body.receiver !== '' ? body.receiver.replace(/@.*$/, '') : null;
  if (!body.reply) return { reply: null, receiver };
  const m = body.message as { text?: unknown } | string | null | undefined;
  const text = typeof m === 'string' ? m : typeof m?.text === 'string' ? m.text : null;
  if (text === null) throw unexpected(NAME, `The auto-reply test said it replies but gave no text: ${snippet(res.text())}`);
  return { reply: text, receiver };
}
