import type { StandaloneSimulator } from '../standalone';
import { QontakSimulator } from './server';

// Fixed, obviously fake credentials so a person enters them in Switchboard once and they still
// work after a restart; `--token` sets the password.
export const standalone: StandaloneSimulator = {
  name: 'qontak',
  start: async (opts) => {
    const sim = await QontakSimulator.start({ port: opts.port, host: opts.host, password: opts.token ?? 'sim-password', clientId: 'sim-client-id', clientSecret: 'sim-client-secret' });
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'Qontak Hub simulator',
        `  Base URL:       ${sim.url}`,
        `  Username:       ${sim.username}`,
        `  Password:       ${sim.password}`,
        `  Client id:      ${sim.clientId}`,
        `  Client secret:  ${sim.clientSecret}`,
        `  Control page:   ${sim.controlUrl}`,
      ],
    };
  },
};
