// How far a campaign is and how long it still needs, and telling the screens without flooding
// them: a 10,000-recipient campaign changes thousands of times, the window needs a few frames a
// second at most.
import type { CampaignStatus, CampaignTotals } from '../../../shared/broadcast';
import type { PacingRule } from '../../../shared/model';

const WINDOW_MS = 60_000;
const MIN_SAMPLES = 5;
const MAX_SAMPLES = 500;

/** Recent "a message left the outbox" times per campaign, for the observed sending rate. */
export class RateTracker {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  record(campaignId: string): void {
    const list = this.seen.get(campaignId) ?? [];
    list.push(this.now());
    if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
    this.seen.set(campaignId, list);
  }

  /** Messages per ms over the last minute, or null with too few to say. */
  perMs(campaignId: string): number | null {
    const now = this.now();
    const list = (this.seen.get(campaignId) ?? []).filter((t) => t >= now - WINDOW_MS);
    this.seen.set(campaignId, list);
    if (list.length < MIN_SAMPLES) return null;
    const span = Math.max(now - list[0]!, 1_000);
    return list.length / span;
  }

  forget(campaignId: string): void {
    this.seen.delete(campaignId);
  }
}

/** The pace the account's rule allows, in messages per ms; null when pacing is off. */
export function pacedPerMs(rule: PacingRule): number | null {
  if (rule.perMinute <= 0) return null;
  const interval = Math.max(60_000 / rule.perMinute, (rule.gapMs[0] + rule.gapMs[1]) / 2);
  return 1 / interval;
}

/**
 * Time until every remaining recipient is sent: from the rate actually observed when there is
 * one (it includes the provider's speed and other traffic on the account), else from the
 * account's pacing. Unknown (null) before any evidence with pacing off, and when not running.
 */
export function etaMs(status: CampaignStatus, totals: CampaignTotals, observedPerMs: number | null, rule: PacingRule | null): number | null {
  if (status !== 'running') return null;
  const remaining = totals.pending + totals.queued;
  if (remaining === 0) return 0;
  const rate = observedPerMs ?? (rule ? pacedPerMs(rule) : null);
  return rate ? Math.round(remaining / rate) : null;
}

/** How many recipients to keep in the outbox ahead of sending: about 15 s of the account's pace, within [2, max]. */
export function aheadFor(rule: PacingRule | null, max: number): number {
  const rate = rule ? pacedPerMs(rule) : null;
  if (rate === null) return max;
  return Math.max(2, Math.min(max, Math.ceil(rate * 15_000)));
}

/** Leading-and-trailing throttle per key: the first change shows at once, later ones at most every `intervalMs`. */
export class Throttle {
  private readonly last = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly emit: (key: string) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  changed(key: string): void {
    if (this.timers.has(key)) return;
    const wait = (this.last.get(key) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) return this.fire(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.fire(key);
    }, wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private fire(key: string): void {
    this.last.set(key, this.now());
    this.emit(key);
  }
}
