/**
 * Levels of detail for a user's large layer, split into blocks so that only what is in view is drawn.
 * Pure, so it runs in the worker (user-data.worker.ts) off the main thread, and in tests.
 *
 * Level `z` is what the map draws at zooms z to z + 1. Its blocks are squares of BLOCK_PX pixels at zoom
 * z, so a 1280×720 view touches some 15 to 40 of them and the blocks drawn cover little more than the view.
 *
 * - Below the full level, small features are thinned on a grid of CELL_PX-pixel cells at the level's zoom:
 *   per cell, the first feature of each family (point, line, area) in the file's order stays. A feature
 *   at least a cell wide always stays. Lines and rings are simplified to half a pixel at that zoom.
 *   Because a cell at z + 1 lies inside one at z, a feature kept at z is kept at every higher level too:
 *   zooming in only adds features.
 * - The full level is the lowest zoom whose densest block holds at most FULL_BLOCK_ITEMS features: from
 *   there on every feature is drawn, with its own coordinates (MAX_LEVEL at the latest).
 *
 * Lines and the rings of polygons are drawn as separate segments (deck.gl's LineLayer: four vertices and a
 * short shader per segment, where a PathLayer's joins cost several times that in software WebGL; at two
 * pixels wide the joins do not show).
 *
 * Each level's arrays are ordered block by block, so a block is a slice of them (`subarray`, no copy), and
 * the start indices of polygons are counted from the start of their block.
 */

/** Paths (or polygons) as flat arrays: `[lon, lat]` pairs (WGS-84) and the vertex where each one starts. */
export interface BinaryPaths {
  /** Number of paths (or polygons). */
  length: number;
  /** Vertex index where each path starts. */
  startIndices: Uint32Array;
  positions: Float64Array;
}

/** Side of a thinning cell, CSS pixels at the level's zoom. */
export const CELL_PX = 16;
/** Side of a block, pixels at the level's zoom: a quarter of a 1280×720 view's width, so that the blocks
 * drawn cover little more than the view. */
export const BLOCK_PX = 256;
/** A block at the full level holds at most this many features (of all families together): no more than
 * the thinned levels draw at their densest, a point and a line per cell. */
export const FULL_BLOCK_ITEMS = 2 * (BLOCK_PX / CELL_PX) ** 2;
/** The full level is never higher than this (near-duplicates would otherwise never fit). */
export const MAX_LEVEL = 16;
/** Lines and rings below the full level keep their shape to this many pixels. */
export const SIMPLIFY_PX = 0.5;
/** World size in pixels at zoom 0 (512-px tiles, as MapLibre's zoom counts them). */
const WORLD = 512;

const POINT = 0;
const PATH = 1;
const AREA = 2;
type Family = typeof POINT | typeof PATH | typeof AREA;

/** One drawable part of a feature: a point, a line, or a polygon with its rings. */
interface Item {
  family: Family;
  feature: number;
  /** `[lon, lat]` pairs: one for a point, a line's vertices, or each ring's for a polygon. */
  rings: Float64Array[];
  /** The same vertices in world pixels at zoom 0. */
  world: Float64Array[];
  /** Bounding box in world pixels at zoom 0, and in degrees. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Straight segments: `[lon, lat]` of each one's start and end. */
export interface BinarySegments {
  length: number;
  sources: Float64Array;
  targets: Float64Array;
}

export interface LodBlock {
  /** `[west, south, east, north]` of everything drawn in the block (which may reach past its tile). */
  bbox: [number, number, number, number];
  points: { length: number; positions: Float64Array };
  /** The segments of lines and of the rings of polygons (outlines). */
  lines: BinarySegments;
  /** Polygons' outer rings, filled. */
  polygons: BinaryPaths;
}

/** One level as the worker sends it: flat arrays, ordered by block, and each block's ranges in them. */
export interface LodLevelData {
  zoom: number;
  /** Features (not parts) with at least one part drawn at this level. */
  shown: number;
  /** Per block: west, south, east, north. */
  bboxes: Float64Array;
  /** Per block: first point, first segment, first polygon, first polygon vertex; and one more row with
   * the totals, so block b spans row b to row b + 1. */
  offsets: Uint32Array;
  points: Float64Array;
  lines: BinarySegments;
  polygons: BinaryPaths;
  /** The feature (its index in the collection) of each point, each segment and each polygon vertex, for
   * colours per feature (levelColours). Kept by the worker, not transferred. */
  featureOf: { points: Uint32Array; lines: Uint32Array; polygons: Uint32Array };
}

/** Colours of one level's points, segments and polygon vertices, RGBA bytes ready for deck.gl. */
export interface LevelColours {
  points: Uint8Array;
  lines: Uint8Array;
  polygons: Uint8Array;
}

export interface UserLod {
  /** Features read, and those skipped for a missing or unsupported geometry. */
  features: number;
  skipped: number;
  /** `levels[z]` is drawn at zooms z to z + 1; the last one (the full level) at every zoom above it too. */
  levels: LodLevelData[];
}

const lonToWorld = (lon: number) => ((lon + 180) / 360) * WORLD;
function latToWorld(lat: number): number {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * WORLD;
}

/** Douglas–Peucker on `[x, y]` pairs: the indices of the vertices to keep (first and last always). */
export function simplifyIndices(xy: Float64Array, tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const ax = xy[2 * a]!;
    const ay = xy[2 * a + 1]!;
    const dx = xy[2 * b]! - ax;
    const dy = xy[2 * b + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xy[2 * i]! - ax;
      const py = xy[2 * i + 1]! - ay;
      let d: number;
      if (len2 === 0) d = px * px + py * py;
      else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        const ex = px - t * dx;
        const ey = py - t * dy;
        d = ex * ex + ey * ey;
      }
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/** The features of a collection as items: every point, line and polygon, multi-geometries split. */
function itemsOf(collection: GeoJSON.FeatureCollection): { items: Item[]; skipped: number } {
  const items: Item[] = [];
  let skipped = 0;
  const add = (family: Family, feature: number, parts: readonly (readonly GeoJSON.Position[])[]) => {
    const rings: Float64Array[] = [];
    const world: Float64Array[] = [];
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (const part of parts) {
      const lonlat = new Float64Array(part.length * 2);
      const xy = new Float64Array(part.length * 2);
      part.forEach(([x, y], i) => {
        lonlat[2 * i] = x!;
        lonlat[2 * i + 1] = y!;
        xy[2 * i] = lonToWorld(x!);
        xy[2 * i + 1] = latToWorld(y!);
        if (x! < west) west = x!;
        if (x! > east) east = x!;
        if (y! < south) south = y!;
        if (y! > north) north = y!;
      });
      rings.push(lonlat);
      world.push(xy);
    }
    if (!(west <= east)) return;
    items.push({
      family,
      feature,
      rings,
      world,
      x0: lonToWorld(west),
      x1: lonToWorld(east),
      y0: latToWorld(north),
      y1: latToWorld(south),
      west,
      south,
      east,
      north
    });
  };
  const visit = (g: GeoJSON.Geometry | null, feature: number): boolean => {
    if (!g) return false;
    switch (g.type) {
      case 'Point':
        add(POINT, feature, [[g.coordinates]]);
        return true;
      case 'MultiPoint':
        for (const p of g.coordinates) add(POINT, feature, [[p]]);
        return true;
      case 'LineString':
        if (g.coordinates.length >= 2) add(PATH, feature, [g.coordinates]);
        return true;
      case 'MultiLineString':
        for (const line of g.coordinates) if (line.length >= 2) add(PATH, feature, [line]);
        return true;
      case 'Polygon':
        if (g.coordinates[0]) add(AREA, feature, g.coordinates);
        return true;
      case 'MultiPolygon':
        for (const polygon of g.coordinates) if (polygon[0]) add(AREA, feature, polygon);
        return true;
      case 'GeometryCollection':
        return g.geometries.map((child) => visit(child, feature)).some(Boolean);
    }
  };
  collection.features.forEach((f, i) => {
    if (!visit(f.geometry, i)) skipped++;
  });
  return { items, skipped };
}

/** The block (BLOCK_PX square at zoom z) an item belongs to, by the centre of its bounding box. */
function blockKey(item: Pick<Item, 'x0' | 'x1' | 'y0' | 'y1'>, z: number): number {
  const tiles = (2 ** z * WORLD) / BLOCK_PX; // blocks per side of the world
  const tx = Math.min(tiles - 1, Math.max(0, Math.floor(((item.x0 + item.x1) / 2 / WORLD) * tiles)));
  const ty = Math.min(tiles - 1, Math.max(0, Math.floor(((item.y0 + item.y1) / 2 / WORLD) * tiles)));
  return ty * tiles + tx;
}

/** The largest number of items any block at zoom z holds. */
export function densestBlock(items: readonly Pick<Item, 'x0' | 'x1' | 'y0' | 'y1'>[], z: number): number {
  const counts = new Map<number, number>();
  let most = 0;
  for (const item of items) {
    const key = blockKey(item, z);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > most) most = n;
  }
  return most;
}

/**
 * The items drawn at level z (below the full level): every item at least a cell wide or tall, and of the
 * smaller ones the first of each family in each cell.
 */
export function thin<T extends Pick<Item, 'family' | 'x0' | 'x1' | 'y0' | 'y1'>>(
  items: readonly T[],
  z: number,
  cellPx = CELL_PX
): T[] {
  const cell = cellPx / 2 ** z; // in world pixels at zoom 0
  const perSide = Math.ceil(WORLD / cell);
  const taken = [new Set<number>(), new Set<number>(), new Set<number>()];
  const kept: T[] = [];
  for (const item of items) {
    if (item.x1 - item.x0 >= cell || item.y1 - item.y0 >= cell) {
      kept.push(item);
      continue;
    }
    const cx = Math.floor((item.x0 + item.x1) / 2 / cell);
    const cy = Math.floor((item.y0 + item.y1) / 2 / cell);
    const key = cy * perSide + cx;
    const set = taken[item.family]!;
    if (set.has(key)) continue;
    set.add(key);
    kept.push(item);
  }
  return kept;
}

class Floats {
  array = new Float64Array(256);
  length = 0;
  push(x: number, y: number): void {
    if (this.length + 2 > this.array.length) {
      const next = new Float64Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = x;
    this.array[this.length++] = y;
  }
  done(): Float64Array {
    return this.array.slice(0, this.length);
  }
}

/** A ring or line at level z: simplified to SIMPLIFY_PX, or as it is (`tolerance` 0). */
function partAt(lonlat: Float64Array, world: Float64Array, tolerance: number, ring: boolean): Float64Array {
  if (tolerance === 0 || lonlat.length <= 4) return lonlat;
  const keep = simplifyIndices(world, tolerance);
  // A ring needs three corners and its closing vertex; one that shrinks below that keeps its shape.
  if (ring && keep.length < 4) return lonlat;
  if (keep.length * 2 === lonlat.length) return lonlat;
  const out = new Float64Array(keep.length * 2);
  keep.forEach((i, j) => {
    out[2 * j] = lonlat[2 * i]!;
    out[2 * j + 1] = lonlat[2 * i + 1]!;
  });
  return out;
}

/** Packs a level's items into flat arrays, block by block. */
function packLevel(items: readonly Item[], z: number, full: boolean, features: number): LodLevelData {
  const keyed = items.map((item, i) => ({ item, key: blockKey(item, z), i }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  const tolerance = full ? 0 : SIMPLIFY_PX / 2 ** z;
  const points = new Floats();
  const sources = new Floats();
  const targets = new Floats();
  const polygons = new Floats();
  const polygonStarts: number[] = [];
  const pointOf: number[] = [];
  const segmentOf: number[] = [];
  const vertexOf: number[] = [];
  const bboxes: number[] = [];
  const offsets: number[] = [];
  const seen = new Uint8Array(features);
  let shown = 0;
  let block = -1;
  let polygonBase = 0;
  const row = () =>
    offsets.push(points.length / 2, sources.length / 2, polygonStarts.length, polygons.length / 2);
  for (const { item, key } of keyed) {
    if (key !== block) {
      block = key;
      row();
      bboxes.push(Infinity, Infinity, -Infinity, -Infinity);
      polygonBase = polygons.length / 2;
    }
    const b = bboxes.length - 4;
    bboxes[b] = Math.min(bboxes[b]!, item.west);
    bboxes[b + 1] = Math.min(bboxes[b + 1]!, item.south);
    bboxes[b + 2] = Math.max(bboxes[b + 2]!, item.east);
    bboxes[b + 3] = Math.max(bboxes[b + 3]!, item.north);
    if (!seen[item.feature]) {
      seen[item.feature] = 1;
      shown++;
    }
    if (item.family === POINT) {
      points.push(item.rings[0]![0]!, item.rings[0]![1]!);
      pointOf.push(item.feature);
      continue;
    }
    const parts = item.rings.map((lonlat, r) =>
      partAt(lonlat, item.world[r]!, tolerance, item.family === AREA)
    );
    for (const part of parts) {
      for (let i = 2; i < part.length; i += 2) {
        sources.push(part[i - 2]!, part[i - 1]!);
        targets.push(part[i]!, part[i + 1]!);
        segmentOf.push(item.feature);
      }
    }
    if (item.family === AREA) {
      const outer = parts[0]!;
      polygonStarts.push(polygons.length / 2 - polygonBase);
      for (let i = 0; i < outer.length; i += 2) {
        polygons.push(outer[i]!, outer[i + 1]!);
        vertexOf.push(item.feature);
      }
    }
  }
  row();
  return {
    zoom: z,
    shown,
    bboxes: Float64Array.from(bboxes),
    offsets: Uint32Array.from(offsets),
    points: points.done(),
    lines: { length: sources.length / 2, sources: sources.done(), targets: targets.done() },
    polygons: {
      length: polygonStarts.length,
      startIndices: Uint32Array.from(polygonStarts),
      positions: polygons.done()
    },
    featureOf: {
      points: Uint32Array.from(pointOf),
      lines: Uint32Array.from(segmentOf),
      polygons: Uint32Array.from(vertexOf)
    }
  };
}

/** Opacity (0–255) of a layer's point fills, lines and area fills, before the layer's own opacity. */
export const FILL_ALPHA = { points: 200, lines: 230, polygons: 110 } as const;

/** One level's colours from each feature's RGB (three bytes per feature, featureColours in style.ts). */
export function levelColours(level: Pick<LodLevelData, 'featureOf'>, rgb: Uint8Array): LevelColours {
  const paint = (of: Uint32Array, alpha: number) => {
    const out = new Uint8Array(of.length * 4);
    for (let i = 0; i < of.length; i++) {
      const f = 3 * of[i]!;
      out[4 * i] = rgb[f]!;
      out[4 * i + 1] = rgb[f + 1]!;
      out[4 * i + 2] = rgb[f + 2]!;
      out[4 * i + 3] = alpha;
    }
    return out;
  };
  return {
    points: paint(level.featureOf.points, FILL_ALPHA.points),
    lines: paint(level.featureOf.lines, FILL_ALPHA.lines),
    polygons: paint(level.featureOf.polygons, FILL_ALPHA.polygons)
  };
}

/** One block's slice of a level's colours (views, no copy). */
export function blockColours(level: LodLevelData, colours: LevelColours, i: number): LevelColours {
  const o = level.offsets;
  return {
    points: colours.points.subarray(4 * o[4 * i]!, 4 * o[4 * i + 4]!),
    lines: colours.lines.subarray(4 * o[4 * i + 1]!, 4 * o[4 * i + 5]!),
    polygons: colours.polygons.subarray(4 * o[4 * i + 3]!, 4 * o[4 * i + 7]!)
  };
}

/** Builds every level of a collection, from zoom 0 to its full level. */
export function buildLod(collection: GeoJSON.FeatureCollection): UserLod {
  const { items, skipped } = itemsOf(collection);
  const features = collection.features.length;
  let full = 0;
  while (full < MAX_LEVEL && densestBlock(items, full) > FULL_BLOCK_ITEMS) full++;
  const levels: LodLevelData[] = [];
  for (let z = 0; z < full; z++) levels.push(packLevel(thin(items, z), z, false, features));
  levels.push(packLevel(items, full, true, features));
  return { features, skipped, levels };
}

/** The level drawn at a map zoom. */
export function levelFor(lod: Pick<UserLod, 'levels'>, zoom: number): number {
  return Math.max(0, Math.min(lod.levels.length - 1, Math.floor(zoom)));
}

/** Number of blocks in a level. */
export function blockCount(level: Pick<LodLevelData, 'bboxes'>): number {
  return level.bboxes.length / 4;
}

/** The blocks of a level whose contents reach into `[west, south, east, north]`. */
export function visibleBlocks(
  level: Pick<LodLevelData, 'bboxes'>,
  [west, south, east, north]: readonly [number, number, number, number]
): number[] {
  const out: number[] = [];
  const b = level.bboxes;
  for (let i = 0; i < b.length / 4; i++) {
    if (b[4 * i]! <= east && b[4 * i + 2]! >= west && b[4 * i + 1]! <= north && b[4 * i + 3]! >= south)
      out.push(i);
  }
  return out;
}

/** One block of a level as views into the level's arrays (no copy). */
export function blockOf(level: LodLevelData, i: number): LodBlock {
  const o = level.offsets;
  const [p0, s0, q0, w0] = [o[4 * i]!, o[4 * i + 1]!, o[4 * i + 2]!, o[4 * i + 3]!];
  const [p1, s1, q1, w1] = [o[4 * i + 4]!, o[4 * i + 5]!, o[4 * i + 6]!, o[4 * i + 7]!];
  const b = level.bboxes;
  return {
    bbox: [b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!],
    points: { length: p1 - p0, positions: level.points.subarray(2 * p0, 2 * p1) },
    lines: {
      length: s1 - s0,
      sources: level.lines.sources.subarray(2 * s0, 2 * s1),
      targets: level.lines.targets.subarray(2 * s0, 2 * s1)
    },
    polygons: {
      length: q1 - q0,
      startIndices: level.polygons.startIndices.subarray(q0, q1),
      positions: level.polygons.positions.subarray(2 * w0, 2 * w1)
    }
  };
}

/** The buffers to transfer (not copy) when posting the levels between threads. */
export function lodTransferables(lod: UserLod): ArrayBuffer[] {
  return lod.levels.flatMap((l) =>
    [
      l.bboxes,
      l.offsets,
      l.points,
      l.lines.sources,
      l.lines.targets,
      l.polygons.startIndices,
      l.polygons.positions
    ].map((a) => a.buffer as ArrayBuffer)
  );
}
