/**
 * Pipeline step for /data/features.geojson: reads the curated feature sources under data/features/,
 * checks them rule by rule and builds one validated GeoJSON feature collection.
 *
 * Metro (data/features/metro/): `lines.json` holds per-line facts, `operating-stations.csv` the stations
 * of every operating line in order. Each line becomes a LineString drawn station to station; each physical
 * station becomes one Point, so an interchange served by three lines is one feature listing all three.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';
import { lineLengthKm, stationPoint, stationsLine, type LonLat } from '../../src/lib/geo/metro';
import {
  featurePropertiesSchema,
  STATUSES,
  type FeatureProperties,
  type Plan,
  type PlanFeature,
  type PlanFeatureCollection
} from '../../src/lib/plan/schema';

export const METRO_DIR = 'data/features/metro';
export const LINES_FILE = `${METRO_DIR}/lines.json`;
export const STATIONS_FILE = `${METRO_DIR}/operating-stations.csv`;

/** Every curated position must fall in this box around Qingdao's administrative area (WGS-84). */
export const QINGDAO_BBOX = { west: 119.3, east: 121.1, south: 35.5, north: 37.1 } as const;

/** Article 41 builds the metro; a41-1 is its 352 km network target for 2025. */
const METRO_ARTICLES = [41];
const METRO_TARGETS = ['a41-1'];

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
    length_official_source: z.string().min(1).optional()
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 'JSON', 'not valid JSON', (error as Error).message);
  }
  const parsed = z.array(lineRecordSchema).min(1).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [index, ...path] = issue?.path ?? [];
    const where = typeof index === 'number' ? `entry ${index + 1}` : 'top level';
    throw new DataError(
      file,
      where,
      'line record fails the schema',
      `${path.join('.') || '(record)'}: ${issue?.message}`
    );
  }
  const seen = new Set<string>();
  for (const line of parsed.data) {
    if (seen.has(line.id)) throw new DataError(file, `id ${line.id}`, 'duplicate line id');
    seen.add(line.id);
  }
  return parsed.data;
}

const round3 = (km: number) => Math.round(km * 1000) / 1000;
const samePosition = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

const OSM_CREDIT = '© OpenStreetMap contributors (ODbL)';
const OPERATOR_CREDIT = 'Qingdao Metro network map';

/**
 * Checks the rules that span rows (known line, consecutive seq, no duplicate on a line, termini, one
 * position per physical station, transfer flags) and builds the line and station features.
 */
export function metroFeatures(lines: LineRecord[], stations: StationRow[], files: MetroFiles): PlanFeature[] {
  const byLine = new Map<string, StationRow[]>(lines.map((line) => [line.id, []]));
  for (const station of stations) {
    const onLine = byLine.get(station.line);
    if (!onLine) {
      throw new DataError(
        files.stations,
        station.row,
        'unknown line',
        `"${station.line}" is not in ${files.lines}`
      );
    }
    const previous = onLine.at(-1);
    const expected = (previous?.seq ?? 0) + 1;
    if (station.seq !== expected) {
      throw new DataError(
        files.stations,
        station.row,
        'seq not consecutive',
        `line ${station.line}: expected seq ${expected}, found ${station.seq}`
      );
    }
    const duplicate = onLine.find((s) => s.name_zh === station.name_zh);
    if (duplicate) {
      throw new DataError(
        files.stations,
        station.row,
        'duplicate station on a line',
        `${station.name_zh} is already line ${station.line} seq ${duplicate.seq} (line ${duplicate.row})`
      );
    }
    onLine.push(station);
  }

  for (const line of lines) {
    const onLine = byLine.get(line.id) ?? [];
    const first = onLine[0];
    const last = onLine.at(-1);
    if (!first || !last || onLine.length < 2) {
      throw new DataError(files.lines, `id ${line.id}`, 'line has fewer than 2 stations', files.stations);
    }
    const [from, to] = line.termini_zh;
    if (first.name_zh !== from || last.name_zh !== to) {
      throw new DataError(
        files.lines,
        `id ${line.id}`,
        'termini do not match the first and last stations',
        `termini_zh ${from}–${to}, stations ${first.name_zh}–${last.name_zh}`
      );
    }
  }

  // One physical station per Chinese name: its rows (one per line) must agree, and no two stations may
  // share a position. Rows are visited in lines.json order, so the first row is the station's primary line.
  const physical = new Map<string, { primary: StationRow; line: LineRecord; rows: StationRow[] }>();
  const atPosition = new Map<string, StationRow>();
  for (const line of lines) {
    for (const station of byLine.get(line.id) ?? []) {
      const known = physical.get(station.name_zh);
      if (known) {
        const { primary, rows } = known;
        for (const key of ['name_en', 'position_source'] as const) {
          if (station[key] !== primary[key]) {
            throw new DataError(
              files.stations,
              station.row,
              `interchange rows disagree on ${key}`,
              `${station.name_zh}: "${station[key]}" here, "${primary[key]}" on line ${primary.line} (line ${primary.row})`
            );
          }
        }
        if (!samePosition(station.position, primary.position)) {
          throw new DataError(
            files.stations,
            station.row,
            'interchange rows disagree on position',
            `${station.name_zh}: ${station.position.join(', ')} here, ${primary.position.join(', ')} on line ${primary.line} (line ${primary.row})`
          );
        }
        rows.push(station);
        continue;
      }
      const key = station.position.join(',');
      const other = atPosition.get(key);
      if (other) {
        throw new DataError(
          files.stations,
          station.row,
          'two stations share a position',
          `${station.name_zh} and ${other.name_zh} (line ${other.row}) are both at ${key}`
        );
      }
      atPosition.set(key, station);
      physical.set(station.name_zh, { primary: station, line, rows: [station] });
    }
  }
  for (const { rows } of physical.values()) {
    const served = rows.map((r) => r.line);
    for (const row of rows) {
      if (row.transfer !== served.length > 1) {
        throw new DataError(
          files.stations,
          row.row,
          'transfer flag disagrees with the lines serving the station',
          `${row.name_zh} is transfer=${row.transfer ? 'yes' : 'no'} but served by line ${served.join(', ')}`
        );
      }
    }
  }

  const lineFeatures = lines.map((line): PlanFeature => {
    const onLine = byLine.get(line.id) ?? [];
    const geometry = stationsLine(onLine.map((s) => s.position));
    const converted = onLine.filter((s) => s.position_source === 'converted-from-gcj02').length;
    const properties: FeatureProperties = {
      id: `metro-line-${line.id}`,
      name_zh: line.name_zh,
      name_en: line.name_en,
      layer: 'transport',
      kind: 'metro-line',
      status: line.status,
      articles: [...METRO_ARTICLES],
      targets: [...METRO_TARGETS],
      precision: 'approximate',
      precision_note:
        'Drawn as straight segments from station to station, not along the track, so the drawn line is shorter than the route.',
      source:
        `Station positions ${OSM_CREDIT}` +
        (converted > 0 ? ` except ${converted} converted from GCJ-02 web-map coordinates` : '') +
        `; names, order and colour: ${OPERATOR_CREDIT}`,
      line: line.id,
      color: line.color,
      length_official_km: line.length_official_km,
      ...(line.length_official_source ? { length_official_source: line.length_official_source } : {}),
      length_stations_km: round3(lineLengthKm(geometry)),
      station_count: onLine.length
    };
    return { type: 'Feature', id: properties.id, properties, geometry };
  });

  const stationFeatures = [...physical.values()].map(({ primary, line, rows }): PlanFeature => {
    const surveyed = primary.position_source === 'osm-node';
    const properties: FeatureProperties = {
      id: `metro-station-${primary.line}-${primary.seq}`,
      name_zh: primary.name_zh,
      name_en: primary.name_en,
      layer: 'transport',
      kind: 'metro-station',
      status: line.status,
      articles: [...METRO_ARTICLES],
      targets: [...METRO_TARGETS],
      precision: surveyed ? 'surveyed' : 'approximate',
      precision_note: surveyed
        ? 'OpenStreetMap station node.'
        : 'Converted to WGS-84 from a public GCJ-02 (Chinese web map) position; not an OpenStreetMap node and not checked against one.',
      source: surveyed
        ? `Position ${OSM_CREDIT}; name and order: ${OPERATOR_CREDIT}`
        : `Position converted from a GCJ-02 web-map coordinate; name and order: ${OPERATOR_CREDIT}`,
      line: line.id,
      color: line.color,
      seq: primary.seq,
      lines: rows.map((r) => r.line)
    };
    return { type: 'Feature', id: properties.id, properties, geometry: stationPoint(primary.position) };
  });

  return [...lineFeatures, ...stationFeatures];
}

/** Parses both metro files from their text and builds the metro features. */
export function metroFeaturesFromText(
  linesText: string,
  stationsText: string,
  files: MetroFiles
): PlanFeature[] {
  return metroFeatures(
    parseLinesJson(linesText, files.lines),
    parseStationsCsv(stationsText, files.stations),
    files
  );
}

function readText(root: string, file: string): string {
  try {
    return readFileSync(resolve(root, file), 'utf8');
  } catch (error) {
    throw new DataError(file, 'file', 'cannot read', (error as Error).message);
  }
}

/** Reads the curated metro files (paths relative to `root`) and builds the metro features. */
export function readMetroFeatures(root = process.cwd()): PlanFeature[] {
  const files = { lines: LINES_FILE, stations: STATIONS_FILE };
  return metroFeaturesFromText(readText(root, files.lines), readText(root, files.stations), files);
}

/** Validates every feature's properties against the public schema and checks ids are unique. */
export function validateFeatures(features: readonly PlanFeature[], file: string): void {
  const ids = new Set<string>();
  for (const feature of features) {
    const parsed = featurePropertiesSchema.safeParse(feature.properties);
    const id = String(feature.properties?.id ?? feature.id);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataError(
        file,
        `feature ${id}`,
        'feature properties fail the schema',
        `${issue?.path.join('.')}: ${issue?.message}`
      );
    }
    if (ids.has(id)) throw new DataError(file, `feature ${id}`, 'duplicate feature id');
    ids.add(id);
  }
}

/** Checks that every article and target a feature cites exists in the plan, and that targets match articles. */
export function checkPlanReferences(
  features: readonly PlanFeature[],
  plan: Pick<Plan, 'articles' | 'targets'>,
  file: string
): void {
  const articles = new Set(plan.articles.map((a) => a.n));
  const targets = new Map(plan.targets.map((t) => [t.id, t]));
  for (const { properties } of features) {
    for (const n of properties.articles) {
      if (!articles.has(n)) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites an article not in the plan',
          `article ${n}`
        );
      }
    }
    for (const id of properties.targets) {
      const target = targets.get(id);
      if (!target) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites a target not in the plan',
          `target ${id}`
        );
      }
      if (target.article !== null && !properties.articles.includes(target.article)) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites a target of an article it does not cite',
          `target ${id} belongs to article ${target.article}`
        );
      }
    }
  }
}

/** Builds /data/features.geojson: every curated feature, validated and linked to the plan. */
export function buildFeatures(plan: Plan): PlanFeatureCollection {
  const metro = readMetroFeatures();
  validateFeatures(metro, METRO_DIR);
  checkPlanReferences(metro, plan, METRO_DIR);
  return { type: 'FeatureCollection', features: metro };
}
