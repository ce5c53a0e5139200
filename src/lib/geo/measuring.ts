/**
 * Measuring on the map: the length of a drawn path and the area of a drawn polygon, geodesic by turf
 * (great-circle distances, spherical area), with the figures as the measuring panel and the area answer show
 * them.
 */
import { area as turfArea, length as turfLength } from '@turf/turf';
import type { Geometry, Position } from 'geojson';

/** Metres along a path. */
export function pathLengthM(path: readonly Position[]): number {
  if (path.length < 2) return 0;
  return turfLength(
    { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...path] } },
    { units: 'meters' }
  );
}

/** Square metres of a polygon or multipolygon (holes taken out); 0 for any other geometry. */
export function areaM2(geometry: Geometry): number {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return 0;
  return turfArea(geometry);
}

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "850 m" under a kilometre, "1.25 km" under 100 km, "215.3 km" beyond. */
export function formatLength(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  const km = metres / 1000;
  return `${number(km, km < 100 ? 2 : 1)} km`;
}

/**
 * An area in the unit that reads best with hectares beside it: "8,500 m² · 0.85 ha" under a hectare's
 * hundredth of a square kilometre, "3.42 km² · 342 ha" above.
 */
export function formatArea(squareMetres: number): string {
  const ha = squareMetres / 10_000;
  const haText = `${number(ha, ha < 10 ? 2 : ha < 1000 ? 1 : 0)} ha`;
  if (squareMetres < 100_000) return `${number(Math.round(squareMetres), 0)} m² · ${haText}`;
  const km2 = squareMetres / 1e6;
  return `${number(km2, km2 < 100 ? 2 : 1)} km² · ${haText}`;
}
