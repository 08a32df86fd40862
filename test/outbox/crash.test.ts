// A real crash: the app's services run in their own process (the browser shell), a batch of
// messages is going out, and the process is killed with SIGKILL. Restarted on the same data,
// no queued message is lost and no message the provider acknowledged is sent again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { botApiConversation } from '../helpers/bot-api-account';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const BATCH = 40;
const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardCrash-${randomUUID()}` };
let sim: BotApiSimulator;
let shell: ShellProcess;

beforeAll(async () => {
  sim = await BotApiSimulator.start();
});
afterAll(async () => {
  await shell?.stop();
  await sim.close();
});

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

it('loses nothing and sends nothing twice when killed mid-batch', async () => {
  shell = await startShellProcess(env);
  let client = await ShellClient.connect(shell.openUrl);
  const { threadId } = await botApiConversation(client, sim, { accountName: 'Crash shop', pacingOff: true });

  // Each answer takes a while, so the kill is very likely to land with a request on the wire.
  sim.failNext(1000, { status: 200, body: { status: true, message: 'Message sent successfully', data: { message: {} } }, delayMs: 60 }, '/whatsapp/message');
  const texts = Array.from({ length: BATCH }, (_, i) => `crash-msg-${i}`);
  for (const text of texts) await client.call('messages:sendText', { threadId, text });
  await until('some of the batch to reach the provider', () => sim.requestsTo('/whatsapp/message').length >= BATCH / 3);
  shell.child.kill('SIGKILL');
  await shell.stop();
  client.close();
  const receivedBeforeCrash = sim.requestsTo('/whatsapp/message').length;
  expect(receivedBeforeCrash).toBeLessThan(BATCH);

  shell = await startShellProcess(env, shell.dataDir);
  client = await ShellClient.connect(shell.openUrl);
  await until('the outbox to settle', async () => (await client.call('outbox:list', {})).every((m) => m.status === 'in_doubt' || m.status === 'sent'));
  await until('every message to be sent or in doubt', async () => {
    const msgs = await client.call('threads:messages', { threadId });
    return msgs.length === BATCH && msgs.every((m) => m.status === 'sent' || m.status === 'in_doubt');
  });

  const messages = await client.call('threads:messages', { threadId });
  expect(messages.map((m) => m.text).sort()).toEqual([...texts].sort());
  const received = sim.requestsTo('/whatsapp/message').map((r) => (r.json as { message: string }).message);
  const count = (text: string) => received.filter((x) => x === text).length;
  for (const m of messages) {
    if (m.status === 'sent') expect(count(m.text!), m.text!).toBe(1);
    // At most the one message on the wire at the moment of the kill is in doubt, and it was not re-sent.
    else expect(count(m.text!), m.text!).toBeLessThanOrEqual(1);
  }
  expect(messages.filter((m) => m.status === 'in_doubt').length).toBeLessThanOrEqual(1);
  expect(received).toHaveLength(new Set(received).size);
  client.close();
}, 60_000);
