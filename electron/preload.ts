// The renderer's only door to main: `window.switchboard` with invoke/on for the contract's
// channels and events. No ipcRenderer, process or Node API is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, type SwitchboardApi } from '../shared/ipc';

const channelSet = new Set<string>(channelNames);
const eventSet = new Set<string>(eventNames);

const api: SwitchboardApi = {
  invoke: (channel, input) => {
    if (!channelSet.has(channel)) return Promise.resolve({ ok: false, error: { code: 'validation', message: `Unknown request "${channel}".` } });
    return ipcRenderer.invoke(`sb:${channel}`, input);
  },
  on: (event, listener) => {
    if (!eventSet.has(event)) throw new Error(`Unknown event "${event}"`);
    // Main sends events in coalesced batches (one message per short window), in order.
    const wrapped = (_e: IpcRendererEvent, batch: [string, unknown][]) => {
      for (const [name, payload] of batch) if (name === event) listener(payload as never);
    };
    ipcRenderer.on('sb:events', wrapped);
    return () => void ipcRenderer.removeListener('sb:events', wrapped);
  },
};

contextBridge.exposeInMainWorld('switchboard', api);
