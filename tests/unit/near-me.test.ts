/** Near me: the radius circle against turf's great-circle distance, and which plan features are listed. */
import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { radiusCircle } from '$lib/geo/near-me';
import { clampRadiusKm } from '$lib/state/url-state';
import { nameOrigin, planFeaturesNear } from '$lib/geo/nearby';
import { formatDistance } from '$lib/i18n/format';
import type { PlanFeature } from '$lib/plan/schema';

const WUSI = [120.3826, 36.0631] as const;

const feature = (id: string, geometry: GeoJSON.Geometry, outside = false) =>
  ({
    type: 'Feature',
    properties: { id, ...(outside ? { outside_qingdao: true } : {}) },
    geometry
  }) as unknown as PlanFeature;

describe('near me', () => {
  it('draws every vertex of the radius circle at the radius, by turf', () => {
    for (const km of [1, 3, 20]) {
      const ring = radiusCircle(WUSI, km).geometry.coordinates[0]!;
      expect(ring.at(0)).toEqual(ring.at(-1));
      expect(ring.length).toBe(97);
      for (const vertex of ring) {
        expect(Math.abs(distance([...WUSI], vertex, { units: 'kilometers' }) - km)).toBeLessThan(1e-6);
      }
      // It goes all the way round: north, east, south and west of the origin.
      const lons = ring.map((p) => p[0]!);
      const lats = ring.map((p) => p[1]!);
      expect(Math.max(...lats)).toBeGreaterThan(WUSI[1]);
      expect(Math.min(...lats)).toBeLessThan(WUSI[1]);
      expect(Math.max(...lons)).toBeGreaterThan(WUSI[0]);
      expect(Math.min(...lons)).toBeLessThan(WUSI[0]);
    }
  });

  it('keeps radii within 1–20 km, to half a kilometre', () => {
    expect(clampRadiusKm(0)).toBe(1);
    expect(clampRadiusKm(0.2)).toBe(1);
    expect(clampRadiusKm(25)).toBe(20);
    expect(clampRadiusKm(3.3)).toBe(3.5);
    expect(clampRadiusKm(7)).toBe(7);
    expect(clampRadiusKm(Number.NaN)).toBe(3);
  });

  it('lists features inside the radius by true distance and leaves out context features', () => {
    // A line passing 1 km east of the origin (its vertices farther), an area around the origin, a point
    // 2 km north, one 5 km north, and a context feature on the origin itself.
    const kmLat = 1 / 111.195;
    const kmLon = kmLat / Math.cos((WUSI[1] * Math.PI) / 180);
    const line = feature('line', {
      type: 'LineString',
      coordinates: [
        [WUSI[0] + kmLon, WUSI[1] - 4 * kmLat],
        [WUSI[0] + kmLon, WUSI[1] + 4 * kmLat]
      ]
    });
    const area = feature('area', {
      type: 'Polygon',
      coordinates: [
        [
          [WUSI[0] - kmLon, WUSI[1] - kmLat],
          [WUSI[0] + 0.5 * kmLon, WUSI[1] - kmLat],
          [WUSI[0] + 0.5 * kmLon, WUSI[1] + kmLat],
          [WUSI[0] - kmLon, WUSI[1] + kmLat],
          [WUSI[0] - kmLon, WUSI[1] - kmLat]
        ]
      ]
    });
    const near = feature('near', { type: 'Point', coordinates: [WUSI[0], WUSI[1] + 2 * kmLat] });
    const far = feature('far', { type: 'Point', coordinates: [WUSI[0], WUSI[1] + 5 * kmLat] });
    const context = feature('context', { type: 'Point', coordinates: [...WUSI] }, true);
    const ranked = planFeaturesNear([far, near, context, line, area], WUSI, 3);
    expect(ranked.map((r) => r.feature.properties.id)).toEqual(['area', 'line', 'near']);
    expect(ranked[0]!.distanceKm).toBe(0);
    expect(ranked[1]!.distanceKm).toBeCloseTo(1, 2);
    expect(ranked[2]!.distanceKm).toBeCloseTo(2, 2);
    expect(planFeaturesNear([far, near], WUSI, 6).map((r) => r.feature.properties.id)).toEqual([
      'near',
      'far'
    ]);
  });
});

describe('near-me distances as shown', () => {
  it('gives metres to 10 m under a kilometre and kilometres to 0.1 above', () => {
    expect(formatDistance(0.372)).toBe('370 m');
    expect(formatDistance(0.004)).toBe('0 m');
    expect(formatDistance(0.996)).toBe('1.0 km');
    expect(formatDistance(1)).toBe('1.0 km');
    expect(formatDistance(12.34)).toBe('12.3 km');
  });

  it('names an origin by the place it sits on, else the nearest place that is not a district', () => {
    const points = [
      { name_zh: '市南区', name_en: 'Shinan', lon: 120.3826, lat: 36.0631, kind: 'district' },
      { name_zh: '五四广场', name_en: 'May Fourth Square', lon: 120.3845, lat: 36.0617 },
      { name_zh: '远处', name_en: 'Far', lon: 120.9, lat: 36.5 }
    ];
    // On the district's own point (as picked in search): the district, exactly.
    expect(nameOrigin(WUSI, points)).toMatchObject({ point: { name_zh: '市南区' }, exact: true });
    // 500 m east of it: not the district, whose point is no landmark, but the square, with its distance.
    const east: [number, number] = [WUSI[0] + 0.0056, WUSI[1]];
    const named = nameOrigin(east, points)!;
    expect(named.point.name_zh).toBe('五四广场');
    expect(named.exact).toBe(false);
    expect(named.distanceKm).toBeCloseTo(distance(east, [120.3845, 36.0617], { units: 'kilometers' }), 2);
    // Nothing named within 5 km.
    expect(nameOrigin([121.5, 37], points)).toBeNull();
  });
});
