// Media fetch SSRF (issue 14, finding 5): a received file's link comes from whoever posted the
// webhook, so downloads go only to public addresses — literal, resolved, or reached by redirect —
// except the account's own configured provider host (simulators run there on 127.0.0.1).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../electron/services/media/address';
import { fetchCapped } from '../../electron/services/media/fetch';

let provider: Server;
let secret: Server;
let providerHost: string;
let secretUrl: string;
let secretHits = 0;

beforeAll(async () => {
  // Stands in for a service on this computer that must never be read through a media link.
  secret = createServer((_req, res) => {
    secretHits++;
    res.end('internal secret');
  });
  await new Promise<void>((r) => secret.listen(0, '127.0.0.1', r));
  secretUrl = `http://127.0.0.1:${(secret.address() as AddressInfo).port}/latest/meta-data`;
  // The account's own provider (a simulator on loopback), which also redirects into the secret service.
  provider = createServer((req, res) => {
    if (req.url === '/media/photo.jpg') return void res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    if (req.url === '/media/redirect-in') return void res.writeHead(302, { location: secretUrl }).end();
    if (req.url === '/media/redirect-v6') return void res.writeHead(302, { location: 'http://[::ffff:127.0.0.1]:1/' }).end();
    if (req.url === '/media/redirect-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (req.url === '/media/loop') return void res.writeHead(302, { location: '/media/loop' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  providerHost = `127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => provider.close(() => r()));
  await new Promise<void>((r) => secret.close(() => r()));
});

const get = (url: string, trusted: string | null = providerHost) => fetchCapped(url, { maxBytes: 1024 * 1024, timeoutMs: 5_000, trustedHosts: trusted ? [trusted] : [] });

describe('public addresses only', () => {
  it('classifies addresses', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '157.240.0.1']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.5.5', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });

  it('refuses loopback, private, link-local and local names, however they are written', async () => {
    const port = new URL(secretUrl).port;
    for (const url of [secretUrl, `http://localhost:${port}/`, `http://2130706433:${port}/`, `http://0x7f.1:${port}/`, `http://[::1]:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://192.168.0.1/']) {
      await expect(get(url), url).rejects.toThrow(/private or local network address/);
    }
    expect(secretHits).toBe(0);
  });

  it('refuses non-web links', async () => {
    await expect(get('file:///etc/passwd')).rejects.toThrow(/downloads only web/);
    await expect(get('ftp://example.com/x')).rejects.toThrow(/downloads only web/);
  });
});

describe("the account's own provider host", () => {
  it('is fetched from even on loopback (simulators, gateways on the local network)', async () => {
    const f = await get(`http://${providerHost}/media/photo.jpg`);
    expect(f.bytes.equals(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
  });

  it('cannot redirect into a private address, another scheme, or forever', async () => {
    await expect(get(`http://${providerHost}/media/redirect-in`)).rejects.toThrow(/private or local network address/);
    await expect(get(`http://${providerHost}/media/redirect-v6`)).rejects.toThrow(/private or local network address/);
    await expect(get(`http://${providerHost}/media/redirect-file`)).rejects.toThrow(/downloads only web/);
    await expect(get(`http://${providerHost}/media/loop`)).rejects.toThrow(/redirected more than/);
    expect(secretHits).toBe(0);
  });

  it('is trusted only for its exact host and port', async () => {
    await expect(get(`http://${providerHost}/media/photo.jpg`, null)).rejects.toThrow(/private or local network address/);
    await expect(get(secretUrl)).rejects.toThrow(/private or local network address/);
    expect(secretHits).toBe(0);
  });
});
