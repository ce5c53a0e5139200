/**
 * `npm run data:coverage`: prints every place-like name in the plan beside the feature that maps it or the
 * curated reason it is not mapped; exits non-zero when a name has neither or an unmapped entry is stale.
 */
import { runReportingDataErrors } from './pipeline/run';
import { coverageReport, formatReport, readUnmapped } from './pipeline/coverage';
import { buildFeatures } from './steps/features-geojson';
import { buildPlan } from './steps/plan-json';

function main(): void {
  const plan = buildPlan();
  const report = coverageReport(plan, buildFeatures(plan).features, readUnmapped());
  console.log(formatReport(report));
  if (report.unresolved.length > 0 || report.stale.length > 0) process.exit(1);
}

runReportingDataErrors(main);
