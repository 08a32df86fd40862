// Delivery reports the app has to fetch: Infobip holds reports to be pulled, Qontak's broadcast
// log is read back per message. Both feed the same lifecycle as webhook statuses.
import type { AccountsService } from './accounts';
import { AppFailure } from './errors';
import type { InboxService } from './inbox';
import type { Logger } from './log';
import type { EventBus } from './events';
import type { ConversationsRepo } from './store/conversations';
import type { OutboxRepo } from './store/outbox';

const LOOKUP_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

/** A check that was still waiting on a provider when the app stopped: its answer is dropped. */
class Stopped extends Error {}

export class ReportsService {
  private timer: NodeJS.Timeout | null = null;
  private firstCheck: NodeJS.Timeout | null = null;
  private running = false;
  /** Set by stop(): the store may be closed right after, so nothing answered later may touch it. */
  private stopped = false;

  constructor(
    private readonly accounts: AccountsService,
    private readonly inbox: InboxService,
    private readonly conversations: ConversationsRepo,
    private readonly outbox: OutboxRepo,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  /** Checks every account with reports soon after start (settling messages left in doubt), then every `intervalMs`. */
  start(intervalMs = 60_000): void {
    this.stop();
    this.stopped = false;
    this.timer = setInterval(() => void this.refreshAll(), intervalMs);
    this.timer.unref();
    this.firstCheck = setTimeout(() => void this.refreshAll(), 1_000);
    this.firstCheck.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.firstCheck) clearTimeout(this.firstCheck);
    this.timer = null;
    this.firstCheck = null;
  }

  async refreshAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const a of this.accounts.list()) {
        if (this.stopped) return;
        if (!this.accounts.adapterOf(a).reports) continue;
        // A poll always asks the provider, so its outcome is news about the account (its status dot).
        const polls = !!this.accounts.adapterOf(a).reports?.poll;
        await this.refresh(a.id).then(
          () => polls && !this.stopped && this.accounts.noteSuccess(a.id),
          (err: unknown) => {
            if (this.stopped || err instanceof Stopped) return;
            this.accounts.noteFailure(a.id, err);
            this.log.warn('delivery reports not fetched', { account: a.id, error: err instanceof Error ? err.message : String(err) });
          },
        );
      }
    } finally {
      this.running = false;
    }
  }

  /** Pulls and applies the account's pending reports; returns how many messages changed. */
  async refresh(accountId: string): Promise<number> {
    const { adapter, ctx } = await this.accounts.handle(accountId);
    this.alive();
    if (!adapter.reports) throw new AppFailure('validation', `${adapter.info.name} sends delivery reports by itself; there is nothing to fetch.`).keyed('errors.reports.pushOnly', { provider: adapter.info.name });
    let updated = 0;
    const lookup = adapter.reports.lookup;
    if (lookup) {
      // A message in doubt has no provider id yet; providers that took our own id (Infobip) know it by that.
      for (const m of this.outbox.inDoubt(accountId)) {
        const s = await lookup(ctx, { providerMessageId: m.id, broadcastId: null, to: m.to, sentAfter: m.createdAt }).catch(() => null);
        this.alive();
        if (!s) continue;
        const next = this.conversations.setStatus(m.id, s.status, {
          providerMessageId: s.broadcastId ? null : s.providerMessageId,
          broadcastId: s.broadcastId ?? null,
          error: s.error ?? null,
          errorWording: s.errorWording ?? null,
          permanent: s.permanent ?? null,
          channel: s.channel ?? null,
          price: s.price ?? null,
        });
        if (next) {
          updated++;
          this.bus.emit('messages:changed', next);
        }
      }
    }
    if (adapter.reports.poll) {
      const statuses = await adapter.reports.poll(ctx);
      this.alive();
      for (const s of statuses) if (this.inbox.applyStatus(accountId, s)) updated++;
    } else if (lookup) {
      for (const m of this.conversations.awaitingReports(accountId, Date.now() - LOOKUP_WINDOW_MS)) {
        try {
          // null: nothing new yet. A message the provider no longer knows ages out of the window.
          const s = await lookup(ctx, { providerMessageId: m.providerMessageId, broadcastId: m.broadcastId, to: m.to });
          this.alive();
          if (s && this.inbox.applyStatus(accountId, s)) updated++;
        } catch (err) {
          if (err instanceof Stopped || !(err instanceof AppFailure && err.code === 'not_found')) throw err;
        }
      }
    }
    return updated;
  }

  private alive(): void {
    if (this.stopped) throw new Stopped('Switchboard stopped while delivery reports were being fetched.');
  }
}
