/**
 * Qingdao's region as the curated layers are checked and derived against: the basemap's district and land
 * polygons (static/geo), and the distance of a position from the districts.
 */
import * as turf from '@turf/turf';
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import { pointToSegmentSqKm } from '../../../src/lib/geo/measure';
import { parseJson, readText } from '../read';

export const DISTRICTS_FILE = 'static/geo/districts.geojson';
export const LAND_FILE = 'static/geo/land.geojson';

/**
 * How far outside the district polygons a vertex may lie and still count as in Qingdao. The districts are
 * land only, with a ~100 m-quantised outline, so coastal works, reclaimed land and the rims of bays sit just
 * outside them; 3 km admits those and nothing in a neighbouring city's interior.
 */
export const REGION_BUFFER_KM = 3;

export type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** Qingdao's district polygons and the land polygons, as the in-region rule and the derivations use them. */
export interface Region {
  districts: { adcode: string; name_zh: string; geometry: AreaGeometry; bbox: GeoJSON.BBox }[];
  land: GeoJSON.Feature<AreaGeometry>;
  /** Every edge of every district ring, for distances from points outside the districts. */
  edges: [number, number, number, number][];
}

const districtFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ adcode: z.string().regex(/^\d{6}$/), name_zh: z.string().min(1) }).loose(),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
      })
    )
    .min(1)
});

export function polygonsOf(geometry: AreaGeometry): GeoJSON.Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Builds the region from the text of the basemap's districts and land files. */
export function regionFromText(districtsText: string, landText: string): Region {
  const parsed = districtFileSchema.safeParse(parseJson(districtsText, DISTRICTS_FILE));
  if (!parsed.success) {
    throw new DataError(DISTRICTS_FILE, 'file', 'not a FeatureCollection of district polygons');
  }
  const districts = parsed.data.features.map((f) => {
    const geometry = f.geometry as AreaGeometry;
    return {
      adcode: f.properties.adcode,
      name_zh: f.properties.name_zh,
      geometry,
      bbox: turf.bbox(geometry)
    };
  });
  const edges: Region['edges'] = [];
  for (const { geometry } of districts) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1];
          const b = ring[i];
          if (a && b) edges.push([a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0]);
        }
      }
    }
  }
  const landFile = z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({ geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']) }).loose() }).loose()
      )
    })
    .safeParse(parseJson(landText, LAND_FILE));
  const landGeometry = landFile.success ? landFile.data.features[0]?.geometry : undefined;
  if (!landGeometry || landFile.data?.features.length !== 1) {
    throw new DataError(LAND_FILE, 'file', 'expected one land (Multi)Polygon feature');
  }
  return { districts, land: turf.feature(landGeometry as unknown as AreaGeometry), edges };
}

/** Reads the basemap files the curated layers are checked and derived against. */
export function readRegion(root = process.cwd()): Region {
  return regionFromText(readText(root, DISTRICTS_FILE), readText(root, LAND_FILE));
}

/** Distance in km from a point to the nearest district (0 inside one); planar at the point's latitude. */
export function regionDistanceKm(region: Region, [lon, lat]: [number, number]): number {
  for (const { geometry, bbox } of region.districts) {
    if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) continue;
    if (turf.booleanPointInPolygon([lon, lat], geometry)) return 0;
  }
  let best = Infinity;
  for (const [x1, y1, x2, y2] of region.edges) {
    const d = pointToSegmentSqKm([lon, lat], [x1, y1], [x2, y2]);
    if (d < best) best = d;
  }
  return Math.sqrt(best);
}
