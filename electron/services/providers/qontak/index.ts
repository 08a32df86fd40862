import type { ProviderAdapter } from '../types';
import { qontakInfo } from './capabilities';
import * as client from './client';
import { parseQontakWebhook } from './inbound';

export const qontak: ProviderAdapter = {
  info: qontakInfo,
  testConnection: client.testConnection,
  send: client.send,
  parseInbound: parseQontakWebhook,
  templates: { list: client.listTemplates },
  lines: { configKey: 'channelIntegrationId', list: client.listLines },
  reports: { lookup: client.lookupStatus },
};
