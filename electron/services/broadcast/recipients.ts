// Turning rows (from a CSV or picked contacts) into campaign recipients: phone numbers to E.164
// with the default country, one recipient per number, every placeholder filled. A row that
// can't be sent to is left out with its reason in words, never silently dropped.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { MAX_REJECTED_LISTED, MAX_VALUE_CHARS, placeholderLabel, type RejectedRow } from '../../../shared/broadcast';
import { formatPhone } from '../../../shared/phone';
import type { NewRecipient } from '../store/broadcasts';
import type { CsvRow } from './csv';

/** Names longer than this are cut (a conversation title, as threads:start allows). */
const MAX_NAME_CHARS = 100;
/** Rows handled between turns of the event loop, so a 100,000-row import keeps the app responsive. */
const YIELD_EVERY = 5_000;

/** Why a value is not a phone number Switchboard can send to, for wording the rejected row. */
export type PhoneProblem = { kind: 'empty' } | { kind: 'notPhone' } | { kind: 'rounded' } | { kind: 'invalid' } | { kind: 'invalidCountry'; country: string };
// `country` is the ISO code (ID); the renderer names it in the operator's language, main in English.

export type PhoneResult = { ok: true; digits: string } | { ok: false; reason: string; problem: PhoneProblem };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string): string => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * E.164 digits (no +) for what a person typed. Uses the same metadata as the inbox's startThread,
 * so a number admitted here is one the inbox accepts. Spreadsheets drop a leading + from numbers
 * (6281234567890), so bare international digits that aren't a valid national number are tried
 * with a + before giving up.
 */
export function normalisePhone(raw: string, country: string): PhoneResult {
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'the phone number is empty', problem: { kind: 'empty' } };
  if (!/\d/.test(value) || /[a-df-z]/i.test(value)) return { ok: false, reason: `'${value}' is not a phone number`, problem: { kind: 'notPhone' } };
  let parsed = parsePhoneNumberFromString(value, country as CountryCode);
  const digits = value.replace(/\D/g, '');
  if (!parsed?.isValid() && !value.startsWith('+') && /^[1-9]\d{7,14}$/.test(digits) && /^[\d\s().-]+$/.test(value)) {
    const international = parsePhoneNumberFromString(`+${digits}`);
    if (international?.isValid()) parsed = international;
  }
  if (parsed?.isValid()) return { ok: true, digits: parsed.number.slice(1) };
  if (/e\+?\d+$/i.test(value)) {
    return { ok: false, reason: `'${value}' was turned into a rounded number by the spreadsheet; format the phone column as text and export again`, problem: { kind: 'rounded' } };
  }
  if (value.startsWith('+')) return { ok: false, reason: `'${value}' is not a valid phone number`, problem: { kind: 'invalid' } };
  const name = countryName(country);
  return { ok: false, reason: `'${value}' is not a valid phone number (numbers without a + country code are read as ${name} numbers, the default country in Settings)`, problem: { kind: 'invalidCountry', country } };
}

/** Where each placeholder's value comes from, resolved against the columns. */
export type ValueSpec = { key: string; column: { index: number; name: string } } | { key: string; text: string };

export interface RecipientSpec {
  phoneIndex: number;
  nameIndex: number | null;
  values: ValueSpec[];
  country: string;
}

export interface BuiltRecipients {
  recipients: NewRecipient[];
  /** The first rows left out (problems and repeats), in row order. */
  rejected: RejectedRow[];
  /** Rows left out because of a problem with them (not repeats). */
  rejectedCount: number;
  /** Rows left out because their number was already on an earlier row. */
  duplicateCount: number;
}

const cell = (cells: string[], index: number): string => (cells[index] ?? '').trim();

/** A row left out, in words: the English reason and its wording (message key and values) for the renderer. */
interface LeftOut {
  message: string;
  key: string;
  params: Record<string, string | number>;
}

/** Why the value on this row is not a phone number, "Row N:" first, as a whole sentence of its own. */
function phoneReason(row: number, value: string, problem: PhoneProblem): LeftOut {
  switch (problem.kind) {
    case 'empty':
      return { message: `Row ${row}: the phone number is empty`, key: 'errors.recipients.emptyPhone', params: { row } };
    case 'notPhone':
      return { message: `Row ${row}: '${value}' is not a phone number`, key: 'errors.recipients.notPhone', params: { row, value } };
    case 'rounded':
      return {
        message: `Row ${row}: '${value}' was turned into a rounded number by the spreadsheet; format the phone column as text and export again`,
        key: 'errors.recipients.roundedNumber',
        params: { row, value },
      };
    case 'invalid':
      return { message: `Row ${row}: '${value}' is not a valid phone number`, key: 'errors.recipients.invalidPhone', params: { row, value } };
    case 'invalidCountry':
      return {
        message: `Row ${row}: '${value}' is not a valid phone number (numbers without a + country code are read as ${countryName(problem.country)} numbers, the default country in Settings)`,
        key: 'errors.recipients.invalidPhoneCountry',
        params: { row, value, country: problem.country },
      };
  }
}

/** The row's value for each placeholder, or why it has none. */
function rowValues(row: number, cells: string[], spec: RecipientSpec): { values: Record<string, string> } | { problem: LeftOut } {
  const values: Record<string, string> = {};
  for (const v of spec.values) {
    const value = 'text' in v ? v.text : cell(cells, v.column.index);
    const placeholder = placeholderLabel(v.key);
    if ('column' in v && value === '') {
      const column = v.column.name;
      return { problem: { message: `Row ${row}: ${placeholder} has no value (the '${column}' column is empty)`, key: 'errors.recipients.noValue', params: { row, placeholder, column } } };
    }
    if (value.length > MAX_VALUE_CHARS) {
      return { problem: { message: `Row ${row}: the value for ${placeholder} is longer than ${MAX_VALUE_CHARS} characters`, key: 'errors.recipients.valueTooLong', params: { row, placeholder, max: MAX_VALUE_CHARS } } };
    }
    values[v.key] = value;
  }
  return { values };
}

export async function buildRecipients(rows: readonly CsvRow[], spec: RecipientSpec): Promise<BuiltRecipients> {
  const out: BuiltRecipients = { recipients: [], rejected: [], rejectedCount: 0, duplicateCount: 0 };
  const firstRowOf = new Map<string, number>();
  const leaveOut = (row: number, value: string, reason: LeftOut): void => {
    if (out.rejected.length < MAX_REJECTED_LISTED) out.rejected.push({ row, value, reason: reason.message, reasonWording: { key: reason.key, params: reason.params } });
  };
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    const { row, cells } = rows[i]!;
    const raw = cell(cells, spec.phoneIndex);
    const phone = normalisePhone(raw, spec.country);
    if (!phone.ok) {
      out.rejectedCount++;
      leaveOut(row, raw, phoneReason(row, raw.trim(), phone.problem));
      continue;
    }
    const filled = rowValues(row, cells, spec);
    if ('problem' in filled) {
      out.rejectedCount++;
      leaveOut(row, raw, filled.problem);
      continue;
    }
    const first = firstRowOf.get(phone.digits);
    if (first !== undefined) {
      out.duplicateCount++;
      const shown = formatPhone(phone.digits);
      leaveOut(row, raw, { message: `Row ${row}: ${shown} is already on row ${first}, so this row is left out`, key: 'errors.recipients.duplicate', params: { row, phone: shown, first } });
      continue;
    }
    firstRowOf.set(phone.digits, row);
    const name = spec.nameIndex === null ? '' : cell(cells, spec.nameIndex).slice(0, MAX_NAME_CHARS);
    out.recipients.push({ row, phone: phone.digits, name: name || null, values: filled.values });
  }
  return out;
}
