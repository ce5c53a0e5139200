import { describe, expect, it } from 'vitest';
import { lengthProgress } from '../../src/lib/plan/progress';
import type { PlanFeature, Target } from '../../src/lib/plan/schema';

const target: Target = {
  id: 'a41-1',
  kind: 'quantity',
  article: 41,
  chapter: 4,
  metric_zh: '轨道交通通车里程',
  metric_en: 'Rail transit open to traffic',
  value: 352,
  unit: '公里',
  comparator: '≥',
  period: '2025',
  quote_zh: '到2025年轨道交通通车里程达到352公里',
  outcomes: []
};

function line(
  id: string,
  status: PlanFeature['properties']['status'],
  stations: number,
  official: number | null
) {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [] },
    properties: {
      id,
      name_zh: id,
      name_en: id,
      layer: 'transport',
      kind: 'metro-line',
      status,
      articles: [41],
      targets: ['a41-1'],
      precision: 'approximate',
      precision_note: 'n',
      source: 's',
      length_stations_km: stations,
      length_official_km: official
    }
  } as PlanFeature;
}

describe('lengthProgress', () => {
  it('sums operating lines only, keeping official and computed lengths apart', () => {
    const progress = lengthProgress(target, [
      line('a', 'operating', 10, 11),
      line('b', 'operating', 20, null),
      line('c', 'under-construction', 30, 31)
    ]);
    expect(progress).toEqual({ features: 2, stationsKm: 30, officialKm: 11, officialCount: 1 });
  });

  it('is null for a target that is not a length, or that nothing on the map serves', () => {
    expect(lengthProgress({ ...target, unit: '%' }, [line('a', 'operating', 10, 11)])).toBeNull();
    expect(lengthProgress({ ...target, id: 'a1-1' }, [line('a', 'operating', 10, 11)])).toBeNull();
  });
});
