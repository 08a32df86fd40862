// Full-text search over the inbox (SQLite FTS5, see migration 008): message text, captions and
// file names, conversation names and numbers. Results are matching messages with highlighted
// snippets, grouped by conversation, newest first. Messages stored before the index existed are
// indexed in the background, newest first (backfillStep), and searched as soon as they are in.
import { MARK_END, MARK_START, type SearchGroup, type SearchResult } from '../../../shared/inbox';
import { toThread, type ThreadRow } from './conversations';
import { queryWords, snippet } from './snippet';
import type { Db } from './db';

export const SEARCH_LIMIT = 100;
const TITLE_MATCHES = 20;

/**
 * The user's words as an FTS5 query: every word must appear, the last one (still being typed)
 * and every other as a prefix. Words are quoted, so nothing typed is read as query syntax.
 */
export function ftsQuery(input: string): string | null {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

type HitRow = { id: string; thread_id: string; at: number; direction: 'in' | 'out'; snip: string };
type SourceRow = Omit<HitRow, 'snip'> & { text: string | null; file_name: string | null };

/** The hit's text, or its file name when that is what matched, with the matching words marked. */
function withSnippet({ text, file_name, ...r }: SourceRow, words: string[]): HitRow {
  const snip = (text && snippet(text, words)) ?? (file_name && snippet(file_name, words)) ?? text ?? file_name ?? '';
  return { ...r, snip };
}

export class SearchIndex {
  constructor(private readonly db: Db) {}

  search(input: string, opts: { threadId?: string; limit?: number } = {}): SearchResult {
    const limit = opts.limit ?? SEARCH_LIMIT;
    const q = ftsQuery(input);
    if (!q) return { groups: [], truncated: false, indexing: this.progress() };
    const words = queryWords(input);
    const hits = opts.threadId ? this.hitsInThread(q, opts.threadId, limit + 1, words) : this.hits(q, limit + 1, words);
    const truncated = hits.length > limit;
    const groups = new Map<string, SearchGroup>();
    const threadOf = (id: string) => {
      const row = this.db.prepare('SELECT * FROM threads WHERE id = ?').get(id) as ThreadRow | undefined;
      return row && toThread(row);
    };
    // Conversations whose name or number matches come first: that is usually who is looked for.
    if (!opts.threadId) {
      for (const t of this.titleMatches(q, input)) groups.set(t.thread.id, { thread: t.thread, hits: [], titleSnippet: t.snippet });
    }
    for (const h of hits.slice(0, limit)) {
      let g = groups.get(h.thread_id);
      if (!g) {
        const thread = threadOf(h.thread_id);
        if (!thread) continue;
        g = { thread, hits: [], titleSnippet: null };
        groups.set(h.thread_id, g);
      }
      g.hits.push({ messageId: h.id, at: h.at, direction: h.direction, snippet: h.snip });
    }
    return { groups: [...groups.values()], truncated, indexing: this.progress() };
  }

  /**
   * Newest matches first: FTS5 walks its rowids backwards, so a common word stops after `limit`
   * (the inner query; joined outside it, the planner would collect every match first).
   */
  private hits(q: string, limit: number, words: string[]): HitRow[] {
    const rows = this.db
      .prepare(
        `SELECT m.id, m.thread_id, m.at, m.direction, m.text, json_extract(m.media, '$.fileName') file_name
         FROM (SELECT rowid rid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
         JOIN messages m ON m.rowid = f.rid ORDER BY f.rid DESC`,
      )
      .all(q, limit) as SourceRow[];
    return rows.map((r) => withSnippet(r, words));
  }

  /**
   * Within one conversation: the thread's messages (by index) filtered by the set of matching
   * rowids — a join would probe the index once per message and costs 7x more for a common word.
   */
  private hitsInThread(q: string, threadId: string, limit: number, words: string[]): HitRow[] {
    const rows = this.db
      .prepare(
        `SELECT m.id, m.thread_id, m.at, m.direction, m.text, json_extract(m.media, '$.fileName') file_name FROM messages m
         WHERE m.thread_id = ? AND m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) ORDER BY m.at DESC, m.rowid DESC LIMIT ?`,
      )
      .all(threadId, q, limit) as SourceRow[];
    return rows.map((r) => withSnippet(r, words));
  }

  private titleMatches(q: string, input: string): { thread: ReturnType<typeof toThread>; snippet: string }[] {
    const rows = this.db
      .prepare(
        `SELECT t.*, highlight(threads_fts, 0, ?, ?) snip FROM threads_fts JOIN threads t ON t.rowid = threads_fts.rowid
         WHERE threads_fts MATCH ? ORDER BY t.last_at DESC LIMIT ?`,
      )
      .all(MARK_START, MARK_END, q, TITLE_MATCHES) as (ThreadRow & { snip: string })[];
    const found = rows.map((r) => ({ thread: toThread(r), snippet: r.snip }));
    // Numbers are matched anywhere in the digits too ("0812 3456" finds 6281234567…): a local
    // form drops the leading 0 that the international form replaces with the country code.
    const digits = input.replace(/[^\d]/g, '').replace(/^0+/, '');
    if (digits.length >= 4 && /^[\d\s+()-]+$/.test(input.trim())) {
      const seen = new Set(found.map((f) => f.thread.id));
      const byPhone = this.db
        .prepare("SELECT * FROM threads WHERE phone LIKE ? ESCAPE '\\' ORDER BY last_at DESC LIMIT ?")
        .all(`%${digits}%`, TITLE_MATCHES) as ThreadRow[];
      for (const r of byPhone) if (!seen.has(r.id)) found.push({ thread: toThread(r), snippet: r.title });
    }
    return found;
  }

  /** Messages not yet indexed after the upgrade that created the index, or null when all are in. */
  progress(): { done: number; total: number } | null {
    const below = this.meta('fts_backfill_below');
    if (below === null) return null;
    const from = this.meta('fts_backfill_from') ?? below;
    const total = Math.max(1, from - 1);
    return { done: Math.min(total, from - below), total };
  }

  /**
   * Indexes the next `chunk` rowids below the boundary, newest first, in one transaction with the
   * boundary's move (so the triggers and this never both index a row). Returns false when done.
   */
  backfillStep(chunk = 2000): boolean {
    return this.db.transaction(() => {
      const below = this.meta('fts_backfill_below');
      if (below === null) return false;
      if (this.meta('fts_backfill_from') === null) this.setMeta('fts_backfill_from', below);
      const lower = Math.max(1, below - chunk);
      this.db
        .prepare(
          `INSERT INTO messages_fts (rowid, body, file_name)
           SELECT rowid, coalesce(text, ''), coalesce(json_extract(media, '$.fileName'), '') FROM messages WHERE rowid >= ? AND rowid < ?`,
        )
        .run(lower, below);
      if (lower <= 1) {
        this.db.prepare("DELETE FROM app_meta WHERE key IN ('fts_backfill_below', 'fts_backfill_from')").run();
        return false;
      }
      this.setMeta('fts_backfill_below', lower);
      return true;
    })();
  }

  private meta(key: string): number | null {
    const v = this.db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(key) as string | undefined;
    return v === undefined ? null : Number(v);
  }

  private setMeta(key: string, value: number): void {
    this.db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value));
  }
}
