// Whether an IPC call comes from our own renderer: the packaged page (a file inside the renderer
// folder) or, in development, the electron-vite dev server. Anything else (an injected frame, a
// navigated-to site, a sibling folder such as `renderer-evil`) is refused.
//
// File URLs are compared as paths, not strings: `fileURLToPath` turns `file:///C:/…` into
// `C:\…` on Windows and refuses encoded separators (`%2F`, `%5C`) and foreign hosts, and
// `path.relative` answers "inside or not" with the platform's own rules (drive letters and case
// on Windows, UNC shares). The path flavour is a parameter so Windows cases run on any machine.
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

export type PathFlavour = typeof nodePath.posix | typeof nodePath.win32;

/** Whether `file` is `dir` itself or inside it, under `flavour`'s rules. */
export function isInside(dir: string, file: string, flavour: PathFlavour = nodePath): boolean {
  if (!flavour.isAbsolute(dir) || !flavour.isAbsolute(file)) return false;
  const rel = flavour.relative(flavour.resolve(dir), flavour.resolve(file));
  if (rel === '') return true;
  // `..` as a whole first segment only: a file named `..foo` is still inside.
  return !flavour.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${flavour.sep}`);
}

/** The local path a file: URL names, or null when it names none (encoded separators, bad hosts). */
function filePath(u: URL, flavour: PathFlavour): string | null {
  try {
    return fileURLToPath(u, { windows: flavour === nodePath.win32 });
  } catch {
    return null;
  }
}

export function isTrustedSender(frameUrl: string | undefined, devServerUrl: string | undefined, rendererDir?: string, flavour: PathFlavour = nodePath): boolean {
  if (!frameUrl) return false;
  let u: URL;
  try {
    u = new URL(frameUrl);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') {
    if (rendererDir === undefined) return false;
    const p = filePath(u, flavour);
    return p !== null && isInside(rendererDir, p, flavour);
  }
  if (devServerUrl === undefined) return false;
  try {
    return u.origin !== 'null' && u.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
