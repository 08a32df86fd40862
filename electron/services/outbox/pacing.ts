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
  tokens: number;
  updatedAt: number;
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
    const perMs = rule.perMinute / 60_000;
    const b = this.buckets.get(accountId) ?? { tokens: rule.burst, updatedAt: t, notBefore: 0 };
    b.tokens = Math.min(rule.burst, b.tokens + (t - b.updatedAt) * perMs);
    b.updatedAt = t;
    this.buckets.set(accountId, b);
    if (t < b.notBefore) return { ok: false, waitMs: b.notBefore - t };
    if (b.tokens < 1) return { ok: false, waitMs: Math.ceil((1 - b.tokens) / perMs) };
    b.tokens -= 1;
    const [min, max] = rule.gapMs;
    if (max > 0) b.notBefore = t + min + this.random() * (max - min);
    return { ok: true };
  }

  /** Forgets an account's state (its rule changed or it was removed). */
  reset(accountId: string): void {
    this.buckets.delete(accountId);
  }
}
