// The four newer providers through the app's own services (router → services → adapter →
// simulator): lines, templates, sends, inbound messages and delivery reports end in the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfobipSimulator } from '../simulators/infobip/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { QontakSimulator } from '../simulators/qontak/server';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.settings.set('defaultCountry', 'ID');
});
afterAll(() => t.close());

const hookUrl = async (accountId: string) => (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!;

describe('Qontak Hub in the app', () => {
  let sim: QontakSimulator;
  let accountId: string;
  beforeAll(async () => {
    sim = await QontakSimulator.start({ password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' });
    accountId = (
      await t.call('accounts:create', {
        provider: 'qontak',
        name: 'Toko Qontak',
        config: { baseUrl: sim.url, username: sim.username },
        secrets: { password: 'pw-1', clientId: 'cid-1', clientSecret: 'cs-1' },
      })
    ).id;
  });
  afterAll(() => sim.close());

  it('lists the WhatsApp channels and saves the one the operator picks', async () => {
    const { configKey, lines, selected } = await t.call('lines:list', { accountId });
    expect(configKey).toBe('channelIntegrationId');
    expect(selected).toBeNull();
    expect(lines.length).toBeGreaterThan(0);
    const account = await t.call('lines:select', { accountId, lineId: lines[0]!.id });
    expect(account.config.channelIntegrationId).toBe(lines[0]!.id);
    expect(account.savedSecrets).not.toContain('_accessToken');
  });

  it('syncs templates with their placeholders', async () => {
    const templates = await t.call('templates:sync', { accountId });
    const invoice = templates.find((x) => x.name === 'message')!;
    expect(invoice).toMatchObject({ source: 'synced', placeholders: ['1'] });
  });

  it('sends a template to a new conversation, then reads its delivery back from the broadcast log', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '0811 7661 000', name: 'Burhanudin Hakim' });
    expect(thread.peerId).toBe('628117661000');
    const invoice = (await t.call('templates:list', { accountId })).find((x) => x.name === 'message')!;
    const m = await t.send(thread.id, { kind: 'template', templateId: invoice.id, params: [{ key: '1', text: 'Burhanudin Hakim', label: 'full_name' }] });
    expect(m).toMatchObject({ kind: 'template', status: 'sent', text: invoice.body.replace('{{1}}', 'Burhanudin Hakim'), providerMessageId: null });
    const b = sim.broadcasts.at(-1)!;
    expect(b.request).toMatchObject({
      to_number: '628117661000',
      to_name: 'Burhanudin Hakim',
      message_template_id: invoice.providerTemplateId,
      parameters: { body: [{ key: '1', value: 'full_name', value_text: 'Burhanudin Hakim' }] },
    });
    sim.setBroadcastStatus(b.id, 'read');
    expect(await t.call('reports:refresh', { accountId })).toEqual({ updated: 1 });
    expect((await t.call('threads:messages', { threadId: thread.id })).at(-1)!.status).toBe('read');
  });

  it('refuses free text until the customer has written (a Qontak room reply needs their room)', async () => {
    const thread = (await t.call('threads:list', { search: 'Burhanudin' }))[0]!;
    const m = await t.send(thread.id, { kind: 'text', text: 'hello' });
    expect(m).toMatchObject({ status: 'failed', error: expect.stringMatching(/after the customer has written to you/) });
  });
});

describe('Infobip OMNI in the app', () => {
  let sim: InfobipSimulator;
  let accountId: string;
  beforeAll(async () => {
    sim = await InfobipSimulator.start({ apiKey: 'ib-key-1' });
    accountId = (await t.call('accounts:create', { provider: 'infobip', name: 'Infobip', config: { baseUrl: sim.url }, secrets: { apiKey: 'ib-key-1' } })).id;
  });
  afterAll(() => sim.close());

  it('creates a WhatsApp-then-SMS scenario and picks it', async () => {
    const line = await t.call('lines:create', { accountId, input: { name: 'WA then SMS', whatsAppSender: '447860099299', smsSender: 'InfoSMS', isDefault: true } });
    expect(sim.requestsTo('/omni/1/scenarios').at(-1)!.json).toEqual({
      name: 'WA then SMS',
      flow: [
        { from: '447860099299', channel: 'WHATSAPP' },
        { from: 'InfoSMS', channel: 'SMS' },
      ],
      default: true,
    });
    await t.call('lines:select', { accountId, lineId: line.id });
  });

  it('sends text with an SMS fallback, and shows that SMS delivered it, with its price', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+41 79 302 67 27' });
    const m = await t.send(thread.id, { kind: 'text', text: 'Your order is ready' });
    expect(m.status).toBe('sent');
    const sent = sim.sent.at(-1)!;
    expect(sent.to).toBe('41793026727');
    await sim.failoverToSms(m.providerMessageId!);
    expect((await t.call('reports:refresh', { accountId })).updated).toBe(1);
    const after = (await t.call('threads:messages', { threadId: thread.id })).at(-1)!;
    expect(after).toMatchObject({ status: 'delivered', channel: 'SMS' });
  });

  it('keeps DELIVERED_TO_OPERATOR as not yet delivered', async () => {
    const thread = await t.call('threads:start', { accountId, phone: '+41 79 302 67 28' });
    const m = await t.send(thread.id, { kind: 'text', text: 'Second' });
    await sim.deliver(m.providerMessageId!, { groupId: 3, groupName: 'DELIVERED', name: 'DELIVERED_TO_OPERATOR', channel: 'WHATSAPP', price: { pricePerMessage: 0.0104, currency: 'EUR' } });
    await t.call('reports:refresh', { accountId });
    const after = (await t.call('threads:messages', { threadId: thread.id })).at(-1)!;
    expect(after).toMatchObject({ status: 'sent', channel: 'WHATSAPP', price: { amount: 0.0104, currency: 'EUR' } });
  });

  it('saves a template by hand and sends it with its data in order', async () => {
    const tpl = await t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, order {{2}} is ready' });
    expect(tpl.placeholders).toEqual(['1', '2']);
    const thread = await t.call('threads:start', { accountId, phone: '+41 79 302 67 27' });
    await t.send(thread.id, { kind: 'template', templateId: tpl.id, params: [{ key: '2', text: 'A-17' }, { key: '1', text: 'Eva' }] });
    expect(sim.sent.at(-1)!.whatsApp).toMatchObject({ templateName: 'order_ready', templateNamespace: 'whatsapp:hsm:shop', templateData: ['Eva', 'A-17'], language: 'en_US' });
  });
});

describe('mconnect Omnichannel in the app', () => {
  let sim: MconnectSimulator;
  let accountId: string;
  beforeAll(async () => {
    sim = await MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'acme-user', wpNums: ['6281100000001'] });
    accountId = (
      await t.call('accounts:create', { provider: 'mconnect', name: 'mconnect', config: { endpointUrl: sim.endpointUrl, wpNum: '6281100000001', company: 'acme' }, secrets: { username: 'acme-user' } })
    ).id;
  });
  afterAll(() => sim.close());

  it('registers its webhook with setWebHook', async () => {
    await t.call('webhooks:register', { accountId });
    expect(sim.webhookUrl('6281100000001')).toBe((await hookUrl(accountId)).url);
  });

  it('turns a group media message into a group thread with its name and the image', async () => {
    const changed = t.waitFor('threads:changed', (th) => th.title === 'Arisan RT 05');
    expect(await sim.sendCustomerMessage({ from: '6582986675', image: 'https://example.com/1600317960.jpeg', senderName: 'Jhones', group: { id: '6582986675-1502710128', name: 'Arisan RT 05', icon: 'https://example.com/icon.jpg' } })).toBe(200);
    const thread = await changed;
    expect(thread.isGroup).toBe(true);
    const [m] = await t.call('threads:messages', { threadId: thread.id });
    expect(m).toMatchObject({ kind: 'image', author: 'Jhones', media: { kind: 'image', url: 'https://example.com/1600317960.jpeg' } });
  });

  it('replies into the group as mconnect documents', async () => {
    const thread = (await t.call('threads:list', { search: 'Arisan' }))[0]!;
    const m = await t.send(thread.id, { kind: 'text', text: 'Siap!' });
    expect(m.status).toBe('sent');
    const body = sim.requests.at(-1)!.json as { element_data: Record<string, string> };
    expect(body.element_data).toMatchObject({ action: 'sendWhatsappText', is_group: '1', message: 'Siap!', company: 'acme', username: 'acme-user' });
  });
});

describe('Omnichat.id in the app', () => {
  let sim: OmnichatSimulator;
  let accountId: string;
  beforeAll(async () => {
    sim = await OmnichatSimulator.start({ apiKey: 'om-key', devices: [{ deviceKey: 'bc8bae5a-0997-40a2-a827-b95adc714dd3', autoReply: 'Thanks, we reply soon' }], templates: [{ id: 'tpl-1', body: 'Halo {name} dari {business_name}' }] });
    accountId = (await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: sim.url, deviceKey: 'bc8bae5a-0997-40a2-a827-b95adc714dd3' }, secrets: { apiKey: 'om-key' } })).id;
  });
  afterAll(() => sim.close());

  it('is set up in Omnichat’s dashboard, so the URL is shown to paste', async () => {
    expect((await hookUrl(accountId)).state).toBe('manual');
  });

  it('receives the documented webhook as a conversation that says it cannot be answered here', async () => {
    sim.setDeviceWebhook('bc8bae5a-0997-40a2-a827-b95adc714dd3', (await hookUrl(accountId)).url);
    const changed = t.waitFor('threads:changed', (th) => th.title === 'Bhisma Kalijaga');
    expect(await sim.sendCustomerMessage({ deviceKey: 'bc8bae5a-0997-40a2-a827-b95adc714dd3', name: 'Bhisma Kalijaga', message: 'Halo' })).toBe(200);
    const thread = await changed;
    expect(thread).toMatchObject({ replyable: false, notReplyableReason: expect.stringContaining('dashboard') });
    const r = await t.router.dispatch('messages:send', { threadId: thread.id, message: { kind: 'text', text: 'hi' } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('dashboard') } });
  });

  it('sends a {named} template to a number', async () => {
    const tpl = await t.call('templates:save', { accountId, providerTemplateId: 'tpl-1', name: 'Greeting', body: 'Halo {name} dari {business_name}' });
    expect(tpl.placeholders).toEqual(['name', 'business_name']);
    const thread = await t.call('threads:start', { accountId, phone: '0812 3456 7890' });
    const m = await t.send(thread.id, { kind: 'template', templateId: tpl.id, params: [{ key: 'name', text: 'Budi' }, { key: 'business_name', text: 'Toko Sari' }] });
    expect(m).toMatchObject({ status: 'sent', text: 'Halo Budi dari Toko Sari' });
    expect(sim.requestsTo('/api-app/whatsapp/send-message').at(-1)!.json).toMatchObject({ phone: '6281234567890', method: 'template', template: 'tpl-1', variables: { '{name}': 'Budi', '{business_name}': 'Toko Sari' } });
  });

  it('tests the device auto-reply through the callback endpoint', async () => {
    expect(await t.call('autoReply:test', { accountId, from: '+62 812 9064 1111', fromName: 'Tester', message: 'Halo' })).toMatchObject({ reply: 'Thanks, we reply soon' });
  });
});
