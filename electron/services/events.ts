import type { EventName, EventPayload } from '../../shared/ipc';

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

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
