/**
 * GeoJSON (FeatureCollection, Feature or bare geometry) and TopoJSON (through topojson-client). The text's
 * nesting is measured before JSON.parse so that a hostile file cannot exhaust the stack later on.
 */
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { normaliseCrs } from '../crs';
import { ImportFailure, lineAt } from '../failure';
import { SkipLog, type RawFeature } from '../normalise';
import type { Budget, CrsId } from '../types';
import type { Parsed } from './parsed';

/** The deepest nesting of arrays and objects in JSON text, stopping early once past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** Parses JSON text, reporting a syntax error's line, and a cut-off text as truncated. */
export function parseJson(text: string, budget: Budget, format: string): unknown {
  if (jsonDepth(text, budget.maxDepth) > budget.maxDepth)
    throw new ImportFailure('too-deep', { limit: budget.maxDepth });
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(detail);
    const line = /line (\d+)/.exec(detail);
    const at = pos ? Number(pos[1]) : -1;
    const where = line ? { line: Number(line[1]) } : pos ? { line: lineAt(text, at) } : undefined;
    // A text cut off mid-way fails at its very end, whatever the parser calls the error there.
    if (/end of (JSON )?input|Unterminated/i.test(detail) || at >= text.trimEnd().length - 1) {
      throw new ImportFailure('truncated', { detail }, where);
    }
    throw new ImportFailure('malformed', { format, detail }, where);
  }
}

/** The system named by GeoJSON's (2008) `crs` member, e.g. "urn:ogc:def:crs:EPSG::4549". */
function declaredCrs(value: unknown): CrsId | undefined {
  const name = (value as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return 'WGS84';
  const code = /EPSG:+(\d+)$/i.exec(name);
  if (!code) throw new ImportFailure('crs-unsupported', { detail: name }, { field: 'crs' });
  const crs = normaliseCrs(code[1]!);
  if (!crs) throw new ImportFailure('crs-unsupported', { detail: name }, { field: 'crs' });
  return crs;
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection'
]);

export function parseGeoJsonValue(value: unknown, file: string, name: string): Parsed {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportFailure('wrong-type', { format: 'GeoJSON', detail: 'the top level is not an object' });
  }
  const v = value as { type?: unknown; features?: unknown; crs?: unknown };
  const log = new SkipLog(file);
  let raw: RawFeature[];
  if (v.type === 'FeatureCollection') {
    if (!Array.isArray(v.features)) {
      throw new ImportFailure(
        'malformed',
        { format: 'GeoJSON', detail: '“features” is not a list' },
        { field: 'features' }
      );
    }
    raw = v.features.map((feature: unknown, i: number) => ({ feature, where: { feature: i } }));
  } else if (v.type === 'Feature') {
    raw = [{ feature: value, where: { feature: 0 } }];
  } else if (typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type)) {
    raw = [{ feature: { type: 'Feature', properties: {}, geometry: value }, where: { feature: 0 } }];
  } else {
    throw new ImportFailure(
      'wrong-type',
      { format: 'GeoJSON', detail: `type is “${String(v.type)}”` },
      { field: 'type' }
    );
  }
  return { format: 'geojson', layers: [{ name, raw, log, declared: declaredCrs(v.crs) }] };
}

export function parseTopoJsonValue(value: unknown, file: string, name: string): Parsed {
  const topology = value as Topology;
  if (!topology.objects || typeof topology.objects !== 'object' || !Array.isArray(topology.arcs)) {
    throw new ImportFailure('malformed', {
      format: 'TopoJSON',
      detail: 'a Topology needs “objects” and “arcs”'
    });
  }
  const keys = Object.keys(topology.objects);
  if (!keys.length) throw new ImportFailure('no-features', { skipped: 0 });
  const layers = keys.map((key) => {
    let fc: GeoJSON.FeatureCollection | GeoJSON.Feature;
    try {
      fc = topoFeature(topology, topology.objects[key] as GeometryCollection);
    } catch (error) {
      throw new ImportFailure(
        'malformed',
        { format: 'TopoJSON', detail: error instanceof Error ? error.message : String(error) },
        { field: `objects.${key}` }
      );
    }
    const features = fc.type === 'FeatureCollection' ? fc.features : [fc];
    return {
      name: keys.length === 1 ? name : `${name} – ${key}`,
      raw: features.map((feature, i) => ({ feature, where: { feature: i, field: `objects.${key}` } })),
      log: new SkipLog(file)
    };
  });
  return { format: 'topojson', layers };
}

/** GeoJSON or TopoJSON, told apart by the top-level type. */
export function parseJsonLayers(
  text: string,
  file: string,
  name: string,
  budget: Budget,
  expect: 'geojson' | 'topojson' | 'any'
): Parsed {
  const value = parseJson(text, budget, expect === 'topojson' ? 'TopoJSON' : 'GeoJSON');
  const isTopology = (value as { type?: unknown } | null)?.type === 'Topology';
  if (expect === 'topojson' && !isTopology) {
    throw new ImportFailure(
      'wrong-type',
      { format: 'TopoJSON', detail: 'type is not “Topology”' },
      { field: 'type' }
    );
  }
  return isTopology ? parseTopoJsonValue(value, file, name) : parseGeoJsonValue(value, file, name);
}
