// Start at login. macOS and Windows have login items (app.setLoginItemSettings); Linux has none
// in Electron, so the freedesktop way is used: a .desktop file in ~/.config/autostart. Launched
// at login, the app starts in the tray with its window hidden.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Passed by the login item so the app knows it was started at login (window stays hidden). */
export const HIDDEN_FLAG = '--hidden';

export type LoginItemPlan =
  | { kind: 'electron'; settings: { openAtLogin: boolean; args?: string[] } }
  | { kind: 'xdg'; path: string; content: string | null };

export interface LaunchEnv {
  execPath: string;
  /** Set by an AppImage at run time; the image, not its mounted binary, is what must start. */
  appImage?: string;
  home: string;
  xdgConfigHome?: string;
}

export function loginItemPlan(platform: NodeJS.Platform, openAtLogin: boolean, env: LaunchEnv): LoginItemPlan {
  if (platform === 'linux') {
    const base = env.xdgConfigHome && env.xdgConfigHome.startsWith('/') ? env.xdgConfigHome : join(env.home, '.config');
    return { kind: 'xdg', path: join(base, 'autostart', 'switchboard.desktop'), content: openAtLogin ? xdgDesktopEntry(env.appImage || env.execPath) : null };
  }
  // Windows matches login items by path and args, so the same args go with turning it off.
  if (platform === 'win32') return { kind: 'electron', settings: { openAtLogin, args: [HIDDEN_FLAG] } };
  return { kind: 'electron', settings: { openAtLogin } };
}

/** Quoting per the Desktop Entry spec: reserved characters force quotes, and inside them ", `, $ and \ are escaped. */
export function desktopExecArg(arg: string): string {
  if (!/[\s"'`$\\<>~|&;*?#()]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function xdgDesktopEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Keeps your WhatsApp gateway accounts answering',
    `Exec=${desktopExecArg(exec)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the autostart file. */
export function applyXdgPlan(plan: Extract<LoginItemPlan, { kind: 'xdg' }>): void {
  if (plan.content === null) {
    rmSync(plan.path, { force: true });
    return;
  }
  mkdirSync(dirname(plan.path), { recursive: true });
  writeFileSync(plan.path, plan.content, { mode: 0o644 });
}

/** Whether this launch should keep the window hidden: started by the login item. */
export function startsHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_FLAG);
}
