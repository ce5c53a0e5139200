/**
 * The part of the map's symbology that the basemap's style needs for its first frame (see symbology.ts,
 * which re-exports it): the zoom curve of sizes, and the district labels' sizes.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

/** `['interpolate', linear, zoom, z1, v1 × scale, …]`: a size that grows with zoom and the text scale. */
export function zoomCurve(stops: readonly (readonly [number, number])[], scale = 1): ExpressionSpecification {
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...stops.flatMap(([zoom, value]) => [zoom, value * scale])
  ] as unknown as ExpressionSpecification; // The spread defeats the tuple type; the shape is right.
}

/** District label size by zoom. */
export const DISTRICT_LABEL_SIZE = [
  [7, 11],
  [10, 14],
  [13, 18]
] as const;
