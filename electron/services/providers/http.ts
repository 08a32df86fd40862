// Outbound HTTP for provider clients (undici), turning transport failures and unexpected
// answers into errors a business owner can act on. Bodies in error details are redacted.
// Every transient failure also says whether the request may have reached the provider: only a
// failure before it left (connection refused, DNS, TLS) or an answer that says it was not taken
// (429, 503) is safe to send again; anything else may have been delivered (see Transient).
import { request as undiciRequest } from 'undici';
import { AppFailure } from '../errors';
import { redact } from '../log';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
  text(): string;
  json(): unknown;
}


/** Timeouts for provider calls; tests shorten them to exercise the timeout path quickly. */
export const httpDefaults = { timeoutMs: 15_000 };

export async function send(providerName: string, req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain, */*', ...req.headers };
  let body: string | Buffer | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    // Serialised up front (WHATWG encoder) so the request has a length and a ready body.
    const encoded = new Response(req.form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    body = Buffer.from(await encoded.arrayBuffer());
  }
  let res;
  try {
    res = await undiciRequest(req.url, {
      method: req.method,
      headers,
      body,
      headersTimeout: req.timeoutMs ?? httpDefaults.timeoutMs,
      bodyTimeout: req.timeoutMs ?? httpDefaults.timeoutMs,
    });
  } catch (err) {
    throw unreachable(providerName, req.url, err);
  }
  let buf: Buffer;
  try {
    buf = Buffer.from(await res.body.arrayBuffer());
  } catch (err) {
    // The provider answered (headers came) and then the body broke off: it has the request.
    throw lostAnswer(providerName, req.url, err);
  }
  const ct = String(res.headers['content-type'] ?? '');
  // Every provider's 429 and 5xx mean "not now": classified here once, so the outbox retries them.
  if (res.statusCode === 429) {
    throw new AppFailure('unreachable', `${providerName} is limiting how fast this account may send. Try again in a moment.`, `HTTP 429: ${snippet(buf.toString('utf8'))}`, {
      kind: 'rate',
      retryAfterMs: retryAfterMs(res.headers['retry-after']),
    }).keyed('errors.provider.rateLimited', { provider: providerName });
  }
  if (res.statusCode >= 500) {
    // 503 says "not taken, come back later"; any other 5xx may have failed after the provider acted.
    const notTaken = res.statusCode === 503;
    throw new AppFailure('unreachable', `${providerName} had a problem (HTTP ${res.statusCode}). Try again in a moment.`, snippet(buf.toString('utf8')), {
      kind: 'server',
      ...(notTaken ? { retryAfterMs: retryAfterMs(res.headers['retry-after']) } : { maybeDelivered: true }),
    }).keyed('errors.provider.serverError', { provider: providerName, status: res.statusCode });
  }
  return {
    status: res.statusCode,
    contentType: ct,
    body: buf,
    text: () => buf.toString('utf8'),
    json: () => {
      try {
        return JSON.parse(buf.toString('utf8'));
      } catch {
        throw unexpected(providerName, `HTTP ${res.statusCode}, body is not JSON: ${snippet(buf.toString('utf8'))}`);
      }
    },
  };
}

/** Failures that happen before a byte of the request is sent: retrying them cannot duplicate. */
const NOT_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_REVOKED', 'CERT_UNTRUSTED',
]);

/** Error codes along an error's cause chain (and inside an AggregateError, as happy eyeballs throws). */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => codesOf(x, depth + 1)) : [];
  return [...own, ...nested, ...codesOf(e.cause, depth + 1)];
}

/** Whether a transport failure certainly happened before the request left this computer. */
export function failedBeforeSending(err: unknown): boolean {
  const codes = codesOf(err);
  if (codes.length === 0) return false;
  // Every code must say "not sent": a refused IPv6 attempt beside a reset IPv4 one is still a reset.
  return codes.every((c) => NOT_SENT.has(c) || c.startsWith('ERR_TLS_') || c.startsWith('ERR_SSL_'));
}

export function unreachable(providerName: string, url: string, err: unknown): AppFailure {
  const host = safeHost(url);
  const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new AppFailure(
    'unreachable',
    `Couldn't reach ${providerName}${host ? ` at ${host}` : ''}. Check the base URL and your internet connection, then try again.`,
    cause,
    failedBeforeSending(err) ? { kind: 'network' } : { kind: 'network', maybeDelivered: true },
  ).keyed(host ? 'errors.provider.unreachableHost' : 'errors.provider.unreachable', { provider: providerName, host: host ?? '' });
}

/** The request reached the provider, but its answer was lost on the way back. */
function lostAnswer(providerName: string, url: string, err: unknown): AppFailure {
  const e = unreachable(providerName, url, err);
  return new AppFailure(e.code, e.message, e.detail, { kind: 'network', maybeDelivered: true }).keyed(e.key ?? 'errors.provider.unreachable', e.params);
}

/** Retry-After in seconds or as an HTTP date, in ms from now; undefined when absent or nonsense. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function unexpected(providerName: string, detail: string): AppFailure {
  return new AppFailure('unexpected_response', `${providerName} gave an answer Switchboard didn't expect. The details below may help its support team.`, detail).keyed('errors.provider.unexpected', { provider: providerName });
}

export function rejected(providerName: string, detail: string): AppFailure {
  return new AppFailure('credentials_rejected', `${providerName} rejected the credentials. Check the token and ids in the account settings.`, detail).keyed('errors.provider.rejected', { provider: providerName });
}

export function snippet(text: string, max = 300): string {
  const t = redact(text) as string;
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Joins a base URL (with or without trailing slash or a path prefix) and an API path. */
export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  const u = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
  return u.toString();
}
