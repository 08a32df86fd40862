// Qontak Hub's doc describes no webhook payload, so the parser refuses everything with a reason
// (the webhook service keeps such bodies raw, to be parsed by a later version).
import { describe, expect, it } from 'vitest';
import { qontak } from '../../electron/services/providers/qontak';
import { parseQontakWebhook } from '../../electron/services/providers/qontak/inbound';

describe('Qontak Hub webhook parser', () => {
  it('is the adapter parser', () => {
    expect(qontak.parseInbound).toBe(parseQontakWebhook);
  });

  it("refuses the doc's broadcast answer, copied field for field: it is not a webhook", () => {
    const docAnswer = {
      status: 'success',
      data: {
        id: '6d38b2cf-84a7-406c-9bd3-8c8c59787e8b',
        name: 'Burhanudin Hakim',
        organization_id: '7e6e0187-6707-464f-8b99-59b094caae0b',
        channel_integration_id: 'c3370195-3451-4645-99a1-578c47b24d41',
        contact_list_id: null,
        contact_id: 'a803020b-81f6-46bc-ad34-2dd7c871dd57',
        target_channel: 'wa',
        parameters: { header: {}, body: { '1': 'full_name' } },
        created_at: '2020-07-30T07:24:13.040Z',
        message_status_count: { failed: 0, delivered: 0, read: 0, pending: 0, sent: 0 },
        message_template: {
          id: 'cf7a16bd-e84f-4f72-8cce-70934edfc585',
          name: 'message',
          language: 'id',
          header: null,
          body: 'Hi {{1}}, Silakan periksa invoice di email anda.',
          footer: null,
          status: 'APPROVED',
          category: 'PAYMENT_UPDATE',
        },
      },
    };
    expect(() => parseQontakWebhook(docAnswer)).toThrow(/Qontak Hub does not send webhooks Switchboard understands yet/);
  });

  it.each([[{}], [null], ['text'], [{ sender_id: '628117661000', text: 'Halo', room: { id: 'r1' } }]])('refuses %j with the same reason', (body) => {
    expect(() => parseQontakWebhook(body)).toThrow(/documentation describes no webhook payload/);
  });
});
