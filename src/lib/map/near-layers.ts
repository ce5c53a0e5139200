/**
 * The near-me radius on the map: a MapLibre GeoJSON source with the circle and its origin, drawn as a faint
 * fill, a ring and a dot beneath the basemap's labels and the plan's own layers; and the gestures that
 * start near-me from a point of the map. The map page loads this after the basemap's first frame.
 */
import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
  Map as MapLibreMap,
  MapMouseEvent,
  MapTouchEvent
} from 'maplibre-gl';
import { radiusCircle } from '$lib/geo/near-me';

export { radiusCircle };
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

/**
 * Near-me from a point on the map, started by `onStart`: a right-click, or a long press of one finger that does not move (a
 * drag or a pinch cancels it). A long press on a touch screen may also fire a contextmenu; it starts
 * near-me once.
 */
export function nearGestures(map: MapLibreMap, onStart: (origin: LonLat) => void): () => void {
  const LONG_PRESS_MS = 550;
  const SLOP_PX = 10;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let start: { x: number; y: number } | null = null;
  let lastStart = 0;
  const begin = (lngLat: { lng: number; lat: number }) => {
    const now = Date.now();
    if (now - lastStart < 800) return;
    lastStart = now;
    onStart([lngLat.lng, lngLat.lat]);
  };
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    start = null;
  };
  const onContextMenu = (event: MapMouseEvent) => {
    event.originalEvent.preventDefault();
    begin(event.lngLat);
  };
  const onTouchStart = (event: MapTouchEvent) => {
    cancel();
    if (event.originalEvent.touches.length !== 1) return;
    start = { x: event.point.x, y: event.point.y };
    const lngLat = event.lngLat;
    timer = setTimeout(() => {
      timer = undefined;
      begin(lngLat);
    }, LONG_PRESS_MS);
  };
  const onTouchMove = (event: MapTouchEvent) => {
    if (!start) return;
    if (
      event.originalEvent.touches.length !== 1 ||
      Math.hypot(event.point.x - start.x, event.point.y - start.y) > SLOP_PX
    )
      cancel();
  };
  map.on('contextmenu', onContextMenu);
  map.on('touchstart', onTouchStart);
  map.on('touchmove', onTouchMove);
  map.on('touchend', cancel);
  map.on('touchcancel', cancel);
  map.on('movestart', cancel);
  return () => {
    cancel();
    map.off('contextmenu', onContextMenu);
    map.off('touchstart', onTouchStart);
    map.off('touchmove', onTouchMove);
    map.off('touchend', cancel);
    map.off('touchcancel', cancel);
    map.off('movestart', cancel);
  };
}
