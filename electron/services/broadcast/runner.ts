// Sends running campaigns. The runner never talks to a provider: it hands recipients to the
// inbox (which validates and queues into the durable outbox) a few at a time, and lets the
// outbox apply the account's pacing. Keeping only ~15 s of sending in the outbox makes pause
// take effect quickly and leaves room for the operator's own messages.
//
// Nobody is sent twice: a recipient moves pending → queued and gets its message id in the SAME
// transaction that stores the queued message, and only a pending recipient can be handed over.
// After a crash either both happened or neither did.
import type { Message, MessageStatus, PacingRule, Template, Wording } from '../../../shared/model';
import { AppFailure } from '../errors';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox';
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import { FAILED_NO_REASON, FAILED_NO_REASON_WORDING, IN_DOUBT, IN_DOUBT_WORDING, type BroadcastsRepo, type CampaignRecord } from '../store/broadcasts';
import { wordingOf } from '../store/wording';
import type { Db } from '../store/db';
import type { CampaignRecipient, RecipientStatus } from '../../../shared/broadcast';
import { aheadFor, type RateTracker } from './progress';
import { innerReason, type Reason } from '../store/wording';

/** Safety net for a missed wake-up, and the check for scheduled campaigns. */
const SWEEP_MS = 5_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** This many failures before any success means something is wrong for everyone (template, line, account). */
/** A run this long of identical failures pauses a campaign even after earlier successes. */
const SAME_FAILURES_IN_A_ROW = 10;
const FAILURES_BEFORE_PAUSE = 5;

export interface RunnerDeps {
  db: Db;
  repo: BroadcastsRepo;
  bus: Pick<EventBus, 'subscribe'>;
  inbox: Pick<InboxService, 'startThread' | 'send'>;
  outbox: Pick<Outbox, 'retry'>;
  /** The template to send with, or why the campaign can't send now. */
  sendable(c: CampaignRecord): { template: Template } | { problem: AppFailure };
  /** Everything a start needs (template, values); null when it may start. */
  readyProblem(c: CampaignRecord): AppFailure | null;
  pacingRule(accountId: string): PacingRule | null;
  maxAhead: number;
  rates: RateTracker;
  /** The campaign's view changed (throttled by the caller). */
  changed(campaignId: string): void;
  log: Logger;
}

type Followed = { status: Exclude<RecipientStatus, 'pending'>; error: string | null; wording: Wording | null };

/** What a recipient shows for its message's status (and how its reason is worded: the message's own wording). */
export function follows(status: MessageStatus, error: string | null, wording: Wording | null = null): Followed | null {
  switch (status) {
    case 'queued':
    case 'sending':
      return { status: 'queued', error: null, wording: null };
    case 'in_doubt':
      return { status: 'queued', error: IN_DOUBT, wording: IN_DOUBT_WORDING };
    case 'sent':
    case 'delivered':
    case 'read':
      return { status, error: null, wording: null };
    case 'failed':
      return error === null ? { status: 'failed', error: FAILED_NO_REASON, wording: FAILED_NO_REASON_WORDING } : { status: 'failed', error, wording };
    // Withdrawn from the Outbox by the operator: the recipient is cancelled, not failed (never retried).
    case 'cancelled':
      return { status: 'cancelled', error, wording: error === null ? null : wording };
    default:
      return null;
  }
}

/** Why a hand-over failed: a keyed failure keeps its wording; anything else is our own fault. */
const reasonOf = (err: unknown): Reason => {
  if (err instanceof AppFailure) return { text: err.message, wording: wordingOf(err) };
  const internal = new AppFailure('internal', 'Something went wrong inside Switchboard. Your data is safe; resume to try again.').keyed('errors.campaign.internalResume');
  return { text: internal.message, wording: wordingOf(internal) };
};

/** A recipient's failure reason, as the runner compares and repeats it. */
const failedReason = (f: Followed): Reason => ({ text: f.error ?? FAILED_NO_REASON, wording: f.error === null ? FAILED_NO_REASON_WORDING : f.wording });

export class BroadcastRunner {
  private readonly woken = new Set<string>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private immediate: NodeJS.Immediate | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private active = false;

  constructor(private readonly d: RunnerDeps) {
    // Listening from construction, not start(): the outbox reports interrupted sends as it starts.
    this.listen();
  }

  /** Catches up with what happened while stopped, then resumes running and scheduled campaigns. */
  start(): void {
    this.listen();
    this.active = true;
    this.d.repo.reconcile();
    for (const c of this.d.repo.campaigns(['scheduled'])) this.arm(c);
    for (const c of this.d.repo.campaigns(['running', 'paused'])) this.wake(c.id);
    this.sweep = setInterval(() => this.sweepAll(), SWEEP_MS);
    this.sweep.unref();
  }

  stop(): void {
    this.active = false;
    if (this.sweep) clearInterval(this.sweep);
    if (this.immediate) clearImmediate(this.immediate);
    for (const t of this.schedules.values()) clearTimeout(t);
    this.schedules.clear();
    this.woken.clear();
    this.sweep = null;
    this.immediate = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Looks at the campaign soon (coalesced): hands over more, or notices it is finished. */
  wake(campaignId: string): void {
    if (!this.active) return;
    this.woken.add(campaignId);
    this.immediate ??= setImmediate(() => {
      this.immediate = null;
      const ids = [...this.woken];
      this.woken.clear();
      for (const id of ids) this.pump(id);
    });
  }

  /** Sets (or clears) the timer that starts a scheduled campaign. */
  arm(c: CampaignRecord): void {
    this.disarm(c.id);
    if (!this.active || c.status !== 'scheduled' || c.scheduledAt === null) return;
    const delay = c.scheduledAt - Date.now();
    if (delay <= 0) return this.begin(c.id);
    const timer = setTimeout(() => {
      this.schedules.delete(c.id);
      const cur = this.d.repo.campaign(c.id);
      if (cur) this.arm(cur);
    }, Math.min(delay, MAX_TIMEOUT_MS));
    timer.unref();
    this.schedules.set(c.id, timer);
  }

  disarm(campaignId: string): void {
    const t = this.schedules.get(campaignId);
    if (t) clearTimeout(t);
    this.schedules.delete(campaignId);
  }

  private listen(): void {
    this.unsubscribe ??= this.d.bus.subscribe((event, payload) => {
      if (event === 'messages:changed') this.onMessage(payload as Message);
    });
  }

  private onMessage(m: Message): void {
    if (m.direction !== 'out') return;
    const r = this.d.repo.byMessage(m.id);
    if (!r) return;
    const next = follows(m.status, m.error, m.errorWording ?? null);
    if (!next || !this.d.repo.follow(r.id, next.status, next.error, next.wording)) return;
    if (r.status === 'queued' && next.status !== 'queued') this.d.rates.record(r.campaignId);
    if (next.status === 'failed') {
      this.pauseIfAllFailing(r.campaignId, failedReason(next));
      this.pauseIfFailingInARow(r.campaignId, failedReason(next));
    } else if (next.status !== 'queued') {
      this.streaks.delete(r.campaignId);
    }
    this.wake(r.campaignId);
    this.d.changed(r.campaignId);
  }

  private sweepAll(): void {
    for (const c of this.d.repo.campaigns(['scheduled'])) if (!this.schedules.has(c.id)) this.arm(c);
    for (const c of this.d.repo.campaigns(['running', 'paused'])) this.wake(c.id);
  }

  /** A scheduled campaign's time has come: it starts if it still may, else it waits paused with the reason. */
  private begin(campaignId: string): void {
    const c = this.d.repo.campaign(campaignId);
    if (!c || c.status !== 'scheduled') return;
    const problem = this.d.readyProblem(c);
    if (problem) {
      const why = new AppFailure('validation', `It could not start at the scheduled time: ${problem.message}`).keyed('errors.campaign.notStartedScheduled', {
        ...innerReason({ text: problem.message, wording: wordingOf(problem) }),
      });
      this.d.repo.transition(c.id, ['scheduled'], 'paused', { error: why.message, errorWording: wordingOf(why) });
    } else if (this.d.repo.transition(c.id, ['scheduled'], 'running', { startedAt: Date.now(), error: null })) {
      this.wake(c.id);
    }
    this.d.changed(c.id);
  }

  private pump(campaignId: string): void {
    let c = this.d.repo.campaign(campaignId);
    if (!c) return;
    let changed = false;
    if (c.status === 'running') {
      changed = this.handOverBatch(c) > 0;
      c = this.d.repo.campaign(campaignId)!;
    }
    if ((c.status === 'running' || c.status === 'paused') && this.d.repo.unfinished(c.id) === 0) {
      if (this.d.repo.transition(c.id, ['running', 'paused'], 'completed', { finishedAt: Date.now() })) {
        this.d.rates.forget(c.id);
        changed = true;
      }
    }
    if (changed) this.d.changed(c.id);
  }

  /** Hands over as many pending recipients as the window has room for; returns how many. */
  private handOverBatch(c: CampaignRecord): number {
    const ready = this.d.sendable(c);
    if ('problem' in ready) {
      this.pauseWith(c.id, ready.problem);
      return 0;
    }
    const room = aheadFor(this.d.pacingRule(c.accountId), this.d.maxAhead) - this.d.repo.countQueued(c.id);
    if (room <= 0) return 0;
    let handed = 0;
    for (const r of this.d.repo.nextPending(c.id, room)) {
      try {
        this.handOver(c, ready.template, r);
        handed++;
      } catch (err) {
        if (!(err instanceof AppFailure)) this.d.log.error('broadcast hand-over failed', { campaign: c.id, row: r.row, error: String(err) });
        const reason = reasonOf(err);
        this.pauseWith(c.id, new AppFailure('validation', `Paused at row ${r.row}: ${reason.text}`).keyed('errors.campaign.pausedAtRow', { row: r.row, ...innerReason(reason) }));
        break;
      }
    }
    return handed;
  }

  /**
   * A provider refusing the template or the sending line refuses it for every recipient; better
   * to stop after a few than to fail a whole list. The operator fixes it, resumes, retries.
   */
  private pauseIfAllFailing(campaignId: string, reason: Reason): void {
    const t = this.d.repo.totals(campaignId);
    if (t.sent + t.delivered + t.read > 0 || t.failed < FAILURES_BEFORE_PAUSE) return;
    const count = t.failed;
    this.pauseWith(
      campaignId,
      new AppFailure('validation', `Paused because the first ${count} messages all failed: ${reason.text} Fix the problem, then resume and retry the failed ones.`).keyed('errors.campaign.pausedAllFailing', {
        count,
        ...innerReason(reason),
      }),
    );
  }

  /** Consecutive failures with the same reason, per campaign; any success resets it. */
  private readonly streaks = new Map<string, { error: string; count: number }>();

  /**
   * Something that breaks mid-way for the whole account (credentials revoked, line removed) fails
   * every recipient the same way: after a run of identical failures, stop and say why.
   */
  private pauseIfFailingInARow(campaignId: string, reason: Reason): void {
    const cur = this.streaks.get(campaignId);
    const next = cur && cur.error === reason.text ? { error: reason.text, count: cur.count + 1 } : { error: reason.text, count: 1 };
    this.streaks.set(campaignId, next);
    if (next.count < SAME_FAILURES_IN_A_ROW) return;
    this.streaks.delete(campaignId);
    const count = next.count;
    this.pauseWith(
      campaignId,
      new AppFailure('validation', `Paused after ${count} messages in a row failed the same way: ${reason.text} Fix the problem, then resume and retry the failed ones.`).keyed('errors.campaign.pausedSameFailures', {
        count,
        ...innerReason(reason),
      }),
    );
  }

  /** Pauses a running campaign with the reason (its English text and its wording). */
  private pauseWith(campaignId: string, problem: AppFailure): void {
    if (this.d.repo.transition(campaignId, ['running'], 'paused', { error: problem.message, errorWording: wordingOf(problem) })) {
      this.d.log.warn('broadcast paused', { campaign: campaignId, problem: problem.message });
    }
    this.d.changed(campaignId);
  }

  /** One recipient into the outbox, atomically with its claim (see the top of this file). */
  private handOver(c: CampaignRecord, template: Template, r: CampaignRecipient): void {
    const params = template.placeholders.map((key) => {
      const source = c.variables[key];
      // Qontak names each parameter (its `value`); the column name is the closest thing we have.
      const label = source && 'column' in source ? source.column.slice(0, 100) : undefined;
      return { key, text: r.values[key] ?? '', ...(label ? { label } : {}) };
    });
    this.d.db.transaction(() => {
      if (!this.d.repo.claim(r.id)) return;
      if (r.messageId && this.retryExisting(r.id, r.messageId)) return;
      const thread = this.d.inbox.startThread(c.accountId, `+${r.phone}`, r.name ?? undefined, { broadcast: true });
      if (!thread.replyable) {
        if (thread.notReplyableReason) return this.d.repo.fail(r.id, thread.notReplyableReason, thread.notReplyableWording ?? null);
        const why = new AppFailure('validation', 'This number cannot be messaged from Switchboard.').keyed('errors.recipients.cannotMessage');
        return this.d.repo.fail(r.id, why.message, wordingOf(why));
      }
      const m = this.d.inbox.send(thread.id, { kind: 'template', templateId: c.templateId, params });
      this.d.repo.attachMessage(r.id, m.id);
    })();
  }

  /**
   * "Retry failed" sends the recipient's own failed message again rather than a second one.
   * False when that message is gone (its conversation was deleted): a new one is made instead.
   */
  private retryExisting(recipientId: string, messageId: string): boolean {
    const status = this.d.repo.messageStatus(messageId) as MessageStatus | undefined;
    if (status === undefined) {
      this.d.repo.detachMessage(recipientId);
      return false;
    }
    if (status === 'failed' || status === 'in_doubt') {
      this.d.outbox.retry(messageId);
      return true;
    }
    // A late report settled it meanwhile; the recipient simply follows it.
    const next = follows(status, null);
    if (next) this.d.repo.follow(recipientId, next.status, next.error, next.wording);
    return true;
  }
}
