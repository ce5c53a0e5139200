/**
 * The metro lines under construction: each rule of the pipeline fed a broken record, and the published
 * programme on the real data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildingSummary } from '$lib/plan/metro-building';
import { buildingLines, parseBuildingLines, readMetroBuilding } from '../../scripts/pipeline/metro/building';
import {
  LINES_FILE,
  parseLinesJson,
  parseStationsCsv,
  STATIONS_FILE
} from '../../scripts/pipeline/metro/records';

const operating = parseLinesJson(readFileSync(LINES_FILE, 'utf8'), LINES_FILE);
const stations = parseStationsCsv(readFileSync(STATIONS_FILE, 'utf8'), STATIONS_FILE);
const station = (line: string, name: string) => stations.find((s) => s.line === line && s.name_zh === name)!;

/** A valid record: an extension of Line 2 between two operating stations, with its facts sourced. */
function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const from = station('2', '李村公园');
  const to = station('11', '世博园');
  return {
    id: '2-test',
    name_zh: '测试线',
    name_en: 'Test line',
    plan_name_zh: null,
    extends_line: '2',
    status: 'under-construction',
    status_source: 'a dated source',
    color: null,
    termini_zh: ['李村公园', '世博园'],
    stations_zh: [],
    stations_source: null,
    length_official_km: 8.9,
    station_count_official: null,
    length_source: 'a dated source',
    opening_expected: null,
    opening_source: null,
    route_points: [
      {
        name_zh: '李村公园',
        lon: from.position[0],
        lat: from.position[1],
        basis: 'operating-station',
        operating_line: '2'
      },
      {
        name_zh: '世博园',
        lon: to.position[0],
        lat: to.position[1],
        basis: 'operating-station',
        operating_line: '11'
      }
    ],
    route_note: 'The termini only.',
    sources: ['a dated source'],
    ...overrides
  };
}

function build(records: Record<string, unknown>[]) {
  const file = 'test/building-lines.json';
  return buildingLines(parseBuildingLines(JSON.stringify(records), file), operating, stations, file);
}

describe('lines under construction: rules', () => {
  it('draws a valid record between its stations, indicative, in the colour of the line it extends', () => {
    const { features, published } = build([record()]);
    expect(features).toHaveLength(1);
    const [line] = features;
    expect(line?.properties).toMatchObject({
      id: 'metro-line-2-test',
      kind: 'metro-line',
      status: 'under-construction',
      precision: 'indicative',
      color: operating.find((l) => l.id === '2')?.color,
      targets: []
    });
    expect(line?.geometry).toEqual({
      type: 'LineString',
      coordinates: [station('2', '李村公园').position, station('11', '世博园').position]
    });
    expect(published.lines[0]?.feature_id).toBe('metro-line-2-test');
  });

  it('lists a line with fewer than two known stations without drawing it', () => {
    const { features, published } = build([record({ route_points: [] })]);
    expect(features).toEqual([]);
    expect(published.lines[0]?.feature_id).toBeNull();
  });

  it.each([
    [
      'a route point away from its station',
      {
        route_points: [
          { ...(record().route_points as object[])[0], lon: 120.5 },
          (record().route_points as object[])[1]
        ]
      },
      'route point is not at its station'
    ],
    [
      'a route point that is no operating station',
      {
        route_points: [
          { name_zh: '不存在', lon: 120.4, lat: 36.1, basis: 'operating-station', operating_line: '2' },
          (record().route_points as object[])[1]
        ]
      },
      'route point is not an operating station'
    ],
    [
      'route points out of line order',
      { route_points: [...(record().route_points as object[])].reverse() },
      'route points out of line order'
    ],
    ['a length without a source', { length_source: null }, 'fact without a source — length_official_km'],
    [
      'an opening year without a source',
      { opening_expected: '2026' },
      'fact without a source — opening_expected'
    ],
    [
      'a station list that disagrees with the termini',
      { stations_zh: ['李村公园', '某站'], stations_source: 's' },
      'termini disagree'
    ],
    ['the id of an operating line', { id: '2' }, 'line id is an operating line'],
    ['an extension of a line that does not operate', { extends_line: '99' }, 'extends an unknown line'],
    [
      'a guessed position',
      { route_points: [{ name_zh: 'x', lon: 1, lat: 2, basis: 'guess', operating_line: '2' }] },
      'fails the schema'
    ]
  ])('rejects %s, naming the record', (_, overrides, message) => {
    expect(() => build([record(overrides)])).toThrow(message);
    expect(() => build([record(overrides)])).toThrow('test/building-lines.json:');
  });

  it('rejects two records with one id', () => {
    expect(() => build([record(), record()])).toThrow('duplicate line id');
  });
});

describe('lines under construction: the real data', () => {
  const { features, published } = readMetroBuilding();

  it('lists every line article 41 names, each with a dated status source', () => {
    const named = published.lines.map((l) => l.plan_name_zh).filter((n) => n !== null);
    for (const name of ['8号线南段', '2号线二期', '5号线', '7号线二期']) expect(named).toContain(name);
    for (const line of published.lines) expect(line.sources.length, line.id).toBeGreaterThan(0);
  });

  it('draws only lines whose stations are known, straight between operating stations', () => {
    const south = features.find((f) => f.properties.id === 'metro-line-8-south');
    expect((south?.geometry as GeoJSON.LineString).coordinates).toEqual([
      station('8', '青岛北站').position,
      station('2', '五四广场').position
    ]);
    expect(published.lines.find((l) => l.id === '5')?.feature_id).toBeNull();
  });

  it('sums only the published lengths and says how many lines have one', () => {
    const summary = buildingSummary(published.lines);
    const known = published.lines.filter((l) => l.length_official_km !== null);
    expect(summary.knownCount).toBe(known.length);
    expect(summary.knownKm).toBeCloseTo(
      known.reduce((s, l) => s + l.length_official_km!, 0),
      6
    );
    expect(summary.drawn).toBe(features.length);
  });
});
