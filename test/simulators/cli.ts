// Runs a provider simulator standalone so a person can try the app without a provider account:
//   npx tsx test/simulators/cli.ts bot-api [--port 4010] [--token T] [--host 127.0.0.1] [--qr-ttl 20000]
import { defaultPorts, simulators } from './registry';
import type { CliOptions } from './standalone';

const USAGE = `Usage: tsx test/simulators/cli.ts <simulator> [--port N] [--host H] [--token T] [--qr-ttl MS]
Known simulators and their default ports: ${Object.keys(simulators)
  .map((n) => `${n} ${defaultPorts[n]}`)
  .join(', ')}`;

function parseArgs(argv: string[]): { name: string | undefined; opts: CliOptions } {
  // The port is the simulator's own default unless --port says otherwise (set once the name is known).
  const opts: CliOptions = { port: -1, host: '127.0.0.1' };
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port':
        opts.port = integer(value(), flag);
        break;
      case '--host':
        opts.host = value();
        break;
      case '--token':
        opts.token = value();
        break;
      case '--qr-ttl':
        opts.qrTtlMs = integer(value(), flag);
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}`);
        if (name !== undefined) throw new UsageError(`Unexpected argument ${flag}`);
        name = flag;
    }
  }
  if (opts.port < 0) opts.port = (name !== undefined ? defaultPorts[name] : undefined) ?? 4010;
  return { name, opts };
}

class UsageError extends Error {}

function integer(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer, got "${text}"`);
  return n;
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const { name, opts } = parsed;
  const start = name === undefined ? undefined : simulators[name]?.start;
  if (!start) {
    console.error(`${name === undefined ? 'No simulator given' : `Unknown simulator "${name}"`}. Known simulators: ${Object.keys(simulators).join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  const running = await start(opts);
  for (const line of running.describe()) console.log(line);
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
