import type { ProviderId } from '../../../shared/model';
import type { Db } from './db';

export interface RawEvent {
  id: number;
  accountId: string;
  provider: ProviderId;
  receivedAt: number;
  contentType: string | null;
  body: string;
}

export class RawEventsRepo {
  constructor(private readonly db: Db) {}

  /** Durable once this returns (WAL commit), which is why the listener answers only after it. */
  insert(e: Omit<RawEvent, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO raw_events (account_id, provider, received_at, content_type, body) VALUES (?, ?, ?, ?, ?)')
        .run(e.accountId, e.provider, e.receivedAt, e.contentType, e.body).lastInsertRowid,
    );
  }

  markParsed(id: number, error: string | null): void {
    this.db.prepare('UPDATE raw_events SET parsed_at = ?, parse_error = ? WHERE id = ?').run(Date.now(), error, id);
  }

  unparsed(limit = 1000): RawEvent[] {
    return this.db
      .prepare('SELECT id, account_id accountId, provider, received_at receivedAt, content_type contentType, body FROM raw_events WHERE parsed_at IS NULL ORDER BY id LIMIT ?')
      .all(limit) as RawEvent[];
  }

  /** Events kept because no parser understood them, newest first. */
  failed(limit = 200): (RawEvent & { error: string })[] {
    return this.db
      .prepare(
        'SELECT id, account_id accountId, provider, received_at receivedAt, content_type contentType, body, parse_error error FROM raw_events WHERE parse_error IS NOT NULL ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as (RawEvent & { error: string })[];
  }

  failedCount(): number {
    return this.db.prepare('SELECT count(*) FROM raw_events WHERE parse_error IS NOT NULL').pluck().get() as number;
  }

  /** Puts failed events (one, or all) back in line for parsing; returns how many. */
  requeueFailed(id?: number): number {
    const sql = id === undefined ? 'UPDATE raw_events SET parsed_at = NULL, parse_error = NULL WHERE parse_error IS NOT NULL' : 'UPDATE raw_events SET parsed_at = NULL, parse_error = NULL WHERE parse_error IS NOT NULL AND id = ?';
    return (id === undefined ? this.db.prepare(sql).run() : this.db.prepare(sql).run(id)).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) n FROM raw_events').get() as { n: number }).n;
  }
}
