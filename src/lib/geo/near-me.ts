/**
 * Near me: the radius drawn on the map and the plan features inside it. Pure, so the page and the tests
 * share it; the ranking itself is nearby.ts (true distance to a point, the nearest point of a line, 0
 * inside an area).
 */
import type { Feature, Polygon } from 'geojson';
import type { PlanFeature } from '$lib/plan/schema';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM } from '$lib/state/url-state';
import { EARTH_RADIUS_KM } from './measure';
import { approxDistanceKm, rankByDistance, type LonLat, type RankedFeature } from './nearby';

const RAD = Math.PI / 180;

/** A radius brought into 1–20 km, to the nearest half kilometre; the default for anything not a number. */
export function clampRadiusKm(km: number): number {
  if (!Number.isFinite(km)) return DEFAULT_RADIUS_KM;
  return Math.min(MAX_RADIUS_KM, Math.max(MIN_RADIUS_KM, Math.round(km * 2) / 2));
}

/**
 * The circle of `radiusKm` around `origin` as a closed polygon of `steps` vertices, each at that
 * great-circle distance on turf's sphere, so the ring drawn is the radius the list uses.
 */
export function radiusCircle(origin: LonLat, radiusKm: number, steps = 96): Feature<Polygon> {
  const [lon, lat] = origin;
  const phi1 = lat * RAD;
  const delta = radiusKm / EARTH_RADIUS_KM;
  const ring: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    const theta = (i / steps) * 2 * Math.PI;
    const phi2 = Math.asin(
      Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta)
    );
    const lambda =
      Math.atan2(
        Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
        Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2)
      ) / RAD;
    ring.push([lon + lambda, phi2 / RAD]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
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
