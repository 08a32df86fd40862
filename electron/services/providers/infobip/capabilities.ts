// What an Infobip OMNI account can do and how it is set up. The OMNI doc covers outbound WhatsApp
// (text, image by URL, registered templates) with SMS failover through a scenario, and delivery
// reports (pulled, or pushed to a notify URL in the same shape). Customer messages and seen
// reports arrive at the account's webhook URL (reference/infobip.md), which is set in the Infobip
// portal for inbound messages (no API registers it) and sent as `notifyUrl` with each message
// for reports when the app has a public address. No QR pairing.
import type { ProviderInfo } from '../../../../shared/model';
import type { FormProblem } from '../types';

export const infobipInfo: ProviderInfo = {
  id: 'infobip',
  name: 'Infobip OMNI (WhatsApp with SMS failover)',
  capabilities: ['text', 'mediaUrl', 'templates', 'deliveryReports', 'smsFailover', 'lines'],
  fields: [
    {
      key: 'baseUrl',
      label: 'API base URL',
      secret: false,
      required: true,
      kind: 'url',
      default: 'https://api.infobip.com',
      placeholder: 'https://xxxxx.api.infobip.com',
      help: 'Your API address from the Infobip portal. The general address works; your personal one is faster.',
    },
    { key: 'apiKey', label: 'API key', secret: true, required: false, kind: 'text', help: 'From the Infobip portal (Developers → API keys). Leave empty to sign in with a username and password instead.' },
    { key: 'username', label: 'Username', secret: false, required: false, kind: 'text', help: 'Your Infobip login, used only when no API key is saved.' },
    { key: 'password', label: 'Password', secret: true, required: false, kind: 'text', help: 'The password for the username above.' },
    {
      key: 'scenarioKey',
      label: 'OMNI scenario',
      secret: false,
      required: false,
      kind: 'text',
      help: 'Picked under “Sending line” on the account card: the scenario sends by WhatsApp first and by SMS when WhatsApp fails.',
    },
  ],
};

/** The longest WhatsApp text (and image caption) the OMNI API accepts. */
export const MAX_WHATSAPP_TEXT = 4096;

/** An account signs in with an API key, or with a username and password (HTTP Basic). */
export function accountProblems(config: Record<string, string>, secrets: Record<string, string>, savedSecrets: string[]): FormProblem[] {
  const has = (key: string): boolean => Boolean(secrets[key]?.trim()) || savedSecrets.includes(key);
  if (has('apiKey')) return [];
  const username = Boolean(config.username?.trim());
  if (username && has('password')) return [];
  if (username) return [{ message: 'Enter the password for this Infobip username, or an API key instead.', key: 'errors.infobip.passwordForUsername' }];
  if (has('password')) return [{ message: 'Enter the Infobip username that goes with this password, or an API key instead.', key: 'errors.infobip.usernameForPassword' }];
  return [{ message: 'Enter an Infobip API key, or a username and password.', key: 'errors.infobip.keyOrLogin' }];
}

