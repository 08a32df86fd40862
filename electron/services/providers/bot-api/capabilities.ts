import type { ProviderInfo } from '../../../../shared/model';

export const botApiInfo: ProviderInfo = {
  id: 'bot-api',
  name: 'WhatsApp Bot API',
  capabilities: ['qrInstances', 'text', 'mediaUpload', 'mediaUrl', 'interactive', 'contacts', 'location', 'groups', 'botSettings', 'webhookRegistration'],
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, required: true, kind: 'url', placeholder: 'https://api.example.com', help: 'The address your gateway gave you, without /whatsapp.' },
    { key: 'bearerToken', label: 'Bearer token', secret: true, required: true, kind: 'text', help: 'Your API token from the gateway dashboard.' },
    { key: 'sessionId', label: 'Session id (existing instance)', secret: false, required: false, kind: 'text', help: 'Optional: link an instance you already have. Leave empty to create one under Instances.' },
    { key: 'accessToken', label: 'Access token (existing instance)', secret: true, required: false, kind: 'text', help: 'The access token that goes with the session id above.' },
  ],
};
