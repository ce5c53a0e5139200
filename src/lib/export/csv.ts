/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel and WPS read Chinese correctly), one
 * header row, CRLF line ends, fields quoted where needed by papaparse. A cell that a spreadsheet would take
 * for a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so that a name
 * or property from someone's data can never run as a formula when the file is opened.
 */
import Papa from 'papaparse';

/** The byte-order mark that opens every file written here. */
export const BOM = '\uFEFF';

/** What a cell may hold: text, a number, a yes/no, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/** One column: its header, and how to read a row's cell. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: empty for null/undefined, numbers as JavaScript writes them, formulas neutralised. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // A negative number is a number, not a formula; non-finite numbers have no spreadsheet form.
    return Number.isFinite(value) ? String(value) : '';
  }
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The rows as CSV text, BOM first: a header row from `columns`, then one line per row. */
export function toCsv<R>(rows: readonly R[], columns: readonly CsvColumn<R>[]): string {
  const body = Papa.unparse(
    {
      fields: columns.map((column) => csvCell(column.header)),
      data: rows.map((row) => columns.map((column) => csvCell(column.value(row))))
    },
    // Papaparse's own escapeFormulae would also catch negative numbers; csvCell above does it instead.
    { newline: '\r\n', quotes: false, escapeFormulae: false }
  );
  // Papaparse ends a header-only file with a line break and any other without: end every file with one.
  return `${BOM}${body.endsWith('\r\n') ? body : `${body}\r\n`}`;
}
