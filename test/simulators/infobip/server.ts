// A faithful simulator of Infobip OMNI (shared/provider-docs/infobip-omni.md), on node:http only.
// Tests start it on a random port; `test/simulators/cli.ts` runs it standalone.
//
// Decisions where the doc is vague:
// - Auth: `Authorization: App <apiKey>` or `Basic base64(username:password)`; both forms always
//   work (each has a default). Anything else → 401 {"requestError":{"serviceException":
//   {"messageId":"UNAUTHORIZED","text":"Invalid login details"}}}. Order of checks: body too large
//   (413) → auth (401) → route (404 NOT_FOUND, 405 METHOD_NOT_ALLOWED for a known path) → JSON
//   (400) → fields (400 BAD_REQUEST with `validationErrors` per field). One trailing slash is fine.
// - Scenarios: POST creates {key (32 upper hex), name, flow, default}; a new default scenario
//   clears the flag on the others. GET /omni/1/scenarios lists {"scenarios":[...]} (optionally
//   ?isDefault=true); GET /omni/1/scenarios/{key} reads one.
// - POST /omni/1/advanced: scenarioKey must name an existing scenario (else 400 "Scenario with key
//   … does not exist"); `whatsApp` is required when the scenario has a WHATSAPP step; WhatsApp text
//   ≤ 4096; a template needs templateName, templateNamespace, templateData (strings) and language;
//   an image needs a valid imageUrl. One message per destination, each answered with the doc's
//   PENDING_ENROUTE status and a fresh messageId (uuid).
// - Reports are produced by the test (`deliver`, `failoverToSms`) and, as at Infobip, each is
//   handed out once: GET /omni/1/reports (?limit 1…1000, default 50; ?messageId; ?bulkId) removes
//   what it returns. When the message had a `notifyUrl`, or the simulator a `reportsUrl`
//   (account-level push), the report is POSTed there as {"results":[report]} instead.
// - Failover: Infobip's OMNI report is per message, and a message ends on one channel, so
//   `failoverToSms` produces ONE final report: DELIVERED_TO_HANDSET with channel SMS (the failed
//   WhatsApp step is not reported on its own). `{ reportEachStep: true }` also queues the
//   WhatsApp UNDELIVERABLE step first, for testing clients against that variant.
// - Webhooks (reference/infobip.md "Webhooks", webhooks.ts): customer messages are POSTed to the
//   account's inbound URL (`inboundUrl`, set in Infobip's portal; no API sets it) as
//   {results:[…], messageCount, pendingMessageCount}, one or several results per post. A seen
//   report (`seen`) goes where the message's delivery report would go (notifyUrl, else the
//   account's reportsUrl) as {results:[{messageId, from, to, sentAt, seenAt, applicationId,
//   entityId}]}; with neither, it waits to be pulled in the legacy form {messageId, to, sentAt,
//   seenAt}. `pushMixed` posts delivery and seen reports in ONE batch, as "use one URL for all
//   report types" allows.
// - An accepted message with whatsApp.imageUrl has its image downloaded before the answer (Infobip
//   must fetch it to send it); the download is recorded in `fetches` and on the sent messages. The
//   answer stays PENDING_ENROUTE either way: a failed download would show in the report, not here.
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendJson } from '../http';
import { handleControl } from './control';
import { type FetchRecord, UrlFetcher } from '../media';
import { type InboundSpec, inboundPost, seenResult } from './webhooks';
import {
  ABSENT_SUBSCRIBER,
  buildReport,
  type DeliverSpec,
  messageId,
  PENDING_ENROUTE,
  type Report,
  requestError,
  type Scenario,
  scenarioKey,
  type SentMessage,
  UNAUTHORIZED,
  validateAdvanced,
  validateScenario,
} from './omni';

export type { RecordedRequest } from '../http';
export type { Channel, DeliverSpec, Report, Scenario, SentMessage } from './omni';
export type { InboundContent, InboundSpec } from './webhooks';

/** What GET /omni/1/reports hands out: delivery reports and legacy seen reports. */
type Pulled = Report | { messageId: string; to: string; sentAt: string; seenAt: string };
export type { FetchRecord } from '../media';

export interface InfobipSimulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: random. */
  apiKey?: string;
  /** Default "switchboard-sim". */
  username?: string;
  /** Default: random. */
  password?: string;
  /** Account-level push URL for delivery reports (else they wait to be pulled). */
  reportsUrl?: string;
  /** Where customer messages are posted (the inbound webhook set in Infobip's portal). */
  inboundUrl?: string;
}

export type { FaultReply } from '../faults';

export interface ReportPush {
  url: string;
  body: unknown;
  /** The receiver's HTTP status, or null when the POST itself failed. */
  status: number | null;
  error?: string;
  at: number;
}

interface Reply {
  status: number;
  json: unknown;
}

const BODY_LIMIT = 4 * 1024 * 1024;
const ROUTES = ['/omni/1/scenarios', '/omni/1/advanced', '/omni/1/reports'];
const normalisePath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);
const badRequest = (problems: Record<string, string[]>): Reply => ({ status: 400, json: requestError('BAD_REQUEST', 'Bad request', problems) });

export class InfobipSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly pushes: ReportPush[] = [];
  /** Downloads of whatsApp.imageUrl. */
  readonly fetcher = new UrlFetcher();
  private readonly scenarioMap = new Map<string, Scenario>();
  private readonly messages = new Map<string, SentMessage>();
  private readonly queue: Pulled[] = [];
  /** Where customer messages go (Infobip portal setting); null = nowhere. */
  inboundUrl: string | null = null;
  private readonly faults = new FaultQueue(normalisePath);
  private server: Server | null = null;
  private baseUrl = '';

  private constructor(
    readonly apiKey: string,
    readonly username: string,
    readonly password: string,
    public reportsUrl: string | null,
  ) {}

  static async start(opts: InfobipSimulatorOptions = {}): Promise<InfobipSimulator> {
    const sim = new InfobipSimulator(
      opts.apiKey ?? randomBytes(24).toString('hex'),
      opts.username ?? 'switchboard-sim',
      opts.password ?? randomBytes(9).toString('base64url'),
      opts.reportsUrl ?? null,
    );
    sim.inboundUrl = opts.inboundUrl ?? null;
    const { server, url } = await listen((req, res) => void sim.handle(req, res), opts.port ?? 0, opts.host ?? '127.0.0.1');
    sim.server = server;
    sim.baseUrl = url;
    return sim;
  }

  /** The API base, e.g. http://127.0.0.1:43121; documented paths are appended to it. */
  get url(): string {
    return this.baseUrl;
  }

  get controlUrl(): string {
    return `${this.baseUrl}/_sim`;
  }

  get fetches(): readonly FetchRecord[] {
    return this.fetcher.fetches;
  }

  /** Every message the API accepted, oldest first, with its request body. */
  get sent(): SentMessage[] {
    return [...this.messages.values()];
  }

  get scenarios(): Scenario[] {
    return [...this.scenarioMap.values()].map((s) => structuredClone(s));
  }

  /** Reports waiting to be pulled. */
  get pendingReports(): Pulled[] {
    return structuredClone(this.queue);
  }

  requestsTo(path: string): RecordedRequest[] {
    const wanted = normalisePath(path.split('?')[0]!);
    return this.requests.filter((r) => normalisePath(r.path) === wanted);
  }

  /** Creates a scenario as POST /omni/1/scenarios would. */
  addScenario(input: { name?: string; flow?: { from: string; channel: string }[]; default?: boolean } = {}): Scenario {
    const scenario: Scenario = {
      key: scenarioKey(),
      name: input.name ?? 'My WHATSAPP-SMS scenario',
      flow: input.flow ?? [
        { from: 'WhatsAppSender', channel: 'WHATSAPP' },
        { from: 'InfoSMS', channel: 'SMS' },
      ],
      default: input.default ?? false,
    };
    if (scenario.default) for (const s of this.scenarioMap.values()) s.default = false;
    this.scenarioMap.set(scenario.key, scenario);
    return structuredClone(scenario);
  }

  /** Produces the message's report: pushed when it has a notify URL, else queued for GET /omni/1/reports. */
  async deliver(id: string, spec: DeliverSpec): Promise<Report> {
    const msg = this.messages.get(id);
    if (!msg) throw new Error(`No sent message with messageId ${id}`);
    const report = buildReport(msg, spec);
    const url = msg.notifyUrl ?? this.reportsUrl;
    if (url) await this.push(url, { results: [report] });
    else this.queue.push(report);
    return report;
  }

  /** Customer messages, several results in one post when given several; resolves with the app's HTTP status. */
  /** Files customers sent, served to the account's credentials only, as Infobip serves inbound media. */
  readonly media = new Map<string, { bytes: Buffer; contentType: string }>();

  /** Keeps a customer's file and returns the link an inbound IMAGE/DOCUMENT result carries. */
  hostMedia(sender: string, bytes: Buffer, contentType: string): string {
    const id = randomUUID();
    this.media.set(`${sender}/${id}`, { bytes, contentType });
    return `${this.url}/whatsapp/1/senders/${sender}/media/${id}`;
  }

  async sendInbound(specs: InboundSpec | InboundSpec[]): Promise<number> {
    if (!this.inboundUrl) throw new Error('No inbound URL is set (the Infobip portal setting for incoming messages)');
    return this.push(this.inboundUrl, inboundPost(Array.isArray(specs) ? specs : [specs]));
  }

  /** The customer saw the message: pushed where its reports go, else queued in the legacy pulled form. */
  async seen(id: string): Promise<Record<string, unknown>> {
    const msg = this.sentMessage(id);
    const url = msg.notifyUrl ?? this.reportsUrl;
    const result = seenResult(msg, this.whatsAppSender(msg), { legacy: !url });
    if (url) await this.push(url, { results: [result] });
    else this.queue.push(result as Pulled);
    return result;
  }

  /** One pushed batch holding a delivery report for `deliveredId` and a seen report for `seenId`. */
  async pushMixed(deliveredId: string, seenId: string): Promise<unknown> {
    const delivered = this.sentMessage(deliveredId);
    const url = delivered.notifyUrl ?? this.reportsUrl;
    if (!url) throw new Error('A mixed batch is pushed: the message needs a notifyUrl, or the simulator a reportsUrl');
    const body = { results: [buildReport(delivered, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' }), seenResult(this.sentMessage(seenId), this.whatsAppSender(delivered))] };
    await this.push(url, body);
    return body;
  }

  private sentMessage(id: string): SentMessage {
    const msg = this.messages.get(id);
    if (!msg) throw new Error(`No sent message with messageId ${id}`);
    return msg;
  }

  private whatsAppSender(msg: SentMessage): string {
    return this.scenarioMap.get(msg.scenarioKey)?.flow.find((f) => f.channel === 'WHATSAPP')?.from ?? 'WhatsAppSender';
  }

  /** WhatsApp could not deliver; the scenario's SMS step did. See the header for how it is reported. */
  async failoverToSms(id: string, opts: { reportEachStep?: boolean } = {}): Promise<Report[]> {
    const msg = this.messages.get(id);
    if (!msg) throw new Error(`No sent message with messageId ${id}`);
    const flow = this.scenarioMap.get(msg.scenarioKey)?.flow ?? [];
    if (!flow.some((s) => s.channel === 'SMS')) throw new Error(`Scenario ${msg.scenarioKey} has no SMS step to fail over to`);
    if (typeof msg.sms?.text !== 'string') throw new Error(`Message ${id} has no sms.text, so there is nothing to send by SMS`);
    const reports: Report[] = [];
    if (opts.reportEachStep) reports.push(await this.deliver(id, { groupId: 2, name: 'UNDELIVERABLE_NOT_DELIVERED', channel: 'WHATSAPP', error: ABSENT_SUBSCRIBER }));
    reports.push(await this.deliver(id, { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'SMS' }));
    return reports;
  }

  /** The next `n` API requests (only those to `path`, when given) answer `reply` instead. */
  failNext(n: number, reply: FaultReply, path?: string): void {
    this.faults.add(n, reply, path);
  }

  /** Drops faults not yet met (a test that queued more than it used). */
  clearFaults(): void {
    this.faults.clear();
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = null;
  }

  private async push(url: string, body: unknown): Promise<number> {
    const push: ReportPush = { url, body, status: null, at: Date.now() };
    this.pushes.push(push);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer().catch(() => undefined);
      push.status = res.status;
      return res.status;
    } catch (err) {
      push.error = err instanceof Error ? err.message : String(err);
      throw new Error(`Report POST to ${url} failed: ${push.error}`, { cause: err });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator.local');
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) return await handleControl(this, req, res, url.pathname);
      await this.handleApi(req, res, url);
    } catch (err) {
      console.error('[infobip simulator]', err);
      if (!res.headersSent) sendJson(res, 500, requestError('GENERAL_ERROR', 'Something went wrong'));
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
    this.requests.push(record);

    const path = normalisePath(url.pathname);
    const fault = this.faults.take(path);
    if (fault) return replyFault(req, res, fault);
    if (!raw) return sendJson(res, 413, requestError('PAYLOAD_TOO_LARGE', 'Request body too large'));
    if (!this.authorised(req.headers.authorization)) return sendJson(res, 401, UNAUTHORIZED);
    // Inbound media download (reference/infobip.md, endpoint table: GET /whatsapp/1/senders/{sender}/media/{mediaId}): the same auth as the API.
    const mediaMatch = /^\/whatsapp\/1\/senders\/([^/]+)\/media\/([^/]+)$/.exec(path);
    if (mediaMatch && method === 'GET') {
      const file = this.media.get(`${decodeURIComponent(mediaMatch[1]!)}/${decodeURIComponent(mediaMatch[2]!)}`);
      if (!file) return sendJson(res, 404, requestError('NOT_FOUND', `Requested URL not found: ${path}`));
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) }).end(file.bytes);
      return;
    }
    const body = parsed.kind === 'json' ? parsed.value : parsed.kind === 'none' ? undefined : null;
    const reply = this.route(method, path, query, body);
    if (reply.status === 200 && path === '/omni/1/advanced') await this.fetchImage(reply.json);
    sendJson(res, reply.status, reply.json);
  }

  private route(method: string, path: string, query: Record<string, string>, body: unknown): Reply {
    const scenarioMatch = /^\/omni\/1\/scenarios\/([^/]+)$/.exec(path);
    if (scenarioMatch && method === 'GET') return this.getScenario(decodeURIComponent(scenarioMatch[1]!));
    const known = ROUTES.includes(path) || scenarioMatch !== null;
    const key = `${method} ${path}`;
    if (key === 'GET /omni/1/scenarios') return this.listScenarios(query);
    if (key === 'GET /omni/1/reports') return this.takeReports(query);
    if (key === 'POST /omni/1/scenarios' || key === 'POST /omni/1/advanced') {
      if (body === null) return { status: 400, json: requestError('BAD_REQUEST', 'Invalid JSON body') };
      return path === '/omni/1/scenarios' ? this.createScenario(body) : this.sendAdvanced(body);
    }
    if (known) return { status: 405, json: requestError('METHOD_NOT_ALLOWED', `Request method '${method}' not supported`) };
    return { status: 404, json: requestError('NOT_FOUND', `Requested URL not found: ${path}`) };
  }

  private authorised(header: string | undefined): boolean {
    const app = /^App\s+(\S+)\s*$/i.exec(header ?? '');
    if (app) return app[1] === this.apiKey;
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!basic) return false;
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    return decoded === `${this.username}:${this.password}`;
  }

  private createScenario(body: unknown): Reply {
    const result = validateScenario(body);
    if ('problems' in result) return badRequest(result.problems);
    return { status: 200, json: this.addScenario(result.scenario) };
  }

  private listScenarios(query: Record<string, string>): Reply {
    const all = this.scenarios;
    const filtered = query.isDefault === undefined ? all : all.filter((s) => s.default === (query.isDefault === 'true'));
    return { status: 200, json: { scenarios: filtered } };
  }

  private getScenario(key: string): Reply {
    const s = this.scenarioMap.get(key);
    return s ? { status: 200, json: structuredClone(s) } : { status: 404, json: requestError('NOT_FOUND', `Scenario with key ${key} does not exist`) };
  }

  private sendAdvanced(body: unknown): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.scenarioKey !== 'string' || b.scenarioKey.trim() === '') return badRequest({ scenarioKey: ['may not be null'] });
    const scenario = this.scenarioMap.get(b.scenarioKey);
    if (!scenario) return { status: 400, json: requestError('BAD_REQUEST', `Scenario with key ${b.scenarioKey} does not exist`) };
    const problems = validateAdvanced(body, scenario);
    if (Object.keys(problems).length) return badRequest(problems);
    const now = Date.now();
    const messages = (b.destinations as { to: { phoneNumber: string }; messageId?: unknown }[]).map((d) => {
      const msg: SentMessage = {
        // The real service keeps a caller-chosen destination messageId (e.g. the client's own id).
        messageId: typeof d.messageId === 'string' && d.messageId ? d.messageId : messageId(),
        to: d.to.phoneNumber.replace(/^\+/, ''),
        scenarioKey: scenario.key,
        whatsApp: (b.whatsApp as Record<string, unknown> | undefined) ?? null,
        sms: (b.sms as Record<string, unknown> | undefined) ?? null,
        notifyUrl: typeof b.notifyUrl === 'string' ? b.notifyUrl : null,
        callbackData: typeof b.callbackData === 'string' ? b.callbackData : null,
        request: structuredClone(b),
        at: now,
      };
      this.messages.set(msg.messageId, msg);
      return { to: { phoneNumber: d.to.phoneNumber }, status: { ...PENDING_ENROUTE }, messageId: msg.messageId };
    });
    return { status: 200, json: { messages } };
  }

  private async fetchImage(answer: unknown): Promise<void> {
    const ids = ((answer as { messages?: { messageId: string }[] }).messages ?? []).map((m) => m.messageId);
    const first = this.messages.get(ids[0] ?? '');
    const imageUrl = first?.whatsApp?.imageUrl;
    if (typeof imageUrl !== 'string') return;
    const fetched = await this.fetcher.fetch(imageUrl);
    for (const id of ids) {
      const msg = this.messages.get(id);
      if (msg) msg.imageFetch = fetched;
    }
  }

  private takeReports(query: Record<string, string>): Reply {
    let limit = 50;
    if (query.limit !== undefined) {
      limit = Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return badRequest({ limit: ['must be between 1 and 1000'] });
    }
    const wanted = (r: Pulled): boolean =>
      (query.messageId === undefined || r.messageId === query.messageId) && (query.bulkId === undefined || this.messages.get(r.messageId)?.request.bulkId === query.bulkId);
    const results: Pulled[] = [];
    for (let i = 0; i < this.queue.length && results.length < limit; ) {
      if (wanted(this.queue[i]!)) results.push(...this.queue.splice(i, 1));
      else i++;
    }
    return { status: 200, json: { results } };
  }

}
