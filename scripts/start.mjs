// `npm start`: the Electron app when its binary is installed; otherwise the browser shell, which
// serves the same services and UI on 127.0.0.1 for Chromium.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    return require('electron'); // the binary's path; throws when it was never downloaded
  } catch {
    return null;
  }
}

const bin = electronBinary();
const [cmd, args] = bin ? [bin, ['.']] : [process.execPath, ['out/main/shell.js']];
if (!bin) console.log("Electron's binary is not installed here, so Switchboard runs as a browser shell: open the link below in Chromium.");
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
