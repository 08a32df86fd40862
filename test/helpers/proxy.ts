import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for a tunnel or reverse proxy: a second loopback address that forwards to the listener. */
export async function startProxy(targetPort: () => number): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server: Server = createServer((req, res) => {
    state.hits++;
    const upstream = request(
      { host: '127.0.0.1', port: targetPort(), path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': '203.0.113.7' } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
