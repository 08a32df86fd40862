// A CSV file read in the page and handed to main, which reads it and keeps it for an hour: its
// columns, row count and first rows shown, then which column holds the phone numbers and the names.
import { useState, type ChangeEvent } from 'react';
import { binaryCsvProblem, MAX_CSV_CHARS, type ImportPreview } from '../../../../../shared/broadcast';
import type { AppError } from '../../../../../shared/model';
import { ApiError, call, toAppError } from '../../../api';
import { useDraft, type Draft } from '../../../stores/broadcastDraft';
import { ErrorNotice } from '../../ErrorNotice';
import { Field } from '../../Field';
import { count } from '../words';
import type { StepErrors } from './validate';

const delimiterName: Record<ImportPreview['delimiter'], string> = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated' };
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
        <caption className="visually-hidden">The first rows of the file</caption>
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
      if (!text.replace(/^\uFEFF/, '').trim()) throw new ApiError({ code: 'validation', message: `“${file.name}” is empty. Pick the file with your customers' numbers in it.` });
      if (text.length > MAX_CSV_CHARS) throw new ApiError({ code: 'validation', message: 'The file is larger than 50 MB. Split it into smaller files and make a broadcast for each.' });
      const binary = binaryCsvProblem(text, file.name);
      if (binary) throw new ApiError({ code: 'validation', message: binary });
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
        label="CSV file"
        help={draft.csv ? `Imported “${draft.csv.fileName}”. Pick another file to replace it.` : 'Save your spreadsheet as CSV (comma, semicolon or tab separated). The first row must name the columns, e.g. phone, name.'}
        error={error ? undefined : errors.file}
      >
        {(a11y) => <input {...a11y} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={reading} onChange={(e) => void onFile(e)} />}
      </Field>
      {reading ? (
        <p className="muted" role="status">
          Reading the file…
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} compact /> : null}
      {preview && !reading ? (
        <>
          <p className="csv-summary">
            <strong>{count(preview.rowCount)}</strong> {preview.rowCount === 1 ? 'row' : 'rows'} · {preview.columns.length}{' '}
            {preview.columns.length === 1 ? 'column' : 'columns'}: {preview.columns.join(', ')} <span className="muted">({delimiterName[preview.delimiter]})</span>
          </p>
          {noHeader ? (
            <p className="notice warn compact" role="alert">
              The first row looks like a phone number, not column names. Add a header row at the top of the file (for example <code>phone,name</code>) and import it again — otherwise the first customer is read as the header and left out.
            </p>
          ) : preview.rowCount === 0 ? (
            <p className="notice warn compact" role="alert">
              This file has a header row but no customers under it. Pick the file with your customers in it.
            </p>
          ) : null}
          {preview.sampleRows.length > 0 ? <SampleTable preview={preview} /> : null}
          <div className="field-row">
            <Field id="bc-phone-col" label="Phone number column" error={errors.phoneColumn}>
              {(a11y) => (
                <select {...a11y} value={draft.phoneColumn} onChange={(e) => patch({ phoneColumn: e.target.value })}>
                  {!draft.phoneColumn ? <option value="">Choose a column…</option> : null}
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
              label="Name column"
              help="Optional. Lets a placeholder greet each customer by name, and shows in the report."
              error={errors.nameColumn}
            >
              {(a11y) => (
                <select {...a11y} value={draft.nameColumn} onChange={(e) => patch({ nameColumn: e.target.value })}>
                  <option value="">No names</option>
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
