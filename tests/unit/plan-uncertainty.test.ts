import { describe, expect, it } from 'vitest';
import { bandRings, uncertaintyData, uncertaintyLayer } from '../../src/lib/map/plan-uncertainty';
import type { PlanFeature } from '../../src/lib/plan/schema';

/** Distance in metres between two positions (haversine). */
function metres([lon1, lat1]: readonly number[], [lon2, lat2]: readonly number[]): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(r(lat2! - lat1!) / 2) ** 2 +
    Math.cos(r(lat1!)) * Math.cos(r(lat2!)) * Math.sin(r(lon2! - lon1!) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

const feature = (id: string, geometry: PlanFeature['geometry'], precision: string, uncertainty_m?: number) =>
  ({
    type: 'Feature',
    geometry,
    properties: { id, kind: 'x', layer: 'energy', precision, uncertainty_m, color: null }
  }) as unknown as PlanFeature;

describe('uncertainty bands and discs', () => {
  it('draws a point’s disc with its stated radius, a line’s band as wide each side, none when surveyed', () => {
    const data = uncertaintyData([
      feature('p', { type: 'Point', coordinates: [119.82, 35.61] }, 'indicative', 3000),
      feature('s', { type: 'Point', coordinates: [120.4, 36.1] }, 'surveyed'),
      feature(
        'l',
        {
          type: 'LineString',
          coordinates: [
            [120, 36],
            [120.2, 36.1]
          ]
        },
        'approximate',
        1000
      )
    ]);
    expect(data.features.map((f) => f.properties!['id'])).toEqual(['p', 'l']);
    const disc = (data.features[0]!.geometry as GeoJSON.MultiPolygon).coordinates[0]![0]!;
    for (const p of disc) expect(Math.abs(metres(p, [119.82, 35.61]) - 3000)).toBeLessThan(30);
    // The band's rectangle: its corners 1 km either side of the segment's ends.
    const rings = bandRings(
      [
        [120, 36],
        [120.2, 36.1]
      ],
      1000
    );
    const band = rings[rings.length - 1]!;
    expect(Math.abs(metres(band[0]!, [120, 36]) - 1000)).toBeLessThan(15);
    expect(Math.abs(metres(band[2]!, [120.2, 36.1]) - 1000)).toBeLessThan(15);
  });

  it('is translucent as a whole, so overlaps do not darken', () => {
    const paint = uncertaintyLayer().paint as Record<string, unknown>;
    expect(paint['fill-layer-opacity']).toBeDefined();
    expect(paint['fill-opacity']).toBeUndefined();
  });
});
