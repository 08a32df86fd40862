// The browser shell: the built renderer over HTTP and the IPC contract over a WebSocket, both on
// 127.0.0.1. The WebSocket demands the per-launch token and the shell's own origin; every request
// must name the shell's own host (a DNS-rebinding page names its own). Any web page can reach this
// port, so no request, target or frame may throw out of a handler: that would end the process and
// the listener and outbox with it.
//
// Keeping the token out of the browser's history. The printed link carries no token: it carries a
// one-time code (`/#code=…`). The page removes the fragment at once (history.replaceState) and
// trades the code, once, with `POST /session` for the launch's WebSocket token, which it keeps only
// in sessionStorage (this tab; never in a URL, so never in history, the address bar or a log).
// Chromium may still write the first URL, code included, into its history before the page runs:
// by then the code is spent, and a replay — from history, a screenshot or another tab — is refused.
// A cookie from the exchange was the other choice, and was not taken: browsers do not scope
// cookies by port, so a cookie for 127.0.0.1 would also be sent to every other local server
// (the webhook listener, another shell, anything a local program listens with).
// Another tab needs another link: after each use the shell prints a fresh one (`onCodeUsed`), and a
// token holder may ask for one with `POST /link` (the tests open pages that way).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ShellFrame, ShellRequest } from '../../shared/ipc';
import { subscribeCoalesced, type EventBus } from '../services/events';
import type { Router } from '../ipc/router';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ShellOptions {
  router: Router;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The printed link was used; here is a fresh one for another tab (the CLI prints it). */
  onCodeUsed?: (nextOpenUrl: string) => void;
}

export interface Shell {
  url: string;
  /** The URL to open: a one-time code in the fragment (never the token; see the top of this file). */
  openUrl: string;
  token: string;
  /** A fresh one-time link, as `POST /link` gives a token holder. */
  newOpenUrl(): string;
  close(): Promise<void>;
}

/** One-time codes outstanding at once; the oldest is dropped beyond this. */
const MAX_CODES = 32;

function tokenOk(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request target's path and query, or null when it is not an origin-form path (`//[`, `//%`, `*`). */
function targetOf(req: IncomingMessage): URL | null {
  const raw = req.url ?? '';
  // `//host…` would be read as an authority; a fixed base keeps the target from naming a host.
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://shell');
  } catch {
    return null;
  }
}

/** The shell takes no request bodies; one declared or streamed is refused without reading it. */
function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** Answers and closes the connection, so nothing the client still sends is read. */
function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store', connection: 'close' }).end();
}

/** Answers a small JSON body that no cache may keep. */
function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(JSON.stringify(value));
}

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = normalize(opts.rendererDir);
  let origin = '';
  let host = '';
  // Codes not yet used, in the order they were made; the printed one is among them.
  const codes = new Set<string>();
  let printed = '';
  const newCode = (): string => {
    const code = randomBytes(32).toString('base64url');
    codes.add(code);
    if (codes.size > MAX_CODES) codes.delete(codes.values().next().value!);
    return code;
  };
  const linkFor = (code: string) => `${origin}/#code=${code}`;
  /** Spends a code: true once for each code made, false for anything else (constant time per candidate). */
  const spend = (given: string | undefined): boolean => {
    if (!given) return false;
    for (const code of codes) {
      if (tokenOk(given, code)) {
        codes.delete(code);
        return true;
      }
    }
    return false;
  };

  const server = createServer((req, res) => {
    try {
      if (req.headers.host !== host) return refuse(res, 421);
      if (hasBody(req)) return refuse(res, 413);
      const u = targetOf(req);
      if (!u) return refuse(res, 400);
      // The one-time exchange (see the top of this file); only this page's own origin may ask.
      if (u.pathname === '/session' || u.pathname === '/link') {
        if (req.method !== 'POST') return refuse(res, 405);
        if (req.headers.origin !== origin) return refuse(res, 403);
        if (u.pathname === '/session') {
          const given = req.headers['x-switchboard-code'];
          const code = typeof given === 'string' ? given : undefined;
          if (!spend(code)) return refuse(res, 403);
          json(res, { token });
          if (code === printed) {
            printed = newCode();
            opts.onCodeUsed?.(linkFor(printed));
          }
          return;
        }
        const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
        if (!tokenOk(auth?.[1] ?? null, token)) return refuse(res, 401);
        return json(res, { openUrl: linkFor(newCode()) });
      }
      // A plain GET of the IPC path lets the page tell "token refused" from "server down".
      if (u.pathname === '/ipc') {
        res.writeHead(tokenOk(u.searchParams.get('token'), token) ? 426 : 401, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end();
        return;
      }
      serveStatic(root, u, req, res).catch(() => refuse(res, 500));
    } catch {
      refuse(res, 500);
    }
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // media:stage carries files up to WhatsApp's 100 MB document limit as base64 (~134 MB) in one frame.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 150 * 1024 * 1024 });
  wss.on('error', () => undefined);

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    try {
      const u = targetOf(req);
      const allowed = u !== null && u.pathname === '/ipc' && req.headers.host === host && req.headers.origin === origin && tokenOk(u.searchParams.get('token'), token);
      if (!allowed) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, opts));
    } catch {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  printed = newCode();
  return {
    url: origin,
    openUrl: linkFor(printed),
    token,
    newOpenUrl: () => linkFor(newCode()),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

function attach(ws: WebSocket, opts: ShellOptions): void {
  const send = (frame: ShellFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = subscribeCoalesced(opts.bus, (events) => send({ kind: 'events', events }));
  ws.on('close', unsubscribe);
  // A malformed frame (bad opcode, oversized, invalid UTF-8) closes this connection, nothing more.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data) => {
    const req = parseRequest(data);
    if (!req) return;
    opts.router.dispatch(req.channel, req.input).then(
      (result) => send({ kind: 'result', id: req.id, result }),
      () => send({ kind: 'result', id: req.id, result: { ok: false, error: { code: 'internal', message: 'Something went wrong inside Switchboard. Your data is safe; please try again.', key: 'errors.internal' } } }),
    );
  });
}

/** A frame as an invoke request, or null: anything else a token holder sends is ignored. */
function parseRequest(data: unknown): ShellRequest | null {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (r.kind !== 'invoke' || !Number.isSafeInteger(r.id) || typeof r.channel !== 'string') return null;
  return { kind: 'invoke', id: r.id as number, channel: r.channel, input: r.input };
}

async function serveStatic(root: string, u: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404, headers).end();
    return;
  }
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
  }
}
