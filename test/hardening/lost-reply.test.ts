// Lost replies (issue 14, finding 3): a proxy between the app and Infobip forwards every send but
// drops every 7th reply after the provider has taken it. No message may reach the provider twice;
// each one whose answer was lost is in doubt (not "sent", not retried), and Infobip's reports —
// which know our own messageId — settle them afterwards.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../shared/model';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';

const SEND_PATH = '/omni/1/advanced';

/** Forwards everything; every `nth` send is forwarded, answered by the provider, and then cut off. */
async function droppingProxy(target: string, nth: number): Promise<{ url: string; dropped: Set<string>; close(): Promise<void> }> {
  const up = new URL(target);
  let sends = 0;
  const dropped = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const drop = req.method === 'POST' && req.url?.startsWith(SEND_PATH) && ++sends % nth === 0;
      const fwd = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          if (drop) {
            // OMNI advanced: destinations[].messageId carries the id Switchboard chose.
            const sent = JSON.parse(body.toString('utf8')) as { destinations?: { messageId?: string }[] };
            for (const d of sent.destinations ?? []) if (d.messageId) dropped.add(d.messageId);
            req.socket.destroy(); // the provider has it; the answer never arrives
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
        });
      });
      fwd.on('error', () => res.writeHead(502).end());
      fwd.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

let sim: InfobipSimulator;
let proxy: Awaited<ReturnType<typeof droppingProxy>>;
let t: TestApp;

beforeAll(async () => {
  sim = await InfobipSimulator.start({ apiKey: 'k1' });
  proxy = await droppingProxy(sim.url, 7);
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  await proxy.close();
  await sim.close();
});

it('140 sends with every 7th reply lost: 0 duplicates at the provider, every lost one in doubt, then settled from reports', async () => {
  const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
  const account = await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: proxy.url, scenarioKey: scenario.key }, secrets: { apiKey: 'k1' } });
  const thread = await t.call('threads:start', { accountId: account.id, phone: '+41793026727' });
  const ids: string[] = [];
  for (let i = 0; i < 140; i++) ids.push((await t.call('messages:sendText', { threadId: thread.id, text: `message ${i}` })).id);

  const settled = new Map<string, Message>();
  const deadline = Date.now() + 60_000;
  while (settled.size < ids.length && Date.now() < deadline) {
    for (const m of await t.call('threads:messages', { threadId: thread.id })) if (!['queued', 'sending'].includes(m.status)) settled.set(m.id, m);
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(settled.size).toBe(140);

  // The provider saw each message exactly once.
  const seen = sim.sent.map((m) => m.messageId);
  expect(seen).toHaveLength(140);
  expect(new Set(seen).size).toBe(140);

  // Every message whose reply was lost is in doubt, with the reason; every other one is sent.
  expect(proxy.dropped.size).toBe(20);
  const inDoubt = [...settled.values()].filter((m) => m.status === 'in_doubt');
  expect(new Set(inDoubt.map((m) => m.id))).toEqual(proxy.dropped);
  for (const m of inDoubt) expect(m.error).toMatch(/Not known whether this message was sent/);
  expect([...settled.values()].filter((m) => m.status === 'sent')).toHaveLength(120);

  // Infobip knows them by our id: its reports settle them, still without a second send.
  for (const id of proxy.dropped) await sim.deliver(id, { groupId: 3, groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' });
  await t.call('reports:refresh', { accountId: account.id });
  const after = await t.call('threads:messages', { threadId: thread.id });
  for (const id of proxy.dropped) expect(after.find((m) => m.id === id)?.status).toBe('delivered');
  expect(sim.sent).toHaveLength(140);
}, 90_000);
