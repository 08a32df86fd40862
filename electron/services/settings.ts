// Preferences. Services see only `KeyValueStore`; Electron backs it with electron-store, the
// browser shell and tests with `conf` (the library electron-store wraps), so the file is the same.
import { isSupportedCountry } from 'libphonenumber-js/min';
import { isIP } from 'node:net';
import { Settings } from '../../shared/model';
import { AppFailure } from './errors';
import { isPublicAddress } from './media/address';

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

export interface SettingsOptions {
  /**
   * Accept a loopback or private address as the public URL. Only tests turn it on, where a local
   * proxy stands in for a tunnel (SWITCHBOARD_ALLOW_LOCAL_PUBLIC_URL=1 for the browser shell).
   */
  allowLocalPublicUrl?: boolean;
}

export class SettingsService {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly opts: SettingsOptions = {},
  ) {}

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
    if (patch.publicBaseUrl) patch = { ...patch, publicBaseUrl: normalisePublicUrl(patch.publicBaseUrl, this.opts.allowLocalPublicUrl ?? false) };
    if (patch.defaultCountry !== undefined) patch = { ...patch, defaultCountry: checkedCountry(patch.defaultCountry) };
    const next = Settings.parse({ ...this.get(), ...patch });
    for (const [k, v] of Object.entries(patch)) this.kv.set(k, v);
    return next;
  }
}

/** A region libphonenumber can read numbers for ("XX" would make every local number invalid). */
function checkedCountry(raw: string): string {
  const code = raw.trim().toUpperCase();
  const value = raw.trim();
  if (!isSupportedCountry(code)) throw new AppFailure('validation', `"${value}" is not a country phone numbers can be read for. Pick your country from the list.`).keyed('errors.settings.country', { value });
  return code;
}

/** This computer or the local network: no provider on the internet can post webhooks there. */
function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
}

function normalisePublicUrl(raw: string, allowLocal: boolean): string | null {
  const t = raw.trim();
  if (t === '') return null;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new AppFailure('validation', 'The public URL must be a full address such as https://hooks.example.com.').keyed('errors.settings.publicUrl');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AppFailure('validation', 'The public URL must start with https:// (or http://).').keyed('errors.settings.publicUrlScheme');
  if (!allowLocal && isLocalHost(u.hostname)) {
    const host = u.host;
    throw new AppFailure(
      'validation',
      `${host} is an address on this computer or your local network, so providers on the internet can't reach it. Use the tunnel, or the https address of a service that forwards to the listener port.`,
    ).keyed('errors.settings.publicUrlLocal', { host });
  }
  return u.toString().replace(/\/+$/, '');
}

/** A KeyValueStore in memory, for tests. */
export function memoryKeyValue(): KeyValueStore {
  const m = new Map<string, unknown>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
}
