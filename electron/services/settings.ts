// Preferences. Services see only `KeyValueStore`; Electron backs it with electron-store, the
// browser shell and tests with `conf` (the library electron-store wraps), so the file is the same.
import { Settings } from '../../shared/model';
import { AppFailure } from './errors';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const DEFAULT_LISTENER_PORT = 47800;

export const DEFAULT_RAW_EVENT_RETENTION_DAYS = 30;

export const defaultSettings: Settings = {
  listenerPort: DEFAULT_LISTENER_PORT,
  publicBaseUrl: null,
  defaultCountry: 'ID',
  tunnelEnabled: false,
  rawEventRetentionDays: DEFAULT_RAW_EVENT_RETENTION_DAYS,
  language: 'system',
};

export class SettingsService {
  constructor(private readonly kv: KeyValueStore) {}

  get(): Settings {
    const stored = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
      const v = this.kv.get(key);
      if (v !== undefined) (stored as Record<string, unknown>)[key] = v;
    }
    const parsed = Settings.safeParse(stored);
    return parsed.success ? parsed.data : defaultSettings;
  }

  update(patch: Partial<Settings>): Settings {
    if (patch.publicBaseUrl) patch = { ...patch, publicBaseUrl: normalisePublicUrl(patch.publicBaseUrl) };
    if (patch.defaultCountry) patch = { ...patch, defaultCountry: patch.defaultCountry.toUpperCase() };
    const next = Settings.parse({ ...this.get(), ...patch });
    for (const [k, v] of Object.entries(patch)) this.kv.set(k, v);
    return next;
  }
}

function normalisePublicUrl(raw: string): string | null {
  const t = raw.trim();
  if (t === '') return null;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new AppFailure('validation', 'The public URL must be a full address such as https://hooks.example.com.').keyed('errors.settings.publicUrl');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AppFailure('validation', 'The public URL must start with https:// (or http://).').keyed('errors.settings.publicUrlScheme');
  return u.toString().replace(/\/+$/, '');
}

/** A KeyValueStore in memory, for tests. */
export function memoryKeyValue(): KeyValueStore {
  const m = new Map<string, unknown>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
}
