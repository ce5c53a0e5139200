/**
 * The curated metro files (data/features/metro/): `lines.json` holds per-line facts, `operating-stations.csv`
 * the stations of every operating line in order. This module parses and checks them row by row.
 */
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import { QINGDAO_BBOX } from '../../../src/lib/geo/qingdao';
import type { LonLat } from '../../../src/lib/geo/metro';
import { STATUSES } from '../../../src/lib/plan/vocabulary';
import { parseJsonRecords } from '../json-records';

export const METRO_DIR = 'data/features/metro';
export const LINES_FILE = `${METRO_DIR}/lines.json`;
export const STATIONS_FILE = `${METRO_DIR}/operating-stations.csv`;

export const STATION_COLUMNS = [
  'line',
  'seq',
  'name_zh',
  'name_en',
  'lon',
  'lat',
  'position_source',
  'transfer'
] as const;

export const POSITION_SOURCES = ['osm-node', 'converted-from-gcj02'] as const;
export type PositionSource = (typeof POSITION_SOURCES)[number];

/** One row of the stations CSV, with the 1-based line of the file it came from. */
export interface StationRow {
  row: number;
  line: string;
  seq: number;
  name_zh: string;
  name_en: string;
  position: LonLat;
  position_source: PositionSource;
  transfer: boolean;
}

const lineRecordSchema = z
  .object({
    id: z.string().regex(/^[1-9]\d?$/, 'a line number such as "1" or "13"'),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour such as #FCD600'),
    status: z.enum(STATUSES),
    /** First and last station, in the order the stations file lists the line. */
    termini_zh: z.tuple([z.string().min(1), z.string().min(1)]),
    length_official_km: z.number().positive().nullable(),
    length_official_source: z.string().min(1).optional(),
    /** The plan's own names for this line or a part of it (article 41: 2号线西延段), for the coverage report. */
    mentions_zh: z.array(z.string().min(2)).min(1).optional()
  })
  .strict()
  .refine((l) => (l.length_official_km === null) === (l.length_official_source === undefined), {
    message: 'length_official_source must be given exactly when length_official_km is a number',
    path: ['length_official_source']
  });

export type LineRecord = z.infer<typeof lineRecordSchema>;

/** Where the curated text came from, for error messages. */
export interface MetroFiles {
  lines: string;
  stations: string;
}

/** Splits strict CSV text into records: one record per line, fields optionally "double-quoted". */
export function parseCsv(text: string, file: string): { row: number; fields: string[] }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, i) => {
    const row = i + 1;
    if (line.trim() === '') throw new DataError(file, row, 'blank line');
    return { row, fields: splitCsvLine(line, file, row) };
  });
}

function splitCsvLine(line: string, file: string, row: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new DataError(file, row, 'unterminated quoted field');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i];
        i++;
      }
      if (i < line.length && line[i] !== ',') {
        throw new DataError(file, row, 'text after a closing quote', `column ${fields.length + 1}`);
      }
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end === -1 ? line.length : end);
      if (field.includes('"')) {
        throw new DataError(file, row, 'quote inside an unquoted field', `column ${fields.length + 1}`);
      }
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // past the comma
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const CJK = /[\u3400-\u9fff]/;
const LATIN_NAME = /^[A-Za-z][A-Za-z0-9 '().-]*$/;

/** Parses the stations CSV, checking each row on its own; rules that span rows are in `metroFeatures`. */
export function parseStationsCsv(text: string, file: string): StationRow[] {
  const [header, ...records] = parseCsv(text, file);
  if (!header || header.fields.join(',') !== STATION_COLUMNS.join(',')) {
    throw new DataError(file, 1, 'header must be exactly', STATION_COLUMNS.join(','));
  }
  if (records.length === 0) throw new DataError(file, 2, 'no stations');
  return records.map(({ row, fields }) => {
    if (fields.length !== STATION_COLUMNS.length) {
      throw new DataError(
        file,
        row,
        'wrong column count',
        `expected ${STATION_COLUMNS.length}, found ${fields.length}`
      );
    }
    const [
      line = '',
      seq = '',
      name_zh = '',
      name_en = '',
      lon = '',
      lat = '',
      position_source = '',
      transfer = ''
    ] = fields;
    fields.forEach((field, i) => {
      if (field !== field.trim() || field === '') {
        throw new DataError(file, row, 'empty field or field with surrounding spaces', STATION_COLUMNS[i]);
      }
    });
    if (!/^[1-9]\d?$/.test(line)) throw new DataError(file, row, 'line must be a line number', `"${line}"`);
    if (!/^[1-9]\d*$/.test(seq)) throw new DataError(file, row, 'seq must be a positive integer', `"${seq}"`);
    if (!CJK.test(name_zh)) throw new DataError(file, row, 'name_zh must be Chinese', `"${name_zh}"`);
    if (!LATIN_NAME.test(name_en)) {
      throw new DataError(file, row, 'name_en must be pinyin or English in Latin letters', `"${name_en}"`);
    }
    for (const [column, value] of [
      ['lon', lon],
      ['lat', lat]
    ] as const) {
      if (!DECIMAL.test(value))
        throw new DataError(file, row, 'non-numeric coordinate', `${column} "${value}"`);
    }
    const position: LonLat = [Number(lon), Number(lat)];
    const { west, east, south, north } = QINGDAO_BBOX;
    if (position[0] < west || position[0] > east || position[1] < south || position[1] > north) {
      throw new DataError(
        file,
        row,
        'position outside the Qingdao region',
        `${lon}, ${lat} is not within lon ${west}–${east}, lat ${south}–${north}`
      );
    }
    if (!(POSITION_SOURCES as readonly string[]).includes(position_source)) {
      throw new DataError(
        file,
        row,
        'unknown position_source',
        `"${position_source}" (expected ${POSITION_SOURCES.join(' or ')})`
      );
    }
    if (transfer !== 'yes' && transfer !== 'no') {
      throw new DataError(file, row, 'transfer must be yes or no', `"${transfer}"`);
    }
    return {
      row,
      line,
      seq: Number(seq),
      name_zh,
      name_en,
      position,
      position_source: position_source as PositionSource,
      transfer: transfer === 'yes'
    };
  });
}

/** Parses and checks the per-line facts file. */
export function parseLinesJson(text: string, file: string): LineRecord[] {
  const lines = parseJsonRecords(text, file, z.array(lineRecordSchema).min(1), 'line record');
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.id)) throw new DataError(file, `id ${line.id}`, 'duplicate line id');
    seen.add(line.id);
  }
  return lines;
}

export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL)';
