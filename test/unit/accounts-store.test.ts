// The renderer's accounts list: a read that was in flight while a change arrived must not put the
// older list back (an account just added vanished from the Instances screen until a reload).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/model';

const pending = new Map<string, (value: unknown) => void>();
vi.mock('../../renderer/src/api', () => ({
  call: vi.fn((channel: string) => new Promise((resolve) => pending.set(channel, resolve))),
  toAppError: (err: unknown) => err,
}));
const { useAccounts } = await import('../../renderer/src/stores/accounts');

const account = (id: string, createdAt: number): Account => ({
  id,
  provider: 'bot-api',
  name: `Shop ${id}`,
  config: {},
  savedSecrets: [],
  status: 'unknown',
  statusDetail: null,
  createdAt,
});
const ids = () => useAccounts.getState().accounts.map((a) => a.id);
const answer = (channel: string, value: unknown) => pending.get(channel)!(value);

beforeEach(() => {
  pending.clear();
  useAccounts.setState({ accounts: [], providers: [], loaded: false });
});

describe('the accounts list in the window', () => {
  it('takes what a read answers when nothing changed meanwhile', async () => {
    const load = useAccounts.getState().load();
    answer('providers:list', []);
    answer('accounts:list', [account('a1', 1)]);
    await load;
    expect(ids()).toEqual(['a1']);
  });

  it('keeps a change that arrived while a read was in flight, not the older answer', async () => {
    const load = useAccounts.getState().load();
    // The account is added (its event lands) before the read's answer, which was taken before it.
    useAccounts.getState().setAccounts([account('a1', 1), account('a2', 2)]);
    answer('providers:list', []);
    answer('accounts:list', [account('a1', 1)]);
    await load;
    expect(ids()).toEqual(['a1', 'a2']);
    expect(useAccounts.getState().loaded).toBe(true);

    const refresh = useAccounts.getState().refresh();
    useAccounts.getState().upsert(account('a3', 3));
    answer('accounts:list', [account('a1', 1), account('a2', 2)]);
    await refresh;
    expect(ids()).toEqual(['a1', 'a2', 'a3']);
  });
});
