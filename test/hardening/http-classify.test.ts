// The shared provider HTTP layer says, for every transient failure, whether the request may have
// reached the provider: only failures before it left and "not taken" answers may be retried.
import { createServer, type Server } from 'node:http';
import { createServer as createTcp, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/services/errors';
import { failedBeforeSending, httpDefaults, send } from '../../electron/services/providers/http';

let server: Server;
let base: string;
let behaviour: (res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void = (res) => res.end('{}');

beforeAll(async () => {
  server = createServer((req, res) => req.resume().on('end', () => behaviour(res, req)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function failure(url: string, timeoutMs?: number): Promise<AppFailure> {
  const err = await send('Gateway', { method: 'POST', url, json: { x: 1 }, timeoutMs }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppFailure);
  return err as AppFailure;
}

async function closedPort(): Promise<number> {
  const s = createTcp();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('failures before the request left: safe to retry', () => {
  it('connection refused', async () => {
    const e = await failure(`http://127.0.0.1:${await closedPort()}/send`);
    expect(e.transient).toEqual({ kind: 'network' });
  });
  it('a name that does not resolve', async () => {
    const e = await failure('http://no-such-host.invalid/send');
    expect(e.transient).toEqual({ kind: 'network' });
  });
  it('a TLS handshake that fails', async () => {
    const e = await failure(`${base.replace('http:', 'https:')}/send`);
    expect(e.transient).toEqual({ kind: 'network' });
  });
  it('AggregateError of refusals (happy eyeballs) is still "not sent"; one reset among them is not', () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(failedBeforeSending(new AggregateError([refused, refused]))).toBe(true);
    expect(failedBeforeSending(new AggregateError([refused, reset]))).toBe(false);
    expect(failedBeforeSending(new Error('no code'))).toBe(false);
  });
});

describe('answers that say "not taken": retried, honouring Retry-After', () => {
  it('429 and 503', async () => {
    behaviour = (res) => res.writeHead(429, { 'retry-after': '7' }).end('slow');
    expect((await failure(`${base}/send`)).transient).toEqual({ kind: 'rate', retryAfterMs: 7_000 });
    behaviour = (res) => res.writeHead(503, { 'retry-after': '4' }).end('busy');
    expect((await failure(`${base}/send`)).transient).toEqual({ kind: 'server', retryAfterMs: 4_000 });
  });
});

describe('the request may have reached the provider: never re-sent automatically', () => {
  it('a reset after the request was read', async () => {
    behaviour = (_res, req) => req.socket.destroy();
    expect((await failure(`${base}/send`)).transient).toMatchObject({ maybeDelivered: true });
  });
  it('no answer before the headers timeout', async () => {
    behaviour = (res) => setTimeout(() => res.end('{}'), 1_500);
    expect((await failure(`${base}/send`, 300)).transient).toMatchObject({ maybeDelivered: true });
    expect(httpDefaults.timeoutMs).toBe(15_000);
  });
  it('a body that breaks off after the headers', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-length': '100' }).write('{"a":');
      setTimeout(() => res.socket?.destroy(), 50);
    };
    expect((await failure(`${base}/send`)).transient).toMatchObject({ maybeDelivered: true });
  });
  it('a 500, 502 or 504', async () => {
    for (const status of [500, 502, 504]) {
      behaviour = (res) => res.writeHead(status).end('oops');
      expect((await failure(`${base}/send`)).transient, String(status)).toMatchObject({ kind: 'server', maybeDelivered: true });
    }
  });
});
