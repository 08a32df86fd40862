// What the tray (menu bar) icon offers, as plain data: the glue in electron/tray.ts turns it into
// Electron's menu, so what the menu says for a given state is tested without Electron.
export type TrayItemId = 'unread' | 'open' | 'doNotDisturb' | 'quit';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; id: TrayItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: TrayItemId; label: string; checked: boolean };

export type TrayState = { unread: number; doNotDisturb: boolean };

export function unreadLabel(unread: number): string {
  if (unread <= 0) return 'No unread messages';
  return unread === 1 ? '1 unread message' : `${unread > 9999 ? '9,999+' : unread.toLocaleString('en-US')} unread messages`;
}

export function trayMenu(state: TrayState): TrayItem[] {
  return [
    // Information, not an action: shown greyed like a heading.
    { type: 'normal', id: 'unread', label: unreadLabel(state.unread), enabled: false },
    { type: 'separator' },
    { type: 'normal', id: 'open', label: 'Open', enabled: true },
    { type: 'checkbox', id: 'doNotDisturb', label: 'Do not disturb', checked: state.doNotDisturb },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: 'Quit', enabled: true },
  ];
}

/**
 * Said once, the first time the window is closed, so nobody takes the closed window for a stopped
 * app. Not on macOS, where apps living on after their window closes is what people expect.
 */
export function closeHint(platform: NodeJS.Platform): { title: string; body: string } | null {
  if (platform === 'darwin') return null;
  return {
    title: 'Switchboard is still running',
    body: 'It keeps receiving messages and sending what is queued. Open it or quit from the tray icon.',
  };
}

/** The hover text: the app keeps running here, and how much is waiting. */
export function trayTooltip(state: TrayState): string {
  const parts = ['Switchboard', state.unread > 0 ? unreadLabel(state.unread) : null, state.doNotDisturb ? 'Do not disturb' : null];
  return parts.filter(Boolean).join(' · ');
}
