// The New broadcast wizard's choices, kept outside the screen so nothing is lost going back a step
// or visiting Settings (e.g. to change the default country) and coming back.
import { create } from 'zustand';
import { t } from '../i18n';
import type { BroadcastChannelInput, BroadcastChannelOutput, ContactPick, ImportPreview, VariableSource } from '../../../shared/broadcast';

export type WizardStep = 0 | 1 | 2 | 3 | 4;
/** The steps' titles, read in the current language (keys under wizard.steps). */
export const wizardSteps = ['template', 'recipients', 'variables', 'schedule', 'review'] as const;
export const wizardStepTitle = (i: number): string => t(`wizard.steps.${wizardSteps[i]}`);

/** One placeholder's source as the form holds it: both choices kept, so switching back is free. */
export type VariableChoice = { kind: 'column' | 'text'; column: string; text: string };
export type CreateResult = BroadcastChannelOutput<'broadcasts:create'>;
export type CreateInput = BroadcastChannelInput<'broadcasts:create'>;

export type Draft = {
  step: WizardStep;
  name: string;
  /** The operator typed a name: stop suggesting one from the template. */
  nameTouched: boolean;
  accountId: string | null;
  templateId: string | null;
  source: 'csv' | 'contacts';
  csv: { fileName: string; preview: ImportPreview } | null;
  phoneColumn: string;
  nameColumn: string;
  /** Picked contacts by phone. */
  picked: Record<string, ContactPick>;
  variables: Record<string, VariableChoice>;
  /** The draft campaign made by "Create recipients list", and the choices it was made from. */
  created: { result: CreateResult; signature: string } | null;
  schedule: 'now' | 'later';
  /** The datetime-local value ("2025-03-01T09:30"). */
  at: string;
};

const fresh = (): Draft => ({
  step: 0,
  name: '',
  nameTouched: false,
  accountId: null,
  templateId: null,
  source: 'csv',
  csv: null,
  phoneColumn: '',
  nameColumn: '',
  picked: {},
  variables: {},
  created: null,
  schedule: 'now',
  at: '',
});

type DraftState = {
  draft: Draft;
  patch(next: Partial<Draft>): void;
  reset(): void;
};

export const useDraft = create<DraftState>()((set, get) => ({
  draft: fresh(),
  patch: (next) => set({ draft: { ...get().draft, ...next } }),
  reset: () => set({ draft: fresh() }),
}));

/** The columns a placeholder can take its value from: the file's, or a picked contact's phone and name. */
export function columnsOf(d: Draft): string[] {
  if (d.source === 'contacts') return ['phone', 'name'];
  return d.csv?.preview.columns ?? [];
}

/** The sources as the contract wants them; an empty choice is left out, so main names what is missing. */
export function variableSources(d: Draft, placeholders: string[]): Record<string, VariableSource> {
  const out: Record<string, VariableSource> = {};
  const columns = columnsOf(d);
  for (const key of placeholders) {
    const v = d.variables[key];
    if (!v) continue;
    if (v.kind === 'column' && columns.includes(v.column)) out[key] = { column: v.column };
    if (v.kind === 'text' && v.text.trim()) out[key] = { text: v.text.trim() };
  }
  return out;
}

/** What `broadcasts:create` is asked for, or null while step 1 or 2 is incomplete. */
export function createInput(d: Draft, placeholders: string[]): CreateInput | null {
  if (!d.accountId || !d.templateId) return null;
  let recipients: CreateInput['recipients'];
  if (d.source === 'csv') {
    if (!d.csv || !d.phoneColumn) return null;
    recipients = { kind: 'csv', importId: d.csv.preview.importId, phoneColumn: d.phoneColumn, ...(d.nameColumn ? { nameColumn: d.nameColumn } : {}) };
  } else {
    const phones = Object.keys(d.picked);
    if (phones.length === 0) return null;
    const names: Record<string, string> = {};
    for (const p of phones) if (d.picked[p]?.name) names[p] = d.picked[p].name;
    recipients = { kind: 'contacts', phones, names };
  }
  return { name: d.name.trim(), accountId: d.accountId, templateId: d.templateId, recipients, variables: variableSources(d, placeholders) };
}

/** Identifies the choices a draft campaign was made from; a different one means "make it again". */
export function signatureOf(input: CreateInput | null): string {
  if (!input) return '';
  const { recipients, ...rest } = input;
  const who = recipients.kind === 'contacts' ? { ...recipients, phones: [...recipients.phones].sort() } : recipients;
  return JSON.stringify({ ...rest, recipients: who });
}
