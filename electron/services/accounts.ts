// Account records (in the store) and their secrets (in the keychain), kept in step: a failure on
// either side leaves no half-made account behind.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account, AccountStatus, ConnectionTest, ProviderId, Wording } from '../../shared/model';
import { AppFailure, notFound } from './errors';
import type { EventBus } from './events';
import { adapterFor } from './providers/registry';
import type { AccountContext, FormProblem, InstanceRef, ProviderAdapter } from './providers/types';
import type { AccountsRepo } from './store/accounts';
import type { InstancesRepo } from './store/instances';
import { wordingOf } from './store/wording';
import type { Vault } from './vault';
import { hashSecret } from './webhooks/listener';

/** Keychain fields Switchboard keeps for itself; never listed as user-entered secrets. */
const WEBHOOK_SECRET = '_webhookSecret';
export const instanceTokenKey = (sessionId: string): string => `_instance:${sessionId}`;
const visible = (keys: string[]): string[] => keys.filter((k) => !k.startsWith('_'));

export interface AccountHandle {
  account: Account;
  adapter: ProviderAdapter;
  ctx: AccountContext;
}

export class AccountsService {
  private readonly webhookSecrets = new Map<string, string>();

  constructor(
    private readonly repo: AccountsRepo,
    private readonly instances: InstancesRepo,
    private readonly vault: Vault,
    private readonly bus: EventBus,
    /** The address providers on the internet can reach (WebhooksService.publicBaseUrl), if any. */
    private readonly publicBaseUrl: () => string | null = () => null,
  ) {}

  list(): Account[] {
    return this.repo.list();
  }

  get(id: string): Account {
    const a = this.repo.get(id);
    if (!a) throw notFound('This account');
    return a;
  }

  adapterOf(account: Account): ProviderAdapter {
    return adapterFor(account.provider);
  }

  /** The account, its provider adapter and a context holding its keychain secrets. */
  async handle(id: string): Promise<AccountHandle> {
    const account = this.get(id);
    const secrets = await this.vault.read(id);
    if (account.savedSecrets.some((k) => !(k in secrets))) {
      // Saved once, missing now: the keychain is locked or answering for another store. Not the
      // account's fault and likely to pass, so senders wait instead of failing every message.
      throw new AppFailure(
        'keychain_unavailable',
        "Switchboard can't read this account's credentials from your keychain right now. Unlock your keychain (on Linux: GNOME Keyring or KWallet); waiting messages go out once it answers.",
        undefined,
        { kind: 'server' },
      ).keyed('errors.keychain.cantRead');
    }
    const ctx: AccountContext = {
      config: account.config,
      secrets,
      saveSecrets: async (patch) => {
        await this.vault.write(id, patch);
        Object.assign(secrets, patch);
      },
      publicWebhookUrl: this.publicWebhookUrl(id, secrets[WEBHOOK_SECRET]),
    };
    return { account, adapter: adapterFor(account.provider), ctx };
  }

  /** The account's webhook URL under the public address (same form as WebhooksService.urlFor); null without one. */
  private publicWebhookUrl(id: string, secret: string | undefined): string | null {
    const base = this.publicBaseUrl();
    return base && secret ? `${base.replace(/\/+$/, '')}/hooks/${id}/${secret}` : null;
  }

  /** Saves one non-secret config value the app chose with the operator (e.g. the sending line). */
  setConfigValue(id: string, key: string, value: string): Account {
    const cur = this.get(id);
    const account = this.repo.update(id, { config: { ...cur.config, [key]: value } })!;
    this.changed();
    return account;
  }

  async create(input: { provider: ProviderId; name: string; config: Record<string, string>; secrets: Record<string, string> }): Promise<Account> {
    const adapter = adapterFor(input.provider);
    const { config, secrets } = validateFields(adapter, input.config, input.secrets, false);
    const id = randomUUID();
    const webhookSecret = randomBytes(24).toString('base64url');
    // Keychain first: if it is unavailable nothing is written anywhere.
    const saved = await this.vault.write(id, { ...secrets, [WEBHOOK_SECRET]: webhookSecret });
    let account: Account;
    try {
      account = this.repo.insert({ id, provider: input.provider, name: input.name, config, savedSecrets: visible(saved), webhookSecretHash: hashSecret(webhookSecret) });
    } catch (err) {
      await this.vault.remove(id).catch(() => undefined);
      throw err;
    }
    this.webhookSecrets.set(id, webhookSecret);
    this.linkExistingInstance(account, secrets);
    this.changed();
    return account;
  }

  async update(input: { id: string; name?: string; config?: Record<string, string>; secrets?: Record<string, string> }): Promise<Account> {
    const cur = this.get(input.id);
    const adapter = adapterFor(cur.provider);
    const { config, secrets } = validateFields(adapter, input.config ?? cur.config, input.secrets ?? {}, true, cur.savedSecrets);
    const saved = await this.vault.write(cur.id, secrets);
    const account = this.repo.update(cur.id, { name: input.name, config, savedSecrets: visible(saved) })!;
    this.linkExistingInstance(account, secrets);
    this.changed();
    return account;
  }

  async remove(id: string): Promise<boolean> {
    this.get(id);
    // The keychain goes first: an account is never removed while its secrets would stay behind.
    await this.vault.remove(id);
    const removed = this.repo.remove(id);
    this.webhookSecrets.delete(id);
    this.changed();
    return removed;
  }

  async testConnection(id: string): Promise<ConnectionTest> {
    const { adapter, ctx } = await this.handle(id);
    const result = await adapter.testConnection(ctx);
    let status = result.status;
    if (result.ok && adapter.info.capabilities.includes('qrInstances') && !this.instances.list(id).some((i) => i.state === 'connected')) status = 'needs_qr';
    this.setStatus(id, status, result.ok ? null : result.message, result.ok || !result.key ? null : { key: result.key, ...(result.params ? { params: result.params } : {}) });
    return { ...result, status };
  }

  /** `wording`: how the renderer words `detail` (a keyed failure's key and values). */
  setStatus(id: string, status: AccountStatus, detail: string | null, wording: Wording | null = null): void {
    const cur = this.repo.get(id);
    if (!cur || (cur.status === status && cur.statusDetail === detail && JSON.stringify(cur.statusDetailWording ?? null) === JSON.stringify(wording))) return;
    this.repo.setStatus(id, status, detail, wording);
    this.changed();
  }

  /**
   * An authenticated provider call (send, poll, instance check) answered: the account works, so
   * the dot shows what is left to do, not an old failure.
   */
  noteSuccess(id: string): void {
    const cur = this.repo.get(id);
    if (cur) this.setStatus(id, this.healthyStatus(cur), null);
  }

  /** A webhook arrived: the provider is there, though that says nothing about our credentials. */
  noteAlive(id: string): void {
    const cur = this.repo.get(id);
    if (cur && (cur.status === 'unreachable' || cur.status === 'unknown')) this.setStatus(id, this.healthyStatus(cur), null);
  }

  /** A provider call failed: only failures about the account itself (not a message, not a rate limit) colour the dot. */
  noteFailure(id: string, err: unknown): void {
    if (!(err instanceof AppFailure)) return;
    if (err.code === 'credentials_rejected') this.setStatus(id, 'credentials_rejected', err.message, wordingOf(err));
    else if (err.code === 'unreachable' && err.transient?.kind !== 'rate') this.setStatus(id, 'unreachable', err.message, wordingOf(err));
  }

  /** Working credentials: connected, unless a QR-linked account has no linked phone. */
  private healthyStatus(account: Account): AccountStatus {
    if (!adapterFor(account.provider).info.capabilities.includes('qrInstances')) return 'connected';
    return this.instances.list(account.id).some((i) => i.state === 'connected') ? 'connected' : 'needs_qr';
  }

  async webhookSecret(id: string): Promise<string> {
    const cached = this.webhookSecrets.get(id);
    if (cached) return cached;
    const secret = (await this.vault.read(id))[WEBHOOK_SECRET];
    if (!secret) throw new AppFailure('keychain_unavailable', "This account's webhook secret is missing from the keychain. Remove the account and add it again.").keyed('errors.keychain.noWebhookSecret');
    this.webhookSecrets.set(id, secret);
    return secret;
  }

  async saveInstanceToken(accountId: string, sessionId: string, accessToken: string): Promise<void> {
    await this.vault.write(accountId, { [instanceTokenKey(sessionId)]: accessToken });
  }

  /** The instance's credentials, its token read from the keychain. */
  async instanceRef(accountId: string, inst: { providerId: string | null; sessionId: string }): Promise<InstanceRef> {
    const account = this.get(accountId);
    const secrets = await this.vault.read(accountId);
    const token = secrets[instanceTokenKey(inst.sessionId)] ?? (account.config.sessionId === inst.sessionId ? secrets.accessToken : undefined);
    if (!token) throw new AppFailure('validation', 'The access token for this instance is not in the keychain. Edit the account and enter it again.').keyed('errors.keychain.noInstanceToken');
    return { providerId: inst.providerId, sessionId: inst.sessionId, accessToken: token };
  }

  /** An account form may name an instance that already exists at the provider; track it. */
  private linkExistingInstance(account: Account, secrets: Record<string, string>): void {
    const sessionId = account.config.sessionId;
    if (!sessionId || !adapterFor(account.provider).instances) return;
    if (this.instances.bySession(account.id, sessionId)) return;
    if (!secrets.accessToken && !account.savedSecrets.includes('accessToken')) return;
    const inst = this.instances.insert({ id: randomUUID(), accountId: account.id, providerId: null, sessionId, state: 'created' });
    this.bus.emit('instances:changed', inst);
  }

  private changed(): void {
    this.bus.emit('accounts:changed', this.repo.list());
  }
}

/**
 * Checks an account form against its provider's field list: required fields, URLs, no strays. The
 * first problem is reported (the form checks required fields itself), each a whole sentence with its
 * wording; every required field left empty is named in that one sentence.
 */
export function validateFields(
  adapter: ProviderAdapter,
  config: Record<string, string>,
  secrets: Record<string, string>,
  editing: boolean,
  alreadySaved: string[] = [],
): { config: Record<string, string>; secrets: Record<string, string> } {
  const outConfig: Record<string, string> = {};
  const outSecrets: Record<string, string> = {};
  const missing: string[] = [];
  let badUrl: string | null = null;
  for (const f of adapter.info.fields) {
    const raw = ((f.secret ? secrets : config)[f.key] ?? '').trim();
    if (f.secret) {
      if (raw) outSecrets[f.key] = raw;
      else if (f.required && !(editing && alreadySaved.includes(f.key))) missing.push(f.label);
      continue;
    }
    if (!raw) {
      if (f.required) missing.push(f.label);
      continue;
    }
    if (f.kind === 'url') {
      let u: URL | null = null;
      try {
        u = new URL(raw);
      } catch {
        /* reported below */
      }
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
        badUrl ??= f.label;
        continue;
      }
    }
    outConfig[f.key] = raw;
  }
  if (missing.length === 1) {
    const label = missing[0]!;
    throw new AppFailure('validation', `${label} is required.`).keyed('errors.accounts.required', { label });
  }
  if (missing.length > 1) {
    const labels = missing.join(', ');
    throw new AppFailure('validation', `${labels} are required.`).keyed('errors.accounts.requiredMany', { labels });
  }
  if (badUrl !== null) {
    const label = badUrl;
    throw new AppFailure('validation', `${label} must be a full web address starting with https:// (for example https://api.example.com).`).keyed('errors.accounts.webAddress', { label });
  }
  const known = new Set(adapter.info.fields.map((f) => f.key));
  const stray = [...Object.keys(config), ...Object.keys(secrets)].filter((k) => !known.has(k));
  if (stray.length) {
    const fields = stray.join(', ');
    throw stray.length === 1
      ? new AppFailure('validation', `Unknown field: ${fields}.`).keyed('errors.accounts.unknownField', { fields })
      : new AppFailure('validation', `Unknown fields: ${fields}.`).keyed('errors.accounts.unknownFields', { fields });
  }
  // The provider's own checks, each with its wording when the adapter gives one.
  // One problem at a time, like the checks above: the operator fixes it and saves again.
  const [problem]: FormProblem[] = adapter.formProblems?.(outConfig, outSecrets, alreadySaved) ?? [];
  if (problem) throw new AppFailure('validation', problem.message).keyed(problem.key, problem.params);
  return { config: outConfig, secrets: outSecrets };
}
