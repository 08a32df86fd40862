// A faithful simulator of Qontak Hub's WhatsApp API (shared/provider-docs/qontak-hub.md), on
// node:http only. Tests start it on a random port; `test/simulators/cli.ts` runs it standalone.
//
// Where the doc is vague, these are the decisions (the lead's brief, plus our own where marked *):
// - POST /oauth/token takes JSON (or *form-encoded, as Doorkeeper does) with the password grant
//   exactly as documented, and Doorkeeper's refresh_token grant. Client id/secret must match on
//   both (401 invalid_client). Wrong username/password or an unknown/used refresh token → 401
//   `{"error":"invalid_grant","error_description":…}` (Doorkeeper ≥ 5 would say 400; the adapter
//   takes both). *Missing grant_type/username/password/refresh_token → 400 invalid_request; other
//   grants → 400 unsupported_grant_type. A refresh revokes the old access and refresh token.
//   Tokens live `tokenTtlSeconds` (default one year; the doc's expires_in is ~345 days).
// - API calls need `Authorization: Bearer <access_token>`; missing, unknown, revoked or expired →
//   401 `{"status":"error","error":{"code":401,"messages":["The access token expired"|…]}}` with
//   Doorkeeper's WWW-Authenticate header.
// - *Errors use the open API's `{"status":"error","error":{"code","messages":[…]}}`. Order of checks:
//   body too large (413) → route (404 unknown path, 405 wrong method, Grape-like) → malformed JSON
//   (400) → bearer (401) → required fields (422, all at once, Grape "x is missing") → business rules
//   (422, one at a time): to_number digits (8–15), channel (a `wa` integration) → "Channel
//   integration not found", template → "Message template not found", template APPROVED,
//   language.code = the template's language, then parameters.body keys = the template's {{n}}.
//   *to_name is required (Hub clients always send it, defaulting to the number).
// - *A direct broadcast answers 201 (Grape's default for POST) with the documented body and a fresh
//   uuid; message_status_count stays all zero as in the doc's sample.
// - Lists (integrations, templates, broadcast log) page with limit / cursor / cursor_direction and
//   answer `meta.pagination` as documented; `next` is null on the last page; see model.ts.
// - GET /api/open/v1/broadcasts/{id}/whatsapp/log (not in the doc; the Hub's broadcast log):
//   `{status:"success", data:[{ id, organization_id, messages_broadcast_id, contact_phone_number,
//   contact_full_name, status, whatsapp_message_id, whatsapp_error_message, messages_response,
//   created_at, updated_at }], meta}`. A new broadcast is "pending" until setBroadcastStatus moves
//   it. Unknown id → 404 "Broadcast not found".
// - Webhooks follow the reference note (provider-docs/reference/qontak.md, "Webhooks"): the app
//   registers its URL with PUT /api/open/v1/message_interactions (interactions.ts); then the
//   simulator POSTs the note's three payloads (webhooks.ts) there: a customer's message
//   (`customerMessage`, or the control page), an agent's message and its status (`agentMessage`),
//   and the status of every broadcast message as `setBroadcastStatus` moves it (is_campaign true),
//   as well as of bot messages in rooms (room replies). Each kind only when its flag is on; every
//   delivery is logged in `webhookDeliveries`. A customer message opens the room's 24-hour session.
// - Direct sends are also checked against the template's header and buttons (routes.ts).
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendJson, type UploadedFile } from '../http';
import { deliverWebhook, type WebhookDelivery } from '../webhooks';
import { handleControl } from './control';
import { botMessage, messageInteractions, newWebhookSettings, roomFor, type WebhookSettings } from './interactions';
import { agentStatusPayload, botStatusPayload, customerMessagePayload, newChatMessage, type RoomRecord } from './webhooks';
import { BROADCAST_STATUSES, type BroadcastStatus, type IntegrationRecord, seedIntegrations, seedTemplates, type TemplateRecord } from './model';
import {
  authenticate,
  type BotMessageRecord,
  broadcastLog,
  listBroadcasts,
  type Ctx,
  directBroadcast,
  hubError,
  type HubState,
  listIntegrations,
  listTemplates,
  type Reply,
  tokenEndpoint,
  whatsappMessageId,
} from './routes';

export type { RecordedRequest } from '../http';
export type { WebhookDelivery } from '../webhooks';
export { DOC_CHANNEL_ID, DOC_TEMPLATE_BODY, DOC_TEMPLATE_ID } from './model';

export interface QontakSimulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default owner@example.com. */
  username?: string;
  /** Defaults: random. */
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** Access token lifetime; default one year. Small values let tests force expiry. */
  tokenTtlSeconds?: number;
  /** Items per list page when the client sends no `limit`; default 10. */
  pageSize?: number;
}

export type { FaultReply } from '../faults';

export interface AcceptedBroadcast {
  id: string;
  /** The JSON body as sent. */
  request: Record<string, unknown>;
  status: BroadcastStatus;
  error: string | null;
}

type Handler = (s: HubState, ctx: Ctx, files: Record<string, UploadedFile>) => Reply;
interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** False only for the token endpoint. */
  auth: boolean;
  handler: Handler;
}

/** Room files go up to WhatsApp's largest document (100 MB). */
const BODY_LIMIT = 110 * 1024 * 1024;
const normalisePath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);

export class QontakSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly bot = { id: randomUUID() };
  private readonly agent = { id: randomUUID(), name: 'Agent One' };
  private readonly state: HubState;
  private readonly routes: Route[];
  private readonly faults = new FaultQueue(normalisePath);
  private server: Server | null = null;
  private baseUrl = '';

  private constructor(opts: QontakSimulatorOptions) {
    const organizationId = randomUUID();
    this.state = {
      organizationId,
      credentials: {
        username: opts.username ?? 'owner@example.com',
        password: opts.password ?? randomBytes(9).toString('base64url'),
        clientId: opts.clientId ?? randomBytes(32).toString('base64url'),
        clientSecret: opts.clientSecret ?? randomBytes(32).toString('base64url'),
      },
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 31_536_000,
      pageSize: opts.pageSize ?? 10,
      tokens: [],
      tokensIssued: 0,
      integrations: seedIntegrations(organizationId),
      templates: seedTemplates(),
      broadcasts: new Map(),
      webhook: newWebhookSettings(),
      rooms: new Map(),
      chats: new Map(),
      botMessages: [],
      after: (fn) => this.track(new Promise((resolve) => setTimeout(resolve, 10)).then(fn)),
      advance: (chatId, status) => this.advance(chatId, status),
      roomFor: (phone, name, channel) => roomFor(this.state, phone, name, channel),
    };
    const route = (method: string, path: string, handler: Handler, auth = true): Route => ({ method, ...compile(path), auth, handler });
    this.routes = [
      route('POST', '/oauth/token', tokenEndpoint, false),
      route('GET', '/api/open/v1/integrations', listIntegrations),
      route('GET', '/api/open/v1/templates/whatsapp', listTemplates),
      route('POST', '/api/open/v1/broadcasts/whatsapp/direct', directBroadcast),
      route('GET', '/api/open/v1/broadcasts/whatsapp', listBroadcasts),
      route('GET', '/api/open/v1/broadcasts/:id/whatsapp/log', broadcastLog),
      route('PUT', '/api/open/v1/message_interactions', messageInteractions),
      route('POST', '/api/open/v1/messages/whatsapp/bot', botMessage),
    ];
  }

  static async start(opts: QontakSimulatorOptions = {}): Promise<QontakSimulator> {
    const sim = new QontakSimulator(opts);
    const { server, url } = await listen((req, res) => void sim.handle(req, res), opts.port ?? 0, opts.host ?? '127.0.0.1');
    sim.server = server;
    sim.baseUrl = url;
    return sim;
  }

  /** The base URL, e.g. http://127.0.0.1:43121; /oauth/token and /api/open/v1/… are appended to it. */
  get url(): string {
    return this.baseUrl;
  }

  /** The people-facing control page (not part of the API). */
  get controlUrl(): string {
    return `${this.baseUrl}/_sim`;
  }

  get username(): string {
    return this.state.credentials.username;
  }
  get password(): string {
    return this.state.credentials.password;
  }
  get clientId(): string {
    return this.state.credentials.clientId;
  }
  get clientSecret(): string {
    return this.state.credentials.clientSecret;
  }

  /** How many access tokens /oauth/token has issued (password and refresh grants). */
  get tokensIssued(): number {
    return this.state.tokensIssued;
  }

  /** Every direct broadcast the simulator accepted, oldest first. */
  get broadcasts(): AcceptedBroadcast[] {
    return [...this.state.broadcasts.values()].map((b) => ({ id: b.id, request: structuredClone(b.request), status: b.log.status, error: b.log.whatsapp_error_message }));
  }

  get integrations(): IntegrationRecord[] {
    return structuredClone(this.state.integrations);
  }

  get templates(): TemplateRecord[] {
    return structuredClone(this.state.templates);
  }

  template(name: string): TemplateRecord {
    const t = this.state.templates.find((x) => x.name === name);
    if (!t) throw new Error(`No template named ${name}`);
    return structuredClone(t);
  }

  addTemplate(t: Partial<TemplateRecord> & { name: string; body: string }): TemplateRecord {
    const record: TemplateRecord = { id: randomUUID(), language: 'en', header: null, footer: null, status: 'APPROVED', category: 'UTILITY', ...t };
    this.state.templates.push(record);
    return structuredClone(record);
  }

  addIntegration(accountName: string, serverWaId: string, targetChannel = 'wa'): IntegrationRecord {
    const record: IntegrationRecord = {
      id: randomUUID(),
      target_channel: targetChannel,
      webhook: randomBytes(16).toString('base64url'),
      settings: { domain_server: 'https://api-whatsapp.qontak.net', authorization: randomBytes(16).toString('base64'), account_name: accountName, server_wa_id: serverWaId },
      organization_id: this.state.organizationId,
      created_at: new Date().toISOString(),
    };
    this.state.integrations.push(record);
    return structuredClone(record);
  }

  /** What the app registered with PUT message_interactions. */
  get webhook(): WebhookSettings {
    return { ...this.state.webhook };
  }

  get rooms(): RoomRecord[] {
    return structuredClone([...this.state.rooms.values()]);
  }

  /** Room replies the app sent through /messages/whatsapp/bot, with the Hub's message id each became. */
  get botMessages(): BotMessageRecord[] {
    return this.state.botMessages.map((m) => ({ ...m, file: m.file ? { ...m.file, bytes: Buffer.from(m.file.bytes) } : null }));
  }

  /**
   * A customer writes: their room opens (or reopens its session) and the note's customer-message
   * webhook goes to the registered URL. Resolves with the delivery (the app's HTTP status).
   */
  async customerMessage(m: { phone: string; name: string; text: string; at?: Date }): Promise<{ status: number | null; payload: Record<string, unknown>; room: RoomRecord }> {
    const channel = this.state.integrations.find((i) => i.target_channel === 'wa')!;
    const room = roomFor(this.state, m.phone, m.name, channel.id);
    const chat = newChatMessage(m.text, m.at);
    room.sessionAt = chat.createdAt;
    const payload = customerMessagePayload(room, chat, randomUUID());
    const status = this.state.webhook.receive_message_from_customer ? await this.post(payload) : null;
    return { status, payload, room: structuredClone(room) };
  }

  /** An agent answers in Qontak's own inbox: the note's agent-message webhook, then one per later status. */
  async agentMessage(m: { phone: string; text: string; status?: string }): Promise<{ chatId: string; status: number | null; payload: Record<string, unknown> }> {
    const room = this.state.rooms.get(m.phone);
    if (!room) throw new Error(`No room for ${m.phone}: a customer must write first`);
    const chat = newChatMessage(m.text);
    this.state.chats.set(chat.id, { kind: 'agent', room, chat, status: m.status ?? 'sent' });
    const payload = agentStatusPayload(room, chat, m.status ?? 'sent', this.agent);
    const status = this.state.webhook.receive_message_from_agent || this.state.webhook.status_message ? await this.post(payload) : null;
    return { chatId: chat.id, status, payload };
  }

  /** Moves a room message (agent, bot or broadcast) to `status` and sends its status webhook; null when none was sent. */
  async advance(chatId: string, status: string): Promise<number | null> {
    const c = this.state.chats.get(chatId);
    if (!c) throw new Error(`No room message ${chatId}`);
    c.status = status;
    if (!this.state.webhook.status_message && !(c.kind === 'campaign' && this.state.webhook.broadcast_log_status)) return null;
    const payload = c.kind === 'agent' ? agentStatusPayload(c.room, c.chat, status, this.agent) : botStatusPayload(c.room, c.chat, status, this.bot, c.kind === 'campaign');
    return this.post(payload);
  }

  /** The chat message id a broadcast became in the recipient's room. */
  broadcastChatId(broadcastId: string): string {
    const b = this.state.broadcasts.get(broadcastId);
    if (!b) throw new Error(`No broadcast ${broadcastId}`);
    return b.chat.id;
  }

  /** Resolves once every webhook the simulator started sending has been answered. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => undefined);
    return p;
  }

  private post(payload: Record<string, unknown>): Promise<number | null> {
    const url = this.state.webhook.url;
    if (!url) return Promise.resolve(null);
    return this.track(deliverWebhook(this.webhookDeliveries, url, payload, { rethrow: false }));
  }

  /**
   * Moves a broadcast's log entry to `status` (the recipient's phone got it, read it, or it
   * failed) and sends the note's broadcast-status webhook for it (not for "pending").
   */
  setBroadcastStatus(broadcastId: string, status: BroadcastStatus, error?: string): void {
    const b = this.state.broadcasts.get(broadcastId);
    if (!b) throw new Error(`No broadcast ${broadcastId}`);
    if (!BROADCAST_STATUSES.includes(status)) throw new Error(`Unknown status ${String(status)}; use one of ${BROADCAST_STATUSES.join(', ')}`);
    b.log.status = status;
    b.log.updated_at = new Date().toISOString();
    if (status !== 'pending' && status !== 'failed') b.log.whatsapp_message_id ??= whatsappMessageId();
    b.log.whatsapp_error_message = status === 'failed' ? (error ?? 'Message failed to send') : null;
    if (status !== 'pending') void this.advance(b.chat.id, status);
  }

  /** Every access token issued so far stops working (as if its time ran out). */
  expireAllTokens(): void {
    const past = Date.now() - 1;
    for (const t of this.state.tokens) t.expiresAt = Math.min(t.expiresAt, past);
  }

  requestsTo(path: string): RecordedRequest[] {
    const wanted = normalisePath(path.split('?')[0]!);
    return this.requests.filter((r) => normalisePath(r.path) === wanted);
  }

  /** The next `n` requests (only those to `path`, when given) answer `reply` instead. */
  failNext(n: number, reply: FaultReply, path?: string): void {
    this.faults.add(n, reply, path);
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator.local');
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
        await handleControl(this.controlTarget(), req, res, url.pathname);
        return;
      }
      await this.handleApi(req, res, url);
    } catch (err) {
      console.error('[qontak simulator]', err);
      if (!res.headersSent) sendJson(res, 500, { status: 'error', error: { code: 500, messages: ['Internal server error'] } });
      else res.destroy();
    }
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req, BODY_LIMIT);
    const parsed = raw ? await parseBody(raw, req.headers['content-type']) : ({ kind: 'none' } as const);
    const query = queryRecord(url.searchParams);
    const record: RecordedRequest = { method, path: url.pathname, query, headers: headersRecord(req), at: Date.now() };
    if (parsed.kind === 'json') record.json = parsed.value;
    if (parsed.kind === 'form') record.form = parsed.fields;
    const files = parsed.kind === 'form' ? parsed.files : {};
    if (Object.keys(files).length) record.files = files;
    this.requests.push(record);

    const fault = this.faults.take(url.pathname);
    if (fault) return replyFault(req, res, fault);
    if (!raw) return write(res, hubError(413, ['Payload too large']));
    const path = normalisePath(url.pathname);
    const candidates = this.routes.map((route) => ({ route, m: route.pattern.exec(path) })).filter((c) => c.m !== null);
    if (candidates.length === 0) return write(res, hubError(404, ['Not Found']));
    const hit = candidates.find((c) => c.route.method === method);
    if (!hit) return write(res, { ...hubError(405, ['405 Not Allowed']), headers: { Allow: candidates.map((c) => c.route.method).join(', ') } });
    if (parsed.kind === 'invalid') {
      return write(res, hit.route.auth ? hubError(400, [parsed.message]) : { status: 400, json: { error: 'invalid_request', error_description: parsed.message } });
    }
    if (hit.route.auth) {
      const auth = authenticate(this.state, req.headers.authorization);
      if ('status' in auth) return write(res, auth);
    }
    const params: Record<string, string> = {};
    hit.route.keys.forEach((key, i) => (params[key] = decodeURIComponent(hit.m![i + 1] ?? '')));
    const body = parsed.kind === 'json' && isRecord(parsed.value) ? parsed.value : parsed.kind === 'form' ? parsed.fields : {};
    write(res, hit.route.handler(this.state, { query, body, params }, files));
  }

  private controlTarget(): Parameters<typeof handleControl>[0] {
    return {
      requests: this.requests,
      credentials: () => ({ ...this.state.credentials }),
      broadcasts: () => [...this.state.broadcasts.values()].map((b) => ({ ...b.log, templateName: (b.answer.message_template as { name: string }).name })),
      setBroadcastStatus: (id, status, error) => this.setBroadcastStatus(id, status, error),
      expireAllTokens: () => this.expireAllTokens(),
      tokensIssued: () => this.state.tokensIssued,
      webhook: () => this.webhook,
      rooms: () => this.rooms,
      customerMessage: (m) => this.customerMessage(m).then((r) => r.status),
      agentMessage: (m) => this.agentMessage(m).then((r) => r.status),
    };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys };
}

function write(res: ServerResponse, reply: Reply): void {
  sendJson(res, reply.status, reply.json, reply.headers);
}

