/**
 * Measures how well the district polygons' coastline agrees with the OSM land polygons, before and after
 * the GCJ-02 → WGS-84 conversion. The district data comes from a Chinese web-map source and is
 * published in GCJ-02; if the conversion is right, its coast should move closer to the OSM coast.
 */
import type { Position } from 'geojson';
import { gcj02ToWgs84 } from '../../src/lib/geo/chinese-coords';
import { quantile, ringsOf, type MultiPolygonCoords, type Ring } from './geometry';
import { SegmentIndex } from './segment-index';

export interface OffsetStats {
  vertices: number;
  medianKm: number;
  p90Km: number;
}

export interface CoastOffsetReport {
  raw: OffsetStats;
  converted: OffsetStats;
}

/** Median and 90th percentile of the distances from points to the nearest land edge. */
function stats(points: readonly Position[], land: SegmentIndex): OffsetStats {
  const d = points.map((p) => land.nearestKm(p)).sort((a, b) => a - b);
  return { vertices: d.length, medianKm: quantile(d, 0.5), p90Km: quantile(d, 0.9) };
}

/**
 * Picks the district vertices that lie on the coast (on no other district's or neighbouring city's
 * edge) and measures their distance to the nearest OSM land edge, as published (GCJ-02) and after
 * conversion to WGS-84.
 *
 * @param districtsGcj - the city's districts as published, GCJ-02
 * @param neighboursGcj - the neighbouring cities' districts from the same source, GCJ-02
 * @param landRings - the OSM coastline (WGS-84), unsimplified
 */
export function measureCoastOffsets(
  districtsGcj: readonly MultiPolygonCoords[],
  neighboursGcj: readonly MultiPolygonCoords[],
  landRings: Iterable<Ring>
): CoastOffsetReport {
  const land = new SegmentIndex(landRings);
  const coast: Position[] = [];
  const seen = new Set<string>();
  districtsGcj.forEach((district, i) => {
    // A vertex on a shared border lies (to rounding) on another polygon's edge of the same source.
    const others = new SegmentIndex(
      ringsOf([...districtsGcj.filter((_, j) => j !== i), ...neighboursGcj]),
      0.05
    );
    for (const ring of ringsOf([district])) {
      for (const p of ring.slice(1)) {
        const key = `${p[0]},${p[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (others.nearestKm(p, 0.01) === Infinity) coast.push(p);
      }
    }
  });
  return {
    raw: stats(coast, land),
    converted: stats(
      coast.map((p) => gcj02ToWgs84([p[0]!, p[1]!])),
      land
    )
  };
}

/** Formats a report as the lines written into SOURCES.md and printed by the scripts. */
export function formatCoastOffsets(report: CoastOffsetReport): string[] {
  const km = (v: number) => `${v.toFixed(2)} km`;
  return [
    `${report.raw.vertices} coastal district vertices, distance to the nearest edge of the OSM coastline:`,
    `- as published (GCJ-02): median ${km(report.raw.medianKm)}, 90th percentile ${km(report.raw.p90Km)}`,
    `- converted to WGS-84: median ${km(report.converted.medianKm)}, 90th percentile ${km(report.converted.p90Km)}`
  ];
}
