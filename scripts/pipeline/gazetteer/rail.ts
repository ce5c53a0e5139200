/**
 * data/gazetteer/rail-stations.csv: the railway stations inside Qingdao's districts, copied from an
 * OpenStreetMap extract of named stations (© OpenStreetMap contributors, ODbL), with the district each lies in
 * and an English name written by this project. Each row is checked against its district.
 */
import { DataError } from '../../../src/lib/data/data-error';
import type { Region } from '../features/region';
import { parseCsv } from '../metro/records';
import { readText } from '../read';
import { GAZETTEER_DIR } from './towns';
import { ownDistrictProblem } from './locate';

export const RAIL_FILE = `${GAZETTEER_DIR}/rail-stations.csv`;
const HEADER = ['name_zh', 'name_en', 'district', 'lon', 'lat'];
const DECIMAL = /^-?\d+\.\d+$/;

export interface RailStation {
  name_zh: string;
  name_en: string;
  district: string;
  lon: number;
  lat: number;
}

/** Parses the railway stations CSV, checking every row. */
export function parseRailStations(text: string, file: string, region: Region): RailStation[] {
  const [header, ...rows] = parseCsv(text, file);
  if (header?.fields.join(',') !== HEADER.join(',')) {
    throw new DataError(file, 1, 'unexpected header', `expected ${HEADER.join(',')}`);
  }
  const seen = new Set<string>();
  return rows.map(({ row, fields }) => {
    if (fields.length !== HEADER.length) {
      throw new DataError(
        file,
        row,
        'wrong number of columns',
        `${fields.length}, expected ${HEADER.length}`
      );
    }
    const [name_zh = '', name_en = '', district = '', lon = '', lat = ''] = fields;
    if (!/^[\u3400-\u9fff]+站$/.test(name_zh))
      throw new DataError(file, row, 'name_zh is not a station name', name_zh);
    if (!/^[A-Z][A-Za-z ]+ Railway Station$/.test(name_en)) {
      throw new DataError(file, row, 'name_en is not "<Name> Railway Station"', name_en);
    }
    if (seen.has(name_zh)) throw new DataError(file, row, 'duplicate station', name_zh);
    seen.add(name_zh);
    if (!DECIMAL.test(lon) || !DECIMAL.test(lat))
      throw new DataError(file, row, 'lon/lat not decimal degrees');
    const station = { name_zh, name_en, district, lon: Number(lon), lat: Number(lat) };
    const problem = ownDistrictProblem(region, [station.lon, station.lat], district);
    if (problem)
      throw new DataError(file, `${name_zh} (line ${row})`, 'point outside its own district', problem);
    return station;
  });
}

/** Reads and checks data/gazetteer/rail-stations.csv. */
export function readRailStations(region: Region, root = process.cwd()): RailStation[] {
  return parseRailStations(readText(root, RAIL_FILE), RAIL_FILE, region);
}
