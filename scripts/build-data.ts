/**
 * Build-time data pipeline: parse and validate the curated sources under data/ and write the public
 * data files the site loads (static/data/plan.json, static/data/features.geojson, static/data/metro-building.json,
 * static/data/unmapped-places.json).
 * Any bad record stops the build with a message naming file, line and rule.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../src/lib/data/data-error';
import { buildPlan } from './steps/plan';
import { buildFeatures, readMetroBuilding } from './steps/features';
import { coverageReport, parseUnmapped, UNMAPPED_FILE, unmappedPlaces } from './coverage';

const OUT_DIR = 'static/data';

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const plan = buildPlan();
  writeFileSync(join(OUT_DIR, 'plan.json'), JSON.stringify(plan));
  const features = buildFeatures(plan);
  writeFileSync(join(OUT_DIR, 'features.geojson'), JSON.stringify(features));
  const building = readMetroBuilding().published;
  writeFileSync(join(OUT_DIR, 'metro-building.json'), JSON.stringify(building));
  const coverage = coverageReport(
    plan,
    features.features,
    parseUnmapped(readFileSync(UNMAPPED_FILE, 'utf8'), UNMAPPED_FILE)
  );
  const unmapped = unmappedPlaces(coverage);
  writeFileSync(join(OUT_DIR, 'unmapped-places.json'), JSON.stringify(unmapped));
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
