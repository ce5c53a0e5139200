/**
 * The operating metro layer: geometry functions on known shapes, the curated data checked as it is, and
 * the pipeline's rules fed broken fixtures.
 */
import { withDrawingFacts } from '../../scripts/pipeline/features/drawing';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '$lib/data/data-error';
import { lineLengthKm, stationGapsKm, stationPoint, stationsLine, type LonLat } from '$lib/geo/metro';
import { featurePropertiesSchema, type Plan, type PlanFeature } from '$lib/plan/schema';
import { QINGDAO_BBOX } from '$lib/geo/qingdao';
import { checkPlanReferences, validateFeatures } from '../../scripts/pipeline/features/checks';
import { readMetroBuilding } from '../../scripts/pipeline/metro/building';
import { metroFeaturesFromText, readMetroFeatures } from '../../scripts/pipeline/metro/operating';
import {
  parseCsv,
  parseLinesJson,
  parseStationsCsv,
  STATIONS_FILE
} from '../../scripts/pipeline/metro/records';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';

/** A plan reduced to what the metro features cite: article 41 and its 352 km target (values from the plan text). */
const STUB_PLAN: Plan = {
  as_of: '2026-01-26',
  source: { title_zh: 'stub', issuers_zh: 'stub', issued: 'stub', file: 'stub', note: 'test stub' },
  chapters: [],
  articles: [
    {
      n: 41,
      chapter: 4,
      section: 4,
      title_zh: '加快轨道交通和市政路网建设',
      title_en: 'stub',
      summary_en: '',
      text_zh: '到2025年轨道交通通车里程达到352公里。',
      line: 137
    }
  ],
  targets: [
    {
      id: 'a41-1',
      kind: 'quantity',
      article: 41,
      chapter: 4,
      metric_zh: '轨道交通通车里程',
      metric_en: 'stub',
      value: 352,
      unit: 'km',
      comparator: '≥',
      period: '2025',
      quote_zh: '到2025年轨道交通通车里程达到352公里',
      outcomes: []
    }
  ]
};

const features = readMetroFeatures();
const lines = features.filter((f) => f.properties.kind === 'metro-line');
const stations = features.filter((f) => f.properties.kind === 'metro-station');
const rows = parseStationsCsv(readFileSync(STATIONS_FILE, 'utf8'), STATIONS_FILE);

const path = (f: PlanFeature): LonLat[] => {
  if (f.geometry.type !== 'LineString') throw new Error(`${f.properties.id} is not a LineString`);
  return f.geometry.coordinates.map(([lon = NaN, lat = NaN]) => [lon, lat]);
};
const position = (f: PlanFeature): LonLat => {
  if (f.geometry.type !== 'Point') throw new Error(`${f.properties.id} is not a Point`);
  const [lon = NaN, lat = NaN] = f.geometry.coordinates;
  return [lon, lat];
};

describe('metro geometry functions', () => {
  it('measures 0.01° of latitude as about 1.112 km', () => {
    const line = stationsLine([
      [120.38, 36.06],
      [120.38, 36.07]
    ]);
    expect(lineLengthKm(line)).toBeCloseTo(1.112, 3);
  });

  it('sums the segments of a line and reports each gap', () => {
    const positions: LonLat[] = [
      [120.38, 36.06],
      [120.38, 36.07],
      [120.38, 36.09]
    ];
    const gaps = stationGapsKm(positions);
    expect(gaps).toHaveLength(2);
    expect(gaps[1]).toBeCloseTo(2 * (gaps[0] ?? 0), 6);
    expect(lineLengthKm(stationsLine(positions))).toBeCloseTo(
      gaps.reduce((a, b) => a + b, 0),
      9
    );
  });

  it('keeps stations in the order given and refuses a one-station line', () => {
    expect(
      stationsLine([
        [1, 2],
        [3, 4]
      ]).coordinates
    ).toEqual([
      [1, 2],
      [3, 4]
    ]);
    expect(stationPoint([120.1, 36.2])).toEqual({ type: 'Point', coordinates: [120.1, 36.2] });
    expect(() => stationsLine([[120.1, 36.2]])).toThrow(RangeError);
  });
});

describe('operating metro lines (curated data)', () => {
  it('has the 8 operating lines with their network-map colours', () => {
    const colours = Object.fromEntries(lines.map((f) => [f.properties.id, f.properties.color]));
    expect(colours).toEqual({
      'metro-line-1': '#FCD600',
      'metro-line-2': '#CC0000',
      'metro-line-3': '#0065B3',
      'metro-line-4': '#018237',
      'metro-line-6': '#3080B7',
      'metro-line-8': '#D10195',
      'metro-line-11': '#2249A3',
      'metro-line-13': '#00AD8E'
    });
    expect(lines.every((f) => f.properties.status === 'operating')).toBe(true);
  });

  it('has every station of the reference sheet: 189 line stops, 172 physical stations', () => {
    const counts = Object.fromEntries(lines.map((f) => [f.properties.line, f.properties.station_count]));
    expect(counts).toEqual({ '1': 41, '2': 25, '3': 22, '4': 25, '6': 21, '8': 11, '11': 21, '13': 23 });
    expect(rows).toHaveLength(189);
    expect(stations).toHaveLength(172);
    for (const line of lines) expect(path(line)).toHaveLength(line.properties.station_count ?? -1);
  });

  it('validates against the public schema and cites article 41 and target a41-1', () => {
    for (const f of features) expect(featurePropertiesSchema.safeParse(f.properties).success).toBe(true);
    expect(() => validateFeatures(features, 'data/features/metro')).not.toThrow();
    expect(new Set(features.map((f) => f.properties.id)).size).toBe(features.length);
    expect(
      features.every((f) => f.properties.articles.join() === '41' && f.properties.targets.join() === 'a41-1')
    ).toBe(true);
  });

  // No district polygons in static/geo yet: the check is the Qingdao region box the pipeline also enforces.
  it('puts every station inside the Qingdao region box', () => {
    const { west, east, south, north } = QINGDAO_BBOX;
    for (const [lon, lat] of [...stations.map(position), ...lines.flatMap(path)]) {
      expect(lon).toBeGreaterThanOrEqual(west);
      expect(lon).toBeLessThanOrEqual(east);
      expect(lat).toBeGreaterThanOrEqual(south);
      expect(lat).toBeLessThanOrEqual(north);
    }
  });

  // Urban stops in the data are 0.5–2.4 km apart (Line 1 up to 3.1 km). The long gaps are known ones:
  // Lines 1 and 8 cross Jiaozhou Bay in undersea tunnels, and Lines 8, 11 and 13 are express lines (120 km/h
  // design speed) whose suburban stops are up to 6.8 km apart; Line 8's bay crossing Dayang–Qingdao North
  // is 8.3 km station to station.
  const GAP_LIMIT_KM: Record<string, number> = {
    '1': 3.5,
    '2': 3.5,
    '3': 3.5,
    '4': 3.5,
    '6': 3.5,
    '8': 9,
    '11': 7,
    '13': 7
  };
  const BAY_CROSSINGS: Record<string, { from: string; to: string; limit: number }> = {
    '1': { from: '团岛', to: '凤凰岛', limit: 7 }
  };

  it('draws each line continuously: consecutive stations within a plausible gap', () => {
    for (const line of lines) {
      const id = line.properties.line ?? '';
      const onLine = rows.filter((r) => r.line === id);
      const gaps = stationGapsKm(onLine.map((r) => r.position));
      gaps.forEach((gap, i) => {
        const from = onLine[i]?.name_zh;
        const to = onLine[i + 1]?.name_zh;
        const crossing = BAY_CROSSINGS[id];
        const limit =
          crossing && crossing.from === from && crossing.to === to ? crossing.limit : GAP_LIMIT_KM[id];
        expect(gap, `line ${id} ${from}–${to}`).toBeGreaterThan(0.3);
        expect(gap, `line ${id} ${from}–${to}`).toBeLessThan(limit ?? 0);
      });
    }
  });

  it('lists no station twice on a line and no two stations at one position unless the same interchange', () => {
    for (const line of lines) {
      const onLine = rows.filter((r) => r.line === line.properties.line);
      expect(new Set(onLine.map((r) => r.name_zh)).size).toBe(onLine.length);
    }
    const byPosition = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = r.position.join(',');
      byPosition.set(key, (byPosition.get(key) ?? new Set()).add(r.name_zh));
    }
    for (const [key, names] of byPosition) expect(names.size, key).toBe(1);
    expect(new Set(stations.map((f) => position(f).join(','))).size).toBe(stations.length);
  });

  it('keeps one feature per interchange, listing every line that serves it', () => {
    const qingdaoNorth = stations.find((f) => f.properties.name_zh === '青岛北站');
    expect(qingdaoNorth?.properties).toMatchObject({ id: 'metro-station-1-15', line: '1', seq: 15 });
    expect(qingdaoNorth?.properties.lines).toEqual(['1', '3', '8']);
    const interchanges = stations.filter((f) => (f.properties.lines?.length ?? 0) > 1);
    expect(interchanges).toHaveLength(16);
    for (const f of interchanges) {
      for (const id of f.properties.lines ?? []) {
        const line = lines.find((l) => l.properties.line === id);
        expect(
          line && path(line).some((p) => p.join() === position(f).join()),
          `${f.properties.name_zh} on ${id}`
        ).toBe(true);
      }
    }
  });

  it('marks converted positions approximate and OSM nodes surveyed', () => {
    const approximate = stations
      .filter((f) => f.properties.precision === 'approximate')
      .map((f) => f.properties.name_zh);
    expect(approximate.sort()).toEqual(['敦化路', '浮山所'].sort());
    expect(lines.every((f) => f.properties.precision === 'approximate')).toBe(true);
  });

  it('measures station-to-station lengths shorter than, but close to, the official route lengths', () => {
    for (const line of lines) {
      const { id, length_stations_km: drawn, length_official_km: official } = line.properties;
      expect(drawn, id).toBeGreaterThan(0);
      expect(drawn, id).toBeCloseTo(lineLengthKm(stationsLine(path(line))), 3);
      if (official == null || drawn === undefined) continue;
      expect(drawn, id).toBeLessThan(official);
      expect(drawn / official, id).toBeGreaterThan(0.8);
      expect(line.properties.length_official_source, id).toBeTruthy();
    }
    const withOfficial = lines
      .filter((f) => f.properties.length_official_km != null)
      .map((f) => f.properties.line);
    expect(withOfficial).toEqual(['1', '4', '6', '8', '13']);
  });
});

describe('buildFeatures', () => {
  it('builds the collection with the metro features first, as the metro steps build them', () => {
    const collection = buildFeatures(buildPlan());
    expect(collection.type).toBe('FeatureCollection');
    const metro = collection.features.filter((f) => f.properties.kind.startsWith('metro-'));
    // Plus what the map needs to draw them (uncertainty, label points), added to every feature.
    expect(metro).toEqual([...readMetroFeatures(), ...readMetroBuilding().features].map(withDrawingFacts));
    expect(collection.features.slice(0, metro.length)).toEqual(metro);
  });

  it('names the feature that cites a target missing from the plan', () => {
    expect(() => checkPlanReferences(features, { ...STUB_PLAN, targets: [] }, 'data/features/metro')).toThrow(
      'data/features/metro:feature metro-line-1: cites a target not in the plan — target a41-1'
    );
    expect(() =>
      checkPlanReferences(features, { ...STUB_PLAN, articles: [] }, 'data/features/metro')
    ).toThrow('data/features/metro:feature metro-line-1: cites an article not in the plan — article 41');
  });

  it('names the feature whose properties fail the schema', () => {
    const first = features[0];
    if (!first) throw new Error('no features');
    const broken = { ...first, properties: { ...first.properties, color: 'yellow' } };
    expect(() => validateFeatures([broken], 'data/features/metro')).toThrow(
      /^data\/features\/metro:feature metro-line-1: feature properties fail the schema — color: /
    );
  });
});

describe('metro pipeline rules (fixtures)', () => {
  const DIR = 'tests/fixtures/metro';
  const linesFile = `${DIR}/lines.json`;
  const build = (name: string) =>
    metroFeaturesFromText(readFileSync(linesFile, 'utf8'), readFileSync(`${DIR}/${name}`, 'utf8'), {
      lines: linesFile,
      stations: `${DIR}/${name}`
    });
  const failure = (name: string): string => {
    try {
      build(name);
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      return (error as DataError).message;
    }
    throw new Error(`${name} built without error`);
  };

  it('builds the valid fixture: two lines, one shared interchange', () => {
    const built = build('valid.csv');
    expect(built.map((f) => f.properties.id)).toEqual([
      'metro-line-2',
      'metro-line-3',
      'metro-station-2-1',
      'metro-station-2-2',
      'metro-station-2-3',
      'metro-station-3-1',
      'metro-station-3-2',
      'metro-station-3-3',
      'metro-station-3-4'
    ]);
    expect(built.find((f) => f.properties.name_zh === '李村')?.properties.lines).toEqual(['2', '3']);
  });

  it.each([
    ['bad-coordinate.csv', `${DIR}/bad-coordinate.csv:line 7: non-numeric coordinate — lat "36.1688x"`],
    [
      'duplicate-station.csv',
      `${DIR}/duplicate-station.csv:line 8: duplicate station on a line — 永平路 is already line 3 seq 2 (line 6)`
    ],
    [
      'skipped-seq.csv',
      `${DIR}/skipped-seq.csv:line 7: seq not consecutive — line 3: expected seq 3, found 4`
    ],
    [
      'out-of-region.csv',
      `${DIR}/out-of-region.csv:line 4: position outside the Qingdao region — 36.153528, 120.428938 is not within lon 119.3–121.1, lat 35.5–37.1`
    ],
    [
      'wrong-column-count.csv',
      `${DIR}/wrong-column-count.csv:line 6: wrong column count — expected 8, found 7`
    ],
    ['unknown-line.csv', `${DIR}/unknown-line.csv:line 2: unknown line — "5" is not in ${linesFile}`],
    [
      'shared-position.csv',
      `${DIR}/shared-position.csv:line 8: two stations share a position — 君峰路 and 振华路 (line 7) are both at 120.400753,36.168836`
    ],
    [
      'transfer-flag.csv',
      `${DIR}/transfer-flag.csv:line 9: transfer flag disagrees with the lines serving the station — 李村 is transfer=no but served by line 2, 3`
    ],
    [
      'interchange-position.csv',
      `${DIR}/interchange-position.csv:line 9: interchange rows disagree on position — 李村: 120.41998, 36.158872 here, 120.419974, 36.158872 on line 2 (line 3)`
    ]
  ])('%s fails with the file, line and rule', (name, message) => {
    expect(failure(name)).toBe(message);
  });

  it('reads quoted CSV fields and rejects malformed ones', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\n', 'x.csv')).toEqual([
      { row: 1, fields: ['a', 'b,c', 'say "hi"'] }
    ]);
    expect(() => parseCsv('a,"b\n', 'x.csv')).toThrow('x.csv:line 1: unterminated quoted field');
    expect(() => parseCsv('a,b"c\n', 'x.csv')).toThrow(
      'x.csv:line 1: quote inside an unquoted field — column 2'
    );
    expect(() => parseCsv('a\n\nb\n', 'x.csv')).toThrow('x.csv:line 2: blank line');
  });

  it('rejects a stations file with the wrong header', () => {
    expect(() => parseStationsCsv('line,seq,name\n', 'x.csv')).toThrow(
      'x.csv:line 1: header must be exactly — line,seq,name_zh,name_en,lon,lat,position_source,transfer'
    );
  });

  it('rejects line records that break the schema or repeat an id', () => {
    const record = {
      id: '3',
      name_zh: '地铁3号线',
      name_en: 'Metro Line 3',
      color: '#0065B3',
      status: 'operating',
      termini_zh: ['青岛北站', '青岛站'],
      length_official_km: 24
    };
    expect(() => parseLinesJson(JSON.stringify([record]), 'l.json')).toThrow(
      'l.json:entry 1: line record fails the schema — length_official_source: length_official_source must be given exactly when length_official_km is a number'
    );
    const ok = { ...record, length_official_km: null };
    expect(() => parseLinesJson(JSON.stringify([ok, ok]), 'l.json')).toThrow(
      'l.json:id 3: duplicate line id'
    );
    expect(() => parseLinesJson('[', 'l.json')).toThrow(/^l\.json:JSON: not valid JSON/);
  });

  it('rejects termini that do not match the stations', () => {
    const wrong = readFileSync(linesFile, 'utf8').replace('"枣山路"', '"华楼山路"');
    expect(() =>
      metroFeaturesFromText(wrong, readFileSync(`${DIR}/valid.csv`, 'utf8'), {
        lines: linesFile,
        stations: `${DIR}/valid.csv`
      })
    ).toThrow(
      `${linesFile}:id 2: termini do not match the first and last stations — termini_zh 李村公园–华楼山路, stations 李村公园–枣山路`
    );
  });
});
