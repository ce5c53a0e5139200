/**
 * Build-time data pipeline (`npm run data`): one step per public data file in static/data/, each built
 * from the curated sources under data/ and validated against its schema before it is written. Any bad
 * record stops the build with a message naming file, record and rule.
 */
import { runReportingDataErrors } from './pipeline/run';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFeatures } from './steps/features-geojson';
import { buildGazetteerJson } from './steps/gazetteer-json';
import { buildMetroBuildingJson } from './steps/metro-building-json';
import { buildOutcomesJson } from './steps/outcomes-json';
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
  // A foreign member (RFC 7946 §6.1): GeoJSON readers ignore it, the site and downloads can read it.
  write('features.geojson', { type: features.type, as_of: plan.as_of, features: features.features });
  const building = buildMetroBuildingJson(plan.as_of);
  write('metro-building.json', building);
  const unmapped = buildUnmappedPlacesJson(plan, features.features);
  write('unmapped-places.json', unmapped);
  const outcomes = buildOutcomesJson(plan);
  write('outcomes.json', outcomes);
  const gazetteer = buildGazetteerJson(plan.as_of, features.features);
  write('gazetteer.json', gazetteer);
  const withOutcome = new Set(outcomes.outcomes.map((o) => o.target)).size;
  console.log(
    `data: ${plan.articles.length} articles, ${plan.targets.length} targets, ${features.features.length} features, ${building.lines.length} metro lines under construction, ${unmapped.places.length} named places without a feature of their own, ${outcomes.outcomes.length} published outcomes for ${withOutcome} targets, ${gazetteer.places.length} gazetteer places, as of ${plan.as_of} → ${OUT_DIR}/`
  );
}

runReportingDataErrors(main);
