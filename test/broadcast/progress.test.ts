// Progress figures and how often the screens hear about them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aheadFor, etaMs, RateTracker, Throttle } from '../../electron/services/broadcast/progress';
import { broadcastChannels } from '../../shared/broadcast';

const totals = { total: 100, pending: 80, queued: 10, sent: 10, delivered: 0, read: 0, failed: 0, cancelled: 0 };
const rule = (perMinute: number, gapMs: [number, number] = [0, 0]) => ({ perMinute, burst: 1, gapMs });

afterEach(() => vi.useRealTimers());

describe('time remaining', () => {
  it('comes from the account pacing until sends are observed, then from the observed rate', () => {
    expect(etaMs('running', totals, null, rule(60))).toBe(90_000);
    // A random gap slower than the rate is what really limits a QR gateway.
    expect(etaMs('running', totals, null, rule(6, [4_000, 12_000]))).toBe(900_000);
    expect(etaMs('running', totals, 1 / 100, rule(60))).toBe(9_000);
    expect(etaMs('running', totals, null, rule(0))).toBeNull();
    expect(etaMs('paused', totals, 1 / 100, rule(60))).toBeNull();
    expect(etaMs('running', { ...totals, pending: 0, queued: 0 }, null, rule(60))).toBe(0);
  });

  it('measures the rate over the last minute once there are a few sends', () => {
    let now = 0;
    const rates = new RateTracker(() => now);
    for (let i = 0; i < 4; i++) rates.record('c');
    expect(rates.perMs('c')).toBeNull();
    now = 2_000;
    rates.record('c');
    expect(rates.perMs('c')).toBeCloseTo(5 / 2_000);
    now = 120_000;
    expect(rates.perMs('c')).toBeNull();
  });
});

describe('hand-over window', () => {
  it('keeps about 15 seconds of sending in the outbox, between 2 and the maximum', () => {
    expect(aheadFor(rule(0), 50)).toBe(50);
    expect(aheadFor(rule(1200), 50)).toBe(50);
    expect(aheadFor(rule(60), 50)).toBe(15);
    expect(aheadFor(rule(6, [4_000, 12_000]), 50)).toBe(2);
  });
});

describe('throttled updates', () => {
  it('shows the first change at once and then at most every 250 ms, never losing the last', () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const throttle = new Throttle(() => seen.push(Date.now()), 250);
    const start = Date.now();
    for (let t = 0; t < 1_000; t += 10) {
      throttle.changed('c');
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(300);
    expect(seen.length).toBeLessThanOrEqual(5);
    expect(seen[0]).toBe(start);
    expect(seen.at(-1)! - start).toBeGreaterThanOrEqual(990);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(250);
  });
});

describe('the channel contract', () => {
  it.each(Object.keys(broadcastChannels) as (keyof typeof broadcastChannels)[])('%s refuses malformed input', (channel) => {
    for (const bad of ['a string', 42, [], { unexpectedField: true }]) expect(broadcastChannels[channel].input.safeParse(bad).success).toBe(false);
  });
});
