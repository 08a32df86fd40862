// What stops each wizard step from going on, in the words shown next to the field concerned.
import { MAX_VALUE_CHARS } from '../../../../../shared/broadcast';
import type { Template } from '../../../../../shared/model';
import { templateBlockedReason } from '../../../../../shared/template-status';
import { createInput, signatureOf, type Draft, type WizardStep } from '../../../stores/broadcastDraft';
import { useTemplates } from '../../../stores/templates';
import { fromLocalInput } from '../words';

export type StepErrors = Partial<Record<string, string>>;

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** Why the chosen start time can't be used, or undefined when it can (or "Send now" is chosen). */
export function scheduleProblem(schedule: Draft['schedule'], at: string, now = Date.now()): string | undefined {
  if (schedule === 'now') return undefined;
  const ms = fromLocalInput(at);
  if (ms === null) return 'Pick the date and time to start.';
  if (ms <= now) return 'Pick a time in the future.';
  if (ms > now + YEAR_MS) return 'Pick a time within the next year.';
  return undefined;
}

/** A placeholder's value that can't be sent as chosen (missing ones are left to main to name). */
export function valueProblem(d: Draft, key: string): string | undefined {
  const v = d.variables[key];
  if (v?.kind === 'text' && v.text.trim().length > MAX_VALUE_CHARS) return `A text can be at most ${MAX_VALUE_CHARS} characters.`;
  return undefined;
}

/** The draft campaign matches what is chosen now. */
export function createdIsCurrent(d: Draft, template: Template | undefined): boolean {
  return !!d.created && !!template && d.created.signature === signatureOf(createInput(d, template.placeholders));
}

export function stepErrors(step: WizardStep, d: Draft, template: Template | undefined): StepErrors {
  switch (step) {
    case 0:
      return {
        name: d.name.trim() ? (d.name.trim().length > 200 ? 'A name can be at most 200 characters.' : undefined) : 'Give the broadcast a name you will recognise.',
        account: d.accountId ? undefined : 'Pick the account to send from.',
        template:
          d.accountId && !template
            ? useTemplates.getState().byAccount[d.accountId]?.list.length === 0
              ? 'This account has no templates yet, so it can’t broadcast.'
              : 'Pick the template to send.'
            : // A template pending approval keeps the wizard from going on (StepTemplate says why at once).
              ((template && templateBlockedReason(template)) ?? undefined),
      };
    case 1:
      if (d.source === 'contacts') return { contacts: Object.keys(d.picked).length > 0 ? undefined : 'Pick at least one contact.' };
      return {
        file: d.csv ? (d.csv.preview.rowCount === 0 ? 'This file has no rows under its header. Pick a file with your customers in it.' : undefined) : 'Import the CSV file with your customers first.',
        phoneColumn: d.csv && !d.phoneColumn ? 'Pick the column with the phone numbers.' : undefined,
        nameColumn: d.nameColumn && d.nameColumn === d.phoneColumn ? 'Pick a different column from the phone numbers, or none.' : undefined,
      };
    case 2: {
      const out: StepErrors = {};
      for (const key of template?.placeholders ?? []) out[`var:${key}`] = valueProblem(d, key);
      if (!d.created) out.created = 'Press “Create recipients list” first, to check every recipient.';
      else if (!createdIsCurrent(d, template)) out.created = 'You changed something since the list was made. Press “Create recipients list” again.';
      return out;
    }
    case 3:
      return { at: scheduleProblem(d.schedule, d.at) };
    case 4:
      return {};
  }
}

export const hasErrors = (e: StepErrors): boolean => Object.values(e).some(Boolean);

/** The template chosen in the draft, once its account's templates are loaded. */
export function useDraftTemplate(d: Draft): Template | undefined {
  return useTemplates((s) => (d.accountId ? s.byAccount[d.accountId]?.list.find((t) => t.id === d.templateId) : undefined));
}
