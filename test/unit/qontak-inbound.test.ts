// Qontak Hub's three webhooks (reference note provider-docs/reference/qontak.md, "Webhooks"), copied
// field for field from the note, become inbox messages and statuses; odd timestamps and unknown
// fields are tolerated; what is not a Qontak message is refused with a reason.
import { describe, expect, it } from 'vitest';
import { qontak } from '../../electron/services/providers/qontak';
import { parseQontakWebhook, toEpochMs } from '../../electron/services/providers/qontak/inbound';

const room = (over: Record<string, unknown> = {}) => ({
  id: 'e658411a-99aa-417d-8c6f-40e1594554a7',
  name: 'Burhanudin',
  description: '',
  status: 'assigned',
  type: 'Models::CustomerServiceRoom',
  tags: [],
  channel: 'wa',
  channel_account: 'Qontak',
  organization_id: '5c8521e5-5978-4817-9ceb-ae1710d676c9',
  account_uniq_id: '628117661000',
  channel_integration_id: 'b3a2ee0b-7dac-47b8-a115-7bc63abf8f15',
  session: 'open',
  session_at: '2021-03-03T22:55:52.000Z',
  unread_count: 0,
  created_at: '2021-03-03T22:36:08.196Z',
  updated_at: '2021-03-03T22:55:13.670Z',
  avatar: null,
  resolved_at: null,
  external_id: null,
  resolved_by_id: null,
  resolved_by_type: null,
  ...over,
});

// Source: reference note, "Webhooks" → Incoming customer message (raw: "Receive Webhook from Customer Send Message").
const customer = {
  id: '4198c4b2-d39d-45b5-ac9c-89bccb9513ec',
  type: 'text',
  room_id: 'e658411a-99aa-417d-8c6f-40e1594554a7',
  is_campaign: false,
  sender_id: '9c682ecf-6149-4d23-b6ae-d3c872194d58',
  sender_type: 'Models::Contact',
  sender: { name: 'Burhanudin', avatar: null },
  participant_id: '64c4be1f-916b-4e5e-a8cd-52ec2cbb082f',
  organization_id: '5c8521e5-5978-4817-9ceb-ae1710d676c9',
  text: 'helo',
  status: 'created',
  participant_type: 'customer',
  external_id: 'ABEGYoEXZhAAAgo-sInteMYC-oMQ',
  local_id: null,
  created_at: '2021-03-03T22:53:29.000Z',
  reply: null,
  room: room({ status: 'unassigned', session_at: '2021-03-03T22:53:29.000Z', unread_count: 2, updated_at: '2021-03-03T22:36:08.196Z' }),
};

const avatarUrl = 'https://qontak-hub-production.s3-ap-southeast-1.amazonaws.com/assets/qi-user.png';
// Source: reference note, "Webhooks" → Status of an agent message (raw: "Receive Webhook Status Message send from Agent").
const agent = {
  id: 'd27cc7ac-8281-438d-9cea-e74e627cea32',
  type: 'text',
  room_id: 'e658411a-99aa-417d-8c6f-40e1594554a7',
  is_campaign: false,
  sender_id: '84d627bf-3f71-48de-bd4d-b623ad19857a',
  sender_type: 'Models::User',
  sender: { name: 'Agent One', avatar: { url: avatarUrl, large: { url: avatarUrl }, medium: { url: avatarUrl }, small: { url: avatarUrl }, filename: null, size: 0 } },
  participant_id: '8c10c529-360d-4880-90bf-85ccf51160a6',
  organization_id: '5c8521e5-5978-4817-9ceb-ae1710d676c9',
  text: 'ada yang bisa dibantu?',
  status: 'read',
  participant_type: 'agent',
  external_id: 'gBEGYoEXZhAAAglXDyY42p1Do6I',
  local_id: null,
  created_at: '2021-03-03T23:00:33.492Z',
  reply: null,
  room: room(),
};

// Source: reference note, "Webhooks" → Status of a broadcast/API template message (raw: "Receive Webhook sent status from Broadcast / Broadcast API").
const broadcast = {
  id: 'a9fb2a77-62da-4100-a770-6f6fc8bc36de',
  type: 'text',
  room_id: 'e658411a-99aa-417d-8c6f-40e1594554a7',
  is_campaign: true,
  sender_id: '2fcf11ac-5d78-475a-9000-fea426e3c270',
  sender_type: 'Models::SystemAccount',
  sender: { name: 'Bot', avatar: null },
  participant_id: '9de18858-00d7-4114-939e-7bd95c5e0e3b',
  organization_id: '5c8521e5-5978-4817-9ceb-ae1710d676c9',
  text: 'Kepada Yth Customer Burhanudin,\nTagihan anda akan segera jatuh tempo, mohon segera lakukan pembayaran.\n-MIC Finance',
  status: 'sent',
  participant_type: 'bot',
  external_id: 'gBEGYoEXZhAAAgkDd8uUC103idc',
  local_id: null,
  created_at: '2021-03-03T23:06:36.452Z',
  reply: null,
  room: room(),
};

describe('Qontak Hub webhook parser', () => {
  it('is the adapter parser', () => {
    expect(qontak.parseInbound).toBe(parseQontakWebhook);
  });

  it("turns a customer's message into an inbox message from their number, keeping the room for replies", () => {
    const at = Date.parse('2021-03-03T22:53:29.000Z');
    expect(parseQontakWebhook(customer)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '628117661000',
        isGroup: false,
        groupName: null,
        senderPhone: '628117661000',
        senderName: 'Burhanudin',
        fromMe: false,
        providerMessageId: '4198c4b2-d39d-45b5-ac9c-89bccb9513ec',
        at,
        kind: 'text',
        text: 'helo',
        media: null,
        conversation: { id: 'e658411a-99aa-417d-8c6f-40e1594554a7', at },
      },
    ]);
  });

  it("shows an agent's message as outgoing, with its status under the same id", () => {
    const events = parseQontakWebhook(agent);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'message', peerId: '628117661000', fromMe: true, providerMessageId: agent.id, text: 'ada yang bisa dibantu?', senderPhone: null });
    expect(events[0]).not.toHaveProperty('conversation');
    expect(events[1]).toEqual({ type: 'status', providerMessageId: agent.id, status: 'read', at: Date.parse(agent.created_at) });
  });

  it('turns a broadcast status into a status for the template sent to that number (it names no broadcast id)', () => {
    expect(parseQontakWebhook(broadcast)).toEqual([
      { type: 'status', providerMessageId: broadcast.id, status: 'sent', at: Date.parse(broadcast.created_at), recipient: '628117661000', recipientTemplate: true },
    ]);
    expect(parseQontakWebhook({ ...broadcast, status: 'failed' })[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not deliver/), permanent: true });
    expect(parseQontakWebhook({ ...broadcast, status: 'created' })).toEqual([{ type: 'ignored', reason: expect.stringMatching(/created/) }]);
  });

  it('offers a bot message in a room to our room reply first, then shows it if no reply takes it', () => {
    const events = parseQontakWebhook({ ...broadcast, is_campaign: false, status: 'delivered' });
    expect(events.map((e) => e.type)).toEqual(['status', 'message', 'status']);
    expect(events[0]).toMatchObject({ recipient: '628117661000', recipientTemplate: false, status: 'delivered' });
    expect(events[1]).toMatchObject({ fromMe: true, providerMessageId: broadcast.id });
  });

  it('tolerates unknown fields, flags as strings and a list of messages in one post', () => {
    const events = parseQontakWebhook([{ ...customer, brand_new_field: { x: 1 } }, { ...broadcast, is_campaign: 'true' }]);
    expect(events.map((e) => e.type)).toEqual(['message', 'status']);
  });

  it('reads media messages from the upload object, and still shows one whose file it cannot read', () => {
    // Derived: the note's customer message with `type` from the bot endpoint's enum and `file` in the upload shape the note shows for `sender.avatar`.
    const image = { ...customer, type: 'image', text: null, file: { url: 'https://cdn.example.com/a.jpg', filename: 'a.jpg', size: 1200 } };
    expect(parseQontakWebhook(image)[0]).toMatchObject({ kind: 'image', media: { kind: 'image', url: 'https://cdn.example.com/a.jpg', fileName: 'a.jpg', size: 1200 } });
    expect(parseQontakWebhook({ ...customer, type: 'document', text: null })[0]).toMatchObject({ kind: 'text', text: '[document]', media: null });
  });

  it('keeps a thread without the number unanswerable rather than guessing', () => {
    const [m] = parseQontakWebhook({ ...customer, room: { ...customer.room, account_uniq_id: null } });
    expect(m).toMatchObject({ peerId: `room:${customer.room_id}`, replyable: false });
  });

  it('makes sane dates of every timestamp form', () => {
    const now = Date.parse('2024-05-01T00:00:00Z');
    expect(toEpochMs('2021-03-03T22:53:29.000Z', now)).toBe(Date.parse('2021-03-03T22:53:29.000Z'));
    expect(toEpochMs(1614811209, now)).toBe(1614811209000);
    expect(toEpochMs('1614811209', now)).toBe(1614811209000);
    expect(toEpochMs(1614811209123, now)).toBe(1614811209123);
    expect(toEpochMs('2021-03-03 22:53:29 +0700', now)).toBe(Date.parse('2021-03-03 22:53:29 +0700'));
    for (const odd of [null, undefined, '', 'soon', 0, -5, Number.MAX_SAFE_INTEGER]) expect(toEpochMs(odd as never, now)).toBe(now);
  });

  it('refuses what is not a Qontak message, with a reason', () => {
    expect(() => parseQontakWebhook({ status: 'success', data: { id: 'x' } })).toThrow(/message object with an id/);
    expect(() => parseQontakWebhook('hello')).toThrow(/message object with an id/);
    expect(parseQontakWebhook({ ...customer, participant_type: 'system', sender_type: 'Models::Other' })).toEqual([{ type: 'ignored', reason: expect.stringMatching(/system/) }]);
  });
});
