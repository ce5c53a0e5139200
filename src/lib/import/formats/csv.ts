/**
 * CSV (or tab/semicolon-separated) points through papaparse: the longitude and latitude columns are found
 * by their usual names in English and Chinese; every other column becomes a text property.
 */
import Papa from 'papaparse';
import { ImportFailure } from '../failure';
import { SkipLog, type RawFeature } from '../normalise';
import type { Budget } from '../types';
import { NUMBER, type Parsed } from './parsed';

/** Column names (compared lower-cased, spaces and a trailing unit in brackets removed), best first. */
export const LON_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', '东经', 'point_x', 'x坐标', 'x'];
export const LAT_NAMES = ['lat', 'latitude', '纬度', '北纬', 'point_y', 'y坐标', 'y'];

export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s*[(（][^)）]*[)）]$/, '')
    .replace(/\s+/g, '');
}

function findColumn(headers: string[], names: string[]): number {
  const normal = headers.map(normaliseHeader);
  for (const n of names) {
    const i = normal.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

export function parseCsv(text: string, file: string, name: string, budget: Budget): Parsed {
  const rows: { data: string[]; line: number }[] = [];
  let line = 1;
  let cursor = 0;
  let quoteError: { line: number; detail: string } | null = null;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const start = line;
      const end = result.meta.cursor;
      for (let i = cursor; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      cursor = end;
      const quotes = result.errors.find((e) => e.type === 'Quotes');
      if (quotes && !quoteError) quoteError = { line: start, detail: quotes.message };
      rows.push({ data: result.data, line: start });
      if (rows.length > budget.maxFeatures + 1)
        throw new ImportFailure('too-many-features', { limit: budget.maxFeatures });
    }
  });
  if (quoteError) {
    const { line: at, detail } = quoteError as { line: number; detail: string };
    throw new ImportFailure('malformed', { format: 'CSV', detail }, { line: at });
  }
  const header = rows.shift();
  if (!header || header.data.every((c) => !c.trim())) throw new ImportFailure('empty');
  const headers = header.data.map((h) => h.replace(/^\uFEFF/, '').trim());
  const lonCol = findColumn(headers, LON_NAMES);
  const latCol = findColumn(headers, LAT_NAMES);
  if (lonCol < 0 || latCol < 0 || lonCol === latCol) {
    throw new ImportFailure(
      'no-coordinates-columns',
      { columns: headers.join(', ') || '(none)' },
      { line: header.line }
    );
  }
  const log = new SkipLog(file);
  const raw: RawFeature[] = [];
  rows.forEach(({ data, line: rowLine }, index) => {
    if (data.length === 1 && !data[0]!.trim()) return; // a blank line
    const where = { line: rowLine, feature: index };
    if (data.length !== headers.length) {
      log.add('field-count', where, { found: data.length, expected: headers.length });
      return;
    }
    const lonText = data[lonCol]!.trim();
    const latText = data[latCol]!.trim();
    if (!lonText && !latText) {
      log.add('no-geometry', where);
      return;
    }
    for (const [col, value] of [
      [lonCol, lonText],
      [latCol, latText]
    ] as const) {
      if (!NUMBER.test(value)) {
        log.add('non-numeric', { ...where, field: headers[col] }, { value });
        return;
      }
    }
    const properties: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (i !== lonCol && i !== latCol && h && h !== '__proto__') properties[h] = data[i] ?? '';
    });
    raw.push({
      feature: {
        type: 'Feature',
        properties,
        geometry: { type: 'Point', coordinates: [Number(lonText), Number(latText)] }
      },
      where
    });
  });
  return { format: 'csv', layers: [{ name, raw, log }] };
}
