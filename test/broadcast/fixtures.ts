// A 1,000-row customer list the way shops actually have them: numbers written several ways,
// some that aren't numbers, people listed twice, a few rows missing their order number, names
// with commas in them. The expected outcome is computed alongside, row by row.

export interface ExpectedRecipient {
  row: number;
  phone: string;
  name: string;
  order: string;
}

export interface CampaignCsv {
  csv: string;
  valid: ExpectedRecipient[];
  invalidRows: number[];
  missingRows: number[];
  duplicateRows: number[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const quote = (v: string, delimiter: string): string => (v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
const NOT_NUMBERS = ['abc', '12345', ''];

/** Row r (spreadsheet numbering, header = 1) of `count` data rows. */
export function campaignCsv(count = 1000, delimiter: ',' | ';' | '\t' = ','): CampaignCsv {
  const lines = [['phone', 'name', 'order'].join(delimiter)];
  const out: CampaignCsv = { csv: '', valid: [], invalidRows: [], missingRows: [], duplicateRows: [] };
  const byIndex = new Map<number, ExpectedRecipient>();
  for (let i = 0; i < count; i++) {
    const row = i + 2;
    // Indonesian mobiles in the three ways people write them; E.164 is 62 812 xxxx xxxx.
    const local = pad(i, 8);
    const e164 = `62812${local}`;
    const written = i % 3 === 0 ? `0812 ${local.slice(0, 4)} ${local.slice(4)}` : i % 3 === 1 ? `+62 812-${local.slice(0, 4)}-${local.slice(4)}` : `62812${local}`;
    const name = i % 10 === 4 ? `Budi, Jr. ${i}` : `Customer ${i}`;
    const order = `A-${1000 + i}`;
    let cells: string[];
    if (i % 50 === 7) {
      cells = [NOT_NUMBERS[out.invalidRows.length % NOT_NUMBERS.length]!, name, order];
      out.invalidRows.push(row);
    } else if (i % 40 === 13 && byIndex.has(i - 10)) {
      // The same person as ten rows up, number written differently.
      const first = byIndex.get(i - 10)!;
      cells = [`+${first.phone.slice(0, 2)} ${first.phone.slice(2)}`, name, order];
      out.duplicateRows.push(row);
    } else if (i % 100 === 21) {
      cells = [written, name, ''];
      out.missingRows.push(row);
    } else {
      cells = [written, name, order];
      const r = { row, phone: e164, name, order };
      byIndex.set(i, r);
      out.valid.push(r);
    }
    lines.push(cells.map((c) => quote(c, delimiter)).join(delimiter));
  }
  out.csv = `${lines.join('\r\n')}\r\n`;
  return out;
}
