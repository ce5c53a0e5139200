/**
 * A grid index over line segments answering "how far is the nearest segment" quickly: the coast check, the
 * border detection and the label search ask it for thousands of points against tens of thousands of edges.
 */
import type { Position } from 'geojson';
import { KM_PER_DEGREE, pointToSegmentSqKm } from '../../src/lib/geo/measure';
import type { Ring } from './geometry';

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
            best = Math.min(best, pointToSegmentSqKm(p, a, b));
          }
        }
      }
    }
    const km = Math.sqrt(best);
    return km <= maxKm ? km : Infinity;
  }
}
