// Outbound calls to Qontak Hub's open API (shared/provider-docs/qontak-hub.md). Decisions where the
// doc is vague:
// - Every API call carries `Authorization: Bearer <access token>` (auth.ts). A 401 means the token
//   was revoked or expired early: we renew it and retry the call once; a second 401 is reported.
// - Errors come as `{ status: "error", error: { code, messages: [...] } }` (Qontak's open API
//   shape); a 200 whose `status` isn't "success" is a failure too. A 422 is the Hub refusing what
//   we sent (the operator can fix it), so it is a `validation` failure carrying Qontak's words.
// - Lists: the doc's `meta.pagination.cursor.next` is read as "more after this page". We ask for
//   it with `cursor=<next>&cursor_direction=after` (the Hub's list parameters) and stop when a page
//   is empty, there is no next cursor, a cursor repeats, or we hold `total` items; the doc's own
//   sample has a `next` even when it holds `total`, so a next cursor alone can't be trusted.
// - Sending: templates go as broadcasts to one number (/broadcasts/whatsapp/direct), with
//   `parameters.header` / `parameters.buttons` as the reference note gives them (params.ts); free
//   text goes into the customer's open room (room.ts). The answer's `data.id` is the BROADCAST id.
//   Each body parameter is `{ key, value, value_text }`: key "1", "2"…; value the field label
//   (TemplateParam.label, else the key); value_text the text. Parameters must match the
//   template's {{n}} placeholders exactly, checked here before anything is sent.
// - Delivery: pushed by the Hub's status webhooks (inbound.ts) once registered (room.ts), and
//   read back from the broadcast log for what a webhook didn't bring. The Hub's broadcast log
//   (GET /api/open/v1/broadcasts/{id}/whatsapp/log) is read instead; we assume
//   `{ status: "success", data: [{ id, status: "pending"|"sent"|"delivered"|"read"|"failed",
//   contact_phone_number, whatsapp_error_message, created_at, updated_at? }] }` and also accept a
//   single object in `data` (as some Hub clients type it).
import type { ConnectionTest } from '../../../../shared/model';
import { AppFailure, wordingOf } from '../../errors';
import { joinUrl, send as httpSend, snippet, unexpected, type HttpResponse } from '../http';
import type { AccountContext, InboundStatus, LineInfo, OutgoingMessage, SendResult, SendTarget, TemplateInfo, TemplateParam, TemplateRef } from '../types';
import { accessToken, baseUrl, NAME, renewAfterRejection, signIn } from './auth';
import { templateExtras } from './params';
import { type Integration, logEntries, type LogEntry, parseIntegration, parseTemplate } from './wire';

const MAX_PAGES = 50;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** For calls whose answer body the note doesn't give (room replies): any 2xx is success. */
  anyBody?: boolean;
  /** The failure to report when the Hub answers 404, given the answer's detail (otherwise: "is the base URL right?"). */
  notFound?: (detail: string) => AppFailure;
  /** Longer than the default for uploads (files into a room). */
  timeoutMs?: number;
}

export async function api(ctx: AccountContext, req: ApiRequest): Promise<unknown> {
  const call = (token: string): Promise<HttpResponse> =>
    httpSend(NAME, { method: req.method, url: joinUrl(baseUrl(ctx), req.path, req.query), headers: { authorization: `Bearer ${token}` }, json: req.json, form: req.form, timeoutMs: req.timeoutMs });
  const token = await accessToken(ctx);
  let res = await call(token);
  if (res.status === 401) res = await call(await renewAfterRejection(ctx, token));
  if (res.status === 401) {
    throw new AppFailure(
      'credentials_rejected',
      `${NAME} refused access even after signing in again. Check that this Qontak user may use the API, then test the account.`,
      `HTTP 401: ${snippet(res.text())}`,
    ).keyed('errors.qontak.refusedAfterSignIn', { provider: NAME });
  }
  if (res.status === 403) {
    throw new AppFailure('credentials_rejected', `${NAME} says this user isn't allowed to do that. Ask your Qontak admin to give the user API access.`, `HTTP 403: ${snippet(res.text())}`).keyed('errors.qontak.notAllowed', { provider: NAME });
  }
  if (res.status === 404 && req.notFound) throw req.notFound(`HTTP 404: ${snippet(res.text())}`);
  if (res.status >= 400) throw hubError(res);
  if (req.anyBody) return parseJson(res);
  return successBody(res);
}

function hubMessages(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { error?: unknown; message?: unknown; messages?: unknown };
  const e = b.error;
  const list = e && typeof e === 'object' ? (e as { messages?: unknown; message?: unknown }).messages ?? (e as { message?: unknown }).message : (b.messages ?? b.message ?? e);
  const texts = (Array.isArray(list) ? list : [list]).filter((m): m is string => typeof m === 'string' && m !== '');
  return texts.length ? texts.join('; ') : null;
}

function parseJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text());
  } catch {
    return null;
  }
}

function hubError(res: HttpResponse): AppFailure {
  const detail = `HTTP ${res.status}: ${snippet(res.text())}`;
  const msg = hubMessages(parseJson(res));
  if (res.status >= 500) return new AppFailure('unreachable', `${NAME} had a problem (HTTP ${res.status}). Try again in a moment.`, detail).keyed('errors.provider.serverError', { provider: NAME, status: res.status });
  // The note's rate limit (100 a minute, burst 10 a second) answers 429: the outbox waits and tries again.
  if (res.status === 429) return new AppFailure('unexpected_response', `${NAME} is limiting how fast we send; the message will go again shortly.`, detail, { kind: 'rate' }).keyed('errors.qontak.rateLimited', { provider: NAME });
  if (res.status === 404 && !msg) return unexpected(NAME, `This address was not found: is the base URL right? ${detail}`);
  if (res.status === 422 && msg) return new AppFailure('validation', `${NAME} refused the request: ${msg}`, detail).keyed('errors.provider.refusedWhy', { provider: NAME, msg });
  return msg
    ? new AppFailure('unexpected_response', `${NAME} refused the request: ${msg}`, detail).keyed('errors.provider.refusedWhy', { provider: NAME, msg })
    : new AppFailure('unexpected_response', `${NAME} refused the request (HTTP ${res.status}).`, detail).keyed('errors.provider.refusedStatus', { provider: NAME, status: res.status });
}

/** The documented envelope: `{ status: "success", data, meta? }`; anything else is a failure. */
function successBody(res: HttpResponse): { data: unknown; meta?: unknown } {
  const body = res.json() as { status?: unknown; data?: unknown; meta?: unknown } | null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw unexpected(NAME, `HTTP ${res.status}: ${snippet(res.text())}`);
  if (body.status !== 'success') {
    const msg = hubMessages(body);
    if (msg) throw new AppFailure('unexpected_response', `${NAME} refused the request: ${msg}`, `HTTP ${res.status}: ${snippet(res.text())}`).keyed('errors.provider.refusedWhy', { provider: NAME, msg });
    throw unexpected(NAME, `Answer without status "success": ${snippet(res.text())}`);
  }
  return { data: body.data, meta: body.meta };
}

/** Every item of a cursor-paged list (see the pagination note at the top). */
async function listAll(ctx: AccountContext, path: string, query: Record<string, string> = {}): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = (await api(ctx, { method: 'GET', path, query: cursor ? { ...query, cursor, cursor_direction: 'after' } : query })) as { data: unknown; meta?: unknown };
    if (!Array.isArray(body.data)) throw unexpected(NAME, `Expected a list in data: ${snippet(JSON.stringify(body))}`);
    items.push(...(body.data as unknown[]));
    const pagination = (body.meta as { pagination?: { cursor?: { next?: unknown }; total?: unknown } } | undefined)?.pagination;
    const next = pagination?.cursor?.next;
    const total = pagination?.total;
    if (body.data.length === 0 || typeof next !== 'string' || next === '' || seen.has(next)) break;
    if (typeof total === 'number' && items.length >= total) break;
    seen.add(next);
    cursor = next;
  }
  return items;
}

export async function listLines(ctx: AccountContext): Promise<LineInfo[]> {
  const items = await listAll(ctx, '/api/open/v1/integrations', { target_channel: 'wa' });
  const wa = items.map(parseIntegration).filter((i): i is Integration => i !== null && (i.target_channel ?? 'wa') === 'wa');
  return wa.map((i) => ({ id: i.id, label: i.settings?.account_name || i.settings?.server_wa_id || i.id, detail: i.settings?.server_wa_id ?? null }));
}

export async function listTemplates(ctx: AccountContext): Promise<TemplateInfo[]> {
  const items = await listAll(ctx, '/api/open/v1/templates/whatsapp');
  return items.map(parseTemplate).filter((t): t is TemplateInfo => t !== null);
}

export async function testConnection(ctx: AccountContext): Promise<ConnectionTest> {
  try {
    await signIn(ctx);
    const lines = await listLines(ctx);
    const n = lines.length;
    if (n === 0) return { ok: true, status: 'connected', message: 'Signed in to Qontak Hub, but it lists no WhatsApp channel yet. Connect a WhatsApp number in Qontak Hub before sending.', key: 'errors.connection.qontakNoChannel' };
    const chosen = ctx.config.channelIntegrationId?.trim();
    const gone = Boolean(chosen && !lines.some((l) => l.id === chosen));
    const note = gone ? ' The channel chosen for this account is no longer among them: pick another.' : '';
    const key = gone ? 'errors.connection.qontakChannelsChosenGone' : 'errors.connection.qontakChannels';
    return { ok: true, status: 'connected', message: `Connected. Qontak Hub lists ${n} WhatsApp channel${n === 1 ? '' : 's'} for this account.${note}`, key, params: { count: n } };
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
    const status = err.code === 'credentials_rejected' ? 'credentials_rejected' : err.code === 'unreachable' ? 'unreachable' : 'unknown';
    return { ok: false, status, message: err.message, ...(err.detail ? { detail: err.detail } : {}), ...wordingOf(err) };
  }
}

/** The placeholder keys of a template text in order of first use: "Hi {{1}}, {{2}}" → ["1", "2"]. */
export function placeholders(body: string): string[] {
  const keys: string[] = [];
  for (const m of body.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)) if (!keys.includes(m[1]!)) keys.push(m[1]!);
  return keys;
}

/** Checks the filled values against the template's placeholders and orders them as the template does. */
export function bodyParameters(template: { name: string; body: string }, params: TemplateParam[]): { key: string; value: string; value_text: string }[] {
  const wanted = placeholders(template.body);
  const byKey = new Map<string, TemplateParam>();
  const twice: string[] = [];
  for (const p of params) {
    const key = p.key.trim();
    if (byKey.has(key)) twice.push(key);
    byKey.set(key, p);
  }
  const braces = (keys: string[]): string => keys.map((k) => `{{${k}}}`).join(', ');
  const missing = wanted.filter((k) => !byKey.has(k));
  const extra = [...byKey.keys()].filter((k) => !wanted.includes(k));
  const empty = wanted.filter((k) => byKey.has(k) && byKey.get(k)!.text.trim() === '');
  // One problem at a time, each a whole sentence: what is missing first, then strays, doubles and blanks.
  const name = template.name;
  if (missing.length) {
    const keys = braces(missing);
    throw new AppFailure('validation', `The values don't fit the template "${name}": it needs a value for ${keys}.`).keyed('errors.qontak.templateMissing', { name, keys });
  }
  if (extra.length === 1) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(extra)} is not in the template.`).keyed('errors.qontak.templateExtraOne', { name, keys: braces(extra) });
  if (extra.length) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(extra)} are not in the template.`).keyed('errors.qontak.templateExtra', { name, keys: braces(extra) });
  if (twice.length === 1) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(twice)} is given twice.`).keyed('errors.qontak.templateTwiceOne', { name, keys: braces(twice) });
  if (twice.length) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(twice)} are given twice.`).keyed('errors.qontak.templateTwice', { name, keys: braces(twice) });
  if (empty.length === 1) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(empty)} is empty.`).keyed('errors.qontak.templateEmptyOne', { name, keys: braces(empty) });
  if (empty.length) throw new AppFailure('validation', `The values don't fit the template "${name}": ${braces(empty)} are empty.`).keyed('errors.qontak.templateEmpty', { name, keys: braces(empty) });
  return wanted.map((key) => {
    const p = byKey.get(key)!;
    return { key, value: p.label?.trim() || key, value_text: p.text };
  });
}

/** The template's text and language: from the ref when it carries them, else from the Hub's list. */
async function resolveTemplate(ctx: AccountContext, ref: TemplateRef): Promise<Pick<TemplateRef, 'headerFormat' | 'buttons'> & { name: string; body: string; language: string }> {
  if (ref.body != null && ref.language) return { name: ref.name, body: ref.body, language: ref.language, headerFormat: ref.headerFormat, buttons: ref.buttons };
  const found = (await listTemplates(ctx)).find((t) => t.id === ref.id);
  if (!found) {
    throw new AppFailure('validation', `The template "${ref.name}" is no longer on Qontak Hub. Refresh the templates and pick it again.`, `message_template_id ${ref.id} not listed`).keyed('errors.qontak.templateGone', { name: ref.name });
  }
  const language = ref.language || found.language;
  if (!language) throw new AppFailure('validation', `Qontak Hub gives no language for the template "${found.name}", so it can't be sent.`).keyed('errors.qontak.templateNoLanguage', { name: found.name });
  return { name: found.name, body: ref.body ?? found.body, language, headerFormat: ref.headerFormat ?? found.headerFormat, buttons: ref.buttons ?? found.buttons };
}

export async function send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult> {
  if (message.kind !== 'template') {
    throw new AppFailure('validation', `Qontak Hub accounts send text replies and approved WhatsApp templates only, so this ${message.kind} message can't go out.`).keyed('errors.qontak.kindNotSupported', { kind: message.kind });
  }
  if (target.isGroup) throw new AppFailure('validation', 'Qontak Hub sends templates to phone numbers only, not to groups.').keyed('errors.qontak.noGroups');
  const toNumber = target.peerId.replace(/\D/g, '');
  if (!toNumber) throw new AppFailure('validation', `"${target.peerId}" is not a phone number Qontak Hub can send to.`).keyed('errors.qontak.notPhone', { peer: target.peerId });
  const channel = ctx.config.channelIntegrationId?.trim();
  if (!channel) throw new AppFailure('validation', 'Choose the WhatsApp number this account sends from: edit the account and pick a channel.').keyed('errors.qontak.noChannel');
  const template = await resolveTemplate(ctx, message.template);
  const parameters = { body: bodyParameters(template, message.params), ...templateExtras(template, message) };
  const body = (await api(ctx, {
    method: 'POST',
    path: '/api/open/v1/broadcasts/whatsapp/direct',
    json: {
      to_number: toNumber,
      to_name: target.name?.trim() || toNumber,
      message_template_id: message.template.id,
      channel_integration_id: channel,
      language: { code: template.language },
      parameters,
    },
  })) as { data: unknown };
  const id = (body.data as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') throw unexpected(NAME, `The send answer has no broadcast id: ${snippet(JSON.stringify(body))}`);
  return { providerMessageId: null, broadcastId: id };
}

const TRANSIENT = /rate|limit|timeout|timed out|temporar|try again|throttl/i;

function toStatus(broadcastId: string, entry: LogEntry): InboundStatus | null {
  const at = Date.parse(entry.updated_at ?? entry.created_at ?? '') || Date.now();
  switch (entry.status) {
    case 'sent':
    case 'delivered':
    case 'read':
      return { type: 'status', providerMessageId: broadcastId, broadcastId, status: entry.status, at };
    case 'failed': {
      // The log says "n/a" (not null) when it has no error message (reference note, broadcast log).
      const given = entry.whatsapp_error_message?.trim();
      if (given && given.toLowerCase() !== 'n/a') return { type: 'status', providerMessageId: broadcastId, broadcastId, status: 'failed', error: given, permanent: !TRANSIENT.test(given), at };
      const error = 'WhatsApp did not deliver the message (Qontak Hub gave no reason).';
      return { type: 'status', providerMessageId: broadcastId, broadcastId, status: 'failed', error, errorWording: { key: 'errors.qontak.notDeliveredNoReason' }, permanent: true, at };
    }
    default:
      // "pending" (queued at the Hub) or a state we don't know: nothing beyond "accepted" yet.
      return null;
  }
}

export async function lookupStatus(ctx: AccountContext, sent: { providerMessageId: string | null; broadcastId: string | null; to: string; sentAfter?: number }): Promise<InboundStatus | null> {
  if (!sent.broadcastId) return sent.sentAfter === undefined ? null : findBroadcast(ctx, sent.to, sent.sentAfter);
  const body = (await api(ctx, {
    method: 'GET',
    path: `/api/open/v1/broadcasts/${encodeURIComponent(sent.broadcastId)}/whatsapp/log`,
    notFound: (detail) => new AppFailure('not_found', 'Qontak Hub no longer knows this broadcast, so its delivery status cannot be read.', detail).keyed('errors.qontak.broadcastGone'),
  })) as { data: unknown };
  const entries = logEntries(body.data);
  const to = sent.to.replace(/\D/g, '');
  const entry = entries.find((e) => e.contact_phone_number?.replace(/\D/g, '') === to) ?? (entries.length === 1 ? entries[0] : undefined);
  return entry ? toStatus(sent.broadcastId, entry) : null;
}

/**
 * A message caught mid-send has no broadcast id: the Hub's list of broadcasts (newest first,
 * GET /api/open/v1/broadcasts/whatsapp — the Hub API's list; not in our doc) is searched for one
 * created since, whose log names this number. Found: the message did reach Qontak, and its log
 * says how far it got (a "pending" broadcast counts as sent). Not found: we cannot tell, so the
 * operator decides.
 */
async function findBroadcast(ctx: AccountContext, to: string, sentAfter: number): Promise<InboundStatus | null> {
  const body = (await api(ctx, { method: 'GET', path: '/api/open/v1/broadcasts/whatsapp', query: { limit: '50' } })) as { data: unknown };
  const list = Array.isArray(body.data) ? (body.data as { id?: unknown; created_at?: unknown }[]) : [];
  const wanted = to.replace(/\D/g, '');
  for (const b of list) {
    if (typeof b.id !== 'string') continue;
    const created = typeof b.created_at === 'string' ? Date.parse(b.created_at) : NaN;
    // A minute of slack for clocks that disagree.
    if (!Number.isNaN(created) && created < sentAfter - 60_000) continue;
    const log = (await api(ctx, { method: 'GET', path: `/api/open/v1/broadcasts/${encodeURIComponent(b.id)}/whatsapp/log` })) as { data: unknown };
    const entry = logEntries(log.data).find((e) => e.contact_phone_number?.replace(/\D/g, '') === wanted);
    if (!entry) continue;
    const status = toStatus(b.id, entry) ?? { type: 'status' as const, providerMessageId: b.id, status: 'sent' as const, at: Date.now() };
    return { ...status, broadcastId: b.id };
  }
  return null;
}
