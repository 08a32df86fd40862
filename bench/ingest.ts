// bench/ingest: the webhook listener under load. 50,000 realistic webhook posts, mixed across
// the providers that post events (bot API, mconnect, Omnichat, Infobip reports), at concurrency
// 64 on loopback. Prints events/s, p50/p99 latency, stored vs sent, and the same load against a
// bare node:http server that only reads and parses the JSON, with the ratio. The app runs with the
// admission policy it ships with (no limit switched off).
// Run: npm run bench:ingest
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { createApp } from '../electron/services/app';
import { createRouter } from '../electron/ipc/router';
import { silentLogger } from '../electron/services/log';
import { memoryKeyValue } from '../electron/services/settings';
import { memoryKeyring } from '../test/helpers/keyring';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 50_000);
const CONCURRENCY = 64;

type Post = { url: string; body: string };

function payloads(urls: Record<string, string>): (i: number) => Post {
  return (i) => {
    const phone = `62812${String(1_000_000 + (i % 5000)).padStart(7, '0')}`;
    switch (i % 4) {
      case 0:
        // Baileys engine message webhook (reference/whatsapp-bot-api.md, "B) … SendWebhook").
        return { url: urls['bot-api']!, body: JSON.stringify({ type: 'message', instanceKey: 's1', body: { key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: `BOT${i}` }, pushName: `Customer ${i % 5000}`, messageTimestamp: String(1_700_000_000 + i), message: { conversation: `Halo, pesanan nomor ${i}` } } }) };
      case 1:
        return { url: urls.mconnect!, body: JSON.stringify({ from: phone, to: '6281100000001', chat_msg: `Masih ada stok? ${i}`, chat_status: 1, time: String(1_700_000_000 + i), sender_name: `Pelanggan ${i % 5000}`, message_id: `false_${phone}@c.us_3EB0${i}`, sender: 'https://pps.whatsapp.net/v/t61.24694-24/x.jpg' }) };
      case 2:
        return { url: urls.omnichat!, body: JSON.stringify({ from: `${phone}@s.whatsapp.net`, message_id: `OMNI${i}`, message: `Mau tanya ${i}`, from_name: `Budi ${i % 5000}`, type: 'single' }) };
      default:
        return { url: urls.infobip!, body: JSON.stringify({ results: [{ messageId: `ib-${i}`, to: phone, sentAt: '2026-11-21T17:41:11.833+0100', doneAt: '2026-11-21T17:41:12.843+0100', messageCount: 1, price: { pricePerMessage: 0.0104, currency: 'EUR' }, status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' }, error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false }, channel: 'WHATSAPP' }] }) };
    }
  };
}

async function load(make: (i: number) => Post): Promise<{ seconds: number; ok: number; latencies: number[] }> {
  const dispatcher = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const p = make(next++);
        const start = performance.now();
        const res = await request(p.url, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: p.body });
        await res.body.text();
        latencies.push(performance.now() - start);
        if (res.statusCode === 200) ok++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await dispatcher.close();
  return { seconds, ok, latencies: latencies.sort((a, b) => a - b) };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  // Baseline: a bare node:http server that reads the body, parses it and answers 200.
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/hooks/x/y`;
  const baseline = await load(payloads({ 'bot-api': bareUrl, mconnect: bareUrl, omnichat: bareUrl, infobip: bareUrl }));
  await new Promise<void>((r) => bare.close(() => r()));

  const dataDir = mkdtempSync(join(tmpdir(), 'sb-ingest-'));
  const settings = memoryKeyValue();
  settings.set('listenerPort', 0);
  const app = createApp({ dataDir, settingsStore: settings, keyring: memoryKeyring(), version: 'bench', shell: true, log: silentLogger, tunnelConnector: async () => Promise.reject(new Error('no tunnel')) });
  await app.start();
  const router = createRouter(app.handlers);
  const create = async (provider: string, config: Record<string, string>, secrets: Record<string, string>) => {
    const r = await router.dispatch('accounts:create', { provider, name: provider, config, secrets });
    if (!r.ok) throw new Error(r.error.message);
    const id = (r.value as { id: string }).id;
    return (await app.webhooks.urlFor(id))!;
  };
  const urls = {
    'bot-api': await create('bot-api', { baseUrl: 'http://127.0.0.1:9' }, { bearerToken: 't' }),
    mconnect: await create('mconnect', { endpointUrl: 'http://127.0.0.1:9/api/', wpNum: '6281100000001', company: 'c' }, { username: 'u' }),
    omnichat: await create('omnichat', { baseUrl: 'http://127.0.0.1:9' }, { apiKey: 'k' }),
    infobip: await create('infobip', { baseUrl: 'http://127.0.0.1:9' }, { apiKey: 'k' }),
  };
  const run = await load(payloads(urls));
  const stored = app.db.prepare('SELECT count(*) FROM raw_events').pluck().get() as number;
  const messages = app.db.prepare('SELECT count(*) FROM messages').pluck().get() as number;

  const rate = TOTAL / run.seconds;
  const bareRate = TOTAL / baseline.seconds;
  console.log(`bench/ingest — ${TOTAL} webhook posts (bot API, mconnect, Omnichat, Infobip reports), concurrency ${CONCURRENCY}, Node ${process.versions.node}`);
  console.log(`  Switchboard listener: ${rate.toFixed(0)} events/s, p50 ${pct(run.latencies, 50).toFixed(2)} ms, p99 ${pct(run.latencies, 99).toFixed(2)} ms`);
  console.log(`  stored ${stored} of ${TOTAL} sent (2xx answers: ${run.ok}) — ${stored === TOTAL && run.ok === TOTAL ? 'equal' : 'NOT EQUAL'}; ${messages} inbox messages parsed from them`);
  console.log(`  bare node:http server: ${bareRate.toFixed(0)} events/s, p50 ${pct(baseline.latencies, 50).toFixed(2)} ms, p99 ${pct(baseline.latencies, 99).toFixed(2)} ms`);
  console.log(`  ratio Switchboard / bare: ${(rate / bareRate).toFixed(2)}`);
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(stored === TOTAL ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
