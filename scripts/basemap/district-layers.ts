/**
 * What the map draws from the fitted districts: their fills with a tint that differs between neighbours,
 * the border lines (between districts, and the city limit on land), and one label point each.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { BASEMAP_COLOURS } from '../../src/lib/map/basemap-style';
import { DISTRICTS } from './districts';
import {
  areaKm2,
  ringBBox,
  ringsOf,
  roundPos,
  type MultiPolygonCoords,
  type PolygonCoords,
  type Ring
} from './geometry';
import { SegmentIndex } from './segment-index';

/** Two edges closer than this (km) at a segment's midpoint are one border. */
const BORDER_TOLERANCE_KM = 0.005;

/** For each segment of a ring, whether it runs along `edges` (its midpoint lies on one of them). */
function segmentsOn(ring: Ring, edges: SegmentIndex, toleranceKm: number): boolean[] {
  const on: boolean[] = [];
  for (let k = 1; k < ring.length; k++) {
    const a = ring[k - 1]!;
    const b = ring[k]!;
    on.push(edges.nearestKm([(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2], toleranceKm * 2) <= toleranceKm);
  }
  return on;
}

/** Joins the runs of consecutive selected segments of a ring into lines. */
function runs(ring: Ring, selected: boolean[]): Position[][] {
  const lines: Position[][] = [];
  // Start at an unselected segment so a run that wraps round the ring's start stays whole.
  const start = selected.indexOf(false);
  if (start < 0) return [ring];
  let current: Position[] | null = null;
  for (let s = 0; s < selected.length; s++) {
    const k = (start + s) % selected.length;
    if (selected[k]) {
      current ??= [ring[k]!];
      current.push(ring[k + 1]!);
    } else if (current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Greedy colouring of the district adjacency graph, so neighbours get different tints. */
function colour(adjacent: Set<number>[]): number[] {
  const order = adjacent.map((_, i) => i).sort((a, b) => adjacent[b]!.size - adjacent[a]!.size);
  const tint: number[] = adjacent.map(() => -1);
  for (const i of order) {
    const used = new Set([...adjacent[i]!].map((j) => tint[j]));
    let t = 0;
    while (used.has(t)) t++;
    tint[i] = t;
  }
  return tint;
}

/** Signed distance (km, positive inside) from p to the nearest edge of a polygon with holes. */
function insideDistanceKm(poly: PolygonCoords, p: Position, edges: SegmentIndex): number {
  const inside = booleanPointInPolygon(p, { type: 'Polygon', coordinates: poly });
  return (inside ? 1 : -1) * edges.nearestKm(p, 100);
}

/**
 * The point of a polygon farthest from its edges (its "pole of inaccessibility"), found by a grid search
 * refined three times. A label there sits on land and well clear of the coast and the borders.
 */
function labelPoint(multi: MultiPolygonCoords): Position {
  const largest = [...multi].sort((a, b) => areaKm2([b]) - areaKm2([a]))[0];
  if (!largest?.[0]) throw new Error('no polygon to label');
  const edges = new SegmentIndex(largest, 0.01);
  let [x0, y0, x1, y1] = ringBBox(largest[0]);
  let best: Position = [(x0 + x1) / 2, (y0 + y1) / 2];
  let bestD = -Infinity;
  for (let pass = 0; pass < 4; pass++) {
    const n = 24;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p: Position = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        const d = insideDistanceKm(largest, p, edges);
        if (d > bestD) [best, bestD] = [p, d];
      }
    }
    const [w, h] = [(x1 - x0) / 8, (y1 - y0) / 8];
    [x0, y0, x1, y1] = [best[0]! - w, best[1]! - h, best[0]! + w, best[1]! + h];
  }
  if (bestD <= 0) throw new Error('label point search found no interior point');
  return roundPos(best);
}

type BoundaryFeature = Feature<LineString, { kind: 'district' | 'city' }>;
type DistrictProps = { adcode: string; name_zh: string; name_en: string };

export interface DistrictLayers {
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictProps & { tint: number }>;
  boundaries: FeatureCollection<LineString, { kind: 'district' | 'city' }>;
  labels: FeatureCollection<Point, DistrictProps>;
}

/**
 * Builds the three district files from the fitted districts (in the order of DISTRICTS) and the
 * neighbouring cities they were fitted with.
 */
export function districtLayers(
  fitted: MultiPolygonCoords[],
  neighbours: MultiPolygonCoords[]
): DistrictLayers {
  // Boundaries: segments shared with a later district (each border once), and segments on a
  // neighbouring city's border (the city limit on land). Coast segments are left to the land/sea edge.
  const neighbourEdges = new SegmentIndex(ringsOf(neighbours), 0.02);
  const adjacent = fitted.map(() => new Set<number>());
  const boundaries: BoundaryFeature[] = [];
  const line = (kind: 'district' | 'city', coordinates: Position[]): BoundaryFeature => ({
    type: 'Feature',
    properties: { kind },
    geometry: { type: 'LineString', coordinates }
  });
  fitted.forEach((district, i) => {
    const later = new SegmentIndex(ringsOf(fitted.slice(i + 1)), 0.02);
    for (const ring of ringsOf([district])) {
      const shared = segmentsOn(ring, later, BORDER_TOLERANCE_KM);
      const city = segmentsOn(ring, neighbourEdges, BORDER_TOLERANCE_KM).map((on, k) => on && !shared[k]);
      for (const coordinates of runs(ring, shared)) boundaries.push(line('district', coordinates));
      for (const coordinates of runs(ring, city)) boundaries.push(line('city', coordinates));
    }
    fitted.forEach((other, j) => {
      if (j === i) return;
      const edges = new SegmentIndex(ringsOf([other]), 0.02);
      if (
        [...ringsOf([district])].some((ring) => segmentsOn(ring, edges, BORDER_TOLERANCE_KM).some(Boolean))
      ) {
        adjacent[i]!.add(j);
      }
    });
  });
  const tints = colour(adjacent);
  if (Math.max(...tints) >= BASEMAP_COLOURS.tints.length) {
    throw new Error(
      `the district colouring needs ${Math.max(...tints) + 1} tints, the style has ${BASEMAP_COLOURS.tints.length}`
    );
  }

  const props = (i: number): DistrictProps => {
    const d = DISTRICTS[i]!;
    return { adcode: d.adcode, name_zh: d.name_zh, name_en: d.name_en };
  };
  return {
    districts: {
      type: 'FeatureCollection',
      features: fitted.map((d, i) => ({
        type: 'Feature',
        properties: { ...props(i), tint: tints[i]! },
        geometry:
          d.length === 1 ? { type: 'Polygon', coordinates: d[0]! } : { type: 'MultiPolygon', coordinates: d }
      }))
    },
    boundaries: { type: 'FeatureCollection', features: boundaries },
    labels: {
      type: 'FeatureCollection',
      features: fitted.map((d, i) => ({
        type: 'Feature',
        properties: props(i),
        geometry: { type: 'Point', coordinates: labelPoint(d) }
      }))
    }
  };
}
