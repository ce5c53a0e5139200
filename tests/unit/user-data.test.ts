import { describe, expect, it } from 'vitest';
import { toBinary, transferables } from '../../src/lib/map/user-data';
import { syntheticFeatures } from '../../bench/synthetic';

describe('user data as binary arrays', () => {
  it('flattens points, lines and polygon rings with their start indices', () => {
    const binary = toBinary({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120.1, 36.1] } },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [120, 36],
              [120.2, 36.2],
              [120.4, 36.1]
            ]
          }
        },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0]
              ],
              [
                [0.2, 0.2],
                [0.4, 0.2],
                [0.4, 0.4],
                [0.2, 0.2]
              ]
            ]
          }
        },
        { type: 'Feature', properties: {}, geometry: null as unknown as GeoJSON.Geometry }
      ]
    });
    expect(binary.points.length).toBe(1);
    expect([...binary.points.positions]).toEqual([120.1, 36.1]);
    // The line, then the polygon's two rings as outlines.
    expect(binary.paths.length).toBe(3);
    expect([...binary.paths.startIndices]).toEqual([0, 3, 7]);
    expect(binary.paths.positions.length).toBe((3 + 4 + 4) * 2);
    expect(binary.polygons.length).toBe(1);
    expect(binary.polygons.positions.length).toBe(4 * 2);
    expect(binary.features).toBe(4);
    expect(binary.skipped).toBe(1);
    // Doubles, so a planner's coordinates keep their precision.
    expect(binary.points.positions).toBeInstanceOf(Float64Array);
    expect(transferables(binary)).toHaveLength(5);
  });

  it('reads the benchmark’s 200,000-feature layer into typed arrays, one entry per vertex', () => {
    const data = syntheticFeatures(200_000);
    const binary = toBinary(data);
    const lines = data.features.filter((f) => f.geometry.type === 'LineString');
    const vertices = lines.reduce((n, f) => n + (f.geometry as GeoJSON.LineString).coordinates.length, 0);
    expect(binary.points.length + binary.paths.length).toBe(200_000);
    expect(binary.paths.length).toBe(lines.length);
    expect(binary.paths.positions.length).toBe(vertices * 2);
  });
});

describe('user layers in deck.gl', () => {
  it('hand deck.gl the same binary data objects on every redraw, so a hover rebuilds nothing', async () => {
    const { userLayer, userLayers } = await import('../../src/lib/map/user-layers');
    const layer = userLayer('test', toBinary(syntheticFeatures(1000)), [123, 44, 191, 255]);
    const first = userLayers(layer, 1, 'plan-outlines');
    const again = userLayers(layer, 1, 'plan-outlines');
    expect(first.map((l) => l.id)).toEqual(['user-test-paths', 'user-test-points']);
    first.forEach((l, i) => expect(again[i]!.props.data).toBe(l.props.data));
    // No per-feature objects: deck.gl reads typed arrays.
    const points = first[1]!.props.data as { attributes: { getPosition: { value: unknown } } };
    expect(points.attributes.getPosition.value).toBeInstanceOf(Float64Array);
  });
});
