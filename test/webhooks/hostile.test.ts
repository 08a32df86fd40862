// The listener under abuse, in its own process: 10,000 malformed, oversized, wrongly
// authenticated and truncated requests. Afterwards the process is alive, still accepts a real
// event, and not one bogus row was stored.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

let shell: ShellProcess;
let client: ShellClient;
let hookUrl: string;

beforeAll(async () => {
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardFuzz-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  const account = await client.call('accounts:create', { provider: 'omnichat', name: 'Fuzz', config: { baseUrl: 'https://app.omnichat.id' }, secrets: { apiKey: 'k' } });
  hookUrl = (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === account.id)!.url;
});
afterAll(async () => {
  client?.close();
  await shell?.stop();
});

/** A raw HTTP exchange, for what undici would refuse to send (lying lengths, cut-off bodies). */
function rawRequest(port: number, text: string, endAfterMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('error', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.write(text);
    setTimeout(() => socket.end(), endAfterMs);
    setTimeout(() => socket.destroy(), 2_000);
  });
}

it('survives 10,000 hostile requests and stores nothing bogus', async () => {
  const u = new URL(hookUrl);
  const port = Number(u.port);
  const [, , accountId, secret] = u.pathname.split('/');
  const wrongSecret = secret!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const statuses = new Map<number, number>();
  const note = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const kinds: (() => { path: string; body?: string; method?: 'GET' })[] = [
    () => ({ path: `/hooks/${accountId}/${wrongSecret}`, body: '{"device_key":"x","name":"y","message":"z","type":"single"}' }),
    () => ({ path: `/hooks/${randomUUID()}/${secret}`, body: '{}' }),
    () => ({ path: `/hooks/${accountId}`, body: '{}' }),
    () => ({ path: `/${'a'.repeat(3000)}`, body: '{}' }),
    () => ({ path: u.pathname, body: '{"device_key": "x", "name": ' }), // truncated JSON
    () => ({ path: u.pathname, body: 'device_key=x&name=y' }), // not JSON
    () => ({ path: u.pathname, body: '\u0000\u0001\u0002 binary' }),
    () => ({ path: u.pathname, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) }), // oversized
    () => ({ path: `${u.pathname}/../../etc/passwd`, body: '{}' }),
    () => ({ path: u.pathname, method: 'GET' as const }),
  ];
  const N = 10_000;
  let next = 0;
  const worker = async () => {
    while (next < N) {
      const i = next++;
      const k = kinds[i % kinds.length]!();
      // Forged "sources": X-Forwarded-For is trusted only from the app's own tunnel, so they change nothing.
      const headers = { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i % 250}` };
      const res = await request(`http://127.0.0.1:${port}${k.path}`, { method: k.method ?? 'POST', headers, body: k.method === 'GET' ? undefined : k.body }).catch(() => null);
      if (res) {
        note(res.statusCode);
        await res.body.text().catch(() => undefined);
      } else note(0);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  // Lying Content-Length and bodies cut off mid-way.
  for (let i = 0; i < 20; i++) {
    await rawRequest(port, `POST ${u.pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"device_key":"x","na`, 50);
  }
  const huge = await rawRequest(port, `POST ${u.pathname} HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n`);
  expect(huge).toMatch(/^HTTP\/1\.1 413/);

  expect([...statuses.keys()].every((s) => s === 0 || (s >= 400 && s < 500))).toBe(true);
  expect(statuses.get(200)).toBeUndefined();
  // Wrong secrets and unknown paths: 404, or 429 once their source has failed too often.
  expect((statuses.get(404) ?? 0) + (statuses.get(429) ?? 0)).toBeGreaterThan(3000);
  expect(statuses.get(400)).toBeGreaterThan(2000);

  // Alive, and a well-formed event is still accepted and stored.
  expect(shell.child.exitCode).toBeNull();
  const ok = await request(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' }, body: JSON.stringify({ device_key: 'dev', name: 'Real Customer', message: 'Halo', type: 'single' }) });
  await ok.body.text();
  expect(ok.statusCode).toBe(200);

  const db = new Database(join(shell.dataDir, 'switchboard.db'), { readonly: true });
  const rows = db.prepare('SELECT body FROM raw_events').all() as { body: string }[];
  db.close();
  expect(rows.map((r) => JSON.parse(r.body).name)).toEqual(['Real Customer']);
  await expect.poll(async () => (await client.call('threads:list', {})).map((th) => th.title)).toEqual(['Real Customer']);
}, 120_000);

it('rate limits a source that floods it with wrong secrets (never one with the right secret)', async () => {
  const wrong = hookUrl.replace(/\/([^/]+)$/, (_m, s: string) => `/${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`);
  let limited = 0;
  await Promise.all(
    Array.from({ length: 400 }, async () => {
      const res = await request(wrong, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.99' }, body: '{' });
      await res.body.text();
      if (res.statusCode === 429) {
        limited++;
        expect(res.headers['retry-after']).toBe('1');
      }
    }),
  );
  expect(limited).toBeGreaterThan(100);
});
