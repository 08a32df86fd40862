// The durable outbox: every outgoing message is stored (with what to send) before any request
// leaves, sent at the account's pace, retried when the failure is temporary, and never sent
// twice: a message that was mid-send when the process died, or whose answer was lost on the way
// back, becomes "in doubt" instead.
import type { Message, ProviderInfo } from '../../../shared/model';
import type { AccountsService } from '../accounts';
import { AppFailure } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { OperatorMustAct } from '../media/errors';
import type { OutgoingMessage, QueuedMessage } from '../providers/types';
import type { ConversationsRepo } from '../store/conversations';
import type { InstancesRepo } from '../store/instances';
import type { OutboxRepo } from '../store/outbox';
import type { Pacer } from './pacing';
import { classify, reasonWording } from './retry';

export interface OutboxDeps {
  repo: OutboxRepo;
  conversations: ConversationsRepo;
  instances: InstancesRepo;
  accounts: AccountsService;
  pacer: Pacer;
  bus: EventBus;
  log: Logger;
  random?: () => number;
  /** Turns a staged file into what the provider takes (bytes, or a served link) at dispatch. */
  media?: { prepareForSend(message: QueuedMessage, info: ProviderInfo): Promise<OutgoingMessage> };
}

export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private readonly inFlight = new Set<string>();
  private ticking = false;
  private again = false;
  private running = false;

  constructor(private readonly d: OutboxDeps) {}

  /** Marks interrupted sends as in doubt, then starts sending what is queued. */
  start(): string[] {
    const interrupted = this.d.repo.markInterrupted();
    for (const id of interrupted) this.publish(this.d.conversations.message(id));
    this.running = true;
    this.kick();
    return interrupted;
  }

  /** Stops picking up new work and gives sends on the wire a moment to finish (else they are in doubt next start). */
  async stop(graceMs = 5_000): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const until = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

  /** Stores what to send for a queued message and wakes the worker. */
  enqueue(messageId: string, message: QueuedMessage): void {
    this.store(messageId, message);
    this.kick();
  }

  /** Stores what to send without waking the worker (inside the caller's transaction; kick after it commits). */
  store(messageId: string, message: QueuedMessage): void {
    this.d.repo.setPayload(messageId, JSON.stringify(message));
  }

  /** The operator's retry of a failed or in-doubt message. */
  retry(messageId: string): Message {
    if (!this.d.repo.retry(messageId)) throw new AppFailure('conflict', 'Only a failed or in-doubt message can be sent again.').keyed('errors.outbox.onlyFailedRetry');
    this.publish(this.d.conversations.message(messageId));
    this.kick();
    return this.d.conversations.message(messageId)!;
  }

  /** Whether any send is on the wire right now (tests and shutdown use it). */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  kick(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (delayMs <= 0) {
      // setTimeout(0) waits at least 1 ms; a busy outbox would spend most of its time asleep.
      this.immediate ??= setImmediate(() => {
        this.immediate = null;
        void this.tick();
      });
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.min(delayMs, 2 ** 31 - 1));
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      const now = Date.now();
      let wakeAt: number | null = null;
      let dispatched = 0;
      for (const due of this.d.repo.dueHeads(now)) {
        if (this.inFlight.has(due.accountId)) continue;
        const slot = this.d.pacer.take(due.accountId);
        if (!slot.ok) {
          wakeAt = Math.min(wakeAt ?? Infinity, now + slot.waitMs);
          continue;
        }
        this.inFlight.add(due.accountId);
        dispatched++;
        void this.dispatch(due.id)
          .catch((err) => this.d.log.error('outbox dispatch failed', { error: String(err) }))
          .finally(() => {
            this.inFlight.delete(due.accountId);
            this.kick();
          });
      }
      // A finished send wakes the worker anyway; only an idle outbox needs to know its next due time.
      const next = dispatched === 0 ? this.d.repo.nextDueAt() : null;
      if (next !== null && next > now) wakeAt = Math.min(wakeAt ?? Infinity, next);
      if (wakeAt !== null) this.schedule(wakeAt - now);
    } catch (err) {
      this.d.log.error('outbox tick failed', { error: String(err) });
      this.schedule(5_000);
    } finally {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    }
  }

  private async dispatch(id: string): Promise<void> {
    if (!this.d.repo.claim(id)) return;
    const claimed = this.d.conversations.message(id)!;
    this.publish(claimed);
    // Set once the provider call starts: only from then on can a failure mean "maybe delivered".
    let afterSend = false;
    let accountId: string | null = null;
    try {
      const thread = this.d.conversations.thread(claimed.threadId);
      if (!thread) throw new AppFailure('not_found', 'The conversation was removed.').keyed('errors.outbox.conversationRemoved');
      accountId = thread.accountId;
      const raw = this.d.repo.payload(id);
      if (!raw) throw new AppFailure('internal', 'The message content was not stored.').keyed('errors.outbox.contentMissing');
      const { adapter, ctx } = await this.d.accounts.handle(thread.accountId);
      const message = await this.materialise(JSON.parse(raw) as QueuedMessage, adapter.info);
      const instRow = thread.instanceId ? this.d.instances.get(thread.instanceId) : undefined;
      if (adapter.instances && !instRow) throw new AppFailure('validation', 'The WhatsApp instance this conversation came through no longer exists.').keyed('errors.outbox.instanceGone');
      const instance = instRow ? await this.d.accounts.instanceRef(thread.accountId, instRow) : undefined;
      const conversation = this.d.conversations.conversationRef(thread.id);
      const target = { peerId: thread.peerId, isGroup: thread.isGroup, name: thread.isGroup ? null : thread.title, instance, clientMessageId: id, ...(conversation ? { conversation } : {}) };
      afterSend = true;
      const r = await adapter.send(ctx, target, message);
      // The account's status dot follows the last real outcome of talking to its provider.
      this.d.accounts.noteSuccess(thread.accountId);
      this.d.repo.clearWaiting(id);
      this.publish(this.d.conversations.setStatus(id, 'sent', { providerMessageId: r.providerMessageId, broadcastId: r.broadcastId ?? null, channel: r.channel ?? null, price: r.price ?? null }));
      if (r.status && r.status !== 'sent') this.publish(this.d.conversations.setStatus(id, r.status));
    } catch (err) {
      if (accountId && afterSend) this.d.accounts.noteFailure(accountId, err);
      // Waiting would not help (e.g. no public address for a file link): failed, but the operator may retry.
      const verdict =
        err instanceof OperatorMustAct ? { retry: false as const, reason: err.message, wording: reasonWording(err), permanent: false } : classify(err, claimed.attempts, this.d.random, afterSend);
      if (verdict.retry && this.d.repo.requeue(id, Date.now() + verdict.delayMs, verdict.reason, verdict.wording)) {
        this.publish(this.d.conversations.message(id));
        return;
      }
      // Sending again could deliver it twice: in doubt, settled by a report or by the operator.
      if (!verdict.retry && verdict.inDoubt) {
        if (this.d.repo.markInDoubt(id, verdict.reason, verdict.wording)) this.publish(this.d.conversations.message(id));
        return;
      }
      this.d.repo.clearWaiting(id);
      this.publish(this.d.conversations.setStatus(id, 'failed', { error: verdict.reason, errorWording: verdict.wording, permanent: verdict.retry || verdict.inDoubt ? false : verdict.permanent }));
    }
  }

  /** A stored payload as the adapter takes it; files from this computer are read or linked only now. */
  private async materialise(stored: QueuedMessage, info: ProviderInfo): Promise<OutgoingMessage> {
    if (stored.kind !== 'media' || stored.source.type !== 'staged') return stored as OutgoingMessage;
    if (!this.d.media) throw new AppFailure('internal', 'Files from this computer cannot be sent: the media service is not running.').keyed('errors.outbox.noMediaService');
    return this.d.media.prepareForSend(stored, info);
  }

  private publish(m: Message | undefined): void {
    if (m) this.d.bus.emit('messages:changed', m);
  }
}
