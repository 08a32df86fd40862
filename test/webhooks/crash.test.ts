// Raw first, for real: the app's process is SIGKILLed in the middle of a burst of webhook posts.
// After a restart on the same data, every event that got a 2xx is in the inbox exactly once.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, expect, it } from 'vitest';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardIngestCrash-${randomUUID()}` };
let shell: ShellProcess;
afterAll(() => shell?.stop());

// The Baileys engine's message webhook (reference/whatsapp-bot-api.md, "B) whatsapp-api-nodejs (Baileys) SendWebhook").
const event = (i: number) => ({
  type: 'message',
  instanceKey: 'sess-crash',
  body: {
    key: { remoteJid: `23480${String(10_000_000 + (i % 50)).padStart(8, '0')}@s.whatsapp.net`, fromMe: false, id: `CRASH-${i}` },
    pushName: `Customer ${i % 50}`,
    messageTimestamp: String(1_700_000_000 + i),
    message: { conversation: `burst message ${i}` },
  },
});

it('keeps every acknowledged event, exactly once, across a SIGKILL mid-burst', async () => {
  shell = await startShellProcess(env);
  let client = await ShellClient.connect(shell.openUrl);
  const account = await client.call('accounts:create', { provider: 'bot-api', name: 'Burst', config: { baseUrl: 'http://127.0.0.1:9' }, secrets: { bearerToken: 'unused' } });
  const url = (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === account.id)!.url;

  const acknowledged = new Set<number>();
  let next = 0;
  let killed = false;
  const sender = async (lane: number) => {
    while (!killed) {
      const i = next++;
      try {
        const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${lane}.1` }, body: JSON.stringify(event(i)) });
        await res.body.text();
        if (res.statusCode === 200) acknowledged.add(i);
        // Some events are delivered twice, as providers do on a slow answer.
        if (i % 7 === 0 && !killed) {
          const again = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${lane}.2` }, body: JSON.stringify(event(i)) });
          await again.body.text();
        }
      } catch {
        // The process is gone; whatever was not acknowledged may be lost, and that is allowed.
      }
    }
  };
  const lanes = Array.from({ length: 8 }, (_, lane) => sender(lane));
  while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
  shell.child.kill('SIGKILL');
  killed = true;
  await Promise.all(lanes);
  await shell.stop();
  client.close();
  expect(acknowledged.size).toBeGreaterThanOrEqual(300);

  shell = await startShellProcess(env, shell.dataDir);
  client = await ShellClient.connect(shell.openUrl);
  const threads = await client.call('threads:list', {});
  const texts: string[] = [];
  for (const th of threads) texts.push(...(await client.call('threads:messages', { threadId: th.id })).map((m) => m.text!));
  const seen = new Map<string, number>();
  for (const t of texts) seen.set(t, (seen.get(t) ?? 0) + 1);
  for (const i of acknowledged) expect(seen.get(`burst message ${i}`), `event ${i}`).toBe(1);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  client.close();
}, 60_000);
