/**
 * The gazetteer (/data/gazetteer.json): built from the real data, every place sits in its own district and
 * the names people type are there; a town point in the wrong district, a misplaced station and a malformed
 * record are each rejected with a message naming them.
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { gazetteerSchema } from '$lib/plan/schema';
import { readRegion } from '../../scripts/pipeline/features/region';
import { matchTowns } from '../../scripts/pipeline/gazetteer/match';
import { parseRailStations } from '../../scripts/pipeline/gazetteer/rail';
import { parseTowns, readTowns } from '../../scripts/pipeline/gazetteer/towns';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildGazetteerJson } from '../../scripts/steps/gazetteer-json';
import { buildPlan } from '../../scripts/steps/plan-json';

const FIXTURES = 'tests/fixtures/gazetteer';
const region = readRegion();
const plan = buildPlan();
const gazetteer = buildGazetteerJson(plan.as_of, buildFeatures(plan).features);
const places = gazetteer.places;

const namesOf = (p: (typeof places)[number]) => [p.name_zh, p.name_en, ...(p.alt ?? [])];
const named = (name: string) => places.filter((p) => namesOf(p).includes(name));

/** Distance in km from a point to a district polygon, 0 inside (turf, independent of the pipeline's own). */
function kmFromDistrict(adcode: string, lon: number, lat: number): number {
  const district = region.districts.find((d) => d.adcode === adcode);
  if (!district) return Infinity;
  const polygons =
    district.geometry.type === 'Polygon' ? [district.geometry.coordinates] : district.geometry.coordinates;
  return Math.max(
    0,
    Math.min(...polygons.map((p) => turf.pointToPolygonDistance([lon, lat], turf.polygon(p))))
  );
}

describe('gazetteer built from the real data', () => {
  it('holds every district, the matched towns and subdistricts, every metro station and the rail stations', () => {
    const count = (kind: string) => places.filter((p) => p.kind === kind).length;
    expect(count('district')).toBe(10);
    expect(count('town') + count('subdistrict')).toBe(readTowns(region).towns.length);
    expect(count('town') + count('subdistrict')).toBeGreaterThanOrEqual(25);
    expect(count('metro-station')).toBe(172);
    expect(count('rail-station')).toBeGreaterThanOrEqual(10);
    expect(gazetteer.as_of).toBe(plan.as_of);
  });

  it('puts every place inside its own district, or within 3 km of it', () => {
    const far = places
      .map((p) => ({ p, adcode: p.kind === 'district' ? p.id.replace('district-', '') : p.district }))
      .filter(({ p, adcode }) => !adcode || kmFromDistrict(adcode, p.lon, p.lat) > 3)
      .map(({ p, adcode }) => `${p.id} ${p.name_zh} (${adcode ?? 'no district'})`);
    expect(far).toEqual([]);
  });

  it('finds the names people know: 李村, 台东, 黄岛, Licang', () => {
    expect(named('李村').map((p) => p.kind)).toContain('metro-station');
    expect(named('台东').map((p) => p.kind)).toContain('metro-station');
    expect(named('黄岛').map((p) => p.id)).toContain('district-370211');
    expect(named('Licang').map((p) => p.id)).toEqual(['district-370213']);
    expect(named('西海岸新区').map((p) => p.id)).toEqual(['district-370211']);
  });

  it('gives towns their short name and the GeoNames source', () => {
    const [jiangshan] = named('姜山');
    expect(jiangshan).toMatchObject({
      name_zh: '姜山镇',
      name_en: 'Jiangshan',
      kind: 'town',
      district: '370285'
    });
    expect(jiangshan?.source).toMatch(/GeoNames "Jiangshan" via cities\.json 1\.1\.64/);
    const [xiazhuang] = named('夏庄街道');
    expect(xiazhuang).toBeUndefined();
  });

  it('keeps ids unique and the file small', () => {
    expect(new Set(places.map((p) => p.id)).size).toBe(places.length);
    expect(JSON.stringify(gazetteer).length).toBeLessThan(80_000);
  });
});

describe('gazetteer rules (fixtures)', () => {
  it('rejects a town whose point lies in another Qingdao district, naming it and both districts', () => {
    const file = `${FIXTURES}/town-in-another-district.json`;
    expect(() => parseTowns(readFileSync(file, 'utf8'), file, region)).toThrow(
      /town-in-another-district\.json:李哥庄镇 \(370281102\): point outside its own district — GeoNames "Jiudian".*lies in 平度市 \(370283\), not in 胶州市 \(370281\)/
    );
  });

  it('rejects a town whose point lies outside Qingdao (夏庄 at the Xiazhuang in Weifang)', () => {
    const file = `${FIXTURES}/town-outside-qingdao.json`;
    expect(() => parseTowns(readFileSync(file, 'utf8'), file, region)).toThrow(
      /夏庄街道 \(370214002\): point outside its own district — .*outside Qingdao's districts, \d+\.\d km from 城阳区 \(370214\)/
    );
  });

  it('the matcher leaves a division unmatched when its only spelling lies in another district', () => {
    const readings = (text: string) => ({ 夏庄: ['xiazhuang'], 李村: ['licun'] })[text] ?? [];
    const { towns, unmatched } = matchTowns(
      [
        { code: '370214002', name_zh: '夏庄街道' },
        { code: '370213006', name_zh: '李村街道' }
      ],
      [
        { name: 'Xiazhuang', lon: 119.83556, lat: 36.44917 },
        // A made-up point for the test, inside Licang.
        { name: 'Licun', lon: 120.43006, lat: 36.17412 }
      ],
      region,
      readings
    );
    expect(towns.map((t) => t.name_zh)).toEqual(['李村街道']);
    expect(unmatched).toEqual([
      expect.objectContaining({
        name_zh: '夏庄街道',
        reason: 'outside-own-district',
        note: expect.stringMatching(/GeoNames "Xiazhuang" at .* 城阳区 \(370214\)/)
      })
    ]);
  });

  it('the matcher refuses a point two divisions spell, and two points one division spells', () => {
    const readings = (text: string) => ({ 李村: ['licun'], 里村: ['licun'], 沧口: ['cangkou'] })[text] ?? [];
    const { towns, unmatched } = matchTowns(
      [
        { code: '370213006', name_zh: '李村街道' },
        { code: '370213099', name_zh: '里村街道' },
        { code: '370213003', name_zh: '沧口街道' }
      ],
      [
        { name: 'Licun', lon: 120.43006, lat: 36.17412 },
        { name: 'Cangkou', lon: 120.43006, lat: 36.17412 },
        { name: 'Cang-kou', lon: 120.42, lat: 36.2 }
      ],
      region,
      readings
    );
    expect(towns).toEqual([]);
    expect(unmatched.map((u) => [u.name_zh, u.reason])).toEqual([
      ['沧口街道', 'ambiguous'],
      ['李村街道', 'ambiguous'],
      ['里村街道', 'ambiguous']
    ]);
  });

  it('rejects a railway station that lies outside the district its row names', () => {
    const file = `${FIXTURES}/rail-wrong-district.csv`;
    expect(() => parseRailStations(readFileSync(file, 'utf8'), file, region)).toThrow(
      /青岛北站 \(line 2\): point outside its own district — .*lies in 李沧区 \(370213\), not in 崂山区 \(370212\)/
    );
  });

  it('the schema rejects a malformed place', () => {
    const good = places.find((p) => p.kind === 'town')!;
    const parse = (place: Record<string, unknown>) =>
      gazetteerSchema.safeParse({ as_of: gazetteer.as_of, places: [place] }).success;
    expect(parse({ ...good })).toBe(true);
    expect(parse({ ...good, lon: good.lat, lat: good.lon })).toBe(false); // swapped coordinates
    expect(parse({ ...good, kind: 'village' })).toBe(false);
    expect(parse({ ...good, source: '' })).toBe(false);
    expect(parse({ ...good, district: '370299x' })).toBe(false);
    expect(parse({ ...good, extra: 1 })).toBe(false);
  });
});
