// Every server the app runs, attacked in its own process: malformed request targets, hostile
// WebSocket frames, forged Host headers and huge declared bodies. Afterwards the process is still
// alive and still serves its token holder. (Findings 1 and 7 of issue 14.)
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellClient } from '../helpers/shell-client';
import { spawnShell, type SpawnedShell } from './spawn';

let shell: SpawnedShell;
let client: ShellClient;
let hookPath: string;

beforeAll(async () => {
  shell = await spawnShell({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardHardening-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  const account = await client.call('accounts:create', { provider: 'omnichat', name: 'Hard', config: { baseUrl: 'https://app.omnichat.id' }, secrets: { apiKey: 'k' } });
  hookPath = new URL((await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === account.id)!.url).pathname;
}, 90_000);
afterAll(async () => {
  client?.close();
  await shell?.stop();
});

/** Writes raw bytes and collects what comes back until the server closes (or `waitMs` passes). */
function raw(port: number, text: string, waitMs = 3_000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let out = '';
    let closed = false;
    const done = () => resolve({ text: out, closed });
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
    socket.on('data', (d) => (out += d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      done();
    });
    socket.write(text);
  });
}

const upgrade = (target: string, host: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

function open(origin = shell.url, host?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ipc?token=${shell.token}`, { origin, ...(host ? { headers: { host } } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser shell', () => {
  it('refuses malformed upgrade targets without dying', async () => {
    for (const target of ['//[', '//%', '//%zz/ipc', '*', 'http://[', `/ipc?token=%E0%A4%A`, '/%']) {
      const r = await raw(shell.port, upgrade(target, `127.0.0.1:${shell.port}`, `Origin: ${shell.url}\r\n`));
      expect(r.text, target).toMatch(/^HTTP\/1\.1 (400|401)/);
    }
    expect(shell.alive()).toBe(true);
  });

  it('answers malformed plain targets with 400, alive', async () => {
    for (const target of ['//[', '//%', '//%zz']) {
      const r = await raw(shell.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nConnection: close\r\n\r\n`);
      expect(r.text, target).toMatch(/^HTTP\/1\.1 400/);
    }
    expect(shell.alive()).toBe(true);
  });

  it('checks Host as well as Origin (a DNS-rebinding page names its own host)', async () => {
    await expect(open(shell.url, `rebind.example:${shell.port}`)).rejects.toThrow('HTTP 401');
    const r = await raw(shell.port, `GET / HTTP/1.1\r\nHost: rebind.example:${shell.port}\r\nConnection: close\r\n\r\n`);
    expect(r.text).toMatch(/^HTTP\/1\.1 421/);
    const ok = await raw(shell.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nConnection: close\r\n\r\n`);
    expect(ok.text).toMatch(/^HTTP\/1\.1 200/);
  });

  it('survives hostile frames from a token holder and keeps answering', async () => {
    const ws = await open();
    const results: unknown[] = [];
    ws.on('message', (d) => results.push(JSON.parse(String(d))));
    for (const frame of [
      '{"kind":"invoke","id":1,"channel":{"toString":1},"input":{}}',
      '{"kind":"invoke","id":2,"channel":["settings:get"],"input":{}}',
      '{"kind":"invoke","id":3,"channel":"__proto__","input":{}}',
      '{"kind":"invoke","id":4,"channel":"constructor","input":{}}',
      '{"kind":"invoke","id":"5","channel":"settings:get"}',
      '{"kind":"invoke","id":6,"channel":"settings:update","input":{"listenerPort":{"valueOf":1}}}',
      'null',
      '[]',
      '"x"',
      '{"kind":',
    ]) {
      ws.send(frame);
    }
    ws.send(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(shell.alive()).toBe(true);
    expect(results).toContainEqual(expect.objectContaining({ kind: 'result', id: 3, result: expect.objectContaining({ ok: false }) }));
    ws.close();
    // A frame that breaks the protocol itself (RSV1 without an extension) ends only that connection.
    const bad = await open();
    const closed = new Promise((r) => bad.once('close', r));
    (bad as unknown as { _socket: Socket })._socket.write(Buffer.from([0xc1, 0x80, 1, 2, 3, 4]));
    await closed;
    await new Promise((r) => setTimeout(r, 300));
    expect(shell.alive()).toBe(true);
    expect(await client.call('settings:get', {})).toMatchObject({ listenerPort: expect.any(Number) });
  });

  it('refuses a huge declared body from the header and closes the connection', async () => {
    const started = Date.now();
    const r = await raw(shell.port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nContent-Length: 104857600\r\n\r\n`);
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe('webhook listener', () => {
  it('refuses a huge declared body from the header and closes the connection', async () => {
    for (const path of [hookPath, '/hooks/nobody/xxxxxxxxxxxxxxxxxxxx', '/files/x']) {
      const r = await raw(shell.listenerPort, `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"a":`);
      expect(r.text, path).toMatch(/^HTTP\/1\.1 413/);
      expect(r.closed, path).toBe(true);
    }
  });

  it('answers malformed targets without dying', async () => {
    for (const target of ['//[', '//%', '*', '/hooks/%', `${hookPath}%00`]) {
      const r = await raw(shell.listenerPort, `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      expect(r.text, target).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
    expect(shell.alive()).toBe(true);
  });

  it('is still alive and storing real events afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${shell.listenerPort}${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"switchboard":"still here"}' });
    expect(res.status).toBe(200);
    expect(shell.alive()).toBe(true);
  });
});
