// Stages the packaged app the way `npm run dist` would, without Electron's binary: electron-builder
// itself runs its `dir` target with a stand-in Electron distribution (one fake executable), so the
// file set, the asar archive and what is unpacked beside it are exactly what an installer holds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));
/** electron-builder's own library, the copy the CLI uses (same version, same schema). */
export const builderRequire = createRequire(require.resolve('electron-builder'));

export interface Staged {
  /** The packaged app folder electron-builder wrote (resources/app.asar and app.asar.unpacked). */
  appOutDir: string;
  asar: string;
  unpacked: string;
  log: string;
}

/** The build the app is packaged from: `npm test` builds first; a lone run of this file builds if it must. */
export function ensureBuilt(): void {
  if (existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/preload/index.cjs'))) return;
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Linux `dir` target for this machine's architecture (CI's platform; the file logic is shared by all targets). */
export function stageLinuxDir(): Staged {
  const work = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), '');
  const output = join(work, 'dist');
  const cli = builderRequire.resolve('electron-builder/cli.js');
  const r = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', `--${process.arch}`, '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
    // No signing and nothing from the network; DEBUG makes a failure explain itself (electron-builder
    // can otherwise exit 1 without a word when its output is not a terminal).
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false', DEBUG: 'electron-builder' }, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const log = `exit ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`;
  const suffix = process.arch === 'x64' ? '' : `-${process.arch}`;
  const appOutDir = join(output, `linux${suffix}-unpacked`);
  if (r.status !== 0 || !existsSync(join(appOutDir, 'resources/app.asar'))) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`electron-builder --dir failed:\n${log}`);
  }
  return { appOutDir, asar: join(appOutDir, 'resources/app.asar'), unpacked: join(appOutDir, 'resources/app.asar.unpacked'), log };
}

/** Names Electron's main process can import from 'electron' (read from Electron's own typings). */
export function electronExportNames(): string[] {
  const dts = readFileSync(require.resolve('electron/electron.d.ts'), 'utf8');
  const start = dts.indexOf('namespace CrossProcessExports {');
  const end = dts.indexOf('\n  }', start);
  const body = dts.slice(start, end);
  return [...new Set([...body.matchAll(/^\s+(?:const|class) (\w+)/gm)].map((m) => m[1]!))];
}
