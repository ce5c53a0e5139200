/**
 * Coordinate systems of imports: each known projected system against values computed independently of
 * proj4, published points, and the detection of projected coordinates and of a file's declared system.
 */
import { describe, expect, it } from 'vitest';
import {
  normaliseCrs,
  PROJECTED,
  projectedCandidates,
  readPrj,
  toWgs84,
  type XY
} from '../../src/lib/import/crs';
import { importFile } from '../../src/lib/import/import';
import { metres } from '../../src/lib/import/offset';
import type { CrsId } from '../../src/lib/import/types';
import { bd09ToGcj02 } from '../../src/lib/geo/chinese-coords';
import { fixture, parseXml } from './import-support';

/**
 * Length of the meridian arc from the equator to latitude `phi` (radians) on an ellipsoid with semi-major
 * axis `a` and eccentricity squared `e2`: the series of Snyder, "Map Projections — A Working Manual"
 * (USGS Professional Paper 1395, 1987), equation 3-21. On a transverse Mercator's central meridian the
 * northing is this arc times the scale factor, and the easting is the false easting.
 */
function meridianArc(phi: number, a: number, e2: number): number {
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  return (
    a *
    ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi -
      ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi) +
      ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) -
      ((35 * e6) / 3072) * Math.sin(6 * phi))
  );
}
/** GRS80 (the CGCS2000 ellipsoid differs from it in the 12th digit of 1/f) and WGS-84. */
const GRS80 = { a: 6378137, e2: 0.0066943800229 };
const WGS84 = { a: 6378137, e2: 0.00669437999014 };

/** Central meridian, false easting, scale and ellipsoid of each system, from its EPSG definition. */
const SYSTEMS: [CrsId, number, number, number, typeof GRS80][] = [
  ['EPSG:4527', 117, 39_500_000, 1, GRS80],
  ['EPSG:4528', 120, 40_500_000, 1, GRS80],
  ['EPSG:4529', 123, 41_500_000, 1, GRS80],
  ['EPSG:4547', 114, 500_000, 1, GRS80],
  ['EPSG:4548', 117, 500_000, 1, GRS80],
  ['EPSG:4549', 120, 500_000, 1, GRS80],
  ['EPSG:4550', 123, 500_000, 1, GRS80],
  ['EPSG:32650', 117, 500_000, 0.9996, WGS84],
  ['EPSG:32651', 123, 500_000, 0.9996, WGS84]
];

/**
 * Published example values: wandergis/coordtransform, test/app.js (github.com/wandergis/coordtransform),
 * for the point 116.404, 39.915 — WGS-84 → GCJ-02 gives 116.41024449916938, 39.91640428150164; GCJ-02 → BD-09
 * gives 116.41036949371029, 39.92133699351021; its one-step GCJ-02 → WGS-84 (an approximation, good to a
 * metre or two) gives 116.39775550083061, 39.91359571849836.
 */
describe('GCJ-02 and BD-09 against published values', () => {
  it('GCJ-02: the published forward value reads back to the published input', () => {
    const [lon, lat] = toWgs84('GCJ02')([116.41024449916938, 39.91640428150164]);
    expect(lon).toBeCloseTo(116.404, 8);
    expect(lat).toBeCloseTo(39.915, 8);
    // Within 2 m of the published one-step inverse.
    expect(metres(toWgs84('GCJ02')([116.404, 39.915]), [116.39775550083061, 39.91359571849836])).toBeLessThan(
      2
    );
  });

  it('BD-09: the published value reads back to its GCJ-02 input, then on to WGS-84', () => {
    const bd: XY = [116.41036949371029, 39.92133699351021];
    const [lon, lat] = bd09ToGcj02(bd);
    expect(lon).toBeCloseTo(116.404, 8);
    expect(lat).toBeCloseTo(39.915, 8);
    expect(metres(toWgs84('BD09')(bd), toWgs84('GCJ02')([116.404, 39.915]))).toBeLessThan(0.01);
  });
});

describe('projected systems', () => {
  for (const [code, lon0, x0, k0, ell] of SYSTEMS) {
    it(`${code}: points on the central meridian land where the meridian arc puts them`, () => {
      for (const lat of [35.5, 36.0, 36.5, 37.0]) {
        const y = k0 * meridianArc((lat * Math.PI) / 180, ell.a, ell.e2);
        const [lon, back] = toWgs84(code)([x0, y]);
        expect(lon).toBeCloseTo(lon0, 9);
        expect(metres([lon, back], [lon0, lat])).toBeLessThan(0.01);
      }
    });
  }

  it('UTM: the published Eiffel Tower example (31 N 448251 5411932 ↔ 48.8582°N 2.2945°E, movable-type.co.uk geodesy docs)', () => {
    // The same PROJ template as EPSG:32650/32651, for zone 31.
    const def = PROJECTED['EPSG:32650']!.proj.replace('+zone=50', '+zone=31');
    expect(def).toContain('+zone=31');
    PROJECTED['EPSG:32631'] = { name: 'test', proj: def };
    try {
      const [lon, lat] = toWgs84('EPSG:32631')([448251, 5411932]);
      expect(lon).toBeCloseTo(2.2945, 4);
      expect(lat).toBeCloseTo(48.8582, 4);
    } finally {
      delete PROJECTED['EPSG:32631'];
    }
  });

  it('the zone-numbered and truncated Gauss-Krüger forms differ by the zone prefix alone', () => {
    const a = toWgs84('EPSG:4528')([40_534_640.862, 3_992_490.587]);
    const b = toWgs84('EPSG:4549')([534_640.862, 3_992_490.587]);
    expect(metres(a, b)).toBeLessThan(1e-6);
  });

  it('normalises codes and names', () => {
    expect(normaliseCrs('epsg:4549')).toBe('EPSG:4549');
    expect(normaliseCrs('4490')).toBe('WGS84');
    expect(normaliseCrs('gcj-02')).toBe('GCJ02');
    expect(normaliseCrs('BD_09')).toBe('BD09');
    expect(normaliseCrs('EPSG:2000')).toBeNull();
  });

  it('reads a .prj by EPSG authority, by ESRI name, or as a geographic system', () => {
    expect(
      readPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["x"],PROJECTION["Gauss_Kruger"]]').detected
    ).toBe('EPSG:4528');
    expect(
      readPrj(
        'PROJCS["WGS 84 / UTM zone 51N",GEOGCS["WGS 84",AUTHORITY["EPSG","4326"]],AUTHORITY["EPSG","32651"]]'
      ).detected
    ).toBe('EPSG:32651');
    expect(readPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]').detected).toBe('WGS84');
    // An unknown projection is still used, through proj4's WKT reader.
    const other = readPrj(
      'PROJCS["Local TM",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.5],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    );
    expect(other.detected).toBe('projected');
    expect(other.convert([0, meridianArc((36 * Math.PI) / 180, WGS84.a, WGS84.e2)])[1]).toBeCloseTo(36, 7);
  });
});

describe('detecting the system of an import', () => {
  it('projected values without a system: refused, naming the systems that put them in Qingdao', () => {
    const result = importFile(fixture('projected-4549.csv'), { parseXml });
    if (!('error' in result)) throw new Error('expected an error');
    expect(result.error.code).toBe('projected-unknown');
    expect(result.error.params?.candidates).toBe('EPSG:4549');
    expect(result.error.message.en).toContain('likely: EPSG:4549');
  });

  it('the same file with the system given: on the stations it names', () => {
    const result = importFile(fixture('projected-4549.csv'), { parseXml, crs: 'EPSG:4549' });
    if ('error' in result) throw new Error(result.error.message.en);
    const [layer] = result.layers;
    expect(layer!.crs).toEqual({ detected: 'EPSG:4549', applied: 'EPSG:4549', source: 'option' });
    const pts = layer!.features.features.map((f) => (f.geometry as GeoJSON.Point).coordinates as XY);
    // 五四广场 and 东郭庄 (data/features/metro/operating-stations.csv), as make_fixtures.py lists them.
    expect(metres(pts[0]!, [120.3845, 36.062])).toBeLessThan(0.01);
    expect(metres(pts[1]!, [120.40675, 36.334524])).toBeLessThan(0.01);
  });

  it('northing first (X = northing, as Chinese surveys write it): named as swapped, and read when asked', () => {
    const refused = importFile(fixture('projected-4549-swapped.csv'), { parseXml });
    if (!('error' in refused)) throw new Error('expected an error');
    expect(refused.error.params?.candidates).toBe('EPSG:4549 (x/y swapped)');
    const result = importFile(fixture('projected-4549-swapped.csv'), {
      parseXml,
      crs: 'EPSG:4549',
      swapXY: true
    });
    if ('error' in result) throw new Error(result.error.message.en);
    expect(result.layers[0]!.crs).toMatchObject({ applied: 'EPSG:4549', swapXY: true });
    const p = (result.layers[0]!.features.features[0]!.geometry as GeoJSON.Point).coordinates as XY;
    expect(metres(p, [120.3845, 36.062])).toBeLessThan(0.01);
  });

  it('GeoJSON with a crs member (EPSG:4528) is read in that system', () => {
    const result = importFile(fixture('crs-4528.geojson'), { parseXml });
    if ('error' in result) throw new Error(result.error.message.en);
    expect(result.layers[0]!.crs).toEqual({ detected: 'EPSG:4528', applied: 'EPSG:4528', source: 'file' });
    const p = (result.layers[0]!.features.features[0]!.geometry as GeoJSON.Point).coordinates as XY;
    expect(metres(p, [120.3845, 36.062])).toBeLessThan(0.01);
  });

  it('candidates for typical Qingdao values in each family', () => {
    expect(projectedCandidates([40_534_640, 3_992_490])).toEqual(['EPSG:4528']);
    // Without a zone prefix, 534 640 E is also a valid UTM 51N easting (CM 123°E) — but one that lands
    // far west of Qingdao; only the 120°E zone lands in the region.
    expect(projectedCandidates([534_640, 3_992_490])).toEqual(['EPSG:4549']);
    const utm51 = [800_000, 3_990_000] as XY; // east of Qingdao's 120.5°E under CM 117°E, west under CM 123°E
    expect(projectedCandidates(utm51)).not.toContain('EPSG:4549');
  });
});
