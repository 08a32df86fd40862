// The packaging check: what `npm run dist` would put in an installer, verified without Electron's
// binary. The configuration passes electron-builder's own schema validation and asks for every
// installer we ship; the icons are there in each format and in step with resources/icon.svg;
// electron-builder's own `dir` staging (stage.ts) puts every runtime file in app.asar and every
// native binary in app.asar.unpacked; and the packaged main process resolves and loads all its
// imports from the packaged tree alone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { init, parse } from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderRequire, electronExportNames, ensureBuilt, root, stageLinuxDir, type Staged } from './stage';

// The configuration as electron-builder loads it; its shape is what its own schema checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = builderRequire('builder-util');
const validate = (config: Config) => validateConfiguration(config, new DebugLogger(false));
const NATIVE_PACKAGES = ['better-sqlite3', '@napi-rs/keyring', '@ngrok/ngrok'];

describe('electron-builder configuration', () => {
  let config: Config;
  beforeAll(async () => {
    config = await getConfig(root, null, null);
  });

  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    // The validator is live: a misspelt option is refused, naming where it is.
    await expect(validate({ ...config, mac: { ...config.mac, taget: 'dmg' } })).rejects.toThrow(/configuration\.mac\b/);
  });

  it('builds a dmg for Intel and Apple silicon, an NSIS exe, an AppImage and a deb', () => {
    const targets = (platform: string) =>
      Object.fromEntries((config[platform].target as { target: string; arch: string[] }[]).map((t) => [t.target, t.arch]));
    expect(targets('mac')).toEqual({ dmg: ['x64', 'arm64'] });
    expect(targets('win')).toEqual({ nsis: ['x64'] });
    expect(targets('linux')).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    // electron-builder never publishes by itself: the release workflow attaches the artifacts.
    expect(config.publish).toBeNull();
  });

  it('has every icon format the targets need, generated from resources/icon.svg', () => {
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const icnsTypes = new Set<string>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) icnsTypes.add(icns.subarray(at, at + 4).toString('latin1'));
    // 128, 256, 512 and 1024 (512@2x) pixels.
    for (const type of ['ic07', 'ic08', 'ic09', 'ic10']) expect(icnsTypes).toContain(type);

    const ico = readFileSync(join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    for (const size of [16, 32, 48, 256]) expect(icoSizes).toContain(size);

    const pngDir = join(root, config.linux.icon);
    const pngs = readdirSync(pngDir).map((name) => {
      const png = readFileSync(join(pngDir, name));
      return { name, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngs).toContainEqual({ name: `${size}x${size}.png`, width: size, height: size });

    const recorded = JSON.parse(readFileSync(join(root, 'resources/icons/source.json'), 'utf8'));
    const actual = createHash('sha256').update(readFileSync(join(root, recorded.source))).digest('hex');
    expect(actual, 'resources/icon.svg changed since the icons were made: run `npm run icons`').toBe(recorded.sha256);
  });
});

describe('release workflow', () => {
  it('builds every installer on its own runner on a version tag and attaches them to the release', () => {
    const yaml = builderRequire('js-yaml') as { load: (text: string) => Config };
    const wf = yaml.load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8'));
    expect(wf.on.push.tags).toEqual(['v*']);
    const runners = (wf.jobs.installers.strategy.matrix.include as { os: string; arch: string; files: string }[]).map((m) => [m.os, m.arch, m.files]);
    expect(runners).toEqual([
      ['macos-15', 'arm64', 'dist/*.dmg'],
      ['macos-15-intel', 'x64', 'dist/*.dmg'],
      ['windows-latest', 'x64', 'dist/*.exe'],
      ['ubuntu-24.04', 'x64', 'dist/*.AppImage\ndist/*.deb'],
    ]);
    const steps = JSON.stringify(wf.jobs.installers.steps);
    expect(steps).toContain('npm run dist');
    expect(steps).toContain('npx vitest run test/packaging');
    expect(JSON.stringify(wf.jobs.release.steps)).toContain('gh release');
  });
});

describe.runIf(process.platform === 'linux')('the packaged app (electron-builder --dir, stand-in Electron)', () => {
  let staged: Staged;
  let files: Set<string>;
  let tree: string;

  /** A path inside app.asar ('out/main/index.js'), as the archive lists it. */
  const inAsar = (p: string) => files.has(`/${p}`);
  const isUnpacked = (p: string) => Boolean((statFile(staged.asar, p, false) as { unpacked?: boolean }).unpacked);

  beforeAll(() => {
    ensureBuilt();
    staged = stageLinuxDir();
    files = new Set(listPackage(staged.asar, { isPack: false }).map((f) => f.split(sep).join('/')));
    // What Electron's asar-aware fs sees: archive contents with the unpacked files in place.
    tree = join(mkdtempSync(join(tmpdir(), 'switchboard-tree-')), 'app');
    extractAll(staged.asar, tree);
  }, 180_000);
  afterAll(() => {
    if (staged) rmSync(dirname(dirname(staged.appOutDir)), { recursive: true, force: true });
    if (tree) rmSync(dirname(tree), { recursive: true, force: true });
  });

  it('packs every file of the build into app.asar, byte for byte, with main pointing at it', () => {
    const built = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? built(`${dir}/${d.name}`) : [`${dir}/${d.name}`]));
    const outFiles = built('out');
    expect(outFiles).toContain('out/main/index.js');
    for (const f of outFiles) {
      expect(inAsar(f), `${f} is missing from app.asar`).toBe(true);
      expect(extractFile(staged.asar, f).equals(readFileSync(join(root, f))), `${f} differs in app.asar`).toBe(true);
    }
    const pkg = JSON.parse(extractFile(staged.asar, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type).toBe('module');
  });

  it('holds every file the main process opens by a path relative to itself (preload, renderer, icons)', () => {
    const mainDir = 'out/main';
    const referenced = new Set<string>();
    for (const f of readdirSync(join(root, mainDir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(root, mainDir, f), 'utf8');
      for (const m of code.matchAll(/["'](\.\.\/[^"'\s]+)["']/g)) referenced.add(posix.normalize(posix.join(mainDir, m[1]!)));
    }
    expect(referenced).toContain('out/preload/index.cjs');
    expect(referenced).toContain('out/renderer/index.html');
    for (const p of referenced) expect(inAsar(p), `${p} (joined onto out/main by the main process) is not packaged`).toBe(true);

    // The page's own scripts and styles.
    const html = extractFile(staged.asar, 'out/renderer/index.html').toString('utf8');
    for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(inAsar(`out/renderer/${m[1]}`), `${m[1]} missing`).toBe(true);
    // A sandboxed preload can require nothing but 'electron': everything else must be bundled in.
    const preload = extractFile(staged.asar, 'out/preload/index.cjs').toString('utf8');
    expect(new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))).toEqual(new Set(['electron']));
  });

  it('puts every native binary in app.asar.unpacked, one per native module for this platform', () => {
    const nodeFiles = [...files].filter((f) => f.endsWith('.node')).map((f) => f.slice(1));
    for (const f of nodeFiles) {
      expect(isUnpacked(f), `${f} is inside app.asar, where it cannot be loaded`).toBe(true);
      expect(existsSync(join(staged.unpacked, f)), `${f} is not in app.asar.unpacked`).toBe(true);
    }
    const target = `${process.platform}-${process.arch}`;
    expect(nodeFiles).toContain(`node_modules/better-sqlite3/prebuilds/${target}.node`);
    expect(nodeFiles.some((f) => f.startsWith(`node_modules/@napi-rs/keyring-${target}`))).toBe(true);
    expect(nodeFiles.some((f) => f.startsWith(`node_modules/@ngrok/ngrok-${target}`))).toBe(true);
    // Other platforms' prebuilds and the C sources stay out of the installer.
    expect(nodeFiles.filter((f) => f.startsWith('node_modules/better-sqlite3/'))).toEqual([`node_modules/better-sqlite3/prebuilds/${target}.node`]);
    expect(inAsar('node_modules/better-sqlite3/deps')).toBe(false);
  });

  it('leaves development tools out', () => {
    for (const dev of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'playwright-core', 'icon-gen']) {
      expect(inAsar(`node_modules/${dev}`), `${dev} should not be packaged`).toBe(false);
    }
  });

  it('resolves and loads every import of the main process from the packaged tree alone', async () => {
    await init;
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      expect(existsSync(join(tree, file)), `${file} is imported but not packaged`).toBe(true);
      const [imports] = parse(readFileSync(join(tree, file), 'utf8'), file);
      for (const imp of imports) {
        if (imp.specifier === null) continue; // import.meta
        const spec = imp.specifier;
        // A computed dynamic import() cannot be checked statically: the build has none today.
        expect(spec, `${file} has an import() of a computed name`).toBeDefined();
        if (spec!.startsWith('.')) visit(posix.join(posix.dirname(file), spec!));
        else if (!isBuiltin(spec!)) bare.add(spec!);
      }
    };
    visit('out/main/index.js');
    for (const name of NATIVE_PACKAGES) expect(bare).toContain(name);
    expect(bare).toContain('electron');
    bare.delete('electron'); // built into Electron itself

    const probe = join(tree, 'out/main/__probe__.mjs');
    copyFileSync(join(import.meta.dirname, 'probe.mjs'), probe);
    const input = { specifiers: [...bare].sort(), electronNames: electronExportNames(), treeUrl: pathToFileURL(tree + sep).href };
    const r = spawnSync(process.execPath, [probe, JSON.stringify(input)], { cwd: tree, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_PATH: '' } });
    expect(r.status, r.stderr).toBe(0);
    const { report, outside, native } = JSON.parse(r.stdout) as {
      report: { spec: string; resolved?: string; loaded?: boolean; check?: string; error?: string }[];
      outside: string[];
      native: string[];
    };
    for (const entry of report) {
      expect(entry.error, `${entry.spec}: ${entry.error}`).toBeUndefined();
      expect(entry.loaded).toBe(true);
      expect(relative(tree, fileURLToPath(entry.resolved!)).startsWith('node_modules/'), `${entry.spec} resolved to ${entry.resolved}`).toBe(true);
    }
    expect(outside, 'imports resolved outside the packaged app').toEqual([]);
    expect(report.find((e) => e.spec === 'better-sqlite3')?.check).toMatch(/^3\./);
    // The binaries those imports loaded are the ones Electron reads from app.asar.unpacked.
    const loadedNative = native.map((url) => relative(tree, fileURLToPath(url)).split(sep).join('/'));
    for (const name of NATIVE_PACKAGES) expect(loadedNative.some((f) => f.includes(`node_modules/${name}`)), `${name} loaded no binary: ${loadedNative}`).toBe(true);
    for (const f of loadedNative) expect(isUnpacked(f) && existsSync(join(staged.unpacked, f)), `${f} is not unpacked`).toBe(true);
  }, 90_000);
});
