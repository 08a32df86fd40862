// The browser shell's loopback channel: only a page holding this launch's token, on the shell's
// own origin, may use the IPC contract.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
  it('binds to 127.0.0.1 and hands out a link carrying a one-time code, never the token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.openUrl).toMatch(new RegExp(`^${shell.url}/#code=[\\w-]{40,}$`));
    expect(shell.openUrl).not.toContain(shell.token);
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
    await vi.waitFor(() => expect(frames.find((f) => f.id === 7)).toBeDefined());
    expect(frames.find((f) => f.id === 7)).toMatchObject({ kind: 'result', result: { ok: true, value: { defaultCountry: 'NG' } } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 8, channel: 'accounts:create', input: { provider: 'bot-api' } }));
    await vi.waitFor(() => expect(frames.find((f) => f.id === 8)).toBeDefined());
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

  describe('the one-time link', () => {
    const codeOf = (link: string) => new URL(link).hash.replace('#code=', '');
    const exchange = (code: string, origin: string | null = shell.url) =>
      request(`${shell.url}/session`, { method: 'POST', headers: { 'x-switchboard-code': code, ...(origin ? { origin } : {}) } });

    it('trades its code once for the token; a replay is refused', async () => {
      const link = shell.newOpenUrl();
      const first = await exchange(codeOf(link));
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(await first.body.json()).toEqual({ token: shell.token });
      const replay = await exchange(codeOf(link));
      await replay.body.text();
      expect(replay.statusCode).toBe(403);
    });

    it('refuses a forged code, another origin, no origin and a GET', async () => {
      const forged = await exchange('x'.repeat(43));
      await forged.body.text();
      expect(forged.statusCode).toBe(403);
      const link = shell.newOpenUrl();
      for (const origin of ['https://evil.example', null]) {
        const r = await exchange(codeOf(link), origin);
        await r.body.text();
        expect(r.statusCode).toBe(403);
      }
      const get = await request(`${shell.url}/session`, { headers: { origin: shell.url, 'x-switchboard-code': codeOf(link) } });
      await get.body.text();
      expect(get.statusCode).toBe(405);
      // None of those spent it: the rightful page still can.
      expect((await exchange(codeOf(link))).statusCode).toBe(200);
    });

    it('prints a fresh link when the printed one is used, and mints links only for a token holder', async () => {
      const printed: string[] = [];
      const s2 = await startShell({ router: t.router, bus: t.app.bus, rendererDir: mkdtempSync(join(tmpdir(), 'sb-renderer-')), onCodeUsed: (next) => printed.push(next) });
      try {
        const r = await request(`${s2.url}/session`, { method: 'POST', headers: { origin: s2.url, 'x-switchboard-code': codeOf(s2.openUrl) } });
        expect(await r.body.json()).toEqual({ token: s2.token });
        expect(printed).toHaveLength(1);
        expect(printed[0]).not.toBe(s2.openUrl);
        const again = await request(`${s2.url}/session`, { method: 'POST', headers: { origin: s2.url, 'x-switchboard-code': codeOf(printed[0]!) } });
        expect((await again.body.json()) as unknown).toEqual({ token: s2.token });
        const noToken = await request(`${s2.url}/link`, { method: 'POST', headers: { origin: s2.url } });
        await noToken.body.text();
        expect(noToken.statusCode).toBe(401);
        const minted = await request(`${s2.url}/link`, { method: 'POST', headers: { origin: s2.url, authorization: `Bearer ${s2.token}` } });
        const { openUrl } = (await minted.body.json()) as { openUrl: string };
        expect(openUrl).toMatch(/#code=/);
        expect(openUrl).not.toContain(s2.token);
      } finally {
        await s2.close();
      }
    });
  });
});
