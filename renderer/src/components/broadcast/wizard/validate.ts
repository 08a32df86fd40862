// What stops each wizard step from going on, in the words shown next to the field concerned.
import { MAX_VALUE_CHARS } from '../../../../../shared/broadcast';
import type { Template } from '../../../../../shared/model';
import { t } from '../../../i18n';
import { createInput, signatureOf, type Draft, type WizardStep } from '../../../stores/broadcastDraft';
import { useTemplates } from '../../../stores/templates';
import { blockedReason } from '../../templates/templateWords';
import { fromLocalInput } from '../words';

export type StepErrors = Partial<Record<string, string>>;

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** Why the chosen start time can't be used, or undefined when it can (or "Send now" is chosen). */
export function scheduleProblem(schedule: Draft['schedule'], at: string, now = Date.now()): string | undefined {
  if (schedule === 'now') return undefined;
  const ms = fromLocalInput(at);
  if (ms === null) return t('wizard.errors.pickTime');
  if (ms <= now) return t('wizard.errors.future');
  if (ms > now + YEAR_MS) return t('wizard.errors.withinYear');
  return undefined;
}

/** A placeholder's value that can't be sent as chosen (missing ones are left to main to name). */
export function valueProblem(d: Draft, key: string): string | undefined {
  const v = d.variables[key];
  if (v?.kind === 'text' && v.text.trim().length > MAX_VALUE_CHARS) return t('wizard.errors.textTooLong', { max: MAX_VALUE_CHARS });
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
        name: d.name.trim() ? (d.name.trim().length > 200 ? t('wizard.errors.nameTooLong', { max: 200 }) : undefined) : t('wizard.errors.name'),
        account: d.accountId ? undefined : t('wizard.errors.account'),
        template:
          d.accountId && !template
            ? useTemplates.getState().byAccount[d.accountId]?.list.length === 0
              ? t('wizard.errors.noTemplates')
              : t('wizard.errors.template')
            : // A template pending approval keeps the wizard from going on (StepTemplate says why at once).
              ((template && blockedReason(template)) ?? undefined),
      };
    case 1:
      if (d.source === 'contacts') return { contacts: Object.keys(d.picked).length > 0 ? undefined : t('wizard.errors.contacts') };
      return {
        file: d.csv ? (d.csv.preview.rowCount === 0 ? t('wizard.errors.noRows') : undefined) : t('wizard.errors.file'),
        phoneColumn: d.csv && !d.phoneColumn ? t('wizard.errors.phoneColumn') : undefined,
        nameColumn: d.nameColumn && d.nameColumn === d.phoneColumn ? t('wizard.errors.nameColumn') : undefined,
      };
    case 2: {
      const out: StepErrors = {};
      for (const key of template?.placeholders ?? []) out[`var:${key}`] = valueProblem(d, key);
      if (!d.created) out.created = t('wizard.errors.createFirst');
      else if (!createdIsCurrent(d, template)) out.created = t('wizard.errors.changed');
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
