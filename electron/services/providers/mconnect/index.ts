import type { ProviderAdapter } from '../types';
import { mconnectInfo } from './capabilities';
import * as client from './client';
import { parseMconnectWebhook } from './inbound';

export const mconnect: ProviderAdapter = {
  info: mconnectInfo,
  formProblems: (config) => client.formProblems(config),
  testConnection: client.testConnection,
  send: client.send,
  parseInbound: parseMconnectWebhook,
  // One webhook per scanned number (wp_num), set with setWebHook; no per-instance calls.
  registerWebhook: (ctx, url) => client.setWebhook(ctx, url),
};
