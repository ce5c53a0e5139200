/**
 * The font the map's labels are drawn with: the Noto Sans SC (weight 400) slices from @fontsource that the
 * labels need, copied to static/fonts/, with the module that declares them to the style's `font-faces`.
 * A bare machine has no Chinese font, so the site serves its own; only the slices a label uses download.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { BASEMAP_FONT_NAME } from '../../src/lib/map/basemap-style';

const ROOT = process.cwd();
const FONT_DIR = join(ROOT, 'static', 'fonts');
const FONT_MODULE = join(ROOT, 'src', 'lib', 'map', 'basemap-fonts.ts');
const FONTSOURCE_DIR = join(ROOT, 'node_modules', '@fontsource', 'noto-sans-sc');

/** Fontsource's numbered slices hold Google Fonts' frequency-ordered subsets; the top 20 are the commonest. */
const TOP_SLICES = 20;
/**
 * Characters of Qingdao place names (mountains, rivers, islands, bays, towns) that the map will label,
 * so the slices holding them ship even when they fall outside the commonest ones.
 */
const PLACE_NAME_CHARS =
  '青岛崂山琅琊台鳌山卫大沽河小沽河五沽河胶莱河墨水河白沙河李村河张村河胶州湾灵山岛田横岛竹岔岛斋堂岛' +
  '薛家岛红岛董家口前湾黄岛浮山八大关栈桥汇泉太平角石老人小珠山大珠山藏马山大泽山礁湾港';

interface FontSlice {
  /** The slice's key in fontsource's unicode.json, e.g. "[119]" or "latin". */
  key: string;
  file: string;
  ranges: string[];
}

function parseRanges(ranges: string[]): [number, number][] {
  return ranges.map((r) => {
    const [a = '0', b] = r.replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

const covers = (slice: FontSlice, cp: number) =>
  parseRanges(slice.ranges).some(([a, b]) => cp >= a && cp <= b);

/** The 3,755 first-level characters of GB 2312, the standard set of everyday simplified Chinese. */
function gb2312Level1(): string[] {
  const decoder = new TextDecoder('gbk');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) break; // the level ends five short of a full row
      out.push(decoder.decode(new Uint8Array([hi, lo])));
    }
  }
  return out;
}

/** The README's paragraph on the label font, which `npm run fonts` writes beside these slices. */
const LABEL_FONT_NOTE = `## The label font

\`noto-sans-sc-labels-*.woff2\` are the same font cut down to the characters the map's labels use (the plan's
feature names and the district names, in both languages), one file per slice those characters come from.
\`scripts/build-label-fonts.ts\` (\`npm run fonts\`) writes them and \`src/lib/map/label-fonts.ts\`; the style
lists them before the full slices, and MapLibre takes the first file whose range covers a character, so a
first visit downloads a few kilobytes per slice rather than the whole slices. Any other character still
comes from the full slices. Run \`npm run fonts\` after the feature names change; \`tests/unit/label-font.test.ts\`
fails while a label character is missing from these files.`;

export interface FontReport {
  slices: FontSlice[];
  bytes: number;
  gbCovered: number;
  gbTotal: number;
  planUncovered: string[];
}

/** Picks the Noto Sans SC 400 slices the labels need, copies them and writes the style's font module. */
export async function buildFonts(labelText: string): Promise<FontReport> {
  const unicode = JSON.parse(readFileSync(join(FONTSOURCE_DIR, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const version = (
    JSON.parse(readFileSync(join(FONTSOURCE_DIR, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const all: FontSlice[] = Object.entries(unicode).map(([key, ranges]) => ({
    key,
    file: `noto-sans-sc-${key.replace(/[[\]]/g, '')}-400-normal.woff2`,
    ranges: ranges.split(',')
  }));
  const numbered = all
    .filter((s) => /^\[\d+\]$/.test(s.key))
    .sort((a, b) => parseInt(b.key.slice(1)) - parseInt(a.key.slice(1)));
  const latin = all.find((s) => s.key === 'latin');
  if (!latin || numbered.length < TOP_SLICES)
    throw new Error(`${FONTSOURCE_DIR}/unicode.json: unexpected slices`);
  const chosen = new Set<FontSlice>(numbered.slice(0, TOP_SLICES));
  for (const ch of new Set(labelText + PLACE_NAME_CHARS)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || [...chosen].some((s) => covers(s, cp))) continue;
    const slice = numbered.find((s) => covers(s, cp));
    if (!slice) throw new Error(`no Noto Sans SC slice covers ${ch} (U+${cp.toString(16)})`);
    chosen.add(slice);
  }
  // Latin first: the CJK slices also carry a few ASCII characters, and MapLibre takes the first file
  // whose range covers a character, so English labels are drawn with one consistent file.
  const slices = [latin, ...[...chosen].sort((a, b) => parseInt(b.key.slice(1)) - parseInt(a.key.slice(1)))];

  mkdirSync(FONT_DIR, { recursive: true });
  for (const f of readdirSync(FONT_DIR)) {
    // The label font's files (noto-sans-sc-labels-*) are written by `npm run fonts`, not here.
    if (f.endsWith('.woff2') && !f.startsWith('noto-sans-sc-labels-') && !slices.some((s) => s.file === f))
      rmSync(join(FONT_DIR, f));
  }
  let bytes = 0;
  for (const s of slices) {
    copyFileSync(join(FONTSOURCE_DIR, 'files', s.file), join(FONT_DIR, s.file));
    bytes += statSync(join(FONT_DIR, s.file)).size;
  }
  copyFileSync(join(FONTSOURCE_DIR, 'LICENSE'), join(FONT_DIR, 'OFL.txt'));

  const gb = gb2312Level1();
  const gbCovered = gb.filter((c) => slices.some((s) => covers(s, c.codePointAt(0)!))).length;
  // The plan text holds the names the map will label later; report what these slices would miss.
  const planDir = join(ROOT, 'data', 'plan');
  const planText = existsSync(planDir)
    ? readdirSync(planDir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(planDir, f), 'utf8'))
        .join('')
    : '';
  const planUncovered = [...new Set(planText)].filter(
    (c) => /\p{Script=Han}/u.test(c) && !slices.some((s) => covers(s, c.codePointAt(0)!))
  );

  const module = `// Generated by scripts/build-basemap.ts from @fontsource/noto-sans-sc ${version}; do not edit.
// The Noto Sans SC (weight 400) slices in static/fonts/ and the codepoints each one holds, as the
// style's \`font-faces\` needs them: MapLibre downloads a file only once a label uses one of its characters.

/** A font file in static/fonts/ and the Unicode ranges it covers, as a CSS \`unicode-range\` value. */
export interface BasemapFontFile {
  file: string;
  unicodeRange: string;
}

export const BASEMAP_FONT_FILES: readonly BasemapFontFile[] = ${JSON.stringify(
    slices.map((s) => ({ file: s.file, unicodeRange: s.ranges.join(',') }))
  )};
`;
  const options = (await prettier.resolveConfig(FONT_MODULE)) ?? {};
  writeFileSync(FONT_MODULE, await prettier.format(module, { ...options, filepath: FONT_MODULE }));

  const readme = `# Fonts

Noto Sans SC, weight 400, as published in \`@fontsource/noto-sans-sc\` ${version} (Google Fonts' slicing:
each file holds one \`unicode-range\` subset). © Google Inc., licensed under the SIL Open Font License 1.1
(\`OFL.txt\`, copied from the package).

The basemap style (\`src/lib/map/basemap-style.ts\`) declares these files in its \`font-faces\` under the
name "${BASEMAP_FONT_NAME}", each with its Unicode ranges (\`src/lib/map/basemap-fonts.ts\`), so labels draw
in this font on machines without any Chinese font. MapLibre downloads a file only when a label uses one of
its characters. Copied by \`npm run basemap\`; do not edit.

Files (${slices.length}, ${bytes.toLocaleString('en')} bytes):

- \`${latin.file}\`: Latin (English labels)
- the ${TOP_SLICES} highest-numbered CJK slices, which hold the commonest characters (${numbered
    .slice(0, TOP_SLICES)
    .map((s) => s.key)
    .join(' ')})
- slices holding the district names' and listed Qingdao place names' rarer characters (${
    [...chosen]
      .slice(TOP_SLICES)
      .map((s) => s.key)
      .join(' ') || 'none needed'
  })

Together they cover ${gbCovered} of the ${gb.length} characters of GB 2312 level 1 (everyday simplified
Chinese). Characters outside them fall back to the system's fonts.

${LABEL_FONT_NOTE}
`;
  writeFileSync(join(FONT_DIR, 'README.md'), readme);
  return { slices, bytes, gbCovered, gbTotal: gb.length, planUncovered };
}
