import type { ProviderId, ProviderInfo } from '../../../shared/model';
import { AppFailure } from '../errors';
import { botApi } from './bot-api';
import { infobip } from './infobip';
import { mconnect } from './mconnect';
import { omnichat } from './omnichat';
import { qontak } from './qontak';
import type { ProviderAdapter } from './types';

const adapters: Partial<Record<ProviderId, ProviderAdapter>> = { 'bot-api': botApi, mconnect, omnichat, infobip, qontak };

export function adapterFor(provider: ProviderId): ProviderAdapter {
  const a = adapters[provider];
  if (!a) throw new AppFailure('validation', `Switchboard does not support ${provider} accounts in this version.`).keyed('errors.provider.unsupported', { provider });
  return a;
}

export const providerInfos = (): ProviderInfo[] => Object.values(adapters).map((a) => a.info);
