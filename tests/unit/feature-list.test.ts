/** The map's list twin: which features are in a view, their order with and without near-me, and the keys. */
import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { featureBox, featuresInView, listRows, nextRowIndex } from '$lib/plan/feature-list';
import { viewBox, type Bounds } from '$lib/geo/bounds';
import type { PlanFeature } from '$lib/plan/schema';

const feature = (
  id: string,
  layer: string,
  kind: string,
  name_zh: string,
  name_en: string,
  geometry: GeoJSON.Geometry
) =>
  ({
    type: 'Feature',
    properties: { id, layer, kind, name_zh, name_en },
    geometry
  }) as unknown as PlanFeature;

const point = (lon: number, lat: number): GeoJSON.Point => ({ type: 'Point', coordinates: [lon, lat] });

// A view around May Fourth Square, about 6 km across.
const VIEW: Bounds = [120.35, 36.04, 120.42, 36.09];
const WUSI = [120.3826, 36.0631] as const;

const line11 = feature('metro-line-11', 'transport', 'metro-line', '11号线', 'Line 11', {
  type: 'LineString',
  // Both ends outside the view, passing through it.
  coordinates: [
    [120.3, 36.06],
    [120.5, 36.06]
  ]
});
const line2 = feature('metro-line-2', 'transport', 'metro-line', '2号线', 'Line 2', {
  type: 'LineString',
  coordinates: [
    [120.36, 36.05],
    [120.4, 36.07]
  ]
});
const station = feature(
  'metro-station-a',
  'transport',
  'metro-station',
  '五四广场',
  'May Fourth Square',
  point(120.3826, 36.062)
);
const far = feature(
  'airport',
  'transport',
  'airport',
  '胶东国际机场',
  'Jiaodong Airport',
  point(120.09, 36.36)
);
const zone = feature('zone-a', 'zones', 'urban-node', '中央商务区', 'Central business district', {
  type: 'Polygon',
  coordinates: [
    [
      [120.37, 36.05],
      [120.4, 36.05],
      [120.4, 36.08],
      [120.37, 36.08],
      [120.37, 36.05]
    ]
  ]
});
const park = feature('park-a', 'ecology', 'park', '中山公园', 'Zhongshan Park', point(120.36, 36.07));

const ALL = [line11, station, far, zone, line2, park];

describe('list twin', () => {
  it('lists what lies in the view, a line passing through it included, and everything with no view', () => {
    const ids = featuresInView(ALL, VIEW).map((f) => f.properties.id);
    expect(ids).toContain('metro-line-11');
    expect(ids).not.toContain('airport');
    expect(ids).toHaveLength(5);
    expect(featuresInView(ALL, null)).toHaveLength(ALL.length);
    // A view elsewhere holds none of them.
    expect(featuresInView(ALL, [121, 37, 121.1, 37.1])).toEqual([]);
  });

  it('measures each feature once', () => {
    expect(featureBox(line11)).toBe(featureBox(line11));
    expect(featureBox(line11)).toEqual([120.3, 36.06, 120.5, 36.06]);
  });

  it('orders by layer and kind as the legend does, then by name with numbers read as numbers', () => {
    const rows = listRows(ALL, { view: VIEW, origin: null, lang: 'zh' });
    expect(rows.map((r) => r.feature.properties.id)).toEqual([
      'zone-a',
      'park-a',
      'metro-line-2',
      'metro-line-11',
      'metro-station-a'
    ]);
    expect(rows.every((r) => r.distanceKm === null)).toBe(true);
  });

  it('orders nearest first while near-me has an origin, with true distances (0 inside an area)', () => {
    const rows = listRows(ALL, { view: null, origin: WUSI, lang: 'en' });
    expect(rows).toHaveLength(ALL.length);
    const km = rows.map((r) => r.distanceKm!);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    // The origin lies inside the zone and on no line: the zone comes first at 0, the airport last.
    expect(rows[0]!.feature.properties.id).toBe('zone-a');
    expect(rows[0]!.distanceKm).toBe(0);
    expect(rows.at(-1)!.feature.properties.id).toBe('airport');
    // Against turf's great-circle distance to the points.
    for (const row of rows.filter((r) => r.feature.geometry.type === 'Point')) {
      const coords = (row.feature.geometry as GeoJSON.Point).coordinates;
      const turfKm = distance([...WUSI], coords, { units: 'kilometers' });
      expect(Math.abs(row.distanceKm! - turfKm) / turfKm).toBeLessThan(0.001);
    }
  });

  it('moves the active row with the arrow, Home, End and page keys, never past either end', () => {
    expect(nextRowIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextRowIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextRowIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextRowIndex('ArrowUp', 2, 3)).toBe(1);
    expect(nextRowIndex('Home', 2, 3)).toBe(0);
    expect(nextRowIndex('End', 0, 3)).toBe(2);
    expect(nextRowIndex('PageDown', 0, 30)).toBe(10);
    expect(nextRowIndex('PageUp', 5, 30)).toBe(0);
    expect(nextRowIndex('Enter', 0, 3)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0)).toBeNull();
  });

  it("reads a MapLibre view's bounds, refusing a box that is not finite", () => {
    const bounds = (w: number, s: number, e: number, n: number) => ({
      getWest: () => w,
      getSouth: () => s,
      getEast: () => e,
      getNorth: () => n
    });
    expect(viewBox(bounds(1, 2, 3, 4))).toEqual([1, 2, 3, 4]);
    expect(viewBox(bounds(1, NaN, 3, 4))).toBeNull();
  });
});
