// Template broadcast campaigns: import recipients, make a draft, preview, start now or later,
// pause, resume, cancel, retry the failed ones, and report per recipient. Sending itself is the
// runner's (runner.ts); this class owns the campaign's lifecycle and what the screens read.
//
//   draft ──start──▶ scheduled ──(time)──▶ running ──▶ completed
//     │                  │                  │  ▲            │
//     │                  └──start now──────▶│  │resume      │retry failed → running
//     │                                     ▼  │
//     └──remove                            paused        (scheduled/running/paused) ──cancel──▶ cancelled
import { randomUUID } from 'node:crypto';
import { binaryCsvProblem, type BroadcastChannelInput, type BroadcastChannelOutput, type Campaign, type CampaignStatus, type ContactPick, type ImportPreview } from '../../../shared/broadcast';
import type { PacingRule } from '../../../shared/model';
import { fillTemplate } from '../../../shared/placeholders';
import type { AccountsService } from '../accounts';
import { AppFailure, notFound } from '../errors';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox';
import { silentLogger, type Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import { BroadcastsRepo, CAMPAIGN_CANCELLED, CAMPAIGN_CANCELLED_WORDING, type CampaignRecord } from '../store/broadcasts';
import type { Db } from '../store/db';
import type { TemplatesRepo } from '../store/templates';
import { parseCsv } from './csv';
import { reportCsv, reportFileName } from './export';
import { ImportCache } from './imports';
import { planRecipients, readyProblem, sendable } from './plan';
import { etaMs, RateTracker, Throttle } from './progress';
import { BroadcastRunner } from './runner';

export interface BroadcastDeps {
  db: Db;
  /** messages:changed drives each recipient's status. */
  bus: Pick<EventBus, 'subscribe'>;
  /** The only way a campaign sends: startThread + send queue into the durable outbox; cancel withdraws. */
  inbox: Pick<InboxService, 'startThread' | 'send' | 'cancel'>;
  outbox: Pick<Outbox, 'retry'>;
  templates: Pick<TemplatesRepo, 'get'>;
  accounts: Pick<AccountsService, 'get' | 'adapterOf'>;
  defaultCountry: () => string;
  /** The account's pacing rule (for the hand-over window and the ETA); null when unknown. */
  pacingRule: (accountId: string) => PacingRule | null;
  /** Emits `broadcasts:changed`; called at most ~4 times a second per campaign. */
  publish: (campaign: Campaign) => void;
  log?: Logger;
  /** Most recipients kept queued in the outbox per campaign (default 50). */
  maxAhead?: number;
}

/** A start time closer than this is "now". */
const NOW_SLACK_MS = 1_000;
const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const conflict = (message: string): AppFailure => new AppFailure('conflict', message);

export class BroadcastService {
  private readonly repo: BroadcastsRepo;
  private readonly imports = new ImportCache();
  private readonly rates = new RateTracker();
  private readonly throttle: Throttle;
  private readonly runner: BroadcastRunner;
  private readonly log: Logger;

  constructor(private readonly d: BroadcastDeps) {
    this.repo = new BroadcastsRepo(d.db);
    this.log = d.log ?? silentLogger;
    this.throttle = new Throttle((id) => {
      const c = this.repo.campaign(id);
      if (c) d.publish(this.view(c));
    });
    this.runner = new BroadcastRunner({
      db: d.db,
      repo: this.repo,
      bus: d.bus,
      inbox: d.inbox,
      outbox: d.outbox,
      sendable: (c) => sendable(d, c),
      readyProblem: (c) => readyProblem(d, this.repo, c),
      pacingRule: (accountId) => this.pacing(accountId),
      maxAhead: d.maxAhead ?? 50,
      rates: this.rates,
      changed: (id) => this.throttle.changed(id),
      log: this.log,
    });
  }

  /** Resumes running campaigns and arms scheduled ones; call after the outbox has started. */
  start(): void {
    this.runner.start();
  }

  /** Stops handing over (the outbox keeps what it holds); call before the outbox stops. */
  stop(): void {
    this.runner.stop();
    this.throttle.stop();
    this.imports.clear();
  }

  async importCsv(csvText: string): Promise<ImportPreview> {
    const binary = binaryCsvProblem(csvText);
    if (binary) throw new AppFailure('validation', binary.message).keyed(binary.key, binary.params);
    const csv = await parseCsv(csvText);
    const importId = this.imports.add(csv);
    const width = csv.columns.length;
    const sampleRows = csv.rows.slice(0, 5).map((r) => Array.from({ length: width }, (_, i) => r.cells[i] ?? ''));
    return { importId, columns: csv.columns, sampleRows, rowCount: csv.rows.length, delimiter: csv.delimiter };
  }

  async create(input: BroadcastChannelInput<'broadcasts:create'>): Promise<BroadcastChannelOutput<'broadcasts:create'>> {
    const { built } = await planRecipients(this.d, this.imports, this.repo, input);
    const id = randomUUID();
    this.repo.insertCampaign({ id, accountId: input.accountId, templateId: input.templateId, name: input.name.trim(), variables: input.variables, createdAt: Date.now() }, built.recipients);
    return { campaign: this.get(id), rejected: built.rejected, rejectedCount: built.rejectedCount, duplicateCount: built.duplicateCount };
  }

  preview(campaignId: string, row?: number): BroadcastChannelOutput<'broadcasts:preview'> {
    const c = this.record(campaignId);
    const recipient = this.repo.atRow(c.id, row);
    if (!recipient) {
      throw row === undefined
        ? new AppFailure('not_found', 'This campaign has no recipients.').keyed('errors.campaign.noRecipients')
        : new AppFailure('not_found', `No recipient is on row ${row}: that row was left out or is not in the file.`).keyed('errors.campaign.noRecipientOnRow', { row });
    }
    const template = this.d.templates.get(c.templateId);
    if (!template) throw new AppFailure('not_found', 'The template this campaign uses was removed, so there is nothing to preview.').keyed('errors.campaign.templateRemoved');
    return { text: fillTemplate(template.body, recipient.values), recipient };
  }

  list(): Campaign[] {
    return this.repo.campaigns().map((c) => this.view(c));
  }

  get(campaignId: string): Campaign {
    return this.view(this.record(campaignId));
  }

  recipients(input: BroadcastChannelInput<'broadcasts:recipients'>): BroadcastChannelOutput<'broadcasts:recipients'> {
    const c = this.record(input.campaignId);
    return this.repo.page(c.id, input.status, input.offset ?? 0, input.limit ?? 100);
  }

  /** Starts now, or schedules when `at` is later than now; both re-check the template and every value. */
  startCampaign(campaignId: string, at?: number): Campaign {
    const c = this.record(campaignId);
    if (c.status === 'paused') throw conflict('This campaign is paused. Resume it instead.').keyed('errors.campaign.paused');
    if (c.status !== 'draft' && c.status !== 'scheduled') {
      throw c.status === 'running'
        ? conflict('This campaign has already started.').keyed('errors.campaign.alreadyStarted')
        : c.status === 'completed'
          ? conflict('This campaign has already finished.').keyed('errors.campaign.alreadyFinished')
          : conflict('This campaign has already been cancelled.').keyed('errors.campaign.alreadyCancelled');
    }
    const now = Date.now();
    if (at !== undefined && at > now + MAX_SCHEDULE_AHEAD_MS) throw new AppFailure('validation', 'Pick a start time within the next year.').keyed('errors.campaign.withinYear');
    const problem = readyProblem(this.d, this.repo, c);
    if (problem) throw problem;
    const later = at !== undefined && at > now + NOW_SLACK_MS;
    const moved = later
      ? this.repo.transition(c.id, ['draft', 'scheduled'], 'scheduled', { scheduledAt: at, error: null })
      : this.repo.transition(c.id, ['draft', 'scheduled'], 'running', { startedAt: now, error: null });
    if (!moved) throw conflict('The campaign changed meanwhile; look at it again.').keyed('errors.campaign.changed');
    const next = this.record(c.id);
    if (later) this.runner.arm(next);
    else {
      this.runner.disarm(c.id);
      this.runner.wake(c.id);
    }
    return this.announce(next);
  }

  pause(campaignId: string): Campaign {
    const c = this.record(campaignId);
    if (!this.repo.transition(c.id, ['running'], 'paused', { error: null })) throw this.notRunning(c.status);
    return this.announce(this.record(c.id));
  }

  resume(campaignId: string): Campaign {
    const c = this.record(campaignId);
    if (c.status !== 'paused') {
      throw c.status === 'running'
        ? conflict('This campaign is already running.').keyed('errors.campaign.alreadyRunning')
        : conflict('Only a paused campaign can be resumed.').keyed('errors.campaign.onlyPausedResume');
    }
    const problem = readyProblem(this.d, this.repo, c);
    if (problem) throw problem;
    if (!this.repo.transition(c.id, ['paused'], 'running', { error: null, startedAt: c.startedAt ?? Date.now() })) throw conflict('The campaign changed meanwhile; look at it again.').keyed('errors.campaign.changed');
    this.runner.wake(c.id);
    return this.announce(this.record(c.id));
  }

  /**
   * Nobody else gets it: recipients still waiting are cancelled and messages still queued in the
   * outbox are withdrawn. One already on its way to the provider can't be called back; it
   * finishes and its recipient shows how it went.
   */
  cancel(campaignId: string): Campaign {
    const c = this.record(campaignId);
    if (c.status === 'draft') throw conflict('A draft has not sent anything; remove it instead.').keyed('errors.campaign.draftNothingSent');
    if (c.status === 'completed' || c.status === 'cancelled') {
      throw c.status === 'completed'
        ? conflict('This campaign has already finished.').keyed('errors.campaign.alreadyFinished')
        : conflict('This campaign has already been cancelled.').keyed('errors.campaign.alreadyCancelled');
    }
    this.d.db.transaction(() => {
      if (!this.repo.transition(c.id, ['scheduled', 'running', 'paused'], 'cancelled', { finishedAt: Date.now() })) throw conflict('The campaign changed meanwhile; look at it again.').keyed('errors.campaign.changed');
      this.repo.cancelPending(c.id);
    })();
    this.runner.disarm(c.id);
    for (const q of this.repo.queuedMessages(c.id)) {
      try {
        this.d.inbox.cancel(q.messageId, CAMPAIGN_CANCELLED, CAMPAIGN_CANCELLED_WORDING);
        this.repo.markCancelled(q.id);
      } catch (err) {
        // Already on the wire (or settled meanwhile): it follows its message like any other.
        if (!(err instanceof AppFailure && (err.code === 'conflict' || err.code === 'not_found'))) throw err;
      }
    }
    this.rates.forget(c.id);
    return this.announce(this.record(c.id));
  }

  /** Failed recipients go back in line; their own messages are sent again (not a second copy). */
  retryFailed(campaignId: string): Campaign {
    const c = this.record(campaignId);
    if (c.status === 'cancelled') throw conflict('This campaign was cancelled. Make a new campaign to send to these numbers again.').keyed('errors.campaign.wasCancelled');
    if (c.status === 'draft' || c.status === 'scheduled') throw conflict('This campaign has not sent anything yet.').keyed('errors.campaign.nothingSentYet');
    if (c.status === 'completed') {
      const s = sendable(this.d, c);
      if ('problem' in s) throw s.problem;
    }
    const reset = this.d.db.transaction(() => {
      const n = this.repo.resetFailed(c.id);
      if (n > 0 && c.status === 'completed') this.repo.transition(c.id, ['completed'], 'running', { finishedAt: null, error: null });
      return n;
    })();
    if (reset === 0) throw new AppFailure('validation', 'Nothing to retry: no message of this campaign has failed.').keyed('errors.campaign.nothingToRetry');
    this.runner.wake(c.id);
    return this.announce(this.record(c.id));
  }

  exportCsv(campaignId: string): { fileName: string; csv: string } {
    const c = this.record(campaignId);
    return { fileName: reportFileName(c.name), csv: reportCsv(Object.keys(c.variables), this.repo.all(c.id)) };
  }

  remove(campaignId: string): boolean {
    const c = this.record(campaignId);
    if (c.status === 'scheduled' || c.status === 'running' || c.status === 'paused') throw conflict('Cancel the campaign before removing it.').keyed('errors.campaign.cancelBeforeRemove');
    this.rates.forget(c.id);
    return this.repo.remove(c.id);
  }

  contacts(search?: string, accountId?: string): ContactPick[] {
    return this.repo.contacts(search, accountId);
  }

  private record(id: string): CampaignRecord {
    const c = this.repo.campaign(id);
    if (!c) throw notFound('This campaign');
    return c;
  }

  private view(c: CampaignRecord): Campaign {
    const totals = this.repo.totals(c.id);
    const eta = etaMs(c.status, totals, this.rates.perMs(c.id), c.status === 'running' ? this.pacing(c.accountId) : null);
    return { ...c, totals, etaMs: eta };
  }

  /** The campaign's view, and the screens told about it. */
  private announce(c: CampaignRecord): Campaign {
    this.throttle.changed(c.id);
    return this.view(c);
  }

  private pacing(accountId: string): PacingRule | null {
    try {
      return this.d.pacingRule(accountId);
    } catch {
      return null;
    }
  }

  private notRunning(status: CampaignStatus): AppFailure {
    if (status === 'paused') return conflict('This campaign is already paused.').keyed('errors.campaign.alreadyPaused');
    if (status === 'scheduled') return conflict('This campaign has not started yet. Cancel it, or start it now.').keyed('errors.campaign.notStartedYet');
    return conflict('Only a running campaign can be paused.').keyed('errors.campaign.onlyRunningPause');
  }
}
