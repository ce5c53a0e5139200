import { describe, expect, it } from 'vitest';
import { boundsOverlap, type Bounds } from '$lib/geo/bounds';

describe('boundsOverlap', () => {
  const view: Bounds = [120.3, 36.0, 120.5, 36.2];

  it('sees a feature inside, across an edge, or touching the view', () => {
    expect(boundsOverlap([120.35, 36.05, 120.4, 36.1], view)).toBe(true);
    expect(boundsOverlap([120.45, 36.15, 120.7, 36.4], view)).toBe(true);
    expect(boundsOverlap([120.5, 36.2, 120.6, 36.3], view)).toBe(true);
    // A line crossing the whole view, its ends outside on both sides.
    expect(boundsOverlap([120.0, 36.1, 121.0, 36.1], view)).toBe(true);
  });

  it('misses a feature beside, above or below the view', () => {
    expect(boundsOverlap([120.51, 36.05, 120.6, 36.1], view)).toBe(false);
    expect(boundsOverlap([120.35, 36.21, 120.4, 36.3], view)).toBe(false);
    expect(boundsOverlap([120.35, 35.8, 120.4, 35.99], view)).toBe(false);
    // A point just below the view: the case of a station under the phone's bottom sheet.
    expect(boundsOverlap([120.4, 35.999, 120.4, 35.999], view)).toBe(false);
  });
});

describe('geometryBounds', () => {
  it('gives the same box as turf for every plan feature', async () => {
    const { bbox } = await import('@turf/bbox');
    const { geometryBounds } = await import('../../src/lib/geo/bounds');
    const { buildFeatures } = await import('../../scripts/steps/features-geojson');
    const { buildPlan } = await import('../../scripts/steps/plan-json');
    for (const feature of buildFeatures(buildPlan()).features) {
      expect(geometryBounds(feature), feature.properties.id).toEqual(bbox(feature));
    }
  });
});
