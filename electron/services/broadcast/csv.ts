// Reading a recipients CSV the way spreadsheets write it: a header row, one of three delimiters
// (comma; semicolon, which Excel uses where the decimal mark is a comma; tab, from copy-paste),
// quoted fields that may hold delimiters, quotes and line breaks, and an optional BOM.
// csv-parse does the quoting rules; this module picks the delimiter and numbers the rows as a
// spreadsheet shows them, so "row 17" in a message is row 17 on the operator's screen.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { CsvDelimiter } from '../../../shared/broadcast';
import { AppFailure } from '../errors';

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  columns: string[];
  /** Data rows in file order; `row` is the spreadsheet row (the header is row 1). Blank lines are left out. */
  rows: CsvRow[];
}

export interface CsvRow {
  row: number;
  cells: string[];
}

const CANDIDATES: CsvDelimiter[] = [',', ';', '\t'];
const delimiterNames: Record<CsvDelimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };
/** Characters handed to the parser at a time; between chunks other work (IPC, the outbox) gets a turn. */
const CHUNK = 256 * 1024;

export const describeDelimiter = (d: CsvDelimiter): string => delimiterNames[d];

/**
 * The delimiter the header row uses: the candidate found most often outside quotes. A header of
 * one column has none of them, and any choice reads it the same; comma wins ties.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

/** The text in chunks that never split a UTF-16 surrogate pair (the stream re-encodes each chunk). */
export function* chunks(text: string, size = CHUNK): Generator<string> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(i, end);
    i = end;
  }
}

/** Unique, non-empty column names: spreadsheets allow blank and repeated headers, a mapping step can't. */
function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function readError(err: unknown): AppFailure {
  if (err instanceof CsvError) {
    const line = typeof err.lines === 'number' ? err.lines : null;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      return line
        ? new AppFailure('validation', `The file could not be read: a quoted value is never closed (near line ${line}). Check for a missing " in that row.`, err.message).keyed('errors.csv.quoteNotClosedNear', { line })
        : new AppFailure('validation', 'The file could not be read: a quoted value is never closed. Check for a missing " in that row.', err.message).keyed('errors.csv.quoteNotClosed');
    }
    return line
      ? new AppFailure('validation', `The file could not be read as CSV (near line ${line}). Save it again as "CSV UTF-8" from your spreadsheet and retry.`, err.message).keyed('errors.csv.unreadableNear', { line })
      : new AppFailure('validation', 'The file could not be read as CSV. Save it again as "CSV UTF-8" from your spreadsheet and retry.', err.message).keyed('errors.csv.unreadable');
  }
  return new AppFailure('validation', 'The file could not be read as CSV. Save it again as "CSV UTF-8" from your spreadsheet and retry.', err instanceof Error ? err.message : String(err)).keyed('errors.csv.unreadable');
}

/** Parses the whole text; the header row names the columns. */
export async function parseCsv(text: string): Promise<ParsedCsv> {
  const delimiter = detectDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parser = parse({
    delimiter,
    bom: true,
    // Every line is a record (blank ones too) so record n is spreadsheet row n.
    skip_empty_lines: false,
    relax_column_count: true,
    // A stray " inside an unquoted value (12" pizza) is kept as text, as spreadsheets do.
    relax_quotes: true,
  });
  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  let row = 0;
  try {
    for await (const record of Readable.from(chunks(text)).pipe(parser) as AsyncIterable<string[]>) {
      row++;
      if (header === null) {
        header = record;
        continue;
      }
      if (record.every((c) => c.trim() === '')) continue;
      rows.push({ row, cells: record });
    }
  } catch (err) {
    throw readError(err);
  }
  if (header === null || header.every((c) => c.trim() === '')) {
    throw new AppFailure('validation', 'The first row must name the columns (for example: phone,name). It is empty.').keyed('errors.csv.headerEmpty');
  }
  const number = header.find((c) => /^\s*\+?[\d\s().-]{8,}\s*$/.test(c));
  if (number !== undefined) {
    throw new AppFailure('validation', `The first row must name the columns, but it holds a number ('${number.trim()}'). Add a header row such as phone,name above the data.`).keyed('errors.csv.headerNumber', { value: number.trim() });
  }
  return { delimiter, columns: columnNames(header), rows };
}
