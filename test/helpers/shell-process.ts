import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeCode, mintLink } from './shell-client';

export interface ShellProcess {
  child: ChildProcess;
  /**
   * A fresh one-time link each time it is read (each works once, as the printed one does for a
   * person); the helper holds the token and keeps a few links ready through POST /link.
   */
  readonly openUrl: string;
  /** The link the shell printed at start (already spent by the helper). */
  printedUrl: string;
  url: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** One-time links kept ready for `openUrl`. */
const LINKS_READY = 4;

/** Starts the built browser shell (`out/main/shell.js`) as `npm start` would, on a fresh data folder. */
export async function startShellProcess(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-'))): Promise<ShellProcess> {
  if (!existsSync('out/main/shell.js') || !existsSync('out/renderer/index.html')) {
    throw new Error('The app is not built: run `npm run build` (npm test does this first).');
  }
  const child = spawn(process.execPath, ['out/main/shell.js'], {
    // A local proxy may stand in for the public URL (see SettingsOptions).
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_LISTENER_PORT: '0', SWITCHBOARD_ALLOW_LOCAL_PUBLIC_URL: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${out}`)), 40_000);
    const onData = () => {
      const m = /browser shell: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`shell exited with ${code}:\n${out}`)));
  });
  const url = new URL(openUrl).origin;
  const token = await exchangeCode(openUrl);
  const ready: string[] = [];
  const refill = async () => {
    while (ready.length < LINKS_READY && child.exitCode === null) ready.push(await mintLink(url, token));
  };
  await refill();
  return {
    child,
    get openUrl(): string {
      const link = ready.shift();
      if (!link) throw new Error('no one-time link ready: read openUrl less often or await a moment');
      refill().catch(() => undefined);
      return link;
    },
    printedUrl: openUrl,
    url,
    token,
    dataDir,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
