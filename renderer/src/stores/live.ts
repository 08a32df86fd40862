// Wires main → renderer events into the stores, and reloads everything after a reconnect (events
// sent while the socket was down are lost, so the stores re-read the truth).
import { api, connection } from '../api';
import { useAccounts } from './accounts';
import { useBroadcasts } from './broadcasts';
import { useInbox } from './inbox';
import { useInstances } from './instances';
import { useOutbox } from './outbox';
import { useSettings } from './settings';
import { useUi } from './ui';

export function loadEverything(): void {
  void useAccounts.getState().load();
  void useInstances.getState().load();
  void useInbox.getState().loadThreads();
  void useSettings.getState().load();
  void useOutbox.getState().load();
  void useBroadcasts.getState().load();
  const open = useUi.getState().selectedThreadId;
  if (open) void useInbox.getState().loadMessages(open);
}

/** Subscribes to every event and loads the stores once connected; returns the unsubscribe. */
export function startLiveUpdates(): () => void {
  const state = connection.get();
  if (state === 'electron' || state === 'open') loadEverything();
  const offs = [
    api.on('accounts:changed', (accounts) => useAccounts.getState().setAccounts(accounts)),
    api.on('instances:changed', (instance) => useInstances.getState().upsert(instance)),
    api.on('instances:removed', ({ id }) => useInstances.getState().drop(id)),
    api.on('threads:changed', (thread) => {
      const inbox = useInbox.getState();
      inbox.upsertThread(thread);
      // The conversation is on screen: what arrives in it is read.
      const ui = useUi.getState();
      if (thread.unread > 0 && ui.screen === 'inbox' && ui.selectedThreadId === thread.id && document.visibilityState === 'visible') {
        void inbox.markRead(thread.id);
      }
    }),
    api.on('messages:changed', (message) => {
      useInbox.getState().upsertMessage(message);
      useOutbox.getState().apply(message);
    }),
    api.on('webhooks:changed', (status) => useSettings.getState().setWebhooks(status)),
    api.on('broadcasts:changed', (campaign) => useBroadcasts.getState().apply(campaign)),
    connection.subscribe((state) => {
      if (state === 'open') loadEverything();
    }),
  ];
  return () => offs.forEach((off) => off());
}
