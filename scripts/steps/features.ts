/**
 * Pipeline step for /data/features.geojson: reads the curated feature sources under data/features/,
 * checks them rule by rule and builds one validated GeoJSON feature collection.
 *
 * Metro (data/features/metro/): `lines.json` holds per-line facts, `operating-stations.csv` the stations
 * of every operating line in order. Each line becomes a LineString drawn station to station; each physical
 * station becomes one Point, so an interchange served by three lines is one feature listing all three.
 *
 * Every other layer (data/features/<layer>/<layer>.geojson) is a curated GeoJSON FeatureCollection, one
 * feature per place the plan names; see `curatedLayerFeatures` and data/features/SOURCES.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DataError } from '../../src/lib/data/data-error';
import * as turf from '@turf/turf';
import { LAYERS, layerInfo } from '../../src/lib/plan/layers';
import { lineLengthKm, stationPoint, stationsLine, type LonLat } from '../../src/lib/geo/metro';
import { BUILDING_FILE, buildingLines, parseBuildingLines } from './metro-building';
import { parseJsonRecords } from './json-records';
import { deriveOffshore, offshoreDeriveSchemas, OFFSHORE_OPS, type OffshoreDerive } from './offshore';
import {
  featurePropertiesObject,
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
  const lines = parseJsonRecords(text, file, z.array(lineRecordSchema).min(1), 'line record');
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.id)) throw new DataError(file, `id ${line.id}`, 'duplicate line id');
    seen.add(line.id);
  }
  return lines;
}

const round3 = (km: number) => Math.round(km * 1000) / 1000;
const samePosition = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL)';
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

export function readText(root: string, file: string): string {
  try {
    return readFileSync(resolve(root, file), 'utf8');
  } catch (error) {
    throw new DataError(file, 'file', 'cannot read', (error as Error).message);
  }
}

/** Reads the lines under construction and checks them against the operating network. */
export function readMetroBuilding(root = process.cwd()): ReturnType<typeof buildingLines> {
  return buildingLines(
    parseBuildingLines(readText(root, BUILDING_FILE), BUILDING_FILE),
    parseLinesJson(readText(root, LINES_FILE), LINES_FILE),
    parseStationsCsv(readText(root, STATIONS_FILE), STATIONS_FILE),
    BUILDING_FILE
  );
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

// ---------------------------------------------------------------------------------------------------
// Curated layers: data/features/<layer>/<layer>.geojson, one GeoJSON FeatureCollection per layer.
// ---------------------------------------------------------------------------------------------------

/** Every layer of the registry has a curated file; transport's sits beside the metro files. */
export const CURATED_LAYER_IDS: readonly string[] = LAYERS.map((layer) => layer.id);

/** The curated file of a layer, relative to the repository root. */
export function curatedLayerFile(layer: string): string {
  return `data/features/${layer}/${layer}.geojson`;
}

export const DISTRICTS_FILE = 'static/geo/districts.geojson';
export const LAND_FILE = 'static/geo/land.geojson';

/**
 * How far outside the district polygons a vertex may lie and still count as in Qingdao. The districts are
 * land only, with a ~100 m-quantised outline, so coastal works, reclaimed land and the rims of bays sit just
 * outside them; 3 km admits those and nothing in a neighbouring city's interior.
 */
export const REGION_BUFFER_KM = 3;

type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** Qingdao's district polygons and the land polygons, as the in-region rule and the derivations use them. */
export interface Region {
  districts: { adcode: string; name_zh: string; geometry: AreaGeometry; bbox: GeoJSON.BBox }[];
  land: GeoJSON.Feature<AreaGeometry>;
  /** Every edge of every district ring, for distances from points outside the districts. */
  edges: [number, number, number, number][];
}

const districtFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ adcode: z.string().regex(/^\d{6}$/), name_zh: z.string().min(1) }).loose(),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
      })
    )
    .min(1)
});

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(file, 'JSON', 'not valid JSON', (error as Error).message);
  }
}

function polygonsOf(geometry: AreaGeometry): GeoJSON.Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Builds the region from the text of the basemap's districts and land files. */
export function regionFromText(districtsText: string, landText: string): Region {
  const parsed = districtFileSchema.safeParse(parseJson(districtsText, DISTRICTS_FILE));
  if (!parsed.success) {
    throw new DataError(DISTRICTS_FILE, 'file', 'not a FeatureCollection of district polygons');
  }
  const districts = parsed.data.features.map((f) => {
    const geometry = f.geometry as AreaGeometry;
    return {
      adcode: f.properties.adcode,
      name_zh: f.properties.name_zh,
      geometry,
      bbox: turf.bbox(geometry)
    };
  });
  const edges: Region['edges'] = [];
  for (const { geometry } of districts) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1];
          const b = ring[i];
          if (a && b) edges.push([a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0]);
        }
      }
    }
  }
  const landFile = z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({ geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']) }).loose() }).loose()
      )
    })
    .safeParse(parseJson(landText, LAND_FILE));
  const landGeometry = landFile.success ? landFile.data.features[0]?.geometry : undefined;
  if (!landGeometry || landFile.data?.features.length !== 1) {
    throw new DataError(LAND_FILE, 'file', 'expected one land (Multi)Polygon feature');
  }
  return { districts, land: turf.feature(landGeometry as unknown as AreaGeometry), edges };
}

/** Reads the basemap files the curated layers are checked and derived against. */
export function readRegion(root = process.cwd()): Region {
  return regionFromText(readText(root, DISTRICTS_FILE), readText(root, LAND_FILE));
}

const KM_PER_DEGREE = 111.195;

/** Distance in km from a point to the nearest district (0 inside one); planar at the point's latitude. */
export function regionDistanceKm(region: Region, [lon, lat]: [number, number]): number {
  for (const { geometry, bbox } of region.districts) {
    if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) continue;
    if (turf.booleanPointInPolygon([lon, lat], geometry)) return 0;
  }
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  let best = Infinity;
  for (const [x1, y1, x2, y2] of region.edges) {
    const ax = (x1 - lon) * kx;
    const ay = (y1 - lat) * ky;
    const bx = (x2 - lon) * kx;
    const by = (y2 - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < best) best = d;
  }
  return best;
}

/**
 * How a curated geometry is derived from the basemap at build time:
 * - `sea`: the drawn polygon less the land, its largest part only (a bay whose shore is the OSM coastline);
 * - `land`: the drawn polygon cut to the land (a mountain area that must stop at the shore);
 * - `districts`: the union of the district polygons with these adcodes (the geometry must be null);
 * - `land-part`: the land polygon containing the drawn point (an island).
 */
export const deriveSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('sea') }).strict(),
  z.object({ op: z.literal('land') }).strict(),
  z.object({ op: z.literal('districts'), adcodes: z.array(z.string().regex(/^\d{6}$/)).min(1) }).strict(),
  z.object({ op: z.literal('land-part') }).strict(),
  ...offshoreDeriveSchemas // offshore zones, sea circles and offsets: scripts/steps/offshore.ts
]);
export type Derive = z.infer<typeof deriveSchema>;

/** The properties of a curated feature as written in the layer file. */
export const curatedPropertiesSchema = featurePropertiesObject
  .omit({
    line: true,
    color: true,
    length_official_km: true,
    length_official_source: true,
    length_stations_km: true,
    station_count: true,
    seq: true,
    lines: true
  })
  .extend({
    mentions_zh: z.array(z.string().min(2)).min(1).optional(),
    derive: deriveSchema.optional()
  })
  .strict()
  .refine((p) => p.outside_qingdao === true || p.mentions_zh !== undefined, {
    message: 'required for a feature the plan names',
    path: ['mentions_zh']
  });

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon'
] as const;

/** A broken geometry, with the rule it breaks; turned into a DataError naming the file and feature. */
class GeometryError extends Error {
  constructor(
    readonly rule: string,
    readonly detail: string
  ) {
    super(`${rule}: ${detail}`);
  }
}

function checkPosition(value: unknown, where: string): [number, number] {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    throw new GeometryError('bad position', `${where}: expected [lon, lat], found ${JSON.stringify(value)}`);
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new GeometryError('bad position', `${where}: ${lon}, ${lat} is not a WGS-84 longitude, latitude`);
  }
  return [lon, lat];
}

function checkLine(value: unknown, where: string): [number, number][] {
  if (!Array.isArray(value))
    throw new GeometryError('bad coordinates', `${where}: expected an array of positions`);
  const line = value.map((p, i) => checkPosition(p, `${where} position ${i + 1}`));
  const distinct = new Set(line.map((p) => p.join(',')));
  if (distinct.size < 2) throw new GeometryError('degenerate line', `${where}: needs two distinct positions`);
  return line;
}

function checkRing(value: unknown, where: string): [number, number][] {
  const ring = checkLine(value, where);
  const first = ring[0];
  const last = ring.at(-1);
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    throw new GeometryError('unclosed ring', `${where}: the last position must repeat the first`);
  }
  if (ring.length < 4)
    throw new GeometryError('degenerate ring', `${where}: a ring needs at least 4 positions`);
  return ring;
}

function checkPolygon(value: unknown, where: string): [number, number][][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new GeometryError('bad coordinates', `${where}: expected an array of rings`);
  }
  return value.map((ring, i) => checkRing(ring, `${where} ring ${i + 1}`));
}

/** Checks the structure of a GeoJSON geometry: known type, numeric WGS-84 positions, closed rings. */
export function checkGeometryStructure(value: unknown): GeoJSON.Geometry {
  if (typeof value !== 'object' || value === null)
    throw new GeometryError('missing geometry', 'geometry is null');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (!(GEOMETRY_TYPES as readonly unknown[]).includes(type)) {
    throw new GeometryError('unsupported geometry type', String(type));
  }
  const many = (check: (v: unknown, w: string) => unknown, what: string) => {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      throw new GeometryError('bad coordinates', `expected a non-empty array of ${what}`);
    }
    coordinates.forEach((c, i) => check(c, `${what} ${i + 1}`));
  };
  switch (type) {
    case 'Point':
      checkPosition(coordinates, 'point');
      break;
    case 'MultiPoint':
      many(checkPosition, 'point');
      break;
    case 'LineString':
      checkLine(coordinates, 'line');
      break;
    case 'MultiLineString':
      many(checkLine, 'line');
      break;
    case 'Polygon':
      checkPolygon(coordinates, 'polygon');
      break;
    case 'MultiPolygon':
      many(checkPolygon, 'polygon');
      break;
  }
  return value as GeoJSON.Geometry;
}

/** Checks an area is a valid simple polygon: no self-intersection (turf kinks), valid by turf booleanValid. */
export function checkAreaValidity(geometry: GeoJSON.Geometry): void {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return;
  const kinks = turf.kinks(turf.feature(geometry));
  const kink = kinks.features[0];
  if (kink) {
    throw new GeometryError(
      'self-intersecting polygon',
      `a ring crosses itself or another ring at ${kink.geometry.coordinates.map((n) => n.toFixed(5)).join(', ')}`
    );
  }
  if (!turf.booleanValid(geometry)) {
    throw new GeometryError(
      'invalid polygon',
      'turf booleanValid rejects it (a hole outside its shell, or rings that overlap)'
    );
  }
}

/** Every position of a geometry, in order. */
export function positionsOf(geometry: GeoJSON.Geometry): [number, number][] {
  return turf.coordAll(turf.feature(geometry)).map((p) => [p[0] ?? 0, p[1] ?? 0]);
}

function roundGeometry(geometry: AreaGeometry): AreaGeometry {
  const rounded = turf.truncate(turf.feature(geometry), { precision: 5, mutate: false });
  return turf.cleanCoords(rounded).geometry as AreaGeometry;
}

/** Derives a curated feature's published geometry from its drawn one and the basemap. */
export function deriveGeometry(
  derive: Derive,
  drawn: GeoJSON.Geometry | null,
  region: Region
): GeoJSON.Geometry {
  if (OFFSHORE_OPS.includes(derive.op)) {
    const derived = deriveOffshore(derive as OffshoreDerive, drawn, region.land.geometry);
    if ('rule' in derived) throw new GeometryError(derived.rule, derived.detail);
    return derived.geometry;
  }
  if (derive.op === 'districts') {
    if (drawn !== null) throw new GeometryError('bad derive', 'districts: the drawn geometry must be null');
    const parts = derive.adcodes.map((adcode) => {
      const district = region.districts.find((d) => d.adcode === adcode);
      if (!district) {
        throw new GeometryError(
          'bad derive',
          `districts: no district with adcode ${adcode} in ${DISTRICTS_FILE}`
        );
      }
      return turf.feature(district.geometry);
    });
    // Always through polyclip's union, even for one district: it normalises the rings of the source.
    const union = turf.union(turf.featureCollection(parts.length === 1 ? [...parts, ...parts] : parts));
    if (!union) throw new GeometryError('bad derive', 'districts: empty union');
    return roundGeometry(union.geometry);
  }
  if (drawn === null)
    throw new GeometryError('missing geometry', `derive ${derive.op} needs a drawn geometry`);
  if (derive.op === 'land-part') {
    if (drawn.type !== 'Point')
      throw new GeometryError('bad derive', 'land-part: draw a Point on the island');
    const point = drawn.coordinates as [number, number];
    for (const polygon of polygonsOf(region.land.geometry)) {
      if (turf.booleanPointInPolygon(point, turf.polygon(polygon))) {
        return roundGeometry({ type: 'Polygon', coordinates: polygon });
      }
    }
    throw new GeometryError(
      'bad derive',
      `land-part: ${point.join(', ')} is not on any land polygon of ${LAND_FILE}`
    );
  }
  if (drawn.type !== 'Polygon' && drawn.type !== 'MultiPolygon') {
    throw new GeometryError('bad derive', `${derive.op}: draw a Polygon to cut`);
  }
  checkAreaValidity(drawn);
  const pair = turf.featureCollection<AreaGeometry>([turf.feature(drawn), region.land]);
  const cut = derive.op === 'sea' ? turf.difference(pair) : turf.intersect(pair);
  if (!cut) throw new GeometryError('bad derive', `${derive.op}: nothing is left after the cut`);
  if (derive.op === 'sea' && cut.geometry.type === 'MultiPolygon') {
    // A bay is one body of water: lakes and salt pans the sketch happens to take in are dropped.
    const largest = cut.geometry.coordinates
      .map((coordinates) => ({ coordinates, area: turf.area(turf.polygon(coordinates)) }))
      .sort((a, b) => b.area - a.area)[0];
    if (largest) return roundGeometry({ type: 'Polygon', coordinates: largest.coordinates });
  }
  return roundGeometry(cut.geometry);
}

/**
 * Parses one curated layer file and builds its features: schema, layer and kind, geometry structure,
 * derivation, polygon validity and the in-region rule, each failure a DataError naming file, feature and rule.
 */
export function curatedLayerFeatures(
  text: string,
  file: string,
  layer: string,
  region: Region
): PlanFeature[] {
  const info = layerInfo(layer);
  if (!info)
    throw new DataError(file, 'file', 'unknown layer', `"${layer}" is not in src/lib/plan/layers.ts`);
  const parsed = z
    .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) })
    .safeParse(parseJson(text, file));
  if (!parsed.success) throw new DataError(file, 'file', 'not a GeoJSON FeatureCollection');
  const kinds = new Set(info.legend.map((k) => k.kind));
  const ids = new Set<string>();
  return parsed.data.features.map((raw, index) => {
    const record = z
      .object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()),
        geometry: z.unknown()
      })
      .safeParse(raw);
    if (!record.success)
      throw new DataError(file, `feature ${index + 1}`, 'not a GeoJSON Feature with properties');
    const rawId = record.data.properties.id;
    const where = `feature ${typeof rawId === 'string' ? rawId : `#${index + 1}`}`;
    const props = curatedPropertiesSchema.safeParse(record.data.properties);
    if (!props.success) {
      const issue = props.error.issues[0];
      throw new DataError(
        file,
        where,
        'feature properties fail the schema',
        `${issue?.path.join('.')}: ${issue?.message}`
      );
    }
    const { derive, ...properties } = props.data;
    if (ids.has(properties.id)) throw new DataError(file, where, 'duplicate feature id');
    ids.add(properties.id);
    if (properties.layer !== layer) {
      throw new DataError(
        file,
        where,
        'feature in the wrong layer file',
        `layer "${properties.layer}" in ${layer}'s file`
      );
    }
    if (!kinds.has(properties.kind)) {
      throw new DataError(
        file,
        where,
        'kind not in the layer legend',
        `"${properties.kind}" (expected ${[...kinds].join(', ')})`
      );
    }
    let geometry: GeoJSON.Geometry;
    try {
      const drawn =
        record.data.geometry === null && derive?.op === 'districts'
          ? null
          : checkGeometryStructure(record.data.geometry);
      geometry = derive ? deriveGeometry(derive, drawn, region) : (drawn as GeoJSON.Geometry);
      // District outlines are the basemap's own, checked by its build; two of them touch themselves at a
      // vertex, which turf kinks reports, so only drawn and cut geometry gets the kinks rule here.
      if (derive?.op === 'districts') {
        if (!turf.booleanValid(geometry))
          throw new GeometryError('invalid polygon', 'the district union is not valid');
      } else {
        checkAreaValidity(geometry);
      }
    } catch (error) {
      if (error instanceof GeometryError) throw new DataError(file, where, error.rule, error.detail);
      throw error;
    }
    // A zone at sea was checked against the land and the basemap's extent instead (scripts/steps/offshore.ts).
    if (derive && OFFSHORE_OPS.includes(derive.op) && derive.op !== 'offset') {
      return { type: 'Feature', id: properties.id, properties, geometry };
    }
    const distances = positionsOf(geometry).map((p) => ({ p, km: regionDistanceKm(region, p) }));
    if (properties.regional) {
      if (!distances.some(({ km }) => km <= REGION_BUFFER_KM)) {
        throw new DataError(
          file,
          where,
          'regional feature does not reach the Qingdao region',
          'no position within the district polygons'
        );
      }
    } else {
      const outside = distances.find(({ km }) => km > REGION_BUFFER_KM);
      if (outside) {
        throw new DataError(
          file,
          where,
          'outside the Qingdao region',
          `${outside.p.join(', ')} is ${outside.km.toFixed(1)} km from the nearest district (limit ${REGION_BUFFER_KM} km); mark regional: true if the place reaches beyond Qingdao`
        );
      }
    }
    return { type: 'Feature', id: properties.id, properties, geometry };
  });
}

/** Checks that every article a feature cites names it: the article's title or text contains a mention. */
export function checkCitedArticlesNameFeatures(
  features: readonly PlanFeature[],
  plan: Pick<Plan, 'articles'>,
  file: string
): void {
  const texts = new Map(plan.articles.map((a) => [a.n, `${a.title_zh}。${a.text_zh}`]));
  for (const { properties } of features) {
    const mentions = properties.mentions_zh;
    if (!mentions) continue;
    for (const n of properties.articles) {
      const text = texts.get(n);
      if (text === undefined) continue; // an unknown article is checkPlanReferences's to report
      if (!mentions.some((m) => text.includes(m))) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cited article does not name the feature',
          `article ${n} contains none of ${mentions.join('、')}`
        );
      }
    }
  }
}

/** Builds /data/features.geojson: every curated feature, validated and linked to the plan. */
export function buildFeatures(plan: Plan, root = process.cwd()): PlanFeatureCollection {
  const metro = [...readMetroFeatures(root), ...readMetroBuilding(root).features];
  validateFeatures(metro, METRO_DIR);
  checkPlanReferences(metro, plan, METRO_DIR);
  const region = readRegion(root);
  const features: PlanFeature[] = [...metro];
  const fileOf = new Map<string, string>(metro.map((f) => [f.properties.id, METRO_DIR]));
  for (const layer of CURATED_LAYER_IDS) {
    const file = curatedLayerFile(layer);
    const layerFeatures = curatedLayerFeatures(readText(root, file), file, layer, region);
    validateFeatures(layerFeatures, file);
    checkPlanReferences(layerFeatures, plan, file);
    checkCitedArticlesNameFeatures(layerFeatures, plan, file);
    for (const feature of layerFeatures) {
      const other = fileOf.get(feature.properties.id);
      if (other) {
        throw new DataError(
          file,
          `feature ${feature.properties.id}`,
          'duplicate feature id',
          `also in ${other}`
        );
      }
      fileOf.set(feature.properties.id, file);
      features.push(feature);
    }
  }
  return { type: 'FeatureCollection', features };
}
