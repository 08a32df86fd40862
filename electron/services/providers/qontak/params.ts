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
    if (!given?.url?.trim()) throw headerUrlMissing(template.name, format);
    if (!isWebUrl(given.url.trim())) throw headerUrlNotWeb(given.url, format);
    if (given.format && given.format !== format) throw headerFormatDiffers(template.name, format);
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
    const [name, buttons] = [template.name, missing.map((w) => `“${w.text}”`).join(', ')];
    if (missing.length === 1) throw new AppFailure('validation', `The template "${name}" needs the end of the link for button ${buttons}.`).keyed('errors.qontak.buttonLinkEnd', { name, buttons });
    throw new AppFailure('validation', `The template "${name}" needs the end of the link for buttons ${buttons}.`).keyed('errors.qontak.buttonLinksEnd', { name, buttons });
  }
  if (wanted.length) out.buttons = wanted.map((w) => ({ index: String(w.index), type: 'url', value: values.get(w.index)! }));
  return out;
}

// One whole sentence per header kind, so each reads right in every language.

function headerUrlMissing(name: string, format: HeaderParameter['format']): AppFailure {
  switch (format) {
    case 'IMAGE':
      return new AppFailure('validation', `The template "${name}" shows an image at the top: give the image's web address.`).keyed('errors.qontak.headerUrlImage', { name });
    case 'VIDEO':
      return new AppFailure('validation', `The template "${name}" shows a video at the top: give the video's web address.`).keyed('errors.qontak.headerUrlVideo', { name });
    case 'DOCUMENT':
      return new AppFailure('validation', `The template "${name}" shows a document at the top: give the document's web address.`).keyed('errors.qontak.headerUrlDocument', { name });
  }
}

function headerUrlNotWeb(url: string, format: HeaderParameter['format']): AppFailure {
  switch (format) {
    case 'IMAGE':
      return new AppFailure('validation', `"${url}" is not a web address Qontak Hub can fetch the image from: it must start with https://.`).keyed('errors.qontak.headerLinkImage', { url });
    case 'VIDEO':
      return new AppFailure('validation', `"${url}" is not a web address Qontak Hub can fetch the video from: it must start with https://.`).keyed('errors.qontak.headerLinkVideo', { url });
    case 'DOCUMENT':
      return new AppFailure('validation', `"${url}" is not a web address Qontak Hub can fetch the document from: it must start with https://.`).keyed('errors.qontak.headerLinkDocument', { url });
  }
}

function headerFormatDiffers(name: string, format: HeaderParameter['format']): AppFailure {
  switch (format) {
    case 'IMAGE':
      return new AppFailure('validation', `The template "${name}" has an image header, so the file must be an image.`).keyed('errors.qontak.headerKindImage', { name });
    case 'VIDEO':
      return new AppFailure('validation', `The template "${name}" has a video header, so the file must be a video.`).keyed('errors.qontak.headerKindVideo', { name });
    case 'DOCUMENT':
      return new AppFailure('validation', `The template "${name}" has a document header, so the file must be a document.`).keyed('errors.qontak.headerKindDocument', { name });
  }
}
