import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';
import { planData, planLayers } from '../../src/lib/map/plan-layers';
import { outlineData } from '../../src/lib/map/plan-outlines';

// The real features, as the pipeline builds them.
const features = buildFeatures(buildPlan()).features;
const placement = { fillsBefore: 'plan-outlines', linesBefore: 'district-label' };

describe('plan layers', () => {
  it('keep the same data objects between hovers, so deck.gl regenerates only what the triggers name', () => {
    const data = planData(features);
    const idle = planLayers(data, { hoveredId: null, selectedId: null, scale: 1 }, placement);
    const hovering = planLayers(
      data,
      { hoveredId: 'metro-line-3', selectedId: 'metro-line-2', scale: 1 },
      placement
    );
    expect(hovering.map((l) => l.id)).toEqual(idle.map((l) => l.id));
    hovering.forEach((layer, i) => expect(layer.props.data, layer.id).toBe(idle[i]!.props.data));
  });

  it('put the area fills beneath the outlines and everything else beneath the labels', () => {
    const layers = planLayers(planData(features), { hoveredId: null, selectedId: null, scale: 1 }, placement);
    const before = (id: string) => (layers.find((l) => l.id === id)!.props as { beforeId?: string }).beforeId;
    expect(before('plan-areas')).toBe('plan-outlines');
    for (const layer of layers.filter((l) => l.id !== 'plan-areas'))
      expect(before(layer.id)).toBe('district-label');
  });

  it('draw no area outline in deck.gl: every polygon ring is in the MapLibre outline source instead', () => {
    const data = planData(features);
    const polygonal = features.filter(
      (f) => !f.properties.kind.startsWith('metro-') && /Polygon$/.test(f.geometry.type)
    );
    expect(outlineData(features).features.map((f) => f.properties!.id)).toEqual(
      polygonal.map((f) => f.properties.id)
    );
    const lineIds = new Set(data.lines.map((l) => l.id));
    for (const f of polygonal) expect(lineIds.has(f.properties.id)).toBe(false);
  });
});
