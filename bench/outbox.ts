// bench/outbox: how much the durable outbox costs over a bare HTTP loop, and how exactly pacing
// holds a rate. Run: npm run bench:outbox  (about a minute; prints its figures).
//   1. 10,000 text messages through the app's send path (store → outbox → bot API adapter →
//      simulator on loopback) with pacing off, against a bare undici POST loop of the same
//      requests to the same simulator in the same process: messages/s each and their ratio.
//   2. Pacing at 80 msg/s for 30 s: achieved rate and the spread of gaps between sends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { createApp } from '../electron/services/app';
import { createRouter } from '../electron/ipc/router';
import { silentLogger } from '../electron/services/log';
import { memoryKeyValue } from '../electron/services/settings';
import { memoryKeyring } from '../test/helpers/keyring';
import { BotApiSimulator } from '../test/simulators/bot-api/server';

const N = Number(process.env.BENCH_MESSAGES ?? 10_000);
const PACE = 80;
const PACE_SECONDS = Number(process.env.BENCH_PACE_SECONDS ?? 30);

async function main(): Promise<void> {
  const sim = await BotApiSimulator.start();
  const seeded = sim.addInstance({ connected: true, phone: '2348000000001' });
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const settings = memoryKeyValue();
  settings.set('listenerPort', 0);
  const app = createApp({ dataDir, settingsStore: settings, keyring: memoryKeyring(), version: 'bench', shell: true, log: silentLogger });
  await app.start();
  const router = createRouter(app.handlers);
  const call = async (channel: string, input: unknown) => {
    const r = await router.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  const account = await call('accounts:create', {
    provider: 'bot-api',
    name: 'Bench',
    config: { baseUrl: sim.url, sessionId: seeded.sessionId },
    secrets: { bearerToken: sim.bearerToken, accessToken: seeded.accessToken },
  });
  const accountId = account.id as string;
  const threadId = (await call('threads:start', { accountId, phone: '+2348031112222' })).id as string;

  // Baseline: the same requests, one after another, straight from undici.
  const url = `${sim.url}/whatsapp/message?session_id=${seeded.sessionId}&access_token=${seeded.accessToken}`;
  const headers = { authorization: `Bearer ${sim.bearerToken}`, 'content-type': 'application/json' };
  let t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const res = await request(url, { method: 'POST', headers, body: JSON.stringify({ session_id: seeded.sessionId, access_token: seeded.accessToken, chatId: '2348031112222', message: `bare ${i}` }) });
    await res.body.text();
  }
  const bareRate = N / ((performance.now() - t0) / 1000);

  // The outbox, pacing off.
  await call('pacing:set', { accountId, rule: { perMinute: 0, burst: 1, gapMs: [0, 0] } });
  let sent = 0;
  let done!: () => void;
  const allSent = new Promise<void>((r) => (done = r));
  const sendTimes: number[] = [];
  app.bus.subscribe((event, payload) => {
    if (event !== 'messages:changed' || (payload as { status: string }).status !== 'sent') return;
    sendTimes.push(performance.now());
    if (++sent === N) done();
  });
  t0 = performance.now();
  for (let i = 0; i < N; i++) await call('messages:sendText', { threadId, text: `outbox ${i}` });
  await allSent;
  const outboxRate = N / ((performance.now() - t0) / 1000);

  // Pacing accuracy.
  await call('pacing:set', { accountId, rule: { perMinute: PACE * 60, burst: 1, gapMs: [0, 0] } });
  sendTimes.length = 0;
  const paced = PACE * PACE_SECONDS + PACE; // enough to stay busy for the whole window
  for (let i = 0; i < paced; i++) await call('messages:sendText', { threadId, text: `paced ${i}` });
  const start = performance.now();
  await new Promise((r) => setTimeout(r, PACE_SECONDS * 1000));
  const inWindow = sendTimes.filter((t) => t >= start && t <= start + PACE_SECONDS * 1000);
  const gaps = inWindow.slice(1).map((t, i) => t - inWindow[i]!).sort((a, b) => a - b);
  const pct = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? NaN;
  const achieved = inWindow.length / PACE_SECONDS;

  console.log(`bench/outbox — ${N} messages, loopback bot API simulator, Node ${process.versions.node}`);
  console.log(`  bare undici POST loop:   ${bareRate.toFixed(0)} msg/s`);
  console.log(`  durable outbox (no pacing): ${outboxRate.toFixed(0)} msg/s`);
  console.log(`  ratio outbox / bare:     ${(outboxRate / bareRate).toFixed(2)}`);
  console.log(`  pacing target ${PACE} msg/s for ${PACE_SECONDS} s: achieved ${achieved.toFixed(2)} msg/s (${((achieved / PACE) * 100).toFixed(1)}% of target)`);
  console.log(`  gap between sends: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, ideal ${(1000 / PACE).toFixed(1)} ms`);

  await app.stop();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
