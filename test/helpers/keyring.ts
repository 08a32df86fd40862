import type { KeyringBackend } from '../../electron/services/vault';

/** An in-memory keychain for tests of services that are not about the keychain itself. */
export function memoryKeyring(): KeyringBackend & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    get: async (s, k) => items.get(`${s}/${k}`) ?? null,
    set: async (s, k, v) => void items.set(`${s}/${k}`, v),
    delete: async (s, k) => items.delete(`${s}/${k}`),
  };
}

/** A keychain that is not there, as on a Linux desktop with no Secret Service running. */
export const absentKeyring: KeyringBackend = {
  get: async () => { throw new Error('Platform secure storage failure: no Secret Service'); },
  set: async () => { throw new Error('Platform secure storage failure: no Secret Service'); },
  delete: async () => { throw new Error('Platform secure storage failure: no Secret Service'); },
};
