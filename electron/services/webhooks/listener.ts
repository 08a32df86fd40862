// The local webhook listener. It binds 127.0.0.1 only; a tunnel or reverse proxy may forward to
// it. Each account has one URL: /hooks/<accountId>/<secret>. An accepted request is written to
// raw_events before it is answered, so a 2xx always means "stored"; parsing happens afterwards.
// Hostile input gets a 4xx and leaves nothing behind: unknown paths and wrong secrets look alike
// (404), bodies are capped (from the header when declared), anything but a JSON object or array
// is refused, slow senders time out. None of the five providers signs its webhooks (their docs
// show no signature header), so the per-account secret in the URL is what authenticates a caller.
//
// Admission: a request with a valid account URL and secret is never rate limited — behind a tunnel
// every provider shares one address, and a burst of delivery reports is normal. Only requests
// that fail the secret check count against their source, and `X-Forwarded-For` names the source
// only on requests that carry the app's own tunnel's mark (a header the tunnel adds with a
// per-launch value), so a caller can neither dodge the limit nor lock a real address out.
// /files/<token> is the one other route: files handed to URL-only providers as expiring links
// (media/serve.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../../shared/model';
import type { Logger } from '../log';
import { isFormType, parseWebhookJson } from './body';

export const MAX_BODY_BYTES = 1024 * 1024;
const HOOK_PATH = /^\/hooks\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9_-]{16,128})\/?$/;

export interface StoreInput {
  accountId: string;
  provider: ProviderId;
  contentType: string | null;
  /** The bytes as received. */
  body: Buffer;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** For requests that fail the secret check only, per source. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 5, burst: 50 };

/** The header the app's own tunnel adds to every request it forwards (see tunnel.ts). */
export const TUNNEL_MARK_HEADER = 'x-switchboard-tunnel';

export interface ListenerDeps {
  /** Failed-secret requests per source address; null turns the limit off. */
  rateLimit?: RateLimit | null;
  /** Whether the account may store `bytes` more raw bytes; false answers 507 (storage cap reached). */
  roomFor?(accountId: string, bytes: number): boolean;
  /** The stored SHA-256 (hex) of the account's secret and its provider, or undefined for no such account. */
  lookup(accountId: string): { secretHash: string; provider: ProviderId } | undefined;
  /** Stores the raw body durably; returns its id. Throws when it cannot (then we answer 503). */
  store(events: StoreInput[]): number[];
  /** Called after the answers have been sent. */
  afterStore(): void;
  /** Answers GET/HEAD /files/… : local files served to URL-only providers (media/serve.ts). */
  files?: (req: IncomingMessage, res: ServerResponse) => void;
  log: Logger;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function secretMatches(secret: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Answers a request whose body will not be read and closes the connection: draining a body we
 * refuse (100 MB declared) would cost what the refusal is meant to save.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
  reply(res, status, body);
  res.once('finish', () => req.socket.destroySoon());
}

/** A request's declared body length: NaN when absent or not a number. */
function declaredLength(req: IncomingMessage): number {
  const v = req.headers['content-length'];
  return v === undefined ? NaN : Number(v);
}

export class WebhookListener {
  private server: Server | null = null;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Per-launch value of TUNNEL_MARK_HEADER: only our tunnel knows it. */
  readonly tunnelMark = randomBytes(24).toString('base64url');

  constructor(private readonly deps: ListenerDeps) {}

  /**
   * The caller's address. Through our own tunnel, the hop the tunnel appended to X-Forwarded-For
   * (the last one: earlier entries are whatever the caller sent); otherwise the socket's peer.
   */
  sourceOf(req: IncomingMessage): string {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const mark = req.headers[TUNNEL_MARK_HEADER];
    const forwarded = req.headers['x-forwarded-for'];
    if (typeof mark === 'string' && tokensEqual(mark, this.tunnelMark) && typeof forwarded === 'string' && forwarded.trim()) {
      return forwarded.split(',').at(-1)!.trim();
    }
    return remote;
  }

  private batch: { event: StoreInput; resolve(): void; reject(err: unknown): void }[] = [];

  /**
   * Group commit: events arriving in the same turn of the event loop are written in one
   * transaction, and each request is answered only after that commit — "2xx means stored" holds,
   * at a fraction of the cost of one commit per request.
   */
  private storeSoon(event: StoreInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ event, resolve, reject });
      if (this.batch.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    try {
      this.deps.store(batch.map((b) => b.event));
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    for (const b of batch) b.resolve();
    setImmediate(() => this.deps.afterStore());
  }

  /** Token bucket per source; false when the source is over its limit. */
  private admit(source: string): boolean {
    const limit = this.deps.rateLimit === undefined ? DEFAULT_RATE_LIMIT : this.deps.rateLimit;
    if (!limit) return true;
    const now = Date.now();
    const b = this.buckets.get(source) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    this.buckets.set(source, b);
    if (this.buckets.size > 10_000) this.buckets.clear(); // a flood of spoofed sources cannot grow memory
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  get port(): number | null {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    return addr ? addr.port : null;
  }

  async start(port: number): Promise<number> {
    await this.stop();
    const server = createServer((req, res) => this.handle(req, res));
    server.requestTimeout = 15_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return this.port!;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => undefined);
    try {
      this.route(req, res);
    } catch (err) {
      this.deps.log.error('webhook request failed', { error: String(err) });
      refuse(req, res, 503, { error: 'temporarily unable to store events' });
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    // Refused from the header alone, before anything else is looked at or read.
    if (declaredLength(req) > MAX_BODY_BYTES) return refuse(req, res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
    const path = (req.url ?? '/').split('?')[0]!;
    if (this.deps.files && path.startsWith('/files/')) return this.deps.files(req, res);
    const m = HOOK_PATH.exec(path);
    const target = m && this.deps.lookup(m[1]!);
    // Unknown paths and wrong secrets look the same from outside, and nothing is read or stored;
    // only these count against the caller's source.
    if (!m || !target || !secretMatches(m[2]!, target.secretHash)) {
      if (!this.admit(this.sourceOf(req))) {
        res.setHeader('retry-after', '1');
        return refuse(req, res, 429, { error: 'too many requests' });
      }
      req.resume();
      return reply(res, 404, { error: 'not found' });
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'use POST' });
    }
    const contentType = req.headers['content-type'] ?? null;
    if (isFormType(contentType)) return refuse(req, res, 415, { error: 'send JSON' });
    const accountId = m[1]!;
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        refuse(req, res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks, size);
      if (parseWebhookJson(body, contentType) === null) return reply(res, 400, { error: 'body must be a JSON object or array' });
      if (this.deps.roomFor && !this.deps.roomFor(accountId, body.length)) {
        return reply(res, 507, { error: 'this account has too many stored events waiting; try again later' });
      }
      this.storeSoon({ accountId, provider: target.provider, contentType, body }).then(
        () => reply(res, 200, { ok: true }),
        (err: unknown) => {
          this.deps.log.error('could not store webhook event', { error: String(err) });
          reply(res, 503, { error: 'temporarily unable to store events' });
        },
      );
    });
  }
}
