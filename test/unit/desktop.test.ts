// Living in the tray: the decisions behind the tray menu, the badge, quitting with work queued,
// start at login and the notification preferences, plus the Electron glue's menu template against
// Electron's own types. No Electron binary runs here; electron/desktop.ts only passes these on.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { DesktopGlue } from '../../electron/desktop';
import { desktopHandlers, type OsNotifier } from '../../electron/services/desktop/handlers';
import { applyXdgPlan, desktopExecArg, loginItemPlan, startsHidden, xdgDesktopEntry } from '../../electron/services/desktop/autostart';
import { badgePlan, dotBitmap } from '../../electron/services/desktop/badge';
import { DesktopPrefsService } from '../../electron/services/desktop/prefs';
import { pendingWork, quitPrompt } from '../../electron/services/desktop/quit';
import { closeHint, trayMenu, trayTooltip } from '../../electron/services/desktop/tray';
import { memoryKeyValue } from '../../electron/services/settings';
import { toMenuTemplate } from '../../electron/tray-menu';
import { desktopLanguage, desktopWords } from '../../electron/services/desktop/words';

describe('the tray menu', () => {
  it('shows the unread count, Open, Do not disturb and Quit', () => {
    expect(trayMenu({ unread: 3, doNotDisturb: false })).toEqual([
      { type: 'normal', id: 'unread', label: '3 unread messages', enabled: false },
      { type: 'separator' },
      { type: 'normal', id: 'open', label: 'Open', enabled: true },
      { type: 'checkbox', id: 'doNotDisturb', label: 'Do not disturb', checked: false },
      { type: 'separator' },
      { type: 'normal', id: 'quit', label: 'Quit', enabled: true },
    ]);
  });

  it('says so when nothing is unread, counts one in the singular and caps a huge number', () => {
    expect(trayMenu({ unread: 0, doNotDisturb: true })[0]).toMatchObject({ label: 'No unread messages' });
    expect(trayMenu({ unread: 1, doNotDisturb: true })[0]).toMatchObject({ label: '1 unread message' });
    expect(trayMenu({ unread: 12_345, doNotDisturb: true })[0]).toMatchObject({ label: '9,999+ unread messages' });
    expect(trayMenu({ unread: 0, doNotDisturb: true })[3]).toMatchObject({ id: 'doNotDisturb', checked: true });
  });

  it('has a tooltip with the count and do-not-disturb', () => {
    expect(trayTooltip({ unread: 0, doNotDisturb: false })).toBe('Switchboard');
    expect(trayTooltip({ unread: 2, doNotDisturb: true })).toBe('Switchboard · 2 unread messages · Do not disturb');
  });

  it('is explained once when the window is first closed, except on macOS where that is expected', () => {
    expect(closeHint('win32')).toEqual({ title: 'Switchboard is still running', body: expect.stringContaining('tray icon') });
    expect(closeHint('linux')).not.toBeNull();
    expect(closeHint('darwin')).toBeNull();
    const prefs = new DesktopPrefsService(memoryKeyValue());
    expect([prefs.once('trayHint'), prefs.once('trayHint'), prefs.once('other')]).toEqual([true, false, true]);
  });

  it('becomes Electron’s menu template, whose clicks reach the actions', () => {
    const open = vi.fn();
    const dnd = vi.fn();
    const template = toMenuTemplate(trayMenu({ unread: 5, doNotDisturb: false }), { open, doNotDisturb: dnd });
    expectTypeOf(template).toEqualTypeOf<MenuItemConstructorOptions[]>();
    expect(template.map((i) => [i.type, i.label, i.enabled, i.checked])).toEqual([
      ['normal', '5 unread messages', false, undefined],
      ['separator', undefined, undefined, undefined],
      ['normal', 'Open', true, undefined],
      ['checkbox', 'Do not disturb', undefined, false],
      ['separator', undefined, undefined, undefined],
      ['normal', 'Quit', true, undefined],
    ]);
    // Electron calls click(menuItem, window, event); a checkbox item arrives already toggled.
    const click = (i: number, checked: boolean) => (template[i]!.click as (item: MenuItem) => void)({ checked } as MenuItem);
    click(2, false);
    click(3, true);
    expect(open).toHaveBeenCalledOnce();
    expect(dnd).toHaveBeenCalledWith(true);
    expect(template[5]!.click).toBeUndefined();
  });

  it('glue signatures match the services they serve (checked by tsc)', () => {
    expectTypeOf<DesktopGlue['notify']>().toEqualTypeOf<OsNotifier>();
  });
});

describe('quitting with queued work', () => {
  it('counts messages still to go out and broadcasts running or scheduled', () => {
    const work = pendingWork(
      [{ status: 'queued' }, { status: 'sending' }, { status: 'in_doubt' }, { status: 'failed' }, { status: 'sent' }],
      [{ status: 'running' }, { status: 'scheduled' }, { status: 'paused' }, { status: 'completed' }],
    );
    expect(work).toEqual({ messages: 2, broadcasts: 2 });
  });

  it('quits at once when nothing waits', () => {
    expect(quitPrompt({ messages: 0, broadcasts: 0 })).toBeNull();
  });

  it('asks first, saying what waits, with "Keep running" as the safe answer', () => {
    const p = quitPrompt({ messages: 1, broadcasts: 0 })!;
    expect(p.detail).toMatch(/^1 message is waiting to be sent\. Nothing is sent while Switchboard is closed/);
    expect(p.buttons[p.quitId]).toBe('Quit anyway');
    expect(p.buttons[p.cancelId]).toBe('Keep running');
    expect(quitPrompt({ messages: 1200, broadcasts: 2 })!.detail).toMatch(/^1,200 messages are waiting to be sent and 2 broadcasts are running or scheduled\./);
    expect(quitPrompt({ messages: 0, broadcasts: 1 })!.detail).toMatch(/^1 broadcast is running or scheduled\./);
  });
});

describe('in Bahasa Indonesia', () => {
  const id = desktopWords.id;

  it('follows the Language setting, or the OS language when it is System', () => {
    expect(desktopLanguage('id', 'en-US')).toBe('id');
    expect(desktopLanguage('en', 'id-ID')).toBe('en');
    expect(desktopLanguage('system', 'id-ID')).toBe('id');
    expect(desktopLanguage('system', 'in')).toBe('id');
    expect(desktopLanguage(undefined, 'fr-FR')).toBe('en');
  });

  it('words the tray, the quit question and the hint', () => {
    expect(trayMenu({ unread: 12_345, doNotDisturb: false }, id).map((i) => ('label' in i ? i.label : '-'))).toEqual(['9.999+ pesan belum dibaca', '-', 'Buka', 'Jangan ganggu', '-', 'Keluar']);
    expect(trayMenu({ unread: 0, doNotDisturb: false }, id)[0]).toMatchObject({ label: 'Tidak ada pesan belum dibaca' });
    const p = quitPrompt({ messages: 1200, broadcasts: 1 }, id)!;
    expect(p.detail).toMatch(/^1\.200 pesan menunggu dikirim dan 1 siaran sedang berjalan atau terjadwal\. Tidak ada yang dikirim/);
    expect(p.buttons).toEqual(['Tetap keluar', 'Biarkan berjalan']);
    expect(closeHint('linux', id)?.title).toBe('Switchboard masih berjalan');
    expect(badgePlan('win32', 3, id)).toMatchObject({ description: '3 pesan belum dibaca' });
  });
});

describe('the dock / taskbar badge', () => {
  it('is a number on macOS and Linux, an overlay with a description on Windows', () => {
    expect(badgePlan('darwin', 7)).toEqual({ kind: 'count', count: 7 });
    expect(badgePlan('linux', 0)).toEqual({ kind: 'count', count: 0 });
    expect(badgePlan('win32', 7)).toEqual({ kind: 'overlay', show: true, description: '7 unread messages' });
    expect(badgePlan('win32', 0)).toEqual({ kind: 'overlay', show: false, description: '' });
  });

  it('draws the overlay dot as BGRA pixels: solid in the middle, clear in the corners', () => {
    const px = dotBitmap(16);
    expect(px).toHaveLength(16 * 16 * 4);
    const at = (x: number, y: number) => [...px.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(8, 8)).toEqual([0x25, 0x30, 0xd9, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });
});

describe('start at login', () => {
  const env = { execPath: '/opt/Switchboard/switchboard', home: '/home/ana' };

  it('uses the login item on macOS, and on Windows with the flag that keeps the window hidden', () => {
    expect(loginItemPlan('darwin', true, env)).toEqual({ kind: 'electron', settings: { openAtLogin: true } });
    expect(loginItemPlan('win32', false, env)).toEqual({ kind: 'electron', settings: { openAtLogin: false, args: ['--hidden'] } });
  });

  it('writes a freedesktop autostart entry on Linux (the AppImage itself when run from one), and removes it', () => {
    expect(loginItemPlan('linux', true, env)).toEqual({ kind: 'xdg', path: '/home/ana/.config/autostart/switchboard.desktop', content: xdgDesktopEntry('/opt/Switchboard/switchboard') });
    expect(loginItemPlan('linux', true, { ...env, appImage: '/home/ana/Apps/Switchboard 1.0.AppImage', xdgConfigHome: '/home/ana/.cfg' })).toMatchObject({
      path: '/home/ana/.cfg/autostart/switchboard.desktop',
      content: expect.stringContaining('Exec="/home/ana/Apps/Switchboard 1.0.AppImage" --hidden\n'),
    });
    expect(loginItemPlan('linux', false, env)).toMatchObject({ content: null });
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(desktopExecArg('/opt/sb/switchboard')).toBe('/opt/sb/switchboard');
    expect(desktopExecArg('/a b/$x"y')).toBe('"/a b/\\$x\\"y"');
  });

  it('applies the Linux plan to the file system', () => {
    const home = mkdtempSync(join(tmpdir(), 'sb-autostart-'));
    const on = loginItemPlan('linux', true, { ...env, home });
    if (on.kind !== 'xdg') throw new Error('expected xdg');
    applyXdgPlan(on);
    expect(readFileSync(on.path, 'utf8')).toContain('[Desktop Entry]\nType=Application\nName=Switchboard');
    const off = loginItemPlan('linux', false, { ...env, home });
    if (off.kind !== 'xdg') throw new Error('expected xdg');
    applyXdgPlan(off);
    applyXdgPlan(off);
    expect(existsSync(on.path)).toBe(false);
  });

  it('starts hidden only when launched by the login item', () => {
    expect(startsHidden(['/opt/sb/switchboard'], false)).toBe(false);
    expect(startsHidden(['/opt/sb/switchboard', '--hidden'], false)).toBe(true);
    expect(startsHidden([], true)).toBe(true);
  });
});

describe('notification preferences', () => {
  it('start with everything on and nothing muted, and survive a damaged entry', () => {
    const kv = memoryKeyValue();
    expect(new DesktopPrefsService(kv).get()).toEqual({ doNotDisturb: false, mutedAccounts: [], mutedThreads: [], openAtLogin: false });
    kv.set('desktop', { doNotDisturb: 'yes', mutedThreads: ['t1'] });
    expect(new DesktopPrefsService(kv).get()).toEqual({ doNotDisturb: false, mutedAccounts: [], mutedThreads: [], openAtLogin: false });
    kv.set('desktop', { mutedThreads: ['t1'] });
    expect(new DesktopPrefsService(kv).get().mutedThreads).toEqual(['t1']);
  });

  it('mute and unmute conversations and accounts, once each, and publish every change', () => {
    const published: unknown[] = [];
    const prefs = new DesktopPrefsService(memoryKeyValue(), (p) => published.push(p));
    prefs.mute('thread', 't1', true);
    prefs.mute('thread', 't1', true);
    prefs.mute('account', 'a1', true);
    expect(prefs.get()).toMatchObject({ mutedThreads: ['t1'], mutedAccounts: ['a1'] });
    prefs.mute('thread', 't1', false);
    expect(prefs.set({ doNotDisturb: true })).toMatchObject({ doNotDisturb: true, mutedThreads: [], mutedAccounts: ['a1'] });
    expect(published).toHaveLength(5);
    expect(published.at(-1)).toEqual(prefs.get());
  });

  it('show an OS notification through the port, except under do-not-disturb or without one (browser shell)', () => {
    const prefs = new DesktopPrefsService(memoryKeyValue());
    const notify = vi.fn<OsNotifier>(() => true);
    const n = { threadId: 't1', title: 'Siti', body: 'Halo' };
    expect(desktopHandlers(prefs, notify)['desktop:notify'](n)).toEqual({ shown: true });
    expect(notify).toHaveBeenCalledWith(n);
    prefs.set({ doNotDisturb: true });
    expect(desktopHandlers(prefs, notify)['desktop:notify'](n)).toEqual({ shown: false });
    expect(notify).toHaveBeenCalledOnce();
    expect(desktopHandlers(new DesktopPrefsService(memoryKeyValue()), undefined)['desktop:notify'](n)).toEqual({ shown: false });
  });
});
