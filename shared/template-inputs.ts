// Values a template needs beyond its body placeholders: the media of an IMAGE/VIDEO/DOCUMENT
// header (web address, plus a file name for documents) and the variable part of a URL button
// whose address ends in {{1}} (Qontak's `parameters.header` and `parameters.buttons`).
// They travel as extra placeholder keys, so the composer, the broadcast wizard (column or same
// text for everyone), stored campaigns and the "fill in everything" checks handle them with no
// second path; prepareOutgoing splits them off again before the provider sees the message.
export const HEADER_URL = 'header:url';
export const HEADER_FILENAME = 'header:filename';
const BUTTON = /^button:(\d+)$/;

export const MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
export type MediaHeaderFormat = (typeof MEDIA_HEADERS)[number];

export interface TemplateShape {
  headerFormat?: string | null;
  buttons?: { type: string; text: string; url: string | null }[] | null;
}

export const buttonKey = (index: number): string => `button:${index}`;

export function mediaHeader(format: string | null | undefined): MediaHeaderFormat | null {
  const f = format?.toUpperCase();
  return (MEDIA_HEADERS as readonly string[]).includes(f ?? '') ? (f as MediaHeaderFormat) : null;
}

/** A URL button takes a value per send when its address has a {{n}} placeholder. */
export function isDynamicUrlButton(b: { type: string; url: string | null }): boolean {
  return /^url$/i.test(b.type) && /\{\{\s*\d+\s*\}\}/.test(b.url ?? '');
}

/** The extra keys a template needs, in the order a form shows them. */
export function extraInputs(t: TemplateShape): string[] {
  const keys: string[] = [];
  const header = mediaHeader(t.headerFormat);
  if (header) keys.push(HEADER_URL);
  if (header === 'DOCUMENT') keys.push(HEADER_FILENAME);
  (t.buttons ?? []).forEach((b, i) => {
    if (isDynamicUrlButton(b)) keys.push(buttonKey(i));
  });
  return keys;
}

export function isExtraInput(key: string): boolean {
  return key === HEADER_URL || key === HEADER_FILENAME || BUTTON.test(key);
}

/** How a form names the value: "Header image web address", "Document file name", "Link of button “Track”". */
export function extraInputLabel(key: string, t: TemplateShape): string {
  const format = mediaHeader(t.headerFormat);
  if (key === HEADER_URL) return `Header ${format === 'DOCUMENT' ? 'document' : format === 'VIDEO' ? 'video' : 'image'} web address`;
  if (key === HEADER_FILENAME) return 'Document file name';
  const m = BUTTON.exec(key);
  if (!m) return key;
  const b = t.buttons?.[Number(m[1])];
  return b ? `End of the link of button “${b.text}”` : `Button ${Number(m[1]) + 1} link`;
}

/** A short hint beside the input. */
export function extraInputHelp(key: string, t: TemplateShape): string | null {
  if (key === HEADER_URL) return 'A public https:// address the provider can fetch the file from.';
  if (key === HEADER_FILENAME) return 'The name the customer sees, for example invoice.pdf.';
  const m = BUTTON.exec(key);
  const url = m ? t.buttons?.[Number(m[1])]?.url : null;
  return url ? `Replaces the {{1}} in ${url}` : null;
}

export interface SplitParams<P extends { key: string; text: string }> {
  body: P[];
  header: { format: MediaHeaderFormat; url: string; fileName: string | null } | null;
  buttons: { index: number; value: string }[];
}

/** Body placeholders apart from the header media and button values. */
export function splitParams<P extends { key: string; text: string }>(params: P[], t: TemplateShape): SplitParams<P> {
  const value = (k: string): string | null => params.find((p) => p.key === k)?.text.trim() || null;
  const format = mediaHeader(t.headerFormat);
  const url = value(HEADER_URL);
  const buttons = params.flatMap((p) => {
    const m = BUTTON.exec(p.key);
    return m ? [{ index: Number(m[1]), value: p.text.trim() }] : [];
  });
  return {
    body: params.filter((p) => !isExtraInput(p.key)),
    header: format && url ? { format, url, fileName: format === 'DOCUMENT' ? value(HEADER_FILENAME) : null } : null,
    buttons: buttons.sort((a, b) => a.index - b.index),
  };
}
