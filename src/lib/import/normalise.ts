/**
 * Checks every feature a parser produced and converts it to WGS-84: each coordinate must be a finite
 * number, in range after conversion, and not the 0, 0 placeholder; lines need two positions and polygon
 * rings four, closed. A bad feature is skipped and counted with its reason and place; a file over a
 * budget (features, coordinate pairs, nesting) fails as a whole.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { ToWgs84, XY } from './crs';
import { ImportFailure } from './failure';
import { describe } from './messages';
import type { Budget, ImportCode, MessageParams, Skipped, Where } from './types';

/** The number of skipped-feature examples kept per file. */
const MAX_EXAMPLES = 20;

/** Counts skipped features by reason, keeping the first few with their place in the file. */
export class SkipLog {
  readonly skipped: Skipped = { total: 0, byReason: {}, examples: [] };
  constructor(private readonly file: string) {}
  add(code: ImportCode, where: Where, params?: MessageParams): void {
    this.skipped.total++;
    this.skipped.byReason[code] = (this.skipped.byReason[code] ?? 0) + 1;
    if (this.skipped.examples.length < MAX_EXAMPLES) {
      this.skipped.examples.push({ code, where, message: describe(this.file, code, where, params) });
    }
  }
}

/** A feature as a parser produced it, with where it came from. */
export interface RawFeature {
  feature: unknown;
  where: Where;
}

class Skip {
  constructor(
    readonly code: ImportCode,
    readonly params: MessageParams = {},
    readonly field?: string
  ) {}
}

/** Every coordinate pair in a raw geometry that is a pair of finite numbers (for detecting the system). */
export function* positions(geometry: unknown, depth = 0): Generator<XY> {
  if (!geometry || typeof geometry !== 'object' || depth > 8) return;
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    for (const child of g.geometries) yield* positions(child, depth + 1);
    return;
  }
  yield* walk(g.coordinates, 0);
}

function* walk(c: unknown, depth: number): Generator<XY> {
  if (!Array.isArray(c) || depth > 4) return;
  if (typeof c[0] === 'number') {
    const [x, y] = c as number[];
    if (Number.isFinite(x) && Number.isFinite(y)) yield [x!, y!];
    return;
  }
  for (const child of c) yield* walk(child, depth + 1);
}

/** Budget accounting shared across one file's features. */
export interface Tally {
  vertices: number;
}

function position(p: unknown, convert: ToWgs84, tally: Tally, budget: Budget): Position {
  if (!Array.isArray(p) || p.length < 2 || p.length > 4)
    throw new Skip('bad-geometry', { detail: 'a position is not [x, y]' });
  const [x, y] = p as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number') {
    throw new Skip('non-numeric', { value: String(typeof x !== 'number' ? x : y) });
  }
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Skip('not-finite');
  if (++tally.vertices > budget.maxVertices)
    throw new ImportFailure('too-many-vertices', { limit: budget.maxVertices });
  const [lon, lat] = convert([x, y]);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new Skip('out-of-range', { value: `${x}, ${y}` });
  }
  if (x === 0 && y === 0) throw new Skip('placeholder');
  const z = p[2];
  return typeof z === 'number' && Number.isFinite(z) ? [lon, lat, z] : [lon, lat];
}

function line(c: unknown, min: number, convert: ToWgs84, tally: Tally, budget: Budget): Position[] {
  if (!Array.isArray(c)) throw new Skip('bad-geometry', { detail: 'coordinates are not a list' });
  if (c.length < min)
    throw new Skip('bad-geometry', { detail: `${c.length} positions where at least ${min} are needed` });
  return c.map((p) => position(p, convert, tally, budget));
}

function ring(c: unknown, convert: ToWgs84, tally: Tally, budget: Budget): Position[] {
  const r = line(c, 4, convert, tally, budget);
  const first = r[0]!;
  const last = r[r.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1])
    throw new Skip('bad-geometry', { detail: 'a polygon ring is not closed' });
  return r;
}

function list<T>(c: unknown, each: (x: unknown) => T, min = 1): T[] {
  if (!Array.isArray(c) || c.length < min)
    throw new Skip('bad-geometry', { detail: 'coordinates are not a list' });
  return c.map(each);
}

function geometry(g: unknown, convert: ToWgs84, tally: Tally, budget: Budget, depth: number): Geometry {
  if (g === null || g === undefined) throw new Skip('no-geometry');
  if (typeof g !== 'object') throw new Skip('bad-geometry', { detail: 'not an object' });
  if (depth > budget.maxDepth) throw new ImportFailure('too-deep', { limit: budget.maxDepth });
  const { type, coordinates: c } = g as { type?: unknown; coordinates?: unknown };
  const pos = (p: unknown) => position(p, convert, tally, budget);
  const ln = (x: unknown) => line(x, 2, convert, tally, budget);
  const poly = (x: unknown) => list(x, (r) => ring(r, convert, tally, budget));
  switch (type) {
    case 'Point':
      return { type, coordinates: pos(c) };
    case 'MultiPoint':
      return { type, coordinates: list(c, pos) };
    case 'LineString':
      return { type, coordinates: ln(c) };
    case 'MultiLineString':
      return { type, coordinates: list(c, ln) };
    case 'Polygon':
      return { type, coordinates: poly(c) };
    case 'MultiPolygon':
      return { type, coordinates: list(c, poly) };
    case 'GeometryCollection': {
      const geometries = (g as { geometries?: unknown }).geometries;
      return { type, geometries: list(geometries, (x) => geometry(x, convert, tally, budget, depth + 1)) };
    }
    default:
      throw new Skip('bad-geometry', { detail: `unknown geometry type “${String(type)}”` });
  }
}

/** Properties copied key by key into a plain object (never through a setter such as `__proto__`). */
function properties(p: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!p || typeof p !== 'object' || Array.isArray(p)) return out;
  for (const key of Object.keys(p)) {
    if (key === '__proto__') continue;
    out[key] = (p as Record<string, unknown>)[key];
  }
  return out;
}

/** The file's good features in WGS-84; bad ones go to `log`. Throws ImportFailure past a budget. */
export function normalise(
  raw: Iterable<RawFeature>,
  convert: ToWgs84,
  budget: Budget,
  log: SkipLog
): Feature[] {
  const out: Feature[] = [];
  const tally: Tally = { vertices: 0 };
  for (const { feature, where } of raw) {
    if (out.length >= budget.maxFeatures)
      throw new ImportFailure('too-many-features', { limit: budget.maxFeatures });
    try {
      if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
        throw new Skip('bad-geometry', { detail: 'not a Feature' });
      }
      const f = feature as { geometry?: unknown; properties?: unknown; id?: unknown };
      const result: Feature = {
        type: 'Feature',
        properties: properties(f.properties),
        geometry: geometry(f.geometry, convert, tally, budget, 0)
      };
      if (typeof f.id === 'string' || typeof f.id === 'number') result.id = f.id;
      out.push(result);
    } catch (error) {
      if (error instanceof Skip)
        log.add(error.code, error.field ? { ...where, field: error.field } : where, error.params);
      else throw error;
    }
  }
  return out;
}
