/**
 * "What does the plan put in this area?": the plan's features inside or crossing an area (a drawn polygon or
 * circle, a district, a polygon of someone's own layer), grouped by layer, each with the length of its lines
 * and the area of its polygons that lie inside, the targets it serves, and, for each of the user's layers,
 * how many of that layer's features lie within a set distance of it.
 *
 * Pure (no map, no DOM), so the panel, the exports and the tests share it. Lengths and areas are geodesic,
 * by turf (great-circle distances and spherical areas on turf's sphere, R = 6371.0088 km). Where a line
 * crosses the area's edge it is cut at the crossing, found on straight segments in longitude and latitude:
 * at the scale of a city the difference from the great-circle path is far below the precision of the data.
 * Distances to the user's features use the same local plane as near-me (nearby.ts), exact for points and
 * to the nearest vertex for lines and areas, 0 where geometries meet.
 */
import {
  area as turfArea,
  booleanIntersects,
  booleanPointInPolygon,
  distance as turfDistance,
  featureCollection,
  intersect,
  length as turfLength
} from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { LAYER_IDS } from '$lib/plan/layers';
import type { PlanFeature, Target } from '$lib/plan/schema';
import { boundsOverlap, geometryBounds, type Bounds } from './bounds';
import { KM_PER_DEGREE } from './measure';
import { distanceToGeometryKm } from './nearby';

export type AreaGeometry = Polygon | MultiPolygon;

/** An area asked about: its outline and what to call it in the answer and the exports. */
export interface QueryArea {
  kind: 'polygon' | 'circle' | 'district' | 'user';
  name_zh: string;
  name_en: string;
  geometry: AreaGeometry;
  /** A circle's centre and radius, as drawn. */
  circle?: { center: [number, number]; radiusKm: number };
}

/** One of the user's own layers, as the answer takes it: any GeoJSON, WGS-84. */
export interface UserLayerInput {
  id: string;
  name: string;
  features: FeatureCollection;
}

/** How a feature meets the area: wholly inside it, or partly (a line or polygon across its edge). */
export type Relation = 'inside' | 'crossing';

export interface AnswerFeature {
  feature: PlanFeature;
  relation: Relation;
  /** Kilometres of the feature's lines inside the area, and in all; null for points and polygons. */
  lengthInsideKm: number | null;
  lengthKm: number | null;
  /** Square kilometres of the feature's polygons inside the area, and in all; null for points and lines. */
  areaInsideKm2: number | null;
  areaKm2: number | null;
  /** The targets the feature serves, as the plan data holds them (with their published outcomes). */
  targets: Target[];
  /** For each user layer, in the order given: how many of its features lie within `nearKm` of this one. */
  near: number[];
}

export interface AnswerLayer {
  layer: string;
  features: AnswerFeature[];
}

export interface AreaAnswer {
  area: QueryArea;
  /** The area's own size, square kilometres. */
  areaKm2: number;
  layers: AnswerLayer[];
  /** How many plan features in all. */
  count: number;
  nearKm: number;
  userLayers: { id: string; name: string }[];
}

export interface QueryOptions {
  targets?: readonly Target[];
  userLayers?: readonly UserLayerInput[];
  /** The distance, in kilometres, within which a user's feature counts as near a plan feature. */
  nearKm?: number;
}

export const DEFAULT_NEAR_KM = 0.5;

/** Tolerance on "all of it inside": the share of a length or area that may fall outside by rounding. */
const WHOLE = 1 - 1e-6;

const areaFeature = (geometry: AreaGeometry): Feature<AreaGeometry> => ({
  type: 'Feature',
  properties: {},
  geometry
});

/** Whether a position lies inside the area (on its edge counts as inside). */
export function pointInArea(point: Position, area: AreaGeometry): boolean {
  return booleanPointInPolygon(point, areaFeature(area));
}

/** Every edge of the area's rings, as pairs of positions. */
function areaEdges(area: AreaGeometry): [Position, Position][] {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const edges: [Position, Position][] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) edges.push([ring[i - 1]!, ring[i]!]);
    }
  }
  return edges;
}

/** Where segment a–b crosses segment c–d, as the fraction along a–b, or null when it does not. */
function crossing(a: Position, b: Position, c: Position, d: Position): number | null {
  const rx = b[0]! - a[0]!;
  const ry = b[1]! - a[1]!;
  const sx = d[0]! - c[0]!;
  const sy = d[1]! - c[1]!;
  const denom = rx * sy - ry * sx;
  if (denom === 0) return null;
  const qx = c[0]! - a[0]!;
  const qy = c[1]! - a[1]!;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

const lerp = (a: Position, b: Position, t: number): Position => [
  a[0]! + (b[0]! - a[0]!) * t,
  a[1]! + (b[1]! - a[1]!) * t
];

const km = (a: Position, b: Position) => turfDistance(a, b, { units: 'kilometers' });

/**
 * Kilometres of the path inside the area: each segment is cut where it crosses the area's edges, and each
 * piece whose midpoint is inside counts with its great-circle length.
 */
export function pathLengthInsideKm(path: readonly Position[], area: AreaGeometry): number {
  const feature = areaFeature(area);
  const box = geometryBounds(area);
  const edges = areaEdges(area);
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const segmentBox: Bounds = [
      Math.min(a[0]!, b[0]!),
      Math.min(a[1]!, b[1]!),
      Math.max(a[0]!, b[0]!),
      Math.max(a[1]!, b[1]!)
    ];
    if (!boundsOverlap(segmentBox, box)) continue;
    const cuts = [0, 1];
    for (const [c, d] of edges) {
      const t = crossing(a, b, c, d);
      if (t !== null) cuts.push(t);
    }
    cuts.sort((x, y) => x - y);
    for (let j = 1; j < cuts.length; j++) {
      const t0 = cuts[j - 1]!;
      const t1 = cuts[j]!;
      if (t1 - t0 < 1e-12) continue;
      if (booleanPointInPolygon(lerp(a, b, (t0 + t1) / 2), feature))
        total += km(lerp(a, b, t0), lerp(a, b, t1));
    }
  }
  return total;
}

function paths(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(paths);
    default:
      return [];
  }
}

function points(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(points);
    default:
      return [];
  }
}

function polygons(geometry: Geometry): Polygon[] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry];
    case 'MultiPolygon':
      return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    case 'GeometryCollection':
      return geometry.geometries.flatMap(polygons);
    default:
      return [];
  }
}

/** Square kilometres of the polygon inside the area (turf's intersection, spherical area), or null on failure. */
function polygonAreaInsideKm2(polygon: Polygon, area: AreaGeometry): number | null {
  try {
    const shared = intersect(featureCollection([areaFeature(polygon), areaFeature(area)]));
    return shared ? turfArea(shared) / 1e6 : 0;
  } catch {
    return null;
  }
}

/** How a plan feature meets the area, or null when it does not. */
export function measureInArea(
  geometry: Geometry,
  area: AreaGeometry
): Pick<AnswerFeature, 'relation' | 'lengthInsideKm' | 'lengthKm' | 'areaInsideKm2' | 'areaKm2'> | null {
  if (!boundsOverlap(geometryBounds(geometry), geometryBounds(area))) return null;
  const pts = points(geometry);
  const lines = paths(geometry);
  const polys = polygons(geometry);
  let lengthInsideKm: number | null = null;
  let lengthKm: number | null = null;
  let areaInsideKm2: number | null = null;
  let areaKm2: number | null = null;
  let ptsInside = 0;
  for (const p of pts) if (pointInArea(p, area)) ptsInside++;
  if (lines.length > 0) {
    lengthInsideKm = 0;
    lengthKm = 0;
    for (const path of lines) {
      lengthInsideKm += pathLengthInsideKm(path, area);
      lengthKm += turfLength({
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: path }
      });
    }
  }
  let areaUnknown = false;
  if (polys.length > 0) {
    areaInsideKm2 = 0;
    areaKm2 = 0;
    for (const polygon of polys) {
      const inside = polygonAreaInsideKm2(polygon, area);
      if (inside === null) areaUnknown = true;
      else areaInsideKm2 += inside;
      areaKm2 += turfArea(polygon) / 1e6;
    }
    if (areaUnknown) areaInsideKm2 = null;
  }
  const touches =
    ptsInside > 0 ||
    (lengthInsideKm ?? 0) > 0 ||
    (areaInsideKm2 ?? 0) > 0 ||
    (areaUnknown && booleanIntersects(areaFeature(area), { type: 'Feature', properties: {}, geometry }));
  if (!touches) return null;
  const whole =
    ptsInside === pts.length &&
    (lengthKm === null || (lengthInsideKm ?? 0) >= lengthKm * WHOLE) &&
    (areaKm2 === null || (areaInsideKm2 !== null && areaInsideKm2 >= areaKm2 * WHOLE));
  return { relation: whole ? 'inside' : 'crossing', lengthInsideKm, lengthKm, areaInsideKm2, areaKm2 };
}

/** Every vertex of a geometry. */
function vertices(geometry: Geometry): Position[] {
  const out: Position[] = [];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') out.push(value as Position);
    else for (const item of value) visit(item);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) out.push(...vertices(g));
  else visit(geometry.coordinates);
  return out;
}

/** The box grown by `km` on every side (a degree of longitude is shorter away from the equator). */
function grow([w, s, e, n]: Bounds, km: number): Bounds {
  const dLat = km / KM_PER_DEGREE;
  const lat = Math.max(Math.abs(s), Math.abs(n));
  const dLon = km / (KM_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

interface Indexed {
  geometry: Geometry;
  box: Bounds;
  single: Position | null;
}

const indexCache = new WeakMap<FeatureCollection, Indexed[]>();

/** The user layer's features with geometry, each with its box, computed once per collection. */
function indexLayer(collection: FeatureCollection): Indexed[] {
  let index = indexCache.get(collection);
  if (!index) {
    index = [];
    for (const f of collection.features) {
      if (!f.geometry) continue;
      const box = geometryBounds(f.geometry);
      if (!box.every(Number.isFinite)) continue;
      index.push({
        geometry: f.geometry,
        box,
        single: f.geometry.type === 'Point' ? f.geometry.coordinates : null
      });
    }
    indexCache.set(collection, index);
  }
  return index;
}

/** Kilometres between two geometries (0 where they meet), by near-me's plane. */
export function geometryDistanceKm(a: Geometry, b: Geometry): number {
  let best = Infinity;
  for (const v of vertices(a)) best = Math.min(best, distanceToGeometryKm(b, [v[0]!, v[1]!]));
  if (best === 0) return 0;
  for (const v of vertices(b)) best = Math.min(best, distanceToGeometryKm(a, [v[0]!, v[1]!]));
  return best;
}

/** How many of the layer's features lie within `nearKm` of the geometry. */
export function countNear(geometry: Geometry, layer: FeatureCollection, nearKm: number): number {
  const reach = grow(geometryBounds(geometry), nearKm);
  let count = 0;
  for (const item of indexLayer(layer)) {
    if (!boundsOverlap(item.box, reach)) continue;
    const d = item.single
      ? distanceToGeometryKm(geometry, [item.single[0]!, item.single[1]!])
      : geometryDistanceKm(item.geometry, geometry);
    if (d <= nearKm) {
      count++;
      continue;
    }
    // Two lines can cross between their vertices.
    if (
      !item.single &&
      boundsOverlap(item.box, geometryBounds(geometry)) &&
      booleanIntersects(
        { type: 'Feature', properties: {}, geometry: item.geometry },
        { type: 'Feature', properties: {}, geometry }
      )
    )
      count++;
  }
  return count;
}

/**
 * The answer for an area: plan features inside or crossing it (context features outside Qingdao left out),
 * by layer in the legend's order, within a layer by name; each with what lies inside, its targets, and its
 * neighbours in each user layer.
 */
export function queryArea(
  area: QueryArea,
  features: readonly PlanFeature[],
  options: QueryOptions = {}
): AreaAnswer {
  const nearKm = options.nearKm ?? DEFAULT_NEAR_KM;
  const userLayers = options.userLayers ?? [];
  const targetById = new Map((options.targets ?? []).map((target) => [target.id, target]));
  const byLayer = new Map<string, AnswerFeature[]>();
  let count = 0;
  for (const feature of features) {
    if (!feature.geometry || feature.properties.outside_qingdao) continue;
    const measured = measureInArea(feature.geometry, area.geometry);
    if (!measured) continue;
    const entry: AnswerFeature = {
      feature,
      ...measured,
      targets: feature.properties.targets
        .map((id) => targetById.get(id))
        .filter((target): target is Target => target !== undefined),
      near: userLayers.map((layer) => countNear(feature.geometry, layer.features, nearKm))
    };
    const list = byLayer.get(feature.properties.layer) ?? [];
    list.push(entry);
    byLayer.set(feature.properties.layer, list);
    count++;
  }
  const order = (layer: string) => {
    const i = (LAYER_IDS as readonly string[]).indexOf(layer);
    return i < 0 ? LAYER_IDS.length : i;
  };
  const layers = [...byLayer.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([layer, list]) => ({
      layer,
      features: list.sort(
        (a, b) =>
          a.feature.properties.kind.localeCompare(b.feature.properties.kind) ||
          a.feature.properties.name_zh.localeCompare(b.feature.properties.name_zh, 'zh') ||
          a.feature.properties.id.localeCompare(b.feature.properties.id)
      )
    }));
  return {
    area,
    areaKm2: turfArea(area.geometry) / 1e6,
    layers,
    count,
    nearKm,
    userLayers: userLayers.map(({ id, name }) => ({ id, name }))
  };
}

/** The polygon features of a user layer that can be asked about, with a name to list them by. */
export function userAreas(layer: UserLayerInput): { index: number; name: string; geometry: AreaGeometry }[] {
  const out: { index: number; name: string; geometry: AreaGeometry }[] = [];
  layer.features.features.forEach((f, index) => {
    if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') return;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const named = ['name', 'name_zh', '名称', 'NAME', 'Name', 'title']
      .map((k) => p[k])
      .find((v) => v !== undefined && v !== null && String(v).trim() !== '');
    out.push({ index, name: named !== undefined ? String(named) : `#${index + 1}`, geometry: f.geometry });
  });
  return out;
}
