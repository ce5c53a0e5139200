import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath } from '../../src/lib/share/qr';

/** Reads the path back into a module matrix: every `M x y h w` run marks w dark modules in row y. */
function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe('QR code path', () => {
  it('draws exactly the dark modules of the code, row by row', () => {
    const code = encode('http://127.0.0.1:4173/#map=12/36.0631/120.3826&sel=metro-line-3', { border: 2 });
    expect(modulesOf(qrPath(code.data), code.size)).toEqual(code.data);
  });

  it('joins a run of dark modules into one rectangle and leaves light ones out', () => {
    expect(qrPath([[true, true, false, true]])).toBe('M0 0h2v1h-2zM3 0h1v1h-1z');
    expect(qrPath([[false, false]])).toBe('');
  });
});
