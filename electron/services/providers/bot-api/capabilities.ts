// The account form: the gateway address, then one of two ways to sign in (reference note "Base
// URL / auth"): a token pasted from the dashboard (with its refresh token, if the dashboard gave
// one), or the dashboard's email and password, which Switchboard exchanges at /sessions for tokens
// it keeps in the keychain. validate() below asks for one of the two.
import type { ProviderInfo } from '../../../../shared/model';
import type { FormProblem } from '../types';

export const DEFAULT_BASE_URL = 'https://api.waabot.com/api/v1';

export const botApiInfo: ProviderInfo = {
  id: 'bot-api',
  name: 'WhatsApp Bot API',
  capabilities: ['qrInstances', 'text', 'mediaUpload', 'mediaUrl', 'interactive', 'contacts', 'location', 'groups', 'botSettings', 'webhookRegistration'],
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, required: true, kind: 'url', default: DEFAULT_BASE_URL, placeholder: DEFAULT_BASE_URL, help: 'The address your gateway gave you, without /whatsapp.' },
    { key: 'bearerToken', label: 'Bearer token', secret: true, required: false, kind: 'text', help: 'Your API access token from the gateway dashboard. Or leave it empty and sign in with email and password below.' },
    { key: 'refreshToken', label: 'Refresh token', secret: true, required: false, kind: 'text', help: 'Optional: the refresh token that came with the access token. It is sent with every request so the gateway can renew an expired access token.' },
    { key: 'email', label: 'Email (sign in instead of a token)', secret: false, required: false, kind: 'text', placeholder: 'you@example.com', help: 'The email you sign in to the gateway dashboard with. Switchboard signs in for you and renews the session when it expires.' },
    { key: 'password', label: 'Password', secret: true, required: false, kind: 'text', help: 'The dashboard password for the email above. Kept in your system keychain.' },
    { key: 'sessionId', label: 'Session id (existing instance)', secret: false, required: false, kind: 'text', help: 'Optional: link an instance you already have. Leave empty to create one under Instances.' },
    { key: 'accessToken', label: 'Access token (existing instance)', secret: true, required: false, kind: 'text', help: 'The access token that goes with the session id above.' },
  ],
};

/** A token, or an email with its password; each field may already be in the keychain. */
export function botApiProblems(config: Record<string, string>, secrets: Record<string, string>, saved: string[]): FormProblem[] {
  const has = (k: string) => !!secrets[k] || saved.includes(k);
  const problems: FormProblem[] = [];
  if (config.email && !has('password')) problems.push({ message: 'Enter the password for that email, or remove the email to use a bearer token.', key: 'errors.botApi.passwordForEmail' });
  if (has('password') && !config.email) problems.push({ message: 'Enter the email that goes with the password.', key: 'errors.botApi.emailForPassword' });
  if (!has('bearerToken') && !(config.email && has('password'))) problems.push({ message: 'Enter a bearer token, or an email and password to sign in with.', key: 'errors.botApi.tokenOrLogin' });
  return problems;
}

