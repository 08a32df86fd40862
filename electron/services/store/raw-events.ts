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

  count(): number {
    return (this.db.prepare('SELECT count(*) n FROM raw_events').get() as { n: number }).n;
  }
}
