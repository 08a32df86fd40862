// The browser shell's loopback channel: only a page holding this launch's token, on the shell's
// own origin, may use the IPC contract.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShell, type Shell } from '../../electron/shell/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let shell: Shell;
beforeAll(async () => {
  t = await startTestApp();
  const rendererDir = mkdtempSync(join(tmpdir(), 'sb-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  shell = await startShell({ router: t.router, bus: t.app.bus, rendererDir });
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const wsUrl = () => `${shell.url.replace('http', 'ws')}/ipc`;

describe('browser shell', () => {
  it('binds to 127.0.0.1 and hands out a link carrying the token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.openUrl).toBe(`${shell.url}/#token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a connection without the token', async () => {
    await expect(connect(wsUrl(), shell.url)).rejects.toThrow('HTTP 401');
  });

  it('tells a page plainly that its token is refused', async () => {
    const bad = await request(`${shell.url}/ipc?token=nope`);
    await bad.body.text();
    expect(bad.statusCode).toBe(401);
    const good = await request(`${shell.url}/ipc?token=${shell.token}`);
    await good.body.text();
    expect(good.statusCode).toBe(426);
  });

  it('refuses a wrong token', async () => {
    await expect(connect(`${wsUrl()}?token=${'x'.repeat(shell.token.length)}`, shell.url)).rejects.toThrow('HTTP 401');
  });

  it('refuses the right token from another origin (a web page the user happens to visit)', async () => {
    await expect(connect(`${wsUrl()}?token=${shell.token}`, 'https://evil.example')).rejects.toThrow('HTTP 401');
  });

  it('serves the contract to the right token, results and events alike', async () => {
    const ws = await connect(`${wsUrl()}?token=${shell.token}`, shell.url);
    const frames: { kind: string; id?: number; event?: string; result?: { ok: boolean; value?: unknown } }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, channel: 'settings:update', input: { defaultCountry: 'ng' } }));
    await new Promise((r) => setTimeout(r, 100));
    expect(frames.find((f) => f.id === 7)).toMatchObject({ kind: 'result', result: { ok: true, value: { defaultCountry: 'NG' } } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 8, channel: 'accounts:create', input: { provider: 'bot-api' } }));
    await new Promise((r) => setTimeout(r, 100));
    expect(frames.find((f) => f.id === 8)).toMatchObject({ result: { ok: false, error: { code: 'validation' } } });
    ws.close();
  });

  it('serves the renderer but nothing outside its folder', async () => {
    const ok = await request(`${shell.url}/`);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.text()).toContain('Switchboard');
    const escape = await request(`${shell.url}/..%2f..%2fetc%2fpasswd`);
    await escape.body.text();
    expect(escape.statusCode).toBe(404);
  });
});
