import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM, csvCell, toCsv, type CsvColumn } from '$lib/export/csv';

interface Row {
  name: string;
  n: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: '名称', value: (r) => r.name },
  { header: 'n', value: (r) => r.n }
];

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark, then the header row, CRLF line ends', () => {
    const csv = toCsv([{ name: '青岛地铁1号线', n: 3 }], columns);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe(`${BOM}名称,n\r\n青岛地铁1号线,3\r\n`);
    // The BOM is one character: encoded, the file opens with EF BB BF.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes commas, quotes and line breaks so a spreadsheet reads each cell back whole', () => {
    const rows = [
      { name: 'a, b', n: 1 },
      { name: 'say "hi"', n: 2 },
      { name: 'two\nlines', n: null }
    ];
    const csv = toCsv(rows, columns);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed.slice(1, 4)).toEqual([
      ['a, b', '1'],
      ['say "hi"', '2'],
      ['two\nlines', '']
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas, but not negative numbers', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(csvCell(text)).toBe(`'${text}`);
    }
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    const csv = toCsv([{ name: '=HYPERLINK("http://x","y")', n: -1 }], columns);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed[1]).toEqual([`'=HYPERLINK("http://x","y")`, '-1']);
    // Headers are cells too.
    expect(toCsv([], [{ header: '=x', value: () => 1 }])).toBe(`${BOM}'=x\r\n`);
  });
});
