// A faithful simulator of the "WhatsApp bot API" provider (shared/provider-docs/whatsapp-bot-api.md),
// on node:http only. Tests start it on a random port; `test/simulators/cli.ts` runs it standalone.
//
// Where the doc is vague, these are the decisions (the lead's brief, plus our own where marked *):
// - No base-path prefix; paths and methods exactly as documented, matched case-sensitively; one
//   trailing slash is tolerated (Express non-strict routing), so `/whatsapp/instance/` also works.
//   `/whatsapp/sendText` (the doc's curl) is accepted beside `/whatsapp/message/sendText`.
// - Every API request needs `Authorization: Bearer <token>`: the dashboard API token, or an access
//   token from `POST /sessions` (with `x-refresh` once it has expired; sessions.ts). 401
//   `Unauthorized` otherwise. Order of checks:
//   body too large (413) → malformed body (400 `Invalid JSON body`) → bearer (401) → route (404
//   `Cannot <METHOD> <path>`, Express-like, also for a wrong method) → instance credentials →
//   required fields → *format checks → engine refusals (401 "phone isn't connected", 500 "no account exists").
// - Instance-scoped endpoints (all but createNewWhatsapp, GET /whatsapp, DELETE /whatsapp/:id) take
//   session_id and access_token from the query or the JSON/form body, per field; an empty query value
//   (the doc's `session_id=&access_token=`) counts as absent. Missing → 403 `{error:true, message:
//   "no key query was present"}`, wrong → 403 "invalid key supplied" (reference note §B engine errors).
// - *Bodies are parsed by Content-Type; `curl --data '{…}'` sends JSON labelled urlencoded, so a
//   urlencoded body that looks like JSON is JSON. Multipart uses the WHATWG Request parser.
// - createNewWhatsapp answers `settings.status: "CREATED"` (the doc's "CONNECTED" sample is an old
//   instance). Ids follow the samples: `_id` 24 hex; session_id/access_token five dash-joined groups
//   of 4 hex (the samples have five, e.g. `2ad8-07c9-447b-994d-eb8b`).
// - init → 204, status INITIALIZED with a QR `2@<base64>,<sessionId>` rotating every qrTtlMs;
//   `config.setWebhook` stores `config.webhookUrl` subscribed to onMessage. *init on a CONNECTED
//   instance is a no-op 204. GET /whatsapp/scan: PNG, or `format=base64text` → text/plain data URL;
//   204 when CONNECTED (nothing to scan); 400 `Instance not initialized` before init/after logout.
//   Without `format` the QR comes as an HTML page around the image (note: "page / base64 text").
// - Settings updates copy only the section's documented keys and answer a Mongo updateOne result:
//   *matchedCount 1, modifiedCount 1 when a value changed, else 0 (Mongo semantics).
// - *setWebhook without `events` subscribes to onMessage; a non-http(s) URL → 400.
// - *DELETE /whatsapp/:id and logout with an unknown/mismatched id → 404 `Whatsapp not found`;
//   logout of an instance that is neither CONNECTED nor INITIALIZED → 401 `{error:true, message:"phone isn't connected"}` (note §B).
// - *chatId (or `to`) must be a WhatsApp address: phone digits, a group id (digits-digits or 1203…)
//   or a jid; anything else (e.g. "+234…") → 400 `Invalid chatId`. fileurl `type` must be image,
//   video, audio or document.
// - /whatsapp/message answers the documented body: `data.message`, `image`, `buttons` are `{}` as in
//   the sample; `attachment` echoes the ids; *`contact` is invented per contactId (the provider
//   resolves it from its own contact book); `location` echoes lat/lng as numbers.
// - Webhooks: each instance runs an engine, open-wa (default; `engine` option or setEngine) or
//   Baileys, and posts that engine's shapes from the reference note (webhook.ts, engine.ts).
//   *sendCustomerMessage rejects when the instance has no webhook URL, is not subscribed to a
//   message event (open-wa), or is not CONNECTED. *A customer file given as bytes is encrypted as
//   WhatsApp's CDN keeps it and served at /mms/…; the message carries its url and media key.
// - *fileurl and MediaButton download their link before answering; each download is in `fetches`.
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendEmpty, sendJson } from '../http';
import { compile, header, normalisePath, type Route, writeReply } from './routing';
import { type Ctx, credential, engineFail, type Handler, INVALID_KEY, isRecord, NO_KEY, type Reply, type ScopedHandler } from './context';
import { handleControl, type ControlTarget } from './control';
import { type BotState, createInstance, deleteInstance, getInstance, initInstance, listInstances, logoutInstance, scanQr, setWebhook, updateSettings } from './instances';
import { type FetchRecord, MediaHost, UrlFetcher } from '../media';
import { EngineWebhooks } from './engine';
import { describeSend } from './sends';
import { AccountAuth, type SimUser } from './sessions';
import { sendFileUrl, sendImage, sendMediaButton, sendMessage, sendStructured, sendTextDeprecated, sendUploadedFile } from './messages';
import { connect, type InstanceRecord, type InstanceStatus, newInstance, objectId, webMessageId } from './model';
import { type CustomerMessage, type Engine, type SentMessage, type WebhookDelivery } from './webhook';

export type { RecordedRequest } from '../http';
export type { CustomerMessage, Engine, SentMessage, WebhookDelivery } from './webhook';
export type { FetchRecord } from '../media';

export interface BotApiSimulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default: random. */
  bearerToken?: string;
  /** Default 20000. */
  qrTtlMs?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The engine new instances run (which webhook shapes they post). Default 'open-wa'. */
  engine?: Engine;
  /** Dashboard users who may sign in at POST /sessions. */
  users?: SimUser[];
  /** Lifetime of an access token from /sessions. Default 15 minutes. */
  accessTtlMs?: number;
  /** Baileys' WEBHOOK_BASE64: media messages carry the file as base64 `msgContent`. */
  webhookBase64?: boolean;
}

export type { FaultReply } from '../faults';

export interface InstanceSnapshot {
  id: string;
  sessionId: string;
  accessToken: string;
  status: InstanceStatus;
  phone: string | null;
  name: string | null;
  webhookUrl: string | null;
  webhookEvents: string[];
  engine: Engine;
  qr: string | null;
  settings: object;
}

const BODY_LIMIT = 16 * 1024 * 1024;

export class BotApiSimulator {
  readonly requests: RecordedRequest[] = [];
  /** Downloads of fileurl and MediaButton links. */
  readonly fetcher = new UrlFetcher();
  /** Customers' files, encrypted, as the CDN serves them. */
  readonly media = new MediaHost();
  private readonly state: BotState;
  private readonly routes: Route[];
  private readonly faults = new FaultQueue(normalisePath);
  private readonly hooks: EngineWebhooks;
  /** Account sign-in: the API token, and sessions from POST /sessions. */
  readonly auth: AccountAuth;
  private readonly unknownNumbers = new Set<string>();
  private server: Server | null = null;
  private baseUrl = '';
  private phoneCounter = 0;

  private constructor(
    readonly bearerToken: string,
    qrTtlMs: number,
    private readonly opts: BotApiSimulatorOptions,
  ) {
    this.state = { instances: new Map(), userId: objectId(), qrTtlMs };
    this.routes = this.buildRoutes();
    this.auth = new AccountAuth(bearerToken, opts.users ?? [], opts.accessTtlMs ?? 15 * 60_000);
    this.hooks = new EngineWebhooks(this.media, () => this.baseUrl, opts.webhookBase64 === true);
  }

  static async start(opts: BotApiSimulatorOptions = {}): Promise<BotApiSimulator> {
    const sim = new BotApiSimulator(opts.bearerToken ?? randomBytes(24).toString('base64url'), opts.qrTtlMs ?? 20_000, opts);
    const { server, url } = await listen((req, res) => void sim.handle(req, res), opts.port ?? 0, opts.host ?? '127.0.0.1');
    sim.server = server;
    sim.baseUrl = url;
    return sim;
  }

  /** The API base, e.g. http://127.0.0.1:43121; documented paths are appended to it. */
  get url(): string {
    return this.baseUrl;
  }

  /** The people-facing control page (not part of the API). */
  get controlUrl(): string {
    return `${this.baseUrl}/_sim`;
  }

  requestsTo(path: string): RecordedRequest[] {
    const wanted = normalisePath(path.split('?')[0]!);
    return this.requests.filter((r) => normalisePath(r.path) === wanted);
  }

  addInstance(opts: { connected?: boolean; phone?: string; name?: string; engine?: Engine } = {}): { id: string; sessionId: string; accessToken: string } {
    const inst = newInstance(this.state.userId, new Date().toISOString(), opts.engine ?? this.opts.engine);
    this.state.instances.set(inst.sessionId, inst);
    if (opts.connected) connect(inst, opts.phone ?? this.nextPhone(), opts.name ?? 'Simulated Phone');
    return { id: inst.id, sessionId: inst.sessionId, accessToken: inst.settings.access_token };
  }

  instance(sessionId: string): InstanceSnapshot | undefined {
    const inst = this.state.instances.get(sessionId);
    if (!inst) return undefined;
    return {
      id: inst.id,
      sessionId: inst.sessionId,
      accessToken: inst.settings.access_token,
      status: inst.settings.status,
      phone: inst.phone,
      name: inst.name,
      webhookUrl: inst.webhookUrl,
      webhookEvents: [...inst.webhookEvents],
      engine: inst.engine,
      qr: inst.qr?.current() ?? null,
      settings: structuredClone(inst.settings),
    };
  }

  /** The phone scans the QR being shown: the instance becomes CONNECTED with that phone and name. */
  scan(sessionId: string, phone?: string, name?: string): void {
    const inst = this.state.instances.get(sessionId);
    if (!inst) throw new Error(`No instance with session_id ${sessionId}`);
    if (inst.settings.status !== 'INITIALIZED' || !inst.qr) throw new Error(`Instance ${sessionId} is not showing a QR (status ${inst.settings.status})`);
    connect(inst, phone ?? this.nextPhone(), name ?? 'Simulated Phone');
    this.hooks.connection(inst, 'open');
  }

  /** Switches the engine an instance runs, so the webhook shapes it posts. */
  setEngine(sessionId: string, engine: Engine): void {
    this.record(sessionId).engine = engine;
  }

  /** Sends to this number answer the engine's 500 "no account exists". */
  notOnWhatsApp(phone: string): void {
    this.unknownNumbers.add(phone.replace(/\D/g, ''));
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.hooks.deliveries;
  }

  /** Every message the instances sent, with the key id an ack refers to. */
  get sent(): readonly SentMessage[] {
    return this.hooks.sent;
  }

  /** The phone's owner types a message on the phone itself (echoed under open-wa's onAnyMessage). */
  async sendFromPhone(sessionId: string, to: string, text: string): Promise<SentMessage> {
    const jid = to.includes('@') ? to : /-|^1203/.test(to) ? `${to}@g.us` : `${to}@c.us`;
    return this.hooks.recordSend(this.record(sessionId), { id: webMessageId(), jid, kind: 'text', text });
  }

  /** The engine reports a receipt for a sent message (open-wa onAck). */
  ack(messageId: string, level: -1 | 0 | 1 | 2 | 3 | 4): Promise<number> {
    const sent = this.hooks.sent.find((m) => m.id === messageId);
    if (!sent) throw new Error(`No sent message with id ${messageId}`);
    return this.hooks.ack(this.record(sent.sessionId), messageId, level);
  }

  private record(sessionId: string): InstanceRecord {
    const inst = this.state.instances.get(sessionId);
    if (!inst) throw new Error(`No instance with session_id ${sessionId}`);
    return inst;
  }

  get fetches(): readonly FetchRecord[] {
    return this.fetcher.fetches;
  }

  /** Posts a customer message to the instance's webhook as its engine would; resolves with the app's HTTP status. */
  async sendCustomerMessage(msg: CustomerMessage): Promise<number> {
    return this.hooks.customerMessage(this.record(msg.sessionId), msg);
  }

  /** The next `n` API requests (only those to `path`, when given) answer `reply` instead. */
  failNext(n: number, reply: FaultReply, path?: string): void {
    this.faults.add(n, reply, path);
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = null;
  }

  private nextPhone(): string {
    this.phoneCounter += 1;
    return `23481000${String(this.phoneCounter).padStart(5, '0')}`;
  }

  private buildRoutes(): Route[] {
    const s = this.state;
    const open = (method: string, path: string, handler: Handler): Route => ({ method, ...compile(path), scoped: false, handler });
    const scoped = (method: string, path: string, handler: ScopedHandler): Route => ({ method, ...compile(path), scoped: true, handler });
    return [
      scoped('PUT', '/whatsapp/updateGeneral', updateSettings('general')),
      scoped('PUT', '/whatsapp/updateActions', updateSettings('actions')),
      scoped('PUT', '/whatsapp/updateActiveDays', updateSettings('active_days')),
      scoped('PUT', '/whatsapp/updateActiveHours', updateSettings('active_hours')),
      scoped('PUT', '/whatsapp/setWebhook', setWebhook),
      open('POST', '/whatsapp/createNewWhatsapp', createInstance(s)),
      scoped('POST', '/whatsapp/init', initInstance(s)),
      scoped('GET', '/whatsapp/scan', scanQr),
      scoped('GET', '/whatsapp/instance', getInstance),
      scoped('GET', '/whatsapp/instance/logout/:id', logoutInstance),
      open('GET', '/whatsapp', listInstances(s)),
      scoped('POST', '/whatsapp/message', sendMessage),
      scoped('POST', '/whatsapp/message/image', sendImage),
      scoped('POST', '/whatsapp/message/video', sendUploadedFile),
      scoped('POST', '/whatsapp/message/audio', sendUploadedFile),
      scoped('POST', '/whatsapp/message/doc', sendUploadedFile),
      scoped('POST', '/whatsapp/message/fileurl', sendFileUrl(this.fetcher)),
      scoped('POST', '/whatsapp/message/button', sendStructured('btndata')),
      scoped('POST', '/whatsapp/message/MediaButton', sendMediaButton(this.fetcher)),
      scoped('POST', '/whatsapp/message/list', sendStructured('msgdata')),
      scoped('POST', '/whatsapp/message/contact', sendStructured('vcard')),
      scoped('POST', '/whatsapp/message/sendText', sendTextDeprecated),
      scoped('POST', '/whatsapp/sendText', sendTextDeprecated),
      open('DELETE', '/whatsapp/:id', deleteInstance(s)),
    ];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator.local');
      const method = (req.method ?? 'GET').toUpperCase();
      if ((method === 'GET' || method === 'HEAD') && this.media.handle(method, url.pathname, res)) return;
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
        await handleControl(this.controlTarget(), req, res, url.pathname);
        return;
      }
      await this.handleApi(req, res, url);
    } catch (err) {
      console.error('[bot-api simulator]', err);
      if (!res.headersSent) sendJson(res, 500, { status: false, message: 'Internal server error' });
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
    if (parsed.kind === 'form') {
      record.form = parsed.fields;
      if (Object.keys(parsed.files).length > 0) record.files = parsed.files;
    }
    this.requests.push(record);

    const fault = this.faults.take(url.pathname);
    if (fault) return replyFault(req, res, fault);
    if (!raw) return sendJson(res, 413, { status: false, message: 'Payload too large' });
    if (parsed.kind === 'invalid') return sendJson(res, 400, { status: false, message: parsed.message });
    if (normalisePath(url.pathname) === '/sessions') return this.sessions(req, res, method, parsed.kind === 'json' && isRecord(parsed.value) ? parsed.value : {});
    if (!this.auth.allows(req.headers.authorization, header(req, 'x-refresh'))) return sendJson(res, 401, { status: false, message: 'Unauthorized' });

    const path = normalisePath(url.pathname);
    const match = this.match(method, path);
    if (!match) return sendJson(res, 404, { status: false, message: `Cannot ${method} ${url.pathname}` });
    const body = parsed.kind === 'json' ? (isRecord(parsed.value) ? parsed.value : {}) : parsed.kind === 'form' ? parsed.fields : {};
    const ctx: Ctx = { method, path, query, body, files: parsed.kind === 'form' ? parsed.files : {}, params: match.params, unknownNumbers: this.unknownNumbers };
    const reply = match.route.scoped ? await this.runScoped(match.route.handler, ctx) : await match.route.handler(ctx);
    writeReply(res, reply);
    await this.afterReply(ctx, reply);
  }

  /** What the engine does once it has answered: echo a send, or report a logout. */
  private async afterReply(ctx: Ctx, reply: Reply): Promise<void> {
    const inst = this.state.instances.get(credential(ctx, 'session_id') ?? '');
    if (!inst || reply.status >= 300) return;
    const sent = describeSend(ctx, reply);
    if (sent) await this.hooks.recordSend(inst, sent);
    if (ctx.path.startsWith('/whatsapp/instance/logout/')) this.hooks.connection(inst, 'close');
  }

  /** POST /sessions signs in; DELETE /sessions signs out (sessions.ts). */
  private sessions(req: IncomingMessage, res: ServerResponse, method: string, body: Record<string, unknown>): void {
    if (method === 'POST') {
      const r = this.auth.signIn(body.email, body.password);
      return sendJson(res, r.status, r.json);
    }
    if (method === 'DELETE') {
      const status = this.auth.signOut(req.headers.authorization);
      return status === 204 ? sendEmpty(res, 204) : sendJson(res, status, { status: false, message: 'Unauthorized' });
    }
    sendJson(res, 404, { status: false, message: `Cannot ${method} /sessions` });
  }

  private async runScoped(handler: ScopedHandler, ctx: Ctx): Promise<Reply> {
    const sessionId = credential(ctx, 'session_id');
    const accessToken = credential(ctx, 'access_token');
    if (!sessionId || !accessToken) return engineFail(403, NO_KEY);
    const inst: InstanceRecord | undefined = this.state.instances.get(sessionId);
    if (!inst || inst.settings.access_token !== accessToken) return engineFail(403, INVALID_KEY);
    return handler(ctx, inst);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')));
      return { route, params };
    }
    return null;
  }

  private controlTarget(): ControlTarget {
    return {
      requests: this.requests,
      webhookDeliveries: this.hooks.deliveries,
      sent: this.hooks.sent,
      setEngine: (sessionId, engine) => this.setEngine(sessionId, engine),
      sendFromPhone: (sessionId, to, text) => this.sendFromPhone(sessionId, to, text),
      ack: (id, level) => this.ack(id, level),
      scan: (sessionId, phone, name) => this.scan(sessionId, phone, name),
      sendCustomerMessage: (msg) => this.sendCustomerMessage(msg),
      controlInstances: () =>
        [...this.state.instances.values()].map((inst) => ({
          id: inst.id,
          sessionId: inst.sessionId,
          status: inst.settings.status,
          phone: inst.phone,
          name: inst.name,
          webhookUrl: inst.webhookUrl,
          webhookEvents: inst.webhookEvents,
          engine: inst.engine,
          qr: inst.qr?.current() ?? null,
          qrExpiresAt: inst.qr?.expiresAt() ?? null,
        })),
    };
  }
}
