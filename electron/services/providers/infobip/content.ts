// An outgoing message → the `whatsApp` and `sms` parts of an OMNI advanced request, checked
// before anything is sent. Decisions where the doc is vague:
// - Text: the same text goes to SMS as the failover unless the message carries its own
//   smsFallbackText. WhatsApp text (and an image caption) may be at most 4096 characters,
//   counted as Infobip's Java backend counts them (UTF-16 units, like String.length here).
// - Images only (the doc shows no video/audio/document for WhatsApp), and only by URL.
//   The caption becomes whatsApp.text. An SMS cannot carry an image, so the failover SMS is the
//   smsFallbackText if given, else the caption and the image link.
// - Templates: templateName is TemplateRef.id (the Infobip template name; `name` when id is
//   empty). templateData are the params ordered by key "1", "2", …; keys must be exactly 1…n,
//   and when the template body is known, cover its {{n}} placeholders. Name, namespace, data
//   and language are mandatory; policy is sent only when chosen.
// - SMS text for templates (so a WhatsApp-then-SMS scenario can really fail over): the
//   smsFallbackText when the operator gave one, else the template body with its {{n}} filled in
//   from templateData — the same words the customer would have read on WhatsApp, which is what
//   the SDK's failover sample describes ("SMS message to be sent if WhatsApp template message
//   could not be delivered"). With neither (body unknown), there is no SMS part; client.ts then
//   refuses the send if the scenario has an SMS step rather than let failover silently fail.
import { AppFailure } from '../../errors';
import type { OutgoingMessage, TemplateParam } from '../types';
import { MAX_WHATSAPP_TEXT } from './capabilities';

export interface OmniContent {
  whatsApp: Record<string, unknown>;
  sms?: { text: string };
}

const invalid = (message: string): AppFailure => new AppFailure('validation', message);
/** Placeholders as Infobip writes them, given to the wording as values (braces are the wording's own syntax). */
const ONE = '{{1}}';
const TWO = '{{2}}';

/** smsFallbackText where the message kind carries one (templates; other kinds may grow it). */
function smsFallbackOf(message: OutgoingMessage): string | null {
  const value = (message as { smsFallbackText?: unknown }).smsFallbackText;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function checkLength(text: string, what: 'text' | 'caption'): void {
  if (text.length <= MAX_WHATSAPP_TEXT) return;
  // Plain numbers, so main's English and the renderer's wording read the same in every language.
  const [max, length] = [MAX_WHATSAPP_TEXT, text.length];
  if (what === 'caption') {
    throw invalid(`WhatsApp allows at most ${max} characters in an image caption; this one has ${length}. Shorten it or split it into two messages.`).keyed('errors.infobip.captionTooLong', { max, length });
  }
  throw invalid(`WhatsApp allows at most ${max} characters in a message; this one has ${length}. Shorten it or split it into two messages.`).keyed('errors.infobip.textTooLong', { max, length });
}

export function omniContent(message: OutgoingMessage): OmniContent {
  const fallback = smsFallbackOf(message);
  switch (message.kind) {
    case 'text': {
      if (message.text.trim() === '') throw invalid('The message is empty. Type something to send.').keyed('errors.send.emptyText');
      checkLength(message.text, 'text');
      return { whatsApp: { text: message.text }, sms: { text: fallback ?? message.text } };
    }
    case 'media':
      return imageContent(message, fallback);
    case 'template':
      return templateContent(message, fallback);
    default:
      throw invalid(`Infobip OMNI sends text, images and WhatsApp templates; it cannot send ${message.kind} messages.`).keyed('errors.infobip.kindNotSupported', { kind: message.kind });
  }
}

function imageContent(message: Extract<OutgoingMessage, { kind: 'media' }>, fallback: string | null): OmniContent {
  if (message.mediaKind !== 'image') {
    throw invalid(`Through Infobip OMNI, WhatsApp can carry images but not ${message.mediaKind} files. Share a link to the file in a text message instead.`).keyed('errors.infobip.imagesOnly', { kind: message.mediaKind });
  }
  if (message.source.type !== 'url') throw invalid('Infobip needs the image as a web link (https://…); it cannot take a file from this computer. Use an image that is online.').keyed('errors.infobip.imageByLink');
  const url = message.source.url.trim();
  if (!/^https?:\/\/\S+$/i.test(url)) throw invalid('The image link must be a full web address starting with https://.').keyed('errors.infobip.imageLinkHttps');
  const caption = message.caption?.trim() ? message.caption : null;
  if (caption) checkLength(caption, 'caption');
  return {
    whatsApp: { ...(caption ? { text: caption } : {}), imageUrl: url },
    sms: { text: fallback ?? (caption ? `${caption}\n${url}` : url) },
  };
}

function templateContent(message: Extract<OutgoingMessage, { kind: 'template' }>, fallback: string | null): OmniContent {
  const t = message.template;
  const templateName = (t.id || t.name).trim();
  const templateNamespace = t.namespace?.trim() ?? '';
  const language = t.language?.trim() ?? '';
  const missing = [!templateName && 'name', !templateNamespace && 'namespace', !language && 'language'].filter((m): m is string => Boolean(m));
  if (missing.length) {
    // A whole sentence for each set of missing fields ("namespace", "nameLanguage", …), so each language words it whole.
    const which = missing.map((m, i) => (i === 0 ? m : m[0]!.toUpperCase() + m.slice(1))).join('');
    throw invalid(`This template can't be sent yet: Infobip needs its ${joinWords(missing)}. Edit the template and fill ${missing.length > 1 ? 'them' : 'it'} in as registered with Infobip.`).keyed(
      `errors.infobip.templateIncomplete.${which}`,
    );
  }
  const templateData = orderedParams(message.params, t.body ?? null);
  const smsText = fallback ?? (t.body?.trim() ? fillBody(t.body, templateData) : null);
  return {
    whatsApp: { templateName, templateNamespace, templateData, language, ...(t.policy ? { policy: t.policy } : {}) },
    ...(smsText ? { sms: { text: smsText } } : {}),
  };
}

/** The template body as the customer reads it: {{n}} replaced by the n-th value. */
export function fillBody(body: string, data: string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => data[Number(n) - 1] ?? whole);
}

/** Params as Infobip's templateData: values ordered by their numeric key, 1…n with no gaps. */
export function orderedParams(params: TemplateParam[], body: string | null): string[] {
  const byKey = new Map<number, string>();
  for (const p of params) {
    const key = p.key.trim().replace(/^\{\{\s*(\d+)\s*\}\}$/, '$1');
    if (!/^[1-9]\d*$/.test(key)) throw invalid(`Infobip templates use numbered placeholders (${ONE}, ${TWO}, …); "${p.key}" is not one.`).keyed('errors.infobip.numberedPlaceholders', { '1': ONE, '2': TWO, key: p.key });
    const placeholder = `{{${key}}}`;
    if (byKey.has(Number(key))) throw invalid(`Placeholder ${placeholder} is filled in twice.`).keyed('errors.infobip.placeholderTwice', { placeholder });
    byKey.set(Number(key), p.text);
  }
  const expected = body ? Math.max(0, ...[...body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1]))) : byKey.size;
  const count = Math.max(expected, byKey.size === 0 ? 0 : Math.max(...byKey.keys()));
  const data: string[] = [];
  for (let n = 1; n <= count; n++) {
    const text = byKey.get(n);
    const placeholder = `{{${n}}}`;
    if (text === undefined || text.trim() === '') throw invalid(`Fill in placeholder ${placeholder} before sending this template.`).keyed('errors.infobip.placeholderEmpty', { placeholder });
    data.push(text);
  }
  if (body && count > expected) {
    throw invalid(`The template has ${expected} placeholder${expected === 1 ? '' : 's'}, but ${count} values were given.`).keyed('errors.infobip.tooManyValues', { count: expected, given: count });
  }
  return data;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
