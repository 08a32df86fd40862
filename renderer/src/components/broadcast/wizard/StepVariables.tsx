// Step 3: where each placeholder's value comes from (a column, or the same text for everyone), then
// "Create recipients list": main checks every row and says who is in, who is out and why, and the
// message can be previewed for any recipient.
import { useEffect, useState } from 'react';
import { placeholderLabel } from '../../../../../shared/broadcast';
import type { Template } from '../../../../../shared/model';
import { fillTemplate } from '../../../../../shared/placeholders';
import { isExtraInput, type TemplateShape } from '../../../../../shared/template-inputs';
import { call } from '../../../api';
import { t } from '../../../i18n';
import { useAction } from '../../../hooks/useAction';
import { removeCampaign, useBroadcasts } from '../../../stores/broadcasts';
import { columnsOf, createInput, signatureOf, useDraft, variableSources, type Draft, type VariableChoice } from '../../../stores/broadcastDraft';
import { ErrorNotice } from '../../ErrorNotice';
import { Field } from '../../Field';
import { TemplatePreview } from '../../templates/TemplateText';
import { extraLabel } from '../../templates/templateWords';
import { CreateOutcome } from './CreateOutcome';
import { RecipientPreview } from './RecipientPreview';
import { createdIsCurrent, valueProblem, type StepErrors } from './validate';

/** A column named like the placeholder ({name} ← "Name"), or the name column for a name-ish one. */
function guessChoice(key: string, columns: string[], nameColumn: string): VariableChoice {
  const same = columns.find((c) => c.trim().toLowerCase() === key.toLowerCase());
  const column = same ?? (/name|nama/i.test(key) && nameColumn && columns.includes(nameColumn) ? nameColumn : '');
  return { kind: 'column', column, text: '' };
}

/** The first recipient's values, filled in here before main has checked anything. */
function exampleValues(d: Draft, template: Template): { values: Record<string, string>; where: string } | null {
  const columns = columnsOf(d);
  let cells: string[];
  let where: string;
  if (d.source === 'csv') {
    const first = d.csv?.preview.sampleRows[0];
    if (!first) return null;
    cells = first;
    where = t('wizard.variables.firstRow');
  } else {
    const first = Object.values(d.picked)[0];
    if (!first) return null;
    cells = [`+${first.phone}`, first.name ?? ''];
    where = first.name ? `${first.name}` : t('wizard.variables.firstContact');
  }
  const values: Record<string, string> = {};
  for (const [key, source] of Object.entries(variableSources(d, template.placeholders))) {
    values[key] = 'text' in source ? source.text : (cells[columns.indexOf(source.column)] ?? '');
  }
  return { values, where };
}

function VariableRow({
  k,
  template,
  choice,
  columns,
  fromFile,
  error,
  onChange,
}: {
  k: string;
  template: TemplateShape;
  choice: VariableChoice;
  columns: string[];
  fromFile: boolean;
  error: string | undefined;
  onChange(c: VariableChoice): void;
}) {
  // A header's media or a link button's value (Qontak) is asked for in words, like a placeholder.
  const label = isExtraInput(k) ? extraLabel(k, template) : placeholderLabel(k);
  const id = `bc-var-${k}`;
  return (
    <div className="field-row variable-row">
      <Field id={`${id}-source`} label={t('wizard.variables.source', { label })} narrow>
        {(a11y) => (
          <select {...a11y} value={choice.kind} onChange={(e) => onChange({ ...choice, kind: e.target.value as VariableChoice['kind'] })}>
            <option value="column">{fromFile ? t('wizard.variables.column') : t('wizard.variables.contact')}</option>
            <option value="text">{t('wizard.variables.sameText')}</option>
          </select>
        )}
      </Field>
      <Field id={`${id}-value`} label={t('wizard.variables.value', { label })} error={error}>
        {(a11y) =>
          choice.kind === 'column' ? (
            <select {...a11y} value={columns.includes(choice.column) ? choice.column : ''} onChange={(e) => onChange({ ...choice, column: e.target.value })}>
              <option value="">{t('wizard.variables.chooseColumn')}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input {...a11y} maxLength={1100} value={choice.text} placeholder={t('wizard.variables.textPlaceholder')} onChange={(e) => onChange({ ...choice, text: e.target.value })} />
          )
        }
      </Field>
    </div>
  );
}

export function StepVariables({ draft, template, errors }: { draft: Draft; template: Template; errors: StepErrors }) {
  const patch = useDraft((s) => s.patch);
  const creating = useAction();
  const [tried, setTried] = useState(false);
  const columns = columnsOf(draft);
  const fromFile = draft.source === 'csv';
  const current = createdIsCurrent(draft, template);

  // Start each placeholder from a sensible guess; choices already made stay.
  useEffect(() => {
    const d = useDraft.getState().draft;
    const missing = template.placeholders.filter((k) => !d.variables[k]);
    if (missing.length === 0) return;
    const next = { ...d.variables };
    for (const k of missing) next[k] = guessChoice(k, columnsOf(d), d.nameColumn);
    patch({ variables: next });
  }, [template, patch]);

  async function createList() {
    setTried(true);
    if (template.placeholders.some((k) => valueProblem(draft, k))) return;
    const input = createInput(draft, template.placeholders);
    if (!input) return;
    const old = draft.created?.result.campaign;
    await creating.run(async () => {
      const result = await call('broadcasts:create', input);
      useBroadcasts.getState().apply(result.campaign);
      patch({ created: { result, signature: signatureOf(input) } });
      // The list made before this one is no longer what will be sent.
      if (old && old.id !== result.campaign.id) removeCampaign(old.id).catch(() => undefined);
    });
  }

  const sources = variableSources(draft, template.placeholders);
  const missing = creating.error ? template.placeholders.filter((k) => !sources[k]) : [];
  const example = exampleValues(draft, template);

  return (
    <div className="form wizard-step">
      {template.placeholders.length === 0 ? (
        <p className="muted">{t('wizard.variables.none')}</p>
      ) : (
        <>
          <p className="help">
            {fromFile ? t('wizard.variables.fillFile') : t('wizard.variables.fillContact')}
          </p>
          {template.placeholders.map((k) => (
            <VariableRow
              key={k}
              k={k}
              template={template}
              choice={draft.variables[k] ?? guessChoice(k, columns, draft.nameColumn)}
              columns={columns}
              fromFile={fromFile}
              error={errors[`var:${k}`] ?? (tried ? valueProblem(draft, k) : undefined) ?? (missing.includes(k) ? t('wizard.variables.chooseWhere') : undefined)}
              onChange={(c) => patch({ variables: { ...draft.variables, [k]: c } })}
            />
          ))}
        </>
      )}
      {example && !current ? (
        <div className="preview-block">
          <span className="preview-label">{t('wizard.variables.example', { where: example.where })}</span>
          <TemplatePreview template={template} body={fillTemplate(template.body, example.values)} />
        </div>
      ) : null}
      <div className="create-bar">
        <button type="button" className={current ? 'btn' : 'btn primary'} onClick={() => void createList()} disabled={creating.busy} aria-busy={creating.busy}>
          {creating.busy ? t('wizard.variables.checking') : t('wizard.variables.create')}
        </button>
        <span className="help">
          {current ? t('wizard.variables.made') : t('wizard.variables.createHelp')}
        </span>
      </div>
      {creating.error ? <ErrorNotice error={creating.error} compact /> : null}
      {errors.created && !draft.created && !creating.error ? <p className="field-error">{errors.created}</p> : null}
      {draft.created && !current && !creating.busy && !creating.error ? (
        <p className="notice warn compact" role="status">
          {t('wizard.errors.changed')}
        </p>
      ) : null}
      {draft.created && current ? (
        <>
          <CreateOutcome result={draft.created.result} fromFile={fromFile} />
          <RecipientPreview campaignId={draft.created.result.campaign.id} total={draft.created.result.campaign.totals.total} template={template} fromFile={fromFile} />
        </>
      ) : null}
    </div>
  );
}
