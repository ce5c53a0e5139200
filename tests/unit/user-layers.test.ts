import { describe, expect, it } from 'vitest';
import { syntheticFeatures } from '../../bench/synthetic';
import { buildLod, visibleBlocks } from '../../src/lib/map/user-lod';
import { userLayer, userLayerKey, userLayerView, userLayers } from '../../src/lib/map/user-layers';

const lod = buildLod(syntheticFeatures(20_000));
const whole = { zoom: 8.8, bounds: [119.4, 35.5, 121.1, 37.1] as const };
const street = { zoom: 14.2, bounds: [120.37, 36.06, 120.39, 36.07] as const };

describe('user layers in deck.gl', () => {
  it('hand deck.gl the same binary data objects on every redraw, so a hover rebuilds nothing', () => {
    const layer = userLayer('test', lod, [123, 44, 191, 255]);
    const first = userLayers(layer, whole, 1, 'plan-outlines');
    const again = userLayers(layer, whole, 1, 'plan-outlines');
    expect(first.length).toBeGreaterThan(0);
    expect(again.map((l) => l.id)).toEqual(first.map((l) => l.id));
    first.forEach((l, i) => expect(again[i]!.props.data).toBe(l.props.data));
    // No per-feature objects: deck.gl reads typed arrays.
    const points = first.find((l) => l.id.endsWith('-points'))!.props.data as {
      attributes: { getPosition: { value: unknown } };
    };
    expect(points.attributes.getPosition.value).toBeInstanceOf(Float64Array);
  });

  it('draw only the blocks in view, from the level for the zoom', () => {
    const layer = userLayer('test', lod, [123, 44, 191, 255]);
    const z = lod.levels.length - 1;
    const inView = visibleBlocks(lod.levels[z]!, street.bounds);
    const layers = userLayers(layer, street, 1, 'plan-outlines');
    const blocks = new Set(layers.map((l) => l.id.split('-').slice(0, 4).join('-')));
    expect([...blocks].sort()).toEqual(inView.map((i) => `user-test-${z}-${i}`).sort());
    expect(inView.length).toBeLessThan(lod.levels[z]!.bboxes.length / 4);
    expect(userLayerKey(layer, street)).toBe(`${z}:${inView.join(',')}`);
    expect(userLayerKey(layer, whole)).not.toBe(userLayerKey(layer, street));
  });

  it('say how many features the map shows at the zoom', () => {
    const layer = userLayer('test', lod, [123, 44, 191, 255]);
    const far = userLayerView(layer, whole.zoom);
    expect(far.total).toBe(20_000);
    expect(far.shown).toBeLessThan(20_000);
    expect(userLayerView(layer, street.zoom)).toEqual({ id: 'test', shown: 20_000, total: 20_000 });
  });
});
