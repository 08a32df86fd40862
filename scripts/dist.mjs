// `npm run dist`: build the app, then the installer for this machine's platform and architecture
// into dist/ (macOS: .dmg, Windows: NSIS .exe, Linux: .AppImage and .deb). Needs the internet the
// first time: electron-builder downloads Electron and its packaging tools into its cache.
// The native modules' platform packages (@napi-rs/keyring-*, @ngrok/ngrok-*) are the ones npm
// installed for this machine, so each architecture is built on a machine of that architecture
// (the release workflow has one runner per platform and Mac architecture).
import { spawnSync } from 'node:child_process';

const targets = { darwin: ['--mac', 'dmg'], win32: ['--win', 'nsis'], linux: ['--linux', 'AppImage', 'deb'] }[process.platform];
if (!targets) {
  console.error(`No installer is configured for ${process.platform}.`);
  process.exit(1);
}
const arch = { x64: '--x64', arm64: '--arm64' }[process.arch];
if (!arch) {
  console.error(`No installer is configured for the ${process.arch} architecture.`);
  process.exit(1);
}
announceSigning();

const run = (args) => {
  const r = spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['electron-vite', 'build']);
// Naming the targets makes the command-line architecture win over the list in electron-builder.yml.
run(['electron-builder', ...targets, arch, '--publish', 'never', ...process.argv.slice(2)]);
console.log('\nInstallers are in dist/.');

/** Say up front which signing steps will be skipped for want of their secrets. */
function announceSigning() {
  const has = (...names) => names.every((n) => process.env[n]);
  if (process.platform === 'darwin') {
    if (!has('CSC_LINK')) console.log('CSC_LINK is not set: the app is signed only if a Developer ID certificate is in this keychain.');
    const notarise = has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') || has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') || has('APPLE_KEYCHAIN_PROFILE');
    if (!notarise) console.log('No APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID (or APPLE_API_KEY*) set: notarisation is skipped.');
  }
  if (process.platform === 'win32' && !has('WIN_CSC_LINK') && !has('CSC_LINK')) {
    console.log('WIN_CSC_LINK is not set: the installer is not signed (Windows SmartScreen will warn).');
  }
}
