/**
 * deck.gl layers for a user's own data, drawn from binary arrays (user-lod.ts): no JavaScript object per
 * feature reaches deck.gl. The map draws the level of detail for its zoom, and of that level only the
 * blocks that reach into the view; each block's data object is made once, so deck.gl builds a block's
 * attributes when it comes into view, not on every frame or hover.
 */
import { LineLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { before } from './plan-layers';
import {
  FILL_ALPHA,
  blockColours,
  blockOf,
  levelFor,
  visibleBlocks,
  type LevelColours,
  type UserLod
} from './user-lod';
import type { Rgba } from './symbology';

interface BinaryAttributes {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<string, { value: Float64Array | Uint8Array; size: number }>;
}

interface BlockData {
  points: BinaryAttributes;
  lines: BinaryAttributes;
  polygons: BinaryAttributes;
}

export interface UserLayer {
  id: string;
  color: Rgba;
  lod: UserLod;
  /** Colours per level (binary, one RGBA per point, segment and polygon vertex) for a style by property;
   * null: the whole layer in `color`. */
  colours: LevelColours[] | null;
  /** 0 to 1. */
  opacity: number;
  visible: boolean;
  /** A preview (another reading of the layer's coordinates): hollow points and thin lines, not filled. */
  ghost: boolean;
  /** deck.gl's binary data objects per level and block, made once when first drawn: a new object would
   * make deck.gl rebuild the block's attributes. */
  blocks: Map<string, BlockData>;
}

/** What the map shows of a user's layer at the current zoom. */
export interface UserLayerView {
  id: string;
  /** Features drawn at this zoom (over the whole layer, not only the view), and in the layer. */
  shown: number;
  total: number;
}

/** `[west, south, east, north]` of the map's view, and its zoom. */
export interface Viewport {
  zoom: number;
  bounds: readonly [number, number, number, number];
}

export function userLayer(
  id: string,
  lod: UserLod,
  color: Rgba,
  display: Partial<Pick<UserLayer, 'colours' | 'opacity' | 'visible' | 'ghost'>> = {}
): UserLayer {
  return {
    id,
    color,
    lod,
    colours: null,
    opacity: 1,
    visible: true,
    ghost: false,
    ...display,
    blocks: new Map()
  };
}

/** How many of a layer's features the map shows at a zoom. */
export function userLayerView(layer: UserLayer, zoom: number): UserLayerView {
  const { lod } = layer;
  const level = lod.levels[levelFor(lod, zoom)];
  const total = lod.features - lod.skipped;
  return { id: layer.id, shown: level ? level.shown : 0, total };
}

/** The level and blocks drawn for a viewport, as a key that changes only when they do. */
export function userLayerKey(layer: UserLayer, viewport: Viewport): string {
  const z = levelFor(layer.lod, viewport.zoom);
  const level = layer.lod.levels[z];
  return level ? `${z}:${visibleBlocks(level, viewport.bounds).join(',')}` : '';
}

function blockData(layer: UserLayer, z: number, i: number): BlockData {
  const key = `${z}/${i}`;
  let data = layer.blocks.get(key);
  if (!data) {
    const level = layer.lod.levels[z]!;
    const { points, lines, polygons } = blockOf(level, i);
    const colours = layer.colours?.[z] ? blockColours(level, layer.colours[z], i) : null;
    data = {
      points: {
        length: points.length,
        attributes: {
          getPosition: { value: points.positions, size: 2 },
          ...(colours ? { getFillColor: { value: colours.points, size: 4 } } : {})
        }
      },
      lines: {
        length: lines.length,
        attributes: {
          getSourcePosition: { value: lines.sources, size: 2 },
          getTargetPosition: { value: lines.targets, size: 2 },
          ...(colours ? { getColor: { value: colours.lines, size: 4 } } : {})
        }
      },
      polygons: {
        length: polygons.length,
        startIndices: polygons.startIndices,
        attributes: {
          getPolygon: { value: polygons.positions, size: 2 },
          ...(colours ? { getFillColor: { value: colours.polygons, size: 4 } } : {})
        }
      }
    };
    layer.blocks.set(key, data);
  }
  return data;
}

/**
 * A user's points, lines and areas, in one colour or in colours per feature (binary attributes), beneath
 * the plan's layers and not picked. A ghost (a preview of another reading) is drawn hollow and thin.
 */
export function userLayers(layer: UserLayer, viewport: Viewport, scale: number, beforeId: string): Layer[] {
  if (!layer.visible) return [];
  const [r, g, b] = layer.color;
  const { opacity, ghost } = layer;
  const z = levelFor(layer.lod, viewport.zoom);
  const level = layer.lod.levels[z];
  if (!level) return [];
  const layers: Layer[] = [];
  for (const i of visibleBlocks(level, viewport.bounds)) {
    const { points, lines, polygons } = blockData(layer, z, i);
    const id = `user-${layer.id}-${z}-${i}`;
    if (polygons.length > 0)
      layers.push(
        new SolidPolygonLayer({
          id: `${id}-areas`,
          ...before(beforeId),
          data: polygons,
          _normalize: false,
          opacity,
          getFillColor: [r, g, b, ghost ? 0 : 70]
        })
      );
    if (lines.length > 0)
      layers.push(
        new LineLayer({
          id: `${id}-lines`,
          ...before(beforeId),
          data: lines,
          opacity,
          getColor: [r, g, b, FILL_ALPHA.lines],
          getWidth: (ghost ? 1.5 : 2) * scale,
          widthUnits: 'pixels',
          updateTriggers: { getWidth: [scale] }
        })
      );
    if (points.length > 0)
      layers.push(
        new ScatterplotLayer({
          id: `${id}-points`,
          ...before(beforeId),
          data: points,
          opacity,
          filled: !ghost,
          getFillColor: [r, g, b, 70],
          getLineColor: layer.colours ? [40, 40, 40, 200] : [r, g, b, ghost ? 255 : 230],
          stroked: true,
          getRadius: (ghost ? 5 : layer.colours ? 4 : 3) * scale,
          radiusUnits: 'pixels',
          getLineWidth: 2 * scale,
          lineWidthUnits: 'pixels',
          updateTriggers: { getRadius: [scale], getLineWidth: [scale] }
        })
      );
  }
  return layers;
}
