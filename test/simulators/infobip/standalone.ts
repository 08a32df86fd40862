import type { StandaloneSimulator } from '../standalone';
import { InfobipSimulator } from './server';

export const standalone: StandaloneSimulator = {
  name: 'infobip',
  start: async (opts) => {
    const sim = await InfobipSimulator.start({ port: opts.port, host: opts.host, apiKey: opts.token });
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'Infobip OMNI simulator (WhatsApp with SMS failover)',
        `  Base URL:      ${sim.url}`,
        `  API key:       ${sim.apiKey}`,
        `  or Basic auth: ${sim.username} / ${sim.password}`,
        `  Control page:  ${sim.controlUrl}`,
      ],
    };
  },
};
