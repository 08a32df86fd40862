// The browser shell: the built renderer over HTTP and the IPC contract over a WebSocket, both on
// 127.0.0.1. The WebSocket demands the per-launch token and the shell's own origin; every request
// must name the shell's own host (a DNS-rebinding page names its own). Any web page can reach this
// port, so no request, target or frame may throw out of a handler: that would end the process and
// the listener and outbox with it.
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
}

export interface Shell {
  url: string;
  /** The URL to open, token included (in the fragment, so it never reaches a server log). */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

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

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = normalize(opts.rendererDir);
  let origin = '';
  let host = '';

  const server = createServer((req, res) => {
    try {
      if (req.headers.host !== host) return refuse(res, 421);
      if (hasBody(req)) return refuse(res, 413);
      const u = targetOf(req);
      if (!u) return refuse(res, 400);
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
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    token,
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
      () => send({ kind: 'result', id: req.id, result: { ok: false, error: { code: 'internal', message: 'Something went wrong inside Switchboard. Please try again.' } } }),
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
