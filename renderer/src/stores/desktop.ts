// Notification preferences (do-not-disturb, muted accounts and conversations) and start at login,
// kept live by `desktop:changed` so a change from the tray or another screen shows everywhere.
import { create } from 'zustand';
import type { DesktopPrefs } from '../../../shared/desktop';
import type { AppError } from '../../../shared/model';
import { call, toAppError } from '../api';

type DesktopState = {
  prefs: DesktopPrefs | null;
  error: AppError | null;
  load(): Promise<void>;
  apply(prefs: DesktopPrefs): void;
  setPrefs(patch: { doNotDisturb?: boolean; openAtLogin?: boolean }): Promise<void>;
  mute(target: 'account' | 'thread', id: string, muted: boolean): Promise<void>;
};

export const useDesktop = create<DesktopState>()((set, get) => ({
  prefs: null,
  error: null,
  async load() {
    try {
      set({ prefs: await call('desktop:prefs', {}), error: null });
    } catch (err) {
      set({ error: toAppError(err) });
    }
  },
  apply: (prefs) => set({ prefs }),
  // Switches show the new state at once; a failure puts the saved state back and is thrown to the caller.
  async setPrefs(patch) {
    const before = get().prefs;
    if (before) set({ prefs: { ...before, ...patch } });
    try {
      set({ prefs: await call('desktop:setPrefs', patch), error: null });
    } catch (err) {
      if (before) set({ prefs: before });
      throw err;
    }
  },
  async mute(target, id, muted) {
    const before = get().prefs;
    if (before) {
      const key = target === 'account' ? 'mutedAccounts' : 'mutedThreads';
      set({ prefs: { ...before, [key]: muted ? [...before[key].filter((x) => x !== id), id] : before[key].filter((x) => x !== id) } });
    }
    try {
      set({ prefs: await call('desktop:mute', { target, id, muted }), error: null });
    } catch (err) {
      if (before) set({ prefs: before });
      throw err;
    }
  },
}));

export const isThreadMuted = (prefs: DesktopPrefs | null, threadId: string) => !!prefs?.mutedThreads.includes(threadId);
export const isAccountMuted = (prefs: DesktopPrefs | null, accountId: string) => !!prefs?.mutedAccounts.includes(accountId);
