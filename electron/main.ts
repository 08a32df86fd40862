// Thin Electron glue: one secure window, IPC binding, settings through electron-store. All
// behaviour lives in electron/services.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import Store from 'electron-store';
import { createApp } from './services/app';
import { startsHidden } from './services/desktop/autostart';
import { createDesktop } from './desktop';
import { consoleLogger } from './services/log';
import { PRIVATE_FILE_MODE } from './services/private-files';
import { bindIpc, forwardEvents } from './ipc/electron';
import { createRouter } from './ipc/router';

const here = fileURLToPath(new URL('.', import.meta.url));
// A packaged app never loads a page named by its environment: anyone who can set a variable for
// the user's session could otherwise point the trusted window (and its IPC) at their own site.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const log = consoleLogger('main');
const iconPath = join(here, '../../resources/icon.png');
// Closing the window only hides it (the app lives on in the tray) until the operator quits.
const desktop = createDesktop(iconPath, log);

function createWindow(hidden = false): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Switchboard',
    icon: iconPath,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
    },
  });
  if (!hidden) win.once('ready-to-show', () => win.show());
  win.on('close', (e) => {
    if (desktop.quitting()) return;
    e.preventDefault();
    win.hide();
    desktop.hidden();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  // The app uses no camera, microphone, notifications, geolocation or the like: every request is refused.
  // (OS notifications come from this process — electron/desktop.ts — and need no page permission.)
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The default menu carries DevTools and reload; a packaged build has no menu of its own.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  const services = createApp({
    dataDir: app.getPath('userData'),
    // Owner-only on POSIX, like the rest of the data folder (createApp tightens an older file).
    settingsStore: new Store<Record<string, unknown>>({ configFileMode: PRIVATE_FILE_MODE }),
    version: app.getVersion(),
    shell: false,
    notify: desktop.notify,
    locale: app.getLocale(),
    log,
  });
  await services.start();
  bindIpc(createRouter(services.handlers, log), devServerUrl, join(here, '../renderer'));
  // Started by the login item: only the tray shows until the operator opens the window.
  let win = createWindow(startsHidden(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin));
  let unforward = forwardEvents(services.bus, win);
  const showWindow = (): BrowserWindow => {
    if (win.isDestroyed()) {
      unforward();
      win = createWindow();
      unforward = forwardEvents(services.bus, win);
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };
  desktop.attach(services, () => win, showWindow);
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void services.stop());
}

start().catch((err) => {
  log.error('Switchboard could not start', { error: String(err) });
  app.exit(1);
});
