// The outbox's view of the messages table. Every transition here is a single conditional UPDATE,
// so two workers (or a worker and the operator) can never both move the same message.
import type { Wording } from '../../../shared/model';
import type { Db } from './db';
import { wordingColumn } from './wording';

export interface DueMessage {
  id: string;
  accountId: string;
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Saves what to send, before anything leaves. */
  setPayload(id: string, payload: string): void {
    this.db.prepare('UPDATE messages SET payload = ?, next_attempt_at = ? WHERE id = ?').run(payload, Date.now(), id);
  }

  payload(id: string): string | null {
    return (this.db.prepare('SELECT payload FROM messages WHERE id = ?').get(id) as { payload: string | null } | undefined)?.payload ?? null;
  }

  /** For each account, its oldest queued message whose time has come (one indexed lookup per account). */
  dueHeads(now: number): DueMessage[] {
    const accounts = this.db.prepare('SELECT id FROM accounts').pluck().all() as string[];
    const head = this.db.prepare(
      `SELECT id FROM messages WHERE account_id = ? AND status = 'queued' AND next_attempt_at <= ?
       ORDER BY created_at LIMIT 1`,
    );
    const out: DueMessage[] = [];
    for (const accountId of accounts) {
      const id = head.pluck().get(accountId, now) as string | undefined;
      if (id) out.push({ id, accountId });
    }
    return out;
  }

  /** When the next queued message falls due, if any. */
  nextDueAt(): number | null {
    return (this.db.prepare("SELECT min(next_attempt_at) FROM messages WHERE status = 'queued'").pluck().get() as number | null) ?? null;
  }

  /** queued → sending, committed before the request leaves; false if someone else moved it. */
  claim(id: string): boolean {
    return this.db.prepare("UPDATE messages SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'").run(id).changes === 1;
  }

  /** sending → queued again after a temporary failure, with when and why (and how the renderer words why). */
  requeue(id: string, nextAt: number, reason: string, wording: Wording | null = null): boolean {
    return (
      this.db
        .prepare("UPDATE messages SET status = 'queued', next_attempt_at = ?, waiting_reason = ?, waiting_wording = ? WHERE id = ? AND status = 'sending'")
        .run(nextAt, reason, wordingColumn(wording), id).changes === 1
    );
  }

  /** failed or in doubt → queued, by the operator; the attempt count starts over. */
  retry(id: string): boolean {
    return (
      this.db
        .prepare(
          "UPDATE messages SET status = 'queued', attempts = 0, next_attempt_at = ?, waiting_reason = NULL, waiting_wording = NULL, error = NULL, error_wording = NULL, error_permanent = NULL WHERE id = ? AND status IN ('failed', 'in_doubt') AND payload IS NOT NULL",
        )
        .run(Date.now(), id).changes === 1
    );
  }

  /** sending → in doubt: the request may have reached the provider and its answer was lost. */
  markInDoubt(id: string, reason: string, wording: Wording | null = null): boolean {
    return (
      this.db
        .prepare(
          "UPDATE messages SET status = 'in_doubt', error = ?, error_wording = ?, error_permanent = NULL, waiting_reason = NULL, waiting_wording = NULL, next_attempt_at = NULL WHERE id = ? AND status = 'sending'",
        )
        .run(reason, wordingColumn(wording), id).changes === 1
    );
  }

  clearWaiting(id: string): void {
    this.db.prepare('UPDATE messages SET waiting_reason = NULL, waiting_wording = NULL, next_attempt_at = NULL WHERE id = ?').run(id);
  }

  /** At start: whatever was mid-send when the process died may or may not have reached the provider. */
  markInterrupted(): string[] {
    const rows = this.db.prepare("SELECT id FROM messages WHERE status = 'sending'").all() as { id: string }[];
    this.db.prepare("UPDATE messages SET status = 'in_doubt', waiting_reason = NULL, waiting_wording = NULL WHERE status = 'sending'").run();
    return rows.map((r) => r.id);
  }

  inDoubt(accountId: string): { id: string; to: string; createdAt: number }[] {
    return this.db
      .prepare("SELECT m.id, t.peer_id \"to\", m.created_at createdAt FROM messages m JOIN threads t ON t.id = m.thread_id WHERE m.account_id = ? AND m.status = 'in_doubt'")
      .all(accountId) as { id: string; to: string; createdAt: number }[];
  }

  /** Everything not yet settled, for the Outbox view. */
  unsettled(limit = 500): string[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM messages WHERE direction = 'out' AND (status IN ('queued', 'sending', 'in_doubt') OR (status = 'failed' AND created_at > ?))
           ORDER BY created_at DESC LIMIT ?`,
        )
        .all(Date.now() - 7 * 24 * 60 * 60 * 1000, limit) as { id: string }[]
    ).map((r) => r.id);
  }
}
