/**
 * Build-time data pipeline (`npm run data`): one step per public data file in static/data/, each built
 * from the curated sources under data/ and validated against its schema before it is written. Any bad
 * record stops the build with a message naming file, record and rule.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../src/lib/data/data-error';
import { buildFeatures } from './steps/features-geojson';
import { buildMetroBuildingJson } from './steps/metro-building-json';
import { buildPlan } from './steps/plan-json';
import { buildUnmappedPlacesJson } from './steps/unmapped-places-json';

const OUT_DIR = 'static/data';

function write(file: string, value: unknown): void {
  writeFileSync(join(OUT_DIR, file), JSON.stringify(value));
}

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const plan = buildPlan();
  write('plan.json', plan);
  const features = buildFeatures(plan);
  write('features.geojson', features);
  const building = buildMetroBuildingJson();
  write('metro-building.json', building);
  const unmapped = buildUnmappedPlacesJson(plan, features.features);
  write('unmapped-places.json', unmapped);
  console.log(
    `data: ${plan.articles.length} articles, ${plan.targets.length} targets, ${features.features.length} features, ${building.lines.length} metro lines under construction, ${unmapped.places.length} named places without a feature of their own → ${OUT_DIR}/`
  );
}

try {
  main();
} catch (error) {
  if (error instanceof DataError) {
    console.error(`data error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
