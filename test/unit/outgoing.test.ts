import { describe, expect, it } from 'vitest';
import type { ProviderInfo, Template } from '../../shared/model';
import { placeholdersOf, fillTemplate } from '../../shared/placeholders';
import { prepareOutgoing } from '../../electron/services/outgoing';

const info = (caps: ProviderInfo['capabilities']): ProviderInfo => ({ id: 'qontak', name: 'Qontak Hub', capabilities: caps, fields: [] });
const template: Template = {
  id: 't1',
  accountId: 'a1',
  providerTemplateId: 'cf7a16bd',
  name: 'invoice',
  language: 'id',
  namespace: null,
  header: null,
  body: 'Hi {{1}}, invoice {{2}} is ready.',
  footer: null,
  status: 'APPROVED',
  category: null,
  source: 'synced',
  placeholders: ['1', '2'],
  updatedAt: 0,
};

describe('template placeholders', () => {
  it('finds numbered and named placeholders in order, once each', () => {
    expect(placeholdersOf('Hi {{1}}, invoice {{2}} for {{1}}')).toEqual(['1', '2']);
    expect(placeholdersOf('Halo {name} dari {business_name}')).toEqual(['name', 'business_name']);
    expect(placeholdersOf('No placeholders here')).toEqual([]);
  });
  it('fills what it has and leaves the rest visible', () => {
    expect(fillTemplate('Hi {{1}}, invoice {{2}}', { '1': 'Budi' })).toBe('Hi Budi, invoice {{2}}');
    expect(fillTemplate('Halo {name}', { name: 'Sari' })).toBe('Halo Sari');
  });
});

describe('preparing an outgoing message', () => {
  it('refuses a kind the provider cannot send, naming it', () => {
    expect(() => prepareOutgoing(info(['templates']), { kind: 'text', text: 'hi' }, null)).toThrow('Qontak Hub accounts cannot send text messages.');
  });

  it('orders template params as the template does and shows the filled text', () => {
    const p = prepareOutgoing(info(['templates']), { kind: 'template', templateId: 't1', params: [{ key: '2', text: 'INV-7' }, { key: '1', text: 'Budi', label: 'full_name' }] }, template);
    expect(p.message).toMatchObject({ kind: 'template', template: { id: 'cf7a16bd', body: template.body }, params: [{ key: '1', text: 'Budi', label: 'full_name' }, { key: '2', text: 'INV-7' }] });
    expect(p.text).toBe('Hi Budi, invoice INV-7 is ready.');
  });

  it('refuses a template with an empty or unknown placeholder before anything is queued', () => {
    expect(() => prepareOutgoing(info(['templates']), { kind: 'template', templateId: 't1', params: [{ key: '1', text: 'Budi' }] }, template)).toThrow(/\{\{2\}\} is empty/);
    expect(() =>
      prepareOutgoing(info(['templates']), { kind: 'template', templateId: 't1', params: [{ key: '1', text: 'a' }, { key: '2', text: 'b' }, { key: '3', text: 'c' }] }, template),
    ).toThrow(/no placeholder 3/);
  });

  it('keeps a media link as the message media', () => {
    const p = prepareOutgoing(info(['mediaUrl']), { kind: 'media', mediaKind: 'image', url: 'https://example.com/a.jpg', caption: 'Our menu' }, null);
    expect(p).toMatchObject({ kind: 'image', text: 'Our menu', media: { kind: 'image', url: 'https://example.com/a.jpg' } });
  });
});

describe('what a sent structured message shows in its bubble', () => {
  const all = info(['text', 'location', 'interactive']);
  it('a location shows its name and coordinates', () => {
    expect(prepareOutgoing(all, { kind: 'location', name: 'Lagos shop', lat: 6.4541, lng: 3.3947 }, null).text).toBe('Lagos shop\n6.4541, 3.3947');
  });
  it('a button message shows its text, footer and every button', () => {
    const p = prepareOutgoing(all, { kind: 'buttons', text: 'Which size?', footer: 'Reply any time', buttons: [{ type: 'replyButton', title: 'Size M' }, { type: 'replyButton', title: 'Size L' }] }, null);
    expect(p.text).toBe('Which size?\nReply any time\n\n▸ Size M\n▸ Size L');
  });
  it('a list shows its title, text, button and rows by section', () => {
    const p = prepareOutgoing(
      all,
      { kind: 'list', title: 'Menu', text: 'Pick one', buttonText: 'Open menu', sections: [{ title: 'Drinks', rows: [{ title: 'Tea', rowId: 't' }, { title: 'Coffee', rowId: 'c' }] }] },
      null,
    );
    expect(p.text).toBe('Menu\nPick one\n\n☰ Open menu\nDrinks:\n▸ Tea\n▸ Coffee');
  });
});
