// Conversations, their messages and inbox search. The conversation list is loaded a page at a time
// (the main side pages by keyset, so a page never repeats or skips one), and so are a thread's
// messages ("load earlier" as the operator scrolls up; "around" a search hit). Events keep what
// is loaded live: a thread update replaces (and re-sorts) its row, a message update replaces the
// message with the same id or appends it when the newest messages are on screen.
import { create } from 'zustand';
import type { SearchResult } from '../../../shared/inbox';
import type { AppError, Message, Thread } from '../../../shared/model';
import type { ChannelInput } from '../../../shared/ipc';
import { call, toAppError } from '../api';

/** What the composer sends: text, a template, a file by link, a location, a contact, buttons or a list. */
export type Outgoing = ChannelInput<'messages:send'>['message'];

export type MessagesSlot = {
  list: Message[];
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  /** Where older messages continue (null: the first message is loaded). */
  earlier: string | null;
  /** Where newer messages continue after a jump (null: the newest message is loaded). */
  later: string | null;
  loadingMore: boolean;
  /** The message a search jumped to, to scroll to and highlight. */
  focusId: string | null;
};

type ListFilter = { accountId: string | null; unreadFirst: boolean };

type InboxState = {
  threads: Record<string, Thread>;
  threadsLoaded: boolean;
  threadsLoading: boolean;
  threadsError: AppError | null;
  /** Where the next page of the list starts; null when all are loaded. */
  nextCursor: string | null;
  loadingMore: boolean;
  /** Conversations in the current view and how many have unread messages (server's counts). */
  total: number;
  unreadThreads: number;
  /** Unread messages per account, for the rail and the window title. */
  unreadByAccount: Record<string, number>;
  filter: ListFilter;
  /** What is typed in the search box; `searchResult` holds the server's matches (null = not searching). */
  search: string;
  searchResult: SearchResult | null;
  searching: boolean;
  searchError: AppError | null;
  unreadFirst: boolean;
  messages: Record<string, MessagesSlot>;
  loadThreads(filter?: Partial<ListFilter>): Promise<void>;
  loadMoreThreads(): Promise<void>;
  ensureThreads(ids: string[]): Promise<void>;
  loadCounts(): Promise<void>;
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
  loadEarlier(threadId: string): Promise<void>;
  loadLater(threadId: string): Promise<void>;
  jumpTo(threadId: string, messageId: string): Promise<void>;
  markRead(threadId: string): Promise<void>;
  sendText(threadId: string, text: string): Promise<Message>;
  send(threadId: string, message: Outgoing): Promise<Message>;
  startThread(input: ChannelInput<'threads:start'>): Promise<Thread>;
};

let searchSeq = 0;
let listSeq = 0;

// Events that arrive while a load is in flight are newer than (or as new as) its answer: each load
// collects them here and lays them over the answer, so a reload never drops a live update.
const threadLoads = new Set<Map<string, Thread>>();
const messageLoads = new Set<{ threadId: string; seen: Map<string, Message> }>();

const byTime = (a: Message, b: Message) => a.at - b.at;
const emptySlot = (): MessagesSlot => ({ list: [], loaded: false, loading: false, error: null, earlier: null, later: null, loadingMore: false, focusId: null });

function merge(list: Message[], extra: Message[]): Message[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of extra) byId.set(m.id, m);
  return [...byId.values()].sort(byTime);
}

export const useInbox = create<InboxState>()((set, get) => {
  const slot = (threadId: string) => get().messages[threadId] ?? emptySlot();
  const putSlot = (threadId: string, patch: Partial<MessagesSlot>) => set({ messages: { ...get().messages, [threadId]: { ...slot(threadId), ...patch } } });

  return {
    threads: {},
    threadsLoaded: false,
    threadsLoading: false,
    threadsError: null,
    nextCursor: null,
    loadingMore: false,
    total: 0,
    unreadThreads: 0,
    unreadByAccount: {},
    filter: { accountId: null, unreadFirst: false },
    search: '',
    searchResult: null,
    searching: false,
    searchError: null,
    unreadFirst: false,
    messages: {},

    async loadThreads(patch) {
      const filter = { ...get().filter, ...patch };
      const seq = ++listSeq;
      set({ filter, unreadFirst: filter.unreadFirst, threadsLoading: true, threadsError: null });
      const seen = new Map<string, Thread>();
      threadLoads.add(seen);
      try {
        const page = await call('threads:page', { ...(filter.accountId ? { accountId: filter.accountId } : {}), unreadFirst: filter.unreadFirst });
        if (seq !== listSeq) return; // a newer filter's list is on its way
        const threads: Record<string, Thread> = Object.fromEntries(page.threads.map((t) => [t.id, t]));
        for (const [id, t] of seen) threads[id] = t;
        // The open conversation stays known even when it is on a later page.
        for (const t of Object.values(get().threads)) if (!threads[t.id] && get().messages[t.id]?.loaded) threads[t.id] = t;
        set({ threads, threadsLoaded: true, threadsLoading: false, nextCursor: page.next, total: page.total ?? 0, unreadThreads: page.unread ?? 0 });
        void get().loadCounts();
        if (get().search.trim()) await get().runSearch();
      } catch (err) {
        if (seq === listSeq) set({ threadsError: toAppError(err), threadsLoading: false });
      } finally {
        threadLoads.delete(seen);
      }
    },

    async loadMoreThreads() {
      const { nextCursor, loadingMore, filter } = get();
      if (!nextCursor || loadingMore) return;
      const seq = listSeq;
      set({ loadingMore: true });
      try {
        const page = await call('threads:page', { ...(filter.accountId ? { accountId: filter.accountId } : {}), unreadFirst: filter.unreadFirst, cursor: nextCursor });
        if (seq !== listSeq) return;
        const threads = { ...get().threads };
        // A thread already here came by a live event and is newer than this page's copy.
        for (const t of page.threads) if (!threads[t.id]) threads[t.id] = t;
        set({ threads, nextCursor: page.next, total: page.total ?? get().total, unreadThreads: page.unread ?? get().unreadThreads, loadingMore: false });
      } catch (err) {
        if (seq === listSeq) set({ threadsError: toAppError(err), loadingMore: false });
      }
    },

    async ensureThreads(ids) {
      const missing = [...new Set(ids)].filter((id) => !get().threads[id]);
      if (missing.length === 0) return;
      const found = await call('threads:get', { ids: missing.slice(0, 500) });
      const threads = { ...get().threads };
      for (const t of found) if (!threads[t.id]) threads[t.id] = t;
      set({ threads });
    },

    async loadCounts() {
      try {
        set({ unreadByAccount: (await call('threads:counts', {})).unreadByAccount });
      } catch {
        // The badges keep their last numbers; the next change asks again.
      }
    },

    setSearch(search) {
      set({ search });
      if (!search.trim()) {
        searchSeq++;
        set({ searchResult: null, searchError: null, searching: false });
      }
    },

    async runSearch() {
      const query = get().search.trim();
      const seq = ++searchSeq;
      if (!query) return;
      set({ searching: true });
      try {
        const found = await call('search:messages', { query });
        if (seq !== searchSeq) return; // a newer search has started
        set({ searchResult: found, searchError: null, searching: false });
      } catch (err) {
        if (seq === searchSeq) set({ searchError: toAppError(err), searching: false });
      }
    },

    setUnreadFirst: (unreadFirst) => void get().loadThreads({ unreadFirst }),

    upsertThread(thread) {
      get().upsertThreads([thread]);
    },

    upsertThreads(list) {
      if (list.length === 0) return;
      const threads = { ...get().threads };
      let unreadDelta: Record<string, number> | null = {};
      for (const thread of list) {
        for (const seen of threadLoads) seen.set(thread.id, thread);
        const before = threads[thread.id];
        // A thread not loaded yet may already have counted unread messages: ask for the totals then.
        if (!before && thread.unread > 0) unreadDelta = null;
        else if (unreadDelta && before) unreadDelta[thread.accountId] = (unreadDelta[thread.accountId] ?? 0) + thread.unread - before.unread;
        else if (unreadDelta && thread.unread > 0) unreadDelta[thread.accountId] = (unreadDelta[thread.accountId] ?? 0) + thread.unread;
        threads[thread.id] = thread;
      }
      if (unreadDelta) {
        const totals = { ...get().unreadByAccount };
        for (const [accountId, d] of Object.entries(unreadDelta)) totals[accountId] = Math.max(0, (totals[accountId] ?? 0) + d);
        set({ threads, unreadByAccount: totals });
      } else {
        set({ threads });
        void get().loadCounts();
      }
    },

    upsertMessage(message, opts) {
      for (const load of messageLoads) if (load.threadId === message.threadId) load.seen.set(message.id, message);
      const s = get().messages[message.threadId];
      if (!s?.loaded) return; // fetched when the thread is opened
      const index = s.list.findIndex((m) => m.id === message.id);
      if (index >= 0 && opts?.keepExisting) return;
      get().upsertMessages([message]);
    },

    upsertMessages(list) {
      const messages = { ...get().messages };
      let changed = false;
      for (const message of list) {
        for (const load of messageLoads) if (load.threadId === message.threadId) load.seen.set(message.id, message);
        const s = messages[message.threadId];
        if (!s?.loaded) continue; // fetched when the thread is opened
        const index = s.list.findIndex((m) => m.id === message.id);
        if (index < 0 && s.later) continue; // the newest messages are not on screen: "Jump to latest" loads them
        const next = index >= 0 ? s.list.map((m, i) => (i === index ? message : m)) : [...s.list, message].sort(byTime);
        messages[message.threadId] = { ...s, list: next };
        changed = true;
      }
      if (changed) set({ messages });
    },

    async loadMessages(threadId) {
      const before = slot(threadId);
      putSlot(threadId, { loading: true, error: null });
      const load = { threadId, seen: new Map<string, Message>() };
      messageLoads.add(load);
      try {
        const page = await call('messages:page', { threadId });
        const list = merge(page.messages, [...load.seen.values()].filter((m) => before.loaded || page.messages.length === 0 || m.at >= page.messages[0]!.at));
        putSlot(threadId, { list, loaded: true, loading: false, error: null, earlier: page.earlier, later: null, focusId: null });
      } catch (err) {
        putSlot(threadId, { loading: false, error: toAppError(err) });
      } finally {
        messageLoads.delete(load);
      }
    },

    async loadEarlier(threadId) {
      const s = slot(threadId);
      if (!s.earlier || s.loadingMore) return;
      putSlot(threadId, { loadingMore: true });
      try {
        const page = await call('messages:page', { threadId, before: s.earlier });
        putSlot(threadId, { list: merge(slot(threadId).list, page.messages), earlier: page.earlier, loadingMore: false });
      } catch (err) {
        putSlot(threadId, { loadingMore: false, error: toAppError(err) });
      }
    },

    async loadLater(threadId) {
      const s = slot(threadId);
      if (!s.later || s.loadingMore) return;
      putSlot(threadId, { loadingMore: true });
      try {
        const page = await call('messages:page', { threadId, after: s.later });
        putSlot(threadId, { list: merge(slot(threadId).list, page.messages), later: page.later, loadingMore: false });
      } catch (err) {
        putSlot(threadId, { loadingMore: false, error: toAppError(err) });
      }
    },

    async jumpTo(threadId, messageId) {
      const s = slot(threadId);
      if (s.loaded && s.list.some((m) => m.id === messageId)) return putSlot(threadId, { focusId: messageId });
      // Marked at once, so a conversation opening meanwhile knows not to load its newest messages.
      putSlot(threadId, { loading: true, error: null, focusId: messageId });
      try {
        const page = await call('messages:around', { messageId });
        putSlot(threadId, { list: page.messages, loaded: true, loading: false, earlier: page.earlier, later: page.later, focusId: messageId });
      } catch (err) {
        putSlot(threadId, { loading: false, error: toAppError(err) });
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
      // Sending shows the newest messages: a thread scrolled back to a search hit jumps to the end.
      if (slot(threadId).later) await get().loadMessages(threadId);
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
  };
});

/**
 * Loaded threads as the list shows them: one account or all, unread first when asked, newest first.
 * A broadcast recipient who never answered is loaded only to be opened (from search or a campaign
 * report) and is not listed until they answer.
 */
export function visibleThreads(threads: Record<string, Thread>, accountId: string | null, unreadFirst: boolean): Thread[] {
  return Object.values(threads)
    .filter((t) => !t.broadcastOnly && (!accountId || t.accountId === accountId))
    .sort((a, b) => (unreadFirst ? Number(b.unread > 0) - Number(a.unread > 0) : 0) || b.lastAt - a.lastAt || (a.id < b.id ? 1 : -1));
}

/** Unread messages in all accounts, for the Inbox item, the window title and the dock badge. */
export function unreadTotal(unreadByAccount: Record<string, number>): number {
  return Object.values(unreadByAccount).reduce((n, x) => n + x, 0);
}
