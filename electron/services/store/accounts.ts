import type { Account, AccountStatus, ProviderId, RegistrationState, Wording } from '../../../shared/model';
import type { Db } from './db';
import { readWording, wordingColumn } from './wording';

interface AccountRow {
  id: string;
  provider: ProviderId;
  name: string;
  config: string;
  saved_secrets: string;
  webhook_secret_hash: string;
  status: AccountStatus;
  status_detail: string | null;
  status_wording: string | null;
  registration_state: RegistrationState['state'];
  registration_detail: string | null;
  registration_wording: string | null;
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
  statusDetailWording: readWording(r.status_wording),
  createdAt: r.created_at,
});

export interface Registration {
  state: RegistrationState['state'];
  detail: string | null;
  /** How the renderer words `detail` (null for none, or a detail kept before wordings). */
  wording?: Wording | null;
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

  setStatus(id: string, status: AccountStatus, detail: string | null, wording: Wording | null = null): void {
    this.db.prepare('UPDATE accounts SET status = ?, status_detail = ?, status_wording = ? WHERE id = ?').run(status, detail, detail === null ? null : wordingColumn(wording), id);
  }

  webhookSecretHash(id: string): string | undefined {
    return (this.db.prepare('SELECT webhook_secret_hash h FROM accounts WHERE id = ?').get(id) as { h: string } | undefined)?.h;
  }

  registration(id: string): Registration {
    const r = this.db.prepare('SELECT registration_state state, registration_detail detail, registration_wording wording, registration_at at FROM accounts WHERE id = ?').get(id) as
      | (Omit<Registration, 'wording'> & { wording: string | null })
      | undefined;
    return r ? { ...r, wording: readWording(r.wording) } : { state: 'unregistered', detail: null, wording: null, at: null };
  }

  setRegistration(id: string, r: Registration): void {
    this.db
      .prepare('UPDATE accounts SET registration_state = ?, registration_detail = ?, registration_wording = ?, registration_at = ? WHERE id = ?')
      .run(r.state, r.detail, r.detail === null ? null : wordingColumn(r.wording), r.at, id);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }
}
