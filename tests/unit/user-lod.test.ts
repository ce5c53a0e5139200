import { describe, expect, it } from 'vitest';
import {
  CELL_PX,
  FULL_BLOCK_ITEMS,
  blockCount,
  blockOf,
  buildLod,
  densestBlock,
  levelFor,
  lodTransferables,
  simplifyIndices,
  thin,
  visibleBlocks
} from '../../src/lib/map/user-lod';
import { syntheticFeatures } from '../../bench/synthetic';

const point = (x: number, y: number): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Point', coordinates: [x, y] }
});
const line = (...coordinates: [number, number][]): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'LineString', coordinates }
});
const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features
});

describe('thinning on a grid of screen cells', () => {
  // Items in world pixels at zoom 0 (512 px around the world).
  const item = (family: 0 | 1 | 2, x: number, y: number, size = 0) => ({
    family,
    x0: x,
    y0: y,
    x1: x + size,
    y1: y + size
  });

  it('keeps the first small feature of each family per cell, and every feature a cell wide', () => {
    const z = 4; // a cell is CELL_PX / 16 world pixels
    const cell = CELL_PX / 16;
    const items = [
      item(0, 10, 10),
      item(0, 10 + cell / 4, 10), // same cell, same family: dropped
      item(1, 10, 10), // same cell, a line: kept
      item(0, 10 + cell, 10), // next cell: kept
      item(2, 10, 10, cell) // an area a cell wide: kept
    ];
    expect(thin(items, z)).toEqual([items[0], items[2], items[3], items[4]]);
  });

  it('keeps at a higher zoom every feature it kept at a lower one', () => {
    const lod = buildLod(syntheticFeatures(20_000, 7));
    const drawn = (z: number) => {
      const level = lod.levels[z]!;
      return new Set(
        Array.from(
          { length: level.points.length / 2 },
          (_, i) => `${level.points[2 * i]},${level.points[2 * i + 1]}`
        )
      );
    };
    for (let z = 6; z < lod.levels.length - 1; z++) {
      const higher = drawn(z + 1);
      for (const p of drawn(z)) expect(higher.has(p)).toBe(true);
      expect(lod.levels[z]!.shown).toBeLessThanOrEqual(lod.levels[z + 1]!.shown);
    }
  });
});

describe('levels of detail', () => {
  it('draws every feature from the first zoom whose densest block fits, and fewer below it', () => {
    const data = syntheticFeatures(200_000);
    const lod = buildLod(data);
    const full = lod.levels.at(-1)!;
    expect(full.shown).toBe(200_000);
    const lines = data.features.filter((f) => f.geometry.type === 'LineString');
    expect(full.points.length / 2).toBe(200_000 - lines.length);
    // The full level keeps every vertex: the lines are not simplified there, one segment per pair.
    const segments = lines.reduce((n, f) => n + (f.geometry as GeoJSON.LineString).coordinates.length - 1, 0);
    expect(full.lines.length).toBe(segments);
    expect(full.lines.sources.length).toBe(2 * segments);
    const lowest = lod.levels.length - 1;
    expect(lowest).toBe(12);
    // The level below is thinned, and the whole layer at a municipality zoom is a few thousand features.
    expect(lod.levels[lowest - 1]!.shown).toBeLessThan(200_000);
    expect(lod.levels[8]!.shown).toBeLessThan(5000);
    // Every level's blocks hold what the level shows, and each block's start indices count from its own start.
    for (const level of lod.levels) {
      let points = 0;
      let segments = 0;
      for (let b = 0; b < blockCount(level); b++) {
        const block = blockOf(level, b);
        points += block.points.length;
        segments += block.lines.length;
        expect(block.lines.targets.length).toBe(2 * block.lines.length);
      }
      expect(points).toBe(level.points.length / 2);
      expect(segments).toBe(level.lines.length);
    }
    expect(lodTransferables(lod)).toHaveLength(7 * lod.levels.length);
  });

  it('puts at most FULL_BLOCK_ITEMS features in a block of the full level', () => {
    const lod = buildLod(syntheticFeatures(50_000, 3, 0));
    const full = lod.levels.at(-1)!;
    for (let b = 0; b < blockCount(full); b++) {
      const block = blockOf(full, b);
      expect(block.points.length).toBeLessThanOrEqual(FULL_BLOCK_ITEMS);
    }
    expect(densestBlock([], 3)).toBe(0);
  });

  it('draws a small layer whole at every zoom', () => {
    const lod = buildLod(collection([point(120.3, 36.1), line([120.3, 36.1], [120.31, 36.12])]));
    expect(lod.levels).toHaveLength(1);
    expect(levelFor(lod, 3)).toBe(0);
    expect(levelFor(lod, 15)).toBe(0);
    expect(lod.levels[0]!.shown).toBe(2);
  });

  it('fills a polygon’s outer ring and outlines every ring', () => {
    const square = (x: number, y: number, d: number): [number, number][] => [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y]
    ];
    const lod = buildLod(
      collection([
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [square(120, 36, 0.1), square(120.02, 36.02, 0.01)] }
        }
      ])
    );
    const block = blockOf(lod.levels[0]!, 0);
    expect(block.polygons.length).toBe(1);
    expect([...block.polygons.startIndices]).toEqual([0]);
    expect(block.polygons.positions.length).toBe(8);
    expect(block.lines.length).toBe(6);
    expect(block.bbox).toEqual([120, 36, 120.1, 36.1]);
  });

  it('simplifies lines below the full level to half a pixel, keeping their ends', () => {
    // A line of 11 vertices with wiggles of about a metre: a few pixels long at zoom 8.
    const wiggly: [number, number][] = Array.from({ length: 11 }, (_, i) => [
      120 + i * 0.001,
      36 + (i % 2) * 0.00001
    ]);
    const features = [line(...wiggly)];
    // Enough points elsewhere that the full level is above zoom 8.
    for (let i = 0; i < 4000; i++)
      features.push(point(121 + (i % 64) * 0.0001, 37 + Math.floor(i / 64) * 0.0001));
    const lod = buildLod(collection(features));
    expect(lod.levels.length - 1).toBeGreaterThan(8);
    const low = lod.levels[8]!;
    expect([...low.lines.sources]).toEqual([120, 36]);
    expect([...low.lines.targets]).toEqual([120.01, 36]);
    expect(lod.levels.at(-1)!.lines.length).toBe(10);
  });
});

describe('Douglas–Peucker', () => {
  it('drops vertices within the tolerance and keeps the others', () => {
    const xy = Float64Array.from([0, 0, 1, 0.1, 2, 0, 3, 5, 4, 0]);
    expect(simplifyIndices(xy, 0.5)).toEqual([0, 2, 3, 4]);
    expect(simplifyIndices(xy, 10)).toEqual([0, 4]);
    expect(simplifyIndices(Float64Array.from([0, 0, 1, 1]), 1)).toEqual([0, 1]);
  });
});

describe('blocks in view', () => {
  it('selects the blocks whose contents reach into the view', () => {
    const level = { bboxes: Float64Array.from([120, 36, 120.5, 36.5, 121, 36, 121.5, 36.5]) };
    expect(visibleBlocks(level, [120.4, 36.4, 120.6, 36.6])).toEqual([0]);
    expect(visibleBlocks(level, [119, 35, 122, 37])).toEqual([0, 1]);
    expect(visibleBlocks(level, [120.6, 36, 120.9, 36.5])).toEqual([]);
  });

  it('reaches a block from a line that starts outside its tile', () => {
    // A line anchored in one tile that crosses into the view: its block's box takes in the whole line.
    const lod = buildLod(collection([line([120.0, 36.0], [120.2, 36.0])]));
    const level = lod.levels.at(-1)!;
    expect(visibleBlocks(level, [120.19, 35.99, 120.21, 36.01])).toEqual([0]);
  });
});
