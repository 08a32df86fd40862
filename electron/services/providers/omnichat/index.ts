import type { FormProblem, ProviderAdapter } from '../types';
import { omnichatInfo } from './capabilities';
import * as client from './client';
import { parseOmnichatWebhook } from './inbound';

export const omnichat: ProviderAdapter = {
  info: omnichatInfo,
  formProblems,
  testConnection: client.testConnection,
  send: client.send,
  parseInbound: (body) => parseOmnichatWebhook(body),
  autoReply: { test: client.testAutoReply },
};

function formProblems(config: Record<string, string>): FormProblem[] {
  const device = config.deviceKey?.trim() ?? '';
  // The callback URL shows the device as "device_<key>"; Omnichat wants the bare key.
  return /^device_/i.test(device) ? [{ message: 'Enter the device key without the "device_" in front of it.', key: 'errors.omnichat.devicePrefix' }] : [];
}
