import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../shared/ipc';
import type { Message } from '../../shared/model';
import { createApp, type App, type AppOptions } from '../../electron/services/app';
import { createRouter, type Router } from '../../electron/ipc/router';
import { silentLogger } from '../../electron/services/log';
import { memoryKeyValue, type KeyValueStore } from '../../electron/services/settings';
import type { KeyringBackend } from '../../electron/services/vault';
import { memoryKeyring } from './keyring';

export interface TestApp {
  app: App;
  router: Router;
  dataDir: string;
  keyring: KeyringBackend;
  settings: KeyValueStore;
  /** Calls a channel through the router and returns its value, throwing on an error result. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  events: { event: EventName; payload: unknown }[];
  waitFor<E extends EventName>(event: E, pred: (p: EventPayload<E>) => boolean, timeoutMs?: number): Promise<EventPayload<E>>;
  /** Sends through messages:send and waits until the outbox has settled it (sent or beyond, failed). */
  send(threadId: string, message: ChannelInput<'messages:send'>['message']): Promise<Message>;
  close(): Promise<void>;
}

export async function startTestApp(
  opts: { keyring?: KeyringBackend; dataDir?: string; settings?: KeyValueStore; keychainService?: string; pacing?: boolean } & Pick<AppOptions, 'tunnelConnector' | 'webhookRateLimit'> = {},
): Promise<TestApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sb-test-'));
  const settings = opts.settings ?? memoryKeyValue();
  if (settings.get('listenerPort') === undefined) settings.set('listenerPort', 0);
  const keyring = opts.keyring ?? memoryKeyring();
  const app = createApp({
    dataDir,
    settingsStore: settings,
    keyring,
    keychainService: opts.keychainService,
    version: 'test',
    shell: true,
    log: silentLogger,
    // Local proxies stand in for a tunnel's public address here.
    allowLocalPublicUrl: true,
    tunnelConnector: opts.tunnelConnector ?? (async () => { throw new Error('no tunnel in tests'); }),
    webhookRateLimit: opts.webhookRateLimit,
    // Pacing is tested on its own; elsewhere it would only slow the tests down.
    ...(opts.pacing ? {} : { defaultPacing: () => ({ perMinute: 0, burst: 1, gapMs: [0, 0] as [number, number] }) }),
  });
  await app.start();
  const router = createRouter(app.handlers);
  const events: { event: EventName; payload: unknown }[] = [];
  const waiters = new Set<() => void>();
  app.bus.subscribe((event, payload) => {
    events.push({ event, payload });
    for (const w of waiters) w();
  });
  const api: TestApp = {
    app,
    router,
    dataDir,
    keyring,
    settings,
    events,
    async call(channel, input) {
      const r = await router.dispatch(channel, input);
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { appError: r.error });
      return r.value as never;
    },
    async send(threadId, message) {
      const queued = await api.call('messages:send', { threadId, message });
      return api.waitFor('messages:changed', (m) => m.id === queued.id && !['queued', 'sending'].includes(m.status), 10_000);
    },
    waitFor(event, pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.findLast((e) => e.event === event && pred(e.payload as never));
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit.payload as never);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${event}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await app.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return api;
}
