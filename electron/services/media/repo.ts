// The media tables (migration 005) and the `media` JSON on messages, kept in step: whenever a
// file's state changes, the message the thread shows changes in the same transaction.
import type { MediaKind, MediaState, MessageMedia, Wording } from '../../../shared/model';
import type { Db } from '../store/db';
import { readWording, wordingColumn } from '../store/wording';

export interface MediaFile {
  id: string;
  direction: 'in' | 'out';
  messageId: string | null;
  state: MediaState;
  kind: MediaKind;
  /** Relative to the media root; null while nothing is on disk. */
  path: string | null;
  fileName: string;
  mimeType: string | null;
  size: number | null;
  sourceUrl: string | null;
  mediaKey: string | null;
  fileSha256: string | null;
  error: string | null;
  /** How the renderer words `error`. */
  errorWording: Wording | null;
  createdAt: number;
  usedAt: number;
}

interface Row {
  id: string;
  direction: 'in' | 'out';
  message_id: string | null;
  state: MediaState;
  kind: MediaKind;
  path: string | null;
  file_name: string;
  mime_type: string | null;
  size: number | null;
  source_url: string | null;
  media_key: string | null;
  file_sha256: string | null;
  error: string | null;
  error_wording?: string | null;
  created_at: number;
  used_at: number;
}

const toFile = (r: Row): MediaFile => ({
  id: r.id,
  direction: r.direction,
  messageId: r.message_id,
  state: r.state,
  kind: r.kind,
  path: r.path,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sourceUrl: r.source_url,
  mediaKey: r.media_key,
  fileSha256: r.file_sha256,
  error: r.error,
  errorWording: readWording(r.error_wording),
  createdAt: r.created_at,
  usedAt: r.used_at,
});

export type NewMediaFile = Pick<MediaFile, 'id' | 'direction' | 'state' | 'kind' | 'fileName'> & Partial<Pick<MediaFile, 'messageId' | 'path' | 'mimeType' | 'size' | 'sourceUrl' | 'mediaKey' | 'fileSha256'>>;

/** `error` without `errorWording` has none (an error's old wording never stays with new words). */
export type FileChange = Partial<Pick<MediaFile, 'state' | 'path' | 'mimeType' | 'size' | 'error' | 'errorWording'>>;

export class MediaRepo {
  constructor(private readonly db: Db) {}

  insert(f: NewMediaFile, now = Date.now()): MediaFile {
    this.db
      .prepare(
        `INSERT INTO media_files (id, direction, message_id, state, kind, path, file_name, mime_type, size, source_url, media_key, file_sha256, created_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.id, f.direction, f.messageId ?? null, f.state, f.kind, f.path ?? null, f.fileName, f.mimeType ?? null, f.size ?? null, f.sourceUrl ?? null, f.mediaKey ?? null, f.fileSha256 ?? null, now, now);
    return this.get(f.id)!;
  }

  get(id: string): MediaFile | undefined {
    const r = this.db.prepare('SELECT * FROM media_files WHERE id = ?').get(id) as Row | undefined;
    return r && toFile(r);
  }

  byMessage(messageId: string): MediaFile | undefined {
    const r = this.db.prepare('SELECT * FROM media_files WHERE message_id = ?').get(messageId) as Row | undefined;
    return r && toFile(r);
  }

  /** Links a staged file to the message that sends it; false when it already belongs to one. */
  attach(id: string, messageId: string): boolean {
    return this.db.prepare("UPDATE media_files SET message_id = ? WHERE id = ? AND direction = 'out' AND message_id IS NULL").run(messageId, id).changes === 1;
  }

  /** Removes a staged file no message uses; answers its row so the caller can delete it from disk. */
  removeUnattached(id: string): MediaFile | undefined {
    const f = this.get(id);
    if (!f || f.direction !== 'out' || f.messageId !== null) return undefined;
    this.db.prepare('DELETE FROM media_files WHERE id = ? AND message_id IS NULL').run(id);
    return f;
  }

  /** Staged files nobody sent, older than `before` (the composer was closed, the app quit…). */
  unattachedBefore(before: number): MediaFile[] {
    return (this.db.prepare("SELECT * FROM media_files WHERE direction = 'out' AND message_id IS NULL AND created_at < ?").all(before) as Row[]).map(toFile);
  }

  pending(limit: number): MediaFile[] {
    return (this.db.prepare("SELECT * FROM media_files WHERE state = 'pending' ORDER BY created_at LIMIT ?").all(limit) as Row[]).map(toFile);
  }

  /** Updates the file and, when it belongs to a message, that message's media; answers the message id to publish. */
  change(id: string, change: FileChange): string | null {
    return this.db.transaction(() => {
      const f = this.get(id);
      if (!f) return null;
      const next = { ...f, ...change, ...('error' in change ? { errorWording: change.errorWording ?? null } : {}) };
      const failed = next.state === 'failed' || next.state === 'none';
      const error = failed ? next.error : null;
      const errorWording = failed && error ? next.errorWording : null;
      this.db
        .prepare('UPDATE media_files SET state = ?, path = ?, mime_type = ?, size = ?, error = ?, error_wording = ? WHERE id = ?')
        .run(next.state, next.path, next.mimeType, next.size, error, wordingColumn(errorWording), id);
      // A fresh copy counts as just used, or the cache would evict a re-download first.
      if (next.state === 'ready' && f.state !== 'ready') this.touch(id);
      if (f.messageId) {
        const shown = next.state === 'ready' ? null : (next.error ?? null);
        this.patchMessage(f.messageId, { state: next.state, size: next.path ? next.size : null, error: shown, errorWording: shown ? (next.errorWording ?? null) : null, mimeType: next.mimeType });
      }
      return f.messageId;
    })();
  }

  touch(id: string, now = Date.now()): void {
    this.db.prepare('UPDATE media_files SET used_at = ? WHERE id = ?').run(now, id);
  }

  patchMessage(messageId: string, patch: Partial<MessageMedia>): void {
    const raw = this.db.prepare('SELECT media FROM messages WHERE id = ?').pluck().get(messageId) as string | null | undefined;
    if (!raw) return;
    const media = { ...(JSON.parse(raw) as MessageMedia), ...patch };
    this.db.prepare('UPDATE messages SET media = ? WHERE id = ?').run(JSON.stringify(media), messageId);
  }

  /** Bytes on disk under the cache's budget. */
  localBytes(): number {
    return (this.db.prepare('SELECT coalesce(sum(size), 0) FROM media_files WHERE path IS NOT NULL').pluck().get() as number) ?? 0;
  }

  /**
   * Local copies that may go when space runs short, least recently used first: received files,
   * and sent files whose message has left (sent or beyond) and whose links have expired. Staged
   * files and those of messages still waiting, failed or in doubt stay: they may be sent again.
   */
  evictable(now: number, limit = 100): MediaFile[] {
    return (
      this.db
        .prepare(
          `SELECT f.* FROM media_files f LEFT JOIN messages m ON m.id = f.message_id
           WHERE f.path IS NOT NULL AND f.state = 'ready' AND (
             f.direction = 'in' OR (m.status IN ('sent', 'delivered', 'read')
               AND NOT EXISTS (SELECT 1 FROM served_files s WHERE s.file_id = f.id AND s.expires_at > ?)))
           ORDER BY f.used_at LIMIT ?`,
        )
        .all(now, limit) as Row[]
    ).map(toFile);
  }

  /** Every path the table knows, to tell leftovers on disk from files in use. */
  knownPaths(): Set<string> {
    return new Set(this.db.prepare('SELECT path FROM media_files WHERE path IS NOT NULL').pluck().all() as string[]);
  }

  addServed(tokenHash: string, fileId: string, expiresAt: number, now = Date.now()): void {
    this.db.prepare('INSERT INTO served_files (token_hash, file_id, expires_at, created_at) VALUES (?, ?, ?, ?)').run(tokenHash, fileId, expiresAt, now);
  }

  /** The file a link serves, if the link exists, has not expired and the file is still on disk. */
  served(tokenHash: string, now: number): MediaFile | undefined {
    const r = this.db
      .prepare('SELECT f.* FROM served_files s JOIN media_files f ON f.id = s.file_id WHERE s.token_hash = ? AND s.expires_at > ? AND f.path IS NOT NULL')
      .get(tokenHash, now) as Row | undefined;
    return r && toFile(r);
  }

  dropExpiredServed(now: number): number {
    return this.db.prepare('DELETE FROM served_files WHERE expires_at <= ?').run(now).changes;
  }

  /** The account a received file belongs to, and the hosts of the provider addresses configured on it (baseUrl, endpointUrl…). */
  ownerOf(id: string): { accountId: string; providerHosts: string[] } | null {
    const row = this.db
      .prepare('SELECT a.id accountId, a.config config FROM media_files f JOIN messages m ON m.id = f.message_id JOIN accounts a ON a.id = m.account_id WHERE f.id = ?')
      .get(id) as { accountId: string; config: string } | undefined;
    if (!row) return null;
    const providerHosts: string[] = [];
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(row.config) as Record<string, unknown>;
    } catch {
      config = {};
    }
    for (const v of Object.values(config)) {
      if (typeof v !== 'string' || !/^https?:\/\//i.test(v)) continue;
      try {
        providerHosts.push(new URL(v).host);
      } catch {
        // not an address: not a provider host
      }
    }
    return { accountId: row.accountId, providerHosts };
  }
}
