// Every simulator the CLI can start, by name.
import { standalone as botApi } from './bot-api/standalone';
import { standalone as infobip } from './infobip/standalone';
import { standalone as mconnect } from './mconnect/standalone';
import { standalone as omnichat } from './omnichat/standalone';
import { standalone as qontak } from './qontak/standalone';
import type { StandaloneSimulator } from './standalone';

export const simulators: Record<string, StandaloneSimulator> = Object.fromEntries([botApi, mconnect, omnichat, infobip, qontak].map((s) => [s.name, s]));

/** Each simulator's own port when --port is not given, so all five can run side by side. */
export const defaultPorts: Record<string, number> = { 'bot-api': 4010, mconnect: 4011, omnichat: 4012, infobip: 4013, qontak: 4014 };
