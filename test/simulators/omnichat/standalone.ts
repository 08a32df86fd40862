import { randomUUID } from 'node:crypto';
import type { StandaloneSimulator } from '../standalone';
import { OmnichatSimulator } from './server';

export const standalone: StandaloneSimulator = {
  name: 'omnichat',
  start: async (opts) => {
    const sim = await OmnichatSimulator.start({
      port: opts.port,
      host: opts.host,
      apiKey: opts.token,
      devices: [{ deviceKey: randomUUID(), autoReply: 'Terima kasih, pesan Anda sudah kami terima. Kami akan segera membalas.' }],
      templates: [{ id: randomUUID(), body: 'Halo {name}, pesanan Anda dari {business_name} sudah dikirim.' }],
    });
    const [device] = sim.devices;
    const [template] = sim.templates;
    return {
      url: sim.url,
      close: () => sim.close(),
      describe: () => [
        'Omnichat.id simulator',
        `  Base URL:      ${sim.url}`,
        `  API key:       ${sim.apiKey}`,
        `  Device key:    ${device?.deviceKey ?? '(none)'}`,
        `  Template id:   ${template?.id ?? '(none)'}  "${template?.body ?? ''}"`,
        `  Control page:  ${sim.controlUrl}  (paste the webhook URL on the device here)`,
      ],
    };
  },
};
