// How fast each account may send. A token bucket per account, plus for QR-linked gateways a
// random gap between messages: unofficial gateways drive a real phone, and WhatsApp bans numbers
// that send in machine-regular bursts.
import type { PacingRule, ProviderId } from '../../../shared/model';

export type { PacingRule };

export const defaultPacing: Record<ProviderId, PacingRule> = {
  'bot-api': { perMinute: 6, burst: 1, gapMs: [4_000, 12_000] },
  mconnect: { perMinute: 6, burst: 1, gapMs: [4_000, 12_000] },
  omnichat: { perMinute: 6, burst: 1, gapMs: [4_000, 12_000] },
  infobip: { perMinute: 1200, burst: 20, gapMs: [0, 0] },
  qontak: { perMinute: 300, burst: 5, gapMs: [0, 0] },
};

interface Bucket {
  /** Theoretical time the next message may go (GCRA), so timer lateness does not eat into the rate. */
  tat: number;
  notBefore: number;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ruleFor: (accountId: string) => PacingRule,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Takes a send slot for the account, or says how long to wait (ms) before one is free. */
  take(accountId: string): { ok: true } | { ok: false; waitMs: number } {
    const rule = this.ruleFor(accountId);
    if (rule.perMinute <= 0) return { ok: true };
    const t = this.now();
    const interval = 60_000 / rule.perMinute;
    const b = this.buckets.get(accountId) ?? { tat: t, notBefore: 0 };
    this.buckets.set(accountId, b);
    if (t < b.notBefore) return { ok: false, waitMs: Math.ceil(b.notBefore - t) };
    // Up to `burst` messages may go ahead of schedule; a late wake-up keeps its place (up to half an interval).
    const earliest = b.tat - (rule.burst - 1) * interval;
    if (t < earliest) return { ok: false, waitMs: Math.ceil(earliest - t) };
    b.tat = Math.max(b.tat, t - interval / 2) + interval;
    const [min, max] = rule.gapMs;
    if (max > 0) b.notBefore = t + min + this.random() * (max - min);
    return { ok: true };
  }

  /** Forgets an account's state (its rule changed or it was removed). */
  reset(accountId: string): void {
    this.buckets.delete(accountId);
  }
}
