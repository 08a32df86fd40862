// Every accepted webhook request, byte-exact: bodies are stored as the BLOB that arrived (rows from
// before schema 9 hold TEXT) and read back as text through decodeBody, honouring the sender's
// charset. Parsed events are kept for the retention the operator chose; those no parser
// understood are kept until they parse.
import type { ProviderId } from '../../../shared/model';
import { decodeBody } from '../webhooks/body';
import type { Db } from './db';

export interface RawEvent {
  id: number;
  accountId: string;
  provider: ProviderId;
  receivedAt: number;
  contentType: string | null;
  /** The body as text (decoded from the stored bytes). */
  body: string;
}

type Row = Omit<RawEvent, 'body'> & { body: Buffer | string };
const decoded = <T extends Row>(r: T): T & { body: string } => ({ ...r, body: decodeBody(r.body, r.contentType) });

export class RawEventsRepo {
  constructor(private readonly db: Db) {}

  /** Durable once this returns (WAL commit), which is why the listener answers only after it. */
  insert(e: Omit<RawEvent, 'id' | 'body'> & { body: Buffer | string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO raw_events (account_id, provider, received_at, content_type, body) VALUES (?, ?, ?, ?, ?)')
        .run(e.accountId, e.provider, e.receivedAt, e.contentType, e.body).lastInsertRowid,
    );
  }

  /** The stored bytes of one event, exactly as received. */
  bytes(id: number): Buffer | null {
    const b = this.db.prepare('SELECT body FROM raw_events WHERE id = ?').pluck().get(id) as Buffer | string | undefined;
    return b === undefined ? null : Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8');
  }

  /** Bytes of raw bodies stored for the account (TEXT rows from before schema 9 count characters). */
  storedBytes(accountId: string): number {
    return (this.db.prepare('SELECT coalesce(sum(length(body)), 0) FROM raw_events WHERE account_id = ?').pluck().get(accountId) as number) ?? 0;
  }

  /** Deletes events parsed successfully before `before` (ms); returns how many. */
  pruneParsed(before: number): number {
    return this.db.prepare('DELETE FROM raw_events WHERE parsed_at IS NOT NULL AND parse_error IS NULL AND received_at < ?').run(before).changes;
  }

  /** Deletes the account's oldest successfully parsed events until at most `maxBytes` are stored; returns what is left. */
  shrinkParsed(accountId: string, maxBytes: number): number {
    let stored = this.storedBytes(accountId);
    const oldest = this.db.prepare(
      'SELECT id, length(body) n FROM raw_events WHERE account_id = ? AND parsed_at IS NOT NULL AND parse_error IS NULL ORDER BY id LIMIT 500',
    );
    const del = this.db.prepare('DELETE FROM raw_events WHERE id = ?');
    while (stored > maxBytes) {
      const rows = oldest.all(accountId) as { id: number; n: number }[];
      if (rows.length === 0) break;
      this.db.transaction(() => {
        for (const r of rows) {
          if (stored <= maxBytes) break;
          del.run(r.id);
          stored -= r.n;
        }
      })();
    }
    return stored;
  }

  markParsed(id: number, error: string | null): void {
    this.db.prepare('UPDATE raw_events SET parsed_at = ?, parse_error = ? WHERE id = ?').run(Date.now(), error, id);
  }

  unparsed(limit = 1000): RawEvent[] {
    return (
      this.db
        .prepare('SELECT id, account_id accountId, provider, received_at receivedAt, content_type contentType, body FROM raw_events WHERE parsed_at IS NULL ORDER BY id LIMIT ?')
        .all(limit) as Row[]
    ).map(decoded);
  }

  /** Events kept because no parser understood them, newest first. */
  failed(limit = 200): (RawEvent & { error: string })[] {
    return (
      this.db
        .prepare(
          'SELECT id, account_id accountId, provider, received_at receivedAt, content_type contentType, body, parse_error error FROM raw_events WHERE parse_error IS NOT NULL ORDER BY id DESC LIMIT ?',
        )
        .all(limit) as (Row & { error: string })[]
    ).map(decoded);
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
