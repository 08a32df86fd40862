// A CSV file read in the page and handed to main, which reads it and keeps it for an hour: its
// columns, row count and first rows shown, then which column holds the phone numbers and the names.
import { useState, type ChangeEvent } from 'react';
import { Trans } from 'react-i18next';
import { binaryCsvProblem, MAX_CSV_CHARS, type ImportPreview } from '../../../../../shared/broadcast';
import type { AppError } from '../../../../../shared/model';
import { ApiError, call, toAppError } from '../../../api';
import { t } from '../../../i18n';
import { useDraft, type Draft } from '../../../stores/broadcastDraft';
import { ErrorNotice } from '../../ErrorNotice';
import { Field } from '../../Field';
import { count } from '../words';
import type { StepErrors } from './validate';

const delimiterKey: Record<ImportPreview['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const PHONE_HEADER = /phone|mobile|whats\s*app|wa\b|msisdn|number|nomor|telp|hp\b|tel\b/i;
const NAME_HEADER = /name|nama|customer|contact/i;
/** A header cell that is really a phone number: the file has no header row. */
const LOOKS_LIKE_NUMBER = /^\+?[\d\s().-]{6,}$/;

function guess(columns: string[], pattern: RegExp, not?: string): string {
  return columns.find((c) => c !== not && pattern.test(c)) ?? '';
}

function SampleTable({ preview }: { preview: ImportPreview }) {
  return (
    <div className="table-wrap sample">
      <table className="report-table">
        <caption className="visually-hidden">{t('wizard.csv.firstRows')}</caption>
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sampleRows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsvImport({ draft, errors }: { draft: Draft; errors: StepErrors }) {
  const patch = useDraft((s) => s.patch);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const preview = draft.csv?.preview;
  const noHeader = !!preview && preview.columns.some((c) => LOOKS_LIKE_NUMBER.test(c.trim()));

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setReading(true);
    try {
      const text = file.size > 0 ? await file.text() : '';
      if (!text.replace(/^\uFEFF/, '').trim()) throw new ApiError({ code: 'validation', message: t('wizard.csv.empty', { file: file.name }) });
      if (text.length > MAX_CSV_CHARS) throw new ApiError({ code: 'validation', message: t('wizard.csv.tooLarge') });
      const binary = binaryCsvProblem(text, file.name);
      if (binary) throw new ApiError({ code: 'validation', ...binary });
      const next = await call('broadcasts:importCsv', { csvText: text });
      const phoneColumn = guess(next.columns, PHONE_HEADER) || (next.columns.length === 1 ? next.columns[0]! : '');
      patch({ csv: { fileName: file.name, preview: next }, phoneColumn, nameColumn: guess(next.columns, NAME_HEADER, phoneColumn) });
    } catch (err) {
      // The file picked last failed: the one before must not stay behind it and be sent instead.
      patch({ csv: null, phoneColumn: '', nameColumn: '' });
      setError(toAppError(err));
    } finally {
      setReading(false);
    }
  }

  return (
    <div className="csv-import">
      <Field
        id="bc-csv"
        label={t('wizard.csv.label')}
        help={draft.csv ? t('wizard.csv.imported', { file: draft.csv.fileName }) : t('wizard.csv.help')}
        error={error ? undefined : errors.file}
      >
        {(a11y) => <input {...a11y} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={reading} onChange={(e) => void onFile(e)} />}
      </Field>
      {reading ? (
        <p className="muted" role="status">
          {t('wizard.csv.reading')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} compact /> : null}
      {preview && !reading ? (
        <>
          <p className="csv-summary">
            <strong>{count(preview.rowCount)}</strong> {t('wizard.csv.rows', { count: preview.rowCount })} · {t('wizard.csv.columns', { count: preview.columns.length })}:{' '}
            {preview.columns.join(', ')} <span className="muted">({t(`wizard.csv.delimiter.${delimiterKey[preview.delimiter]}`)})</span>
          </p>
          {noHeader ? (
            <p className="notice warn compact" role="alert">
              <Trans i18nKey="wizard.csv.noHeader" components={{ code: <code /> }} />
            </p>
          ) : preview.rowCount === 0 ? (
            <p className="notice warn compact" role="alert">
              {t('wizard.csv.noCustomers')}
            </p>
          ) : null}
          {preview.sampleRows.length > 0 ? <SampleTable preview={preview} /> : null}
          <div className="field-row">
            <Field id="bc-phone-col" label={t('wizard.csv.phoneColumn')} error={errors.phoneColumn}>
              {(a11y) => (
                <select {...a11y} value={draft.phoneColumn} onChange={(e) => patch({ phoneColumn: e.target.value })}>
                  {!draft.phoneColumn ? <option value="">{t('wizard.variables.chooseColumn')}</option> : null}
                  {preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="bc-name-col"
              label={t('wizard.csv.nameColumn')}
              help={t('wizard.csv.nameColumnHelp')}
              error={errors.nameColumn}
            >
              {(a11y) => (
                <select {...a11y} value={draft.nameColumn} onChange={(e) => patch({ nameColumn: e.target.value })}>
                  <option value="">{t('wizard.csv.noNames')}</option>
                  {preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </>
      ) : null}
    </div>
  );
}
