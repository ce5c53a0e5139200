/**
 * The curated feature layers: each validation rule fed a broken fixture, the coverage report run on the
 * real plan, and the shape of the built catalogue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS, layersInDrawOrder } from '$lib/plan/layers';
import type { PlanFeature } from '$lib/plan/schema';
import {
  checkCitedArticlesNameFeatures,
  checkPlanReferences,
  validateFeatures
} from '../../scripts/pipeline/features/checks';
import { curatedLayerFeatures, curatedLayerFile } from '../../scripts/pipeline/features/curated';
import { readRegion, regionDistanceKm } from '../../scripts/pipeline/features/region';
import { readMetroBuilding } from '../../scripts/pipeline/metro/building';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';
import {
  coverageReport,
  findHits,
  mappedShare,
  parseUnmapped,
  UNMAPPED_FILE,
  unmappedPlaces
} from '../../scripts/pipeline/coverage';

const FIXTURES = 'tests/fixtures/features';
const plan = buildPlan();
const region = readRegion();

/** Parses a fixture as the transport layer and runs every per-feature rule the build runs. */
function check(name: string): PlanFeature[] {
  const file = `${FIXTURES}/${name}`;
  const features = curatedLayerFeatures(readFileSync(file, 'utf8'), file, 'transport', region);
  validateFeatures(features, file);
  checkPlanReferences(features, plan, file);
  checkCitedArticlesNameFeatures(features, plan, file);
  return features;
}

describe('curated layer rules', () => {
  it('accepts the valid fixture', () => {
    const [feature] = check('valid.geojson');
    expect(feature?.properties.id).toBe('test-port');
    expect(feature?.properties).not.toHaveProperty('derive');
  });

  it('rejects a feature outside the Qingdao region', () => {
    expect(() => check('outside-region.geojson')).toThrow(
      /outside-region\.geojson:feature test-port: outside the Qingdao region — 121\.5, 36 is \d+\.\d km/
    );
  });

  it('rejects a regional feature that never reaches Qingdao', () => {
    expect(() => check('regional-far.geojson')).toThrow(
      'regional-far.geojson:feature test-port: regional feature does not reach the Qingdao region'
    );
  });

  it('rejects a self-intersecting polygon', () => {
    expect(() => check('self-intersecting.geojson')).toThrow(
      'self-intersecting.geojson:feature test-port: self-intersecting polygon'
    );
  });

  it('rejects an unclosed ring', () => {
    expect(() => check('unclosed-ring.geojson')).toThrow(
      'unclosed-ring.geojson:feature test-port: unclosed ring — polygon ring 1: the last position must repeat the first'
    );
  });

  it('rejects surveyed precision for a curated position (only measured stations are surveyed)', () => {
    expect(() => check('precision-surveyed.geojson')).toThrow(
      'precision-surveyed.geojson:feature test-port: surveyed precision in a curated layer'
    );
  });

  it('rejects a duplicate id', () => {
    expect(() => check('duplicate-id.geojson')).toThrow(
      'duplicate-id.geojson:feature test-port: duplicate feature id'
    );
  });

  it('rejects an article number the plan does not have', () => {
    expect(() => check('unknown-article.geojson')).toThrow(
      /unknown-article\.geojson:feature test-port: feature properties fail the schema — articles\.0/
    );
    const file = `${FIXTURES}/valid.geojson`;
    const features = curatedLayerFeatures(readFileSync(file, 'utf8'), file, 'transport', region);
    const without37 = { ...plan, articles: plan.articles.filter((a) => a.n !== 37) };
    expect(() => checkPlanReferences(features, without37, file)).toThrow(
      'valid.geojson:feature test-port: cites an article not in the plan — article 37'
    );
  });

  it('rejects a target id the plan does not have', () => {
    expect(() => check('unknown-target.geojson')).toThrow(
      'unknown-target.geojson:feature test-port: cites a target not in the plan — target a37-99'
    );
  });

  it('rejects an article whose text does not name the feature', () => {
    expect(() => check('article-not-naming.geojson')).toThrow(
      'article-not-naming.geojson:feature test-port: cited article does not name the feature — article 1 contains none of 董家口港区'
    );
  });

  it('rejects a feature in the wrong layer file', () => {
    const file = `${FIXTURES}/valid.geojson`;
    expect(() => curatedLayerFeatures(readFileSync(file, 'utf8'), file, 'ecology', region)).toThrow(
      'valid.geojson:feature test-port: feature in the wrong layer file'
    );
  });

  it('measures distance from the districts: zero inside, positive out at sea', () => {
    expect(regionDistanceKm(region, [120.38, 36.07])).toBe(0);
    expect(regionDistanceKm(region, [121.5, 36.0])).toBeGreaterThan(50);
  });
});

describe('the built catalogue', () => {
  const features = buildFeatures(plan).features;
  const byId = new Map(features.map((f) => [f.properties.id, f]));

  it('has the Dongjiakou port area as an area citing article 37', () => {
    const port = byId.get('port-dongjiakou');
    expect(port?.geometry.type).toBe('Polygon');
    expect(port?.properties.articles).toContain(37);
    expect(port?.properties.name_zh).toBe('董家口港区');
  });

  it('publishes every curated feature, each in its own layer, and every layer has some', () => {
    for (const layer of LAYERS) {
      const file = curatedLayerFile(layer.id);
      const curated = (JSON.parse(readFileSync(file, 'utf8')) as GeoJSON.FeatureCollection).features;
      const published = features.filter(
        (f) => f.properties.layer === layer.id && !f.properties.id.startsWith('metro-')
      );
      expect(published.map((f) => f.properties.id).sort(), file).toEqual(
        curated.map((f) => (f.properties as { id: string }).id).sort()
      );
      expect(
        features.some((f) => f.properties.layer === layer.id),
        `${layer.id} has features`
      ).toBe(true);
    }
  });

  it('derives bays from the sea and islands from the land', () => {
    expect(byId.get('jiaozhou-bay')?.geometry.type).toBe('Polygon');
    expect(byId.get('lingshan-island')?.geometry.type).toBe('Polygon');
    expect(byId.get('west-coast-new-area')?.geometry.type).toMatch(/Polygon/);
  });

  it('draws every operating line and the sections under construction whose stations are known', () => {
    const lines = features.filter((f) => f.properties.kind === 'metro-line');
    const operating = JSON.parse(readFileSync('data/features/metro/lines.json', 'utf8')) as { id: string }[];
    const drawn = readMetroBuilding().published.lines.filter((l) => l.feature_id !== null);
    expect(lines.map((f) => f.properties.id).sort()).toEqual(
      [...operating.map((l) => `metro-line-${l.id}`), ...drawn.map((l) => l.feature_id)].sort()
    );
    for (const line of lines.filter((f) => f.properties.status !== 'operating')) {
      expect(line.properties.precision, line.properties.id).toBe('indicative');
      expect(line.properties.targets, 'not yet counted towards the 352 km').toEqual([]);
    }
  });

  it('lists layers bottom first', () => {
    expect(layersInDrawOrder().at(-1)).toBe('transport');
  });
});

describe('coverage report on the real plan', () => {
  const features = buildFeatures(plan).features;
  const unmapped = parseUnmapped(readFileSync(UNMAPPED_FILE, 'utf8'), UNMAPPED_FILE);
  const report = coverageReport(plan, features, unmapped);

  it('leaves no place-like name without a feature or a reason', () => {
    expect(report.unresolved).toEqual([]);
    expect(report.stale).toEqual([]);
  });

  // A floor raised as places are found: a change that drops a mapped place from the map fails here.
  it('maps at least the share of place names inside Qingdao reached so far', () => {
    const { mapped, inside, share } = mappedShare(report);
    expect(inside).toBeGreaterThan(100);
    expect(mapped).toBeGreaterThanOrEqual(59);
    expect(share).toBeGreaterThanOrEqual(0.464);
  });

  it('maps the Dongjiakou port area from article 37', () => {
    const row = report.rows.find((r) => r.name_zh === '董家口港区');
    expect(row?.features).toEqual(['port-dongjiakou']);
    expect(row?.articles).toContain(37);
  });

  it('counts the parts of operating metro lines article 41 names as mapped by those lines', () => {
    const row = (name: string) => report.rows.find((r) => r.name_zh === name);
    expect(row('2号线西延段')?.features).toEqual(['metro-line-2']);
    expect(row('6号线一期')?.features).toEqual(['metro-line-6']);
    const line2 = features.find((f) => f.properties.id === 'metro-line-2');
    if (!line2) throw new Error('metro-line-2 missing');
    const renamed = {
      ...line2,
      properties: { ...line2.properties, mentions_zh: ['2号线东延段'] }
    } satisfies PlanFeature;
    expect(() => checkCitedArticlesNameFeatures([renamed], plan, 'data/features/metro')).toThrow(
      'article 41 contains none of 2号线东延段'
    );
  });

  it('finds a name the lexicon catches when nothing explains it', () => {
    const stub = { articles: [{ ...plan.articles[0]!, n: 1, title_zh: '测试', text_zh: '建设某某水库。' }] };
    const result = coverageReport(stub, [], []);
    expect(result.unresolved).toEqual([{ guess: '建设某某水库', article: 1 }]);
    expect(findHits(1, '董家口港区')).toHaveLength(1);
  });

  it('publishes every named place without a feature of its own, with its reason, and no non-place', () => {
    const { places } = unmappedPlaces(report);
    const expected = report.rows.filter(
      (r) => r.features.length === 0 && r.unmapped && r.unmapped.reason !== 'not-a-place'
    );
    expect(places.map((p) => p.name_zh)).toEqual(expected.map((r) => r.name_zh));
    const texts = new Map(plan.articles.map((a) => [a.n, `${a.title_zh}${a.text_zh}`]));
    for (const place of places) {
      expect(place.articles.length, place.name_zh).toBeGreaterThan(0);
      for (const n of place.articles)
        expect(texts.get(n), `${place.name_zh} in article ${n}`).toContain(place.name_zh);
      expect(place.feature !== undefined, place.name_zh).toBe(place.reason === 'part-of-feature');
    }
    const sanlihe = places.find((p) => p.name_zh === '三里河遗址');
    expect(sanlihe?.reason).toBe('no-position-in-sources');
  });

  it('rejects an unmapped entry that names no feature for part-of-feature', () => {
    expect(() =>
      parseUnmapped(JSON.stringify([{ name_zh: '某地', reason: 'part-of-feature', note: 'x' }]), 'f.json')
    ).toThrow('f.json:entry 1: unmapped entry fails the schema — feature');
  });
});
