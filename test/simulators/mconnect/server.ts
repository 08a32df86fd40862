// A faithful simulator of mconnect Omnichannel's WhatsApp API (provider-docs/mconnect-omnichannel.md)
// on node:http only. Tests start it on a random port; `test/simulators/cli.ts` runs it standalone.
//
// Decisions where the doc is vague (* = ours, not the doc's):
// - One endpoint: POST {url}/api/v1.0/whatsapp-omni/ (see `endpointUrl`). *The path without its
//   trailing slash answers 301 to the slash path, as a web server serving a folder does; other
//   paths 404 (HTML); another method on the endpoint 405.
// - The body is the doc's envelope (operation "wp_instance", moduleType "wp_instance", api_type
//   "web") with element_data.action setWebHook | sendWhatsappText | anything else (media). *A body that
//   is `curl --data` JSON labelled urlencoded is read as JSON.
// - *Every refusal is the doc's own failure, HTTP 200 `{"status":"false","result":{"data":"not-sent"}}`:
//   malformed JSON, wrong envelope, unknown action, a missing/non-string/empty field (caption may be
//   empty but must be there), is_group other than the strings "0"/"1", an unknown company/username
//   pair, a number that is not scanned or is logged out, a recipient that is not digits (no "+"),
//   a group id that is not "digits-digits" (or a 15+ digit id), a file_url that is not http(s). The
//   doc documents no other failure and no auth error, so bad credentials look like any refusal.
//   *The reason travels in an `x-simulator-reason` header for people reading the traffic.
// - Credentials: company + username on the send actions. setWebHook has neither in the doc, so it
//   needs only a scanned wp_num and an http(s) web_hook; its answer is {"status":"true",
//   "web_hook":"<url>"} (reference/mconnect.md §1c).
// - Sends follow the proxy's code (reference §1, actions.ts): from = the scanned number, to = the
//   customer or the group id, is_group "1" for groups; any action but setWebHook/sendWhatsappText
//   is a media send; a `"` in the text breaks the engine call ("not-sent"). *Any well-formed group
//   id is accepted: the simulator keeps no list of the phone's groups.
// - Answers are the tenant's PHP echo, Content-Type text/plain (§1a); success for text and files is
//   {"status":"true","result":{"data":"true_<chat>@c.us|@g.us_<3EB0…>"}}.
// - Inbound: `sendCustomerMessage` posts the documented flat payload (webhook.ts) to the URL set for
//   the receiving number; `sendEngineEvent` posts the engine's own onMessage event (§3). *Both
//   throw when no webhook is set or the number is logged out. *A customer file given as bytes is
//   kept here and linked like the doc's
//   https://omni.mconnectapps.com/api/v1.0/whatsapp_image/1600317556.jpeg (GET, no auth).
// - *Media sends: once accepted, the file_url is downloaded before the answer, as the service
//   must do to send it; each download is recorded in `fetches` ({url, status, bytes}). The answer
//   stays the success either way: the notes name no failure for an unreachable link.
import { deliverWebhook } from '../webhooks';
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendBytes, sendEmpty, sendJson } from '../http';
import { handleAction, NOT_SENT, type SentMessage, type SimState } from './actions';
import { handleControl, type ControlTarget } from './control';
import { type FetchRecord, MediaHost, UrlFetcher } from '../media';
import { type CustomerMessage, customerPayload, engineEvent, type WebhookDelivery } from './webhook';

export type { RecordedRequest } from '../http';
export type { SentMessage } from './actions';
export type { CustomerMessage, WebhookDelivery } from './webhook';
export type { FetchRecord } from '../media';

/** A file the customer sends: kept by the simulator, and its link put in the webhook's `image`. */
export interface CustomerFile {
  bytes: Buffer;
  /** Extension for the link, default "jpeg". */
  ext?: string;
  contentType?: string;
}

export const ENDPOINT_PATH = '/api/v1.0/whatsapp-omni/';

export interface MconnectSimulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default "sim-company". */
  acceptedCompany?: string;
  /** Default: random. */
  acceptedUsername?: string;
  /** Scanned numbers (wp_num), all connected at start. Default ["6281100000001"]. */
  wpNums?: string[];
}

export type { FaultReply } from '../faults';

const BODY_LIMIT = 16 * 1024 * 1024;

export class MconnectSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Every download of a media send's file_url. */
  readonly fetcher = new UrlFetcher();
  /** Files customers sent, served at whatsapp_image links. */
  readonly media = new MediaHost();
  private readonly state: SimState;
  private readonly faults = new FaultQueue();
  private server: Server | null = null;
  private baseUrl = '';

  private constructor(company: string, username: string, wpNums: string[]) {
    this.state = { company, username, phones: new Map(wpNums.map((n) => [n, { connected: true, webhookUrl: null }])), sent: [] };
  }

  static async start(opts: MconnectSimulatorOptions = {}): Promise<MconnectSimulator> {
    const wpNums = opts.wpNums ?? ['6281100000001'];
    if (wpNums.length === 0 || wpNums.some((n) => !/^\d{6,15}$/.test(n))) throw new Error('wpNums must be phone numbers in digits');
    const sim = new MconnectSimulator(opts.acceptedCompany ?? 'sim-company', opts.acceptedUsername ?? randomBytes(12).toString('base64url'), wpNums);
    const { server, url } = await listen((req, res) => void sim.handle(req, res), opts.port ?? 0, opts.host ?? '127.0.0.1');
    sim.server = server;
    sim.baseUrl = url;
    return sim;
  }

  /** The server's base, e.g. http://127.0.0.1:43121. */
  get url(): string {
    return this.baseUrl;
  }

  /** The one API address, with its trailing slash, as the doc gives it. */
  get endpointUrl(): string {
    return `${this.baseUrl}${ENDPOINT_PATH}`;
  }

  get controlUrl(): string {
    return `${this.baseUrl}/_sim`;
  }

  get company(): string {
    return this.state.company;
  }

  get username(): string {
    return this.state.username;
  }

  /** The first scanned number. */
  get wpNum(): string {
    return [...this.state.phones.keys()][0]!;
  }

  /** Messages the simulated phone sent, in order. */
  get sent(): readonly SentMessage[] {
    return this.state.sent;
  }

  /** What setWebHook registered for a scanned number (default the first), or null. */
  webhookUrl(wpNum = this.wpNum): string | null {
    return this.state.phones.get(wpNum)?.webhookUrl ?? null;
  }

  /** The phone logs out of WhatsApp Web (false) or is scanned again (true). */
  setConnected(connected: boolean, wpNum = this.wpNum): void {
    const phone = this.state.phones.get(wpNum);
    if (!phone) throw new Error(`${wpNum} is not a scanned number`);
    phone.connected = connected;
  }

  /** Requests to exactly `path` (default: the endpoint, with its slash). */
  requestsTo(path: string = ENDPOINT_PATH): RecordedRequest[] {
    const wanted = path.split('?')[0]!;
    return this.requests.filter((r) => r.path === wanted);
  }

  get fetches(): readonly FetchRecord[] {
    return this.fetcher.fetches;
  }

  /** Keeps a customer's file and answers its link, as the webhook's `image` carries it. */
  hostFile(file: CustomerFile): string {
    const path = `/api/v1.0/whatsapp_image/${Math.floor(Date.now() / 1000)}${randomBytes(3).toString('hex')}.${file.ext ?? 'jpeg'}`;
    this.media.add(path, file.bytes, file.contentType ?? 'image/jpeg');
    return `${this.baseUrl}${path}`;
  }

  /** Posts a customer message to the receiving number's webhook; resolves with the app's HTTP status. */
  async sendCustomerMessage(msg: CustomerMessage & { file?: CustomerFile }): Promise<number> {
    if (msg.file) {
      const { file, ...rest } = msg;
      return this.sendCustomerMessage({ ...rest, image: this.hostFile(file) });
    }
    const to = msg.to ?? this.wpNum;
    const phone = this.state.phones.get(to);
    if (!phone) throw new Error(`${to} is not a scanned number`);
    if (!phone.connected) throw new Error(`${to} is logged out of WhatsApp Web: nothing arrives until it is scanned again`);
    if (!phone.webhookUrl) throw new Error(`${to} has no webhook (call setWebHook first)`);
    return deliverWebhook(this.webhookDeliveries, phone.webhookUrl, customerPayload(msg, to));
  }

  /** Posts the engine's onMessage event (reference §3) for a customer's text to the number's webhook. */
  async sendEngineEvent(msg: { from: string; to?: string; text: string; senderName?: string; avatarUrl?: string | null; messageId?: string; time?: number }): Promise<number> {
    const to = msg.to ?? this.wpNum;
    const phone = this.state.phones.get(to);
    if (!phone) throw new Error(`${to} is not a scanned number`);
    if (!phone.webhookUrl) throw new Error(`${to} has no webhook (call setWebHook first)`);
    return deliverWebhook(this.webhookDeliveries, phone.webhookUrl, engineEvent({ ...msg, to }));
  }

  /** The next `n` API requests (only those to `path`, when given) answer `reply` instead. */
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
      const method = (req.method ?? 'GET').toUpperCase();
      if ((method === 'GET' || method === 'HEAD') && this.media.handle(method, url.pathname, res)) return;
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) return await handleControl(this.controlTarget(), req, res, url.pathname);
      await this.handleApi(req, res, url);
    } catch (err) {
      console.error('[mconnect simulator]', err);
      if (!res.headersSent) sendJson(res, 500, { status: 'false', result: { data: 'server-error' } });
      else res.destroy();
    }
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req, BODY_LIMIT);
    const parsed = raw ? await parseBody(raw, req.headers['content-type']) : ({ kind: 'none' } as const);
    const record: RecordedRequest = { method, path: url.pathname, query: queryRecord(url.searchParams), headers: headersRecord(req), at: Date.now() };
    if (parsed.kind === 'json') record.json = parsed.value;
    if (parsed.kind === 'form') record.form = parsed.fields;
    this.requests.push(record);

    const fault = this.faults.take(url.pathname);
    if (fault) return replyFault(req, res, fault);
    if (url.pathname === ENDPOINT_PATH.replace(/\/$/, '')) return sendEmpty(res, 301, { Location: `${ENDPOINT_PATH}${url.search}` });
    if (url.pathname !== ENDPOINT_PATH) return sendBytes(res, 404, 'text/html; charset=utf-8', '<h1>Not Found</h1>');
    if (method !== 'POST') return sendJson(res, 405, { status: 'false', result: { data: 'method-not-allowed' } }, { Allow: 'POST' });
    if (!raw) return sendJson(res, 413, { status: 'false', result: { data: 'payload-too-large' } });
    const before = this.state.sent.length;
    const outcome = parsed.kind === 'json' ? handleAction(this.state, parsed.value) : ({ ok: false, reason: 'body is not JSON' } as const);
    const accepted = this.state.sent.length > before ? this.state.sent.at(-1)! : null;
    if (accepted?.fileUrl) accepted.fetch = await this.fetcher.fetch(accepted.fileUrl);
    // The tenant's PHP echoes its JSON as text/plain (reference §1a).
    if (outcome.ok) return sendBytes(res, 200, 'text/plain; charset=UTF-8', JSON.stringify(outcome.body));
    sendBytes(res, 200, 'text/plain; charset=UTF-8', JSON.stringify(NOT_SENT), { 'x-simulator-reason': outcome.reason });
  }

  private controlTarget(): ControlTarget {
    return {
      requests: this.requests,
      webhookDeliveries: this.webhookDeliveries,
      sent: this.state.sent,
      company: this.state.company,
      phones: () => [...this.state.phones.entries()].map(([wpNum, p]) => ({ wpNum, connected: p.connected, webhookUrl: p.webhookUrl })),
      setConnected: (connected, wpNum) => this.setConnected(connected, wpNum),
      sendCustomerMessage: (msg) => this.sendCustomerMessage(msg),
      sendEngineEvent: (msg) => this.sendEngineEvent(msg),
    };
  }
}
