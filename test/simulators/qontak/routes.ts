// The Hub's endpoints: the OAuth token endpoint (Doorkeeper-style) and the open API. Each handler
// gets the parsed request and answers a Reply the server writes out; see server.ts for the
// decisions behind the status codes and bodies.
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookSettings } from './interactions';
import {
  type BroadcastRecord,
  dynamicButton,
  headerFormat,
  type IntegrationRecord,
  type IssuedToken,
  paginate,
  placeholderKeys,
  randomToken,
  type TemplateRecord,
} from './model';
import { type ChatMessage, newChatMessage, type RoomRecord } from './webhooks';

/** A room message the app sent through /messages/whatsapp/bot; `file` the part as received. */
export interface BotMessageRecord {
  roomId: string;
  type: string;
  text: string | null;
  chatId: string;
  file: { filename: string; type: string; bytes: Buffer } | null;
}

/** A message in a room whose status webhooks the simulator sends. */
export interface ChatRecord {
  kind: 'bot' | 'agent' | 'campaign';
  room: RoomRecord;
  chat: ChatMessage;
  status: string;
}

export interface Credentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

export interface HubState {
  organizationId: string;
  credentials: Credentials;
  tokenTtlSeconds: number;
  pageSize: number;
  tokens: IssuedToken[];
  tokensIssued: number;
  integrations: IntegrationRecord[];
  templates: TemplateRecord[];
  broadcasts: Map<string, BroadcastRecord>;
  webhook: WebhookSettings;
  /** Rooms by the customer's number. */
  rooms: Map<string, RoomRecord>;
  /** Room messages by the Hub's message id. */
  chats: Map<string, ChatRecord>;
  botMessages: BotMessageRecord[];
  /** Runs after the current answer is written (webhooks follow the API answer, as at the Hub). */
  after(fn: () => unknown): void;
  /** Moves a room message to `status` and sends its status webhook. */
  advance(chatId: string, status: string): Promise<number | null>;
  roomFor(phone: string, name: string, channelIntegrationId: string): RoomRecord;
}

export interface Reply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

export interface Ctx {
  query: Record<string, string>;
  body: Record<string, unknown>;
  params: Record<string, string>;
}

export const hubError = (code: number, messages: string[], headers?: Record<string, string>): Reply => ({ status: code, json: { status: 'error', error: { code, messages } }, headers });
const success = (data: unknown, meta?: unknown, status = 200): Reply => ({ status, json: meta === undefined ? { status: 'success', data } : { status: 'success', data, meta } });

const oauthError = (status: number, error: string, description: string): Reply => ({ status, json: { error, error_description: description } });
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_CLIENT = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issue(s: HubState): Reply {
  const now = Date.now();
  const token: IssuedToken = { accessToken: randomToken(), refreshToken: randomToken(), issuedAt: now, expiresAt: now + s.tokenTtlSeconds * 1000, revoked: false };
  s.tokens.push(token);
  s.tokensIssued += 1;
  return {
    status: 200,
    json: { access_token: token.accessToken, token_type: 'Bearer', expires_in: s.tokenTtlSeconds, refresh_token: token.refreshToken, created_at: Math.floor(now / 1000) },
  };
}

/** POST /oauth/token: password and refresh_token grants; the client must match either way. */
export function tokenEndpoint(s: HubState, ctx: Ctx): Reply {
  const b = ctx.body;
  const grantType = str(b.grant_type);
  if (!grantType) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
  if (grantType !== 'password' && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
  }
  if (str(b.client_id) !== s.credentials.clientId || str(b.client_secret) !== s.credentials.clientSecret) return oauthError(401, 'invalid_client', INVALID_CLIENT);
  if (grantType === 'password') {
    if (!str(b.username)) return oauthError(400, 'invalid_request', 'Missing required parameter: username.');
    if (!str(b.password)) return oauthError(400, 'invalid_request', 'Missing required parameter: password.');
    if (b.username !== s.credentials.username || b.password !== s.credentials.password) return oauthError(401, 'invalid_grant', INVALID_GRANT);
    return issue(s);
  }
  const refresh = str(b.refresh_token);
  if (!refresh) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token.');
  const old = s.tokens.find((t) => t.refreshToken === refresh && !t.revoked);
  if (!old) return oauthError(401, 'invalid_grant', INVALID_GRANT);
  old.revoked = true;
  return issue(s);
}

/** The token behind an `Authorization: Bearer` header, or the 401 the Hub answers. */
export function authenticate(s: HubState, header: string | undefined): IssuedToken | Reply {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  const token = presented ? s.tokens.find((t) => t.accessToken === presented) : undefined;
  const refuse = (description: string): Reply =>
    hubError(401, [description], { 'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"` });
  if (!token || token.revoked) return refuse(token ? 'The access token was revoked' : 'The access token is invalid');
  if (Date.now() >= token.expiresAt) return refuse('The access token expired');
  return token;
}

function listed<T>(all: T[], s: HubState, query: Record<string, string>): Reply {
  const page = paginate(all, query, s.pageSize);
  return typeof page === 'string' ? hubError(422, [page]) : success(page.items, page.meta);
}

/** GET /api/open/v1/integrations[?target_channel=wa] */
export function listIntegrations(s: HubState, ctx: Ctx): Reply {
  const target = ctx.query.target_channel;
  return listed(target ? s.integrations.filter((i) => i.target_channel === target) : s.integrations, s, ctx.query);
}

/** GET /api/open/v1/templates/whatsapp — every template, whatever its approval status. */
export function listTemplates(s: HubState, ctx: Ctx): Reply {
  return listed(s.templates, s, ctx.query);
}

const REQUIRED = ['to_number', 'to_name', 'message_template_id', 'channel_integration_id'] as const;

/** Grape-style "x is missing" messages for the body's required fields and parameter entries. */
function missingFields(b: Record<string, unknown>): string[] {
  const out: string[] = REQUIRED.filter((k) => !str(b[k])).map((k) => `${k} is missing`);
  if (!isRecord(b.language) || !str(b.language.code)) out.push('language[code] is missing');
  if (b.parameters !== undefined && b.parameters !== null) {
    const body = isRecord(b.parameters) ? b.parameters.body : undefined;
    if (body !== undefined && !Array.isArray(body)) out.push('parameters[body] is invalid');
    for (const [i, p] of (Array.isArray(body) ? body : []).entries()) {
      for (const k of ['key', 'value', 'value_text']) if (!isRecord(p) || typeof p[k] !== 'string' || p[k] === '') out.push(`parameters[body][${i}][${k}] is missing`);
    }
  }
  return out;
}

/** POST /api/open/v1/broadcasts/whatsapp/direct */
export function directBroadcast(s: HubState, ctx: Ctx): Reply {
  const b = ctx.body;
  const missing = missingFields(b);
  if (missing.length) return hubError(422, missing);
  const toNumber = b.to_number as string;
  if (!/^\d{8,15}$/.test(toNumber)) return hubError(422, ['to_number is invalid']);
  const channel = s.integrations.find((i) => i.id === b.channel_integration_id && i.target_channel === 'wa');
  if (!channel) return hubError(422, ['Channel integration not found']);
  const template = s.templates.find((t) => t.id === b.message_template_id);
  if (!template) return hubError(422, ['Message template not found']);
  if (template.status !== 'APPROVED') return hubError(422, ['Message template is not approved']);
  const language = (b.language as { code: string }).code;
  if (language !== template.language) return hubError(422, [`Language ${language} does not match the message template (${template.language})`]);
  const given = ((b.parameters as { body?: { key: string; value: string }[] } | undefined)?.body ?? []) as { key: string; value: string }[];
  const extras = headerAndButtonProblems(template, b.parameters);
  if (extras.length) return hubError(422, extras);
  const wanted = placeholderKeys(template.body);
  const keys = given.map((p) => p.key);
  const absent = wanted.filter((k) => !keys.includes(k));
  const unknown = keys.filter((k) => !wanted.includes(k));
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (absent.length || unknown.length || twice.length) {
    return hubError(422, [
      ...absent.map((k) => `parameters body {{${k}}} is missing`),
      ...unknown.map((k) => `parameters body {{${k}}} is not in the message template`),
      ...twice.map((k) => `parameters body {{${k}}} is duplicated`),
    ]);
  }
  const now = new Date().toISOString();
  const id = randomUUID();
  const room = s.roomFor(toNumber, b.to_name as string, channel.id);
  const values = Object.fromEntries(given.map((p) => [p.key, (p as { value_text?: string }).value_text ?? p.value]));
  const chat = newChatMessage(template.body.replace(/\{\{\s*(\d+)\s*\}\}/g, (w, k: string) => values[k] ?? w));
  s.chats.set(chat.id, { kind: 'campaign', room, chat, status: 'created' });
  const answer = {
    id,
    name: b.to_name,
    organization_id: s.organizationId,
    channel_integration_id: channel.id,
    contact_list_id: null,
    contact_id: randomUUID(),
    target_channel: 'wa',
    parameters: { header: isRecord((b.parameters as Record<string, unknown>)?.header) ? (b.parameters as Record<string, unknown>).header : {}, body: Object.fromEntries(given.map((p) => [p.key, p.value])) },
    created_at: now,
    message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
    message_template: { ...template },
  };
  s.broadcasts.set(id, {
    id,
    chat,
    request: structuredClone(b),
    answer,
    log: {
      id: randomUUID(),
      organization_id: s.organizationId,
      messages_broadcast_id: id,
      contact_phone_number: toNumber,
      contact_full_name: b.to_name as string,
      status: 'pending',
      whatsapp_message_id: null,
      whatsapp_error_message: null,
      messages_response: null,
      created_at: now,
      updated_at: now,
    },
  });
  return success(answer, undefined, 201);
}

/**
 * `parameters.header` and `parameters.buttons` against the template, as the reference note gives
 * them ("POST /v1/broadcasts/whatsapp/direct"): header `{ format, params: [{ key: "url", value },
 * { key: "filename", value }] }` with the template's media format (filename for DOCUMENT);
 * buttons `[{ index: "<string position>", type: "url"|"URL", value }]`, one per URL button whose
 * url has a {{n}}. *An empty header object is accepted (the doc's own answer shows `header: {}`).
 */
function headerAndButtonProblems(template: TemplateRecord, parameters: unknown): string[] {
  const p = isRecord(parameters) ? parameters : {};
  const out: string[] = [];
  const format = headerFormat(template.header);
  const media = format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT' ? format : null;
  const header = p.header;
  const empty = header === undefined || header === null || (isRecord(header) && Object.keys(header).length === 0);
  if (media && empty) out.push(`parameters header is missing: the message template has a ${media} header`);
  if (!media && !empty) out.push('parameters header is not allowed: the message template has no media header');
  if (media && !empty) {
    if (!isRecord(header)) return [...out, 'parameters[header] is invalid'];
    if (header.format !== media) out.push(`parameters[header][format] must be ${media}`);
    const params = Array.isArray(header.params) ? (header.params as unknown[]) : null;
    if (!params) out.push('parameters[header][params] is missing');
    const value = (k: string): unknown => params?.find((x): x is Record<string, unknown> => isRecord(x) && x.key === k)?.value;
    const url = value('url');
    if (params && (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))) out.push('parameters[header][params] url is missing or invalid');
    if (params && media === 'DOCUMENT' && (typeof value('filename') !== 'string' || value('filename') === '')) out.push('parameters[header][params] filename is missing');
  }
  const buttons = p.buttons;
  if (buttons !== undefined && !Array.isArray(buttons)) return [...out, 'parameters[buttons] is invalid'];
  const givenButtons = (buttons ?? []) as unknown[];
  for (const [i, x] of givenButtons.entries()) {
    if (!isRecord(x) || typeof x.index !== 'string' || !/^\d+$/.test(x.index)) out.push(`parameters[buttons][${i}][index] is invalid`);
    else if (x.type !== 'url' && x.type !== 'URL') out.push(`parameters[buttons][${i}][type] does not have a valid value`);
    else if (typeof x.value !== 'string' || x.value === '') out.push(`parameters[buttons][${i}][value] is missing`);
    else if (!template.buttons?.[Number(x.index)] || !dynamicButton(template.buttons[Number(x.index)]!)) out.push(`parameters buttons index ${x.index} is not a dynamic URL button of the message template`);
  }
  (template.buttons ?? []).forEach((btn, index) => {
    if (dynamicButton(btn) && !givenButtons.some((x) => isRecord(x) && x.index === String(index))) out.push(`parameters buttons index ${index} is missing: button "${btn.text}" needs a value`);
  });
  return out;
}

/** GET /api/open/v1/broadcasts/whatsapp — the account's broadcasts, newest first. */
export function listBroadcasts(s: HubState, ctx: Ctx): Reply {
  const all = [...s.broadcasts.values()].map((b) => b.answer).reverse();
  return listed(all, s, ctx.query);
}

/** GET /api/open/v1/broadcasts/:id/whatsapp/log */
export function broadcastLog(s: HubState, ctx: Ctx): Reply {
  const broadcast = s.broadcasts.get(ctx.params.id ?? '');
  if (!broadcast) return hubError(404, ['Broadcast not found']);
  return listed([broadcast.log], s, ctx.query);
}

export const whatsappMessageId = (): string => `wamid.${randomBytes(24).toString('base64url')}`;
