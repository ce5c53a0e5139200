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
    const dashOf = (id: string) => {
      const layerData = layer(id).props.data as { id: string }[];
      expect(layerData.length, id).toBeGreaterThan(0);
      const get = (layer(id).props as unknown as { getDashArray: (d: unknown) => number[] }).getDashArray;
      return new Set(layerData.map((d) => JSON.stringify(get(d))));
    };
    expect(layer('metro-lines-not-running')).toBeInstanceOf(DashedPathLayer);
    expect([...dashOf('metro-lines-not-running')]).toEqual([JSON.stringify([...NOT_RUNNING_DASH])]);
    // The running metro and its casing are drawn solid (the pattern's gap is 0).
    for (const id of ['metro-lines', 'metro-lines-casing'])
      for (const dash of dashOf(id)) expect(JSON.parse(dash)[1], id).toBe(0);
  });

  // Software WebGL (SwiftShader, as on machines without a GPU) compiles a pipeline for each vertex layout
  // a program is drawn with, at its first draw: 130-470 ms each, all before the map first settles. deck.gl
  // gives a constant accessor no buffer and a layer nobody picks no picking buffer, so either makes a new
  // layout; layers of one kind must agree on both.
  it('give every layer of one kind the same vertex layout, so each kind is compiled once', () => {
    const layers = planLayers(planData(features), { hoveredId: null, selectedId: null, scale: 1 }, placement);
    const layoutOf = (layer: (typeof layers)[number]) => {
      const props = layer.props as unknown as Record<string, unknown>;
      const accessors: string[] = [];
      // Own and default props alike (deck.gl keeps the defaults on the props' prototype).
      for (const key in props) if (/^get[A-Z]/.test(key)) accessors.push(`${key}:${typeof props[key]}`);
      const picking = Boolean(props.pickable) || Number.isInteger(props.highlightedObjectIndex);
      return [...accessors.sort(), `picking buffer:${picking}`].join(' ');
    };
    const byKind = new Map<string, Map<string, string[]>>();
    for (const layer of layers) {
      const kind = layer.constructor.name;
      const layouts = byKind.get(kind) ?? new Map<string, string[]>();
      const layout = layoutOf(layer);
      layouts.set(layout, [...(layouts.get(layout) ?? []), layer.id]);
      byKind.set(kind, layouts);
    }
    expect([...byKind.keys()].sort()).toEqual([
      'DashedPathLayer',
      'FlatScatterplotLayer',
      'FlatSolidPolygonLayer'
    ]);
    for (const [kind, layouts] of byKind)
      expect(layouts.size, `${kind}: ${JSON.stringify(Object.fromEntries(layouts))}`).toBe(1);
  });
});
