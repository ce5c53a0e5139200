/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so spreadsheet software reads Chinese as Chinese),
 * CRLF line ends and RFC 4180 quoting, and formula injection neutralised: a cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading apostrophe, so that a name such as `=HYPERLINK(…)`
 * is shown as text instead of being run as a formula. Pure; the plan features' columns come from
 * feature-export.ts.
 */

/** The byte-order mark a CSV file starts with. */
export const BOM = '\uFEFF';

/** What a cell may hold: text, a number, a yes/no, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as written in the file: neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers are written as numbers: a negative one is a number, not a formula.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: the BOM, then the header and one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
