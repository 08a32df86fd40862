import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a keychain item straight from the Secret Service, independently of the app's code. */
export function secretToolLookup(service: string, username: string): string | null {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', service, 'username', username], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}

/** Every file under `dir` (database, WAL, settings…) that contains `needle` in its bytes. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (readFileSync(p).includes(Buffer.from(needle))) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}
