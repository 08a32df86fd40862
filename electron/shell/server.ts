// The browser shell: the built renderer over HTTP and the IPC contract over a WebSocket, both on
// 127.0.0.1. The WebSocket demands the per-launch token and the shell's own origin.
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

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = normalize(opts.rendererDir);
  let origin = '';

  const server = createServer((req, res) => {
    // A plain GET of the IPC path lets the page tell "token refused" from "server down".
    if (req.url?.startsWith('/ipc')) {
      const given = new URL(req.url, origin).searchParams.get('token');
      res.writeHead(tokenOk(given, token) ? 426 : 401, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end();
      return;
    }
    void serveStatic(root, req, res);
  });
  // media:stage carries files up to WhatsApp's 100 MB document limit as base64 (~134 MB) in one frame.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 150 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', origin);
    const allowed = u.pathname === '/ipc' && tokenOk(u.searchParams.get('token'), token) && req.headers.origin === origin;
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, opts));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
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
  ws.on('message', async (data) => {
    let req: ShellRequest;
    try {
      req = JSON.parse(String(data)) as ShellRequest;
    } catch {
      return;
    }
    if (req?.kind !== 'invoke' || typeof req.id !== 'number') return;
    const result = await opts.router.dispatch(String(req.channel), req.input);
    send({ kind: 'result', id: req.id, result });
  });
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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
