/**
 * static/geo/SOURCES.md: where each basemap file comes from, under which licence, what the build did to
 * it (with its own figures) and how far the district coast sits from the OSM coast. Written from the
 * build's figures so the notes never drift from the files.
 */
import { CITIES_PACKAGE, CITY_FILES, COAST_REACH_KM, DISTRICT_TOLERANCE, MIN_PART_KM2 } from './districts';
import type { FontReport } from './fonts';
import { DECIMALS, type BBox } from './geometry';
import { LAND_PACKAGE, LAND_TOLERANCE, MIN_LAKE_KM2 } from './land';

export interface Summary {
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
  /** Bytes of each file written, as is and gzipped (how a server sends them). */
  sizes: Record<string, { bytes: number; gzipped: number }>;
  fonts: FontReport;
}

export function sourcesMarkdown(s: Summary): string {
  const fmt = (n: number) => n.toLocaleString('en');
  const merged = s.nameChanges.some((c) => c.includes('merged'));
  const sizes = Object.values(s.sizes);
  const total = {
    bytes: sizes.reduce((n, size) => n + size.bytes, 0),
    gzipped: sizes.reduce((n, size) => n + size.gzipped, 0)
  };
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
- No finer OSM-derived land is published on npm: every \`@geo-maps\` package is cut from OpenStreetMap's
  simplified land polygons and simplified again at the resolution its name gives. Compared here,
  \`@geo-maps/countries-coastline-1m\` 0.6.0 (polygons, same licences) has its coast vertices on this
  source's coast (90% of those around Qingdao within 1 m of it) and no lakes, so it would add nothing.
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
  .map(([name, size]) => `- \`${name}\`: ${fmt(size.bytes)} bytes (${fmt(size.gzipped)} gzipped)`)
  .join('\n')}
- total: ${fmt(total.bytes)} bytes (${fmt(total.gzipped)} gzipped), without this file
`;
}
