// Owns the listener's lifecycle, each account's webhook URL, registration with providers that
// take it through their API, and turning stored raw events into inbox changes.
import type { Instance, RegistrationState, WebhookStatus } from '../../../shared/model';
import type { AccountsService } from '../accounts';
import { AppFailure } from '../errors';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox';
import type { Logger } from '../log';
import { adapterFor } from '../providers/registry';
import type { AccountsRepo } from '../store/accounts';
import type { InstancesRepo } from '../store/instances';
import type { RawEventsRepo } from '../store/raw-events';
import type { SettingsService } from '../settings';
import { WebhookListener } from './listener';

export class WebhooksService {
  private readonly listener: WebhookListener;
  private error: string | null = null;

  constructor(
    private readonly deps: {
      accountsRepo: AccountsRepo;
      accounts: AccountsService;
      instances: InstancesRepo;
      raw: RawEventsRepo;
      inbox: InboxService;
      settings: SettingsService;
      bus: EventBus;
      log: Logger;
    },
  ) {
    this.listener = new WebhookListener({
      lookup: (accountId) => {
        const a = deps.accountsRepo.get(accountId);
        const hash = a && deps.accountsRepo.webhookSecretHash(accountId);
        return a && hash ? { secretHash: hash, provider: a.provider } : undefined;
      },
      store: (e) => deps.raw.insert({ ...e, receivedAt: Date.now() }),
      afterStore: (id) => this.processPending(id),
      log: deps.log,
    });
  }

  /** Starts listening on the configured port; a busy port is reported, not fatal. */
  async start(): Promise<void> {
    const port = this.deps.settings.get().listenerPort;
    try {
      await this.listener.start(port);
      this.error = null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.error =
        code === 'EADDRINUSE'
          ? `Port ${port} is already used by another program. Choose another listener port in Settings.`
          : `The webhook listener could not start: ${String(err)}`;
      this.deps.log.error('listener failed to start', { port, code });
    }
    this.processPending();
    await this.changed();
  }

  async stop(): Promise<void> {
    await this.listener.stop();
  }

  async restart(): Promise<void> {
    await this.listener.stop();
    await this.start();
    await this.registerAll();
  }

  baseUrl(): string | null {
    const pub = this.deps.settings.get().publicBaseUrl;
    if (pub) return pub;
    const port = this.listener.port;
    return port ? `http://127.0.0.1:${port}` : null;
  }

  async urlFor(accountId: string): Promise<string | null> {
    const base = this.baseUrl();
    if (!base) return null;
    return `${base}/hooks/${accountId}/${await this.deps.accounts.webhookSecret(accountId)}`;
  }

  async status(): Promise<WebhookStatus> {
    const port = this.listener.port;
    const registrations: RegistrationState[] = [];
    for (const a of this.deps.accounts.list()) {
      const r = this.deps.accountsRepo.registration(a.id);
      const url = (await this.urlFor(a.id).catch(() => null)) ?? '';
      const manual = !adapterFor(a.provider).registerWebhook;
      registrations.push({ accountId: a.id, url, state: manual ? 'manual' : r.state, detail: r.detail, at: r.at });
    }
    return { listening: port !== null, port, localBaseUrl: port ? `http://127.0.0.1:${port}` : null, publicBaseUrl: this.deps.settings.get().publicBaseUrl, error: this.error, registrations };
  }

  /** Registers the account's URL with every instance (or the account itself) at the provider. */
  async register(accountId: string): Promise<void> {
    const { adapter, ctx } = await this.deps.accounts.handle(accountId);
    if (!adapter.registerWebhook) throw new AppFailure('validation', `${adapter.info.name} webhooks are set in the provider's dashboard: copy the URL shown here into it.`);
    const url = await this.urlFor(accountId);
    if (!url) throw new AppFailure('unreachable', this.error ?? 'The webhook listener is not running.');
    const instances = this.deps.instances.list(accountId);
    if (adapter.instances && instances.length === 0) {
      return this.setRegistration(accountId, 'unregistered', 'Create an instance first: the gateway registers webhooks per instance.');
    }
    await this.setRegistration(accountId, 'registering', null);
    try {
      if (adapter.instances) {
        for (const inst of instances) await adapter.registerWebhook(ctx, url, await this.deps.accounts.instanceRef(accountId, inst));
      } else {
        await adapter.registerWebhook(ctx, url);
      }
      await this.setRegistration(accountId, 'registered', url.startsWith('http://127.0.0.1') ? 'Registered with a local address: only a gateway on this computer can reach it. Set a public URL in Settings for a real provider.' : null);
    } catch (err) {
      const msg = err instanceof AppFailure ? err.message : String(err);
      await this.setRegistration(accountId, 'failed', msg);
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

  /** Parses stored events not yet parsed (all of them, or from `fromId` on). */
  processPending(_fromId?: number): void {
    for (const e of this.deps.raw.unparsed()) {
      try {
        const events = adapterFor(e.provider).parseInbound(JSON.parse(e.body));
        for (const ev of events) {
          if (ev.type === 'message') this.deps.inbox.applyInbound(e.accountId, ev, e.id);
          else if (ev.type === 'status') this.deps.inbox.applyStatus(e.accountId, ev);
        }
        this.deps.raw.markParsed(e.id, null);
      } catch (err) {
        this.deps.raw.markParsed(e.id, err instanceof Error ? err.message : String(err));
        this.deps.log.warn('webhook event not understood', { id: e.id, provider: e.provider });
      }
    }
  }

  private async setRegistration(accountId: string, state: RegistrationState['state'], detail: string | null): Promise<void> {
    this.deps.accountsRepo.setRegistration(accountId, { state, detail, at: Date.now() });
    await this.changed();
  }

  private async changed(): Promise<void> {
    this.deps.bus.emit('webhooks:changed', await this.status());
  }
}
