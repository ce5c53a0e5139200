/**
 * Taking plan features away: the CSV writer (BOM, RFC 4180 quoting, formula injection neutralised,
 * Chinese kept), the export's columns in CSV and GeoJSON, and the exported legend.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM, csvCell, toCsv } from '$lib/export/features-csv';
import {
  EXPORT_COLUMNS,
  MAX_CELL_CHARS,
  featuresCsv,
  featuresGeoJson,
  representativePoint,
  toWkt
} from '$lib/export/feature-export';
import { legendGroups } from '$lib/export/legend';
import type { PlanFeature } from '$lib/plan/schema';

describe('csvCell', () => {
  it('writes plain text, numbers and empty cells as they are', () => {
    expect(csvCell('Line 3')).toBe('Line 3');
    expect(csvCell(120.3826)).toBe('120.3826');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('neutralises a cell that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('-2 km')).toBe("'-2 km");
    // Only the first character counts.
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('keeps Chinese text as it is', () => {
    // A full-width comma is text, not a separator: no quotes needed; an ASCII one is quoted.
    expect(csvCell('地铁3号线，市南区')).toBe('地铁3号线，市南区');
    expect(csvCell('市南区,市北区')).toBe('"市南区,市北区"');
    expect(csvCell('青岛')).toBe('青岛');
    // Written as UTF-8 after the BOM: 青 is E9 9D 92.
    expect([...new TextEncoder().encode(toCsv(['名'], [['青']]))].slice(-5)).toEqual([
      0xe9, 0x9d, 0x92, 0x0d, 0x0a
    ]);
  });
});

describe('toCsv', () => {
  it('starts with the byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['青岛', 1]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe('\uFEFFa,b\r\n青岛,1\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('reads back, cell for cell, with a standard CSV parser', () => {
    const rows = [
      ['a,b', 'say "hi"', 'two\nlines'],
      ['中文', '=SUM(A1)', '']
    ];
    const parsed = Papa.parse<string[]>(toCsv(['x', 'y', 'z'], rows).slice(1), { skipEmptyLines: true });
    expect(parsed.data).toEqual([['x', 'y', 'z'], rows[0], ['中文', "'=SUM(A1)", '']]);
  });
});

const feature = (properties: Record<string, unknown>, geometry: GeoJSON.Geometry) =>
  ({
    type: 'Feature',
    properties: {
      layer: 'transport',
      kind: 'metro-station',
      status: 'operating',
      precision: 'surveyed',
      precision_note: 'OSM node',
      articles: [41],
      targets: ['a41-1'],
      source: 'OpenStreetMap',
      name_en: 'Station',
      ...properties
    },
    geometry
  }) as unknown as PlanFeature;

const station = feature(
  { id: 'wusi-square', name_zh: '五四广场站', name_en: 'May Fourth Square' },
  { type: 'Point', coordinates: [120.3826, 36.0631] }
);
const line = feature(
  {
    id: 'metro-line-3',
    name_zh: '地铁3号线',
    name_en: 'Line 3, "north"',
    kind: 'metro-line',
    articles: [41, 42],
    targets: ['a41-1', 'a42-2'],
    color: '#e60012'
  },
  {
    type: 'LineString',
    coordinates: [
      [120.3, 36.0],
      [120.4, 36.1]
    ]
  }
);
const area = feature(
  { id: 'zone', name_zh: '=区域', layer: 'zones', kind: 'new-area', precision: 'indicative' },
  {
    type: 'Polygon',
    coordinates: [
      [
        [120.0, 36.0],
        [120.2, 36.0],
        [120.2, 36.2],
        [120.0, 36.2],
        [120.0, 36.0]
      ]
    ]
  }
);

describe('feature export', () => {
  it('writes the documented columns, one row per feature', () => {
    const csv = featuresCsv([station, line, area]);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...EXPORT_COLUMNS]);
    expect(parsed.data).toHaveLength(3);
    const [s, l, a] = parsed.data;
    expect(s).toMatchObject({
      id: 'wusi-square',
      name_zh: '五四广场站',
      name_en: 'May Fourth Square',
      layer: 'transport',
      kind: 'metro-station',
      status: 'operating',
      precision: 'surveyed',
      articles: '41',
      targets: 'a41-1',
      source: 'OpenStreetMap',
      outside_qingdao: 'false',
      geometry: 'Point',
      lon: '120.3826',
      lat: '36.0631',
      wkt: 'POINT (120.3826 36.0631)'
    });
    expect(l).toMatchObject({ name_en: 'Line 3, "north"', articles: '41;42', targets: 'a41-1;a42-2' });
    expect(l!.wkt).toBe('LINESTRING (120.3 36, 120.4 36.1)');
    // A line's and an area's lon/lat: the mean of the vertices (the ring's closing vertex once).
    expect([Number(l!.lon), Number(l!.lat)]).toEqual([120.35, 36.05]);
    expect([Number(a!.lon), Number(a!.lat)]).toEqual([120.1, 36.1]);
    // A name that starts like a formula is written as text.
    expect(a!.name_zh).toBe("'=区域");
  });

  it('leaves out a WKT longer than a spreadsheet cell holds', () => {
    const ring = Array.from({ length: 2000 }, (_, i) => [
      120 + Math.cos(i / 318) * 0.123456,
      36 + Math.sin(i / 318) * 0.123456
    ]);
    ring.push(ring[0]!);
    const big = feature({ id: 'big', name_zh: '大' }, { type: 'Polygon', coordinates: [ring] });
    expect(toWkt(big.geometry).length).toBeGreaterThan(MAX_CELL_CHARS);
    const parsed = Papa.parse<Record<string, string>>(featuresCsv([big]).slice(1), { header: true });
    expect(parsed.data[0]!.wkt).toBe('');
    expect(parsed.data[0]!.lon).not.toBe('');
  });

  it('writes GeoJSON with the same properties, arrays kept, geometry untouched', () => {
    const collection = JSON.parse(
      featuresGeoJson([station, line], '2026-01-26')
    ) as GeoJSON.FeatureCollection;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(2);
    const props = collection.features[1]!.properties!;
    expect(Object.keys(props)).toEqual(
      EXPORT_COLUMNS.filter((c) => !['geometry', 'lon', 'lat', 'wkt'].includes(c))
    );
    expect(props.articles).toEqual([41, 42]);
    expect(props.targets).toEqual(['a41-1', 'a42-2']);
    expect(collection.features[1]!.geometry).toEqual(line.geometry);
  });

  it('writes WKT for every geometry type', () => {
    expect(
      toWkt({
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4]
        ]
      })
    ).toBe('MULTIPOINT ((1 2), (3 4))');
    expect(
      toWkt({
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, 4]
          ],
          [
            [5, 6],
            [7, 8]
          ]
        ]
      })
    ).toBe('MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))');
    expect(toWkt(area.geometry)).toBe('POLYGON ((120 36, 120.2 36, 120.2 36.2, 120 36.2, 120 36))');
    expect(
      toWkt({ type: 'MultiPolygon', coordinates: [(area.geometry as GeoJSON.Polygon).coordinates] })
    ).toBe('MULTIPOLYGON (((120 36, 120.2 36, 120.2 36.2, 120 36.2, 120 36)))');
    expect(representativePoint({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
  });
});

describe('exported legend', () => {
  it('lists the layers in view in the panel order, metro lines in their own colours', () => {
    const groups = legendGroups([area, station, line], 'zh');
    expect(groups.map((g) => g.layer)).toEqual(['zones', 'transport']);
    expect(groups[0]).toMatchObject({ name: '功能区与开放平台', colour: '#8c48fa' });
    expect(groups[0]!.items).toEqual([
      { label: '国家级新区', shape: 'area', colour: '#8c48fa', dashed: false }
    ]);
    const transport = groups[1]!.items;
    expect(transport.find((i) => i.label === '地铁3号线')).toEqual({
      label: '地铁3号线',
      shape: 'line',
      colour: '#e60012',
      dashed: false
    });
    expect(transport.some((i) => i.label === '地铁线路')).toBe(false);
    expect(legendGroups([area], 'en')[0]!.name).toBe('Development zones');
  });
});
