// Threads and their messages. Events keep both live: a thread update replaces (and re-sorts) its
// row, a message update replaces the message with the same id or appends it.
import { create } from 'zustand';
import type { AppError, Message, Thread } from '../../../shared/model';
import type { ChannelInput } from '../../../shared/ipc';
import { call, toAppError } from '../api';

/** What the composer sends: text, a template, a file by link, a location, a contact, buttons or a list. */
export type Outgoing = ChannelInput<'messages:send'>['message'];

export type MessagesSlot = { list: Message[]; loaded: boolean; loading: boolean; error: AppError | null };

type InboxState = {
  threads: Record<string, Thread>;
  threadsLoaded: boolean;
  threadsLoading: boolean;
  threadsError: AppError | null;
  /** What is typed in the search box; `searchIds` holds the server's matches (null = not searching). */
  search: string;
  searchIds: string[] | null;
  searchError: AppError | null;
  unreadFirst: boolean;
  messages: Record<string, MessagesSlot>;
  loadThreads(): Promise<void>;
  setSearch(search: string): void;
  runSearch(): Promise<void>;
  setUnreadFirst(on: boolean): void;
  upsertThread(thread: Thread): void;
  /** Many thread updates in one store change (a batch of live events). */
  upsertThreads(threads: Thread[]): void;
  upsertMessage(message: Message, opts?: { keepExisting?: boolean }): void;
  /** Many message updates in one store change (a batch of live events). */
  upsertMessages(messages: Message[]): void;
  loadMessages(threadId: string): Promise<void>;
  markRead(threadId: string): Promise<void>;
  sendText(threadId: string, text: string): Promise<Message>;
  send(threadId: string, message: Outgoing): Promise<Message>;
  startThread(input: ChannelInput<'threads:start'>): Promise<Thread>;
};

let searchSeq = 0;

// Events that arrive while a load is in flight are newer than (or as new as) its answer: each load
// collects them here and lays them over the answer, so a reload never drops a live update.
const threadLoads = new Set<Map<string, Thread>>();
const messageLoads = new Set<{ threadId: string; seen: Map<string, Message> }>();

/** The same loose match the server does, for threads that arrive while a search is showing. */
function matches(thread: Thread, search: string): boolean {
  const q = search.trim().toLowerCase();
  return [thread.title, thread.phone, thread.lastMessage, thread.peerId].some((v) => v?.toLowerCase().includes(q));
}

const byTime = (a: Message, b: Message) => a.at - b.at;

export const useInbox = create<InboxState>()((set, get) => ({
  threads: {},
  threadsLoaded: false,
  threadsLoading: false,
  threadsError: null,
  search: '',
  searchIds: null,
  searchError: null,
  unreadFirst: false,
  messages: {},

  async loadThreads() {
    set({ threadsLoading: true, threadsError: null });
    const seen = new Map<string, Thread>();
    threadLoads.add(seen);
    try {
      const list = await call('threads:list', {});
      const threads: Record<string, Thread> = Object.fromEntries(list.map((t) => [t.id, t]));
      for (const [id, t] of seen) threads[id] = t;
      set({ threads, threadsLoaded: true, threadsLoading: false });
      if (get().search.trim()) await get().runSearch();
    } catch (err) {
      set({ threadsError: toAppError(err), threadsLoading: false });
    } finally {
      threadLoads.delete(seen);
    }
  },

  setSearch(search) {
    set({ search });
    if (!search.trim()) {
      searchSeq++;
      set({ searchIds: null, searchError: null });
    }
  },

  async runSearch() {
    const search = get().search.trim();
    const seq = ++searchSeq;
    if (!search) return;
    try {
      const found = await call('threads:list', { search });
      if (seq !== searchSeq) return; // a newer search has started
      const threads = { ...get().threads };
      for (const t of found) threads[t.id] = t;
      set({ threads, searchIds: found.map((t) => t.id), searchError: null });
    } catch (err) {
      if (seq === searchSeq) set({ searchError: toAppError(err) });
    }
  },

  setUnreadFirst: (unreadFirst) => set({ unreadFirst }),

  upsertThread(thread) {
    get().upsertThreads([thread]);
  },

  upsertThreads(list) {
    if (list.length === 0) return;
    const { searchIds, search } = get();
    const threads = { ...get().threads };
    let ids = searchIds;
    for (const thread of list) {
      for (const seen of threadLoads) seen.set(thread.id, thread);
      threads[thread.id] = thread;
      if (ids && !ids.includes(thread.id) && matches(thread, search)) ids = [thread.id, ...ids];
    }
    set({ threads, ...(ids !== searchIds ? { searchIds: ids } : {}) });
  },

  upsertMessage(message, opts) {
    for (const load of messageLoads) if (load.threadId === message.threadId) load.seen.set(message.id, message);
    const slot = get().messages[message.threadId];
    if (!slot?.loaded) return; // fetched in full when the thread is opened
    const index = slot.list.findIndex((m) => m.id === message.id);
    if (index >= 0 && opts?.keepExisting) return;
    const list = index >= 0 ? slot.list.map((m, i) => (i === index ? message : m)) : [...slot.list, message].sort(byTime);
    set({ messages: { ...get().messages, [message.threadId]: { ...slot, list } } });
  },

  upsertMessages(list) {
    const messages = { ...get().messages };
    let changed = false;
    for (const message of list) {
      for (const load of messageLoads) if (load.threadId === message.threadId) load.seen.set(message.id, message);
      const slot = messages[message.threadId];
      if (!slot?.loaded) continue; // fetched in full when the thread is opened
      const index = slot.list.findIndex((m) => m.id === message.id);
      const next = index >= 0 ? slot.list.map((m, i) => (i === index ? message : m)) : [...slot.list, message].sort(byTime);
      messages[message.threadId] = { ...slot, list: next };
      changed = true;
    }
    if (changed) set({ messages });
  },

  async loadMessages(threadId) {
    const before = get().messages[threadId];
    set({ messages: { ...get().messages, [threadId]: { list: before?.list ?? [], loaded: before?.loaded ?? false, loading: true, error: null } } });
    const load = { threadId, seen: new Map<string, Message>() };
    messageLoads.add(load);
    try {
      const fetched = await call('threads:messages', { threadId });
      const byId = new Map(fetched.map((m) => [m.id, m]));
      for (const [id, m] of load.seen) byId.set(id, m);
      const list = [...byId.values()].sort(byTime);
      set({ messages: { ...get().messages, [threadId]: { list, loaded: true, loading: false, error: null } } });
    } catch (err) {
      const slot = get().messages[threadId];
      set({ messages: { ...get().messages, [threadId]: { list: slot?.list ?? [], loaded: slot?.loaded ?? false, loading: false, error: toAppError(err) } } });
    } finally {
      messageLoads.delete(load);
    }
  },

  async markRead(threadId) {
    const thread = get().threads[threadId];
    if (!thread || thread.unread === 0) return;
    get().upsertThread({ ...thread, unread: 0 });
    try {
      get().upsertThread(await call('threads:markRead', { threadId }));
    } catch {
      // Put the count back so the badge stays honest; the next open tries again.
      const now = get().threads[threadId];
      if (now) get().upsertThread({ ...now, unread: Math.max(now.unread, thread.unread) });
    }
  },

  sendText(threadId, text) {
    return get().send(threadId, { kind: 'text', text });
  },

  async send(threadId, outgoing) {
    const message = await call('messages:send', { threadId, message: outgoing });
    // An event for this message may have arrived first with a newer status; don't step it back.
    get().upsertMessage(message, { keepExisting: true });
    return message;
  },

  async startThread(input) {
    const thread = await call('threads:start', input);
    get().upsertThread(thread);
    return thread;
  },
}));

/** Threads as the list shows them: the search's matches or all, one account or all, newest first. */
export function visibleThreads(
  threads: Record<string, Thread>,
  searchIds: string[] | null,
  accountId: string | null,
  unreadFirst: boolean,
): Thread[] {
  const pool = searchIds ? searchIds.map((id) => threads[id]).filter((t): t is Thread => !!t) : Object.values(threads);
  return pool
    .filter((t) => !accountId || t.accountId === accountId)
    .sort((a, b) => (unreadFirst ? Number(b.unread > 0) - Number(a.unread > 0) : 0) || b.lastAt - a.lastAt);
}

/** Unread messages per account, for the left rail. */
export function unreadByAccount(threads: Record<string, Thread>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const t of Object.values(threads)) totals[t.accountId] = (totals[t.accountId] ?? 0) + t.unread;
  return totals;
}
