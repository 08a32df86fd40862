// Providers (static per run) and accounts (live: `accounts:changed` replaces the list).
import { create } from 'zustand';
import type { Account, AppError, ProviderInfo } from '../../../shared/model';
import type { ChannelInput } from '../../../shared/ipc';
import { call, toAppError } from '../api';

type AccountsState = {
  providers: ProviderInfo[];
  accounts: Account[];
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
  setAccounts(accounts: Account[]): void;
  upsert(account: Account): void;
  /** Reads the accounts again (their status after a connection test), keeping the providers. */
  refresh(): Promise<void>;
  create(input: ChannelInput<'accounts:create'>): Promise<Account>;
  update(input: ChannelInput<'accounts:update'>): Promise<Account>;
  remove(id: string): Promise<void>;
};

const byCreated = (a: Account, b: Account) => a.createdAt - b.createdAt;

// Changes applied since a read was asked for: an \`accounts:changed\` (or a create/update answer) that
// lands while \`accounts:list\` is in flight is at least as new as that answer, which must not put an
// older list back (an account just added would vanish from the screens until the next change).
let changes = 0;

export const useAccounts = create<AccountsState>()((set, get) => ({
  providers: [],
  accounts: [],
  loaded: false,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const at = changes;
      const [providers, accounts] = await Promise.all([call('providers:list', {}), call('accounts:list', {})]);
      set(changes === at ? { providers, accounts: [...accounts].sort(byCreated), loaded: true, loading: false } : { providers, loaded: true, loading: false });
    } catch (err) {
      set({ error: toAppError(err), loading: false });
    }
  },
  setAccounts(accounts) {
    changes++;
    set({ accounts: [...accounts].sort(byCreated), loaded: true });
  },
  async refresh() {
    const at = changes;
    const accounts = await call('accounts:list', {});
    if (changes === at) get().setAccounts(accounts);
  },
  upsert(account) {
    changes++;
    const others = get().accounts.filter((a) => a.id !== account.id);
    set({ accounts: [...others, account].sort(byCreated) });
  },
  async create(input) {
    const account = await call('accounts:create', input);
    get().upsert(account);
    return account;
  },
  async update(input) {
    const account = await call('accounts:update', input);
    get().upsert(account);
    return account;
  },
  async remove(id) {
    await call('accounts:remove', { id });
    changes++;
    set({ accounts: get().accounts.filter((a) => a.id !== id) });
  },
}));

/** The provider record for an account, if the providers list is loaded. */
export function providerOf(providers: ProviderInfo[], account: Account | undefined): ProviderInfo | undefined {
  return account ? providers.find((p) => p.id === account.provider) : undefined;
}
