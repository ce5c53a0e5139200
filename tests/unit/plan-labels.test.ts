import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';
import { addPlanLabels, showPlanLabels } from '../../src/lib/map/plan-labels';

const features = buildFeatures(buildPlan()).features;

/** Just enough of a MapLibre map to add the labels to, counting each source's new data. */
function fakeMap() {
  const setData: Record<string, number> = {};
  const layers = new Set<string>();
  const map = {
    addSource: (id: string) => void (setData[id] = 0),
    getSource: (id: string) => (id in setData ? { setData: () => setData[id]!++ } : undefined),
    hasImage: () => false,
    addImage: () => {},
    addLayer: (layer: { id: string }) => void layers.add(layer.id),
    getLayer: (id: string) => (layers.has(id) ? { id } : undefined),
    setFilter: () => {}
  };
  return { map: map as unknown as MapLibreMap, setData };
}

describe('plan labels', () => {
  // Each new data makes MapLibre lay every label out again, first in its worker, then on the map: on a
  // first visit, the page asked for the same labels twice, and the map settled that much later.
  it('lay the labels out once when the page shows what was just added, and again only for a change', () => {
    const { map, setData } = fakeMap();
    addPlanLabels(map, features, 'zh', 1);
    showPlanLabels(map, features, 'zh', null);
    expect(setData).toEqual({ 'plan-labels': 0, 'plan-label-selected': 0 });

    const selected = features.find((f) => f.properties.name_zh)!.properties.id;
    showPlanLabels(map, features, 'zh', selected);
    expect(setData).toEqual({ 'plan-labels': 0, 'plan-label-selected': 1 });

    showPlanLabels(map, features, 'en', selected);
    expect(setData).toEqual({ 'plan-labels': 1, 'plan-label-selected': 2 });

    const filtered = features.slice(1);
    showPlanLabels(map, filtered, 'en', selected);
    expect(setData).toEqual({ 'plan-labels': 2, 'plan-label-selected': 3 });

    showPlanLabels(map, filtered, 'en', selected);
    expect(setData).toEqual({ 'plan-labels': 2, 'plan-label-selected': 3 });
  });
});
