/**
 * "What does the plan build near me?": features ranked by their distance from a point.
 *
 * Distances are measured to the feature itself: a point's position, the nearest point of a line, the
 * nearest edge of an area (0 inside it). They use a local equirectangular plane around the origin, in which
 * each vertex's east–west scale is the cosine of the mean of its latitude and the origin's (a first-order
 * expansion, so no trigonometry per vertex). Against turf's great-circle `distance` on the same sphere
 * (R = 6371.0088 km) this is within 0.1% for anything within 200 km of an origin at Qingdao's latitude
 * (~36° N); tests/unit/nearby.test.ts checks it. It is a ranking tool, not a survey: origins far from
 * Qingdao or distances of thousands of kilometres are out of its scope.
 *
 * Pure and dependency-free, so it runs in the browser on every move of the origin: a few hundred plan
 * features take well under a millisecond.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { PlanFeature } from '$lib/plan/schema';
import { KM_PER_DEGREE, segmentDistanceSq } from './measure';

/** A WGS-84 position, longitude first. */
export type LonLat = readonly [number, number];

const RAD = Math.PI / 180;

export interface RankOptions {
  /** Return at most this many features, the nearest first. */
  limit?: number;
  /** Leave out features farther than this many kilometres. */
  maxKm?: number;
}

export interface RankedFeature<F> {
  feature: F;
  /** Kilometres from the origin to the nearest point of the feature; 0 when the origin is inside an area. */
  distanceKm: number;
}

/** The local plane around an origin: `x` east, `y` north, both in kilometres. */
interface Plane {
  lon0: number;
  lat0: number;
  /** East–west kilometres per degree of longitude at the origin's latitude. */
  kx0: number;
  /** Its change per degree of latitude, halved: the scale is taken at the mean latitude. */
  dkx: number;
}

function planeAt([lon, lat]: LonLat): Plane {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new RangeError(`not a WGS-84 [lon, lat] position: [${lon}, ${lat}]`);
  }
  return {
    lon0: lon,
    lat0: lat,
    kx0: KM_PER_DEGREE * Math.cos(lat * RAD),
    dkx: (KM_PER_DEGREE * Math.sin(lat * RAD) * RAD) / 2
  };
}

/** Longitude difference folded into [-180, 180), so positions across the antimeridian stay close. */
function deltaLon(lon: number, lon0: number): number {
  const d = lon - lon0;
  return d >= 180 || d < -180 ? ((((d + 180) % 360) + 360) % 360) - 180 : d;
}

function x(p: Plane, lon: number, lat: number): number {
  return deltaLon(lon, p.lon0) * (p.kx0 - p.dkx * (lat - p.lat0));
}

function y(p: Plane, lat: number): number {
  return (lat - p.lat0) * KM_PER_DEGREE;
}

function pointDistanceSq(p: Plane, position: Position): number {
  const dx = x(p, position[0]!, position[1]!);
  const dy = y(p, position[1]!);
  return dx * dx + dy * dy;
}

/** Squared distance to the nearest point of a path (a line or a ring), open or closed as given. */
function pathDistanceSq(p: Plane, path: readonly Position[], best: number): number {
  const first = path[0];
  if (!first) return best;
  if (path.length === 1) return Math.min(best, pointDistanceSq(p, first));
  let ax = x(p, first[0]!, first[1]!);
  let ay = y(p, first[1]!);
  for (let i = 1; i < path.length; i++) {
    const v = path[i]!;
    const bx = x(p, v[0]!, v[1]!);
    const by = y(p, v[1]!);
    const d = segmentDistanceSq(ax, ay, bx, by);
    if (d < best) best = d;
    ax = bx;
    ay = by;
  }
  return best;
}

/**
 * Whether the origin lies inside a polygon given as rings (outer, then holes), by the even–odd rule on
 * longitude and latitude, as turf's booleanPointInPolygon decides it.
 */
function insidePolygon(p: Plane, rings: readonly (readonly Position[])[]): boolean {
  const px = p.lon0;
  const py = p.lat0;
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    if (n < 3) continue;
    let j = n - 1;
    for (let i = 0; i < n; i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      const ay = a[1]!;
      const by = b[1]!;
      if (ay > py !== by > py) {
        const xCross = ((b[0]! - a[0]!) * (py - ay)) / (by - ay) + a[0]!;
        if (px < xCross) inside = !inside;
      }
      j = i;
    }
  }
  return inside;
}

function polygonDistanceSq(p: Plane, rings: readonly (readonly Position[])[], best: number): number {
  if (insidePolygon(p, rings)) return 0;
  for (const ring of rings) best = pathDistanceSq(p, ring, best);
  return best;
}

function geometryDistanceSq(p: Plane, geometry: Geometry, best: number): number {
  switch (geometry.type) {
    case 'Point':
      return Math.min(best, pointDistanceSq(p, geometry.coordinates));
    case 'MultiPoint':
      for (const c of geometry.coordinates) best = Math.min(best, pointDistanceSq(p, c));
      return best;
    case 'LineString':
      return pathDistanceSq(p, geometry.coordinates, best);
    case 'MultiLineString':
      for (const line of geometry.coordinates) best = pathDistanceSq(p, line, best);
      return best;
    case 'Polygon':
      return polygonDistanceSq(p, geometry.coordinates, best);
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) {
        best = polygonDistanceSq(p, polygon, best);
        if (best === 0) return 0;
      }
      return best;
    case 'GeometryCollection':
      for (const g of geometry.geometries) best = geometryDistanceSq(p, g, best);
      return best;
  }
}

/** Kilometres from `origin` to the nearest point of `geometry` (0 inside an area); Infinity for no geometry. */
export function distanceToGeometryKm(geometry: Geometry | null, origin: LonLat): number {
  if (!geometry) return Infinity;
  return Math.sqrt(geometryDistanceSq(planeAt(origin), geometry, Infinity));
}

/** Kilometres between two positions, by the same approximation the ranking uses. */
export function approxDistanceKm(from: LonLat, to: LonLat): number {
  const p = planeAt(from);
  return Math.sqrt(pointDistanceSq(p, [to[0], to[1]]));
}

interface Candidate<F> {
  feature: F;
  /** Squared distance in km². */
  d: number;
  /** Position in the input, which breaks ties. */
  i: number;
}

/** Nearer first; equally near in input order. */
const byDistance = <F>(a: Candidate<F>, b: Candidate<F>) => a.d - b.d || a.i - b.i;

/** Restores a max-heap (farthest on top) after `heap[at]` moved up from a leaf. */
function siftUp<F>(heap: Candidate<F>[], at: number): void {
  const item = heap[at]!;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (byDistance(heap[parent]!, item) >= 0) break;
    heap[at] = heap[parent]!;
    at = parent;
  }
  heap[at] = item;
}

/** Restores a max-heap after its top was replaced. */
function siftDown<F>(heap: Candidate<F>[]): void {
  const n = heap.length;
  const item = heap[0]!;
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= n) break;
    if (child + 1 < n && byDistance(heap[child + 1]!, heap[child]!) > 0) child++;
    if (byDistance(heap[child]!, item) <= 0) break;
    heap[at] = heap[child]!;
    at = child;
  }
  heap[at] = item;
}

const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * Every feature within `maxSq`, sorted. Sorting 200,000 objects with a comparator takes V8 well over
 * 100 ms; a Float64Array sorts natively in a fraction of that. So each squared distance goes into a
 * Float64Array with the feature's index written over the lowest mantissa bits (2^-34 of the value for
 * 2^18 features, and it breaks ties by index); after the native sort the indices are read back and an
 * insertion pass, linear on data this nearly sorted, orders them by the exact distances.
 */
function rankAll<F extends Feature<Geometry | null>>(
  features: readonly F[],
  plane: Plane,
  maxSq: number
): RankedFeature<F>[] {
  const count = features.length;
  if (count >= 2 ** 31) throw new RangeError(`too many features to rank: ${count}`);
  const bits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const indexMask = 2 ** bits - 1;
  const dist = new Float64Array(count);
  const keys = new Float64Array(count);
  const words = new Uint32Array(keys.buffer);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const geometry = features[i]!.geometry;
    if (!geometry) continue;
    const d = geometryDistanceSq(plane, geometry, Infinity);
    if (!(d <= maxSq) || d === Infinity) continue;
    dist[i] = d;
    keys[n] = d;
    const w = 2 * n + LOW_WORD;
    words[w] = (words[w]! & ~indexMask) | i;
    n++;
  }
  keys.subarray(0, n).sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = words[2 * k + LOW_WORD]! & indexMask;
  for (let k = 1; k < n; k++) {
    const i = order[k]!;
    const d = dist[i]!;
    let j = k - 1;
    while (j >= 0 && (dist[order[j]!]! > d || (dist[order[j]!]! === d && order[j]! > i))) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  const ranked: RankedFeature<F>[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ranked[k] = { feature: features[i]!, distanceKm: Math.sqrt(dist[i]!) };
  }
  return ranked;
}

/**
 * Features ranked by distance from `origin`, nearest first, each with its distance in kilometres. Features
 * without geometry are left out; ties keep the input order.
 */
export function rankByDistance<F extends Feature<Geometry | null>>(
  features: readonly F[],
  origin: LonLat,
  options: RankOptions = {}
): RankedFeature<F>[] {
  const { limit = Infinity, maxKm = Infinity } = options;
  if (!(limit >= 0) || (Number.isFinite(limit) && !Number.isInteger(limit))) {
    throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`);
  }
  if (!(maxKm >= 0)) throw new RangeError(`maxKm must be ≥ 0, got ${maxKm}`);
  const plane = planeAt(origin);
  const maxSq = maxKm * maxKm;
  if (limit === 0) return [];

  if (!Number.isFinite(limit)) return rankAll(features, plane, maxSq);

  // With a limit, a max-heap of that many candidates keeps the nearest seen so far, and its top bounds
  // the rest: 200,000 features are never sorted to return 20.
  const kept: Candidate<F>[] = [];
  for (let i = 0; i < features.length; i++) {
    const feature = features[i]!;
    if (!feature.geometry) continue;
    const full = kept.length >= limit;
    const d = geometryDistanceSq(plane, feature.geometry, Infinity);
    if (!(d <= maxSq) || d === Infinity || (full && d >= kept[0]!.d)) continue;
    const candidate = { feature, d, i };
    if (!full) {
      kept.push(candidate);
      siftUp(kept, kept.length - 1);
    } else {
      kept[0] = candidate;
      siftDown(kept);
    }
  }
  kept.sort(byDistance);
  return kept.map(({ feature, d }) => ({ feature, distanceKm: Math.sqrt(d) }));
}

/**
 * The plan's features within `radiusKm` of `origin`, nearest first by true distance. Context features
 * (drawn for orientation, outside Qingdao) are not the plan's work near anyone and are left out.
 */
export function planFeaturesNear(
  features: readonly PlanFeature[],
  origin: LonLat,
  radiusKm: number
): RankedFeature<PlanFeature>[] {
  const own = features.filter((f) => !f.properties.outside_qingdao);
  return rankByDistance(own, origin, { maxKm: radiusKm });
}

/** A named point near-me can start from: a gazetteer place or a plan feature that is a point. */
export interface NamedPoint {
  name_zh: string;
  name_en: string;
  lon: number;
  lat: number;
  /** Districts are named only when the origin is their own point: their point is no landmark. */
  kind?: string;
}

/** How near an origin must be to a named point to be that point (a link keeps 4 decimals, about 10 m). */
export const SAME_PLACE_KM = 0.05;

/**
 * The name for a near-me origin: the named point it sits on (a place picked in search), else the nearest
 * town, subdistrict or station with its distance; null when nothing named is within `maxKm`.
 */
export function nameOrigin(
  origin: LonLat,
  points: readonly NamedPoint[],
  maxKm = 5
): { point: NamedPoint; distanceKm: number; exact: boolean } | null {
  let best: { point: NamedPoint; distanceKm: number } | null = null;
  for (const point of points) {
    const d = approxDistanceKm(origin, [point.lon, point.lat]);
    if (point.kind === 'district' && d > SAME_PLACE_KM) continue;
    if (!best || d < best.distanceKm) best = { point, distanceKm: d };
  }
  if (!best || best.distanceKm > maxKm) return null;
  return { ...best, exact: best.distanceKm <= SAME_PLACE_KM };
}
