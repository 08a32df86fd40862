// Account secrets live in the OS keychain only. One keychain item per account holds that
// account's secret fields as JSON; nothing here ever falls back to a file.
import { AsyncEntry } from '@napi-rs/keyring';
import { AppFailure } from './errors';

export interface KeyringBackend {
  get(service: string, key: string): Promise<string | null>;
  set(service: string, key: string, value: string): Promise<void>;
  delete(service: string, key: string): Promise<boolean>;
}

// On Linux the library would quietly fall back to the kernel's in-memory keyring when the Secret
// Service is unreachable: secrets saved there vanish at logout, and reads answer "nothing saved".
// Pinning the store makes an unreachable keychain an error the app can explain.
const entry = (service: string, key: string) => new AsyncEntry(service, key, { linux: { store: 'secret-service' } });

/** The real OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux). */
export const osKeyring: KeyringBackend = {
  get: (service, key) => entry(service, key).getPassword(),
  set: (service, key, value) => entry(service, key).setPassword(value),
  delete: (service, key) => entry(service, key).deletePassword(),
};

// Reading and writing fail differently for the operator: a failed write lost what they typed, a
// failed read only delays what uses it (waiting messages go out once the keychain answers).
const unavailable = (err: unknown, op: 'read' | 'write' = 'write'): AppFailure =>
  new AppFailure(
    'keychain_unavailable',
    op === 'read'
      ? "Switchboard can't reach your system keychain right now, so it can't read this account's credentials. " +
          'Unlock your keychain (on Linux: make sure GNOME Keyring or KWallet is running and unlocked); waiting messages go out once it answers.'
      : "Switchboard couldn't reach your system keychain, so the credentials were not saved anywhere. " +
          'Unlock your keychain (on Linux: make sure GNOME Keyring or KWallet is running and unlocked) and try again.',
    err instanceof Error ? err.message : String(err),
  ).keyed(op === 'read' ? 'errors.keychain.read' : 'errors.keychain.write');

export class Vault {
  /** Secrets already read this session: the keychain is asked once per account, not once per message. */
  private readonly cache = new Map<string, Record<string, string>>();

  constructor(
    private readonly backend: KeyringBackend = osKeyring,
    readonly service = 'Switchboard',
  ) {}

  private key(accountId: string): string {
    // App-wide secrets (e.g. the tunnel's authtoken) use ids starting with "app:".
    return accountId.startsWith('app:') ? accountId : `account:${accountId}`;
  }

  async read(accountId: string): Promise<Record<string, string>> {
    return this.load(accountId, 'read');
  }

  private async load(accountId: string, op: 'read' | 'write'): Promise<Record<string, string>> {
    const cached = this.cache.get(accountId);
    if (cached) return { ...cached };
    let raw: string | null;
    try {
      raw = await this.backend.get(this.service, this.key(accountId));
    } catch (err) {
      throw unavailable(err, op);
    }
    if (!raw) return {};
    try {
      const secrets = JSON.parse(raw) as Record<string, string>;
      this.cache.set(accountId, secrets);
      return { ...secrets };
    } catch {
      throw new AppFailure('keychain_unavailable', 'The keychain entry for this account is damaged. Edit the account and enter its credentials again.').keyed('errors.keychain.damaged');
    }
  }

  /** Merges `secrets` into what is saved (an empty value keeps the saved one). Returns the saved field names. */
  async write(accountId: string, secrets: Record<string, string>): Promise<string[]> {
    const merged = { ...(await this.load(accountId, 'write')) };
    for (const [k, v] of Object.entries(secrets)) if (v !== '') merged[k] = v;
    try {
      await this.backend.set(this.service, this.key(accountId), JSON.stringify(merged));
    } catch (err) {
      this.cache.delete(accountId);
      throw unavailable(err);
    }
    this.cache.set(accountId, merged);
    return Object.keys(merged).sort();
  }

  async remove(accountId: string): Promise<void> {
    this.cache.delete(accountId);
    try {
      await this.backend.delete(this.service, this.key(accountId));
    } catch (err) {
      throw unavailable(err);
    }
  }
}
