// OS notifications for messages that just arrived, decided here because only the window knows
// what is on screen. Inside Electron the main process shows them (its Notification, which works
// with the window hidden in the tray); in the browser shell the page uses Web Notifications.
// Also keeps the unread total on the app badge where the browser offers one.
import type { NotificationContent } from '../../shared/desktop';
import type { Message, Thread } from '../../shared/model';
import i18next from 'i18next';
import { notificationsFor, type Focus, type NotifyLabels } from '../../shared/notify';
import { kindLabel } from './format';
import { call, connection } from './api';
import { useDesktop } from './stores/desktop';
import { unreadTotal, useInbox } from './stores/inbox';
import { useUi } from './stores/ui';

/** Message ids already considered, so a later update to one never notifies again. */
const seen = new Set<string>();

function focus(): Focus {
  const ui = useUi.getState();
  const onScreen = ui.screen === 'inbox' ? ui.selectedThreadId : null;
  return { threadId: onScreen, windowFocused: document.visibilityState === 'visible' && document.hasFocus() };
}

function labels(): NotifyLabels {
  return {
    kind: kindLabel,
    someone: i18next.t('desktop.someone'),
    inGroup: (author, group) => i18next.t('desktop.inGroup', { author, group }),
    more: (text, count) => i18next.t('desktop.more', { text, count }),
    unnamedGroup: (id) => i18next.t('threads.unnamedGroup', { id }),
  };
}

/** Called once per applied batch of live updates (stores/live.ts). */
export function notifyArrivals(threads: Thread[], messages: Message[]): void {
  if (messages.length === 0) return;
  const prefs = useDesktop.getState().prefs;
  // Until the preferences have loaded nothing is known about mutes: stay quiet rather than wrong.
  if (!prefs) {
    notificationsFor({ threads, messages }, seen, { doNotDisturb: true, mutedAccounts: [], mutedThreads: [], openAtLogin: false }, focus());
    return;
  }
  for (const n of notificationsFor({ threads, messages }, seen, prefs, focus(), labels())) show(n);
}

function show(n: NotificationContent): void {
  if (connection.get() === 'electron') {
    void call('desktop:notify', n).catch(() => undefined);
    return;
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  // One notification per conversation: a newer one replaces the last instead of piling up.
  const note = new Notification(n.title, { body: n.body, tag: `thread:${n.threadId}` });
  note.onclick = () => {
    window.focus();
    openConversation(n.threadId);
    note.close();
  };
}

/** Opens a conversation from outside the list (a notification, the tray), whatever the filter. */
export function openConversation(threadId: string): void {
  void useInbox
    .getState()
    .ensureThreads([threadId])
    .catch(() => undefined)
    .then(() => {
      const ui = useUi.getState();
      const thread = useInbox.getState().threads[threadId];
      ui.selectThread(threadId);
      if (ui.inboxAccountId && thread && ui.inboxAccountId !== thread.accountId) ui.filterInbox(null);
      else ui.go('inbox');
      const inbox = useInbox.getState();
      if (inbox.search) inbox.setSearch('');
    });
}

/** Whether this window may show notifications itself (browser shell), and whether it has asked. */
export function webNotificationPermission(): NotificationPermission | 'unsupported' | 'app' {
  if (connection.get() === 'electron') return 'app';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The unread total on the installed web app's icon, where the browser supports it. */
export function startAppBadge(): () => void {
  const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  if (connection.get() === 'electron' || !nav.setAppBadge) return () => undefined;
  let last = -1;
  return useInbox.subscribe((s) => {
    const n = unreadTotal(s.unreadByAccount);
    if (n === last) return;
    last = n;
    void (n > 0 ? nav.setAppBadge!(n) : nav.clearAppBadge?.())?.catch(() => undefined);
  });
}
