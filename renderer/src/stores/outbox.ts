// The Outbox: every outgoing message not yet settled (queued, sending, in doubt, failed in the last
// week), kept live by `messages:changed`. A message that settles (sent, delivered, read, or a failure
// older than a week) leaves the list. The operator's actions on a message (retry, cancel, settle)
// live here too, and update both this list and the open conversation.
import { create } from 'zustand';
import type { AppError, Message, MessageStatus } from '../../../shared/model';
import { call, toAppError } from '../api';
import { useInbox } from './inbox';

export type OutboxStatus = Extract<MessageStatus, 'queued' | 'sending' | 'in_doubt' | 'failed'>;
/** The order the Outbox shows its groups in: what needs a decision first. */
export const outboxStatuses: OutboxStatus[] = ['in_doubt', 'failed', 'sending', 'queued'];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Whether a message belongs in the Outbox (the same rule the main side lists by). */
export function isUnsettled(m: Message, now = Date.now()): boolean {
  if (m.direction !== 'out') return false;
  if (m.status === 'queued' || m.status === 'sending' || m.status === 'in_doubt') return true;
  return m.status === 'failed' && m.at > now - WEEK_MS;
}

type OutboxState = {
  byId: Record<string, Message>;
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
  /** A message as the main side now has it: kept, replaced or dropped. */
  apply(message: Message): void;
  /** A batch of live updates in one store change. */
  applyMany(messages: Message[]): void;
};

// Events that arrive while a load is in flight are at least as new as its answer.
const loads = new Set<Map<string, Message>>();

export const useOutbox = create<OutboxState>()((set, get) => ({
  byId: {},
  loaded: false,
  loading: false,
  error: null,

  async load() {
    set({ loading: true, error: null });
    const seen = new Map<string, Message>();
    loads.add(seen);
    try {
      const list = await call('outbox:list', {});
      const byId: Record<string, Message> = Object.fromEntries(list.map((m) => [m.id, m]));
      for (const [id, m] of seen) {
        if (isUnsettled(m)) byId[id] = m;
        else delete byId[id];
      }
      set({ byId, loaded: true, loading: false });
    } catch (err) {
      set({ error: toAppError(err), loading: false });
    } finally {
      loads.delete(seen);
    }
  },

  apply(message) {
    get().applyMany([message]);
  },

  applyMany(messages) {
    const byId = { ...get().byId };
    let changed = false;
    for (const message of messages) {
      if (message.direction !== 'out') continue;
      for (const seen of loads) seen.set(message.id, message);
      if (isUnsettled(message)) {
        byId[message.id] = message;
        changed = true;
      } else if (byId[message.id]) {
        delete byId[message.id];
        changed = true;
      }
    }
    if (changed) set({ byId });
  },
}));

/**
 * Lays an action's answer over both stores, unless an event about the message got there first
 * (then the store already holds something newer than the answer, and stepping back would lie).
 */
function applyAnswer(before: Message, after: Message): Message {
  const stale = (current: Message | undefined) => !current || (current.status === before.status && current.attempts === before.attempts);
  const outbox = useOutbox.getState();
  if (stale(outbox.byId[after.id])) outbox.apply(after);
  const inbox = useInbox.getState();
  if (stale(inbox.messages[after.threadId]?.list.find((m) => m.id === after.id))) inbox.upsertMessage(after);
  return after;
}

/** Queues a failed or in-doubt message again. */
export async function retryMessage(message: Message): Promise<Message> {
  return applyAnswer(message, await call('messages:retry', { id: message.id }));
}

/** Stops a message that is still waiting to be sent (it becomes a failure "cancelled by you"). */
export async function cancelMessage(message: Message): Promise<Message> {
  return applyAnswer(message, await call('messages:cancel', { id: message.id }));
}

/** The operator's word on a message in doubt: it arrived, or it did not. */
export async function settleMessage(message: Message, outcome: 'markSent' | 'markFailed'): Promise<Message> {
  return applyAnswer(message, await call('messages:settle', { id: message.id, outcome }));
}
