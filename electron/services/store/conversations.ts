// Contacts, threads and messages. Inserts are idempotent on the provider's message id, and a
// message status only ever moves forward along the one delivery lifecycle.
import { randomUUID } from 'node:crypto';
import type { Message, MessageKind, MessageMedia, MessageStatus, Price, Thread, Wording } from '../../../shared/model';
import type { Db } from './db';
import { readWording, wordingColumn } from './wording';

export interface ThreadRow {
  id: string;
  account_id: string;
  instance_id: string;
  peer_id: string;
  title: string;
  phone: string | null;
  is_group: number;
  unread: number;
  last_message: string | null;
  last_at: number;
  replyable: number;
  not_replyable_reason: string | null;
  not_replyable_wording?: string | null;
  avatar_url: string | null;
  broadcast_only?: number;
  renamed?: number;
}

export interface MessageRow {
  id: string;
  thread_id: string;
  direction: 'in' | 'out';
  kind: MessageKind;
  text: string | null;
  author: string | null;
  provider_message_id: string | null;
  status: MessageStatus;
  error: string | null;
  error_wording?: string | null;
  error_permanent: number | null;
  at: number;
  channel: string | null;
  price_amount: number | null;
  price_currency: string | null;
  media: string | null;
  attempts: number;
  next_attempt_at: number | null;
  waiting_reason: string | null;
  waiting_wording?: string | null;
}

/** Why a conversation cannot be answered: the provider did not say who wrote (see InboxService.applyInbound). */
export const NO_SENDER_NUMBER = 'The provider did not include the sender’s number, so this conversation can only be answered from the provider’s own dashboard.';
export const NO_SENDER_NUMBER_WORDING: Wording = { key: 'errors.inbox.noSenderNumber' };

/** What the operator's own actions leave on a message (InboxService.cancel and settle). */
export const CANCELLED_BY_YOU = 'Cancelled by you before it was sent.';
export const CANCELLED_BY_YOU_WORDING: Wording = { key: 'errors.inbox.cancelledByYou' };
export const MARKED_NOT_SENT = 'You marked it as not sent.';
export const MARKED_NOT_SENT_WORDING: Wording = { key: 'errors.inbox.markedNotSent' };

/**
 * Reasons stored before they had a wording column (schema 12) that are always the same words:
 * they are worded all the same.
 */
const knownWordings = new Map<string, Wording>([
  [NO_SENDER_NUMBER, NO_SENDER_NUMBER_WORDING],
  [CANCELLED_BY_YOU, CANCELLED_BY_YOU_WORDING],
  [MARKED_NOT_SENT, MARKED_NOT_SENT_WORDING],
]);
const wordingFor = (text: string | null, column: string | null | undefined): Wording | null => readWording(column) ?? (text ? (knownWordings.get(text) ?? null) : null);

/** A message's `media` JSON, with a wording that does not read dropped rather than failing the list. */
function toMedia(raw: string): MessageMedia {
  const media = JSON.parse(raw) as MessageMedia;
  if (media.errorWording === undefined) return media;
  const errorWording = media.errorWording ? readWording(JSON.stringify(media.errorWording)) : null;
  return { ...media, errorWording };
}

export const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  accountId: r.account_id,
  instanceId: r.instance_id || null,
  peerId: r.peer_id,
  title: r.title,
  phone: r.phone,
  isGroup: r.is_group === 1,
  unread: r.unread,
  lastMessage: r.last_message,
  lastAt: r.last_at,
  replyable: r.replyable === 1,
  notReplyableReason: r.not_replyable_reason,
  notReplyableWording: wordingFor(r.not_replyable_reason, r.not_replyable_wording),
  avatarUrl: r.avatar_url,
  broadcastOnly: r.broadcast_only === 1,
  renamed: r.renamed === 1,
});

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  threadId: r.thread_id,
  direction: r.direction,
  kind: r.kind,
  text: r.text,
  author: r.author,
  providerMessageId: r.provider_message_id,
  status: r.status,
  error: r.error,
  errorWording: wordingFor(r.error, r.error_wording),
  errorPermanent: r.error_permanent === null ? null : r.error_permanent === 1,
  at: r.at,
  channel: r.channel,
  price: r.price_amount !== null && r.price_currency !== null ? { amount: r.price_amount, currency: r.price_currency } : null,
  media: r.media ? toMedia(r.media) : null,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  waitingReason: r.waiting_reason,
  waitingWording: wordingFor(r.waiting_reason, r.waiting_wording),
});

const rank: Record<MessageStatus, number> = { queued: 0, sending: 1, in_doubt: 1, sent: 2, delivered: 3, read: 4, received: 5, failed: -1, cancelled: -2 };

/**
 * Whether a report or action may move a message from `from` to `to`: forward only; failure only
 * before delivery; a failed or in-doubt message may be queued again (the operator's retry) or
 * settled by a late report. Only a queued message can be cancelled, and a cancelled one never moves.
 */
export function canMoveStatus(from: MessageStatus, to: MessageStatus): boolean {
  if (from === to || from === 'received' || to === 'received' || to === 'in_doubt' || from === 'cancelled') return false;
  if (to === 'cancelled') return from === 'queued';
  if (to === 'failed') return rank[from] >= 0 && rank[from] < rank.delivered;
  if (from === 'failed' || from === 'in_doubt') return to === 'queued' || rank[to] >= rank.sent;
  return rank[to] > rank[from];
}

export interface ThreadKey {
  accountId: string;
  instanceId: string | null;
  peerId: string;
}

export interface NewMessage {
  accountId: string;
  threadId: string;
  direction: 'in' | 'out';
  kind: MessageKind;
  text: string | null;
  author?: string | null;
  providerMessageId?: string | null;
  broadcastId?: string | null;
  status: MessageStatus;
  at: number;
  media?: MessageMedia | null;
}

/**
 * The thread row's last line. A file says what it is ("[document] invoice.pdf", "[image] caption")
 * so the list can show an icon and words instead of a bare "[document]" (renderer: lastMessageParts).
 */
const preview = (m: { kind: MessageKind; text: string | null; media?: MessageMedia | null }): string => {
  if (m.kind === 'text' || m.kind === 'template' || m.kind === 'interactive') return m.text ?? `[${m.kind}]`;
  const words = m.text?.trim() || m.media?.fileName?.trim();
  return words ? `[${m.kind}] ${words}` : `[${m.kind}]`;
};

export class ConversationsRepo {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction on this database (a savepoint inside an outer one): all of it or none. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  upsertContact(accountId: string, chatId: string, phone: string | null, name: string | null): void {
    this.db
      .prepare(
        `INSERT INTO contacts (id, account_id, chat_id, phone, name, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, chat_id) DO UPDATE SET phone = coalesce(excluded.phone, phone), name = coalesce(excluded.name, name), updated_at = excluded.updated_at`,
      )
      .run(randomUUID(), accountId, chatId, phone, name, Date.now());
  }

  /** Finds or creates the thread; a known title is refreshed when the provider gives a better one. */
  upsertThread(
    key: ThreadKey,
    info: { title: string; phone: string | null; isGroup: boolean; at: number; avatarUrl?: string | null; notReplyableReason?: string | null; notReplyableWording?: Wording | null },
  ): Thread {
    const reason = info.notReplyableReason ?? null;
    const wording = reason ? wordingColumn(info.notReplyableWording) : null;
    this.db
      .prepare(
        `INSERT INTO threads (id, account_id, instance_id, peer_id, title, phone, is_group, last_at, avatar_url, replyable, not_replyable_reason, not_replyable_wording, provider_title)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, instance_id, peer_id) DO UPDATE SET
           -- A name the operator gave on this computer wins over the provider's; the provider's is
           -- kept for when the local one is cleared (callers may echo the shown title back: ignored).
           title = CASE WHEN renamed = 1 THEN title ELSE excluded.title END,
           provider_title = CASE WHEN renamed = 1 AND excluded.title = title THEN provider_title ELSE excluded.title END,
           phone = coalesce(excluded.phone, phone),
           avatar_url = coalesce(excluded.avatar_url, avatar_url),
           -- A thread stored before reasons had their wording gets it when the same reason comes again.
           not_replyable_wording = CASE WHEN not_replyable_reason IS excluded.not_replyable_reason THEN coalesce(excluded.not_replyable_wording, not_replyable_wording) ELSE not_replyable_wording END`,
      )
      .run(randomUUID(), key.accountId, key.instanceId ?? '', key.peerId, info.title, info.phone, info.isGroup ? 1 : 0, info.at, info.avatarUrl ?? null, reason ? 0 : 1, reason, wording, info.title);
    return this.threadByKey(key)!;
  }

  threadByKey(key: ThreadKey): Thread | undefined {
    const r = this.db
      .prepare('SELECT * FROM threads WHERE account_id = ? AND instance_id = ? AND peer_id = ?')
      .get(key.accountId, key.instanceId ?? '', key.peerId) as ThreadRow | undefined;
    return r && toThread(r);
  }

  thread(id: string): Thread | undefined {
    const r = this.db.prepare('SELECT * FROM threads WHERE id = ?').get(id) as ThreadRow | undefined;
    return r && toThread(r);
  }

  listThreads(search?: string): Thread[] {
    const q = search?.trim();
    const rows = q
      ? this.db
          .prepare(
            `SELECT * FROM threads WHERE title LIKE @q ESCAPE '\\' OR phone LIKE @q ESCAPE '\\' OR peer_id LIKE @q ESCAPE '\\'
             OR id IN (SELECT thread_id FROM messages WHERE text LIKE @q ESCAPE '\\') ORDER BY last_at DESC LIMIT 500`,
          )
          .all({ q: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      : this.db.prepare('SELECT * FROM threads ORDER BY last_at DESC LIMIT 500').all();
    return (rows as ThreadRow[]).map(toThread);
  }

  /**
   * A message stored without a provider id (`raw:…`) that looks like the same one: same thread,
   * direction, kind, author, text and media link, within `windowMs` of `at`. How a re-delivered
   * webhook that carries no id is recognised (see InboxService.applyInbound).
   */
  idlessTwin(m: Pick<NewMessage, 'threadId' | 'direction' | 'kind' | 'text' | 'author' | 'at' | 'media'>, windowMs: number): boolean {
    const rows = this.db
      .prepare(
        `SELECT media FROM messages WHERE thread_id = ? AND at BETWEEN ? AND ? AND direction = ? AND kind = ?
           AND text IS ? AND author IS ? AND provider_message_id LIKE 'raw:%' LIMIT 20`,
      )
      .all(m.threadId, m.at - windowMs, m.at + windowMs, m.direction, m.kind, m.text ?? null, m.author ?? null) as { media: string | null }[];
    const url = m.media?.url ?? null;
    return rows.some((r) => ((r.media ? (JSON.parse(r.media) as { url?: string }).url : null) ?? null) === url);
  }

  /** Stores a message and updates its thread. Returns undefined when that provider message id is already stored. */
  insertMessage(m: NewMessage): { message: Message; thread: Thread } | undefined {
    return this.db.transaction(() => {
      const id = randomUUID();
      const res = this.db
        .prepare(
          `INSERT INTO messages (id, account_id, thread_id, direction, kind, text, author, provider_message_id, broadcast_id, status, at, created_at, media)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(
          id,
          m.accountId,
          m.threadId,
          m.direction,
          m.kind,
          m.text,
          m.author ?? null,
          m.providerMessageId ?? null,
          m.broadcastId ?? null,
          m.status,
          m.at,
          Date.now(),
          m.media ? JSON.stringify(m.media) : null,
        );
      if (res.changes === 0) return undefined;
      this.db
        .prepare('UPDATE threads SET last_message = ?, last_at = max(last_at, ?), unread = unread + ? WHERE id = ?')
        .run(preview(m), m.at, m.direction === 'in' ? 1 : 0, m.threadId);
      // The customer writing makes a broadcast recipient a conversation.
      if (m.direction === 'in') this.clearBroadcastOnly(m.threadId);
      return { message: this.message(id)!, thread: this.thread(m.threadId)! };
    })();
  }

  /** Flags a thread (and its contact) a broadcast made, unless it already was a conversation. */
  markBroadcastOnly(threadId: string, fresh: boolean): Thread | undefined {
    if (fresh) {
      this.db.prepare('UPDATE threads SET broadcast_only = 1 WHERE id = ?').run(threadId);
      // The contact too, unless another thread of the same account (another instance) talks with them.
      this.db
        .prepare(
          `UPDATE contacts SET broadcast_only = 1 WHERE (account_id, chat_id) IN (SELECT account_id, peer_id FROM threads WHERE id = @id)
             AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.account_id = contacts.account_id AND t.peer_id = contacts.chat_id AND t.broadcast_only = 0)`,
        )
        .run({ id: threadId });
    }
    return this.thread(threadId);
  }

  /** The thread became a conversation (the customer wrote, or the operator started one). */
  clearBroadcastOnly(threadId: string): void {
    this.db.prepare('UPDATE threads SET broadcast_only = 0 WHERE id = ? AND broadcast_only = 1').run(threadId);
    this.db
      .prepare('UPDATE contacts SET broadcast_only = 0 WHERE broadcast_only = 1 AND (account_id, chat_id) IN (SELECT account_id, peer_id FROM threads WHERE id = ?)')
      .run(threadId);
  }

  message(id: string): Message | undefined {
    const r = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
    return r && toMessage(r);
  }

  listMessages(threadId: string, limit = 500): Message[] {
    const rows = this.db
      .prepare('SELECT * FROM (SELECT * FROM messages WHERE thread_id = ? ORDER BY at DESC, created_at DESC LIMIT ?) ORDER BY at, created_at')
      .all(threadId, limit) as MessageRow[];
    return rows.map(toMessage);
  }

  /**
   * Applies a status change if the lifecycle allows it; returns the message when anything changed.
   * Channel and price are recorded even when the status itself stays (a report may add them late).
   */
  setStatus(
    id: string,
    status: MessageStatus,
    extra: {
      providerMessageId?: string | null;
      broadcastId?: string | null;
      error?: string | null;
      /** How the renderer words `error` (its message key and values). */
      errorWording?: Wording | null;
      permanent?: boolean | null;
      channel?: string | null;
      price?: Price | null;
    } = {},
  ): Message | undefined {
    const cur = this.message(id);
    if (!cur) return undefined;
    const moves = canMoveStatus(cur.status, status);
    const adds = (extra.channel && extra.channel !== cur.channel) || (extra.price && cur.price === null);
    if (!moves && !adds) return undefined;
    const next = moves ? status : cur.status;
    this.db
      .prepare(
        `UPDATE messages SET status = ?, provider_message_id = coalesce(?, provider_message_id), broadcast_id = coalesce(?, broadcast_id),
           error = ?, error_wording = ?, error_permanent = ?, channel = coalesce(?, channel), price_amount = coalesce(?, price_amount), price_currency = coalesce(?, price_currency)
         WHERE id = ?`,
      )
      .run(
        next,
        extra.providerMessageId ?? null,
        extra.broadcastId ?? null,
        next === 'failed' || next === 'cancelled' ? (moves ? (extra.error ?? null) : cur.error) : null,
        next === 'failed' || next === 'cancelled' ? (moves ? (extra.error ? wordingColumn(extra.errorWording) : null) : wordingColumn(cur.errorWording)) : null,
        next === 'failed' ? (moves ? (extra.permanent ? 1 : 0) : cur.errorPermanent ? 1 : 0) : null,
        extra.channel ?? null,
        extra.price?.amount ?? null,
        extra.price?.currency ?? null,
        id,
      );
    return this.message(id);
  }

  /** The outgoing message a provider id (or Qontak broadcast id) refers to. */
  messageByProviderRef(accountId: string, ref: string): Message | undefined {
    const r = this.db
      .prepare('SELECT * FROM messages WHERE account_id = ? AND (provider_message_id = ? OR broadcast_id = ?) ORDER BY created_at DESC LIMIT 1')
      .get(accountId, ref, ref) as MessageRow | undefined;
    return r && toMessage(r);
  }

  /**
   * For a report naming only the recipient (Qontak status webhooks): the oldest outgoing message
   * to that number sent in the day before the report that has no provider id yet takes `providerId`,
   * so the next reports about it match directly. Oldest first because reports come in send order.
   */
  adoptProviderId(accountId: string, recipient: string, providerId: string, opts: { template: boolean | null; at: number }): Message | undefined {
    const kind = opts.template === null ? '' : opts.template ? "AND m.kind = 'template'" : "AND m.kind <> 'template'";
    const r = this.db
      .prepare(
        `SELECT m.id FROM messages m JOIN threads t ON t.id = m.thread_id
         WHERE m.account_id = ? AND t.peer_id = ? AND m.direction = 'out' AND m.provider_message_id IS NULL AND m.status NOT IN ('queued', 'failed') ${kind}
           AND m.created_at BETWEEN ? AND ? ORDER BY m.created_at LIMIT 1`,
      )
      .get(accountId, recipient, opts.at - 86_400_000, opts.at + 300_000) as { id: string } | undefined;
    if (!r) return undefined;
    this.db.prepare('UPDATE messages SET provider_message_id = ? WHERE id = ?').run(providerId, r.id);
    return this.message(r.id);
  }

  /** Keeps the provider's conversation handle of the customer's latest message on the thread (Qontak room). */
  setConversationRef(threadId: string, ref: { id: string; at: number }): void {
    this.db
      .prepare('UPDATE threads SET conversation_ref = ?, conversation_ref_at = ? WHERE id = ? AND (conversation_ref_at IS NULL OR conversation_ref_at <= ?)')
      .run(ref.id, ref.at, threadId, ref.at);
  }

  conversationRef(threadId: string): { id: string; at: number } | null {
    const r = this.db.prepare('SELECT conversation_ref id, conversation_ref_at at FROM threads WHERE id = ?').get(threadId) as { id: string | null; at: number | null } | undefined;
    return r?.id ? { id: r.id, at: r.at ?? 0 } : null;
  }

  /** Sent messages still waiting for a final report, with what is needed to look them up. */
  awaitingReports(accountId: string, since: number): { id: string; providerMessageId: string | null; broadcastId: string | null; to: string }[] {
    return this.db
      .prepare(
        `SELECT m.id, m.provider_message_id providerMessageId, m.broadcast_id broadcastId, t.peer_id "to" FROM messages m JOIN threads t ON t.id = m.thread_id
         WHERE m.account_id = ? AND m.direction = 'out' AND m.status IN ('sent', 'delivered') AND m.created_at >= ?
           AND (m.provider_message_id IS NOT NULL OR m.broadcast_id IS NOT NULL) ORDER BY m.created_at LIMIT 200`,
      )
      .all(accountId, since) as { id: string; providerMessageId: string | null; broadcastId: string | null; to: string }[];
  }

  /** A local name for the conversation, or back to the provider's name when `title` is null. */
  rename(threadId: string, title: string | null): Thread | undefined {
    if (title === null) this.db.prepare('UPDATE threads SET title = coalesce(provider_title, title), renamed = 0 WHERE id = ?').run(threadId);
    else this.db.prepare('UPDATE threads SET title = ?, renamed = 1 WHERE id = ?').run(title, threadId);
    return this.thread(threadId);
  }

  markRead(threadId: string): Thread | undefined {
    this.db.prepare('UPDATE threads SET unread = 0 WHERE id = ?').run(threadId);
    return this.thread(threadId);
  }
}
