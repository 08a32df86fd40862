// The setup most outbox, inbox and file tests start from, for the in-process app and the shell alike.
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';

interface Caller {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

/**
 * A bot-API account on the simulator with one linked, connected phone, and a conversation with a
 * customer on it: the setup most outbox and inbox tests start from. `pacingOff` sends without the
 * QR gateway's slow default pace.
 */
export async function botApiConversation(
  t: Caller,
  sim: { url: string; bearerToken: string; addInstance(opts: { connected?: boolean; phone?: string }): { sessionId: string; accessToken: string } },
  opts: { accountName?: string; customer?: string; customerName?: string; pacingOff?: boolean } = {},
): Promise<{ accountId: string; threadId: string }> {
  const seeded = sim.addInstance({ connected: true, phone: '2348000000001' });
  const account = await t.call('accounts:create', {
    provider: 'bot-api',
    name: opts.accountName ?? 'Shop',
    config: { baseUrl: sim.url, sessionId: seeded.sessionId },
    secrets: { bearerToken: sim.bearerToken, accessToken: seeded.accessToken },
  });
  if (opts.pacingOff) await t.call('pacing:set', { accountId: account.id, rule: { perMinute: 0, burst: 1, gapMs: [0, 0] } });
  const thread = await t.call('threads:start', { accountId: account.id, phone: opts.customer ?? '+2348031112222', ...(opts.customerName ? { name: opts.customerName } : {}) });
  return { accountId: account.id, threadId: thread.id };
}
