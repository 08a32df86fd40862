// Keyset pages of conversations and messages. A cursor names the last row handed out (its sort
// values and rowid), so a page never repeats or skips a row because others arrived meanwhile: a
// thread that gets a new message moves above the cursor, not into the next page twice.
import type { MessagePage, ThreadPage } from '../../../shared/inbox';
import type { Thread } from '../../../shared/model';
import { AppFailure } from '../errors';
import { toMessage, toThread, type MessageRow, type ThreadRow } from './conversations';
import type { Db } from './db';

export const THREAD_PAGE = 100;
export const MESSAGE_PAGE = 100;

type ThreadKeyset = { u: number; at: number; id: string };
type MessageKeyset = { at: number; rid: number };

function encode(v: object): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function decode<T>(cursor: string, check: (v: unknown) => v is T): T {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(v)) return v;
  } catch {
    // Reported below in words.
  }
  throw new AppFailure('validation', 'That list position is not valid any more. Reload the list.').keyed('errors.inbox.staleCursor');
}

const isThreadKeyset = (v: unknown): v is ThreadKeyset =>
  typeof v === 'object' && v !== null && typeof (v as ThreadKeyset).at === 'number' && typeof (v as ThreadKeyset).id === 'string' && typeof (v as ThreadKeyset).u === 'number';
const isMessageKeyset = (v: unknown): v is MessageKeyset =>
  typeof v === 'object' && v !== null && typeof (v as MessageKeyset).at === 'number' && Number.isInteger((v as MessageKeyset).rid);

export class InboxPages {
  constructor(private readonly db: Db) {}

  /**
   * Conversations newest activity first, or unread ones first and then newest: the order the
   * list shows, done by an index so the 500th page costs what the first does.
   */
  threads(opts: { accountId?: string; unreadFirst?: boolean; cursor?: string; limit?: number }): ThreadPage {
    const limit = opts.limit ?? THREAD_PAGE;
    // Broadcast recipients who never answered are not conversations (the literal lets the
    // partial indexes of schema 10 serve the list).
    const where: string[] = ['broadcast_only = 0'];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (opts.accountId) {
      where.push('account_id = @account');
      params.account = opts.accountId;
    }
    if (opts.cursor) {
      const c = decode(opts.cursor, isThreadKeyset);
      Object.assign(params, { cu: c.u, cat: c.at, cid: c.id });
      where.push(opts.unreadFirst ? '((unread > 0) < @cu OR ((unread > 0) = @cu AND (last_at < @cat OR (last_at = @cat AND id < @cid))))' : '(last_at < @cat OR (last_at = @cat AND id < @cid))');
    }
    const order = opts.unreadFirst ? '(unread > 0) DESC, last_at DESC, id DESC' : 'last_at DESC, id DESC';
    const rows = this.db
      .prepare(`SELECT * FROM threads WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`)
      .all(params) as ThreadRow[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    // Counted for the first page only (later pages leave them as they were): each count walks an
    // index, which at 100,000 conversations costs more than the page itself.
    const counts = opts.cursor ? null : this.counts(opts.accountId);
    return {
      threads: page.map(toThread),
      next: more && last ? encode({ u: last.unread > 0 ? 1 : 0, at: last.last_at, id: last.id }) : null,
      total: counts?.total ?? null,
      unread: counts?.unread ?? null,
    };
  }

  /** Conversations (not unanswered broadcast recipients) and those with unread messages, each from its own partial index. */
  private counts(accountId?: string): { total: number; unread: number } {
    const account = accountId ? 'AND account_id = ?' : '';
    const args = accountId ? [accountId] : [];
    const total = this.db.prepare(`SELECT count(*) FROM threads WHERE broadcast_only = 0 ${account}`).pluck().get(...args) as number;
    const unread = this.db.prepare(`SELECT count(*) FROM threads WHERE broadcast_only = 0 AND (unread > 0) = 1 ${account}`).pluck().get(...args) as number;
    return { total, unread };
  }

  byIds(ids: string[]): Thread[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM threads WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ThreadRow[];
    return rows.map(toThread);
  }

  /** Unread messages per account: a sum over the threads that have any. */
  unreadByAccount(): Record<string, number> {
    const rows = this.db.prepare('SELECT account_id, sum(unread) n FROM threads WHERE unread > 0 GROUP BY account_id').all() as { account_id: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.account_id, r.n]));
  }

  /** The newest messages of a thread, or the ones just before or after a cursor; oldest first. */
  messages(threadId: string, opts: { before?: string; after?: string; limit?: number }): MessagePage {
    const limit = opts.limit ?? MESSAGE_PAGE;
    if (opts.after) {
      const c = decode(opts.after, isMessageKeyset);
      const rows = this.select('thread_id = ? AND (at > ? OR (at = ? AND rowid > ?))', 'at, rowid', [threadId, c.at, c.at, c.rid], limit + 1);
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      return this.toPage(page, this.hasBefore(threadId, page[0] ?? c), more);
    }
    const c = opts.before ? decode(opts.before, isMessageKeyset) : null;
    const rows = c
      ? this.select('thread_id = ? AND (at < ? OR (at = ? AND rowid < ?))', 'at DESC, rowid DESC', [threadId, c.at, c.at, c.rid], limit + 1)
      : this.select('thread_id = ?', 'at DESC, rowid DESC', [threadId], limit + 1);
    const more = rows.length > limit;
    const page = rows.slice(0, limit).reverse();
    // Paging backwards from a cursor: whatever follows is already on screen, so `later` stays null.
    return this.toPage(page, more, false);
  }

  /** The messages around one message: half before it, the rest from it on. */
  around(messageId: string, limit = MESSAGE_PAGE): MessagePage & { threadId: string } {
    const target = this.db.prepare('SELECT rowid rid, thread_id, at FROM messages WHERE id = ?').get(messageId) as { rid: number; thread_id: string; at: number } | undefined;
    if (!target) throw new AppFailure('not_found', 'That message is no longer stored.').keyed('errors.inbox.messageGone');
    const half = Math.max(1, Math.floor(limit / 2));
    const older = this.select('thread_id = ? AND (at < ? OR (at = ? AND rowid < ?))', 'at DESC, rowid DESC', [target.thread_id, target.at, target.at, target.rid], half + 1);
    const newer = this.select('thread_id = ? AND (at > ? OR (at = ? AND rowid >= ?))', 'at, rowid', [target.thread_id, target.at, target.at, target.rid], limit - half + 1);
    const hasEarlier = older.length > half;
    const hasLater = newer.length > limit - half;
    const page = [...older.slice(0, half).reverse(), ...newer.slice(0, limit - half)];
    return { threadId: target.thread_id, ...this.toPage(page, hasEarlier, hasLater) };
  }

  private select(where: string, order: string, params: unknown[], limit: number): (MessageRow & { rid: number })[] {
    return this.db.prepare(`SELECT rowid rid, * FROM messages WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...params, limit) as (MessageRow & { rid: number })[];
  }

  private hasBefore(threadId: string, at: MessageKeyset): boolean {
    return this.db.prepare('SELECT 1 FROM messages WHERE thread_id = ? AND (at < ? OR (at = ? AND rowid < ?)) LIMIT 1').get(threadId, at.at, at.at, at.rid) !== undefined;
  }

  private toPage(rows: (MessageRow & { rid: number })[], hasEarlier: boolean, hasLater: boolean): MessagePage {
    const first = rows[0];
    const last = rows.at(-1);
    return {
      messages: rows.map(toMessage),
      earlier: hasEarlier && first ? encode({ at: first.at, rid: first.rid }) : null,
      later: hasLater && last ? encode({ at: last.at, rid: last.rid }) : null,
    };
  }
}
