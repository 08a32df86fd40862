// Turns what the operator composed (the IPC's OutgoingInput) into a provider OutgoingMessage,
// checking it against what the account's provider can do and what its template needs.
import type { OutgoingInput } from '../../shared/ipc';
import type { Capability, MessageKind, MessageMedia, ProviderInfo, Template } from '../../shared/model';
import { fillTemplate } from '../../shared/placeholders';
import { extraInputLabel, HEADER_FILENAME, HEADER_URL, isExtraInput, mediaHeader, splitParams } from '../../shared/template-inputs';
import { AppFailure } from './errors';
import { checkSendable } from './media/limits';
import type { StagedFacts } from './media/service';
import type { QueuedMessage } from './providers/types';

const needs: Record<OutgoingInput['kind'], Capability> = {
  text: 'text',
  template: 'templates',
  media: 'mediaUrl',
  location: 'location',
  contact: 'contacts',
  buttons: 'interactive',
  list: 'interactive',
};

const kindNames: Record<OutgoingInput['kind'], string> = {
  text: 'text messages',
  template: 'templates',
  media: 'files by link',
  location: 'locations',
  contact: 'contact cards',
  buttons: 'button messages',
  list: 'list messages',
};

export interface Prepared {
  /** What the outbox stores; a file from this computer is referenced, not inlined. */
  message: QueuedMessage;
  /** What the thread shows for it. */
  kind: MessageKind;
  text: string | null;
  media: MessageMedia | null;
}

/** A file from this computer, for a media message with a fileId. */
export interface Attachment {
  /** The staged file, or null when the fileId is unknown. */
  staged: StagedFacts | null;
  /** Whether a public address exists now, for providers that fetch files from a link. */
  publicAddress: boolean;
}

export function prepareOutgoing(info: ProviderInfo, input: OutgoingInput, template: Template | null, attachment?: Attachment): Prepared {
  if (input.kind === 'media' && input.fileId !== undefined) return prepareAttachment(info, input, attachment);
  if (!info.capabilities.includes(needs[input.kind])) {
    throw new AppFailure('validation', `${info.name} accounts cannot send ${kindNames[input.kind]}.`).keyed(`errors.send.cannotSend.${input.kind}`, { provider: info.name });
  }
  switch (input.kind) {
    case 'text':
      return { message: { kind: 'text', text: input.text }, kind: 'text', text: input.text, media: null };
    case 'template': {
      if (!template) throw new AppFailure('validation', 'Pick a template first.').keyed('errors.send.pickTemplate');
      const values = Object.fromEntries(input.params.map((p) => [p.key, p.text]));
      const missing = template.placeholders.filter((k) => !values[k]?.trim());
      // A header's media or a button's link left empty is named in words: the provider would refuse the send.
      const missingExtra = missing.filter(isExtraInput);
      const name = template.name;
      // One at a time, each in a whole sentence (the composer asks for every input before sending,
      // so this is the backstop for a request that comes without them).
      if (missingExtra.length) throw extraInputMissing(missingExtra[0]!, template);
      if (missing.length) {
        const placeholders = missing.map((k) => `{{${k}}}`).join(', ');
        throw missing.length === 1
          ? new AppFailure('validation', `Fill in every placeholder of "${name}": ${placeholders} is empty.`).keyed('errors.send.placeholderEmpty', { name, placeholders })
          : new AppFailure('validation', `Fill in every placeholder of "${name}": ${placeholders} are empty.`).keyed('errors.send.placeholdersEmpty', { name, placeholders });
      }
      const extra = input.params.filter((p) => !template.placeholders.includes(p.key));
      if (extra.length) {
        const placeholders = extra.map((p) => p.key).join(', ');
        throw new AppFailure('validation', `"${name}" has no placeholder ${placeholders}.`).keyed('errors.send.noSuchPlaceholder', { name, placeholders });
      }
      const ordered = template.placeholders.map((k) => input.params.find((p) => p.key === k)!);
      const split = splitParams(ordered, template);
      return {
        message: {
          kind: 'template',
          template: {
            id: template.providerTemplateId,
            name: template.name,
            namespace: template.namespace,
            language: template.language,
            body: template.body,
            ...(template.headerFormat ? { headerFormat: template.headerFormat } : {}),
            ...(template.buttons?.length ? { buttons: template.buttons } : {}),
          },
          params: split.body.map((p) => ({ key: p.key, text: p.text, label: p.label ?? null })),
          smsFallbackText: input.smsFallbackText ?? null,
          ...(split.header ? { header: split.header } : {}),
          ...(split.buttons.length ? { buttons: split.buttons } : {}),
        },
        kind: 'template',
        text: fillTemplate(template.body, values),
        media: null,
      };
    }
    case 'media': {
      const url = input.url!;
      return {
        message: { kind: 'media', mediaKind: input.mediaKind, source: { type: 'url', url, mimeType: input.mimeType ?? null, fileName: input.fileName ?? null }, caption: input.caption ?? null, fileName: input.fileName ?? null },
        kind: input.mediaKind,
        text: input.caption ?? null,
        media: { kind: input.mediaKind, url, mimeType: input.mimeType ?? null, fileName: input.fileName ?? null, state: 'none', size: null, error: null },
      };
    }
    case 'location':
      return { message: input, kind: 'location', text: locationText(input), media: null };
    case 'contact':
      return { message: input, kind: 'contact', text: input.displayName || input.fullName, media: null };
    case 'buttons':
      return { message: input, kind: 'interactive', text: buttonsText(input), media: null };
    case 'list':
      return { message: input, kind: 'interactive', text: listText(input), media: null };
  }
}

// What the thread shows (and search finds) for structured messages: their whole content as the
// customer sees it, not only the body. Marks, not words, so the stored text needs no translation.

/** "Lagos shop" + "6.4541, 3.3947" — the coordinates as inbound locations show them. */
function locationText(m: Extract<OutgoingInput, { kind: 'location' }>): string {
  return `${m.name}\n${m.lat}, ${m.lng}`;
}

function buttonsText(m: Extract<OutgoingInput, { kind: 'buttons' }>): string {
  const lines = [m.text];
  if (m.footer?.trim()) lines.push(m.footer);
  return `${lines.join('\n')}\n\n${m.buttons.map((b) => `▸ ${b.title}`).join('\n')}`;
}

function listText(m: Extract<OutgoingInput, { kind: 'list' }>): string {
  const head = [m.title, m.text, ...(m.description?.trim() ? [m.description] : [])].join('\n');
  const rows = m.sections.flatMap((sec) => [`${sec.title}:`, ...sec.rows.map((r) => `▸ ${r.title}`)]);
  return `${head}\n\n☰ ${m.buttonText}\n${rows.join('\n')}`;
}

/** The one template input left empty (a header's file or a button's link), named in a sentence of its own. */
function extraInputMissing(key: string, template: Template): AppFailure {
  const name = template.name;
  const label = extraInputLabel(key, template).replace(/^\S/, (c) => c.toLowerCase());
  const tail = (what: string) => `"${name}" needs the ${what} before it can be sent.`;
  if (key === HEADER_URL) {
    const format = mediaHeader(template.headerFormat);
    if (format === 'DOCUMENT') return new AppFailure('validation', tail(label)).keyed('errors.send.needsHeaderDocument', { name });
    if (format === 'VIDEO') return new AppFailure('validation', tail(label)).keyed('errors.send.needsHeaderVideo', { name });
    return new AppFailure('validation', tail(label)).keyed('errors.send.needsHeaderImage', { name });
  }
  if (key === HEADER_FILENAME) return new AppFailure('validation', tail(label)).keyed('errors.send.needsDocumentFileName', { name });
  const index = Number(/(\d+)/.exec(key)?.[1] ?? 0);
  const button = template.buttons?.[index]?.text;
  if (button) return new AppFailure('validation', tail(label)).keyed('errors.send.needsButtonLink', { name, button });
  return new AppFailure('validation', tail(label)).keyed('errors.send.needsButtonNumberLink', { name, number: index + 1 });
}

/** A staged file: checked against WhatsApp's and the provider's limits before anything is queued. */
function prepareAttachment(info: ProviderInfo, input: Extract<OutgoingInput, { kind: 'media' }>, attachment: Attachment | undefined): Prepared {
  if (!attachment?.staged) throw new AppFailure('validation', 'This attachment is no longer available. Attach the file again.').keyed('errors.send.attachmentGone');
  const f = attachment.staged;
  checkSendable(info, input.mediaKind, f, { caption: input.caption, publicAddress: attachment.publicAddress });
  const caption = input.caption?.trim() ? input.caption : null;
  return {
    message: {
      kind: 'media',
      mediaKind: input.mediaKind,
      source: { type: 'staged', fileId: f.fileId, path: f.path, mimeType: f.mimeType, fileName: f.fileName, size: f.size },
      caption,
      fileName: f.fileName,
    },
    kind: input.mediaKind,
    text: caption,
    media: { kind: input.mediaKind, url: null, mimeType: f.mimeType, fileName: f.fileName, state: 'ready', size: f.size, error: null },
  };
}
