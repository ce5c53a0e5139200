/**
 * The importer against its fixtures (tests/fixtures/import, written by make_fixtures.py): every format,
 * every text encoding, and each kind of bad input with the code and place of its message.
 */
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { importFile, importFiles } from '../../src/lib/import/import';
import { readZip } from '../../src/lib/import/zip';
import { DEFAULT_BUDGET, type ImportLayer, type ImportOptions } from '../../src/lib/import/types';
import { fixture, parseXml } from './import-support';

const options: ImportOptions = { parseXml };

function layers(name: string, opts: Partial<ImportOptions> = {}): ImportLayer[] {
  const result = importFile(fixture(name), { ...options, ...opts });
  if ('error' in result) throw new Error(`${name}: unexpected error ${result.error.message.en}`);
  return result.layers;
}

function layer(name: string, opts: Partial<ImportOptions> = {}): ImportLayer {
  const all = layers(name, opts);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function error(name: string, opts: Partial<ImportOptions> = {}) {
  const result = importFile(fixture(name), { ...options, ...opts });
  if (!('error' in result)) throw new Error(`${name}: imported, expected an error`);
  return result.error;
}

const names = (l: ImportLayer) =>
  l.features.features.map((f) => f.properties?.name ?? f.properties?.['名称'] ?? f.properties?.NAME);

describe('formats', () => {
  it('GeoJSON: points, a line and a polygon', () => {
    const l = layer('valid.geojson');
    expect(l.format).toBe('geojson');
    expect(l.features.features.map((f) => f.geometry.type)).toEqual([
      'Point',
      'Point',
      'LineString',
      'Polygon'
    ]);
    expect(l.features.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [120.3845, 36.062] });
    expect(l.skipped.total).toBe(0);
    expect(l.crs).toEqual({ detected: 'WGS84', applied: 'WGS84', source: 'default' });
  });

  it('TopoJSON: one layer per object, quantized positions decoded', () => {
    const [places, roads] = layers('valid.topojson');
    expect(places!.name).toBe('valid – places');
    expect(places!.features.features).toHaveLength(2);
    // translate 120, 36 + 384 × 0.001, 62 × 0.001
    const [lon, lat] = (places!.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    expect(lon).toBeCloseTo(120.384, 9);
    expect(lat).toBeCloseTo(36.062, 9);
    expect(roads!.features.features[0]!.geometry.type).toBe('LineString');
  });

  it('KML and KMZ: three placemarks each, names kept as plain text', () => {
    for (const name of ['valid.kml', 'valid.kmz']) {
      const l = layer(name);
      expect(l.features.features).toHaveLength(3);
      expect(names(l)[0]).toBe('<img src=x onerror=alert(1)>五四广场');
    }
    expect(layer('valid.kmz').format).toBe('kmz');
  });

  it('GPX: a track and two waypoints', () => {
    const l = layer('valid.gpx');
    expect(l.features.features.map((f) => f.geometry.type).sort()).toEqual(['LineString', 'Point', 'Point']);
  });

  it('zipped Shapefile with .prj (WGS-84) and .cpg (UTF-8)', () => {
    const l = layer('stations-wgs84.zip');
    expect(l.format).toBe('shapefile');
    expect(l.features.features).toHaveLength(6);
    expect(l.features.features[0]!.properties).toEqual({ NAME: '东郭庄', NAME_EN: 'Dongguozhuang' });
    expect(l.features.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [120.40675, 36.334524] });
    expect(l.crs).toMatchObject({ detected: 'WGS84', applied: 'WGS84', source: 'prj' });
  });

  it('zipped Shapefile in a Gauss-Krüger zone (.prj) with GBK attributes (.cpg 936), in a folder', () => {
    const l = layer('stations-gk-cp936.zip');
    expect(l.crs).toMatchObject({ detected: 'EPSG:4549', applied: 'EPSG:4549', source: 'prj' });
    expect(names(l)).toEqual(['五四广场', '东郭庄']);
    const [lon, lat] = (l.features.features[0]!.geometry as GeoJSON.Point).coordinates;
    // The fixture's x, y are proj4's forward of 120.3845, 36.062 (see make_fixtures.py): within a millimetre back.
    expect(lon).toBeCloseTo(120.3845, 7);
    expect(lat).toBeCloseTo(36.062, 7);
  });

  it('zipped Shapefile without .cpg: GBK attributes recognised', () => {
    const l = layer('stations-gbk-nocpg.zip');
    expect(l.encoding).toBe('gb18030');
    expect(names(l)[0]).toBe('东郭庄');
  });

  it('several files at once: each imports or fails on its own', () => {
    const result = importFiles(
      [fixture('valid.geojson'), fixture('truncated.zip'), fixture('valid.kml')],
      options
    );
    expect(result.layers.map((l) => l.file)).toEqual(['valid.geojson', 'valid.kml']);
    expect(result.errors.map((e) => [e.file, e.code])).toEqual([['truncated.zip', 'truncated']]);
  });
});

describe('CSV columns and encodings', () => {
  const cases: [string, string, string][] = [
    ['stations-utf8.csv', 'utf-8', 'Dongguozhuang'],
    ['stations-utf8-bom.csv', 'utf-8-bom', '东郭庄'],
    ['stations-utf16le.csv', 'utf-16le', '东郭庄'],
    ['stations-utf16be.csv', 'utf-16be', '东郭庄'],
    ['stations-gbk.csv', 'gb18030', '东郭庄'],
    ['stations-gb18030.csv', 'gb18030', '东郭庄𠮷'],
    ['stations-semicolon.csv', 'utf-8', 'Dongguozhuang']
  ];
  for (const [name, encoding, first] of cases) {
    it(`${name}: six stations, read as ${encoding}`, () => {
      const l = layer(name);
      expect(l.encoding).toBe(encoding);
      expect(l.features.features).toHaveLength(6);
      const props = l.features.features[0]!.properties!;
      expect(Object.values(props)).toContain(first);
      expect(l.features.features[0]!.geometry).toEqual({
        type: 'Point',
        coordinates: [120.40675, 36.334524]
      });
      // Coordinates columns become the geometry, not properties.
      expect(Object.keys(props)).toHaveLength(1);
    });
  }
});

describe('bad input', () => {
  it.each([
    ['empty.geojson', 'empty', undefined],
    ['blank.csv', 'empty', undefined],
    ['malformed.geojson', 'malformed', { line: 4 }],
    ['truncated.geojson', 'truncated', { line: 20 }],
    ['unclosed.kml', 'truncated', { line: 5 }],
    ['mismatched.kml', 'malformed', { line: 5 }],
    ['truncated.zip', 'truncated', undefined],
    ['truncated-shp.zip', 'truncated', { entry: 'stations.shp' }],
    ['kml-inside.geojson', 'wrong-type', undefined],
    ['image.geojson', 'wrong-type', undefined],
    ['not-geojson.json', 'wrong-type', { field: 'type' }],
    ['kml-as.zip', 'wrong-type', undefined],
    ['broken.topojson', 'malformed', undefined],
    ['misencoded.csv', 'encoding', undefined],
    ['layer.xlsx', 'unsupported', undefined],
    ['lonely.shp', 'unsupported', undefined],
    ['no-columns.csv', 'no-coordinates-columns', { line: 1 }],
    ['quote.csv', 'malformed', { line: 2 }],
    ['no-features.geojson', 'no-features', undefined],
    ['no-shp.zip', 'zip-missing', undefined],
    ['billion-laughs.kml', 'xml-doctype', { line: 2 }],
    ['external-entity.gpx', 'xml-doctype', { line: 2 }],
    ['traversal.zip', 'zip-path', { entry: '../../../tmp/evil.shp' }],
    ['traversal.kmz', 'zip-path', { entry: '../../doc.kml' }],
    ['bomb.zip', 'zip-bomb', { entry: 'bomb.shp' }],
    ['deep.geojson', 'too-deep', undefined]
  ] as const)('%s → %s', (name, code, where) => {
    const e = error(name);
    expect(e.code).toBe(code);
    expect(e.where).toEqual(where);
    expect(e.file).toBe(name);
    expect(e.message.en.startsWith(name)).toBe(true);
    expect(e.message.zh.startsWith(name)).toBe(true);
    expect(e.message.en).not.toMatch(/\{\w+\}/);
    expect(e.message.zh).not.toMatch(/\{\w+\}/);
  });

  it('names the problem and place in both languages', () => {
    const e = error('malformed.geojson');
    expect(e.message.en).toMatch(/^malformed\.geojson \(line 4\): the file cannot be read as GeoJSON: /);
    expect(e.message.zh).toMatch(/^malformed\.geojson（第 4 行）：无法按 GeoJSON 读取：/);
    expect(error('bomb.zip').message.en).toContain('64.0 MB');
    expect(error('unclosed.kml').message.en).toBe(
      'unclosed.kml (line 5): the file ends early (it looks cut off): unclosed xml tag(s): kml, Document, Placemark'
    );
  });

  it('GeoJSON: keeps the good features and counts each bad one by reason', () => {
    const l = layer('mixed.geojson');
    expect(names(l)).toEqual(['<script>alert(1)</script>', 'good']);
    expect(l.skipped.total).toBe(7);
    expect(l.skipped.byReason).toEqual({
      'out-of-range': 1,
      'non-numeric': 1,
      'not-finite': 1,
      placeholder: 1,
      'no-geometry': 1,
      'bad-geometry': 2
    });
    expect(l.skipped.examples.map((x) => [x.code, x.where.feature])).toEqual([
      ['out-of-range', 1],
      ['non-numeric', 2],
      ['not-finite', 3],
      ['placeholder', 4],
      ['no-geometry', 5],
      ['bad-geometry', 6],
      ['bad-geometry', 7]
    ]);
    expect(l.skipped.examples[5]!.message.en).toBe(
      'mixed.geojson (feature 7): the geometry is not valid: a polygon ring is not closed'
    );
    // A "__proto__" property is dropped, not merged into the prototype.
    const good = l.features.features[1]!.properties!;
    expect(Object.getPrototypeOf(good)).toBe(Object.prototype);
    expect(Object.keys(good)).toEqual(['name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('GPX: a comma decimal (lat="36,0631") is skipped with its line, not read as 36', () => {
    const l = layer('comma-decimal.gpx');
    expect(l.features.features).toHaveLength(3);
    expect(l.features.features.some((f) => f.properties?.name === 'comma decimal')).toBe(false);
    expect(l.skipped.byReason).toEqual({ 'non-numeric': 2 });
    expect(l.skipped.examples.map((x) => x.where)).toEqual([
      { line: 4, field: 'wpt@lat' },
      { line: 13, field: 'trkpt@lat' }
    ]);
    expect(l.skipped.examples[0]!.message.en).toContain('“36,0631”');
  });

  it('KML: a placemark with unreadable coordinates or out of range is skipped with its line', () => {
    const l = layer('bad-coordinates.kml');
    expect(names(l)).toEqual(['good']);
    expect(l.skipped.examples.map((x) => [x.code, x.where])).toEqual([
      ['non-numeric', { line: 6, feature: 1, field: 'coordinates' }],
      ['out-of-range', { line: 7, feature: 2 }]
    ]);
  });

  it('CSV: each bad row is skipped with its line and column', () => {
    const l = layer('bad-rows.csv');
    expect(names(l)).toEqual(['good', 'good2']);
    expect(l.skipped.examples.map((x) => [x.code, x.where.line, x.where.field])).toEqual([
      ['non-numeric', 3, 'lat'],
      ['field-count', 4, undefined],
      ['no-geometry', 6, undefined],
      ['out-of-range', 5, undefined],
      ['placeholder', 8, undefined]
    ]);
  });

  it('oversized: each budget is named in the message', () => {
    const small = (budget: Partial<typeof DEFAULT_BUDGET>) => ({ budget });
    expect(error('valid.geojson', small({ maxBytes: 100 })).message.en).toContain('over the budget of 100 B');
    const features = error('valid.geojson', small({ maxFeatures: 3 }));
    expect([features.code, features.params?.limit]).toEqual(['too-many-features', 3]);
    expect(error('stations-utf8.csv', small({ maxFeatures: 3 })).code).toBe('too-many-features');
    const vertices = error('valid.geojson', small({ maxVertices: 5 }));
    expect([vertices.code, vertices.params?.limit]).toEqual(['too-many-vertices', 5]);
    expect(error('valid.kml', small({ maxDepth: 3 })).code).toBe('too-deep');
    expect(error('stations-wgs84.zip', small({ maxUnzippedBytes: 200 })).code).toBe('zip-bomb');
  });

  it('a zip entry that under-states its size cannot inflate past the size it claims', () => {
    const zip = zipSync({ 'big.shp': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    // Rewrite the uncompressed size (local header at offset 22, central directory entry at +24) to 1000 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 1000, true);
    let cd = zip.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const dir = view.getUint32(cd + 16, true);
    view.setUint32(dir + 24, 1000, true);
    const out = readZip(zip, () => true, DEFAULT_BUDGET);
    expect(out['big.shp']!.length).toBe(1000);
  });
});
