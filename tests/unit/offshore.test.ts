/**
 * Places at sea drawn from published descriptions (scripts/pipeline/features/offshore.ts): the pure geometry on made-up
 * land, each rule the pipeline applies fed a broken fixture, and the real energy layer — every offshore zone at
 * sea, context features outside Qingdao kept out of the plan's coverage, Dongjiakou sites inside their port.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { PlanFeature } from '$lib/plan/schema';
import { featurePropertiesSchema } from '$lib/plan/schema';
import {
  checkCitedArticlesNameFeatures,
  checkPlanReferences,
  validateFeatures
} from '../../scripts/pipeline/features/checks';
import { curatedLayerFeatures } from '../../scripts/pipeline/features/curated';
import { readRegion, regionDistanceKm } from '../../scripts/pipeline/features/region';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import {
  atSeaIssue,
  circle,
  deriveOffshore,
  landmassAt,
  radiusOfAreaKm,
  shoreDistanceKm,
  type LonLat
} from '../../scripts/pipeline/features/offshore';
import { buildPlan } from '../../scripts/steps/plan-json';
import { coverageReport, findHits, parseUnmapped, UNMAPPED_FILE } from '../../scripts/pipeline/coverage';

const FIXTURES = 'tests/fixtures/features';
const plan = buildPlan();
const region = readRegion();

/** A made-up coast: land is the square 120–121 E, 35–36 N; everything else is sea. */
const square: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [120, 35],
      [121, 35],
      [121, 36],
      [120, 36],
      [120, 35]
    ]
  ]
};
const island: GeoJSON.Polygon = turf.circle([121.6, 35.5], 1, { units: 'kilometers' }).geometry;
const land: GeoJSON.MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    square.coordinates,
    island.coordinates,
    // Two specks that stretch the basemap's extent to 118–126 E, 33–37 N.
    turf.bboxPolygon([118, 33, 118.01, 33.01]).geometry.coordinates,
    turf.bboxPolygon([126, 37, 126.01, 37.01]).geometry.coordinates
  ]
};
const inland: LonLat = [120.9, 35.5];

describe('offshore geometry on a made-up coast', () => {
  it('draws a circle of the published area', () => {
    const zone = circle([122, 35.5], radiusOfAreaKm(400));
    expect(Math.abs(turf.area(zone) / 1e6 - 400)).toBeLessThan(1);
    // Few enough sides that the map's dashed indicative outline stays dashed.
    expect(zone.coordinates[0]).toHaveLength(25);
  });

  it('finds where a line leaves the landmass of its reference point', () => {
    const landmass = landmassAt(inland, land);
    expect(landmass?.coordinates).toEqual(square.coordinates);
    // 0.1° of longitude east of 120.9 E at 35.5 N is about 9.06 km.
    expect(shoreDistanceKm(inland, 90, landmass!)).toBeCloseTo(9.06, 0);
    expect(landmassAt([121.3, 35.5], land)).toBeUndefined();
  });

  it('centres the zone the published distance beyond that shore, ignoring islands on the way', () => {
    const derived = deriveOffshore(
      { op: 'offshore', bearing_deg: 90, offshore_km: 20, radius_km: 2 },
      { type: 'Point', coordinates: inland },
      land
    );
    expect('geometry' in derived).toBe(true);
    if (!('geometry' in derived)) return;
    const centre = turf.centroid(derived.geometry as GeoJSON.Polygon).geometry.coordinates as LonLat;
    expect(turf.distance([121, 35.5], centre)).toBeCloseTo(20, 0);
  });

  it('rejects a zone that reaches land, an island inside it, or the edge of the basemap', () => {
    expect(atSeaIssue(circle([121.05, 35.5], 10), land)).toMatchObject({
      rule: 'offshore zone reaches land'
    });
    expect(atSeaIssue(circle([121.6, 35.5], 5), land)).toMatchObject({ rule: 'offshore zone reaches land' });
    expect(atSeaIssue(circle([127, 35.5], 5), land)).toMatchObject({
      rule: 'offshore zone outside the basemap'
    });
    expect(atSeaIssue(circle([121.3, 35.5], 5), land)).toBeUndefined();
  });

  it('moves a point by a published offset', () => {
    const derived = deriveOffshore(
      { op: 'offset', bearing_deg: 270, distance_km: 10 },
      { type: 'Point', coordinates: inland },
      land
    );
    expect(
      'geometry' in derived && turf.distance(inland, (derived.geometry as GeoJSON.Point).coordinates)
    ).toBeCloseTo(10, 3);
  });
});

/** Parses a fixture as the energy layer and runs every per-feature rule the build runs. */
function check(name: string): PlanFeature[] {
  const file = `${FIXTURES}/${name}`;
  const features = curatedLayerFeatures(readFileSync(file, 'utf8'), file, 'energy', region);
  validateFeatures(features, file);
  checkPlanReferences(features, plan, file);
  checkCitedArticlesNameFeatures(features, plan, file);
  return features;
}

describe('offshore rules in the pipeline', () => {
  it('accepts a context zone off Haiyang, far from Qingdao but at sea', () => {
    const [feature] = check('offshore-valid.geojson');
    expect(feature?.geometry.type).toBe('Polygon');
    expect(feature?.properties).not.toHaveProperty('derive');
    expect(regionDistanceKm(region, [121.17, 36.4])).toBeGreaterThan(3);
  });

  it('rejects a zone drawn from a published description claiming better than indicative precision', () => {
    expect(() => check('offshore-approximate.geojson')).toThrow(
      /offshore-approximate\.geojson:feature [a-z0-9-]+: precision finer than its derivation — a position derived from a published description \(derive offshore\) is indicative, not approximate/
    );
  });

  it('rejects a zone that reaches land', () => {
    expect(() => check('offshore-reaches-land.geojson')).toThrow(
      /offshore-reaches-land\.geojson:feature test-wind: offshore zone reaches land — the zone's edge at [\d.]+, [\d.]+ is on land/
    );
  });

  it('rejects a reference point at sea', () => {
    expect(() => check('offshore-reference-at-sea.geojson')).toThrow(
      'offshore-reference-at-sea.geojson:feature test-wind: bad derive — offshore: the reference point 121.2000, 36.3000 is not on land'
    );
  });

  it('rejects a zone beyond the basemap, where being at sea cannot be checked', () => {
    expect(() => check('offshore-outside-basemap.geojson')).toThrow(
      /offshore-outside-basemap\.geojson:feature test-wind: offshore zone outside the basemap — the zone spans/
    );
  });

  it('rejects a zone given both an area and a radius', () => {
    expect(() => check('offshore-area-and-radius.geojson')).toThrow(
      'offshore-area-and-radius.geojson:feature test-wind: bad derive — offshore: give exactly one of area_km2 and radius_km'
    );
  });

  it('rejects a sea circle centred on land', () => {
    expect(() => check('sea-circle-on-land.geojson')).toThrow(
      'sea-circle-on-land.geojson:feature test-wind: bad derive — sea-circle: the centre 121.1681, 36.7792 is on land'
    );
  });

  it('rejects a context feature outside Qingdao that cites the plan', () => {
    expect(() => check('context-cites-article.geojson')).toThrow(
      'context-cites-article.geojson:feature test-wind: feature properties fail the schema — articles: a feature outside Qingdao is shown for context only and cites none'
    );
  });

  it('rejects a plan feature with no article, and one with no mention', () => {
    expect(() => check('plan-feature-no-article.geojson')).toThrow(
      'plan-feature-no-article.geojson:feature test-wind: feature properties fail the schema — articles: a feature of the plan cites at least one article'
    );
    expect(() => check('plan-feature-no-mentions.geojson')).toThrow(
      'plan-feature-no-mentions.geojson:feature test-wind: feature properties fail the schema — mentions_zh: required for a feature the plan names'
    );
  });
});

describe('the energy layer as built', () => {
  const features = buildFeatures(plan).features;
  const energy = features.filter((f) => f.properties.layer === 'energy');
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const landFile = JSON.parse(readFileSync('static/geo/land.geojson', 'utf8')) as GeoJSON.FeatureCollection<
    GeoJSON.MultiPolygon | GeoJSON.Polygon
  >;
  const basemapLand = landFile.features[0]!;

  it('draws every offshore site as a zone entirely at sea, outside every land polygon of the basemap', () => {
    const offshore = energy.filter((f) => ['offshore-wind', 'offshore-solar'].includes(f.properties.kind));
    expect(offshore.length).toBeGreaterThanOrEqual(6);
    for (const f of offshore) {
      expect(f.geometry.type, f.properties.id).toBe('Polygon');
      expect(f.properties.precision, f.properties.id).toBe('indicative');
      expect(
        turf.booleanIntersects(f as GeoJSON.Feature<GeoJSON.Polygon>, basemapLand),
        f.properties.id
      ).toBe(false);
    }
  });

  it('sizes and places the Three Gorges site as published: about 400 km², far out in the Yellow Sea', () => {
    const site = byId.get('three-gorges-qingdao-offshore-wind') as GeoJSON.Feature<GeoJSON.Polygon>;
    expect(Math.abs(turf.area(site) / 1e6 - 400)).toBeLessThan(1);
    const centre = turf.centroid(site).geometry.coordinates as LonLat;
    expect(turf.distance([120.3827, 36.0669], centre)).toBeGreaterThan(130);
    expect(site.properties?.articles).toEqual([43]);
  });

  it('keeps the neighbouring cities’ wind farms outside the plan: no article, no target, no mention', () => {
    const context = features.filter((f) => f.properties.outside_qingdao);
    expect(context.map((f) => f.properties.id).sort()).toEqual([
      'peninsula-south-3-offshore-wind',
      'peninsula-south-4-offshore-wind',
      'peninsula-south-u1-offshore-wind',
      'peninsula-south-u2-offshore-wind'
    ]);
    for (const f of context) {
      expect(f.properties.articles).toEqual([]);
      expect(f.properties.targets).toEqual([]);
      expect(f.properties.mentions_zh).toBeUndefined();
    }
  });

  it('never counts a feature outside Qingdao towards the coverage report', () => {
    const unmapped = parseUnmapped(readFileSync(UNMAPPED_FILE, 'utf8'), UNMAPPED_FILE);
    const u1 = byId.get('peninsula-south-u1-offshore-wind')!;
    // Even one that carried a plan name would map nothing: context never stands for the plan's places.
    const posing = { ...u1, properties: { ...u1.properties, mentions_zh: ['海上“能源岛”'] } };
    const report = coverageReport(plan, [...features, posing], unmapped);
    const row = report.rows.find((r) => r.name_zh === '海上“能源岛”');
    expect(row?.features).toEqual([]);
    expect(report.rows.flatMap((r) => r.features)).not.toContain(u1.properties.id);
    const asPlan = { ...posing, properties: { ...posing.properties, outside_qingdao: undefined } };
    const counted = coverageReport(plan, [...features, asPlan], unmapped);
    expect(counted.rows.find((r) => r.name_zh === '海上“能源岛”')?.features).toEqual([u1.properties.id]);
  });

  it('checks the context rule in the public schema too', () => {
    const u1 = byId.get('peninsula-south-u1-offshore-wind')!;
    expect(featurePropertiesSchema.safeParse(u1.properties).success).toBe(true);
    expect(featurePropertiesSchema.safeParse({ ...u1.properties, articles: [43] }).success).toBe(false);
    expect(featurePropertiesSchema.safeParse({ ...u1.properties, outside_qingdao: undefined }).success).toBe(
      false
    );
  });

  it('places the Dongjiakou energy sites inside the Dongjiakou port area, as SOURCES.md says', () => {
    const port = byId.get('port-dongjiakou') as GeoJSON.Feature<GeoJSON.Polygon>;
    const sites = energy.filter((f) => f.properties.id.startsWith('dongjiakou-'));
    expect(sites).toHaveLength(3);
    for (const site of sites) {
      expect(turf.booleanPointInPolygon(site.geometry as GeoJSON.Point, port), site.properties.id).toBe(true);
    }
  });

  it('puts the equipment plants, the substation and the Xinhe base on land inside Qingdao', () => {
    const onLand = energy.filter((f) =>
      ['equipment-base', 'substation', 'industrial-base'].includes(f.properties.kind)
    );
    expect(onLand.map((f) => f.properties.id).sort()).toEqual([
      'daocheng-500kv-substation',
      'dongfang-electric-qingdao-wind-base',
      'shanghai-electric-sco-wind-park',
      'xinhe-chemical-base'
    ]);
    for (const f of onLand) {
      const point = (f.geometry as GeoJSON.Point).coordinates as LonLat;
      expect(landmassAt(point, basemapLand.geometry), f.properties.id).toBeDefined();
      expect(regionDistanceKm(region, point), f.properties.id).toBe(0);
    }
    const xinhe = (byId.get('xinhe-chemical-base')!.geometry as GeoJSON.Point).coordinates as LonLat;
    expect(turf.distance([119.9884, 36.7769], xinhe)).toBeCloseTo(38, 0);
    expect(byId.get('xinhe-chemical-base')!.properties.articles).toEqual([24]);
  });
});

describe('grid projects in the coverage report', () => {
  it('finds substations named by voltage and maps Daocheng, leaving Langya with its reason', () => {
    const text = '完善坚强智能电网，建成岛城500千伏、琅琊500千伏等骨干电网项目。';
    expect(findHits(46, text).map((h) => text.slice(h.start, h.end))).toEqual(
      expect.arrayContaining(['岛城500千伏', '琅琊500千伏'])
    );
    const unmapped = parseUnmapped(readFileSync(UNMAPPED_FILE, 'utf8'), UNMAPPED_FILE);
    const report = coverageReport(plan, buildFeatures(plan).features, unmapped);
    expect(report.rows.find((r) => r.name_zh === '岛城500千伏')?.features).toEqual([
      'daocheng-500kv-substation'
    ]);
    expect(report.rows.find((r) => r.name_zh === '琅琊500千伏')?.unmapped?.reason).toBe(
      'no-position-in-sources'
    );
  });
});
