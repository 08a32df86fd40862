// Webhook bodies exactly as shared/provider-docs/reference/infobip.md gives them. Each names the
// section it is copied from; the simulator builds its posts from the same shapes (webhooks.ts).

const price0 = { pricePerMessage: 0, currency: 'EUR' };
const inboundBase = {
  from: '385919998888',
  to: '41793026731',
  integrationType: 'WHATSAPP',
  receivedAt: '2025-01-01T10:10:00.000+0000',
  pairedMessageId: null,
  callbackData: 'callbackData',
  price: price0,
  contact: { name: 'Frank' },
};

// "Webhooks → Inbound message (WhatsAppWebhookInboundMessageResult)", verbatim.
export const inboundText = {
  results: [{ ...inboundBase, messageId: 'wamid.HBgLMjc4MTMzMjE0ODIVAgAonoIAUsydhfskYyRDdEMjE4Njg3MzlBMDU2NzI4NgA=', message: { text: 'Hello, World!', type: 'TEXT' } }],
  messageCount: 1,
  pendingMessageCount: 0,
};

// "Webhooks → Inbound message → Other message variants", each in the inbound envelope above.
const variant = (messageId: string, message: Record<string, unknown>) => ({ results: [{ ...inboundBase, messageId, message }], messageCount: 1, pendingMessageCount: 0 });
export const inboundLocation = variant('wamid.LOCATION1', {
  latitude: 40.748433333333,
  longitude: -73.985655555556,
  address: '350 5th Ave, New York, NY',
  name: 'Empire State Building',
  url: 'https://www.facebook.com/113272675352744',
  type: 'LOCATION',
});
export const inboundImageCaption = variant('wamid.IMAGE1', { url: 'https://{base_url}/whatsapp/1/senders/447796344125/media/f1b96d31-9ab9-4513-808b-50ab37360fbe', caption: 'Image Caption', type: 'IMAGE' });
// Same variant without its optional `caption` (SDK model WhatsAppWebhookInboundImageMessage: caption optional).
export const inboundImageNoCaption = variant('wamid.IMAGE2', { url: 'https://{base_url}/whatsapp/1/senders/447796344125/media/f1b96d31-9ab9-4513-808b-50ab37360fbf', type: 'IMAGE' });
export const inboundListReply = variant('wamid.LIST1', {
  id: 'consultar_saldo',
  title: 'consultar saldo',
  context: { from: '447860064956', id: '64a47cb5-9310-4527-965d-c5abd64cd862', groupId: null, referredProduct: null },
  type: 'INTERACTIVE_LIST_REPLY',
});
// "INTERACTIVE_BUTTON_REPLY → {id, title, context}" (SDK WhatsAppWebhookButtonReplyContent), context as in the list reply sample.
export const inboundButtonReply = variant('wamid.BUTTON1', {
  id: '1',
  title: 'Yes',
  context: { from: '447860064956', id: '64a47cb5-9310-4527-965d-c5abd64cd862', groupId: null, referredProduct: null },
  type: 'INTERACTIVE_BUTTON_REPLY',
});
// "Real capture also shows … pendingMessageCount > 0": two results in one post, extra contact fields.
export const inboundTwoResults = {
  results: [
    { ...inboundBase, messageId: 'wamid.TWO1', message: { text: 'First', type: 'TEXT' }, contact: { name: 'Frank', phoneNumber: '385919998888', userId: null, parentUserId: null, username: null } },
    { ...inboundBase, messageId: 'wamid.TWO2', message: { text: 'Second', type: 'TEXT' }, price: { pricePerMessage: 0.0, currency: 'USD' }, entityId: 'e-1', applicationId: 'a-1' },
  ],
  messageCount: 2,
  pendingMessageCount: 3,
};

// "Delivery report — OFFICIAL doc sample", verbatim (bulkId "", offsets -0300).
export const pushedDelivered = {
  results: [
    {
      bulkId: '',
      price: { pricePerMessage: 0.21, currency: 'BRL' },
      status: { id: 5, groupId: 3, groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
      error: { id: 0, name: 'NO_ERROR', description: 'No Error', groupId: 0, groupName: 'OK', permanent: false },
      messageId: 'fb469d73-d362-463f-b30f-1e959b53badc',
      doneAt: '2019-04-09T16:01:56.494-0300',
      messageCount: 1,
      sentAt: '2019-04-09T16:00:58.647-0300',
      to: '41793026731',
    },
  ],
};

// "OMNI reports — doc samples" (GET /omni/1/reports), verbatim: no bulkId, mccMnc the string "null".
export const pulledDelivered = {
  results: [
    {
      messageId: '1215f543ab19-345f-adbd-12ad31451ed25f35',
      to: '41793026731',
      sentAt: '2018-12-12T11:21:57.793+0000',
      doneAt: '2018-12-12T11:21:58.771+0000',
      messageCount: 1,
      mccMnc: 'null',
      price: { pricePerMessage: 0, currency: 'EUR' },
      status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
      error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
      channel: 'WHATSAPP',
    },
  ],
};

// "Seen report (WhatsAppWebhookSeenResult)": { messageId, from, to, sentAt, seenAt, applicationId, entityId }.
export const seenReport = {
  results: [{ messageId: 'a28dd97c-1ffb-4fcf-99f1-0b557ed381da', from: '441134960000', to: '441134960001', sentAt: '2025-01-01T10:10:00.000+0000', seenAt: '2025-01-01T10:12:30.000+0000', applicationId: 'default', entityId: null }],
};

// "OMNI reports … Legacy seen report: {results:[{messageId, to, sentAt, seenAt}]}".
export const legacySeenReport = { results: [{ messageId: 'a28dd97c-1ffb-4fcf-99f1-0b557ed381db', to: '441134960001', sentAt: '2025-01-01T10:10:00.000+0000', seenAt: '2025-01-01T10:15:00.000+0000' }] };

// "Docs: Use one URL for all report types (delivery + seen reports may hit the same endpoint)": one post, both kinds.
export const mixedSeenAndDelivery = {
  results: [
    { ...pushedDelivered.results[0]!, messageId: 'mix-1' },
    { ...seenReport.results[0]!, messageId: 'mix-2' },
    { ...pulledDelivered.results[0]!, messageId: 'mix-3', status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' } },
  ],
};
