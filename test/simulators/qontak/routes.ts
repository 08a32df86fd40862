// The Hub's endpoints: the OAuth token endpoint (Doorkeeper-style) and the open API. Each handler
// gets the parsed request and answers a Reply the server writes out; see server.ts for the
// decisions behind the status codes and bodies.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type BroadcastRecord,
  type IntegrationRecord,
  type IssuedToken,
  paginate,
  placeholderKeys,
  randomToken,
  type TemplateRecord,
} from './model';

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
  const answer = {
    id,
    name: b.to_name,
    organization_id: s.organizationId,
    channel_integration_id: channel.id,
    contact_list_id: null,
    contact_id: randomUUID(),
    target_channel: 'wa',
    parameters: { header: {}, body: Object.fromEntries(given.map((p) => [p.key, p.value])) },
    created_at: now,
    message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
    message_template: { ...template },
  };
  s.broadcasts.set(id, {
    id,
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
