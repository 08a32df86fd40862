import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/services/errors';
import { Pacer, defaultPacing } from '../../electron/services/outbox/pacing';
import { MAX_SERVER_ATTEMPTS, backoffMs, classify } from '../../electron/services/outbox/retry';
import { retryAfterMs } from '../../electron/services/providers/http';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('pacing', () => {
  it('lets a burst through, then one message per interval', () => {
    const c = clock();
    const pacer = new Pacer(() => ({ perMinute: 60, burst: 3, gapMs: [0, 0] }), c.now);
    expect([pacer.take('a'), pacer.take('a'), pacer.take('a')].every((r) => r.ok)).toBe(true);
    const wait = pacer.take('a');
    expect(wait).toEqual({ ok: false, waitMs: 1000 });
    c.advance(999);
    expect(pacer.take('a').ok).toBe(false);
    c.advance(1);
    expect(pacer.take('a').ok).toBe(true);
  });

  it('keeps accounts apart', () => {
    const pacer = new Pacer(() => ({ perMinute: 1, burst: 1, gapMs: [0, 0] }), clock().now);
    expect(pacer.take('a').ok).toBe(true);
    expect(pacer.take('b').ok).toBe(true);
    expect(pacer.take('a').ok).toBe(false);
  });

  it('adds a random gap between messages for QR gateways', () => {
    const c = clock();
    const pacer = new Pacer(() => ({ perMinute: 6000, burst: 10, gapMs: [4000, 12000] }), c.now, () => 0.5);
    expect(pacer.take('a').ok).toBe(true);
    expect(pacer.take('a')).toEqual({ ok: false, waitMs: 8000 });
    c.advance(8000);
    expect(pacer.take('a').ok).toBe(true);
  });

  it('does not pace when pacing is off', () => {
    const pacer = new Pacer(() => ({ perMinute: 0, burst: 1, gapMs: [0, 0] }), clock().now);
    for (let i = 0; i < 1000; i++) expect(pacer.take('a').ok).toBe(true);
  });

  it('is conservative by default for QR gateways', () => {
    for (const p of ['bot-api', 'mconnect', 'omnichat'] as const) {
      expect(defaultPacing[p].perMinute).toBeLessThanOrEqual(10);
      expect(defaultPacing[p].gapMs[0]).toBeGreaterThan(0);
    }
    expect(defaultPacing.infobip.perMinute).toBeGreaterThan(defaultPacing['bot-api'].perMinute);
  });
});

describe('retry decisions', () => {
  const network = new AppFailure('unreachable', 'down', 'ECONNREFUSED', { kind: 'network' });
  const server = new AppFailure('unreachable', 'HTTP 503', undefined, { kind: 'server' });
  const limited = new AppFailure('unreachable', 'HTTP 429', undefined, { kind: 'rate', retryAfterMs: 30_000 });
  const rejected = new AppFailure('unexpected_response', 'The gateway refused the request: Invalid chatId');

  it('never retries a provider rejection, and says why', () => {
    expect(classify(rejected, 1)).toEqual({ retry: false, reason: 'The gateway refused the request: Invalid chatId', wording: null, permanent: true });
  });

  it('keeps the wording of a keyed failure beside its reason, details and all', () => {
    const keyed = new AppFailure('unexpected_response', 'Qontak Hub gave an answer Switchboard didn\'t expect. The details below may help its support team.', 'HTTP 200: {"ok":false}').keyed('errors.provider.unexpected', { provider: 'Qontak Hub' });
    const v = classify(keyed, 1);
    expect(v).toMatchObject({ retry: false, permanent: true, reason: `${keyed.message} (HTTP 200: {"ok":false})` });
    expect(v.wording).toEqual({
      key: 'errors.outbox.withDetail',
      params: { detail: 'HTTP 200: {"ok":false}', reason: keyed.message, reasonWording: JSON.stringify({ key: 'errors.provider.unexpected', params: { provider: 'Qontak Hub' } }) },
    });
    expect(classify(new AppFailure('validation', 'Pick a template first.').keyed('errors.send.pickTemplate'), 1).wording).toEqual({ key: 'errors.send.pickTemplate' });
  });

  it('retries network trouble before the request left for as long as it lasts', () => {
    expect(classify(network, 50, () => 0.5).retry).toBe(true);
  });

  it('never retries a request that may have reached the provider: in doubt instead', () => {
    const lost = new AppFailure('unreachable', 'reset', 'UND_ERR_SOCKET', { kind: 'network', maybeDelivered: true });
    const http500 = new AppFailure('unreachable', 'HTTP 500', undefined, { kind: 'server', maybeDelivered: true });
    expect(classify(lost, 1)).toMatchObject({ retry: false, inDoubt: true, reason: expect.stringMatching(/Not known whether/) });
    expect(classify(lost, 1).wording).toEqual({ key: 'errors.outbox.inDoubt', params: { reason: 'reset (UND_ERR_SOCKET)' } });
    expect(classify(http500, 1)).toMatchObject({ retry: false, inDoubt: true });
    // Before the provider call (credentials, preparing a file) nothing can have left.
    expect(classify(lost, 1, () => 0.5, false).retry).toBe(true);
  });

  it('keeps waiting while the keychain does not answer, checking at least every 30 s', () => {
    const locked = new AppFailure('keychain_unavailable', 'locked');
    const v = classify(locked, 40, () => 1);
    expect(v).toMatchObject({ retry: true });
    expect(v.retry && v.delayMs).toBe(30_000);
  });

  it('retries a provider hiccup a bounded number of times', () => {
    expect(classify(server, 1).retry).toBe(true);
    expect(classify(server, MAX_SERVER_ATTEMPTS)).toMatchObject({ retry: false, permanent: false, reason: expect.stringContaining(`gave up after ${MAX_SERVER_ATTEMPTS} tries`) });
    expect(classify(server, MAX_SERVER_ATTEMPTS).wording).toEqual({ key: 'errors.outbox.gaveUp', params: { count: MAX_SERVER_ATTEMPTS, reason: 'HTTP 503' } });
  });

  it('waits at least as long as Retry-After says', () => {
    const v = classify(limited, 1, () => 0);
    expect(v.retry && v.delayMs).toBe(30_000);
  });

  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(1, () => 1)).toBe(2000);
    expect(backoffMs(4, () => 1)).toBe(16_000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(2_000_000).toUTCString(), 1_000_000)).toBe(1_000_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
