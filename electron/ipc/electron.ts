// Binds the router to ipcMain and forwards bus events to the window. Only frames of our own
// renderer (the dev server or the packaged file) may call in.
import { ipcMain, type BrowserWindow } from 'electron';
import type { Result } from '../../shared/ipc';
import { subscribeCoalesced, type BusEvent, type EventBus } from '../services/events';
import type { Router } from './router';
import { isTrustedSender } from './sender';

export function bindIpc(router: Router, devServerUrl: string | undefined, rendererDir: string): void {
  for (const channel of router.channels) {
    ipcMain.handle(`sb:${channel}`, (e, input): Promise<Result<unknown>> | Result<unknown> => {
      if (!isTrustedSender(e.senderFrame?.url, devServerUrl, rendererDir)) return { ok: false, error: { code: 'validation', message: 'Request refused: it did not come from the Switchboard window.' } };
      return router.dispatch(channel, input);
    });
  }
}

/** Sends events to the window in coalesced batches, holding them until its page has loaded. */
export function forwardEvents(bus: EventBus, win: BrowserWindow): () => void {
  let ready = !win.webContents.isLoading();
  const queue: BusEvent[] = [];
  win.webContents.on('did-finish-load', () => {
    ready = true;
    if (queue.length > 0) win.webContents.send('sb:events', queue.splice(0));
  });
  return subscribeCoalesced(bus, (batch) => {
    if (win.isDestroyed()) return;
    if (ready) win.webContents.send('sb:events', batch);
    else queue.push(...batch);
  });
}
