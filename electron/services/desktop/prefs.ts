// Notification preferences and start-at-login, kept in the settings store under one key of their
// own (like pacing), so the general Settings schema and its migrations never see them.
import { DesktopPrefs } from '../../../shared/desktop';
import type { KeyValueStore } from '../settings';

const KEY = 'desktop';
/** One-time hints already given (e.g. that closing the window keeps the app in the tray). */
const HINTS_KEY = 'desktopHints';
/** A muted list never grows without bound, even if ids of removed conversations pile up. */
const MUTED_LIMIT = 10_000;

export const defaultDesktopPrefs: DesktopPrefs = { doNotDisturb: false, mutedAccounts: [], mutedThreads: [], openAtLogin: false };

export class DesktopPrefsService {
  constructor(
    private readonly kv: KeyValueStore,
    /** Told every change, so the window, the tray and the login item follow it. */
    private readonly publish: (prefs: DesktopPrefs) => void = () => undefined,
  ) {}

  get(): DesktopPrefs {
    const stored = this.kv.get(KEY);
    // A damaged or older entry keeps what still reads and takes defaults for the rest.
    const parsed = DesktopPrefs.partial().safeParse(stored && typeof stored === 'object' ? stored : {});
    const picked = parsed.success ? parsed.data : {};
    return { ...defaultDesktopPrefs, ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) };
  }

  set(patch: Partial<Pick<DesktopPrefs, 'doNotDisturb' | 'openAtLogin'>>): DesktopPrefs {
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return this.save({ ...this.get(), ...clean });
  }

  mute(target: 'account' | 'thread', id: string, muted: boolean): DesktopPrefs {
    const prefs = this.get();
    const key = target === 'account' ? 'mutedAccounts' : 'mutedThreads';
    const without = prefs[key].filter((x) => x !== id);
    const next = muted ? [...without, id].slice(-MUTED_LIMIT) : without;
    return this.save({ ...prefs, [key]: next });
  }

  /** True the first time it is asked for `hint`, false ever after (kept with the preferences). */
  once(hint: string): boolean {
    const raw = this.kv.get(HINTS_KEY);
    const shown = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
    if (shown.includes(hint)) return false;
    this.kv.set(HINTS_KEY, [...shown, hint]);
    return true;
  }

  private save(prefs: DesktopPrefs): DesktopPrefs {
    this.kv.set(KEY, prefs);
    this.publish(prefs);
    return prefs;
  }
}
