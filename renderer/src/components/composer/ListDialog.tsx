// Send a list message: a button that opens sections of rows the customer picks from.
import { useState, type FormEvent } from 'react';
import { useValidation } from '../../hooks/useValidation';
import { t } from '../../i18n';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional, type A11y } from '../Field';
import { useSend } from './useSend';

type Row = { title: string; description: string; rowId: string };
type Section = { title: string; rows: Row[] };

const MAX = 10;
const newRow = (s: number, r: number): Row => ({ title: '', description: '', rowId: `${s + 1}.${r + 1}` });

export function ListDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [head, setHead] = useState({ title: '', text: '', description: '', buttonText: '' });
  const [sections, setSections] = useState<Section[]>([{ title: '', rows: [newRow(0, 0)] }]);

  const editSection = (s: number, next: (sec: Section) => Section) => setSections(sections.map((sec, i) => (i === s ? next(sec) : sec)));
  const editRow = (s: number, r: number, patch: Partial<Row>) => editSection(s, (sec) => ({ ...sec, rows: sec.rows.map((row, j) => (j === r ? { ...row, ...patch } : row)) }));

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!head.title.trim()) found.title = t('listDialog.titleMissing');
    if (!head.text.trim()) found.text = t('buttonsDialog.textMissing');
    if (!head.buttonText.trim()) found.buttonText = t('listDialog.buttonTextMissing');
    sections.forEach((sec, s) => {
      if (!sec.title.trim()) found[`s${s}.title`] = t('listDialog.sectionTitleMissing');
      sec.rows.forEach((row, r) => {
        if (!row.title.trim()) found[`s${s}.r${r}.title`] = t('listDialog.rowTitleMissing');
        if (!row.rowId.trim()) found[`s${s}.r${r}.rowId`] = t('listDialog.rowIdMissing');
      });
    });
    return found;
  }

  const { errors, check } = useValidation(validate);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    const ok = await send({
      kind: 'list',
      title: head.title.trim(),
      text: head.text.trim(),
      buttonText: head.buttonText.trim(),
      ...(head.description.trim() ? { description: head.description.trim() } : {}),
      sections: sections.map((sec) => ({
        title: sec.title.trim(),
        rows: sec.rows.map((row) => ({ title: row.title.trim(), rowId: row.rowId.trim(), ...(row.description.trim() ? { description: row.description.trim() } : {}) })),
      })),
    });
    if (ok) onClose();
  }

  const input = (key: keyof typeof head, max: number) => (a11y: A11y) => (
    <input {...a11y} maxLength={max} value={head[key]} onChange={(e) => setHead({ ...head, [key]: e.target.value })} />
  );

  return (
    <Dialog title={t('listDialog.title')} busy={busy} wide onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="field-row">
          <Field id="list-title" label={t('buttonsDialog.buttonTitle')} error={errors.title}>
            {input('title', 60)}
          </Field>
          <Field id="list-button" label={t('listDialog.buttonText')} help={t('listDialog.buttonTextHelp')} error={errors.buttonText}>
            {input('buttonText', 20)}
          </Field>
        </div>
        <Field id="list-text" label={t('buttonsDialog.text')} error={errors.text}>
          {(a11y) => <textarea {...a11y} rows={2} maxLength={1024} value={head.text} onChange={(e) => setHead({ ...head, text: e.target.value })} />}
        </Field>
        <Field
          id="list-description"
          label={
            <>
              {t('listDialog.description')}
              <Optional />
            </>
          }
        >
          {input('description', 60)}
        </Field>
        {sections.map((sec, s) => (
          <fieldset key={s} className="subform">
            <legend>{t('listDialog.section', { n: s + 1 })}</legend>
            <Field id={`list-s${s}-title`} label={t('listDialog.sectionTitle')} error={errors[`s${s}.title`]}>
              {(a11y) => <input {...a11y} maxLength={24} value={sec.title} onChange={(e) => editSection(s, (x) => ({ ...x, title: e.target.value }))} />}
            </Field>
            {sec.rows.map((row, r) => (
              <div key={r} className="list-row" role="group" aria-label={t('listDialog.sectionRow', { s: s + 1, r: r + 1 })}>
                <Field id={`list-s${s}-r${r}-title`} label={t('listDialog.rowTitle')} error={errors[`s${s}.r${r}.title`]}>
                  {(a11y) => <input {...a11y} maxLength={24} value={row.title} onChange={(e) => editRow(s, r, { title: e.target.value })} />}
                </Field>
                <Field id={`list-s${s}-r${r}-desc`} label={t('listDialog.rowDescription')}>
                  {(a11y) => <input {...a11y} maxLength={72} placeholder={t('listDialog.optional')} value={row.description} onChange={(e) => editRow(s, r, { description: e.target.value })} />}
                </Field>
                <Field id={`list-s${s}-r${r}-id`} label={t('listDialog.rowId')} narrow error={errors[`s${s}.r${r}.rowId`]}>
                  {(a11y) => <input {...a11y} maxLength={200} value={row.rowId} onChange={(e) => editRow(s, r, { rowId: e.target.value })} />}
                </Field>
                {sec.rows.length > 1 ? (
                  <button type="button" className="btn small danger-text" onClick={() => editSection(s, (x) => ({ ...x, rows: x.rows.filter((_, j) => j !== r) }))}>
                    {t('listDialog.removeRow')}
                  </button>
                ) : null}
              </div>
            ))}
            <div className="subform-actions">
              {sec.rows.length < MAX ? (
                <button type="button" className="btn small add" onClick={() => editSection(s, (x) => ({ ...x, rows: [...x.rows, newRow(s, x.rows.length)] }))}>
                  {t('listDialog.addRow')}
                </button>
              ) : null}
              {sections.length > 1 ? (
                <button type="button" className="btn small danger-text" onClick={() => setSections(sections.filter((_, i) => i !== s))}>
                  {t('listDialog.removeSection', { n: s + 1 })}
                </button>
              ) : null}
            </div>
          </fieldset>
        ))}
        {sections.length < MAX ? (
          <button type="button" className="btn small add" onClick={() => setSections([...sections, { title: '', rows: [newRow(sections.length, 0)] }])}>
            {t('listDialog.addSection')}
          </button>
        ) : null}
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('listDialog.title')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
