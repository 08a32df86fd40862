import type { ProviderInfo } from '../../../../shared/model';

/** The doc's one API address; every action is POSTed here. */
export const MCONNECT_ENDPOINT = 'https://omni.mconnectapps.com/api/v1.0/whatsapp-omni/';

// No qrInstances: the number is scanned in mconnect's own Omnichannel dashboard (the doc's Step 1a),
// the API has no QR or instance calls. No deliveryReports: the webhook carries only customer messages.
export const mconnectInfo: ProviderInfo = {
  id: 'mconnect',
  name: 'mconnect Omnichannel',
  capabilities: ['text', 'mediaUrl', 'groups', 'webhookRegistration'],
  fields: [
    {
      key: 'endpointUrl',
      label: 'API endpoint',
      secret: false,
      required: true,
      kind: 'url',
      default: MCONNECT_ENDPOINT,
      help: 'The Omnichannel WhatsApp API address. Keep the default unless mconnect gave you another one.',
    },
    {
      key: 'wpNum',
      label: 'WhatsApp number',
      secret: false,
      required: true,
      kind: 'text',
      placeholder: '6281234567890',
      help: 'The number you scanned in the Omnichannel dashboard, with country code and without +.',
    },
    { key: 'company', label: 'Company', secret: false, required: true, kind: 'text', help: 'The company name mconnect gave you when your Omnichannel account was set up.' },
    { key: 'username', label: 'Username', secret: true, required: true, kind: 'text', help: 'The username mconnect gave you with the company name. Kept in the keychain.' },
  ],
};
