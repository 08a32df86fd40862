// Wires main → renderer events into the stores, and reloads everything after a reconnect (events
// sent while the socket was down are lost, so the stores re-read the truth).
import type { Campaign } from '../../../shared/broadcast';
import type { Message, Thread } from '../../../shared/model';
import { api, connection } from '../api';
import { notifyArrivals, openConversation, startAppBadge } from '../notifications';
import { useAccounts } from './accounts';
import { useBroadcasts } from './broadcasts';
import { useDesktop } from './desktop';
import { useInbox } from './inbox';
import { useInstances } from './instances';
import { useOutbox } from './outbox';
import { useSettings } from './settings';
import { useUi } from './ui';

export function loadEverything(): void {
  void useAccounts.getState().load();
  void useInstances.getState().load();
  void useInbox.getState().loadThreads({ accountId: useUi.getState().inboxAccountId });
  void useSettings.getState().load();
  void useDesktop.getState().load();
  void useOutbox.getState().load();
  void useBroadcasts.getState().load();
  const open = useUi.getState().selectedThreadId;
  if (open) void useInbox.getState().loadMessages(open);
}

/**
 * Live updates gathered per task: main already sends one batch per short window, and everything in
 * a batch lands in each store as one change, so a busy broadcast re-renders a list once per batch
 * instead of once per event.
 */
function createApplier() {
  let threads: Thread[] = [];
  let messages: Message[] = [];
  let campaigns: Campaign[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const [t, m, c] = [threads, messages, campaigns];
    threads = [];
    messages = [];
    campaigns = [];
    const inbox = useInbox.getState();
    inbox.upsertThreads(t);
    inbox.upsertMessages(m);
    useOutbox.getState().applyMany(m);
    useBroadcasts.getState().applyMany(c);
    // Once per batch, with the thread each new message came with (see shared/notify.ts arrivals).
    notifyArrivals(t, m);
    // The conversation is on screen: what arrives in it is read.
    const ui = useUi.getState();
    const open = ui.screen === 'inbox' && document.visibilityState === 'visible' ? t.find((x) => x.id === ui.selectedThreadId && x.unread > 0) : undefined;
    if (open) void useInbox.getState().markRead(open.id);
  };
  const later = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  return {
    thread: (x: Thread) => (threads.push(x), later()),
    message: (x: Message) => (messages.push(x), later()),
    campaign: (x: Campaign) => (campaigns.push(x), later()),
  };
}

/** Subscribes to every event and loads the stores once connected; returns the unsubscribe. */
export function startLiveUpdates(): () => void {
  const state = connection.get();
  if (state === 'electron' || state === 'open') loadEverything();
  const apply = createApplier();
  const offs = [
    api.on('accounts:changed', (accounts) => useAccounts.getState().setAccounts(accounts)),
    api.on('instances:changed', (instance) => useInstances.getState().upsert(instance)),
    api.on('instances:removed', ({ id }) => useInstances.getState().drop(id)),
    api.on('threads:changed', apply.thread),
    api.on('messages:changed', apply.message),
    api.on('webhooks:changed', (status) => useSettings.getState().setWebhooks(status)),
    api.on('broadcasts:changed', apply.campaign),
    api.on('desktop:changed', (prefs) => useDesktop.getState().apply(prefs)),
    api.on('desktop:open', ({ threadId }) => openConversation(threadId)),
    connection.subscribe((state) => {
      if (state === 'open') loadEverything();
    }),
    startAppBadge(),
  ];
  return () => offs.forEach((off) => off());
}
