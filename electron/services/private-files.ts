// The data folder holds conversations, customers' phone numbers and received files: on POSIX it
// is the owner's alone (folders 0700, files 0600), whatever the umask. Files are created with
// those modes; a folder or file left looser by an older version (or another tool) is tightened
// when the app starts. Windows keeps its own ACLs (the per-user profile folder), so nothing here
// runs there.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates `dir` (and missing parents) owner-only and tightens it if it already existed looser. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty owner-only file if it is missing (SQLite then makes its -wal and -shm files
 * with the database file's mode), and tightens it if it exists.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE);
}

/** Tightens a folder or file that exists; a missing one, a symlink or a file we do not own is left alone. */
export function tighten(path: string, mode: number): void {
  if (!posix) return;
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return;
    if ((st.mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // Gone meanwhile, or not ours to change: nothing to tighten.
  }
}

/** Every folder under `root` to 0700 and every file to 0600 (symlinks are not followed). */
export function tightenTree(root: string): void {
  if (!posix) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  tighten(root, PRIVATE_DIR_MODE);
  for (const e of entries) {
    const p = join(root, e.name);
    if (e.isDirectory()) tightenTree(p);
    else if (e.isFile()) tighten(p, PRIVATE_FILE_MODE);
  }
}
