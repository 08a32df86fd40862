// Runs against the real Secret Service (npm test starts one in its own D-Bus session).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, osKeyring } from '../../electron/services/vault';
import { startTestApp, type TestApp } from '../helpers/app';
import { absentKeyring } from '../helpers/keyring';
import { filesContaining, secretToolLookup } from '../helpers/secret-tool';

const service = `SwitchboardTest-${randomUUID()}`;

describe('vault on the OS keychain', () => {
  it('writes, reads, merges and deletes an account item', async () => {
    const vault = new Vault(osKeyring, service);
    expect(await vault.write('acc1', { bearerToken: 'tok-1', accessToken: 'acc-1' })).toEqual(['accessToken', 'bearerToken']);
    expect(JSON.parse(secretToolLookup(service, 'account:acc1')!)).toEqual({ bearerToken: 'tok-1', accessToken: 'acc-1' });
    await vault.write('acc1', { bearerToken: 'tok-2', accessToken: '' });
    expect(await vault.read('acc1')).toEqual({ bearerToken: 'tok-2', accessToken: 'acc-1' });
    await vault.remove('acc1');
    expect(secretToolLookup(service, 'account:acc1')).toBeNull();
    expect(await vault.read('acc1')).toEqual({});
  });

  it('explains, and writes nothing anywhere, when no keychain is reachable', async () => {
    const vault = new Vault(absentKeyring, service);
    await expect(vault.write('acc2', { bearerToken: 'x' })).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/keychain/) });
  });
});

describe('accounts keep secrets in the keychain only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ keyring: osKeyring, keychainService: service });
  });
  afterAll(() => t.close());

  const bearer = `bearer-${randomUUID()}`;
  const access = `access-${randomUUID()}`;

  it('saves secrets to the keychain, never to the data folder, and shows only flags', async () => {
    const account = await t.call('accounts:create', {
      provider: 'bot-api',
      name: 'Main shop',
      config: { baseUrl: 'http://127.0.0.1:9/', sessionId: 'sess-1' },
      secrets: { bearerToken: bearer, accessToken: access },
    });
    expect(account.savedSecrets).toEqual(['accessToken', 'bearerToken']);
    expect(JSON.stringify(account)).not.toContain(bearer);
    expect(JSON.stringify(await t.call('accounts:list', {}))).not.toContain(bearer);
    const item = JSON.parse(secretToolLookup(service, `account:${account.id}`)!);
    expect(item).toMatchObject({ bearerToken: bearer, accessToken: access });
    t.app.db.pragma('wal_checkpoint(FULL)');
    expect(filesContaining(t.dataDir, bearer)).toEqual([]);
    expect(filesContaining(t.dataDir, access)).toEqual([]);
    expect(filesContaining(t.dataDir, item._webhookSecret)).toEqual([]);
  });

  it('keeps a saved secret when an edit leaves it empty', async () => {
    const [account] = await t.call('accounts:list', {});
    await t.call('accounts:update', { id: account!.id, name: 'Main shop (renamed)', secrets: { bearerToken: '' } });
    expect(JSON.parse(secretToolLookup(service, `account:${account!.id}`)!).bearerToken).toBe(bearer);
  });

  it('removes the keychain item with the account', async () => {
    const [account] = await t.call('accounts:list', {});
    await t.call('accounts:remove', { id: account!.id });
    expect(secretToolLookup(service, `account:${account!.id}`)).toBeNull();
    expect(await t.call('accounts:list', {})).toEqual([]);
  });
});

describe('without a keychain', () => {
  it('refuses to add an account and leaves no trace of it', async () => {
    const t = await startTestApp({ keyring: absentKeyring });
    const r = await t.router.dispatch('accounts:create', { provider: 'bot-api', name: 'Shop', config: { baseUrl: 'https://gw.example.com' }, secrets: { bearerToken: 'plain-secret-123' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', message: expect.stringContaining('not saved anywhere') } });
    expect(await t.call('accounts:list', {})).toEqual([]);
    t.app.db.pragma('wal_checkpoint(FULL)');
    expect(filesContaining(t.dataDir, 'plain-secret-123')).toEqual([]);
    await t.close();
  });
});
