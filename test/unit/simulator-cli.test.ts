// The simulators a person starts by hand: each has its own default port, so all five run side by
// side without --port, and --port still wins.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultPorts, simulators } from '../simulators/registry';

/** Starts the CLI, returns what it printed before "Press Ctrl+C", then stops it. */
function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulators/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => (child.kill(), reject(new Error(`no start: ${out}`))), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(out);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => {
      clearTimeout(timer);
      if (!out.includes('Press Ctrl+C')) reject(new Error(out));
    });
  });
}

describe('simulator command line', () => {
  it('gives every simulator its own default port', () => {
    expect(Object.keys(defaultPorts).sort()).toEqual(Object.keys(simulators).sort());
    expect(new Set(Object.values(defaultPorts)).size).toBe(Object.keys(simulators).length);
  });

  it('listens on that port without --port, and on --port when given', async () => {
    expect(await run(['omnichat'])).toContain(`127.0.0.1:${defaultPorts.omnichat}`);
    expect(await run(['mconnect', '--port', '0'])).not.toContain(`:${defaultPorts.mconnect}`);
  });
});
