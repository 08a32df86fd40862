import type { Instance, InstanceState } from '../../../shared/model';
import type { Db } from './db';
import { readWording, wordingColumn } from './wording';

interface InstanceRow {
  id: string;
  account_id: string;
  provider_id: string | null;
  session_id: string;
  state: InstanceState;
  phone: string | null;
  display_name: string | null;
  last_error: string | null;
  last_error_wording?: string | null;
  updated_at: number;
}

const toInstance = (r: InstanceRow): Instance => ({
  id: r.id,
  accountId: r.account_id,
  providerId: r.provider_id,
  sessionId: r.session_id,
  state: r.state,
  phone: r.phone,
  displayName: r.display_name,
  lastError: r.last_error,
  lastErrorWording: r.last_error ? readWording(r.last_error_wording) : null,
  updatedAt: r.updated_at,
});

export class InstancesRepo {
  constructor(private readonly db: Db) {}

  list(accountId?: string): Instance[] {
    const rows = accountId
      ? this.db.prepare('SELECT * FROM instances WHERE account_id = ? ORDER BY updated_at').all(accountId)
      : this.db.prepare('SELECT * FROM instances ORDER BY updated_at').all();
    return (rows as InstanceRow[]).map(toInstance);
  }

  get(id: string): Instance | undefined {
    const r = this.db.prepare('SELECT * FROM instances WHERE id = ?').get(id) as InstanceRow | undefined;
    return r && toInstance(r);
  }

  bySession(accountId: string, sessionId: string): Instance | undefined {
    const r = this.db.prepare('SELECT * FROM instances WHERE account_id = ? AND session_id = ?').get(accountId, sessionId) as InstanceRow | undefined;
    return r && toInstance(r);
  }

  insert(i: { id: string; accountId: string; providerId: string | null; sessionId: string; state: InstanceState }): Instance {
    this.db
      .prepare('INSERT INTO instances (id, account_id, provider_id, session_id, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(i.id, i.accountId, i.providerId, i.sessionId, i.state, Date.now());
    return this.get(i.id)!;
  }

  /** `lastError` without `lastErrorWording` has none (an old wording never stays with new words). */
  update(id: string, patch: Partial<Pick<Instance, 'state' | 'phone' | 'displayName' | 'lastError' | 'lastErrorWording' | 'providerId'>>): Instance | undefined {
    const cur = this.get(id);
    if (!cur) return undefined;
    const next = { ...cur, ...patch, ...('lastError' in patch ? { lastErrorWording: patch.lastErrorWording ?? null } : {}) };
    this.db
      .prepare('UPDATE instances SET state = ?, phone = ?, display_name = ?, last_error = ?, last_error_wording = ?, provider_id = ?, updated_at = ? WHERE id = ?')
      .run(next.state, next.phone, next.displayName, next.lastError, next.lastError ? wordingColumn(next.lastErrorWording) : null, next.providerId, Date.now(), id);
    return this.get(id);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM instances WHERE id = ?').run(id).changes > 0;
  }
}
