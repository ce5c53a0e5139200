/**
 * Taking plan features away: the export's columns in CSV and GeoJSON (the CSV writer itself is
 * csv.test.ts's; the exported legend is the legend model's: legend.test.ts).
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  EXPORT_COLUMNS,
  MAX_CELL_CHARS,
  featuresCsv,
  featuresGeoJson,
  representativePoint,
  toWkt
} from '$lib/export/feature-export';
import type { PlanFeature } from '$lib/plan/schema';

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
