// Owns the listener's lifecycle, the public address (tunnel or user-supplied), each account's
// webhook URL, registration with providers that take it through their API — again whenever the
// address changes — and turning stored raw events into inbox changes.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import type { ChannelOutput } from '../../../shared/ipc';
import type { Instance, RegistrationState, UnparsedEvent, WebhookStatus } from '../../../shared/model';
import type { AccountsService } from '../accounts';
import { AppFailure } from '../errors';
import { wordingOf } from '../store/wording';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox';
import type { Logger } from '../log';
import { adapterFor } from '../providers/registry';
import type { SettingsService } from '../settings';
import type { AccountsRepo } from '../store/accounts';
import type { InstancesRepo } from '../store/instances';
import type { RawEvent, RawEventsRepo } from '../store/raw-events';
import type { Db } from '../store/db';
import type { Vault } from '../vault';
import { TUNNEL_MARK_HEADER, WebhookListener, type RateLimit } from './listener';
import { requeueForNewParsers } from './reparse';
import { Tunnel, type TunnelConnector, type Worded } from './tunnel';

const TUNNEL_SECRET = 'app:tunnel';
/** Raw webhook bytes kept per account; parsed events beyond it are pruned oldest first. */
export const RAW_BYTES_PER_ACCOUNT = 256 * 1024 * 1024;
/** Above this share of the cap the account shows a warning. */
const WARN_AT = 0.8;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/** What a test event found, in English with its wording (webhooks:testEvent). */
export type TestEventResult = ChannelOutput<'webhooks:testEvent'>;

export interface WebhooksDeps {
  accountsRepo: AccountsRepo;
  accounts: AccountsService;
  instances: InstancesRepo;
  raw: RawEventsRepo;
  inbox: InboxService;
  settings: SettingsService;
  vault: Vault;
  bus: EventBus;
  log: Logger;
  tunnelConnector: TunnelConnector;
  rateLimit?: RateLimit | null;
  db: Db;
  /** Raw bytes kept per account (tests lower it). */
  rawBytesPerAccount?: number;
  /** Serves local files to URL-only providers on the listener (see media/serve.ts). */
  files?: (req: IncomingMessage, res: ServerResponse) => void;
}

export class WebhooksService {
  private readonly listener: WebhookListener;
  private readonly tunnel: Tunnel;
  /** Why the listener is not running (keyed, so the renderer words it); null while it runs. */
  private error: AppFailure | null = null;
  private lastPublished: string | null = null;
  /** Test events in flight: nonce → resolve when stored. */
  private readonly probes = new Map<string, () => void>();

  constructor(private readonly deps: WebhooksDeps) {
    this.tunnel = new Tunnel(deps.tunnelConnector, deps.log);
    this.listener = new WebhookListener({
      rateLimit: deps.rateLimit,
      lookup: (accountId) => {
        const a = deps.accountsRepo.get(accountId);
        const hash = a && deps.accountsRepo.webhookSecretHash(accountId);
        return a && hash ? { secretHash: hash, provider: a.provider } : undefined;
      },
      roomFor: (accountId, bytes) => this.roomFor(accountId, bytes),
      store: (events) => deps.db.transaction(() => events.map((e) => deps.raw.insert({ ...e, receivedAt: Date.now() })))(),
      afterStore: () => this.scheduleProcessing(),
      files: deps.files,
      log: deps.log,
    });
  }

  /** Raw bytes stored per account, counted once from the database and kept up to date after. */
  private readonly storedBytes = new Map<string, number>();
  private readonly full = new Set<string>();
  private pruneTimer: NodeJS.Timeout | null = null;

  private get rawCap(): number {
    return this.deps.rawBytesPerAccount ?? RAW_BYTES_PER_ACCOUNT;
  }

  /**
   * Whether the account may store `bytes` more. Over the cap, its oldest parsed events go first;
   * only when events no parser understood fill it are new ones refused (507: the provider retries).
   */
  private roomFor(accountId: string, bytes: number): boolean {
    let stored = this.storedBytes.get(accountId) ?? this.deps.raw.storedBytes(accountId);
    if (stored + bytes > this.rawCap) stored = this.deps.raw.shrinkParsed(accountId, Math.floor(this.rawCap * 0.7));
    const fits = stored + bytes <= this.rawCap;
    this.storedBytes.set(accountId, fits ? stored + bytes : stored);
    const wasFull = this.full.has(accountId);
    if (fits) this.full.delete(accountId);
    else this.full.add(accountId);
    if (wasFull !== !fits) void this.changed().catch(() => undefined);
    return fits;
  }

  /** Deletes parsed raw events older than the retention setting; returns how many. */
  pruneRawEvents(now = Date.now()): number {
    const days = this.deps.settings.get().rawEventRetentionDays;
    const removed = this.deps.raw.pruneParsed(now - days * 24 * 60 * 60 * 1000);
    if (removed > 0) {
      this.storedBytes.clear();
      this.deps.log.info('old webhook events pruned', { removed, days });
    }
    return removed;
  }

  private storageWarning(accountId: string): Worded | null {
    const stored = this.storedBytes.get(accountId) ?? this.deps.raw.storedBytes(accountId);
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    const cap = mb(this.rawCap);
    if (this.full.has(accountId)) {
      return {
        message: `Stored webhook events for this account reached ${cap}, almost all of them events Switchboard could not read, so new events are refused for now (the provider sends them again later). Check Unparsed events.`,
        key: 'errors.webhooks.storageFull',
        params: { cap },
      };
    }
    if (stored >= this.rawCap * WARN_AT) {
      const used = mb(stored);
      return { message: `Stored webhook events for this account use ${used} of ${cap}. Check Unparsed events.`, key: 'errors.webhooks.storageNearlyFull', params: { used, cap } };
    }
    return null;
  }

  /** Starts listening on the configured port (a busy port is reported, not fatal), then the tunnel if enabled. */
  async start(): Promise<void> {
    this.stopped = false;
    this.pruneRawEvents();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = setInterval(() => {
      if (!this.stopped) this.pruneRawEvents();
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    const port = this.deps.settings.get().listenerPort;
    try {
      await this.listener.start(port);
      this.error = null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.error =
        code === 'EADDRINUSE'
          ? new AppFailure('unreachable', `Port ${port} is already used by another program. Choose another listener port in Settings.`).keyed('errors.webhooks.portInUse', { port })
          : new AppFailure('unreachable', `The webhook listener could not start: ${String(err)}`).keyed('errors.webhooks.listenerFailed', { reason: String(err) });
      this.deps.log.error('listener failed to start', { port, code });
    }
    // Events that failed under older parsers get one more try with these (once per upgrade).
    const requeued = requeueForNewParsers(this.deps.db, this.deps.raw);
    if (requeued > 0) this.deps.log.info('stored webhook events parsed again after an update', { requeued });
    // Events stored before a crash but not yet parsed are parsed now.
    this.processPending();
    if (this.deps.settings.get().tunnelEnabled && this.listener.port) await this.openTunnel();
    this.lastPublished = this.baseUrl();
    await this.changed();
  }

  async stop(): Promise<void> {
    // A parsing pass scheduled by the last requests must not run once the database is closing.
    this.stopped = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await this.tunnel.close();
    await this.listener.stop();
  }

  /** After a settings change: listener and tunnel again, and providers told the new address if it changed. */
  async restart(): Promise<void> {
    await this.tunnel.close();
    await this.listener.stop();
    await this.start();
    await this.registerAll();
  }

  baseUrl(): string | null {
    const t = this.tunnel.state;
    if (t.state === 'connected' && t.url) return t.url;
    const pub = this.deps.settings.get().publicBaseUrl;
    if (pub) return pub;
    const port = this.listener.port ?? 0;
    return port ? `http://127.0.0.1:${port}` : null;
  }

  /** The address providers on the internet can reach (tunnel, else the user's), or null when there is only the local one. */
  publicBaseUrl(): string | null {
    const t = this.tunnel.state;
    if (t.state === 'connected' && t.url) return t.url;
    return this.deps.settings.get().publicBaseUrl || null;
  }

  async urlFor(accountId: string): Promise<string | null> {
    const base = this.baseUrl();
    if (!base) return null;
    return `${base}/hooks/${accountId}/${await this.deps.accounts.webhookSecret(accountId)}`;
  }

  async status(): Promise<WebhookStatus> {
    const port = this.listener.port ?? 0;
    const registrations: RegistrationState[] = [];
    for (const a of this.deps.accounts.list()) {
      const r = this.deps.accountsRepo.registration(a.id);
      const url = (await this.urlFor(a.id).catch(() => null)) ?? '';
      const manual = !adapterFor(a.provider).registerWebhook;
      const warning = this.storageWarning(a.id);
      registrations.push({
        accountId: a.id,
        url,
        state: manual ? 'manual' : r.state,
        detail: r.detail,
        detailWording: r.detail === null ? null : (r.wording ?? null),
        at: r.at,
        storageWarning: warning?.message ?? null,
        storageWarningWording: warning ? { key: warning.key, params: warning.params } : null,
      });
    }
    const t = this.tunnel.state;
    const s = this.deps.settings.get();
    return {
      listening: port !== null,
      port,
      localBaseUrl: port ? `http://127.0.0.1:${port}` : null,
      publicBaseUrl: t.state === 'connected' ? t.url : s.publicBaseUrl,
      error: this.error?.message ?? null,
      errorWording: wordingOf(this.error),
      tunnel: { enabled: s.tunnelEnabled, tokenSaved: Boolean((await this.deps.vault.read(TUNNEL_SECRET).catch(() => ({}) as Record<string, string>)).authtoken), ...t },
      unparsedCount: this.deps.raw.failedCount(),
      registrations,
    };
  }

  /** Turns the tunnel on (saving a new authtoken to the keychain first) or off; re-registers if the address moved. */
  async configureTunnel(enabled: boolean, authtoken?: string): Promise<WebhookStatus> {
    if (authtoken) await this.deps.vault.write(TUNNEL_SECRET, { authtoken });
    this.deps.settings.update({ tunnelEnabled: enabled });
    if (enabled) await this.openTunnel();
    else await this.tunnel.close();
    await this.addressMaybeChanged();
    return this.status();
  }

  private async openTunnel(): Promise<void> {
    const port = this.listener.port ?? 0;
    if (!port) return;
    const token = (await this.deps.vault.read(TUNNEL_SECRET)).authtoken;
    await this.tunnel.open(port, token, { header: TUNNEL_MARK_HEADER, value: this.listener.tunnelMark });
  }

  private async addressMaybeChanged(): Promise<void> {
    const now = this.baseUrl();
    if (now !== this.lastPublished) {
      this.lastPublished = now;
      await this.registerAll();
    }
    await this.changed();
  }

  /** Registers the account's URL with every instance (or the account itself) at the provider. */
  async register(accountId: string): Promise<void> {
    const { adapter, ctx } = await this.deps.accounts.handle(accountId);
    if (!adapter.registerWebhook) throw new AppFailure('validation', `${adapter.info.name} webhooks are set in the provider's dashboard: copy the URL shown here into it.`).keyed('errors.webhooks.setInDashboard', { provider: adapter.info.name });
    const url = await this.urlFor(accountId);
    if (!url) throw this.notListening();
    const instances = this.deps.instances.list(accountId);
    if (adapter.instances && instances.length === 0) {
      return this.setRegistration(accountId, 'unregistered', { message: 'Create an instance first: the gateway registers webhooks per instance.', key: 'errors.webhooks.createInstanceFirst' });
    }
    await this.setRegistration(accountId, 'registering', null);
    try {
      if (adapter.instances) {
        for (const inst of instances) await adapter.registerWebhook(ctx, url, await this.deps.accounts.instanceRef(accountId, inst));
      } else {
        await adapter.registerWebhook(ctx, url);
      }
      const local = url.startsWith(`http://127.0.0.1:${this.listener.port}/`);
      await this.setRegistration(
        accountId,
        'registered',
        local
          ? {
              message: 'Registered with a local address: only a gateway on this computer can reach it. Turn on the tunnel or set a public URL for a provider on the internet.',
              key: 'errors.webhooks.registeredLocal',
            }
          : null,
      );
    } catch (err) {
      // A keyed failure keeps its wording; anything else is a technical message, kept as it is.
      await this.setRegistration(accountId, 'failed', err instanceof AppFailure ? err : { message: String(err) });
      throw err;
    }
  }

  async registerInstance(accountId: string, _instance: Instance): Promise<void> {
    await this.register(accountId);
  }

  async registerAll(): Promise<void> {
    for (const a of this.deps.accounts.list()) {
      if (adapterFor(a.provider).registerWebhook) await this.register(a.id).catch(() => undefined);
    }
  }

  unparsed(): UnparsedEvent[] {
    return this.deps.raw.failed().map((e) => ({ id: e.id, accountId: e.accountId, provider: e.provider, receivedAt: e.receivedAt, error: e.error, body: e.body.slice(0, 4000) }));
  }

  /** Parses failed events again; returns how many now parse. */
  async replay(id?: number): Promise<{ parsed: number; stillUnparsed: number }> {
    const queued = this.deps.raw.requeueFailed(id);
    const before = this.deps.raw.failedCount();
    this.processPending();
    const after = this.deps.raw.failedCount();
    await this.changed();
    return { parsed: queued - (after - before), stillUnparsed: after };
  }

  /** Proves the path a provider uses: a POST to the account's public URL, stored by this listener. */
  async sendTestEvent(accountId: string): Promise<TestEventResult> {
    const url = await this.urlFor(accountId);
    if (!url) throw this.notListening();
    const nonce = randomBytes(12).toString('hex');
    const stored = new Promise<void>((resolve) => this.probes.set(nonce, resolve));
    const started = Date.now();
    const port = this.listener.port ?? 0;
    let timer: NodeJS.Timeout | undefined;
    try {
      const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ switchboardTestEvent: nonce }), headersTimeout: 15_000 });
      await res.body.text();
      const status = res.statusCode;
      if (status !== 200) {
        return { ok: false, url, ms: Date.now() - started, message: `The address answered HTTP ${status} instead of storing the event.`, key: 'errors.webhooks.testHttp', params: { status } };
      }
      const arrived = await Promise.race([stored.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5_000)))]);
      if (!arrived) {
        return { ok: false, url, ms: Date.now() - started, message: `The test event did not arrive (timeout). Check the tunnel or your proxy's forwarding to port ${port}.`, key: 'errors.webhooks.testTimeout', params: { port } };
      }
      return { ok: true, url, ms: Date.now() - started, message: 'The test event travelled through this address and was stored by Switchboard.', key: 'errors.webhooks.testStored' };
    } catch (err) {
      // The network's own words (a technical message) stay as they are inside the worded sentence.
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, url, ms: Date.now() - started, message: `The test event did not arrive (${why}). Check the tunnel or your proxy's forwarding to port ${port}.`, key: 'errors.webhooks.testNotArrived', params: { why, port } };
    } finally {
      if (timer) clearTimeout(timer);
      this.probes.delete(nonce);
    }
  }

  private processingScheduled = false;
  private stopped = false;

  /** One parsing pass for however many events arrived meanwhile, not one per request. */
  private scheduleProcessing(): void {
    if (this.processingScheduled) return;
    this.processingScheduled = true;
    setImmediate(() => {
      this.processingScheduled = false;
      if (!this.stopped) this.processPending();
    });
  }

  /** Parses every stored event not yet parsed, oldest first, committing each batch at once. */
  processPending(): void {
    let batch = this.deps.raw.unparsed(500);
    let failed = 0;
    while (batch.length > 0) {
      this.deps.db.transaction(() => {
        for (const e of batch) if (!this.processOne(e)) failed++;
      })();
      batch = batch.length === 500 ? this.deps.raw.unparsed(500) : [];
    }
    // The Unparsed events count is shown live.
    if (failed > 0) void this.changed();
  }

  /** One event: parsed and applied in a savepoint, so a failure half-way leaves nothing but the error note. */
  private processOne(e: RawEvent): boolean {
    try {
      this.deps.db.transaction(() => {
        const body = JSON.parse(e.body) as unknown;
        const probe = (body as { switchboardTestEvent?: unknown } | null)?.switchboardTestEvent;
        if (typeof probe === 'string') {
          this.probes.get(probe)?.();
        } else {
          const events = adapterFor(e.provider).parseInbound(body);
          for (const ev of events) {
            if (ev.type === 'message') this.deps.inbox.applyInbound(e.accountId, ev, e.id);
            else if (ev.type === 'status') this.deps.inbox.applyStatus(e.accountId, ev);
          }
          // The provider reached us, so it is not unreachable (its status dot).
          if (events.length > 0) this.deps.accounts.noteAlive(e.accountId);
        }
        this.deps.raw.markParsed(e.id, null);
      })();
      return true;
    } catch (err) {
      this.deps.raw.markParsed(e.id, err instanceof Error ? err.message : String(err));
      this.deps.log.warn('webhook event not understood', { id: e.id, provider: e.provider });
      return false;
    }
  }

  private async setRegistration(accountId: string, state: RegistrationState['state'], detail: Worded | AppFailure | { message: string } | null): Promise<void> {
    const wording = detail instanceof AppFailure ? wordingOf(detail) : detail && 'key' in detail ? { key: detail.key, ...(detail.params ? { params: detail.params } : {}) } : null;
    this.deps.accountsRepo.setRegistration(accountId, { state, detail: detail?.message ?? null, wording, at: Date.now() });
    await this.changed();
  }

  /** Why nothing can reach the listener: why it did not start, or that it is not running. */
  private notListening(): AppFailure {
    if (this.error) return new AppFailure('unreachable', this.error.message).keyed(this.error.key ?? 'errors.webhooks.notRunning', this.error.params);
    return new AppFailure('unreachable', 'The webhook listener is not running.').keyed('errors.webhooks.notRunning');
  }

  private async changed(): Promise<void> {
    this.deps.bus.emit('webhooks:changed', await this.status());
  }
}
