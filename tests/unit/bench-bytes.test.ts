/**
 * The benchmark's first-visit byte split: what was requested before the first map frame, and after it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visitBytes } from '../../bench/bytes';

const dir = mkdtempSync(join(tmpdir(), 'bench-bytes-'));
const file = (name: string, size: number) => {
  const path = join(dir, name);
  writeFileSync(path, 'x'.repeat(size));
  return path;
};
const FIRST_FRAME = 1_000;
const record = (path: string, at: number, size: number) => ({
  path,
  status: 200,
  bytes: size,
  file: file(path.replaceAll('/', '_'), size),
  at
});

describe('first-visit bytes', () => {
  it('splits JS at the first map frame, counting MapLibre’s worker before it however its request races', () => {
    const bytes = visitBytes(
      [
        record('/_app/immutable/entry/start.js', 100, 500),
        // The worker's request reached the server after the first draw call (the style's background).
        record('/_app/immutable/assets/maplibre-gl-worker.CZtFQQIV.mjs', 1_020, 2_000),
        record('/assets/maplibre-gl-worker-CZtFQQIV.mjs', 1_030, 2_000),
        record('/_app/immutable/chunks/deck.js', 1_500, 7_000)
      ],
      FIRST_FRAME
    );
    expect(bytes.jsInitial.raw).toBe(4_500);
    expect(bytes.jsLazy.raw).toBe(7_000);
    expect(bytes.files.filter((f) => f.phase === 'lazy').map((f) => f.path)).toEqual([
      '/_app/immutable/chunks/deck.js'
    ]);
  });
});
