// `parameters.header` and `parameters.buttons` of a direct send, exactly as the reference note
// gives them (provider-docs/reference/qontak.md, "POST /v1/broadcasts/whatsapp/direct"):
//   header:  { format: "IMAGE"|"VIDEO"|"DOCUMENT", params: [{ key: "url", value }, { key: "filename", value }] }
//   buttons: [{ index: "0", type: "url", value: "<url suffix>" }]
// The short doc shows only `parameters.body`; the note is followed. Only what the template needs
// is sent (nothing for a template without a media header or dynamic button), and what it needs
// must be there: the Hub answers 422 otherwise, so we refuse first, in words.
import { isDynamicUrlButton, mediaHeader } from '../../../../shared/template-inputs';
import { AppFailure } from '../../errors';
import type { OutgoingMessage, TemplateRef } from '../types';

type TemplateMessage = Extract<OutgoingMessage, { kind: 'template' }>;

export interface HeaderParameter {
  format: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  params: { key: 'url' | 'filename'; value: string }[];
}

export interface ButtonParameter {
  index: string;
  type: 'url';
  value: string;
}

const isWebUrl = (v: string): boolean => /^https?:\/\/\S+$/i.test(v);

export function templateExtras(
  template: Pick<TemplateRef, 'name' | 'headerFormat' | 'buttons'>,
  message: Pick<TemplateMessage, 'header' | 'buttons'>,
): { header?: HeaderParameter; buttons?: ButtonParameter[] } {
  const out: { header?: HeaderParameter; buttons?: ButtonParameter[] } = {};
  const format = mediaHeader(template.headerFormat);
  const given = message.header ?? null;
  if (format) {
    const what = format.toLowerCase();
    if (!given?.url?.trim()) throw new AppFailure('validation', `The template "${template.name}" shows ${what === 'image' ? 'an' : 'a'} ${what} at the top: give the ${what}'s web address.`);
    if (!isWebUrl(given.url.trim())) throw new AppFailure('validation', `"${given.url}" is not a web address Qontak Hub can fetch the ${what} from: it must start with https://.`);
    if (given.format && given.format !== format) throw new AppFailure('validation', `The template "${template.name}" has ${format === 'IMAGE' ? 'an' : 'a'} ${what} header, not ${given.format.toLowerCase()}.`);
    const params: HeaderParameter['params'] = [{ key: 'url', value: given.url.trim() }];
    if (format === 'DOCUMENT') {
      if (!given.fileName?.trim()) throw new AppFailure('validation', `The template "${template.name}" sends a document: give the file name the customer sees (for example invoice.pdf).`).keyed('errors.qontak.documentFileName', { name: template.name });
      params.push({ key: 'filename', value: given.fileName.trim() });
    }
    out.header = { format, params };
  } else if (given) {
    throw new AppFailure('validation', `The template "${template.name}" has no image, video or document header, so no file can go with it.`).keyed('errors.qontak.noMediaHeader', { name: template.name });
  }

  const wanted = (template.buttons ?? []).flatMap((b, index) => (isDynamicUrlButton(b) ? [{ index, text: b.text }] : []));
  const values = new Map((message.buttons ?? []).map((b) => [b.index, b.value.trim()]));
  const stray = [...values.keys()].filter((i) => !wanted.some((w) => w.index === i));
  if (stray.length) throw new AppFailure('validation', `The template "${template.name}" has no link button that takes a value at position ${stray.map((i) => i + 1).join(', ')}.`).keyed('errors.qontak.strayButton', { name: template.name, positions: stray.map((i) => i + 1).join(', ') });
  const missing = wanted.filter((w) => !values.get(w.index));
  if (missing.length) {
    throw new AppFailure('validation', `The template "${template.name}" needs the end of the link for ${missing.map((w) => `button “${w.text}”`).join(' and ')}.`);
  }
  if (wanted.length) out.buttons = wanted.map((w) => ({ index: String(w.index), type: 'url', value: values.get(w.index)! }));
  return out;
}
