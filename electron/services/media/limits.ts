// What each provider lets through, checked before anything is queued so the operator hears it at
// once. WhatsApp's own limits apply to every provider (they all end in WhatsApp); on top of that
// each provider carries only some kinds: Infobip OMNI documents only images (whatsApp.imageUrl),
// Omnichat documents no media sends at all, Qontak only uploads into a customer's room. Captions
// follow what each API has a field for; WhatsApp audio never shows one.
import type { MediaKind, ProviderId, ProviderInfo } from '../../../shared/model';
import { AppFailure } from '../errors';

const MB = 1024 * 1024;

interface KindRule {
  maxBytes: number;
  /** null: any type Switchboard accepts at all (see sniff.ts). */
  mimeTypes: readonly string[] | null;
  noun: string;
  types: string;
}

/** WhatsApp's limits per kind of message. */
export const WHATSAPP: Record<MediaKind, KindRule> = {
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'], noun: 'Pictures', types: 'JPEG or PNG' },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'], noun: 'Videos', types: 'MP4 or 3GP' },
  audio: { maxBytes: 16 * MB, mimeTypes: ['audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg'], noun: 'Audio files', types: 'AAC, M4A, MP3, AMR or Opus' },
  document: { maxBytes: 100 * MB, mimeTypes: null, noun: 'Documents', types: 'any supported type' },
};

/** The largest file Switchboard stages at all: WhatsApp's largest document. */
export const MAX_STAGED_BYTES = WHATSAPP.document.maxBytes;

/** How a file from this computer reaches the provider: uploaded, or fetched by the provider from a served link. */
export type Route = 'upload' | 'url';

interface ProviderRule {
  kinds: readonly MediaKind[];
  /** Kinds whose caption the provider carries, per route. */
  captions: Record<Route, readonly MediaKind[]>;
}

const ALL: readonly MediaKind[] = ['image', 'video', 'audio', 'document'];

const providers: Record<ProviderId, ProviderRule> = {
  // Uploads: caption fields exist for image and video only; /message/fileurl takes one for any type.
  'bot-api': { kinds: ALL, captions: { upload: ['image', 'video'], url: ['image', 'video', 'document'] } },
  // sendWhatsappFile: file_url plus caption, any file.
  mconnect: { kinds: ALL, captions: { upload: [], url: ['image', 'video', 'document'] } },
  // OMNI: whatsApp.imageUrl, the caption travelling as whatsApp.text.
  infobip: { kinds: ['image'], captions: { upload: [], url: ['image'] } },
  omnichat: { kinds: [], captions: { upload: [], url: [] } },
  // POST /messages/whatsapp/bot: type image|video|audio|document with a `file` part; no caption field.
  qontak: { kinds: ALL, captions: { upload: [], url: [] } },
};

/** "Infobip OMNI (WhatsApp with SMS failover)" → "Infobip OMNI", for sentences. */
export const shortName = (info: ProviderInfo): string => info.name.replace(/\s*\(.*\)\s*$/, '');

/** Uploads when the provider takes them (no public address needed), else a link it fetches. */
export function routeFor(info: ProviderInfo): Route | null {
  if (info.capabilities.includes('mediaUpload')) return 'upload';
  if (info.capabilities.includes('mediaUrl')) return 'url';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export const noPublicAddress = (info: ProviderInfo): string =>
  `${shortName(info)} fetches files from a link, and Switchboard has no public address yet: turn on the tunnel or set a public URL in Settings — or send the file by link.`;

export interface FileFacts {
  mimeType: string;
  size: number;
  /** "a PDF document" */
  label: string;
}

const invalid = (message: string): AppFailure => new AppFailure('validation', message);
const singular = (kind: MediaKind): string => ({ image: 'picture', video: 'video', audio: 'audio file', document: 'document' })[kind];

/**
 * Throws, in words, when this provider cannot send this file as `kind` (with this caption). With
 * `publicAddress` false, a URL-only provider is refused too: it would have nowhere to fetch from.
 */
export function checkSendable(info: ProviderInfo, kind: MediaKind, file: FileFacts, opts: { caption?: string | null; publicAddress: boolean }): Route {
  const route = routeFor(info);
  const rule = providers[info.id];
  const name = shortName(info);
  if (!route || rule.kinds.length === 0) throw invalid(`${name} accounts cannot send files.`).keyed('errors.media.noFiles', { provider: name });
  if (!rule.kinds.includes(kind)) {
    const only = rule.kinds.map((k) => `${singular(k)}s`).join(' and ');
    const message = `${name} sends only ${only} through WhatsApp, so this ${singular(kind)} cannot go this way. Share a link to it in a text message instead.`;
    // Infobip OMNI, the one provider that carries some kinds only, carries pictures.
    throw only === 'pictures'
      ? invalid(message).keyed(`errors.media.onlyPictures.${kind}`, { provider: name })
      : invalid(message).keyed(`errors.media.kindNotCarried.${kind}`, { provider: name });
  }
  const wa = WHATSAPP[kind];
  const asDocument = kind !== 'document' && rule.kinds.includes('document');
  if (wa.mimeTypes && !wa.mimeTypes.includes(file.mimeType)) {
    const hint = asDocument ? ' Send it as a document instead.' : '';
    // The file's type travels in English words ("a PDF document"); the renderer words it (shared/file-types.ts).
    const fileType = file.label;
    throw invalid(`WhatsApp takes only ${wa.types} as ${wa.noun.toLowerCase()}, and this file is ${fileType}.${hint}`).keyed(
      asDocument ? `errors.media.wrongTypeAsDocument.${kind}` : `errors.media.wrongType.${kind}`,
      { fileType },
    );
  }
  if (file.size > wa.maxBytes) {
    const asDoc = asDocument && file.size <= WHATSAPP.document.maxBytes;
    const hint = asDoc ? ' Send it as a document instead, or make it smaller.' : ' Make it smaller, or share a link to it instead.';
    const max = formatSize(wa.maxBytes);
    const size = formatSize(file.size);
    throw invalid(`${wa.noun} can be at most ${max} on WhatsApp, and this one is ${size}.${hint}`).keyed(asDoc ? `errors.media.tooBigAsDocument.${kind}` : `errors.media.tooBigLink.${kind}`, { max, size });
  }
  if (opts.caption?.trim()) {
    if (kind === 'audio') throw invalid('WhatsApp shows no caption with audio. Send the text as a message of its own.').keyed('errors.media.noCaptionAudio');
    if (!rule.captions[route].includes(kind)) throw invalid(`${name} sends ${singular(kind)}s without a caption. Send the text as a message of its own.`).keyed(`errors.media.noCaption.${kind}`, { provider: name });
  }
  if (route === 'url' && !opts.publicAddress) throw invalid(noPublicAddress(info)).keyed('errors.media.noPublicAddress', { provider: name });
  return route;
}
