import type { ProviderAdapter } from '../types';
import { botApiInfo, botApiProblems } from './capabilities';
import * as client from './client';
import { parseBotApiWebhook } from './inbound';
import { send } from './messages';
import { botSettings } from './settings';

export const botApi: ProviderAdapter = {
  info: botApiInfo,
  formProblems: botApiProblems,
  testConnection: client.testConnection,
  send,
  parseInbound: parseBotApiWebhook,
  registerWebhook: async (ctx, url, instance) => {
    if (!instance) throw new Error('The bot API registers webhooks per instance.');
    await client.setWebhook(ctx, url, instance);
  },
  instances: {
    create: client.createInstance,
    init: client.initInstance,
    qr: client.fetchQr,
    info: client.instanceInfo,
    logout: client.logoutInstance,
    remove: client.deleteInstance,
    list: client.listInstances,
  },
  botSettings,
};
