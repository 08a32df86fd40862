// Preferences, the webhook listener's status (live via `webhooks:changed`) and app info.
import { create } from 'zustand';
import type { AppError, Settings, WebhookStatus } from '../../../shared/model';
import type { ChannelOutput } from '../../../shared/ipc';
import { call, toAppError } from '../api';

type SettingsState = {
  settings: Settings | null;
  webhooks: WebhookStatus | null;
  info: ChannelOutput<'app:info'> | null;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
  save(patch: Partial<Settings>): Promise<Settings>;
  setWebhooks(status: WebhookStatus): void;
  /** Reads the listener's status again (not every change to it is pushed, e.g. a new unparsed event). */
  refreshWebhooks(): Promise<void>;
  register(accountId: string): Promise<void>;
  /** Turns the ngrok tunnel on or off; a new authtoken goes to the keychain first. */
  setTunnel(enabled: boolean, authtoken?: string): Promise<void>;
};

export const useSettings = create<SettingsState>()((set, get) => ({
  settings: null,
  webhooks: null,
  info: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const [settings, webhooks, info] = await Promise.all([call('settings:get', {}), call('webhooks:status', {}), call('app:info', {})]);
      set({ settings, webhooks, info, loading: false });
    } catch (err) {
      set({ error: toAppError(err), loading: false });
    }
  },
  async save(patch) {
    const settings = await call('settings:update', patch);
    set({ settings });
    return settings;
  },
  setWebhooks: (webhooks) => set({ webhooks }),
  async refreshWebhooks() {
    try {
      set({ webhooks: await call('webhooks:status', {}) });
    } catch {
      // The status on screen stays; the next event or visit brings it up to date.
    }
  },
  async register(accountId) {
    set({ webhooks: await call('webhooks:register', { accountId }) });
  },
  async setTunnel(enabled, authtoken) {
    const webhooks = await call('webhooks:tunnel', { enabled, ...(authtoken ? { authtoken } : {}) });
    const settings = get().settings;
    set({ webhooks, ...(settings ? { settings: { ...settings, tunnelEnabled: enabled } } : {}) });
  },
}));
