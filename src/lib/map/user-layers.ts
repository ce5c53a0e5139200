/**
 * deck.gl layers for a user's own data, drawn from binary arrays (user-lod.ts): no JavaScript object per
 * feature reaches deck.gl. The map draws the level of detail for its zoom, and of that level only the
 * blocks that reach into the view; each block's data object is made once, so deck.gl builds a block's
 * attributes when it comes into view, not on every frame or hover.
 */
import { FlatScatterplotLayer, FlatSolidPolygonLayer } from './flat-layers';
import { DashedPathLayer } from './dashed-path-layer';
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
import type { PartFamily } from './user-data-protocol';

/** A user's feature under the pointer: drawn over in this colour (deck.gl's highlight, on the GPU). */
const HIGHLIGHT: Rgba = [255, 200, 0, 220];

const FAMILY: Record<string, PartFamily> = { points: 'points', lines: 'lines', areas: 'polygons' };

/** A picked part of a user's layer: the layer, the level, and the part's index among the level's points,
 * segments or polygon vertices (as the worker's `featureOf` counts them). */
export interface UserPick {
  layer: string;
  level: number;
  family: PartFamily;
  index: number;
}

/**
 * What deck.gl picked (a layer id made by userLayers and the index in its block's binary data), as a part
 * of a user's layer; null for anything else, a ghost, or a layer no longer drawn.
 */
export function userPick(
  layers: readonly UserLayer[],
  deckId: string | undefined,
  index: number
): UserPick | null {
  const m = /^user-(.+)-(\d+)-(\d+)-(areas|lines|points)$/.exec(deckId ?? '');
  const layer = m && layers.find((l) => l.id === m[1] && !l.ghost);
  if (!m || !layer || index < 0) return null;
  const level = Number(m[2]);
  const block = Number(m[3]);
  const data = layer.lod.levels[level];
  if (!data || block >= data.bboxes.length / 4) return null;
  const o = data.offsets;
  const family = FAMILY[m[4]!]!;
  if (family === 'points') return { layer: layer.id, level, family, index: o[4 * block]! + index };
  if (family === 'lines') return { layer: layer.id, level, family, index: o[4 * block + 1]! + index };
  // A polygon: its first vertex (polygon starts count from the start of their block).
  const start = data.polygons.startIndices[o[4 * block + 2]! + index];
  return start === undefined ? null : { layer: layer.id, level, family, index: o[4 * block + 3]! + start };
}

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

/**
 * Segments as paths of two positions each, for the plan's own path program (DashedPathLayer, solid): a
 * program the map has already built for the plan, where deck.gl's LineLayer would be one more to build
 * (about a second of software WebGL, on the main thread's critical path) for the first line a user adds.
 * A path's colour is given per position: the segment's, twice.
 */
function segmentPaths(sources: Float64Array, targets: Float64Array, colours?: Uint8Array): BinaryAttributes {
  const length = sources.length / 2;
  const path = new Float64Array(4 * length);
  const startIndices = new Uint32Array(length);
  const colour = colours ? new Uint8Array(8 * length) : null;
  for (let i = 0; i < length; i++) {
    path.set(sources.subarray(2 * i, 2 * i + 2), 4 * i);
    path.set(targets.subarray(2 * i, 2 * i + 2), 4 * i + 2);
    startIndices[i] = 2 * i;
    if (colour && colours) {
      const c = colours.subarray(4 * i, 4 * i + 4);
      colour.set(c, 8 * i);
      colour.set(c, 8 * i + 4);
    }
  }
  return {
    length,
    startIndices,
    attributes: {
      getPath: { value: path, size: 2 },
      ...(colour ? { getColor: { value: colour, size: 4 } } : {})
    }
  };
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
      lines: segmentPaths(lines.sources, lines.targets, colours?.lines),
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
 * the plan's layers. They are picked (deck.gl answers with the part's index in its block: userPick maps it
 * back) and highlighted under the pointer on the GPU; a ghost (a preview of another reading, drawn hollow
 * and thin) is not.
 */
export function userLayers(layer: UserLayer, viewport: Viewport, scale: number, beforeId: string): Layer[] {
  if (!layer.visible) return [];
  const [r, g, b] = layer.color;
  const { opacity, ghost } = layer;
  const z = levelFor(layer.lod, viewport.zoom);
  const level = layer.lod.levels[z];
  if (!level) return [];
  const layers: Layer[] = [];
  const picking = { pickable: !ghost, autoHighlight: !ghost, highlightColor: HIGHLIGHT };
  for (const i of visibleBlocks(level, viewport.bounds)) {
    const { points, lines, polygons } = blockData(layer, z, i);
    const id = `user-${layer.id}-${z}-${i}`;
    if (polygons.length > 0)
      layers.push(
        new FlatSolidPolygonLayer({
          id: `${id}-areas`,
          ...before(beforeId),
          ...picking,
          data: polygons,
          _normalize: false,
          opacity,
          getFillColor: [r, g, b, ghost ? 0 : 70]
        })
      );
    if (lines.length > 0)
      layers.push(
        new DashedPathLayer({
          id: `${id}-lines`,
          ...before(beforeId),
          // A line is drawn as separate segments: a highlight would pick out one segment, not the line.
          ...picking,
          autoHighlight: false,
          data: lines,
          // Each path is two positions, as given: nothing to split or close.
          _pathType: 'open',
          opacity,
          getColor: [r, g, b, FILL_ALPHA.lines],
          getWidth: (ghost ? 1.5 : 2) * scale,
          widthUnits: 'pixels',
          updateTriggers: { getWidth: [scale] }
        })
      );
    if (points.length > 0)
      layers.push(
        new FlatScatterplotLayer({
          id: `${id}-points`,
          ...before(beforeId),
          ...picking,
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
