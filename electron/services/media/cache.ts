// Received files: each one is fetched in the background (two at a time, with a deadline and a size
// cap) into dataDir/media/inbound, and the message moves pending → ready or failed with a reason.
// The whole media folder keeps under a budget: when it grows past it, the least recently used
// copies that can be fetched again (received files) or are no longer needed (sent files whose
// links expired) are removed, and their messages say so. Pending downloads resume after a restart.
import { mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '../../../shared/model';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConversationsRepo } from '../store/conversations';
import { DownloadError, fetchCapped } from './fetch';
import { formatSize } from './limits';
import type { MediaFile, MediaRepo } from './repo';
import { sniff } from './sniff';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { decryptWhatsAppMedia, MediaKeyError } from './whatsapp-crypto';

export interface CacheConfig {
  /** Largest received file kept (default 25 MB). */
  maxDownloadBytes: number;
  /** Budget for everything under dataDir/media (default 1 GB). */
  cacheBytes: number;
  downloadTimeoutMs: number;
  concurrency: number;
  /** Pause before the one automatic retry of a download that failed for a passing reason. */
  retryDelayMs: number;
  /**
   * Bytes one account's received files may download per day (default 1 GB): whoever holds a
   * webhook URL can name media links, and this bounds what they can make the app fetch.
   */
  accountDailyBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_ACCOUNT_DAILY_BYTES = 1024 * 1024 * 1024;

export interface CacheDeps {
  repo: MediaRepo;
  conversations: ConversationsRepo;
  bus: EventBus;
  log: Logger;
  /** dataDir/media */
  root: string;
  config: CacheConfig;
  /** The provider's headers for a received file's link (see ProviderAdapter.mediaHeaders). */
  mediaHeaders?: (accountId: string, link: string) => Promise<Record<string, string> | null>;
}

/** WhatsApp pads encrypted media to 16 bytes and appends a 10-byte MAC. */
const ENCRYPTION_OVERHEAD = 26;

export class MediaCache {
  private readonly active = new Map<string, Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private running = false;
  /** Per account: bytes downloaded in the current window, and when the window started. */
  private readonly usage = new Map<string, { since: number; bytes: number }>();

  constructor(private readonly d: CacheDeps) {}

  start(): void {
    this.running = true;
    this.pump();
  }

  /** Stops fetching; files cut off stay pending and are fetched again on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    for (const a of this.aborts) a.abort();
    await Promise.allSettled([...this.active.values()]);
  }

  /** Fetches whatever is pending, up to `concurrency` at a time. Safe to call often. */
  pump(): void {
    if (!this.running) return;
    while (this.active.size < this.d.config.concurrency) {
      const next = this.d.repo.pending(this.d.config.concurrency * 2 + this.active.size).find((f) => !this.active.has(f.id));
      if (!next) return;
      const job = this.download(next).finally(() => {
        this.active.delete(next.id);
        this.pump();
      });
      this.active.set(next.id, job);
    }
  }

  /** Removes least recently used copies until the folder fits its budget again. */
  async evictIfNeeded(): Promise<void> {
    let total = this.d.repo.localBytes();
    while (total > this.d.config.cacheBytes) {
      const batch = this.d.repo.evictable(Date.now(), 50);
      if (batch.length === 0) return;
      for (const f of batch) {
        if (total <= this.d.config.cacheBytes) return;
        await rm(join(this.d.root, f.path!), { force: true });
        const why =
          f.direction === 'in'
            ? new DownloadError(`Removed from this computer to keep downloaded files under ${formatSize(this.d.config.cacheBytes)}. Download it again to open it.`).keyed('errors.media.evicted', {
                max: formatSize(this.d.config.cacheBytes),
              })
            : new DownloadError('Removed from this computer to save space, after it was sent.').keyed('errors.media.evictedSent');
        this.publish(this.d.repo.change(f.id, { state: 'none', path: null, error: why.message, errorWording: why.wording }));
        total -= f.size ?? 0;
      }
    }
  }

  private async download(f: MediaFile): Promise<void> {
    const controller = new AbortController();
    this.aborts.add(controller);
    try {
      const bytes = await this.fetchWithOneRetry(f, controller.signal);
      const type = await sniff(bytes, f.fileName);
      // An unknown or unsafe file is kept for saving, but never labelled as something to render.
      const mimeType = type.ok ? type.type.mimeType : 'application/octet-stream';
      const path = `inbound/${f.id}`;
      await mkdir(join(this.d.root, 'inbound'), { recursive: true, mode: PRIVATE_DIR_MODE });
      const tmp = join(this.d.root, `${path}.part`);
      await writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
      await rename(tmp, join(this.d.root, path));
      if (!this.running) return;
      this.publish(this.d.repo.change(f.id, { state: 'ready', path, size: bytes.length, mimeType, error: null }));
      await this.evictIfNeeded();
    } catch (err) {
      if (!this.running) return;
      const cause = err instanceof Error ? err.message : String(err);
      const failure = err instanceof DownloadError ? err : new DownloadError(`The file could not be saved on this computer (${cause}).`).keyed('errors.media.download.notSaved', { cause });
      this.d.log.warn('media download failed', { id: f.id, error: failure.message });
      this.publish(this.d.repo.change(f.id, { state: 'failed', error: failure.message, errorWording: failure.wording }));
    } finally {
      this.aborts.delete(controller);
    }
  }

  private async fetchWithOneRetry(f: MediaFile, stop: AbortSignal): Promise<Buffer> {
    try {
      return await this.fetchOnce(f, stop);
    } catch (err) {
      if (!(err instanceof DownloadError && err.transient) || stop.aborted) throw err;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.d.config.retryDelayMs);
        stop.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (stop.aborted) throw err;
      return this.fetchOnce(f, stop);
    }
  }

  /** What the account may still download today; the window restarts a day after it began. */
  private allowance(accountId: string, now = Date.now()): { left: number; use(bytes: number): void } {
    const cap = this.d.config.accountDailyBytes ?? DEFAULT_ACCOUNT_DAILY_BYTES;
    let u = this.usage.get(accountId);
    if (!u || now - u.since >= DAY_MS) this.usage.set(accountId, (u = { since: now, bytes: 0 }));
    const window = u;
    return { left: cap - window.bytes, use: (bytes) => void (window.bytes += bytes) };
  }

  private async fetchOnce(f: MediaFile, stop: AbortSignal): Promise<Buffer> {
    if (!f.sourceUrl) throw new DownloadError('The provider gave no link for this file, so there is nothing to download.').keyed('errors.media.download.noLink');
    const owner = this.d.repo.ownerOf(f.id);
    const allowance = owner ? this.allowance(owner.accountId) : null;
    const overhead = f.mediaKey ? ENCRYPTION_OVERHEAD : 0;
    const max = Math.min(this.d.config.maxDownloadBytes + overhead, allowance ? allowance.left : Infinity);
    if (max <= overhead) {
      const limit = formatSize(this.d.config.accountDailyBytes ?? DEFAULT_ACCOUNT_DAILY_BYTES);
      throw new DownloadError(`This account's received files reached today's download limit (${limit}). Download it again tomorrow, or open it from the provider's dashboard.`).keyed('errors.media.download.dailyLimit', { limit });
    }
    const headers = owner && this.d.mediaHeaders ? await this.d.mediaHeaders(owner.accountId, f.sourceUrl).catch(() => null) : null;
    const fetched = await fetchCapped(f.sourceUrl, { maxBytes: max, timeoutMs: this.d.config.downloadTimeoutMs, signal: stop, trustedHosts: owner?.providerHosts ?? [], headers });
    allowance?.use(fetched.bytes.length);
    if (!f.mediaKey) return fetched.bytes;
    try {
      return decryptWhatsAppMedia(fetched.bytes, f.mediaKey, f.kind, f.fileSha256);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const failure = new DownloadError(`The file arrived but could not be opened: ${why}.`);
      throw err instanceof MediaKeyError ? failure.keyed(`errors.media.download.notOpened.${err.why}`) : failure.keyed('errors.media.download.notOpenedOther', { why });
    }
  }

  /** Leftovers: files on disk nothing refers to (a crash mid-write, a removed account). */
  async sweep(): Promise<void> {
    const known = this.d.repo.knownPaths();
    for (const dir of ['inbound', 'outgoing']) {
      const names = await readdir(join(this.d.root, dir)).catch(() => [] as string[]);
      for (const name of names) {
        const rel = `${dir}/${name}`;
        if (!known.has(rel) && !this.active.has(name.replace(/\.part$/, ''))) await unlink(join(this.d.root, rel)).catch(() => undefined);
      }
    }
  }

  private publish(messageId: string | null): void {
    const m: Message | undefined = messageId ? this.d.conversations.message(messageId) : undefined;
    if (m) this.d.bus.emit('messages:changed', m);
  }
}
