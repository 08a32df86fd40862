import type { StandaloneSimulator } from '../standalone';
import { BotApiSimulator } from './server';

export const standalone: StandaloneSimulator = {
  name: 'bot-api',
  start: async (opts) => {
    const sim = await BotApiSimulator.start({ port: opts.port, host: opts.host, bearerToken: opts.token, qrTtlMs: opts.qrTtlMs });
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'WhatsApp bot API simulator',
        `  Base URL:      ${sim.url}`,
        `  Bearer token:  ${sim.bearerToken}`,
        `  Control page:  ${sim.controlUrl}`,
      ],
    };
  },
};
