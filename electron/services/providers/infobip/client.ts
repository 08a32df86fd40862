// Outbound calls to Infobip OMNI (shared/provider-docs/infobip-omni.md). Decisions where the doc
// is vague:
// - Auth: `Authorization: App <apiKey>` when a key is saved, else HTTP Basic username:password
//   (the doc's examples use Basic). A 401 says which of the two was used and what to check.
// - Errors come as {"requestError":{"serviceException":{"messageId","text","validationErrors"?}}};
//   its `text` (plus any field errors) is what we show. 5xx and 429 are temporary (retried by the
//   outbox), everything else is final.
// - Scenarios ("lines"): the doc only links "Scenario:// Create"; listing uses the real service's
//   GET /omni/1/scenarios, which answers {"scenarios":[{key,name,flow,default}]}. The connection
//   test uses the same read-only call. Creating one sends the doc's body; the flag is `default`.
//   A scenario may be WhatsApp-only (no SMS sender given): then there is no failover.
// - Send: POST /omni/1/advanced with the account's chosen scenarioKey and one destination. The
//   answer is normally PENDING (nothing more than "accepted"); a DELIVERED answer is passed on,
//   and an UNDELIVERABLE/EXPIRED/REJECTED one is a failed send. The channel is only known once the
//   report arrives.
// - notifyUrl: when the app has a public address, each send carries the account's webhook URL
//   under it as `notifyUrl` (OmniAdvancedRequest field, reference/infobip.md), so Infobip pushes
//   the delivery and seen reports there. Without one (only 127.0.0.1) nothing is sent and the
//   reports are pulled from GET /omni/1/reports instead; pulling stays on either way and finds
//   nothing for pushed messages, which is harmless.
// - A template whose SMS text cannot be written (see content.ts) is checked against its scenario
//   (GET /omni/1/scenarios/{key}): with an SMS step it is refused, naming what to add.
// - Reports: GET /omni/1/reports hands out each report once. We page with limit=100 until a short
//   page (at most 10 pages per poll). Once a page has been read its reports are gone at Infobip, so
//   if a later page fails we return what we already have instead of throwing it away.
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure, wordingOf } from '../../errors';
import { joinUrl, send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext, InboundStatus, LineInfo, OutgoingMessage, SendResult, SendTarget } from '../types';
import { omniContent } from './content';
import { latestPerMessage, parseInfobipReports } from './inbound';

const NAME = 'Infobip';
export const REPORT_PAGE = 100;
export const MAX_REPORT_PAGES = 10;

type AuthKind = 'apiKey' | 'basic';

function baseUrl(ctx: AccountContext): string {
  const base = ctx.config.baseUrl?.trim();
  if (!base) throw new AppFailure('validation', 'This account has no Infobip API base URL. Edit the account and add it (for example https://api.infobip.com).').keyed('errors.infobip.noBaseUrl');
  return base;
}

function auth(ctx: AccountContext): { kind: AuthKind; header: string } {
  const key = ctx.secrets.apiKey?.trim();
  if (key) return { kind: 'apiKey', header: `App ${key}` };
  const user = ctx.config.username?.trim();
  const pass = ctx.secrets.password;
  if (user && pass) return { kind: 'basic', header: `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}` };
  throw new AppFailure('validation', 'This account has no Infobip API key, or username and password, saved. Edit the account and enter one of them.').keyed('errors.infobip.noCredentials');
}

/**
 * Headers for downloading a file a customer sent: Infobip serves inbound media from its own API
 * (reference/infobip.md: GET /whatsapp/1/senders/{sender}/media/{mediaId}) with the account's
 * credentials. Only for links on the account's own API host — credentials never go elsewhere.
 */
export function mediaHeaders(ctx: AccountContext, link: string): Record<string, string> | null {
  try {
    if (new URL(link).host.toLowerCase() !== new URL(baseUrl(ctx)).host.toLowerCase()) return null;
    return { authorization: auth(ctx).header };
  } catch {
    return null;
  }
}

async function call(ctx: AccountContext, req: { method: 'GET' | 'POST'; path: string; query?: Record<string, string>; json?: unknown }): Promise<HttpResponse> {
  const a = auth(ctx);
  const res = await httpSend(NAME, { method: req.method, url: joinUrl(baseUrl(ctx), req.path, req.query), headers: { authorization: a.header }, json: req.json });
  if (res.status === 401) throw credentialsRejected(a.kind, res);
  if (res.status === 403) throw forbidden(a.kind, res);
  if (res.status >= 400) throw infobipError(res);
  return res;
}

function credentialsRejected(kind: AuthKind, res: HttpResponse): AppFailure {
  const detail = `HTTP 401 (${kind === 'apiKey' ? 'App API key' : 'Basic username/password'}): ${snippet(res.text())}`;
  return kind === 'apiKey'
    ? new AppFailure(
        'credentials_rejected',
        'Infobip rejected the API key. Check that it was copied whole, that it is still active in the Infobip portal (Developers → API keys), and that the base URL belongs to the same Infobip account.',
        detail,
      ).keyed('errors.infobip.apiKeyRejected')
    : new AppFailure(
        'credentials_rejected',
        'Infobip rejected the username and password. Check them by signing in to the Infobip portal, and that the base URL belongs to the same account; or use an API key instead.',
        detail,
      ).keyed('errors.infobip.loginRejected');
}

function forbidden(kind: AuthKind, res: HttpResponse): AppFailure {
  const detail = `HTTP 403: ${snippet(res.text())}`;
  return kind === 'apiKey'
    ? new AppFailure(
        'credentials_rejected',
        'This API key is not allowed to use OMNI messaging. Check its permissions in the Infobip portal, or ask Infobip to activate WhatsApp/OMNI for the account.',
        detail,
      ).keyed('errors.infobip.apiKeyForbidden')
    : new AppFailure(
        'credentials_rejected',
        'This Infobip user is not allowed to use OMNI messaging. Check its permissions in the Infobip portal, or ask Infobip to activate WhatsApp/OMNI for the account.',
        detail,
      ).keyed('errors.infobip.userForbidden');
}

/** The requestError text (with field errors) Infobip sends with 4xx/5xx answers, if any. */
export function serviceExceptionText(res: Pick<HttpResponse, 'text'>): string | null {
  let body: unknown;
  try {
    body = JSON.parse(res.text());
  } catch {
    return null;
  }
  const ex = (body as { requestError?: { serviceException?: { text?: unknown; messageId?: unknown; validationErrors?: unknown } } } | null)?.requestError?.serviceException;
  if (!ex) return null;
  const text = typeof ex.text === 'string' && ex.text ? ex.text : typeof ex.messageId === 'string' ? ex.messageId : null;
  const fields =
    ex.validationErrors && typeof ex.validationErrors === 'object'
      ? Object.entries(ex.validationErrors as Record<string, unknown>).map(([field, msgs]) => `${field} ${Array.isArray(msgs) ? msgs.join(', ') : String(msgs)}`)
      : [];
  if (!text && fields.length === 0) return null;
  return [text, ...fields].filter(Boolean).join('; ');
}

function infobipError(res: HttpResponse): AppFailure {
  const text = serviceExceptionText(res);
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  if (res.status === 429) return new AppFailure('unreachable', 'Infobip is limiting how fast this account may send. Switchboard will try again shortly.', detail).keyed('errors.infobip.rateLimited');
  if (res.status >= 500) return new AppFailure('unreachable', `${NAME} had a problem (HTTP ${res.status}). Try again in a moment.`, detail).keyed('errors.provider.serverError', { provider: NAME, status: res.status });
  if (res.status === 404) return unexpected(NAME, `HTTP 404 for this address: is the base URL right (your API address from the Infobip portal)? ${snippet(res.text())}`);
  if (!text) return new AppFailure('unexpected_response', `${NAME} refused the request (HTTP ${res.status}).`, detail).keyed('errors.provider.refusedStatus', { provider: NAME, status: res.status });
  if (/scenario/i.test(text)) {
    return new AppFailure('unexpected_response', `${NAME} refused the request: ${text}. Pick or create another scenario under “Sending line” on the account card.`, detail).keyed('errors.infobip.refusedScenario', { msg: text });
  }
  return new AppFailure('unexpected_response', `${NAME} refused the request: ${text}.`, detail).keyed('errors.infobip.refused', { msg: text });
}

function jsonObject(res: HttpResponse): Record<string, unknown> {
  const body = res.json();
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw unexpected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  return body as Record<string, unknown>;
}

interface Scenario {
  key: string;
  name: string;
  flow: { from?: string; channel?: string }[];
  isDefault: boolean;
}

function toScenario(raw: unknown): Scenario | null {
  // The wire JSON says `default`; the generated SDK models say `defaultScenario` (reference/infobip.md): both read.
  const s = raw as { key?: unknown; name?: unknown; flow?: unknown; default?: unknown; defaultScenario?: unknown } | null;
  if (!s || typeof s.key !== 'string' || !s.key) return null;
  const flow = Array.isArray(s.flow) ? (s.flow as { from?: string; channel?: string }[]).filter((f) => f && typeof f === 'object') : [];
  return { key: s.key, name: typeof s.name === 'string' && s.name ? s.name : s.key, flow, isDefault: s.default === true || s.defaultScenario === true };
}

const channelLabel: Record<string, string> = { WHATSAPP: 'WhatsApp', SMS: 'SMS' };

/** The scenario's steps in order, without words to translate: "WhatsApp 447860099299 → SMS InfoSMS". */
function toLine(s: Scenario): LineInfo {
  const steps = s.flow.map((f) => `${channelLabel[f.channel ?? ''] ?? f.channel ?? '?'}${f.from ? ` ${f.from}` : ''}`);
  return { id: s.key, label: s.name, detail: steps.length ? steps.join(' → ') : null, isDefault: s.isDefault };
}

async function fetchScenarios(ctx: AccountContext): Promise<Scenario[]> {
  const body = jsonObject(await call(ctx, { method: 'GET', path: '/omni/1/scenarios' }));
  if (!Array.isArray(body.scenarios)) throw unexpected(NAME, `The scenario list has no "scenarios": ${snippet(JSON.stringify(body))}`);
  return body.scenarios.map(toScenario).filter((s): s is Scenario => s !== null);
}

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    const scenarios = await fetchScenarios(ctx);
    const n = scenarios.length;
    let message = `Connected. Infobip lists ${n} OMNI scenario${n === 1 ? '' : 's'} on this account.`;
    let key = 'errors.connection.infobipScenarios';
    const chosen = ctx.config.scenarioKey?.trim();
    if (n === 0) {
      message += ' Create one under “Sending line” before sending.';
      key = 'errors.connection.infobipScenariosCreate';
    } else if (!chosen) {
      message += ' Pick one under “Sending line” before sending.';
      key = 'errors.connection.infobipScenariosPick';
    } else if (!scenarios.some((s) => s.key === chosen)) {
      message += ' The chosen scenario is no longer among them; pick another under “Sending line”.';
      key = 'errors.connection.infobipScenariosGone';
    }
    return { ok: true, status: 'connected', message, key, params: { count: n } };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    const status = err.code === 'credentials_rejected' ? 'credentials_rejected' : err.code === 'unreachable' ? 'unreachable' : 'unknown';
    return { ok: false, status, message: err.message, ...(err.detail ? { detail: err.detail } : {}), ...wordingOf(err) };
  }
}

export async function listLines(ctx: AccountContext): Promise<LineInfo[]> {
  return (await fetchScenarios(ctx)).map(toLine);
}

function inputText(input: Record<string, string | boolean>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v.trim() : '';
}

export async function createLine(ctx: AccountContext, input: Record<string, string | boolean>): Promise<LineInfo> {
  const name = inputText(input, 'name');
  const whatsAppSender = inputText(input, 'whatsAppSender');
  const smsSender = inputText(input, 'smsSender');
  if (!name) throw new AppFailure('validation', 'Give the scenario a name.').keyed('errors.infobip.scenarioName');
  if (!whatsAppSender) throw new AppFailure('validation', 'Enter the WhatsApp sender Infobip gave you when WhatsApp was activated.').keyed('errors.infobip.whatsAppSender');
  const isDefault = input.isDefault === true || input.isDefault === 'true';
  const flow = [{ from: whatsAppSender, channel: 'WHATSAPP' }, ...(smsSender ? [{ from: smsSender, channel: 'SMS' }] : [])];
  const body = jsonObject(await call(ctx, { method: 'POST', path: '/omni/1/scenarios', json: { name, flow, default: isDefault } }));
  const created = toScenario(body);
  if (!created) throw unexpected(NAME, `The created scenario has no key: ${snippet(JSON.stringify(body))}`);
  return toLine(created);
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  const scenarioKey = ctx.config.scenarioKey?.trim();
  if (!scenarioKey) throw new AppFailure('validation', 'No OMNI scenario is chosen for this account. Pick or create one under “Sending line” on the account card, then send again.').keyed('errors.infobip.noScenario');
  if (target.isGroup) throw new AppFailure('validation', 'Infobip OMNI sends to phone numbers only, not to WhatsApp groups.').keyed('errors.infobip.noGroups');
  const phoneNumber = target.peerId.trim().replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(phoneNumber)) throw new AppFailure('validation', `"${target.peerId}" is not a phone number Infobip can send to. Use the international format with the country code.`).keyed('errors.infobip.notPhone', { peer: target.peerId });
  const content = omniContent(message);
  if (!content.sms) await refuseIfFailover(ctx, scenarioKey);
  // Our own id as the destination messageId: after a crash mid-send, reports can still be matched.
  const destination = target.clientMessageId ? { to: { phoneNumber }, messageId: target.clientMessageId } : { to: { phoneNumber } };
  const notifyUrl = ctx.publicWebhookUrl?.trim();
  const json = { scenarioKey, destinations: [destination], ...content, ...(notifyUrl ? { notifyUrl } : {}) };
  const res = await call(ctx, { method: 'POST', path: '/omni/1/advanced', json });
  return sendResult(res);
}

/** A send with no SMS text through a scenario that would fail over to SMS is refused, with what to do. */
async function refuseIfFailover(ctx: AccountContext, scenarioKey: string): Promise<void> {
  const s = toScenario(jsonObject(await call(ctx, { method: 'GET', path: `/omni/1/scenarios/${encodeURIComponent(scenarioKey)}` })));
  if (s?.flow.some((f) => f.channel?.toUpperCase() === 'SMS')) {
    throw new AppFailure(
      'validation',
      `The scenario "${s.name}" falls back to SMS, but Switchboard doesn't know this template's text to put in the SMS. Save the template's body text in Switchboard, or type an SMS text when sending.`,
    ).keyed('errors.infobip.smsFallbackNoText', { name: s.name });
  }
}

/** The report for one message, if Infobip holds one (GET /omni/1/reports?messageId=…); null when none yet. */
export async function lookupReport(ctx: AccountContext, messageId: string): Promise<InboundStatus | null> {
  const res = await call(ctx, { method: 'GET', path: '/omni/1/reports', query: { messageId } });
  const events = parseInfobipReports(jsonObject(res)).filter((e): e is InboundStatus => e.type === 'status' && e.providerMessageId === messageId);
  return latestPerMessage(events)[0] ?? null;
}

function sendResult(res: HttpResponse): SendResult {
  const body = jsonObject(res);
  const first = (Array.isArray(body.messages) ? body.messages[0] : undefined) as
    | { messageId?: unknown; status?: { groupId?: unknown; name?: unknown; description?: unknown } }
    | undefined;
  if (!first || typeof first.messageId !== 'string' || !first.messageId) throw unexpected(NAME, `The send answer has no messageId: ${snippet(res.text())}`);
  const status = first.status ?? {};
  const groupId = Number(status.groupId);
  const result: SendResult = { providerMessageId: first.messageId, channel: null };
  if (groupId === 3 && status.name !== 'DELIVERED_TO_OPERATOR') return { ...result, status: 'delivered' };
  if (groupId === 2 || groupId === 4 || groupId === 5) {
    const why = typeof status.description === 'string' ? status.description : typeof status.name === 'string' ? status.name : null;
    if (why === null) throw new AppFailure('unexpected_response', `Infobip did not accept the message: status group ${groupId}.`, snippet(res.text())).keyed('errors.infobip.notAcceptedGroup', { group: groupId });
    throw new AppFailure('unexpected_response', `Infobip did not accept the message: ${why}.`, snippet(res.text())).keyed('errors.infobip.notAccepted', { why });
  }
  return result;
}

/** Drains the reports Infobip holds for this account (each is handed out only once). */
export async function pollReports(ctx: AccountContext, opts: { limit?: number; maxPages?: number } = {}): Promise<InboundStatus[]> {
  const limit = opts.limit ?? REPORT_PAGE;
  const out: InboundStatus[] = [];
  for (let page = 0; page < (opts.maxPages ?? MAX_REPORT_PAGES); page++) {
    let count: number;
    try {
      const res = await call(ctx, { method: 'GET', path: '/omni/1/reports', query: { limit: String(limit) } });
      const body = jsonObject(res);
      count = Array.isArray(body.results) ? body.results.length : 0;
      const events = parseInfobipReports(body).filter((e): e is InboundStatus => e.type === 'status');
      out.push(...events);
    } catch (err) {
      if (page === 0) throw err instanceof AppFailure ? err : unexpected(NAME, err instanceof Error ? err.message : String(err));
      break;
    }
    if (count < limit) break;
  }
  return latestPerMessage(out);
}
