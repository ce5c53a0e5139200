/**
 * Coordinate systems an import can arrive in, and conversion of each to WGS-84 `[lon, lat]`.
 *
 * - WGS-84 and CGCS2000 (EPSG:4326, EPSG:4490): taken as they are; the two differ by centimetres.
 * - GCJ-02 and BD-09: the offsets Chinese web maps publish in, undone with src/lib/geo/chinese-coords.ts.
 * - Projected systems through proj4: the CGCS2000 3-degree Gauss-Krüger zones over Shandong, with the
 *   zone number in the false easting (EPSG:4527–4529, zones 39–41) or without it (EPSG:4547–4550,
 *   central meridians 114°E–123°E); UTM zones 50N/51N (EPSG:32650/32651, built into proj4); Web
 *   Mercator (EPSG:3857); or any system a Shapefile's .prj spells out in WKT.
 */
import proj4 from 'proj4';
import { bd09ToWgs84, gcj02ToWgs84 } from '../geo/chinese-coords';
import { QINGDAO_BBOX } from '../geo/qingdao';
import { ImportFailure } from './failure';
import type { CrsId, Datum } from './types';

/** A 2-D point in the source system: `[x, y]` (longitude/easting first). */
export type XY = [number, number];
export type ToWgs84 = (xy: XY) => XY;

/** PROJ strings of the projected systems known by code (EPSG parameters, see the file comment). */
const GK = (lon0: number, x0: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
export const PROJECTED: Record<string, { name: string; proj: string }> = {
  'EPSG:4527': { name: 'CGCS2000 / 3-degree Gauss-Kruger zone 39', proj: GK(117, 39500000) },
  'EPSG:4528': { name: 'CGCS2000 / 3-degree Gauss-Kruger zone 40', proj: GK(120, 40500000) },
  'EPSG:4529': { name: 'CGCS2000 / 3-degree Gauss-Kruger zone 41', proj: GK(123, 41500000) },
  'EPSG:4547': { name: 'CGCS2000 / 3-degree Gauss-Kruger CM 114E', proj: GK(114, 500000) },
  'EPSG:4548': { name: 'CGCS2000 / 3-degree Gauss-Kruger CM 117E', proj: GK(117, 500000) },
  'EPSG:4549': { name: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E', proj: GK(120, 500000) },
  'EPSG:4550': { name: 'CGCS2000 / 3-degree Gauss-Kruger CM 123E', proj: GK(123, 500000) },
  'EPSG:32650': { name: 'WGS 84 / UTM zone 50N', proj: '+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs' },
  'EPSG:32651': { name: 'WGS 84 / UTM zone 51N', proj: '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs' },
  'EPSG:3857': {
    name: 'WGS 84 / Pseudo-Mercator',
    proj: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs'
  }
};

/** Geographic systems read as WGS-84 (CGCS2000 is WGS-84 to within centimetres). */
const GEOGRAPHIC_AS_WGS84 = new Set(['EPSG:4326', 'EPSG:4490', 'EPSG:4979', 'EPSG:4480', 'EPSG:4479']);

/** The system a code names, normalised ('epsg:4549' → 'EPSG:4549', 'gcj-02' → 'GCJ02'), or null. */
export function normaliseCrs(code: string): CrsId | null {
  const c = code
    .trim()
    .toUpperCase()
    .replace(/[-_\s]/g, '');
  if (c === 'WGS84' || c === 'CGCS2000') return 'WGS84';
  if (c === 'GCJ02') return 'GCJ02';
  if (c === 'BD09') return 'BD09';
  const m = /^(?:EPSG:?)?(\d{4,5})$/.exec(c);
  if (!m) return null;
  const id = `EPSG:${m[1]}` as CrsId;
  if (GEOGRAPHIC_AS_WGS84.has(id)) return 'WGS84';
  return id in PROJECTED ? id : null;
}

/** The function taking a point in `crs` to WGS-84. */
export function toWgs84(crs: CrsId): ToWgs84 {
  if (crs === 'WGS84') return (xy) => xy;
  if (crs === 'GCJ02') return (xy) => gcj02ToWgs84(xy);
  if (crs === 'BD09') return (xy) => bd09ToWgs84(xy);
  const def = PROJECTED[crs];
  if (!def) throw new ImportFailure('crs-unsupported', { detail: crs });
  const converter = proj4(def.proj, 'WGS84');
  return (xy) => converter.forward(xy) as XY;
}

/** What a Shapefile's .prj (WKT) says: a known code, geographic (read as WGS-84) or another projection. */
export interface PrjReading {
  detected: CrsId | 'projected';
  name: string;
  convert: ToWgs84;
}

/** ESRI names of the known systems, which .prj files written by ArcGIS use without an EPSG code. */
const ESRI_NAMES: Record<string, CrsId> = {
  CGCS2000_3_DEGREE_GK_ZONE_39: 'EPSG:4527',
  CGCS2000_3_DEGREE_GK_ZONE_40: 'EPSG:4528',
  CGCS2000_3_DEGREE_GK_ZONE_41: 'EPSG:4529',
  CGCS2000_3_DEGREE_GK_CM_114E: 'EPSG:4547',
  CGCS2000_3_DEGREE_GK_CM_117E: 'EPSG:4548',
  CGCS2000_3_DEGREE_GK_CM_120E: 'EPSG:4549',
  CGCS2000_3_DEGREE_GK_CM_123E: 'EPSG:4550',
  WGS_1984_UTM_ZONE_50N: 'EPSG:32650',
  WGS_1984_UTM_ZONE_51N: 'EPSG:32651',
  WGS_1984_WEB_MERCATOR_AUXILIARY_SPHERE: 'EPSG:3857'
};

export function readPrj(wkt: string): PrjReading {
  const text = wkt.trim();
  const head = /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(text);
  if (!head) throw new ImportFailure('crs-unsupported', { detail: 'the .prj is not WKT' });
  const kind = head[1]!.toUpperCase();
  const name = head[2] ?? '';
  if (kind.startsWith('GEO')) {
    return { detected: 'WGS84', name, convert: (xy) => xy };
  }
  // The outermost AUTHORITY/ID of a WKT is the last one in the text.
  const ids = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const code = ids.length ? normaliseCrs(ids[ids.length - 1]![1]!) : null;
  const known =
    code ??
    ESRI_NAMES[
      name
        .toUpperCase()
        .replace(/[\s/-]+/g, '_')
        .replace(/_+/g, '_')
    ] ??
    null;
  if (known) return { detected: known, name, convert: toWgs84(known) };
  let converter: proj4.Converter;
  try {
    converter = proj4(text, 'WGS84');
  } catch (error) {
    throw new ImportFailure('crs-unsupported', {
      detail: `${name}: ${error instanceof Error ? error.message : error}`
    });
  }
  return { detected: 'projected', name, convert: (xy) => converter.forward(xy) as XY };
}

/** Whether a point can be longitude/latitude at all. */
export function isLonLat([x, y]: XY): boolean {
  return Math.abs(x) <= 180 && Math.abs(y) <= 90;
}

/** Qingdao's box with a margin, where a projected guess must land to be offered. */
const NEAR_QINGDAO = {
  west: QINGDAO_BBOX.west - 1,
  east: QINGDAO_BBOX.east + 1,
  south: QINGDAO_BBOX.south - 1,
  north: QINGDAO_BBOX.north + 1
};

/** The known projected systems that put `sample` (a typical point, e.g. the median) near Qingdao. */
export function projectedCandidates(sample: XY): CrsId[] {
  const out: CrsId[] = [];
  for (const code of Object.keys(PROJECTED) as CrsId[]) {
    const [lon, lat] = toWgs84(code)(sample);
    if (
      lon >= NEAR_QINGDAO.west &&
      lon <= NEAR_QINGDAO.east &&
      lat >= NEAR_QINGDAO.south &&
      lat <= NEAR_QINGDAO.north
    ) {
      out.push(code);
    }
  }
  return out;
}

export const DATUMS: readonly Datum[] = ['WGS84', 'GCJ02', 'BD09'];
