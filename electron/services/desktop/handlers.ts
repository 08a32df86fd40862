// The desktop:* channels. Showing a notification is a port: Electron's main process passes one
// that uses its Notification; the browser shell passes none (the page uses Web Notifications).
import type { NotificationContent } from '../../../shared/desktop';
import type { DesktopPrefsService } from './prefs';

export type OsNotifier = (n: NotificationContent) => boolean;

export function desktopHandlers(prefs: DesktopPrefsService, notify: OsNotifier | undefined) {
  return {
    'desktop:prefs': () => prefs.get(),
    'desktop:setPrefs': (patch: { doNotDisturb?: boolean; openAtLogin?: boolean }) => prefs.set(patch),
    'desktop:mute': ({ target, id, muted }: { target: 'account' | 'thread'; id: string; muted: boolean }) => prefs.mute(target, id, muted),
    // Do-not-disturb is checked here too: a window that missed the change never gets past it.
    'desktop:notify': (n: NotificationContent) => ({ shown: !prefs.get().doNotDisturb && notify ? notify(n) : false }),
  };
}
