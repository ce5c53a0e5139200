/**
 * The pure parts of the store of a user's layers (state/user-layers.svelte.ts): what one stored layer holds,
 * reading it back (anything that does not fit is refused, never trusted), order, colours, extents, and
 * reading a layer's coordinates again in another system.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { wgs84ToBd09, wgs84ToGcj02 } from '$lib/geo/chinese-coords';
import { PROJECTED, toWgs84, type XY } from '$lib/import/crs';
import type { CrsId, CrsReport, ImportFormat, ImportLayer, Skipped } from '$lib/import/types';
import {
  CATEGORY_COLOURS,
  MAX_CATEGORIES,
  MAX_CLASSES,
  propertySummary,
  type LayerStyle,
  type LegendEntry
} from './style';
import { mapPositions } from '../geo/map-positions';

/** A stored layer without its features (which are kept apart, so that a change of style rewrites little). */
export interface LayerMeta {
  id: string;
  name: string;
  file: string;
  format: ImportFormat;
  encoding?: string;
  crs: CrsReport;
  /** What the import left out, by reason (the examples stay with the import's result, not the layer). */
  skipped: number;
  style: LayerStyle;
  /** 0 to 1. */
  opacity: number;
  hidden: boolean;
  /** Drawing order: higher is drawn above, and listed first. */
  order: number;
  count: number;
  /** `[west, south, east, north]`, or null for a layer without coordinates. */
  bbox: [number, number, number, number] | null;
  properties: { name: string; numeric: boolean }[];
  /** The legend last worked out for the style (shown before the map has worked it out again). */
  legend?: LegendEntry[];
}

export const FORMATS: readonly ImportFormat[] = [
  'geojson',
  'topojson',
  'kml',
  'kmz',
  'gpx',
  'csv',
  'shapefile'
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 1000): v is string => typeof v === 'string' && v.length <= max;
const isColour = (v: unknown): v is string => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A style as stored, or null when it is not one. */
export function parseStyle(v: unknown): LayerStyle | null {
  if (!isObject(v) || !isColour(v.colour)) return null;
  if (v.kind === 'single') return { kind: 'single', colour: v.colour };
  if (!isText(v.property) || v.property === '') return null;
  if (v.kind === 'categories' && isNumber(v.top) && v.top >= 1 && v.top <= MAX_CATEGORIES)
    return { kind: 'categories', colour: v.colour, property: v.property, top: Math.floor(v.top) };
  if (
    v.kind === 'graduated' &&
    (v.method === 'quantile' || v.method === 'equal') &&
    isNumber(v.classes) &&
    v.classes >= 2 &&
    v.classes <= MAX_CLASSES
  )
    return {
      kind: 'graduated',
      colour: v.colour,
      property: v.property,
      method: v.method,
      classes: Math.floor(v.classes)
    };
  return null;
}

/** A stored layer's description as read from storage, or null when any part of it does not fit. */
export function parseMeta(v: unknown): LayerMeta | null {
  if (!isObject(v)) return null;
  const style = parseStyle(v.style);
  const crs = v.crs;
  if (
    !style ||
    !isText(v.id, 200) ||
    !isText(v.name) ||
    !isText(v.file) ||
    !FORMATS.includes(v.format as ImportFormat) ||
    !isObject(crs) ||
    !isText(crs.applied, 40) ||
    !isText(crs.detected, 40) ||
    !isText(crs.source, 20) ||
    !isNumber(v.opacity) ||
    v.opacity < 0 ||
    v.opacity > 1 ||
    typeof v.hidden !== 'boolean' ||
    !isNumber(v.order) ||
    !isNumber(v.count) ||
    !isNumber(v.skipped) ||
    !(v.bbox === null || (Array.isArray(v.bbox) && v.bbox.length === 4 && v.bbox.every(isNumber))) ||
    !Array.isArray(v.properties) ||
    !v.properties.every((p) => isObject(p) && isText(p.name) && typeof p.numeric === 'boolean')
  )
    return null;
  return {
    id: v.id,
    name: v.name,
    file: v.file,
    format: v.format as ImportFormat,
    ...(isText(v.encoding, 40) ? { encoding: v.encoding } : {}),
    crs: crs as unknown as CrsReport,
    skipped: v.skipped,
    style,
    opacity: v.opacity,
    hidden: v.hidden,
    order: v.order,
    count: v.count,
    bbox: v.bbox as LayerMeta['bbox'],
    properties: v.properties as LayerMeta['properties'],
    ...(Array.isArray(v.legend) ? { legend: v.legend as LegendEntry[] } : {})
  };
}

/** A layer's features as read from storage, or null when they are not a FeatureCollection of `count`. */
export function parseFeatures(v: unknown, count: number): FeatureCollection | null {
  if (!isObject(v) || v.type !== 'FeatureCollection' || !Array.isArray(v.features)) return null;
  if (v.features.length !== count) return null;
  for (const f of v.features as unknown[]) if (!isObject(f) || f.type !== 'Feature') return null;
  return v as unknown as FeatureCollection;
}

/** The first colour of the palette that no layer uses yet (the palette again from the start when all are). */
export function nextColour(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return (
    CATEGORY_COLOURS.find((c) => !taken.has(c)) ?? CATEGORY_COLOURS[used.length % CATEGORY_COLOURS.length]!
  );
}

/** Every position of a geometry, in order. */
function* positions(g: Geometry | null): Generator<Position> {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of g.coordinates) yield* r;
      return;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      return;
    case 'GeometryCollection':
      for (const c of g.geometries) yield* positions(c);
  }
}

/** `[west, south, east, north]` of a collection, or null when it holds no position. */
export function bboxOf(fc: FeatureCollection): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features)
    for (const [x, y] of positions(f.geometry)) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return w <= e ? [w, s, e, n] : null;
}

/** Moves `id` by `delta` places in a list ordered top first; the list unchanged at either end. */
export function move(ids: readonly string[], id: string, delta: number): string[] {
  const from = ids.indexOf(id);
  const to = Math.max(0, Math.min(ids.length - 1, from + delta));
  if (from < 0 || from === to) return [...ids];
  const out = ids.filter((x) => x !== id);
  out.splice(to, 0, id);
  return out;
}

/** Orders for a list top first: the first gets the highest. */
export function ordersFor(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, ids.length - i]));
}

/** The description of a layer just imported, placed above every other. */
export function metaFromImport(
  layer: ImportLayer,
  id: string,
  existing: readonly Pick<LayerMeta, 'order' | 'style'>[]
): LayerMeta {
  return {
    id,
    name: layer.name,
    file: layer.file,
    format: layer.format,
    ...(layer.encoding ? { encoding: layer.encoding } : {}),
    crs: layer.crs,
    skipped: layer.skipped.total,
    style: { kind: 'single', colour: nextColour(existing.map((m) => m.style.colour)) },
    opacity: 1,
    hidden: false,
    order: Math.max(0, ...existing.map((m) => m.order)) + 1,
    count: layer.features.features.length,
    bbox: layer.summary ? layer.summary.bbox : bboxOf(layer.features),
    properties: layer.summary?.properties ?? propertySummary(layer.features)
  };
}

/** The systems a user can choose for a layer, by hand. */
export const CHOOSABLE: readonly CrsId[] = ['WGS84', 'GCJ02', 'BD09', ...(Object.keys(PROJECTED) as CrsId[])];

/** The function taking a WGS-84 point back to the values a file in `crs` held. */
function fromWgs84(crs: CrsId): (xy: XY) => XY {
  if (crs === 'WGS84') return (xy) => xy;
  if (crs === 'GCJ02') return (xy) => wgs84ToGcj02(xy);
  if (crs === 'BD09') return (xy) => wgs84ToBd09(xy);
  const def = PROJECTED[crs];
  if (!def) throw new Error(crs);
  const converter = proj4(def.proj, 'WGS84');
  return (xy) => converter.inverse(xy) as XY;
}

export type Reread =
  { features: FeatureCollection } | { error: 'unknown-source' | 'out-of-range'; feature?: number };

/**
 * A layer read as if its file were in `to` rather than `from`: its positions are taken back to the file's
 * values, then forward from `to`. Refused when the file's own system is not known by code (a .prj's WKT)
 * or when the result falls off the globe (degrees read as metres, or metres as degrees).
 */
export function reread(fc: FeatureCollection, from: CrsReport['applied'], to: CrsId): Reread {
  if (from === 'prj' || !CHOOSABLE.includes(from)) return { error: 'unknown-source' };
  const back = fromWgs84(from);
  const forward = toWgs84(to);
  let bad = -1;
  let index = 0;
  const pos = (p: Position): Position => {
    const [lon, lat] = forward(back([p[0]!, p[1]!]));
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90) && bad < 0) bad = index;
    return p.length > 2 ? [lon, lat, p[2]!] : [lon, lat];
  };
  const geom = (g: Geometry): Geometry => mapPositions(g, pos);
  const features: Feature[] = [];
  for (const f of fc.features) {
    features.push({ ...f, geometry: f.geometry && geom(f.geometry) });
    if (bad >= 0) return { error: 'out-of-range', feature: bad };
    index++;
  }
  return { features: { type: 'FeatureCollection', features } };
}

/** How many features were skipped, in words' parameters: the reasons with their counts, most first. */
export function skippedReasons(skipped: Skipped): [string, number][] {
  return Object.entries(skipped.byReason)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .sort((a, b) => b[1] - a[1]);
}
