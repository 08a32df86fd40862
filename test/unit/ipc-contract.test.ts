import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../shared/ipc';
import { createRouter } from '../../electron/ipc/router';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('IPC contract', () => {
  it('has exactly one handler for every channel, and nothing else', () => {
    expect(Object.keys(t.app.handlers).sort()).toEqual([...channelNames].sort());
    expect(t.router.channels).toEqual(channelNames);
  });

  it('refuses to build a router with a channel left unhandled', () => {
    const { 'accounts:list': _dropped, ...rest } = t.app.handlers;
    expect(() => createRouter(rest as typeof t.app.handlers)).toThrow(/accounts:list/);
  });

  it.each(channelNames)('%s answers malformed input with a clear validation error, never a throw', async (channel) => {
    for (const bad of ['a string', 42, [], { unexpectedField: true }]) {
      const r = await t.router.dispatch(channel, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        expect(r.error.message.length).toBeGreaterThan(5);
      }
    }
  });

  it('names the offending field in words', async () => {
    const r = await t.router.dispatch('accounts:create', { provider: 'bot-api', name: '  ', config: {}, secrets: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'name: Give the account a name' } });
    const s = await t.router.dispatch('messages:sendText', { threadId: 'x', text: '' });
    expect(r.ok || s.ok).toBe(false);
    expect(!s.ok && s.error.message).toBe('text: Type a message first');
  });

  it('refuses an unknown channel without calling anything', async () => {
    const r = await t.router.dispatch('accounts:dropTables', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('turns a service failure into a result, not an exception', async () => {
    const r = await t.router.dispatch('threads:messages', { threadId: 'no-such-thread' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('declares input and output schemas for each channel', () => {
    for (const c of channelNames) {
      expect(channels[c].input.safeParse).toBeTypeOf('function');
      expect(channels[c].output.safeParse).toBeTypeOf('function');
    }
  });
});
