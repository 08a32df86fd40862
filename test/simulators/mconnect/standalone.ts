import type { StandaloneSimulator } from '../standalone';
import { MconnectSimulator } from './server';

// `--token` sets the username (mconnect's only secret); the company is fixed.
export const standalone: StandaloneSimulator = {
  name: 'mconnect',
  start: async (opts) => {
    const sim = await MconnectSimulator.start({ port: opts.port, host: opts.host, acceptedCompany: 'sim-company', acceptedUsername: opts.token });
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'mconnect Omnichannel simulator',
        `  API endpoint:     ${sim.endpointUrl}`,
        `  WhatsApp number:  ${sim.wpNum}`,
        `  Company:          ${sim.company}`,
        `  Username:         ${sim.username}`,
        `  Control page:     ${sim.controlUrl}`,
      ],
    };
  },
};
