/**
 * Pipeline step for /data/features.geojson: the operating metro, the drawable lines under construction and
 * every curated layer, each checked rule by rule, in one validated GeoJSON feature collection.
 */
import { DataError } from '../../src/lib/data/data-error';
import type { Plan, PlanFeature, PlanFeatureCollection } from '../../src/lib/plan/schema';
import { CURATED_LAYER_IDS, curatedLayerFeatures, curatedLayerFile } from '../pipeline/features/curated';
import {
  checkCitedArticlesNameFeatures,
  checkPlanReferences,
  validateFeatures
} from '../pipeline/features/checks';
import { readRegion } from '../pipeline/features/region';
import { withDrawingFacts } from '../pipeline/features/drawing';
import { readMetroBuilding } from '../pipeline/metro/building';
import { readMetroFeatures } from '../pipeline/metro/operating';
import { METRO_DIR } from '../pipeline/metro/records';
import { readText } from '../pipeline/read';

/** Builds /data/features.geojson: every curated feature, validated and linked to the plan. */
export function buildFeatures(plan: Plan, root = process.cwd()): PlanFeatureCollection {
  const metro = [...readMetroFeatures(root), ...readMetroBuilding(root).features];
  validateFeatures(metro, METRO_DIR);
  checkPlanReferences(metro, plan, METRO_DIR);
  checkCitedArticlesNameFeatures(metro, plan, METRO_DIR);
  const region = readRegion(root);
  const features: PlanFeature[] = [...metro];
  const fileOf = new Map<string, string>(metro.map((f) => [f.properties.id, METRO_DIR]));
  for (const layer of CURATED_LAYER_IDS) {
    const file = curatedLayerFile(layer);
    const layerFeatures = curatedLayerFeatures(readText(root, file), file, layer, region);
    validateFeatures(layerFeatures, file);
    checkPlanReferences(layerFeatures, plan, file);
    checkCitedArticlesNameFeatures(layerFeatures, plan, file);
    for (const feature of layerFeatures) {
      const other = fileOf.get(feature.properties.id);
      if (other) {
        throw new DataError(
          file,
          `feature ${feature.properties.id}`,
          'duplicate feature id',
          `also in ${other}`
        );
      }
      fileOf.set(feature.properties.id, file);
      features.push(feature);
    }
  }
  return { type: 'FeatureCollection', features: features.map(withDrawingFacts) };
}
