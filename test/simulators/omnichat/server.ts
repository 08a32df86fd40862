// A faithful simulator of Omnichat.id (shared/provider-docs/omnichat-id.md), on node:http only.
// Tests start it on a random port; `test/simulators/cli.ts omnichat` runs it standalone.
//
// Where the doc is vague, these are the decisions:
// - Paths exactly as documented, no other prefix: POST /api-app/whatsapp/send-message and
//   POST /api-app/whatsapp/callback/device_<deviceKey>. One trailing slash is tolerated. Another
//   method on those paths → 405 and an unknown path → 404, with Laravel-style JSON `message`s
//   (app.omnichat.id is a Laravel app).
// - Keys come from the body only (JSON, or form fields / JSON labelled urlencoded as curl --data
//   sends); a key in a header or the query string counts as missing.
// - Every refusal the API itself makes is HTTP 200 `{status: false, message}` in Indonesian, like
//   its success message; only a malformed body (400) and an oversized one (413) use other codes.
// - send-message checks, in order: api_key (missing → "api_key wajib diisi", wrong → "API key
//   tidak valid") → a given device_key must exist ("Device tidak ditemukan") → method text|template
//   → phone → is_group (required for text; for templates it defaults to "phone ends in @g.us"; must
//   be a Laravel boolean: true/false/1/0/"1"/"0") → device_key required for groups, templates and
//   when `requireDeviceKey` (the account forces it); otherwise the first connected device is
//   picked → device connected → phone format (person: 8–15 digits; group: digits/dashes, @g.us
//   optional) → text, or template id known + variables object with every {placeholder} of the
//   template as a key, braces included (extra keys are ignored).
// - Success is exactly the documented body; there is no message id. Accepted sends are kept in
//   `sent` with the rendered text.
// - Message Callback: no api_key (the doc lists none); unknown device → status:false; the five
//   documented fields are required; `from` must be a jid (@s.whatsapp.net or @g.us). It answers the
//   documented body: with the device's auto-reply {message:{text}, receiver: from, session_id:
//   "device_<key>", autoread:false, reply:true} (the reply is recorded in `sent` as sent to the
//   sender); without one, `message: null, reply: false`. The callback is how Omnichat's WhatsApp
//   server reports a message arriving on the device, so it also posts the Webhook Sample to the
//   device's webhook URL (awaited before answering, failures ignored, recorded in webhookDeliveries).
import { deliverWebhook } from '../webhooks';
import { FaultQueue, replyFault, type FaultReply } from '../faults';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, headersRecord, listen, parseBody, queryRecord, readBody, type RecordedRequest, sendJson } from '../http';
import { CALLBACK_PREFIX, type Device, handleCallback, handleSend, newDevice, type OmnichatState, type Reply, SEND_PATH, type SentMessage, type Template } from './api';
import { handleControl } from './control';
import { type CallbackMessage, callbackBody, type CustomerMessage, type WebhookDelivery, webhookSample } from './webhook';

export type { RecordedRequest } from '../http';
export type { Device, SentMessage, Template } from './api';
export type { CallbackMessage, CustomerMessage, WebhookDelivery } from './webhook';

export interface OmnichatSimulatorOptions {
  /** 0 = random. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: random. */
  apiKey?: string;
  /** Default: one connected device with a random key and no auto-reply. */
  devices?: { deviceKey: string; webhookUrl?: string; autoReply?: string; connected?: boolean }[];
  templates?: Template[];
  /** The account's settings force device_key on every send. */
  requireDeviceKey?: boolean;
}

export type { FaultReply } from '../faults';

const BODY_LIMIT = 16 * 1024 * 1024;
const normalisePath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);

export class OmnichatSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  private readonly state: OmnichatState;
  private readonly faults = new FaultQueue(normalisePath);
  private server: Server | null = null;
  private baseUrl = '';

  private constructor(opts: OmnichatSimulatorOptions) {
    const devices = (opts.devices ?? [{ deviceKey: newDevice().deviceKey }]).map((d) => newDevice(d));
    this.state = {
      apiKey: opts.apiKey ?? `sim-${randomUUID()}`,
      requireDeviceKey: opts.requireDeviceKey ?? false,
      devices: new Map(devices.map((d) => [d.deviceKey, d])),
      templates: new Map((opts.templates ?? []).map((t) => [t.id, { ...t }])),
      sent: [],
    };
  }

  static async start(opts: OmnichatSimulatorOptions = {}): Promise<OmnichatSimulator> {
    const sim = new OmnichatSimulator(opts);
    const { server, url } = await listen((req, res) => void sim.handle(req, res), opts.port ?? 0, opts.host ?? '127.0.0.1');
    sim.server = server;
    sim.baseUrl = url;
    return sim;
  }

  /** The API base, e.g. http://127.0.0.1:43121 (what goes in the account's base URL). */
  get url(): string {
    return this.baseUrl;
  }

  get controlUrl(): string {
    return `${this.baseUrl}/_sim`;
  }

  get apiKey(): string {
    return this.state.apiKey;
  }

  /** Messages Omnichat accepted (and auto-replies it sent), oldest first. */
  get sent(): readonly SentMessage[] {
    return this.state.sent;
  }

  get devices(): Device[] {
    return [...this.state.devices.values()].map((d) => ({ ...d }));
  }

  get templates(): Template[] {
    return [...this.state.templates.values()].map((t) => ({ ...t }));
  }

  requestsTo(path: string): RecordedRequest[] {
    const wanted = normalisePath(path.split('?')[0]!);
    return this.requests.filter((r) => normalisePath(r.path) === wanted);
  }

  device(deviceKey: string): Device | undefined {
    const d = this.state.devices.get(deviceKey);
    return d ? { ...d } : undefined;
  }

  /** What an operator types into the device's webhook field in Omnichat's dashboard; null clears it. */
  setDeviceWebhook(deviceKey: string, url: string | null): void {
    this.mutableDevice(deviceKey).webhookUrl = url === null || url.trim() === '' ? null : url.trim();
  }

  setAutoReply(deviceKey: string, text: string | null): void {
    this.mutableDevice(deviceKey).autoReply = text === null || text === '' ? null : text;
  }

  setDeviceConnected(deviceKey: string, connected: boolean): void {
    this.mutableDevice(deviceKey).connected = connected;
  }

  addDevice(opts: Partial<Device> = {}): Device {
    const d = newDevice(opts);
    this.state.devices.set(d.deviceKey, d);
    return { ...d };
  }

  addTemplate(template: { id?: string; body: string }): Template {
    const t = { id: template.id ?? randomUUID(), body: template.body };
    this.state.templates.set(t.id, t);
    return { ...t };
  }

  /** Posts the documented Webhook Sample to the device's webhook URL; resolves with the app's HTTP status. */
  async sendCustomerMessage(msg: CustomerMessage): Promise<number> {
    const device = this.mutableDevice(msg.deviceKey);
    if (!device.webhookUrl) throw new Error(`Device ${msg.deviceKey} has no webhook URL (set one with setDeviceWebhook)`);
    return this.deliver(device.webhookUrl, webhookSample(msg), true);
  }

  /** Posts the Message Callback body to the device's webhook URL, as a forwarding setup relays it. */
  async sendCallbackMessage(msg: CallbackMessage): Promise<number> {
    const device = this.mutableDevice(msg.deviceKey);
    if (!device.webhookUrl) throw new Error(`Device ${msg.deviceKey} has no webhook URL (set one with setDeviceWebhook)`);
    return this.deliver(device.webhookUrl, callbackBody(msg), true);
  }

  /** Posts the last webhook body again, unchanged, as a provider retrying a delivery does. */
  async redeliverLast(): Promise<number> {
    const last = this.webhookDeliveries.at(-1);
    if (!last) throw new Error('Nothing has been delivered yet');
    return this.deliver(last.url, last.body, true);
  }

  /** The next `n` API requests (only those to `path`, when given) answer `reply` instead. */
  failNext(n: number, reply: FaultReply, path?: string): void {
    this.faults.add(n, reply, path);
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = null;
  }

  private mutableDevice(deviceKey: string): Device {
    const d = this.state.devices.get(deviceKey);
    if (!d) throw new Error(`No device with key ${deviceKey}`);
    return d;
  }

  private deliver(url: string, body: unknown, rethrow: boolean): Promise<number> {
    return deliverWebhook(this.webhookDeliveries, url, body, { timeoutMs: rethrow ? 10_000 : 5_000, rethrow });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator.local');
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
        await handleControl(this, req, res, url.pathname);
        return;
      }
      await this.handleApi(req, res, url);
    } catch (err) {
      console.error('[omnichat simulator]', err);
      if (!res.headersSent) sendJson(res, 500, { message: 'Server Error' });
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
    if (!raw) return sendJson(res, 413, { status: false, message: 'Payload too large' });

    const path = normalisePath(url.pathname);
    const isSend = path === SEND_PATH;
    const deviceKey = path.startsWith(CALLBACK_PREFIX) ? decodeURIComponent(path.slice(CALLBACK_PREFIX.length)) : null;
    if (!isSend && (deviceKey === null || deviceKey === '' || deviceKey.includes('/'))) {
      return sendJson(res, 404, { message: `The route ${path.replace(/^\//, '')} could not be found.` });
    }
    if (method !== 'POST') {
      return sendJson(res, 405, { message: `The ${method} method is not supported for route ${path.replace(/^\//, '')}. Supported methods: POST.` }, { Allow: 'POST' });
    }
    if (parsed.kind === 'invalid') return sendJson(res, 400, { status: false, message: parsed.message });
    const body = parsed.kind === 'json' ? (isObject(parsed.value) ? parsed.value : {}) : parsed.kind === 'form' ? parsed.fields : {};

    if (isSend) return writeReply(res, handleSend(this.state, body));
    const outcome = handleCallback(this.state, deviceKey!, body);
    if (outcome.device?.webhookUrl && outcome.body) {
      const fields = outcome.body;
      await this.deliver(outcome.device.webhookUrl, webhookSample({ deviceKey: outcome.device.deviceKey, name: fields.from_name!, message: fields.message!, type: fields.type! }), false);
    }
    writeReply(res, outcome.reply);
  }

}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeReply(res: ServerResponse, reply: Reply): void {
  sendJson(res, reply.status, reply.json);
}
