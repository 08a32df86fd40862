// `npm test`: type-check, lint, build, then every test. Keychain tests need a real Secret
// Service, so on Linux the run moves into its own D-Bus session with an unlocked GNOME Keyring
// (your own desktop keychain is never touched).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const inSession = process.env.SWITCHBOARD_TEST_SESSION === '1';
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (process.platform === 'linux' && !inSession) {
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
    console.error('The keychain tests need a Secret Service: install the Debian packages "dbus gnome-keyring libsecret-tools" (see README).');
    process.exit(1);
  }
  const inner = `eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; export GNOME_KEYRING_CONTROL; exec "${process.execPath}" scripts/test.mjs "$@"`;
  const r = spawnSync('dbus-run-session', ['--', 'bash', '-c', inner, 'test.mjs', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SWITCHBOARD_TEST_SESSION: '1' },
  });
  process.exit(r.status ?? 1);
}

const steps = [
  ['Type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['Lint (folder boundaries)', 'npx', ['eslint', '.']],
  ['Build (electron-vite)', 'npx', ['electron-vite', 'build']],
  ['Tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', ...process.argv.slice(2)]],
];
/** One plain closing line for whoever reads the log: how many tests passed and failed. */
function summary() {
  if (!existsSync('test-results/vitest.json')) return;
  const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}

// A summary left by an earlier run must never speak for this one.
rmSync('test-results/vitest.json', { force: true });

for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed.`);
    if (name === 'Tests') summary();
    process.exit(r.status ?? 1);
  }
}
summary();

