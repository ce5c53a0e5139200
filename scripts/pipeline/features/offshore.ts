/**
 * Geometry from published descriptions of places at sea: "a site of about 400 km², more than 130 km off the
 * coast, south-east of Qingdao". No source gives coordinates for an offshore wind farm, so a zone is drawn
 * from what is published and nothing else, by three build-time `derive` ops of the curated layers:
 *
 * - `offshore`: the drawn Point is the published reference point on land; the zone's centre lies
 *   `offshore_km` beyond the place where a line from that point on bearing `bearing_deg` leaves the landmass
 *   the point stands on (islands it passes are not "the shore"); the zone is a circle of the published
 *   `area_km2`, or of `radius_km` where no area is published.
 * - `sea-circle`: the drawn Point is the centre; a circle of `area_km2` (a sea area inside a named bay).
 * - `offset`: the drawn Point moved `distance_km` on `bearing_deg` ("3.5 km east of the town").
 *
 * Every zone must lie entirely at sea (outside every land polygon of the basemap) and inside the basemap's
 * extent, where "at sea" can be checked at all. The functions are pure: the land comes in as an argument.
 */
import { z } from 'zod';
import * as turf from '@turf/turf';

export type LonLat = [number, number];
type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const bearing = z.number().min(0).lt(360);

/** The derive ops this module implements, as the curated layer files write them. */
export const offshoreDeriveSchemas = [
  z
    .object({
      op: z.literal('offshore'),
      /** Published direction of the site from the reference point, degrees clockwise from north. */
      bearing_deg: bearing,
      /** Published distance of the site's centre from the shore, km. */
      offshore_km: z.number().positive(),
      /** Published site area; the zone is a circle of this area. */
      area_km2: z.number().positive().optional(),
      /** Where no area is published: the circle's radius (half a published distance range). */
      radius_km: z.number().positive().optional()
    })
    .strict(),
  z
    .object({
      op: z.literal('sea-circle'),
      /** Published sea area; the zone is a circle of this area around the drawn point. */
      area_km2: z.number().positive()
    })
    .strict(),
  z
    .object({
      op: z.literal('offset'),
      bearing_deg: bearing,
      distance_km: z.number().positive()
    })
    .strict()
] as const;

export type OffshoreDerive = z.infer<(typeof offshoreDeriveSchemas)[number]>;
export const OFFSHORE_OPS: readonly string[] = ['offshore', 'sea-circle', 'offset'];

/** A zone's geometry, or the rule its description breaks. */
export type Derived = { geometry: GeoJSON.Geometry } | { rule: string; detail: string };

/** How finely the line from the reference point is walked to find the shore, km. */
const STEP_KM = 0.05;
/** How far from the reference point the shore may be, km (a town a few km inland, a bay to cross). */
const MAX_SHORE_KM = 60;
/**
 * Sides of a drawn circle. Few enough that each side is long at the zoom a zone is seen at, so the map's dashed
 * indicative outline (dashes justified to each side) stays visibly dashed instead of closing up into a solid ring.
 */
const CIRCLE_STEPS = 24;
/** A regular polygon inscribed in a circle has less area than the circle: its radius is scaled up by this. */
const EQUAL_AREA = Math.sqrt(Math.PI / ((CIRCLE_STEPS / 2) * Math.sin((2 * Math.PI) / CIRCLE_STEPS)));

const fmt = (p: GeoJSON.Position) => `${(p[0] ?? 0).toFixed(4)}, ${(p[1] ?? 0).toFixed(4)}`;

function polygonsOf(geometry: AreaGeometry): GeoJSON.Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The land polygon (outer ring and holes) a point stands on, or undefined at sea. */
export function landmassAt(point: LonLat, land: AreaGeometry): GeoJSON.Polygon | undefined {
  for (const coordinates of polygonsOf(land)) {
    const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates };
    if (turf.booleanPointInPolygon(point, polygon)) return polygon;
  }
  return undefined;
}

/**
 * Distance in km along `bearingDeg` from `from` to where the line last leaves `landmass`, within
 * MAX_SHORE_KM; 0 when the point is already at sea.
 */
export function shoreDistanceKm(from: LonLat, bearingDeg: number, landmass: GeoJSON.Polygon): number {
  let last = 0;
  for (let km = 0; km <= MAX_SHORE_KM; km += STEP_KM) {
    const p = turf.destination(from, km, bearingDeg, { units: 'kilometers' }).geometry.coordinates;
    if (turf.booleanPointInPolygon(p, landmass)) last = km;
  }
  return last;
}

/**
 * A circle of the given radius (km) as a closed 24-sided polygon of the circle's area, rounded to 5 decimals
 * (about 1 m).
 */
export function circle(centre: LonLat, radiusKm: number): GeoJSON.Polygon {
  const drawn = turf.circle(centre, radiusKm * EQUAL_AREA, { steps: CIRCLE_STEPS, units: 'kilometers' });
  return turf.truncate(drawn, { precision: 5 }).geometry;
}

/** The radius of a circle of this area, km. */
export const radiusOfAreaKm = (areaKm2: number) => Math.sqrt(areaKm2 / Math.PI);

/** Rule broken by a zone that is not entirely at sea inside the basemap extent, or undefined. */
export function atSeaIssue(zone: GeoJSON.Polygon, land: AreaGeometry): Derived | undefined {
  const [west, south, east, north] = turf.bbox(land);
  const [zw, zs, ze, zn] = turf.bbox(zone);
  if (zw < west || zs < south || ze > east || zn > north) {
    return {
      rule: 'offshore zone outside the basemap',
      detail: `the zone spans ${zw.toFixed(3)}–${ze.toFixed(3)} E, ${zs.toFixed(3)}–${zn.toFixed(3)} N; the land it is checked against covers ${west}–${east} E, ${south}–${north} N`
    };
  }
  const onLand = zone.coordinates[0]?.find((p) => turf.booleanPointInPolygon(p, land));
  if (onLand || turf.booleanIntersects(turf.feature(zone), turf.feature(land))) {
    return {
      rule: 'offshore zone reaches land',
      detail: onLand
        ? `the zone's edge at ${fmt(onLand)} is on land`
        : 'the zone overlaps a land polygon of the basemap (an island inside it?)'
    };
  }
  return undefined;
}

/** Builds the geometry a derive op describes from the drawn Point and the basemap's land. */
export function deriveOffshore(
  derive: OffshoreDerive,
  drawn: GeoJSON.Geometry | null,
  land: AreaGeometry
): Derived {
  if (drawn?.type !== 'Point') {
    return { rule: 'bad derive', detail: `${derive.op}: draw the published reference point as a Point` };
  }
  const point = drawn.coordinates as LonLat;
  if (derive.op === 'offset') {
    const moved = turf.destination(point, derive.distance_km, derive.bearing_deg, { units: 'kilometers' });
    return { geometry: turf.truncate(moved, { precision: 5 }).geometry };
  }
  let centre = point;
  let radiusKm: number;
  if (derive.op === 'offshore') {
    if ((derive.area_km2 === undefined) === (derive.radius_km === undefined)) {
      return { rule: 'bad derive', detail: 'offshore: give exactly one of area_km2 and radius_km' };
    }
    const landmass = landmassAt(point, land);
    if (!landmass) {
      return {
        rule: 'bad derive',
        detail: `offshore: the reference point ${fmt(point)} is not on land; the distance is counted from its coast`
      };
    }
    const shoreKm = shoreDistanceKm(point, derive.bearing_deg, landmass);
    centre = turf.destination(point, shoreKm + derive.offshore_km, derive.bearing_deg, {
      units: 'kilometers'
    }).geometry.coordinates as LonLat;
    radiusKm = derive.radius_km ?? radiusOfAreaKm(derive.area_km2 ?? 0);
  } else {
    if (landmassAt(point, land)) {
      return { rule: 'bad derive', detail: `sea-circle: the centre ${fmt(point)} is on land` };
    }
    radiusKm = radiusOfAreaKm(derive.area_km2);
  }
  const zone = circle(centre, radiusKm);
  return atSeaIssue(zone, land) ?? { geometry: zone };
}
