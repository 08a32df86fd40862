import type { Account, AccountStatus, ProviderId, RegistrationState } from '../../../shared/model';
import type { Db } from './db';

interface AccountRow {
  id: string;
  provider: ProviderId;
  name: string;
  config: string;
  saved_secrets: string;
  webhook_secret_hash: string;
  status: AccountStatus;
  status_detail: string | null;
  registration_state: RegistrationState['state'];
  registration_detail: string | null;
  registration_at: number | null;
  created_at: number;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  config: JSON.parse(r.config) as Record<string, string>,
  savedSecrets: JSON.parse(r.saved_secrets) as string[],
  status: r.status,
  statusDetail: r.status_detail,
  createdAt: r.created_at,
});

export interface Registration {
  state: RegistrationState['state'];
  detail: string | null;
  at: number | null;
}

export class AccountsRepo {
  constructor(private readonly db: Db) {}

  list(): Account[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY created_at').all() as AccountRow[]).map(toAccount);
  }

  get(id: string): Account | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  insert(a: { id: string; provider: ProviderId; name: string; config: Record<string, string>; savedSecrets: string[]; webhookSecretHash: string }): Account {
    this.db
      .prepare('INSERT INTO accounts (id, provider, name, config, saved_secrets, webhook_secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.id, a.provider, a.name, JSON.stringify(a.config), JSON.stringify(a.savedSecrets), a.webhookSecretHash, Date.now());
    return this.get(a.id)!;
  }

  update(id: string, patch: { name?: string; config?: Record<string, string>; savedSecrets?: string[] }): Account | undefined {
    const cur = this.get(id);
    if (!cur) return undefined;
    this.db
      .prepare('UPDATE accounts SET name = ?, config = ?, saved_secrets = ? WHERE id = ?')
      .run(patch.name ?? cur.name, JSON.stringify(patch.config ?? cur.config), JSON.stringify(patch.savedSecrets ?? cur.savedSecrets), id);
    return this.get(id);
  }

  setStatus(id: string, status: AccountStatus, detail: string | null): void {
    this.db.prepare('UPDATE accounts SET status = ?, status_detail = ? WHERE id = ?').run(status, detail, id);
  }

  webhookSecretHash(id: string): string | undefined {
    return (this.db.prepare('SELECT webhook_secret_hash h FROM accounts WHERE id = ?').get(id) as { h: string } | undefined)?.h;
  }

  registration(id: string): Registration {
    const r = this.db.prepare('SELECT registration_state state, registration_detail detail, registration_at at FROM accounts WHERE id = ?').get(id) as Registration | undefined;
    return r ?? { state: 'unregistered', detail: null, at: null };
  }

  setRegistration(id: string, r: Registration): void {
    this.db.prepare('UPDATE accounts SET registration_state = ?, registration_detail = ?, registration_at = ? WHERE id = ?').run(r.state, r.detail, r.at, id);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }
}
