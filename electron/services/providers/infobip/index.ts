import type { ProviderAdapter } from '../types';
import { infobipInfo, validateAccount } from './capabilities';
import * as client from './client';
import { parseInfobipReports } from './inbound';

export const infobip: ProviderAdapter = {
  info: infobipInfo,
  validate: validateAccount,
  testConnection: client.testConnection,
  send: client.send,
  // Infobip pushes delivery reports to a notify URL in the same shape GET /omni/1/reports answers.
  parseInbound: (body) => parseInfobipReports(body),
  lines: { configKey: 'scenarioKey', list: client.listLines, create: client.createLine },
  reports: {
    poll: (ctx) => client.pollReports(ctx),
    lookup: (ctx, sent) => (sent.providerMessageId ? client.lookupReport(ctx, sent.providerMessageId) : Promise.resolve(null)),
  },
};
