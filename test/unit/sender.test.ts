import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/ipc/sender';

describe('Electron IPC sender check', () => {
  it('trusts the packaged renderer file', () => {
    expect(isTrustedSender('file:///opt/Switchboard/resources/app/out/renderer/index.html', undefined, '/opt/Switchboard/resources/app/out/renderer')).toBe(true);
  });
  it('refuses other local files', () => {
    expect(isTrustedSender('file:///tmp/evil.html', undefined, '/opt/Switchboard/resources/app/out/renderer')).toBe(false);
  });
  it('trusts the dev server only in development', () => {
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', undefined)).toBe(false);
  });
  it('refuses web pages and missing frames', () => {
    expect(isTrustedSender('https://evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender(undefined, undefined)).toBe(false);
    expect(isTrustedSender('not a url', undefined)).toBe(false);
  });
});
