/**
 * Polygon helpers for the basemap build, on plain coordinate arrays. The sources hold tens of thousands of
 * positions, so the build keeps them as arrays and wraps them in GeoJSON features only for turf's boolean
 * operations, buffering and areas.
 */
import {
  buffer,
  difference,
  featureCollection,
  intersect,
  multiPolygon,
  union,
  area as turfArea
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Bounds } from '../../src/lib/geo/bounds';

export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];
/** `[west, south, east, north]` in degrees. */
export type BBox = Readonly<Bounds>;

/** Coordinates are written with 5 decimals: ~1 m, far below the sources' own accuracy. */
export const DECIMALS = 5;

export function toMulti(geometry: Polygon | MultiPolygon): MultiPolygonCoords {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function ringBBox(ring: Ring): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

const samePos = (a: Position | undefined, b: Position | undefined) =>
  !!a && !!b && a[0] === b[0] && a[1] === b[1];

/**
 * Drops repeated consecutive positions and there-and-back spikes (A B A, which rounding can leave where
 * a polygon narrows to nothing) and closes the ring; null if fewer than 4 positions remain.
 */
function cleanRing(ring: Ring): Ring | null {
  const out: Ring = [];
  for (const p of ring) {
    if (samePos(out[out.length - 1], p)) continue;
    if (samePos(out[out.length - 2], p)) {
      out.pop();
      continue;
    }
    out.push([p[0]!, p[1]!]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out.length >= 4 ? out : null;
}

/** Applies f to every position and cleans the rings; a polygon whose outer ring collapses is dropped. */
export function mapMulti(multi: MultiPolygonCoords, f: (p: Position) => Position): MultiPolygonCoords {
  const out: MultiPolygonCoords = [];
  for (const poly of multi) {
    const [outer, ...holes] = poly.map((ring) => cleanRing(ring.map(f)));
    if (!outer) continue;
    out.push([outer, ...holes.filter((h): h is Ring => h !== null)]);
  }
  return out;
}

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
export const roundPos = (p: Position): Position => [round(p[0]!), round(p[1]!)];

export const asFeature = (multi: MultiPolygonCoords): Feature<MultiPolygon> => multiPolygon(multi);

/**
 * Runs a polygon boolean operation (polyclip, through turf) on plain coordinates, treating empty
 * operands the way the set operation does; the result is empty when nothing is left.
 */
export function clip(
  op: 'intersect' | 'difference' | 'union',
  ...geoms: MultiPolygonCoords[]
): MultiPolygonCoords {
  const [first = [], ...rest] = geoms;
  let operands: MultiPolygonCoords[];
  if (op === 'intersect') {
    if (geoms.some((g) => g.length === 0)) return [];
    operands = geoms;
  } else if (op === 'difference') {
    if (first.length === 0) return [];
    operands = [first, ...rest.filter((g) => g.length > 0)];
    if (operands.length === 1) return first;
  } else {
    operands = geoms.filter((g) => g.length > 0);
    if (operands.length === 0) return [];
    // A lone operand is unioned with itself: polyclip then normalises its rings (orientation, touches).
    if (operands.length === 1) operands = [operands[0]!, operands[0]!];
  }
  if (op !== 'union' && operands.length === 1) return operands[0]!;
  const fc = featureCollection(operands.map(asFeature));
  const result = op === 'intersect' ? intersect(fc) : op === 'difference' ? difference(fc) : union(fc);
  return result ? toMulti(result.geometry) : [];
}

/**
 * The polygons and everything within `km` of them. turf's buffer leaves spurious holes in its output
 * (some even inside the input polygon), so only its outer rings are used, joined with the input.
 */
export function grow(multi: MultiPolygonCoords, km: number): MultiPolygonCoords {
  const buffered = buffer(asFeature(multi), km, { units: 'kilometers' });
  if (!buffered) throw new Error('turf buffer returned nothing');
  return clip(
    'union',
    multi,
    toMulti(buffered.geometry).map((poly) => poly.slice(0, 1))
  );
}

export const areaKm2 = (multi: MultiPolygonCoords) => (multi.length ? turfArea(asFeature(multi)) / 1e6 : 0);

export function countPositions(multi: MultiPolygonCoords): number {
  return multi.reduce((n, poly) => n + poly.reduce((m, ring) => m + ring.length, 0), 0);
}

/** Every ring of a list of multipolygons, flattened. */
export function* ringsOf(geometries: Iterable<MultiPolygonCoords>): Generator<Ring> {
  for (const multi of geometries) for (const poly of multi) yield* poly;
}

/** The value at quantile q (0..1) of an ascending-sorted array, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
