import { booleanPointInPolygon, kinks } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL_FONT_FILES } from '../../src/lib/map/label-fonts';
import { BASEMAP_FONT_FILES } from '../../src/lib/map/basemap-fonts';
import { BASEMAP_BOUNDS, BASEMAP_FONT_NAME, basemapStyle } from '../../src/lib/map/basemap-style';

const STATIC = join(process.cwd(), 'static');

function readGeo<T>(name: string): T {
  return JSON.parse(readFileSync(join(STATIC, 'geo', name), 'utf8')) as T;
}

type DistrictProps = { adcode: string; name_zh: string; name_en: string; tint: number };
const land = readGeo<FeatureCollection<MultiPolygon> & { bbox: number[] }>('land.geojson');
const districts = readGeo<FeatureCollection<Polygon | MultiPolygon, DistrictProps>>('districts.geojson');
const labels = readGeo<FeatureCollection<Point, Omit<DistrictProps, 'tint'>>>('district-labels.geojson');
const boundaries = readGeo<FeatureCollection<LineString, { kind: string }>>('district-boundaries.geojson');

const CURRENT_DISTRICTS = [
  '市南区',
  '市北区',
  '黄岛区',
  '崂山区',
  '李沧区',
  '城阳区',
  '即墨区',
  '胶州市',
  '平度市',
  '莱西市'
];

const onLand = (p: Position) => land.features.some((f) => booleanPointInPolygon(p, f));
const districtAt = (p: Position) =>
  districts.features.filter((f) => booleanPointInPolygon(p, f)).map((f) => f.properties.name_zh);

function polygonsOf(f: Feature<Polygon | MultiPolygon>): Position[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Problems of a run of positions: outside the extent, or a position repeated right after itself. */
function positionProblems(positions: Position[], what: string): string[] {
  const [w, s, e, n] = BASEMAP_BOUNDS;
  const problems: string[] = [];
  positions.forEach((p, k) => {
    const [x = NaN, y = NaN] = p;
    if (!(x >= w && x <= e && y >= s && y <= n)) problems.push(`${what} position ${k} outside the extent`);
    const q = positions[k - 1];
    if (q && q[0] === x && q[1] === y) problems.push(`${what} repeats position ${k}`);
  });
  return problems;
}

/** Problems of one polygon's rings: unclosed, too short, repeated points, outside the extent. */
function ringProblems(rings: Position[][]): string[] {
  return rings.flatMap((ring, r) => {
    const problems = positionProblems(ring, `ring ${r}`);
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length < 4) problems.push(`ring ${r} has ${ring.length} positions`);
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
      problems.push(`ring ${r} not closed`);
    return problems;
  });
}

/** Edge crossings in a polygon feature; rings touching at a shared vertex are allowed. */
function crossings(f: Feature<Polygon | MultiPolygon>): Position[] {
  const vertices = new Set(
    polygonsOf(f).flatMap((poly) => poly.flatMap((ring) => ring.map((p) => p.join(','))))
  );
  return kinks(f)
    .features.map((k) => k.geometry.coordinates)
    .filter((p) => !vertices.has(p.join(',')));
}

describe('basemap districts', () => {
  it('are exactly the 10 current districts and county-level cities, with today’s names', () => {
    const names = districts.features.map((f) => f.properties.name_zh);
    expect([...names].sort()).toEqual([...CURRENT_DISTRICTS].sort());
    expect(names).toContain('即墨区');
    expect(names).not.toContain('即墨市');
    expect(names).not.toContain('四方区');
    expect(new Set(districts.features.map((f) => f.properties.adcode)).size).toBe(10);
    const jimo = districts.features.find((f) => f.properties.name_zh === '即墨区');
    expect(jimo?.properties.name_en).toBe('Jimo District');
    expect(jimo?.properties.adcode).toBe('370215');
    for (const f of districts.features) expect(f.properties.name_en).toMatch(/^[A-Z][A-Za-z ()-]+$/);
  });

  it('have valid polygons: closed rings, no repeated points, no crossing edges, inside the extent', () => {
    for (const f of districts.features) {
      const problems = polygonsOf(f).flatMap(ringProblems);
      expect(problems, f.properties.name_zh).toEqual([]);
      expect(crossings(f), f.properties.name_zh).toEqual([]);
    }
  });

  it('put known places in the right district', () => {
    expect(districtAt([120.3845, 36.062])).toEqual(['市南区']); // May Fourth Square 五四广场
    expect(districtAt([120.16, 35.77])).toEqual(['黄岛区']); // Lingshan Island 灵山岛
    expect(districtAt([120.96, 36.42])).toEqual(['即墨区']); // Tianheng Island 田横岛
  });

  it('leave Jiaozhou Bay and the open sea to no district', () => {
    expect(districtAt([120.25, 36.15])).toEqual([]);
    expect(districtAt([120.75, 35.95])).toEqual([]);
  });

  it('give neighbouring districts different tints', () => {
    const tints = new Map(districts.features.map((f) => [f.properties.name_zh, f.properties.tint]));
    // Shinan, Shibei, Licang and Laoshan meet along the city's south coast.
    expect(tints.get('市南区')).not.toBe(tints.get('市北区'));
    expect(tints.get('市北区')).not.toBe(tints.get('李沧区'));
    expect(tints.get('李沧区')).not.toBe(tints.get('崂山区'));
    expect(tints.get('市南区')).not.toBe(tints.get('崂山区'));
  });
});

describe('basemap land', () => {
  it('covers the basemap extent and has valid polygons', () => {
    expect(land.bbox).toEqual([...BASEMAP_BOUNDS]);
    expect(land.features).toHaveLength(1);
    const feature = land.features[0]!;
    expect(feature.geometry.coordinates.flatMap(ringProblems)).toEqual([]);
    expect(crossings(feature)).toEqual([]);
  });

  it('has land where land is and sea where sea is', () => {
    expect(onLand([120.3845, 36.062])).toBe(true); // May Fourth Square 五四广场
    expect(onLand([119.95, 36.45])).toBe(true); // inland Jiaozhou
    expect(onLand([119.98, 36.78])).toBe(true); // Pingdu, the north of the city
    expect(onLand([120.16, 35.77])).toBe(true); // Lingshan Island 灵山岛
    expect(onLand([120.96, 36.42])).toBe(true); // Tianheng Island 田横岛
    expect(onLand([120.25, 36.15])).toBe(false); // Jiaozhou Bay 胶州湾
    expect(onLand([120.75, 35.95])).toBe(false); // Yellow Sea south-east of Laoshan
  });
});

describe('basemap labels and boundaries', () => {
  it('label every district once, on its own land', () => {
    expect(labels.features.map((f) => f.properties.name_zh).sort()).toEqual([...CURRENT_DISTRICTS].sort());
    for (const label of labels.features) {
      const at = label.geometry.coordinates;
      expect(districtAt(at), label.properties.name_zh).toEqual([label.properties.name_zh]);
      expect(onLand(at), label.properties.name_zh).toBe(true);
    }
  });

  it('draw district borders and the city limit as lines within the extent', () => {
    const kinds = new Set(boundaries.features.map((f) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['city', 'district']);
    for (const line of boundaries.features) {
      expect(line.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(positionProblems(line.geometry.coordinates, 'line')).toEqual([]);
    }
  });
});

describe('basemapStyle', () => {
  const zh = basemapStyle({ fontUrlBase: '/fonts', lang: 'zh' });
  const en = basemapStyle({ fontUrlBase: '/base/fonts/', lang: 'en', geoBase: '/base/geo/' });

  it('loads only the site’s own files: GeoJSON from geoBase, fonts from fontUrlBase, no glyphs URL', () => {
    expect(zh.glyphs).toBeUndefined();
    expect(zh.sprite).toBeUndefined();
    for (const source of Object.values(zh.sources)) {
      expect(source.type).toBe('geojson');
      expect((source as { data: string }).data).toMatch(/^\/geo\/[a-z-]+\.geojson$/);
    }
    for (const source of Object.values(en.sources)) {
      expect((source as { data: string }).data).toMatch(/^\/base\/geo\/[a-z-]+\.geojson$/);
      const file = (source as { data: string }).data.replace('/base/geo/', '');
      expect(existsSync(join(STATIC, 'geo', file)), file).toBe(true);
    }
  });

  it('declares font files that exist, with ranges that cover every label character', () => {
    const faces = zh['font-faces']?.[BASEMAP_FONT_NAME];
    expect(Array.isArray(faces)).toBe(true);
    const declared = faces as { url: string; 'unicode-range'?: string[] }[];
    // The label font's small files first: MapLibre draws a character with the first file covering it.
    expect(declared.map((f) => f.url.replace('/fonts/', ''))).toEqual(
      [...LABEL_FONT_FILES, ...BASEMAP_FONT_FILES].map((f) => f.file)
    );
    for (const face of declared) {
      expect(face.url).toMatch(/^\/fonts\/noto-sans-sc-[a-z0-9-]+\.woff2$/);
      expect(existsSync(join(STATIC, face.url)), face.url).toBe(true);
    }
    const ranges = declared.flatMap((f) =>
      (f['unicode-range'] ?? []).map((r) => {
        const [a = '', b] = r.replace(/^U\+/i, '').split('-');
        return [parseInt(a, 16), parseInt(b ?? a, 16)] as const;
      })
    );
    const text = labels.features.map((f) => f.properties.name_zh + f.properties.name_en).join('');
    const uncovered = [...new Set(text)].filter((ch) => {
      const cp = ch.codePointAt(0)!;
      return ch !== ' ' && !ranges.some(([a, b]) => cp >= a && cp <= b);
    });
    expect(uncovered).toEqual([]);
    expect(en['font-faces']?.[BASEMAP_FONT_NAME]).toContainEqual(
      expect.objectContaining({ url: '/base/fonts/noto-sans-sc-latin-400-normal.woff2' })
    );
  });

  it('draws sea, land, districts, borders and labels in that order, each from a declared source', () => {
    expect(zh.layers.map((l) => l.id)).toEqual([
      'background',
      'land',
      'district-fill',
      'district-boundary',
      'city-boundary',
      'district-label'
    ]);
    for (const layer of zh.layers) {
      if ('source' in layer) expect(Object.keys(zh.sources)).toContain(layer.source);
    }
  });

  it('puts the chosen language first in labels, the other below it', () => {
    const field = (style: typeof zh) => {
      const label = style.layers.find((l) => l.id === 'district-label');
      return JSON.stringify(label?.type === 'symbol' ? label.layout?.['text-field'] : null);
    };
    expect(field(zh).indexOf('name_zh')).toBeLessThan(field(zh).indexOf('name_en'));
    expect(field(en).indexOf('name_en')).toBeLessThan(field(en).indexOf('name_zh'));
    const label = zh.layers.find((l) => l.id === 'district-label');
    expect(label?.type === 'symbol' && label.layout?.['text-font']).toEqual([BASEMAP_FONT_NAME]);
  });
});
