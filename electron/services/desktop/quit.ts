// Quitting stops sending: work still queued waits until the next start. The operator is asked
// first when there is any, and told exactly what waits.
import type { CampaignStatus } from '../../../shared/broadcast';
import type { MessageStatus } from '../../../shared/model';

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

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n.toLocaleString('en-US')} ${many}`);

/** Null when nothing waits (quit at once); otherwise what to ask. */
export function quitPrompt(work: PendingWork): QuitPrompt | null {
  if (work.messages <= 0 && work.broadcasts <= 0) return null;
  const what = [
    work.messages > 0 ? `${count(work.messages, 'message is', 'messages are')} waiting to be sent` : null,
    work.broadcasts > 0 ? `${count(work.broadcasts, 'broadcast is', 'broadcasts are')} running or scheduled` : null,
  ].filter(Boolean);
  return {
    message: 'Quit Switchboard with work still queued?',
    detail: `${what.join(' and ')}. Nothing is sent while Switchboard is closed; it carries on the next time you start it. To keep sending, close the window instead — Switchboard keeps running in the tray.`,
    buttons: ['Quit anyway', 'Keep running'],
    quitId: 0,
    cancelId: 1,
  };
}
