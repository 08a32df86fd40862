// What the tray (menu bar) icon offers, as plain data: the glue in electron/tray.ts turns it into
// Electron's menu, so what the menu says for a given state is tested without Electron.
import { countText, desktopWords, type DesktopWords } from './words';

export type TrayItemId = 'unread' | 'open' | 'doNotDisturb' | 'quit';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; id: TrayItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: TrayItemId; label: string; checked: boolean };

export type TrayState = { unread: number; doNotDisturb: boolean };

const en = desktopWords.en;

export function unreadLabel(unread: number, w: DesktopWords = en): string {
  if (unread <= 0) return w.noUnread;
  return w.unread(countText(unread, w, 9999), unread === 1);
}

export function trayMenu(state: TrayState, w: DesktopWords = en): TrayItem[] {
  return [
    // Information, not an action: shown greyed like a heading.
    { type: 'normal', id: 'unread', label: unreadLabel(state.unread, w), enabled: false },
    { type: 'separator' },
    { type: 'normal', id: 'open', label: w.open, enabled: true },
    { type: 'checkbox', id: 'doNotDisturb', label: w.doNotDisturb, checked: state.doNotDisturb },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: w.quit, enabled: true },
  ];
}

/**
 * Said once, the first time the window is closed, so nobody takes the closed window for a stopped
 * app. Not on macOS, where apps living on after their window closes is what people expect.
 */
export function closeHint(platform: NodeJS.Platform, w: DesktopWords = en): { title: string; body: string } | null {
  if (platform === 'darwin') return null;
  return { title: w.hintTitle, body: w.hintBody };
}

/** The hover text: the app keeps running here, and how much is waiting. */
export function trayTooltip(state: TrayState, w: DesktopWords = en): string {
  const parts = ['Switchboard', state.unread > 0 ? unreadLabel(state.unread, w) : null, state.doNotDisturb ? w.doNotDisturb : null];
  return parts.filter(Boolean).join(' · ');
}
