/**
 * deck.gl layers for a user's own data, drawn from binary arrays (user-data.ts): no JavaScript object per
 * feature reaches deck.gl, so 200,000 features cost typed arrays, not 200,000 objects and accessor calls.
 */
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { before } from './plan-layers';
import type { BinaryUserData } from './user-data';
import type { Rgba } from './symbology';

export interface UserLayer {
  id: string;
  color: Rgba;
  /** deck.gl's binary data objects, made once per layer: a new object would make deck.gl rebuild every
   * attribute of 200,000 features on each hover. */
  points: BinaryAttributes;
  paths: BinaryAttributes;
  polygons: BinaryAttributes;
}

interface BinaryAttributes {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<string, { value: Float64Array; size: number }>;
}

/** Wraps a user's binary arrays into the data objects deck.gl reads, once. */
export function userLayer(id: string, data: BinaryUserData, color: Rgba): UserLayer {
  const { points, paths, polygons } = data;
  return {
    id,
    color,
    points: { length: points.length, attributes: { getPosition: { value: points.positions, size: 2 } } },
    paths: {
      length: paths.length,
      startIndices: paths.startIndices,
      attributes: { getPath: { value: paths.positions, size: 2 } }
    },
    polygons: {
      length: polygons.length,
      startIndices: polygons.startIndices,
      attributes: { getPolygon: { value: polygons.positions, size: 2 } }
    }
  };
}

/** A user's points, lines and areas in one colour, beneath the plan's layers and not picked. */
export function userLayers(layer: UserLayer, scale: number, beforeId: string): Layer[] {
  const [r, g, b] = layer.color;
  const { points, paths, polygons } = layer;
  const layers: Layer[] = [];
  if (polygons.length > 0)
    layers.push(
      new SolidPolygonLayer({
        id: `user-${layer.id}-areas`,
        ...before(beforeId),
        data: polygons,
        _normalize: false,
        getFillColor: [r, g, b, 70]
      })
    );
  if (paths.length > 0)
    layers.push(
      new PathLayer({
        id: `user-${layer.id}-paths`,
        ...before(beforeId),
        data: paths,
        _pathType: 'open',
        getColor: [r, g, b, 230],
        getWidth: 2 * scale,
        widthUnits: 'pixels',
        updateTriggers: { getWidth: [scale] }
      })
    );
  if (points.length > 0)
    layers.push(
      new ScatterplotLayer({
        id: `user-${layer.id}-points`,
        ...before(beforeId),
        data: points,
        getFillColor: [r, g, b, 70],
        getLineColor: [r, g, b, 230],
        stroked: true,
        getRadius: 3 * scale,
        radiusUnits: 'pixels',
        getLineWidth: 2 * scale,
        lineWidthUnits: 'pixels',
        updateTriggers: { getRadius: [scale], getLineWidth: [scale] }
      })
    );
  return layers;
}
