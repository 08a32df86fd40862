// Runs the bot API simulator for a person. Two settings the shared CLI has no flags for come from
// the environment: BOT_API_ENGINE (open-wa | baileys, the webhook shapes new instances post; each
// instance can be switched on the control page) and BOT_API_USER (email:password that may sign in
// at POST /sessions, for trying the account form's email + password sign-in).
import type { StandaloneSimulator } from '../standalone';
import { BotApiSimulator } from './server';
import { ENGINES, type Engine } from './webhook';

function engineFromEnv(): Engine {
  const v = process.env.BOT_API_ENGINE ?? 'open-wa';
  if (!ENGINES.includes(v as Engine)) throw new Error(`BOT_API_ENGINE must be one of ${ENGINES.join(', ')}, got "${v}"`);
  return v as Engine;
}

function userFromEnv(): { email: string; password: string } {
  const [email, ...rest] = (process.env.BOT_API_USER ?? 'owner@shop.test:switchboard').split(':');
  return { email: email!, password: rest.join(':') };
}

export const standalone: StandaloneSimulator = {
  name: 'bot-api',
  start: async (opts) => {
    const engine = engineFromEnv();
    const user = userFromEnv();
    const sim = await BotApiSimulator.start({ port: opts.port, host: opts.host, bearerToken: opts.token, qrTtlMs: opts.qrTtlMs, engine, users: [user] });
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'WhatsApp bot API simulator',
        `  Base URL:      ${sim.url}`,
        `  Bearer token:  ${sim.bearerToken}`,
        `  Or sign in:    ${user.email} / ${user.password}`,
        `  Engine:        ${engine} (BOT_API_ENGINE=open-wa|baileys; per instance on the control page)`,
        `  Control page:  ${sim.controlUrl}`,
      ],
    };
  },
};
