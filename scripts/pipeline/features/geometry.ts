/** Structural and validity checks of curated geometries, and the derivations from the basemap. */
import * as turf from '@turf/turf';
import { z } from 'zod';
import { deriveOffshore, offshoreDeriveSchemas, OFFSHORE_OPS, type OffshoreDerive } from './offshore';
import { DISTRICTS_FILE, LAND_FILE, polygonsOf, type AreaGeometry, type Region } from './region';

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
  ...offshoreDeriveSchemas // offshore zones, sea circles and offsets: ./offshore.ts
]);
export type Derive = z.infer<typeof deriveSchema>;

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon'
] as const;

/** A broken geometry, with the rule it breaks; turned into a DataError naming the file and feature. */
export class GeometryError extends Error {
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
