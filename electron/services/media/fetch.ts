// Fetches one received file with a deadline and a size cap enforced while streaming (a provider's
// Content-Length is a claim, not a promise), and says in words why a download failed.
// A media link comes from whoever posted the webhook, so the fetch goes only to public addresses:
// every hop (redirects are followed by hand) is resolved first and refused if any address is
// loopback, private, link-local or multicast, and the connection is made to the address that was
// checked (no second lookup to rebind). The one exception is the account's own configured
// provider host (a gateway on the local network, or a simulator on 127.0.0.1).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import type { Wording } from '../../../shared/model';
import { isPublicAddress } from './address';
import { formatSize } from './limits';

const MAX_REDIRECTS = 5;

export class DownloadError extends Error {
  /** The message key the renderer words `message` by (kept with the file as its error's wording). */
  key?: string;
  params?: Record<string, string | number>;

  constructor(
    message: string,
    /** Worth one quick automatic retry (network trouble, a 5xx), as opposed to a refusal. */
    readonly transient = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }

  keyed(key: string, params?: Record<string, string | number>): this {
    this.key = key;
    if (params) this.params = params;
    return this;
  }

  get wording(): Wording | null {
    return this.key ? { key: this.key, ...(this.params ? { params: this.params } : {}) } : null;
  }
}

export interface Fetched {
  bytes: Buffer;
  contentType: string | null;
}

function hostOf(url: URL): string {
  return url.host || url.href;
}

const tooLarge = (max: number): DownloadError => new DownloadError(`The file is larger than ${formatSize(max)}, the most Switchboard downloads for one received file. Open it from the provider's own dashboard instead.`).keyed('errors.media.download.tooLarge', { max: formatSize(max) });

const privateTarget = (host: string): DownloadError =>
  new DownloadError(`The file link points at ${host}, a private or local network address. Switchboard downloads received files only from the internet (or from the account's own provider address).`).keyed(
    'errors.media.download.privateAddress',
    { host },
  );

class PrivateAddress extends Error {
  constructor(readonly host: string) {
    super(`${host} is not a public address`);
  }
}

/** A DNS lookup that fails when any address for the name is not public; what it checked is what is connected to. */
function publicOnlyLookup(hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void {
  dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err);
    if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) return callback(new PrivateAddress(hostname));
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

const publicAgent = new Agent({ connect: { lookup: publicOnlyLookup as never } });
const trustedAgent = new Agent();

function isPrivateError(err: unknown): PrivateAddress | null {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) if (e instanceof PrivateAddress) return e;
  return null;
}

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** host[:port] of the account's configured provider addresses: fetched from even on a private address. */
  trustedHosts?: readonly string[];
  /** Headers for the first link's own host (the provider's auth); never sent to a host a redirect names. */
  headers?: Record<string, string> | null;
}

export async function fetchCapped(link: string, opts: FetchOptions): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new DownloadError('The provider gave a file link that is not a web address, so there is nothing to download.').keyed('errors.media.download.notWebLink');
  }
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const slow = (): DownloadError =>
    deadline.aborted
      ? new DownloadError(`The download from ${hostOf(url)} took longer than ${Math.round(opts.timeoutMs / 1000)} seconds and was stopped.`, true).keyed('errors.media.download.tooSlow', {
          host: hostOf(url),
          seconds: Math.round(opts.timeoutMs / 1000),
        })
      : new DownloadError('The download was stopped because Switchboard is closing; it continues at the next start.', true).keyed('errors.media.download.closing');
  let res: Response;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DownloadError(`The provider gave a ${url.protocol} link; Switchboard downloads only web (http/https) links.`).keyed('errors.media.download.notWebScheme', { scheme: url.protocol });
    const host = url.host.toLowerCase();
    const trusted = (opts.trustedHosts ?? []).some((h) => h.toLowerCase() === host);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!trusted && isIP(literal) && !isPublicAddress(literal)) throw privateTarget(url.hostname);
    if (!trusted && /^localhost\.?$|\.localhost\.?$/i.test(url.hostname)) throw privateTarget(url.hostname);
    try {
      const extra = opts.headers && hop === 0 ? opts.headers : {};
      res = await undiciFetch(url, { redirect: 'manual', signal, headers: { accept: '*/*', ...extra }, dispatcher: trusted ? trustedAgent : publicAgent });
    } catch (err) {
      if (signal.aborted) throw slow();
      const refused = isPrivateError(err);
      if (refused) throw privateTarget(refused.host);
      const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      throw new DownloadError(`Couldn't reach ${hostOf(url)} to download the file (${cause}).`, true).keyed('errors.media.download.unreachable', { host: hostOf(url), cause });
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) break;
    await res.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw new DownloadError(`The file link redirected more than ${MAX_REDIRECTS} times, so Switchboard stopped following it.`).keyed('errors.media.download.tooManyRedirects', { max: MAX_REDIRECTS });
    try {
      url = new URL(location, url);
    } catch {
      throw new DownloadError('The file link redirected to something that is not a web address.').keyed('errors.media.download.badRedirect');
    }
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 404 || res.status === 410) {
      throw new DownloadError(`The provider no longer has this file (HTTP ${res.status}). Media links expire after a while; ask the customer to send it again.`).keyed('errors.media.download.expired', { status: res.status });
    }
    if (res.status === 401 || res.status === 403) throw new DownloadError(`${hostOf(url)} refused the download (HTTP ${res.status}).`).keyed('errors.media.download.refused', { host: hostOf(url), status: res.status });
    throw new DownloadError(`The download failed: ${hostOf(url)} answered HTTP ${res.status}.`, res.status >= 500 || res.status === 429).keyed('errors.media.download.httpError', { host: hostOf(url), status: res.status });
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(opts.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      const part = reader ? await reader.read() : { done: true as const, value: undefined };
      if (part.done) break;
      size += part.value.byteLength;
      if (size > opts.maxBytes) {
        await reader!.cancel().catch(() => undefined);
        throw tooLarge(opts.maxBytes);
      }
      chunks.push(Buffer.from(part.value));
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    if (signal.aborted) throw slow();
    const cause = err instanceof Error ? err.message : String(err);
    throw new DownloadError(`The download from ${hostOf(url)} broke off (${cause}).`, true).keyed('errors.media.download.brokeOff', { host: hostOf(url), cause });
  }
  return { bytes: Buffer.concat(chunks, size), contentType: res.headers.get('content-type') };
}
