// Starts the browser shell from source (through tsx) as its own process, so a hostile request that
// would crash it shows up as a dead process — without needing `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchangeCode, mintLink } from '../helpers/shell-client';

export interface SpawnedShell {
  child: ChildProcess;
  /** A one-time link, not yet used. */
  openUrl: string;
  url: string;
  token: string;
  port: number;
  listenerPort: number;
  dataDir: string;
  alive(): boolean;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnShell(env: Record<string, string> = {}): Promise<SpawnedShell> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-hard-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'sb-hard-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/shell/cli.ts'], {
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_LISTENER_PORT: '0', SWITCHBOARD_RENDERER_DIR: rendererDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${out}`)), 60_000);
    const check = () => {
      if (/Webhook listener: /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`shell exited with ${code}:\n${out}`)));
  });
  const printed = /browser shell: (\S+)/.exec(out)![1]!;
  const u = new URL(printed);
  const listener = /Webhook listener: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
  // The printed link works once: spent here for the token, and one fresh link minted for the test.
  const token = await exchangeCode(printed);
  return {
    child,
    openUrl: await mintLink(u.origin, token),
    url: u.origin,
    token,
    port: Number(u.port),
    listenerPort: listener ? Number(listener[1]) : 0,
    dataDir,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
