// The campaign service as the app composes it: a factory and one handler per channel of
// shared/broadcast.ts, in the same style as `Handlers` in app.ts, so app.ts merges them as is.
import type { z } from 'zod';
import type { BroadcastChannel, broadcastChannels } from '../../../shared/broadcast';
import { BroadcastService, type BroadcastDeps } from './service';

export { BroadcastService, type BroadcastDeps } from './service';

export type BroadcastHandlers = {
  [C in BroadcastChannel]: (
    input: z.output<(typeof broadcastChannels)[C]['input']>,
  ) => Promise<z.output<(typeof broadcastChannels)[C]['output']>> | z.output<(typeof broadcastChannels)[C]['output']>;
};

export function createBroadcastService(deps: BroadcastDeps): BroadcastService {
  return new BroadcastService(deps);
}

export function broadcastHandlers(s: BroadcastService): BroadcastHandlers {
  return {
    'broadcasts:importCsv': ({ csvText }) => s.importCsv(csvText),
    'broadcasts:create': (input) => s.create(input),
    'broadcasts:preview': ({ campaignId, row }) => s.preview(campaignId, row),
    'broadcasts:list': () => s.list(),
    'broadcasts:get': ({ campaignId }) => s.get(campaignId),
    'broadcasts:recipients': (input) => s.recipients(input),
    'broadcasts:start': ({ campaignId, at }) => s.startCampaign(campaignId, at),
    'broadcasts:pause': ({ campaignId }) => s.pause(campaignId),
    'broadcasts:resume': ({ campaignId }) => s.resume(campaignId),
    'broadcasts:cancel': ({ campaignId }) => s.cancel(campaignId),
    'broadcasts:retryFailed': ({ campaignId }) => s.retryFailed(campaignId),
    'broadcasts:exportCsv': ({ campaignId }) => s.exportCsv(campaignId),
    'broadcasts:remove': ({ campaignId }) => ({ removed: s.remove(campaignId) }),
    'contacts:list': ({ search, accountId }) => s.contacts(search, accountId),
  };
}
