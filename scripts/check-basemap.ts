/**
 * Measures how well the district polygons' coastline agrees with the OSM land polygons, before and after
 * the GCJ-02 → WGS-84 conversion. The district data comes from a Chinese web-map source and is
 * published in GCJ-02; if the conversion is right, its coast should move closer to the OSM coast.
 *
 * Run on its own with `npx tsx scripts/check-basemap.ts` (it reads the same cached packages as
 * `scripts/build-basemap.ts`, which also runs it and writes the figures into static/geo/SOURCES.md).
 */
import type { Position } from 'geojson';
import { pathToFileURL } from 'node:url';
import { gcj02ToWgs84 } from '../src/lib/geo/chinese-coords';

export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];

/** Mean Earth radius used for the local distance approximation, in km. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

/** Squared distance in km² from point p to segment ab, in a local equirectangular frame around p. */
function pointSegmentDistanceSqKm(p: Position, a: Position, b: Position): number {
  // At the scale of a few km the error of this flat frame is far below what is being measured.
  const kx = KM_PER_DEGREE * Math.cos(((p[1] ?? 0) * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  const ax = ((a[0] ?? 0) - (p[0] ?? 0)) * kx;
  const ay = ((a[1] ?? 0) - (p[1] ?? 0)) * ky;
  const bx = ((b[0] ?? 0) - (p[0] ?? 0)) * kx;
  const by = ((b[1] ?? 0) - (p[1] ?? 0)) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx;
  const y = ay + t * dy;
  return x * x + y * y;
}

/**
 * A grid index over line segments answering "how far is the nearest segment" quickly: the coast
 * check asks it for thousands of vertices against tens of thousands of land edges.
 */
export class SegmentIndex {
  private readonly cells = new Map<string, number[]>();
  private readonly segments: [Position, Position][] = [];

  constructor(
    rings: Iterable<Ring>,
    private readonly cellDeg = 0.02
  ) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1];
        const b = ring[i];
        if (!a || !b) continue;
        const id = this.segments.push([a, b]) - 1;
        const [x0, x1] = [Math.min(a[0]!, b[0]!), Math.max(a[0]!, b[0]!)];
        const [y0, y1] = [Math.min(a[1]!, b[1]!), Math.max(a[1]!, b[1]!)];
        for (let cx = this.cell(x0); cx <= this.cell(x1); cx++) {
          for (let cy = this.cell(y0); cy <= this.cell(y1); cy++) {
            const key = `${cx},${cy}`;
            const list = this.cells.get(key);
            if (list) list.push(id);
            else this.cells.set(key, [id]);
          }
        }
      }
    }
  }

  get size(): number {
    return this.segments.length;
  }

  private cell(v: number): number {
    return Math.floor(v / this.cellDeg);
  }

  /** Distance in km from p to the nearest indexed segment, or Infinity if none lies within maxKm. */
  nearestKm(p: Position, maxKm = 50): number {
    const cx = this.cell(p[0]!);
    const cy = this.cell(p[1]!);
    // The narrowest a cell gets, in km (east-west, shrunk by latitude), bounds how far a ring of cells reaches.
    const cellKm = this.cellDeg * KM_PER_DEGREE * Math.cos((Math.abs(p[1]!) * Math.PI) / 180);
    const maxRing = Math.ceil(maxKm / cellKm) + 1;
    let best = Infinity;
    const seen = new Set<number>();
    for (let r = 0; r <= maxRing; r++) {
      // Everything in ring r of cells is at least (r - 1) cells away; stop once that cannot win.
      if (r > 0 && (r - 1) * cellKm > Math.sqrt(best)) break;
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          for (const id of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (seen.has(id)) continue;
            seen.add(id);
            const [a, b] = this.segments[id]!;
            best = Math.min(best, pointSegmentDistanceSqKm(p, a, b));
          }
        }
      }
    }
    const km = Math.sqrt(best);
    return km <= maxKm ? km : Infinity;
  }
}

/** Every ring of a list of multipolygons, flattened. */
export function* ringsOf(geometries: Iterable<MultiPolygonCoords>): Generator<Ring> {
  for (const multi of geometries) for (const poly of multi) yield* poly;
}

/** The coastline of land polygons: their outer rings (holes are lakes, not coast). */
export function* coastRings(land: MultiPolygonCoords): Generator<Ring> {
  for (const poly of land) if (poly[0]) yield poly[0];
}

/** The value at quantile q (0..1) of an ascending-sorted array, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Not awaited at the top level: build-basemap imports this module, and a top-level await here would
  // wait on an import that waits on this module to finish.
  void import('./build-basemap').then(({ loadSources }) => {
    const sources = loadSources();
    const report = measureCoastOffsets(
      sources.districtsGcj.map((d) => d.geometry),
      sources.neighboursGcj,
      coastRings(sources.landFull)
    );
    console.log(formatCoastOffsets(report).join('\n'));
  });
}
