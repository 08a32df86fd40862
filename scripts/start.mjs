// `npm start`: the Electron app when its binary is installed (fetching it once if npm skipped
// Electron's install script); otherwise the browser shell, which serves the same services and UI
// on 127.0.0.1 for Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function installedElectron(dir) {
  try {
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const full = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), rel);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let bin = installedElectron(dir);
  if (!bin && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && existsSync(join(dir, 'install.js'))) {
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
    bin = installedElectron(dir);
  }
  return bin;
}

const bin = electronBinary();
const [cmd, args] = bin ? [bin, ['.']] : [process.execPath, ['out/main/shell.js']];
if (!bin) console.log("Electron's binary is not installed here, so Switchboard runs as a browser shell: open the link below in Chromium.");
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
