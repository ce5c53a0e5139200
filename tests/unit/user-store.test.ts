/** The pure parts of the store of users' layers: stored records read back, order, extents, re-reading. */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  bboxOf,
  metaFromImport,
  move,
  nextColour,
  ordersFor,
  parseFeatures,
  parseMeta,
  parseStyle,
  reread,
  type LayerMeta
} from '../../src/lib/user/layers-core';
import { CATEGORY_COLOURS } from '../../src/lib/user/style';
import { bd09ToWgs84, wgs84ToGcj02 } from '../../src/lib/geo/chinese-coords';
import type { ImportLayer } from '../../src/lib/import/types';

const fc = (coordinates: [number, number][]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: coordinates.map((c, i) => ({
    type: 'Feature',
    properties: { name: `p${i}`, n: i },
    geometry: { type: 'Point', coordinates: c }
  }))
});

const imported = (features: FeatureCollection): ImportLayer => ({
  name: 'stations',
  file: 'stations.csv',
  format: 'csv',
  encoding: 'utf-8',
  features,
  crs: { detected: 'WGS84', applied: 'WGS84', source: 'default' },
  skipped: { total: 1, byReason: { 'non-numeric': 1 }, examples: [] }
});

const meta = (): LayerMeta =>
  metaFromImport(
    imported(
      fc([
        [120.3, 36.1],
        [120.5, 36.3]
      ])
    ),
    'id-1',
    []
  );

describe('a stored layer read back', () => {
  it('round-trips through structured data', () => {
    const m = meta();
    expect(parseMeta(structuredClone(m))).toEqual(m);
    expect(m).toMatchObject({
      count: 2,
      skipped: 1,
      order: 1,
      bbox: [120.3, 36.1, 120.5, 36.3],
      hidden: false
    });
    expect(m.properties).toEqual([
      { name: 'name', numeric: false },
      { name: 'n', numeric: true }
    ]);
  });

  it('refuses a record with any part that does not fit', () => {
    const m = meta() as unknown as Record<string, unknown>;
    for (const broken of [
      null,
      'text',
      { ...m, id: 3 },
      { ...m, opacity: 2 },
      { ...m, format: 'xlsx' },
      { ...m, style: { kind: 'graduated', colour: '#112233', property: 'n', method: 'jenks', classes: 5 } },
      { ...m, style: { kind: 'single', colour: 'red' } },
      { ...m, bbox: [1, 2, 3] },
      { ...m, crs: null },
      { ...m, properties: [{ name: 1 }] }
    ])
      expect(parseMeta(broken)).toBeNull();
  });

  it('accepts features only as a FeatureCollection of the count recorded', () => {
    const features = fc([[120, 36]]);
    expect(parseFeatures(features, 1)).toBe(features);
    expect(parseFeatures(features, 2)).toBeNull();
    expect(parseFeatures({ type: 'FeatureCollection', features: [{ type: 'Point' }] }, 1)).toBeNull();
    expect(parseFeatures(undefined, 0)).toBeNull();
  });

  it('reads styles, bringing numbers to whole classes', () => {
    expect(parseStyle({ kind: 'categories', colour: '#abcdef', property: 'kind', top: 4.7 })).toEqual({
      kind: 'categories',
      colour: '#abcdef',
      property: 'kind',
      top: 4
    });
    expect(parseStyle({ kind: 'categories', colour: '#abcdef', property: '', top: 4 })).toBeNull();
    expect(
      parseStyle({ kind: 'graduated', colour: '#abcdef', property: 'n', method: 'equal', classes: 1 })
    ).toBeNull();
  });
});

describe('order and colours', () => {
  it('moves a layer up or down the list, and not past either end', () => {
    expect(move(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 'x', 1)).toEqual(['a', 'b', 'c']);
    expect([...ordersFor(['a', 'b', 'c'])]).toEqual([
      ['a', 3],
      ['b', 2],
      ['c', 1]
    ]);
  });

  it('a new layer goes on top with a colour no other layer has', () => {
    const first = meta();
    const second = metaFromImport(imported(fc([[120, 36]])), 'id-2', [first]);
    expect(second.order).toBe(first.order + 1);
    expect(second.style.colour).not.toBe(first.style.colour);
    expect(nextColour([...CATEGORY_COLOURS])).toBe(CATEGORY_COLOURS[0]);
  });

  it('the extent covers every position', () => {
    expect(bboxOf(fc([]))).toBeNull();
    expect(
      bboxOf({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [120, 36],
                  [121, 36],
                  [121, 37],
                  [120, 36]
                ]
              ]
            }
          }
        ]
      })
    ).toEqual([120, 36, 121, 37]);
  });
});

describe('reading a layer again in another system', () => {
  const station: [number, number] = [120.38, 36.07];
  const gcj = wgs84ToGcj02(station);

  it('GCJ-02 values read as WGS-84 go back onto the station', () => {
    const result = reread(fc([gcj]), 'WGS84', 'GCJ02');
    expect('features' in result).toBe(true);
    if (!('features' in result)) return;
    const [lon, lat] = (result.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    expect(Math.abs(lon! - station[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat! - station[1])).toBeLessThan(1e-5);
  });

  it('and back again, keeping properties', () => {
    const there = reread(fc([gcj]), 'WGS84', 'GCJ02');
    if (!('features' in there)) throw new Error('expected features');
    const back = reread(there.features, 'GCJ02', 'WGS84');
    if (!('features' in back)) throw new Error('expected features');
    const [lon, lat] = (back.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    expect(Math.abs(lon! - gcj[0])).toBeLessThan(1e-6);
    expect(Math.abs(lat! - gcj[1])).toBeLessThan(1e-6);
    expect(back.features.features[0]!.properties).toEqual({ name: 'p0', n: 0 });
  });

  it("a layer read as GCJ-02 read again as BD-09 takes the file's own values back first", () => {
    // Read as GCJ-02, the file's value `gcj` became the station; read as BD-09 it is somewhere else.
    const result = reread(fc([station]), 'GCJ02', 'BD09');
    if (!('features' in result)) throw new Error('expected features');
    const [lon, lat] = (result.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    const [x, y] = bd09ToWgs84(gcj);
    expect(Math.abs(lon! - x)).toBeLessThan(1e-6);
    expect(Math.abs(lat! - y)).toBeLessThan(1e-6);
  });

  it('degrees read as metres land near the origin of the projection, which is refused or moved far', () => {
    const result = reread(fc([station]), 'WGS84', 'EPSG:4549');
    // 120 m east, 36 m north of the zone's origin on the equator: on the globe, but not near Qingdao.
    if ('features' in result) {
      const [, lat] = (result.features.features[0]!.geometry as GeoJSON.Point).coordinates;
      expect(Math.abs(lat!)).toBeLessThan(0.01);
    }
  });

  it('refuses a layer whose system came from a .prj (no code to take it back with)', () => {
    expect(reread(fc([station]), 'prj', 'GCJ02')).toEqual({ error: 'unknown-source' });
  });

  it('names the first feature that falls off the globe (metres read as degrees)', () => {
    // Read from Web Mercator, the first point's metres are a few degrees; the station's are millions.
    const result = reread(fc([[0.0001, 0.0001], station]), 'EPSG:3857', 'WGS84');
    expect(result).toEqual({ error: 'out-of-range', feature: 1 });
  });
});
