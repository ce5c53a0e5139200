/**
 * The drawing facts the build adds to every feature: an uncertainty is either the figure the curated file
 * states or its precision class's default, and says which; a label point lies on its area.
 */
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { labelPoint, withDrawingFacts } from '../../scripts/pipeline/features/drawing';
import type { PlanFeature } from '$lib/plan/schema';
import { UNCERTAINTY_DEFAULT_M } from '$lib/plan/vocabulary';

const feature = (properties: Partial<PlanFeature['properties']>, geometry: GeoJSON.Geometry): PlanFeature =>
  ({
    type: 'Feature',
    geometry,
    properties: { id: 'x', kind: 'park', precision: 'indicative', articles: [1], ...properties }
  }) as PlanFeature;

const point: GeoJSON.Point = { type: 'Point', coordinates: [120.3, 36.1] };
// A U-shaped area whose centre of mass falls in the gap between its arms.
const u: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [120, 36],
      [120.3, 36],
      [120.3, 36.3],
      [120.2, 36.3],
      [120.2, 36.05],
      [120.1, 36.05],
      [120.1, 36.3],
      [120, 36.3],
      [120, 36]
    ]
  ]
};

describe('withDrawingFacts', () => {
  it('keeps a stated uncertainty and says it is stated', () => {
    const p = withDrawingFacts(feature({ uncertainty_m: 10000 }, point)).properties;
    expect([p.uncertainty_m, p.uncertainty_basis]).toEqual([10000, 'stated']);
  });

  it('labels a precision class default as the class default, and gives a surveyed position none', () => {
    for (const precision of ['approximate', 'indicative'] as const) {
      const p = withDrawingFacts(feature({ precision }, point)).properties;
      expect([p.uncertainty_m, p.uncertainty_basis]).toEqual([
        UNCERTAINTY_DEFAULT_M[precision],
        'class-default'
      ]);
    }
    const surveyed = withDrawingFacts(feature({ precision: 'surveyed' }, point)).properties;
    expect(surveyed.uncertainty_m).toBeUndefined();
    expect(surveyed.uncertainty_basis).toBeUndefined();
  });

  it('puts an area’s label point inside the area, even where its centre is not', () => {
    const at = labelPoint(u)!;
    expect(turf.booleanPointInPolygon(at, u)).toBe(true);
    expect(withDrawingFacts(feature({}, u)).properties.label_point).toEqual(at);
    expect(withDrawingFacts(feature({}, point)).properties.label_point).toBeUndefined();
  });
});
