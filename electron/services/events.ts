import type { EventName, EventPayload } from '../../shared/ipc';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** One event as it travels to a window: its name and payload. */
export type BusEvent = [EventName, unknown];

/** Main → renderer events, fanned out to whichever transports are attached. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * What an event describes: events with the same key carry the whole new state of the same thing,
 * so within one batch only the last of them matters. A removal shares its instance's key, so the
 * window sees whichever came last.
 */
export function eventKey(event: EventName, payload: unknown): string {
  const id = (payload as { id?: unknown } | null)?.id;
  switch (event) {
    case 'threads:changed':
    case 'messages:changed':
    case 'broadcasts:changed':
      return typeof id === 'string' ? `${event}:${id}` : `${event}:${Math.random()}`;
    case 'instances:changed':
    case 'instances:removed':
      return typeof id === 'string' ? `instance:${id}` : `${event}:${Math.random()}`;
    default:
      // accounts:changed and webhooks:changed carry the whole list/status each time.
      return event;
  }
}

export interface CoalesceOptions {
  /** How long events gather before they go out together (ms). */
  windowMs?: number;
  /** Timers, for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/**
 * Subscribes to the bus and hands events over in batches: at most one batch per window, each
 * thing's latest state once, in the order things last changed. A 1,000-recipient broadcast emits
 * several events per recipient per second; a window sent one frame per event spends all its time
 * re-rendering, while one frame per window keeps it answering clicks.
 */
export function subscribeCoalesced(bus: EventBus, deliver: (batch: BusEvent[]) => void, opts: CoalesceOptions = {}): () => void {
  const windowMs = opts.windowMs ?? 50;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let pending = new Map<string, BusEvent>();
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (closed || pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    deliver(batch);
  };
  const off = bus.subscribe((event, payload) => {
    const key = eventKey(event, payload);
    // Re-inserting moves the key to the end: the batch keeps the order of each thing's last change.
    pending.delete(key);
    pending.set(key, [event, payload]);
    if (!scheduled) {
      scheduled = true;
      setTimer(flush, windowMs);
    }
  });
  return () => {
    closed = true;
    off();
  };
}
