import { describe, expect, it } from 'vitest';
import {
  createPropertyExpression,
  latest,
  type StylePropertySpecification
} from '@maplibre/maplibre-gl-style-spec';
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

  /** The tint (0–1) MapLibre draws a disc of `metres` with at `zoom`: the layer's opacity × the feature's. */
  function tint(metres: number, zoom: number): { tint: number; own: number } {
    const [data] = uncertaintyData([
      feature('p', { type: 'Point', coordinates: [120.4, 36.1] }, 'approximate', metres)
    ]).features;
    const paint = uncertaintyLayer().paint as Record<string, unknown>;
    const spec = latest['paint_fill'] as unknown as Record<string, StylePropertySpecification>;
    const evaluate = (key: string, feature?: GeoJSON.Feature) => {
      if (paint[key] === undefined) return 1; // the property's default
      const parsed = createPropertyExpression(paint[key], key, spec[key]!);
      if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
      return parsed.value.evaluate({ zoom }, feature as never) as number;
    };
    const own = evaluate('fill-opacity', data);
    return { tint: evaluate('fill-layer-opacity') * own, own };
  }

  it('fades each band in by its own width: a 1 km disc is fainter than a 3 km one where that is full', () => {
    // The zoom at which the 3 km disc reaches its strongest tint, sampled finely.
    const zooms = Array.from({ length: 161 }, (_, i) => 6 + i * 0.05);
    const peak = (metres: number) =>
      zooms.reduce((a, z) => (tint(metres, z).tint > tint(metres, a).tint ? z : a));
    const full3 = peak(3000);
    expect(tint(3000, full3).tint).toBeCloseTo(32 / 255, 3);
    // Not yet at full tint where the 3 km one is: about as faint as a narrow band (14/255).
    expect(tint(1000, full3).tint).toBeLessThan(0.5 * tint(3000, full3).tint);
    // It reaches its strongest later, once it is about as wide on screen (1.6 zoom levels for a third of
    // the width), and is then as strong as the 3 km one at that zoom.
    const full1 = peak(1000);
    expect(full1).toBeGreaterThan(full3 + 0.8);
    const wide = full3 + Math.log2(3);
    expect(tint(1000, wide).tint).toBeCloseTo(tint(3000, wide).tint, 2);
  });

  it('is translucent as a whole, so overlaps of 3 km bands and discs (and wider) do not darken', () => {
    const paint = uncertaintyLayer().paint as Record<string, unknown>;
    expect(paint['fill-layer-opacity']).toBeDefined();
    // Opaque inside the layer's buffer: laid over each other, they are one surface.
    for (let zoom = 5; zoom <= 19; zoom += 0.1) {
      expect(tint(3000, zoom).own).toBeGreaterThan(0.999);
      expect(tint(10000, zoom).own).toBeGreaterThan(0.999);
    }
  });

  it('calms very wide bands (zoom 12–14 over the city) but keeps them readable', () => {
    for (const zoom of [12, 13, 14]) {
      expect(tint(3000, zoom).tint).toBeLessThan(0.8 * (32 / 255));
      expect(tint(3000, zoom).tint).toBeGreaterThan(0.06);
    }
    expect(tint(3000, 14).tint).toBeCloseTo(18 / 255, 3);
  });
});
