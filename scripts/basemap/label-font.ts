/**
 * The label font: for every Noto Sans SC slice, a subset holding just the characters the map's labels use
 * (the plan's feature names and the district names, in both languages). The style declares these subsets
 * before the full slices, and MapLibre takes the first file whose range covers a character, so a first
 * visit downloads a few kilobytes per slice instead of the whole slice; any other character still falls
 * through to the full slice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import type { BasemapFontFile } from '../../src/lib/map/basemap-fonts';

/**
 * The sorted, distinct codepoints of the texts, leaving out control characters but the line break: the
 * district labels put one between their two names, and MapLibre looks it up in the font like any other
 * character, so without it in the range the full Latin slice would load for nothing.
 */
export function labelCodepoints(texts: Iterable<string>): number[] {
  const seen = new Set<number>([0x0a]);
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0)) seen.add(cp);
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** Sorted codepoints as CSS `unicode-range` entries, runs of consecutive codepoints joined: `U+4e00-4e02`. */
export function unicodeRangeOf(codepoints: readonly number[]): string[] {
  const out: string[] = [];
  const hex = (cp: number) => cp.toString(16);
  for (let i = 0; i < codepoints.length;) {
    let j = i;
    while (j + 1 < codepoints.length && codepoints[j + 1] === codepoints[j]! + 1) j++;
    out.push(i === j ? `U+${hex(codepoints[i]!)}` : `U+${hex(codepoints[i]!)}-${hex(codepoints[j]!)}`);
    i = j + 1;
  }
  return out;
}

/** The codepoints a `unicode-range` value (comma-separated) covers, as inclusive `[start, end]` pairs. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((entry) => {
    const [a = '0', b] = entry.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

/** Whether any of the files' ranges covers the codepoint. */
export function coveredBy(files: readonly BasemapFontFile[], cp: number): BasemapFontFile | undefined {
  return files.find((f) => parseUnicodeRange(f.unicodeRange).some(([a, b]) => cp >= a && cp <= b));
}

/** The subset file named after the slice it comes from: `noto-sans-sc-119-…` → `noto-sans-sc-labels-119-…`. */
export const labelFileName = (sliceFile: string) =>
  sliceFile.replace(/^noto-sans-sc-/, 'noto-sans-sc-labels-');

export interface LabelFontFile extends BasemapFontFile {
  /** The full slice it was cut from. */
  slice: string;
  bytes: Uint8Array;
  characters: number;
}

/**
 * Cuts each shipped slice down to the label codepoints it covers (a codepoint goes to the first slice
 * covering it, as MapLibre would pick); slices holding none give no file. Returns also the codepoints no
 * shipped slice covers, which the browser's own fonts draw.
 */
export async function buildLabelFont(
  slices: readonly BasemapFontFile[],
  fontDir: string,
  codepoints: readonly number[]
): Promise<{ files: LabelFontFile[]; uncovered: number[] }> {
  const bySlice = new Map<BasemapFontFile, number[]>();
  const uncovered: number[] = [];
  for (const cp of codepoints) {
    const slice = coveredBy(slices, cp);
    if (!slice) uncovered.push(cp);
    else bySlice.set(slice, [...(bySlice.get(slice) ?? []), cp]);
  }
  const files: LabelFontFile[] = [];
  for (const slice of slices) {
    const cps = bySlice.get(slice);
    if (!cps) continue;
    const source = readFileSync(join(fontDir, slice.file));
    const text = String.fromCodePoint(...cps);
    const bytes = await subsetFont(source, text, { targetFormat: 'woff2' });
    files.push({
      file: labelFileName(slice.file),
      unicodeRange: unicodeRangeOf(cps).join(','),
      slice: slice.file,
      bytes: new Uint8Array(bytes),
      characters: cps.length
    });
  }
  return { files, uncovered };
}
