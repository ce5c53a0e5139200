/**
 * "Near me" ranking: the approximation checked against turf's great-circle figures on the real metro
 * features and on seeded random positions around Qingdao, areas with holes, every geometry type, and the
 * ranking's options and errors.
 */
import { booleanPointInPolygon, distance, lineString, point, pointToLineDistance, polygon } from '@turf/turf';
import type { Feature, Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { approxDistanceKm, distanceToGeometryKm, rankByDistance, type LonLat } from '$lib/geo/nearby';
import type { PlanFeature } from '$lib/plan/schema';
import { readMetroFeatures } from '../../scripts/pipeline/metro/operating';
// Deterministic positions (the benchmark's seeded PRNG), so a failure names a reproducible case.
import { prng } from '../../bench/synthetic';

/** Qingdao's administrative area, as the benchmark's synthetic data uses it. */
const BBOX = { west: 119.5, east: 121.0, south: 35.6, north: 37.0 };

function randomPositions(n: number, seed: number): LonLat[] {
  const random = prng(seed);
  return Array.from({ length: n }, () => [
    BBOX.west + random() * (BBOX.east - BBOX.west),
    BBOX.south + random() * (BBOX.north - BBOX.south)
  ]);
}

/** Relative error against turf, with 1 m of slack for distances near zero. */
function expectClose(actual: number, expected: number, relative = 0.001): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(expected * relative, 0.001));
}

/**
 * A ring with a vertex every ~0.2 km along each edge. GeoJSON edges are straight in longitude and latitude
 * (RFC 7946 §3.1.1) while turf measures to great-circle segments, which bow away from them by metres over
 * the fixture's 20 km edges; densified, the two agree.
 */
function densify(ring: readonly GeoJSON.Position[]): GeoJSON.Position[] {
  const out: GeoJSON.Position[] = [];
  ring.forEach((b, i) => {
    const a = ring[i - 1];
    if (a) {
      const steps = Math.ceil(distance(a, b, { units: 'kilometers' }) / 0.2);
      for (let s = 1; s < steps; s++) {
        out.push([a[0]! + ((b[0]! - a[0]!) * s) / steps, a[1]! + ((b[1]! - a[1]!) * s) / steps]);
      }
    }
    out.push(b);
  });
  return out;
}

/** Reference distance from turf: 0 inside an area, else the nearest edge of any ring. */
function turfDistanceToPolygon(origin: LonLat, area: Polygon): number {
  if (booleanPointInPolygon([...origin], area)) return 0;
  return Math.min(
    ...area.coordinates.map((ring) =>
      pointToLineDistance([...origin], lineString(densify(ring)), { units: 'kilometers' })
    )
  );
}

const METRO = readMetroFeatures();
const LINES = METRO.filter((f) => f.properties.kind === 'metro-line');
const STATIONS = METRO.filter((f) => f.properties.kind === 'metro-station');

/** May Fourth Square (五四广场), Shinan district, about half a kilometre from its metro station. */
const MAY_FOURTH_SQUARE: LonLat = [120.38, 36.0617];

/**
 * A fixture area: a rough outline of Laoshan's scenic zone with a hole cut out around Beizhaishan (inner
 * ring drawn clockwise). The shapes are indicative; only their geometry matters here.
 */
const ZONE: Polygon = polygon([
  [
    [120.52, 36.12],
    [120.72, 36.13],
    [120.74, 36.3],
    [120.6, 36.34],
    [120.5, 36.25],
    [120.52, 36.12]
  ],
  [
    [120.58, 36.2],
    [120.6, 36.25],
    [120.65, 36.24],
    [120.63, 36.19],
    [120.58, 36.2]
  ]
]).geometry;

describe('approxDistanceKm', () => {
  it('is within 0.1% of turf’s great-circle distance across Qingdao', () => {
    const from = randomPositions(500, 1);
    const to = randomPositions(500, 2);
    from.forEach((a, i) => {
      const b = to[i]!;
      expectClose(approxDistanceKm(a, b), distance([...a], [...b], { units: 'kilometers' }));
    });
  });

  it('is within 0.1% of turf at 200 km from the city in every direction', () => {
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const r = (bearing * Math.PI) / 180;
      // About 200 km: 1.8° of latitude, 2.2° of longitude at 36° N.
      const b: LonLat = [MAY_FOURTH_SQUARE[0] + 2.2 * Math.sin(r), MAY_FOURTH_SQUARE[1] + 1.8 * Math.cos(r)];
      expectClose(
        approxDistanceKm(MAY_FOURTH_SQUARE, b),
        distance([...MAY_FOURTH_SQUARE], [...b], { units: 'kilometers' })
      );
    }
  });

  it('is zero for the same position and symmetric up to the approximation', () => {
    expect(approxDistanceKm(MAY_FOURTH_SQUARE, MAY_FOURTH_SQUARE)).toBe(0);
    const a: LonLat = [120.0, 35.9];
    const b: LonLat = [120.9, 36.8];
    expectClose(approxDistanceKm(a, b), approxDistanceKm(b, a), 1e-6);
  });
});

describe('distanceToGeometryKm', () => {
  it('matches turf’s pointToLineDistance on every operating metro line', () => {
    expect(LINES.length).toBeGreaterThanOrEqual(5);
    for (const origin of randomPositions(40, 3)) {
      for (const line of LINES) {
        const expected = pointToLineDistance([...origin], line.geometry as GeoJSON.LineString, {
          units: 'kilometers'
        });
        expectClose(distanceToGeometryKm(line.geometry, origin), expected);
      }
    }
  });

  it('is zero on a station and on a line’s vertex', () => {
    const station = STATIONS[0]!.geometry as GeoJSON.Point;
    const at = station.coordinates as [number, number];
    expect(distanceToGeometryKm(station, at)).toBe(0);
    const line = LINES[0]!.geometry as GeoJSON.LineString;
    expect(distanceToGeometryKm(line, line.coordinates[3] as [number, number])).toBe(0);
  });

  it('is zero inside an area, and the distance to the nearest edge outside it or inside its hole', () => {
    const inside: LonLat = [120.55, 36.2];
    const inHole: LonLat = [120.615, 36.22];
    expect(booleanPointInPolygon([...inside], ZONE)).toBe(true);
    expect(booleanPointInPolygon([...inHole], ZONE)).toBe(false);
    expect(distanceToGeometryKm(ZONE, inside)).toBe(0);
    expectClose(distanceToGeometryKm(ZONE, inHole), turfDistanceToPolygon(inHole, ZONE));
    expect(distanceToGeometryKm(ZONE, inHole)).toBeGreaterThan(0.5);
    for (const origin of randomPositions(60, 4)) {
      expectClose(distanceToGeometryKm(ZONE, origin), turfDistanceToPolygon(origin, ZONE));
    }
  });

  it('takes the nearest part of multi-geometries and collections, and Infinity for none', () => {
    const station = (i: number) => (STATIONS[i]!.geometry as GeoJSON.Point).coordinates;
    const origin: LonLat = [120.3, 36.3];
    const multiPoint: Geometry = { type: 'MultiPoint', coordinates: [station(0), station(10), station(20)] };
    const nearestStation = Math.min(
      ...[0, 10, 20].map((i) => distance([...origin], station(i), { units: 'kilometers' }))
    );
    expectClose(distanceToGeometryKm(multiPoint, origin), nearestStation);

    const lines = LINES.slice(0, 3).map((f) => (f.geometry as GeoJSON.LineString).coordinates);
    const multiLine: Geometry = { type: 'MultiLineString', coordinates: lines };
    const nearestLine = Math.min(
      ...lines.map((l) => pointToLineDistance([...origin], lineString(l), { units: 'kilometers' }))
    );
    expectClose(distanceToGeometryKm(multiLine, origin), nearestLine);

    const multiPolygon: Geometry = { type: 'MultiPolygon', coordinates: [ZONE.coordinates] };
    expect(distanceToGeometryKm(multiPolygon, [120.55, 36.2])).toBe(0);
    expectClose(distanceToGeometryKm(multiPolygon, origin), turfDistanceToPolygon(origin, ZONE));

    const collection: Geometry = { type: 'GeometryCollection', geometries: [multiPoint, multiLine, ZONE] };
    expectClose(distanceToGeometryKm(collection, origin), Math.min(nearestStation, nearestLine));
    expect(distanceToGeometryKm(null, origin)).toBe(Infinity);
  });
});

describe('rankByDistance', () => {
  it('ranks the real metro features from May Fourth Square as turf’s distances do', () => {
    const turfKm = (f: PlanFeature) =>
      f.geometry.type === 'Point'
        ? distance([...MAY_FOURTH_SQUARE], f.geometry.coordinates, { units: 'kilometers' })
        : pointToLineDistance([...MAY_FOURTH_SQUARE], f.geometry as GeoJSON.LineString, {
            units: 'kilometers'
          });
    const ranked = rankByDistance(METRO, MAY_FOURTH_SQUARE);
    expect(ranked).toHaveLength(METRO.length);
    ranked.forEach(({ feature, distanceKm }, i) => {
      expectClose(distanceKm, turfKm(feature));
      if (i > 0) expect(distanceKm).toBeGreaterThanOrEqual(ranked[i - 1]!.distanceKm);
    });
    const nearestStation = ranked.find((r) => r.feature.properties.kind === 'metro-station')!;
    const byTurf = [...STATIONS].sort((a, b) => turfKm(a) - turfKm(b))[0]!;
    expect(nearestStation.feature.properties.id).toBe(byTurf.properties.id);
    expect(nearestStation.feature.properties.name_zh).toBe('五四广场');
    expect(nearestStation.distanceKm).toBeLessThan(1);
  });

  it('keeps the nearest `limit` features, the same as sorting everything', () => {
    const points = randomPositions(2000, 5).map((p, i) => point([...p], { i }));
    const all = rankByDistance(points, MAY_FOURTH_SQUARE);
    for (const limit of [0, 1, 7, 50, 1999, 2000, 5000]) {
      const some = rankByDistance(points, MAY_FOURTH_SQUARE, { limit });
      expect(some).toEqual(all.slice(0, limit));
    }
  });

  it('leaves out features beyond maxKm, with and without a limit', () => {
    const within = rankByDistance(METRO, MAY_FOURTH_SQUARE, { maxKm: 2 });
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(METRO.length);
    expect(within.every((r) => r.distanceKm <= 2)).toBe(true);
    const all = rankByDistance(METRO, MAY_FOURTH_SQUARE);
    expect(within).toEqual(all.filter((r) => r.distanceKm <= 2));
    expect(rankByDistance(METRO, MAY_FOURTH_SQUARE, { maxKm: 2, limit: 3 })).toEqual(within.slice(0, 3));
    expect(rankByDistance(METRO, [122.5, 33.0], { maxKm: 5 })).toEqual([]);
  });

  it('keeps the input order for ties and leaves out features without geometry', () => {
    const at = point([120.4, 36.1], { name: 'first' });
    const again = point([120.4, 36.1], { name: 'second' });
    const nowhere: Feature<null> = { type: 'Feature', properties: { name: 'none' }, geometry: null };
    const features: Feature<Geometry | null>[] = [nowhere, at, again];
    const names = (limit?: number) =>
      rankByDistance(features, [120.41, 36.1], { limit }).map((r) => r.feature.properties?.name);
    expect(names()).toEqual(['first', 'second']);
    expect(names(1)).toEqual(['first']);
  });

  it('rejects an origin that is not a position and options out of range', () => {
    expect(() => rankByDistance(METRO, [Number.NaN, 36])).toThrow(RangeError);
    expect(() => rankByDistance(METRO, [120, 91])).toThrow(RangeError);
    expect(() => rankByDistance(METRO, MAY_FOURTH_SQUARE, { limit: -1 })).toThrow(RangeError);
    expect(() => rankByDistance(METRO, MAY_FOURTH_SQUARE, { limit: 2.5 })).toThrow(RangeError);
    expect(() => rankByDistance(METRO, MAY_FOURTH_SQUARE, { maxKm: Number.NaN })).toThrow(RangeError);
  });
});
