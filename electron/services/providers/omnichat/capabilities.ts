import type { ProviderInfo } from '../../../../shared/model';

export const DEFAULT_BASE_URL = 'https://app.omnichat.id';

export const omnichatInfo: ProviderInfo = {
  id: 'omnichat',
  name: 'Omnichat.id',
  // No webhookRegistration: the webhook URL is typed into the device's settings in Omnichat's
  // dashboard, so the app shows the URL to paste instead of registering it.
  capabilities: ['text', 'templates', 'groups', 'autoReplyTest'],
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, required: true, kind: 'url', default: DEFAULT_BASE_URL, help: 'Leave as is unless Omnichat gave you another address.' },
    { key: 'apiKey', label: 'API key', secret: true, required: true, kind: 'text', help: 'Your API key from the API page of the Omnichat dashboard.' },
    {
      key: 'deviceKey',
      label: 'Device key',
      secret: false,
      required: false,
      kind: 'text',
      placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      help: 'The id of the WhatsApp device to send from (Omnichat dashboard → Devices). Needed to send to groups, to send templates, to test the auto-reply, and whenever your Omnichat settings do not pick a device automatically.',
    },
  ],
};
