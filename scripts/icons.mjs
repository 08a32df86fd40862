// `npm run icons`: every icon the installers and the window need, generated from the one source
// resources/icon.svg. The outputs are committed, not made during `npm run dist`: they are small,
// a reviewer sees an icon change as files, and installers (and the release runners) then need no
// image library (sharp, used by icon-gen). test/packaging/ fails when the SVG changes and this
// script has not been run again (source.json records the SVG's hash).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import generateIcon from 'icon-gen';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'resources/icon.svg');
const out = join(root, 'resources/icons');
/** Linux desktop environments pick from this set (electron-builder reads the size from the name). */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const work = mkdtempSync(join(tmpdir(), 'switchboard-icons-'));
try {
  await generateIcon(source, work, {
    report: false,
    // macOS: 16–1024 including the @2x variants Finder and the dock use.
    icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
    // Windows: the sizes Explorer, the taskbar and the NSIS installer ask for.
    ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
    favicon: { name: 'png-', pngSizes: LINUX_SIZES, icoSizes: [] },
  });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'png'), { recursive: true });
  renameSync(join(work, 'icon.icns'), join(out, 'icon.icns'));
  renameSync(join(work, 'icon.ico'), join(out, 'icon.ico'));
  for (const size of LINUX_SIZES) renameSync(join(work, `png-${size}.png`), join(out, 'png', `${size}x${size}.png`));
  // The window and tray icon the running app loads (electron/main.ts).
  copyFileSync(join(out, 'png', '512x512.png'), join(root, 'resources/icon.png'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const sha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
writeFileSync(join(out, 'source.json'), `${JSON.stringify({ source: 'resources/icon.svg', sha256, linuxSizes: LINUX_SIZES }, null, 2)}\n`);
console.log(`Icons written to resources/icons from resources/icon.svg (sha256 ${sha256.slice(0, 12)}…)`);
