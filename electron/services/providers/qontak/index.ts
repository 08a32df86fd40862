import type { ProviderAdapter } from '../types';
import { qontakInfo } from './capabilities';
import * as client from './client';
import { parseQontakWebhook } from './inbound';
import { registerWebhook, roomReply } from './room';

export const qontak: ProviderAdapter = {
  info: qontakInfo,
  testConnection: client.testConnection,
  // Free text goes into the customer's room; everything else is a template broadcast.
  send: (ctx, target, message) => (message.kind === 'text' ? roomReply(ctx, target, message.text) : client.send(ctx, target, message)),
  parseInbound: parseQontakWebhook,
  registerWebhook: (ctx, url) => registerWebhook(ctx, url),
  templates: { list: client.listTemplates },
  lines: { configKey: 'channelIntegrationId', list: client.listLines },
  reports: { lookup: client.lookupStatus },
};
