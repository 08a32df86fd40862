// Live updates reach a window in batches: each thing's latest state once per window, in the order
// things last changed, so a busy broadcast cannot flood the renderer with one frame per event.
import { describe, expect, it } from 'vitest';
import { subscribeCoalesced, EventBus, type BusEvent } from '../../electron/services/events';
import type { Message, Thread } from '../../shared/model';

const thread = (id: string, unread: number) => ({ id, unread }) as unknown as Thread;
const message = (id: string, status: string) => ({ id, status }) as unknown as Message;

function harness() {
  const bus = new EventBus();
  const batches: BusEvent[][] = [];
  const timers: (() => void)[] = [];
  const off = subscribeCoalesced(bus, (b) => batches.push(b), { setTimer: (fn) => timers.push(fn) });
  const tick = () => timers.splice(0).forEach((fn) => fn());
  return { bus, batches, tick, off };
}

describe('coalesced events', () => {
  it('sends nothing until the window closes, then one batch with each thing once, at its latest state', () => {
    const { bus, batches, tick } = harness();
    for (let i = 0; i < 500; i++) {
      bus.emit('messages:changed', message(`m${i % 50}`, i < 450 ? 'sending' : 'sent'));
      bus.emit('threads:changed', thread(`t${i % 50}`, i));
    }
    expect(batches).toHaveLength(0);
    tick();
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch).toHaveLength(100);
    expect(batch!.filter(([e]) => e === 'messages:changed').every(([, p]) => (p as { status: string }).status === 'sent')).toBe(true);
    expect(batch!.find(([e, p]) => e === 'threads:changed' && (p as Thread).id === 't7')![1]).toMatchObject({ unread: 457 });
  });

  it('keeps the order in which things last changed, and a removal after a change wins', () => {
    const { bus, batches, tick } = harness();
    bus.emit('instances:changed', { id: 'i1' } as never);
    bus.emit('threads:changed', thread('a', 1));
    bus.emit('instances:removed', { id: 'i1' });
    bus.emit('webhooks:changed', { port: 1 } as never);
    bus.emit('webhooks:changed', { port: 2 } as never);
    tick();
    expect(batches[0]!.map(([e]) => e)).toEqual(['threads:changed', 'instances:removed', 'webhooks:changed']);
    expect(batches[0]![2]![1]).toEqual({ port: 2 });
  });

  it('opens a new window for events after a flush, and stops delivering once unsubscribed', () => {
    const { bus, batches, tick, off } = harness();
    bus.emit('threads:changed', thread('a', 1));
    tick();
    bus.emit('threads:changed', thread('a', 2));
    tick();
    expect(batches.map((b) => (b[0]![1] as Thread).unread)).toEqual([1, 2]);
    bus.emit('threads:changed', thread('a', 3));
    off();
    tick();
    expect(batches).toHaveLength(2);
  });
});
