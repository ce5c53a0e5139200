/**
 * What the map needs to draw a feature honestly, added at build time: its positional uncertainty in metres
 * (a stated figure kept, else its precision class's default, labelled as such) and, for areas and lines, one
 * point on the feature where its name goes.
 */
import * as turf from '@turf/turf';
import type { PlanFeature } from '../../../src/lib/plan/schema';
import { UNCERTAINTY_DEFAULT_M } from '../../../src/lib/plan/vocabulary';

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A point well inside an area (the centre of its largest part when that lies inside it, else a point on
 * its surface), or the middle of a line along its length.
 */
export function labelPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    const longest = lines.map((c) => turf.lineString(c)).sort((a, b) => turf.length(b) - turf.length(a))[0];
    if (!longest) return null;
    const [lon, lat] = turf.along(longest, turf.length(longest) / 2).geometry.coordinates;
    return [round6(lon!), round6(lat!)];
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = parts.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a))[0];
  if (!largest) return null;
  const centre = turf.centerOfMass(largest);
  const point = turf.booleanPointInPolygon(centre, largest) ? centre : turf.pointOnFeature(largest);
  const [lon, lat] = point.geometry.coordinates;
  return [round6(lon!), round6(lat!)];
}

/** The feature with `uncertainty_m` / `uncertainty_basis` and, where it has one, `label_point`. */
export function withDrawingFacts(feature: PlanFeature): PlanFeature {
  const p = { ...feature.properties };
  if (p.uncertainty_m !== undefined) p.uncertainty_basis = 'stated';
  else if (p.precision !== 'surveyed') {
    p.uncertainty_m = UNCERTAINTY_DEFAULT_M[p.precision];
    p.uncertainty_basis = 'class-default';
  }
  const point = feature.geometry ? labelPoint(feature.geometry) : null;
  if (point) p.label_point = point;
  return { ...feature, properties: p };
}
