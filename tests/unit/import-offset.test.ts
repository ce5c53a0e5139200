/**
 * Suggesting the datum of imported points from the plan's metro stations, and the importer offering it.
 * The GCJ-02 and BD-09 fixtures were computed by make_fixtures.py with its own implementation of the
 * published formulas, independent of src/lib/geo/chinese-coords.ts.
 */
import { describe, expect, it } from 'vitest';
import { importFile, reinterpret } from '../../src/lib/import/import';
import { metres, stationKey, suggestDatum, type NamedPoint } from '../../src/lib/import/offset';
import type { XY } from '../../src/lib/import/crs';
import { gcj02ToWgs84 } from '../../src/lib/geo/chinese-coords';
import { fixture, parseXml, stations } from './import-support';

const STATIONS = stations();
const byName = new Map(STATIONS.map((s) => [s.name_zh, s.lonlat]));

function importedPoints(name: string): NamedPoint[] {
  const result = importFile(fixture(name), { parseXml });
  if ('error' in result) throw new Error(result.error.message.en);
  return result.layers[0]!.features.features.map((f) => ({
    name: (f.properties?.name as string | undefined) ?? undefined,
    lonlat: (f.geometry as GeoJSON.Point).coordinates as XY
  }));
}

describe('station names', () => {
  it('match with or without 站, 地铁, brackets or spacing', () => {
    expect(stationKey('五四广场站')).toBe(stationKey('五四广场'));
    expect(stationKey('地铁台东站')).toBe('台东');
    expect(stationKey('健身中心(红岛会展)')).toBe('健身中心');
    expect(stationKey('Jiangxi Lu Station')).toBe(stationKey('jiangxilu'));
  });
});

describe('suggestDatum', () => {
  it('the stations data holds every fixture station', () => {
    expect(STATIONS.length).toBeGreaterThan(150);
    for (const n of ['东郭庄', '小村庄', '台东', '江西路', '埠西', '北门外'])
      expect(byName.has(n)).toBe(true);
  });

  it('GCJ-02 points named after stations: GCJ-02, by names, about 500 m off as WGS-84', () => {
    const s = suggestDatum(importedPoints('stations-gcj02.csv'), STATIONS)!;
    expect(s.by).toBe('names');
    expect(s.points).toBe(6);
    expect(s.likely).toBe('GCJ02');
    expect(s.medianMetres.GCJ02).toBeLessThan(1);
    expect(s.medianMetres.WGS84).toBeGreaterThan(300);
    expect(s.medianMetres.WGS84).toBeLessThan(800);
  });

  it('unnamed BD-09 points near stations: BD-09, by proximity', () => {
    const s = suggestDatum(importedPoints('points-bd09.csv'), STATIONS)!;
    expect(s.by).toBe('proximity');
    expect(s.likely).toBe('BD09');
    expect(s.medianMetres.BD09).toBeLessThan(1);
  });

  it('WGS-84 station points: WGS-84', () => {
    const s = suggestDatum(importedPoints('stations-utf8.csv'), STATIONS)!;
    expect(s.likely).toBe('WGS84');
    expect(s.medianMetres.WGS84).toBeLessThan(1);
  });

  it('points away from any station, or too few: no suggestion', () => {
    const far: NamedPoint[] = Array.from({ length: 10 }, (_, i) => ({ lonlat: [119.5 + i * 0.01, 35.6] }));
    expect(suggestDatum(far, STATIONS)).toBeNull();
    expect(suggestDatum([{ lonlat: [120.3845, 36.062] }], STATIONS)).toBeNull();
    expect(suggestDatum([], STATIONS)).toBeNull();
  });

  it('two readings about as close as each other: nothing likely', () => {
    // Each pair of stations sits one GCJ-02 offset apart (plus 30 m north), so the points, 20 m east of the
    // first of each pair, are about as near a station read as WGS-84 (20 m) as read as GCJ-02 (~36 m).
    const pairs: XY[] = [
      [120.2, 36.1],
      [120.3, 36.2],
      [120.4, 36.3],
      [120.5, 36.15],
      [120.1, 35.95]
    ];
    const north = 30 / 111_195;
    const east = 20 / (111_195 * Math.cos((36 * Math.PI) / 180));
    const synthetic = pairs.flatMap((p, i) => {
      const [lon, lat] = gcj02ToWgs84(p);
      return [
        { name_zh: `A${i}`, lonlat: p },
        { name_zh: `B${i}`, lonlat: [lon, lat + north] as XY }
      ];
    });
    const s = suggestDatum(
      pairs.map(([lon, lat]) => ({ lonlat: [lon + east, lat] as XY })),
      synthetic
    )!;
    expect(s.by).toBe('proximity');
    expect(s.medianMetres.WGS84).toBeCloseTo(20, 0);
    expect(s.medianMetres.GCJ02).toBeLessThan(40);
    expect(s.likely).toBeNull();
  });

  it('points scattered 200–1500 m from stations in no pattern: nothing likely', () => {
    const scattered: NamedPoint[] = STATIONS.slice(0, 30).map((s, i) => {
      const r = (200 + ((i * 433) % 1300)) / 111_000;
      const a = i * 2.4;
      return { lonlat: [s.lonlat[0] + r * Math.cos(a), s.lonlat[1] + r * Math.sin(a)] };
    });
    const s = suggestDatum(scattered, STATIONS);
    expect(s?.likely ?? null).toBeNull();
  });
});

describe('the importer offers the suggestion', () => {
  it('imports GCJ-02 points as given and suggests GCJ-02; read as GCJ-02 they sit on the stations', () => {
    const result = importFile(fixture('stations-gcj02.csv'), { parseXml, stations: STATIONS });
    if ('error' in result) throw new Error(result.error.message.en);
    const layer = result.layers[0]!;
    expect(layer.crs.applied).toBe('WGS84');
    expect(layer.crs.suggested?.likely).toBe('GCJ02');
    const moved = reinterpret(layer.features, 'GCJ02');
    for (const f of moved.features) {
      const at = byName.get(String(f.properties!.name).replace(/站$/, ''))!;
      expect(metres((f.geometry as GeoJSON.Point).coordinates as XY, at)).toBeLessThan(1);
    }
  });

  it('no suggestion for WGS-84 data, and none asked for without stations', () => {
    const withStations = importFile(fixture('stations-utf8.csv'), { parseXml, stations: STATIONS });
    const without = importFile(fixture('stations-gcj02.csv'), { parseXml });
    if ('error' in withStations || 'error' in without) throw new Error('unexpected error');
    expect(withStations.layers[0]!.crs.suggested).toBeUndefined();
    expect(without.layers[0]!.crs.suggested).toBeUndefined();
  });

  it('the system given as an option is applied: GCJ-02 points land on the stations', () => {
    const result = importFile(fixture('stations-gcj02.csv'), { parseXml, crs: 'GCJ02' });
    if ('error' in result) throw new Error(result.error.message.en);
    const f = result.layers[0]!.features.features[0]!;
    expect(metres((f.geometry as GeoJSON.Point).coordinates as XY, byName.get('东郭庄')!)).toBeLessThan(1);
  });
});
