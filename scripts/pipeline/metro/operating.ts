/**
 * The operating metro as features: each line becomes a LineString drawn station to station; each physical
 * station becomes one Point, so an interchange served by three lines is one feature listing all three.
 */
import { DataError } from '../../../src/lib/data/data-error';
import { lineLengthKm, stationPoint, stationsLine, type LonLat } from '../../../src/lib/geo/metro';
import type { FeatureProperties, PlanFeature } from '../../../src/lib/plan/schema';
import { readText } from '../read';
import {
  LINES_FILE,
  OSM_CREDIT,
  STATIONS_FILE,
  parseLinesJson,
  parseStationsCsv,
  type LineRecord,
  type MetroFiles,
  type StationRow
} from './records';

/** Article 41 builds the metro; a41-1 is its 352 km network target for 2025. */
const METRO_ARTICLES = [41];
const METRO_TARGETS = ['a41-1'];

const round3 = (km: number) => Math.round(km * 1000) / 1000;
const samePosition = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];
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
      station_count: onLine.length,
      ...(line.mentions_zh ? { mentions_zh: line.mentions_zh } : {})
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

/** Reads the curated metro files (paths relative to `root`) and builds the metro features. */
export function readMetroFeatures(root = process.cwd()): PlanFeature[] {
  const files = { lines: LINES_FILE, stations: STATIONS_FILE };
  return metroFeaturesFromText(readText(root, files.lines), readText(root, files.stations), files);
}
