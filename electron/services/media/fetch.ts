// Fetches one received file with a deadline and a size cap enforced while streaming (a provider's
// Content-Length is a claim, not a promise), and says in words why a download failed.
import { formatSize } from './limits';

export class DownloadError extends Error {
  constructor(
    message: string,
    /** Worth one quick automatic retry (network trouble, a 5xx), as opposed to a refusal. */
    readonly transient = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface Fetched {
  bytes: Buffer;
  contentType: string | null;
}

function hostOf(url: URL): string {
  return url.host || url.href;
}

const tooLarge = (max: number): DownloadError => new DownloadError(`The file is larger than ${formatSize(max)}, the most Switchboard downloads for one received file. Open it from the provider's own dashboard instead.`);

export async function fetchCapped(link: string, opts: { maxBytes: number; timeoutMs: number; signal?: AbortSignal }): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new DownloadError('The provider gave a file link that is not a web address, so there is nothing to download.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DownloadError(`The provider gave a ${url.protocol} link; Switchboard downloads only web (http/https) links.`);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const slow = (): DownloadError =>
    deadline.aborted
      ? new DownloadError(`The download from ${hostOf(url)} took longer than ${Math.round(opts.timeoutMs / 1000)} seconds and was stopped.`, true)
      : new DownloadError('The download was stopped because Switchboard is closing; it continues at the next start.', true);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal, headers: { accept: '*/*' } });
  } catch (err) {
    if (signal.aborted) throw slow();
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new DownloadError(`Couldn't reach ${hostOf(url)} to download the file (${cause}).`, true);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 404 || res.status === 410) {
      throw new DownloadError(`The provider no longer has this file (HTTP ${res.status}). Media links expire after a while; ask the customer to send it again.`);
    }
    if (res.status === 401 || res.status === 403) throw new DownloadError(`${hostOf(url)} refused the download (HTTP ${res.status}).`);
    throw new DownloadError(`The download failed: ${hostOf(url)} answered HTTP ${res.status}.`, res.status >= 500 || res.status === 429);
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
    throw new DownloadError(`The download from ${hostOf(url)} broke off (${err instanceof Error ? err.message : String(err)}).`, true);
  }
  return { bytes: Buffer.concat(chunks, size), contentType: res.headers.get('content-type') };
}
