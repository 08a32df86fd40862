// What shared/ says about templates in English (status, why one can't be sent, the extra inputs a
// header or a link button asks for), worded in the interface language.
import { HEADER_FILENAME, HEADER_URL, mediaHeader, type TemplateShape } from '../../../../shared/template-inputs';
import { templateSendable } from '../../../../shared/template-status';
import type { Template } from '../../../../shared/model';
import { t } from '../../i18n';

const BUTTON = /^button:(\d+)$/;

/** How a provider status reads for a person: "PENDING" → "pending approval". */
export function statusWords(status: string | null): string | null {
  if (!status) return null;
  const s = status.trim().toLowerCase().replace(/[_-]+/g, ' ');
  if (s === 'pending' || s === 'submitted' || s === 'in appeal' || s === 'pending approval') return t('templateWords.status.pending');
  if (s === 'rejected' || s === 'paused' || s === 'disabled') return t(`templateWords.status.${s}`);
  return s;
}

/** Why this template can't be sent now, in words; null when it can. */
export function blockedReason(template: Pick<Template, 'name' | 'status'>): string | null {
  if (templateSendable(template)) return null;
  return t('templateWords.blocked', { name: template.name, status: statusWords(template.status) });
}

/** The label of a header's media or a link button's value, asked for like a placeholder. */
export function extraLabel(key: string, template: TemplateShape): string {
  const format = mediaHeader(template.headerFormat);
  if (key === HEADER_URL) return t(format === 'DOCUMENT' ? 'templateWords.headerDocument' : format === 'VIDEO' ? 'templateWords.headerVideo' : 'templateWords.headerImage');
  if (key === HEADER_FILENAME) return t('templateWords.fileName');
  const m = BUTTON.exec(key);
  if (!m) return key;
  const b = template.buttons?.[Number(m[1])];
  return b ? t('templateWords.buttonEnd', { text: b.text }) : t('templateWords.buttonLink', { n: Number(m[1]) + 1 });
}

/** A short hint beside the input. */
export function extraHelp(key: string, template: TemplateShape): string | null {
  if (key === HEADER_URL) return t('templateWords.headerUrlHelp');
  if (key === HEADER_FILENAME) return t('templateWords.fileNameHelp');
  const m = BUTTON.exec(key);
  const url = m ? template.buttons?.[Number(m[1])]?.url : null;
  return url ? t('templateWords.replaces', { url, 1: '{{1}}' }) : null;
}
