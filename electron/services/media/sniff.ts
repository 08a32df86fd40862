// What a file is, read from its content (magic bytes), never from its name: a renamed program must
// not travel as "invoice.pdf", and a photo called "scan.pdf" is still a photo. `file-type` reads
// the binary formats; two families it leaves open are settled here:
// - OLE2 compound files (old .doc/.xls/.ppt, but also .msi installers): accepted only when the
//   directory names Word's, Excel's or PowerPoint's main stream.
// - Plain text: valid UTF-8 without NUL bytes. Text that opens like markup (HTML, SVG, XML) or a
//   script (#!) is refused: opened from a link or a download it could run code.
// Only the formats WhatsApp carries are accepted; anything else is refused in words.
import { fileTypeFromBuffer } from 'file-type';
import type { MediaKind } from '../../../shared/model';
import { AppFailure } from '../errors';

export interface FileType {
  mimeType: string;
  /** How WhatsApp shows it: GIF and WebP are not WhatsApp pictures, so they travel as documents. */
  kind: MediaKind;
  /** Extensions that fit the content; the first is the one added to a name without any of them. */
  exts: readonly string[];
  /** For messages: "a PDF document". */
  label: string;
}

/** A refusal's `failure` is the same reason keyed for the renderer: throw it as it is. */
export type Sniffed = { ok: true; type: FileType } | { ok: false; reason: string; failure: AppFailure };

const t = (mimeType: string, kind: MediaKind, exts: string[], label: string): FileType => ({ mimeType, kind, exts, label });

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const EXCEL = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POWERPOINT = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** By the MIME type `file-type` reports. */
const known: Record<string, FileType> = {
  'image/jpeg': t('image/jpeg', 'image', ['jpg', 'jpeg'], 'a JPEG picture'),
  'image/png': t('image/png', 'image', ['png'], 'a PNG picture'),
  'image/webp': t('image/webp', 'document', ['webp'], 'a WebP picture'),
  'image/gif': t('image/gif', 'document', ['gif'], 'a GIF picture'),
  'video/mp4': t('video/mp4', 'video', ['mp4'], 'an MP4 video'),
  'video/3gpp': t('video/3gpp', 'video', ['3gp'], 'a 3GP video'),
  'audio/ogg; codecs=opus': t('audio/ogg', 'audio', ['ogg', 'opus'], 'an Opus voice or audio file'),
  // WhatsApp plays Opus only; other Ogg audio still arrives intact as a document.
  'audio/ogg': t('audio/ogg', 'document', ['ogg', 'oga'], 'an Ogg audio file'),
  'audio/mpeg': t('audio/mpeg', 'audio', ['mp3'], 'an MP3 audio file'),
  'audio/aac': t('audio/aac', 'audio', ['aac'], 'an AAC audio file'),
  'audio/x-m4a': t('audio/mp4', 'audio', ['m4a', 'mp4'], 'an M4A audio file'),
  'audio/mp4': t('audio/mp4', 'audio', ['m4a', 'mp4'], 'an M4A audio file'),
  'audio/amr': t('audio/amr', 'audio', ['amr'], 'an AMR voice recording'),
  'application/pdf': t('application/pdf', 'document', ['pdf'], 'a PDF document'),
  [WORD]: t(WORD, 'document', ['docx'], 'a Word document'),
  [EXCEL]: t(EXCEL, 'document', ['xlsx'], 'an Excel workbook'),
  [POWERPOINT]: t(POWERPOINT, 'document', ['pptx'], 'a PowerPoint presentation'),
};

const legacyOffice: [string, FileType][] = [
  ['WordDocument', t('application/msword', 'document', ['doc'], 'a Word document')],
  ['PowerPoint Document', t('application/vnd.ms-powerpoint', 'document', ['ppt'], 'a PowerPoint presentation')],
  ['Workbook', t('application/vnd.ms-excel', 'document', ['xls'], 'an Excel workbook')],
  // Excel 95 names its stream "Book"; checked last, since the word may also occur in text.
  ['Book', t('application/vnd.ms-excel', 'document', ['xls'], 'an Excel workbook')],
];

const PLAIN = t('text/plain', 'document', ['txt', 'text', 'log', 'md'], 'a text file');
const CSV = t('text/csv', 'document', ['csv'], 'a CSV file');

/** Programs and installers get a firmer refusal than formats that are merely not carried. */
const programs = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/vnd.android.package-archive',
  'application/java-archive',
  'application/x-msi',
  'application/x-apple-diskimage',
  'application/x-deb',
  'application/x-rpm',
  'application/wasm',
  'application/x-shockwave-flash',
]);

export const ACCEPTED_FORMATS =
  'pictures (JPEG, PNG, WebP, GIF), videos (MP4, 3GP), audio (Opus, MP3, AAC, M4A, AMR), PDF, Word, Excel, PowerPoint, and text or CSV files';

const refuse = (failure: AppFailure): Sniffed => ({ ok: false, reason: failure.message, failure });
const invalid = (message: string): AppFailure => new AppFailure('validation', message);

export async function sniff(bytes: Buffer, fileName: string): Promise<Sniffed> {
  if (bytes.length === 0) return refuse(invalid('The file is empty.').keyed('errors.media.refused.empty'));
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const type = known[found.mime];
    if (type) return { ok: true, type };
    if (found.mime === 'application/x-cfb') return legacyOfficeType(bytes);
    const { ext, mime } = found;
    if (programs.has(mime)) {
      return refuse(invalid(`This is a program or installer (.${ext}). Switchboard does not send programs: they are a common way to spread viruses.`).keyed('errors.media.refused.program', { ext }));
    }
    return refuse(invalid(`Switchboard cannot send .${ext} files (${mime}). It sends ${ACCEPTED_FORMATS}.`).keyed('errors.media.refused.unsupported', { ext, mime }));
  }
  return textType(bytes, fileName);
}

function legacyOfficeType(bytes: Buffer): Sniffed {
  for (const [stream, type] of legacyOffice) if (bytes.includes(Buffer.from(stream, 'utf16le'))) return { ok: true, type };
  return refuse(invalid(`This is an Office container that is not a Word, Excel or PowerPoint file (an installer, perhaps). Switchboard sends ${ACCEPTED_FORMATS}.`).keyed('errors.media.refused.officeContainer'));
}

const TEXT_PROBE_BYTES = 1024 * 1024;

function textType(bytes: Buffer, fileName: string): Sniffed {
  const head = bytes.subarray(0, TEXT_PROBE_BYTES);
  const unknown = refuse(invalid(`Switchboard could not tell what kind of file this is, so it will not send it. It sends ${ACCEPTED_FORMATS}.`).keyed('errors.media.refused.unknown'));
  if (head.includes(0)) return unknown;
  let text: string;
  try {
    // stream: true, so a character cut at the probe's end is not taken for bad UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytes.length > TEXT_PROBE_BYTES });
  } catch {
    return unknown;
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    return refuse(invalid('This is a web page, SVG or XML file. Switchboard does not send those: opened from a link they can run code. Send it as a PDF instead.').keyed('errors.media.refused.markup'));
  }
  if (start.startsWith('#!')) return refuse(invalid('This is a script. Switchboard does not send programs or scripts.').keyed('errors.media.refused.script'));
  return { ok: true, type: /\.csv$/i.test(fileName.trim()) ? CSV : PLAIN };
}

/**
 * The name the file travels under: the last path segment, without characters that trouble file
 * systems, and ending in an extension its content calls for ("invoice.exe" holding a PDF becomes
 * "invoice.exe.pdf", so nobody's computer treats it as a program).
 */
export function cleanFileName(original: string, type: FileType): string {
  const name = safeName(original) || 'file';
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  return ext && type.exts.includes(ext) ? name : `${name}.${type.exts[0]}`;
}

/** "a PDF document" for a MIME type Switchboard accepts; for messages about a file. */
export function describeType(mimeType: string): string {
  const all = [...Object.values(known), ...legacyOffice.map(([, type]) => type), PLAIN, CSV];
  return all.find((type) => type.mimeType === mimeType)?.label ?? `a ${mimeType} file`;
}

/** The last path segment without control characters or ones file systems refuse; '' if nothing is left. */
export function safeName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^[\s.]+|[\s.]+$/g, '');
  return name.length > 200 ? name.slice(0, 200).trimEnd() : name;
}
