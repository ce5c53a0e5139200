/**
 * Plan features as files to take away: GeoJSON and CSV with the same columns. Pure, so the export dialog
 * and the tests share it.
 *
 * Columns: id, name_zh, name_en, layer, kind, status, precision, precision_note, articles, targets, source,
 * outside_qingdao (a place outside Qingdao drawn for context only), geometry (the GeoJSON type), lon, lat,
 * wkt. In the CSV, articles and targets are joined with `;`. `lon`/`lat` are the point itself for a point;
 * for a line or an area they are the mean of its vertices (the first ring's closing vertex counted once),
 * a label point that need not lie on the line or inside the area. `wkt` carries the whole geometry as
 * Well-Known Text (WGS-84 longitude latitude), which GIS software reads back, except where it would be longer
 * than a spreadsheet cell holds (32,767 characters; in today's data one outline): then the cell is empty
 * and the geometry is in the GeoJSON. GeoJSON keeps the geometry itself and the same properties, with
 * articles and targets as arrays.
 */
import type { Position } from 'geojson';
import type { PlanFeature } from '$lib/plan/schema';
import { toCsv, type CsvColumn, type CsvValue } from './csv';

export const EXPORT_COLUMNS = [
  'id',
  'name_zh',
  'name_en',
  'layer',
  'kind',
  'status',
  'precision',
  'precision_note',
  'articles',
  'targets',
  'source',
  'outside_qingdao',
  'geometry',
  'lon',
  'lat',
  'wkt'
] as const;

/** The properties every exported feature carries, in GeoJSON as in CSV. */
export interface ExportProperties {
  id: string;
  name_zh: string;
  name_en: string;
  layer: string;
  kind: string;
  status: string;
  precision: string;
  precision_note: string;
  articles: number[];
  targets: string[];
  source: string;
  outside_qingdao: boolean;
}

export function exportProperties(feature: PlanFeature): ExportProperties {
  const p = feature.properties;
  return {
    id: p.id,
    name_zh: p.name_zh,
    name_en: p.name_en,
    layer: p.layer,
    kind: p.kind,
    status: p.status,
    precision: p.precision,
    precision_note: p.precision_note,
    articles: [...p.articles],
    targets: [...p.targets],
    source: p.source,
    outside_qingdao: p.outside_qingdao === true
  };
}

type Geometry = PlanFeature['geometry'];

/** Every vertex of a geometry, a polygon's closing vertex left out (it repeats the first). */
function vertices(geometry: Geometry): Position[] {
  const ring = (r: Position[]) => (r.length > 1 ? r.slice(0, -1) : r);
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'Polygon':
      return geometry.coordinates.flatMap(ring);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.flatMap(ring));
    default:
      return [];
  }
}

/** Six decimals: about 0.1 m, finer than any position in the data. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The point for the lon/lat columns: the point itself, else the mean of the vertices. */
export function representativePoint(geometry: Geometry): [number, number] | null {
  const points = vertices(geometry);
  if (points.length === 0) return null;
  let lon = 0;
  let lat = 0;
  for (const point of points) {
    lon += point[0] ?? 0;
    lat += point[1] ?? 0;
  }
  return [round(lon / points.length), round(lat / points.length)];
}

const wktPoint = (p: Position) => `${p[0]} ${p[1]}`;
const wktLine = (line: Position[]) => `(${line.map(wktPoint).join(', ')})`;
const wktPolygon = (polygon: Position[][]) => `(${polygon.map(wktLine).join(', ')})`;

/** A geometry as Well-Known Text, e.g. `POINT (120.38 36.06)`. */
export function toWkt(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT (${wktPoint(geometry.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${geometry.coordinates.map((p) => `(${wktPoint(p)})`).join(', ')})`;
    case 'LineString':
      return `LINESTRING ${wktLine(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING (${geometry.coordinates.map(wktLine).join(', ')})`;
    case 'Polygon':
      return `POLYGON ${wktPolygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(wktPolygon).join(', ')})`;
    default:
      return '';
  }
}

/** The most characters a spreadsheet cell holds (Excel, LibreOffice Calc): a longer WKT is left out. */
export const MAX_CELL_CHARS = 32767;

/** One CSV row, in EXPORT_COLUMNS order. */
export function csvRow(feature: PlanFeature): CsvValue[] {
  const p = exportProperties(feature);
  const point = representativePoint(feature.geometry);
  const wkt = toWkt(feature.geometry);
  return [
    p.id,
    p.name_zh,
    p.name_en,
    p.layer,
    p.kind,
    p.status,
    p.precision,
    p.precision_note,
    p.articles.join(';'),
    p.targets.join(';'),
    p.source,
    p.outside_qingdao,
    feature.geometry.type,
    point?.[0],
    point?.[1],
    wkt.length <= MAX_CELL_CHARS ? wkt : ''
  ];
}

/** The features as a CSV file (BOM, header, one row each). */
export function featuresCsv(features: readonly PlanFeature[]): string {
  const columns: CsvColumn<CsvValue[]>[] = EXPORT_COLUMNS.map((header, i) => ({
    header,
    value: (row) => row[i]
  }));
  return toCsv(features.map(csvRow), columns);
}

/** The features as a GeoJSON FeatureCollection with the export's properties, and the data's date. */
export function featuresGeoJson(features: readonly PlanFeature[], asOf: string): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    as_of: asOf,
    features: features.map((feature) => ({
      type: 'Feature',
      id: feature.properties.id,
      properties: exportProperties(feature),
      geometry: feature.geometry
    }))
  });
}
