import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coveredBy,
  labelCodepoints,
  unicodeRangeOf,
  parseUnicodeRange
} from '../../scripts/basemap/label-font';
import { mapLabelTexts } from '../../scripts/basemap/label-texts';
import { BASEMAP_FONT_FILES } from '../../src/lib/map/basemap-fonts';
import { LABEL_FONT_FILES } from '../../src/lib/map/label-fonts';

const FONT_DIR = join(process.cwd(), 'static', 'fonts');

describe('the label font', () => {
  it("holds every character of the map's labels, so a first visit needs no full slice", () => {
    const missing = labelCodepoints(mapLabelTexts()).filter((cp) => !coveredBy(LABEL_FONT_FILES, cp));
    expect(
      String.fromCodePoint(...missing),
      'label characters outside the label font: run `npm run fonts`'
    ).toBe('');
  });

  it('ships each declared file as a WOFF2 far smaller than the slices', () => {
    let bytes = 0;
    for (const f of LABEL_FONT_FILES) {
      const file = readFileSync(join(FONT_DIR, f.file));
      expect(file.subarray(0, 4).toString('latin1'), f.file).toBe('wOF2');
      bytes += file.length;
    }
    const slices = BASEMAP_FONT_FILES.reduce((n, f) => n + readFileSync(join(FONT_DIR, f.file)).length, 0);
    expect(bytes).toBeLessThan(slices / 4);
  });

  it('declares ranges that round-trip to exactly the codepoints given', () => {
    const cps = labelCodepoints(['青岛 Q\t', 'abc', '一丁七']);
    expect(cps).not.toContain(0x09);
    const ranges = unicodeRangeOf(cps);
    expect(ranges).toContain('U+61-63');
    expect(ranges).toContain('U+4e00-4e01');
    const back = parseUnicodeRange(ranges.join(',')).flatMap(([a, b]) =>
      Array.from({ length: b - a + 1 }, (_, i) => a + i)
    );
    expect(back).toEqual(cps);
  });
});
