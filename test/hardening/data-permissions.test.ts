// Data folder owner-only on POSIX (issue 14, finding 7): the folder 0700, the database and its
// -wal/-shm files, media files and the settings file 0600 — whatever the umask — and a folder or
// file left looser by an older version is tightened at start.
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyValue } from '../../electron/services/settings';
import { InfobipSimulator } from '../simulators/infobip/server';
import { startTestApp, type TestApp } from '../helpers/app';
import { spawnShell } from './spawn';

const posix = process.platform !== 'win32';
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
/** A tiny PNG, so the staged file passes the content check. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let previousUmask = 0o022;
let sim: InfobipSimulator;
let t: TestApp | undefined;
beforeAll(async () => {
  // No help from the umask: every mode below comes from the app itself.
  if (posix) previousUmask = process.umask(0);
  sim = await InfobipSimulator.start({ apiKey: 'k1' });
});
afterAll(async () => {
  await t?.close();
  await sim.close();
  if (posix) process.umask(previousUmask);
});

/** Every folder and file under dataDir that the app owns, with its mode. */
function modes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dataDir) };
  for (const f of ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm', 'config.json']) if (existsSync(join(dataDir, f))) out[f] = mode(join(dataDir, f));
  const walk = (rel: string) => {
    out[rel] = mode(join(dataDir, rel));
    for (const e of readdirSync(join(dataDir, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out[`${rel}/${e.name}`] = mode(join(dataDir, rel, e.name));
    }
  };
  if (existsSync(join(dataDir, 'media'))) walk('media');
  return out;
}

describe.runIf(posix)('data folder modes', () => {
  it('creates the folder 0700 and the database, its -wal/-shm and written media files 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-perm-'));
    chmodSync(dataDir, 0o755);
    const settings = memoryKeyValue();
    t = await startTestApp({ dataDir, settings });
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'switchboard.db'))).toBe('600');

    // Written after start: a message (WAL pages) and a staged file from this computer.
    const scenario = sim.addScenario({ name: 'WA', flow: [{ from: '447860099299', channel: 'WHATSAPP' }], default: true });
    const account = await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url, scenarioKey: scenario.key }, secrets: { apiKey: 'k1' } });
    const thread = await t.call('threads:start', { accountId: account.id, phone: '+41793026727' });
    expect((await t.send(thread.id, { kind: 'text', text: 'hello' })).status).toBe('sent');
    const staged = await t.call('media:stage', { fileName: 'dot.png', dataBase64: PNG.toString('base64') });
    expect(existsSync(join(dataDir, 'media', 'outgoing', staged.fileId))).toBe(true);
    expect(existsSync(join(dataDir, 'switchboard.db-wal'))).toBe(true);

    const after = modes(dataDir);
    for (const [path, m] of Object.entries(after)) {
      const isDir = statSync(join(dataDir, path)).isDirectory();
      expect([path, m]).toEqual([path, isDir ? '700' : '600']);
    }

    // An older version (or the umask of another tool) left things world-readable: tightened at start.
    const keyring = t.keyring;
    await t.close();
    t = undefined;
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'media'), 0o755);
    chmodSync(join(dataDir, 'media', 'outgoing'), 0o777);
    for (const f of ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm']) if (existsSync(join(dataDir, f))) chmodSync(join(dataDir, f), 0o644);
    chmodSync(join(dataDir, 'media', 'outgoing', staged.fileId), 0o644);
    writeFileSync(join(dataDir, 'media', 'left-behind'), 'x', { mode: 0o666 });
    writeFileSync(join(dataDir, 'config.json'), '{}', { mode: 0o644 });
    expect(mode(join(dataDir, 'config.json'))).toBe('644');

    t = await startTestApp({ dataDir, settings, keyring });
    const restarted = modes(dataDir);
    expect(Object.keys(restarted)).toEqual(expect.arrayContaining(['.', 'switchboard.db', 'config.json', 'media/outgoing', `media/outgoing/${staged.fileId}`, 'media/left-behind']));
    for (const [path, m] of Object.entries(restarted)) {
      const isDir = statSync(join(dataDir, path)).isDirectory();
      expect([path, m]).toEqual([path, isDir ? '700' : '600']);
    }
    // Still the owner's to use: a second message goes out, its WAL pages owner-only.
    expect((await t.send(thread.id, { kind: 'text', text: 'again' })).status).toBe('sent');
    expect(mode(join(dataDir, 'switchboard.db-wal'))).toBe('600');
  });

  it('the browser shell writes its settings file 0600 in a 0700 folder', async () => {
    const shell = await spawnShell();
    try {
      expect(mode(shell.dataDir)).toBe('700');
      // SWITCHBOARD_LISTENER_PORT is saved to the settings file at start.
      expect(mode(join(shell.dataDir, 'config.json'))).toBe('600');
      expect(mode(join(shell.dataDir, 'switchboard.db'))).toBe('600');
      for (const f of ['switchboard.db-wal', 'switchboard.db-shm']) if (existsSync(join(shell.dataDir, f))) expect(mode(join(shell.dataDir, f))).toBe('600');
    } finally {
      await shell.stop();
    }
  }, 90_000);
});
