import type { ProviderAdapter } from '../types';
import { qontakInfo } from './capabilities';
import * as client from './client';
import { parseQontakWebhook } from './inbound';
import { registerWebhook, roomFile, roomReply } from './room';

export const qontak: ProviderAdapter = {
  info: qontakInfo,
  testConnection: client.testConnection,
  // Free text and files go into the customer's room; everything else is a template broadcast.
  send: (ctx, target, message) =>
    message.kind === 'text' ? roomReply(ctx, target, message.text) : message.kind === 'media' ? roomFile(ctx, target, message) : client.send(ctx, target, message),
  parseInbound: parseQontakWebhook,
  registerWebhook: (ctx, url) => registerWebhook(ctx, url),
  templates: { list: client.listTemplates },
  lines: { configKey: 'channelIntegrationId', list: client.listLines },
  reports: { lookup: client.lookupStatus },
};
