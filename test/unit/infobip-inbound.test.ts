// Infobip webhooks and pulled reports → inbox events. Payloads copied from the doc and from
// reference/infobip.md (test/simulators/infobip/fixtures.ts names each one's section).
import { describe, expect, it } from 'vitest';
import { parseInfobipReports, parseInfobipResults, parseInfobipTimestamp } from '../../electron/services/providers/infobip/inbound';
import * as fx from '../simulators/infobip/fixtures';

// GET /omni/1/reports, "3. Get Delivery Reports", field for field.
const docReports = {
  results: [
    {
      messageId: '1215f543ab19-345f-adbd-12ad31451ed25f35',
      to: '41793026731',
      messageCount: 1,
      sentAt: '2016-02-23T17:41:11.833+0100',
      doneAt: '2016-02-23T17:41:11.843+0100',
      mccMnc: '22801',
      price: { pricePerMessage: 0.0104, currency: 'EUR' },
      status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' },
      error: { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false },
      channel: 'WHATSAPP',
    },
    {
      messageId: '2315d543441c-335f-1d3d-142d31451ed25f35',
      to: '41793026731',
      sentAt: '2016-06-23T17:40:31.773+0100',
      doneAt: '2016-06-23T17:40:31.787+0100',
      messageCount: 1,
      mccMnc: '22801',
      price: { pricePerMessage: 0.01, currency: 'EUR' },
      status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
      error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
      channel: 'SMS',
    },
  ],
};

const report = (status: object, extra: object = {}) => ({ ...docReports.results[1], messageId: 'm-1', status, ...extra });

describe('Infobip timestamps', () => {
  it('reads the offset without a colon, exactly', () => {
    expect(parseInfobipTimestamp('2016-02-23T17:41:11.833+0100')).toBe(Date.UTC(2016, 1, 23, 16, 41, 11, 833));
    expect(parseInfobipTimestamp('2016-02-23T17:41:11.833-0530')).toBe(Date.UTC(2016, 1, 23, 23, 11, 11, 833));
    expect(parseInfobipTimestamp('2016-02-23T17:41:11.833+0000')).toBe(Date.UTC(2016, 1, 23, 17, 41, 11, 833));
  });
  it('also reads ISO forms, and refuses nonsense', () => {
    expect(parseInfobipTimestamp('2016-02-23T17:41:11+01:00')).toBe(Date.UTC(2016, 1, 23, 16, 41, 11));
    expect(parseInfobipTimestamp('2016-02-23T17:41:11.833123Z')).toBe(Date.UTC(2016, 1, 23, 17, 41, 11, 833));
    expect(parseInfobipTimestamp('yesterday')).toBeNull();
    expect(parseInfobipTimestamp(undefined)).toBeNull();
  });
});

describe('Infobip delivery report parser', () => {
  it("maps the doc's two reports: WhatsApp undeliverable, SMS delivered, with channel and price", () => {
    expect(parseInfobipReports(docReports)).toEqual([
      {
        type: 'status',
        providerMessageId: '1215f543ab19-345f-adbd-12ad31451ed25f35',
        status: 'failed',
        error: 'Not delivered by WhatsApp: Absent Subscriber (EC_ABSENT_SUBSCRIBER_SM).',
        errorWording: { key: 'errors.infobip.report.failedByWhy', params: { channel: 'WhatsApp', why: 'Absent Subscriber (EC_ABSENT_SUBSCRIBER_SM)' } },
        permanent: false,
        channel: 'WHATSAPP',
        price: { amount: 0.0104, currency: 'EUR' },
        at: Date.UTC(2016, 1, 23, 16, 41, 11, 843),
      },
      {
        type: 'status',
        providerMessageId: '2315d543441c-335f-1d3d-142d31451ed25f35',
        status: 'delivered',
        channel: 'SMS',
        price: { amount: 0.01, currency: 'EUR' },
        at: Date.UTC(2016, 5, 23, 16, 40, 31, 787),
      },
    ]);
  });

  it('treats PENDING and DELIVERED_TO_OPERATOR as sent, not delivered', () => {
    const [pending] = parseInfobipReports({ results: [report({ groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE', description: 'Message sent to next instance' })] });
    expect(pending).toMatchObject({ status: 'sent' });
    const [operator] = parseInfobipReports({ results: [report({ groupId: 3, groupName: 'DELIVERED', id: 2, name: 'DELIVERED_TO_OPERATOR', description: 'Message delivered to operator' })] });
    expect(operator).toMatchObject({ status: 'sent', channel: 'SMS' });
    expect(operator).not.toHaveProperty('error');
  });

  it('explains expired and rejected reports in words; rejected is permanent', () => {
    const [expired] = parseInfobipReports({ results: [report({ groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED', description: 'Message expired' }, { channel: 'WHATSAPP' })] });
    expect(expired).toMatchObject({ status: 'failed', error: 'The message expired before it could be delivered by WhatsApp: Message expired (EXPIRED_EXPIRED).', permanent: false });
    const [rejected] = parseInfobipReports({ results: [report({ groupId: 5, groupName: 'REJECTED', id: 12, name: 'REJECTED_NOT_ENOUGH_CREDITS', description: 'Not enough credits' })] });
    expect(rejected).toMatchObject({ status: 'failed', permanent: true, error: expect.stringMatching(/^Infobip rejected the message: Not enough credits \(REJECTED_NOT_ENOUGH_CREDITS\)\. Check/) });
  });

  it('passes error.permanent on', () => {
    const [r] = parseInfobipReports({
      results: [report({ groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' }, { error: { groupId: 1, groupName: 'HANDSET_ERRORS', id: 1, name: 'EC_UNKNOWN_SUBSCRIBER', description: 'Unknown Subscriber', permanent: true } })],
    });
    expect(r).toMatchObject({ status: 'failed', permanent: true, error: 'Not delivered by SMS: Unknown Subscriber (EC_UNKNOWN_SUBSCRIBER).' });
  });

  it('keeps the final report when a failover is reported per step in one batch', () => {
    const step1 = { ...docReports.results[0], messageId: 'm-2' };
    const step2 = { ...docReports.results[1], messageId: 'm-2', doneAt: '2016-02-23T17:42:00.000+0100' };
    expect(parseInfobipReports({ results: [step1, step2] })).toEqual([expect.objectContaining({ providerMessageId: 'm-2', status: 'delivered', channel: 'SMS' })]);
  });

  it('falls back to sentAt, then to now, and allows a missing price and error', () => {
    const { doneAt: _d, price: _p, error: _e, ...bare } = report({ groupId: 3, name: 'DELIVERED_TO_HANDSET' });
    expect(parseInfobipReports({ results: [bare] })[0]).toMatchObject({ at: Date.UTC(2016, 5, 23, 16, 40, 31, 773), price: null });
    const { sentAt: _s, ...noTimes } = bare;
    expect(parseInfobipReports({ results: [noTimes] }, 1234)[0]).toMatchObject({ at: 1234 });
  });

  it('ignores unknown status groups and empty batches', () => {
    expect(parseInfobipReports({ results: [report({ groupId: 9, name: 'MYSTERY' })] })).toEqual([{ type: 'ignored', reason: expect.stringContaining('unknown status group 9') }]);
    expect(parseInfobipReports({ results: [] })).toEqual([{ type: 'ignored', reason: 'no results in this batch' }]);
  });

  it('refuses a body that is not a report batch, saying why', () => {
    expect(() => parseInfobipReports({ hello: 'world' })).toThrow(/Not an Infobip webhook.*results/);
    expect(() => parseInfobipReports({ results: [{ messageId: 'x' }] })).toThrow(/neither a message, a seen report nor a delivery report/);
  });
});

describe('Infobip webhooks: every shape in reference/infobip.md', () => {
  const parse = (body: unknown) => parseInfobipResults(body, 999);

  it('reads an inbound text message as a person, by number, with the WhatsApp name and id', () => {
    expect(parse(fx.inboundText)).toEqual([
      {
        type: 'message',
        sessionId: null,
        peerId: '385919998888',
        isGroup: false,
        groupName: null,
        senderPhone: '385919998888',
        senderName: 'Frank',
        fromMe: false,
        providerMessageId: 'wamid.HBgLMjc4MTMzMjE0ODIVAgAonoIAUsydhfskYyRDdEMjE4Njg3MzlBMDU2NzI4NgA=',
        at: Date.UTC(2025, 0, 1, 10, 10, 0),
        kind: 'text',
        text: 'Hello, World!',
      },
    ]);
  });

  it('reads location, image with and without caption, list reply and button reply', () => {
    expect(parse(fx.inboundLocation)[0]).toMatchObject({ kind: 'location', text: 'Empire State Building, 350 5th Ave, New York, NY (40.748433333333, -73.985655555556)' });
    expect(parse(fx.inboundImageCaption)[0]).toMatchObject({ kind: 'image', text: 'Image Caption', media: { kind: 'image', url: fx.inboundImageCaption.results[0]!.message.url } });
    expect(parse(fx.inboundImageNoCaption)[0]).toMatchObject({ kind: 'image', text: null, media: { kind: 'image', url: fx.inboundImageNoCaption.results[0]!.message.url } });
    expect(parse(fx.inboundListReply)[0]).toMatchObject({ kind: 'interactive', text: 'consultar saldo', providerMessageId: 'wamid.LIST1' });
    expect(parse(fx.inboundButtonReply)[0]).toMatchObject({ kind: 'interactive', text: 'Yes' });
  });

  it('reads two inbound results in one post as two messages', () => {
    expect(parse(fx.inboundTwoResults).map((e) => e.type === 'message' && [e.providerMessageId, e.text])).toEqual([
      ['wamid.TWO1', 'First'],
      ['wamid.TWO2', 'Second'],
    ]);
  });

  it('reads pushed and pulled delivery reports, with "" bulkId and the "null" mccMnc', () => {
    expect(parse(fx.pushedDelivered)).toEqual([expect.objectContaining({ type: 'status', providerMessageId: 'fb469d73-d362-463f-b30f-1e959b53badc', status: 'delivered', at: Date.UTC(2019, 3, 9, 19, 1, 56, 494), price: { amount: 0.21, currency: 'BRL' } })]);
    expect(parse(fx.pulledDelivered)).toEqual([expect.objectContaining({ providerMessageId: '1215f543ab19-345f-adbd-12ad31451ed25f35', status: 'delivered', channel: 'WHATSAPP' })]);
  });

  it('reads seen reports (current and legacy) as read, at seenAt', () => {
    expect(parse(fx.seenReport)).toEqual([{ type: 'status', providerMessageId: 'a28dd97c-1ffb-4fcf-99f1-0b557ed381da', status: 'read', at: Date.UTC(2025, 0, 1, 10, 12, 30) }]);
    expect(parse(fx.legacySeenReport)).toEqual([expect.objectContaining({ status: 'read', providerMessageId: 'a28dd97c-1ffb-4fcf-99f1-0b557ed381db' })]);
  });

  it('splits a batch mixing a seen report and delivery reports, so each is applied', () => {
    expect(parse(fx.mixedSeenAndDelivery).map((e) => e.type === 'status' && [e.providerMessageId, e.status])).toEqual([
      ['mix-1', 'delivered'],
      ['mix-3', 'failed'],
      ['mix-2', 'read'],
    ]);
  });

  it('lets one odd result be ignored without costing its neighbours', () => {
    const events = parse({ results: [{ what: 'is this' }, ...fx.seenReport.results, { ...fx.inboundText.results[0], message: { text: 'no type' } }] });
    expect(events.filter((e) => e.type === 'status')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'ignored').map((e) => e.type === 'ignored' && e.reason)).toEqual([expect.stringMatching(/result 0 is neither/), expect.stringMatching(/result 2: inbound message not understood/)]);
  });
});
