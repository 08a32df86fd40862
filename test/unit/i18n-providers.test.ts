// What the provider adapters tell the operator is worded in the renderer: their account-form fields
// by key (providerFields.<id>.<field>.label|help|placeholder, providerNames.<id>), their failures,
// report reasons and form problems by the message key and values they carry. In English each reads
// exactly as main's own English; in Bahasa Indonesia it reads as a whole Indonesian sentence, the
// provider's own words and the data kept as they are.
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldSpec, ProviderInfo, Wording } from '../../shared/model';
import { AppFailure } from '../../electron/services/errors';
import { botApiInfo, botApiProblems } from '../../electron/services/providers/bot-api/capabilities';
import { expectOk } from '../../electron/services/providers/bot-api/client';
import { checkSettings } from '../../electron/services/providers/bot-api/settings';
import type { HttpResponse } from '../../electron/services/providers/http';
import { accountProblems, infobipInfo } from '../../electron/services/providers/infobip/capabilities';
import { omniContent, orderedParams } from '../../electron/services/providers/infobip/content';
import { parseInfobipReports } from '../../electron/services/providers/infobip/inbound';
import { mconnectInfo } from '../../electron/services/providers/mconnect/capabilities';
import { formProblems as mconnectProblems } from '../../electron/services/providers/mconnect/client';
import { omnichatInfo } from '../../electron/services/providers/omnichat/capabilities';
import { templateVariables } from '../../electron/services/providers/omnichat/client';
import { omnichat } from '../../electron/services/providers/omnichat';
import { qontakInfo } from '../../electron/services/providers/qontak/capabilities';
import { bodyParameters } from '../../electron/services/providers/qontak/client';
import { templateExtras } from '../../electron/services/providers/qontak/params';
import type { FormProblem, OutgoingMessage, TemplateRef } from '../../electron/services/providers/types';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { errorText, i18n, reasonText } from '../../renderer/src/i18n';
import { fieldText, providerName } from '../../renderer/src/components/providerWords';

type Tree = { [k: string]: string | Tree };
const infos: ProviderInfo[] = [botApiInfo, infobipInfo, mconnectInfo, omnichatInfo, qontakInfo];
const PARTS = ['label', 'help', 'placeholder'] as const;

function lookup(tree: Tree, path: string[]): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path) node = node === undefined || typeof node === 'string' ? undefined : node[part];
  return node;
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('provider account-form fields', () => {
  it('have a label, help and placeholder key in both languages for every part main gives, the English the same as main', () => {
    const wrong: string[] = [];
    for (const info of infos) {
      for (const field of info.fields) {
        for (const part of PARTS) {
          const english = field[part];
          if (english === undefined) continue;
          const path = ['providerFields', info.id, field.key, part];
          const inEn = lookup(en as Tree, path);
          const inId = lookup(id as Tree, path);
          if (inEn !== english) wrong.push(`${path.join('.')}: en.json has ${JSON.stringify(inEn)}, main says ${JSON.stringify(english)}`);
          if (typeof inId !== 'string' || !inId.trim()) wrong.push(`${path.join('.')}: missing in id.json`);
        }
      }
      if (lookup(en as Tree, ['providerNames', info.id]) !== info.name) wrong.push(`providerNames.${info.id}: en.json differs from main's "${info.name}"`);
      if (typeof lookup(id as Tree, ['providerNames', info.id]) !== 'string') wrong.push(`providerNames.${info.id}: missing in id.json`);
    }
    expect(wrong).toEqual([]);
  });

  it('keep no words for a provider, field or part main no longer has', () => {
    const stray: string[] = [];
    for (const [lang, tree] of [['en', en], ['id', id]] as const) {
      const groups = (tree as Tree).providerFields as Tree;
      for (const [providerId, fields] of Object.entries(groups)) {
        const info = infos.find((i) => i.id === providerId);
        if (!info) stray.push(`${lang}: providerFields.${providerId}`);
        for (const [key, parts] of Object.entries(fields as Tree)) {
          const field = info?.fields.find((f) => f.key === key);
          if (!field) stray.push(`${lang}: providerFields.${providerId}.${key}`);
          for (const part of Object.keys(parts as Tree)) if (field && field[part as keyof FieldSpec] === undefined) stray.push(`${lang}: providerFields.${providerId}.${key}.${part}`);
        }
      }
    }
    expect(stray).toEqual([]);
  });

  it('translate every help text and every label that is not a technical name', () => {
    const same: string[] = [];
    // Names the providers' own dashboards use, kept as they are in Indonesian too.
    const TECHNICAL = new Set(['API key', 'Bearer token', 'Refresh token', 'Device key', 'Client id', 'Client secret']);
    for (const info of infos) {
      for (const field of info.fields) {
        for (const part of ['label', 'help'] as const) {
          const english = field[part];
          if (english === undefined || TECHNICAL.has(english)) continue;
          if (lookup(id as Tree, ['providerFields', info.id, field.key, part]) === english) same.push(`providerFields.${info.id}.${field.key}.${part}`);
        }
      }
    }
    expect(same).toEqual([]);
  });

  it('are shown in the chosen language, with main’s English where a word is missing', async () => {
    const baseUrl = infobipInfo.fields.find((f) => f.key === 'baseUrl')!;
    expect(fieldText('infobip', baseUrl, 'label')).toBe('API base URL');
    expect(providerName(infobipInfo)).toBe('Infobip OMNI (WhatsApp with SMS failover)');
    await i18n.changeLanguage('id');
    expect(fieldText('infobip', baseUrl, 'label')).toBe('URL dasar API');
    expect(fieldText('infobip', baseUrl, 'help')).toBe('Alamat API Anda dari portal Infobip. Alamat umum bisa dipakai; alamat pribadi Anda lebih cepat.');
    expect(fieldText('infobip', baseUrl, 'placeholder')).toBe('https://xxxxx.api.infobip.com');
    expect(providerName(infobipInfo)).toBe('Infobip OMNI (WhatsApp dengan cadangan SMS)');
    const newField: FieldSpec = { key: 'region', label: 'Region', secret: false, required: false, kind: 'text', help: 'Where your account lives.' };
    expect(fieldText('infobip', newField, 'label')).toBe('Region');
    expect(fieldText('infobip', newField, 'help')).toBe('Where your account lives.');
    expect(fieldText('infobip', newField, 'placeholder')).toBeUndefined();
  });
});

/** The failure a call throws (it must throw an AppFailure). */
function failure(run: () => unknown): AppFailure {
  try {
    run();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('did not fail');
}

const template = (over: Partial<TemplateRef> = {}): TemplateRef => ({ id: 'tpl-1', name: 'order_update', ...over });
const infobipTemplate = (over: Partial<TemplateRef>, params: { key: string; text: string }[] = []): OutgoingMessage => ({ kind: 'template', template: template(over), params });

/** A gateway answer with HTTP 200 and this JSON body. */
function answer(body: unknown): HttpResponse {
  const text = JSON.stringify(body);
  return { status: 200, contentType: 'application/json', body: Buffer.from(text), text: () => text, json: () => JSON.parse(text) as unknown };
}

/** Failures the adapters raise before calling anyone, each with the key it must carry. */
const cases: [string, () => AppFailure][] = [
  ['errors.omnichat.templateValue', () => failure(() => templateVariables(template({ body: 'Hi {name}' }), []))],
  ['errors.omnichat.templateValues', () => failure(() => templateVariables(template({ body: 'Hi {name}, order {order}' }), []))],
  ['errors.qontak.headerUrlImage', () => failure(() => templateExtras({ name: 'promo', headerFormat: 'IMAGE' }, {}))],
  ['errors.qontak.headerUrlVideo', () => failure(() => templateExtras({ name: 'promo', headerFormat: 'VIDEO' }, { header: { format: 'VIDEO', url: ' ' } }))],
  ['errors.qontak.headerLinkDocument', () => failure(() => templateExtras({ name: 'invoice', headerFormat: 'DOCUMENT' }, { header: { format: 'DOCUMENT', url: 'file:///invoice.pdf' } }))],
  ['errors.qontak.headerKindImage', () => failure(() => templateExtras({ name: 'promo', headerFormat: 'IMAGE' }, { header: { url: 'https://x.example/a.mp4', format: 'VIDEO' } }))],
  ['errors.qontak.buttonLinkEnd', () => failure(() => templateExtras({ name: 'track', buttons: [{ type: 'URL', text: 'Track', url: 'https://t.example/{{1}}' }] }, {}))],
  [
    'errors.qontak.buttonLinksEnd',
    () =>
      failure(() =>
        templateExtras(
          {
            name: 'track',
            buttons: [
              { type: 'URL', text: 'Track', url: 'https://t.example/{{1}}' },
              { type: 'URL', text: 'Pay', url: 'https://p.example/{{1}}' },
            ],
          },
          {},
        ),
      ),
  ],
  ['errors.qontak.templateMissing', () => failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}}, {{2}}' }, []))],
  ['errors.qontak.templateExtraOne', () => failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}}' }, [{ key: '1', text: 'Budi' }, { key: '2', text: 'x' }]))],
  ['errors.qontak.templateExtra', () => failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}}' }, ['1', '2', '3'].map((key) => ({ key, text: 'x' }))))],
  ['errors.qontak.templateTwiceOne', () => failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}}' }, [{ key: '1', text: 'a' }, { key: '1', text: 'b' }]))],
  ['errors.qontak.templateEmpty', () => failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}} {{2}}' }, [{ key: '1', text: ' ' }, { key: '2', text: '' }]))],
  ['errors.infobip.textTooLong', () => failure(() => omniContent({ kind: 'text', text: 'x'.repeat(4097) }))],
  ['errors.infobip.captionTooLong', () => failure(() => omniContent({ kind: 'media', mediaKind: 'image', source: { type: 'url', url: 'https://x.example/a.jpg' }, caption: 'y'.repeat(5000) }))],
  ['errors.infobip.templateIncomplete.namespaceLanguage', () => failure(() => omniContent(infobipTemplate({})))],
  ['errors.infobip.templateIncomplete.language', () => failure(() => omniContent(infobipTemplate({ namespace: 'ns' })))],
  ['errors.infobip.numberedPlaceholders', () => failure(() => orderedParams([{ key: 'name', text: 'Budi' }], null))],
  ['errors.infobip.placeholderTwice', () => failure(() => orderedParams([{ key: '1', text: 'a' }, { key: '{{1}}', text: 'b' }], null))],
  ['errors.infobip.placeholderEmpty', () => failure(() => orderedParams([{ key: '2', text: 'b' }], 'Hi {{1}} {{2}}'))],
  ['errors.infobip.tooManyValues', () => failure(() => orderedParams([{ key: '1', text: 'a' }, { key: '2', text: 'b' }, { key: '3', text: 'c' }], 'Hi {{1}}'))],
  ['errors.botApi.refusedNoReason', () => failure(() => expectOk(answer({ status: false })))],
  ['errors.botApi.refusedWhy', () => failure(() => expectOk(answer({ status: false, message: 'Sesi tidak valid' })))],
  ['errors.botApi.timezone', () => failure(() => checkSettings('general', { bot_timezone: 'Mars/Olympus' }))],
  ['errors.botApi.timezoneOffset', () => failure(() => checkSettings('general', { bot_timezone: '+15' }))],
];

describe('provider failures worded in the renderer', () => {
  it.each(cases)('%s: carries its key, reads as main’s English, and as Indonesian', async (key, make) => {
    const err = make().toAppError();
    expect(err.key).toBe(key);
    await i18n.changeLanguage('en');
    expect(errorText(err)).toBe(err.message);
    await i18n.changeLanguage('id');
    const worded = errorText(err);
    expect(worded).not.toBe(err.message);
    expect(worded).not.toMatch(/\{\{(?!\d\}\})\w+\}\}/); // every value filled in ({{1}}-style placeholders of templates are data)
    for (const value of Object.values(err.params ?? {})) expect(worded).toContain(String(value));
  });

  it('keeps template placeholders as written and the provider’s words as they are', async () => {
    const twice = failure(() => orderedParams([{ key: '1', text: 'a' }, { key: '1', text: 'b' }], null));
    expect(twice).toMatchObject({ message: 'Placeholder {{1}} is filled in twice.', key: 'errors.infobip.placeholderTwice', params: { placeholder: '{{1}}' } });
    const numbered = failure(() => orderedParams([{ key: 'nama', text: 'Budi' }], null));
    await i18n.changeLanguage('id');
    expect(errorText(twice.toAppError())).toBe('Isian {{1}} diisi dua kali.');
    expect(errorText(numbered.toAppError())).toBe('Template Infobip memakai isian bernomor ({{1}}, {{2}}, …); "nama" bukan salah satunya.');
    const extra = failure(() => bodyParameters({ name: 'invoice', body: 'Hi {{1}}' }, [{ key: '1', text: 'Budi' }, { key: '4', text: 'x' }]));
    expect(errorText(extra.toAppError())).toBe('Isian tidak cocok dengan template "invoice": {{4}} tidak ada di template.');
  });

  it('counts the placeholders a template has in both languages', async () => {
    const one = failure(() => orderedParams([{ key: '1', text: 'a' }, { key: '2', text: 'b' }], 'Hi {{1}}')).toAppError();
    const two = failure(() => orderedParams(['1', '2', '3'].map((key) => ({ key, text: key })), 'Hi {{1}} {{2}}')).toAppError();
    expect(one).toMatchObject({ message: 'The template has 1 placeholder, but 2 values were given.', params: { count: 1, given: 2 } });
    expect(errorText(one)).toBe(one.message);
    expect(errorText(two)).toBe('The template has 2 placeholders, but 3 values were given.');
    await i18n.changeLanguage('id');
    expect(errorText(two)).toBe('Template ini punya 2 isian, tetapi ada 3 nilai yang diberikan.');
  });
});

describe('delivery reasons from a provider report', () => {
  const base = { messageId: 'm-1', to: '41793026731', sentAt: '2016-06-23T17:40:31.773+0100', doneAt: '2016-06-23T17:40:31.787+0100', messageCount: 1 };
  const absent = { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false };
  const reports: [string, object][] = [
    ['errors.infobip.report.failedByWhy', { status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' }, error: absent, channel: 'WHATSAPP' }],
    ['errors.infobip.report.failedWhy', { status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' }, error: absent }],
    ['errors.infobip.report.failedBy', { status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9 }, channel: 'SMS' }],
    ['errors.infobip.report.failed', { status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9 } }],
    ['errors.infobip.report.expiredByWhy', { status: { groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED', description: 'Message expired' }, channel: 'VIBER' }],
    ['errors.infobip.report.expiredWhy', { status: { groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED' } }],
    ['errors.infobip.report.expiredBy', { status: { groupId: 4, groupName: 'EXPIRED', id: 15 }, channel: 'WHATSAPP' }],
    ['errors.infobip.report.expired', { status: { groupId: 4, groupName: 'EXPIRED', id: 15 } }],
    ['errors.infobip.report.rejectedWhy', { status: { groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK', description: 'Network is forbidden' } }],
    ['errors.infobip.report.rejected', { status: { groupId: 5, groupName: 'REJECTED', id: 6 } }],
  ];

  it.each(reports)('%s: the English reason and its wording say the same', async (key, report) => {
    const [event] = parseInfobipReports({ results: [{ ...base, ...report }] });
    expect(event).toMatchObject({ type: 'status', status: 'failed', errorWording: { key } });
    const { error, errorWording } = event as { error: string; errorWording: Wording };
    expect(reasonText(error, errorWording)).toBe(error);
    await i18n.changeLanguage('id');
    const worded = reasonText(error, errorWording);
    expect(worded).not.toBe(error);
    expect(worded).not.toMatch(/\{\{\w+\}\}/);
  });

  it('reads an Infobip failure in Bahasa Indonesia with Infobip’s own words kept', async () => {
    const [event] = parseInfobipReports({ results: [{ ...base, ...reports[0]![1] }] });
    await i18n.changeLanguage('id');
    const { error, errorWording } = event as { error: string; errorWording: Wording };
    expect(reasonText(error, errorWording)).toBe('Tidak terkirim lewat WhatsApp: Absent Subscriber (EC_ABSENT_SUBSCRIBER_SM).');
  });
});

describe('account-form problems a provider finds', () => {
  const problems: [string, FormProblem[]][] = [
    ['bot-api password for the email', botApiProblems({ email: 'a@b.example' }, { bearerToken: 't' }, [])],
    ['bot-api email for the password', botApiProblems({}, { password: 'p', bearerToken: 't' }, [])],
    ['bot-api token or login', botApiProblems({}, {}, [])],
    ['infobip password for the username', accountProblems({ username: 'u' }, {}, [])],
    ['infobip username for the password', accountProblems({}, {}, ['password'])],
    ['infobip key or login', accountProblems({}, {}, [])],
    ['mconnect number', mconnectProblems({ wpNum: 'not a number' })],
    ['omnichat device prefix', omnichat.formProblems!({ deviceKey: 'device_abc' }, {}, [])],
  ];

  it.each(problems)('%s: worded by key, English the same as main', async (_what, found) => {
    expect(found).toHaveLength(1);
    const [problem] = found as [FormProblem];
    expect(reasonText(problem.message, problem)).toBe(problem.message);
    await i18n.changeLanguage('id');
    expect(reasonText(problem.message, problem)).not.toBe(problem.message);
  });

});
