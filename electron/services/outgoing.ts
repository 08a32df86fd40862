// Turns what the operator composed (the IPC's OutgoingInput) into a provider OutgoingMessage,
// checking it against what the account's provider can do and what its template needs.
import type { OutgoingInput } from '../../shared/ipc';
import type { Capability, MessageKind, MessageMedia, ProviderInfo, Template } from '../../shared/model';
import { fillTemplate } from '../../shared/placeholders';
import { AppFailure } from './errors';
import type { OutgoingMessage } from './providers/types';

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
  message: OutgoingMessage;
  /** What the thread shows for it. */
  kind: MessageKind;
  text: string | null;
  media: MessageMedia | null;
}

export function prepareOutgoing(info: ProviderInfo, input: OutgoingInput, template: Template | null): Prepared {
  if (!info.capabilities.includes(needs[input.kind])) throw new AppFailure('validation', `${info.name} accounts cannot send ${kindNames[input.kind]}.`);
  switch (input.kind) {
    case 'text':
      return { message: { kind: 'text', text: input.text }, kind: 'text', text: input.text, media: null };
    case 'template': {
      if (!template) throw new AppFailure('validation', 'Pick a template first.');
      const values = Object.fromEntries(input.params.map((p) => [p.key, p.text]));
      const missing = template.placeholders.filter((k) => !values[k]?.trim());
      if (missing.length) throw new AppFailure('validation', `Fill in every placeholder of "${template.name}": ${missing.map((k) => `{{${k}}}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty.`);
      const extra = input.params.filter((p) => !template.placeholders.includes(p.key));
      if (extra.length) throw new AppFailure('validation', `"${template.name}" has no placeholder ${extra.map((p) => p.key).join(', ')}.`);
      const ordered = template.placeholders.map((k) => input.params.find((p) => p.key === k)!);
      return {
        message: {
          kind: 'template',
          template: { id: template.providerTemplateId, name: template.name, namespace: template.namespace, language: template.language, body: template.body },
          params: ordered.map((p) => ({ key: p.key, text: p.text, label: p.label ?? null })),
          smsFallbackText: input.smsFallbackText ?? null,
        },
        kind: 'template',
        text: fillTemplate(template.body, values),
        media: null,
      };
    }
    case 'media':
      return {
        message: { kind: 'media', mediaKind: input.mediaKind, source: { type: 'url', url: input.url, mimeType: input.mimeType ?? null, fileName: input.fileName ?? null }, caption: input.caption ?? null, fileName: input.fileName ?? null },
        kind: input.mediaKind,
        text: input.caption ?? null,
        media: { kind: input.mediaKind, url: input.url, mimeType: input.mimeType ?? null, fileName: input.fileName ?? null },
      };
    case 'location':
      return { message: input, kind: 'location', text: input.name, media: null };
    case 'contact':
      return { message: input, kind: 'contact', text: input.displayName || input.fullName, media: null };
    case 'buttons':
      return { message: input, kind: 'interactive', text: input.text, media: null };
    case 'list':
      return { message: input, kind: 'interactive', text: input.text, media: null };
  }
}
