// Living beside the other windows all day: notification preferences (do-not-disturb, muted
// accounts and conversations), start at login, and the OS notifications themselves. The
// preferences live in the same settings store as the rest (electron-store / conf) under their
// own keys, so they need no migration and other settings code never has to know about them.
import { z } from 'zod';

const id = z.string().min(1, 'An id is required');

export const DesktopPrefs = z.object({
  /** No notifications at all while on; unread counts and the badge still count. */
  doNotDisturb: z.boolean(),
  mutedAccounts: z.array(z.string()),
  mutedThreads: z.array(z.string()),
  /** Start Switchboard (in the tray, window hidden) when the user logs in. Desktop app only. */
  openAtLogin: z.boolean(),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefs>;

/** What an OS notification shows and which conversation a click opens. */
export const NotificationContent = z
  .object({
    threadId: id,
    title: z.string().min(1).max(200),
    body: z.string().max(500),
  })
  .strict();
export type NotificationContent = z.infer<typeof NotificationContent>;

export const desktopChannels = {
  'desktop:prefs': { input: z.object({}).strict(), output: DesktopPrefs },
  'desktop:setPrefs': {
    input: z.object({ doNotDisturb: z.boolean().optional(), openAtLogin: z.boolean().optional() }).strict(),
    output: DesktopPrefs,
  },
  /** Mutes or unmutes one conversation or one whole account. */
  'desktop:mute': {
    input: z.object({ target: z.enum(['account', 'thread']), id, muted: z.boolean() }).strict(),
    output: DesktopPrefs,
  },
  /**
   * Shows an OS notification from the main process (Electron's Notification). The window decides
   * whether to notify; in the browser shell it uses Web Notifications itself and this answers
   * `shown: false`.
   */
  'desktop:notify': { input: NotificationContent, output: z.object({ shown: z.boolean() }) },
} as const;

export const desktopEvents = {
  'desktop:changed': DesktopPrefs,
  /** A notification (or the tray) asks the window to open a conversation. */
  'desktop:open': z.object({ threadId: id }),
} as const;
