import type { ProviderAdapter } from '../types';
import { accountProblems, infobipInfo } from './capabilities';
import * as client from './client';
import { parseInfobipResults } from './inbound';

export const infobip: ProviderAdapter = {
  info: infobipInfo,
  formProblems: accountProblems,
  testConnection: client.testConnection,
  send: client.send,
  // One URL for everything Infobip posts: customer messages, seen reports and delivery reports
  // (the latter in the same shape GET /omni/1/reports answers), mixed in one batch or not.
  parseInbound: (body) => parseInfobipResults(body),
  mediaHeaders: client.mediaHeaders,
  lines: { configKey: 'scenarioKey', list: client.listLines, create: client.createLine },
  reports: {
    poll: (ctx) => client.pollReports(ctx),
    lookup: (ctx, sent) => (sent.providerMessageId ? client.lookupReport(ctx, sent.providerMessageId) : Promise.resolve(null)),
  },
};
