// Which screen is showing and the few selections that outlive a screen switch.
import { create } from 'zustand';

export type Screen = 'inbox' | 'broadcasts' | 'outbox' | 'instances' | 'templates' | 'accounts' | 'settings';

/** The account form: closed, adding a new account, or editing one. */
export type AccountForm = null | { mode: 'create' } | { mode: 'edit'; accountId: string };

type UiState = {
  screen: Screen;
  accountForm: AccountForm;
  /** Inbox limited to one account (picked in the left rail), or all accounts. */
  inboxAccountId: string | null;
  selectedThreadId: string | null;
  go(screen: Screen): void;
  openAccountForm(form: AccountForm): void;
  filterInbox(accountId: string | null): void;
  selectThread(threadId: string | null): void;
};

export const useUi = create<UiState>()((set) => ({
  screen: 'inbox',
  accountForm: null,
  inboxAccountId: null,
  selectedThreadId: null,
  go: (screen) => set({ screen }),
  openAccountForm: (accountForm) => set({ accountForm, screen: 'accounts' }),
  filterInbox: (inboxAccountId) => set({ inboxAccountId, screen: 'inbox' }),
  selectThread: (selectedThreadId) => set({ selectedThreadId }),
}));
