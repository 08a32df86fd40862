// The campaign service inside a real test app (app.broadcasts). Calls go through the channel
// schemas, inputs and outputs both validated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { broadcastChannels, type BroadcastChannel, type BroadcastChannelInput, type BroadcastChannelOutput, type Campaign } from '../../shared/broadcast';
import type { AppError } from '../../shared/model';
import { broadcastHandlers, type BroadcastHandlers, type BroadcastService } from '../../electron/services/broadcast';
import { toAppError } from '../../electron/services/errors';
import { memoryKeyValue, type KeyValueStore } from '../../electron/services/settings';
import type { KeyringBackend } from '../../electron/services/vault';
import { startTestApp, type TestApp } from '../helpers/app';
import { memoryKeyring } from '../helpers/keyring';

export interface Harness {
  t: TestApp;
  service: BroadcastService;
  /** Every broadcasts:changed the service emitted, with when. */
  published: { at: number; campaign: Campaign }[];
  call<C extends BroadcastChannel>(channel: C, input: BroadcastChannelInput<C>): Promise<BroadcastChannelOutput<C>>;
  /** The channel's result as the router would give it: never throws. */
  dispatch(channel: BroadcastChannel, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }>;
  /** Polls the campaign until `pred` holds. */
  waitFor(campaignId: string, pred: (c: Campaign) => boolean, timeoutMs?: number): Promise<Campaign>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataDir?: string;
  keyring?: KeyringBackend;
  settings?: KeyValueStore;
}

/** Shared state for tests that close and reopen the app on the same data. */
export function persistentState(): Required<Pick<HarnessOptions, 'dataDir' | 'keyring' | 'settings'>> & { remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-broadcast-'));
  const settings = memoryKeyValue();
  settings.set('defaultCountry', 'ID');
  return { dataDir, keyring: memoryKeyring(), settings, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const t = await startTestApp({ dataDir: opts.dataDir, keyring: opts.keyring, settings: opts.settings });
  if (t.settings.get('defaultCountry') === undefined) t.settings.set('defaultCountry', 'ID');
  const published: Harness['published'] = [];
  t.app.bus.subscribe((event, payload) => {
    if (event === 'broadcasts:changed') published.push({ at: Date.now(), campaign: payload as Campaign });
  });
  const service = t.app.broadcasts;
  const handlers: BroadcastHandlers = broadcastHandlers(service);

  const dispatch: Harness['dispatch'] = async (channel, input) => {
    const spec = broadcastChannels[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'validation', message: `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}` } };
    }
    try {
      const value = await (handlers[channel] as (i: unknown) => unknown)(parsed.data);
      // The answer must be what the contract declares, or the renderer would be lied to.
      spec.output.parse(value);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toAppError(err) };
    }
  };

  return {
    t,
    service,
    published,
    dispatch,
    async call(channel, input) {
      const r = await dispatch(channel, input);
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { appError: r.error });
      return r.value as never;
    },
    async waitFor(campaignId, pred, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const c = service.get(campaignId);
        if (pred(c)) return c;
        if (Date.now() > until) throw new Error(`timed out waiting for campaign ${campaignId}: ${JSON.stringify({ status: c.status, error: c.error, totals: c.totals })}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await t.close();
    },
  };
}

/** Every recipient of a campaign, in row order. */
export async function allRecipients(h: Harness, campaignId: string): Promise<BroadcastChannelOutput<'broadcasts:recipients'>['items']> {
  const out: BroadcastChannelOutput<'broadcasts:recipients'>['items'] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await h.call('broadcasts:recipients', { campaignId, offset, limit: 500 });
    out.push(...page.items);
    if (page.items.length < 500) return out;
  }
}

/** Polls until `pred` holds (for simulator-side conditions). */
export async function until(pred: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The largest number of broadcasts:changed per second seen for one campaign. */
export function peakPublishRate(h: Harness, campaignId: string): number {
  const times = h.published.filter((p) => p.campaign.id === campaignId).map((p) => p.at);
  let peak = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    while (i + n < times.length && times[i + n]! < times[i]! + 1000) n++;
    peak = Math.max(peak, n);
  }
  return peak;
}
