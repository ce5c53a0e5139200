/**
 * The near-me radius on the map: a MapLibre GeoJSON source with the circle and its origin, drawn as a faint
 * fill, a ring and a dot beneath the basemap's labels and the plan's own layers.
 */
import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { radiusCircle } from '$lib/geo/near-me';
import type { LonLat } from '$lib/geo/nearby';

export const NEAR_SOURCE = 'near-me';
export const NEAR_FILL_LAYER = 'near-me-fill';
export const NEAR_RING_LAYER = 'near-me-ring';
export const NEAR_ORIGIN_LAYER = 'near-me-origin';

const NEAR_COLOUR = '#0b4f6c';

/** The circle and its origin, or nothing while near-me is off. */
export function nearData(near: { origin: LonLat; radiusKm: number } | null): GeoJSON.FeatureCollection {
  if (!near) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: [
      radiusCircle(near.origin, near.radiusKm),
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [...near.origin] } }
    ]
  };
}

export function nearLayers(
  scale: number
): [FillLayerSpecification, LineLayerSpecification, CircleLayerSpecification] {
  return [
    {
      id: NEAR_FILL_LAYER,
      type: 'fill',
      source: NEAR_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': NEAR_COLOUR, 'fill-opacity': 0.07 }
    },
    {
      id: NEAR_RING_LAYER,
      type: 'line',
      source: NEAR_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': NEAR_COLOUR, 'line-width': 2 * scale, 'line-dasharray': [3, 2] }
    },
    {
      id: NEAR_ORIGIN_LAYER,
      type: 'circle',
      source: NEAR_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': NEAR_COLOUR,
        'circle-radius': 6 * scale,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2 * scale
      }
    }
  ];
}
