// Electron glue for living in the tray all day: the tray icon and its menu, the dock/taskbar
// badge, OS notifications, start at login and the question before quitting with work queued.
// Every decision is a plain function under services/desktop/ (tested there); this file only
// hands their answers to Electron.
import { app, dialog, Menu, nativeImage, Notification, powerMonitor, Tray, type BrowserWindow } from 'electron';
import type { DesktopPrefs, NotificationContent } from '../shared/desktop';
import type { App } from './services/app';
import { applyXdgPlan, loginItemPlan } from './services/desktop/autostart';
import { badgePlan, dotBitmap } from './services/desktop/badge';
import { pendingWork, quitPrompt } from './services/desktop/quit';
import { closeHint, trayMenu, trayTooltip } from './services/desktop/tray';
import { desktopLanguage, desktopWords, type DesktopWords } from './services/desktop/words';
import { subscribeCoalesced } from './services/events';
import type { Logger } from './services/log';
import { toMenuTemplate } from './tray-menu';

/** Notifications still on screen; Electron drops click handlers of ones that are garbage-collected. */
const KEEP_NOTIFICATIONS = 50;

export interface DesktopGlue {
  /** The OsNotifier given to createApp. */
  notify(n: NotificationContent): boolean;
  /** Starts the tray, badge and login item once the services and the window exist. */
  attach(services: App, window: () => BrowserWindow, showWindow: () => BrowserWindow): void;
  /** False until the operator has agreed to quit: closing the window only hides it. */
  quitting(): boolean;
  /** The window was closed and is now hidden: the first time, say where the app went. */
  hidden(): void;
}

export function createDesktop(iconPath: string, log: Logger): DesktopGlue {
  let services: App | null = null;
  let getWindow: (() => BrowserWindow) | null = null;
  let show: (() => BrowserWindow) | null = null;
  let tray: Tray | null = null;
  let confirmedQuit = false;
  let askingToQuit = false;
  let appliedLogin: boolean | null = null;
  const shown: Notification[] = [];
  const latestByThread = new Map<string, Notification>();

  function openThread(threadId: string): void {
    show?.();
    services?.bus.emit('desktop:open', { threadId });
  }

  function notify(n: NotificationContent): boolean {
    if (!Notification.isSupported()) return false;
    const note = new Notification({ title: n.title, body: n.body, icon: iconPath });
    note.on('click', () => openThread(n.threadId));
    // One per conversation, as the browser's notification tag does: the newer replaces the older.
    latestByThread.get(n.threadId)?.close();
    latestByThread.set(n.threadId, note);
    note.on('close', () => latestByThread.get(n.threadId) === note && latestByThread.delete(n.threadId));
    shown.push(note);
    if (shown.length > KEEP_NOTIFICATIONS) shown.shift();
    note.show();
    return true;
  }

  /** The window's language (its Language setting, or the OS's), read each time so a switch applies at once. */
  async function words(): Promise<DesktopWords> {
    const settings = services ? ((await services.handlers['settings:get']({})) as { language?: string }) : {};
    return desktopWords[desktopLanguage(settings.language, app.getLocale())];
  }

  async function unreadTotal(s: App): Promise<number> {
    const { unreadByAccount } = await s.handlers['threads:counts']({});
    return Object.values(unreadByAccount).reduce((a, b) => a + b, 0);
  }

  async function refresh(): Promise<void> {
    if (!services) return;
    const prefs = services.desktop.get();
    const unread = await unreadTotal(services);
    const state = { unread, doNotDisturb: prefs.doNotDisturb };
    const w = await words();
    if (tray && !tray.isDestroyed()) {
      tray.setToolTip(trayTooltip(state, w));
      tray.setContextMenu(
        Menu.buildFromTemplate(
          toMenuTemplate(trayMenu(state, w), {
            open: () => show?.(),
            doNotDisturb: (checked) => services?.desktop.set({ doNotDisturb: checked }),
            quit: () => app.quit(),
          }),
        ),
      );
    }
    const plan = badgePlan(process.platform, unread, w);
    if (plan.kind === 'count') app.setBadgeCount(plan.count);
    else {
      const win = getWindow?.();
      if (win && !win.isDestroyed()) win.setOverlayIcon(plan.show ? nativeImage.createFromBitmap(dotBitmap(16), { width: 16, height: 16 }) : null, plan.description);
    }
  }

  function applyLoginItem(prefs: DesktopPrefs): void {
    if (prefs.openAtLogin === appliedLogin) return;
    appliedLogin = prefs.openAtLogin;
    // A development build would register the bare Electron binary; only the installed app registers itself.
    if (!app.isPackaged) return log.info('Start at login applies to the installed app only', { openAtLogin: prefs.openAtLogin });
    const plan = loginItemPlan(process.platform, prefs.openAtLogin, { execPath: process.execPath, appImage: process.env.APPIMAGE, home: app.getPath('home'), xdgConfigHome: process.env.XDG_CONFIG_HOME });
    try {
      if (plan.kind === 'xdg') applyXdgPlan(plan);
      else app.setLoginItemSettings(plan.settings);
    } catch (err) {
      log.warn('Could not change start at login', { error: String(err) });
    }
  }

  async function askBeforeQuit(): Promise<void> {
    if (!services) return finishQuit();
    const [messages, campaigns] = await Promise.all([services.handlers['outbox:list']({}), services.handlers['broadcasts:list']({})]);
    const prompt = quitPrompt(pendingWork(messages, campaigns), await words());
    if (prompt) {
      const win = getWindow?.();
      const options = { type: 'question' as const, message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: prompt.cancelId, cancelId: prompt.cancelId, noLink: true };
      const { response } = win && !win.isDestroyed() && win.isVisible() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      if (response !== prompt.quitId) return;
    }
    finishQuit();
  }

  function finishQuit(): void {
    confirmedQuit = true;
    tray?.destroy();
    app.quit();
  }

  app.on('before-quit', (e) => {
    if (confirmedQuit) return;
    e.preventDefault();
    // Quit chosen again while the question is open: the open question answers it.
    if (askingToQuit) return;
    askingToQuit = true;
    askBeforeQuit()
      .catch((err) => {
        log.warn('Could not check queued work before quitting', { error: String(err) });
        finishQuit();
      })
      .finally(() => (askingToQuit = false));
  });
  // The system is going down: asking would only hold up the shutdown.
  app.whenReady().then(() => powerMonitor.on('shutdown', () => (confirmedQuit = true)), () => undefined);

  return {
    notify,
    quitting: () => confirmedQuit,
    hidden() {
      if (process.platform === 'darwin' || !services?.desktop.once('trayHint') || !Notification.isSupported()) return;
      void words().then((w) => {
        const hint = closeHint(process.platform, w);
        if (!hint) return;
        const note = new Notification({ title: hint.title, body: hint.body, icon: iconPath });
        note.on('click', () => show?.());
        shown.push(note);
        note.show();
      });
    },
    attach(s, window, showWindow) {
      services = s;
      getWindow = window;
      show = showWindow;
      const image = nativeImage.createFromPath(iconPath);
      tray = new Tray(image.isEmpty() ? image : image.resize({ width: 16, height: 16 }));
      // Windows (and Linux where the tray reports clicks) open on a click; macOS shows the menu instead.
      if (process.platform !== 'darwin') tray.on('click', () => void showWindow());
      // A language switch made in the window is not pushed as an event: leaving the window words the tray anew.
      app.on('browser-window-blur', () => void refresh().catch(() => undefined));
      applyLoginItem(s.desktop.get());
      void refresh().catch(() => undefined);
      subscribeCoalesced(
        s.bus,
        (batch) => {
          if (!batch.some(([event]) => event === 'threads:changed' || event === 'desktop:changed')) return;
          applyLoginItem(s.desktop.get());
          refresh().catch((err) => log.warn('Could not update the tray and badge', { error: String(err) }));
        },
        // Counting unread is a query: a busy inbox asks at most a few times a second.
        { windowMs: 300 },
      );
    },
  };
}
