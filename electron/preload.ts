// Exposes the contract's KioskApi to the sandboxed renderer, and nothing more: no ipcRenderer,
// no Node, only the channels and events the contract names.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, type Channel, type EventName, type KioskApi } from './contract';

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENT_NAMES);

const api: KioskApi = {
  invoke(channel, request) {
    if (!channels.has(channel)) {
      return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    }
    return ipcRenderer.invoke(channel satisfies Channel, request);
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`unknown event ${String(event)}`);
    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(event satisfies EventName, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
