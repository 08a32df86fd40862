// The Electron IPC sender check, on POSIX and Windows paths alike (path.win32 runs on any OS).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, isTrustedSender } from '../../electron/ipc/sender';

const posixDir = '/opt/Switchboard/resources/app/out/renderer';
const posix = (url: string) => isTrustedSender(url, undefined, posixDir, path.posix);
const winDir = 'C:\\Program Files\\Switchboard\\resources\\app\\out\\renderer';
const win = (url: string, dir = winDir) => isTrustedSender(url, undefined, dir, path.win32);

describe('Electron IPC sender check (POSIX)', () => {
  it('trusts the packaged renderer file and files below it', () => {
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer/index.html')).toBe(true);
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer/assets/x.js?v=1#frag')).toBe(true);
  });
  it('refuses other local files, sibling folders and escapes', () => {
    expect(posix('file:///tmp/evil.html')).toBe(false);
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer-evil/index.html')).toBe(false);
    expect(posix('file:///opt/Switchboard/resources/app/out/rendererX')).toBe(false);
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer/../secrets.html')).toBe(false);
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer/%2e%2e/x.html')).toBe(false);
  });
  it('refuses encoded separators and file URLs naming another host', () => {
    expect(posix('file:///opt/Switchboard/resources/app/out/renderer%2Findex.html')).toBe(false);
    expect(posix('file:///opt/Switchboard/resources/app/out%2Frenderer/index.html')).toBe(false);
    expect(posix('file://evil.example/opt/Switchboard/resources/app/out/renderer/index.html')).toBe(false);
  });
  it('refuses any file when no renderer folder is known', () => {
    expect(isTrustedSender('file:///opt/Switchboard/resources/app/out/renderer/index.html', undefined, undefined, path.posix)).toBe(false);
  });
});

describe('Electron IPC sender check (Windows)', () => {
  it('trusts the packaged renderer under a drive letter, whatever the case', () => {
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer/index.html')).toBe(true);
    expect(win('file:///c:/program%20files/switchboard/RESOURCES/app/out/Renderer/index.html')).toBe(true);
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer/assets/index-abc.js')).toBe(true);
  });
  it('refuses another drive, a sibling folder and an escape', () => {
    expect(win('file:///D:/Program%20Files/Switchboard/resources/app/out/renderer/index.html')).toBe(false);
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer-evil/index.html')).toBe(false);
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer/../evil.html')).toBe(false);
    expect(win('file:///C:/Users/me/Downloads/index.html')).toBe(false);
  });
  it('refuses %2F and %5C encoded separators', () => {
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer%2Findex.html')).toBe(false);
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out/renderer%5Cindex.html')).toBe(false);
    expect(win('file:///C:/Program%20Files/Switchboard/resources/app/out%5Crenderer-evil%5Cindex.html')).toBe(false);
  });
  it('handles an app installed on a UNC share, and only that share', () => {
    const unc = '\\\\fileserver\\apps\\Switchboard\\renderer';
    expect(win('file://fileserver/apps/Switchboard/renderer/index.html', unc)).toBe(true);
    expect(win('file://FILESERVER/apps/switchboard/renderer/index.html', unc)).toBe(true);
    expect(win('file://otherserver/apps/Switchboard/renderer/index.html', unc)).toBe(false);
    expect(win('file://fileserver/apps/Switchboard/renderer-evil/index.html', unc)).toBe(false);
    expect(win('file:///C:/apps/Switchboard/renderer/index.html', unc)).toBe(false);
  });
  it('isInside keeps names that merely start with two dots', () => {
    expect(isInside('C:\\app\\renderer', 'C:\\app\\renderer\\..cache\\x.js', path.win32)).toBe(true);
    expect(isInside('/app/renderer', '/app/renderer/..cache/x.js', path.posix)).toBe(true);
    expect(isInside('relative\\dir', 'C:\\x', path.win32)).toBe(false);
  });
});

describe('Electron IPC sender check (dev server and others)', () => {
  it('trusts the dev server only in development', () => {
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
  it('refuses web pages, opaque origins and missing frames', () => {
    expect(isTrustedSender('https://evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('data:text/html,hi', 'data:text/html,hi')).toBe(false);
    expect(isTrustedSender(undefined, undefined)).toBe(false);
    expect(isTrustedSender('not a url', undefined)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'not a url')).toBe(false);
  });
});
