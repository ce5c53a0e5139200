/**
 * Pipeline step for /data/metro-building.json: every metro line or section under construction that
 * article 41 advances, with its dated facts, drawn or not (the drawn ones go into features.geojson).
 */
import { metroBuildingSchema } from '../../src/lib/plan/schema';
import type { MetroBuilding } from '../../src/lib/plan/metro-building';
import { readMetroBuilding } from '../pipeline/metro/building';

/** Reads and checks data/features/metro/building-lines.json and returns the published file. */
export function buildMetroBuildingJson(asOf: string, root = process.cwd()): MetroBuilding {
  return metroBuildingSchema.parse({ as_of: asOf, ...readMetroBuilding(root).published });
}
