// The Electron glue (electron/desktop.ts) against a stand-in for the `electron` module — no
// Electron binary runs here. It shows the glue hands the plain decisions to Electron: the tray
// menu and badge follow the unread total, the tray toggles do-not-disturb, a notification click
// opens its conversation, and quitting with queued work asks first.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/model';
import type { App } from '../../electron/services/app';
import { DesktopPrefsService } from '../../electron/services/desktop/prefs';
import { EventBus } from '../../electron/services/events';
import { silentLogger } from '../../electron/services/log';
import { memoryKeyValue } from '../../electron/services/settings';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const trays: { menus: { template: { label?: string; checked?: boolean; click?: (item: { checked: boolean }) => void }[] }[]; tooltip: string; listeners: Map<string, Listener> }[] = [];
  const notes: { opts: { title: string; body: string }; listeners: Map<string, Listener>; shown: boolean; closed: boolean }[] = [];
  const state = { dialogAnswer: 1, dialogs: [] as { message: string; detail: string; buttons: string[] }[] };
  const app = {
    isPackaged: false,
    on: (event: string, fn: Listener) => void appListeners.set(event, [...(appListeners.get(event) ?? []), fn]),
    emit: (event: string, ...args: unknown[]) => (appListeners.get(event) ?? []).forEach((fn) => fn(...args)),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(() => app.emit('before-quit', { preventDefault: () => undefined })),
    setBadgeCount: vi.fn(),
    setLoginItemSettings: vi.fn(),
    getLocale: () => 'en-US',
    getPath: () => '/nonexistent',
  };
  class Tray {
    menus: { template: never[] }[] = [];
    tooltip = '';
    listeners = new Map<string, Listener>();
    constructor() {
      trays.push(this as never);
    }
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(menu: { template: never[] }) {
      this.menus.push(menu);
    }
    isDestroyed() {
      return false;
    }
    destroy() {}
  }
  class Notification {
    static isSupported = () => true;
    listeners = new Map<string, Listener>();
    shown = false;
    closed = false;
    constructor(public opts: { title: string; body: string }) {
      notes.push(this);
    }
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    show() {
      this.shown = true;
    }
    close() {
      this.closed = true;
      this.listeners.get('close')?.();
    }
  }
  const electron = {
    app,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createFromBitmap: () => ({}) },
    dialog: {
      showMessageBox: vi.fn(async (...args: unknown[]) => {
        state.dialogs.push(args.at(-1) as never);
        return { response: state.dialogAnswer };
      }),
    },
    powerMonitor: { on: vi.fn() },
  };
  return { electron, appListeners, trays, notes, state };
});

vi.mock('electron', () => fake.electron);
const { createDesktop } = await import('../../electron/desktop');

let unread = 0;
let outbox: Pick<Message, 'status'>[] = [];

function fakeServices() {
  const bus = new EventBus();
  const desktop = new DesktopPrefsService(memoryKeyValue(), (p) => bus.emit('desktop:changed', p));
  const handlers = {
    'threads:counts': () => ({ unreadByAccount: { a1: unread } }),
    'outbox:list': () => outbox,
    'broadcasts:list': () => [],
    'settings:get': () => ({ language: 'en' }),
  };
  return { bus, desktop, handlers } as unknown as App;
}

/** The few BrowserWindow methods the glue calls. */
const fakeWindow = () => ({ isDestroyed: () => false, isVisible: () => true, setOverlayIcon: vi.fn() }) as never;

const lastMenu = () => fake.trays.at(-1)!.menus.at(-1)!.template;

beforeEach(() => {
  fake.appListeners.clear();
  fake.trays.length = 0;
  fake.notes.length = 0;
  fake.state.dialogs.length = 0;
  fake.electron.app.quit.mockClear();
  fake.electron.app.setBadgeCount.mockClear();
  unread = 0;
  outbox = [];
});

describe('the Electron glue for living in the tray', () => {
  it('puts the unread total in the tray menu, its tooltip and the badge, and follows it', async () => {
    unread = 2;
    const glue = createDesktop('/icon.png', silentLogger);
    const services = fakeServices();
    glue.attach(services, fakeWindow, () => ({}) as never);
    await vi.waitFor(() => expect(lastMenu()[0]).toMatchObject({ label: '2 unread messages', enabled: false }));
    expect(fake.trays[0]!.tooltip).toBe('Switchboard · 2 unread messages');
    if (process.platform !== 'win32') expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(2);

    unread = 5;
    services.bus.emit('threads:changed', { id: 't1' } as never);
    await vi.waitFor(() => expect(lastMenu()[0]).toMatchObject({ label: '5 unread messages' }));
  });

  it('turns do-not-disturb on from the tray, and the menu shows it checked', async () => {
    const glue = createDesktop('/icon.png', silentLogger);
    const services = fakeServices();
    glue.attach(services, fakeWindow, () => ({}) as never);
    await vi.waitFor(() => expect(lastMenu().length).toBe(6));
    lastMenu()[3]!.click!({ checked: true });
    expect(services.desktop.get().doNotDisturb).toBe(true);
    await vi.waitFor(() => expect(lastMenu()[3]).toMatchObject({ label: 'Do not disturb', checked: true }));
  });

  it('opens the window on a tray click and on Open', async () => {
    const show = vi.fn(() => ({}) as never);
    const glue = createDesktop('/icon.png', silentLogger);
    glue.attach(fakeServices(), fakeWindow, show);
    fake.trays[0]!.listeners.get('click')!();
    await vi.waitFor(() => expect(lastMenu().length).toBe(6));
    lastMenu()[2]!.click!({ checked: false });
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('shows a notification whose click opens the window and asks it to open the conversation', () => {
    const show = vi.fn(() => ({}) as never);
    const glue = createDesktop('/icon.png', silentLogger);
    const services = fakeServices();
    const opened: unknown[] = [];
    services.bus.subscribe((event, payload) => event === 'desktop:open' && opened.push(payload));
    glue.attach(services, fakeWindow, show);
    expect(glue.notify({ threadId: 't1', title: 'Siti', body: 'Halo' })).toBe(true);
    expect(fake.notes[0]).toMatchObject({ opts: { title: 'Siti', body: 'Halo' }, shown: true });
    // A newer message in the same conversation replaces the older notification.
    glue.notify({ threadId: 't1', title: 'Siti', body: 'Masih ada?' });
    expect(fake.notes[0]!.closed).toBe(true);
    fake.notes[1]!.listeners.get('click')!();
    expect(show).toHaveBeenCalledOnce();
    expect(opened).toEqual([{ threadId: 't1' }]);
  });

  it('quits at once with nothing queued', async () => {
    const glue = createDesktop('/icon.png', silentLogger);
    glue.attach(fakeServices(), fakeWindow, () => ({}) as never);
    const preventDefault = vi.fn();
    fake.electron.app.emit('before-quit', { preventDefault });
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(fake.state.dialogs).toEqual([]);
    expect(glue.quitting()).toBe(true);
  });

  it('asks before quitting with messages queued, and keeps running when told to', async () => {
    outbox = [{ status: 'queued' }, { status: 'sending' }, { status: 'sent' }];
    const glue = createDesktop('/icon.png', silentLogger);
    glue.attach(fakeServices(), fakeWindow, () => ({}) as never);
    const preventDefault = vi.fn();
    fake.state.dialogAnswer = 1;
    fake.electron.app.emit('before-quit', { preventDefault });
    // Quit chosen twice in a row (Cmd+Q, Cmd+Q) asks once.
    fake.electron.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(fake.state.dialogs).toHaveLength(1));
    expect(fake.state.dialogs[0]).toMatchObject({ message: 'Quit Switchboard with work still queued?', buttons: ['Quit anyway', 'Keep running'] });
    expect(fake.state.dialogs[0]!.detail).toMatch(/^2 messages are waiting to be sent\./);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.dialogs).toHaveLength(1);
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    expect(glue.quitting()).toBe(false);

    fake.state.dialogAnswer = 0;
    fake.electron.app.emit('before-quit', { preventDefault });
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(glue.quitting()).toBe(true);
  });
});
