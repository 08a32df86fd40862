import type { ProviderInfo } from '../../../../shared/model';

// Templates (with media headers and link buttons), free text and files from this computer only as
// a reply inside the room a customer opened (room.ts: refused with the reason outside WhatsApp's
// 24-hour window; files are uploads, so `mediaUpload` and not `mediaUrl`: no "file by link"), webhooks
// registered through the API (message_interactions) for customer messages and delivery statuses,
// which the broadcast log backs up (reports.lookup).
export const qontakInfo: ProviderInfo = {
  id: 'qontak',
  name: 'Qontak Hub',
  capabilities: ['text', 'mediaUpload', 'templates', 'templateSync', 'lines', 'deliveryReports', 'webhookRegistration'],
  fields: [
    {
      key: 'baseUrl',
      label: 'API base URL',
      secret: false,
      required: true,
      kind: 'url',
      default: 'https://chat-service.qontak.com',
      help: 'Leave as it is unless Qontak gave you another address.',
    },
    { key: 'username', label: 'Username', secret: false, required: true, kind: 'text', placeholder: 'you@yourcompany.com', help: 'The email you sign in to Qontak Hub with.' },
    { key: 'password', label: 'Password', secret: true, required: true, kind: 'text', help: 'Your Qontak Hub password.' },
    { key: 'clientId', label: 'Client id', secret: true, required: true, kind: 'text', help: 'The API client id Qontak gave you for your organisation.' },
    { key: 'clientSecret', label: 'Client secret', secret: true, required: true, kind: 'text', help: 'The client secret that goes with the client id.' },
    {
      key: 'channelIntegrationId',
      label: 'WhatsApp channel',
      secret: false,
      required: false,
      kind: 'text',
      help: 'The WhatsApp number messages go out from. Pick it from the list once the account is saved.',
    },
  ],
};
