/**
 * Measures the district coastline against the OSM land, as published (GCJ-02) and converted to WGS-84:
 * `npx tsx scripts/check-basemap.ts`. It reads the same cached packages as `npm run basemap`, which runs
 * the same measurement and writes its figures into static/geo/SOURCES.md.
 */
import { formatCoastOffsets, measureCoastOffsets } from './basemap/coast-check';
import { coastRings } from './basemap/land';
import { loadSources } from './basemap/sources';

const sources = loadSources();
const report = measureCoastOffsets(
  sources.districtsGcj.map((d) => d.geometry),
  sources.neighboursGcj,
  coastRings(sources.landFull)
);
console.log(formatCoastOffsets(report).join('\n'));
