/**
 * Metro lines under construction (data/features/metro/building-lines.json): one record per line or
 * section with the facts dated public sources give (status, termini, stations, length, expected opening).
 *
 * A line is drawn only where at least two of its stations are stations of the operating network, whose
 * positions are known; it is then an indicative straight chain between them, never a guessed track.
 * Every record, drawn or not, is published in /data/metro-building.json so the site can list the whole
 * programme article 41 advances beside the operating network.
 */
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import { stationsLine, type LonLat } from '../../../src/lib/geo/metro';
import type { FeatureProperties, PlanFeature } from '../../../src/lib/plan/schema';
import {
  BUILDING_ARTICLE,
  type BuildingLine,
  type MetroBuilding
} from '../../../src/lib/plan/metro-building';
import { parseJsonRecords } from '../json-records';
import { readText } from '../read';
import {
  LINES_FILE,
  OSM_CREDIT,
  STATIONS_FILE,
  parseLinesJson,
  parseStationsCsv,
  type LineRecord,
  type StationRow
} from './records';

export const BUILDING_FILE = 'data/features/metro/building-lines.json';

const routePointSchema = z
  .object({
    name_zh: z.string().min(1),
    lon: z.number(),
    lat: z.number(),
    /** Only one basis is accepted: the station is a station of an operating line, from the stations file. */
    basis: z.literal('operating-station'),
    operating_line: z.string().min(1)
  })
  .strict();

const buildingLineSchema = z
  .object({
    id: z.string().regex(/^[1-9]\d?(-[a-z0-9]+)*$/, 'a line id such as "5" or "8-south"'),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    /** The words article 41 uses for this line, when it names it. */
    plan_name_zh: z.string().min(1).nullable(),
    /** The operating line this one extends, whose colour it is drawn in. */
    extends_line: z.string().min(1).nullable(),
    status: z.enum(['under-construction', 'planned']),
    status_source: z.string().min(1),
    color: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/)
      .nullable(),
    termini_zh: z.tuple([z.string().min(1), z.string().min(1)]),
    stations_zh: z.array(z.string().min(1)),
    stations_source: z.string().min(1).nullable(),
    length_official_km: z.number().positive().nullable(),
    station_count_official: z.number().int().positive().nullable(),
    length_source: z.string().min(1).nullable(),
    opening_expected: z
      .string()
      .regex(/^\d{4}$/)
      .nullable(),
    opening_source: z.string().min(1).nullable(),
    route_points: z.array(routePointSchema),
    route_note: z.string().min(1),
    notes: z.string().min(1).optional(),
    sources: z.array(z.string().min(1)).min(1)
  })
  .strict();

type BuildingRecord = z.infer<typeof buildingLineSchema>;

/** Source notes are joined into one text; a note's own closing full stop would double the joint's. */
const withoutFullStop = (text: string) => text.replace(/[.。]\s*$/, '');

/** Parses the file and checks each record on its own; rules against the operating network come after. */
export function parseBuildingLines(text: string, file: string): BuildingRecord[] {
  const records = parseJsonRecords(text, file, z.array(buildingLineSchema), 'line record');
  const seen = new Set<string>();
  for (const line of records) {
    const where = `id ${line.id}`;
    if (seen.has(line.id)) throw new DataError(file, where, 'duplicate line id');
    seen.add(line.id);
    const pairs: [unknown, unknown, string][] = [
      [line.stations_zh.length > 0 ? line.stations_zh : null, line.stations_source, 'stations_zh'],
      [line.length_official_km, line.length_source, 'length_official_km'],
      [line.opening_expected, line.opening_source, 'opening_expected']
    ];
    for (const [fact, source, field] of pairs) {
      if (fact !== null && source === null) throw new DataError(file, where, 'fact without a source', field);
    }
    if (line.stations_zh.length > 0) {
      const [first, last] = line.termini_zh;
      if (line.stations_zh[0] !== first || line.stations_zh.at(-1) !== last) {
        throw new DataError(file, where, 'termini disagree with the station list', `${first}–${last}`);
      }
    }
  }
  return records;
}

/**
 * Checks every route point against the operating network (same station, same position, in line order)
 * and builds the published records and the drawable features.
 */
export function buildingLines(
  records: readonly BuildingRecord[],
  operating: readonly LineRecord[],
  stations: readonly StationRow[],
  file: string
): { features: PlanFeature[]; published: Omit<MetroBuilding, 'as_of'> } {
  const operatingById = new Map(operating.map((line) => [line.id, line]));
  const features: PlanFeature[] = [];
  const lines: BuildingLine[] = [];
  for (const record of records) {
    const where = `id ${record.id}`;
    if (operatingById.has(record.id)) {
      throw new DataError(file, where, 'line id is an operating line', 'give the section, e.g. "2-phase2"');
    }
    const parent = record.extends_line === null ? null : operatingById.get(record.extends_line);
    if (parent === undefined) {
      throw new DataError(
        file,
        where,
        'extends an unknown line',
        `"${record.extends_line}" is not operating`
      );
    }
    // Where the station list is known, route points follow it; otherwise only the termini are known.
    const order = record.stations_zh.length > 0 ? record.stations_zh : record.termini_zh;
    let previousIndex = -1;
    const positions: LonLat[] = [];
    for (const point of record.route_points) {
      const station = stations.find((s) => s.line === point.operating_line && s.name_zh === point.name_zh);
      if (!station) {
        throw new DataError(
          file,
          where,
          'route point is not an operating station',
          `${point.name_zh} on line ${point.operating_line}`
        );
      }
      if (station.position[0] !== point.lon || station.position[1] !== point.lat) {
        throw new DataError(
          file,
          where,
          'route point is not at its station',
          `${point.name_zh}: ${point.lon},${point.lat} but the stations file has ${station.position.join(',')}`
        );
      }
      const index = order.indexOf(point.name_zh);
      if (index <= previousIndex) {
        throw new DataError(
          file,
          where,
          index === -1 ? 'route point is not a station of this line' : 'route points out of line order',
          point.name_zh
        );
      }
      previousIndex = index;
      positions.push(station.position);
    }

    const featureId = positions.length >= 2 ? `metro-line-${record.id}` : null;
    const color = record.color ?? parent?.color ?? null;
    lines.push({
      id: record.id,
      name_zh: record.name_zh,
      name_en: record.name_en,
      plan_name_zh: record.plan_name_zh,
      status: record.status,
      status_source: record.status_source,
      termini_zh: record.termini_zh,
      stations_zh: record.stations_zh,
      length_official_km: record.length_official_km,
      station_count_official: record.station_count_official,
      opening_expected: record.opening_expected,
      color,
      feature_id: featureId,
      route_note: record.route_note,
      sources: record.sources
    });
    if (!featureId) continue;

    const geometry = stationsLine(positions);
    const names = record.route_points.map((p) => p.name_zh).join('、');
    const properties: FeatureProperties = {
      id: featureId,
      name_zh: record.name_zh,
      name_en: record.name_en,
      layer: 'transport',
      kind: 'metro-line',
      status: record.status,
      articles: [BUILDING_ARTICLE],
      // Not in operation, so it does not yet count towards the 352 km of a41-1.
      targets: [],
      precision: 'indicative',
      precision_note:
        `A sketch: straight between ${positions.length} of its stations that already serve operating lines ` +
        `(${names}); the route between them is not in our sources, so the drawn line shows neither its path nor its length.`,
      source:
        `Status: ${withoutFullStop(record.status_source)}` +
        (record.length_source ? `. Length: ${withoutFullStop(record.length_source)}` : '') +
        `. Station positions ${OSM_CREDIT}.`,
      line: record.id,
      ...(color ? { color } : {}),
      length_official_km: record.length_official_km,
      ...(record.length_source ? { length_official_source: record.length_source } : {}),
      ...(record.station_count_official ? { station_count: record.station_count_official } : {}),
      ...(record.opening_expected ? { opening_expected: record.opening_expected } : {}),
      ...(record.plan_name_zh ? { mentions_zh: [record.plan_name_zh] } : {})
    };
    features.push({ type: 'Feature', id: featureId, properties, geometry });
  }
  return { features, published: { lines } };
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
