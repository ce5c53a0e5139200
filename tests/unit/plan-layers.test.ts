import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';
import { planData, planLayers } from '../../src/lib/map/plan-layers';
import { outlineData } from '../../src/lib/map/plan-outlines';
import { DashedPathLayer } from '../../src/lib/map/dashed-path-layer';
import { NOT_RUNNING_DASH, PRECISION_DASH } from '../../src/lib/map/symbology';

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

  it('dash lines by precision and metro lines not yet running, and nothing else', () => {
    const layers = planLayers(planData(features), { hoveredId: null, selectedId: null, scale: 1 }, placement);
    const layer = (id: string) => layers.find((l) => l.id === id)!;
    const precisionOf = new Map(features.map((f) => [f.properties.id, f.properties.precision]));
    const lines = layer('plan-lines');
    expect(lines).toBeInstanceOf(DashedPathLayer);
    const getDash = (lines.props as unknown as { getDashArray: (d: { id: string }) => number[] })
      .getDashArray;
    const data = lines.props.data as { id: string }[];
    let dashed = 0;
    for (const d of data) {
      const expected = PRECISION_DASH[precisionOf.get(d.id)!] ?? [0, 0];
      expect(getDash(d), d.id).toEqual([...expected]);
      if (expected[0]) dashed++;
    }
    expect(dashed).toBeGreaterThan(0);
    const notRunning = layer('metro-lines-not-running');
    expect(notRunning).toBeInstanceOf(DashedPathLayer);
    expect((notRunning.props as unknown as { getDashArray: number[] }).getDashArray).toEqual([
      ...NOT_RUNNING_DASH
    ]);
    // The running metro and its casing are drawn solid (the pattern's gap is 0).
    for (const id of ['metro-lines', 'metro-lines-casing'])
      expect((layer(id).props as unknown as { getDashArray: number[] }).getDashArray[1], id).toBe(0);
  });
});
