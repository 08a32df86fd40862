import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellProcess {
  child: ChildProcess;
  openUrl: string;
  dataDir: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

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
  return {
    child,
    openUrl,
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
