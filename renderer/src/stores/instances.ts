// QR-linked WhatsApp instances, keyed by id; kept live by `instances:changed` / `instances:removed`.
import { create } from 'zustand';
import type { AppError, Instance } from '../../../shared/model';
import { call, toAppError } from '../api';

type InstancesState = {
  byId: Record<string, Instance>;
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
  upsert(instance: Instance): void;
  drop(id: string): void;
  create(accountId: string): Promise<Instance>;
  logout(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** The QR poll saw the phone link: show it at once, then ask the provider for the full record. */
  markConnected(id: string, phone: string | null, displayName: string | null): void;
};

export const useInstances = create<InstancesState>()((set, get) => ({
  byId: {},
  loaded: false,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const list = await call('instances:list', {});
      set({ byId: Object.fromEntries(list.map((i) => [i.id, i])), loaded: true, loading: false });
    } catch (err) {
      set({ error: toAppError(err), loading: false });
    }
  },
  upsert: (instance) => set({ byId: { ...get().byId, [instance.id]: instance } }),
  drop(id) {
    const { [id]: _gone, ...rest } = get().byId;
    set({ byId: rest });
  },
  async create(accountId) {
    const instance = await call('instances:create', { accountId });
    get().upsert(instance);
    return instance;
  },
  async logout(id) {
    get().upsert(await call('instances:logout', { id }));
  },
  async remove(id) {
    await call('instances:delete', { id });
    get().drop(id);
  },
  markConnected(id, phone, displayName) {
    const current = get().byId[id];
    if (!current) return;
    get().upsert({ ...current, state: 'connected', phone: phone ?? current.phone, displayName: displayName ?? current.displayName, lastError: null });
    call('instances:refresh', { id }).then(get().upsert, () => {
      // The poll already proved the link; a failed refresh only means the extra details wait.
    });
  },
}));
