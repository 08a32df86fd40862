// The README says what is true: its two commands, the shell link (one-time; the token never in it), the
// shell's environment variables, each simulator's own default port, and a "Try it" step for every
// provider.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { providerInfos } from '../../electron/services/providers/registry';
import { defaultPorts } from '../simulators/registry';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const section = (title: string): string => readme.split(/^## /m).find((s) => s.startsWith(title)) ?? '';

describe('README', () => {
  it('keeps its two commands, and both exist', () => {
    expect(readme).toContain('```sh\nnpm install && npm start\n```');
    expect(readme).toContain('```sh\nnpm test\n```');
    expect(pkg.scripts.start).toBeTruthy();
    expect(pkg.scripts.test).toBeTruthy();
  });

  it('says what the shell link token is, and names the shell variables the shell reads', () => {
    // The link carries a one-time code, not the token (electron/shell/server.ts).
    expect(readme).not.toMatch(/It is not one-time|one-time access token/);
    expect(readme).toMatch(/The link works \*\*once\*\*: it carries a one-time code/);
    expect(readFileSync('electron/shell/server.ts', 'utf8')).toContain('`${origin}/#code=${code}`');
    const cli = readFileSync('electron/shell/cli.ts', 'utf8');
    for (const v of ['SWITCHBOARD_SHELL_PORT', 'SWITCHBOARD_LISTENER_PORT', 'SWITCHBOARD_DATA_DIR']) {
      expect(cli).toContain(v);
      expect(readme).toContain(`\`${v}\``);
    }
  });

  it('gives each simulator its default port and walks through every provider', () => {
    const tryIt = section('Try it');
    for (const [name, port] of Object.entries(defaultPorts)) expect(tryIt).toMatch(new RegExp(`npm run simulator -- ${name}\` \\| ${port} \\|`));
    for (const p of providerInfos()) expect(tryIt).toContain(`- **${p.name.replace(/ \(.*\)$/, '')}**`);
    expect(tryIt).toMatch(/receipts/);
  });
});
