/**
 * Pipeline step for /data/gazetteer.json: the places people know by name — districts, towns and
 * subdistricts, metro and railway stations — one WGS-84 point each, for search and near-me. The plan's own
 * features are searchable from features.geojson and are not repeated.
 */
import { DataError } from '../../src/lib/data/data-error';
import type { Gazetteer } from '../../src/lib/plan/gazetteer';
import { gazetteerSchema, type PlanFeature } from '../../src/lib/plan/schema';
import { readRegion } from '../pipeline/features/region';
import { metroPlaces, railPlaces, readDistrictPlaces, townPlaces } from '../pipeline/gazetteer/places';
import { readRailStations } from '../pipeline/gazetteer/rail';
import { readTowns } from '../pipeline/gazetteer/towns';
import { METRO_DIR } from '../pipeline/metro/records';

/** Builds the gazetteer from the curated files and the built features, checked against its schema. */
export function buildGazetteerJson(
  asOf: string,
  features: readonly PlanFeature[],
  root = process.cwd()
): Gazetteer {
  const region = readRegion(root);
  const places = [
    ...readDistrictPlaces(region, root),
    ...townPlaces(readTowns(region, root)),
    ...metroPlaces(features, region, METRO_DIR),
    ...railPlaces(readRailStations(region, root))
  ];
  const ids = new Set<string>();
  for (const place of places) {
    if (ids.has(place.id)) throw new DataError('data/gazetteer', place.id, 'duplicate gazetteer id');
    ids.add(place.id);
  }
  const parsed = gazetteerSchema.safeParse({ as_of: asOf, places });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const index = issue?.path[1];
    const id = typeof index === 'number' ? places[index]?.id : undefined;
    throw new DataError(
      'data/gazetteer',
      id ?? 'top level',
      'gazetteer place fails the schema',
      `${issue?.path.slice(2).join('.')}: ${issue?.message}`
    );
  }
  return parsed.data;
}
