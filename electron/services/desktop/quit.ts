// Quitting stops sending: work still queued waits until the next start. The operator is asked
// first when there is any, and told exactly what waits.
import type { CampaignStatus } from '../../../shared/broadcast';
import type { MessageStatus } from '../../../shared/model';
import { countText, desktopWords, type DesktopWords } from './words';

export type PendingWork = { messages: number; broadcasts: number };

export type QuitPrompt = {
  message: string;
  detail: string;
  buttons: [string, string];
  /** Index of the button that quits. */
  quitId: 0;
  /** The safe answer (Escape, closing the box): keep running. */
  cancelId: 1;
};

/** Messages still to go out (queued, mid-send) and broadcasts running or due to start. */
export function pendingWork(messages: { status: MessageStatus }[], campaigns: { status: CampaignStatus }[]): PendingWork {
  return {
    messages: messages.filter((m) => m.status === 'queued' || m.status === 'sending').length,
    broadcasts: campaigns.filter((c) => c.status === 'running' || c.status === 'scheduled').length,
  };
}

/** Null when nothing waits (quit at once); otherwise what to ask. */
export function quitPrompt(work: PendingWork, w: DesktopWords = desktopWords.en): QuitPrompt | null {
  if (work.messages <= 0 && work.broadcasts <= 0) return null;
  const what = [
    work.messages > 0 ? w.messagesWaiting(countText(work.messages, w), work.messages === 1) : null,
    work.broadcasts > 0 ? w.broadcastsPending(countText(work.broadcasts, w), work.broadcasts === 1) : null,
  ].filter(Boolean);
  return {
    message: w.quitQuestion,
    detail: w.quitDetail(what.join(w.and)),
    buttons: [w.quitAnyway, w.keepRunning],
    quitId: 0,
    cancelId: 1,
  };
}
