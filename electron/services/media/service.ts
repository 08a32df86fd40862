// Files in both directions. Out: the renderer sends a picked, dropped or pasted file's bytes;
// they are checked by content and staged under dataDir/media/outgoing/<random id>; a message
// refers to the staged copy (the outbox stores the reference, never the bytes); at dispatch an
// upload provider gets the bytes and a URL-only one a served, expiring link under the public
// address. In: received files are fetched into the cache (cache.ts) and opened with `read`.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaContent, StagedFile } from '../../../shared/ipc';
import type { Message, ProviderInfo, Wording } from '../../../shared/model';
import { AppFailure, notFound } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { InboundMedia, OutgoingMessage, QueuedMessage, StagedFileRef } from '../providers/types';
import type { ConversationsRepo } from '../store/conversations';
import { MediaCache, type CacheConfig } from './cache';
import { OperatorMustAct } from './errors';
import { formatSize, MAX_STAGED_BYTES, noPublicAddress, routeFor, shortName } from './limits';
import type { MediaFile, MediaRepo } from './repo';
import { hashToken, newServedPath } from './serve';
import { cleanFileName, describeType, safeName, sniff } from './sniff';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tighten } from '../private-files';

export interface MediaConfig extends CacheConfig {
  /** How long a served link works (default 24 h). */
  servedTtlMs: number;
  /** Staged files never sent are removed after this long (default 7 days). */
  stagedTtlMs: number;
  /** The largest file `read` returns as a data: URL (default 25 MB). */
  maxReadBytes: number;
}

export const defaultMediaConfig: MediaConfig = {
  maxDownloadBytes: 25 * 1024 * 1024,
  cacheBytes: 1024 * 1024 * 1024,
  downloadTimeoutMs: 120_000,
  concurrency: 2,
  retryDelayMs: 2_000,
  servedTtlMs: 24 * 60 * 60 * 1000,
  stagedTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxReadBytes: 25 * 1024 * 1024,
};

export interface MediaDeps {
  repo: MediaRepo;
  conversations: ConversationsRepo;
  bus: EventBus;
  log: Logger;
  dataDir: string;
  /** The tunnel's or the user's public address, or null when only the local one exists. */
  publicBaseUrl(): string | null;
  config?: Partial<MediaConfig>;
  /** The provider's headers for a received file's link (Infobip's media needs the account's auth). */
  mediaHeaders?: (accountId: string, link: string) => Promise<Record<string, string> | null>;
}

/** What the inbox needs to check and queue a staged file. */
export interface StagedFacts {
  fileId: string;
  path: string;
  mimeType: string;
  fileName: string;
  size: number;
  label: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class MediaService {
  readonly root: string;
  readonly config: MediaConfig;
  private readonly cache: MediaCache;

  constructor(private readonly d: MediaDeps) {
    this.root = join(d.dataDir, 'media');
    this.config = { ...defaultMediaConfig, ...d.config };
    this.cache = new MediaCache({ repo: d.repo, conversations: d.conversations, bus: d.bus, log: d.log, root: this.root, config: this.config, mediaHeaders: d.mediaHeaders });
  }

  async start(): Promise<void> {
    await mkdir(join(this.root, 'outgoing'), { recursive: true, mode: PRIVATE_DIR_MODE });
    await mkdir(join(this.root, 'inbound'), { recursive: true, mode: PRIVATE_DIR_MODE });
    for (const f of this.d.repo.unattachedBefore(Date.now() - this.config.stagedTtlMs)) await this.discard(f.id);
    this.d.repo.dropExpiredServed(Date.now());
    await this.cache.sweep();
    this.cache.start();
    await this.cache.evictIfNeeded();
  }

  stop(): Promise<void> {
    return this.cache.stop();
  }

  /**
   * Decodes, identifies by content and stores a file from this computer. `check` (a provider's
   * limits, when the renderer names the conversation) may refuse it; it is then not kept.
   */
  async stage(fileName: string, dataBase64: string, check?: (file: StagedFile) => void): Promise<StagedFile> {
    const data = dataBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
    if (!BASE64.test(data) || data.length % 4 === 1) throw new AppFailure('validation', 'The file did not arrive intact. Attach it again.').keyed('errors.media.notIntact');
    if ((data.length / 4) * 3 > MAX_STAGED_BYTES + 3) throw new AppFailure('validation', `A file can be at most ${formatSize(MAX_STAGED_BYTES)} on WhatsApp.`).keyed('errors.media.tooBig', { max: formatSize(MAX_STAGED_BYTES) });
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > MAX_STAGED_BYTES) throw new AppFailure('validation', `A file can be at most ${formatSize(MAX_STAGED_BYTES)} on WhatsApp, and this one is ${formatSize(bytes.length)}.`).keyed('errors.media.tooBigThis', { max: formatSize(MAX_STAGED_BYTES), size: formatSize(bytes.length) });
    const sniffed = await sniff(bytes, fileName);
    if (!sniffed.ok) throw sniffed.failure;
    const fileId = randomBytes(16).toString('base64url');
    const path = `outgoing/${fileId}`;
    await mkdir(join(this.root, 'outgoing'), { recursive: true, mode: PRIVATE_DIR_MODE });
    await writeFile(join(this.root, path), bytes, { mode: PRIVATE_FILE_MODE });
    const name = cleanFileName(fileName, sniffed.type);
    this.d.repo.insert({ id: fileId, direction: 'out', state: 'ready', kind: sniffed.type.kind, path, fileName: name, mimeType: sniffed.type.mimeType, size: bytes.length });
    const staged: StagedFile = { fileId, kind: sniffed.type.kind, mimeType: sniffed.type.mimeType, size: bytes.length, fileName: name };
    try {
      check?.(staged);
    } catch (err) {
      await this.discard(fileId);
      throw err;
    }
    return staged;
  }

  /** Forgets a staged file no message uses. */
  async discard(fileId: string): Promise<boolean> {
    const f = this.d.repo.removeUnattached(fileId);
    if (f?.path) await rm(join(this.root, f.path), { force: true });
    return f !== undefined;
  }

  /** The staged file behind a fileId, for the checks before queueing. */
  staged(fileId: string): StagedFacts {
    const f = this.d.repo.get(fileId);
    if (!f || f.direction !== 'out' || !f.path || !f.mimeType || f.size === null) throw new AppFailure('validation', 'This attachment is no longer available. Attach the file again.').keyed('errors.send.attachmentGone');
    return { fileId: f.id, path: f.path, mimeType: f.mimeType, fileName: f.fileName, size: f.size, label: describeType(f.mimeType) };
  }

  /**
   * Ties a staged file to the message that sends it and answers the reference the outbox stores.
   * A file already sent once is copied first, so each message owns its copy.
   */
  attach(fileId: string, messageId: string): StagedFileRef {
    let f = this.staged(fileId);
    if (!this.d.repo.attach(fileId, messageId)) {
      const copyId = randomBytes(16).toString('base64url');
      const path = `outgoing/${copyId}`;
      copyFileSync(join(this.root, f.path), join(this.root, path));
      tighten(join(this.root, path), PRIVATE_FILE_MODE);
      const original = this.d.repo.get(fileId)!;
      this.d.repo.insert({ id: copyId, direction: 'out', state: 'ready', kind: original.kind, path, fileName: f.fileName, mimeType: f.mimeType, size: f.size, messageId });
      f = { ...f, fileId: copyId, path };
    }
    return { type: 'staged', fileId: f.fileId, path: f.path, mimeType: f.mimeType, fileName: f.fileName, size: f.size };
  }

  /** Whether URL-only providers can fetch from here now. */
  hasPublicAddress(): boolean {
    return this.d.publicBaseUrl() !== null;
  }

  /**
   * At dispatch: a staged file becomes what the provider takes — its bytes (upload), or a link
   * made now under the public address (URL-only). Anything else passes through.
   */
  async prepareForSend(message: QueuedMessage, info: ProviderInfo): Promise<OutgoingMessage> {
    if (message.kind !== 'media' || message.source.type !== 'staged') return message as OutgoingMessage;
    const ref = message.source;
    const abs = join(this.root, ref.path);
    const gone = new AppFailure('not_found', 'The file to send is no longer on this computer. Attach it again and send a new message.').keyed('errors.media.sendFileGone');
    const route = routeFor(info);
    if (route === 'upload') {
      const bytes = await readFile(abs).catch(() => {
        throw gone;
      });
      return { ...message, source: { type: 'file', bytes, mimeType: ref.mimeType, fileName: ref.fileName } };
    }
    if (route === 'url') {
      const base = this.d.publicBaseUrl();
      if (!base) throw new OperatorMustAct(noPublicAddress(info)).keyed('errors.media.noPublicAddress', { provider: shortName(info) });
      if (!existsSync(abs)) throw gone;
      return { ...message, source: { type: 'url', url: this.link(ref.fileId, ref.fileName, base), mimeType: ref.mimeType, fileName: ref.fileName } };
    }
    throw new AppFailure('validation', `${info.name} accounts cannot send files.`).keyed('errors.media.noFiles', { provider: info.name });
  }

  /** A new unguessable link to a local file, valid for `servedTtlMs`. */
  link(fileId: string, fileName: string, base: string): string {
    const now = Date.now();
    this.d.repo.dropExpiredServed(now);
    const { token, path } = newServedPath(fileName);
    this.d.repo.addServed(hashToken(token), fileId, now + this.config.servedTtlMs, now);
    return `${base.replace(/\/+$/, '')}${path}`;
  }

  /** A received file is stored as pending and fetched in the background. */
  inboundArrived(messageId: string, media: InboundMedia): void {
    const fileName = safeName(media.fileName ?? '') || nameFromUrl(media.url) || media.kind;
    // The thread shows a name even when the provider gave none (mconnect names files only in the link).
    if (!media.fileName) this.d.repo.patchMessage(messageId, { fileName });
    this.d.repo.insert({
      id: randomBytes(16).toString('base64url'),
      direction: 'in',
      messageId,
      state: 'pending',
      kind: media.kind,
      fileName,
      mimeType: media.mimeType ?? null,
      sourceUrl: media.url,
      mediaKey: media.mediaKey ?? null,
      fileSha256: media.fileSha256 ?? null,
      size: media.size ?? null,
    });
    // After the surrounding transaction has committed, so the downloader sees the row.
    setImmediate(() => this.cache.pump());
  }

  /** Fetches a received file again (after a failure, or after it was removed to save space). */
  retryDownload(messageId: string): Message {
    const message = this.message(messageId);
    if (message.direction !== 'in' || !message.media) throw new AppFailure('validation', 'Only a received file can be downloaded again.').keyed('errors.media.onlyReceived');
    let f = this.d.repo.byMessage(messageId);
    if (!f) {
      // Received before Switchboard kept files: the link on the message is all there is.
      if (!message.media.url) throw new AppFailure('validation', 'The provider gave no link for this file, so it cannot be downloaded.').keyed('errors.media.noLink');
      f = this.d.repo.insert({ id: randomBytes(16).toString('base64url'), direction: 'in', messageId, state: 'failed', kind: message.media.kind, fileName: message.media.fileName ?? nameFromUrl(message.media.url) ?? message.media.kind, mimeType: message.media.mimeType, sourceUrl: message.media.url });
    }
    if (f.state === 'pending' || (f.state === 'ready' && f.path && existsSync(join(this.root, f.path)))) return message;
    this.d.repo.change(f.id, { state: 'pending', path: null, size: null, error: null });
    const next = this.message(messageId);
    this.d.bus.emit('messages:changed', next);
    this.cache.pump();
    return next;
  }

  /** The local copy of a message's file as a data: URL, for a thumbnail, opening or saving. */
  async read(messageId: string): Promise<MediaContent> {
    const message = this.message(messageId);
    if (!message.media) throw new AppFailure('validation', 'This message has no file.').keyed('errors.media.noFile');
    const f = this.d.repo.byMessage(messageId);
    if (!f) {
      throw message.direction === 'out'
        ? new AppFailure('validation', 'This file was sent as a web link; there is no copy on this computer. Open the link instead.').keyed('errors.media.sentAsLink')
        : new AppFailure('validation', 'This file has not been downloaded. Download it first.').keyed('errors.media.notDownloaded');
    }
    if (f.state === 'pending') throw new AppFailure('conflict', 'The file is still downloading. It opens once it is here.').keyed('errors.media.stillDownloading');
    if (f.state === 'failed') throw new AppFailure('validation', `The file could not be downloaded: ${f.error ?? 'no reason given'} Try the download again.`).keyed('errors.media.downloadFailed', { reason: f.error ?? 'no reason given' });
    if (f.state !== 'ready' || !f.path) {
      // Worded by the reason's own wording; an older reason without one as it is.
      throw f.error && !f.errorWording
        ? new AppFailure('validation', f.error)
        : new AppFailure('validation', f.error ?? 'There is no copy of this file on this computer.').keyed(f.errorWording?.key ?? 'errors.media.noCopy', f.errorWording?.params);
    }
    const abs = join(this.root, f.path);
    if ((f.size ?? 0) > this.config.maxReadBytes) {
      throw new AppFailure('validation', `This file is ${formatSize(f.size ?? 0)}; Switchboard opens files up to ${formatSize(this.config.maxReadBytes)} here. It is saved at ${abs}.`).keyed('errors.media.tooBigToOpen', { size: formatSize(f.size ?? 0), max: formatSize(this.config.maxReadBytes), location: abs });
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(abs);
    } catch {
      this.publishChange(f, 'The file was removed from this computer.', { key: 'errors.media.removed' });
      throw f.direction === 'in'
        ? new AppFailure('not_found', 'The file was removed from this computer. Download it again.').keyed('errors.media.removedDownloadAgain')
        : new AppFailure('not_found', 'The file was removed from this computer.').keyed('errors.media.removed');
    }
    this.d.repo.touch(f.id);
    const mimeType = f.mimeType ?? 'application/octet-stream';
    return { dataUrl: `data:${mimeType};base64,${bytes.toString('base64')}`, mimeType, fileName: f.fileName, size: bytes.length };
  }

  private publishChange(f: MediaFile, error: string, errorWording: Wording): void {
    const id = this.d.repo.change(f.id, { state: 'none', path: null, size: null, error, errorWording });
    const m = id ? this.d.conversations.message(id) : undefined;
    if (m) this.d.bus.emit('messages:changed', m);
  }

  private message(id: string): Message {
    const m = this.d.conversations.message(id);
    if (!m) throw notFound('This message');
    return m;
  }
}

/** "https://host/path/1600317556.jpeg?x=1" → "1600317556.jpeg". */
function nameFromUrl(url: string): string | null {
  try {
    return safeName(decodeURIComponent(new URL(url).pathname)) || null;
  } catch {
    return null;
  }
}
