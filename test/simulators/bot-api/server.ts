// A faithful simulator of the "WhatsApp bot API" provider (shared/provider-docs/whatsapp-bot-api.md),
// on node:http only. Tests start it on a random port; `test/simulators/cli.ts` runs it standalone.
//
// Where the doc is vague, these are the decisions (the lead's brief, plus our own where marked *):
// - No base-path prefix; paths and methods exactly as documented, matched case-sensitively; one
//   trailing slash is tolerated (Express non-strict routing), so `/whatsapp/instance/` also works.
//   `/whatsapp/sendText` (the doc's curl) is accepted beside `/whatsapp/message/sendText`.
// - Every API request needs `Authorization: Bearer <token>` (401 `Unauthorized`). Order of checks:
//   body too large (413) → malformed body (400 `Invalid JSON body`) → bearer (401) → route (404
//   `Cannot <METHOD> <path>`, Express-like, also for a wrong method) → instance credentials →
//   required fields → *format checks → "Instance is not connected".
// - Instance-scoped endpoints (all but createNewWhatsapp, GET /whatsapp, DELETE /whatsapp/:id) take
//   session_id and access_token from the query or the JSON/form body, per field; an empty query value
//   (the doc's `session_id=&access_token=`) counts as absent.
// - *Bodies are parsed by Content-Type; `curl --data '{…}'` sends JSON labelled urlencoded, so a
//   urlencoded body that looks like JSON is JSON. Multipart uses the WHATWG Request parser.
// - createNewWhatsapp answers `settings.status: "CREATED"` (the doc's "CONNECTED" sample is an old
//   instance). Ids follow the samples: `_id` 24 hex; session_id/access_token five dash-joined groups
//   of 4 hex (the samples have five, e.g. `2ad8-07c9-447b-994d-eb8b`).
// - init → 204, status INITIALIZED with a QR `2@<base64>,<sessionId>` rotating every qrTtlMs;
//   `config.setWebhook` stores `config.webhookUrl` subscribed to onMessage. *init on a CONNECTED
//   instance is a no-op 204. GET /whatsapp/scan: PNG, or `format=base64text` → text/plain data URL;
//   204 when CONNECTED (nothing to scan); 400 `Instance not initialized` before init/after logout.
// - Settings updates copy only the section's documented keys and answer a Mongo updateOne result:
//   *matchedCount 1, modifiedCount 1 when a value changed, else 0 (Mongo semantics).
// - *setWebhook without `events` subscribes to onMessage; a non-http(s) URL → 400.
// - *DELETE /whatsapp/:id and logout with an unknown/mismatched id → 404 `Whatsapp not found`;
//   logout of an instance that is neither CONNECTED nor INITIALIZED → 400 `Instance is not connected`.
// - *chatId (or `to`) must be a WhatsApp address: phone digits, a group id (digits-digits or 1203…)
//   or a jid; anything else (e.g. "+234…") → 400 `Invalid chatId`. fileurl `type` must be image,
//   video, audio or document.
// - /whatsapp/message answers the documented body: `data.message`, `image`, `buttons` are `{}` as in
//   the sample; `attachment` echoes the ids; *`contact` is invented per contactId (the provider
//   resolves it from its own contact book); `location` echoes lat/lng as numbers.
// - Webhook payload (undocumented): Baileys WAMessage in `{event:"onMessage", session_id,
//   instance_key, data}`; see webhook.ts. Group messages carry the participant in `data.key` (as
//   Baileys does) and in `data.participant` (as the brief asks). *sendCustomerMessage rejects when
//   the instance has no webhook URL, is not subscribed to onMessage/onAnyMessage, or is not
//   CONNECTED (a logged-out phone receives nothing). One POST per message, even when both events
//   are subscribed. *A customer file given as bytes is encrypted as WhatsApp's CDN keeps it and
//   served at /mms/…; the message carries its url, mediaKey, fileSha256 and fileLength.
// - *fileurl and MediaButton download their link before answering; each download is in `fetches`.
import { deliverWebhook } from '../webhooks';
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendBytes, sendEmpty, sendJson } from '../http';
import { type Ctx, credential, fail, type Handler, isRecord, type Reply, type ScopedHandler } from './context';
import { handleControl, type ControlTarget } from './control';
import { type BotState, createInstance, deleteInstance, getInstance, initInstance, listInstances, logoutInstance, scanQr, setWebhook, updateSettings } from './instances';
import { type FetchRecord, MediaHost, UrlFetcher, encryptWhatsAppMedia } from '../media';
import { sendFileUrl, sendImage, sendMediaButton, sendMessage, sendStructured, sendTextDeprecated, sendUploadedFile } from './messages';
import { connect, type InstanceRecord, type InstanceStatus, newInstance, objectId } from './model';
import { type CustomerMessage, MESSAGE_EVENTS, messagePayload, type WebhookDelivery } from './webhook';

export type { RecordedRequest } from '../http';
export type { CustomerMessage, WebhookDelivery } from './webhook';
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
  qr: string | null;
  settings: object;
}

type Route =
  | { method: string; pattern: RegExp; keys: string[]; scoped: false; handler: Handler }
  | { method: string; pattern: RegExp; keys: string[]; scoped: true; handler: ScopedHandler };

const BODY_LIMIT = 16 * 1024 * 1024;

/** Express non-strict routing: `/a/b/` is `/a/b`. */
const normalisePath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);

export class BotApiSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Downloads of fileurl and MediaButton links. */
  readonly fetcher = new UrlFetcher();
  /** Customers' files, encrypted, as the CDN serves them. */
  readonly media = new MediaHost();
  private readonly state: BotState;
  private readonly routes: Route[];
  private readonly faults = new FaultQueue(normalisePath);
  private server: Server | null = null;
  private baseUrl = '';
  private phoneCounter = 0;

  private constructor(
    readonly bearerToken: string,
    qrTtlMs: number,
  ) {
    this.state = { instances: new Map(), userId: objectId(), qrTtlMs };
    this.routes = this.buildRoutes();
  }

  static async start(opts: BotApiSimulatorOptions = {}): Promise<BotApiSimulator> {
    const sim = new BotApiSimulator(opts.bearerToken ?? randomBytes(24).toString('base64url'), opts.qrTtlMs ?? 20_000);
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

  addInstance(opts: { connected?: boolean; phone?: string; name?: string } = {}): { id: string; sessionId: string; accessToken: string } {
    const inst = newInstance(this.state.userId, new Date().toISOString());
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
  }

  get fetches(): readonly FetchRecord[] {
    return this.fetcher.fetches;
  }

  /** Posts a customer message to the instance's webhook as the gateway would; resolves with the app's HTTP status. */
  async sendCustomerMessage(msg: CustomerMessage): Promise<number> {
    if (msg.media?.bytes) {
      const { bytes, ...media } = msg.media;
      const e = encryptWhatsAppMedia(bytes, media.kind);
      const path = `/mms/v/t62.7118-24/${randomBytes(12).toString('hex')}.enc`;
      this.media.add(path, e.enc, 'application/octet-stream');
      const cdn = { url: `${this.baseUrl}${path}`, mediaKey: e.mediaKey, fileSha256: e.fileSha256, fileEncSha256: e.fileEncSha256, fileLength: String(bytes.length) };
      return this.sendCustomerMessage({ ...msg, media: { ...media, ...cdn } });
    }
    const inst = this.state.instances.get(msg.sessionId);
    if (!inst) throw new Error(`No instance with session_id ${msg.sessionId}`);
    if (!inst.webhookUrl) throw new Error(`Instance ${msg.sessionId} has no webhook URL (set one with setWebhook or init config.setWebhook)`);
    if (!inst.webhookEvents.some((e) => MESSAGE_EVENTS.includes(e))) {
      throw new Error(`Instance ${msg.sessionId} is not subscribed to onMessage (events: ${inst.webhookEvents.join(', ') || 'none'})`);
    }
    if (inst.settings.status !== 'CONNECTED') throw new Error(`Instance ${msg.sessionId} is not connected (status ${inst.settings.status})`);
    return deliverWebhook(this.webhookDeliveries, inst.webhookUrl, messagePayload(msg));
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
    if (!this.authorised(req)) return sendJson(res, 401, { status: false, message: 'Unauthorized' });

    const path = normalisePath(url.pathname);
    const match = this.match(method, path);
    if (!match) return sendJson(res, 404, { status: false, message: `Cannot ${method} ${url.pathname}` });
    const body = parsed.kind === 'json' ? (isRecord(parsed.value) ? parsed.value : {}) : parsed.kind === 'form' ? parsed.fields : {};
    const ctx: Ctx = { method, path, query, body, files: parsed.kind === 'form' ? parsed.files : {}, params: match.params };
    const reply = match.route.scoped ? await this.runScoped(match.route.handler, ctx) : await match.route.handler(ctx);
    writeReply(res, reply);
  }

  private async runScoped(handler: ScopedHandler, ctx: Ctx): Promise<Reply> {
    const sessionId = credential(ctx, 'session_id');
    const accessToken = credential(ctx, 'access_token');
    if (!sessionId || !accessToken) return fail(400, 'session_id and access_token are required');
    const inst: InstanceRecord | undefined = this.state.instances.get(sessionId);
    if (!inst || inst.settings.access_token !== accessToken) return fail(401, 'Invalid session_id or access_token');
    return handler(ctx, inst);
  }

  private authorised(req: IncomingMessage): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match?.[1] === this.bearerToken;
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
      webhookDeliveries: this.webhookDeliveries,
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
          qr: inst.qr?.current() ?? null,
          qrExpiresAt: inst.qr?.expiresAt() ?? null,
        })),
    };
  }
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys };
}

function writeReply(res: ServerResponse, reply: Reply): void {
  if (reply.bytes !== undefined) return sendBytes(res, reply.status, reply.contentType ?? 'application/octet-stream', reply.bytes);
  if (reply.json !== undefined) return sendJson(res, reply.status, reply.json);
  sendEmpty(res, reply.status);
}
