// `node out/main/shell.js`: the app's services and UI without Electron, for Chromium on this
// machine. Environment: SWITCHBOARD_DATA_DIR, SWITCHBOARD_SHELL_PORT, SWITCHBOARD_LISTENER_PORT,
// SWITCHBOARD_KEYCHAIN_SERVICE (tests), SWITCHBOARD_RENDERER_DIR.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { createApp } from '../services/app';
import { consoleLogger } from '../services/log';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../services/private-files';
import { createRouter } from '../ipc/router';
import { defaultDataDir } from './paths';
import { startShell } from './server';

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = defaultDataDir();
  const log = consoleLogger('shell');
  // Owner-only before anything is written there (createApp tightens the rest; see private-files.ts).
  ensurePrivateDir(dataDir);
  const settingsStore = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'config', projectName: 'switchboard', configFileMode: PRIVATE_FILE_MODE });
  if (process.env.SWITCHBOARD_LISTENER_PORT) settingsStore.set('listenerPort', Number(process.env.SWITCHBOARD_LISTENER_PORT));
  const app = createApp({
    dataDir,
    settingsStore,
    keychainService: process.env.SWITCHBOARD_KEYCHAIN_SERVICE,
    version: process.env.npm_package_version ?? '0.1.0',
    shell: true,
    log,
  });
  await app.start();
  const shell = await startShell({
    router: createRouter(app.handlers, log),
    bus: app.bus,
    rendererDir: process.env.SWITCHBOARD_RENDERER_DIR ?? join(here, '../renderer'),
    port: Number(process.env.SWITCHBOARD_SHELL_PORT ?? 0),
    // Each link works once (see server.ts): the next tab needs the fresh one printed here.
    onCodeUsed: (next) => console.log(`Link used. For another tab, open: ${next}`),
  });
  const status = await app.webhooks.status();
  console.log(`Switchboard browser shell: ${shell.openUrl}`);
  console.log('(The link works once, in one tab; a fresh one is printed here each time it is used.)');
  console.log(`Webhook listener: ${status.localBaseUrl ?? `not running (${status.error})`}`);
  console.log(`Data folder: ${dataDir}`);
  const stop = async () => {
    await shell.close();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`Switchboard could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
