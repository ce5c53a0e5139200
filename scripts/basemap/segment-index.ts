/**
 * A grid index over line segments answering "how far is the nearest segment" quickly: the coast check, the
 * border detection and the label search ask it for thousands of points against tens of thousands of edges.
 */
import type { Position } from 'geojson';
import type { Ring } from './geometry';

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
